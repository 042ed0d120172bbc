// The queue's rows, fetched from Rust in keyset pages and cached by page.
// Page k needs the cursor that page k-1 ended with, so a jump far ahead walks
// the cursor chain; when the order can be read backwards exactly (every sort
// but next_due, whose clockless cases stay last either way), the end of the
// list is read from the end instead.
import type { QueueCursor, QueuePageView, QueueRow } from '../generated';

export type FetchPage = (after: QueueCursor | null, reverse: boolean) => Promise<QueuePageView>;

export class PageCache {
  readonly pageSize: number;
  total: number;
  private fetch: FetchPage;
  private reversible: boolean;
  /** Forward pages by index; cursors[k] is what fetches page k. */
  private pages = new Map<number, QueueRow[]>();
  private cursors = new Map<number, QueueCursor | null>([[0, null]]);
  /** Backward pages: back[j] holds rows total-1-j*size downwards. */
  private back = new Map<number, QueueRow[]>();
  private backCursors = new Map<number, QueueCursor | null>([[0, null]]);
  private inflight = new Map<string, Promise<void>>();
  private dead = false;
  onChange: () => void = () => {};

  constructor(fetch: FetchPage, total: number, pageSize = 200, reversible = false) {
    this.fetch = fetch;
    this.total = total;
    this.pageSize = pageSize;
    this.reversible = reversible;
  }

  /** Stops every walk in progress (the query changed). */
  close(): void {
    this.dead = true;
  }

  get lastPage(): number {
    return Math.max(0, Math.ceil(this.total / this.pageSize) - 1);
  }

  row(i: number): QueueRow | undefined {
    const f = this.pages.get(Math.floor(i / this.pageSize));
    if (f) return f[i % this.pageSize];
    const r = this.total - 1 - i;
    const b = this.back.get(Math.floor(r / this.pageSize));
    return b?.[r % this.pageSize];
  }

  has(page: number): boolean {
    if (this.pages.has(page)) return true;
    const first = page * this.pageSize;
    const last = Math.min(this.total, first + this.pageSize) - 1;
    for (const i of [first, last]) if (this.row(i) === undefined) return false;
    return true;
  }

  /** Makes sure page `page` is loaded, walking from the nearest known cursor. */
  ensure(page: number): Promise<void> {
    if (page < 0 || page > this.lastPage || this.has(page)) return Promise.resolve();
    const fromEnd = this.lastPage - page;
    if (this.reversible && fromEnd < page) return this.walk('b', this.backIndex(page));
    return this.walk('f', page);
  }

  /** The backward page that holds the first row of forward page `page`'s end. */
  private backIndex(page: number): number {
    const lastRow = Math.min(this.total, (page + 1) * this.pageSize) - 1;
    return Math.floor((this.total - 1 - lastRow) / this.pageSize);
  }

  private walk(dir: 'f' | 'b', target: number): Promise<void> {
    const key = `${dir}${target}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.walkTo(dir, target).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async walkTo(dir: 'f' | 'b', target: number): Promise<void> {
    const pages = dir === 'f' ? this.pages : this.back;
    const cursors = dir === 'f' ? this.cursors : this.backCursors;
    for (;;) {
      if (this.dead || pages.has(target)) return;
      let k = target;
      while (!cursors.has(k)) k--;
      const key = `${dir}${k}`;
      if (k !== target && this.inflight.has(key)) {
        await this.inflight.get(key);
        continue;
      }
      const step = this.fetchOne(dir, k);
      if (k !== target) this.inflight.set(key, step);
      try {
        await step;
      } finally {
        if (k !== target) this.inflight.delete(key);
      }
      if (!pages.has(k)) return; // the walk ended early (dead, or the list is shorter)
    }
  }

  private async fetchOne(dir: 'f' | 'b', k: number): Promise<void> {
    const pages = dir === 'f' ? this.pages : this.back;
    const cursors = dir === 'f' ? this.cursors : this.backCursors;
    if (pages.has(k)) return;
    const view = await this.fetch(cursors.get(k) ?? null, dir === 'b');
    if (this.dead) return;
    pages.set(k, view.rows);
    if (view.next) cursors.set(k + 1, view.next);
    this.onChange();
  }
}
