// The extend-clock form, as ana, the assigned specialist (DOMAIN.md,
// Clocks): an extension moves the clock's due time by its days in the
// clock's own unit and is listed under the party the clock waits for (both
// parties, for the response clocks); past the policy's limit per clock the
// desk refuses it by rule, inline, and records nothing.
import { $, $$, expect } from '@wdio/globals';
import { caseByCli, type CliClock } from '../support/cli.ts';
import { openCase, screenshot, startAction, tid } from '../support/desk.ts';
import { addDays, policyFor, sameInstant, utcText, type Policy } from '../support/policies.ts';
import { caseId, EXTENSION } from '../support/prepared.ts';

const CLIENT_CASE = caseId(EXTENSION.clientResponse.n);
const BOTH_CASE = caseId(EXTENSION.recommendationResponse.n);

const clockSel = (name: string) => `[data-testid="clock"][data-clock="${name}"]`;
const clockEl = (name: string) => $(clockSel(name));
/** Where the desk shows the clock's due time (looked up afresh: the panel re-renders after an action). */
const dueEl = (name: string) => $(`${clockSel(name)} .clock-due`);

function cliClock(id: string, name: string): CliClock {
  const clock = caseByCli(id).clocks.find((c) => c.name === name);
  if (!clock) throw new Error(`${id} has no ${name} clock`);
  return clock;
}

/** The extension lines shown under each party the clock waits for, by the column's heading. */
async function extensionsByParty(name: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const col of await (await clockEl(name)).$$('.ext-col')) {
    const heading = await col.$('i').getText();
    const lines = await col.$$('div:not(.muted)').map((d) => d.getText());
    out[heading] = lines;
  }
  return out;
}

async function extend(clock: string, days: number, reason: string): Promise<void> {
  await startAction('extend_clock', { clock, days: String(days), reason });
}

/** Extends and waits until the desk shows it recorded. */
async function extendRecorded(clock: string, days: number, reason: string): Promise<void> {
  await extend(clock, days, reason);
  await expect($(tid('action-done'))).toHaveText(expect.stringContaining('Extend clock: recorded'));
  await expect($(tid('action-form'))).not.toBeExisting();
}

/** Extends, expecting the refusal by `rule` shown in the form, with nothing recorded. */
async function extendRefused(id: string, clock: string, days: number, rule: string): Promise<void> {
  const before = cliClock(id, clock);
  const events = (await $$(tid('timeline-event'))).length;
  await extend(clock, days, 'One more try.');
  const refusal = await $(tid('refusal'));
  await refusal.waitForDisplayed();
  await expect($(tid('refusal-rule'))).toHaveText(rule);
  await expect($(tid('action-form'))).toBeDisplayed();
  await expect($(tid('action-form'))).toHaveAttribute('data-kind', 'extend_clock');
  expect((await $$(tid('timeline-event'))).length).toBe(events);
  const after = cliClock(id, clock);
  expect(after.due).toBe(before.due);
  expect(after.extensions).toEqual(before.extensions);
}

describe('extending a clock', () => {
  let policy: Policy;
  let limit: number;
  before(() => {
    policy = policyFor(caseByCli(CLIENT_CASE).filed_at);
    limit = policy.specialist_extension_limit_days;
  });

  it('moves the client response clock by business days, under the client', async () => {
    expect(limit).toBe(3); // upwork-fp-2023: what the steps below are sized for
    const start = cliClock(CLIENT_CASE, 'client_response');
    expect(start.state).toBe('running');
    expect(start.unit).toBe(policy.clocks.client_response.unit);
    expect(start.waiting_for).toEqual(['client']);
    expect(start.extensions).toEqual([]);

    await openCase(CLIENT_CASE);
    await expect(dueEl('client_response')).toHaveText(expect.stringContaining(utcText(start.due)));
    await expect(clockEl('client_response')).toHaveText(expect.stringContaining(`Specialist extensions: 0 of ${limit} days`));

    await extendRecorded('client_response', 2, 'The client is travelling this week.');
    const due = addDays(start.due, 2, 'business');
    // Business days: not the calendar's (prepared.ts files it so that the two differ here).
    expect(sameInstant(due, addDays(start.due, 2, 'calendar'))).toBe(false);
    await expect(dueEl('client_response')).toHaveText(expect.stringContaining(utcText(due)));
    await expect(clockEl('client_response')).toHaveText(expect.stringContaining(`Specialist extensions: 2 of ${limit} days`));
    const shown = await extensionsByParty('client_response');
    expect(Object.keys(shown)).toEqual([`Extensions for Client ${EXTENSION.clientResponse.n} (client)`]);
    const [lines] = Object.values(shown);
    expect(lines).toEqual([`+2 business by specialist:ana: The client is travelling this week. → ${utcText(due)}`]);

    // The database holds the same: the new due time and the extension.
    const after = cliClock(CLIENT_CASE, 'client_response');
    expect(sameInstant(after.due, due)).toBe(true);
    expect(after.extensions.map((e) => [e.actor, e.days])).toEqual([['specialist:ana', 2]]);
    expect(after.specialist_days).toBe(2);
    await screenshot('extend-clock.png');
  });

  it('refuses a specialist’s extension past the limit, inline, by extension_limit', async () => {
    await extendRefused(CLIENT_CASE, 'client_response', limit - 1, 'extension_limit');
    await expect($(tid('refusal'))).toHaveText(expect.stringContaining('extension limit'));
    await screenshot('extend-clock-refused.png');
  });

  it('allows one more day, up to the limit exactly, then refuses the next', async () => {
    const before = cliClock(CLIENT_CASE, 'client_response');
    await extendRecorded('client_response', 1, 'Reached the client’s assistant.');
    const due = addDays(before.due, 1, 'business');
    await expect(dueEl('client_response')).toHaveText(expect.stringContaining(utcText(due)));
    await expect(clockEl('client_response')).toHaveText(expect.stringContaining(`Specialist extensions: ${limit} of ${limit} days`));
    const [lines] = Object.values(await extensionsByParty('client_response'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`+1 business by specialist:ana: Reached the client’s assistant. → ${utcText(due)}`);

    await extendRefused(CLIENT_CASE, 'client_response', 1, 'extension_limit');
  });

  it('refuses days outside 1–365 by invalid_days', async () => {
    await extendRefused(CLIENT_CASE, 'client_response', 0, 'invalid_days');
  });

  it('lists an extension of the recommendation response clock under both parties', async () => {
    await $(tid('back')).click();
    const start = cliClock(BOTH_CASE, 'recommendation_response');
    expect(start.state).toBe('running');
    expect(start.waiting_for).toEqual(['client', 'freelancer']);

    await openCase(BOTH_CASE);
    await extendRecorded('recommendation_response', 1, 'Both parties asked for a day more.');
    const due = addDays(start.due, 1, start.unit);
    expect(start.unit).toBe('calendar');
    await expect(dueEl('recommendation_response')).toHaveText(expect.stringContaining(utcText(due)));
    const line = `+1 calendar by specialist:ana: Both parties asked for a day more. → ${utcText(due)}`;
    const n = EXTENSION.recommendationResponse.n;
    expect(await extensionsByParty('recommendation_response')).toEqual({
      [`Extensions for Client ${n} (client)`]: [line],
      [`Extensions for Freelancer ${n} (freelancer)`]: [line],
    });
    expect(sameInstant(cliClock(BOTH_CASE, 'recommendation_response').due, due)).toBe(true);
    // The other running clock of the case did not move.
    expect(cliClock(BOTH_CASE, 'mediation').extensions).toEqual([]);
    await screenshot('extend-clock-both.png');
  });
});
