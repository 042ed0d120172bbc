export const STATUSES = [
  'awaiting_client_response',
  'in_mediation',
  'recommendation_in_review',
  'awaiting_recommendation_responses',
  'awaiting_arbitration_fees',
  'in_arbitration',
  'resolved',
] as const;

export const POLICIES = ['upwork-fp-2019', 'upwork-fp-2023'];
export const GROUNDS = ['ended_with_balance', 'milestone_not_released'];
export const CATEGORIES = ['platform', 'message', 'statement', 'desk', 'system'] as const;

/** "awaiting_client_response" → "awaiting client response" */
export function words(s: string): string {
  return s.replace(/_/g, ' ');
}

/** "1.2 MB", "471 KB", "12 B" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
