//! One test per rule of DOMAIN.md and per refusal, through the real decider.

mod common;

use accord_core::feed::Ground;
use accord_core::Rule;
use common::{t, Desk};

const ASSIGN: &str = r#"{"type":"assign","specialist":"ana"}"#;
const ACCEPT: &str = r#"{"type":"record_client_response","decision":"accept"}"#;
const REC_300_200: &str = r#"{"type":"issue_recommendation","to_freelancer":"300.00","to_client":"200.00","rationale":"Two of three."}"#;

#[test]
fn a_case_opens_unassigned_awaiting_the_client() {
    let d = Desk::small();
    assert_eq!(d.status(), "awaiting_client_response");
    assert_eq!(d.state.assigned_to, None);
    assert_eq!(d.state.policy.id, "upwork-fp-2023");
    let c = d
        .state
        .clock(accord_core::clock::ClockName::ClientResponse)
        .unwrap();
    assert_eq!(
        c.due,
        t("2026-02-23T09:20:00Z"),
        "5 business days, Presidents' Day skipped"
    );
}

#[test]
fn client_accept_resolves_all_to_the_freelancer() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    d.act("specialist:ana", "2026-02-14T10:00:00Z", ACCEPT);
    assert_eq!(d.outcome(), Some("client_accepted"));
    assert_eq!(d.allocation(), Some(("500.00".into(), "0.00".into())));
    assert_eq!(d.state.ledger.released.to_string(), "500.00");
    assert_eq!(d.state.ledger.in_escrow.to_string(), "0.00");
}

#[test]
fn decline_moves_to_mediation_and_starts_two_clocks() {
    let d = Desk::in_mediation();
    assert_eq!(d.status(), "in_mediation");
    let names: Vec<&str> = d.state.clocks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["client_response", "recommendation_sla", "mediation"]
    );
    assert_eq!(d.state.clocks[1].due, t("2026-02-18T10:00:00Z"));
    assert_eq!(d.state.clocks[2].due, t("2026-03-16T10:00:00Z"));
    assert!(d.state.clocks[0].stopped.is_some(), "the client answered");
}

#[test]
fn statement_required_to_decline() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    d.refused(
        Rule::StatementRequired,
        "specialist:ana",
        "2026-02-14T10:00:00Z",
        r#"{"type":"record_client_response","decision":"decline"}"#,
    );
    d.refused(
        Rule::StatementRequired,
        "specialist:ana",
        "2026-02-14T10:00:00Z",
        r#"{"type":"record_client_response","decision":"decline","statement":"   "}"#,
    );
}

#[test]
fn role_forbidden_for_a_specialist_assigning() {
    let mut d = Desk::small();
    d.refused(
        Rule::RoleForbidden,
        "specialist:ana",
        "2026-02-13T10:00:00Z",
        ASSIGN,
    );
}

#[test]
fn role_forbidden_for_the_system_acting_and_others_sweeping() {
    let mut d = Desk::small();
    d.refused(
        Rule::RoleForbidden,
        "system",
        "2026-02-13T10:00:00Z",
        ASSIGN,
    );
    d.refused(
        Rule::RoleForbidden,
        "supervisor:sam",
        "2026-02-13T10:00:00Z",
        r#"{"type":"sweep"}"#,
    );
}

#[test]
fn not_assigned_for_another_specialist_and_on_unassigned_cases() {
    let mut d = Desk::small();
    d.refused(
        Rule::NotAssigned,
        "specialist:ana",
        "2026-02-13T10:00:00Z",
        ACCEPT,
    );
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    d.refused(
        Rule::NotAssigned,
        "specialist:ben",
        "2026-02-13T11:00:00Z",
        ACCEPT,
    );
}

#[test]
fn a_supervisor_may_act_on_any_case() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T11:00:00Z", ACCEPT);
    assert_eq!(d.outcome(), Some("client_accepted"));
    assert_eq!(d.state.assigned_to, None);
}

