//! [`SqliteStore`]: the embedded default store, one SQLite file (or memory).
//!
//! - WAL, foreign keys on, a 10 s busy timeout, `synchronous = NORMAL`.
//! - Every write is one `BEGIN IMMEDIATE` transaction (see `tx::WriteTx`):
//!   a deferred `BEGIN` would take the write lock only at the first write and
//!   fail with "database is locked" when two writers race, instead of waiting.
//! - Times are fixed-width UTC text (see `time`), amounts integer minor units.
//! - The schema is `migrations/sqlite`, applied at open.

mod bulk;
mod queue;
mod read;
mod rows;
mod time;
mod tx;
mod write;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::ConnectOptions;

use crate::{
    CaseAppend, CaseSummary, ContractRecord, FeedEventRecord, ImportBatch, QueueCursor,
    QueueFilter, QueuePage, QueueSort, SortDirection, StatsRows, Store, StoreError, StoredEvent,
};

/// How long a writer waits for another writer's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections of a file database: several readers beside the one writer WAL
/// allows at a time.
const FILE_POOL_SIZE: u32 = 8;

/// Page cache per connection, in KiB (SQLite's `cache_size` takes a negative
/// number for KiB). Big imports touch many index pages.
const CACHE_KIB: i64 = 64 * 1024;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");

/// The SQLite [`Store`]. Cloning is cheap and shares the pool.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// For an in-memory database: one more connection to it, outside the
    /// pool, so that the database outlives any pool connection that sqlx
    /// closes and replaces. Never used for queries.
    _memory_anchor: Option<Arc<MemoryAnchor>>,
}

struct MemoryAnchor(#[allow(dead_code)] Mutex<SqliteConnection>);

impl std::fmt::Debug for MemoryAnchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryAnchor")
    }
}

impl SqliteStore {
    /// Opens (creating it when missing) and migrates the database at `url`: a
    /// plain file path, a `sqlite:` URL (`sqlite://data/accord.db`,
    /// `sqlite:accord.db?mode=rwc`), or `sqlite::memory:` / `:memory:`.
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        accord_sqlite_heap::configure();
        let url = url.trim();
        if url == ":memory:" || url.starts_with("sqlite::memory:") {
            return Self::open_in_memory().await;
        }
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Database(format!("bad SQLite URL {url:?}: {e}")))?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            .synchronous(SqliteSynchronous::Normal)
            .pragma("cache_size", (-CACHE_KIB).to_string())
            .pragma("temp_store", "MEMORY");
        let pool = SqlitePoolOptions::new()
            .max_connections(FILE_POOL_SIZE)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Database(format!("opening {url:?}: {e}")))?;
        Self::migrated(pool).await
    }

    /// A fresh private database in memory (tests, `accord replay`): a named
    /// shared-cache memory database that only this store's connections open.
    /// Its pool holds exactly one connection (concurrent calls take turns),
    /// never closed for being idle; one more connection outside the pool keeps
    /// the database alive as long as the store.
    pub async fn open_in_memory() -> Result<SqliteStore, StoreError> {
        accord_sqlite_heap::configure();
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(|e| StoreError::Database(format!("in-memory options: {e}")))?
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            .pragma("cache_size", (-CACHE_KIB).to_string())
            .pragma("temp_store", "MEMORY");
        let anchor = options
            .connect()
            .await
            .map_err(|e| StoreError::Database(format!("opening an in-memory database: {e}")))?;
        let pool = SqlitePoolOptions::new()
            .min_connections(1)
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Database(format!("opening an in-memory database: {e}")))?;
        let mut store = Self::migrated(pool).await?;
        store._memory_anchor = Some(Arc::new(MemoryAnchor(Mutex::new(anchor))));
        Ok(store)
    }

    async fn migrated(pool: SqlitePool) -> Result<SqliteStore, StoreError> {
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(SqliteStore {
            pool,
            _memory_anchor: None,
        })
    }

    /// The connection pool (benchmarks and tests reach the tables through it).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Closes every connection (waits for the ones in use).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait::async_trait]
impl Store for SqliteStore {
    async fn import(&self, batch: ImportBatch) -> Result<(), StoreError> {
        write::import(self, batch).await
    }

    async fn import_stream(&self, parts: crate::ImportParts) -> Result<(), StoreError> {
        write::import_stream(self, parts).await
    }

    async fn append(&self, append: CaseAppend) -> Result<(), StoreError> {
        write::append(self, &append).await
    }

    async fn feed_event_digests(
        &self,
        contract_ids: &[String],
    ) -> Result<HashMap<String, (String, String)>, StoreError> {
        read::feed_event_digests(self, contract_ids).await
    }

    async fn feed_events_by_id(
        &self,
        event_ids: &[String],
    ) -> Result<HashMap<String, (String, String)>, StoreError> {
        read::feed_events_by_id(self, event_ids).await
    }

    async fn contract(&self, id: &str) -> Result<Option<ContractRecord>, StoreError> {
        read::contract(self, id).await
    }

    async fn feed_events(&self, contract_id: &str) -> Result<Vec<FeedEventRecord>, StoreError> {
        read::feed_events(self, contract_id).await
    }

    async fn cases_of_contracts(
        &self,
        contract_ids: &[String],
    ) -> Result<Vec<(String, String)>, StoreError> {
        read::cases_of_contracts(self, contract_ids).await
    }

    async fn summary(&self, case_id: &str) -> Result<Option<CaseSummary>, StoreError> {
        read::summary(self, case_id).await
    }

    async fn events(&self, case_id: &str) -> Result<Vec<StoredEvent>, StoreError> {
        read::events(self, case_id).await
    }

    async fn case_ids(&self) -> Result<Vec<String>, StoreError> {
        read::case_ids(self).await
    }

    async fn due_case_ids(&self, at: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
        read::due_case_ids(self, at).await
    }

    async fn queue(
        &self,
        filter: &QueueFilter,
        sort: QueueSort,
        direction: SortDirection,
        after: Option<&QueueCursor>,
        limit: u32,
    ) -> Result<QueuePage, StoreError> {
        queue::page(self, filter, sort, direction, after, limit).await
    }

    async fn status_counts(&self, filter: &QueueFilter) -> Result<Vec<(String, i64)>, StoreError> {
        queue::status_counts(self, filter).await
    }

    async fn case_count(&self) -> Result<i64, StoreError> {
        read::case_count(self).await
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        read::is_empty(self).await
    }

    async fn put_summaries(&self, summaries: Vec<CaseSummary>) -> Result<(), StoreError> {
        write::put_summaries(self, &summaries).await
    }

    async fn stats(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<StatsRows, StoreError> {
        queue::stats(self, from, to).await
    }
}
