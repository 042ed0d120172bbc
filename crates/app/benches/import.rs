//! Import benchmark (run by `bench/import.sh`): Accord's `accord import` of a
//! large feed against bare SQLite inserts of the same rows.
//!
//! 1. Generates the demo's feed part (`accord_app::demo`, no desk actions)
//!    for N contracts (one dispute each) into `DIR/feed.json`.
//! 2. Runs `ACCORD --db DIR/accord.db import DIR/feed.json` in a fresh file
//!    and times it (wall clock: start, read, parse, plan, encode, write, exit).
//! 3. Reads back the `feed_events` and `case_events` rows Accord wrote and
//!    inserts the same rows into bare tables (primary keys only, same column
//!    types) of another fresh file through the same driver (sqlx), with the
//!    store's PRAGMAs (WAL, synchronous=NORMAL, same cache), in batched
//!    multi-row INSERTs in one transaction; times that (commit and close
//!    included).
//! 4. Prints both rates and their ratio; with `--profile`, also imports the
//!    file in-process and shows where the time goes (read, parse, plan and
//!    encode, write).
//!
//! Arguments: `--cases N` (default 100000), `--accord PATH` (the release
//! binary), `--dir DIR` (work folder), `--seed S`, `--profile`. `cargo bench`
//! adds `--bench`, which is ignored.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use accord_app::demo;
use accord_app::import::ImportProgress;
use accord_app::App;
use accord_core::{Actor, PolicySet};
use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Arguments, Connection, Row, SqliteConnection};

/// The store's per-statement limit on bound values (SQLITE_MAX_VARIABLE_NUMBER).
const MAX_VARIABLES: usize = 32_766;
/// As the store's `cache_size` (KiB).
const CACHE_KIB: i64 = 64 * 1024;
const GENERATED_AT: &str = "2026-11-22T06:00:00Z";

struct Args {
    cases: u32,
    accord: PathBuf,
    dir: PathBuf,
    seed: u64,
    profile: bool,
}

fn usage(msg: &str) -> ! {
    eprintln!("import bench: {msg}\nusage: import --accord PATH --dir DIR [--cases N] [--seed S] [--profile]");
    std::process::exit(2)
}

fn args() -> Args {
    let mut a = Args {
        cases: 100_000,
        accord: PathBuf::new(),
        dir: PathBuf::new(),
        seed: 20_261_122,
        profile: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .unwrap_or_else(|| usage(&format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--cases" => {
                a.cases = value("--cases")
                    .parse()
                    .unwrap_or_else(|_| usage("--cases N"))
            }
            "--seed" => {
                a.seed = value("--seed")
                    .parse()
                    .unwrap_or_else(|_| usage("--seed S"))
            }
            "--accord" => a.accord = value("--accord").into(),
            "--dir" => a.dir = value("--dir").into(),
            "--profile" => a.profile = true,
            "--bench" => {}
            other => usage(&format!("unknown argument {other}")),
        }
    }
    if a.accord.as_os_str().is_empty() || a.dir.as_os_str().is_empty() {
        usage("--accord and --dir are required");
    }
    if a.cases == 0 {
        usage("--cases must be at least 1");
    }
    a
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Events per second, in integers (the workspace denies float arithmetic).
fn per_sec(count: usize, d: Duration) -> u128 {
    count as u128 * 1_000_000 / d.as_micros().max(1)
}

fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Writes the feed as JSON, a chunk of contracts at a time. Returns the
/// number of feed events.
fn write_feed(path: &Path, cases: u32, seed: u64, now: DateTime<Utc>) -> usize {
    let policies = PolicySet::builtin();
    let file = std::fs::File::create(path).expect("create the feed file");
    let mut out = BufWriter::with_capacity(1 << 20, file);
    write!(
        out,
        "{{\"format\":\"accord.feed/1\",\"generated_at\":\"{GENERATED_AT}\",\"contracts\":["
    )
    .unwrap();
    let mut events = 0;
    let mut first = true;
    let mut start = 1u32;
    while start <= cases {
        let end = cases.min(start + 9_999);
        let contracts =
            demo::contracts(seed, start..end + 1, now, &policies).expect("the demo generator");
        for c in &contracts {
            if !first {
                out.write_all(b",").unwrap();
            }
            first = false;
            events += c.events.len();
            serde_json::to_writer(&mut out, c).expect("contracts serialize");
        }
        start = end + 1;
    }
    out.write_all(b"]}").unwrap();
    out.flush().unwrap();
    events
}

fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .pragma("cache_size", (-CACHE_KIB).to_string())
        .pragma("temp_store", "MEMORY")
}

