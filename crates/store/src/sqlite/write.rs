//! The writes: `append`, `import` and `put_summaries`, each one `BEGIN
//! IMMEDIATE` transaction.

use std::collections::{HashMap, HashSet};

use sqlx::sqlite::{SqliteArguments, SqliteConnection};

use super::bulk::{self, bind, db_error, Insert};
use super::tx::{ForeignKeys, WriteTx};
use super::{rows, time, SqliteStore};
use crate::{
    CaseAppend, CaseSummary, ContractRecord, FeedEventRecord, ImportBatch, StoreError, StoredEvent,
};

// `OR FAIL`: a row that breaks a constraint stops its statement with an
// error, as the default (ABORT) does, but the rows before it stay, so SQLite
// keeps no statement journal to undo them (a copy of every page a multi-row
// INSERT touches). Every write here is one transaction that an error rolls
// back whole (`WriteTx`), so nothing partial is ever committed either way.
static CONTRACT_UPSERT: Insert = Insert {
    head: "INSERT OR FAIL INTO contracts (id, currency, body) VALUES ",
    columns: 3,
    tail: "ON CONFLICT (id) DO UPDATE SET currency = excluded.currency, body = excluded.body",
    doing: "writing contracts",
};

static FEED_EVENT_INSERT: Insert = Insert {
    head:
        "INSERT OR FAIL INTO feed_events (id, contract_id, ordinal, at, kind, digest, body) VALUES ",
    columns: 7,
    tail: "",
    doing: "writing feed events",
};

static CASE_UPSERT: Insert = Insert {
    head:
        "INSERT OR FAIL INTO cases (id, contract_id, title, client_name, freelancer_name, ground, \
           policy, status, outcome, assigned_to, currency, disputed_minor, filed_at, next_due, \
           next_clock, to_freelancer_minor, to_client_minor, resolved_at, version, chain_head, \
           search_text) VALUES ",
    columns: 21,
    tail: "ON CONFLICT (id) DO UPDATE SET contract_id = excluded.contract_id, \
           title = excluded.title, client_name = excluded.client_name, \
           freelancer_name = excluded.freelancer_name, ground = excluded.ground, \
           policy = excluded.policy, status = excluded.status, outcome = excluded.outcome, \
           assigned_to = excluded.assigned_to, currency = excluded.currency, \
           disputed_minor = excluded.disputed_minor, filed_at = excluded.filed_at, \
           next_due = excluded.next_due, next_clock = excluded.next_clock, \
           to_freelancer_minor = excluded.to_freelancer_minor, \
           to_client_minor = excluded.to_client_minor, resolved_at = excluded.resolved_at, \
           version = excluded.version, chain_head = excluded.chain_head, \
           search_text = excluded.search_text",
    doing: "writing case summaries",
};

static EVENT_INSERT: Insert = Insert {
    head: "INSERT OR FAIL INTO case_events (case_id, seq, at, kind, actor, body, hash) VALUES ",
    columns: 7,
    tail: "",
    doing: "writing case events",
};

/// Case events that copy a feed event (`StoredEvent::copy_of`): their time,
/// type and body come from the feed event's row, inside SQLite, so that the
/// text of an import's events crosses to SQLite once (for `feed_events`),
/// not twice. The cross join keeps the rows' order; a row whose feed event
/// does not exist would be left out, which `execute_pipelined` refuses (each
/// statement must write all of its rows).
static EVENT_COPY: Insert = Insert {
    head: "INSERT OR FAIL INTO case_events (case_id, seq, at, kind, actor, body, hash) \
           SELECT v.column1, v.column2, f.at, f.kind, v.column3, f.body, v.column4 \
           FROM (VALUES ",
    columns: 5,
    tail: ") AS v CROSS JOIN feed_events AS f ON f.id = v.column5",
    doing: "writing case events copied from feed events",
};

/// What the queue's search looks in: the party names, lower-cased with
/// Unicode rules (SQLite's own `lower()` folds ASCII only).
pub(crate) fn search_text(s: &CaseSummary) -> String {
    let mut text = s.client_name.to_lowercase();
    text.push(SEARCH_SEPARATOR);
    text.push_str(&s.freelancer_name.to_lowercase());
    text
}

