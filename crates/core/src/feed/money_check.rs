//! The money rules of DOMAIN.md applied to a contract's feed history while
//! importing: escrow funded, released (the excess charged directly), refunded,
//! held by disputes. A refund or dispute beyond the escrow available is
//! refused, naming the event; nothing is half-applied.

use std::collections::BTreeMap;

use super::parse::FeedError;
use super::{Contract, FeedEvent, FeedEventBody, Ground};
use crate::ledger::{Ledger, LedgerError};
use crate::money::{Currency, Money};

/// A dispute filed on the contract, as the feed stated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownDispute {
    pub ground: Ground,
    pub milestone: Option<String>,
    /// The amount it held when filed.
    pub disputed: Money,
}

/// One contract's money across its whole feed history (every feed imported
/// so far, in order), plus the cases settled at the desk meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractMoneyState {
    ledger: Ledger,
    /// Open disputes and the escrow each holds.
    holds: BTreeMap<String, Money>,
    /// Every dispute filed on this contract, open or settled.
    disputes: BTreeMap<String, KnownDispute>,
}

impl ContractMoneyState {
    pub fn new(currency: Currency) -> Self {
        ContractMoneyState {
            ledger: Ledger::new(currency),
            holds: BTreeMap::new(),
            disputes: BTreeMap::new(),
        }
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// A dispute filed on this contract, open or settled.
    pub fn dispute(&self, id: &str) -> Option<&KnownDispute> {
        self.disputes.get(id)
    }

    /// Every dispute filed on this contract, by id.
    pub fn disputes(&self) -> impl Iterator<Item = (&str, &KnownDispute)> {
        self.disputes.iter().map(|(id, d)| (id.as_str(), d))
    }

    /// What an open dispute holds; `None` once settled (or never filed).
    pub fn hold(&self, dispute: &str) -> Option<Money> {
        self.holds.get(dispute).copied()
    }

    /// Applies the contract's next event (already parsed, so its amounts are
    /// in the contract's currency). `path` is the event's JSON path, e.g.
    /// `contracts[0].events[6]`; errors point at its field. On error nothing
    /// has changed.
    pub fn apply(&mut self, event: &FeedEvent, path: &str) -> Result<(), FeedError> {
        let currency = self.ledger.currency();
        let refused = |field: &str, e: LedgerError| {
            FeedError::new(
                format!("{path}.{field}"),
                e.rule(),
                format!("event {}: {e}", event.id),
            )
        };
        match &event.body {
            FeedEventBody::MilestoneFunded { amount, .. } => {
                self.ledger.fund(amount.money(currency))
            }
            FeedEventBody::PaymentReleased { amount, .. } => {
                // What escrow cannot cover (held escrow included) was charged
                // to the client directly: recorded, not refused.
                self.ledger.release(amount.money(currency));
            }
            FeedEventBody::BonusPaid { amount, .. } => self.ledger.bonus(amount.money(currency)),
            FeedEventBody::RefundCompleted { amount, .. } => {
                self.ledger
                    .refund(amount.money(currency))
                    .map_err(|e| refused("amount", e))?;
            }
            FeedEventBody::DisputeFiled {
                dispute,
                ground,
                milestone,
                amount,
                ..
            } => {
                if self.disputes.contains_key(dispute) {
                    return Err(FeedError::new(
                        format!("{path}.dispute"),
                        "duplicate_id",
                        format!(
                            "event {}: dispute {dispute} was already filed on this contract",
                            event.id
                        ),
                    ));
                }
                let disputed = amount.money(currency);
                self.ledger
                    .hold(disputed)
                    .map_err(|e| refused("amount", e))?;
                self.holds.insert(dispute.clone(), disputed);
                self.disputes.insert(
                    dispute.clone(),
                    KnownDispute {
                        ground: *ground,
                        milestone: milestone.clone(),
                        disputed,
                    },
                );
            }
            FeedEventBody::StatementSubmitted { dispute, .. } => {
                if !self.disputes.contains_key(dispute) {
                    return Err(FeedError::new(
                        format!("{path}.dispute"),
                        "unknown_dispute",
                        format!(
                            "event {}: dispute {dispute} was not filed earlier on this contract",
                            event.id
                        ),
                    ));
                }
            }
            FeedEventBody::WorkSubmitted { .. }
            | FeedEventBody::ChangesRequested { .. }
            | FeedEventBody::Message { .. }
            | FeedEventBody::ContractEnded { .. }
            | FeedEventBody::RefundRequested { .. }
            | FeedEventBody::FeedbackLeft { .. } => {}
        }
        Ok(())
    }

    /// A case resolved at the desk: the dispute's hold ends and the
    /// allocation leaves escrow (`to_freelancer` released, `to_client`
    /// refunded). Does nothing for a dispute with no open hold (never filed,
    /// or already settled), so a settlement is never counted twice. Amounts
    /// are in the contract's currency.
    pub fn settle(&mut self, dispute: &str, to_freelancer: Money, to_client: Money) {
        if let Some(held) = self.holds.remove(dispute) {
            self.ledger.settle(held, to_freelancer, to_client);
        }
    }
}

/// Runs a contract's events, in order, through a fresh [`ContractMoneyState`]
/// (event paths `{contract_path}.events[i]`).
pub fn check_contract_money(
    contract: &Contract,
    contract_path: &str,
) -> Result<ContractMoneyState, FeedError> {
    let mut state = ContractMoneyState::new(contract.currency);
    for (i, event) in contract.events.iter().enumerate() {
        state.apply(event, &format!("{contract_path}.events[{i}]"))?;
    }
    Ok(state)
}