#[test]
fn not_allowed_in_status() {
    let mut d = Desk::in_mediation();
    d.refused(
        Rule::NotAllowedInStatus,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        ACCEPT,
    );
    d.refused(
        Rule::NotAllowedInStatus,
        "supervisor:sam",
        "2026-02-15T10:00:00Z",
        r#"{"type":"approve_recommendation"}"#,
    );
    d.refused(
        Rule::NotAllowedInStatus,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"record_award","to_freelancer":"500.00","to_client":"0.00"}"#,
    );
}

#[test]
fn case_resolved_beats_every_other_rule_but_notes_are_allowed() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T11:00:00Z", ACCEPT);
    d.refused(
        Rule::CaseResolved,
        "specialist:ana",
        "2026-02-14T10:00:00Z",
        ASSIGN,
    );
    d.refused(
        Rule::CaseResolved,
        "supervisor:sam",
        "2026-02-14T10:00:00Z",
        r#"{"type":"withdraw","reason":"x"}"#,
    );
    d.act(
        "specialist:ben",
        "2026-02-14T10:00:00Z",
        r#"{"type":"add_note","text":"Closed.","visibility":"internal"}"#,
    );
    assert_eq!(d.state.notes.len(), 1);
}

#[test]
fn negative_amount_before_too_many_places() {
    let mut d = Desk::in_mediation();
    d.refused(
        Rule::NegativeAmount,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"record_settlement","to_freelancer":"500.001","to_client":"-0.01"}"#,
    );
    d.refused(
        Rule::TooManyPlaces,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"record_settlement","to_freelancer":"499.999","to_client":"0.001"}"#,
    );
}

#[test]
fn allocation_mismatch_when_shares_do_not_sum_to_the_disputed_amount() {
    let mut d = Desk::in_mediation();
    d.refused(
        Rule::AllocationMismatch,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"issue_recommendation","to_freelancer":"300.00","to_client":"100.00","rationale":"x"}"#,
    );
    d.refused(
        Rule::AllocationMismatch,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"record_settlement","to_freelancer":"600.00","to_client":"0.00"}"#,
    );
}

#[test]
fn rationale_required_before_allocation_mismatch() {
    let mut d = Desk::in_mediation();
    d.refused(
        Rule::RationaleRequired,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"issue_recommendation","to_freelancer":"1.00","to_client":"1.00"}"#,
    );
}

#[test]
fn recommendation_below_threshold_goes_to_the_parties_and_both_accept() {
    let mut d = Desk::in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    assert_eq!(d.status(), "awaiting_recommendation_responses");
    let rr = d
        .state
        .clock(accord_core::clock::ClockName::RecommendationResponse)
        .unwrap();
    assert_eq!(rr.due, t("2026-02-17T10:00:00Z"));
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_recommendation_response","party":"client","decision":"accept"}"#,
    );
    d.refused(
        Rule::AlreadyResponded,
        "specialist:ana",
        "2026-02-16T10:30:00Z",
        r#"{"type":"record_recommendation_response","party":"client","decision":"reject"}"#,
    );
    d.act(
        "specialist:ana",
        "2026-02-16T11:00:00Z",
        r#"{"type":"record_recommendation_response","party":"freelancer","decision":"accept"}"#,
    );
    assert_eq!(d.outcome(), Some("recommendation_accepted"));
    assert_eq!(d.allocation(), Some(("300.00".into(), "200.00".into())));
    assert_eq!(d.state.ledger.released.to_string(), "300.00");
    assert_eq!(d.state.ledger.refunded.to_string(), "200.00");
}

fn big_in_mediation() -> Desk {
    let mut d = Desk::filed(
        "2026-02-13T09:20:00Z",
        "1000.00",
        Ground::EndedWithBalance,
        &["1000.00"],
    );
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    d.act(
        "specialist:ana",
        "2026-02-14T10:00:00Z",
        r#"{"type":"record_client_response","decision":"decline","statement":"No."}"#,
    );
    d
}

const BIG_REC: &str = r#"{"type":"issue_recommendation","to_freelancer":"600.00","to_client":"400.00","rationale":"Most delivered."}"#;

