//! Demo data: a reproducible, realistic database (`accord demo`).
//!
//! Each case is generated on its own from `(seed, n, now)`: a plan (what it
//! is meant to become), a contract with its platform history up to the
//! dispute, then desk activity decided by the real rules (`decide`, with its
//! actor and time; defaults by the system's sweep). The same seed and `now`
//! always give the same database. Contracts go through the ordinary import
//! planning, the desk events are chained onto each new case's append, and
//! every chunk of cases is written in one transaction.
//!
//! Ids carry the seed (`C-7-00042`, `D-7-00042`, `E-7-00042-03`), so demos of
//! different seeds can share a database; the same seed twice is refused.

mod contract;
mod desk;
mod plan;
mod rng;
mod words;

use std::ops::Range;

use accord_core::feed::{Contract, Feed, FORMAT};
use accord_core::{CaseState, PolicySet, Recorded, Refusal};
use accord_store::CaseAppend;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Serialize;

use crate::codec::extend_append;
use crate::{App, AppError};

pub use contract::{case_id, contract_id};

/// Contracts planned and written per transaction.
pub const CHUNK: u32 = 10_000;

#[derive(Debug, Clone, Default, Serialize)]
pub struct DemoReport {
    /// Cases (and contracts) created.
    pub cases: usize,
    /// Events in the new cases' logs (platform and desk).
    pub events: usize,
    /// Platform feed events stored.
    pub feed_events: usize,
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

fn simulate(
    seed: u64,
    n: u32,
    plan: &plan::Plan,
    filed: DateTime<Utc>,
    now: DateTime<Utc>,
    policies: &PolicySet,
    finish: bool,
) -> Result<Generated, Refusal> {
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
    let mut desk = desk::Desk::new(state, start, now, rng, plan);
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
    let Some(status) = plan.target.open_status() else {
        let filed = plan::resolved_filing(seed, n, &plan, now);
        return simulate(seed, n, &plan, filed, now, policies, true);
    };
    // A case left open: learn from a run without a horizon how long it takes
    // to get where it stays, then file it that long before `now`, leaving
    // some of the time its running clock allows.
    let probe_filed = whole_minute(now - Duration::days(60));
    let probe = simulate(
        seed,
        n,
        &plan,
        probe_filed,
        now + Duration::days(3650),
        policies,
        false,
    )?;
    let took = probe.end - probe_filed;
    let mut rng = rng::Rng::derive(seed, plan::SALT_FILING, n as u64);
    let room = probe
        .state
        .clocks
        .iter()
        .filter(|c| c.is_running() && c.name.has_default())
        .map(|c| (c.due - probe.end).num_minutes())
        .min();
    let mut gap = match room {
        Some(m) => (m * rng.range(10, 80) / 100).max(1),
        None => rng.range(30, 12 * 24 * 60),
    };
    let mut attempt = 0;
    loop {
        let filed = whole_minute(now - took - Duration::minutes(gap));
        let g = simulate(seed, n, &plan, filed, now, policies, true)?;
        attempt += 1;
        if g.state.status == status || attempt == 4 {
            return Ok(g);
        }
        gap = (gap / 3).max(1);
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
    /// Generates `cases` demo cases of `seed` as of `now` into this database
    /// (which may already hold other cases): one transaction per chunk of
    /// [`CHUNK`] cases. `progress(done, total)` after each.
    pub async fn demo(
        &self,
        cases: u32,
        seed: u64,
        now: DateTime<Utc>,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<DemoReport, AppError> {
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
        progress(0, total);
        let last_of = |start: u32| cases.min(start.saturating_add(CHUNK - 1));
        let mut start = 1u32;
        let mut next = Some(spawn_chunk(
            seed,
            start,
            last_of(start),
            now,
            &self.policies,
        ));
        while let Some(handle) = next.take() {
            let end = last_of(start);
            let generated = handle
                .join()
                .map_err(|_| AppError::Io("demo: a generator thread panicked".into()))??;
            if end < cases {
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
            let feed = feed(contracts, now);
            let (mut batch, planned) = self.plan_import(&feed, &|_| {}).await?;
            drop(feed);
            let in_order = batch.appends.len() == desk.len()
                && batch
                    .appends
                    .iter()
                    .zip(&desk)
                    .all(|(a, (s, _))| a.case_id == s.id && a.expected_version == 0);
            if planned.new_contracts != desk.len()
                || planned.cases_opened != desk.len()
                || !in_order
            {
                return Err(AppError::invalid(
                    "seed",
                    "demo_exists",
                    format!(
                        "demo cases {} to {} of seed {seed} overlap data already in this database; choose another --seed",
                        case_id(seed, start),
                        case_id(seed, end)
                    ),
                ));
            }
            chain_desk(&mut batch.appends, &desk);
            drop(desk);
            report.cases += batch.appends.len();
            report.events += batch.appends.iter().map(|a| a.events.len()).sum::<usize>();
            report.feed_events += batch.feed_events.len();
            self.write_import(batch, &|_| {}).await?;
            progress(end as usize, total);
            start = end + 1;
        }
        Ok(report)
    }
}
