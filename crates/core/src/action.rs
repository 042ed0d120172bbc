//! Actions: what people do at the desk. One serde enum, tagged by `type`, is
//! the vocabulary of the UI, the CLI, scenario files and the audit log.
//!
//! Fields whose absence is a rule (statement, rationale, note, reason, text)
//! and fields whose values are rules (amounts, clock, days) are kept as given,
//! so the decider can refuse them by name and in DOMAIN.md's order. Everything
//! else is parsed strictly: a missing `to_client` or a `party` of "bob" is
//! malformed input, not a rule.

use serde::{Deserialize, Serialize};

use crate::money::Amount;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Client,
    Freelancer,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Client => "client",
            Party::Freelancer => "freelancer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClientDecision {
    Accept,
    Decline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResponseDecision {
    Accept,
    Reject,
}

impl ResponseDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseDecision::Accept => "accept",
            ResponseDecision::Reject => "reject",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    #[default]
    Internal,
    Parties,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    Assign {
        specialist: String,
    },
    RecordClientResponse {
        decision: ClientDecision,
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        statement: Option<String>,
    },
    LogContactAttempt {
        party: Party,
        channel: String,
        reached: bool,
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    AddNote {
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(default)]
        visibility: Visibility,
    },
    RecordSettlement {
        to_freelancer: Amount,
        to_client: Amount,
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        terms: Option<String>,
    },
    IssueRecommendation {
        to_freelancer: Amount,
        to_client: Amount,
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rationale: Option<String>,
    },
    ApproveRecommendation {},
    ReturnRecommendation {
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    RecordRecommendationResponse {
        party: Party,
        decision: ResponseDecision,
    },
    RecordFeePayment {
        party: Party,
        amount: Amount,
    },
    RecordAward {
        to_freelancer: Amount,
        to_client: Amount,
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
    },
    ExtendClock {
        /// Kept as text: a name outside the five is `unknown_clock`.
        clock: String,
        /// Kept as JSON: anything but a whole number from 1 to 365 is `invalid_days`.
        #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        days: Option<serde_json::Value>,
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    Withdraw {
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    Sweep {},
}

impl Action {
    /// The action's `type`.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Assign { .. } => "assign",
            Action::RecordClientResponse { .. } => "record_client_response",
            Action::LogContactAttempt { .. } => "log_contact_attempt",
            Action::AddNote { .. } => "add_note",
            Action::RecordSettlement { .. } => "record_settlement",
            Action::IssueRecommendation { .. } => "issue_recommendation",
            Action::ApproveRecommendation {} => "approve_recommendation",
            Action::ReturnRecommendation { .. } => "return_recommendation",
            Action::RecordRecommendationResponse { .. } => "record_recommendation_response",
            Action::RecordFeePayment { .. } => "record_fee_payment",
            Action::RecordAward { .. } => "record_award",
            Action::ExtendClock { .. } => "extend_clock",
            Action::Withdraw { .. } => "withdraw",
            Action::Sweep {} => "sweep",
        }
    }

    /// Every action type, for forms and help texts.
    pub const KINDS: [&'static str; 14] = [
        "assign",
        "record_client_response",
        "log_contact_attempt",
        "add_note",
        "record_settlement",
        "issue_recommendation",
        "approve_recommendation",
        "return_recommendation",
        "record_recommendation_response",
        "record_fee_payment",
        "record_award",
        "extend_clock",
        "withdraw",
        "sweep",
    ];

    /// Parses one action from JSON; the error names the field and what was wrong.
    pub fn from_json(text: &str) -> Result<Action, String> {
        serde_json::from_str(text).map_err(|e| format!("action: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_parse_from_their_documented_json() {
        let a = Action::from_json(r#"{"type":"assign","specialist":"ana"}"#).unwrap();
        assert_eq!(
            a,
            Action::Assign {
                specialist: "ana".into()
            }
        );
        let a = Action::from_json(r#"{"type":"approve_recommendation"}"#).unwrap();
        assert_eq!(a.kind(), "approve_recommendation");
        let a = Action::from_json(r#"{"type":"extend_clock","clock":"x","days":0}"#).unwrap();
        assert_eq!(a.kind(), "extend_clock");
    }

    #[test]
    fn unknown_fields_and_types_are_malformed() {
        assert!(Action::from_json(r#"{"type":"assign","specialist":"ana","x":1}"#).is_err());
        assert!(Action::from_json(r#"{"type":"launch"}"#).is_err());
        assert!(Action::from_json(
            r#"{"type":"record_fee_payment","party":"bob","amount":"1.00"}"#
        )
        .is_err());
        assert!(
            Action::from_json(r#"{"type":"record_fee_payment","party":"client","amount":1}"#)
                .is_err(),
            "amounts are strings"
        );
    }

    #[test]
    fn every_kind_is_listed() {
        for k in Action::KINDS {
            assert!(k.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }
}
