//! The import benchmark's stricter floor (run by `import --floor`, which
//! bench/import.sh passes): the same raw inserts as `import`'s raw side, in
//! a process set up as Accord's CLI is: mimalloc as the global allocator,
//! and SQLite's heap on it without allocation statistics, set before
//! anything opens SQLite.
//!
//!   import_floor --dir DIR    reads DIR/accord.db, writes DIR/floor.db
//!
//! Prints `wall_micros cpu_ticks` of the timed inserts.

#[path = "raw/mod.rs"]
mod raw;

use std::path::PathBuf;

/// As the CLI (crates/cli/src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let heap = accord_sqlite_heap::configure();
    assert_eq!(
        heap,
        accord_sqlite_heap::Heap::RustGlobal,
        "nothing opened SQLite before the heap was set"
    );
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dir" => dir = args.next().map(PathBuf::from),
            "--bench" => {}
            other => {
                eprintln!("import_floor: unknown argument {other}\nusage: import_floor --dir DIR");
                std::process::exit(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: import_floor --dir DIR");
        std::process::exit(2);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let run = runtime.block_on(async {
        let (bare, _, _, tables) = raw::accord_rows(&dir.join("accord.db"), false).await;
        let events: Vec<&raw::Table> = tables.iter().collect();
        raw::raw(&dir.join("floor.db"), &bare, false, &events).await
    });
    raw::fresh(&dir.join("floor.db"));
    println!(
        "{} {}",
        run.wall.as_micros(),
        run.cpu.map(|c| c.to_string()).unwrap_or_else(|| "-".into())
    );
}
