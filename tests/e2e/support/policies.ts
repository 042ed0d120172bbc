// DOMAIN.md's policy arithmetic, computed here from policies/policies.json so
// that the specs check the desk against the rules, not against itself:
// exact money (BigInt minor units, never floats), the arbitration fee band
// and split, and clock days in calendar or business days.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

export interface Policy {
  id: string;
  in_force_from: string | null;
  clocks: Record<string, { days: number; unit: 'calendar' | 'business' }>;
  specialist_extension_limit_days: number;
  arbitration_fee_bands: { from_disputed: string; provider: string; total: string }[];
  fee_splits: { from_contract_total: string; parties: string[] }[];
}

interface PolicyFile {
  holidays: string[];
  policies: Policy[];
}

export const policyFile = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'policies', 'policies.json'), 'utf8'),
) as PolicyFile;

/** "500.00" → 50000n (USD: two places; more places are an error here). */
export function cents(amount: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`not a USD amount: ${amount}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 50000n → "500.00". */
export function fromCents(c: bigint): string {
  const s = c.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The desk's money text: "$1,950.00". */
export function usd(amount: string): string {
  const [whole, frac] = fromCents(cents(amount)).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** The policy in force for a dispute filed at `filedAt` (the latest that started by then). */
export function policyFor(filedAt: string): Policy {
  const t = Date.parse(filedAt);
  const inForce = policyFile.policies.filter((p) => p.in_force_from === null || Date.parse(p.in_force_from) <= t);
  const latest = inForce.sort((a, b) => Date.parse(a.in_force_from ?? '0') - Date.parse(b.in_force_from ?? '0')).pop();
  if (!latest) throw new Error(`no policy in force at ${filedAt}`);
  return latest;
}

/** The last entry whose threshold (from `key`) the amount reaches. */
function band<T>(entries: T[], key: (e: T) => string, amount: string): T {
  const reached = entries.filter((e) => cents(key(e)) <= cents(amount));
  const last = reached.sort((a, b) => (cents(key(a)) < cents(key(b)) ? -1 : 1)).pop();
  if (!last) throw new Error(`no band for ${amount}`);
  return last;
}

/**
 * `whole` in equal parts to `parties`, by largest remainder: every part gets
 * the floor, and the leftover cents go one each in the parties' order.
 */
export function splitEqually(whole: string, parties: string[]): Record<string, string> {
  const total = cents(whole);
  const n = BigInt(parties.length);
  const leftover = Number(total % n);
  return Object.fromEntries(parties.map((p, i) => [p, fromCents(total / n + (i < leftover ? 1n : 0n))]));
}

export interface ExpectedFees {
  policy: string;
  provider: string;
  total: string;
  shares: Record<string, string>;
  /** The parties whose share is more than half of the disputed amount. */
  warned: string[];
}

/** DOMAIN.md's arbitration fee for a dispute: band by disputed amount, split by contract total. */
export function expectedFees(filedAt: string, disputed: string, contractTotal: string): ExpectedFees {
  const policy = policyFor(filedAt);
  const fee = band(policy.arbitration_fee_bands, (b) => b.from_disputed, disputed);
  const split = band(policy.fee_splits, (s) => s.from_contract_total, contractTotal);
  const shares = splitEqually(fee.total, split.parties);
  const warned = ['freelancer', 'client'].filter((p) => shares[p] && 2n * cents(shares[p]) > cents(disputed));
  return { policy: policy.id, provider: fee.provider, total: fee.total, shares, warned };
}

const DAY = 24 * 3600 * 1000;

/** `iso` moved by `days` in the unit's days (business: Monday–Friday UTC dates that are not holidays). */
export function addDays(iso: string, days: number, unit: 'calendar' | 'business'): string {
  let t = Date.parse(iso);
  if (unit === 'calendar') return new Date(t + days * DAY).toISOString();
  for (let counted = 0; counted < days; ) {
    t += DAY;
    const d = new Date(t);
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    if (weekday && !policyFile.holidays.includes(d.toISOString().slice(0, 10))) counted++;
  }
  return new Date(t).toISOString();
}

/** The same instant? (The CLI prints "…:00Z", JavaScript "…:00.000Z".) */
export function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How the desk writes an instant in UTC: "1 Dec 2026, 05:00 UTC". */
export function utcText(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}
