//! Demo data: a reproducible, realistic database (`accord demo`).
//!
//! Each case is generated on its own from `(seed, n, now)`: a plan (what it
//! is meant to become), a contract with its platform history up to the
//! dispute, then desk activity decided by the real rules (`decide`, with its
//! actor and time; defaults by the system's sweep). The same seed and `now`
//! always give the same database. Contracts go through the ordinary import
//! planning, the desk events are chained onto each new case's append, and
//! the whole demo is written in one transaction, fed a chunk at a time (the
//! next chunk is generated and planned while one is written).
//!
//! Ids carry the seed (`C-7-00042`, `D-7-00042`, `E-7-00042-03`), so demos of
//! different seeds can share a database; the same seed twice is refused.
//!
//! A demo of N cases is the walkthrough case D-501 (spec/examples'
//! contract C-1001, filed an hour before `now`: see [`walkthrough`]) and
//! N − 1 generated ones; when the database already holds D-501 (an earlier
//! demo, or the example feed imported), it is left alone and all N are
//! generated.

mod contract;
mod desk;
mod plan;
mod rng;
pub mod walkthrough;
mod words;

use std::ops::Range;

use accord_core::feed::{Contract, Feed, FORMAT};
use accord_core::{CaseState, PolicySet, Recorded, Refusal};
use accord_store::{CaseAppend, ImportBatch};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Serialize;

use crate::codec::extend_append;
use crate::import::{ImportReport, ImportWriter, Known};
use crate::{App, AppError};

pub use contract::{case_id, contract_id};

/// Contracts generated and planned per part of the demo's one transaction.
pub const CHUNK: u32 = 10_000;

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoReport {
    /// Cases (and contracts) created, the walkthrough case included.
    pub cases: usize,
    /// The walkthrough case (`D-501`) when this demo wrote it; none when the database held it.
    pub walkthrough: Option<String>,
    /// Events in the new cases' logs (platform and desk).
    pub events: usize,
    /// Platform feed events stored.
    pub feed_events: usize,
}

impl DemoReport {
    /// Counts what a planned part of the demo writes.
    fn count(&mut self, batch: &ImportBatch) {
        self.cases += batch.appends.len();
        self.events += batch.appends.iter().map(|a| a.events.len()).sum::<usize>();
        self.feed_events += batch.feed_events.len();
    }
}

/// One generated case: its contract (with the platform history) and the
/// desk's events after it, with the case's state after all of them.
pub struct Generated {
    pub contract: Contract,
    pub state: CaseState,
    pub desk: Vec<Recorded>,
    /// When the last thing happened (platform or desk).
    end: DateTime<Utc>,
}

fn whole_minute(t: DateTime<Utc>) -> DateTime<Utc> {
    Utc.timestamp_opt(t.timestamp().div_euclid(60) * 60, 0)
        .single()
        .unwrap_or(t)
}

/// One demo case to simulate: which, and under which rules.
struct Sim<'a> {
    seed: u64,
    n: u32,
    plan: &'a plan::Plan,
    policies: &'a PolicySet,
}

/// The case filed at `filed`, its desk acting until `now` (and, with
/// `finish`, the defaults due by then applied).
fn simulate(
    sim: &Sim<'_>,
    filed: DateTime<Utc>,
    now: DateTime<Utc>,
    finish: bool,
    office_hours: bool,
) -> Result<Generated, Refusal> {
    let Sim {
        seed,
        n,
        plan,
        policies,
    } = *sim;
    let contract = contract::contract(seed, n, plan, filed, now);
    let case = case_id(seed, n);
    let history: Vec<Recorded> = contract
        .events
        .iter()
        .cloned()
        .map(Recorded::platform)
        .collect();
    let state = CaseState::fold(&case, contract.header(), policies, &history);
    let start = contract.events.last().map(|e| e.at).unwrap_or(filed);
    let rng = rng::Rng::derive(seed, plan::SALT_DESK, n as u64);
    let mut desk = desk::Desk::new(state, start, now, rng, plan, office_hours);
    desk.run()?;
    if finish {
        desk.finish();
    }
    let end = desk.t;
    Ok(Generated {
        contract,
        state: desk.state,
        desk: desk.events,
        end,
    })
}

