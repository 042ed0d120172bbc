//! Desk command latency (run by `bench/desk.sh`): the use cases the desk's
//! commands call, `App::queue` and `App::case`, on a large database, against
//! the raw SQL that reads the same rows through the same driver (sqlx).
//!
//! 1. Opens `--db PATH` (a demo database, e.g. `accord demo --cases 100000`).
//! 2. Makes sure one case has at least `--events N` events (default 1 000):
//!    reuses a case that has them, else appends `add_note` actions through
//!    `App::act` (as supervisor:bench) to the first case by id.
//! 3. Times, median of `--runs R` (default 31), alternating Accord and raw, after one warm-up each:
//!    - queue, first page of 200, default sort (next due, ascending), and the
//!      raw `SELECT … FROM cases WHERE next_due IS NOT NULL ORDER BY next_due,
//!      id LIMIT 201` (the store reads one more row to know if a next page
//!      exists), every column decoded;
//!    - queue, a page deep in the list (keyset cursor at the middle of the
//!      dated cases), and the raw keyset SELECT from the same cursor;
//!    - case with N events (`App::case`: summary, contract, events, decode,
//!      fold, view), and the raw `SELECT … FROM case_events WHERE case_id = ?
//!      ORDER BY seq`, every column decoded.
//! 4. Prints one tab-separated line per measure:
//!    `cmd<TAB>name<TAB>accord_ms<TAB>raw_ms<TAB>ratio<TAB>target` for the
//!    shell to put in its table.
//!
//! `cargo bench` adds `--bench`, which is ignored.

use std::time::{Duration, Instant};

use accord_app::queue::QueueQuery;
use accord_app::App;
use accord_core::action::Visibility;
use accord_core::{Action, Actor};
use accord_store::QueueCursor;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions, SqliteRow};
use sqlx::{Row, SqlitePool};

const SUMMARY_COLUMNS: &str = "id, contract_id, title, client_name, freelancer_name, \
     ground, policy, status, outcome, assigned_to, currency, disputed_minor, filed_at, next_due, \
     next_clock, to_freelancer_minor, to_client_minor, resolved_at, version, chain_head";
const EVENT_COLUMNS: &str = "case_id, seq, at, kind, actor, body, hash";
const PAGE: u32 = 200;

struct Args {
    db: String,
    events: i64,
    runs: usize,
}

fn args() -> Args {
    let mut a = Args {
        db: String::new(),
        events: 1000,
        runs: 31,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--db" => a.db = it.next().expect("--db needs a value"),
            "--events" => a.events = it.next().and_then(|v| v.parse().ok()).expect("--events N"),
            "--runs" => a.runs = it.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--bench" => {}
            other => {
                eprintln!("desk_commands: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    if a.db.is_empty() {
        eprintln!("usage: desk_commands --db PATH [--events N] [--runs R]");
        std::process::exit(2);
    }
    a
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Medians of `runs` timings of `a` and of `b`, alternating (a busy machine
/// then slows both alike), after one warm-up of each.
async fn time2<FA, FutA, TA, FB, FutB, TB>(
    runs: usize,
    mut a: FA,
    mut b: FB,
) -> (Duration, Duration)
where
    FA: FnMut() -> FutA,
    FutA: std::future::Future<Output = TA>,
    FB: FnMut() -> FutB,
    FutB: std::future::Future<Output = TB>,
{
    std::hint::black_box(a().await);
    std::hint::black_box(b().await);
    let (mut va, mut vb) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(a().await);
        va.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(b().await);
        vb.push(t.elapsed());
    }
    (median(va), median(vb))
}

/// Every column of a cases row decoded into plain values (as the store does,
/// minus its own types).
type SummaryTuple = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    String,
);

fn summary_row(r: &SqliteRow) -> SummaryTuple {
    (
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        r.get(5),
        r.get(6),
        r.get(7),
        r.get(8),
        r.get(9),
        r.get(10),
        r.get(11),
        r.get(12),
        r.get(13),
        r.get(14),
        r.get(15),
        r.get(16),
        r.get(17),
        r.get(18),
        r.get(19),
    )
}

type EventTuple = (String, i64, String, String, String, String, String);

fn event_row(r: &SqliteRow) -> EventTuple {
    (
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        r.get(5),
        r.get(6),
    )
}

async fn raw_first_page(pool: &SqlitePool) -> Vec<SummaryTuple> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases WHERE next_due IS NOT NULL \
         ORDER BY next_due ASC, id ASC LIMIT ?"
    );
    sqlx::query(&sql)
        .bind(i64::from(PAGE) + 1)
        .fetch_all(pool)
        .await
        .expect("raw first page")
        .iter()
        .map(summary_row)
        .collect()
}