/// Between the names in `search_text`; no one types it into a search box.
pub(crate) const SEARCH_SEPARATOR: char = '\u{1f}';

fn bind_contract(args: &mut SqliteArguments<'static>, c: ContractRecord) -> Result<(), StoreError> {
    bind(args, c.id)?;
    bind(args, c.currency)?;
    bind(args, c.body)
}

fn bind_feed_event(
    args: &mut SqliteArguments<'static>,
    e: FeedEventRecord,
) -> Result<(), StoreError> {
    bind(args, e.id)?;
    bind(args, e.contract_id)?;
    bind(args, e.ordinal)?;
    bind(args, time::format(&e.at)?)?;
    bind(args, e.kind)?;
    bind(args, e.digest)?;
    bind(args, e.body)
}

fn bind_summary(args: &mut SqliteArguments<'static>, s: CaseSummary) -> Result<(), StoreError> {
    let search = search_text(&s);
    bind(args, s.id)?;
    bind(args, s.contract_id)?;
    bind(args, s.title)?;
    bind(args, s.client_name)?;
    bind(args, s.freelancer_name)?;
    bind(args, s.ground)?;
    bind(args, s.policy)?;
    bind(args, s.status)?;
    bind(args, s.outcome)?;
    bind(args, s.assigned_to)?;
    bind(args, s.currency)?;
    bind(args, s.disputed_minor)?;
    bind(args, time::format(&s.filed_at)?)?;
    bind(args, time::format_opt(&s.next_due)?)?;
    bind(args, s.next_clock)?;
    bind(args, s.to_freelancer_minor)?;
    bind(args, s.to_client_minor)?;
    bind(args, time::format_opt(&s.resolved_at)?)?;
    bind(args, s.version)?;
    bind(args, s.chain_head)?;
    bind(args, search)
}

fn bind_event_copy(args: &mut SqliteArguments<'static>, e: StoredEvent) -> Result<(), StoreError> {
    bind(args, e.case_id)?;
    bind(args, e.seq)?;
    bind(args, e.actor)?;
    bind(args, e.hash)?;
    bind(args, e.copy_of)
}

/// The statements that write `events`: the copies of feed events through
/// [`EVENT_COPY`], the others in full.
fn event_statements(events: Vec<StoredEvent>) -> bulk::Statements {
    let (copies, own): (Vec<StoredEvent>, Vec<StoredEvent>) =
        events.into_iter().partition(|e| e.copy_of.is_some());
    bulk::chain(vec![
        EVENT_INSERT.statements(own, bind_event),
        EVENT_COPY.statements(copies, bind_event_copy),
    ])
}

fn bind_event(args: &mut SqliteArguments<'static>, e: StoredEvent) -> Result<(), StoreError> {
    bind(args, e.case_id)?;
    bind(args, e.seq)?;
    bind(args, time::format(&e.at)?)?;
    bind(args, e.kind)?;
    bind(args, e.actor)?;
    bind(args, e.body)?;
    bind(args, e.hash)
}

/// Checks an append on its own, before the database is asked anything: events
/// of this case, seq continuing from `expected_version` without gaps, and a
/// summary that describes the case after them.
fn check_append(a: &CaseAppend) -> Result<(), StoreError> {
    let bad = |why: String| StoreError::Database(format!("append to case {}: {why}", a.case_id));
    if a.expected_version < 0 {
        return Err(bad(format!(
            "expected version {} is negative",
            a.expected_version
        )));
    }
    let Some(last) = a.events.last() else {
        return Err(bad("no events to append".into()));
    };
    for (i, e) in a.events.iter().enumerate() {
        if e.case_id != a.case_id {
            return Err(bad(format!(
                "event seq {} belongs to case {}",
                e.seq, e.case_id
            )));
        }
        let want = a.expected_version + 1 + i as i64;
        if e.seq != want {
            return Err(bad(format!(
                "event {} has seq {}, but after version {} it must be {want}",
                i + 1,
                e.seq,
                a.expected_version
            )));
        }
    }
    if a.summary.id != a.case_id {
        return Err(bad(format!("its summary is of case {}", a.summary.id)));
    }
    if a.summary.version != last.seq {
        return Err(bad(format!(
            "its summary has version {}, but the last event has seq {}",
            a.summary.version, last.seq
        )));
    }
    if a.summary.chain_head != last.hash {
        return Err(bad(
            "its summary's chain_head is not the last event's hash".into()
        ));
    }
    Ok(())
}

