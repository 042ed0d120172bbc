// The arbitration panel (DOMAIN.md, Policies): once a recommendation is
// rejected the case shows the provider and fee of its policy's band, each
// party's share of the split, and a warning for a party whose share is more
// than half of what that party could win. The expected figures are computed
// from policies/policies.json (support/policies.ts), not read from the desk.
import { $, $$, browser, expect } from '@wdio/globals';
import { caseByCli } from '../support/cli.ts';
import { openCase, screenshot, tid } from '../support/desk.ts';
import { expectedFees, usd, type ExpectedFees } from '../support/policies.ts';
import { ARBITRATION, caseId, contractTotal, type Dispute } from '../support/prepared.ts';

const panel = () => $(tid('arbitration'));

/** The panel's fee table, as [party cell, share, paid, refunded] text per row. */
async function feeRows(): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await panel().$$('tbody tr')) {
    const cells: string[] = [];
    for (const cell of await row.$$('td')) cells.push(await cell.getText());
    out.push(cells);
  }
  return out;
}

/** What the table must show: one row per party with a share, parties by name. */
function expectedRows(d: Dispute, fees: ExpectedFees, paid: boolean): string[][] {
  const name: Record<string, string> = {
    client: `Client ${d.n}`,
    freelancer: `Freelancer ${d.n}`,
    platform: 'platform',
  };
  return Object.entries(fees.shares).map(([party, share]) => [name[party], usd(share), paid ? usd(share) : '—', '—']);
}

function warningText(d: Dispute, party: string, fees: ExpectedFees): string {
  const who = party === 'client' ? `Client ${d.n}` : `Freelancer ${d.n}`;
  return `${who}’s fee share (${usd(fees.shares[party])}) is more than half of what they could win (${usd(d.disputed)}).`;
}

async function backToQueue(): Promise<void> {
  const back = await $(tid('back'));
  if (await back.isExisting()) await back.click();
  await $(tid('queue')).waitForExist();
}

/** Opens the case and checks the whole panel against DOMAIN.md's figures. */
async function checkPanel(d: Dispute): Promise<ExpectedFees> {
  const id = caseId(d.n);
  const cli = caseByCli(id);
  const fees = expectedFees(cli.filed_at, d.disputed, contractTotal(d));
  expect(cli.policy).toBe(fees.policy);
  // The database agrees with the rules, to the cent.
  expect(cli.fees).not.toBeNull();
  expect({ provider: cli.fees?.provider, total: cli.fees?.total, shares: cli.fees?.shares }).toEqual({
    provider: fees.provider,
    total: fees.total,
    shares: fees.shares,
  });

  await backToQueue();
  await openCase(id);
  await expect($(tid('case-disputed'))).toHaveText(usd(d.disputed));
  await panel().waitForDisplayed();
  await browser.execute((el) => (el as HTMLElement).scrollIntoView(), await panel());
  await expect(panel().$('p')).toHaveText(`Provider ${fees.provider}, total fee ${usd(fees.total)}`);
  const paid = cli.status === 'in_arbitration';
  // Rows in the order the desk lists them; compare as sets of rows.
  const rows = await feeRows();
  const sort = (r: string[][]) => [...r].sort((a, b) => a[0].localeCompare(b[0]));
  expect(sort(rows)).toEqual(sort(expectedRows(d, fees, paid)));

  const warnings = await $$(tid('fee-warning')).map((w) => w.getText());
  expect(warnings.sort()).toEqual(fees.warned.map((p) => warningText(d, p, fees)).sort());
  return fees;
}

const byN = (n: number): Dispute => {
  const d = ARBITRATION.find((x) => x.n === n);
  if (!d) throw new Error(`no dispute ${n} in ARBITRATION`);
  return d;
};

describe('the arbitration panel', () => {
  it('Brief in halves under upwork-fp-2023, both parties warned when 337.50 is over half of 500.00', async () => {
    const fees = await checkPanel(byN(801));
    expect(fees).toMatchObject({
      provider: 'Brief',
      total: '675.00',
      shares: { freelancer: '337.50', client: '337.50' },
      warned: ['freelancer', 'client'],
    });
    await expect($(tid('case-status'))).toHaveText('awaiting_arbitration_fees');
    await screenshot('arbitration-warning.png');
  });

  it('no warning when a share is exactly half of the disputed amount', async () => {
    const fees = await checkPanel(byN(802));
    expect(fees.shares).toEqual({ freelancer: '337.50', client: '337.50' });
    expect(fees.warned).toEqual([]);
    await expect($(tid('fee-warning'))).not.toBeExisting();
    await screenshot('arbitration-no-warning.png');
  });

  it('thirds with the platform when the contract totals 5000.00 or more', async () => {
    const fees = await checkPanel(byN(803));
    expect(fees.shares).toEqual({ freelancer: '225.00', client: '225.00', platform: '225.00' });
    expect(fees.warned).toEqual([]);
  });

  it('Brief up to 19999.99, AAA 1950.00 from 20000.00', async () => {
    expect(await checkPanel(byN(804))).toMatchObject({ provider: 'Brief', total: '675.00' });
    const aaa = await checkPanel(byN(805));
    expect(aaa).toMatchObject({
      provider: 'AAA',
      total: '1950.00',
      shares: { freelancer: '650.00', client: '650.00', platform: '650.00' },
      warned: [],
    });
    await screenshot('arbitration-aaa.png');
  });

  it('AAA 873.00 in thirds under upwork-fp-2019, paid by all three once arbitration starts', async () => {
    const fees = await checkPanel(byN(806));
    expect(fees).toMatchObject({
      policy: 'upwork-fp-2019',
      provider: 'AAA',
      total: '873.00',
      shares: { freelancer: '291.00', client: '291.00', platform: '291.00' },
      warned: ['freelancer', 'client'],
    });
    await expect($(tid('case-status'))).toHaveText('in_arbitration');
    await screenshot('arbitration-2019.png');
  });
});
