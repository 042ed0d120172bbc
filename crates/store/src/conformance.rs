//! The behaviour every [`Store`] must show, as a suite that any implementation
//! runs against itself: SQLite now (`tests/sqlite_conformance.rs`), PostgreSQL
//! later.
//!
//! Each test is a `pub async fn` that takes a fresh, empty store and panics,
//! saying why, when the store misbehaves. [`TESTS`] lists them all by name and
//! [`run_all`] runs them in turn on fresh stores. Only one test needs more than
//! the [`Store`] interface: [`events_are_append_only`] tampers through
//! [`RawSql`], as someone with a database tool would.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::{
    CaseAppend, CaseSummary, ContractRecord, FeedEventRecord, ImportBatch, QueueFilter, QueueSort,
    SortDirection, SqliteStore, StatsRows, Store, StoreError, StoredEvent,
};

/// Statements run beside the [`Store`] interface, for the tests that check what
/// the database itself refuses.
#[async_trait::async_trait]
pub trait RawSql: Send + Sync {
    /// Runs one statement; the number of rows it changed, or the database's
    /// error as text.
    async fn execute_raw(&self, sql: &str) -> Result<u64, String>;
}

#[async_trait::async_trait]
impl RawSql for SqliteStore {
    async fn execute_raw(&self, sql: &str) -> Result<u64, String> {
        sqlx::query(sql)
            .execute(self.pool())
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }
}

/// One conformance test: a fresh store (and raw access to its database).
pub type TestFn =
    for<'a> fn(&'a dyn Store, &'a dyn RawSql) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

macro_rules! suite {
    (store: [$($plain:ident),* $(,)?], raw: [$($raw:ident),* $(,)?]) => {
        /// Every conformance test, by name.
        pub const TESTS: &[(&str, TestFn)] = &[
            $((stringify!($plain), |store, _raw| Box::pin($plain(store))),)*
            $((stringify!($raw), |store, raw| Box::pin($raw(store, raw))),)*
        ];
    };
}

suite! {
    store: [
        append_round_trip,
        append_version_conflict_writes_nothing,
        append_rejects_malformed_appends,
        concurrent_appends_one_wins,
        import_is_all_or_nothing,
        import_applies_several_appends_to_one_case,
        import_stream_is_one_transaction,
        import_upserts_contracts,
        import_copies_feed_events_into_cases,
        feed_event_lookups,
        queue_pages_cover_every_case_in_order,
        queue_filters,
        queue_rejects_a_foreign_cursor,
        status_counts_follow_the_filter,
        due_case_ids_are_the_due_open_cases,
        stats_aggregate_the_filed_range,
        put_summaries_replaces_current_summaries,
    ],
    raw: [events_are_append_only]
}

/// Runs every test of the suite, each on a store fresh from `make`.
pub async fn run_all<S, F, Fut>(mut make: F)
where
    S: Store + RawSql,
    F: FnMut() -> Fut,
    Fut: Future<Output = S>,
{
    for (name, test) in TESTS {
        eprintln!("conformance: {name}");
        let store = make().await;
        test(&store, &store).await;
    }
}

// ---------------------------------------------------------------- fixtures

/// A fixed instant plus `seconds` and `nanos` (sub-second parts must survive
/// the round trip and the ordering).
fn at(seconds: i64, nanos: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
        + Duration::seconds(seconds)
        + Duration::nanoseconds(nanos)
}

