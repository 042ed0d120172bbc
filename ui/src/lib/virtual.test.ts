import { describe, expect, it } from 'vitest';
import { pagesFor, scrollToReveal, virtualWindow } from './virtual';
import { PageCache } from './pages';
import type { QueueCursor, QueuePageView, QueueRow } from '../generated';

describe('virtualWindow', () => {
  it('renders only the visible rows and the overscan', () => {
    const w = virtualWindow(0, 320, 32, 100_000, 5);
    expect(w).toEqual({ start: 0, end: 16, offset: 0, height: 3_200_000 });
    const mid = virtualWindow(32 * 1000, 320, 32, 100_000, 5);
    expect(mid.start).toBe(995);
    expect(mid.end).toBe(1016);
    expect(mid.offset).toBe(995 * 32);
  });
  it('reaches the very last row at the end', () => {
    const w = virtualWindow(1e12, 320, 32, 100_000, 5);
    expect(w.end).toBe(100_000);
    expect(w.start).toBeGreaterThan(99_980);
  });
  it('is empty without rows', () => {
    expect(virtualWindow(0, 320, 32, 0)).toEqual({ start: 0, end: 0, offset: 0, height: 0 });
  });
  it('reveals a row by scrolling as little as possible', () => {
    expect(scrollToReveal(0, 100, 320, 32)).toBe(0);
    expect(scrollToReveal(20, 0, 320, 32)).toBe(21 * 32 - 320);
    expect(scrollToReveal(3, 0, 320, 32)).toBe(0);
  });
  it('lists the pages under a window', () => {
    expect(pagesFor(190, 215, 200)).toEqual([0, 1]);
    expect(pagesFor(0, 0, 200)).toEqual([]);
  });
});

function fakeQueue(total: number, size: number) {
  const ids = Array.from({ length: total }, (_, i) => `D-${String(i).padStart(6, '0')}`);
  const calls: { after: QueueCursor | null; reverse: boolean }[] = [];
  const fetch = async (after: QueueCursor | null, reverse: boolean): Promise<QueuePageView> => {
    calls.push({ after, reverse });
    const order = reverse ? [...ids].reverse() : ids;
    const from = after ? order.indexOf(after.id) + 1 : 0;
    const slice = order.slice(from, from + size);
    const rows = slice.map((id) => ({ id }) as QueueRow);
    const last = slice[slice.length - 1];
    return { rows, next: from + size < total ? { key: last, id: last } : null };
  };
  return { fetch, calls };
}

describe('PageCache', () => {
  it('walks the cursor chain forward', async () => {
    const q = fakeQueue(1000, 200);
    const c = new PageCache(q.fetch, 1000, 200, false);
    await c.ensure(3);
    expect(q.calls.length).toBe(4);
    expect(c.row(799)?.id).toBe('D-000799');
    expect(c.row(800)).toBeUndefined();
    await c.ensure(1);
    expect(q.calls.length).toBe(4);
  });
  it('reads the end backwards when the order allows', async () => {
    const q = fakeQueue(1050, 200);
    const c = new PageCache(q.fetch, 1050, 200, true);
    await c.ensure(c.lastPage);
    expect(q.calls.length).toBe(1);
    expect(c.row(1049)?.id).toBe('D-001049');
    expect(c.row(1000)?.id).toBe('D-001000');
    expect(c.has(c.lastPage)).toBe(true);
  });
  it('shares one walk between concurrent requests', async () => {
    const q = fakeQueue(1000, 200);
    const c = new PageCache(q.fetch, 1000, 200, false);
    await Promise.all([c.ensure(4), c.ensure(3), c.ensure(4)]);
    expect(q.calls.length).toBe(5);
    expect(c.row(999)?.id).toBe('D-000999');
  });
});
