// Reading the desk's queue as shown, and comparing it with the CLI's rows.
// The queue is virtual (only the rows near the viewport exist), so reading
// every matching row means scrolling through it.
import { $, $$, browser, expect } from '@wdio/globals';
import type { CliRow } from './cli.ts';
import { tid } from './desk.ts';
import { usd } from './policies.ts';

/** One row as the desk shows it; `status` is the status cell's text (status and outcome, in words). */
export interface ShownRow {
  id: string;
  status: string;
  amount: string;
  assignee: string;
  parties: string;
  overdue: boolean;
}

/** The same fields as the desk must show them for a CLI row. */
export function asShown(r: CliRow): ShownRow {
  const words = (s: string) => s.replace(/_/g, ' ');
  return {
    id: r.id,
    status: words(r.status) + (r.outcome ? words(r.outcome) : ''),
    amount: usd(r.disputed),
    assignee: r.assigned_to ?? '—',
    parties: `${r.client_name} / ${r.freelancer_name}`,
    overdue: r.overdue,
  };
}

interface Rendered {
  rows: (ShownRow & { index: number })[];
  pending: number;
}

/** The rows rendered now (and how many still say Loading…), read in one call. */
function rendered(): Promise<Rendered> {
  return browser.execute(() => {
    const text = (el: Element | null) => (el?.textContent ?? '').trim();
    const rows = [...document.querySelectorAll('[data-testid="queue-row"]')].map((row) => ({
      index: Number(row.getAttribute('data-index')),
      id: row.getAttribute('data-case-id') ?? '',
      status: text(row.querySelector('.c-status')),
      amount: text(row.querySelector('.c-amount')),
      assignee: text(row.querySelector('.c-assignee')),
      parties: text(row.querySelector('.c-parties')),
      overdue: row.querySelector('.c-due .badge') !== null,
    }));
    return { rows, pending: document.querySelectorAll('[data-testid="queue-row-pending"]').length };
  });
}

/** The number in "N shown". */
export async function shownTotal(): Promise<number> {
  const text = await $(tid('queue-total')).getText();
  const m = /^(\d+) shown$/.exec(text);
  if (!m) throw new Error(`queue-total reads "${text}"`);
  return Number(m[1]);
}

/** Every row of the current query in the desk's order, scrolling the queue from top to bottom. */
export async function shownRows(): Promise<ShownRow[]> {
  const total = await shownTotal();
  const seen = new Map<number, ShownRow>();
  const queue = await $(tid('queue'));
  let top = 0;
  for (let guard = 0; seen.size < total && guard < 10_000; guard++) {
    await browser.execute((el, t) => ((el as HTMLElement).scrollTop = t), queue, top);
    let now: Rendered = { rows: [], pending: 0 };
    await browser.waitUntil(
      async () => {
        now = await rendered();
        return now.pending === 0 && now.rows.length > 0;
      },
      { timeoutMsg: `queue rows never loaded at scrollTop ${top}` },
    );
    for (const r of now.rows) {
      // In ShownRow's key order, for comparing as JSON.
      const { id, status, amount, assignee, parties, overdue } = r;
      seen.set(r.index, { id, status, amount, assignee, parties, overdue });
    }
    const last = Math.max(...now.rows.map((r) => r.index));
    if (last >= total - 1) break;
    // Rows have one height: scroll so that the last row seen is near the top.
    const height = await browser.execute(
      () => document.querySelector('[data-testid="queue-row"]')?.getBoundingClientRect().height ?? 0,
    );
    if (!height) throw new Error('queue rows have no height');
    top = Math.max(top + 1, Math.floor((last - 1) * height));
  }
  await browser.execute((el) => ((el as HTMLElement).scrollTop = 0), queue);
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/** The status chips' counts, by status. */
export async function chipCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const chip of await $$(tid('status-count'))) {
    out[(await chip.getAttribute('data-status')) ?? '?'] = Number(await chip.$('b').getText());
  }
  return out;
}

/**
 * Waits until the desk shows exactly these rows, in this order (the queue
 * reloads after every filter change), then asserts it, so that a failure
 * shows the difference.
 */
export async function expectQueue(expected: CliRow[], timeout = 30_000): Promise<void> {
  const want = expected.map(asShown);
  let got: ShownRow[] = [];
  try {
    await browser.waitUntil(
      async () => {
        if ((await shownTotal()) !== want.length) return false;
        got = want.length ? await shownRows() : [];
        return JSON.stringify(got) === JSON.stringify(want);
      },
      { timeout, interval: 300 },
    );
  } catch {
    // Fall through to the assertion, which says what differs.
  }
  expect(await shownTotal()).toBe(want.length);
  expect(got).toEqual(want);
  if (want.length === 0) await expect($(tid('queue-empty'))).toBeDisplayed();
}

/** Cases per status (every status present, zero when none), as the chips count them. */
export function countsByStatus(rows: CliRow[], statuses: string[]): Record<string, number> {
  const out = Object.fromEntries(statuses.map((s) => [s, 0]));
  for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

/** Waits until the chips count these rows per status, then asserts it. */
export async function expectChips(rows: CliRow[]): Promise<void> {
  const statuses = Object.keys(await chipCounts());
  const want = countsByStatus(rows, statuses);
  await browser
    .waitUntil(async () => JSON.stringify(await chipCounts()) === JSON.stringify(want), { timeout: 15_000 })
    .catch(() => undefined);
  expect(await chipCounts()).toEqual(want);
}
