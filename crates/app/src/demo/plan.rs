//! What each demo case is meant to become: its target (a status it stays in,
//! or the outcome it resolves with), its ground, amount constraints, and when
//! it is filed. The first cases of every demo follow a fixed list so that
//! every status and every outcome of DOMAIN.md occurs; the rest are drawn.

use accord_core::feed::Ground;
use accord_core::Status;
use chrono::{DateTime, Duration, TimeZone, Utc};

use super::rng::Rng;

/// Stream families of the PRNG (one stream per case and purpose).
pub const SALT_PLAN: u64 = 1;
pub const SALT_CONTRACT: u64 = 2;
pub const SALT_DESK: u64 = 3;
pub const SALT_FILING: u64 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    // Left open, in this status.
    AwaitingClient,
    InMediation,
    InReview,
    AwaitingResponses,
    AwaitingFees,
    InArbitration,
    // Resolved with this outcome.
    ClientAccepted,
    ClientUnresponsive,
    ClientUnreachable,
    Settled,
    SettledAfterRecommendation,
    RecommendationAccepted,
    NoArbitration,
    FeeDefault,
    Award,
    WithdrawnEarly,
    WithdrawnDuringFees,
}

impl Target {
    /// The status an open target stays in (None: it resolves).
    pub fn open_status(self) -> Option<Status> {
        Some(match self {
            Target::AwaitingClient => Status::AwaitingClientResponse,
            Target::InMediation => Status::InMediation,
            Target::InReview => Status::RecommendationInReview,
            Target::AwaitingResponses => Status::AwaitingRecommendationResponses,
            Target::AwaitingFees => Status::AwaitingArbitrationFees,
            Target::InArbitration => Status::InArbitration,
            _ => return None,
        })
    }

    /// Days a resolved target's desk activity can take after filing (so that
    /// a case filed that long before `now` has room to finish).
    fn span_days(self) -> i64 {
        match self {
            Target::ClientAccepted | Target::ClientUnresponsive | Target::WithdrawnEarly => 16,
            Target::ClientUnreachable | Target::Settled => 40,
            Target::SettledAfterRecommendation | Target::RecommendationAccepted => 45,
            Target::NoArbitration | Target::FeeDefault | Target::WithdrawnDuringFees => 60,
            _ => 110,
        }
    }
}

/// Drawn weights per thousand cases.
const WEIGHTS: &[(Target, u32)] = &[
    (Target::AwaitingClient, 30),
    (Target::InMediation, 30),
    (Target::InReview, 10),
    (Target::AwaitingResponses, 15),
    (Target::AwaitingFees, 15),
    (Target::InArbitration, 20),
    (Target::ClientAccepted, 140),
    (Target::ClientUnresponsive, 100),
    (Target::ClientUnreachable, 50),
    (Target::Settled, 170),
    (Target::SettledAfterRecommendation, 40),
    (Target::RecommendationAccepted, 160),
    (Target::NoArbitration, 50),
    (Target::FeeDefault, 30),
    (Target::Award, 60),
    (Target::WithdrawnEarly, 60),
    (Target::WithdrawnDuringFees, 20),
];

/// Minor units (USD cents).
pub const REVIEW_MIN: i64 = 100_000;
pub const AAA_MIN: i64 = 2_000_000;
pub const MAX_AMOUNT: i64 = 3_000_000;
pub const MIN_AMOUNT: i64 = 15_000;

#[derive(Debug, Clone)]
pub struct Plan {
    pub target: Target,
    pub ground: Ground,
    /// Bounds of the disputed milestone's amount, minor units.
    pub amount_min: i64,
    pub amount_max: i64,
    /// A `milestone_not_released` claim of the whole milestone.
    pub full_claim: bool,
    /// Forced choices (None: the desk draws them).
    pub silence: Option<bool>,
    pub returned: Option<bool>,
    pub unassigned: Option<bool>,
    /// Filed under the 2019 policy (Some(true)), the 2023 one, or either.
    pub legacy: Option<bool>,
}

impl Plan {
    fn new(target: Target, ground: Ground) -> Plan {
        Plan {
            target,
            ground,
            amount_min: MIN_AMOUNT,
            amount_max: MAX_AMOUNT,
            full_claim: false,
            silence: None,
            returned: None,
            unassigned: None,
            legacy: None,
        }
    }
}

