// Times and countdowns. Instants arrive as RFC 3339 UTC strings.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "23 Feb 2026, 09:20 UTC" */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "23 Feb 2026" (UTC date) */
export function formatDateUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The instant in the user's own zone, with the zone's name. */
export function formatLocal(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(d);
}

/** A duration in words, two largest units: "2d 3h", "45m 10s", "0s". */
export function formatDuration(ms: number): string {
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** "in 2d 3h" before the due time, "overdue by 1h 5m" at or after it. */
export function countdown(dueIso: string, nowMs: number): string {
  const diff = new Date(dueIso).getTime() - nowMs;
  if (Number.isNaN(diff)) return '';
  return diff > 0 ? `in ${formatDuration(diff)}` : `overdue by ${formatDuration(diff)}`;
}

/** Whether the due time has come (now ≥ due, as DOMAIN.md says). */
export function isPast(dueIso: string, nowMs: number): boolean {
  return nowMs >= new Date(dueIso).getTime();
}
