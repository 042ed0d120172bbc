//! The case decider: given a case, an action, who acts and when, it returns
//! the events to record or the rule the action breaks. Pure: the time is an
//! argument, and nothing here reads a clock, a file or a database.
//!
//! Time is never skipped: before an action is decided at `now`, every default
//! due at or before `now` is applied first, in due order, with the due time as
//! its time and `system` as its actor ([`sweep`]).

use chrono::{DateTime, Utc};

use crate::action::{Action, ClientDecision, Party, ResponseDecision};
use crate::actor::{Actor, Role};
use crate::clock::ClockName;
use crate::event::{DeskEvent, FeeShare, Outcome, Recorded};
use crate::feed::Ground;
use crate::money::{Amount, Money};
use crate::policy::FeeParty;
use crate::rules::{Refusal, Rule};
use crate::state::{fee_party, CaseState, Status};

/// The defaults due at or before `now`, as events (empty when none is due).
pub fn sweep(state: &CaseState, now: DateTime<Utc>) -> Vec<Recorded> {
    let mut s = state.clone();
    let mut out = Vec::new();
    if !s.opened {
        return out;
    }
    while s.status.is_open() {
        let next = s
            .clocks
            .iter()
            .filter(|c| c.is_running() && c.name.has_default() && c.due <= now)
            .min_by_key(|c| (c.due, c.name))
            .map(|c| (c.name, c.due));
        let Some((clock, due)) = next else { break };
        for e in default_events(&s, clock, due) {
            s.apply(&e);
            out.push(e);
        }
    }
    out
}

/// Decides `action` by `actor` at `now`: the defaults that fell due first,
/// then the action's own events; or the first rule it breaks. A refusal
/// records nothing (callers that must keep the defaults call [`sweep`] first).
pub fn decide(
    state: &CaseState,
    action: &Action,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<Recorded>, Refusal> {
    if !state.opened {
        return Err(Refusal::new(
            Rule::CaseNotOpen,
            format!("no dispute {} has been filed", state.id),
        ));
    }
    let mut out = sweep(state, now);
    let mut s = state.clone();
    for e in &out {
        s.apply(e);
    }
    if let Action::Sweep {} = action {
        if *actor != Actor::System {
            return Err(Refusal::new(
                Rule::RoleForbidden,
                "only the system sweeps clocks",
            ));
        }
        return Ok(out);
    }
    for e in decide_action(&s, action, actor)? {
        let r = Recorded::desk(now, actor.clone(), e);
        s.apply(&r);
        out.push(r);
    }
    Ok(out)
}

fn system(at: DateTime<Utc>, e: DeskEvent) -> Recorded {
    Recorded::desk(at, Actor::System, e)
}

fn resolved(
    outcome: Outcome,
    to_freelancer: Money,
    to_client: Money,
    fee_refunds: Vec<FeeShare>,
) -> DeskEvent {
    DeskEvent::CaseResolved {
        outcome,
        to_freelancer: Amount::of(to_freelancer),
        to_client: Amount::of(to_client),
        fee_refunds,
    }
}

fn notice(s: &CaseState) -> DeskEvent {
    let quote = s.policy.arbitration_fee(s.disputed, s.contract_total());
    DeskEvent::NonResolutionNoticeIssued {
        provider: quote.provider,
        total: Amount::of(quote.total),
        shares: quote
            .shares
            .into_iter()
            .map(|(party, m)| FeeShare {
                party,
                amount: Amount::of(m),
            })
            .collect(),
    }
}

/// What a clock's expiry does, recorded at its due time.
fn default_events(s: &CaseState, clock: ClockName, due: DateTime<Utc>) -> Vec<Recorded> {
    let zero = s.currency().zero();
    let mut out = vec![system(due, DeskEvent::ClockExpired { clock })];
    match clock {
        ClockName::ClientResponse => {
            out.push(system(
                due,
                resolved(Outcome::ClientUnresponsive, s.disputed, zero, vec![]),
            ));
        }
        ClockName::RecommendationResponse => {
            // A party that has not answered has rejected.
            let answered = s
                .recommendation
                .as_ref()
                .map(|r| r.responses.clone())
                .unwrap_or_default();
            for party in [Party::Client, Party::Freelancer] {
                if !answered.contains_key(&party) {
                    out.push(system(
                        due,
                        DeskEvent::RecommendationResponseRecorded {
                            party,
                            decision: ResponseDecision::Reject,
                            by_default: true,
                        },
                    ));
                }
            }
            out.push(system(due, notice(s)));
        }
        ClockName::ArbitrationFees => {
            let paid: Vec<(Party, Money)> = [Party::Freelancer, Party::Client]
                .into_iter()
                .filter_map(|p| s.fees.as_ref()?.paid.get(&fee_party(p)).map(|m| (p, *m)))
                .collect();
            let e = match paid.as_slice() {
                [(payer, fee)] => {
                    let refund = vec![FeeShare {
                        party: fee_party(*payer),
                        amount: Amount::of(*fee),
                    }];
                    match payer {
                        Party::Freelancer => {
                            resolved(Outcome::FeeDefault, s.disputed, zero, refund)
                        }
                        Party::Client => resolved(Outcome::FeeDefault, zero, s.disputed, refund),
                    }
                }
                _ => resolved(Outcome::NoArbitration, zero, s.disputed, vec![]),
            };
            out.push(system(due, e));
        }
        ClockName::RecommendationSla | ClockName::Mediation => {}
    }
    out
}

fn refuse<T>(rule: Rule, message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(rule, message))
}

