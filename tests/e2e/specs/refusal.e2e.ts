// A refused action says why, with the rule's name, and records nothing.
import { $, $$, expect } from '@wdio/globals';
import { importFeed, openCase, screenshot, startAction, statusIs, tid } from '../support/desk.ts';

describe('a refused action', () => {
  it('shows allocation_mismatch for shares that do not sum to the disputed amount', async () => {
    await importFeed();
    await screenshot('refusal-queue.png');
    await openCase('D-501');
    await startAction('assign', { specialist: 'ana' });
    await expect($(tid('case-assignee'))).toHaveText('ana');
    await startAction('record_client_response', { decision: 'decline', statement: 'Not the brief.' });
    await statusIs('in_mediation');
    const before = (await $$(tid('timeline-event')).length);

    await startAction('issue_recommendation', {
      to_freelancer: '300.00',
      to_client: '100.00',
      rationale: 'Does not add up.',
    });
    const refusal = await $(tid('refusal'));
    await refusal.waitForDisplayed();
    await expect(refusal).toHaveText(expect.stringContaining('allocation_mismatch'));
    await expect($(tid('confirm-dialog'))).not.toBeExisting();
    await statusIs('in_mediation');
    expect((await $$(tid('timeline-event')).length)).toBe(before);
    await screenshot('refusal.png');
  });

  it('refuses a decline without a statement by its rule', async () => {
    await $(tid('back')).click();
    await openCase('D-502');
    await startAction('record_client_response', { decision: 'decline' });
    await expect($(tid('refusal'))).toHaveText(expect.stringContaining('statement_required'));
  });
});
