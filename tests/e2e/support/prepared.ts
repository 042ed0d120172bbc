// Databases for the specs that need cases in a particular state: a feed of
// made-to-measure disputes imported with the real CLI, then worked to that
// state with `accord act` (the same rules the desk uses), before the desk
// starts. sessions.ts picks these by the spec's name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accord } from './cli.ts';
import { makeDemoDatabase } from './demo.ts';
import { writeJson } from './feeds.ts';
import { addDays, cents, fromCents, policyFor } from './policies.ts';
import type { Session } from './sessions.ts';

type Json = Record<string, unknown>;

const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** A whole minute `minutes` before now. */
export function minutesAgo(minutes: number, now = Date.now()): number {
  return Math.floor(now / MINUTE) * MINUTE - minutes * MINUTE;
}

export interface Dispute {
  /** The case is D-<n>, its contract C-<n>. */
  n: number;
  disputed: string;
  /** Milestones beyond the disputed one, never funded: they only add to the contract's total. */
  more?: string[];
  /** When the dispute is filed (ms); the contract's history leads up to it. */
  filed: number;
}

export const caseId = (n: number) => `D-${n}`;

/** A contract whose client ended it with `disputed` in escrow, and the freelancer's dispute of it. */
export function disputeContract(d: Dispute): Json {
  const m = (k: number) => `M-${d.n}-${k}`;
  const amounts = [d.disputed, ...(d.more ?? [])];
  return {
    id: `C-${d.n}`,
    title: `Contract ${d.n}`,
    currency: 'USD',
    client: { id: `U-${d.n}-c`, name: `Client ${d.n}`, country: 'US' },
    freelancer: { id: `U-${d.n}-f`, name: `Freelancer ${d.n}`, country: 'PT', agency: null },
    milestones: amounts.map((amount, k) => ({
      id: m(k + 1),
      seq: k + 1,
      title: `Milestone ${k + 1}`,
      description: `Part ${k + 1} of contract ${d.n}.`,
      amount,
    })),
    events: [
      { id: `E-${d.n}-1`, at: iso(d.filed - 180 * MINUTE), type: 'milestone_funded', milestone: m(1), amount: d.disputed },
      {
        id: `E-${d.n}-2`,
        at: iso(d.filed - 120 * MINUTE),
        type: 'work_submitted',
        milestone: m(1),
        by: 'freelancer',
        note: 'Delivered.',
        attachments: [],
      },
      { id: `E-${d.n}-3`, at: iso(d.filed - 60 * MINUTE), type: 'contract_ended', by: 'client' },
      { id: `E-${d.n}-4`, at: iso(d.filed - 60 * MINUTE), type: 'refund_requested', amount: d.disputed },
      {
        id: `E-${d.n}-5`,
        at: iso(d.filed),
        type: 'dispute_filed',
        dispute: caseId(d.n),
        ground: 'ended_with_balance',
        amount: d.disputed,
        reason: 'work_completed',
        statement: 'The work was delivered as agreed.',
      },
    ],
  };
}

/** An `accord.feed/1` document of these disputes. */
export function disputeFeed(disputes: Dispute[]): Json {
  const last = Math.max(...disputes.map((d) => d.filed));
  return { format: 'accord.feed/1', generated_at: iso(last + MINUTE), contracts: disputes.map(disputeContract) };
}

/** The contract's total: the sum of its milestones. */
export function contractTotal(d: Dispute): string {
  return fromCents([d.disputed, ...(d.more ?? [])].reduce((sum, a) => sum + cents(a), 0n));
}

export const SUPERVISOR = 'supervisor:sam';
export const SPECIALIST = 'specialist:ana';

/** Records steps on case D-<n>, one every ten minutes after its filing, as `accord act` would from a terminal. */
function work(db: string, d: Dispute, steps: [string, Json][]): void {
  steps.forEach(([actor, action], i) => {
    const at = iso(d.filed + (i + 1) * 10 * MINUTE);
    accord(['act', caseId(d.n), '--db', db, '--as', actor, '--at', at, JSON.stringify(action)]);
  });
}

const assign: [string, Json] = [SUPERVISOR, { type: 'assign', specialist: 'ana' }];
const decline: [string, Json] = [
  SPECIALIST,
  { type: 'record_client_response', decision: 'decline', statement: 'The work was not what we asked for.' },
];
function recommend(d: Dispute): [string, Json][] {
  const steps: [string, Json][] = [
    [SPECIALIST, { type: 'issue_recommendation', to_freelancer: d.disputed, to_client: '0.00', rationale: 'Delivered.' }],
  ];
  // From the review threshold (1000.00 in both policies) a supervisor approves first.
  if (cents(d.disputed) >= cents('1000.00')) steps.push([SUPERVISOR, { type: 'approve_recommendation' }]);
  return steps;
}
const clientRejects: [string, Json] = [
  SPECIALIST,
  { type: 'record_recommendation_response', party: 'client', decision: 'reject' },
];
const pays = (party: string, amount: string): [string, Json] => [
  SPECIALIST,
  { type: 'record_fee_payment', party, amount },
];

