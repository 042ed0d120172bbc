// The queue's virtual window: which rows are in the DOM for a scroll position.

export interface Window {
  /** First row index rendered (inclusive). */
  start: number;
  /** Last row index rendered + 1 (exclusive). */
  end: number;
  /** Pixel offset of row `start` from the top of the scroll content. */
  offset: number;
  /** Height of the whole scroll content. */
  height: number;
}

export function virtualWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
  overscan = 5,
): Window {
  const height = Math.max(0, total * rowHeight);
  if (total <= 0) return { start: 0, end: 0, offset: 0, height };
  const maxTop = Math.max(0, height - viewport);
  const top = Math.min(Math.max(0, scrollTop), maxTop);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + visible + overscan);
  return { start, end, offset: start * rowHeight, height };
}

/** The scrollTop that brings row `index` into view, moving as little as possible. */
export function scrollToReveal(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}

/** Pages (of `pageSize` rows) covering rows [start, end). */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) out.push(p);
  return out;
}
