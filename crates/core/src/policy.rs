//! Policies: deadlines, thresholds and arbitration fees as data, chosen by the
//! dispute's filing date. The shipped set is `policies/policies.json` in the
//! repository; an operator can load a file of their own with the same shape.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::clock::{add_days, ClockName, DayUnit, Holidays};
use crate::money::{Amount, Money};
use crate::split::split_equal;

/// Who shares an arbitration fee.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FeeParty {
    Freelancer,
    Client,
    Platform,
}

impl FeeParty {
    pub fn as_str(self) -> &'static str {
        match self {
            FeeParty::Freelancer => "freelancer",
            FeeParty::Client => "client",
            FeeParty::Platform => "platform",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockTerm {
    pub days: u32,
    pub unit: DayUnit,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeBand {
    /// The band applies when the disputed amount is at least this.
    pub from_disputed: Amount,
    pub provider: String,
    pub total: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeSplit {
    /// The split applies when the contract's total (sum of its milestones) is at least this.
    pub from_contract_total: Amount,
    /// Equal shares, in this order (leftover cents go in this order too).
    pub parties: Vec<FeeParty>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    format: String,
    #[allow(dead_code)]
    note: Option<String>,
    holidays: Vec<NaiveDate>,
    policies: Vec<PolicyData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyData {
    id: String,
    in_force_from: Option<DateTime<Utc>>,
    clocks: HashMap<ClockName, ClockTerm>,
    client_contact_attempts: u32,
    review_threshold: Amount,
    specialist_extension_limit_days: u32,
    arbitration_fee_bands: Vec<FeeBand>,
    fee_splits: Vec<FeeSplit>,
}

/// One policy with its business-day calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub id: String,
    pub in_force_from: Option<DateTime<Utc>>,
    clocks: HashMap<ClockName, ClockTerm>,
    pub client_contact_attempts: u32,
    pub review_threshold: Amount,
    pub specialist_extension_limit_days: u32,
    pub arbitration_fee_bands: Vec<FeeBand>,
    pub fee_splits: Vec<FeeSplit>,
    pub holidays: Holidays,
}

/// The arbitration fee for one case, with each party's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeQuote {
    pub provider: String,
    pub total: Money,
    /// Parties that owe something, in the policy's order.
    pub shares: Vec<(FeeParty, Money)>,
}

impl Policy {
    pub fn term(&self, clock: ClockName) -> ClockTerm {
        self.clocks[&clock]
    }

    /// When `clock`, started at `start`, falls due.
    pub fn due(&self, clock: ClockName, start: DateTime<Utc>) -> DateTime<Utc> {
        let term = self.term(clock);
        add_days(start, term.days, term.unit, &self.holidays)
    }

    /// `due` moved on by `days` in the clock's own unit.
    pub fn extend(&self, clock: ClockName, due: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        add_days(due, days, self.term(clock).unit, &self.holidays)
    }

    pub fn needs_review(&self, disputed: Money) -> bool {
        disputed >= self.review_threshold.money(disputed.currency())
    }

    /// The fee band for the disputed amount and the split for the contract's total.
    pub fn arbitration_fee(&self, disputed: Money, contract_total: Money) -> FeeQuote {
        let currency = disputed.currency();
        let band = self
            .arbitration_fee_bands
            .iter()
            .rfind(|b| disputed >= b.from_disputed.money(currency))
            .or(self.arbitration_fee_bands.first())
            .expect("a policy has at least one fee band (checked at load)");
        let split = self
            .fee_splits
            .iter()
            .rfind(|s| contract_total >= s.from_contract_total.money(currency))
            .or(self.fee_splits.first())
            .expect("a policy has at least one fee split (checked at load)");
        let total = band.total.money(currency);
        let parts = split_equal(total, split.parties.len());
        FeeQuote {
            provider: band.provider.clone(),
            total,
            shares: split.parties.iter().copied().zip(parts).collect(),
        }
    }
}

/// Why a policy file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("policy file: {0}")]
pub struct PolicyError(pub String);

/// All policies, ordered by the date they came into force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySet {
    policies: Vec<Arc<Policy>>,
}

/// The policies shipped with Accord.
pub const BUILTIN_POLICIES: &str = include_str!("../../../policies/policies.json");

impl PolicySet {
    pub fn builtin() -> PolicySet {
        PolicySet::from_json(BUILTIN_POLICIES).expect("the shipped policy file is valid (tested)")
    }

    pub fn from_json(text: &str) -> Result<PolicySet, PolicyError> {
        let file: PolicyFile =
            serde_json::from_str(text).map_err(|e| PolicyError(e.to_string()))?;
        if file.format != "accord.policies/1" {
            return Err(PolicyError(format!(
                "format must be accord.policies/1, not {}",
                file.format
            )));
        }
        if file.policies.is_empty() {
            return Err(PolicyError("no policies".into()));
        }
        let holidays = Holidays::new(file.holidays);
        let mut policies = Vec::new();
        for p in file.policies {
            for c in ClockName::ALL {
                match p.clocks.get(&c) {
                    None => return Err(PolicyError(format!("{}: clock {c} has no term", p.id))),
                    Some(t) if t.days == 0 => {
                        return Err(PolicyError(format!("{}: clock {c} has 0 days", p.id)))
                    }
                    Some(_) => {}
                }
            }
            if p.arbitration_fee_bands.is_empty() || p.fee_splits.is_empty() {
                return Err(PolicyError(format!(
                    "{}: needs fee bands and fee splits",
                    p.id
                )));
            }
            if p.fee_splits.iter().any(|s| s.parties.is_empty()) {
                return Err(PolicyError(format!("{}: a fee split lists no party", p.id)));
            }
            policies.push(Arc::new(Policy {
                id: p.id,
                in_force_from: p.in_force_from,
                clocks: p.clocks,
                client_contact_attempts: p.client_contact_attempts.max(1),
                review_threshold: p.review_threshold,
                specialist_extension_limit_days: p.specialist_extension_limit_days,
                arbitration_fee_bands: p.arbitration_fee_bands,
                fee_splits: p.fee_splits,
                holidays: holidays.clone(),
            }));
        }
        policies.sort_by_key(|p| p.in_force_from);
        Ok(PolicySet { policies })
    }

    /// The policy in force for a dispute filed at `filed_at`: the latest one
    /// whose `in_force_from` is at or before it.
    pub fn for_filing(&self, filed_at: DateTime<Utc>) -> Arc<Policy> {
        self.policies
            .iter()
            .rfind(|p| p.in_force_from.is_none_or(|from| from <= filed_at))
            .unwrap_or(&self.policies[0])
            .clone()
    }

    pub fn by_id(&self, id: &str) -> Option<Arc<Policy>> {
        self.policies.iter().find(|p| p.id == id).cloned()
    }

    pub fn all(&self) -> &[Arc<Policy>] {
        &self.policies
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn usd(s: &str) -> Money {
        Currency::USD.parse(s).unwrap()
    }

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn policy_is_chosen_by_filing_date() {
        let set = PolicySet::builtin();
        assert_eq!(
            set.for_filing(t("2023-12-04T23:59:59Z")).id,
            "upwork-fp-2019"
        );
        assert_eq!(
            set.for_filing(t("2023-12-05T00:00:00Z")).id,
            "upwork-fp-2023"
        );
        assert_eq!(
            set.for_filing(t("2010-01-01T00:00:00Z")).id,
            "upwork-fp-2019"
        );
    }

    #[test]
    fn fee_bands_and_splits() {
        let set = PolicySet::builtin();
        let p23 = set.by_id("upwork-fp-2023").unwrap();
        let q = p23.arbitration_fee(usd("19999.99"), usd("4999.99"));
        assert_eq!((q.provider.as_str(), q.total), ("Brief", usd("675.00")));
        assert_eq!(
            q.shares,
            vec![
                (FeeParty::Freelancer, usd("337.50")),
                (FeeParty::Client, usd("337.50"))
            ]
        );
        let q = p23.arbitration_fee(usd("20000.00"), usd("5000.00"));
        assert_eq!((q.provider.as_str(), q.total), ("AAA", usd("1950.00")));
        assert_eq!(
            q.shares.len(),
            3,
            "thirds with the platform from a 5000.00 contract"
        );
        assert_eq!(q.shares[2], (FeeParty::Platform, usd("650.00")));
        let p19 = set.by_id("upwork-fp-2019").unwrap();
        let q = p19.arbitration_fee(usd("100.00"), usd("100.00"));
        assert_eq!(
            q.shares,
            vec![
                (FeeParty::Freelancer, usd("291.00")),
                (FeeParty::Client, usd("291.00")),
                (FeeParty::Platform, usd("291.00")),
            ]
        );
    }

    #[test]
    fn review_threshold_is_inclusive() {
        let p = PolicySet::builtin().by_id("upwork-fp-2023").unwrap();
        assert!(p.needs_review(usd("1000.00")));
        assert!(!p.needs_review(usd("999.99")));
    }

    #[test]
    fn clock_terms_follow_the_table() {
        let set = PolicySet::builtin();
        let p23 = set.by_id("upwork-fp-2023").unwrap();
        assert_eq!(
            p23.due(ClockName::ClientResponse, t("2026-02-13T09:20:00Z")),
            t("2026-02-23T09:20:00Z")
        );
        assert_eq!(
            p23.due(ClockName::RecommendationResponse, t("2026-02-15T10:00:00Z")),
            t("2026-02-17T10:00:00Z")
        );
        let p19 = set.by_id("upwork-fp-2019").unwrap();
        assert_eq!(
            p19.due(ClockName::RecommendationSla, t("2023-06-02T09:00:00Z")),
            t("2023-06-07T09:00:00Z")
        );
    }

    #[test]
    fn a_bad_policy_file_is_refused() {
        assert!(PolicySet::from_json("{}").is_err());
        let no_clock = BUILTIN_POLICIES.replace(
            "\"mediation\": { \"days\": 30, \"unit\": \"calendar\" },",
            "",
        );
        assert!(PolicySet::from_json(&no_clock).is_err());
    }
}
