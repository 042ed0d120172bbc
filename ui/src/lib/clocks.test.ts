import { describe, expect, it } from 'vitest';
import { defaultInWords } from './clocks';
import { countdown, formatDuration, formatUtc } from './time';
import { summarizeBody } from './summary';
import type { CaseView } from '../generated';

const facts = {
  disputed: '500.00',
  currency: 'USD',
  parties: {
    client: { id: 'U-10', name: 'Crumb & Co.', country: 'US' },
    freelancer: { id: 'U-20', name: 'Dana Ruiz', country: 'PT' },
    agency: null,
  },
  fees: null,
  recommendation: null,
} satisfies Pick<CaseView, 'disputed' | 'currency' | 'parties' | 'fees' | 'recommendation'>;

describe('time', () => {
  it('formats UTC', () => {
    expect(formatUtc('2026-02-23T09:20:00Z')).toBe('23 Feb 2026, 09:20 UTC');
  });
  it('counts down and overdue', () => {
    const now = Date.parse('2026-02-21T07:00:00Z');
    expect(countdown('2026-02-23T09:20:00Z', now)).toBe('in 2d 2h');
    expect(countdown('2026-02-21T07:45:30Z', now)).toBe('in 45m 30s');
    expect(countdown('2026-02-21T06:00:00Z', now)).toBe('overdue by 1h 0m');
    expect(countdown('2026-02-21T07:00:00Z', now)).toBe('overdue by 0s');
    expect(formatDuration(5_000)).toBe('5s');
  });
});

describe('defaultInWords', () => {
  const clock = (name: string, state = 'running') => ({ name, due: '2026-02-23T09:20:00Z', state });
  it('client_response releases everything to the freelancer', () => {
    expect(defaultInWords(clock('client_response'), facts)).toBe(
      'client silent → $500.00 released to Dana Ruiz on 23 Feb 2026, 09:20 UTC',
    );
  });
  it('recommendation_response: silence is rejection', () => {
    const c = { ...facts, recommendation: { responses: { client: 'accept' } } as unknown as CaseView['recommendation'] };
    expect(defaultInWords(clock('recommendation_response'), c)).toBe(
      'Dana Ruiz silent → counts as rejection; arbitration fees become due on 23 Feb 2026, 09:20 UTC',
    );
  });
  it('arbitration_fees: nobody paid → client; one paid → payer', () => {
    const fees = { provider: 'Brief', total: '675.00', shares: {}, paid: {}, refunded: {} };
    expect(defaultInWords(clock('arbitration_fees'), { ...facts, fees })).toContain('nobody paid → $500.00 to Crumb & Co.');
    expect(
      defaultInWords(clock('arbitration_fees'), { ...facts, fees: { ...fees, paid: { freelancer: '337.50' } } }),
    ).toContain('only Dana Ruiz paid → $500.00 to Dana Ruiz');
  });
  it('SLA and mediation have no default', () => {
    expect(defaultInWords(clock('mediation'), facts)).toContain('no default: flagged overdue');
    expect(defaultInWords(clock('recommendation_sla'), facts)).toContain('no default');
  });
  it('a stopped clock does nothing', () => {
    expect(defaultInWords(clock('client_response', 'stopped'), facts)).toContain('no default applies');
  });
});

describe('summarizeBody', () => {
  it('puts who and what first, counts attachments', () => {
    expect(summarizeBody({ type: 'message', by: 'client', body: '<b>hi</b>', attachments: [{ name: 'a' }] })).toBe(
      'by: client · body: <b>hi</b> · attachments: 1',
    );
    expect(summarizeBody({ allocation: { to_freelancer: '300.00', to_client: '200.00' } })).toBe(
      'allocation: to freelancer 300.00, to client 200.00',
    );
    expect(summarizeBody(null)).toBe('');
  });
});
