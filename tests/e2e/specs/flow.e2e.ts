// The D-501 story of spec/scenario.md at the desk: import, assign, the
// client's decline, a recommendation both parties accept.
import { $, $$, browser, expect } from '@wdio/globals';
import {
  confirmDialog,
  importFeed,
  openCase,
  queueRow,
  screenshot,
  startAction,
  statusIs,
  tid,
} from '../support/desk.ts';

describe('a dispute worked from import to resolution', () => {
  it('imports the feed with the import button', async () => {
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('sam'));
    await importFeed();
    await expect($(tid('header-count'))).toHaveText('3 cases');
    await (await queueRow('D-501')).waitForExist();
    const chip = await $('[data-testid="status-count"][data-status="awaiting_client_response"]');
    await expect(chip).toHaveText(expect.stringMatching(/\d/));
    await screenshot('flow-queue.png');
  });

  it('opens D-501 with the keyboard only: / search, Enter', async () => {
    await browser.keys('/');
    await expect($(tid('search'))).toBeFocused();
    await browser.keys('D-501'.split(''));
    await browser.waitUntil(async () => (await $$(tid('queue-row')).length) === 1 && (await (await queueRow('D-501')).isExisting()));
    await browser.keys('Enter');
    await $(tid('case-view')).waitForExist();
    await expect($(tid('case-header'))).toHaveText(expect.stringContaining('D-501'));
    await browser.keys('Escape');
    await $(tid('queue')).waitForExist();
    await expect($(tid('case-view'))).not.toBeExisting();
  });

  it('assigns D-501 to ana', async () => {
    await openCase('D-501');
    await statusIs('awaiting_client_response');
    await startAction('assign', { specialist: 'ana' });
    await expect($(tid('case-assignee'))).toHaveText('ana');
  });

  it('records the client’s decline with a statement', async () => {
    await startAction('record_client_response', {
      decision: 'decline',
      statement: 'The concepts ignored the brief.',
    });
    await statusIs('in_mediation');
    await expect($(tid('case-view'))).toHaveText(expect.stringContaining('The concepts ignored the brief.'));
  });

  it('issues a recommendation of 300.00 / 200.00', async () => {
    await startAction('issue_recommendation', {
      to_freelancer: '300.00',
      to_client: '200.00',
      rationale: 'Two of three concepts met the brief.',
    });
    const text = await confirmDialog();
    expect(text).toContain('recommendation issued');
    await statusIs('awaiting_recommendation_responses');
  });

  it('records both acceptances, confirming the allocation first', async () => {
    await startAction('record_recommendation_response', { party: 'client', decision: 'accept' });
    await confirmDialog();
    await startAction('record_recommendation_response', { party: 'freelancer', decision: 'accept' });
    const dialog = await $(tid('confirm-dialog'));
    await dialog.waitForDisplayed();
    await expect($(tid('preview-allocation'))).toHaveText(expect.stringContaining('$300.00'));
    await expect($(tid('preview-allocation'))).toHaveText(expect.stringContaining('$200.00'));
    await confirmDialog();
    await statusIs('resolved');
    await expect($(tid('case-outcome'))).toHaveText('recommendation_accepted');
    await expect($(tid('allocation-freelancer'))).toHaveText('$300.00');
    await expect($(tid('allocation-client'))).toHaveText('$200.00');
    await expect($(tid('ledger-in_escrow'))).toHaveText('$0.00');
    expect((await $$(tid('timeline-event')).length)).toBeGreaterThan(8);
    await expect($('[data-testid="clock"][data-clock="client_response"]')).toHaveText(expect.stringContaining('stopped'));
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
    const row = await queueRow('D-501');
    await row.waitForExist();
    await expect(row).toHaveText(expect.stringContaining('recommendation accepted'));
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot('queue.png');
  });
});
