//! accord-store: where Accord keeps its event logs.
//!
//! [`Store`] is the interface the app uses; [`SqliteStore`] is the embedded
//! default. A PostgreSQL implementation comes later as a second `Store` and must
//! pass the same conformance suite (`src/conformance.rs`).

pub mod conformance;
mod error;
mod model;
mod sqlite;

pub use error::StoreError;
pub use model::*;
pub use sqlite::SqliteStore;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

/// The receiving end of a streamed import: parts, or the reason to abort.
pub type ImportParts = tokio::sync::mpsc::Receiver<Result<ImportBatch, String>>;

/// Persistence for cases, contracts and feed events.
///
/// Writes are all-or-nothing. Appends check the version the writer read, so two
/// writers racing on one case give one success and one [`StoreError::Conflict`],
/// never a lost update. Nothing here edits or deletes an event.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Writes a whole feed import in one transaction.
    async fn import(&self, batch: ImportBatch) -> Result<(), StoreError>;

    /// Writes an import that arrives in parts, still in ONE transaction: every
    /// part or none. The sender ends the import by dropping its end after the
    /// last part; a part sent as `Err` aborts it (nothing is written). Lets a
    /// large import be planned while its earlier parts are being written.
    ///
    /// This default gathers the parts and calls [`Store::import`].
    async fn import_stream(&self, mut parts: ImportParts) -> Result<(), StoreError> {
        let mut all = ImportBatch::default();
        while let Some(part) = parts.recv().await {
            let mut part = part.map_err(StoreError::Aborted)?;
            all.contracts.append(&mut part.contracts);
            all.feed_events.append(&mut part.feed_events);
            all.appends.append(&mut part.appends);
        }
        self.import(all).await
    }

    /// Appends events to one case (creating it when `expected_version` is 0).
    async fn append(&self, append: CaseAppend) -> Result<(), StoreError>;

    /// Known feed events of these contracts: event id -> (contract id, digest).
    async fn feed_event_digests(
        &self,
        contract_ids: &[String],
    ) -> Result<HashMap<String, (String, String)>, StoreError>;

    /// Known feed event ids among these ids: event id -> (contract id, digest).
    /// (An event id is unique across contracts.)
    async fn feed_events_by_id(
        &self,
        event_ids: &[String],
    ) -> Result<HashMap<String, (String, String)>, StoreError>;

    async fn contract(&self, id: &str) -> Result<Option<ContractRecord>, StoreError>;

    /// A contract's feed events in ordinal order.
    async fn feed_events(&self, contract_id: &str) -> Result<Vec<FeedEventRecord>, StoreError>;

    /// Cases of these contracts: (case id, contract id).
    async fn cases_of_contracts(
        &self,
        contract_ids: &[String],
    ) -> Result<Vec<(String, String)>, StoreError>;

    async fn summary(&self, case_id: &str) -> Result<Option<CaseSummary>, StoreError>;

    /// A case's whole log in seq order (empty when the case does not exist).
    async fn events(&self, case_id: &str) -> Result<Vec<StoredEvent>, StoreError>;

    /// Every case id, sorted.
    async fn case_ids(&self) -> Result<Vec<String>, StoreError>;

    /// Ids of cases with a running clock due at or before `at`, sorted.
    async fn due_case_ids(&self, at: DateTime<Utc>) -> Result<Vec<String>, StoreError>;

    /// One page of the queue, after `after` (keyset paging), at most `limit` rows.
    async fn queue(
        &self,
        filter: &QueueFilter,
        sort: QueueSort,
        direction: SortDirection,
        after: Option<&QueueCursor>,
        limit: u32,
    ) -> Result<QueuePage, StoreError>;

    /// Number of cases per status for this filter (its `statuses` ignored).
    async fn status_counts(&self, filter: &QueueFilter) -> Result<Vec<(String, i64)>, StoreError>;

    /// Total number of cases.
    async fn case_count(&self) -> Result<i64, StoreError>;

    /// Whether the store holds no contract, and so no feed event and no case
    /// (each belongs to a contract): a first import need look nothing up.
    async fn is_empty(&self) -> Result<bool, StoreError>;

    /// Replaces summaries (after a projection rebuild). Leaves events untouched.
    async fn put_summaries(&self, summaries: Vec<CaseSummary>) -> Result<(), StoreError>;

    /// Aggregates over cases filed in [from, to).
    async fn stats(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<StatsRows, StoreError>;
}
