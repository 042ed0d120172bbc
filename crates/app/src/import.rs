//! Importing a platform feed (spec/feed.md): all or nothing, idempotent.
//!
//! Each contract's feed events are kept once (for idempotence and for cases
//! opened by a later feed) and copied into the log of every case of that
//! contract, so a case's log alone rebuilds its ledger and timeline.

use std::collections::{BTreeSet, HashMap};

use accord_core::feed::{self, ContractMoneyState, FeedEvent, FeedEventBody};
use accord_core::{Actor, CaseState, PolicySet, Recorded};
use accord_store::{
    CaseAppend, ContractRecord, FeedEventRecord, ImportBatch, StoreError, StoredEvent,
};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::canonical;
use crate::chain::{link, sha256_hex};
use crate::codec::chained_text;
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

/// Rows for platform events appended to a case after `version`, chained from
/// `head`, each with its canonical body already encoded (the same text as
/// `codec::encode` gives a platform event, without encoding it again).
fn platform_rows(
    case_id: &str,
    version: i64,
    head: &str,
    events: &[(&FeedEvent, &str)],
) -> (Vec<StoredEvent>, String) {
    let actor = Actor::Platform.to_string();
    let mut head = head.to_string();
    let mut rows = Vec::with_capacity(events.len());
    for (i, (e, body)) in events.iter().enumerate() {
        let seq = version + 1 + i as i64;
        let kind = e.body.kind();
        let hash = link(&head, &chained_text(case_id, seq, e.at, kind, &actor, body));
        head.clone_from(&hash);
        rows.push(StoredEvent {
            case_id: case_id.to_string(),
            seq,
            at: e.at,
            kind: kind.to_string(),
            actor: actor.clone(),
            body: body.to_string(),
            hash,
        });
    }
    (rows, head)
}

/// A case opened by this import: its whole history so far, stored events
/// first (with their stored bodies), then this feed's new ones (whose bodies
/// are in the batch's feed event rows from `first_row` on, in order).
struct Opening<'a> {
    case_id: &'a str,
    contract: &'a feed::Contract,
    stored: Vec<(FeedEvent, String)>,
    new_idx: Vec<usize>,
    first_row: usize,
}

fn open_case(o: &Opening<'_>, feed_rows: &[FeedEventRecord], policies: &PolicySet) -> CaseAppend {
    let new_rows = &feed_rows[o.first_row..o.first_row + o.new_idx.len()];
    let events: Vec<(&FeedEvent, &str)> = o
        .stored
        .iter()
        .map(|(e, body)| (e, body.as_str()))
        .chain(
            o.new_idx
                .iter()
                .zip(new_rows)
                .map(|(&j, row)| (&o.contract.events[j], row.body.as_str())),
        )
        .collect();
    let (rows, head) = platform_rows(o.case_id, 0, "", &events);
    let history: Vec<Recorded> = events
        .iter()
        .map(|(e, _)| Recorded::platform((*e).clone()))
        .collect();
    let state = CaseState::fold(o.case_id, o.contract.header(), policies, &history);
    CaseAppend {
        case_id: o.case_id.to_string(),
        expected_version: 0,
        events: rows,
        summary: summarize(&state, &head),
    }
}

/// `f` over `items` on every core, results in the items' order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("an import worker panicked"))
            .collect()
    })
}

