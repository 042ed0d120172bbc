// The D-501 story of spec/scenario.md at the desk: import, assign, the
// client's decline, a recommendation both parties accept, by mouse (the
// walkthrough spec works the demo's D-501 by keyboard).
import { $, $$, browser, expect } from '@wdio/globals';
import { importFeed, openCase, queueRow, screenshot, tid } from '../support/desk.ts';
import { openCaseByKeyboard } from '../support/keyboard.ts';
import { byMouse, D501, workD501 } from '../support/walkthrough.ts';

describe('a dispute worked from import to resolution', () => {
  it('imports the feed with the import button', async () => {
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('sam'));
    await importFeed();
    await expect($(tid('header-count'))).toHaveText('3 cases');
    await (await queueRow(D501)).waitForExist();
    const chip = await $('[data-testid="status-count"][data-status="awaiting_client_response"]');
    await expect(chip).toHaveText(expect.stringMatching(/\d/));
    await screenshot('flow-queue.png');
  });

  it('opens D-501 with the keyboard only: / search, Enter', async () => {
    await openCaseByKeyboard(D501);
    await browser.keys('Escape');
    await $(tid('queue')).waitForExist();
    await expect($(tid('case-view'))).not.toBeExisting();
  });

  it('opens D-501 by mouse', async () => {
    await openCase(D501);
  });

  workD501(byMouse);

  it('shows the whole story in the timeline', async () => {
    expect((await $$(tid('timeline-event')).length)).toBeGreaterThan(8);
    await screenshot('case-view.png');
    await screenshot('flow-case.png');
  });

  it('goes back to the queue, which shows the outcome', async () => {
    await $(tid('back')).click();
    const search = await $(tid('search'));
    await search.click();
    await browser.keys(['Control', 'a']);
    await browser.keys(['Backspace']);
    await browser.waitUntil(async () => (await $$(tid('queue-row')).length) === 3);
    const row = await queueRow(D501);
    await row.waitForExist();
    await expect(row).toHaveText(expect.stringContaining('recommendation accepted'));
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot('queue.png');
  });
});
