//! Importing a platform feed (spec/feed.md): all or nothing, idempotent.
//!
//! Each contract's feed events are kept once (for idempotence and for cases
//! opened by a later feed) and copied into the log of every case of that
//! contract, so a case's log alone rebuilds its ledger and timeline.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use accord_core::feed::{self, ContractMoneyState, FeedEvent, FeedEventBody};
use accord_core::{Actor, CaseState, PolicySet, Recorded};
use accord_store::{
    CaseAppend, ContractRecord, FeedEventRecord, ImportBatch, StoreError, StoredEvent,
};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::background::{parallel_map, spawn_low};
use crate::canonical;
use crate::chain::{link, sha256_hex};
use crate::codec::chained_text;
use crate::summary::summarize;
use crate::{App, AppError, Loaded};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
            // The store copies at, kind and body from the feed row.
            copy_of: Some(e.id.clone()),
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

/// An append planned in order: ready, or a case to open (in parallel, later).
enum Planned<'a> {
    Ready(Box<CaseAppend>),
    Open(Opening<'a>),
}

/// Contracts planned per part of an import.
pub const PART: usize = 10_000;

/// Contracts per part read by the parser of an import streamed as it is
/// parsed: the first is planned alone, so that writing starts soon after
/// reading does; the next are gathered into parts of [`PART`].
pub const STREAMED_PART: usize = 1_000;

/// A contract's stored feed events (with their stored bodies) and its cases.
type History = (Vec<(FeedEvent, String)>, Vec<Loaded>);

/// What the store held of a feed before the import: read up front, so that
/// planning reads nothing while the import's transaction is open.
#[derive(Default)]
pub(crate) struct Known {
    /// Stored feed events among the feed's ids: id -> (contract id, digest).
    /// (An event id is unique across contracts.)
    events: HashMap<String, (String, String)>,
    cases_by_contract: HashMap<String, Vec<String>>,
    /// For contracts with a stored history and new events: the stored
    /// events (with their stored bodies) and the contract's cases.
    history: HashMap<String, History>,
}

fn store_error(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict { case_id, .. } | StoreError::Duplicate(case_id) => AppError::invalid(
            "contracts",
            "duplicate_id",
            format!("case {case_id} already exists (a dispute id is unique), or changed during the import; nothing was imported"),
        ),
        other => other.into(),
    }
}

/// The writing end of a streamed import: parts go to the store's one
/// transaction while the next ones are planned.
pub(crate) struct ImportWriter {
    parts: Option<tokio::sync::mpsc::Sender<Result<ImportBatch, String>>>,
    writer: Option<tokio::task::JoinHandle<Result<(), StoreError>>>,
    store: std::sync::Arc<dyn accord_store::Store>,
    /// Events sent so far (feed events and case events).
    pub(crate) events: usize,
}

impl ImportWriter {
    pub(crate) fn new(app: &App) -> ImportWriter {
        ImportWriter {
            parts: None,
            writer: None,
            store: app.store.clone(),
            events: 0,
        }
    }

    /// Sends a planned part (the transaction begins with the first).
    /// Returns false when the writer has stopped (its error is in `finish`).
    pub(crate) async fn send(&mut self, part: ImportBatch) -> bool {
        if part.contracts.is_empty() && part.appends.is_empty() {
            return true;
        }
        self.events +=
            part.feed_events.len() + part.appends.iter().map(|a| a.events.len()).sum::<usize>();
        if self.parts.is_none() {
            let (tx, rx) = tokio::sync::mpsc::channel(1);
            let store = self.store.clone();
            self.writer = Some(tokio::spawn(async move { store.import_stream(rx).await }));
            self.parts = Some(tx);
        }
        match &self.parts {
            Some(tx) => tx.send(Ok(part)).await.is_ok(),
            None => false,
        }
    }

    /// Ends the import: commits everything sent, or, when `planned` is an
    /// error, aborts it (nothing is written) and returns that error.
    pub(crate) async fn finish(mut self, planned: Result<(), AppError>) -> Result<(), AppError> {
        if let (Err(e), Some(tx)) = (&planned, &self.parts) {
            let _ = tx.send(Err(e.to_string())).await;
        }
        drop(self.parts.take());
        let written = match self.writer.take() {
            Some(w) => w
                .await
                .map_err(|e| AppError::Io(format!("the import's writer stopped: {e}")))?,
            None => Ok(()),
        };
        planned?;
        written.map_err(store_error)
    }
}

