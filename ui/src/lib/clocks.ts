// What each clock's expiry would do, in words (DOMAIN.md's clock table).
import type { CaseView, ClockView } from '../generated';
import { formatMoney } from './money';
import { formatUtc } from './time';

export const CLOCK_LABELS: Record<string, string> = {
  client_response: 'Client response',
  recommendation_sla: 'Recommendation SLA',
  mediation: 'Mediation',
  recommendation_response: 'Recommendation response',
  arbitration_fees: 'Arbitration fees',
};

export function clockLabel(name: string): string {
  return CLOCK_LABELS[name] ?? name;
}

type CaseFacts = Pick<CaseView, 'disputed' | 'currency' | 'parties' | 'fees' | 'recommendation'>;

/** The default at the clock's expiry, e.g. "client silent → $500.00 released to Dana Ruiz on 23 Feb 2026, 09:20 UTC". */
export function defaultInWords(clock: Pick<ClockView, 'name' | 'due' | 'state'>, c: CaseFacts): string {
  const amount = formatMoney(c.disputed, c.currency);
  const on = formatUtc(clock.due);
  const client = c.parties.client.name;
  const freelancer = c.parties.freelancer.name;
  if (clock.state === 'stopped') return 'stopped: its reason passed, no default applies';
  switch (clock.name) {
    case 'client_response':
      return `client silent → ${amount} released to ${freelancer} on ${on}`;
    case 'recommendation_response': {
      const answered = Object.keys(c.recommendation?.responses ?? {});
      const silent = ['client', 'freelancer'].filter((p) => !answered.includes(p));
      const who = silent.length === 1 ? `${silent[0] === 'client' ? client : freelancer} silent` : 'a party silent';
      return `${who} → counts as rejection; arbitration fees become due on ${on}`;
    }
    case 'arbitration_fees': {
      const paid = Object.keys(c.fees?.paid ?? {}).filter((p) => p === 'client' || p === 'freelancer');
      if (paid.length === 1) {
        const payer = paid[0] === 'client' ? client : freelancer;
        return `only ${payer} paid → ${amount} to ${payer} (fee refunded) on ${on}`;
      }
      if (paid.length === 0) return `nobody paid → ${amount} to ${client} (the client) on ${on}`;
      return 'both paid: arbitration goes ahead';
    }
    case 'recommendation_sla':
    case 'mediation':
      return `no default: flagged overdue for the supervisor from ${on}`;
    default:
      return 'no default known';
  }
}