/// Text a rule requires: present and not blank.
fn required(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn statuses_for(kind: &str) -> &'static [Status] {
    use Status::*;
    // Status::ALL lists the open statuses first and `resolved` last.
    const ANY: &[Status] = &Status::ALL;
    const OPEN: &[Status] = ANY.split_last().expect("statuses exist").1;
    match kind {
        "assign" | "log_contact_attempt" | "extend_clock" => OPEN,
        "add_note" | "sweep" => ANY,
        "record_client_response" => &[AwaitingClientResponse],
        "record_settlement" => &[InMediation, AwaitingRecommendationResponses],
        "issue_recommendation" => &[InMediation],
        "approve_recommendation" | "return_recommendation" => &[RecommendationInReview],
        "record_recommendation_response" => &[AwaitingRecommendationResponses],
        "record_fee_payment" => &[AwaitingArbitrationFees],
        "record_award" => &[InArbitration],
        "withdraw" => &[
            AwaitingClientResponse,
            InMediation,
            RecommendationInReview,
            AwaitingRecommendationResponses,
            AwaitingArbitrationFees,
        ],
        _ => &[],
    }
}

/// The amounts an action carries, by field name.
fn amounts(action: &Action) -> Vec<(&'static str, Amount)> {
    match action {
        Action::RecordSettlement {
            to_freelancer,
            to_client,
            ..
        }
        | Action::IssueRecommendation {
            to_freelancer,
            to_client,
            ..
        }
        | Action::RecordAward {
            to_freelancer,
            to_client,
            ..
        } => {
            vec![("to_freelancer", *to_freelancer), ("to_client", *to_client)]
        }
        Action::RecordFeePayment { amount, .. } => vec![("amount", *amount)],
        _ => vec![],
    }
}