/// Case `n` (from 1) of demo `seed` as of `now`.
pub fn generate(
    seed: u64,
    n: u32,
    now: DateTime<Utc>,
    policies: &PolicySet,
) -> Result<Generated, Refusal> {
    let plan = plan::plan(seed, n);
    let sim = Sim {
        seed,
        n,
        plan: &plan,
        policies,
    };
    let Some(status) = plan.target.open_status() else {
        let filed = plan::resolved_filing(seed, n, &plan, now);
        return simulate(&sim, filed, now, true, true);
    };
    // A case left open: it must reach its status before `now`, with its
    // running default clock (if any) still running at `now`. Probe runs
    // without a horizon tell when it gets there; the filing is moved until
    // that falls at a random point of the room its clock leaves, and the
    // real run is kept when it stays where planned. Desk work keeps to
    // office hours, so those runs move by whole weeks only (the same run,
    // shifted, unless a holiday moves a business-day clock); windows short
    // enough to close over a weekend may need a desk on call instead.
    let mut rng = rng::Rng::derive(seed, plan::SALT_FILING, n as u64);
    let horizon = now + Duration::days(3650);
    let mut last = None;
    for attempt in 0..32 {
        let office_hours = attempt < 16;
        let mut filed = whole_minute(
            now - Duration::days(14) - Duration::minutes(rng.range(0, 7 * 24 * 60 - 1)),
        );
        for _ in 0..4 {
            let probe = simulate(&sim, filed, horizon, false, office_hours)?;
            let due = probe
                .state
                .clocks
                .iter()
                .filter(|c| c.is_running() && c.name.has_default())
                .map(|c| c.due)
                .min();
            let gap = match due.map(|d| (d - probe.end).num_minutes()) {
                Some(room) => rng.range(0, (room * 85 / 100).max(0)),
                None => rng.range(30, 2 * 24 * 60),
            };
            let mut delta = (now - Duration::minutes(gap)) - probe.end;
            if office_hours {
                let week = 7 * 24 * 60;
                delta = Duration::minutes(delta.num_minutes().div_euclid(week) * week);
            }
            if delta.is_zero() {
                break;
            }
            filed = whole_minute(filed + delta);
        }
        let g = simulate(&sim, filed, now, true, office_hours)?;
        if g.state.status == status {
            return Ok(g);
        }
        last = Some(g);
    }
    match last {
        Some(g) => Ok(g),
        None => simulate(
            &sim,
            whole_minute(now - Duration::hours(1)),
            now,
            true,
            false,
        ),
    }
}

/// The contracts of demo cases `range` (numbered from 1), exactly as
/// [`App::demo`] imports them: the feed part of the demo, for benchmarks.
pub fn contracts(
    seed: u64,
    range: Range<u32>,
    now: DateTime<Utc>,
    policies: &PolicySet,
) -> Result<Vec<Contract>, AppError> {
    range
        .map(|n| {
            generate(seed, n, now, policies)
                .map(|g| g.contract)
                .map_err(AppError::Refused)
        })
        .collect()
}

/// A feed of the given contracts, generated at `now`.
pub fn feed(contracts: Vec<Contract>, now: DateTime<Utc>) -> Feed {
    Feed {
        format: FORMAT.to_string(),
        generated_at: now,
        contracts,
    }
}

/// Cases `first..=last` of demo `seed`, generated on their own thread (so the
/// next chunk is being generated while the current one is written).
fn spawn_chunk(
    seed: u64,
    first: u32,
    last: u32,
    now: DateTime<Utc>,
    policies: &PolicySet,
) -> std::thread::JoinHandle<Result<Vec<Generated>, Refusal>> {
    let policies = policies.clone();
    std::thread::spawn(move || {
        (first..=last)
            .map(|n| generate(seed, n, now, &policies))
            .collect()
    })
}

/// The desk's events chained onto each planned case append (in the order of
/// the generated cases), on every core.
fn chain_desk(appends: &mut [CaseAppend], desk: &[(CaseState, Vec<Recorded>)]) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let per = appends.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for (apps, desks) in appends.chunks_mut(per).zip(desk.chunks(per)) {
            s.spawn(move || {
                for (append, (state, events)) in apps.iter_mut().zip(desks) {
                    extend_append(append, state, events);
                }
            });
        }
    });
}