#[test]
fn review_at_the_threshold_and_four_eyes() {
    let mut d = big_in_mediation();
    d.act("supervisor:sam", "2026-02-15T10:00:00Z", BIG_REC);
    assert_eq!(d.status(), "recommendation_in_review");
    d.refused(
        Rule::OwnRecommendation,
        "supervisor:sam",
        "2026-02-15T11:00:00Z",
        r#"{"type":"approve_recommendation"}"#,
    );
    d.refused(
        Rule::RoleForbidden,
        "specialist:ana",
        "2026-02-15T11:00:00Z",
        r#"{"type":"approve_recommendation"}"#,
    );
    d.act(
        "supervisor:sofia",
        "2026-02-16T09:00:00Z",
        r#"{"type":"approve_recommendation"}"#,
    );
    assert_eq!(d.status(), "awaiting_recommendation_responses");
    let rr = d
        .state
        .clock(accord_core::clock::ClockName::RecommendationResponse)
        .unwrap();
    assert_eq!(
        rr.started,
        t("2026-02-16T09:00:00Z"),
        "the response clock starts when it reaches the parties"
    );
}

#[test]
fn return_needs_a_note_and_goes_back_to_mediation() {
    let mut d = big_in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", BIG_REC);
    d.refused(
        Rule::ReasonRequired,
        "supervisor:sam",
        "2026-02-15T11:00:00Z",
        r#"{"type":"return_recommendation"}"#,
    );
    d.act(
        "supervisor:sam",
        "2026-02-15T11:00:00Z",
        r#"{"type":"return_recommendation","note":"Cite the brief."}"#,
    );
    assert_eq!(d.status(), "in_mediation");
    assert!(d.state.recommendation.is_none());
    assert_eq!(d.state.returned_recommendations.len(), 1);
}

#[test]
fn a_rejection_issues_the_notice_and_computes_fee_shares() {
    let mut d = Desk::in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_recommendation_response","party":"freelancer","decision":"reject"}"#,
    );
    assert_eq!(d.status(), "awaiting_arbitration_fees");
    let f = d.state.fees.as_ref().unwrap();
    assert_eq!(
        (f.provider.as_str(), f.total.to_string()),
        ("Brief", "675.00".to_string())
    );
    assert_eq!(f.shares.len(), 2, "halves below a 5000.00 contract");
    let mediation = d
        .state
        .clock(accord_core::clock::ClockName::Mediation)
        .unwrap();
    assert!(
        mediation.stopped.is_some(),
        "mediation stops at awaiting_arbitration_fees"
    );
    let fees = d
        .state
        .clock(accord_core::clock::ClockName::ArbitrationFees)
        .unwrap();
    assert_eq!(fees.due, t("2026-02-23T10:00:00Z"));
}

fn awaiting_fees() -> Desk {
    let mut d = Desk::in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_recommendation_response","party":"client","decision":"reject"}"#,
    );
    d
}

#[test]
fn fee_mismatch_then_already_paid_then_arbitration() {
    let mut d = awaiting_fees();
    d.refused(
        Rule::FeeMismatch,
        "specialist:ana",
        "2026-02-17T10:00:00Z",
        r#"{"type":"record_fee_payment","party":"client","amount":"300.00"}"#,
    );
    d.act(
        "specialist:ana",
        "2026-02-17T10:00:00Z",
        r#"{"type":"record_fee_payment","party":"client","amount":"337.50"}"#,
    );
    d.refused(
        Rule::AlreadyPaid,
        "specialist:ana",
        "2026-02-17T11:00:00Z",
        r#"{"type":"record_fee_payment","party":"client","amount":"337.50"}"#,
    );
    d.refused(
        Rule::FeeMismatch,
        "specialist:ana",
        "2026-02-17T11:00:00Z",
        r#"{"type":"record_fee_payment","party":"client","amount":"1.00"}"#,
    );
    d.act(
        "specialist:ana",
        "2026-02-18T10:00:00Z",
        r#"{"type":"record_fee_payment","party":"freelancer","amount":"337.50"}"#,
    );
    assert_eq!(d.status(), "in_arbitration");
    d.refused(
        Rule::NotAllowedInStatus,
        "specialist:ana",
        "2026-02-18T11:00:00Z",
        r#"{"type":"withdraw","reason":"x"}"#,
    );
    d.act(
        "supervisor:sam",
        "2026-03-01T10:00:00Z",
        r#"{"type":"record_award","to_freelancer":"250.00","to_client":"250.00","reference":"BR-1"}"#,
    );
    assert_eq!(d.outcome(), Some("arbitration_award"));
}

