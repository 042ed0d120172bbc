//! The money rules applied while importing (DOMAIN.md "Money", spec/feed.md
//! "Import rules"): `ContractMoneyState` and `check_contract_money`.

use accord_core::feed::{check_contract_money, parse, ContractMoneyState, FeedEvent};
use accord_core::money::{Currency, Money};
use serde_json::json;

fn usd(s: &str) -> Money {
    Currency::USD.parse(s).unwrap()
}

/// An event from its feed JSON (`id` and `at` filled in).
fn ev(id: &str, mut body: serde_json::Value) -> FeedEvent {
    body["id"] = json!(id);
    body["at"] = json!("2026-01-01T00:00:00Z");
    serde_json::from_value(body).expect("a well-formed event")
}

fn funded(id: &str, amount: &str) -> FeedEvent {
    ev(
        id,
        json!({"type": "milestone_funded", "milestone": "M-1", "amount": amount}),
    )
}

fn released(id: &str, amount: &str) -> FeedEvent {
    ev(
        id,
        json!({"type": "payment_released", "milestone": "M-1", "by": "client", "amount": amount}),
    )
}

fn refunded(id: &str, amount: &str) -> FeedEvent {
    ev(id, json!({"type": "refund_completed", "amount": amount}))
}

fn disputed(id: &str, dispute: &str, amount: &str) -> FeedEvent {
    ev(
        id,
        json!({"type": "dispute_filed", "dispute": dispute, "ground": "ended_with_balance",
               "amount": amount, "reason": "work_completed", "statement": "s"}),
    )
}

fn statement(id: &str, dispute: &str) -> FeedEvent {
    ev(
        id,
        json!({"type": "statement_submitted", "dispute": dispute, "by": "client", "text": "t", "attachments": []}),
    )
}

/// A state after `events`, each at `contracts[0].events[i]`.
fn run(events: &[FeedEvent]) -> ContractMoneyState {
    let mut s = ContractMoneyState::new(Currency::USD);
    for (i, e) in events.iter().enumerate() {
        s.apply(e, &format!("contracts[0].events[{i}]"))
            .unwrap_or_else(|err| panic!("{err}"));
    }
    s
}

#[test]
fn the_examples_money_adds_up() {
    let feed = parse(include_bytes!("feed_fixtures/small-feed.json")).unwrap();
    let states: Vec<ContractMoneyState> = feed
        .contracts
        .iter()
        .enumerate()
        .map(|(c, k)| check_contract_money(k, &format!("contracts[{c}]")).unwrap())
        .collect();

    let l = states[0].ledger();
    assert_eq!(
        (l.funded, l.in_escrow, l.held),
        (usd("500.00"), usd("500.00"), usd("500.00"))
    );
    assert_eq!(states[0].hold("D-501"), Some(usd("500.00")));

    // C-1002: 800 funded, 700 released (100 rolls over), 50 bonus, 2400 funded,
    // then a dispute holds 2400 of the 2500 in escrow.
    let l = states[1].ledger();
    assert_eq!(l.released, usd("700.00"));
    assert_eq!(
        l.charged_directly,
        usd("50.00"),
        "the bonus, outside escrow"
    );
    assert_eq!(l.in_escrow, usd("2500.00"));
    assert_eq!(l.available(), usd("100.00"));
    let d = states[1].dispute("D-502").expect("filed");
    assert_eq!(d.milestone.as_deref(), Some("M-22"));
    assert!(l.holds_invariant());

    // C-0990: the client's statement answers a dispute filed before it.
    assert_eq!(states[2].hold("D-377"), Some(usd("640.00")));
    assert_eq!(states[2].disputes().count(), 1);
}

#[test]
fn a_partial_release_rolls_over_to_the_next_milestone() {
    let s = run(&[
        funded("E-1", "800.00"),
        released("E-2", "700.00"),
        funded("E-3", "2400.00"),
    ]);
    let l = s.ledger();
    assert_eq!(
        l.in_escrow,
        usd("2500.00"),
        "the unreleased 100.00 stays in escrow"
    );
    assert_eq!(l.released, usd("700.00"));
    assert_eq!(l.charged_directly, usd("0.00"));
}