fn contract(id: &str) -> ContractRecord {
    ContractRecord {
        id: id.to_string(),
        currency: "USD".into(),
        body: format!(r#"{{"id":"{id}","title":"Logo design"}}"#),
    }
}

fn feed_event(contract_id: &str, id: &str, ordinal: i64) -> FeedEventRecord {
    FeedEventRecord {
        id: id.to_string(),
        contract_id: contract_id.to_string(),
        ordinal,
        at: at(ordinal * 60, 123_456_789),
        kind: "milestone_funded".into(),
        digest: format!("digest-of-{id}"),
        body: format!(r#"{{"id":"{id}","ordinal":{ordinal}}}"#),
    }
}

/// Event `seq` of a case; `salt` tells apart rival writers' events.
fn event(case_id: &str, seq: i64, salt: &str) -> StoredEvent {
    StoredEvent {
        case_id: case_id.to_string(),
        seq,
        at: at(seq * 3600, seq * 1_001),
        kind: if seq == 1 {
            "case_opened".into()
        } else {
            format!("note_added_{seq}")
        },
        actor: if seq % 2 == 0 {
            "specialist:ana".into()
        } else {
            "system".into()
        },
        body: format!(r#"{{"seq":{seq},"salt":"{salt}","text":"naïve café"}}"#),
        hash: format!("{case_id}:{seq}:{salt}"),
        copy_of: None,
    }
}

fn summary(case_id: &str, contract_id: &str, version: i64, chain_head: &str) -> CaseSummary {
    CaseSummary {
        id: case_id.to_string(),
        contract_id: contract_id.to_string(),
        title: format!("Dispute over {contract_id}"),
        client_name: "Acme Ltd".into(),
        freelancer_name: "Jo Doe".into(),
        ground: "milestone_not_released".into(),
        policy: "standard".into(),
        status: "open".into(),
        outcome: None,
        assigned_to: None,
        currency: "USD".into(),
        disputed_minor: 50_000,
        filed_at: at(0, 7),
        next_due: Some(at(86_400, 0)),
        next_clock: Some("response".into()),
        to_freelancer_minor: None,
        to_client_minor: None,
        resolved_at: None,
        version,
        chain_head: chain_head.to_string(),
    }
}

/// Events `from..=to` of a case, with the summary that follows them.
fn append(case_id: &str, contract_id: &str, from: i64, to: i64, salt: &str) -> CaseAppend {
    let events: Vec<StoredEvent> = (from..=to).map(|seq| event(case_id, seq, salt)).collect();
    let head = events.last().map(|e| e.hash.clone()).unwrap_or_default();
    CaseAppend {
        case_id: case_id.to_string(),
        expected_version: from - 1,
        summary: summary(case_id, contract_id, to, &head),
        events,
    }
}

async fn seed_contracts(store: &dyn Store, ids: &[&str]) {
    let batch = ImportBatch {
        contracts: ids.iter().map(|id| contract(id)).collect(),
        ..ImportBatch::default()
    };
    store
        .import(batch)
        .await
        .expect("importing bare contracts works");
}

async fn must_append(store: &dyn Store, a: CaseAppend) {
    let id = a.case_id.clone();
    store
        .append(a)
        .await
        .unwrap_or_else(|e| panic!("appending to case {id} works: {e}"));
}

fn is_conflict(r: &Result<(), StoreError>, case: &str, expected: i64, actual: i64) -> bool {
    matches!(r, Err(StoreError::Conflict { case_id, expected: e, actual: a })
        if case_id == case && *e == expected && *a == actual)
}

/// Everything a store holds about some cases and contracts, to prove that a
/// failed write changed nothing.
async fn snapshot(store: &dyn Store, cases: &[&str], contracts: &[&str]) -> String {
    let mut out = format!("count={}\n", store.case_count().await.unwrap());
    for c in cases {
        out += &format!(
            "{c}: {:?}\n{:?}\n",
            store.summary(c).await.unwrap(),
            store.events(c).await.unwrap()
        );
    }
    for k in contracts {
        out += &format!(
            "{k}: {:?}\n{:?}\n",
            store.contract(k).await.unwrap(),
            store.feed_events(k).await.unwrap()
        );
    }
    out
}

// ------------------------------------------------------------ append / read

/// What is appended reads back the same: events in seq order, the summary,
/// and the case in the id and contract listings.
pub async fn append_round_trip(store: &dyn Store) {
    seed_contracts(store, &["K1", "K2"]).await;
    assert_eq!(
        store.case_count().await.unwrap(),
        0,
        "a fresh store is empty"
    );
    assert_eq!(store.summary("C-1").await.unwrap(), None, "no case yet");
    assert!(
        store.events("C-1").await.unwrap().is_empty(),
        "unknown case: no events"
    );

    let first = append("C-1", "K1", 1, 3, "a");
    must_append(store, first.clone()).await;
    assert_eq!(
        store.events("C-1").await.unwrap(),
        first.events,
        "events read back as written"
    );
    assert_eq!(
        store.summary("C-1").await.unwrap(),
        Some(first.summary.clone()),
        "summary too"
    );

    let mut more = append("C-1", "K1", 4, 5, "b");
    more.summary.status = "awaiting_response".into();
    more.summary.assigned_to = Some("specialist:ana".into());
    more.summary.outcome = Some("split".into());
    more.summary.to_client_minor = Some(20_000);
    more.summary.to_freelancer_minor = Some(30_000);
    more.summary.next_due = None;
    more.summary.next_clock = None;
    more.summary.resolved_at = Some(at(99, 999_999_999));
    must_append(store, more.clone()).await;
    let all: Vec<StoredEvent> = first.events.iter().chain(&more.events).cloned().collect();
    assert_eq!(
        store.events("C-1").await.unwrap(),
        all,
        "the log grows in seq order"
    );
    assert_eq!(
        store.summary("C-1").await.unwrap(),
        Some(more.summary.clone()),
        "the summary is replaced, optional fields included"
    );

    must_append(store, append("C-0", "K2", 1, 1, "c")).await;
    must_append(store, append("C-2", "K1", 1, 2, "d")).await;
    assert_eq!(store.case_count().await.unwrap(), 3);
    assert_eq!(
        store.case_ids().await.unwrap(),
        ["C-0", "C-1", "C-2"],
        "ids sorted"
    );
    let of_k1 = store
        .cases_of_contracts(&["K1".into(), "K9".into()])
        .await
        .unwrap();
    let of_k1: BTreeSet<_> = of_k1.into_iter().collect();
    assert_eq!(
        of_k1,
        BTreeSet::from([("C-1".into(), "K1".into()), ("C-2".into(), "K1".into())]),
        "cases of K1 only"
    );
    assert!(
        store.cases_of_contracts(&[]).await.unwrap().is_empty(),
        "no contracts, no cases"
    );
}

/// A writer whose version is stale gets a conflict naming both versions, and
/// nothing it sent is written.
pub async fn append_version_conflict_writes_nothing(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    must_append(store, append("C-1", "K1", 1, 3, "a")).await;
    let before = snapshot(store, &["C-1", "C-9"], &["K1"]).await;

    let mut stale = append("C-1", "K1", 3, 4, "stale");
    stale.summary.status = "stale".into();
    let r = store.append(stale).await;
    assert!(is_conflict(&r, "C-1", 2, 3), "stale version 2 vs 3: {r:?}");

    let ahead = append("C-1", "K1", 5, 5, "ahead");
    let r = store.append(ahead).await;
    assert!(
        is_conflict(&r, "C-1", 4, 3),
        "a version from the future conflicts: {r:?}"
    );

    let recreate = append("C-1", "K1", 1, 1, "again");
    let r = store.append(recreate).await;
    assert!(
        is_conflict(&r, "C-1", 0, 3),
        "creating an existing case conflicts: {r:?}"
    );

    let missing = append("C-9", "K1", 2, 2, "nobody");
    let r = store.append(missing).await;
    assert!(
        is_conflict(&r, "C-9", 1, 0),
        "an unknown case has version 0: {r:?}"
    );

    assert_eq!(
        snapshot(store, &["C-1", "C-9"], &["K1"]).await,
        before,
        "conflicting appends wrote nothing"
    );
    must_append(store, append("C-1", "K1", 4, 4, "fresh")).await;
    assert_eq!(
        store.events("C-1").await.unwrap().len(),
        4,
        "the right version still appends"
    );
}

/// Appends that could not be right are refused whole: seq gaps, events of
/// another case, no events, a summary of another version, an unknown contract.
pub async fn append_rejects_malformed_appends(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    must_append(store, append("C-1", "K1", 1, 2, "a")).await;
    let before = snapshot(store, &["C-1", "C-2"], &["K1"]).await;

    let mut gap = append("C-1", "K1", 3, 4, "gap");
    gap.events.remove(0);
    assert!(
        store.append(gap).await.is_err(),
        "seq must continue from the version"
    );

    let mut foreign = append("C-1", "K1", 3, 4, "foreign");
    foreign.events[1].case_id = "C-2".into();
    assert!(
        store.append(foreign).await.is_err(),
        "events must belong to the case"
    );

    let mut empty = append("C-1", "K1", 3, 3, "empty");
    empty.events.clear();
    assert!(store.append(empty).await.is_err(), "an append has events");

    let mut wrong_version = append("C-1", "K1", 3, 3, "v");
    wrong_version.summary.version = 7;
    assert!(
        store.append(wrong_version).await.is_err(),
        "summary version = last seq"
    );

    let orphan = append("C-2", "K404", 1, 1, "orphan");
    let r = store.append(orphan).await;
    assert!(
        matches!(r, Err(StoreError::Database(_))),
        "a case needs a known contract: {r:?}"
    );

    assert_eq!(
        snapshot(store, &["C-1", "C-2"], &["K1"]).await,
        before,
        "nothing was written"
    );
}

/// Two writers racing on one case with the same expected version: exactly one
/// wins, the other gets a conflict naming the winner's version, and the log
/// holds the winner's events only.
pub async fn concurrent_appends_one_wins(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    let mut version = 0;
    for round in 0..10 {
        // Rival writers of different lengths, so the winner shows in the log.
        let left_len = 1 + round % 2;
        let left = append(
            "C-1",
            "K1",
            version + 1,
            version + left_len,
            &format!("l{round}"),
        );
        let right = append("C-1", "K1", version + 1, version + 1, &format!("r{round}"));
        let (a, b) = tokio::join!(store.append(left.clone()), store.append(right.clone()));
        let (winner, loser_result) = match (&a, &b) {
            (Ok(()), Err(_)) => (left, b),
            (Err(_), Ok(())) => (right, a),
            _ => panic!("round {round}: exactly one Ok and one Err, got {a:?} / {b:?}"),
        };
        let new_version = version + winner.events.len() as i64;
        assert!(
            is_conflict(&loser_result, "C-1", version, new_version),
            "round {round}: the loser's error is a conflict at the winner's version: {loser_result:?}"
        );
        let log = store.events("C-1").await.unwrap();
        assert_eq!(
            log.len() as i64,
            new_version,
            "round {round}: only the winner's events"
        );
        assert_eq!(
            &log[version as usize..],
            winner.events.as_slice(),
            "round {round}: the log ends with the winner's events"
        );
        assert_eq!(
            store.summary("C-1").await.unwrap(),
            Some(winner.summary.clone()),
            "round {round}: the winner's summary"
        );
        version = new_version;
    }
}

// ------------------------------------------------------------------ import

/// An import whose second case append conflicts writes nothing at all: not
/// its contracts, not its feed events, not its first case. Likewise when the
/// database itself refuses a row half-way.
pub async fn import_is_all_or_nothing(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    must_append(store, append("C-1", "K1", 1, 2, "a")).await;
    let cases = ["C-1", "C-2", "C-3"];
    let contracts = ["K1", "K2"];
    let before = snapshot(store, &cases, &contracts).await;

    let mut changed_k1 = contract("K1");
    changed_k1.body = r#"{"id":"K1","title":"changed"}"#.into();
    let batch = |second: CaseAppend| ImportBatch {
        contracts: vec![contract("K2"), changed_k1.clone()],
        feed_events: vec![feed_event("K2", "E-21", 1), feed_event("K2", "E-22", 2)],
        appends: vec![append("C-2", "K2", 1, 3, "new"), second],
    };

    let r = store
        .import(batch(append("C-1", "K1", 1, 1, "recreate")))
        .await;
    assert!(
        is_conflict(&r, "C-1", 0, 2),
        "re-creating C-1 conflicts: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "nothing of it was written"
    );
    let known = store.feed_events_by_id(&["E-21".into()]).await.unwrap();
    assert!(known.is_empty(), "its feed events were not written");

    let r = store
        .import(batch(append("C-1", "K1", 5, 5, "stale")))
        .await;
    assert!(
        is_conflict(&r, "C-1", 4, 2),
        "a wrong version on C-1 conflicts: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "nothing of it was written"
    );

    // The database refuses a row (two feed events at one ordinal) after the
    // contracts are in: they must go too.
    let mut clash = batch(append("C-3", "K1", 1, 1, "fine"));
    clash.feed_events[1].ordinal = 1;
    let r = store.import(clash).await;
    assert!(
        matches!(r, Err(StoreError::Duplicate(_) | StoreError::Database(_))),
        "a feed ordinal used twice is refused: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "nothing of it was written"
    );

    // References the database would refuse: a case or a feed event of a
    // contract that is neither stored nor in the batch.
    let r = store
        .import(batch(append("C-3", "K404", 1, 1, "orphan")))
        .await;
    assert!(
        matches!(r, Err(StoreError::Database(_))),
        "a case of an unknown contract: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "nothing of it was written"
    );
    let mut orphan_feed = batch(append("C-3", "K1", 1, 1, "fine"));
    orphan_feed.feed_events.push(feed_event("K404", "E-404", 1));
    let r = store.import(orphan_feed).await;
    assert!(
        matches!(r, Err(StoreError::Database(_))),
        "a feed event of an unknown contract: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "nothing of it was written"
    );

    store
        .import(batch(append("C-3", "K1", 1, 1, "fine")))
        .await
        .expect("the same batch without the conflict imports");
    assert_eq!(store.case_count().await.unwrap(), 3);
    assert_eq!(
        store.contract("K1").await.unwrap(),
        Some(changed_k1),
        "K1 replaced"
    );
    assert_eq!(store.events("C-2").await.unwrap().len(), 3);
}

/// Sends `parts` into a streamed import and waits for it.
async fn stream(
    store: &dyn Store,
    parts: Vec<Result<ImportBatch, String>>,
) -> Result<(), StoreError> {
    let (tx, rx) = tokio::sync::mpsc::channel(parts.len().max(1));
    for p in parts {
        tx.send(p).await.expect("the import is listening");
    }
    drop(tx);
    store.import_stream(rx).await
}

/// A streamed import is one transaction: later parts see earlier ones, and an
/// abort or a refused part leaves nothing of any part.
pub async fn import_stream_is_one_transaction(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    let cases = ["C-1", "C-2"];
    let contracts = ["K1", "K2"];
    let before = snapshot(store, &cases, &contracts).await;
    let first = || ImportBatch {
        contracts: vec![contract("K2")],
        feed_events: vec![feed_event("K2", "E-21", 1)],
        appends: vec![append("C-2", "K2", 1, 2, "new")],
    };
    let second = |from: i64| ImportBatch {
        contracts: vec![],
        feed_events: vec![],
        appends: vec![
            append("C-1", "K1", 1, 1, "one"),
            append("C-2", "K2", from, from + 1, "more"),
        ],
    };

    let r = stream(store, vec![Ok(first()), Err("the planner failed".into())]).await;
    assert!(
        matches!(r, Err(StoreError::Aborted(_))),
        "an abort is reported: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "an aborted stream writes nothing"
    );

    let r = stream(store, vec![Ok(first()), Ok(second(1))]).await;
    assert!(
        is_conflict(&r, "C-2", 0, 2),
        "the second part sees the first: {r:?}"
    );
    assert_eq!(
        snapshot(store, &cases, &contracts).await,
        before,
        "a refused part undoes every part"
    );
    assert!(store
        .feed_events_by_id(&["E-21".into()])
        .await
        .unwrap()
        .is_empty());

    stream(store, vec![Ok(first()), Ok(second(3))])
        .await
        .expect("a consistent stream imports");
    assert_eq!(store.events("C-2").await.unwrap().len(), 4);
    assert_eq!(store.case_count().await.unwrap(), 2);
    stream(store, vec![])
        .await
        .expect("an empty stream writes nothing and succeeds");
}

/// One import may create a case and append to it again, and extend a case
/// created earlier; versions are checked in the batch's order.
pub async fn import_applies_several_appends_to_one_case(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    must_append(store, append("C-1", "K1", 1, 1, "a")).await;
    let b1 = append("C-2", "K1", 1, 2, "b");
    let b2 = append("C-2", "K1", 3, 5, "b");
    let a2 = append("C-1", "K1", 2, 3, "a");
    store
        .import(ImportBatch {
            appends: vec![b1.clone(), a2.clone(), b2.clone()],
            ..ImportBatch::default()
        })
        .await
        .expect("appends in version order import");
    let log: Vec<StoredEvent> = b1.events.iter().chain(&b2.events).cloned().collect();
    assert_eq!(
        store.events("C-2").await.unwrap(),
        log,
        "both appends, in order"
    );
    assert_eq!(
        store.summary("C-2").await.unwrap(),
        Some(b2.summary),
        "the last summary"
    );
    assert_eq!(
        store.summary("C-1").await.unwrap(),
        Some(a2.summary),
        "C-1 extended"
    );

    let before = snapshot(store, &["C-1", "C-2", "C-3"], &["K1"]).await;
    let r = store
        .import(ImportBatch {
            appends: vec![
                append("C-3", "K1", 1, 1, "c"),
                append("C-2", "K1", 6, 6, "b"),
                append("C-2", "K1", 6, 6, "b-again"),
            ],
            ..ImportBatch::default()
        })
        .await;
    assert!(
        is_conflict(&r, "C-2", 5, 6),
        "the second append at version 5 conflicts: {r:?}"
    );
    assert_eq!(
        snapshot(store, &["C-1", "C-2", "C-3"], &["K1"]).await,
        before
    );
}

/// Importing a known contract replaces it, the same one twice changes nothing,
/// and neither touches its feed events or cases.
pub async fn import_upserts_contracts(store: &dyn Store) {
    assert!(store.is_empty().await.unwrap(), "a new store is empty");
    let k = contract("K1");
    let batch = ImportBatch {
        contracts: vec![k.clone()],
        feed_events: vec![feed_event("K1", "E-1", 1)],
        appends: vec![append("C-1", "K1", 1, 1, "a")],
    };
    store.import(batch).await.expect("first import");
    assert!(!store.is_empty().await.unwrap(), "it holds a contract");
    for _ in 0..2 {
        store
            .import(ImportBatch {
                contracts: vec![k.clone()],
                ..ImportBatch::default()
            })
            .await
            .expect("importing a known contract again is fine");
    }
    assert_eq!(
        store.contract("K1").await.unwrap(),
        Some(k),
        "unchanged by a repeat"
    );

    let replaced = ContractRecord {
        id: "K1".into(),
        currency: "EUR".into(),
        body: r#"{"id":"K1","title":"Renamed"}"#.into(),
    };
    store
        .import(ImportBatch {
            contracts: vec![replaced.clone()],
            ..ImportBatch::default()
        })
        .await
        .expect("a changed contract replaces the known one");
    assert_eq!(store.contract("K1").await.unwrap(), Some(replaced));
    assert_eq!(
        store.contract("K2").await.unwrap(),
        None,
        "no such contract"
    );
    assert_eq!(
        store.feed_events("K1").await.unwrap(),
        [feed_event("K1", "E-1", 1)]
    );
    assert_eq!(store.case_count().await.unwrap(), 1, "its case stays");
}

/// A case event written as a copy of a feed event takes its time, type and
/// body from the feed event's row (whatever the append carried for them);
/// a copy of a feed event that does not exist is refused, and the import
/// writes nothing.
pub async fn import_copies_feed_events_into_cases(store: &dyn Store) {
    let fed = feed_event("K1", "E-1", 1);
    let mut a = append("C-1", "K1", 1, 1, "a");
    a.events[0].copy_of = Some("E-1".into());
    a.events[0].body = String::new();
    store
        .import(ImportBatch {
            contracts: vec![contract("K1")],
            feed_events: vec![fed.clone()],
            appends: vec![a.clone()],
        })
        .await
        .expect("an import whose case copies its feed event");
    let stored = store.events("C-1").await.unwrap();
    assert_eq!(
        (
            stored[0].at,
            stored[0].kind.as_str(),
            stored[0].body.as_str()
        ),
        (fed.at, fed.kind.as_str(), fed.body.as_str()),
        "copied from the feed row"
    );
    assert_eq!(
        (
            stored[0].actor.as_str(),
            stored[0].hash.as_str(),
            stored[0].copy_of.as_deref()
        ),
        (a.events[0].actor.as_str(), a.events[0].hash.as_str(), None),
        "the rest as the append had it; copy_of is never read back"
    );

    let mut missing = append("C-2", "K1", 1, 2, "b");
    missing.events[1].copy_of = Some("E-404".into());
    let err = store
        .import(ImportBatch {
            appends: vec![missing],
            ..ImportBatch::default()
        })
        .await
        .expect_err("a copy of a feed event that does not exist");
    assert!(matches!(err, StoreError::Database(_)), "{err:?}");
    assert_eq!(store.summary("C-2").await.unwrap(), None, "nothing written");
    assert!(store.events("C-2").await.unwrap().is_empty());
}

/// Feed events read back by contract (in ordinal order) and by id, with their
/// digests; a known id imported again is refused.
pub async fn feed_event_lookups(store: &dyn Store) {
    let k1: Vec<FeedEventRecord> = (1..=4)
        .map(|n| feed_event("K1", &format!("E-1{n}"), n))
        .collect();
    let k2: Vec<FeedEventRecord> = (1..=2)
        .map(|n| feed_event("K2", &format!("E-2{n}"), n))
        .collect();
    let mut shuffled: Vec<FeedEventRecord> = k1.iter().rev().chain(&k2).cloned().collect();
    shuffled.swap(0, 5);
    store
        .import(ImportBatch {
            contracts: vec![contract("K1"), contract("K2"), contract("K3")],
            feed_events: shuffled,
            appends: vec![],
        })
        .await
        .expect("import with feed events");

    assert_eq!(
        store.feed_events("K1").await.unwrap(),
        k1,
        "K1's events by ordinal"
    );
    assert_eq!(
        store.feed_events("K2").await.unwrap(),
        k2,
        "K2's events by ordinal"
    );
    assert!(
        store.feed_events("K3").await.unwrap().is_empty(),
        "K3 has none"
    );

    let expect = |events: &[FeedEventRecord]| -> HashMap<String, (String, String)> {
        events
            .iter()
            .map(|e| (e.id.clone(), (e.contract_id.clone(), e.digest.clone())))
            .collect()
    };
    let got = store
        .feed_event_digests(&["K1".into(), "K3".into(), "K404".into()])
        .await
        .unwrap();
    assert_eq!(got, expect(&k1), "digests of K1's events only");
    let both = store
        .feed_event_digests(&["K2".into(), "K1".into(), "K1".into()])
        .await
        .unwrap();
    let all: Vec<FeedEventRecord> = k1.iter().chain(&k2).cloned().collect();
    assert_eq!(both, expect(&all), "digests of both, a repeated id once");
    assert!(store.feed_event_digests(&[]).await.unwrap().is_empty());

    let by_id = store
        .feed_events_by_id(&["E-12".into(), "E-21".into(), "E-99".into()])
        .await
        .unwrap();
    assert_eq!(
        by_id,
        expect(&[k1[1].clone(), k2[0].clone()]),
        "known ids only"
    );
    assert!(store.feed_events_by_id(&[]).await.unwrap().is_empty());

    let mut again = feed_event("K3", "E-11", 1);
    again.digest = "another".into();
    let r = store
        .import(ImportBatch {
            feed_events: vec![feed_event("K3", "E-31", 2), again],
            ..ImportBatch::default()
        })
        .await;
    assert!(r.is_err(), "an event id is unique across contracts: {r:?}");
    assert!(
        store.feed_events("K3").await.unwrap().is_empty(),
        "nothing of it was written"
    );
}

// ------------------------------------------------------------------- queue

const STATUSES: [&str; 4] = ["open", "awaiting_response", "in_review", "resolved"];
const CLIENTS: [&str; 5] = [
    "Łukasz Nowak",
    "José Álvarez",
    "ana smith",
    "Bea Long",
    "Kim Ha",
];
const FREELANCERS: [&str; 4] = ["Jo Doe", "ANA Bell", "Ümit Kaya", "Li Wei"];

/// Forty cases with repeated sort keys (ties), cases without a running clock,
/// two currencies, several statuses, assignees, policies and grounds; imported
/// in one batch in an order unlike any sort.
async fn seed_queue(store: &dyn Store) -> Vec<CaseSummary> {
    let mut rng: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n) as usize
    };
    let mut appends = Vec::new();
    for i in 0..40 {
        let id = format!("CASE-{:03}", (i * 17) % 40);
        let contract_id = format!("K{}", i % 3);
        let mut a = append(&id, &contract_id, 1, 1 + (i % 3) as i64, "q");
        let s = &mut a.summary;
        s.status = STATUSES[next(4)].to_string();
        s.assigned_to = match next(3) {
            0 => None,
            1 => Some("specialist:ana".into()),
            _ => Some("specialist:bo".into()),
        };
        s.policy = ["standard", "express"][next(2)].to_string();
        s.ground = ["ended_with_balance", "milestone_not_released"][next(2)].to_string();
        s.currency = ["USD", "EUR"][next(2)].to_string();
        s.disputed_minor = [500, 1_000, 1_000, 25_000, 99_999][next(5)];
        s.filed_at = at(next(6) as i64 * 3_600, next(2) as i64 * 500);
        s.next_due = match next(4) {
            0 => None,
            k => Some(at(86_400 + k as i64 * 7_200, next(2) as i64)),
        };
        s.next_clock = s.next_due.map(|_| "response".to_string());
        s.client_name = CLIENTS[next(5)].to_string();
        s.freelancer_name = FREELANCERS[next(4)].to_string();
        if s.status == "resolved" {
            s.outcome = Some(["split", "to_client"][next(2)].to_string());
            s.to_client_minor = Some(s.disputed_minor / 4);
            s.to_freelancer_minor = Some(s.disputed_minor - s.disputed_minor / 4);
            s.resolved_at = Some(at(200_000, 0));
        }
        appends.push(a);
    }
    let summaries = appends.iter().map(|a| a.summary.clone()).collect();
    store
        .import(ImportBatch {
            contracts: (0..3).map(|k| contract(&format!("K{k}"))).collect(),
            feed_events: vec![],
            appends,
        })
        .await
        .expect("seeding the queue");
    summaries
}

/// The queue's documented order, computed here.
fn expected_order(cases: &[CaseSummary], sort: QueueSort, dir: SortDirection) -> Vec<String> {
    let mut v: Vec<&CaseSummary> = cases.iter().collect();
    let directed = |o: std::cmp::Ordering| match dir {
        SortDirection::Asc => o,
        SortDirection::Desc => o.reverse(),
    };
    v.sort_by(|a, b| match sort {
        QueueSort::NextDue => match (a.next_due, b.next_due) {
            (Some(x), Some(y)) => directed(x.cmp(&y).then_with(|| a.id.cmp(&b.id))),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => directed(a.id.cmp(&b.id)),
        },
        QueueSort::Disputed => directed(
            a.disputed_minor
                .cmp(&b.disputed_minor)
                .then_with(|| a.id.cmp(&b.id)),
        ),
        QueueSort::Filed => directed(a.filed_at.cmp(&b.filed_at).then_with(|| a.id.cmp(&b.id))),
    });
    v.into_iter().map(|s| s.id.clone()).collect()
}

/// Walks every page; checks page sizes and that `next` is None only at the end.
async fn walk(
    store: &dyn Store,
    filter: &QueueFilter,
    sort: QueueSort,
    dir: SortDirection,
    limit: u32,
) -> Vec<CaseSummary> {
    let mut rows = Vec::new();
    let mut after = None;
    for _ in 0..1_000 {
        let page = store
            .queue(filter, sort, dir, after.as_ref(), limit)
            .await
            .unwrap_or_else(|e| panic!("queue {sort:?} {dir:?} limit {limit}: {e}"));
        assert!(
            page.rows.len() <= limit as usize,
            "a page holds at most `limit` rows"
        );
        rows.extend(page.rows.iter().cloned());
        match page.next {
            None => return rows,
            Some(cursor) => {
                assert_eq!(
                    page.rows.len(),
                    limit as usize,
                    "only the last page is short ({sort:?} {dir:?} limit {limit})"
                );
                assert_eq!(
                    Some(&cursor.id),
                    page.rows.last().map(|r| &r.id),
                    "cursor = last row"
                );
                after = Some(cursor);
            }
        }
    }
    panic!("the queue never ended ({sort:?} {dir:?} limit {limit})");
}

/// Walking all pages with small limits yields every case exactly once, in the
/// documented order, for every sort and direction, with and without a filter.
pub async fn queue_pages_cover_every_case_in_order(store: &dyn Store) {
    let cases = seed_queue(store).await;
    let open_ones = QueueFilter {
        statuses: vec!["open".into(), "in_review".into()],
        ..QueueFilter::default()
    };
    let open_cases: Vec<CaseSummary> = cases
        .iter()
        .filter(|c| matches(&open_ones, c))
        .cloned()
        .collect();
    assert!(
        !open_cases.is_empty() && open_cases.len() < cases.len(),
        "the fixture has both"
    );
    for sort in [QueueSort::NextDue, QueueSort::Disputed, QueueSort::Filed] {
        for dir in [SortDirection::Asc, SortDirection::Desc] {
            let want = expected_order(&cases, sort, dir);
            for limit in [1, 3, 7, 40, 500] {
                let got = walk(store, &QueueFilter::default(), sort, dir, limit).await;
                let ids: Vec<String> = got.iter().map(|s| s.id.clone()).collect();
                assert_eq!(
                    ids, want,
                    "every case once, in order: {sort:?} {dir:?} limit {limit}"
                );
                if limit == 500 {
                    let by_id: BTreeMap<&str, &CaseSummary> =
                        cases.iter().map(|c| (c.id.as_str(), c)).collect();
                    for row in &got {
                        assert_eq!(
                            Some(&row),
                            by_id.get(row.id.as_str()),
                            "rows are whole summaries"
                        );
                    }
                }
            }
            let want = expected_order(&open_cases, sort, dir);
            let got: Vec<String> = walk(store, &open_ones, sort, dir, 4)
                .await
                .into_iter()
                .map(|s| s.id)
                .collect();
            assert_eq!(got, want, "paging a filtered queue: {sort:?} {dir:?}");
        }
    }
    let empty = store
        .queue(
            &QueueFilter {
                statuses: vec!["no_such_status".into()],
                ..QueueFilter::default()
            },
            QueueSort::NextDue,
            SortDirection::Asc,
            None,
            10,
        )
        .await
        .unwrap();
    assert!(
        empty.rows.is_empty() && empty.next.is_none(),
        "no match: one empty last page"
    );
}

/// True when the option is unset, else what `holds` says of its value.
fn unset_or<T>(option: Option<T>, holds: impl FnOnce(T) -> bool) -> bool {
    option.map(holds).unwrap_or(true)
}

/// The filter's documented meaning, computed here.
fn matches(f: &QueueFilter, c: &CaseSummary) -> bool {
    (f.statuses.is_empty() || f.statuses.contains(&c.status))
        && unset_or(f.assigned_to.as_ref(), |a| {
            c.assigned_to.as_ref() == Some(a)
        })
        && (!f.unassigned || c.assigned_to.is_none())
        && unset_or(f.overdue_at, |t| c.next_due.is_some_and(|d| d <= t))
        && unset_or(f.policy.as_ref(), |p| &c.policy == p)
        && unset_or(f.ground.as_ref(), |g| &c.ground == g)
        && unset_or(f.min_disputed_minor, |m| c.disputed_minor >= m)
        && unset_or(f.max_disputed_minor, |m| c.disputed_minor <= m)
        && unset_or(f.search.as_ref(), |s| {
            let needle = s.trim().to_lowercase();
            c.id.to_lowercase().starts_with(&needle)
                || c.client_name.to_lowercase().contains(&needle)
                || c.freelancer_name.to_lowercase().contains(&needle)
        })
}

fn filters() -> Vec<(&'static str, QueueFilter)> {
    let f = QueueFilter::default;
    vec![
        (
            "one status",
            QueueFilter {
                statuses: vec!["open".into()],
                ..f()
            },
        ),
        (
            "two statuses",
            QueueFilter {
                statuses: vec!["resolved".into(), "awaiting_response".into()],
                ..f()
            },
        ),
        (
            "assigned",
            QueueFilter {
                assigned_to: Some("specialist:ana".into()),
                ..f()
            },
        ),
        (
            "unassigned",
            QueueFilter {
                unassigned: true,
                ..f()
            },
        ),
        (
            "overdue",
            QueueFilter {
                overdue_at: Some(at(86_400 + 2 * 7_200, 0)),
                ..f()
            },
        ),
        (
            "overdue, due time inclusive",
            QueueFilter {
                overdue_at: Some(at(86_400 + 7_200, 1)),
                ..f()
            },
        ),
        (
            "policy",
            QueueFilter {
                policy: Some("express".into()),
                ..f()
            },
        ),
        (
            "ground",
            QueueFilter {
                ground: Some("ended_with_balance".into()),
                ..f()
            },
        ),
        (
            "min amount",
            QueueFilter {
                min_disputed_minor: Some(1_000),
                ..f()
            },
        ),
        (
            "max amount",
            QueueFilter {
                max_disputed_minor: Some(1_000),
                ..f()
            },
        ),
        (
            "amount range",
            QueueFilter {
                min_disputed_minor: Some(1_000),
                max_disputed_minor: Some(25_000),
                ..f()
            },
        ),
        (
            "id prefix, any case",
            QueueFilter {
                search: Some("case-01".into()),
                ..f()
            },
        ),
        (
            "id prefix, padded",
            QueueFilter {
                search: Some("  CASE-00 ".into()),
                ..f()
            },
        ),
        (
            "name, Unicode case",
            QueueFilter {
                search: Some("łUKASZ".into()),
                ..f()
            },
        ),
        (
            "name substring",
            QueueFilter {
                search: Some("ana".into()),
                ..f()
            },
        ),
        (
            "freelancer name",
            QueueFilter {
                search: Some("ümit".into()),
                ..f()
            },
        ),
        (
            "everything at once",
            QueueFilter {
                statuses: vec![
                    "open".into(),
                    "in_review".into(),
                    "awaiting_response".into(),
                ],
                assigned_to: Some("specialist:bo".into()),
                min_disputed_minor: Some(600),
                search: Some("a".into()),
                ..f()
            },
        ),
    ]
}

/// Every filter field, alone and combined, narrows to exactly the cases the
/// documented meaning selects; text that is not an id prefix matches no id.
pub async fn queue_filters(store: &dyn Store) {
    let cases = seed_queue(store).await;
    let all = walk(
        store,
        &QueueFilter::default(),
        QueueSort::Filed,
        SortDirection::Asc,
        1_000,
    )
    .await;
    assert_eq!(
        all.len(),
        cases.len(),
        "the default filter shows everything"
    );
    for (name, filter) in filters() {
        let want: BTreeSet<String> = cases
            .iter()
            .filter(|c| matches(&filter, c))
            .map(|c| c.id.clone())
            .collect();
        assert!(
            !want.is_empty() && want.len() < cases.len(),
            "fixture: filter {name:?} should select some but not all cases ({})",
            want.len()
        );
        let got = walk(
            store,
            &filter,
            QueueSort::NextDue,
            SortDirection::Asc,
            1_000,
        )
        .await;
        let got_ids: Vec<String> = got.iter().map(|c| c.id.clone()).collect();
        let got_set: BTreeSet<String> = got_ids.iter().cloned().collect();
        assert_eq!(
            got_set.len(),
            got_ids.len(),
            "filter {name:?}: no case twice"
        );
        assert_eq!(got_set, want, "filter {name:?}");
    }
    for (name, needle) in [
        ("inside an id", "ase-0"),
        ("id suffix", "-017"),
        ("SQL", "%' OR 1=1 --"),
    ] {
        let filter = QueueFilter {
            search: Some(needle.into()),
            ..QueueFilter::default()
        };
        let got = walk(store, &filter, QueueSort::Filed, SortDirection::Asc, 100).await;
        assert!(
            got.is_empty(),
            "search {name:?} ({needle:?}) matches nothing: {:?}",
            got.len()
        );
    }
    let contradiction = QueueFilter {
        assigned_to: Some("specialist:ana".into()),
        unassigned: true,
        ..QueueFilter::default()
    };
    let got = walk(
        store,
        &contradiction,
        QueueSort::Filed,
        SortDirection::Asc,
        100,
    )
    .await;
    assert!(got.is_empty(), "assigned to ana and unassigned: nothing");
}

/// A cursor whose key cannot be of the sort is an error, not a wrong page.
pub async fn queue_rejects_a_foreign_cursor(store: &dyn Store) {
    seed_queue(store).await;
    let f = QueueFilter::default();
    let page = store
        .queue(&f, QueueSort::Filed, SortDirection::Asc, None, 5)
        .await
        .unwrap();
    let cursor = page
        .next
        .expect("forty cases make more than one page of five");
    let r = store
        .queue(
            &f,
            QueueSort::Disputed,
            SortDirection::Asc,
            Some(&cursor),
            5,
        )
        .await;
    assert!(r.is_err(), "a time is not an amount: {r:?}");
    let page = store
        .queue(&f, QueueSort::Disputed, SortDirection::Asc, None, 5)
        .await
        .unwrap();
    let cursor = page.next.expect("more than one page");
    let r = store
        .queue(&f, QueueSort::Filed, SortDirection::Asc, Some(&cursor), 5)
        .await;
    assert!(r.is_err(), "an amount is not a time: {r:?}");
}

fn count_statuses<'a>(cases: impl Iterator<Item = &'a CaseSummary>) -> Vec<(String, i64)> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for c in cases {
        *counts.entry(c.status.clone()).or_default() += 1;
    }
    counts.into_iter().collect()
}