#[test]
fn the_platform_pays_its_third_when_both_parties_have_paid() {
    let mut d = Desk::filed(
        "2026-02-13T09:20:00Z",
        "500.00",
        Ground::MilestoneNotReleased,
        &["500.00", "4500.00"],
    );
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    d.act(
        "specialist:ana",
        "2026-02-14T10:00:00Z",
        r#"{"type":"record_client_response","decision":"decline","statement":"No."}"#,
    );
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_recommendation_response","party":"client","decision":"reject"}"#,
    );
    let f = d.state.fees.clone().unwrap();
    assert_eq!(f.shares.len(), 3, "thirds from a 5000.00 contract");
    d.act(
        "specialist:ana",
        "2026-02-17T10:00:00Z",
        r#"{"type":"record_fee_payment","party":"client","amount":"225.00"}"#,
    );
    assert!(!d
        .state
        .fees
        .as_ref()
        .unwrap()
        .paid
        .contains_key(&accord_core::policy::FeeParty::Platform));
    d.act(
        "specialist:ana",
        "2026-02-17T11:00:00Z",
        r#"{"type":"record_fee_payment","party":"freelancer","amount":"225.00"}"#,
    );
    let paid = &d.state.fees.as_ref().unwrap().paid;
    assert_eq!(
        paid.get(&accord_core::policy::FeeParty::Platform)
            .map(|m| m.to_string()),
        Some("225.00".into())
    );
}

#[test]
fn nobody_pays_no_arbitration_one_pays_fee_default() {
    let mut d = awaiting_fees();
    d.act("system", "2026-02-23T10:00:00Z", r#"{"type":"sweep"}"#);
    assert_eq!(d.outcome(), Some("no_arbitration"));
    assert_eq!(d.allocation(), Some(("0.00".into(), "500.00".into())));

    let mut d = awaiting_fees();
    d.act(
        "specialist:ana",
        "2026-02-17T10:00:00Z",
        r#"{"type":"record_fee_payment","party":"freelancer","amount":"337.50"}"#,
    );
    d.act("system", "2026-03-01T00:00:00Z", r#"{"type":"sweep"}"#);
    assert_eq!(d.outcome(), Some("fee_default"));
    assert_eq!(d.allocation(), Some(("500.00".into(), "0.00".into())));
    let f = d.state.fees.as_ref().unwrap();
    assert_eq!(
        f.refunded
            .get(&accord_core::policy::FeeParty::Freelancer)
            .map(|m| m.to_string()),
        Some("337.50".into())
    );
    assert_eq!(
        d.state.resolved_at,
        Some(t("2026-02-23T10:00:00Z")),
        "a default takes effect at its due time"
    );
}

#[test]
fn silence_on_the_recommendation_is_a_rejection_at_its_due_time() {
    let mut d = Desk::in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_recommendation_response","party":"client","decision":"accept"}"#,
    );
    // A late sweep gives the same result as a punctual one.
    d.act("system", "2026-02-20T00:00:00Z", r#"{"type":"sweep"}"#);
    assert_eq!(d.status(), "awaiting_arbitration_fees");
    let fees = d
        .state
        .clock(accord_core::clock::ClockName::ArbitrationFees)
        .unwrap();
    assert_eq!(fees.started, t("2026-02-17T10:00:00Z"));
    let rec = d.state.recommendation.as_ref().unwrap();
    assert!(rec.responses[&accord_core::action::Party::Freelancer].by_default);
}

#[test]
fn time_is_never_skipped_before_an_action() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    let before = d.state.clone();
    let r = d
        .try_act("specialist:ana", "2026-02-23T09:20:00Z", ACCEPT)
        .unwrap_err();
    assert_eq!(r.rule, Rule::CaseResolved);
    assert_eq!(d.state, before);
    let swept = accord_core::sweep(&d.state, t("2026-02-23T09:20:00Z"));
    assert_eq!(swept.len(), 2, "clock_expired then case_resolved");
    assert!(swept
        .iter()
        .all(|e| e.at == t("2026-02-23T09:20:00Z") && e.actor == accord_core::Actor::System));
    assert!(
        accord_core::sweep(&d.state, t("2026-02-23T09:19:59Z")).is_empty(),
        "due means now ≥ due"
    );
}

#[test]
fn client_unreachable_after_the_policys_failed_attempts_in_mediation() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    let fail = r#"{"type":"log_contact_attempt","party":"client","channel":"email","reached":false,"note":"no answer"}"#;
    d.act("specialist:ana", "2026-02-13T11:00:00Z", fail);
    assert_eq!(
        d.state.failed_client_contacts, 0,
        "only attempts in mediation count"
    );
    d.act(
        "specialist:ana",
        "2026-02-14T10:00:00Z",
        r#"{"type":"record_client_response","decision":"decline","statement":"No."}"#,
    );
    d.act("specialist:ana", "2026-02-15T10:00:00Z", fail);
    d.act(
        "specialist:ana",
        "2026-02-15T11:00:00Z",
        r#"{"type":"log_contact_attempt","party":"freelancer","channel":"phone","reached":false}"#,
    );
    d.act(
        "specialist:ana",
        "2026-02-15T12:00:00Z",
        r#"{"type":"log_contact_attempt","party":"client","channel":"phone","reached":true}"#,
    );
    assert_eq!(
        d.state.failed_client_contacts, 0,
        "reaching the client resets the count"
    );
    d.act("specialist:ana", "2026-02-16T10:00:00Z", fail);
    assert_eq!(d.status(), "in_mediation");
    d.act("specialist:ana", "2026-02-16T11:00:00Z", fail);
    assert_eq!(d.outcome(), Some("client_unreachable"));
    assert_eq!(d.allocation(), Some(("500.00".into(), "0.00".into())));
}