impl App {
    /// Writes `cases` demo cases as of `now` into this database (which may
    /// already hold other cases), in one transaction: all of them or none.
    /// The first is the walkthrough case D-501 unless the database already
    /// holds it; the others are generated from `seed`. `progress(done,
    /// total)` as chunks of [`CHUNK`] cases go out.
    pub async fn demo(
        &self,
        cases: u32,
        seed: u64,
        now: DateTime<Utc>,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<DemoReport, AppError> {
        self.demo_in_chunks(cases, seed, now, CHUNK, progress).await
    }

    /// [`App::demo`] with chunks of `chunk` cases.
    pub(crate) async fn demo_in_chunks(
        &self,
        cases: u32,
        seed: u64,
        now: DateTime<Utc>,
        chunk: u32,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<DemoReport, AppError> {
        let chunk = chunk.max(1);
        let mut report = DemoReport::default();
        if cases == 0 {
            return Ok(report);
        }
        let first = contract_id(seed, 1);
        if self.store.contract(&first).await?.is_some()
            || self.store.summary(&case_id(seed, 1)).await?.is_some()
        {
            return Err(AppError::invalid(
                "seed",
                "demo_exists",
                format!("this database already holds the demo of seed {seed} (contract {first}); choose another --seed"),
            ));
        }
        let total = cases as usize;
        let walk = walkthrough::contract(now);
        let with_walkthrough = !walkthrough::held(self.store.as_ref(), &walk).await?;
        let before = u32::from(with_walkthrough);
        let seeded = cases - before;
        progress(0, total);
        // One transaction for the whole demo, fed a chunk at a time: each
        // chunk is generated, planned and chained while the ones before it
        // are written. Ids carry the seed (checked above) and nothing of the
        // walkthrough is stored (checked too), so nothing stored can be in
        // the way; should anything be, the store's keys refuse it and nothing
        // is written.
        let mut writer = ImportWriter::new(self);
        let mut known = Known::default();
        let mut planned = ImportReport::default();
        let mut result = Ok(());
        let mut writing = true;
        if with_walkthrough {
            // Planned as the import plans any new contract; it has no desk
            // events to chain.
            match self.plan_part(
                std::slice::from_ref(&walk),
                0,
                &mut known,
                &mut planned,
                total,
                &|_| {},
            ) {
                Ok(batch) => {
                    report.count(&batch);
                    writing = writer.send(batch).await;
                }
                Err(e) => {
                    result = Err(e);
                    writing = false;
                }
            }
        }
        let last_of = |start: u32| seeded.min(start.saturating_add(chunk - 1));
        let mut start = 1u32;
        let mut next = (writing && seeded > 0)
            .then(|| spawn_chunk(seed, start, last_of(start), now, &self.policies));
        while let Some(handle) = next.take() {
            let end = last_of(start);
            let generated = match handle.join() {
                Ok(Ok(g)) => g,
                Ok(Err(refusal)) => {
                    result = Err(AppError::Refused(refusal));
                    break;
                }
                Err(_) => {
                    result = Err(AppError::Io("demo: a generator thread panicked".into()));
                    break;
                }
            };
            if end < seeded {
                next = Some(spawn_chunk(
                    seed,
                    end + 1,
                    last_of(end + 1),
                    now,
                    &self.policies,
                ));
            }
            let mut desk = Vec::with_capacity(generated.len());
            let mut contracts = Vec::with_capacity(generated.len());
            for g in generated {
                desk.push((g.state, g.desk));
                contracts.push(g.contract);
            }
            let offset = (before + start - 1) as usize;
            let mut batch = match self.plan_part(
                &contracts,
                offset,
                &mut known,
                &mut planned,
                total,
                &|_| {},
            ) {
                Ok(b) => b,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            drop(contracts);
            let in_order = batch.appends.len() == desk.len()
                && batch
                    .appends
                    .iter()
                    .zip(&desk)
                    .all(|(a, (s, _))| a.case_id == s.id && a.expected_version == 0);
            if !in_order {
                result = Err(AppError::Storage(format!(
                    "demo: the import did not plan cases {} to {} as generated",
                    case_id(seed, start),
                    case_id(seed, end)
                )));
                break;
            }
            chain_desk(&mut batch.appends, &desk);
            drop(desk);
            report.count(&batch);
            if !writer.send(batch).await {
                break;
            }
            if end < seeded {
                progress((before + end) as usize, total);
            }
            start = end + 1;
        }
        writer.finish(result).await.map_err(|e| match e.rule().as_deref() {
            Some("duplicate_id") => AppError::invalid(
                "seed",
                "demo_exists",
                format!("demo ids of seed {seed} are already in this database; nothing was written; choose another --seed"),
            ),
            _ => e,
        })?;
        progress(total, total);
        report.walkthrough = with_walkthrough.then(|| walkthrough::CASE.to_string());
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chunks are only how the work is fed to the one transaction: the
    /// database is the same whatever their size.
    #[tokio::test]
    async fn the_chunk_size_changes_nothing() {
        let now: DateTime<Utc> = "2026-11-22T05:30:00Z".parse().unwrap();
        let (a, b) = (
            App::in_memory().await.unwrap(),
            App::in_memory().await.unwrap(),
        );
        let seen = std::sync::Mutex::new(Vec::new());
        let ra = a
            .demo_in_chunks(45, 9, now, 7, &|d, t| seen.lock().unwrap().push((d, t)))
            .await
            .unwrap();
        let rb = b
            .demo_in_chunks(45, 9, now, 1000, &|_, _| {})
            .await
            .unwrap();
        assert_eq!(
            (ra.cases, ra.events, ra.feed_events),
            (rb.cases, rb.events, rb.feed_events)
        );
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.first(), Some(&(0, 45)));
        assert_eq!(seen.last(), Some(&(45, 45)));
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
        // The walkthrough case and 44 of seed 9.
        assert_eq!(ra.walkthrough.as_deref(), Some(walkthrough::CASE));
        assert_eq!(a.case_count().await.unwrap(), 45);
        let ids = (1..=44).map(|n| case_id(9, n));
        for id in ids.chain([walkthrough::CASE.to_string()]) {
            let ca = serde_json::to_string(&a.case(&id, now).await.unwrap()).unwrap();
            let cb = serde_json::to_string(&b.case(&id, now).await.unwrap()).unwrap();
            assert_eq!(ca, cb, "{id}");
        }
        assert!(a.verify(None).await.unwrap().broken.is_empty());
    }
}
