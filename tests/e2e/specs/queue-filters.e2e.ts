// The queue's filters, sorts, search and counts per status, on a demo of
// QUEUE_DEMO_CASES cases: after each change every row the desk shows (id,
// order, status, amount, assignee, parties, overdue badge) must be what
// `accord queue --json` lists for the same query, read from the database
// independently of the webview.
import { $, browser, expect } from '@wdio/globals';
import { queueByCli, type CliRow } from '../support/cli.ts';
import { screenshot, tid } from '../support/desk.ts';
import { cents } from '../support/policies.ts';
import { QUEUE_DEMO_CASES } from '../support/prepared.ts';
import { countsByStatus, expectChips, expectQueue } from '../support/queue.ts';

const checkbox = (label: string) => $(`//label[normalize-space()="${label}"]/input[@type="checkbox"]`);
const chip = (status: string) => $(`[data-testid="status-count"][data-status="${status}"]`);

async function setChecked(label: string, on: boolean): Promise<void> {
  const box = await checkbox(label);
  if ((await box.isSelected()) !== on) await box.click();
  expect(await box.isSelected()).toBe(on);
}

async function select(testid: string, value: string): Promise<void> {
  await $(tid(testid)).selectByAttribute('value', value);
}

/** Types into a field from empty, as a user would (select all, delete, type). */
async function typeInto(testid: string, text: string): Promise<void> {
  const field = await $(tid(testid));
  await field.click();
  await browser.keys(['Control', 'a']);
  await browser.keys(['Backspace']);
  // Element keys, not browser.keys: WebKitWebDriver drops a key repeated in one keys action ("00" → "0").
  if (text) await field.addValue(text);
  expect(await field.getValue()).toBe(text);
}

/** Both the rows and the counts per status must be the CLI's for these flags. */
async function expectLikeCli(flags: string[], statuses: string[] = []): Promise<CliRow[]> {
  const rows = queueByCli([...flags, ...statuses.flatMap((s) => ['--status', s])]);
  await expectQueue(rows);
  // The chips count every status under the other filters.
  await expectChips(statuses.length ? queueByCli(flags) : rows);
  return rows;
}

/**
 * The CLI's own order checked too: by `key` (ties by id), in `direction`;
 * rows without a key (no running clock) last either way.
 */
function expectOrdered(rows: CliRow[], key: (r: CliRow) => bigint | null, direction: 'asc' | 'desc'): CliRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byId = (a: CliRow, b: CliRow) => sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const cmp = (a: CliRow, b: CliRow) => {
    const [x, y] = [key(a), key(b)];
    if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
    return x !== y ? sign * (x < y ? -1 : 1) : byId(a, b);
  };
  expect(rows.map((r) => r.id)).toEqual([...rows].sort(cmp).map((r) => r.id));
  return rows;
}
const byDisputed = (r: CliRow) => cents(r.disputed);
const byFiled = (r: CliRow) => BigInt(Date.parse(r.filed_at));
const byNextDue = (r: CliRow) => (r.next_due ? BigInt(Date.parse(r.next_due)) : null);

