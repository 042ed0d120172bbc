//! Refusals. Every refused action names exactly one rule (DOMAIN.md's names,
//! never renamed) and says in plain words why.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    CaseResolved,
    NotAllowedInStatus,
    NotAssigned,
    RoleForbidden,
    OwnRecommendation,
    AllocationMismatch,
    NegativeAmount,
    TooManyPlaces,
    FeeMismatch,
    AlreadyPaid,
    AlreadyResponded,
    StatementRequired,
    RationaleRequired,
    ReasonRequired,
    UnknownClock,
    InvalidDays,
    ClockNotRunning,
    ExtensionLimit,
    // Added by Accord (DOMAIN.md: "Add rules as needed").
    /// `assign` names no specialist.
    SpecialistRequired,
    /// An amount that is not a decimal at all.
    InvalidAmount,
    /// The case log holds no `dispute_filed` for this case (not a case yet).
    CaseNotOpen,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::CaseResolved => "case_resolved",
            Rule::NotAllowedInStatus => "not_allowed_in_status",
            Rule::NotAssigned => "not_assigned",
            Rule::RoleForbidden => "role_forbidden",
            Rule::OwnRecommendation => "own_recommendation",
            Rule::AllocationMismatch => "allocation_mismatch",
            Rule::NegativeAmount => "negative_amount",
            Rule::TooManyPlaces => "too_many_places",
            Rule::FeeMismatch => "fee_mismatch",
            Rule::AlreadyPaid => "already_paid",
            Rule::AlreadyResponded => "already_responded",
            Rule::StatementRequired => "statement_required",
            Rule::RationaleRequired => "rationale_required",
            Rule::ReasonRequired => "reason_required",
            Rule::UnknownClock => "unknown_clock",
            Rule::InvalidDays => "invalid_days",
            Rule::ClockNotRunning => "clock_not_running",
            Rule::ExtensionLimit => "extension_limit",
            Rule::SpecialistRequired => "specialist_required",
            Rule::InvalidAmount => "invalid_amount",
            Rule::CaseNotOpen => "case_not_open",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused action: the rule it breaks and a sentence for the person at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message} ({rule})")]
pub struct Refusal {
    pub rule: Rule,
    pub message: String,
}

impl Refusal {
    pub fn new(rule: Rule, message: impl Into<String>) -> Refusal {
        Refusal {
            rule,
            message: message.into(),
        }
    }
}