function emptyDatabase(): { dir: string; db: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-'));
  return { dir, db: path.join(dir, 'desk.db') };
}

function importDisputes(dir: string, db: string, disputes: Dispute[]): void {
  accord(['import', '--db', db, writeJson(dir, 'disputes.json', disputeFeed(disputes))]);
}

/**
 * The arbitration panel's cases: each brought to `awaiting_arbitration_fees`
 * by a rejected recommendation (the 2019 one on to `in_arbitration`, both
 * shares paid). Amounts sit on DOMAIN.md's boundaries: fee band, split by
 * contract total, and a share of exactly half the disputed amount.
 */
export const ARBITRATION: Dispute[] = [
  // upwork-fp-2023, Brief 675.00 in halves: 337.50 > 250.00, both warned.
  { n: 801, disputed: '500.00', filed: minutesAgo(240) },
  // 337.50 is exactly half of 675.00: no warning.
  { n: 802, disputed: '675.00', filed: minutesAgo(235) },
  // Contract total 6000.00 ≥ 5000.00: thirds with the platform, 225.00 < 300.00.
  { n: 803, disputed: '600.00', more: ['5400.00'], filed: minutesAgo(230) },
  // Just under the AAA band: Brief; its contract (19999.99 ≥ 5000.00) splits in thirds.
  { n: 804, disputed: '19999.99', filed: minutesAgo(225) },
  // From 20000.00: AAA 1950.00, thirds of 650.00.
  { n: 805, disputed: '20000.00', filed: minutesAgo(220) },
  // Filed in 2023 before the 2023 policy: upwork-fp-2019, AAA 873.00 in thirds, 291.00 > 250.00.
  { n: 806, disputed: '500.00', filed: Date.parse('2023-06-05T10:00:00Z') },
];

function arbitrationDatabase(): { dir: string; db: string } {
  const { dir, db } = emptyDatabase();
  importDisputes(dir, db, ARBITRATION);
  for (const d of ARBITRATION) {
    const paid = d.n === 806 ? [pays('freelancer', '291.00'), pays('client', '291.00')] : [];
    work(db, d, [assign, decline, ...recommend(d), clientRejects, ...paid]);
  }
  return { dir, db };
}

/**
 * A filing, a few days ago at most, whose client_response clock is still
 * running tomorrow and falls where two business days are not two calendar
 * days (a weekend or holiday follows it), so that an extension shows which
 * it counted.
 */
function filedForBusinessDays(): number {
  for (let back = 0; back < 7; back++) {
    const filed = minutesAgo(120 + back * 24 * 60);
    const { days, unit } = policyFor(iso(filed)).clocks.client_response;
    const due = addDays(iso(filed), days, unit);
    if (Date.parse(due) < Date.now() + 24 * 60 * MINUTE) continue;
    if (addDays(due, 2, 'business') !== addDays(due, 2, 'calendar')) return filed;
  }
  throw new Error('no filing in the last week leaves a client_response due before a weekend');
}

/**
 * The extend-clock spec's cases, both assigned to ana (the session's
 * profile): D-901 waits for the client's response (a business-day clock of
 * upwork-fp-2023), D-902 for both parties' answers to a recommendation.
 */
export const EXTENSION = {
  clientResponse: { n: 901, disputed: '500.00', filed: filedForBusinessDays() } as Dispute,
  recommendationResponse: { n: 902, disputed: '500.00', filed: minutesAgo(110) } as Dispute,
};

function extensionDatabase(): { dir: string; db: string } {
  const { dir, db } = emptyDatabase();
  const { clientResponse, recommendationResponse } = EXTENSION;
  importDisputes(dir, db, [clientResponse, recommendationResponse]);
  work(db, clientResponse, [assign]);
  work(db, recommendationResponse, [assign, decline, ...recommend(recommendationResponse)]);
  return { dir, db };
}

/** The queue spec's demo: small enough to compare every row. */
export const QUEUE_DEMO_CASES = 400;

/** The file the import spec's desk takes as the dialog's choice; the spec writes it. */
export function dialogFeedPath(db = process.env.ACCORD_E2E_DATABASE ?? ''): string {
  return path.join(path.dirname(db), 'dialog-feed.json');
}

/** The session of the specs above, by the spec file's name; null for any other spec. */
export function preparedSession(name: string): Session | null {
  const start = (made: { dir: string; db: string }, profile: string, env: Record<string, string> = {}) => ({
    dir: made.dir,
    env: { ACCORD_DATABASE_URL: made.db, ACCORD_PROFILE: profile, ...env },
  });
  if (name.startsWith('queue-filters')) return start(makeDemoDatabase(QUEUE_DEMO_CASES), SUPERVISOR);
  if (name.startsWith('arbitration')) return start(arbitrationDatabase(), SUPERVISOR);
  if (name.startsWith('extend-clock')) return start(extensionDatabase(), SPECIALIST);
  if (name.startsWith('import-progress')) {
    const made = emptyDatabase();
    return start(made, SUPERVISOR, { ACCORD_DIALOG_FILE: dialogFeedPath(made.db) });
  }
  return null;
}
