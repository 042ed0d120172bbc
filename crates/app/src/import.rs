//! Importing a platform feed (spec/feed.md): all or nothing, idempotent.
//!
//! Each contract's feed events are kept once (for idempotence and for cases
//! opened by a later feed) and copied into the log of every case of that
//! contract, so a case's log alone rebuilds its ledger and timeline.

use std::collections::{BTreeSet, HashMap};

use accord_core::feed::{self, ContractMoneyState, FeedEvent, FeedEventBody};
use accord_core::{Actor, CaseState, Recorded};
use accord_store::{CaseAppend, ContractRecord, FeedEventRecord, ImportBatch, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::canonical;
use crate::chain::sha256_hex;
use crate::codec::encode;
use crate::summary::summarize;
use crate::{App, AppError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub contracts: usize,
    pub new_contracts: usize,
    pub events_added: usize,
    pub events_already_known: usize,
    pub cases_opened: usize,
    pub cases_updated: usize,
}

/// Where a long import is, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum ImportProgress {
    Parsed { contracts: usize },
    Checked { done: usize, total: usize },
    Writing { events: usize },
    Done,
}

/// A feed event in its stored form: canonical JSON and its digest.
struct Encoded {
    body: String,
    digest: String,
}

fn encode_event(e: &FeedEvent) -> Encoded {
    let value = serde_json::to_value(e).expect("feed events serialize");
    let body = canonical::to_string(&value);
    let digest = sha256_hex(body.as_bytes());
    Encoded { body, digest }
}