#[test]
fn withdrawal_by_ground_and_fee_refunds() {
    let mut d = Desk::in_mediation();
    d.refused(
        Rule::ReasonRequired,
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"withdraw"}"#,
    );
    d.act(
        "specialist:ana",
        "2026-02-15T10:00:00Z",
        r#"{"type":"withdraw","reason":"Settled off-platform."}"#,
    );
    assert_eq!(d.allocation(), Some(("0.00".into(), "500.00".into())));

    let mut d = Desk::filed(
        "2026-02-13T09:20:00Z",
        "500.00",
        Ground::MilestoneNotReleased,
        &["500.00"],
    );
    d.act(
        "supervisor:sam",
        "2026-02-13T10:00:00Z",
        r#"{"type":"withdraw","reason":"Client paid."}"#,
    );
    assert_eq!(d.allocation(), Some(("0.00".into(), "0.00".into())));
    assert_eq!(
        d.state.ledger.in_escrow.to_string(),
        "500.00",
        "the money stays in escrow"
    );

    let mut d = awaiting_fees();
    d.act(
        "specialist:ana",
        "2026-02-17T10:00:00Z",
        r#"{"type":"record_fee_payment","party":"client","amount":"337.50"}"#,
    );
    d.act(
        "specialist:ana",
        "2026-02-18T10:00:00Z",
        r#"{"type":"withdraw","reason":"Dropped."}"#,
    );
    let f = d.state.fees.as_ref().unwrap();
    assert_eq!(
        f.refunded
            .get(&accord_core::policy::FeeParty::Client)
            .map(|m| m.to_string()),
        Some("337.50".into())
    );
}

#[test]
fn settlement_is_allowed_while_awaiting_responses() {
    let mut d = Desk::in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_settlement","to_freelancer":"350","to_client":"150","terms":"Split."}"#,
    );
    assert_eq!(d.outcome(), Some("settled"));
    assert_eq!(d.allocation(), Some(("350.00".into(), "150.00".into())));
}

