//! Import benchmark (run by `bench/import.sh`): Accord's `accord import` of a
//! large feed against bare SQLite inserts of the same rows.
//!
//! 1. Generates the demo's feed part (`accord_app::demo`, no desk actions)
//!    for N contracts (one dispute each) into `DIR/feed.json`.
//! 2. Runs `ACCORD --db DIR/accord.db import DIR/feed.json` on a fresh file
//!    and times it (wall clock: start, read, parse, plan, encode, write, exit).
//! 3. Reads back the `feed_events` and `case_events` rows Accord wrote and
//!    inserts the same rows into bare tables (primary keys only, same column
//!    types, same table options) of another fresh file through the same
//!    driver (sqlx), with the store's PRAGMAs (WAL, synchronous=NORMAL, same
//!    cache), in batched multi-row INSERTs in one transaction; times that
//!    (commit and close included, as the CLI's exit closes Accord's pool).
//! 4. Prints both rates and their ratio. Accord's CLI allocates with
//!    mimalloc and its store puts SQLite on that allocator without
//!    allocation statistics (`accord-sqlite-heap`); plain sqlx keeps SQLite's
//!    default heap. So the same raw inserts also run in a child process of
//!    this benchmark (which also allocates with mimalloc) that sets SQLite's
//!    heap as Accord's store does (`--raw-child`), and the ratio against
//!    that stricter floor is printed too. With `--profile` it also imports the
//!    file in-process and times each stage (read; parse, plan and write,
//!    streamed; the rest of the write), and inserts all of Accord's rows (contracts and cases
//!    too) into a copy of Accord's own schema the same raw way, with foreign
//!    keys on and off and without the secondary indexes: what the schema
//!    costs, apart from the code.
//!
//! Arguments: `--cases N` (default 100000), `--accord PATH` (the release
//! binary), `--dir DIR` (work folder), `--seed S`, `--repeat N` (runs of each
//! side, alternating; their medians are compared: for a busy machine),
//! `--profile`. `cargo bench` adds `--bench`, which is ignored.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use accord_app::demo;

/// As the CLI (crates/cli/src/main.rs), so that the stricter raw run's SQLite
/// allocates as Accord's does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use accord_app::import::ImportProgress;
use accord_app::App;
use accord_core::{Actor, PolicySet};
use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Arguments, Connection, Row, SqliteConnection, TypeInfo, ValueRef};

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
    /// Runs of each side, alternating (medians are compared).
    repeat: usize,
    /// Child mode: only the raw inserts, with SQLite's heap set as Accord's
    /// store sets it; prints the run on stdout.
    raw_child: bool,
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "import bench: {msg}\nusage: import --accord PATH --dir DIR [--cases N] [--seed S] [--repeat N] [--profile]"
    );
    std::process::exit(2)
}

fn args() -> Args {
    let mut a = Args {
        cases: 100_000,
        accord: PathBuf::new(),
        dir: PathBuf::new(),
        seed: 20_261_122,
        profile: false,
        repeat: 1,
        raw_child: false,
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
            "--repeat" => {
                a.repeat = value("--repeat")
                    .parse()
                    .ok()
                    .filter(|r| *r >= 1)
                    .unwrap_or_else(|| usage("--repeat N (at least 1)"))
            }
            "--raw-child" => a.raw_child = true,
            "--bench" => {}
            other => usage(&format!("unknown argument {other}")),
        }
    }
    if a.raw_child && !a.dir.as_os_str().is_empty() {
        return a;
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

/// Rows per second, in integers (the workspace denies float arithmetic).
fn per_sec(count: usize, d: Duration) -> u128 {
    count as u128 * 1_000_000 / d.as_micros().max(1)
}

/// `part / whole` as a percentage with one decimal.
fn percent(part: u128, whole: u128) -> String {
    let permille = part * 1000 / whole.max(1);
    format!("{}.{} %", permille / 10, permille % 10)
}

/// Removes the database at `path`, then flushes every file written so far
/// (`sync`), so that the kernel's writeback of an earlier run does not land
/// in the next one's time, whichever side that is.
fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let _ = Command::new("sync").status();
}

/// Writes the feed as JSON, ten thousand contracts at a time. Returns the
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

/// A column value as read back and bound again.
enum Value {
    Text(String),
    Int(i64),
    Null,
}