describe('the queue’s filters, sorts and search', function () {
  this.timeout(600_000);
  let all: CliRow[] = [];

  before(async () => {
    await expect($(tid('header-count'))).toHaveText(`${QUEUE_DEMO_CASES} cases`, { wait: 30_000 });
    all = queueByCli();
    expect(all).toHaveLength(QUEUE_DEMO_CASES);
  });

  it('lists every case by next clock due, with the count of each status', async () => {
    await expectLikeCli([]);
    // The demo has cases in every status.
    const counts = countsByStatus(all, []);
    expect(Object.keys(counts).sort()).toHaveLength(7);
    for (const [status, n] of Object.entries(counts)) {
      expect(n).toBeGreaterThan(0);
      await expect(chip(status)).toHaveText(expect.stringContaining(String(n)));
    }
    await expect($(tid('queue-total'))).toHaveText(`${QUEUE_DEMO_CASES} shown`);
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot('queue-filters-all.png');
  });

  it('filters by one status, then by two', async () => {
    await chip('in_mediation').click();
    await expect(chip('in_mediation')).toHaveAttribute('aria-pressed', 'true');
    const one = await expectLikeCli([], ['in_mediation']);
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((r) => r.status === 'in_mediation')).toBe(true);

    await chip('awaiting_client_response').click();
    const two = await expectLikeCli([], ['in_mediation', 'awaiting_client_response']);
    expect(two.length).toBeGreaterThan(one.length);

    await chip('in_mediation').click();
    await chip('awaiting_client_response').click();
    await expectLikeCli([]);
  });

  it('shows only unassigned cases', async () => {
    await setChecked('Unassigned', true);
    const rows = await expectLikeCli(['--unassigned']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.assigned_to === null)).toBe(true);
    await setChecked('Unassigned', false);
  });

  it('shows the cases assigned to me: sam’s, then ana’s once ana is at the desk', async () => {
    await setChecked('Assigned to me', true);
    await expectLikeCli(['--assigned', 'sam']);

    await $(tid('header-profile')).click();
    await $(tid('profile-name')).setValue('ana');
    await $('input[name="role"][value="specialist"]').click();
    await $(tid('profile-save')).click();
    await expect($(tid('header-profile'))).toHaveText(expect.stringContaining('ana · specialist'));
    await expect(checkbox('Assigned to me')).toBeSelected();
    const rows = await expectLikeCli(['--assigned', 'ana']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.assigned_to === 'ana')).toBe(true);
    await screenshot('queue-filters-mine.png');
    await setChecked('Assigned to me', false);
  });

  it('shows only overdue cases, each with its badge', async () => {
    await setChecked('Overdue', true);
    const rows = await expectLikeCli(['--overdue']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.overdue)).toBe(true);
    await setChecked('Overdue', false);
  });

  it('filters by policy and by ground, alone and together', async () => {
    await select('filter-policy', 'upwork-fp-2019');
    const policy = await expectLikeCli(['--policy', 'upwork-fp-2019']);
    expect(policy.length).toBeGreaterThan(0);
    expect(policy.every((r) => r.policy === 'upwork-fp-2019')).toBe(true);

    await select('filter-ground', 'milestone_not_released');
    const both = await expectLikeCli(['--policy', 'upwork-fp-2019', '--ground', 'milestone_not_released']);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(policy.length);

    await select('filter-policy', '');
    const ground = await expectLikeCli(['--ground', 'milestone_not_released']);
    expect(ground.every((r) => r.ground === 'milestone_not_released')).toBe(true);
    await select('filter-ground', '');
    await expectLikeCli([]);
  });

  it('filters by disputed amount, both bounds included', async () => {
    // Bounds that are amounts some cases have, so that inclusion shows.
    const amounts = [...new Set(all.map((r) => r.disputed))].sort((a, b) => (cents(a) < cents(b) ? -1 : 1));
    const min = amounts[Math.floor(amounts.length / 4)];
    const max = amounts[Math.floor(amounts.length / 2)];
    const inRange = (r: CliRow) => cents(r.disputed) >= cents(min) && cents(r.disputed) <= cents(max);
    // The CLI has no amount flags: its full listing, narrowed here exactly, in its order.
    const expected = all.filter(inRange);
    expect(expected.some((r) => r.disputed === min) && expected.some((r) => r.disputed === max)).toBe(true);

    await typeInto('filter-min', min);
    await typeInto('filter-max', max);
    await expectQueue(expected);
    await expectChips(expected);

    // Not a decimal: the desk says so instead of querying.
    await typeInto('filter-max', '12.345');
    await expect($('p.error[role="alert"]')).toHaveText('Amounts are decimals like 1000.00');
    await typeInto('filter-min', '');
    await typeInto('filter-max', '');
    await expect($('p.error[role="alert"]')).not.toBeExisting();
    await expectQueue(all);
  });

  it('sorts by disputed amount, by filed date and by next clock due, both ways', async () => {
    await select('sort', 'disputed');
    await expectQueue(expectOrdered(queueByCli(['--sort', 'disputed']), byDisputed, 'asc'));
    await select('direction', 'desc');
    await expectQueue(expectOrdered(queueByCli(['--sort', 'disputed', '--desc']), byDisputed, 'desc'));
    await screenshot('queue-filters-disputed-desc.png');

    await select('sort', 'filed');
    await expectQueue(expectOrdered(queueByCli(['--sort', 'filed', '--desc']), byFiled, 'desc'));
    await select('direction', 'asc');
    await expectQueue(expectOrdered(queueByCli(['--sort', 'filed']), byFiled, 'asc'));

    await select('sort', 'next_due');
    await select('direction', 'desc');
    await expectQueue(expectOrdered(queueByCli(['--sort', 'next-due', '--desc']), byNextDue, 'desc'));
    await select('direction', 'asc');
    await expectQueue(expectOrdered(all, byNextDue, 'asc'));
  });

  it('searches by case id prefix, in any case', async () => {
    // An id less its last digit that several cases share (D-1-0004: D-1-00040 to D-1-00049).
    const shared = (p: string) => all.filter((r) => r.id.startsWith(p)).length > 1;
    const prefix = all.map((r) => r.id.slice(0, -1)).find(shared);
    if (!prefix) throw new Error('no two case ids share all but their last character');
    await typeInto('search', prefix.toLowerCase());
    const rows = await expectLikeCli(['--search', prefix.toLowerCase()]);
    // Independently: exactly the ids that start with it.
    expect(rows.map((r) => r.id).sort()).toEqual(all.filter((r) => r.id.startsWith(prefix)).map((r) => r.id).sort());
    expect(rows.length).toBeGreaterThan(1);

    const id = all[all.length - 1].id;
    await typeInto('search', id);
    const one = await expectLikeCli(['--search', id]);
    expect(one.map((r) => r.id)).toEqual([id]);
  });

  it('searches by party name, a part of it in any case', async () => {
    // A word of some client's name, upper-cased: it matches clients and freelancers alike.
    const word = all
      .flatMap((r) => r.client_name.split(/\s+/))
      .find((w) => w.length >= 5 && /^[A-Za-z]+$/.test(w));
    if (!word) throw new Error('no client name has a plain word of five letters');
    const needle = word.slice(1).toUpperCase();
    await typeInto('search', needle);
    const rows = await expectLikeCli(['--search', needle]);
    const has = (name: string) => name.toLowerCase().includes(needle.toLowerCase());
    expect(rows.map((r) => r.id).sort()).toEqual(
      all.filter((r) => has(r.client_name) || has(r.freelancer_name)).map((r) => r.id).sort(),
    );
    expect(rows.length).toBeGreaterThan(0);
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot('queue-filters-search.png');

    await typeInto('search', '');
    await expectQueue(all);
  });
});
