//! Case-file export (`accord export ID... --out DIR [--format bundle|json|pdf]`):
//! the record of a case for the payment system and for the arbitrator.
//!
//! - `json`: `DIR/<ID>.json`, the CASE JSON of spec/scenario.md.
//! - `bundle`: `DIR/<ID>/` with case.json, timeline.json, exhibits.json,
//!   ledger.json and manifest.json (each file's SHA-256 and size, who
//!   exported, when, the chain head and the number of events).
//! - `pdf`: `DIR/<ID>.pdf`, the readable case file.
//!
//! Who may: a supervisor or the system, any cases; a specialist, one case
//! assigned to them. Every id is checked before anything is written. File
//! names come only from case ids (sanitised); names from the feed, such as
//! attachment names, only ever appear inside files. Each file lands by
//! rename from a temporary name, so a failed export leaves nothing
//! half-written.

mod bundle;
mod casefile;
mod files;
mod pdf;
mod summary;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use accord_core::{Actor, Refusal, Rule};
use chrono::{DateTime, Utc};

use crate::view::CaseView;
use crate::{App, AppError};

pub use bundle::MANIFEST_FORMAT;
pub use files::sanitize as file_stem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bundle,
    Json,
    Pdf,
}

impl Format {
    /// The name `stem` takes in this format.
    fn file_name(self, stem: &str) -> String {
        match self {
            Format::Bundle => stem.to_string(),
            Format::Json => format!("{stem}.json"),
            Format::Pdf => format!("{stem}.pdf"),
        }
    }
}

/// Checks what the actor's role allows for a batch of `count` cases; for a
/// specialist, returns the name the case must be assigned to.
fn authorize(actor: &Actor, count: usize) -> Result<Option<&str>, AppError> {
    let refuse = |message: &str| {
        Err(AppError::Refused(Refusal::new(
            Rule::RoleForbidden,
            message,
        )))
    };
    match actor {
        Actor::Supervisor(_) | Actor::System => Ok(None),
        Actor::Specialist(name) if count == 1 => Ok(Some(name.as_str())),
        Actor::Specialist(_) => refuse("a specialist exports one case at a time, assigned to them; batches are for supervisors"),
        Actor::Platform => refuse("only a supervisor, or the specialist a case is assigned to, may export it"),
    }
}

/// Renders one case in `format` and writes it into `dir`.
fn write_case(
    dir: &files::OutDir,
    stem: &str,
    format: Format,
    view: &CaseView,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, AppError> {
    let name = format.file_name(stem);
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(view)
                .map_err(|e| AppError::Io(format!("cannot serialise case {}: {e}", view.id)))?;
            dir.write_file(&name, json.as_bytes())
        }
        Format::Pdf => dir.write_file(&name, &casefile::render(view, actor, now)),
        Format::Bundle => dir.write_dir(&name, &bundle::files(view, actor, now)?),
    }
}

impl App {
    /// Exports the cases `ids` into the folder `out` (created if missing) as
    /// of `now`, on behalf of `actor`; returns the paths written, one per
    /// case, in the order given (an id named twice is exported once).
    /// `progress(done, total)` is called after each case.
    pub async fn export(
        &self,
        ids: &[String],
        out: &Path,
        format: Format,
        actor: &Actor,
        now: DateTime<Utc>,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<Vec<PathBuf>, AppError> {
        let mut unique: Vec<&str> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(&id.as_str()) {
                unique.push(id);
            }
        }
        if unique.is_empty() {
            return Err(AppError::invalid(
                "ids",
                "ids_required",
                "name at least one case to export",
            ));
        }
        let assigned_to = authorize(actor, unique.len())?;

        // Every case exists (and, for a specialist, is theirs) before anything is written.
        for id in &unique {
            let summary = self
                .store
                .summary(id)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("no case {id}")))?;
            if let Some(name) = assigned_to {
                if summary.assigned_to.as_deref() != Some(name) {
                    return Err(AppError::Refused(Refusal::new(
                        Rule::RoleForbidden,
                        format!("case {id} is not assigned to {name}: a specialist exports only their own cases"),
                    )));
                }
            }
        }

        // Two ids must not land on one name (compared as a case-insensitive file system would).
        let stems: Vec<String> = unique.iter().map(|id| files::sanitize(id)).collect();
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (id, stem) in unique.iter().zip(&stems) {
            if let Some(other) = seen.insert(stem.to_ascii_lowercase(), id) {
                return Err(AppError::invalid(
                    "ids",
                    "name_collision",
                    format!("cases {other} and {id} would both be written as {stem}; export them separately"),
                ));
            }
        }

        let dir = files::OutDir::prepare(out)?;
        let who = actor.to_string();
        let total = unique.len();
        let mut written = Vec::with_capacity(total);
        for (i, (id, stem)) in unique.iter().zip(stems).enumerate() {
            let view = self.case(id, now).await?;
            let (dir, who) = (dir.clone(), who.clone());
            let path = tokio::task::spawn_blocking(move || {
                write_case(&dir, &stem, format, &view, &who, now)
            })
            .await
            .map_err(|e| AppError::Io(format!("export of {id} stopped: {e}")))??;
            written.push(path);
            progress(i + 1, total);
        }
        Ok(written)
    }
}
