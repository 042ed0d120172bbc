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
//!    This process is a plain sqlx program: the system allocator, SQLite's
//!    default heap.
//! 4. Prints both rates and their ratio. Accord's CLI allocates with
//!    mimalloc and its store puts SQLite on that allocator without
//!    allocation statistics (`accord-sqlite-heap`). With `--floor BIN` (the
//!    `import_floor` benchmark, which bench/import.sh passes), the same raw
//!    inserts also run in a process set up that way, and the ratio against
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
//! `--floor BIN`, `--profile`. `cargo bench` adds `--bench`, which is ignored.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[path = "raw/mod.rs"]
mod raw;

use accord_app::demo;
use accord_app::import::ImportProgress;
use accord_app::App;
use accord_core::{Actor, PolicySet};
use chrono::{DateTime, Utc};
use raw::{accord_rows, cpu_ticks, fresh, raw, Run, Table};

const GENERATED_AT: &str = "2026-11-22T06:00:00Z";

struct Args {
    cases: u32,
    accord: PathBuf,
    dir: PathBuf,
    seed: u64,
    profile: bool,
    /// Runs of each side, alternating (medians are compared).
    repeat: usize,
    /// The `import_floor` benchmark binary (the stricter raw run), if given.
    floor: Option<PathBuf>,
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "import bench: {msg}\nusage: import --accord PATH --dir DIR [--cases N] [--seed S] [--repeat N] [--floor IMPORT_FLOOR] [--profile]"
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
        floor: None,
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
            "--floor" => a.floor = Some(value("--floor").into()),
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

/// Rows per second, in integers (the workspace denies float arithmetic).
fn per_sec(count: usize, d: Duration) -> u128 {
    count as u128 * 1_000_000 / d.as_micros().max(1)
}

/// `part / whole` as a percentage with one decimal.
fn percent(part: u128, whole: u128) -> String {
    let permille = part * 1000 / whole.max(1);
    format!("{}.{} %", permille / 10, permille % 10)
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

/// The stricter floor: the same raw inserts in the `import_floor` benchmark,
/// a process set up as Accord's CLI is.
fn stricter_floor(floor: &Path, dir: &Path) -> Run {
    let out = Command::new(floor)
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
                "import_floor failed ({}):\n{text}{}",
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
    let run_floor = |times: &mut Vec<Run>| {
        if let Some(bin) = &a.floor {
            times.push(stricter_floor(bin, &a.dir));
        }
    };
    let mut floor_times = Vec::new();
    run_floor(&mut floor_times);
    for _ in 1..a.repeat {
        accord_times.push(accord_import(
            &a.accord,
            &a.dir.join("again.db"),
            &feed,
            false,
        ));
        raw_times.push(runtime.block_on(raw(&raw_db, &bare, false, &events)));
        run_floor(&mut floor_times);
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
            "runs, wall (s): accord {}   raw {}   stricter floor {}",
            list(&accord_times),
            list(&raw_times),
            list(&floor_times)
        );
    }
    let accord = median(&accord_times);
    let bare_run = median(&raw_times);
    let floor_run = (!floor_times.is_empty()).then(|| median(&floor_times));

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
    if let Some(h) = floor_run {
        println!(
            "stricter floor {:>7.2} s  {:>9} events/s{}   (raw sqlx set up as the CLI is: mimalloc, SQLite on it, no statistics)",
            secs(h.wall),
            per_sec(written, h.wall),
            cpu(h)
        );
    }
    println!(
        "ratio accord/raw: {}   (target 70 %)",
        percent(accord_rate, raw_rate)
    );
    if let Some(h) = floor_run {
        println!(
            "ratio accord/stricter floor: {}",
            percent(accord_rate, per_sec(written, h.wall))
        );
    }
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
