//! The IPC surface. A command is thin: take the state, call accord-app, map
//! the error. Every name here must also be listed in build.rs (its permission)
//! and granted in capabilities/default.json, or the window cannot call it.

pub mod act;
pub mod cases;
pub mod error;
pub mod feed;
// build.rs `include!`s it; in the crate only the capability test reads it.
#[cfg(test)]
pub mod names;
pub mod profile;
pub mod queue;

use serde::de::DeserializeOwned;

use accord_app::AppError;
use error::CommandError;

/// Parses a JSON argument the window sent, so that a malformed one comes back
/// as `invalid_input` (with the argument's name as `path`) like every other
/// input error, not as Tauri's plain-text argument error.
pub(crate) fn parse<T: DeserializeOwned>(
    arg: &str,
    rule: &str,
    value: serde_json::Value,
) -> Result<T, CommandError> {
    serde_json::from_value(value)
        .map_err(|e| AppError::invalid(format!("$.{arg}"), rule, e.to_string()).into())
}
