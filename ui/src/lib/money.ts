// Money as decimal strings, computed in integer minor units (BigInt). Never a
// JS number: amounts are parsed, compared and formatted as text.

/** A non-negative decimal with at most `maxPlaces` places ("500", "500.5", "500.00"). */
export const DECIMAL_RE = /^\d+(\.\d+)?$/;

export function isDecimal(text: string, maxPlaces = 2): boolean {
  const t = text.trim();
  if (!DECIMAL_RE.test(t)) return false;
  const dot = t.indexOf('.');
  return dot < 0 || t.length - dot - 1 <= maxPlaces;
}

/** Places a decimal string carries ("500.00" → 2, "12" → 0). */
export function placesOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** "500.00" at 2 places → 50000n. Throws on anything that is not a decimal. */
export function toMinor(text: string, places: number): bigint {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = neg ? t.slice(1) : t;
  if (!DECIMAL_RE.test(body)) throw new Error(`not a decimal: ${text}`);
  const [whole, frac = ''] = body.split('.');
  if (frac.length > places) throw new Error(`more than ${places} places: ${text}`);
  const v = BigInt(whole + frac.padEnd(places, '0'));
  return neg ? -v : v;
}

/** 50000n at 2 places → "500.00". */
export function fromMinor(minor: bigint, places: number): string {
  const neg = minor < 0n;
  const digits = (neg ? -minor : minor).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return (neg ? '-' : '') + (places > 0 ? `${whole}.${frac}` : whole);
}

/** The places two amounts are compared at (the larger of theirs). */
function commonPlaces(a: string, b: string): number {
  return Math.max(placesOf(a.trim()), placesOf(b.trim()));
}

/** -1, 0 or 1, exactly. */
export function compareMoney(a: string, b: string): number {
  const p = commonPlaces(a, b);
  const x = toMinor(a, p);
  const y = toMinor(b, p);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addMoney(a: string, b: string): string {
  const p = commonPlaces(a, b);
  return fromMinor(toMinor(a, p) + toMinor(b, p), p);
}

export function subMoney(a: string, b: string): string {
  const p = commonPlaces(a, b);
  return fromMinor(toMinor(a, p) - toMinor(b, p), p);
}

/** Whether a + b equals whole, to the minor unit. */
export function sumsTo(a: string, b: string, whole: string): boolean {
  const p = Math.max(commonPlaces(a, b), placesOf(whole.trim()));
  return toMinor(a, p) + toMinor(b, p) === toMinor(whole, p);
}

/** Whether `part` is more than half of `whole` (2·part > whole), exactly. */
export function moreThanHalf(part: string, whole: string): boolean {
  const p = commonPlaces(part, whole);
  return 2n * toMinor(part, p) > toMinor(whole, p);
}

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** Groups the whole part by thousands: "1234567.50" → "1,234,567.50". */
export function groupThousands(text: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const [whole, frac] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** "$500.00" for USD (and the few symbols we know); "500.00 CHF" otherwise. */
export function formatMoney(amount: string, currency: string): string {
  const sym = SYMBOLS[currency];
  const g = groupThousands(amount);
  if (sym) return g.startsWith('-') ? `-${sym}${g.slice(1)}` : `${sym}${g}`;
  return `${g} ${currency}`;
}
