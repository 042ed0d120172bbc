//! What is particular to the SQLite store: opening, pragmas, stored formats,
//! transactions that never leak, statement chunking, bad stored data.

mod common;

use std::time::Duration;

use accord_store::{
    ImportBatch, QueueFilter, QueueSort, SortDirection, SqliteStore, Store, StoreError,
};
use sqlx::Row;

use common::{case_append, contract, feed_event, remove_files, temp_path, TempDb};

async fn pragma(store: &SqliteStore, name: &str) -> String {
    let row: (String,) = sqlx::query_as(&format!("SELECT CAST(({name}) AS TEXT)"))
        .fetch_one(store.pool())
        .await
        .unwrap_or_else(|e| panic!("reading {name}: {e}"));
    row.0
}

async fn pragma_value(store: &SqliteStore, name: &str) -> String {
    let row = sqlx::query(&format!("PRAGMA {name}"))
        .fetch_one(store.pool())
        .await
        .unwrap_or_else(|e| panic!("reading pragma {name}: {e}"));
    row.try_get::<String, _>(0)
        .or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string()))
        .unwrap_or_else(|e| panic!("pragma {name}: {e}"))
}

#[tokio::test]
async fn opens_a_path_a_url_or_memory_and_creates_the_file() {
    let path = temp_path("open");
    let plain = path.to_str().unwrap().to_string();
    assert!(!path.exists(), "the file does not exist yet");
    let store = SqliteStore::open(&plain).await.expect("a plain path opens");
    assert!(path.exists(), "open creates the file");
    seed(&store, "C-1").await;
    store.close().await;

    for url in [format!("sqlite://{plain}"), format!("sqlite:{plain}")] {
        let again = SqliteStore::open(&url)
            .await
            .unwrap_or_else(|e| panic!("{url} opens: {e}"));
        assert_eq!(
            again.case_ids().await.unwrap(),
            ["C-1"],
            "{url}: the same database, migrated once"
        );
        again.close().await;
    }
    remove_files(&path);

    for url in ["sqlite::memory:", ":memory:"] {
        let mem = SqliteStore::open(url).await.expect("memory opens");
        assert_eq!(mem.case_count().await.unwrap(), 0, "{url}: fresh");
        seed(&mem, "C-2").await;
        assert_eq!(
            mem.case_ids().await.unwrap(),
            ["C-2"],
            "{url}: one database for the pool"
        );
    }
    let a = SqliteStore::open_in_memory().await.unwrap();
    let b = SqliteStore::open_in_memory().await.unwrap();
    seed(&a, "C-3").await;
    assert_eq!(
        b.case_count().await.unwrap(),
        0,
        "in-memory stores are private"
    );
}

#[tokio::test]
async fn a_bad_url_is_an_error_not_a_panic() {
    let r = SqliteStore::open("sqlite:///no/such/dir/for/accord/x.db").await;
    assert!(matches!(r, Err(StoreError::Database(_))), "{r:?}");
}

#[tokio::test]
async fn file_connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let db = TempDb::new("pragmas").await;
    assert_eq!(pragma_value(&db.store, "journal_mode").await, "wal");
    assert_eq!(pragma_value(&db.store, "foreign_keys").await, "1");
    assert_eq!(pragma_value(&db.store, "synchronous").await, "1", "NORMAL");
    assert_eq!(pragma_value(&db.store, "busy_timeout").await, "10000");
    let mem = SqliteStore::open_in_memory().await.unwrap();
    assert_eq!(pragma_value(&mem, "foreign_keys").await, "1");
    db.remove().await;
}

async fn seed(store: &SqliteStore, case_id: &str) {
    store
        .import(ImportBatch {
            contracts: vec![contract("K1")],
            feed_events: vec![],
            appends: vec![case_append(case_id, "K1", 1, 2)],
        })
        .await
        .expect("seeding");
}

#[tokio::test]
async fn times_are_stored_as_fixed_width_utc_text() {
    let store = SqliteStore::open_in_memory().await.unwrap();
    seed(&store, "C-1").await;
    let (filed, due, resolved): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT filed_at, next_due, resolved_at FROM cases")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(filed, "2026-02-01T12:00:00.000000000Z");
    assert_eq!(due.as_deref(), Some("2026-02-02T12:00:00.000000000Z"));
    assert_eq!(resolved, None);
    let ats: Vec<(String,)> = sqlx::query_as("SELECT at FROM case_events ORDER BY seq")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert!(
        ats.iter().all(|(t,)| t.len() == 30 && t.ends_with('Z')),
        "{ats:?}"
    );
    assert_eq!(
        pragma(
            &store,
            "SELECT COUNT(*) FROM cases WHERE typeof(disputed_minor) = 'integer'"
        )
        .await,
        "1"
    );
}