/// A table's rows, in the order Accord wrote them.
struct Table {
    name: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

fn value(r: &SqliteRow, i: usize) -> Value {
    let raw = r.try_get_raw(i).expect("a column");
    if raw.is_null() {
        return Value::Null;
    }
    match raw.type_info().name() {
        "INTEGER" => Value::Int(r.get(i)),
        _ => Value::Text(r.get(i)),
    }
}

/// Every row of Accord's `table`, by rowid (or primary key, without one).
async fn read_table(conn: &mut SqliteConnection, name: &'static str) -> Table {
    let sql: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(name)
            .fetch_one(&mut *conn)
            .await
            .expect("Accord's schema");
    let order = if sql.to_uppercase().contains("WITHOUT ROWID") {
        ""
    } else {
        " ORDER BY rowid"
    };
    let rows = sqlx::query(&format!("SELECT * FROM {name}{order}"))
        .fetch_all(&mut *conn)
        .await
        .expect("read back");
    let columns: Vec<String> = match rows.first() {
        Some(r) => r
            .columns()
            .iter()
            .map(|c| sqlx::Column::name(c).to_string())
            .collect(),
        None => Vec::new(),
    };
    let rows = rows
        .iter()
        .map(|r| (0..columns.len()).map(|i| value(r, i)).collect())
        .collect();
    Table {
        name,
        columns,
        rows,
    }
}

/// Bare tables: Accord's columns, types, primary keys and table options
/// (STRICT, WITHOUT ROWID), nothing else: no other index, no foreign key,
/// no check, no trigger.
async fn bare_ddl(conn: &mut SqliteConnection) -> String {
    let options = |sql: &str| {
        let upper = sql.to_uppercase();
        match (upper.contains("STRICT"), upper.contains("WITHOUT ROWID")) {
            (true, true) => "STRICT, WITHOUT ROWID",
            (true, false) => "STRICT",
            (false, true) => "WITHOUT ROWID",
            (false, false) => "",
        }
    };
    let mut ddl = String::new();
    for (table, columns) in [
        (
            "feed_events",
            "id TEXT NOT NULL PRIMARY KEY, contract_id TEXT NOT NULL, ordinal INTEGER NOT NULL, \
             at TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL",
        ),
        (
            "case_events",
            "case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, \
             actor TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)",
        ),
    ] {
        let sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(table)
            .fetch_one(&mut *conn)
            .await
            .expect("Accord's schema");
        ddl.push_str(&format!("CREATE TABLE {table} ({columns}) {};\n", options(&sql)));
    }
    ddl
}

/// Accord's own schema (tables, indexes, triggers), optionally without the
/// secondary indexes.
async fn accord_ddl(conn: &mut SqliteConnection, with_indexes: bool) -> String {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY rowid",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("Accord's schema");
    rows.into_iter()
        .filter(|(kind, _)| with_indexes || kind != "index")
        .map(|(_, sql)| format!("{sql};\n"))
        .collect()
}

async fn insert(conn: &mut SqliteConnection, table: &Table) {
    let n = table.columns.len();
    if table.rows.is_empty() {
        return;
    }
    let per = MAX_VARIABLES / n;
    let one = format!("({})", vec!["?"; n].join(","));
    let head = format!(
        "INSERT INTO {} ({}) VALUES ",
        table.name,
        table.columns.join(", ")
    );
    let sql = |rows: usize| {
        let mut s = head.clone();
        s.push_str(&vec![one.as_str(); rows].join(","));
        s
    };
    let full = sql(per);
    for chunk in table.rows.chunks(per) {
        let mut args = SqliteArguments::default();
        for row in chunk {
            for v in row {
                match v {
                    Value::Text(s) => args.add(s.as_str()).unwrap(),
                    Value::Int(i) => args.add(*i).unwrap(),
                    Value::Null => args.add(Option::<i64>::None).unwrap(),
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

/// A timed run: wall clock, and CPU time in ticks where known.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Option<u64>,
}

/// Inserts `tables` into a fresh file with `ddl`, timed from BEGIN to the
/// pool closed.
async fn raw(path: &Path, ddl: &str, foreign_keys: bool, tables: &[&Table]) -> Run {
    fresh(path);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options(path).foreign_keys(foreign_keys))
        .await
        .expect("open a raw database");
    sqlx::raw_sql(ddl).execute(&pool).await.expect("raw schema");
    let before = cpu_ticks();
    let t = Instant::now();
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .unwrap();
    for table in tables {
        insert(&mut conn, table).await;
    }
    sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();
    drop(conn);
    pool.close().await;
    let wall = t.elapsed();
    let cpu = before.zip(cpu_ticks()).map(|((s0, _), (s1, _))| s1 - s0);
    Run { wall, cpu }
}

/// `accord import` in-process, with the time of each stage from its progress reports.
async fn profile_import(feed: &Path, db: &Path, now: DateTime<Utc>) {
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
    drop(app);
    let total = t0.elapsed();
    let marks = marks.into_inner().unwrap();
    let at = |name: &str| marks.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    println!("profile: the same import in-process, by stage");
    println!("  read file                  {:>7.2} s", secs(t_read - t0));
    if let (Some(c), Some(w), Some(d)) = (at("planned"), at("writing"), at("written")) {
        println!(
            "  parse, plan and write      {:>7.2} s   (streamed: parts of {} contracts planned and written while the next are parsed)",
            secs(c - t_read),
            accord_app::import::STREAMED_PART
        );
        println!(
            "  write of the rest          {:>7.2} s   (and commit)",
            secs(d - w)
        );
        println!(
            "  free + close               {:>7.2} s",
            secs(total - (d - t0))
        );
    }
    println!("  total                      {:>7.2} s", secs(total));
}

/// CPU time used so far by this process and by its waited-for children, in
/// clock ticks of 1/100 s (Linux's USER_HZ), from /proc/self/stat; None
/// elsewhere. A busy machine stretches wall-clock times; CPU times much less.
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<u64> = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .skip(11)
        .take(4)
        .filter_map(|f| f.parse().ok())
        .collect();
    match fields[..] {
        [utime, stime, cutime, cstime] => Some((utime + stime, cutime + cstime)),
        _ => None,
    }
}

fn ticks(t: u64) -> String {
    format!("{}.{:02} s", t / 100, t % 100)
}

/// The run of median wall time, and the median CPU time.
fn median(v: &[Run]) -> Run {
    let mut walls: Vec<Duration> = v.iter().map(|r| r.wall).collect();
    walls.sort();
    let mut cpus: Vec<u64> = v.iter().filter_map(|r| r.cpu).collect();
    cpus.sort();
    Run {
        wall: walls[walls.len() / 2],
        cpu: (cpus.len() == v.len()).then(|| cpus[cpus.len() / 2]),
    }
}

/// Reads back the event rows Accord wrote: `feed_events` and `case_events`
/// (every table with `profile`), with the bare and Accord DDL.
async fn accord_rows(accord_db: &Path, profile: bool) -> (String, String, String, Vec<Table>) {
    let mut conn = SqliteConnection::connect_with(&options(accord_db).read_only(true))
        .await
        .expect("open Accord's database");
    let bare = bare_ddl(&mut conn).await;
    let full = accord_ddl(&mut conn, true).await;
    let no_index = accord_ddl(&mut conn, false).await;
    let mut tables = Vec::new();
    for name in ["contracts", "feed_events", "cases", "case_events"] {
        if name == "feed_events" || name == "case_events" || profile {
            tables.push(read_table(&mut conn, name).await);
        }
    }
    conn.close().await.ok();
    (bare, full, no_index, tables)
}

/// `--raw-child`: sets SQLite's heap as Accord's store does (before anything
/// opens SQLite in this process), then times the same raw inserts and
/// prints `wall_micros cpu_ticks`.
fn raw_child(dir: &Path) {
    let heap = accord_sqlite_heap::configure();
    assert_eq!(
        heap,
        accord_sqlite_heap::Heap::RustGlobal,
        "nothing opened SQLite before the heap was set"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let run = runtime.block_on(async {
        let (bare, _, _, tables) = accord_rows(&dir.join("accord.db"), false).await;
        let events: Vec<&Table> = tables.iter().collect();
        raw(&dir.join("raw-heap.db"), &bare, false, &events).await
    });
    fresh(&dir.join("raw-heap.db"));
    println!(
        "{} {}",
        run.wall.as_micros(),
        run.cpu.map(|c| c.to_string()).unwrap_or_else(|| "-".into())
    );
}

/// Runs `raw_child` in a child process of this benchmark.
fn raw_on_accords_heap(dir: &Path) -> Run {
    let out = Command::new(std::env::current_exe().expect("this benchmark's path"))
        .arg("--raw-child")
        .arg("--dir")
        .arg(dir)
        .output()
        .expect("run the raw child");
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    match (out.status.success(), &fields[..]) {
        (true, [wall, cpu]) => Run {
            wall: Duration::from_micros(wall.parse().expect("wall micros")),
            cpu: cpu.parse().ok(),
        },
        _ => {
            eprintln!(
                "raw child failed ({}):\n{text}{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            std::process::exit(1);
        }
    }
}

/// `accord --db DB import FEED` on a fresh file, timed.
fn accord_import(accord: &Path, db: &Path, feed: &Path, show: bool) -> Run {
    fresh(db);
    let before = cpu_ticks();
    let t = Instant::now();
    let out = Command::new(accord)
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(feed)
        .output()
        .expect("run accord");
    let took = t.elapsed();
    if !out.status.success() {
        eprintln!(
            "accord import failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(1);
    }
    if show {
        println!("accord: {}", String::from_utf8_lossy(&out.stdout).trim());
    }
    let cpu = before.zip(cpu_ticks()).map(|((_, c0), (_, c1))| c1 - c0);
    Run { wall: took, cpu }
}

fn main() {
    let a = args();
    if a.raw_child {
        raw_child(&a.dir);
        return;
    }
    std::fs::create_dir_all(&a.dir).expect("create the work folder");
    let feed = a.dir.join("feed.json");
    let accord_db = a.dir.join("accord.db");
    let raw_db = a.dir.join("raw.db");
    let now: DateTime<Utc> = DateTime::from_str(GENERATED_AT).unwrap();

    let t = Instant::now();
    let feed_events = write_feed(&feed, a.cases, a.seed, now);
    let size = std::fs::metadata(&feed).map(|m| m.len()).unwrap_or(0);
    println!(
        "feed: {} contracts, {feed_events} events, {} MB (generated in {:.1} s)",
        a.cases,
        size / 1_000_000,
        secs(t.elapsed())
    );

    let mut accord_times = vec![accord_import(&a.accord, &accord_db, &feed, true)];

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (bare, accord_full, accord_no_index, tables) =
        runtime.block_on(accord_rows(&accord_db, a.profile));
    let events: Vec<&Table> = tables
        .iter()
        .filter(|t| t.name.ends_with("events"))
        .collect();
    let written: usize = events.iter().map(|t| t.rows.len()).sum();
    let mut raw_times = vec![runtime.block_on(raw(&raw_db, &bare, false, &events))];
    let mut heap_times = vec![raw_on_accords_heap(&a.dir)];
    for _ in 1..a.repeat {
        accord_times.push(accord_import(
            &a.accord,
            &a.dir.join("again.db"),
            &feed,
            false,
        ));
        raw_times.push(runtime.block_on(raw(&raw_db, &bare, false, &events)));
        heap_times.push(raw_on_accords_heap(&a.dir));
    }
    fresh(&a.dir.join("again.db"));
    if a.repeat > 1 {
        let list = |v: &[Run]| {
            v.iter()
                .map(|r| format!("{:.2}", secs(r.wall)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!(
            "runs, wall (s): accord {}   raw {}   raw on Accord's SQLite heap {}",
            list(&accord_times),
            list(&raw_times),
            list(&heap_times)
        );
    }
    let accord = median(&accord_times);
    let bare_run = median(&raw_times);
    let heap_run = median(&heap_times);

    let accord_rate = per_sec(written, accord.wall);
    let raw_rate = per_sec(written, bare_run.wall);
    println!(
        "rows: {written} events ({feed_events} feed_events + {} case_events)",
        written - feed_events
    );
    let cpu = |r: Run| {
        r.cpu
            .map(|c| format!("   (CPU {})", ticks(c)))
            .unwrap_or_default()
    };
    println!(
        "accord import  {:>7.2} s  {:>9} events/s   ({} feed events/s){}",
        secs(accord.wall),
        accord_rate,
        per_sec(feed_events, accord.wall),
        cpu(accord)
    );
    println!(
        "raw sqlx       {:>7.2} s  {:>9} events/s{}",
        secs(bare_run.wall),
        raw_rate,
        cpu(bare_run)
    );
    println!(
        "raw sqlx, SQLite on Accord's heap (mimalloc, no statistics), the stricter floor\n               {:>7.2} s  {:>9} events/s{}",
        secs(heap_run.wall),
        per_sec(written, heap_run.wall),
        cpu(heap_run)
    );
    println!(
        "ratio accord/raw: {}   (target 70 %)",
        percent(accord_rate, raw_rate)
    );
    println!(
        "ratio accord/raw on Accord's SQLite heap (stricter): {}",
        percent(accord_rate, per_sec(written, heap_run.wall))
    );
    if let (Some(ac), Some(rc)) = (accord.cpu, bare_run.cpu) {
        println!(
            "ratio by CPU time (raw CPU / accord CPU): {}",
            percent(rc as u128, ac as u128)
        );
    }

    if a.profile {
        let all: Vec<&Table> = tables.iter().collect();
        let rows: usize = all.iter().map(|t| t.rows.len()).sum();
        println!("profile: all of Accord's rows ({rows}: contracts, feed_events, cases, case_events), raw inserts");
        for (label, ddl, keys) in [
            ("Accord's schema, foreign keys on ", &accord_full, true),
            ("Accord's schema, foreign keys off", &accord_full, false),
            ("no secondary indexes, keys off   ", &accord_no_index, false),
        ] {
            let r = runtime.block_on(raw(&a.dir.join("schema.db"), ddl, keys, &all));
            println!("  {label}  {:>7.2} s{}", secs(r.wall), cpu(r));
        }
        fresh(&a.dir.join("schema.db"));
        drop(tables);
        runtime.block_on(profile_import(&feed, &a.dir.join("profile.db"), now));
        fresh(&a.dir.join("profile.db"));
    }
}