#[test]
fn extension_rules() {
    let mut d = Desk::small();
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    let ext = |clock: &str, days: &str| {
        format!(r#"{{"type":"extend_clock","clock":"{clock}","days":{days},"reason":"Travel"}}"#)
    };
    d.refused(
        Rule::ReasonRequired,
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        r#"{"type":"extend_clock","clock":"nope","days":0}"#,
    );
    d.refused(
        Rule::UnknownClock,
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        &ext("nope", "0"),
    );
    d.refused(
        Rule::InvalidDays,
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        &ext("client_response", "0"),
    );
    d.refused(
        Rule::InvalidDays,
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        &ext("client_response", "366"),
    );
    d.refused(
        Rule::InvalidDays,
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        &ext("client_response", "1.5"),
    );
    d.refused(
        Rule::ClockNotRunning,
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        &ext("mediation", "1"),
    );
    d.act(
        "specialist:ana",
        "2026-02-13T11:00:00Z",
        &ext("client_response", "2"),
    );
    // 5 business days to Mon 23 Feb, +2 business days → Wed 25 Feb.
    assert_eq!(d.state.clocks[0].due, t("2026-02-25T09:20:00Z"));
    d.refused(
        Rule::ExtensionLimit,
        "specialist:ana",
        "2026-02-13T12:00:00Z",
        &ext("client_response", "2"),
    );
    d.act(
        "specialist:ana",
        "2026-02-13T12:00:00Z",
        &ext("client_response", "1"),
    );
    d.act(
        "supervisor:sam",
        "2026-02-13T13:00:00Z",
        &ext("client_response", "30"),
    );
    assert_eq!(
        d.state.clocks[0].specialist_days(),
        3,
        "a supervisor's days do not count"
    );
    d.act("specialist:ana", "2026-02-14T10:00:00Z", ACCEPT);
    d.refused(
        Rule::CaseResolved,
        "supervisor:sam",
        "2026-02-14T11:00:00Z",
        &ext("client_response", "1"),
    );
}

#[test]
fn extending_a_stopped_clock_is_refused() {
    let mut d = Desk::in_mediation();
    d.refused(
        Rule::ClockNotRunning,
        "supervisor:sam",
        "2026-02-15T10:00:00Z",
        r#"{"type":"extend_clock","clock":"client_response","days":1,"reason":"x"}"#,
    );
}

#[test]
fn assign_needs_a_name() {
    let mut d = Desk::small();
    d.refused(
        Rule::SpecialistRequired,
        "supervisor:sam",
        "2026-02-13T10:00:00Z",
        r#"{"type":"assign","specialist":" "}"#,
    );
}

#[test]
fn a_blank_note_is_refused() {
    let mut d = Desk::small();
    d.refused(
        Rule::ReasonRequired,
        "specialist:ana",
        "2026-02-13T10:00:00Z",
        r#"{"type":"add_note","text":""}"#,
    );
}

#[test]
fn replaying_the_log_rebuilds_the_same_state() {
    let mut d = Desk::in_mediation();
    d.act("specialist:ana", "2026-02-15T10:00:00Z", REC_300_200);
    d.act(
        "specialist:ana",
        "2026-02-16T10:00:00Z",
        r#"{"type":"record_recommendation_response","party":"client","decision":"reject"}"#,
    );
    assert_eq!(d.refold(), d.state);
}

#[test]
fn available_actions_follow_role_assignment_and_status() {
    let mut d = Desk::small();
    let sam: accord_core::Actor = "supervisor:sam".parse().unwrap();
    let ana: accord_core::Actor = "specialist:ana".parse().unwrap();
    assert_eq!(
        accord_core::available(&d.state, &ana),
        ["add_note"],
        "an unassigned specialist may only add notes"
    );
    let sup = accord_core::available(&d.state, &sam);
    assert!(
        sup.contains(&"assign")
            && sup.contains(&"record_client_response")
            && !sup.contains(&"approve_recommendation")
    );
    d.act("supervisor:sam", "2026-02-13T10:00:00Z", ASSIGN);
    let spec = accord_core::available(&d.state, &ana);
    assert!(
        spec.contains(&"record_client_response")
            && spec.contains(&"withdraw")
            && !spec.contains(&"assign")
    );
    d.act("specialist:ana", "2026-02-14T10:00:00Z", ACCEPT);
    assert_eq!(
        accord_core::available(&d.state, &sam),
        ["add_note"],
        "a resolved case takes notes only"
    );
}