/// Status counts apply the filter but not its statuses.
pub async fn status_counts_follow_the_filter(store: &dyn Store) {
    let cases = seed_queue(store).await;
    let all = store.status_counts(&QueueFilter::default()).await.unwrap();
    assert_eq!(
        all,
        count_statuses(cases.iter()),
        "counts of every case, by status"
    );
    assert_eq!(all.iter().map(|(_, n)| n).sum::<i64>(), cases.len() as i64);
    for (name, filter) in filters() {
        let mut without_statuses = filter.clone();
        without_statuses.statuses.clear();
        let want = count_statuses(cases.iter().filter(|c| matches(&without_statuses, c)));
        let got = store.status_counts(&filter).await.unwrap();
        assert_eq!(
            got, want,
            "status counts for filter {name:?} (its statuses ignored)"
        );
    }
}

/// Due cases: a running clock due at or before the time, not resolved; sorted.
pub async fn due_case_ids_are_the_due_open_cases(store: &dyn Store) {
    let cases = seed_queue(store).await;
    assert!(
        cases
            .iter()
            .any(|c| c.status == "resolved" && c.next_due.is_some()),
        "fixture: a resolved case with a due time, to be left out"
    );
    for when in [
        at(0, 0),
        at(86_400 + 7_200, 0),
        at(86_400 + 7_200, 1),
        at(86_400 + 4 * 7_200, 0),
        at(10_000_000, 0),
    ] {
        let mut want: Vec<String> = cases
            .iter()
            .filter(|c| c.status != "resolved" && c.next_due.is_some_and(|d| d <= when))
            .map(|c| c.id.clone())
            .collect();
        want.sort();
        assert_eq!(
            store.due_case_ids(when).await.unwrap(),
            want,
            "due at {when}"
        );
    }
    assert!(
        store.due_case_ids(at(0, 0)).await.unwrap().is_empty(),
        "nothing due at the start"
    );
}

