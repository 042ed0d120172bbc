//! The contract ledger: what was funded into escrow and where it went.
//!
//! Invariant (checked by [`Ledger::holds_invariant`], and by property tests):
//! `funded = released + refunded + in_escrow`, `in_escrow ≥ 0`, and the escrow
//! held by open disputes never exceeds what is in escrow. Every operation that
//! could break it refuses instead, and changes nothing.

use serde::Serialize;

use crate::money::{Currency, Money};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ledger {
    /// Deposited into escrow by the client.
    pub funded: Money,
    /// Left escrow to the freelancer.
    pub released: Money,
    /// Left escrow back to the client.
    pub refunded: Money,
    pub in_escrow: Money,
    /// Paid by the client outside escrow: bonuses, and releases above the
    /// escrow available.
    pub charged_directly: Money,
    /// Escrow held by open disputes: not available to releases, refunds or
    /// further disputes.
    #[serde(skip)]
    pub held: Money,
}

/// Why a movement was refused. The amounts say what was asked and what there was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("refund of {asked} exceeds the {available} available in escrow")]
    RefundExceedsEscrow { asked: Money, available: Money },
    #[error("dispute of {asked} exceeds the {available} available in escrow")]
    DisputeExceedsEscrow { asked: Money, available: Money },
}

impl LedgerError {
    pub fn rule(&self) -> &'static str {
        match self {
            LedgerError::RefundExceedsEscrow { .. } => "refund_exceeds_escrow",
            LedgerError::DisputeExceedsEscrow { .. } => "dispute_exceeds_escrow",
        }
    }
}

/// How a release was paid: from escrow, and the excess charged directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Release {
    pub from_escrow: Money,
    pub charged_directly: Money,
}

impl Ledger {
    pub fn new(currency: Currency) -> Ledger {
        let z = currency.zero();
        Ledger {
            funded: z,
            released: z,
            refunded: z,
            in_escrow: z,
            charged_directly: z,
            held: z,
        }
    }

    pub fn currency(&self) -> Currency {
        self.funded.currency()
    }

    /// Escrow not held by an open dispute.
    pub fn available(&self) -> Money {
        self.in_escrow.saturating_minus(self.held)
    }

    /// `milestone_funded`: the client deposits into escrow.
    pub fn fund(&mut self, amount: Money) {
        self.funded = self.funded.plus(amount);
        self.in_escrow = self.in_escrow.plus(amount);
    }

    /// `payment_released`: escrow to the freelancer. What escrow cannot cover
    /// (beyond what is available) was charged to the client directly. A release
    /// smaller than a milestone simply leaves the rest in escrow.
    pub fn release(&mut self, amount: Money) -> Release {
        let from_escrow = amount.min(self.available());
        let excess = amount.saturating_minus(from_escrow);
        self.released = self.released.plus(from_escrow);
        self.in_escrow = self.in_escrow.saturating_minus(from_escrow);
        self.charged_directly = self.charged_directly.plus(excess);
        Release {
            from_escrow,
            charged_directly: excess,
        }
    }

    /// `bonus_paid`: charged directly, never touches escrow.
    pub fn bonus(&mut self, amount: Money) {
        self.charged_directly = self.charged_directly.plus(amount);
    }

    /// `refund_completed`: escrow back to the client; never beyond what is available.
    pub fn refund(&mut self, amount: Money) -> Result<(), LedgerError> {
        let available = self.available();
        if amount > available {
            return Err(LedgerError::RefundExceedsEscrow {
                asked: amount,
                available,
            });
        }
        self.refunded = self.refunded.plus(amount);
        self.in_escrow = self.in_escrow.saturating_minus(amount);
        Ok(())
    }

    /// `dispute_filed`: holds the disputed amount, which must be available.
    pub fn hold(&mut self, amount: Money) -> Result<(), LedgerError> {
        let available = self.available();
        if amount > available {
            return Err(LedgerError::DisputeExceedsEscrow {
                asked: amount,
                available,
            });
        }
        self.held = self.held.plus(amount);
        Ok(())
    }