#[tokio::test]
async fn unreadable_stored_data_names_the_column() {
    let store = SqliteStore::open_in_memory().await.unwrap();
    seed(&store, "C-1").await;
    sqlx::query("UPDATE cases SET next_due = 'next tuesday'")
        .execute(store.pool())
        .await
        .unwrap();
    let r = store.summary("C-1").await;
    match r {
        Err(StoreError::Database(m)) => assert!(m.contains("cases.next_due"), "{m}"),
        other => panic!("a bad time is a database error: {other:?}"),
    }
    let r = store
        .queue(
            &QueueFilter::default(),
            QueueSort::Filed,
            SortDirection::Asc,
            None,
            10,
        )
        .await;
    assert!(matches!(r, Err(StoreError::Database(_))), "{r:?}");
}

#[tokio::test]
async fn a_failed_write_leaves_no_transaction_open() {
    // One connection: a transaction left open would break every later write.
    let store = SqliteStore::open_in_memory().await.unwrap();
    seed(&store, "C-1").await;
    for _ in 0..3 {
        let r = store.append(case_append("C-1", "K1", 1, 1)).await;
        assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
        let r = store.append(case_append("C-9", "K404", 1, 1)).await;
        assert!(
            matches!(r, Err(StoreError::Database(_))),
            "unknown contract: {r:?}"
        );
    }
    store
        .append(case_append("C-1", "K1", 3, 3))
        .await
        .expect("writes go on after failed ones");
    assert_eq!(store.events("C-1").await.unwrap().len(), 3);
}

fn big_batch(cases: usize, events_per_case: i64, prefix: &str) -> ImportBatch {
    let contracts = (0..cases / 10 + 1)
        .map(|k| contract(&format!("{prefix}K{k}")))
        .collect::<Vec<_>>();
    let feed_events = (0..cases)
        .map(|i| {
            feed_event(
                &format!("{prefix}K{}", i / 10),
                &format!("{prefix}E{i}"),
                (i % 10) as i64 + 1,
            )
        })
        .collect();
    let appends = (0..cases)
        .map(|i| {
            case_append(
                &format!("{prefix}C{i:06}"),
                &format!("{prefix}K{}", i / 10),
                1,
                events_per_case,
            )
        })
        .collect();
    ImportBatch {
        contracts,
        feed_events,
        appends,
    }
}

/// Dropping a write half-way (a timeout, a closed window) rolls it back: the
/// batch is all there or not at all, and the next writer is not blocked.
async fn dropped_imports_roll_back(store: &SqliteStore) {
    store
        .import(ImportBatch {
            contracts: vec![contract("probe")],
            ..ImportBatch::default()
        })
        .await
        .unwrap();
    let mut landed = 0;
    for (round, micros) in [10u64, 100, 500, 2_000, 10_000, 50_000]
        .into_iter()
        .enumerate()
    {
        let prefix = format!("r{round}-");
        let batch = big_batch(1_500, 4, &prefix);
        let done = tokio::time::timeout(Duration::from_micros(micros), store.import(batch)).await;
        // Let the queued rollback (if any) run, then check: all or nothing.
        let count = tokio::time::timeout(Duration::from_secs(30), store.case_count())
            .await
            .expect("the store is not left locked")
            .unwrap();
        let mine = store
            .cases_of_contracts(&[format!("{prefix}K0")])
            .await
            .unwrap()
            .len();
        match done {
            Ok(r) => {
                r.expect("an import that finished succeeded");
                assert_eq!(mine, 10, "a finished import is all there");
                landed += 1500;
            }
            Err(_) => {
                assert!(mine == 0 || mine == 10, "all or nothing, got {mine}");
                if mine == 10 {
                    landed += 1500; // the commit won the race with the timeout
                }
            }
        }
        assert_eq!(count, landed, "round {round}: only whole imports are there");
        store
            .append(case_append(&format!("probe-{round}"), "probe", 1, 1))
            .await
            .expect("the next writer is not blocked");
        landed += 1;
    }
}

#[tokio::test]
async fn dropped_import_rolls_back_in_memory() {
    let store = SqliteStore::open_in_memory().await.unwrap();
    dropped_imports_roll_back(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_import_rolls_back_on_file() {
    let db = TempDb::new("dropped").await;
    dropped_imports_roll_back(&db.store).await;
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_wait_for_each_other() {
    let db = TempDb::new("writers").await;
    seed(&db.store, "C-0").await;
    let mut tasks = Vec::new();
    for w in 0..16 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            if w % 2 == 0 {
                store
                    .append(case_append(&format!("A{w}"), "K1", 1, 3))
                    .await
            } else {
                store.import(big_batch(200, 3, &format!("w{w}-"))).await
            }
        }));
    }
    for t in tasks {
        t.await
            .unwrap()
            .expect("writers to different cases all succeed (no 'database is locked')");
    }
    assert_eq!(db.store.case_count().await.unwrap(), 1 + 8 + 8 * 200);
    db.remove().await;
}

