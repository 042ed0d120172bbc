// The truth the specs compare the desk with, read independently of the
// webview: the `accord` CLI on the session's own database.
import { execFileSync } from 'node:child_process';
import { cliBinary } from './paths.ts';

/** The database the desk of this worker opened (set by wdio.conf.ts's beforeSession). */
export function e2eDatabase(): string {
  const db = process.env.ACCORD_E2E_DATABASE;
  if (!db) throw new Error('no ACCORD_E2E_DATABASE: see wdio.conf.ts');
  return db;
}

/** Runs `accord ARGS` and returns its stdout; throws (with stderr) on a non-zero exit. */
export function accord(args: string[]): string {
  return execFileSync(cliBinary, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** Runs `accord ARGS` that must fail; returns its exit code and stderr. */
export function accordFails(args: string[]): { status: number | null; stderr: string } {
  try {
    accord(args);
  } catch (err) {
    const e = err as { status: number | null; stderr: Buffer | string };
    return { status: e.status, stderr: e.stderr.toString() };
  }
  throw new Error(`accord ${args.join(' ')} succeeded`);
}

/** A row of `accord queue --json`. */
export interface CliRow {
  id: string;
  client_name: string;
  freelancer_name: string;
  ground: string;
  policy: string;
  status: string;
  outcome: string | null;
  assigned_to: string | null;
  currency: string;
  disputed: string;
  filed_at: string;
  next_due: string | null;
  overdue: boolean;
}

/** `accord queue --json FLAGS` on `db` (default: the session's database). */
export function queueByCli(flags: string[] = [], db = e2eDatabase()): CliRow[] {
  return JSON.parse(accord(['queue', '--db', db, '--json', ...flags])) as CliRow[];
}

export interface CliExtension {
  actor: string;
  days: number;
  reason: string;
  due: string;
}

export interface CliClock {
  name: string;
  started: string;
  due: string;
  state: string;
  waiting_for: string[];
  unit: 'calendar' | 'business';
  extensions: CliExtension[];
  specialist_days: number;
  specialist_limit: number;
}

/** The CASE JSON of spec/scenario.md, the fields the specs read. */
export interface CliCase {
  id: string;
  policy: string;
  status: string;
  assigned_to: string | null;
  disputed: string;
  filed_at: string;
  clocks: CliClock[];
  fees: {
    provider: string;
    total: string;
    shares: Record<string, string>;
    paid: Record<string, string>;
    refunded: Record<string, string>;
  } | null;
  milestones: { amount: string }[];
  events: unknown[];
}

/** `accord case show ID --json`. */
export function caseByCli(id: string, db = e2eDatabase()): CliCase {
  return JSON.parse(accord(['case', 'show', id, '--db', db, '--json'])) as CliCase;
}
