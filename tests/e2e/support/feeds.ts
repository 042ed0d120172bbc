// Feeds the specs import through the desk's import button (ACCORD_DIALOG_FILE
// stands in for the native file dialog).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

/** The spec's example feed, beside the repository: ../shared/spec/examples/small-feed.json. */
export const smallFeedPath = path.resolve(repoRoot, '..', 'shared', 'spec', 'examples', 'small-feed.json');

type Json = Record<string, unknown>;
type Contract = Json & { events: (Json & { at: string })[] };

const MINUTE = 60_000;

/**
 * small-feed.json with each contract's events moved so that its last event
 * happened an hour ago: the desk acts at the real clock, and the example's
 * own dates are so old that every clock would have run out (D-501 would
 * resolve client_unresponsive before the first action). Order, gaps between
 * events and every amount stay as the example has them.
 */
export function recentSmallFeed(now = Date.now()): Json {
  const feed = JSON.parse(fs.readFileSync(smallFeedPath, 'utf8')) as Json & { contracts: Contract[] };
  const anchor = Math.floor((now - 60 * MINUTE) / MINUTE) * MINUTE;
  for (const c of feed.contracts) {
    const last = Math.max(...c.events.map((e) => Date.parse(e.at)));
    const shift = anchor - last;
    for (const e of c.events) e.at = new Date(Date.parse(e.at) + shift).toISOString().replace('.000Z', 'Z');
  }
  feed.generated_at = new Date(anchor + 30 * MINUTE).toISOString().replace('.000Z', 'Z');
  return feed;
}

/** At least 30 payloads that would set window.__xss (or call IPC) if rendered as markup. */
export const XSS_PAYLOADS: string[] = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '<svg onload="window.__xss=3">',
  '<svg><script>window.__xss=4</script></svg>',
  '"><img src=x onerror=window.__xss=5>',
  "'><script>window.__xss=6</script>",
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
  '<body onload="window.__xss=8">',
  '<details open ontoggle="window.__xss=9">',
  '<input autofocus onfocus="window.__xss=10">',
  '<marquee onstart="window.__xss=11">m</marquee>',
  '<video><source onerror="window.__xss=12"></video>',
  '<audio src=x onerror="window.__xss=13">',
  '<object data="javascript:window.__xss=14"></object>',
  '<embed src="javascript:window.__xss=15">',
  '<a href="javascript:window.__xss=16">click</a>',
  '<math><mtext><img src=x onerror="window.__xss=17"></mtext></math>',
  '<style>@import "javascript:window.__xss=18";</style>',
  '<link rel=stylesheet href="javascript:window.__xss=19">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=20">',
  '{@html "<img src=x onerror=window.__xss=21>"}',
  '{{constructor.constructor("window.__xss=22")()}}',
  '${window.__xss=23}',
  '<img src=x onerror="window.__TAURI_INTERNALS__.invoke(\'sweep_now\')">',
  '<img src=x onerror="window.__TAURI_INTERNALS__.invoke(\'act\',{id:\'D-X\',action:{type:\'withdraw\'}})">',
  '<svg/onload=window.__TAURI_INTERNALS__.invoke("create_demo",{cases:1})>',
  '<form><button formaction="javascript:window.__xss=27">x</button></form>',
  '<table background="javascript:window.__xss=28">',
  '<div style="background:url(javascript:window.__xss=29)">d</div>',
  '<isindex type=image src=1 onerror=window.__xss=30>',
  '<template><img src=x onerror=window.__xss=31></template><img src=x onerror=window.__xss=31>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=32>">',
  '</textarea><img src=x onerror=window.__xss=33>',
  '<base href="javascript:window.__xss=34//">',
];

const sha = (i: number) => i.toString(16).padStart(64, '0');

/**
 * One contract per group of payloads, each with a dispute: payloads in the
 * client's and freelancer's names, messages, statements and attachment
 * names. Dates are recent so nothing has expired.
 */
export function xssFeed(now = Date.now()): { feed: Json; cases: string[] } {
  const at = (minutesAgo: number) =>
    new Date(Math.floor(now / MINUTE) * MINUTE - minutesAgo * MINUTE).toISOString().replace('.000Z', 'Z');
  const contracts: Json[] = [];
  const cases: string[] = [];
  const P = XSS_PAYLOADS;
  for (let k = 0; k * 4 < P.length; k++) {
    const [a, b, c, d] = [P[k * 4], P[k * 4 + 1] ?? P[0], P[k * 4 + 2] ?? P[1], P[k * 4 + 3] ?? P[2]];
    const id = `D-9${String(k).padStart(2, '0')}`;
    cases.push(id);
    contracts.push({
      id: `C-9${String(k).padStart(2, '0')}`,
      title: `Contract ${a}`,
      currency: 'USD',
      client: { id: `U-9${k}0`, name: `Client ${a}`, country: 'US' },
      freelancer: { id: `U-9${k}1`, name: `Freelancer ${b}`, country: 'PT', agency: null },
      milestones: [
        { id: `M-9${k}`, seq: 1, title: `Milestone ${c}`, description: `Description ${d}`, amount: '500.00' },
      ],
      events: [
        { id: `E-9${k}-1`, at: at(600), type: 'milestone_funded', milestone: `M-9${k}`, amount: '500.00' },
        {
          id: `E-9${k}-2`,
          at: at(500),
          type: 'work_submitted',
          milestone: `M-9${k}`,
          by: 'freelancer',
          note: `Note ${c}`,
          attachments: [{ name: `${d}.pdf`, bytes: 1234, sha256: sha(k) }],
        },
        { id: `E-9${k}-3`, at: at(400), type: 'message', by: 'client', body: `Message ${a}`, attachments: [] },
        { id: `E-9${k}-4`, at: at(300), type: 'contract_ended', by: 'client' },
        { id: `E-9${k}-5`, at: at(300), type: 'refund_requested', amount: '500.00' },
        {
          id: `E-9${k}-6`,
          at: at(200),
          type: 'dispute_filed',
          dispute: id,
          ground: 'ended_with_balance',
          amount: '500.00',
          reason: 'work_completed',
          statement: `Statement ${b}`,
        },
      ],
    });
  }
  return { feed: { format: 'accord.feed/1', generated_at: at(100), contracts }, cases };
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
