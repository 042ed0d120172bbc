//! `accord`: the desk without the window (spec/cli.md).
//!
//! Exit codes: 0 done; 1 refused by a rule or invalid input; 2 usage; 3
//! storage or IO failure (a broken audit chain included). Errors go to stderr,
//! data to stdout.

mod args;
mod output;
mod progress;
mod run;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: an import of a large feed
/// allocates and frees millions of short strings on several threads, which
/// glibc's allocator serves at about a sixth of the import's CPU time.
/// SQLite allocates through it too (the store sets that up:
/// `accord-sqlite-heap`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(3);
        }
    };
    match runtime.block_on(run::run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
