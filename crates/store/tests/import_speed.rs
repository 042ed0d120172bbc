//! `Store::import` against the raw rate: the same event rows bulk-inserted
//! through sqlx into tables with the store's primary keys and nothing else
//! (the raw side of crates/app/benches/import.rs), one transaction each,
//! commit and close included. The import also writes the contracts and cases.
//! Not part of the normal run (ignored, and timing only means something in
//! release):
//!
//! ```text
//! ACCORD_IMPORT_CASES=100000 cargo test --release -p accord-store \
//!     --test import_speed -- --ignored --nocapture
//! ```
//!
//! Also: `ACCORD_IMPORT_ROUNDS` (best of N, default 2), `ACCORD_IMPORT_ONLY`
//! or `ACCORD_RAW_ONLY` (one side only, e.g. under `perf record`). It prints
//! wall and CPU time of each side; on a busy machine CPU time is the steadier.
//! The app's benchmark (whole `accord import` against raw) is the reference.

mod common;

use std::time::{Duration, Instant};

use accord_store::{
    CaseAppend, CaseSummary, ContractRecord, FeedEventRecord, ImportBatch, SqliteStore, Store,
    StoredEvent,
};
use chrono::{DateTime, Utc};
use common::{at, remove_files, temp_path};
use sqlx::sqlite::{SqliteArguments, SqliteConnection};
use sqlx::{Arguments, Connection};

/// The demo feed's shape: about 9.5 feed events per contract, as many case
/// events per case, event bodies of about 240 bytes, contracts of about 660.
const EVENTS_PER_CASE: i64 = 10;
const FEED_EVENTS_PER_CONTRACT: i64 = 10;

fn padded(mut text: String, len: usize) -> String {
    while text.len() < len {
        text.push_str(" \"pad\":\"xxxxxxxxxx\"");
    }
    text
}

fn batch(cases: usize) -> ImportBatch {
    let mut b = ImportBatch::default();
    for i in 0..cases {
        let k = format!("K{i:07}");
        b.contracts.push(ContractRecord {
            id: k.clone(),
            currency: "USD".into(),
            body: padded(format!(
                r#"{{"id":"{k}","title":"Brand refresh for a bakery","client":{{"id":"cl-{i}","name":"Client {i}"}},"freelancer":{{"id":"fr-{i}","name":"Freelancer {i}"}},"milestones":[{{"id":"m1","amount":"250.00"}},{{"id":"m2","amount":"750.00"}}]}}"#
            ), 660),
        });
        for n in 1..=FEED_EVENTS_PER_CONTRACT {
            b.feed_events.push(FeedEventRecord {
                id: format!("E-{i:07}-{n:02}"),
                contract_id: k.clone(),
                ordinal: n,
                at: at(i as i64 + n),
                kind: "milestone_funded".into(),
                digest: format!("{:064x}", i as i64 * 31 + n),
                body: padded(format!(
                    r#"{{"id":"fe-{i}-{n}","type":"milestone_funded","milestone":"m{n}","amount":"250.00","at":"2026-02-01T12:00:00Z"}}"#
                ), 240),
            });
        }
        let case_id = format!("CASE-{i:07}");
        let events: Vec<StoredEvent> = (1..=EVENTS_PER_CASE)
            .map(|seq| StoredEvent {
                case_id: case_id.clone(),
                seq,
                at: at(i as i64 * 10 + seq),
                kind: "milestone_funded".into(),
                actor: "platform".into(),
                body: padded(format!(
                    r#"{{"type":"milestone_funded","seq":{seq},"milestone":"m1","amount":{{"minor":25000,"currency":"USD"}},"note":"imported from the platform feed"}}"#
                ), 240),
                hash: format!("{:064x}", i as i64 * 1000 + seq),
                copy_of: None,
            })
            .collect();
        let head = events.last().map(|e| e.hash.clone()).unwrap_or_default();
        b.appends.push(CaseAppend {
            case_id: case_id.clone(),
            expected_version: 0,
            summary: CaseSummary {
                id: case_id,
                contract_id: k,
                title: "Brand refresh for a bakery".into(),
                client_name: format!("Client {i}"),
                freelancer_name: format!("Freelancer {i}"),
                ground: "milestone_not_released".into(),
                policy: "standard".into(),
                status: "open".into(),
                outcome: None,
                assigned_to: None,
                currency: "USD".into(),
                disputed_minor: 25_000 + i as i64,
                filed_at: at(i as i64),
                next_due: Some(at(86_400 + i as i64)),
                next_clock: Some("response".into()),
                to_freelancer_minor: None,
                to_client_minor: None,
                resolved_at: None,
                version: EVENTS_PER_CASE,
                chain_head: head,
            },
            events,
        });
    }
    b
}

/// CPU time of the whole process (all threads), from /proc; zero elsewhere.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<u64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 of the line (11 and 12 after the name), in 1/100 s.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn ts(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string()
}

