//! The conformance suite (`accord_store::conformance`) against SQLite, one
//! `#[tokio::test]` per case so that failures are named. Most run on a fresh
//! in-memory database; the concurrency case runs on a file, where two
//! connections really race for the write lock.

mod common;

use accord_store::conformance;
use accord_store::SqliteStore;
use common::TempDb;

async fn memory() -> SqliteStore {
    SqliteStore::open_in_memory()
        .await
        .expect("an in-memory store opens")
}

macro_rules! on_memory {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let store = memory().await;
            conformance::$name(&store).await;
        }
    )*};
}

on_memory! {
    append_round_trip,
    append_version_conflict_writes_nothing,
    append_rejects_malformed_appends,
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_one_wins() {
    let db = TempDb::new("race").await;
    conformance::concurrent_appends_one_wins(&db.store).await;
    db.remove().await;
}

#[tokio::test]
async fn concurrent_appends_one_wins_in_memory() {
    // One connection: the writers take turns, and the second still conflicts.
    let store = memory().await;
    conformance::concurrent_appends_one_wins(&store).await;
}

#[tokio::test]
async fn events_are_append_only() {
    let store = memory().await;
    conformance::events_are_append_only(&store, &store).await;
}

#[tokio::test]
async fn events_are_append_only_on_file() {
    let db = TempDb::new("append-only").await;
    conformance::events_are_append_only(&db.store, &db.store).await;
    db.remove().await;
}

/// The whole suite through `run_all`, as another implementation would run it,
/// each case on its own database file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_all_on_files() {
    let mut dbs = Vec::new();
    let names = std::cell::Cell::new(0);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    conformance::run_all(|| {
        names.set(names.get() + 1);
        let tx = tx.clone();
        let n = names.get();
        async move {
            let db = TempDb::new(&format!("all-{n}")).await;
            let store = db.store.clone();
            tx.send(db).expect("the receiver lives");
            store
        }
    })
    .await;
    drop(tx);
    while let Some(db) = rx.recv().await {
        dbs.push(db);
    }
    assert_eq!(
        dbs.len(),
        conformance::TESTS.len(),
        "one fresh store per test"
    );
    for db in dbs {
        db.remove().await;
    }
}
