//! Acting on a case, and sweeping clocks. Defaults that fell due are recorded
//! before the action is decided, and stay recorded even when it is refused.

use accord_core::{decide, sweep, Action, Actor, CaseState, Recorded};
use accord_store::{CaseAppend, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::codec::encode;
use crate::summary::summarize;
use crate::view::{case_view, CaseView};
use crate::{App, AppError, Loaded};

/// How many times an action is decided again after another writer got there first.
const CONFLICT_RETRIES: usize = 3;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActResult {
    /// Events recorded, defaults applied first included.
    pub recorded: Vec<RecordedView>,
    pub case: CaseView,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub at: DateTime<Utc>,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: String,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SweepReport {
    pub cases_checked: usize,
    pub cases_changed: usize,
    pub events_recorded: usize,
}

impl App {
    /// Appends `events` to a loaded case; returns the new rows.
    async fn append(
        &self,
        l: &Loaded,
        events: &[Recorded],
    ) -> Result<Vec<accord_store::StoredEvent>, StoreError> {
        let (rows, head) = encode(
            &l.summary.id,
            l.summary.version,
            &l.summary.chain_head,
            events,
        );
        let mut state = l.state.clone();
        for e in events {
            state.apply(e);
        }
        self.store
            .append(CaseAppend {
                case_id: l.summary.id.clone(),
                expected_version: l.summary.version,
                events: rows.clone(),
                summary: summarize(&state, &head),
            })
            .await?;
        Ok(rows)
    }

    /// `actor` does `action` on `case_id` at `now`.
    pub async fn act(
        &self,
        case_id: &str,
        action: &Action,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ActResult, AppError> {
        let mut last_conflict = None;
        for _ in 0..CONFLICT_RETRIES {
            let l = self.load(case_id).await?;
            let defaults = sweep(&l.state, now);
            let mut swept = l.state.clone();
            for e in &defaults {
                swept.apply(e);
            }
            let (events, refusal) = match decide(&swept, action, actor, now) {
                Ok(mut evs) => {
                    let mut all = defaults;
                    all.append(&mut evs);
                    (all, None)
                }
                Err(r) => (defaults, Some(r)),
            };
            let rows = if events.is_empty() {
                Vec::new()
            } else {
                match self.append(&l, &events).await {
                    Ok(rows) => rows,
                    Err(e @ StoreError::Conflict { .. }) => {
                        last_conflict = Some(e);
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            if let Some(r) = refusal {
                return Err(AppError::Refused(r));
            }
            let contract = l.state.contract.clone();
            let mut all_rows = l.rows;
            all_rows.extend(rows.iter().cloned());
            let mut all_events = l.events;
            all_events.extend(events);
            let after = CaseState::fold(case_id, contract, &self.policies, &all_events);
            return Ok(ActResult {
                recorded: rows
                    .iter()
                    .map(|r| RecordedView {
                        seq: r.seq,
                        at: r.at,
                        kind: r.kind.clone(),
                        actor: r.actor.clone(),
                    })
                    .collect(),
                case: case_view(&after, &all_rows, &all_events, now),
            });
        }
        Err(last_conflict
            .map(AppError::from)
            .unwrap_or_else(|| AppError::Conflict(format!("case {case_id} kept changing"))))
    }

    /// Applies every expired clock's default on one case.
    pub async fn sweep_case(&self, case_id: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
        for _ in 0..CONFLICT_RETRIES {
            let l = self.load(case_id).await?;
            let events = sweep(&l.state, now);
            if events.is_empty() {
                return Ok(0);
            }
            match self.append(&l, &events).await {
                Ok(_) => return Ok(events.len()),
                Err(StoreError::Conflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict(format!(
            "case {case_id} kept changing during the sweep"
        )))
    }

    /// Applies every expired clock's default on every case (actor: system).
    pub async fn sweep_all(&self, now: DateTime<Utc>) -> Result<SweepReport, AppError> {
        let ids = self.store.due_case_ids(now).await?;
        let mut report = SweepReport {
            cases_checked: ids.len(),
            ..SweepReport::default()
        };
        for id in ids {
            let n = self.sweep_case(&id, now).await?;
            if n > 0 {
                report.cases_changed += 1;
                report.events_recorded += n;
            }
        }
        Ok(report)
    }
}

/// An event an action would record, shown before anything is written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewEvent {
    pub at: DateTime<Utc>,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub body: serde_json::Value,
}

impl App {
    /// What `action` would record now, without recording it: the desk shows
    /// the allocation of a money-moving outcome before asking to confirm.
    pub async fn preview(
        &self,
        case_id: &str,
        action: &Action,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Vec<PreviewEvent>, AppError> {
        let l = self.load(case_id).await?;
        let events = decide(&l.state, action, actor, now)?;
        Ok(events
            .iter()
            .map(|r| PreviewEvent {
                at: r.at,
                kind: r.event.kind().into(),
                actor: r.actor.to_string(),
                body: r.body_json(),
            })
            .collect())
    }

    /// The kinds of action `actor` may start on the case at `now` (defaults
    /// that fell due are taken into account, not written).
    pub async fn available_actions(
        &self,
        case_id: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, AppError> {
        let l = self.load(case_id).await?;
        let mut state = l.state;
        for e in sweep(&state, now) {
            state.apply(&e);
        }
        Ok(accord_core::available(&state, actor)
            .into_iter()
            .map(str::to_string)
            .collect())
    }
}
