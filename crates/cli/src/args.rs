//! The command line's grammar (spec/cli.md). Forms are a contract: add freely,
//! change only with a deprecation.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "accord",
    version,
    about = "Accord: the escrow dispute desk, on the command line"
)]
pub struct Cli {
    /// A SQLite path or sqlite: URL (default: ACCORD_DATABASE_URL, else the desktop app's database).
    #[arg(long, global = true, value_name = "URL")]
    pub db: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a platform feed (all or nothing; importing it again changes nothing).
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List cases.
    Queue(QueueArgs),
    /// Show one case.
    Case {
        #[command(subcommand)]
        command: CaseCommand,
    },
    /// Do an action on a case, e.g. '{"type":"assign","specialist":"ana"}'.
    Act {
        id: String,
        /// specialist:NAME, supervisor:NAME or system.
        #[arg(long = "as", value_name = "ROLE:NAME")]
        actor: String,
        /// When the action happens (RFC 3339; default now).
        #[arg(long)]
        at: Option<String>,
        action_json: String,
        #[arg(long)]
        json: bool,
    },
    /// Apply every expired clock's default.
    Sweep {
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export case files.
    Export {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Bundle)]
        format: ExportFormat,
        /// The acting supervisor or specialist, for the export's record.
        #[arg(long = "as", value_name = "ROLE:NAME")]
        actor: Option<String>,
        #[arg(long)]
        at: Option<String>,
    },
    /// Figures over cases filed in a period.
    Stats {
        /// First day (YYYY-MM-DD or RFC 3339), inclusive.
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD, inclusive) or an RFC 3339 instant (exclusive).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check every audit chain (or one case's); name the first broken event.
    Verify {
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Run a scenario on a fresh in-memory database.
    Replay {
        scenario: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Generate a realistic demo database.
    ///
    /// Its first case is the walkthrough case D-501 (the spec's contract
    /// C-1001, filed an hour before --at, ready to be worked); the other
    /// cases are generated from --seed (ids D-<seed>-NNNNN). A database that
    /// already holds D-501 keeps it, and all the cases are generated.
    Demo {
        /// How many cases, the walkthrough case included.
        #[arg(long, default_value_t = 200)]
        cases: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The demo's "now" (RFC 3339; default now).
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        /// Read clocks as of this time (RFC 3339; default now).
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct QueueArgs {
    /// Only this status (repeat for several).
    #[arg(long)]
    pub status: Vec<String>,
    #[arg(long, value_name = "NAME")]
    pub assigned: Option<String>,
    #[arg(long)]
    pub unassigned: bool,
    /// Only cases with a clock past due.
    #[arg(long)]
    pub overdue: bool,
    #[arg(long)]
    pub policy: Option<String>,
    #[arg(long)]
    pub ground: Option<String>,
    /// Case id prefix or party name.
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, value_enum, default_value_t = SortArg::NextDue)]
    pub sort: SortArg,
    #[arg(long)]
    pub desc: bool,
    #[arg(long)]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    NextDue,
    Disputed,
    Filed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Bundle,
    Json,
    Pdf,
}
