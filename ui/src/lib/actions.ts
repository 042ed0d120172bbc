// The action forms: which fields each kind has (DOMAIN.md's table), how a
// filled form becomes an Action, and which actions move money (previewed and
// confirmed before they are recorded).
import type { Action } from '../generated';
import type { JsonValue } from './summary';
import { isDecimal } from './money';

export type FieldKind = 'text' | 'textarea' | 'money' | 'select' | 'checkbox' | 'days';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: string[];
  /** Left out of the action when blank (the rule, not the form, refuses it). */
  optional?: boolean;
}

const party: FieldSpec = { name: 'party', label: 'Party', kind: 'select', options: ['client', 'freelancer'] };

export const ACTION_FIELDS: Record<string, FieldSpec[]> = {
  assign: [{ name: 'specialist', label: 'Specialist', kind: 'text' }],
  record_client_response: [
    { name: 'decision', label: 'Decision', kind: 'select', options: ['accept', 'decline'] },
    { name: 'statement', label: 'Client statement (required to decline)', kind: 'textarea', optional: true },
  ],
  log_contact_attempt: [
    party,
    { name: 'channel', label: 'Channel', kind: 'text' },
    { name: 'reached', label: 'Reached', kind: 'checkbox' },
    { name: 'note', label: 'Note', kind: 'textarea', optional: true },
  ],
  add_note: [
    { name: 'text', label: 'Note', kind: 'textarea', optional: true },
    { name: 'visibility', label: 'Visibility', kind: 'select', options: ['internal', 'parties'] },
  ],
  record_settlement: [
    { name: 'to_freelancer', label: 'To freelancer', kind: 'money' },
    { name: 'to_client', label: 'To client', kind: 'money' },
    { name: 'terms', label: 'Terms', kind: 'textarea', optional: true },
  ],
  issue_recommendation: [
    { name: 'to_freelancer', label: 'To freelancer', kind: 'money' },
    { name: 'to_client', label: 'To client', kind: 'money' },
    { name: 'rationale', label: 'Rationale (required)', kind: 'textarea', optional: true },
  ],
  approve_recommendation: [],
  return_recommendation: [{ name: 'note', label: 'Note (required)', kind: 'textarea', optional: true }],
  record_recommendation_response: [
    party,
    { name: 'decision', label: 'Decision', kind: 'select', options: ['accept', 'reject'] },
  ],
  record_fee_payment: [party, { name: 'amount', label: 'Amount (the party’s share)', kind: 'money' }],
  record_award: [
    { name: 'to_freelancer', label: 'To freelancer', kind: 'money' },
    { name: 'to_client', label: 'To client', kind: 'money' },
    { name: 'reference', label: 'Award reference', kind: 'text', optional: true },
  ],
  extend_clock: [
    { name: 'clock', label: 'Clock', kind: 'select', options: [] },
    { name: 'days', label: 'Days (1–365)', kind: 'days' },
    { name: 'reason', label: 'Reason (required)', kind: 'textarea', optional: true },
  ],
  withdraw: [{ name: 'reason', label: 'Reason (required)', kind: 'textarea', optional: true }],
  sweep: [],
};

export const ACTION_LABELS: Record<string, string> = {
  assign: 'Assign',
  record_client_response: 'Client response',
  log_contact_attempt: 'Log contact attempt',
  add_note: 'Add note',
  record_settlement: 'Record settlement',
  issue_recommendation: 'Issue recommendation',
  approve_recommendation: 'Approve recommendation',
  return_recommendation: 'Return recommendation',
  record_recommendation_response: 'Recommendation response',
  record_fee_payment: 'Record fee payment',
  record_award: 'Record award',
  extend_clock: 'Extend clock',
  withdraw: 'Withdraw',
  sweep: 'Sweep clocks',
};

export type FormValues = Record<string, string | boolean>;

export function initialValues(kind: string, clocks: string[] = []): FormValues {
  const v: FormValues = {};
  for (const f of ACTION_FIELDS[kind] ?? []) {
    if (f.kind === 'checkbox') v[f.name] = false;
    else if (f.kind === 'select') v[f.name] = (f.name === 'clock' ? clocks : f.options ?? [])[0] ?? '';
    else v[f.name] = '';
  }
  return v;
}

/** Form problems the desk can see before asking Rust (amount syntax only). */
export function formErrors(kind: string, values: FormValues, places = 2): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ACTION_FIELDS[kind] ?? []) {
    const v = values[f.name];
    if (f.kind === 'money' && typeof v === 'string' && !isDecimal(v, places)) {
      out[f.name] = `Enter an amount like 300.00 (digits, at most ${places} decimal places).`;
    }
  }
  return out;
}

/** The Action a filled form stands for. Blank optional text is left out. */
export function buildAction(kind: string, values: FormValues): Action {
  const out: Record<string, JsonValue> = { type: kind };
  for (const f of ACTION_FIELDS[kind] ?? []) {
    const v = values[f.name];
    if (f.kind === 'checkbox') {
      out[f.name] = v === true;
    } else if (f.kind === 'days') {
      const t = String(v ?? '').trim();
      if (t !== '') out[f.name] = /^\d+$/.test(t) ? Number(t) : t;
    } else {
      const t = String(v ?? '');
      if (f.optional && t.trim() === '') continue;
      out[f.name] = f.kind === 'money' ? t.trim() : t;
    }
  }
  return out as unknown as Action;
}

/** Whether the action's result may move money, so it is previewed and confirmed first. */
export function movesMoney(a: Action): boolean {
  switch (a.type) {
    case 'record_settlement':
    case 'record_award':
    case 'withdraw':
    case 'issue_recommendation':
    case 'record_recommendation_response':
      return true;
    case 'record_client_response':
      return a.decision === 'accept';
    case 'log_contact_attempt':
      return a.party === 'client' && !a.reached;
    default:
      return false;
  }
}

const RULE_WORDS: Record<string, string> = {
  case_resolved: 'The case is already resolved.',
  not_allowed_in_status: 'This action is not allowed in the case’s current status.',
  not_assigned: 'Only the assigned specialist (or a supervisor) may do this.',
  role_forbidden: 'Your role may not do this.',
  own_recommendation: 'A supervisor may not approve or return their own recommendation.',
  allocation_mismatch: 'The two shares must add up to the disputed amount.',
  negative_amount: 'Amounts cannot be negative.',
  too_many_places: 'An amount has more decimal places than the currency allows.',
  fee_mismatch: 'The payment must equal that party’s fee share.',
  already_paid: 'That party has already paid.',
  already_responded: 'That party has already responded.',
  statement_required: 'A statement is required.',
  rationale_required: 'A rationale is required.',
  reason_required: 'A reason (or note) is required.',
  unknown_clock: 'There is no clock by that name.',
  invalid_days: 'Days must be a whole number from 1 to 365.',
  clock_not_running: 'That clock is not running.',
  extension_limit: 'This would go past the specialist’s extension limit for this clock.',
};

export function ruleInWords(rule: string | undefined): string {
  return (rule && RULE_WORDS[rule]) || 'The action was refused.';
}

/** The allocation a preview's case_resolved event carries, if any. */
export function previewAllocation(value: unknown): { to_freelancer: string; to_client: string } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const body = value as { [key: string]: JsonValue };
  const src = (body.allocation ?? body) as JsonValue;
  if (src === null || typeof src !== 'object' || Array.isArray(src)) return null;
  const f = src.to_freelancer;
  const c = src.to_client;
  return typeof f === 'string' && typeof c === 'string' ? { to_freelancer: f, to_client: c } : null;
}
