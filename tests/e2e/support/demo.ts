// The database the desk opens in a session, made by the real CLI so the suite
// sees what a user's `accord demo` gives. One per worker (= per spec file).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliBinary } from './paths.ts';

/**
 * What every spec may assume about the demo database (fixed seed: same data
 * every run). Its cases include the walkthrough case D-501 (filed an hour
 * before the demo was made), with cases − 1 of the seed.
 */
export const DEMO = { cases: 5, seed: 1 } as const;

/** What scripts/desk.sh makes on a first run (ACCORD_DEMO_CASES, ACCORD_DEMO_SEED unset). */
export const FIRST_RUN = { cases: 40, seed: 1 } as const;

/** Makes the demo database in a new temporary folder; returns both. */
export function makeDemoDatabase(cases: number = DEMO.cases, seed: number = DEMO.seed): { dir: string; db: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-'));
  const db = path.join(dir, 'demo.db');
  execFileSync(
    cliBinary,
    ['demo', '--db', db, '--cases', String(cases), '--seed', String(seed)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return { dir, db };
}