    /// A dispute's outcome: its hold ends, `to_freelancer` is released from
    /// escrow and `to_client` refunded from it. Their sum never exceeds the
    /// hold (the decider allocates exactly the disputed amount, or nothing).
    pub fn settle(&mut self, held: Money, to_freelancer: Money, to_client: Money) {
        self.held = self.held.saturating_minus(held);
        let to_freelancer = to_freelancer.min(self.in_escrow);
        self.released = self.released.plus(to_freelancer);
        self.in_escrow = self.in_escrow.saturating_minus(to_freelancer);
        let to_client = to_client.min(self.in_escrow);
        self.refunded = self.refunded.plus(to_client);
        self.in_escrow = self.in_escrow.saturating_minus(to_client);
    }

    /// `funded = released + refunded + in_escrow`, and holds fit in escrow.
    pub fn holds_invariant(&self) -> bool {
        self.funded == self.released.plus(self.refunded).plus(self.in_escrow)
            && self.held <= self.in_escrow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(s: &str) -> Money {
        Currency::USD.parse(s).unwrap()
    }

    #[test]
    fn partial_release_rolls_over_to_the_next_milestone() {
        let mut l = Ledger::new(Currency::USD);
        l.fund(usd("800.00"));
        l.release(usd("700.00"));
        l.fund(usd("2400.00"));
        assert_eq!(
            l.in_escrow,
            usd("2500.00"),
            "the unreleased 100.00 stays in escrow"
        );
        assert!(l.holds_invariant());
    }

    #[test]
    fn release_above_escrow_is_charged_directly() {
        let mut l = Ledger::new(Currency::USD);
        l.fund(usd("100.00"));
        let r = l.release(usd("300.00"));
        assert_eq!(r.from_escrow, usd("100.00"));
        assert_eq!(l.charged_directly, usd("200.00"));
        assert_eq!(
            l.released,
            usd("100.00"),
            "released counts only what left escrow"
        );
        assert_eq!(l.in_escrow, usd("0.00"));
        assert!(l.holds_invariant());
    }

    #[test]
    fn held_escrow_is_not_available_to_releases_or_refunds() {
        let mut l = Ledger::new(Currency::USD);
        l.fund(usd("500.00"));
        l.hold(usd("400.00")).unwrap();
        let r = l.release(usd("150.00"));
        assert_eq!(r.from_escrow, usd("100.00"));
        assert_eq!(r.charged_directly, usd("50.00"));
        assert_eq!(
            l.refund(usd("0.01")).unwrap_err().rule(),
            "refund_exceeds_escrow",
            "nothing is available once the release took the rest"
        );
        assert_eq!(
            l.hold(usd("0.01")).unwrap_err().rule(),
            "dispute_exceeds_escrow"
        );
        assert!(l.holds_invariant());
    }

    #[test]
    fn refused_refund_changes_nothing() {
        let mut l = Ledger::new(Currency::USD);
        l.fund(usd("10.00"));
        let before = l.clone();
        assert!(l.refund(usd("10.01")).is_err());
        assert_eq!(l, before);
    }

    #[test]
    fn bonus_never_touches_escrow() {
        let mut l = Ledger::new(Currency::USD);
        l.fund(usd("10.00"));
        l.bonus(usd("5.00"));
        assert_eq!(l.in_escrow, usd("10.00"));
        assert_eq!(l.charged_directly, usd("5.00"));
    }

    #[test]
    fn settle_moves_the_allocation_out_of_escrow() {
        let mut l = Ledger::new(Currency::USD);
        l.fund(usd("500.00"));
        l.hold(usd("500.00")).unwrap();
        l.settle(usd("500.00"), usd("300.00"), usd("200.00"));
        assert_eq!(
            (l.released, l.refunded, l.in_escrow),
            (usd("300.00"), usd("200.00"), usd("0.00"))
        );
        assert_eq!(l.held, usd("0.00"));
        assert!(l.holds_invariant());
    }
}
