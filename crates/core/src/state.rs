//! A case's state: a fold over its event log. `apply` is mechanical: every
//! decision was made by the decider and recorded as an event, so replaying
//! the same events always rebuilds the same state.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::action::{ClientDecision, Party, ResponseDecision, Visibility};
use crate::actor::Actor;
use crate::clock::ClockName;
use crate::event::{CaseEvent, DeskEvent, FeeShare, Outcome, Recorded};
use crate::feed::{ContractHeader, FeedEventBody, Ground};
use crate::ledger::Ledger;
use crate::money::{Currency, Money};
use crate::policy::{FeeParty, Policy, PolicySet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    AwaitingClientResponse,
    InMediation,
    RecommendationInReview,
    AwaitingRecommendationResponses,
    AwaitingArbitrationFees,
    InArbitration,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::AwaitingClientResponse,
        Status::InMediation,
        Status::RecommendationInReview,
        Status::AwaitingRecommendationResponses,
        Status::AwaitingArbitrationFees,
        Status::InArbitration,
        Status::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::AwaitingClientResponse => "awaiting_client_response",
            Status::InMediation => "in_mediation",
            Status::RecommendationInReview => "recommendation_in_review",
            Status::AwaitingRecommendationResponses => "awaiting_recommendation_responses",
            Status::AwaitingArbitrationFees => "awaiting_arbitration_fees",
            Status::InArbitration => "in_arbitration",
            Status::Resolved => "resolved",
        }
    }

    pub fn is_open(self) -> bool {
        self != Status::Resolved
    }
}

/// How a clock looks at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Running,
    Stopped,
    Expired,
}