#[test]
fn a_release_above_escrow_is_charged_directly_not_refused() {
    let s = run(&[funded("E-1", "100.00"), released("E-2", "300.00")]);
    let l = s.ledger();
    assert_eq!(
        l.released,
        usd("100.00"),
        "released counts what left escrow"
    );
    assert_eq!(l.charged_directly, usd("200.00"));
    assert_eq!(l.in_escrow, usd("0.00"));
    assert!(l.holds_invariant());
}

#[test]
fn a_bonus_is_charged_directly() {
    let bonus = ev(
        "E-2",
        json!({"type": "bonus_paid", "amount": "50.00", "note": "thanks"}),
    );
    let s = run(&[funded("E-1", "100.00"), bonus]);
    assert_eq!(s.ledger().in_escrow, usd("100.00"));
    assert_eq!(s.ledger().charged_directly, usd("50.00"));
}

#[test]
fn a_refund_beyond_escrow_names_the_event_and_both_amounts() {
    let mut s = run(&[funded("E-1", "500.00")]);
    let before = s.clone();
    let e = s
        .apply(&refunded("E-9", "600.00"), "contracts[4].events[1]")
        .unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.rule),
        ("contracts[4].events[1].amount", "refund_exceeds_escrow")
    );
    assert!(
        e.message.contains("E-9") && e.message.contains("600.00") && e.message.contains("500.00"),
        "{e}"
    );
    assert_eq!(s, before, "a refused event changes nothing");
    s.apply(&refunded("E-10", "500.00"), "contracts[4].events[2]")
        .expect("all of it is available");
    assert_eq!(s.ledger().refunded, usd("500.00"));
}

#[test]
fn a_dispute_beyond_escrow_names_the_event_and_both_amounts() {
    let mut s = run(&[funded("E-1", "500.00")]);
    let e = s
        .apply(&disputed("E-7", "D-1", "500.01"), "contracts[0].events[1]")
        .unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.rule),
        ("contracts[0].events[1].amount", "dispute_exceeds_escrow")
    );
    assert!(
        e.message.contains("E-7") && e.message.contains("500.01") && e.message.contains("500.00"),
        "{e}"
    );
    assert_eq!(s.dispute("D-1"), None, "not recorded");
    assert_eq!(s.ledger().held, usd("0.00"));
}

#[test]
fn held_escrow_is_not_available_to_later_releases_refunds_or_disputes() {
    let mut s = run(&[funded("E-1", "500.00"), disputed("E-2", "D-1", "400.00")]);
    assert_eq!(s.hold("D-1"), Some(usd("400.00")));

    s.apply(&released("E-3", "150.00"), "contracts[0].events[2]")
        .unwrap();
    let l = s.ledger();
    assert_eq!(
        l.released,
        usd("100.00"),
        "only the 100.00 not held left escrow"
    );
    assert_eq!(
        l.charged_directly,
        usd("50.00"),
        "the rest was charged directly"
    );
    assert_eq!(l.in_escrow, usd("400.00"), "the hold is untouched");

    let e = s
        .apply(&refunded("E-4", "0.01"), "contracts[0].events[3]")
        .unwrap_err();
    assert_eq!(e.rule, "refund_exceeds_escrow", "{e}");
    let e = s
        .apply(&disputed("E-5", "D-2", "0.01"), "contracts[0].events[4]")
        .unwrap_err();
    assert_eq!(e.rule, "dispute_exceeds_escrow", "{e}");
}

#[test]
fn a_dispute_filed_twice_on_a_contract_is_duplicate_id() {
    let mut s = run(&[funded("E-1", "500.00"), disputed("E-2", "D-1", "100.00")]);
    let e = s
        .apply(&disputed("E-3", "D-1", "100.00"), "contracts[0].events[2]")
        .unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.rule),
        ("contracts[0].events[2].dispute", "duplicate_id")
    );
    assert!(e.message.contains("D-1"), "{e}");
    assert_eq!(s.ledger().held, usd("100.00"), "held once");
}

#[test]
fn a_statement_needs_a_dispute_filed_earlier_on_the_contract() {
    let mut s = run(&[funded("E-1", "500.00")]);
    let e = s
        .apply(&statement("E-2", "D-1"), "contracts[0].events[1]")
        .unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.rule),
        ("contracts[0].events[1].dispute", "unknown_dispute")
    );
    assert!(
        e.message.contains("D-1") && e.message.contains("E-2"),
        "{e}"
    );

    s.apply(&disputed("E-3", "D-1", "100.00"), "contracts[0].events[2]")
        .unwrap();
    s.apply(&statement("E-4", "D-1"), "contracts[0].events[3]")
        .expect("filed earlier");
}

