//! Reading rows back into the model, naming the table and column of anything
//! that does not decode.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Decode, Row, Sqlite, Type};

use super::time;
use crate::{CaseSummary, ContractRecord, FeedEventRecord, StoreError, StoredEvent};

/// The columns of `cases` that make a [`CaseSummary`], in [`summary`]'s order.
pub(crate) const SUMMARY_COLUMNS: &str = "id, contract_id, title, client_name, freelancer_name, \
     ground, policy, status, outcome, assigned_to, currency, disputed_minor, filed_at, next_due, \
     next_clock, to_freelancer_minor, to_client_minor, resolved_at, version, chain_head";

pub(crate) const EVENT_COLUMNS: &str = "case_id, seq, at, kind, actor, body, hash";

pub(crate) const FEED_EVENT_COLUMNS: &str = "id, contract_id, ordinal, at, kind, digest, body";

pub(crate) fn get<'r, T>(row: &'r SqliteRow, table: &str, column: &str) -> Result<T, StoreError>
where
    T: Decode<'r, Sqlite> + Type<Sqlite>,
{
    row.try_get(column)
        .map_err(|e| StoreError::Database(format!("{table}.{column}: {e}")))
}

fn get_time(row: &SqliteRow, table: &str, column: &str) -> Result<DateTime<Utc>, StoreError> {
    let text: String = get(row, table, column)?;
    time::parse(&text, &format!("{table}.{column}"))
}

fn get_opt_time(
    row: &SqliteRow,
    table: &str,
    column: &str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let text: Option<String> = get(row, table, column)?;
    text.map(|t| time::parse(&t, &format!("{table}.{column}")))
        .transpose()
}

pub(crate) fn summary(row: &SqliteRow) -> Result<CaseSummary, StoreError> {
    const T: &str = "cases";
    Ok(CaseSummary {
        id: get(row, T, "id")?,
        contract_id: get(row, T, "contract_id")?,
        title: get(row, T, "title")?,
        client_name: get(row, T, "client_name")?,
        freelancer_name: get(row, T, "freelancer_name")?,
        ground: get(row, T, "ground")?,
        policy: get(row, T, "policy")?,
        status: get(row, T, "status")?,
        outcome: get(row, T, "outcome")?,
        assigned_to: get(row, T, "assigned_to")?,
        currency: get(row, T, "currency")?,
        disputed_minor: get(row, T, "disputed_minor")?,
        filed_at: get_time(row, T, "filed_at")?,
        next_due: get_opt_time(row, T, "next_due")?,
        next_clock: get(row, T, "next_clock")?,
        to_freelancer_minor: get(row, T, "to_freelancer_minor")?,
        to_client_minor: get(row, T, "to_client_minor")?,
        resolved_at: get_opt_time(row, T, "resolved_at")?,
        version: get(row, T, "version")?,
        chain_head: get(row, T, "chain_head")?,
    })
}

pub(crate) fn event(row: &SqliteRow) -> Result<StoredEvent, StoreError> {
    const T: &str = "case_events";
    Ok(StoredEvent {
        case_id: get(row, T, "case_id")?,
        seq: get(row, T, "seq")?,
        at: get_time(row, T, "at")?,
        kind: get(row, T, "kind")?,
        actor: get(row, T, "actor")?,
        body: get(row, T, "body")?,
        hash: get(row, T, "hash")?,
        copy_of: None,
    })
}

pub(crate) fn feed_event(row: &SqliteRow) -> Result<FeedEventRecord, StoreError> {
    const T: &str = "feed_events";
    Ok(FeedEventRecord {
        id: get(row, T, "id")?,
        contract_id: get(row, T, "contract_id")?,
        ordinal: get(row, T, "ordinal")?,
        at: get_time(row, T, "at")?,
        kind: get(row, T, "kind")?,
        digest: get(row, T, "digest")?,
        body: get(row, T, "body")?,
    })
}

pub(crate) fn contract(row: &SqliteRow) -> Result<ContractRecord, StoreError> {
    const T: &str = "contracts";
    Ok(ContractRecord {
        id: get(row, T, "id")?,
        currency: get(row, T, "currency")?,
        body: get(row, T, "body")?,
    })
}
