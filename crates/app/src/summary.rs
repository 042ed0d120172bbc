//! The queue's projection of a case: derived from its state, never a fact of its own.

use accord_core::CaseState;
use accord_store::CaseSummary;

pub fn summarize(s: &CaseState, chain_head: &str) -> CaseSummary {
    let next = s.next_due();
    CaseSummary {
        id: s.id.clone(),
        contract_id: s.contract.id.clone(),
        title: s.contract.title.clone(),
        client_name: s.contract.client.name.clone(),
        freelancer_name: s.contract.freelancer.name.clone(),
        ground: s.ground.as_str().to_string(),
        policy: s.policy.id.clone(),
        status: s.status.as_str().to_string(),
        outcome: s.outcome.map(|o| o.as_str().to_string()),
        assigned_to: s.assigned_to.clone(),
        currency: s.currency().code().to_string(),
        disputed_minor: s.disputed.to_minor(),
        filed_at: s.filed_at,
        next_due: next.map(|c| c.due),
        next_clock: next.map(|c| c.name.as_str().to_string()),
        to_freelancer_minor: s.allocation.map(|a| a.to_freelancer.to_minor()),
        to_client_minor: s.allocation.map(|a| a.to_client.to_minor()),
        resolved_at: s.resolved_at,
        version: s.version as i64,
        chain_head: chain_head.to_string(),
    }
}
