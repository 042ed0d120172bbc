// Answers asked for before the component that needs them exists. At the
// desk's start the queue's first page and counts are asked for beside the
// desk's info instead of after it (main.ts); the queue's first identical
// call takes them. An answer is taken once, only while it is fresh, and
// any call that may change data (anything not a known read) drops them all.

/** A command and its arguments as one string, the same whatever the key order. */
export function stableKey(command: string, args: unknown): string {
  return `${command} ${JSON.stringify(sorted(args))}`;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export class EarlyAnswers {
  private readonly answers = new Map<string, { at: number; answer: Promise<unknown> }>();

  constructor(
    /** Commands that only read: calling them keeps the early answers. */
    private readonly reads: ReadonlySet<string>,
    /** Older answers are not used (the call asks again). */
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Keeps `answer` (a call already made) for the first identical call. */
  keep(command: string, args: unknown, answer: Promise<unknown>): void {
    // Taken or not, a failure must not surface as an unhandled rejection.
    answer.catch(() => undefined);
    this.answers.set(stableKey(command, args), { at: this.now(), answer });
  }

  /** The kept answer for this call, if any (once); undefined: make the call. */
  take(command: string, args: unknown): Promise<unknown> | undefined {
    if (!this.reads.has(command)) {
      this.answers.clear();
      return undefined;
    }
    const key = stableKey(command, args);
    const kept = this.answers.get(key);
    if (!kept) return undefined;
    this.answers.delete(key);
    return this.now() - kept.at <= this.maxAgeMs ? kept.answer : undefined;
  }

  get size(): number {
    return this.answers.size;
  }
}
