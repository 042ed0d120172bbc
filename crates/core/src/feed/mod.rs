//! The platform feed, `accord.feed/1` (spec/feed.md), as typed values.
//!
//! [`parse`] turns the raw JSON into these types or refuses it with a
//! [`FeedError`] naming the JSON path and the rule. The types serialize back to
//! exactly the feed's JSON shape, which is what the case log stores for each
//! platform event.

mod count;
mod money_check;
mod parse;

pub use count::count_contracts;
pub use money_check::{check_contract_money, ContractMoneyState, KnownDispute};
pub use parse::{parse, parse_in_parts, FeedError};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::money::{Amount, Currency};

pub const FORMAT: &str = "accord.feed/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub format: String,
    pub generated_at: DateTime<Utc>,
    pub contracts: Vec<Contract>,
}

/// A contract with its history. `header()` is everything but the events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub id: String,
    pub title: String,
    pub currency: Currency,
    pub client: Person,
    pub freelancer: Freelancer,
    pub milestones: Vec<Milestone>,
    pub events: Vec<FeedEvent>,
}

/// The contract without its events: what a case needs to know of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractHeader {
    pub id: String,
    pub title: String,
    pub currency: Currency,
    pub client: Person,
    pub freelancer: Freelancer,
    pub milestones: Vec<Milestone>,
}

impl Contract {
    pub fn header(&self) -> ContractHeader {
        ContractHeader {
            id: self.id.clone(),
            title: self.title.clone(),
            currency: self.currency,
            client: self.client.clone(),
            freelancer: self.freelancer.clone(),
            milestones: self.milestones.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freelancer {
    pub id: String,
    pub name: String,
    pub country: String,
    pub agency: Option<Agency>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub seq: u32,
    pub title: String,
    pub description: String,
    pub amount: Amount,
}

/// Who did something on the platform (`by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    Client,
    Freelancer,
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    EndedWithBalance,
    MilestoneNotReleased,
}

impl Ground {
    pub fn as_str(self) -> &'static str {
        match self {
            Ground::EndedWithBalance => "ended_with_balance",
            Ground::MilestoneNotReleased => "milestone_not_released",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// As the party named it: untrusted text, never a path.
    pub name: String,
    pub bytes: u64,
    /// 64 lowercase or uppercase hex digits, as the feed gave them.
    pub sha256: String,
}

/// One event of a contract's platform history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedEvent {
    pub id: String,
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: FeedEventBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeedEventBody {
    MilestoneFunded {
        milestone: String,
        amount: Amount,
    },
    WorkSubmitted {
        milestone: String,
        by: By,
        note: String,
        attachments: Vec<Attachment>,
    },
    ChangesRequested {
        milestone: String,
        by: By,
        note: String,
    },
    PaymentReleased {
        milestone: String,
        by: By,
        amount: Amount,
    },
    BonusPaid {
        amount: Amount,
        note: String,
    },
    Message {
        by: By,
        body: String,
        attachments: Vec<Attachment>,
    },
    ContractEnded {
        by: By,
    },
    RefundRequested {
        amount: Amount,
    },
    RefundCompleted {
        amount: Amount,
    },
    FeedbackLeft {
        by: By,
        rating: u8,
        text: String,
    },
    DisputeFiled {
        dispute: String,
        ground: Ground,
        /// Present for `milestone_not_released`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        milestone: Option<String>,
        amount: Amount,
        reason: String,
        statement: String,
    },
    StatementSubmitted {
        dispute: String,
        by: By,
        text: String,
        attachments: Vec<Attachment>,
    },
}

impl FeedEventBody {
    /// The feed's `type` string.
    pub fn kind(&self) -> &'static str {
        match self {
            FeedEventBody::MilestoneFunded { .. } => "milestone_funded",
            FeedEventBody::WorkSubmitted { .. } => "work_submitted",
            FeedEventBody::ChangesRequested { .. } => "changes_requested",
            FeedEventBody::PaymentReleased { .. } => "payment_released",
            FeedEventBody::BonusPaid { .. } => "bonus_paid",
            FeedEventBody::Message { .. } => "message",
            FeedEventBody::ContractEnded { .. } => "contract_ended",
            FeedEventBody::RefundRequested { .. } => "refund_requested",
            FeedEventBody::RefundCompleted { .. } => "refund_completed",
            FeedEventBody::FeedbackLeft { .. } => "feedback_left",
            FeedEventBody::DisputeFiled { .. } => "dispute_filed",
            FeedEventBody::StatementSubmitted { .. } => "statement_submitted",
        }
    }

    pub fn attachments(&self) -> &[Attachment] {
        match self {
            FeedEventBody::WorkSubmitted { attachments, .. }
            | FeedEventBody::Message { attachments, .. }
            | FeedEventBody::StatementSubmitted { attachments, .. } => attachments,
            _ => &[],
        }
    }
}
