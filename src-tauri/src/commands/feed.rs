//! Long work with progress over a channel: importing a feed file and creating
//! demo data.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use accord_app::demo::DemoReport;
use accord_app::import::{ImportProgress, ImportReport};
use accord_app::AppError;
use accord_core::Actor;
use chrono::Utc;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::error::CommandError;
use crate::AppState;

/// Demo progress: cases written so far of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DemoProgress {
    pub done: usize,
    pub total: usize,
}

pub const MAX_DEMO_CASES: i64 = 200_000;

/// Passes on at most about 200 steps of `done` out of `total` (and the last):
/// each message is a script evaluated in the webview.
struct Throttle(AtomicUsize);

impl Throttle {
    fn new() -> Throttle {
        Throttle(AtomicUsize::new(0))
    }
    fn pass(&self, done: usize, total: usize) -> bool {
        let step = (total / 200).max(1);
        let last = self.0.load(Ordering::Relaxed);
        if done >= total || done >= last + step {
            self.0.store(done, Ordering::Relaxed);
            return true;
        }
        false
    }
}

/// Asks for a feed file in a native dialog (from Rust: the window has no
/// dialog API), or takes `ACCORD_DIALOG_FILE` (read at start; e2e's seam).
async fn choose_feed<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
) -> Result<Option<PathBuf>, AppError> {
    if let Some(path) = &state.dialog_file {
        return Ok(Some(path.clone()));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Import a platform feed")
        .add_filter("Accord feed (JSON)", &["json"])
        .pick_file(move |file| {
            let _ = tx.send(file);
        });
    let Ok(Some(file)) = rx.await else {
        return Ok(None);
    };
    file.into_path()
        .map(Some)
        .map_err(|e| AppError::Io(format!("the chosen file has no local path: {e}")))
}

/// Imports a feed file chosen in a dialog; `null` when the dialog is cancelled.
#[tauri::command]
pub async fn import_feed<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_progress: Channel<ImportProgress>,
) -> Result<Option<ImportReport>, CommandError> {
    let Some(path) = choose_feed(&app, &state).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let bytes = tauri::async_runtime::spawn_blocking(move || std::fs::read(path))
        .await
        .map_err(|e| AppError::Io(e.to_string()))?
        .map_err(|e| AppError::Io(format!("cannot read {shown}: {e}")))?;
    let actor = state.profile.get().map_or(Actor::System, |p| p.actor());
    let throttle = Throttle::new();
    let progress = |p: ImportProgress| {
        if let ImportProgress::Checked { done, total } = p {
            if !throttle.pass(done, total) {
                return;
            }
        }
        let _ = on_progress.send(p);
    };
    let report = state
        .app
        .import_owned(bytes, &actor, Utc::now(), &progress)
        .await?;
    Ok(Some(report))
}

/// Creates `cases` demo cases (seed 1) as of now.
#[tauri::command]
pub async fn create_demo(
    state: State<'_, AppState>,
    cases: i64,
    on_progress: Channel<DemoProgress>,
) -> Result<DemoReport, CommandError> {
    let cases = u32::try_from(cases)
        .ok()
        .filter(|n| (1..=MAX_DEMO_CASES).contains(&i64::from(*n)))
        .ok_or_else(|| {
            AppError::invalid(
                "$.cases",
                "invalid_cases",
                format!("a demo has 1 to {MAX_DEMO_CASES} cases, not {cases}"),
            )
        })?;
    let throttle = Throttle::new();
    let progress = |done: usize, total: usize| {
        if throttle.pass(done, total) {
            let _ = on_progress.send(DemoProgress { done, total });
        }
    };
    Ok(state.app.demo(cases, 1, Utc::now(), &progress).await?)
}
