//! The walkthrough case of the demo: D-501 (contract C-1001), the case the
//! spec's walkthrough works (assign, the client's decline, a recommendation
//! of 300.00 / 200.00, both parties accept), filed an hour before the demo's
//! `now` so that every clock still runs and a new user can work it.

use accord_core::feed::{self, Contract, FeedEventBody};
use accord_store::Store;
use chrono::{DateTime, Duration, SubsecRound, Utc};

use crate::AppError;

/// Contract C-1001 exactly as `spec/examples/small-feed.json` (the spec's
/// example feed, beside the project in `shared/`) has it, as a one-contract
/// feed; only its event times are moved (see [`contract`]).
const FEED: &str = include_str!("walkthrough.json");

/// The walkthrough's case id (its dispute in the feed).
pub const CASE: &str = "D-501";

/// C-1001 with every event moved by one delta, so that its `dispute_filed`
/// happened one hour (to the second) before `now`: the gaps between events,
/// the ids and every other field are the example's own.
pub fn contract(now: DateTime<Utc>) -> Contract {
    let feed = feed::parse(FEED.as_bytes()).expect("walkthrough.json is a valid feed");
    let mut contract = feed
        .contracts
        .into_iter()
        .next()
        .expect("walkthrough.json holds one contract");
    let filed = contract
        .events
        .iter()
        .find(|e| matches!(e.body, FeedEventBody::DisputeFiled { .. }))
        .map(|e| e.at)
        .expect("walkthrough.json files a dispute");
    let delta = (now.trunc_subsecs(0) - Duration::hours(1)) - filed;
    for e in &mut contract.events {
        e.at += delta;
    }
    contract
}

/// Whether the store already holds anything of the walkthrough: its contract,
/// its case or one of its event ids (from an earlier demo, or small-feed.json
/// imported). Then the demo leaves it as it is.
pub(crate) async fn held(store: &dyn Store, contract: &Contract) -> Result<bool, AppError> {
    if store.contract(&contract.id).await?.is_some() || store.summary(CASE).await?.is_some() {
        return Ok(true);
    }
    let ids: Vec<String> = contract.events.iter().map(|e| e.id.clone()).collect();
    Ok(!store.feed_events_by_id(&ids).await?.is_empty())
}
