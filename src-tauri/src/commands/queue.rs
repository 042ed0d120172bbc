use chrono::Utc;
use serde_json::Value;
use tauri::State;

use accord_app::queue::{QueuePageView, QueueQuery};

use super::error::CommandError;
use super::parse;
use crate::AppState;

/// One page of the queue (accord-app clamps `limit` to 1..=500).
#[tauri::command]
pub async fn queue_page(
    state: State<'_, AppState>,
    query: Value,
) -> Result<QueuePageView, CommandError> {
    let query: QueueQuery = parse("query", "invalid_query", query)?;
    Ok(state.app.queue(&query, Utc::now()).await?)
}

/// Cases per status under the query's other filters, as `[status, count]` pairs.
#[tauri::command]
pub async fn status_counts(
    state: State<'_, AppState>,
    query: Value,
) -> Result<Vec<(String, i64)>, CommandError> {
    let query: QueueQuery = parse("query", "invalid_query", query)?;
    Ok(state.app.status_counts(&query, Utc::now()).await?)
}