/// Inserts rows of `cols` values, as many per statement as SQLite allows.
async fn raw_insert<T>(
    conn: &mut SqliteConnection,
    table: &str,
    cols: usize,
    rows: &[T],
    bind: impl for<'q> Fn(&mut SqliteArguments<'q>, &'q T),
) {
    let per = 32_766 / cols;
    let row = format!("({})", vec!["?"; cols].join(","));
    for chunk in rows.chunks(per) {
        let sql = format!(
            "INSERT INTO {table} VALUES {}",
            vec![row.as_str(); chunk.len()].join(",")
        );
        let mut args = SqliteArguments::default();
        for r in chunk {
            bind(&mut args, r);
        }
        sqlx::query_with(&sql, args)
            .execute(&mut *conn)
            .await
            .unwrap();
    }
}

/// The raw rate as bench/ measures it: only the event rows, into tables with
/// the store's columns, types and primary keys (and its WITHOUT ROWID choice)
/// but no other constraint, index or trigger; one transaction, commit and
/// close included.
async fn raw_rate(b: &ImportBatch) -> Duration {
    let path = temp_path("raw");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let mut conn = store.pool().acquire().await.unwrap();
    for ddl in [
        "CREATE TABLE raw_feed (id TEXT NOT NULL PRIMARY KEY, contract_id TEXT NOT NULL, ordinal INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL) STRICT",
        "CREATE TABLE raw_events (case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)) STRICT, WITHOUT ROWID",
    ] {
        sqlx::query(ddl).execute(&mut *conn).await.unwrap();
    }
    let events: Vec<&StoredEvent> = b.appends.iter().flat_map(|a| &a.events).collect();
    let start = Instant::now();
    let cpu0 = cpu();
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await.unwrap();
    raw_insert(&mut tx, "raw_feed", 7, &b.feed_events, |a, e| {
        a.add(e.id.as_str()).unwrap();
        a.add(e.contract_id.as_str()).unwrap();
        a.add(e.ordinal).unwrap();
        a.add(ts(&e.at)).unwrap();
        a.add(e.kind.as_str()).unwrap();
        a.add(e.digest.as_str()).unwrap();
        a.add(e.body.as_str()).unwrap();
    })
    .await;
    raw_insert(&mut tx, "raw_events", 7, &events, |a, e| {
        a.add(e.case_id.as_str()).unwrap();
        a.add(e.seq).unwrap();
        a.add(ts(&e.at)).unwrap();
        a.add(e.kind.as_str()).unwrap();
        a.add(e.actor.as_str()).unwrap();
        a.add(e.body.as_str()).unwrap();
        a.add(e.hash.as_str()).unwrap();
    })
    .await;
    tx.commit().await.unwrap();
    drop(conn);
    store.close().await;
    let took = start.elapsed();
    eprintln!("raw: {took:?}, cpu {:?}", cpu() - cpu0);
    remove_files(&path);
    took
}

async fn store_rate(b: ImportBatch) -> Duration {
    let path = temp_path("import");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let cases = b.appends.len() as i64;
    let start = Instant::now();
    let cpu0 = cpu();
    store.import(b).await.unwrap();
    store.close().await;
    let took = start.elapsed();
    eprintln!("import: {took:?}, cpu {:?}", cpu() - cpu0);
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(store.case_count().await.unwrap(), cases);
    store.close().await;
    remove_files(&path);
    took
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run in release with --ignored"]
#[allow(clippy::float_arithmetic)] // rates, not money
async fn import_keeps_up_with_raw_inserts() {
    let cases: usize = std::env::var("ACCORD_IMPORT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let b = batch(cases);
    // Rates count event rows, as bench/ does (the import also writes the
    // contracts and cases).
    let rows = b.feed_events.len() + b.appends.iter().map(|a| a.events.len()).sum::<usize>();
    let mut raw = Duration::MAX;
    let mut store = Duration::MAX;
    let rounds: usize = std::env::var("ACCORD_IMPORT_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    for _ in 0..rounds {
        if std::env::var("ACCORD_IMPORT_ONLY").is_err() {
            raw = raw.min(raw_rate(&b).await);
        }
        if std::env::var("ACCORD_RAW_ONLY").is_err() {
            store = store.min(store_rate(b.clone()).await);
        }
    }
    if raw == Duration::MAX || store == Duration::MAX {
        return; // one side only: nothing to compare
    }
    let raw_rate = rows as f64 / raw.as_secs_f64();
    let store_rate = rows as f64 / store.as_secs_f64();
    let ratio = store_rate / raw_rate;
    eprintln!(
        "{cases} cases, {rows} rows: raw {raw:?} ({raw_rate:.0} rows/s), import {store:?} ({store_rate:.0} rows/s), {:.0}% of raw",
        ratio * 100.0
    );
    assert!(
        ratio >= 0.7,
        "import at {:.0}% of the raw rate",
        ratio * 100.0
    );
}
