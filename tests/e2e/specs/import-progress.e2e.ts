// Importing at the desk (spec/feed.md, Import rules), from an empty
// database: an invalid feed is refused whole, the error naming the JSON path
// and the rule as the CLI does; a large feed shows a progress bar that
// advances and ends with the import's report, the same report the CLI gives
// for the same file; importing it again changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { $, browser, expect } from '@wdio/globals';
import { accord, accordFails, e2eDatabase, queueByCli } from '../support/cli.ts';
import { screenshot, tid } from '../support/desk.ts';
import { dialogFeedPath, disputeFeed, minutesAgo } from '../support/prepared.ts';

/** Contracts in the large feed, one dispute (five events) each: some seconds of work for a debug build. */
const LARGE = 20_000;

const progressSel = tid('import-progress');

/** What a session's desk reads when its import button is clicked (ACCORD_DIALOG_FILE). */
function offer(feed: unknown): string {
  const file = dialogFeedPath(e2eDatabase());
  fs.writeFileSync(file, JSON.stringify(feed));
  return file;
}

/** A scratch database beside the desk's, for the CLI's own import of the same file. */
function scratchDatabase(name: string): string {
  return path.join(path.dirname(e2eDatabase()), `${name}.db`);
}

interface Sample {
  value: number | null;
  max: number | null;
  note: string;
}