/// One row of either table, as the raw insert binds it (7 text/integer columns).
enum Value {
    Text(String),
    Int(i64),
}

struct Rows {
    feed_events: Vec<[Value; 7]>,
    case_events: Vec<[Value; 7]>,
}

fn row7(r: &SqliteRow, int_col: usize) -> [Value; 7] {
    std::array::from_fn(|i| {
        if i == int_col {
            Value::Int(r.get(i))
        } else {
            Value::Text(r.get(i))
        }
    })
}

/// Whether Accord's table is `WITHOUT ROWID` (the raw table then is too).
async fn without_rowid(conn: &mut SqliteConnection, table: &str) -> bool {
    let sql: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(table)
            .fetch_one(&mut *conn)
            .await
            .expect("Accord's schema");
    sql.to_uppercase().contains("WITHOUT ROWID")
}

struct Schema {
    feed_without_rowid: bool,
    case_without_rowid: bool,
}

impl Schema {
    /// Bare tables: Accord's columns and types and primary keys, nothing else.
    fn raw_ddl(&self) -> String {
        let opts = |w: bool| if w { "STRICT, WITHOUT ROWID" } else { "STRICT" };
        format!(
            "CREATE TABLE feed_events (
                id TEXT NOT NULL PRIMARY KEY, contract_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
                at TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL
            ) {};
            CREATE TABLE case_events (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL,
                actor TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) {};",
            opts(self.feed_without_rowid),
            opts(self.case_without_rowid)
        )
    }
}

async fn read_back(path: &Path) -> (Rows, Schema) {
    let mut conn = SqliteConnection::connect_with(&options(path).read_only(true))
        .await
        .expect("open Accord's database");
    let schema = Schema {
        feed_without_rowid: without_rowid(&mut conn, "feed_events").await,
        case_without_rowid: without_rowid(&mut conn, "case_events").await,
    };
    // In the order Accord wrote them.
    let feed_order = if schema.feed_without_rowid {
        "id"
    } else {
        "rowid"
    };
    let case_order = if schema.case_without_rowid {
        "case_id, seq"
    } else {
        "rowid"
    };
    let feed_events = sqlx::query(&format!(
        "SELECT id, contract_id, ordinal, at, kind, digest, body FROM feed_events ORDER BY {feed_order}"
    ))
    .fetch_all(&mut conn)
    .await
    .expect("read feed_events")
    .iter()
    .map(|r| row7(r, 2))
    .collect();
    let case_events = sqlx::query(&format!(
        "SELECT case_id, seq, at, kind, actor, body, hash FROM case_events ORDER BY {case_order}"
    ))
    .fetch_all(&mut conn)
    .await
    .expect("read case_events")
    .iter()
    .map(|r| row7(r, 1))
    .collect();
    conn.close().await.ok();
    (
        Rows {
            feed_events,
            case_events,
        },
        schema,
    )
}

async fn insert(conn: &mut SqliteConnection, head: &str, rows: &[[Value; 7]]) {
    let per = MAX_VARIABLES / 7;
    let sql = |n: usize| {
        let mut s = String::from(head);
        for i in 0..n {
            s.push_str(if i == 0 {
                "(?,?,?,?,?,?,?)"
            } else {
                ",(?,?,?,?,?,?,?)"
            });
        }
        s
    };
    let full = sql(per);
    for chunk in rows.chunks(per) {
        let mut args = SqliteArguments::default();
        for row in chunk {
            for v in row {
                match v {
                    Value::Text(s) => args.add(s.as_str()).unwrap(),
                    Value::Int(i) => args.add(*i).unwrap(),
                }
            }
        }
        let partial;
        let text = if chunk.len() == per {
            &full
        } else {
            partial = sql(chunk.len());
            &partial
        };
        sqlx::query_with(text, args)
            .persistent(chunk.len() == per)
            .execute(&mut *conn)
            .await
            .expect("raw insert");
    }
}