async fn raw_deep_page(pool: &SqlitePool, key: &str, id: &str) -> Vec<SummaryTuple> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases WHERE next_due IS NOT NULL \
         AND (next_due, id) > (?, ?) ORDER BY next_due ASC, id ASC LIMIT ?"
    );
    sqlx::query(&sql)
        .bind(key)
        .bind(id)
        .bind(i64::from(PAGE) + 1)
        .fetch_all(pool)
        .await
        .expect("raw deep page")
        .iter()
        .map(summary_row)
        .collect()
}

async fn raw_undated_page(pool: &SqlitePool, id: &str) -> Vec<SummaryTuple> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases WHERE next_due IS NULL \
         AND id > ? ORDER BY id ASC LIMIT ?"
    );
    sqlx::query(&sql)
        .bind(id)
        .bind(i64::from(PAGE) + 1)
        .fetch_all(pool)
        .await
        .expect("raw undated page")
        .iter()
        .map(summary_row)
        .collect()
}

async fn raw_events(pool: &SqlitePool, case_id: &str) -> Vec<EventTuple> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM case_events WHERE case_id = ? ORDER BY seq");
    sqlx::query(&sql)
        .bind(case_id)
        .fetch_all(pool)
        .await
        .expect("raw events")
        .iter()
        .map(event_row)
        .collect()
}

#[allow(clippy::float_arithmetic)]
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

#[allow(clippy::float_arithmetic)]
fn line(name: &str, accord: Duration, raw: Duration, target: &str) {
    let (a, r) = (ms(accord), ms(raw));
    println!("cmd\t{name}\t{a:.2}\t{r:.2}\t{:.1}\t{target}", a / r);
}