impl App {
    /// Imports `bytes` (an `accord.feed/1` document). `_actor` and `_now` are
    /// taken for the record and for symmetry with the other use cases; a feed
    /// carries its own times and decides nothing at the desk.
    ///
    /// One transaction, all or nothing; it is fed in parts of [`PART`]
    /// contracts, each planned while the ones before it are being written.
    pub async fn import(
        &self,
        bytes: &[u8],
        _actor: &Actor,
        _now: DateTime<Utc>,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportReport, AppError> {
        self.import_feed(Cow::Borrowed(bytes), progress).await
    }

    /// [`App::import`] of a feed the caller owns (read from a file): a large
    /// first import then reads it where it is, without a copy.
    pub async fn import_owned(
        &self,
        bytes: Vec<u8>,
        _actor: &Actor,
        _now: DateTime<Utc>,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportReport, AppError> {
        self.import_feed(Cow::Owned(bytes), progress).await
    }

    /// Streamed into an empty store (nothing to look up), else planned from
    /// the whole parsed feed against what the store holds.
    async fn import_feed(
        &self,
        bytes: Cow<'_, [u8]>,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportReport, AppError> {
        if self.store.is_empty().await? {
            let bytes = Arc::new(bytes.into_owned());
            return self
                .import_streamed(bytes, STREAMED_PART, PART, progress)
                .await;
        }
        self.import_in_parts(&bytes, PART, progress).await
    }

    /// [`App::import`] into a store that holds nothing yet (checked just
    /// before): there is nothing to look up, so each part is planned and
    /// written while the parser, on its own thread, reads the next, and the
    /// store's transaction begins as soon as the first part is read. A
    /// refused feed is reported as [`App::import_in_parts`] reports it (the
    /// parser's first broken rule before any planning rule), and nothing is
    /// written.
    ///
    /// Should another writer fill the store between that check and this
    /// import's first write, the import fails on its duplicate ids or case
    /// versions (`duplicate_id`) and writes nothing.
    pub(crate) async fn import_streamed(
        &self,
        bytes: Arc<Vec<u8>>,
        part: usize,
        plan_part: usize,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportReport, AppError> {
        let part = part.max(1);
        // Room for a whole planned part: the parser reads ahead while the
        // previous part is planned, instead of waiting for it.
        let (parts_tx, mut parts) =
            tokio::sync::mpsc::channel::<Vec<feed::Contract>>(plan_part.div_ceil(part).max(1));
        let parser = spawn_low("accord-parse", {
            let bytes = bytes.clone();
            move || feed::parse_in_parts(&bytes, part, &mut |p| parts_tx.blocking_send(p).is_ok())
        })
        .map_err(|e| AppError::Io(format!("cannot start the feed's parser: {e}")))?;
        // The total, for progress, counted beside the parser (a scan of the
        // whole feed: planning must not wait for it).
        let mut counting = Some(
            spawn_low("accord-count", {
                let bytes = bytes.clone();
                move || feed::count_contracts(&bytes)
            })
            .map_err(|e| AppError::Io(format!("cannot start counting the feed: {e}")))?,
        );
        let mut total = 0;
        let mut known = Known::default();
        let mut report = ImportReport::default();
        let mut writer = ImportWriter::new(self);
        let (mut planned, mut writing) = (Ok(()), true);
        // Contracts read (and planned, or waiting in `pending` to be).
        let (mut offset, mut pending) = (0, Vec::new());
        let mut next_size = part;
        loop {
            let read = parts.recv().await;
            let end = read.is_none();
            if counting.as_ref().is_some_and(|c| end || c.is_finished()) {
                if let Some(Ok(n)) = counting.take().map(|c| c.join()) {
                    total = n;
                    progress(ImportProgress::Parsed { contracts: n });
                }
            }
            if let Some(contracts) = read {
                offset += contracts.len();
                // After a failure the parser still reads to the end: its
                // rule, if it finds one, comes first, as in a feed parsed whole.
                if planned.is_ok() && writing {
                    pending.extend(contracts);
                }
            }
            // The first part alone, so that writing starts soon; then parts
            // twice as large each time, up to `plan_part` (fewer and larger
            // for the writer): each is planned while the one before, half
            // its size, is written, so the writer seldom waits.
            if !pending.is_empty() && (end || pending.len() >= next_size) {
                next_size = (next_size * 2).min(plan_part.max(part));
                let contracts = std::mem::take(&mut pending);
                match self.plan_part(
                    &contracts,
                    offset - contracts.len(),
                    &mut known,
                    &mut report,
                    total.max(offset),
                    progress,
                ) {
                    Ok(batch) => writing = writer.send(batch).await,
                    Err(e) => planned = Err(e),
                }
            }
            if end {
                break;
            }
        }
        // The channel has closed: the parser has returned (or panicked).
        let parsed = parser
            .join()
            .map_err(|_| AppError::Io("the feed's parser stopped".into()))?;
        if let Err(e) = parsed {
            planned = Err(AppError::invalid(e.path, e.rule, e.message));
        }
        report.contracts = offset;
        progress(ImportProgress::Checked {
            done: offset,
            total: offset,
        });
        progress(ImportProgress::Writing {
            events: writer.events,
        });
        writer.finish(planned).await?;
        progress(ImportProgress::Done);
        Ok(report)
    }

    /// [`App::import`] with parts of `part` contracts.
    pub(crate) async fn import_in_parts(
        &self,
        bytes: &[u8],
        part: usize,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportReport, AppError> {
        let feed = feed::parse(bytes).map_err(|e| AppError::invalid(e.path, e.rule, e.message))?;
        let total = feed.contracts.len();
        progress(ImportProgress::Parsed { contracts: total });
        let mut known = self.known(&feed.contracts).await?;
        let mut report = ImportReport {
            contracts: total,
            ..ImportReport::default()
        };
        let mut writer = ImportWriter::new(self);
        let mut planned = Ok(());
        for (k, contracts) in feed.contracts.chunks(part.max(1)).enumerate() {
            match self.plan_part(
                contracts,
                k * part.max(1),
                &mut known,
                &mut report,
                total,
                progress,
            ) {
                Ok(part) => {
                    if !writer.send(part).await {
                        break;
                    }
                }
                Err(e) => {
                    planned = Err(e);
                    break;
                }
            }
        }
        drop(feed);
        progress(ImportProgress::Checked { done: total, total });
        progress(ImportProgress::Writing {
            events: writer.events,
        });
        writer.finish(planned).await?;
        progress(ImportProgress::Done);
        Ok(report)
    }

    /// Reads what the store holds of these contracts (see [`Known`]).
    pub(crate) async fn known(&self, contracts: &[feed::Contract]) -> Result<Known, AppError> {
        let all_ids: Vec<String> = contracts
            .iter()
            .flat_map(|c| c.events.iter().map(|e| e.id.clone()))
            .collect();
        let events = self.store.feed_events_by_id(&all_ids).await?;
        let contract_ids: Vec<String> = contracts.iter().map(|c| c.id.clone()).collect();
        let mut cases_by_contract: HashMap<String, Vec<String>> = HashMap::new();
        for (case, contract) in self.store.cases_of_contracts(&contract_ids).await? {
            cases_by_contract.entry(contract).or_default().push(case);
        }
        let mut history = HashMap::new();
        for c in contracts {
            let has_new = c.events.iter().any(|e| !events.contains_key(&e.id));
            let stored_before = c.events.iter().any(|e| events.contains_key(&e.id))
                || cases_by_contract.contains_key(&c.id);
            if !(has_new && stored_before) || history.contains_key(&c.id) {
                continue;
            }
            let stored: Vec<(FeedEvent, String)> = self
                .store
                .feed_events(&c.id)
                .await?
                .into_iter()
                .map(|r| {
                    serde_json::from_str(&r.body)
                        .map(|e| (e, r.body))
                        .map_err(|e| AppError::Storage(format!("feed event {}: {e}", r.id)))
                })
                .collect::<Result<_, _>>()?;
            let mut loaded = Vec::new();
            for case_id in cases_by_contract.get(&c.id).into_iter().flatten() {
                loaded.push(self.load(case_id).await?);
            }
            history.insert(c.id.clone(), (stored, loaded));
        }
        Ok(Known {
            events,
            cases_by_contract,
            history,
        })
    }

    /// Checks `contracts` (at `offset` in the feed, of `total`) against what
    /// the store held, and plans every row they add. Reads nothing.
    pub(crate) fn plan_part(
        &self,
        contracts: &[feed::Contract],
        offset: usize,
        known: &mut Known,
        report: &mut ImportReport,
        total: usize,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportBatch, AppError> {
        let mut batch = ImportBatch::default();
        let mut planned: Vec<Planned<'_>> = Vec::new();
        // Canonical JSON and digests of every event, on every core.
        let mut encoded_all: Vec<Vec<Encoded>> =
            parallel_map(contracts, |c| c.events.iter().map(encode_event).collect());
        for (k, contract) in contracts.iter().enumerate() {
            let i = offset + k;
            // Before anything can `continue`: a contract already known
            // counts as checked too.
            if i > 0 && i.is_multiple_of(1000) {
                progress(ImportProgress::Checked { done: i, total });
            }
            let cpath = format!("contracts[{i}]");
            let encoded = std::mem::take(&mut encoded_all[k]);
            let mut new_idx = Vec::new();
            for (j, (e, enc)) in contract.events.iter().zip(&encoded).enumerate() {
                match known.events.get(&e.id) {
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
                || known.cases_by_contract.contains_key(&contract.id);
            let header_json = serde_json::to_string(&contract.header()).expect("headers serialize");
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

            // The contract's history so far, as the store held it.
            let (stored, loaded) = if contract_known {
                known.history.remove(&contract.id).unwrap_or_default()
            } else {
                Default::default()
            };

            // Money rules over the whole history, new events checked at their paths.
            let mut money = ContractMoneyState::new(contract.currency);
            for (e, _) in &stored {
                money
                    .apply(e, "(stored)")
                    .map_err(|e| AppError::Storage(e.to_string()))?;
            }
            for l in &loaded {
                if let Some(a) = l.state.allocation {
                    money.settle(&l.summary.id, a.to_freelancer, a.to_client);
                }
            }
            for &j in &new_idx {
                money
                    .apply(&contract.events[j], &format!("{cpath}.events[{j}]"))
                    .map_err(|e| AppError::invalid(e.path, e.rule, e.message))?;
            }

            let first_ordinal = stored.len() as i64 + 1;
            let first_row = batch.feed_events.len();
            let mut encoded: Vec<Option<Encoded>> = encoded.into_iter().map(Some).collect();
            for (n, &j) in new_idx.iter().enumerate() {
                let e = &contract.events[j];
                let Encoded { body, digest } = encoded[j].take().expect("each new event once");
                batch.feed_events.push(FeedEventRecord {
                    id: e.id.clone(),
                    contract_id: contract.id.clone(),
                    ordinal: first_ordinal + n as i64,
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
        Ok(batch)
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
            // The same rows, but for the feed events they copy.
            let rows = |(rows, head): (Vec<StoredEvent>, String), from: usize| {
                for (row, e) in rows.iter().zip(&c.events[from..]) {
                    assert_eq!(row.copy_of.as_deref(), Some(e.id.as_str()));
                }
                let plain = rows.into_iter().map(|r| StoredEvent { copy_of: None, ..r });
                (plain.collect::<Vec<_>>(), head)
            };
            assert_eq!(
                rows(platform_rows("D-1", 0, "", &events), 0),
                encode("D-1", 0, "", &recorded)
            );
            assert_eq!(
                rows(platform_rows("D-1", 4, "ab", &events[1..]), 1),
                encode("D-1", 4, "ab", &recorded[1..])
            );
        }
    }

    fn feed_json(contracts: Vec<feed::Contract>) -> Vec<u8> {
        let now = "2026-03-02T09:00:00Z".parse().unwrap();
        serde_json::to_vec(&crate::demo::feed(contracts, now)).unwrap()
    }

    fn demo_contracts(range: std::ops::Range<u32>) -> Vec<feed::Contract> {
        let now = "2026-03-02T09:00:00Z".parse().unwrap();
        crate::demo::contracts(4, range, now, &PolicySet::builtin()).unwrap()
    }

    async fn all_cases(app: &App) -> Vec<String> {
        let now = "2026-03-02T09:00:00Z".parse().unwrap();
        let mut out = Vec::new();
        for id in app.store.case_ids().await.unwrap() {
            out.push(serde_json::to_string(&app.case(&id, now).await.unwrap()).unwrap());
        }
        out
    }

    #[tokio::test]
    async fn an_import_in_many_parts_writes_what_one_part_writes() {
        let bytes = feed_json(demo_contracts(1..48));
        let (one, many) = (
            App::in_memory().await.unwrap(),
            App::in_memory().await.unwrap(),
        );
        let r1 = one.import_in_parts(&bytes, 1000, &|_| {}).await.unwrap();
        let rn = many.import_in_parts(&bytes, 5, &|_| {}).await.unwrap();
        assert_eq!(r1, rn);
        assert_eq!(rn.cases_opened, 47);
        assert_eq!(all_cases(&one).await, all_cases(&many).await);
        assert!(many.verify(None).await.unwrap().broken.is_empty());
        // Importing it again changes nothing, in parts too, and says how far it got.
        let checked = std::sync::Mutex::new(Vec::new());
        let again = many
            .import_in_parts(&bytes, 5, &|p| {
                if let ImportProgress::Checked { done, .. } = p {
                    checked.lock().unwrap().push(done);
                }
            })
            .await
            .unwrap();
        assert_eq!(checked.into_inner().unwrap(), [47], "no contract is new");
        assert_eq!(
            (again.events_added, again.events_already_known),
            (0, r1.events_added)
        );
    }

    /// A feed imported again reports its progress as it checks it, though
    /// every contract is already known.
    #[tokio::test]
    async fn an_import_again_reports_its_progress() {
        let bytes = feed_json(demo_contracts(1..1201));
        let app = App::in_memory().await.unwrap();
        let now = "2026-03-02T09:00:00Z".parse().unwrap();
        app.import(&bytes, &Actor::System, now, &|_| {})
            .await
            .unwrap();
        let checked = std::sync::Mutex::new(Vec::new());
        let again = app
            .import(&bytes, &Actor::System, now, &|p| {
                if let ImportProgress::Checked { done, total } = p {
                    checked.lock().unwrap().push((done, total));
                }
            })
            .await
            .unwrap();
        assert_eq!(again.events_added, 0);
        assert_eq!(checked.into_inner().unwrap(), [(1000, 1200), (1200, 1200)]);
    }

    #[tokio::test]
    async fn a_refusal_in_a_later_part_writes_nothing_of_the_earlier_ones() {
        let app = App::in_memory().await.unwrap();
        app.import(
            &feed_json(demo_contracts(1..11)),
            &Actor::System,
            "2026-03-02T09:00:00Z".parse().unwrap(),
            &|_| {},
        )
        .await
        .unwrap();
        // New contracts first; then a known event that comes back changed.
        let mut contracts = demo_contracts(11..41);
        let mut changed = demo_contracts(5..6).remove(0);
        if let FeedEventBody::MilestoneFunded { milestone, .. } = &changed.events[0].body {
            let milestone = milestone.clone();
            changed.events[0].body = FeedEventBody::MilestoneFunded {
                milestone,
                amount: accord_core::Amount::of(accord_core::Currency::USD.from_minor(1)),
            };
        }
        contracts.push(changed);
        let err = app
            .import_in_parts(&feed_json(contracts), 4, &|_| {})
            .await
            .unwrap_err();
        assert_eq!(err.rule().as_deref(), Some("event_conflict"), "{err}");
        assert!(
            err.to_string().starts_with("contracts[30].events[0]"),
            "{err}"
        );
        assert_eq!(
            app.case_count().await.unwrap(),
            10,
            "the parts before it were rolled back"
        );

        // A store refusal (a dispute id taken by another contract) in a later part, too.
        let mut contracts = demo_contracts(11..30);
        let mut taken = demo_contracts(30..31).remove(0);
        for e in &mut taken.events {
            match &mut e.body {
                FeedEventBody::DisputeFiled { dispute, .. }
                | FeedEventBody::StatementSubmitted { dispute, .. } => {
                    *dispute = crate::demo::case_id(4, 3)
                }
                _ => {}
            }
        }
        contracts.push(taken);
        let err = app
            .import_in_parts(&feed_json(contracts), 4, &|_| {})
            .await
            .unwrap_err();
        assert_eq!(err.rule().as_deref(), Some("duplicate_id"), "{err}");
        assert_eq!(app.case_count().await.unwrap(), 10);
        assert!(app.verify(None).await.unwrap().broken.is_empty());
    }

    /// Every row the store holds, in a comparable form.
    async fn all_rows(app: &App, contracts: &[feed::Contract]) -> String {
        let mut out = all_cases(app).await.join("\n");
        for c in contracts {
            out.push_str(&format!("{:?}\n", app.store.contract(&c.id).await.unwrap()));
            out.push_str(&format!(
                "{:?}\n",
                app.store.feed_events(&c.id).await.unwrap()
            ));
        }
        for id in app.store.case_ids().await.unwrap() {
            out.push_str(&format!("{:?}\n", app.store.summary(&id).await.unwrap()));
            out.push_str(&format!("{:?}\n", app.store.events(&id).await.unwrap()));
        }
        out
    }

    /// A first import, streamed while it is parsed, writes exactly what an
    /// import planned from the whole parsed feed writes.
    #[tokio::test]
    async fn a_streamed_import_writes_what_a_planned_import_writes() {
        let contracts = demo_contracts(1..48);
        let bytes = feed_json(contracts.clone());
        let (planned, streamed) = (
            App::in_memory().await.unwrap(),
            App::in_memory().await.unwrap(),
        );
        let r1 = planned
            .import_in_parts(&bytes, 1000, &|_| {})
            .await
            .unwrap();
        let stages = std::sync::Mutex::new(Vec::new());
        let rn = streamed
            .import_streamed(Arc::new(bytes.clone()), 5, 12, &|p| {
                stages.lock().unwrap().push(p)
            })
            .await
            .unwrap();
        assert_eq!(r1, rn);
        assert_eq!(rn.cases_opened, 47);
        assert_eq!(
            all_rows(&planned, &contracts).await,
            all_rows(&streamed, &contracts).await
        );
        assert!(streamed.verify(None).await.unwrap().broken.is_empty());
        let stages = stages.into_inner().unwrap();
        assert_eq!(
            stages.first(),
            Some(&ImportProgress::Parsed { contracts: 47 })
        );
        assert_eq!(stages.last(), Some(&ImportProgress::Done));
        // `import` takes this path on an empty store only; again, it is the planned one.
        let again = streamed
            .import(
                &bytes,
                &Actor::System,
                "2026-03-02T09:00:00Z".parse().unwrap(),
                &|_| {},
            )
            .await
            .unwrap();
        assert_eq!((again.events_added, again.cases_opened), (0, 0));
    }

    /// A feed refused by a planning rule in its first part and by a parse
    /// rule in a later one: the streamed import reports what the planned one
    /// reports (the parse rule), and writes nothing; so for a planning rule
    /// alone.
    #[tokio::test]
    async fn a_refused_streamed_import_writes_nothing() {
        let mut doc: serde_json::Value =
            serde_json::from_slice(&feed_json(demo_contracts(1..41))).unwrap();
        let dispute = |doc: &mut serde_json::Value, c: usize| -> serde_json::Value {
            let events = doc["contracts"][c]["events"].as_array_mut().unwrap();
            let filed = events
                .iter_mut()
                .find(|e| e["type"] == "dispute_filed")
                .unwrap();
            std::mem::replace(&mut filed["amount"], "99999999.00".into())
        };
        dispute(&mut doc, 2);
        let money_only = serde_json::to_vec(&doc).unwrap();
        doc["contracts"][33]["events"][0]["amount"] = "1.001".into();
        let both = serde_json::to_vec(&doc).unwrap();
        for (bytes, rule) in [
            (&money_only, "dispute_exceeds_escrow"),
            (&both, "too_many_places"),
        ] {
            let (planned, streamed) = (
                App::in_memory().await.unwrap(),
                App::in_memory().await.unwrap(),
            );
            let a = planned
                .import_in_parts(bytes, 4, &|_| {})
                .await
                .unwrap_err();
            let b = streamed
                .import_streamed(Arc::new(bytes.clone()), 4, 9, &|_| {})
                .await
                .unwrap_err();
            assert_eq!(a.rule().as_deref(), Some(rule), "{a}");
            assert_eq!(a.to_string(), b.to_string());
            assert!(
                streamed.store.is_empty().await.unwrap(),
                "{rule}: nothing written"
            );
            assert_eq!(streamed.case_count().await.unwrap(), 0);
        }
    }
}