/// The checks of the action's own fields, in DOMAIN.md's order.
fn check_fields(s: &CaseState, action: &Action) -> Result<Vec<Money>, Refusal> {
    let currency = s.currency();
    let raw = amounts(action);
    for (field, a) in &raw {
        if a.0.is_sign_negative() && !a.0.is_zero() {
            return refuse(
                Rule::NegativeAmount,
                format!("{field} is {}: amounts cannot be negative", a.0),
            );
        }
    }
    let mut money = Vec::new();
    for (field, a) in &raw {
        match currency.from_decimal(a.0) {
            Ok(m) => money.push(m),
            Err(e) => return refuse(Rule::TooManyPlaces, format!("{field}: {e}")),
        }
    }
    match action {
        Action::RecordClientResponse {
            decision: ClientDecision::Decline,
            statement,
        } if required(statement).is_none() => {
            return refuse(
                Rule::StatementRequired,
                "a declining client's statement is required",
            );
        }
        Action::IssueRecommendation { rationale, .. } if required(rationale).is_none() => {
            return refuse(
                Rule::RationaleRequired,
                "a recommendation needs its rationale",
            );
        }
        Action::ReturnRecommendation { note } if required(note).is_none() => {
            return refuse(
                Rule::ReasonRequired,
                "returning a recommendation needs a note for its author",
            );
        }
        Action::AddNote { text, .. } if required(text).is_none() => {
            return refuse(Rule::ReasonRequired, "a note needs its text");
        }
        Action::Withdraw { reason } if required(reason).is_none() => {
            return refuse(Rule::ReasonRequired, "a withdrawal needs its reason");
        }
        Action::ExtendClock { reason, .. } if required(reason).is_none() => {
            return refuse(Rule::ReasonRequired, "an extension needs its reason");
        }
        Action::Assign { specialist } if specialist.trim().is_empty() => {
            return refuse(Rule::SpecialistRequired, "name the specialist to assign");
        }
        _ => {}
    }
    if let Action::ExtendClock { clock, days, .. } = action {
        if clock.parse::<ClockName>().is_err() {
            return refuse(
                Rule::UnknownClock,
                format!("'{clock}' is not a clock; the clocks are {}", clock_list()),
            );
        }
        if days_of(days).is_none() {
            return refuse(
                Rule::InvalidDays,
                "days must be a whole number from 1 to 365",
            );
        }
    }
    Ok(money)
}

fn clock_list() -> String {
    ClockName::ALL.map(|c| c.as_str()).join(", ")
}

fn days_of(days: &Option<serde_json::Value>) -> Option<u32> {
    let n = days.as_ref()?.as_u64()?;
    (1..=365).contains(&n).then_some(n as u32)
}

/// The checks that depend only on who acts, on which kind of action, and on
/// the case's status (DOMAIN.md's first four, in order). The desk uses it to
/// offer only the actions that could succeed; `decide` runs it first.
pub fn permitted(s: &CaseState, kind: &str, actor: &Actor) -> Result<(), Refusal> {
    // 1. case_resolved
    if s.status == Status::Resolved && kind != "add_note" && kind != "sweep" {
        let outcome = s.outcome.map(|o| o.as_str()).unwrap_or("resolved");
        return refuse(
            Rule::CaseResolved,
            format!(
                "case {} is resolved ({outcome}); only notes can be added",
                s.id
            ),
        );
    }
    // 2. role_forbidden
    let role = actor.role();
    let system_only = kind == "sweep";
    let supervisor_only = matches!(
        kind,
        "assign" | "approve_recommendation" | "return_recommendation"
    );
    match role {
        Role::System | Role::Platform if !system_only => {
            return refuse(
                Rule::RoleForbidden,
                format!("{} may only sweep clocks", role.as_str()),
            );
        }
        Role::Specialist | Role::Supervisor if system_only => {
            return refuse(Rule::RoleForbidden, "only the system sweeps clocks");
        }
        Role::Specialist if supervisor_only => {
            return refuse(
                Rule::RoleForbidden,
                format!("only a supervisor may {}", kind.replace('_', " ")),
            );
        }
        _ => {}
    }
    // 3. not_assigned
    if role == Role::Specialist && kind != "add_note" && s.assigned_to.as_deref() != actor.name() {
        let who = s
            .assigned_to
            .as_deref()
            .map(|n| format!("assigned to {n}"))
            .unwrap_or("unassigned".into());
        return refuse(
            Rule::NotAssigned,
            format!("case {} is {who}; only its specialist may act", s.id),
        );
    }
    // 4. not_allowed_in_status
    if !statuses_for(kind).contains(&s.status) {
        return refuse(
            Rule::NotAllowedInStatus,
            format!(
                "{} is not allowed while the case is {}",
                kind,
                s.status.as_str()
            ),
        );
    }
    Ok(())
}

/// The kinds of action `actor` may start on this case now (before any field is filled in).
pub fn available(s: &CaseState, actor: &Actor) -> Vec<&'static str> {
    Action::KINDS
        .into_iter()
        .filter(|k| permitted(s, k, actor).is_ok())
        .collect()
}

