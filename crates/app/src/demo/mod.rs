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

use std::collections::HashMap;
use std::ops::Range;

use accord_core::feed::{Contract, Feed, FORMAT};
use accord_core::{CaseState, PolicySet, Recorded, Refusal};
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

impl App {
    /// Generates `cases` demo cases of `seed` as of `now` into this database
    /// (which may already hold other cases). `progress(done, total)`.
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
        let mut start = 1u32;
        while start <= cases {
            let end = cases.min(start.saturating_add(CHUNK - 1));
            let t0 = std::time::Instant::now(); // TIMING-DEMO
            let mut generated = Vec::with_capacity((end - start + 1) as usize);
            for n in start..=end {
                generated.push(generate(seed, n, now, &self.policies)?);
            }
            let mut desk: HashMap<String, (CaseState, Vec<Recorded>)> =
                HashMap::with_capacity(generated.len());
            let mut contracts = Vec::with_capacity(generated.len());
            for g in generated {
                desk.insert(g.state.id.clone(), (g.state, g.desk));
                contracts.push(g.contract);
            }
            let feed = feed(contracts, now);
            let t1 = std::time::Instant::now(); // TIMING-DEMO
            let (mut batch, planned) = self.plan_import(&feed, &|_| {}).await?;
            let t2 = std::time::Instant::now(); // TIMING-DEMO
            drop(feed);
            if planned.new_contracts != desk.len() || planned.cases_opened != desk.len() {
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
            for append in &mut batch.appends {
                let (state, events) = desk.remove(&append.case_id).ok_or_else(|| {
                    AppError::Storage(format!(
                        "demo: the import planned case {} that was not generated",
                        append.case_id
                    ))
                })?;
                extend_append(append, &state, &events);
            }
            report.cases += batch.appends.len();
            report.events += batch.appends.iter().map(|a| a.events.len()).sum::<usize>();
            report.feed_events += batch.feed_events.len();
            let t3 = std::time::Instant::now(); // TIMING-DEMO
            self.write_import(batch, &|_| {}).await?;
            eprintln!(
                "TIMING-DEMO gen {:?} plan {:?} desk {:?} write {:?}",
                t1 - t0,
                t2 - t1,
                t3 - t2,
                t3.elapsed()
            ); // TIMING-DEMO
            progress(end as usize, total);
            start = end + 1;
        }
        Ok(report)
    }
}
