//! accord-app: one function per use case, used by both shells (the CLI and the
//! desktop). Each takes the acting user and the time where it decides anything,
//! and leaves every rule to accord-core.

mod background;
mod canonical;
mod chain;
mod codec;
mod error;
mod summary;

pub mod act;
pub mod demo;
pub mod export;
pub mod import;
pub mod queue;
pub mod replay;
pub mod stats;
pub mod verify;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;

use accord_core::feed::ContractHeader;
use accord_core::{CaseState, PolicySet, Recorded};
use accord_store::{CaseSummary, SqliteStore, Store, StoredEvent};
use chrono::{DateTime, Utc};

pub use error::{AppError, ErrorBody};

/// The reverse-DNS identifier the desktop app's data folder is named after.
pub const APP_IDENTIFIER: &str = "app.accord.desk";

/// The database the desktop app and the CLI use when none is named: the
/// platform's app-data folder (on Linux `$XDG_DATA_HOME/app.accord.desk`, or
/// `~/.local/share/app.accord.desk`), file `accord.db`.
pub fn default_database_path() -> PathBuf {
    let base = if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join("accord.db")
}

/// `--db` / `ACCORD_DATABASE_URL`, or the default path.
pub fn database_url(explicit: Option<&str>) -> String {
    explicit
        .map(str::to_string)
        .or_else(|| {
            std::env::var("ACCORD_DATABASE_URL")
                .ok()
                .filter(|v| !v.is_empty())
        })
        .unwrap_or_else(|| default_database_path().to_string_lossy().into_owned())
}

/// A case as read from the store: its rows, their events, and the fold.
pub struct Loaded {
    pub summary: CaseSummary,
    pub rows: Vec<StoredEvent>,
    pub events: Vec<Recorded>,
    pub state: CaseState,
}

#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    policies: PolicySet,
}

impl App {
    pub fn new(store: Arc<dyn Store>, policies: PolicySet) -> App {
        App { store, policies }
    }

    /// Opens (creating and migrating if needed) the database at `url`: a
    /// SQLite path or `sqlite:` URL.
    pub async fn open(url: &str) -> Result<App, AppError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Err(AppError::Storage(
                "PostgreSQL (team mode) is not available in this build yet; use a SQLite path"
                    .into(),
            ));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if !path.starts_with(':') {
            if let Some(dir) = std::path::Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| AppError::Io(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
        let store = SqliteStore::open(url).await?;
        Ok(App::new(Arc::new(store), PolicySet::builtin()))
    }

    /// A fresh database in memory (replays, tests).
    pub async fn in_memory() -> Result<App, AppError> {
        let store = SqliteStore::open_in_memory().await?;
        Ok(App::new(Arc::new(store), PolicySet::builtin()))
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn policies(&self) -> &PolicySet {
        &self.policies
    }

    pub async fn case_count(&self) -> Result<i64, AppError> {
        Ok(self.store.case_count().await?)
    }

    pub(crate) async fn contract_header(
        &self,
        contract_id: &str,
    ) -> Result<ContractHeader, AppError> {
        let rec = self
            .store
            .contract(contract_id)
            .await?
            .ok_or_else(|| AppError::Storage(format!("contract {contract_id} is missing")))?;
        serde_json::from_str(&rec.body)
            .map_err(|e| AppError::Storage(format!("contract {contract_id}: {e}")))
    }

    /// Reads a case and folds its log.
    pub async fn load(&self, case_id: &str) -> Result<Loaded, AppError> {
        let summary = self
            .store
            .summary(case_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no case {case_id}")))?;
        let header = self.contract_header(&summary.contract_id).await?;
        let rows = self.store.events(case_id).await?;
        let events = rows
            .iter()
            .map(codec::decode)
            .collect::<Result<Vec<_>, _>>()?;
        let state = CaseState::fold(case_id, header, &self.policies, &events);
        Ok(Loaded {
            summary,
            rows,
            events,
            state,
        })
    }

    /// The CASE JSON of one case as of `now` (reading writes nothing).
    pub async fn case(
        &self,
        case_id: &str,
        now: DateTime<Utc>,
    ) -> Result<view::CaseView, AppError> {
        let mut l = self.load(case_id).await?;
        self.apply_sibling_outcomes(&mut l.state).await?;
        Ok(view::case_view(&l.state, &l.rows, &l.events, now))
    }

    /// The ledger shown is the contract's: when another dispute on the same
    /// contract was resolved, its allocation has left escrow too. (A case's own
    /// log holds the other dispute's hold, from the feed, but not its outcome.)
    async fn apply_sibling_outcomes(&self, state: &mut CaseState) -> Result<(), AppError> {
        let contract = [state.contract.id.clone()];
        for (sibling, _) in self.store.cases_of_contracts(&contract).await? {
            if sibling == state.id {
                continue;
            }
            let Some(s) = self.store.summary(&sibling).await? else {
                continue;
            };
            if let (Some(tf), Some(tc)) = (s.to_freelancer_minor, s.to_client_minor) {
                let c = state.currency();
                state.ledger.settle(
                    c.from_minor(s.disputed_minor),
                    c.from_minor(tf),
                    c.from_minor(tc),
                );
            }
        }
        Ok(())
    }
}
