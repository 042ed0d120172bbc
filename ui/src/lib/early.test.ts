import { describe, expect, it } from 'vitest';
import { EarlyAnswers, stableKey } from './early';

const READS = new Set(['queue_page', 'status_counts', 'desk_info']);

function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('stableKey', () => {
  it('ignores the order of keys, at any depth', () => {
    expect(stableKey('queue_page', { query: { sort: 'next_due', limit: 200 } })).toBe(
      stableKey('queue_page', { query: { limit: 200, sort: 'next_due' } }),
    );
  });
  it('tells different arguments and commands apart', () => {
    expect(stableKey('queue_page', { query: { limit: 200 } })).not.toBe(
      stableKey('queue_page', { query: { limit: 201 } }),
    );
    expect(stableKey('queue_page', { query: {} })).not.toBe(stableKey('status_counts', { query: {} }));
    expect(stableKey('x', { a: [1, 2] })).not.toBe(stableKey('x', { a: [2, 1] }));
  });
});

describe('EarlyAnswers', () => {
  it('gives a kept answer to the first identical call only', async () => {
    const c = clock();
    const early = new EarlyAnswers(READS, 3000, c.now);
    early.keep('queue_page', { query: { limit: 200, sort: 'next_due' } }, Promise.resolve('page'));
    expect(early.take('queue_page', { query: { limit: 100 } })).toBeUndefined();
    const taken = early.take('queue_page', { query: { sort: 'next_due', limit: 200 } });
    await expect(taken).resolves.toBe('page');
    expect(early.take('queue_page', { query: { sort: 'next_due', limit: 200 } })).toBeUndefined();
  });

  it('does not give an answer older than its age limit', () => {
    const c = clock();
    const early = new EarlyAnswers(READS, 3000, c.now);
    early.keep('status_counts', { query: {} }, Promise.resolve([]));
    c.advance(3001);
    expect(early.take('status_counts', { query: {} })).toBeUndefined();
    expect(early.size).toBe(0);
  });

  it('drops every kept answer when a call may change data', () => {
    const c = clock();
    const early = new EarlyAnswers(READS, 3000, c.now);
    early.keep('queue_page', { query: {} }, Promise.resolve('page'));
    early.keep('status_counts', { query: {} }, Promise.resolve([]));
    expect(early.take('desk_info', {})).toBeUndefined();
    expect(early.size).toBe(2);
    expect(early.take('act', { id: 'D-1', action: { type: 'assign' } })).toBeUndefined();
    expect(early.size).toBe(0);
    expect(early.take('queue_page', { query: {} })).toBeUndefined();
  });

  it('hands on a failure to the call that takes it, and only then', async () => {
    const early = new EarlyAnswers(READS, 3000);
    early.keep('queue_page', { query: {} }, Promise.reject({ code: 'storage', message: 'locked' }));
    // No unhandled rejection while it waits (vitest fails the run on one).
    await new Promise((r) => setTimeout(r, 0));
    await expect(early.take('queue_page', { query: {} })).rejects.toEqual({
      code: 'storage',
      message: 'locked',
    });
  });
});
