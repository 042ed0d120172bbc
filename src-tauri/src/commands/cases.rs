use tauri::State;

use super::error::CommandError;
use crate::AppState;

/// How many cases the open database holds.
#[tauri::command]
pub async fn case_count(state: State<'_, AppState>) -> Result<i64, CommandError> {
    Ok(state.app.case_count().await?)
}
