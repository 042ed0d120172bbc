// Untrusted text from the feed (names, messages, statements, attachment
// names) is shown as text: none of the payloads runs or calls into Rust.
import { $, $$, browser, expect } from '@wdio/globals';
import { importFeed, openCase, screenshot, tid } from '../support/desk.ts';
import { XSS_PAYLOADS, xssFeed } from '../support/feeds.ts';

/** Commands the desk itself calls while showing the queue and cases. */
const EXPECTED = new Set(['desk_info', 'queue_page', 'status_counts', 'case_open', 'case_actions', 'case_count', 'profile_get']);

describe('untrusted text', () => {
  const { cases } = xssFeed();

  it(`has at least 30 payloads in the feed (${XSS_PAYLOADS.length})`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it('imports the feed, then counts every IPC call from here on', async () => {
    await importFeed();
    await expect($(tid('header-count'))).toHaveText(`${cases.length} cases`);
    // Every way the page can reach Rust: invoke, the IPC custom protocol
    // (fetch) and the webview's message handler. Tauri may freeze the first.
    const spied = await browser.execute(() => {
      const w = window as unknown as {
        __TAURI_INTERNALS__?: { invoke: (cmd: string, ...rest: unknown[]) => unknown };
        ipc?: { postMessage: (m: string) => void };
        __calls: string[];
      };
      w.__calls = [];
      const ways: string[] = [];
      const internals = w.__TAURI_INTERNALS__;
      if (internals) {
        const original = internals.invoke;
        const spy = function (this: unknown, cmd: string, ...rest: unknown[]) {
          w.__calls.push(cmd);
          return original.call(this, cmd, ...rest);
        };
        try {
          internals.invoke = spy;
        } catch {
          /* frozen */
        }
        if (internals.invoke === spy) ways.push('invoke');
      }
      const originalFetch = window.fetch;
      window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
        const url = String(input instanceof Request ? input.url : input);
        const m = /^(?:ipc:\/\/localhost|http:\/\/ipc\.localhost)\/([^?]+)/.exec(url);
        if (m) w.__calls.push(decodeURIComponent(m[1]));
        return originalFetch.call(this, input, init);
      } as typeof window.fetch;
      if (window.fetch !== originalFetch) ways.push('fetch');
      if (w.ipc && typeof w.ipc.postMessage === 'function') {
        const post = w.ipc.postMessage;
        const spyPost = function (this: unknown, m: string) {
          try {
            const cmd = (JSON.parse(m) as { cmd?: string }).cmd;
            if (cmd) w.__calls.push(cmd);
          } catch {
            /* not ours */
          }
          return post.call(this, m);
        };
        try {
          w.ipc.postMessage = spyPost;
        } catch {
          /* frozen */
        }
        if (w.ipc.postMessage === spyPost) ways.push('postMessage');
      }
      return ways;
    });
    console.log(`IPC spied through: ${spied.join(', ')}`);
    const wrapped = spied.length > 0;
    expect(wrapped).toBe(true);
  });

  it('shows the payloads in the queue as text', async () => {
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await browser.waitUntil(async () => (await $$(tid('queue-row')).length) === cases.length);
    const text = await browser.execute(() => document.querySelector('[data-testid="queue"]')?.textContent ?? '');
    expect(text).toContain(`Client ${XSS_PAYLOADS[0]}`);
    expect(text).toContain(`Freelancer ${XSS_PAYLOADS[1]}`);
    await screenshot('xss-queue.png');
  });

  it('shows every payload literally in the case views, and none runs', async () => {
    const seen = new Set<string>();
    for (const id of cases) {
      await openCase(id);
      await $(tid('timeline-event')).waitForExist();
      const text = await browser.execute(() => document.querySelector('[data-testid="case-view"]')?.textContent ?? '');
      for (const p of XSS_PAYLOADS) if (text.includes(p)) seen.add(p);
      if (id === cases[0]) await screenshot('xss-case.png');
      await $(tid('back')).click();
      await $(tid('queue')).waitForExist();
    }
    expect(XSS_PAYLOADS.filter((p) => !seen.has(p))).toEqual([]);

    // Let any error/load handlers fire, then look.
    await browser.pause(500);
    const result = await browser.execute(() => {
      const w = window as unknown as { __xss?: unknown; __calls: string[] };
      const app = document.getElementById('app');
      return {
        xss: w.__xss === undefined ? 'undefined' : String(w.__xss),
        calls: w.__calls,
        active: app
          ? app.querySelectorAll('img, script, iframe, object, embed, svg, video, audio, math, form[action], base, meta, style, link, a[href]').length
          : -1,
      };
    });
    expect(result.xss).toBe('undefined');
    expect(result.active).toBe(0);
    const unexpected = result.calls.filter((c) => !EXPECTED.has(c) && !c.startsWith('plugin:__TAURI_CHANNEL__'));
    expect(unexpected).toEqual([]);
    expect(result.calls).toContain('case_open');
  });
});
