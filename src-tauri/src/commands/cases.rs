use chrono::Utc;
use tauri::State;

use super::error::CommandError;
use crate::AppState;

/// How many cases the open database holds.
#[tauri::command]
pub async fn case_count(state: State<'_, AppState>) -> Result<i64, CommandError> {
    Ok(state.app.case_count().await?)
}

/// The CASE view of one case as of now (reading writes nothing).
#[tauri::command]
pub async fn case_open(
    state: State<'_, AppState>,
    id: String,
) -> Result<accord_app::view::CaseView, CommandError> {
    Ok(state.app.case(&id, Utc::now()).await?)
}