#[tokio::test]
async fn batches_larger_than_one_statement() {
    let store = SqliteStore::open_in_memory().await.unwrap();
    // 12 000 contracts (> 10 922 per statement), 12 000 feed events and
    // 2 500 cases (> 4 680 rows of 7 values, > 1 560 of 21) of 5 events.
    let mut batch = big_batch(2_500, 5, "");
    batch.contracts = (0..12_000).map(|k| contract(&format!("K{k}"))).collect();
    batch.feed_events = (0..12_000)
        .map(|i| {
            feed_event(
                &format!("K{}", i / 10),
                &format!("E{i}"),
                (i % 10) as i64 + 1,
            )
        })
        .collect();
    store.import(batch.clone()).await.expect("a big import");
    assert_eq!(store.case_count().await.unwrap(), 2_500);
    for a in [
        &batch.appends[0],
        &batch.appends[935],
        &batch.appends[2_499],
    ] {
        assert_eq!(
            store.events(&a.case_id).await.unwrap(),
            a.events,
            "{}",
            a.case_id
        );
        assert_eq!(
            store.summary(&a.case_id).await.unwrap().as_ref(),
            Some(&a.summary)
        );
    }
    let (events,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM case_events")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(events, 12_500);

    // Lookups over more ids than one statement may bind.
    let ids: Vec<String> = (0..40_000).map(|i| format!("E{i}")).collect();
    assert_eq!(store.feed_events_by_id(&ids).await.unwrap().len(), 12_000);
    let contracts: Vec<String> = (0..40_000).map(|k| format!("K{k}")).collect();
    assert_eq!(
        store.feed_event_digests(&contracts).await.unwrap().len(),
        12_000
    );
    assert_eq!(
        store.cases_of_contracts(&contracts).await.unwrap().len(),
        2_500
    );

    // put_summaries over more rows than one statement.
    let mut summaries: Vec<_> = batch.appends.iter().map(|a| a.summary.clone()).collect();
    for s in &mut summaries {
        s.status = "in_review".into();
    }
    store
        .put_summaries(summaries)
        .await
        .expect("bulk summaries");
    let counts = store.status_counts(&QueueFilter::default()).await.unwrap();
    assert_eq!(counts, [("in_review".to_string(), 2_500)]);

    // The same import again conflicts on its first case and writes nothing.
    let r = store.import(batch).await;
    assert!(
        matches!(r, Err(StoreError::Conflict { ref case_id, .. }) if case_id == "C000000"),
        "{r:?}"
    );
    assert_eq!(store.case_count().await.unwrap(), 2_500);
}

#[tokio::test]
async fn migrations_apply_once_and_reopen() {
    let path = temp_path("reopen");
    let url = path.to_str().unwrap().to_string();
    let store = SqliteStore::open(&url).await.unwrap();
    seed(&store, "C-1").await;
    store.close().await;
    let store = SqliteStore::open(&url).await.expect("reopens");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(n >= 1, "migrations recorded");
    assert_eq!(store.case_ids().await.unwrap(), ["C-1"]);
    store.close().await;
    remove_files(&path);
}

/// The import pauses SQLite's row-by-row foreign key checks for its own
/// transaction only: afterwards (committed, failed or dropped) the
/// connection enforces them again. One connection, so every write below
/// runs on the connection the import used.
#[tokio::test]
async fn foreign_keys_are_back_on_after_any_import() {
    let store = SqliteStore::open_in_memory().await.unwrap();
    let refused = |store: SqliteStore| async move {
        let r = store.append(case_append("C-orphan", "K-none", 1, 1)).await;
        assert!(
            matches!(r, Err(StoreError::Database(_))),
            "an unknown contract is refused: {r:?}"
        );
        assert_eq!(pragma_value(&store, "foreign_keys").await, "1");
    };
    seed(&store, "C-1").await;
    refused(store.clone()).await;

    let r = store
        .import(ImportBatch {
            appends: vec![case_append("C-2", "K-none", 1, 1)],
            ..ImportBatch::default()
        })
        .await;
    assert!(
        matches!(r, Err(StoreError::Database(_))),
        "the import checks contracts itself: {r:?}"
    );
    refused(store.clone()).await;

    let r = store
        .import(ImportBatch {
            appends: vec![case_append("C-1", "K1", 1, 1)],
            ..ImportBatch::default()
        })
        .await;
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
    refused(store.clone()).await;

    for micros in [1u64, 50, 300, 1_000, 5_000] {
        let _ = tokio::time::timeout(
            Duration::from_micros(micros),
            store.import(big_batch(800, 3, &format!("d{micros}-"))),
        )
        .await;
        refused(store.clone()).await;
    }
}