/// An append planned in order: ready, or a case to open (in parallel, later).
enum Planned<'a> {
    Ready(Box<CaseAppend>),
    Open(Opening<'a>),
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
        let mut planned: Vec<Planned<'_>> = Vec::new();
        let total = feed.contracts.len();
        // Canonical JSON and digests of every event, on every core.
        let mut encoded_all: Vec<Vec<Encoded>> = parallel_map(&feed.contracts, |c| {
            c.events.iter().map(encode_event).collect()
        });
        for (i, contract) in feed.contracts.iter().enumerate() {
            let cpath = format!("contracts[{i}]");
            let encoded = std::mem::take(&mut encoded_all[i]);
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

            // The contract's history so far, from the store (with the bodies as stored).
            let stored: Vec<(FeedEvent, String)> = if contract_known {
                self.store
                    .feed_events(&contract.id)
                    .await?
                    .into_iter()
                    .map(|r| {
                        serde_json::from_str(&r.body)
                            .map(|e| (e, r.body))
                            .map_err(|e| AppError::Storage(format!("feed event {}: {e}", r.id)))
                    })
                    .collect::<Result<_, _>>()?
            } else {
                Vec::new()
            };

            // Money rules over the whole history, new events checked at their paths.
            let mut money = ContractMoneyState::new(contract.currency);
            for (e, _) in &stored {
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
            let first_row = batch.feed_events.len();
            let mut encoded: Vec<Option<Encoded>> = encoded.into_iter().map(Some).collect();
            for (k, &j) in new_idx.iter().enumerate() {
                let e = &contract.events[j];
                let Encoded { body, digest } = encoded[j].take().expect("each new event once");
                batch.feed_events.push(FeedEventRecord {
                    id: e.id.clone(),
                    contract_id: contract.id.clone(),
                    ordinal: first_ordinal + k as i64,
                    at: e.at,
                    kind: e.body.kind().into(),
                    digest,
                    body,
                });
            }
            batch.contracts.push(ContractRecord {
                id: contract.id.clone(),
                currency: contract.currency.code().into(),
                body: header_json,
            });
            report.events_added += new_idx.len();

            // Existing cases get the new events; new disputes open cases with the whole history.
            if !loaded.is_empty() {
                let new_events: Vec<(&FeedEvent, &str)> = new_idx
                    .iter()
                    .zip(&batch.feed_events[first_row..])
                    .map(|(&j, row)| (&contract.events[j], row.body.as_str()))
                    .collect();
                for l in loaded {
                    let (rows, head) = platform_rows(
                        &l.summary.id,
                        l.summary.version,
                        &l.summary.chain_head,
                        &new_events,
                    );
                    let mut state = l.state;
                    for (e, _) in &new_events {
                        state.apply(&Recorded::platform((*e).clone()));
                    }
                    planned.push(Planned::Ready(Box::new(CaseAppend {
                        case_id: l.summary.id.clone(),
                        expected_version: l.summary.version,
                        events: rows,
                        summary: summarize(&state, &head),
                    })));
                    report.cases_updated += 1;
                }
            }
            let opened: BTreeSet<&str> = new_idx
                .iter()
                .filter_map(|&j| match &contract.events[j].body {
                    FeedEventBody::DisputeFiled { dispute, .. } => Some(dispute.as_str()),
                    _ => None,
                })
                .collect();
            for case_id in opened {
                let stored = stored.clone();
                let new_idx = new_idx.clone();
                planned.push(Planned::Open(Opening {
                    case_id,
                    contract,
                    stored,
                    new_idx,
                    first_row,
                }));
                report.cases_opened += 1;
            }
            if i % 1000 == 999 {
                progress(ImportProgress::Checked { done: i + 1, total });
            }
        }
        // New cases: chain and fold each one's history, on every core.
        let policies = &self.policies;
        let openings: Vec<&Opening<'_>> = planned
            .iter()
            .filter_map(|p| match p {
                Planned::Open(o) => Some(o),
                Planned::Ready(_) => None,
            })
            .collect();
        let feed_rows = &batch.feed_events;
        let mut opened = parallel_map(&openings, |o| open_case(o, feed_rows, policies)).into_iter();
        batch.appends = planned
            .into_iter()
            .map(|p| match p {
                Planned::Ready(a) => *a,
                Planned::Open(..) => opened.next().expect("one append per opened case"),
            })
            .collect();
        progress(ImportProgress::Checked { done: total, total });
        Ok((batch, report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::encode;

    /// The rows an import writes for a new case are exactly `codec::encode`'s,
    /// though each body is encoded once for the feed row and the case row.
    #[test]
    fn platform_rows_are_codec_rows() {
        let now = "2026-03-02T09:00:00Z".parse().unwrap();
        for c in crate::demo::contracts(3, 1..40, now, &PolicySet::builtin()).unwrap() {
            let encoded: Vec<Encoded> = c.events.iter().map(encode_event).collect();
            let events: Vec<(&FeedEvent, &str)> = c
                .events
                .iter()
                .zip(&encoded)
                .map(|(e, x)| (e, x.body.as_str()))
                .collect();
            let recorded: Vec<Recorded> =
                c.events.iter().cloned().map(Recorded::platform).collect();
            assert_eq!(
                platform_rows("D-1", 0, "", &events),
                encode("D-1", 0, "", &recorded)
            );
            assert_eq!(
                platform_rows("D-1", 4, "ab", &events[1..]),
                encode("D-1", 4, "ab", &recorded[1..])
            );
        }
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            parallel_map(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
    }
}