#[tokio::main]
async fn main() {
    let a = args();
    let app = App::open(&a.db).await.expect("open the database");
    let path =
        a.db.strip_prefix("sqlite://")
            .or_else(|| a.db.strip_prefix("sqlite:"))
            .unwrap_or(&a.db);
    let path = path.split('?').next().unwrap_or(path);
    let opts = SqliteConnectOptions::new().filename(path).read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await
        .expect("raw pool");

    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&pool)
        .await
        .expect("count");

    // The case with N events.
    let existing: Option<(String, i64)> =
        sqlx::query_as("SELECT id, version FROM cases WHERE version >= ? ORDER BY id LIMIT 1")
            .bind(a.events)
            .fetch_optional(&pool)
            .await
            .expect("find a long case");
    let (case_id, version) = match existing {
        Some(c) => c,
        None => {
            let (id, version): (String, i64) =
                sqlx::query_as("SELECT id, version FROM cases ORDER BY id LIMIT 1")
                    .fetch_one(&pool)
                    .await
                    .expect("first case");
            eprintln!(
                "desk_commands: appending {} notes to {id} (has {version} events)…",
                a.events - version
            );
            let actor = Actor::Supervisor("bench".into());
            let t = Instant::now();
            for i in version..a.events {
                let action = Action::AddNote {
                    text: Some(format!("bench note {i}: the parties were called again")),
                    visibility: Visibility::Internal,
                };
                app.act(
                    &id,
                    &action,
                    &actor,
                    DateTime::<Utc>::from(std::time::SystemTime::now()),
                )
                .await
                .expect("add_note");
            }
            eprintln!("desk_commands: done in {:.1} s", t.elapsed().as_secs_f64());
            let v: i64 = sqlx::query_scalar("SELECT version FROM cases WHERE id = ?")
                .bind(&id)
                .fetch_one(&pool)
                .await
                .expect("version");
            (id, v)
        }
    };

    // The deep cursor: the middle of the dated cases, in queue order.
    let dated: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE next_due IS NOT NULL")
        .fetch_one(&pool)
        .await
        .expect("dated");
    let (key, id): (String, String) = sqlx::query_as(
        "SELECT next_due, id FROM cases WHERE next_due IS NOT NULL \
         ORDER BY next_due, id LIMIT 1 OFFSET ?",
    )
    .bind(dated / 2)
    .fetch_one(&pool)
    .await
    .expect("deep cursor");
    // The middle of the whole queue: among the cases with no running clock
    // (they come last, by id); the cursor's key is empty there.
    let undated_at = (cases / 2 - dated).max(0);
    let undated_id: String = sqlx::query_scalar(
        "SELECT id FROM cases WHERE next_due IS NULL ORDER BY id LIMIT 1 OFFSET ?",
    )
    .bind(undated_at)
    .fetch_one(&pool)
    .await
    .expect("undated cursor");
    eprintln!(
        "desk_commands: {cases} cases ({dated} with a running clock); deep pages after rows {} and {}; \
         case {case_id} has {version} events; median of {} runs",
        dated / 2 + 1,
        dated + undated_at + 1,
        a.runs
    );

    let now = DateTime::<Utc>::from(std::time::SystemTime::now());
    let first = QueueQuery {
        limit: Some(PAGE),
        ..QueueQuery::default()
    };
    let deep = QueueQuery {
        limit: Some(PAGE),
        after: Some(QueueCursor {
            key: key.clone(),
            id: id.clone(),
        }),
        ..QueueQuery::default()
    };

    // Sanity: both sides read the same rows.
    let p = app.queue(&first, now).await.expect("queue");
    let r = raw_first_page(&pool).await;
    assert_eq!(p.rows.len(), PAGE as usize);
    assert!(p.rows.iter().zip(&r).all(|(a, b)| a.id == b.0));
    let p = app.queue(&deep, now).await.expect("deep queue");
    let r = raw_deep_page(&pool, &key, &id).await;
    assert!(p.rows.iter().zip(&r).all(|(a, b)| a.id == b.0));
    let undated = QueueQuery {
        limit: Some(PAGE),
        after: Some(QueueCursor {
            key: String::new(),
            id: undated_id.clone(),
        }),
        ..QueueQuery::default()
    };
    let p = app.queue(&undated, now).await.expect("undated queue");
    let r = raw_undated_page(&pool, &undated_id).await;
    assert_eq!(p.rows.len(), PAGE as usize);
    assert!(p.rows.iter().zip(&r).all(|(a, b)| a.id == b.0));
    let c = app.case(&case_id, now).await.expect("case");
    let e = raw_events(&pool, &case_id).await;
    assert_eq!(e.len() as i64, version);
    std::hint::black_box(c);

    let runs = a.runs;
    let (qa, qr) = time2(runs, || app.queue(&first, now), || raw_first_page(&pool)).await;
    line("queue, first page of 200 (next due)", qa, qr, "-");
    let (da, dr) = time2(
        runs,
        || app.queue(&deep, now),
        || raw_deep_page(&pool, &key, &id),
    )
    .await;
    line(
        &format!("queue, page after row {} (keyset)", dated / 2 + 1),
        da,
        dr,
        "-",
    );
    let (ua, ur) = time2(
        runs,
        || app.queue(&undated, now),
        || raw_undated_page(&pool, &undated_id),
    )
    .await;
    line(
        &format!("queue, page after row {} (keyset)", dated + undated_at + 1),
        ua,
        ur,
        "-",
    );
    let (ca, cr) = time2(
        runs,
        || app.case(&case_id, now),
        || raw_events(&pool, &case_id),
    )
    .await;
    line(&format!("case open, {version} events"), ca, cr, "<= 50 ms");
}