impl App {
    /// Imports `bytes` (an `accord.feed/1` document). `_actor` and `_now` are
    /// taken for the record and for symmetry with the other use cases; a feed
    /// carries its own times and decides nothing at the desk.
    pub async fn import(
        &self,
        bytes: &[u8],
        _actor: &Actor,
        _now: DateTime<Utc>,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportReport, AppError> {
        let feed = feed::parse(bytes).map_err(|e| AppError::invalid(e.path, e.rule, e.message))?;
        progress(ImportProgress::Parsed {
            contracts: feed.contracts.len(),
        });
        let (batch, report) = self.plan_import(&feed, progress).await?;
        self.write_import(batch, progress).await?;
        Ok(report)
    }

    /// Writes a planned import in one transaction.
    pub(crate) async fn write_import(
        &self,
        batch: ImportBatch,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<(), AppError> {
        let writing: usize =
            batch.feed_events.len() + batch.appends.iter().map(|a| a.events.len()).sum::<usize>();
        progress(ImportProgress::Writing { events: writing });
        if !batch.contracts.is_empty() || !batch.appends.is_empty() {
            self.store.import(batch).await.map_err(|e| match e {
                StoreError::Conflict { case_id, .. } | StoreError::Duplicate(case_id) => AppError::invalid(
                    "contracts",
                    "duplicate_id",
                    format!("case {case_id} already exists (a dispute id is unique), or changed during the import; nothing was imported"),
                ),
                other => other.into(),
            })?;
        }
        progress(ImportProgress::Done);
        Ok(())
    }

    /// Checks a parsed feed against the store and plans every row it adds.
    pub(crate) async fn plan_import(
        &self,
        feed: &feed::Feed,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<(ImportBatch, ImportReport), AppError> {
        // What the store already holds of these events, by id (ids are unique across contracts).
        let all_ids: Vec<String> = feed
            .contracts
            .iter()
            .flat_map(|c| c.events.iter().map(|e| e.id.clone()))
            .collect();
        let known = self.store.feed_events_by_id(&all_ids).await?;
        let contract_ids: Vec<String> = feed.contracts.iter().map(|c| c.id.clone()).collect();
        let mut cases_by_contract: HashMap<String, Vec<String>> = HashMap::new();
        for (case, contract) in self.store.cases_of_contracts(&contract_ids).await? {
            cases_by_contract.entry(contract).or_default().push(case);
        }

        let mut report = ImportReport {
            contracts: feed.contracts.len(),
            ..ImportReport::default()
        };
        let mut batch = ImportBatch::default();
        let total = feed.contracts.len();
        for (i, contract) in feed.contracts.iter().enumerate() {
            let cpath = format!("contracts[{i}]");
            let encoded: Vec<Encoded> = contract.events.iter().map(encode_event).collect();
            let mut new_idx = Vec::new();
            for (j, (e, enc)) in contract.events.iter().zip(&encoded).enumerate() {
                match known.get(&e.id) {
                    None => new_idx.push(j),
                    Some((other, _)) if other != &contract.id => {
                        return Err(AppError::invalid(
                            format!("{cpath}.events[{j}].id"),
                            "duplicate_id",
                            format!("event id {} already belongs to contract {other}", e.id),
                        ));
                    }
                    Some((_, digest)) if digest != &enc.digest => {
                        return Err(AppError::invalid(
                            format!("{cpath}.events[{j}]"),
                            "event_conflict",
                            format!("event {} was imported before with different content; feeds never change an event", e.id),
                        ));
                    }
                    Some(_) => report.events_already_known += 1,
                }
            }
            let contract_known = new_idx.len() < contract.events.len()
                || cases_by_contract.contains_key(&contract.id);
            let header = contract.header();
            let header_json = serde_json::to_string(&header).expect("headers serialize");
            if !contract_known {
                report.new_contracts += 1;
            }
            if new_idx.is_empty() {
                if !contract_known {
                    batch.contracts.push(ContractRecord {
                        id: contract.id.clone(),
                        currency: contract.currency.code().into(),
                        body: header_json,
                    });
                }
                continue;
            }

            // The contract's history so far, from the store.
            let stored: Vec<FeedEvent> = if contract_known {
                self.store
                    .feed_events(&contract.id)
                    .await?
                    .iter()
                    .map(|r| {
                        serde_json::from_str(&r.body)
                            .map_err(|e| AppError::Storage(format!("feed event {}: {e}", r.id)))
                    })
                    .collect::<Result<_, _>>()?
            } else {
                Vec::new()
            };

            // Money rules over the whole history, new events checked at their paths.
            let mut money = ContractMoneyState::new(contract.currency);
            for e in &stored {
                money
                    .apply(e, "(stored)")
                    .map_err(|e| AppError::Storage(e.to_string()))?;
            }
            let existing_cases = cases_by_contract
                .get(&contract.id)
                .cloned()
                .unwrap_or_default();
            let mut loaded = Vec::new();
            for case_id in &existing_cases {
                let l = self.load(case_id).await?;
                if let Some(a) = l.state.allocation {
                    money.settle(case_id, a.to_freelancer, a.to_client);
                }
                loaded.push(l);
            }
            for &j in &new_idx {
                money
                    .apply(&contract.events[j], &format!("{cpath}.events[{j}]"))
                    .map_err(|e| AppError::invalid(e.path, e.rule, e.message))?;
            }

            let first_ordinal = stored.len() as i64 + 1;
            for (k, &j) in new_idx.iter().enumerate() {
                let e = &contract.events[j];
                batch.feed_events.push(FeedEventRecord {
                    id: e.id.clone(),
                    contract_id: contract.id.clone(),
                    ordinal: first_ordinal + k as i64,
                    at: e.at,
                    kind: e.body.kind().into(),
                    digest: encoded[j].digest.clone(),
                    body: encoded[j].body.clone(),
                });
            }
            batch.contracts.push(ContractRecord {
                id: contract.id.clone(),
                currency: contract.currency.code().into(),
                body: header_json,
            });
            report.events_added += new_idx.len();

            // Existing cases get the new events; new disputes open cases with the whole history.
            let new_events: Vec<Recorded> = new_idx
                .iter()
                .map(|&j| Recorded::platform(contract.events[j].clone()))
                .collect();
            for l in loaded {
                let (rows, head) = encode(
                    &l.summary.id,
                    l.summary.version,
                    &l.summary.chain_head,
                    &new_events,
                );
                let mut state = l.state;
                for e in &new_events {
                    state.apply(e);
                }
                batch.appends.push(CaseAppend {
                    case_id: l.summary.id.clone(),
                    expected_version: l.summary.version,
                    events: rows,
                    summary: summarize(&state, &head),
                });
                report.cases_updated += 1;
            }
            let opened: BTreeSet<&str> = new_idx
                .iter()
                .filter_map(|&j| match &contract.events[j].body {
                    FeedEventBody::DisputeFiled { dispute, .. } => Some(dispute.as_str()),
                    _ => None,
                })
                .collect();
            if !opened.is_empty() {
                let history: Vec<Recorded> = stored
                    .into_iter()
                    .map(Recorded::platform)
                    .chain(new_events.iter().cloned())
                    .collect();
                for case_id in opened {
                    let (rows, head) = encode(case_id, 0, "", &history);
                    let state = CaseState::fold(case_id, header.clone(), &self.policies, &history);
                    batch.appends.push(CaseAppend {
                        case_id: case_id.to_string(),
                        expected_version: 0,
                        events: rows,
                        summary: summarize(&state, &head),
                    });
                    report.cases_opened += 1;
                }
            }
            if i % 1000 == 999 {
                progress(ImportProgress::Checked { done: i + 1, total });
            }
        }
        progress(ImportProgress::Checked { done: total, total });
        Ok((batch, report))
    }
}
