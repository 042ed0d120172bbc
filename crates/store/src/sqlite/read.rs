//! The plain reads.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::pool::PoolConnection;
use sqlx::Sqlite;

use super::bulk::{self, db_error};
use super::rows::{self, EVENT_COLUMNS, FEED_EVENT_COLUMNS, SUMMARY_COLUMNS};
use super::{time, SqliteStore};
use crate::{CaseSummary, ContractRecord, FeedEventRecord, StoreError, StoredEvent};

async fn connection(store: &SqliteStore) -> Result<PoolConnection<Sqlite>, StoreError> {
    store
        .pool
        .acquire()
        .await
        .map_err(|e| db_error("getting a connection", e))
}

/// event id -> (contract id, digest) for the feed events matching `column IN keys`.
async fn digests_where(
    store: &SqliteStore,
    column: &str,
    keys: &[String],
) -> Result<HashMap<String, (String, String)>, StoreError> {
    let mut found = HashMap::new();
    if keys.is_empty() {
        return Ok(found);
    }
    let keys = bulk::distinct(keys.iter().map(String::as_str));
    let mut conn = connection(store).await?;
    let head = format!("SELECT id, contract_id, digest FROM feed_events WHERE {column} IN (");
    bulk::select_in(
        &mut conn,
        &head,
        ")",
        &keys,
        "reading feed event digests",
        |row| {
            found.insert(
                rows::get(row, "feed_events", "id")?,
                (
                    rows::get(row, "feed_events", "contract_id")?,
                    rows::get(row, "feed_events", "digest")?,
                ),
            );
            Ok(())
        },
    )
    .await?;
    Ok(found)
}

pub(super) async fn feed_event_digests(
    store: &SqliteStore,
    contract_ids: &[String],
) -> Result<HashMap<String, (String, String)>, StoreError> {
    digests_where(store, "contract_id", contract_ids).await
}

pub(super) async fn feed_events_by_id(
    store: &SqliteStore,
    event_ids: &[String],
) -> Result<HashMap<String, (String, String)>, StoreError> {
    digests_where(store, "id", event_ids).await
}

pub(super) async fn contract(
    store: &SqliteStore,
    id: &str,
) -> Result<Option<ContractRecord>, StoreError> {
    sqlx::query("SELECT id, currency, body FROM contracts WHERE id = ?")
        .bind(id)
        .fetch_optional(&store.pool)
        .await
        .map_err(|e| db_error("reading a contract", e))?
        .as_ref()
        .map(rows::contract)
        .transpose()
}

pub(super) async fn feed_events(
    store: &SqliteStore,
    contract_id: &str,
) -> Result<Vec<FeedEventRecord>, StoreError> {
    let sql = format!(
        "SELECT {FEED_EVENT_COLUMNS} FROM feed_events WHERE contract_id = ? ORDER BY ordinal"
    );
    sqlx::query(&sql)
        .bind(contract_id)
        .fetch_all(&store.pool)
        .await
        .map_err(|e| db_error("reading feed events", e))?
        .iter()
        .map(rows::feed_event)
        .collect()
}

pub(super) async fn cases_of_contracts(
    store: &SqliteStore,
    contract_ids: &[String],
) -> Result<Vec<(String, String)>, StoreError> {
    let mut found = Vec::new();
    if contract_ids.is_empty() {
        return Ok(found);
    }
    let keys = bulk::distinct(contract_ids.iter().map(String::as_str));
    let mut conn = connection(store).await?;
    bulk::select_in(
        &mut conn,
        "SELECT id, contract_id FROM cases WHERE contract_id IN (",
        ")",
        &keys,
        "reading the cases of contracts",
        |row| {
            found.push((
                rows::get(row, "cases", "id")?,
                rows::get(row, "cases", "contract_id")?,
            ));
            Ok(())
        },
    )
    .await?;
    found.sort();
    Ok(found)
}

pub(super) async fn summary(
    store: &SqliteStore,
    case_id: &str,
) -> Result<Option<CaseSummary>, StoreError> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM cases WHERE id = ?");
    sqlx::query(&sql)
        .bind(case_id)
        .fetch_optional(&store.pool)
        .await
        .map_err(|e| db_error("reading a case summary", e))?
        .as_ref()
        .map(rows::summary)
        .transpose()
}

pub(super) async fn events(
    store: &SqliteStore,
    case_id: &str,
) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM case_events WHERE case_id = ? ORDER BY seq");
    sqlx::query(&sql)
        .bind(case_id)
        .fetch_all(&store.pool)
        .await
        .map_err(|e| db_error("reading case events", e))?
        .iter()
        .map(rows::event)
        .collect()
}

pub(super) async fn case_ids(store: &SqliteStore) -> Result<Vec<String>, StoreError> {
    sqlx::query_scalar("SELECT id FROM cases ORDER BY id")
        .fetch_all(&store.pool)
        .await
        .map_err(|e| db_error("reading case ids", e))
}

pub(super) async fn due_case_ids(
    store: &SqliteStore,
    at: DateTime<Utc>,
) -> Result<Vec<String>, StoreError> {
    sqlx::query_scalar(
        "SELECT id FROM cases WHERE next_due <= ? AND status <> 'resolved' ORDER BY id",
    )
    .bind(time::format(&at)?)
    .fetch_all(&store.pool)
    .await
    .map_err(|e| db_error("reading due cases", e))
}

pub(super) async fn case_count(store: &SqliteStore) -> Result<i64, StoreError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&store.pool)
        .await
        .map_err(|e| db_error("counting cases", e))
}

pub(super) async fn is_empty(store: &SqliteStore) -> Result<bool, StoreError> {
    sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM contracts)")
        .fetch_one(&store.pool)
        .await
        .map_err(|e| db_error("looking for contracts", e))
}
