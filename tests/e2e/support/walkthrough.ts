// The spec's walkthrough of D-501 (spec/examples/scenario-d501-accepted.json)
// once the case is open: assign, the client's decline, a recommendation of
// 300.00 / 200.00, both parties accept. The flow spec works it by mouse on an
// imported feed, the walkthrough spec by keyboard on the demo database.
import { $, expect } from '@wdio/globals';
import { confirmDialog, startAction, statusIs, tid } from './desk.ts';
import { confirmByKeyboard, startActionByKeyboard } from './keyboard.ts';

export const D501 = 'D-501';

/** How the steps are done: an action's form filled and submitted, the money dialog confirmed. */
export interface Hands {
  act(kind: string, fields: Record<string, string>): Promise<void>;
  confirm(): Promise<string>;
}

export const byMouse: Hands = { act: startAction, confirm: confirmDialog };
export const byKeyboard: Hands = { act: startActionByKeyboard, confirm: confirmByKeyboard };

/** The walkthrough's steps, one `it` each, on the open case D-501 (new and unassigned). */
export function workD501(hands: Hands): void {
  it('assigns D-501 to ana', async () => {
    await statusIs('awaiting_client_response');
    await hands.act('assign', { specialist: 'ana' });
    await expect($(tid('case-assignee'))).toHaveText('ana');
  });

  it('records the client’s decline with a statement', async () => {
    const statement = 'The concepts ignored the brief.';
    await hands.act('record_client_response', { decision: 'decline', statement });
    await statusIs('in_mediation');
    await expect($(tid('case-view'))).toHaveText(expect.stringContaining(statement));
  });

  it('issues a recommendation of 300.00 / 200.00', async () => {
    await hands.act('issue_recommendation', {
      to_freelancer: '300.00',
      to_client: '200.00',
      rationale: 'Two of three concepts met the brief.',
    });
    expect(await hands.confirm()).toContain('recommendation issued');
    await statusIs('awaiting_recommendation_responses');
  });

  it('records both acceptances, confirming the allocation first', async () => {
    await hands.act('record_recommendation_response', { party: 'client', decision: 'accept' });
    await hands.confirm();
    await hands.act('record_recommendation_response', { party: 'freelancer', decision: 'accept' });
    await $(tid('confirm-dialog')).waitForDisplayed();
    await expect($(tid('preview-allocation'))).toHaveText(expect.stringContaining('$300.00'));
    await expect($(tid('preview-allocation'))).toHaveText(expect.stringContaining('$200.00'));
    await hands.confirm();
    await statusIs('resolved');
    await expect($(tid('case-outcome'))).toHaveText('recommendation_accepted');
    await expect($(tid('allocation-freelancer'))).toHaveText('$300.00');
    await expect($(tid('allocation-client'))).toHaveText('$200.00');
    await expect($(tid('ledger-in_escrow'))).toHaveText('$0.00');
    await expect($('[data-testid="clock"][data-clock="client_response"]')).toHaveText(
      expect.stringContaining('stopped'),
    );
  });
}
