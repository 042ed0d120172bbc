// What outlives the queue view while a case is open: the query, the scroll
// position and the selection.
import type { QueueSort, SortDirection } from '../generated';

export interface QueueFilters {
  statuses: string[];
  mine: boolean;
  unassigned: boolean;
  overdue: boolean;
  policy: string;
  ground: string;
  min: string;
  max: string;
  search: string;
  sort: QueueSort;
  direction: SortDirection;
}

export const queueState = $state({
  filters: {
    statuses: [],
    mine: false,
    unassigned: false,
    overdue: false,
    policy: '',
    ground: '',
    min: '',
    max: '',
    search: '',
    sort: 'next_due',
    direction: 'asc',
  } as QueueFilters,
  scrollTop: 0,
  selected: 0,
});
