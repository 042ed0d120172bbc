// The README's first command for a new user: scripts/desk.sh opens the desk on
// `accord demo --cases 40 --seed 1` (support/sessions.ts makes the same
// database) with nobody chosen yet. The user says who they are and works the
// demo's walkthrough case D-501 to resolution with the keyboard alone:
// assign, the client's decline, a recommendation of 300.00 / 200.00, both
// parties accept. Nothing here clicks.
import { $, browser, expect } from '@wdio/globals';
import { FIRST_RUN } from '../support/demo.ts';
import { queueRow, screenshot, statusIs, tid } from '../support/desk.ts';
import { openCaseByKeyboard, tabTo, type } from '../support/keyboard.ts';
import { byKeyboard, D501, workD501 } from '../support/walkthrough.ts';

describe('the walkthrough case of the demo, by keyboard', () => {
  it('says who is at the desk: sam, a supervisor', async () => {
    await $(tid('profile-chooser')).waitForDisplayed({ timeout: 20_000 });
    await tabTo(tid('profile-name'));
    await type('sam');
    await tabTo('input[name="role"]');
    await browser.keys('ArrowDown'); // from the checked Specialist to Supervisor
    await expect($('input[name="role"][value="supervisor"]')).toBeSelected();
    await tabTo(tid('profile-save'));
    await browser.keys('Enter');
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('sam · supervisor'));
  });

  it('finds D-501 among the demo’s cases, new and unassigned', async () => {
    await expect($(tid('header-count'))).toHaveText(`${FIRST_RUN.cases} cases`, { wait: 20_000 });
    await $(tid('queue-row')).waitForExist();
    await browser.keys(['j', 'ArrowDown', 'k']);
    await expect($('[data-testid="queue-row"][aria-selected="true"]')).toHaveAttribute('data-index', '1');
    await openCaseByKeyboard(D501);
    await statusIs('awaiting_client_response');
    await expect($(tid('case-assignee'))).toHaveText('unassigned');
    await expect($(tid('case-disputed'))).toHaveText('$500.00');
    await expect($('[data-testid="clock"][data-clock="client_response"]')).toHaveText(
      expect.stringContaining('running'),
    );
    await screenshot('walkthrough-new.png');
  });

  workD501(byKeyboard);

  it('shows the allocation at the top of the case', async () => {
    // Tabbing went down the case to its actions; Home in the case's column
    // brings its top back, where the allocation is.
    await tabTo(tid('category-platform'));
    await browser.keys('Home');
    await expect($(tid('allocation-freelancer'))).toBeDisplayedInViewport();
    await expect($(tid('allocation-client'))).toBeDisplayedInViewport();
    await screenshot('walkthrough-resolved.png');
  });

  it('goes back to the queue with Esc, which shows the outcome', async () => {
    // The first Esc leaves the timeline's filter (a field), the second the case.
    await browser.keys('Escape');
    await expect($(tid('case-view'))).toBeExisting();
    await browser.keys('Escape');
    await $(tid('queue')).waitForExist();
    await expect($(tid('case-view'))).not.toBeExisting();
    const row = await queueRow(D501);
    await row.waitForExist();
    await expect(row).toHaveText(expect.stringContaining('recommendation accepted'));
  });
});