/// The raw insert, timed from BEGIN to the pool closed (as the CLI's exit closes Accord's).
async fn raw(path: &Path, rows: &Rows, schema: &Schema) -> Duration {
    fresh(path);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options(path))
        .await
        .expect("open raw db");
    sqlx::raw_sql(&schema.raw_ddl())
        .execute(&pool)
        .await
        .expect("raw schema");
    let t = Instant::now();
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .unwrap();
    insert(
        &mut conn,
        "INSERT INTO feed_events (id, contract_id, ordinal, at, kind, digest, body) VALUES ",
        &rows.feed_events,
    )
    .await;
    insert(
        &mut conn,
        "INSERT INTO case_events (case_id, seq, at, kind, actor, body, hash) VALUES ",
        &rows.case_events,
    )
    .await;
    sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();
    drop(conn);
    pool.close().await;
    t.elapsed()
}

/// `accord import` in-process, with the time of each stage from its progress reports.
async fn profile(feed: &Path, db: &Path, now: DateTime<Utc>) {
    fresh(db);
    let app = App::open(db.to_str().unwrap()).await.expect("open");
    let marks: Mutex<Vec<(&'static str, Instant)>> = Mutex::new(Vec::new());
    let t0 = Instant::now();
    let bytes = std::fs::read(feed).unwrap();
    let t_read = Instant::now();
    app.import(&bytes, &Actor::System, now, &|p| {
        let stage = match p {
            ImportProgress::Parsed { .. } => "parsed",
            ImportProgress::Checked { done, total } if done == total => "planned",
            ImportProgress::Writing { .. } => "writing",
            ImportProgress::Done => "written",
            _ => return,
        };
        marks.lock().unwrap().push((stage, Instant::now()));
    })
    .await
    .expect("in-process import");
    drop(bytes);
    app.store().case_count().await.ok();
    drop(app);
    let total = t0.elapsed();
    let marks = marks.into_inner().unwrap();
    let at = |name: &str| marks.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    println!("profile (in-process import, same file):");
    println!("  read file        {:>8.2} s", secs(t_read - t0));
    if let (Some(p), Some(c), Some(w), Some(d)) =
        (at("parsed"), at("planned"), at("writing"), at("written"))
    {
        println!("  parse            {:>8.2} s", secs(p - t_read));
        println!("  plan + encode    {:>8.2} s   (checks, canonical JSON, SHA-256 digests and chain, summaries)", secs(c - p));
        println!(
            "  store write      {:>8.2} s   (one transaction)",
            secs(d - w)
        );
    }
    println!("  total            {:>8.2} s", secs(total));
}

fn main() {
    let a = args();
    std::fs::create_dir_all(&a.dir).expect("create the work folder");
    let feed = a.dir.join("feed.json");
    let accord_db = a.dir.join("accord.db");
    let raw_db = a.dir.join("raw.db");
    let now: DateTime<Utc> = DateTime::from_str(GENERATED_AT).unwrap();

    let t = Instant::now();
    let feed_events = write_feed(&feed, a.cases, a.seed, now);
    let size = std::fs::metadata(&feed).map(|m| m.len()).unwrap_or(0);
    println!(
        "feed: {} contracts, {feed_events} events, {} MB, generated in {:.1} s",
        a.cases,
        size / 1_000_000,
        secs(t.elapsed())
    );

    fresh(&accord_db);
    let t = Instant::now();
    let out = Command::new(&a.accord)
        .arg("--db")
        .arg(&accord_db)
        .arg("import")
        .arg(&feed)
        .output()
        .expect("run accord");
    let accord_time = t.elapsed();
    if !out.status.success() {
        eprintln!(
            "accord import failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(1);
    }
    println!(
        "accord import: {}",
        String::from_utf8_lossy(&out.stdout).trim()
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (rows, schema) = runtime.block_on(read_back(&accord_db));
    let written = rows.feed_events.len() + rows.case_events.len();
    let raw_time = runtime.block_on(raw(&raw_db, &rows, &schema));
    drop(rows);

    let accord_rate = per_sec(written, accord_time);
    let raw_rate = per_sec(written, raw_time);
    println!(
        "rows: {written} ({feed_events} feed_events + {} case_events)",
        written - feed_events
    );
    println!(
        "accord import  {:>8.2} s  {:>10} events/s  ({} feed events/s)",
        secs(accord_time),
        accord_rate,
        per_sec(feed_events, accord_time)
    );
    println!(
        "raw sqlx       {:>8.2} s  {:>10} events/s",
        secs(raw_time),
        raw_rate
    );
    let permille = accord_rate * 1000 / raw_rate.max(1);
    println!(
        "ratio accord/raw: {}.{} %  (target: 70 %)",
        permille / 10,
        permille % 10
    );

    if a.profile {
        runtime.block_on(profile(&feed, &a.dir.join("profile.db"), now));
    }
}
