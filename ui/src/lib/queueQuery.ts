// The queue's query for its filters: built in one place, because the desk's
// start asks for the first page before the queue exists (main.ts) and the
// queue must then ask for exactly the same thing to take that answer.
import type { QueueQuery } from '../generated';
import type { QueueFilters } from './session.svelte';

/** Rows per page. */
export const PAGE = 200;

/** Every filter but the statuses (the status chips count each status). */
export function baseQuery(f: QueueFilters, me: string | null): QueueQuery {
  return {
    statuses: [],
    assigned_to: f.mine ? me : null,
    unassigned: f.unassigned,
    overdue: f.overdue,
    policy: f.policy || null,
    ground: f.ground || null,
    min_disputed: f.min.trim() || null,
    max_disputed: f.max.trim() || null,
    search: f.search.trim() || null,
    sort: f.sort,
    direction: f.direction,
    after: null,
    limit: PAGE,
  };
}

/** The list's query: the base with the chosen statuses. */
export function listQuery(f: QueueFilters, me: string | null): QueueQuery {
  return { ...baseQuery(f, me), statuses: [...f.statuses] };
}