fn expected_stats(
    cases: &[CaseSummary],
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> StatsRows {
    let inside: Vec<&CaseSummary> = cases
        .iter()
        .filter(|c| unset_or(from, |f| c.filed_at >= f) && unset_or(to, |t| c.filed_at < t))
        .collect();
    let mut outcomes: BTreeMap<(String, String), (i64, i64, i64)> = BTreeMap::new();
    let mut disputed: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for c in &inside {
        if let Some(o) = &c.outcome {
            let e = outcomes.entry((c.currency.clone(), o.clone())).or_default();
            e.0 += 1;
            e.1 += c.to_freelancer_minor.unwrap_or(0);
            e.2 += c.to_client_minor.unwrap_or(0);
        }
        let d = disputed.entry(c.currency.clone()).or_default();
        d.0 += 1;
        d.1 += c.disputed_minor;
    }
    StatsRows {
        by_status: count_statuses(inside.iter().copied()),
        by_outcome: outcomes
            .into_iter()
            .map(|((cur, o), (n, f, c))| (cur, o, n, f, c))
            .collect(),
        disputed: disputed
            .into_iter()
            .map(|(cur, (n, s))| (cur, n, s))
            .collect(),
    }
}

/// Stats count and sum exactly the cases filed in [from, to).
pub async fn stats_aggregate_the_filed_range(store: &dyn Store) {
    let cases = seed_queue(store).await;
    let all = store.stats(None, None).await.unwrap();
    assert_eq!(all, expected_stats(&cases, None, None), "over every case");
    assert!(!all.by_outcome.is_empty(), "fixture: some resolved cases");
    assert!(all.disputed.len() == 2, "fixture: two currencies");
    let ranges = [
        (Some(at(3_600, 0)), None),
        (None, Some(at(3_600, 0))),
        (Some(at(3_600, 0)), Some(at(4 * 3_600, 500))),
        (Some(at(3_600, 500)), Some(at(4 * 3_600, 0))),
        (Some(at(9_999_999, 0)), None),
    ];
    for (from, to) in ranges {
        assert_eq!(
            store.stats(from, to).await.unwrap(),
            expected_stats(&cases, from, to),
            "stats filed in [{from:?}, {to:?})"
        );
    }
    assert_eq!(
        store.stats(Some(at(9_999_999, 0)), None).await.unwrap(),
        StatsRows::default(),
        "no case in range: empty stats"
    );
}

// ------------------------------------------------------------- summaries

/// put_summaries replaces the summaries of existing cases at their current
/// version, all or nothing, and never touches events.
pub async fn put_summaries_replaces_current_summaries(store: &dyn Store) {
    seed_contracts(store, &["K1"]).await;
    let a = append("C-1", "K1", 1, 2, "a");
    let b = append("C-2", "K1", 1, 3, "b");
    must_append(store, a.clone()).await;
    must_append(store, b.clone()).await;
    let before = snapshot(store, &["C-1", "C-2", "C-3"], &["K1"]).await;

    let mut new_a = a.summary.clone();
    new_a.status = "in_review".into();
    new_a.assigned_to = Some("specialist:ana".into());
    new_a.next_due = None;
    let mut stale_b = b.summary.clone();
    stale_b.version = 2;
    stale_b.status = "stale".into();
    let r = store.put_summaries(vec![new_a.clone(), stale_b]).await;
    assert!(
        is_conflict(&r, "C-2", 2, 3),
        "a summary of an older version conflicts: {r:?}"
    );
    assert_eq!(
        snapshot(store, &["C-1", "C-2", "C-3"], &["K1"]).await,
        before,
        "nothing written"
    );

    let mut ghost = b.summary.clone();
    ghost.id = "C-3".into();
    let r = store.put_summaries(vec![new_a.clone(), ghost]).await;
    assert!(r.is_err(), "summaries never create cases: {r:?}");
    assert_eq!(
        snapshot(store, &["C-1", "C-2", "C-3"], &["K1"]).await,
        before,
        "nothing written"
    );

    let mut new_b = b.summary.clone();
    new_b.client_name = "Renamed Client".into();
    new_b.disputed_minor = 1;
    store
        .put_summaries(vec![new_a.clone(), new_b.clone()])
        .await
        .expect("current summaries replace");
    assert_eq!(store.summary("C-1").await.unwrap(), Some(new_a));
    assert_eq!(store.summary("C-2").await.unwrap(), Some(new_b));
    assert_eq!(
        store.events("C-1").await.unwrap(),
        a.events,
        "events untouched"
    );
    assert_eq!(
        store.events("C-2").await.unwrap(),
        b.events,
        "events untouched"
    );
    let search = QueueFilter {
        search: Some("renamed".into()),
        ..QueueFilter::default()
    };
    let page = store
        .queue(&search, QueueSort::Filed, SortDirection::Asc, None, 10)
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 1, "the queue searches the new names");
    store
        .put_summaries(vec![])
        .await
        .expect("nothing to put is fine");
}

// ------------------------------------------------------------ append-only

/// The database itself refuses to edit or delete events.
pub async fn events_are_append_only(store: &dyn Store, raw: &dyn RawSql) {
    store
        .import(ImportBatch {
            contracts: vec![contract("K1")],
            feed_events: vec![feed_event("K1", "E-1", 1)],
            appends: vec![append("C-1", "K1", 1, 2, "a")],
        })
        .await
        .expect("seeding");
    let before = snapshot(store, &["C-1"], &["K1"]).await;
    for sql in [
        "UPDATE case_events SET body = '{}'",
        "UPDATE case_events SET hash = 'forged' WHERE seq = 2",
        "DELETE FROM case_events WHERE seq = 2",
        "DELETE FROM case_events",
        "UPDATE feed_events SET digest = 'forged'",
        "DELETE FROM feed_events",
    ] {
        let r = raw.execute_raw(sql).await;
        assert!(r.is_err(), "{sql:?} is refused, got {r:?}");
    }
    assert_eq!(
        snapshot(store, &["C-1"], &["K1"]).await,
        before,
        "history unchanged"
    );
    let r = raw.execute_raw("UPDATE cases SET status = 'open'").await;
    assert_eq!(r, Ok(1), "the summary (a projection) may be rewritten");
}
