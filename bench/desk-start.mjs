// Cold start and memory of the desk, for bench/desk.sh (run under Xvfb).
//
//   node bench/desk-start.mjs --mode accord|empty --runs N --desk BIN --driver TAURI_DRIVER [--port P]
//
// Each run starts a fresh tauri-driver (the environment, ACCORD_DATABASE_URL,
// ACCORD_PROFILE or ACCORD_EMPTY_WINDOW=1, is the caller's), then times, with
// plain WebDriver calls (no WebdriverIO), from the new-session request, which
// is when WebKitWebDriver launches the binary, until:
//   accord: the first [data-testid="queue-row"] is in the page;
//   empty:  the window's page (about:blank) reports document.readyState complete.
// Then it waits --settle ms (default 2000), and sums PSS (/proc/PID/smaps_rollup)
// over the desk process and every process under it (WebKitWebProcess,
// WebKitNetworkProcess, …), leaving out tauri-driver and WebKitWebDriver.
// Prints one line per run: `start_ms<TAB>pss_kib<TAB>processes`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (i % 2 === 0 ? [...acc, [v.replace(/^--/, ''), a[i + 1]]] : acc), []),
);
const mode = args.mode ?? 'accord';
const runs = Number(args.runs ?? 3);
const port = Number(args.port ?? 4544);
const settle = Number(args.settle ?? 2000);
const timeoutMs = Number(args.timeout ?? 120000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForPort(p) {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((res) => {
      const s = net.connect(p, '127.0.0.1', () => { s.end(); res(true); });
      s.on('error', () => res(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`tauri-driver not listening on ${p}`);
}

async function wd(method, path, body) {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const j = await r.json().catch(() => ({}));
  return { status: r.status, value: j.value };
}

function children() {
  // pid -> [child pids], and pid -> comm
  const kids = new Map();
  const comm = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      comm.set(Number(d), name);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  return { kids, comm };
}

function pss(rootPid) {
  const { kids, comm } = children();
  const seen = [];
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of kids.get(p) ?? []) stack.push(c);
    seen.push(p);
  }
  let total = 0;
  const names = [];
  const pids = [];
  for (const p of seen) {
    const name = comm.get(p) ?? '?';
    if (p === rootPid || /^(tauri-driver|WebKitWebDriver)/.test(name)) continue;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      if (m) { total += Number(m[1]); names.push(`${name}:${m[1]}`); pids.push(p); }
    } catch { /* gone */ }
  }
  return { total, names, pids };
}

async function one() {
  let measured = [];
  const driver = spawn(args.driver, ['--port', String(port), '--native-port', String(port + 1)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: process.env,
  });
  try {
    await waitForPort(port);
    const t0 = performance.now();
    const s = await wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: args.desk } } },
    });
    const id = s.value?.sessionId;
    if (!id) throw new Error(`no session: ${JSON.stringify(s.value).slice(0, 400)}`);
    let ms;
    for (;;) {
      if (mode === 'accord') {
        const e = await wd('POST', `/session/${id}/element`, { using: 'css selector', value: '[data-testid="queue-row"]' });
        if (e.status === 200 && e.value) break;
      } else {
        const e = await wd('POST', `/session/${id}/execute/sync`, { script: 'return document.readyState + " " + location.href', args: [] });
        if (e.status === 200 && String(e.value).startsWith('complete')) break;
      }
      if (performance.now() - t0 > timeoutMs) throw new Error(`${mode}: not ready in ${timeoutMs} ms`);
      await sleep(10);
    }
    ms = performance.now() - t0;
    await sleep(settle);
    const m = pss(driver.pid);
    measured = m.pids;
    if (mode === 'accord') {
      const n = await wd('POST', `/session/${id}/elements`, { using: 'css selector', value: '[data-testid="queue-row"]' });
      process.stderr.write(`  rows shown: ${n.value?.length}\n`);
    }
    process.stderr.write(`  ${mode}: ${ms.toFixed(0)} ms, PSS ${(m.total / 1024).toFixed(1)} MiB (${m.names.join(' ')})\n`);
    console.log(`${ms.toFixed(1)}\t${m.total}\t${m.names.length}`);
    await wd('DELETE', `/session/${id}`);
  } finally {
    driver.kill();
    // The next run starts only when this one's desk and WebKit processes are
    // gone: a survivor would share their pages and lower the next PSS.
    const alive = (p) => fs.existsSync(`/proc/${p}`) && !/\) Z /.test(fs.readFileSync(`/proc/${p}/stat`, 'utf8'));
    for (let waited = 0; measured.some(alive); waited += 100) {
      if (waited === 5000) for (const p of measured.filter(alive)) { try { process.kill(p, 'SIGTERM'); } catch { /* gone */ } }
      if (waited > 10000) break;
      await sleep(100);
    }
    await sleep(500);
  }
}

// A session request that fails (tauri-driver or WebKitWebDriver not ready yet,
// seen once on a busy machine) is retried with a fresh driver, twice at most.
for (let i = 0; i < runs; i++) {
  for (let attempt = 1; ; attempt++) {
    try {
      await one();
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      process.stderr.write(`  run ${i + 1}: ${err.message ?? err}; retrying\n`);
      await sleep(1000);
    }
  }
}
