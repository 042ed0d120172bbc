//! The one error every command returns. It crosses IPC as
//! `{ "code": "...", "message": "...", "rule"?: "...", "path"?: "..." }`: the
//! UI branches on `code` (a closed set) and shows `message`; it never parses
//! messages. The codes are accord-app's (`AppError::code`), so the CLI's
//! `--json` errors and the desk's read the same.

use accord_app::AppError;
use serde::Serialize;

/// What went wrong, as the UI branches on it. Spelled snake_case on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A rule of DOMAIN.md refused the action; `rule` names it.
    Refused,
    /// The request is not what the format says; `path` points at the field.
    InvalidInput,
    NotFound,
    /// Someone else changed the case first; reload and retry.
    Conflict,
    /// The database could not be opened, read or written.
    Storage,
    Io,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub path: Option<String>,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            rule: None,
            path: None,
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<AppError> for CommandError {
    fn from(err: AppError) -> Self {
        // Exhaustive on purpose: a new AppError variant must get a code here.
        let code = match &err {
            AppError::Refused(_) => ErrorCode::Refused,
            AppError::InvalidInput { .. } => ErrorCode::InvalidInput,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::Storage(_) => ErrorCode::Storage,
            AppError::Io(_) => ErrorCode::Io,
        };
        let body = err.body();
        CommandError {
            code,
            message: body.message,
            rule: body.rule,
            path: body.path,
        }
    }
}