#[test]
fn the_state_carries_over_to_a_later_feed() {
    // Feed 1 filed the dispute; feed 2 brings the statement and a release.
    let mut s = run(&[funded("E-1", "500.00"), disputed("E-2", "D-1", "500.00")]);
    s.apply(&statement("E-3", "D-1"), "contracts[0].events[0]")
        .expect("known from feed 1");
    s.apply(&released("E-4", "20.00"), "contracts[0].events[1]")
        .unwrap();
    assert_eq!(
        s.ledger().charged_directly,
        usd("20.00"),
        "all of escrow is held"
    );
}

#[test]
fn settling_at_the_desk_ends_the_hold_and_moves_the_allocation() {
    let mut s = run(&[funded("E-1", "1000.00"), disputed("E-2", "D-1", "600.00")]);
    let e = s
        .apply(&refunded("E-3", "500.00"), "contracts[0].events[2]")
        .unwrap_err();
    assert_eq!(
        e.rule, "refund_exceeds_escrow",
        "only 400.00 is available while D-1 holds 600.00"
    );

    s.settle("D-1", usd("350.00"), usd("250.00"));
    let l = s.ledger();
    assert_eq!(
        (l.released, l.refunded, l.in_escrow),
        (usd("350.00"), usd("250.00"), usd("400.00"))
    );
    assert_eq!(l.held, usd("0.00"));
    assert_eq!(s.hold("D-1"), None, "no longer open");
    assert!(s.dispute("D-1").is_some(), "but still known");
    assert!(l.holds_invariant());

    // Settling again moves nothing.
    let before = s.clone();
    s.settle("D-1", usd("350.00"), usd("250.00"));
    s.settle("D-404", usd("1.00"), usd("0.00"));
    assert_eq!(s, before);

    // The rest of escrow is available again; statements still find D-1.
    s.apply(&refunded("E-4", "400.00"), "contracts[0].events[3]")
        .expect("400.00 available");
    s.apply(&statement("E-5", "D-1"), "contracts[0].events[4]")
        .unwrap();
    // And the same dispute id cannot be filed again.
    s.apply(&funded("E-6", "10.00"), "contracts[0].events[5]")
        .unwrap();
    let e = s
        .apply(&disputed("E-7", "D-1", "10.00"), "contracts[0].events[6]")
        .unwrap_err();
    assert_eq!(e.rule, "duplicate_id");
}

#[test]
fn a_withdrawn_milestone_dispute_leaves_the_money_in_escrow() {
    let mut s = run(&[funded("E-1", "300.00"), disputed("E-2", "D-1", "300.00")]);
    s.settle("D-1", usd("0.00"), usd("0.00"));
    assert_eq!(s.ledger().in_escrow, usd("300.00"));
    assert_eq!(s.ledger().available(), usd("300.00"), "the hold has ended");
}

#[test]
fn check_contract_money_points_at_the_event() {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("feed_fixtures/small-feed.json")).unwrap();
    // C-1002: after E-25 escrow holds 2500.00; refund 2600.00 of it.
    v["contracts"][1]["events"][6] = json!({"id": "E-27", "at": "2026-02-12T08:30:00Z",
        "type": "refund_completed", "amount": "2600.00"});
    let feed = parse(&serde_json::to_vec(&v).unwrap()).expect("valid as a feed");
    let e = check_contract_money(&feed.contracts[1], "contracts[1]").unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.rule),
        ("contracts[1].events[6].amount", "refund_exceeds_escrow")
    );
    assert!(
        e.message.contains("E-27")
            && e.message.contains("2600.00")
            && e.message.contains("2500.00"),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "contracts[1].events[6].amount: event E-27: refund of 2600.00 exceeds the 2500.00 available in escrow"
    );
}

#[test]
fn check_contract_money_refuses_a_dispute_over_the_balance() {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("feed_fixtures/small-feed.json")).unwrap();
    v["contracts"][2]["events"][5]["amount"] = json!("640.01");
    let feed = parse(&serde_json::to_vec(&v).unwrap()).unwrap();
    let e = check_contract_money(&feed.contracts[2], "contracts[2]").unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.rule),
        ("contracts[2].events[5].amount", "dispute_exceeds_escrow")
    );
}
