// A timeline event's body as one readable line. The body is untrusted JSON
// from the feed: this only builds plain strings, which are shown as text.

const FIRST = ['body', 'text', 'statement', 'note', 'rationale', 'reason', 'terms', 'decision'];

/** Event bodies arrive as `unknown` JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function scalar(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function words(key: string): string {
  return key.replace(/_/g, ' ');
}

/** "by client: Not what we asked for. · attachments: 1" */
export function summarizeBody(value: unknown, max = 400): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return scalar(value) ?? '';
  const body = value as { [key: string]: JsonValue };
  const parts: string[] = [];
  const keys = Object.keys(body).filter((k) => k !== 'type' && k !== 'id' && k !== 'at');
  const ordered = [
    ...keys.filter((k) => k === 'by' || k === 'party'),
    ...FIRST.filter((k) => keys.includes(k)),
    ...keys.filter((k) => k !== 'by' && k !== 'party' && !FIRST.includes(k)),
  ];
  for (const k of ordered) {
    const v = body[k];
    if (Array.isArray(v)) {
      if (v.length) parts.push(`${words(k)}: ${v.length}`);
      continue;
    }
    if (v !== null && typeof v === 'object') {
      const inner = Object.entries(v)
        .map(([ik, iv]) => {
          const s = scalar(iv);
          return s === null ? null : `${words(ik)} ${s}`;
        })
        .filter((x): x is string => x !== null);
      if (inner.length) parts.push(`${words(k)}: ${inner.join(', ')}`);
      continue;
    }
    const s = scalar(v);
    if (s !== null && s !== '') parts.push(`${words(k)}: ${s}`);
  }
  const line = parts.join(' · ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
