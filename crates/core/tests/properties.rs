//! Properties over random inputs: no action sequence creates or destroys
//! money, every outcome allocates exactly the disputed amount, every split
//! sums to its whole, and replaying a log rebuilds the same state.

mod common;

use accord_core::feed::Ground;
use accord_core::ledger::Ledger;
use accord_core::split::split;
use accord_core::{Currency, Outcome, Status};
use common::Desk;
use proptest::prelude::*;

fn amount_text(minor: i64) -> String {
    Currency::USD.from_minor(minor).to_string()
}

/// One random desk move: an actor, an action's JSON with `{F}`/`{C}` standing
/// for a split of the disputed amount, and that split's share in permille.
fn moves() -> impl Strategy<Value = (usize, String, i64, bool)> {
    let action = prop_oneof![
        Just(r#"{"type":"assign","specialist":"ana"}"#.to_string()),
        Just(r#"{"type":"record_client_response","decision":"accept"}"#.to_string()),
        Just(r#"{"type":"record_client_response","decision":"decline","statement":"No."}"#.to_string()),
        any::<bool>().prop_map(|r| format!(
            r#"{{"type":"log_contact_attempt","party":"client","channel":"email","reached":{r}}}"#
        )),
        Just(r#"{"type":"issue_recommendation","to_freelancer":"{F}","to_client":"{C}","rationale":"r"}"#.to_string()),
        Just(r#"{"type":"record_settlement","to_freelancer":"{F}","to_client":"{C}"}"#.to_string()),
        Just(r#"{"type":"approve_recommendation"}"#.to_string()),
        Just(r#"{"type":"return_recommendation","note":"again"}"#.to_string()),
        (prop::bool::ANY, prop::bool::ANY).prop_map(|(p, d)| format!(
            r#"{{"type":"record_recommendation_response","party":"{}","decision":"{}"}}"#,
            if p { "client" } else { "freelancer" },
            if d { "accept" } else { "reject" }
        )),
        (prop::bool::ANY, prop_oneof![Just("337.50"), Just("291.00"), Just("225.00"), Just("650.00"), Just("1.00")])
            .prop_map(|(p, a)| format!(
                r#"{{"type":"record_fee_payment","party":"{}","amount":"{a}"}}"#,
                if p { "client" } else { "freelancer" }
            )),
        Just(r#"{"type":"record_award","to_freelancer":"{F}","to_client":"{C}"}"#.to_string()),
        (0u32..6, prop_oneof![
            Just("client_response"),
            Just("recommendation_sla"),
            Just("mediation"),
            Just("recommendation_response"),
            Just("arbitration_fees")
        ])
        .prop_map(|(d, c)| format!(r#"{{"type":"extend_clock","clock":"{c}","days":{d},"reason":"r"}}"#)),
        Just(r#"{"type":"withdraw","reason":"r"}"#.to_string()),
        Just(r#"{"type":"add_note","text":"n"}"#.to_string()),
        Just(r#"{"type":"sweep"}"#.to_string()),
    ];
    // Mostly exact splits; sometimes one that is a cent off (allocation_mismatch).
    (0usize..4, action, 0i64..=1000, prop::bool::weighted(0.1))
}

const ACTORS: [&str; 4] = [
    "specialist:ana",
    "specialist:ben",
    "supervisor:sam",
    "system",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_desk_work_keeps_money_whole(
        disputed in 1i64..300_000,
        extra in 0i64..600_000,
        milestone_ground in any::<bool>(),
        old_policy in any::<bool>(),
        steps in prop::collection::vec((moves(), 0i64..(4 * 24 * 3600)), 1..40),
    ) {
        let funded = disputed + extra;
        let ground = if milestone_ground { Ground::MilestoneNotReleased } else { Ground::EndedWithBalance };
        let filed = if old_policy { "2023-06-01T12:00:00Z" } else { "2026-02-13T09:20:00Z" };
        let mut d = Desk::filed(filed, &amount_text(disputed), ground, &[&amount_text(funded)]);
        let mut now = d.state.filed_at;
        for ((actor, template, permille, off), dt) in steps {
            now += chrono::Duration::seconds(dt);
            let to_freelancer = disputed * permille / 1000;
            let to_client = disputed - to_freelancer + i64::from(off);
            let action = template.replace("{F}", &amount_text(to_freelancer)).replace("{C}", &amount_text(to_client));
            let _ = d.try_act(ACTORS[actor], &now.to_rfc3339(), &action);
            let l = &d.state.ledger;
            prop_assert!(l.holds_invariant(), "ledger invariant after {action}: {l:?}");
            prop_assert_eq!(l.funded.to_minor(), funded, "funding never changes at the desk");
            prop_assert_eq!(
                l.released.to_minor() + l.refunded.to_minor() + l.in_escrow.to_minor(),
                funded,
                "no money created or destroyed"
            );
            if let Some(a) = d.state.allocation {
                let sum = a.to_freelancer.to_minor() + a.to_client.to_minor();
                if d.state.outcome == Some(Outcome::Withdrawn) && ground == Ground::MilestoneNotReleased {
                    prop_assert_eq!(sum, 0, "a withdrawn milestone dispute moves nothing");
                } else {
                    prop_assert_eq!(sum, disputed, "every outcome allocates the whole disputed amount");
                }
                prop_assert_eq!(d.state.status, Status::Resolved);
            }
        }
        prop_assert_eq!(d.refold(), d.state, "replaying the log rebuilds the same state");
    }

    #[test]
    fn splits_sum_exactly(total in 0i64..10_000_000_000, weights in prop::collection::vec(0u64..1000, 1..8)) {
        let whole = Currency::USD.from_minor(total);
        let parts = split(whole, &weights);
        if weights.iter().sum::<u64>() == 0 {
            prop_assert!(parts.is_empty());
        } else {
            let sum: i64 = parts.iter().map(|p| p.to_minor()).sum();
            prop_assert_eq!(sum, total);
            for (p, w) in parts.iter().zip(&weights) {
                if *w == 0 {
                    prop_assert_eq!(p.to_minor(), 0);
                }
            }
        }
    }

    #[test]
    fn equal_splits_differ_by_at_most_one_minor_unit_in_listed_order(total in 0i64..10_000_000, n in 1usize..6) {
        let parts = accord_core::split::split_equal(Currency::USD.from_minor(total), n);
        let minor: Vec<i64> = parts.iter().map(|p| p.to_minor()).collect();
        prop_assert_eq!(minor.iter().sum::<i64>(), total);
        prop_assert!(minor.windows(2).all(|w| w[0] >= w[1] && w[0] - w[1] <= 1));
    }

    #[test]
    fn ledger_operations_never_break_the_invariant(ops in prop::collection::vec((0u8..5, 0i64..100_000), 0..60)) {
        let usd = Currency::USD;
        let mut l = Ledger::new(usd);
        for (op, minor) in ops {
            let m = usd.from_minor(minor);
            let before = l.clone();
            match op {
                0 => l.fund(m),
                1 => { l.release(m); }
                2 => l.bonus(m),
                3 => if l.refund(m).is_err() { prop_assert_eq!(&l, &before, "a refused refund changes nothing"); },
                _ => if l.hold(m).is_err() { prop_assert_eq!(&l, &before, "a refused hold changes nothing"); },
            }
            prop_assert!(l.holds_invariant(), "{l:?}");
        }
    }
}
