//! The CASE JSON of spec/scenario.md: what `accord case show --json` and
//! `accord replay --json` print, what the desk's case view reads, and
//! `case.json` in an export. Amounts are strings at the currency's places.

use std::collections::BTreeMap;

use accord_core::feed::{Agency, FeedEventBody, Milestone};
use accord_core::state::Extension;
use accord_core::{CaseEvent, CaseState, Money, Recorded};
use accord_store::StoredEvent;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseView {
    pub id: String,
    pub contract: String,
    pub title: String,
    pub ground: String,
    pub policy: String,
    pub status: String,
    pub outcome: Option<String>,
    pub assigned_to: Option<String>,
    pub currency: String,
    pub disputed: String,
    pub disputed_milestone: Option<String>,
    pub filed_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub allocation: Option<AllocationView>,
    pub ledger: LedgerView,
    pub clocks: Vec<ClockView>,
    pub recommendation: Option<RecommendationView>,
    pub fees: Option<FeesView>,
    pub parties: PartiesView,
    pub milestones: Vec<MilestoneView>,
    pub statements: Vec<StatementView>,
    pub contact_attempts: Vec<ContactView>,
    pub failed_client_contacts: u32,
    pub notes: Vec<NoteView>,
    pub exhibits: Vec<ExhibitView>,
    pub events: Vec<EventView>,
    pub chain_head: String,
    /// The moment clock states were read at.
    pub as_of: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AllocationView {
    pub to_freelancer: String,
    pub to_client: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerView {
    pub funded: String,
    pub released: String,
    pub refunded: String,
    pub in_escrow: String,
    pub charged_directly: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClockView {
    pub name: String,
    pub started: DateTime<Utc>,
    pub due: DateTime<Utc>,
    pub state: String,
    /// Whose move it waits for (`client`, `specialist`, or both parties).
    pub waiting_for: Vec<String>,
    pub unit: String,
    pub extensions: Vec<ExtensionView>,
    /// Days added by specialists, against the policy's limit for this clock.
    pub specialist_days: u32,
    pub specialist_limit: u32,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExtensionView {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub days: u32,
    pub reason: String,
    pub due: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecommendationView {
    pub to_freelancer: String,
    pub to_client: String,
    pub rationale: String,
    pub author: String,
    pub issued_at: DateTime<Utc>,
    pub review_required: bool,
    pub approved_by: Option<String>,
    pub responses: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeesView {
    pub provider: String,
    pub total: String,
    pub shares: BTreeMap<String, String>,
    pub paid: BTreeMap<String, String>,
    pub refunded: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyView {
    pub id: String,
    pub name: String,
    pub country: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartiesView {
    pub client: PartyView,
    pub freelancer: PartyView,
    #[cfg_attr(feature = "ts", ts(type = "{ id: string, name: string } | null"))]
    pub agency: Option<Agency>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MilestoneView {
    pub id: String,
    pub seq: u32,
    pub title: String,
    pub description: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementView {
    pub at: DateTime<Utc>,
    pub by: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactView {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub party: String,
    pub channel: String,
    pub reached: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteView {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub text: String,
    pub visibility: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExhibitView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// `client`, `freelancer` or `system`, as the feed said.
    pub submitter: String,
    pub name: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub at: DateTime<Utc>,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: String,
    /// platform, message, statement, desk or system: the timeline's filters.
    pub category: String,
    pub hash: String,
    /// The event's own fields (untrusted text from the feed included: show as text).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub body: serde_json::Value,
}

fn m(x: Money) -> String {
    x.to_string()
}

fn by_str(v: &impl Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn category(r: &Recorded) -> &'static str {
    match &r.event {
        CaseEvent::Platform(e) => match e.body {
            FeedEventBody::Message { .. } => "message",
            FeedEventBody::StatementSubmitted { .. } | FeedEventBody::DisputeFiled { .. } => {
                "statement"
            }
            _ => "platform",
        },
        CaseEvent::Desk(_) if r.actor == accord_core::Actor::System => "system",
        CaseEvent::Desk(_) => "desk",
    }
}

fn extension(e: &Extension) -> ExtensionView {
    ExtensionView {
        at: e.at,
        actor: e.actor.to_string(),
        days: e.days,
        reason: e.reason.clone(),
        due: e.due,
    }
}

/// Builds the CASE view of `s` as of `now` (which decides whether a clock
/// past due shows `expired`). `rows` and `events` are the same log.
pub fn case_view(
    s: &CaseState,
    rows: &[StoredEvent],
    events: &[Recorded],
    now: DateTime<Utc>,
) -> CaseView {
    let c = s.currency();
    let clocks = s
        .clocks
        .iter()
        .map(|cl| ClockView {
            name: cl.name.as_str().into(),
            started: cl.started,
            due: cl.due,
            state: cl.state_at(now).as_str().into(),
            waiting_for: cl
                .name
                .waiting_for()
                .iter()
                .map(|w| w.to_string())
                .collect(),
            unit: by_str(&s.policy.term(cl.name).unit),
            extensions: cl.extensions.iter().map(extension).collect(),
            specialist_days: cl.specialist_days(),
            specialist_limit: s.policy.specialist_extension_limit_days,
        })
        .collect();
    let recommendation = s.recommendation.as_ref().map(|r| RecommendationView {
        to_freelancer: m(r.to_freelancer),
        to_client: m(r.to_client),
        rationale: r.rationale.clone(),
        author: r.author.to_string(),
        issued_at: r.issued_at,
        review_required: r.review_required,
        approved_by: r.approved_by.as_ref().map(|a| a.to_string()),
        responses: r
            .responses
            .iter()
            .map(|(p, resp)| (p.as_str().into(), resp.decision.as_str().into()))
            .collect(),
    });
    let fees = s.fees.as_ref().map(|f| FeesView {
        provider: f.provider.clone(),
        total: m(f.total),
        shares: f
            .shares
            .iter()
            .map(|(p, x)| (p.as_str().into(), m(*x)))
            .collect(),
        paid: f
            .paid
            .iter()
            .map(|(p, x)| (p.as_str().into(), m(*x)))
            .collect(),
        refunded: f
            .refunded
            .iter()
            .map(|(p, x)| (p.as_str().into(), m(*x)))
            .collect(),
    });
    let mut exhibits = Vec::new();
    for (row, r) in rows.iter().zip(events) {
        if let CaseEvent::Platform(e) = &r.event {
            let submitter = match &e.body {
                FeedEventBody::WorkSubmitted { by, .. }
                | FeedEventBody::Message { by, .. }
                | FeedEventBody::StatementSubmitted { by, .. } => by_str(by),
                _ => String::new(),
            };
            for a in e.body.attachments() {
                exhibits.push(ExhibitView {
                    seq: row.seq,
                    at: r.at,
                    submitter: submitter.clone(),
                    name: a.name.clone(),
                    bytes: a.bytes,
                    sha256: a.sha256.clone(),
                });
            }
        }
    }
    let milestone = |ms: &Milestone| MilestoneView {
        id: ms.id.clone(),
        seq: ms.seq,
        title: ms.title.clone(),
        description: ms.description.clone(),
        amount: m(ms.amount.money(c)),
    };
    CaseView {
        id: s.id.clone(),
        contract: s.contract.id.clone(),
        title: s.contract.title.clone(),
        ground: s.ground.as_str().into(),
        policy: s.policy.id.clone(),
        status: s.status.as_str().into(),
        outcome: s.outcome.map(|o| o.as_str().into()),
        assigned_to: s.assigned_to.clone(),
        currency: c.code().into(),
        disputed: m(s.disputed),
        disputed_milestone: s.dispute_milestone.clone(),
        filed_at: s.filed_at,
        resolved_at: s.resolved_at,
        allocation: s.allocation.map(|a| AllocationView {
            to_freelancer: m(a.to_freelancer),
            to_client: m(a.to_client),
        }),
        ledger: LedgerView {
            funded: m(s.ledger.funded),
            released: m(s.ledger.released),
            refunded: m(s.ledger.refunded),
            in_escrow: m(s.ledger.in_escrow),
            charged_directly: m(s.ledger.charged_directly),
        },
        clocks,
        recommendation,
        fees,
        parties: PartiesView {
            client: PartyView {
                id: s.contract.client.id.clone(),
                name: s.contract.client.name.clone(),
                country: s.contract.client.country.clone(),
            },
            freelancer: PartyView {
                id: s.contract.freelancer.id.clone(),
                name: s.contract.freelancer.name.clone(),
                country: s.contract.freelancer.country.clone(),
            },
            agency: s.contract.freelancer.agency.clone(),
        },
        milestones: s.contract.milestones.iter().map(milestone).collect(),
        statements: s
            .statements
            .iter()
            .map(|st| StatementView {
                at: st.at,
                by: st.by.clone(),
                text: st.text.clone(),
            })
            .collect(),
        contact_attempts: s
            .contact_attempts
            .iter()
            .map(|a| ContactView {
                at: a.at,
                actor: a.actor.to_string(),
                party: a.party.as_str().into(),
                channel: a.channel.clone(),
                reached: a.reached,
                note: a.note.clone(),
            })
            .collect(),
        failed_client_contacts: s.failed_client_contacts,
        notes: s
            .notes
            .iter()
            .map(|n| NoteView {
                at: n.at,
                actor: n.actor.to_string(),
                text: n.text.clone(),
                visibility: by_str(&n.visibility),
            })
            .collect(),
        exhibits,
        events: rows
            .iter()
            .zip(events)
            .map(|(row, r)| EventView {
                seq: row.seq,
                at: row.at,
                kind: row.kind.clone(),
                actor: row.actor.clone(),
                category: category(r).into(),
                hash: row.hash.clone(),
                body: serde_json::from_str(&row.body).unwrap_or(serde_json::Value::Null),
            })
            .collect(),
        chain_head: rows.last().map(|r| r.hash.clone()).unwrap_or_default(),
        as_of: now,
    }
}
