//! Import speed against the raw rate: the same rows bulk-inserted into bare
//! tables (no keys, no indexes, no triggers) through sqlx, in one transaction.
//! Not a timed test of the normal run (ignored); run it in release:
//!
//! ```text
//! ACCORD_IMPORT_CASES=100000 cargo test --release -p accord-store \
//!     --test import_speed -- --ignored --nocapture
//! ```
//!
//! The benchmarks in bench/ are the reference; this is the store's own check.

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

const EVENTS_PER_CASE: i64 = 15;
const FEED_EVENTS_PER_CONTRACT: i64 = 4;

fn batch(cases: usize) -> ImportBatch {
    let mut b = ImportBatch::default();
    for i in 0..cases {
        let k = format!("K{i:07}");
        b.contracts.push(ContractRecord {
            id: k.clone(),
            currency: "USD".into(),
            body: format!(
                r#"{{"id":"{k}","title":"Brand refresh for a bakery","client":{{"id":"cl-{i}","name":"Client {i}"}},"freelancer":{{"id":"fr-{i}","name":"Freelancer {i}"}},"milestones":[{{"id":"m1","amount":"250.00"}},{{"id":"m2","amount":"750.00"}}]}}"#
            ),
        });
        for n in 1..=FEED_EVENTS_PER_CONTRACT {
            b.feed_events.push(FeedEventRecord {
                id: format!("fe-{i}-{n}"),
                contract_id: k.clone(),
                ordinal: n,
                at: at(i as i64 + n),
                kind: "milestone_funded".into(),
                digest: format!("{:064x}", i as i64 * 31 + n),
                body: format!(
                    r#"{{"id":"fe-{i}-{n}","type":"milestone_funded","milestone":"m{n}","amount":"250.00","at":"2026-02-01T12:00:00Z"}}"#
                ),
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
                body: format!(
                    r#"{{"type":"milestone_funded","seq":{seq},"milestone":"m1","amount":{{"minor":25000,"currency":"USD"}},"note":"imported from the platform feed"}}"#
                ),
                hash: format!("{:064x}", i as i64 * 1000 + seq),
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

async fn raw_rate(b: &ImportBatch) -> Duration {
    let path = temp_path("raw");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let mut conn = store.pool().acquire().await.unwrap();
    for ddl in [
        "CREATE TABLE raw_contracts (id TEXT, currency TEXT, body TEXT)",
        "CREATE TABLE raw_feed (id TEXT, contract_id TEXT, ordinal INTEGER, at TEXT, kind TEXT, digest TEXT, body TEXT)",
        "CREATE TABLE raw_cases (id TEXT, contract_id TEXT, title TEXT, client_name TEXT, freelancer_name TEXT, ground TEXT, policy TEXT, status TEXT, outcome TEXT, assigned_to TEXT, currency TEXT, disputed_minor INTEGER, filed_at TEXT, next_due TEXT, next_clock TEXT, to_freelancer_minor INTEGER, to_client_minor INTEGER, resolved_at TEXT, version INTEGER, chain_head TEXT)",
        "CREATE TABLE raw_events (case_id TEXT, seq INTEGER, at TEXT, kind TEXT, actor TEXT, body TEXT, hash TEXT)",
    ] {
        sqlx::query(ddl).execute(&mut *conn).await.unwrap();
    }
    let events: Vec<&StoredEvent> = b.appends.iter().flat_map(|a| &a.events).collect();
    let start = Instant::now();
    let cpu0 = cpu();
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await.unwrap();
    raw_insert(&mut tx, "raw_contracts", 3, &b.contracts, |a, c| {
        a.add(c.id.as_str()).unwrap();
        a.add(c.currency.as_str()).unwrap();
        a.add(c.body.as_str()).unwrap();
    })
    .await;
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
    raw_insert(&mut tx, "raw_cases", 20, &b.appends, |a, c| {
        let s = &c.summary;
        a.add(s.id.as_str()).unwrap();
        a.add(s.contract_id.as_str()).unwrap();
        a.add(s.title.as_str()).unwrap();
        a.add(s.client_name.as_str()).unwrap();
        a.add(s.freelancer_name.as_str()).unwrap();
        a.add(s.ground.as_str()).unwrap();
        a.add(s.policy.as_str()).unwrap();
        a.add(s.status.as_str()).unwrap();
        a.add(s.outcome.as_deref()).unwrap();
        a.add(s.assigned_to.as_deref()).unwrap();
        a.add(s.currency.as_str()).unwrap();
        a.add(s.disputed_minor).unwrap();
        a.add(ts(&s.filed_at)).unwrap();
        a.add(s.next_due.as_ref().map(ts)).unwrap();
        a.add(s.next_clock.as_deref()).unwrap();
        a.add(s.to_freelancer_minor).unwrap();
        a.add(s.to_client_minor).unwrap();
        a.add(s.resolved_at.as_ref().map(ts)).unwrap();
        a.add(s.version).unwrap();
        a.add(s.chain_head.as_str()).unwrap();
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
    let took = start.elapsed();
    eprintln!("raw: {took:?}, cpu {:?}", cpu() - cpu0);
    drop(conn);
    store.close().await;
    remove_files(&path);
    took
}

async fn store_rate(b: ImportBatch) -> Duration {
    let path = temp_path("import");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let cases = b.appends.len() as i64;
    let variant = std::env::var("XVARIANT").unwrap_or_default();
    let mut ddl: Vec<&str> = vec![];
    if variant.contains("feedwr") {
        ddl.extend(["DROP TABLE feed_events", "CREATE TABLE feed_events (id TEXT NOT NULL UNIQUE, contract_id TEXT NOT NULL REFERENCES contracts (id), ordinal INTEGER NOT NULL CHECK (ordinal >= 1), at TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (contract_id, ordinal)) STRICT, WITHOUT ROWID"]);
    }
    if variant.contains("noidx") {
        ddl.extend(["DROP INDEX cases_by_status", "DROP INDEX cases_by_assigned_to", "DROP INDEX cases_by_next_due", "DROP INDEX cases_by_disputed", "DROP INDEX cases_by_filed_at", "DROP INDEX cases_by_contract"]);
    }
    if variant.contains("evrowid") {
        ddl.extend(["DROP TABLE case_events", "CREATE TABLE case_events (case_id TEXT NOT NULL REFERENCES cases (id), seq INTEGER NOT NULL CHECK (seq >= 1), at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)) STRICT"]);
    }
    if variant.contains("nofk") {
        ddl.extend(["DROP TABLE case_events", "CREATE TABLE case_events (case_id TEXT NOT NULL, seq INTEGER NOT NULL CHECK (seq >= 1), at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)) STRICT, WITHOUT ROWID"]);
        ddl.extend(["DROP TABLE feed_events", "CREATE TABLE feed_events (id TEXT NOT NULL PRIMARY KEY, contract_id TEXT NOT NULL, ordinal INTEGER NOT NULL CHECK (ordinal >= 1), at TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (contract_id, ordinal)) STRICT"]);
    }
    for d in ddl { sqlx::query(d).execute(store.pool()).await.unwrap(); }
    let start = Instant::now();
    let cpu0 = cpu();
    store.import(b).await.unwrap();
    let took = start.elapsed();
    eprintln!("import: {took:?}, cpu {:?}", cpu() - cpu0);
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
    let rows = b.contracts.len()
        + b.feed_events.len()
        + b.appends.len()
        + b.appends.iter().map(|a| a.events.len()).sum::<usize>();
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