impl ClockState {
    pub fn as_str(self) -> &'static str {
        match self {
            ClockState::Running => "running",
            ClockState::Stopped => "stopped",
            ClockState::Expired => "expired",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extension {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub days: u32,
    pub reason: String,
    pub due: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub name: ClockName,
    pub started: DateTime<Utc>,
    pub due: DateTime<Utc>,
    /// When what it waited for happened (or the case moved past it).
    pub stopped: Option<DateTime<Utc>>,
    /// Its default was applied (only clocks with a default).
    pub defaulted: bool,
    pub extensions: Vec<Extension>,
}

impl Clock {
    /// Started and neither stopped nor defaulted. A clock past due that no
    /// sweep has applied yet still runs (and shows `expired`).
    pub fn is_running(&self) -> bool {
        self.stopped.is_none() && !self.defaulted
    }

    pub fn state_at(&self, now: DateTime<Utc>) -> ClockState {
        if self.defaulted {
            ClockState::Expired
        } else if self.stopped.is_some() {
            ClockState::Stopped
        } else if now >= self.due {
            ClockState::Expired
        } else {
            ClockState::Running
        }
    }

    /// Days a specialist has added (supervisors' extensions do not count).
    pub fn specialist_days(&self) -> u32 {
        self.extensions
            .iter()
            .filter(|e| matches!(e.actor, Actor::Specialist(_)))
            .map(|e| e.days)
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub to_freelancer: Money,
    pub to_client: Money,
    pub rationale: String,
    pub author: Actor,
    pub issued_at: DateTime<Utc>,
    pub review_required: bool,
    pub approved_by: Option<Actor>,
    pub responses: BTreeMap<Party, Response>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Response {
    pub decision: ResponseDecision,
    pub at: DateTime<Utc>,
    pub by_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fees {
    pub provider: String,
    pub total: Money,
    /// Parties that owe a share, in the policy's order.
    pub shares: Vec<(FeeParty, Money)>,
    pub paid: BTreeMap<FeeParty, Money>,
    pub refunded: BTreeMap<FeeParty, Money>,
}

impl Fees {
    pub fn share_of(&self, party: FeeParty) -> Option<Money> {
        self.shares
            .iter()
            .find(|(p, _)| *p == party)
            .map(|(_, m)| *m)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub to_freelancer: Money,
    pub to_client: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub at: DateTime<Utc>,
    /// `client`, `freelancer` or `system` (from the feed) — or the desk actor.
    pub by: String,
    pub text: String,
    pub source_event: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactAttempt {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub party: Party,
    pub channel: String,
    pub reached: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub text: String,
    pub visibility: Visibility,
}

/// Everything the rules need to know about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseState {
    pub id: String,
    pub contract: ContractHeader,
    policies: PolicySet,
    /// False until the log reaches this case's own `dispute_filed`.
    pub opened: bool,
    pub policy: Arc<Policy>,
    pub ground: Ground,
    pub dispute_milestone: Option<String>,
    pub disputed: Money,
    pub reason: String,
    pub filed_at: DateTime<Utc>,
    pub status: Status,
    pub outcome: Option<Outcome>,
    pub allocation: Option<Allocation>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub assigned_to: Option<String>,
    pub ledger: Ledger,
    /// In the order they first started (clocks started together in table order).
    pub clocks: Vec<Clock>,
    pub recommendation: Option<Recommendation>,
    /// Recommendations returned by a supervisor, oldest first.
    pub returned_recommendations: Vec<Recommendation>,
    pub fees: Option<Fees>,
    pub failed_client_contacts: u32,
    pub contact_attempts: Vec<ContactAttempt>,
    pub statements: Vec<Statement>,
    pub notes: Vec<Note>,
    pub settlement_terms: Option<String>,
    pub award_reference: Option<String>,
    pub withdrawal_reason: Option<String>,
    /// Number of events applied (the log's version).
    pub version: u64,
}

impl CaseState {
    /// A case before its log is read: nothing filed yet.
    pub fn new(case_id: &str, contract: ContractHeader, policies: &PolicySet) -> CaseState {
        let currency = contract.currency;
        let placeholder_policy = policies.all()[0].clone();
        CaseState {
            id: case_id.to_string(),
            ledger: Ledger::new(currency),
            contract,
            policies: policies.clone(),
            opened: false,
            policy: placeholder_policy,
            ground: Ground::EndedWithBalance,
            dispute_milestone: None,
            disputed: currency.zero(),
            reason: String::new(),
            filed_at: DateTime::<Utc>::MIN_UTC,
            status: Status::AwaitingClientResponse,
            outcome: None,
            allocation: None,
            resolved_at: None,
            assigned_to: None,
            clocks: Vec::new(),
            recommendation: None,
            returned_recommendations: Vec::new(),
            fees: None,
            failed_client_contacts: 0,
            contact_attempts: Vec::new(),
            statements: Vec::new(),
            notes: Vec::new(),
            settlement_terms: None,
            award_reference: None,
            withdrawal_reason: None,
            version: 0,
        }
    }

    /// Rebuilds a case from its whole log.
    pub fn fold<'a>(
        case_id: &str,
        contract: ContractHeader,
        policies: &PolicySet,
        events: impl IntoIterator<Item = &'a Recorded>,
    ) -> CaseState {
        let mut s = CaseState::new(case_id, contract, policies);
        for e in events {
            s.apply(e);
        }
        s
    }

    pub fn currency(&self) -> Currency {
        self.contract.currency
    }

    /// The sum of the contract's milestones (decides the fee split).
    pub fn contract_total(&self) -> Money {
        let c = self.currency();
        self.contract
            .milestones
            .iter()
            .fold(c.zero(), |sum, m| sum.plus(m.amount.money(c)))
    }

    pub fn clock(&self, name: ClockName) -> Option<&Clock> {
        self.clocks.iter().find(|c| c.name == name)
    }

    fn clock_mut(&mut self, name: ClockName) -> Option<&mut Clock> {
        self.clocks.iter_mut().find(|c| c.name == name)
    }

    /// The earliest running clock, for the queue (None when none runs).
    pub fn next_due(&self) -> Option<&Clock> {
        self.clocks
            .iter()
            .filter(|c| c.is_running())
            .min_by_key(|c| (c.due, c.name))
    }

    fn start_clock(&mut self, name: ClockName, at: DateTime<Utc>) {
        let due = self.policy.due(name, at);
        let fresh = Clock {
            name,
            started: at,
            due,
            stopped: None,
            defaulted: false,
            extensions: Vec::new(),
        };
        match self.clock_mut(name) {
            // A clock that starts again (the recommendation SLA after a return)
            // keeps its place in the list and begins a new run.
            Some(c) => *c = fresh,
            None => self.clocks.push(fresh),
        }
    }

    fn stop_clock(&mut self, name: ClockName, at: DateTime<Utc>) {
        if let Some(c) = self.clock_mut(name) {
            if c.is_running() {
                c.stopped = Some(at);
            }
        }
    }

    /// Applies one recorded event. Never fails: the decider and the importer
    /// checked it before it was recorded.
    pub fn apply(&mut self, r: &Recorded) {
        self.version += 1;
        match &r.event {
            CaseEvent::Platform(e) => self.apply_platform(&e.id, &e.body, r.at),
            CaseEvent::Desk(e) => self.apply_desk(e, r.at, &r.actor),
        }
    }

    fn apply_platform(&mut self, event_id: &str, body: &FeedEventBody, at: DateTime<Utc>) {
        let c = self.currency();
        match body {
            FeedEventBody::MilestoneFunded { amount, .. } => self.ledger.fund(amount.money(c)),
            FeedEventBody::PaymentReleased { amount, .. } => {
                self.ledger.release(amount.money(c));
            }
            FeedEventBody::BonusPaid { amount, .. } => self.ledger.bonus(amount.money(c)),
            FeedEventBody::RefundCompleted { amount, .. } => {
                // Checked at import; a tampered log is clamped, never panics.
                let amount = amount.money(c).min(self.ledger.available());
                let _ = self.ledger.refund(amount);
            }
            FeedEventBody::DisputeFiled {
                dispute,
                ground,
                milestone,
                amount,
                reason,
                statement,
            } => {
                let amount = amount.money(c);
                let amount = amount.min(self.ledger.available());
                let _ = self.ledger.hold(amount);
                if dispute == &self.id && !self.opened {
                    self.opened = true;
                    self.policy = self.policies.for_filing(at);
                    self.ground = *ground;
                    self.dispute_milestone = milestone.clone();
                    self.disputed = amount;
                    self.reason = reason.clone();
                    self.filed_at = at;
                    self.status = Status::AwaitingClientResponse;
                    self.statements.push(Statement {
                        at,
                        by: "freelancer".into(),
                        text: statement.clone(),
                        source_event: event_id.to_string(),
                    });
                    self.start_clock(ClockName::ClientResponse, at);
                }
            }
            FeedEventBody::StatementSubmitted {
                dispute, by, text, ..
            } if dispute == &self.id => {
                self.statements.push(Statement {
                    at,
                    by: serde_json::to_value(by)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    text: text.clone(),
                    source_event: event_id.to_string(),
                });
            }
            _ => {}
        }
    }

    fn apply_desk(&mut self, e: &DeskEvent, at: DateTime<Utc>, actor: &Actor) {
        let c = self.currency();
        match e {
            DeskEvent::Assigned { specialist } => self.assigned_to = Some(specialist.clone()),
            DeskEvent::ClientResponded {
                decision,
                statement,
            } => {
                self.stop_clock(ClockName::ClientResponse, at);
                if let Some(text) = statement {
                    self.statements.push(Statement {
                        at,
                        by: "client".into(),
                        text: text.clone(),
                        source_event: format!("seq {}", self.version),
                    });
                }
                if *decision == ClientDecision::Decline {
                    self.status = Status::InMediation;
                    self.start_clock(ClockName::RecommendationSla, at);
                    self.start_clock(ClockName::Mediation, at);
                }
            }
            DeskEvent::ContactAttemptLogged {
                party,
                channel,
                reached,
                note,
            } => {
                if *party == Party::Client {
                    if *reached {
                        self.failed_client_contacts = 0;
                    } else if self.status == Status::InMediation {
                        self.failed_client_contacts += 1;
                    }
                }
                self.contact_attempts.push(ContactAttempt {
                    at,
                    actor: actor.clone(),
                    party: *party,
                    channel: channel.clone(),
                    reached: *reached,
                    note: note.clone(),
                });
            }
            DeskEvent::NoteAdded { text, visibility } => self.notes.push(Note {
                at,
                actor: actor.clone(),
                text: text.clone(),
                visibility: *visibility,
            }),
            DeskEvent::SettlementRecorded { terms, .. } => self.settlement_terms = terms.clone(),
            DeskEvent::RecommendationIssued {
                to_freelancer,
                to_client,
                rationale,
                review_required,
            } => {
                self.recommendation = Some(Recommendation {
                    to_freelancer: to_freelancer.money(c),
                    to_client: to_client.money(c),
                    rationale: rationale.clone(),
                    author: actor.clone(),
                    issued_at: at,
                    review_required: *review_required,
                    approved_by: None,
                    responses: BTreeMap::new(),
                });
                self.stop_clock(ClockName::RecommendationSla, at);
                if *review_required {
                    self.status = Status::RecommendationInReview;
                } else {
                    self.status = Status::AwaitingRecommendationResponses;
                    self.start_clock(ClockName::RecommendationResponse, at);
                }
            }
            DeskEvent::RecommendationApproved {} => {
                if let Some(r) = self.recommendation.as_mut() {
                    r.approved_by = Some(actor.clone());
                }
                self.status = Status::AwaitingRecommendationResponses;
                self.start_clock(ClockName::RecommendationResponse, at);
            }
            DeskEvent::RecommendationReturned { .. } => {
                if let Some(r) = self.recommendation.take() {
                    self.returned_recommendations.push(r);
                }
                self.status = Status::InMediation;
                // Back in mediation the specialist owes a new recommendation:
                // the SLA starts a new run. The mediation clock keeps running.
                self.start_clock(ClockName::RecommendationSla, at);
            }
            DeskEvent::RecommendationResponseRecorded {
                party,
                decision,
                by_default,
            } => {
                if let Some(r) = self.recommendation.as_mut() {
                    r.responses.insert(
                        *party,
                        Response {
                            decision: *decision,
                            at,
                            by_default: *by_default,
                        },
                    );
                    let both = r.responses.len() == 2;
                    let rejected = *decision == ResponseDecision::Reject;
                    if both || rejected {
                        self.stop_clock(ClockName::RecommendationResponse, at);
                    }
                }
            }
            DeskEvent::NonResolutionNoticeIssued {
                provider,
                total,
                shares,
            } => {
                self.status = Status::AwaitingArbitrationFees;
                self.fees = Some(Fees {
                    provider: provider.clone(),
                    total: total.money(c),
                    shares: shares
                        .iter()
                        .map(|s| (s.party, s.amount.money(c)))
                        .collect(),
                    paid: BTreeMap::new(),
                    refunded: BTreeMap::new(),
                });
                self.stop_clock(ClockName::RecommendationResponse, at);
                self.stop_clock(ClockName::Mediation, at);
                self.start_clock(ClockName::ArbitrationFees, at);
            }
            DeskEvent::FeePaymentRecorded { party, amount } => {
                if let Some(f) = self.fees.as_mut() {
                    f.paid.insert(fee_party(*party), amount.money(c));
                }
            }
            DeskEvent::ArbitrationStarted { platform_paid } => {
                if let (Some(f), Some(p)) = (self.fees.as_mut(), platform_paid) {
                    f.paid.insert(FeeParty::Platform, p.money(c));
                }
                self.status = Status::InArbitration;
                self.stop_clock(ClockName::ArbitrationFees, at);
            }
            DeskEvent::AwardRecorded { reference, .. } => self.award_reference = reference.clone(),
            DeskEvent::ClockExtended {
                clock,
                days,
                reason,
                due,
            } => {
                if let Some(cl) = self.clock_mut(*clock) {
                    cl.due = *due;
                    cl.extensions.push(Extension {
                        at,
                        actor: actor.clone(),
                        days: *days,
                        reason: reason.clone(),
                        due: *due,
                    });
                }
            }
            DeskEvent::Withdrawn { reason } => self.withdrawal_reason = Some(reason.clone()),
            DeskEvent::ClockExpired { clock } => {
                if let Some(cl) = self.clock_mut(*clock) {
                    cl.defaulted = true;
                }
            }
            DeskEvent::CaseResolved {
                outcome,
                to_freelancer,
                to_client,
                fee_refunds,
            } => {
                let (tf, tc) = (to_freelancer.money(c), to_client.money(c));
                self.ledger.settle(self.disputed, tf, tc);
                self.status = Status::Resolved;
                self.outcome = Some(*outcome);
                self.allocation = Some(Allocation {
                    to_freelancer: tf,
                    to_client: tc,
                });
                self.resolved_at = Some(at);
                for name in ClockName::ALL {
                    self.stop_clock(name, at);
                }
                if let Some(f) = self.fees.as_mut() {
                    for FeeShare { party, amount } in fee_refunds {
                        f.refunded.insert(*party, amount.money(c));
                    }
                }
            }
        }
    }
}

pub fn fee_party(p: Party) -> FeeParty {
    match p {
        Party::Client => FeeParty::Client,
        Party::Freelancer => FeeParty::Freelancer,
    }
}
