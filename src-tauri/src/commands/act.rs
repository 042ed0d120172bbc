//! Acting on cases as the saved profile, at the desk's clock.

use accord_app::act::{ActResult, PreviewEvent, SweepReport};
use accord_core::Action;
use chrono::Utc;
use serde_json::Value;
use tauri::State;

use super::error::CommandError;
use super::parse;
use crate::AppState;

fn action(value: Value) -> Result<Action, CommandError> {
    parse("action", "invalid_action", value)
}

/// The action kinds the profile may start on the case now.
#[tauri::command]
pub async fn case_actions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<String>, CommandError> {
    let actor = state.profile.actor()?;
    Ok(state.app.available_actions(&id, &actor, Utc::now()).await?)
}

/// What the action would record now; nothing is written. Refusals are errors.
#[tauri::command]
pub async fn action_preview(
    state: State<'_, AppState>,
    id: String,
    action: Value,
) -> Result<Vec<PreviewEvent>, CommandError> {
    let (action, actor) = (self::action(action)?, state.profile.actor()?);
    Ok(state.app.preview(&id, &action, &actor, Utc::now()).await?)
}

/// The profile does the action on the case now.
#[tauri::command]
pub async fn act(
    state: State<'_, AppState>,
    id: String,
    action: Value,
) -> Result<ActResult, CommandError> {
    let (action, actor) = (self::action(action)?, state.profile.actor()?);
    Ok(state.app.act(&id, &action, &actor, Utc::now()).await?)
}

/// Applies every expired clock's default on every case (actor: system).
#[tauri::command]
pub async fn sweep_now(state: State<'_, AppState>) -> Result<SweepReport, CommandError> {
    Ok(state.app.sweep_all(Utc::now()).await?)
}
