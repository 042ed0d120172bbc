//! accord-core: Accord's domain, pure.
//!
//! Money and the contract ledger, the platform feed, policies and clocks, and
//! the case decider: `decide(state, action, actor, now)` returns the events to
//! record or the rule the action breaks; `CaseState::apply` folds events into
//! state. No IO, no async, no clock reads: the time is always an argument.

pub mod action;
pub mod actor;
pub mod clock;
pub mod decide;
pub mod event;
pub mod feed;
pub mod ledger;
pub mod money;
pub mod policy;
pub mod rules;
pub mod split;
pub mod state;

pub use action::Action;
pub use actor::{Actor, Role};
pub use decide::{available, decide, permitted, sweep};
pub use event::{CaseEvent, DeskEvent, Outcome, Recorded};
pub use money::{Amount, Currency, Money};
pub use policy::{Policy, PolicySet};
pub use rules::{Refusal, Rule};
pub use state::{CaseState, Status};
