//! The rows the store keeps. The store knows nothing of the domain: events are
//! JSON text with their indexed columns beside them, amounts are integer minor
//! units, and the queue's summaries are a projection the app computes from the
//! events and hands over (they hold no fact of their own).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One event of a case's append-only log. `seq` starts at 1 and has no gaps;
/// `hash` is the audit chain's link (computed by the app), stored as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEvent {
    pub case_id: String,
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// The event's type, e.g. `milestone_funded` or `recommendation_issued`.
    pub kind: String,
    /// `specialist:ana`, `supervisor:sam`, `system` or `platform`.
    pub actor: String,
    /// The event as canonical JSON.
    pub body: String,
    pub hash: String,
    /// Written only (read back as `None`): the id of the feed event this
    /// event is a copy of, for a platform event of a case opened or updated
    /// by an import. The store then takes `at`, `kind` and `body` from that
    /// feed event's row, inside the database, instead of receiving the same
    /// text again; they must be equal to this event's (the import makes the
    /// case's rows from the feed's).
    pub copy_of: Option<String>,
}

/// A contract as the feed described it (title, parties, milestones), kept so
/// that a later feed's dispute on a known contract can open a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractRecord {
    pub id: String,
    pub currency: String,
    /// The contract header as JSON (everything but its events).
    pub body: String,
}

/// A platform feed event, kept per contract for idempotent imports: an id that
/// comes back with a different `digest` is a conflict, not an overwrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEventRecord {
    pub id: String,
    pub contract_id: String,
    /// Position within the contract's feed history, from 1.
    pub ordinal: i64,
    pub at: DateTime<Utc>,
    pub kind: String,
    /// SHA-256 hex of the event's canonical JSON.
    pub digest: String,
    pub body: String,
}

/// The queue's view of one case: a projection rebuilt from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: String,
    pub contract_id: String,
    pub title: String,
    pub client_name: String,
    pub freelancer_name: String,
    /// `ended_with_balance` or `milestone_not_released`.
    pub ground: String,
    pub policy: String,
    pub status: String,
    pub outcome: Option<String>,
    pub assigned_to: Option<String>,
    pub currency: String,
    pub disputed_minor: i64,
    pub filed_at: DateTime<Utc>,
    /// Earliest due time among the case's running clocks; None when none runs.
    pub next_due: Option<DateTime<Utc>>,
    /// Name of the clock that is due at `next_due`.
    pub next_clock: Option<String>,
    pub to_freelancer_minor: Option<i64>,
    pub to_client_minor: Option<i64>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Number of events in the case's log (= the last seq).
    pub version: i64,
    /// Hash of the last event of the case's audit chain.
    pub chain_head: String,
}

/// Events to add to one case, checked against the version the writer read.
/// `expected_version == 0` creates the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseAppend {
    pub case_id: String,
    pub expected_version: i64,
    pub events: Vec<StoredEvent>,
    /// The case's summary after these events.
    pub summary: CaseSummary,
}

/// Everything one feed import writes, in one transaction: all or nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBatch {
    /// Inserted, or replaced when the contract is already known.
    pub contracts: Vec<ContractRecord>,
    /// Only new feed events (the app has already compared the known ones).
    pub feed_events: Vec<FeedEventRecord>,
    pub appends: Vec<CaseAppend>,
}

/// What the queue shows. Every field narrows; the default shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// Any of these statuses (empty: all).
    pub statuses: Vec<String>,
    pub assigned_to: Option<String>,
    pub unassigned: bool,
    /// Only cases with a running clock due at or before this time.
    pub overdue_at: Option<DateTime<Utc>>,
    pub policy: Option<String>,
    pub ground: Option<String>,
    pub min_disputed_minor: Option<i64>,
    pub max_disputed_minor: Option<i64>,
    /// Case id (prefix, case-insensitive) or party name (substring, case-insensitive).
    pub search: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Soonest running clock first; cases with no running clock last.
    #[default]
    NextDue,
    Disputed,
    Filed,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    #[default]
    Asc,
    Desc,
}

/// Opaque position after the last row of a page (keyset paging: the sort key
/// and the id of that row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueCursor {
    pub key: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub rows: Vec<CaseSummary>,
    /// None on the last page.
    pub next: Option<QueueCursor>,
}

/// Figures for `accord stats`, over cases filed in a time range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsRows {
    /// (status, number of cases)
    pub by_status: Vec<(String, i64)>,
    /// (outcome, number of cases, sum of to_freelancer, sum of to_client) in minor units,
    /// grouped by currency too: (currency, outcome, count, to_freelancer, to_client).
    pub by_outcome: Vec<(String, String, i64, i64, i64)>,
    /// (currency, number of cases, disputed sum in minor units)
    pub disputed: Vec<(String, i64, i64)>,
}
