// 100 000 demo cases (made by `accord demo --cases 100000` in the session's
// set-up): the queue is virtual, so the document stays small while the whole
// list scrolls, and the very end shows the last case.
import { execFileSync } from 'node:child_process';
import { $, $$, browser, expect } from '@wdio/globals';
import { screenshot, tid } from '../support/desk.ts';
import { cliBinary } from '../support/paths.ts';

/** The queue's last case in its default order, as the CLI lists it. */
function lastCaseByCli(): string {
  const db = process.env.ACCORD_E2E_DATABASE;
  if (!db) throw new Error('no ACCORD_E2E_DATABASE: see wdio.conf.ts');
  const out = execFileSync(cliBinary, ['queue', '--db', db, '--json'], { maxBuffer: 1 << 30 }).toString();
  const rows = JSON.parse(out) as { id: string }[];
  if (rows.length !== CASES) throw new Error(`the CLI lists ${rows.length} cases`);
  return rows[rows.length - 1].id;
}

const CASES = 100_000;
const MAX_NODES = 1500;

async function nodes(): Promise<number> {
  return browser.execute(() => document.getElementsByTagName('*').length);
}

describe('the queue at 100 000 cases', function () {
  this.timeout(600_000);

  it('shows the count and a first screen of rows', async () => {
    await expect($(tid('header-count'))).toHaveText(`${CASES.toLocaleString('en-US').replace(/,/g, '')} cases`, {
      wait: 60_000,
    });
    await expect($(tid('queue-total'))).toHaveText(`${CASES} shown`, { wait: 30_000 });
    await $(tid('queue-row')).waitForExist({ timeout: 30_000 });
    expect(await nodes()).toBeLessThanOrEqual(MAX_NODES);
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot('scale-queue.png');
  });

  it('scrolls to the very end with the document under 1 500 elements throughout', async () => {
    // Record the largest element count at every frame while scrolling.
    await browser.execute(() => {
      const w = window as unknown as { __maxNodes: number; __sampling: boolean };
      w.__maxNodes = 0;
      w.__sampling = true;
      const sample = () => {
        w.__maxNodes = Math.max(w.__maxNodes, document.getElementsByTagName('*').length);
        if (w.__sampling) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    const queue = await $(tid('queue'));
    for (let step = 1; step <= 10; step++) {
      await browser.execute(
        (el, f) => {
          (el as HTMLElement).scrollTop = ((el as HTMLElement).scrollHeight * f) / 10;
        },
        queue,
        step,
      );
      await browser.pause(150);
      expect(await nodes()).toBeLessThanOrEqual(MAX_NODES);
    }
    await browser.execute((el) => {
      (el as HTMLElement).scrollTop = (el as HTMLElement).scrollHeight;
    }, queue);
    const last = await $(`[data-testid="queue-row"][data-index="${CASES - 1}"]`);
    await last.waitForExist({ timeout: 300_000, interval: 500 });
    await last.waitForDisplayed();
    const lastId = await last.getAttribute('data-case-id');
    expect(lastId).toBe(lastCaseByCli());
    expect(await nodes()).toBeLessThanOrEqual(MAX_NODES);
    const max = await browser.execute(() => {
      const w = window as unknown as { __maxNodes: number; __sampling: boolean };
      w.__sampling = false;
      return w.__maxNodes;
    });
    expect(max).toBeLessThanOrEqual(MAX_NODES);
    expect((await $$(tid('queue-row')).length)).toBeLessThan(100);
    console.log(`last row ${lastId}; at most ${max} elements while scrolling`);
    await screenshot('scale-queue-end.png');

    // The last case opens like any other, and Esc comes back to the queue's end.
    await last.$('button').click();
    await expect($(tid('case-header'))).toHaveText(expect.stringContaining(lastId ?? ''));
    await screenshot('scale-case.png');
    await browser.keys('Escape');
    await $(`[data-testid="queue-row"][data-case-id="${lastId}"]`).waitForExist({ timeout: 60_000 });
    expect(await nodes()).toBeLessThanOrEqual(MAX_NODES);
  });
});