/** Records, at every frame, each change of the import's progress bar (until stopSampling). */
async function startSampling(): Promise<void> {
  await browser.execute((sel) => {
    const w = window as unknown as { __samples: Sample[]; __sampling: boolean };
    w.__samples = [];
    w.__sampling = true;
    let last = '';
    const sample = () => {
      const bar = document.querySelector(sel) as HTMLProgressElement | null;
      if (bar) {
        const s = {
          value: bar.hasAttribute('value') ? bar.value : null,
          max: bar.hasAttribute('max') ? bar.max : null,
          note: bar.parentElement?.querySelector('.note')?.textContent?.trim() ?? '',
        };
        const key = JSON.stringify(s);
        if (key !== last) w.__samples.push(s);
        last = key;
      }
      if (w.__sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }, progressSel);
}

async function stopSampling(): Promise<Sample[]> {
  return browser.execute(() => {
    const w = window as unknown as { __samples: Sample[]; __sampling: boolean };
    w.__sampling = false;
    return w.__samples;
  });
}

interface Report {
  cases_opened: number;
  cases_updated: number;
  events_added: number;
}

const reportText = (r: Report) =>
  `${r.cases_opened} cases opened, ${r.cases_updated} updated, ${r.events_added} events added`;

/** Clicks Import, samples the bar until the report shows; returns the samples. */
async function importWithProgress(): Promise<Sample[]> {
  await startSampling();
  const button = await $(tid('import-button'));
  await button.waitForClickable({ timeout: 20_000 });
  await button.click();
  await $(tid('import-report')).waitForExist({ reverse: true });
  await $(tid('import-report')).waitForDisplayed({ timeout: 240_000, interval: 200 });
  const samples = await stopSampling();
  await expect($(progressSel)).not.toBeExisting();
  return samples;
}

/** The bar counted contracts checked: up to `total`, never back, in several steps. */
function expectAdvancing(samples: Sample[], total: number): void {
  const counted = samples.filter((s) => s.value !== null);
  expect(counted.length).toBeGreaterThanOrEqual(3);
  for (const s of counted) {
    expect(s.max).toBe(total);
    expect(s.note).toBe(`Checked ${s.value} of ${total}`);
  }
  const values = counted.map((s) => s.value as number);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect(new Set(values).size).toBeGreaterThanOrEqual(3);
  expect(values[0]).toBeLessThan(total);
  console.log(`progress seen at ${values.length} steps: ${values.slice(0, 5).join(', ')} … ${values.slice(-3).join(', ')}`);
}

/** LARGE new disputes, numbered from `from`. */
function largeFeed(from: number) {
  return disputeFeed(
    Array.from({ length: LARGE }, (_, i) => ({ n: from + i, disputed: '250.00', filed: minutesAgo(90) })),
  );
}

describe('importing a feed at the desk', function () {
  this.timeout(600_000);
  // The CLI imports the same files here first: its reports are what the desk must say.
  let cliDb = '';

  it('refuses an invalid feed whole, naming the JSON path and the rule', async () => {
    const invalid = disputeFeed([1, 2, 3].map((n) => ({ n, disputed: '100.00', filed: minutesAgo(90) })));
    const events = (invalid.contracts as { events: Record<string, unknown>[] }[])[1].events;
    events[0].amount = '100.001';
    const file = offer(invalid);
    // The CLI's reading of the same file: exit 1, `error [RULE] at PATH: message`.
    cliDb = scratchDatabase('cli');
    const cli = accordFails(['import', '--db', cliDb, file]);
    expect(cli.status).toBe(1);
    const m = /^error \[(\w+)\] at (\S+): (.+)$/m.exec(cli.stderr);
    if (!m) throw new Error(`the CLI said: ${cli.stderr}`);
    const [, rule, jsonPath, message] = m;
    expect(jsonPath).toBe('contracts[1].events[0].amount');
    expect(rule).toBe('too_many_places');

    await expect($(tid('header-count'))).toHaveText('0 cases', { wait: 20_000 });
    await $(tid('import-button')).click();
    const error = await $(tid('import-error'));
    await error.waitForDisplayed({ timeout: 30_000 });
    await expect($(tid('import-error-path'))).toHaveText(jsonPath);
    await expect($(tid('import-error-rule'))).toHaveText(rule);
    await expect(error).toHaveText(expect.stringContaining(message));
    await screenshot('import-invalid.png');
    // All or nothing: no case came in.
    await expect($(tid('header-count'))).toHaveText('0 cases');
    expect(queueByCli()).toHaveLength(0);
  });

  it(`into the empty desk: a bar that advances through ${LARGE} contracts, then the report`, async () => {
    const file = offer(largeFeed(100_000));
    const expected = JSON.parse(accord(['import', '--db', cliDb, file, '--json'])) as Report;
    expect(expected).toMatchObject({ cases_opened: LARGE, cases_updated: 0, events_added: 5 * LARGE });

    const samples = await importWithProgress();
    expectAdvancing(samples, LARGE);
    // The report stays when the start panel gives way to the queue.
    await expect($(tid('queue'))).toBeExisting();
    await expect($(tid('import-report'))).toHaveText(reportText(expected));
    await expect($(tid('import-error'))).not.toBeExisting();
    await expect($(tid('header-count'))).toHaveText(`${LARGE} cases`);
    expect(queueByCli()).toHaveLength(LARGE);
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot('import-report.png');
  });

  it(`beside cases already there (the header's button): the bar advances again, ${LARGE} more`, async () => {
    const file = offer(largeFeed(200_000));
    const expected = JSON.parse(accord(['import', '--db', cliDb, file, '--json'])) as Report;
    expect(expected).toMatchObject({ cases_opened: LARGE, cases_updated: 0, events_added: 5 * LARGE });

    const samples = await importWithProgress();
    expectAdvancing(samples, LARGE);
    await expect($(tid('import-report'))).toHaveText(reportText(expected));
    await expect($(tid('header-count'))).toHaveText(`${2 * LARGE} cases`);
    expect(queueByCli()).toHaveLength(2 * LARGE);
  });

  it('the same feed again: a progress bar, and nothing added', async () => {
    const expected = JSON.parse(accord(['import', '--db', cliDb, dialogFeedPath(e2eDatabase()), '--json'])) as Report;
    expect(expected).toMatchObject({ cases_opened: 0, cases_updated: 0, events_added: 0 });
    const samples = await importWithProgress();
    expect(samples.length).toBeGreaterThan(0);
    await expect($(tid('import-report'))).toHaveText(reportText(expected));
    await expect($(tid('header-count'))).toHaveText(`${2 * LARGE} cases`);
    expect(queueByCli()).toHaveLength(2 * LARGE);
  });
});
