//! Between the core's recorded events and the store's rows, linking each row
//! into the case's audit chain as it goes.

use accord_core::{Actor, Recorded};
use accord_store::StoredEvent;
use chrono::{DateTime, SecondsFormat, Utc};

use crate::canonical;
use crate::chain::link;
use crate::error::AppError;

/// The exact text the chain hashes for a stored row: the canonical JSON of
/// `{actor, at, body, case, seq, type}` with the row's body text as stored
/// (itself canonical JSON), so any byte changed in the row changes the hash.
pub fn chained_text(
    case_id: &str,
    seq: i64,
    at: DateTime<Utc>,
    kind: &str,
    actor: &str,
    body: &str,
) -> String {
    let s = |v: &str| serde_json::Value::String(v.to_string()).to_string();
    format!(
        "{{\"actor\":{},\"at\":{},\"body\":{},\"case\":{},\"seq\":{},\"type\":{}}}",
        s(actor),
        s(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        body,
        s(case_id),
        seq,
        s(kind)
    )
}

/// Turns recorded events into rows after `version`, chained from `head`.
/// Returns the rows and the new head.
pub fn encode(
    case_id: &str,
    version: i64,
    head: &str,
    events: &[Recorded],
) -> (Vec<StoredEvent>, String) {
    let mut head = head.to_string();
    let mut rows = Vec::with_capacity(events.len());
    for (i, r) in events.iter().enumerate() {
        let seq = version + 1 + i as i64;
        let body = canonical::to_string(&r.body_json());
        let kind = r.event.kind();
        let actor = r.actor.to_string();
        let hash = link(
            &head,
            &chained_text(case_id, seq, r.at, kind, &actor, &body),
        );
        head = hash.clone();
        rows.push(StoredEvent {
            case_id: case_id.to_string(),
            seq,
            at: r.at,
            kind: kind.to_string(),
            actor,
            body,
            hash,
            copy_of: None,
        });
    }
    (rows, head)
}

pub fn decode(row: &StoredEvent) -> Result<Recorded, AppError> {
    let bad =
        |why: String| AppError::Storage(format!("case {} event {}: {why}", row.case_id, row.seq));
    let actor: Actor = row
        .actor
        .parse()
        .map_err(|e: accord_core::actor::ActorError| bad(e.to_string()))?;
    Recorded::from_stored(row.at, actor, &row.body).map_err(bad)
}

/// Adds `more` events to a planned append (a case being created or extended
/// in the same batch), continuing its chain; `state` is the case after them.
pub(crate) fn extend_append(
    append: &mut accord_store::CaseAppend,
    state: &accord_core::CaseState,
    more: &[Recorded],
) {
    let version = append.expected_version + append.events.len() as i64;
    let head = append
        .events
        .last()
        .map(|r| r.hash.clone())
        .unwrap_or_else(|| append.summary.chain_head.clone());
    let (rows, head) = encode(&append.case_id, version, &head, more);
    append.events.extend(rows);
    append.summary = crate::summary::summarize(state, &head);
}