/// The first cases of every demo, in this order: every status, every outcome,
/// both grounds, both policies, the review and AAA bands.
fn forced(i: usize) -> Option<Plan> {
    use Ground::{EndedWithBalance as Ewb, MilestoneNotReleased as Mnr};
    use Target::*;
    let p = |t, g| Plan::new(t, g);
    let plan = match i {
        0 => Plan {
            unassigned: Some(false),
            ..p(AwaitingClient, Mnr)
        },
        1 => p(InMediation, Ewb),
        2 => Plan {
            amount_min: REVIEW_MIN,
            full_claim: true,
            returned: Some(false),
            ..p(InReview, Mnr)
        },
        3 => p(AwaitingResponses, Ewb),
        4 => Plan {
            silence: Some(false),
            ..p(AwaitingFees, Mnr)
        },
        5 => p(InArbitration, Ewb),
        6 => Plan {
            legacy: Some(true),
            ..p(ClientAccepted, Mnr)
        },
        7 => Plan {
            legacy: Some(false),
            unassigned: Some(true),
            ..p(ClientUnresponsive, Ewb)
        },
        8 => Plan {
            legacy: Some(true),
            ..p(ClientUnreachable, Mnr)
        },
        9 => Plan {
            legacy: Some(false),
            ..p(Settled, Ewb)
        },
        10 => Plan {
            legacy: Some(true),
            amount_min: REVIEW_MIN,
            full_claim: true,
            returned: Some(true),
            ..p(RecommendationAccepted, Mnr)
        },
        11 => Plan {
            legacy: Some(false),
            silence: Some(true),
            ..p(NoArbitration, Ewb)
        },
        12 => Plan {
            legacy: Some(false),
            silence: Some(false),
            ..p(FeeDefault, Mnr)
        },
        13 => Plan {
            legacy: Some(false),
            amount_min: AAA_MIN,
            full_claim: true,
            ..p(Award, Mnr)
        },
        14 => Plan {
            legacy: Some(false),
            ..p(WithdrawnEarly, Mnr)
        },
        15 => Plan {
            legacy: Some(true),
            ..p(WithdrawnEarly, Ewb)
        },
        16 => Plan {
            legacy: Some(false),
            ..p(SettledAfterRecommendation, Mnr)
        },
        17 => Plan {
            legacy: Some(false),
            silence: Some(false),
            ..p(WithdrawnDuringFees, Ewb)
        },
        18 => Plan {
            legacy: Some(false),
            amount_max: REVIEW_MIN - 1,
            ..p(RecommendationAccepted, Mnr)
        },
        19 => Plan {
            unassigned: Some(true),
            ..p(AwaitingClient, Ewb)
        },
        20 => Plan {
            legacy: Some(true),
            amount_min: 500_000,
            ..p(Award, Ewb)
        },
        21 => Plan {
            amount_min: REVIEW_MIN,
            full_claim: true,
            returned: Some(true),
            ..p(InMediation, Mnr)
        },
        22 => Plan {
            legacy: Some(false),
            ..p(ClientAccepted, Ewb)
        },
        23 => Plan {
            legacy: Some(true),
            silence: Some(false),
            ..p(NoArbitration, Mnr)
        },
        24 => Plan {
            legacy: Some(false),
            silence: Some(true),
            ..p(FeeDefault, Ewb)
        },
        25 => Plan {
            legacy: Some(false),
            amount_min: 500_000,
            ..p(Award, Mnr)
        },
        _ => return None,
    };
    Some(plan)
}

/// The plan of case `n` (from 1).
pub fn plan(seed: u64, n: u32) -> Plan {
    let mut rng = Rng::derive(seed, SALT_PLAN, n as u64);
    if let Some(p) = forced(n as usize - 1) {
        return p;
    }
    let weights: Vec<u32> = WEIGHTS.iter().map(|(_, w)| *w).collect();
    let target = WEIGHTS[rng.weighted(&weights)].0;
    let ground = if rng.chance(55) {
        Ground::MilestoneNotReleased
    } else {
        Ground::EndedWithBalance
    };
    let mut p = Plan::new(target, ground);
    if target == Target::InReview {
        p.amount_min = REVIEW_MIN;
        p.full_claim = true;
        p.returned = Some(false);
    }
    p
}

/// 2023-12-05T00:00:00Z: disputes filed from then on fall under upwork-fp-2023.
pub fn policy_cutoff() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 12, 5, 0, 0, 0)
        .single()
        .expect("a valid date")
}

/// The earliest filing: about two and a half years before `now`, and never
/// later than six months before the 2023 policy, so both policies occur.
pub fn oldest(now: DateTime<Utc>) -> DateTime<Utc> {
    (now - Duration::days(913)).min(policy_cutoff() - Duration::days(183))
}

/// When a case that is meant to resolve is filed: a whole minute between the
/// oldest filing and `now` less the time its desk activity may take.
pub fn resolved_filing(seed: u64, n: u32, plan: &Plan, now: DateTime<Utc>) -> DateTime<Utc> {
    let mut rng = Rng::derive(seed, SALT_FILING, n as u64);
    let span = Duration::days(plan.target.span_days());
    let from = oldest(now);
    let to = now - span;
    let cutoff = policy_cutoff();
    let (lo, hi) = match plan.legacy {
        Some(true) if from < cutoff.min(to) => (from, cutoff.min(to)),
        Some(false) if cutoff.max(from) < to => (cutoff.max(from), to),
        _ => (from, to),
    };
    let minutes = ((hi - lo).num_minutes()).max(1);
    let at = lo + Duration::minutes(rng.range(0, minutes - 1));
    at.min(now)
}