fn decide_action(s: &CaseState, action: &Action, actor: &Actor) -> Result<Vec<DeskEvent>, Refusal> {
    permitted(s, action.kind(), actor)?;
    let role = actor.role();
    // 5. the action's own fields
    let money = check_fields(s, action)?;
    // 6. comparisons with the case, then the events
    let zero = s.currency().zero();
    let check_allocation = |money: &[Money]| -> Result<(Money, Money), Refusal> {
        let (tf, tc) = (money[0], money[1]);
        if tf.plus(tc) != s.disputed {
            return refuse(
                Rule::AllocationMismatch,
                format!(
                    "{tf} to the freelancer and {tc} to the client make {}, but {} is disputed",
                    tf.plus(tc),
                    s.disputed
                ),
            );
        }
        Ok((tf, tc))
    };
    let events = match action {
        Action::Assign { specialist } => vec![DeskEvent::Assigned {
            specialist: specialist.trim().to_string(),
        }],
        Action::RecordClientResponse {
            decision,
            statement,
        } => {
            let mut v = vec![DeskEvent::ClientResponded {
                decision: *decision,
                statement: statement.clone(),
            }];
            if *decision == ClientDecision::Accept {
                v.push(resolved(Outcome::ClientAccepted, s.disputed, zero, vec![]));
            }
            v
        }
        Action::LogContactAttempt {
            party,
            channel,
            reached,
            note,
        } => {
            let mut v = vec![DeskEvent::ContactAttemptLogged {
                party: *party,
                channel: channel.clone(),
                reached: *reached,
                note: note.clone(),
            }];
            let counts = s.status == Status::InMediation && *party == Party::Client && !reached;
            if counts && s.failed_client_contacts + 1 >= s.policy.client_contact_attempts {
                v.push(resolved(
                    Outcome::ClientUnreachable,
                    s.disputed,
                    zero,
                    vec![],
                ));
            }
            v
        }
        Action::AddNote { text, visibility } => vec![DeskEvent::NoteAdded {
            text: required(text).unwrap_or_default().to_string(),
            visibility: *visibility,
        }],
        Action::RecordSettlement { terms, .. } => {
            let (tf, tc) = check_allocation(&money)?;
            vec![
                DeskEvent::SettlementRecorded {
                    to_freelancer: Amount::of(tf),
                    to_client: Amount::of(tc),
                    terms: terms.clone(),
                },
                resolved(Outcome::Settled, tf, tc, vec![]),
            ]
        }
        Action::IssueRecommendation { rationale, .. } => {
            let (tf, tc) = check_allocation(&money)?;
            vec![DeskEvent::RecommendationIssued {
                to_freelancer: Amount::of(tf),
                to_client: Amount::of(tc),
                rationale: required(rationale).unwrap_or_default().to_string(),
                review_required: s.policy.needs_review(s.disputed),
            }]
        }
        Action::ApproveRecommendation {} | Action::ReturnRecommendation { .. } => {
            let author = s.recommendation.as_ref().map(|r| r.author.clone());
            if author.as_ref().and_then(|a| a.name()) == actor.name() {
                return refuse(
                    Rule::OwnRecommendation,
                    "a recommendation is reviewed by a supervisor other than its author",
                );
            }
            match action {
                Action::ReturnRecommendation { note } => vec![DeskEvent::RecommendationReturned {
                    note: required(note).unwrap_or_default().to_string(),
                }],
                _ => vec![DeskEvent::RecommendationApproved {}],
            }
        }
        Action::RecordRecommendationResponse { party, decision } => {
            let Some(rec) = s.recommendation.as_ref() else {
                return refuse(
                    Rule::NotAllowedInStatus,
                    "there is no recommendation to answer",
                );
            };
            if rec.responses.contains_key(party) {
                return refuse(
                    Rule::AlreadyResponded,
                    format!("the {} has already answered", party.as_str()),
                );
            }
            let mut v = vec![DeskEvent::RecommendationResponseRecorded {
                party: *party,
                decision: *decision,
                by_default: false,
            }];
            let other = match party {
                Party::Client => Party::Freelancer,
                Party::Freelancer => Party::Client,
            };
            let other_accepted =
                rec.responses.get(&other).map(|r| r.decision) == Some(ResponseDecision::Accept);
            match decision {
                ResponseDecision::Reject => v.push(notice(s)),
                ResponseDecision::Accept if other_accepted => {
                    v.push(resolved(
                        Outcome::RecommendationAccepted,
                        rec.to_freelancer,
                        rec.to_client,
                        vec![],
                    ));
                }
                ResponseDecision::Accept => {}
            }
            v
        }
        Action::RecordFeePayment { party, .. } => {
            let amount = money[0];
            let Some(fees) = s.fees.as_ref() else {
                return refuse(Rule::NotAllowedInStatus, "no arbitration fee is due");
            };
            let share = fees.share_of(fee_party(*party));
            if share != Some(amount) {
                let owed = share
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "nothing".into());
                return refuse(
                    Rule::FeeMismatch,
                    format!("the {}'s share is {owed}, not {amount}", party.as_str()),
                );
            }
            if fees.paid.contains_key(&fee_party(*party)) {
                return refuse(
                    Rule::AlreadyPaid,
                    format!("the {} has already paid", party.as_str()),
                );
            }
            let mut v = vec![DeskEvent::FeePaymentRecorded {
                party: *party,
                amount: Amount::of(amount),
            }];
            let all_paid = [FeeParty::Freelancer, FeeParty::Client]
                .into_iter()
                .filter(|p| fees.share_of(*p).is_some())
                .all(|p| p == fee_party(*party) || fees.paid.contains_key(&p));
            if all_paid {
                v.push(DeskEvent::ArbitrationStarted {
                    platform_paid: fees.share_of(FeeParty::Platform).map(Amount::of),
                });
            }
            v
        }
        Action::RecordAward { reference, .. } => {
            let (tf, tc) = check_allocation(&money)?;
            vec![
                DeskEvent::AwardRecorded {
                    to_freelancer: Amount::of(tf),
                    to_client: Amount::of(tc),
                    reference: reference.clone(),
                },
                resolved(Outcome::ArbitrationAward, tf, tc, vec![]),
            ]
        }
        Action::ExtendClock {
            clock,
            days,
            reason,
        } => {
            let name: ClockName = clock
                .parse()
                .map_err(|_| Refusal::new(Rule::UnknownClock, clock_list()))?;
            let days = days_of(days).ok_or_else(|| Refusal::new(Rule::InvalidDays, "1 to 365"))?;
            let Some(c) = s.clock(name).filter(|c| c.is_running()) else {
                return refuse(
                    Rule::ClockNotRunning,
                    format!("the {name} clock is not running"),
                );
            };
            if role == Role::Specialist {
                let limit = s.policy.specialist_extension_limit_days;
                let used = c.specialist_days();
                if used + days > limit {
                    return refuse(
                        Rule::ExtensionLimit,
                        format!(
                            "a specialist may extend the {name} clock by {limit} days in all under {}; {used} already used",
                            s.policy.id
                        ),
                    );
                }
            }
            vec![DeskEvent::ClockExtended {
                clock: name,
                days,
                reason: required(reason).unwrap_or_default().to_string(),
                due: s.policy.extend(name, c.due, days),
            }]
        }
        Action::Withdraw { reason } => {
            let (tf, tc) = match s.ground {
                Ground::EndedWithBalance => (zero, s.disputed),
                // The money stays in escrow with the contract.
                Ground::MilestoneNotReleased => (zero, zero),
            };
            let refunds = s
                .fees
                .as_ref()
                .map(|f| {
                    f.paid
                        .iter()
                        .map(|(p, m)| FeeShare {
                            party: *p,
                            amount: Amount::of(*m),
                        })
                        .collect()
                })
                .unwrap_or_default();
            vec![
                DeskEvent::Withdrawn {
                    reason: required(reason).unwrap_or_default().to_string(),
                },
                resolved(Outcome::Withdrawn, tf, tc, refunds),
            ]
        }
        Action::Sweep {} => vec![],
    };
    Ok(events)
}
