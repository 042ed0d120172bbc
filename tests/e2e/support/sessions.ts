// What each spec's session starts with: the database the desk opens and the
// environment it inherits. Chosen by the spec file's name in beforeSession.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIRST_RUN, makeDemoDatabase } from './demo.ts';
import { recentSmallFeed, writeJson, xssFeed } from './feeds.ts';
import { preparedSession } from './prepared.ts';

export const PROFILE = 'supervisor:sam';

export interface Session {
  dir: string;
  env: Record<string, string>;
}

function emptyDatabase(): { dir: string; db: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-e2e-'));
  return { dir, db: path.join(dir, 'desk.db') };
}

/** The session for one spec file (its path or file URL). */
export function sessionFor(spec: string): Session {
  const name = path.basename(spec.replace(/^file:\/\//, ''));
  const prepared = preparedSession(name);
  if (prepared) return prepared;
  if (name.startsWith('flow') || name.startsWith('refusal')) {
    const { dir, db } = emptyDatabase();
    const feed = writeJson(dir, 'small-feed-recent.json', recentSmallFeed());
    return { dir, env: { ACCORD_DATABASE_URL: db, ACCORD_PROFILE: PROFILE, ACCORD_DIALOG_FILE: feed } };
  }
  if (name.startsWith('start')) {
    // No profile and no cases: the desk's first run (the profile is saved beside the database).
    const { dir, db } = emptyDatabase();
    return { dir, env: { ACCORD_DATABASE_URL: db } };
  }
  if (name.startsWith('xss')) {
    const { dir, db } = emptyDatabase();
    const feed = writeJson(dir, 'xss-feed.json', xssFeed().feed);
    return { dir, env: { ACCORD_DATABASE_URL: db, ACCORD_PROFILE: PROFILE, ACCORD_DIALOG_FILE: feed } };
  }
  if (name.startsWith('walkthrough')) {
    // What scripts/desk.sh gives a new user: its demo database, nobody chosen yet.
    const { dir, db } = makeDemoDatabase(FIRST_RUN.cases, FIRST_RUN.seed);
    return { dir, env: { ACCORD_DATABASE_URL: db } };
  }
  if (name.startsWith('scale')) {
    const { dir, db } = makeDemoDatabase(100_000);
    return { dir, env: { ACCORD_DATABASE_URL: db, ACCORD_PROFILE: PROFILE } };
  }
  const { dir, db } = makeDemoDatabase();
  return { dir, env: { ACCORD_DATABASE_URL: db, ACCORD_PROFILE: PROFILE } };
}
