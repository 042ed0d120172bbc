// WebdriverIO through tauri-driver against the built desk (debug build made by
// scripts/test.sh). Run under Xvfb: tauri-driver and the app inherit DISPLAY.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { sessionFor } from './support/sessions.ts';
import { cliBinary, deskBinary, screenshotsDir, tauriDriver } from './support/paths.ts';
import { waitForPort } from './support/port.ts';

const port = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
let driver: ChildProcess | undefined;
let dbDir: string | undefined;

export const config: WebdriverIO.Config = {
  runner: 'local',
  hostname: '127.0.0.1',
  port,
  specs: ['./specs/**/*.e2e.ts'],
  maxInstances: 1,
  capabilities: [
    {
      // tauri-driver turns this into WebKitWebDriver's options for our binary.
      'tauri:options': { application: deskBinary },
      // WebdriverIO 9 otherwise asks for WebDriver BiDi, which tauri-driver lacks.
      'wdio:enforceWebDriverClassic': true,
    } as WebdriverIO.Capabilities,
  ],
  logLevel: 'warn',
  reporters: ['spec'],
  framework: 'mocha',
  mochaOpts: { ui: 'bdd', timeout: 60_000 },
  waitforTimeout: 10_000,
  connectionRetryTimeout: 60_000,
  connectionRetryCount: 1,

  onPrepare() {
    const needed = [['desk', deskBinary], ['accord CLI', cliBinary], ['tauri-driver', tauriDriver]];
    for (const [what, file] of needed) {
      if (!fs.existsSync(file)) throw new Error(`no ${what} at ${file}: run scripts/test.sh`);
    }
    fs.mkdirSync(screenshotsDir, { recursive: true });
  },

  // Per worker (one per spec file), before its session: a fresh database (a
  // demo, or empty with a feed to import: support/sessions.ts picks by the
  // spec's name), and a tauri-driver whose environment (DISPLAY,
  // ACCORD_DATABASE_URL, ACCORD_PROFILE, ACCORD_DIALOG_FILE) the app inherits.
  // It is made here, not in the spec, because the desk opens its database at
  // launch, which is when the session starts.
  async beforeSession(_config, _capabilities, specs) {
    const session = sessionFor(specs[0] ?? '');
    dbDir = session.dir;
    // The spec (same worker) may read the database with the CLI too.
    process.env.ACCORD_E2E_DATABASE = session.env.ACCORD_DATABASE_URL;
    driver = spawn(tauriDriver, ['--port', String(port), '--native-port', String(port + 1)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...session.env },
    });
    driver.on('error', (err) => {
      console.error('tauri-driver failed to start:', err);
      process.exit(1);
    });
    await waitForPort(port);
  },

  afterSession() {
    driver?.kill();
    driver = undefined;
    if (dbDir) fs.rmSync(dbDir, { recursive: true, force: true });
  },
};
