//! Events: the facts a case's log records. A case is its event log; its state
//! is a fold over it ([`crate::state`]).
//!
//! A log holds two kinds of event: the platform's (copies of its contract's
//! feed events, actor `platform`) and the desk's (what people and the system
//! did, actor `specialist:…`, `supervisor:…` or `system`). Transitions that
//! are decisions (an outcome and its allocation, fee shares) are events of
//! their own, so the fold never re-decides anything.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::action::{ClientDecision, Party, ResponseDecision, Visibility};
use crate::actor::Actor;
use crate::clock::ClockName;
use crate::feed::FeedEvent;
use crate::money::Amount;
use crate::policy::FeeParty;

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    ClientAccepted,
    ClientUnresponsive,
    ClientUnreachable,
    Settled,
    RecommendationAccepted,
    NoArbitration,
    FeeDefault,
    ArbitrationAward,
    Withdrawn,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::ClientAccepted => "client_accepted",
            Outcome::ClientUnresponsive => "client_unresponsive",
            Outcome::ClientUnreachable => "client_unreachable",
            Outcome::Settled => "settled",
            Outcome::RecommendationAccepted => "recommendation_accepted",
            Outcome::NoArbitration => "no_arbitration",
            Outcome::FeeDefault => "fee_default",
            Outcome::ArbitrationAward => "arbitration_award",
            Outcome::Withdrawn => "withdrawn",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeShare {
    pub party: FeeParty,
    pub amount: Amount,
}

/// What the desk and the system record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DeskEvent {
    Assigned {
        specialist: String,
    },
    ClientResponded {
        decision: ClientDecision,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        statement: Option<String>,
    },
    ContactAttemptLogged {
        party: Party,
        channel: String,
        reached: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    NoteAdded {
        text: String,
        visibility: Visibility,
    },
    SettlementRecorded {
        to_freelancer: Amount,
        to_client: Amount,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        terms: Option<String>,
    },
    RecommendationIssued {
        to_freelancer: Amount,
        to_client: Amount,
        rationale: String,
        /// The disputed amount is at or above the policy's review threshold.
        review_required: bool,
    },
    RecommendationApproved {},
    RecommendationReturned {
        note: String,
    },
    RecommendationResponseRecorded {
        party: Party,
        decision: ResponseDecision,
        /// True when silence at the clock's expiry counted as this answer.
        #[serde(default)]
        by_default: bool,
    },
    /// The recommendation failed: arbitration fees are now due.
    NonResolutionNoticeIssued {
        provider: String,
        total: Amount,
        shares: Vec<FeeShare>,
    },
    FeePaymentRecorded {
        party: Party,
        amount: Amount,
    },
    /// Both parties paid; the platform's share (if any) is paid at this moment.
    ArbitrationStarted {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        platform_paid: Option<Amount>,
    },
    AwardRecorded {
        to_freelancer: Amount,
        to_client: Amount,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
    },
    ClockExtended {
        clock: ClockName,
        days: u32,
        reason: String,
        /// The clock's due time after this extension.
        due: DateTime<Utc>,
    },
    Withdrawn {
        reason: String,
    },
    /// A clock with a default ran out; the events after it apply the default.
    ClockExpired {
        clock: ClockName,
    },
    CaseResolved {
        outcome: Outcome,
        to_freelancer: Amount,
        to_client: Amount,
        /// Arbitration fees paid back (withdrawal, fee default).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fee_refunds: Vec<FeeShare>,
    },
}

impl DeskEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            DeskEvent::Assigned { .. } => "assigned",
            DeskEvent::ClientResponded { .. } => "client_responded",
            DeskEvent::ContactAttemptLogged { .. } => "contact_attempt_logged",
            DeskEvent::NoteAdded { .. } => "note_added",
            DeskEvent::SettlementRecorded { .. } => "settlement_recorded",
            DeskEvent::RecommendationIssued { .. } => "recommendation_issued",
            DeskEvent::RecommendationApproved {} => "recommendation_approved",
            DeskEvent::RecommendationReturned { .. } => "recommendation_returned",
            DeskEvent::RecommendationResponseRecorded { .. } => "recommendation_response_recorded",
            DeskEvent::NonResolutionNoticeIssued { .. } => "non_resolution_notice_issued",
            DeskEvent::FeePaymentRecorded { .. } => "fee_payment_recorded",
            DeskEvent::ArbitrationStarted { .. } => "arbitration_started",
            DeskEvent::AwardRecorded { .. } => "award_recorded",
            DeskEvent::ClockExtended { .. } => "clock_extended",
            DeskEvent::Withdrawn { .. } => "withdrawn",
            DeskEvent::ClockExpired { .. } => "clock_expired",
            DeskEvent::CaseResolved { .. } => "case_resolved",
        }
    }
}

/// One entry of a case log: the platform's or the desk's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CaseEvent {
    Platform(FeedEvent),
    Desk(DeskEvent),
}

impl CaseEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::Platform(e) => e.body.kind(),
            CaseEvent::Desk(e) => e.kind(),
        }
    }
}

/// An event with its time and actor, as the log records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: CaseEvent,
}

impl Recorded {
    pub fn platform(event: FeedEvent) -> Recorded {
        Recorded {
            at: event.at,
            actor: Actor::Platform,
            event: CaseEvent::Platform(event),
        }
    }

    pub fn desk(at: DateTime<Utc>, actor: Actor, event: DeskEvent) -> Recorded {
        Recorded {
            at,
            actor,
            event: CaseEvent::Desk(event),
        }
    }

    /// The event's JSON body (without time and actor, which are columns of their own).
    pub fn body_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.event).expect("events serialize")
    }

    /// Reads an event back from its stored columns; the actor says which kind it is.
    pub fn from_stored(at: DateTime<Utc>, actor: Actor, body: &str) -> Result<Recorded, String> {
        let event = if actor == Actor::Platform {
            CaseEvent::Platform(serde_json::from_str(body).map_err(|e| e.to_string())?)
        } else {
            CaseEvent::Desk(serde_json::from_str(body).map_err(|e| e.to_string())?)
        };
        Ok(Recorded { at, actor, event })
    }
}
