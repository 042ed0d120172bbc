//! Errors of the use cases, each with a stable code the shells map: the CLI to
//! exit codes, the desktop to `{ code, message, rule? }` over IPC.

use accord_core::Refusal;
use accord_store::StoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The action breaks a rule of DOMAIN.md; nothing was recorded.
    #[error("refused: {}", .0.message)]
    Refused(Refusal),
    /// Input that is not what the format says, at a JSON path.
    #[error("{path}: {message}")]
    InvalidInput {
        path: String,
        rule: String,
        message: String,
    },
    #[error("{0}")]
    NotFound(String),
    /// A concurrent writer changed the case; nothing was recorded.
    #[error("{0}")]
    Conflict(String),
    #[error("storage: {0}")]
    Storage(String),
    #[error("{0}")]
    Io(String),
}

/// How an error crosses IPC and lands in JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl AppError {
    pub fn invalid(
        path: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> AppError {
        AppError::InvalidInput {
            path: path.into(),
            rule: rule.into(),
            message: message.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Refused(_) => "refused",
            AppError::InvalidInput { .. } => "invalid_input",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::Storage(_) => "storage",
            AppError::Io(_) => "io",
        }
    }

    /// The rule name, for refusals and invalid input.
    pub fn rule(&self) -> Option<String> {
        match self {
            AppError::Refused(r) => Some(r.rule.as_str().to_string()),
            AppError::InvalidInput { rule, .. } => Some(rule.clone()),
            _ => None,
        }
    }

    /// spec/cli.md: 1 refused or invalid input, 3 storage or IO failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            AppError::Refused(_) | AppError::InvalidInput { .. } | AppError::NotFound(_) => 1,
            AppError::Conflict(_) | AppError::Storage(_) | AppError::Io(_) => 3,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let message = match self {
            AppError::Refused(r) => r.message.clone(),
            AppError::InvalidInput { message, .. } => message.clone(),
            other => other.to_string(),
        };
        let path = match self {
            AppError::InvalidInput { path, .. } => Some(path.clone()),
            _ => None,
        };
        ErrorBody {
            code: self.code(),
            message,
            rule: self.rule(),
            path,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::Conflict { .. } => AppError::Conflict(e.to_string()),
            other => AppError::Storage(other.to_string()),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> AppError {
        AppError::Refused(r)
    }
}