fn conflict(case_id: &str, expected: i64, actual: i64) -> StoreError {
    StoreError::Conflict {
        case_id: case_id.to_string(),
        expected,
        actual,
    }
}

/// Current versions of these cases (absent: no such case).
async fn versions(
    conn: &mut SqliteConnection,
    ids: &[&str],
) -> Result<HashMap<String, i64>, StoreError> {
    let mut found = HashMap::with_capacity(ids.len().min(1 << 16));
    bulk::select_in(
        conn,
        "SELECT id, version FROM cases WHERE id IN (",
        ")",
        ids,
        "reading case versions",
        |row| {
            found.insert(
                rows::get(row, "cases", "id")?,
                rows::get(row, "cases", "version")?,
            );
            Ok(())
        },
    )
    .await?;
    Ok(found)
}

pub(super) async fn append(store: &SqliteStore, a: &CaseAppend) -> Result<(), StoreError> {
    check_append(a)?;
    let mut tx = WriteTx::begin(&store.pool, ForeignKeys::Enforced).await?;
    let result = append_in(tx.conn(), a).await;
    tx.finish(result, "the append").await
}

async fn append_in(conn: &mut SqliteConnection, a: &CaseAppend) -> Result<(), StoreError> {
    let actual: Option<i64> = sqlx::query_scalar("SELECT version FROM cases WHERE id = ?")
        .bind(a.case_id.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(|e| db_error("reading the case version", e))?;
    let actual = actual.unwrap_or(0);
    if actual != a.expected_version {
        return Err(conflict(&a.case_id, a.expected_version, actual));
    }
    bulk::execute_pipelined(
        conn,
        bulk::chain(vec![
            CASE_UPSERT.statements(vec![a.summary.clone()], bind_summary),
            event_statements(a.events.clone()),
        ]),
    )
    .await
}

/// The whole batch in one transaction. SQLite's row-by-row foreign key checks
/// are paused for it (about a tenth of a big import's time): instead every
/// reference is checked here, in bulk, inside the transaction — each event
/// belongs to its append's case (`check_append`), whose row this import
/// writes; each contract that a case or feed event names is in the batch or
/// already stored ([`check_contracts`]).
pub(super) async fn import(store: &SqliteStore, batch: ImportBatch) -> Result<(), StoreError> {
    for a in &batch.appends {
        check_append(a)?;
    }
    let mut tx = WriteTx::begin(&store.pool, ForeignKeys::CheckedByCaller).await?;
    let result = import_in(tx.conn(), batch).await;
    tx.finish(result, "the import").await
}

/// A streamed import: one transaction, each part written as it arrives (the
/// reads and checks of a later part see the earlier parts' rows).
pub(super) async fn import_stream(
    store: &SqliteStore,
    mut parts: crate::ImportParts,
) -> Result<(), StoreError> {
    let mut tx = WriteTx::begin(&store.pool, ForeignKeys::CheckedByCaller).await?;
    let mut result = Ok(());
    while let Some(part) = parts.recv().await {
        let step = match part {
            Err(why) => Err(StoreError::Aborted(why)),
            Ok(batch) => match batch.appends.iter().try_for_each(check_append) {
                Ok(()) => import_in(tx.conn(), batch).await,
                Err(e) => Err(e),
            },
        };
        if let Err(e) = step {
            result = Err(e);
            break;
        }
    }
    // Closing our end tells a sender still producing parts to stop.
    parts.close();
    tx.finish(result, "the import").await
}

/// Every contract that the batch's feed events and cases name is in the batch
/// or stored.
async fn check_contracts(
    conn: &mut SqliteConnection,
    batch: &ImportBatch,
) -> Result<(), StoreError> {
    let in_batch: HashSet<&str> = batch.contracts.iter().map(|c| c.id.as_str()).collect();
    let named = batch
        .feed_events
        .iter()
        .map(|e| e.contract_id.as_str())
        .chain(batch.appends.iter().map(|a| a.summary.contract_id.as_str()))
        .filter(|id| !in_batch.contains(id));
    let elsewhere = bulk::distinct(named);
    if elsewhere.is_empty() {
        return Ok(());
    }
    let mut stored = HashSet::with_capacity(elsewhere.len());
    bulk::select_in(
        conn,
        "SELECT id FROM contracts WHERE id IN (",
        ")",
        &elsewhere,
        "checking contracts",
        |row| {
            stored.insert(rows::get::<String>(row, "contracts", "id")?);
            Ok(())
        },
    )
    .await?;
    match elsewhere.iter().find(|id| !stored.contains(**id)) {
        None => Ok(()),
        Some(missing) => Err(StoreError::Database(format!(
            "import: contract {missing} is neither stored nor in the import, \
             but a case or feed event of the import belongs to it"
        ))),
    }
}

async fn import_in(conn: &mut SqliteConnection, batch: ImportBatch) -> Result<(), StoreError> {
    check_contracts(conn, &batch).await?;
    // Every version check first, in bulk, as if the appends ran in order.
    let case_ids = bulk::distinct(batch.appends.iter().map(|a| a.case_id.as_str()));
    let stored = versions(conn, &case_ids).await?;
    let mut after: HashMap<&str, i64> = HashMap::with_capacity(case_ids.len());
    // Each case's last append in the batch: its summary is the one written.
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(case_ids.len());
    for (i, a) in batch.appends.iter().enumerate() {
        let id = a.case_id.as_str();
        let actual = match after.get(id) {
            Some(v) => *v,
            None => stored.get(id).copied().unwrap_or(0),
        };
        if actual != a.expected_version {
            return Err(conflict(id, a.expected_version, actual));
        }
        after.insert(id, a.expected_version + a.events.len() as i64);
        last.insert(id, i);
    }
    // Where each case's summary goes: its rank among the cases, in the order
    // they first appear; `None` for an append that a later one supersedes.
    let mut slot = vec![None; batch.appends.len()];
    for (rank, id) in case_ids.iter().enumerate() {
        if let Some(i) = last.get(id) {
            slot[*i] = Some(rank);
        }
    }
    let cases = case_ids.len();
    drop((case_ids, after, last));

    let ImportBatch {
        contracts,
        feed_events,
        appends,
    } = batch;
    let mut summaries: Vec<Option<CaseSummary>> = vec![None; cases];
    let mut events = Vec::with_capacity(appends.iter().map(|a| a.events.len()).sum());
    for (a, slot) in appends.into_iter().zip(slot) {
        if let Some(rank) = slot {
            summaries[rank] = Some(a.summary);
        }
        events.extend(a.events);
    }
    let summaries: Vec<CaseSummary> = summaries.into_iter().flatten().collect();
    // One pipeline over the four tables: SQLite never waits between them.
    bulk::execute_pipelined(
        conn,
        bulk::chain(vec![
            CONTRACT_UPSERT.statements(contracts, bind_contract),
            FEED_EVENT_INSERT.statements(feed_events, bind_feed_event),
            CASE_UPSERT.statements(summaries, bind_summary),
            event_statements(events),
        ]),
    )
    .await
}

pub(super) async fn put_summaries(
    store: &SqliteStore,
    summaries: &[CaseSummary],
) -> Result<(), StoreError> {
    if summaries.is_empty() {
        return Ok(());
    }
    let mut tx = WriteTx::begin(&store.pool, ForeignKeys::Enforced).await?;
    let result = put_summaries_in(tx.conn(), summaries).await;
    tx.finish(result, "the summaries").await
}

async fn put_summaries_in(
    conn: &mut SqliteConnection,
    summaries: &[CaseSummary],
) -> Result<(), StoreError> {
    let ids = bulk::distinct(summaries.iter().map(|s| s.id.as_str()));
    let stored = versions(conn, &ids).await?;
    for s in summaries {
        match stored.get(&s.id) {
            None => {
                return Err(StoreError::Database(format!(
                    "put_summaries: there is no case {} (summaries replace, never create)",
                    s.id
                )))
            }
            // A summary rebuilt from an older log would hide the newer events
            // and reset the version that appends are checked against.
            Some(actual) if *actual != s.version => {
                return Err(conflict(&s.id, s.version, *actual));
            }
            Some(_) => {}
        }
    }
    CASE_UPSERT
        .run(conn, summaries.to_vec(), bind_summary)
        .await
}
