// Where the e2e suite finds what scripts/test.sh built. It builds nothing itself.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.resolve(e2eDir, '..', '..');
export const screenshotsDir = path.join(e2eDir, 'screenshots');

// Same default as the scripts, so a plain `npm test` here finds their builds.
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache', 'accord-target');
export const deskBinary = path.join(targetDir, 'debug', 'accord-desk');
export const cliBinary = path.join(targetDir, 'debug', 'accord');
export const tauriDriver =
  process.env.TAURI_DRIVER ?? path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver');
