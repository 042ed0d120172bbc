//! Import rules of spec/feed.md: all or nothing, idempotent, later feeds
//! append, a changed event is refused, money rules name the event.

use std::path::PathBuf;

use accord_app::{App, AppError};
use accord_core::Actor;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn example() -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/spec/examples/small-feed.json");
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

async fn import(app: &App, feed: &Value) -> Result<accord_app::import::ImportReport, AppError> {
    app.import(
        &serde_json::to_vec(feed).unwrap(),
        &Actor::System,
        t("2026-03-02T09:00:00Z"),
        &|_| {},
    )
    .await
}

fn rule_and_path(e: AppError) -> (String, String) {
    match e {
        AppError::InvalidInput { path, rule, .. } => (rule, path),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn the_example_opens_three_cases() {
    let app = App::in_memory().await.unwrap();
    let r = import(&app, &example()).await.unwrap();
    assert_eq!((r.contracts, r.cases_opened, r.events_added), (3, 3, 24));
    assert_eq!(app.case_count().await.unwrap(), 3);
    let c = app.case("D-502", t("2026-03-02T09:00:00Z")).await.unwrap();
    assert_eq!(c.ledger.in_escrow, "2500.00");
    assert_eq!(c.ledger.charged_directly, "50.00");
    assert_eq!(
        c.exhibits.len(),
        2,
        "attachments of the contract's submissions"
    );
    assert_eq!(
        c.exhibits[0].name, "../../etc/passwd",
        "kept as text, never a path"
    );
}

#[tokio::test]
async fn a_later_feed_appends_to_known_contracts_and_cases() {
    let app = App::in_memory().await.unwrap();
    import(&app, &example()).await.unwrap();
    let mut later = example();
    later["generated_at"] = "2026-03-05T09:00:00Z".into();
    let events = later["contracts"][0]["events"].as_array_mut().unwrap();
    events.push(json!({"id":"E-8","at":"2026-02-14T08:00:00Z","type":"statement_submitted","dispute":"D-501","by":"client","text":"We asked for a croissant.","attachments":[]}));
    let r = import(&app, &later).await.unwrap();
    assert_eq!((r.events_added, r.cases_updated, r.cases_opened), (1, 1, 0));
    let c = app.case("D-501", t("2026-03-05T09:00:00Z")).await.unwrap();
    assert_eq!(c.events.len(), 8);
    assert!(c
        .statements
        .iter()
        .any(|s| s.text == "We asked for a croissant."));
    assert!(app.verify(None).await.unwrap().broken.is_empty());
}

#[tokio::test]
async fn a_changed_event_is_an_error_not_an_overwrite() {
    let app = App::in_memory().await.unwrap();
    import(&app, &example()).await.unwrap();
    let mut changed = example();
    changed["contracts"][0]["events"][2]["body"] = "Edited afterwards.".into();
    let (rule, path) = rule_and_path(import(&app, &changed).await.unwrap_err());
    assert_eq!(
        (rule.as_str(), path.as_str()),
        ("event_conflict", "contracts[0].events[2]")
    );
}

#[tokio::test]
async fn invalid_feeds_import_nothing() {
    let app = App::in_memory().await.unwrap();
    let mut bad = example();
    bad["contracts"][2]["events"][0]["amount"] = "-1.00".into();
    let (rule, path) = rule_and_path(import(&app, &bad).await.unwrap_err());
    assert_eq!(
        (rule.as_str(), path.as_str()),
        ("negative_amount", "contracts[2].events[0].amount")
    );
    assert_eq!(
        app.case_count().await.unwrap(),
        0,
        "the valid contracts before it were not imported either"
    );
}

#[tokio::test]
async fn a_dispute_beyond_escrow_names_the_event() {
    let app = App::in_memory().await.unwrap();
    let mut bad = example();
    bad["contracts"][0]["events"][6]["amount"] = "500.01".into();
    let (rule, path) = rule_and_path(import(&app, &bad).await.unwrap_err());
    assert_eq!(rule, "dispute_exceeds_escrow");
    assert!(path.starts_with("contracts[0].events[6]"), "{path}");
}

#[tokio::test]
async fn a_dispute_id_reused_by_another_contract_is_refused() {
    let app = App::in_memory().await.unwrap();
    import(&app, &example()).await.unwrap();
    let mut again = example();
    let c = again["contracts"][0].clone();
    let mut other = c.clone();
    other["id"] = "C-2000".into();
    for (i, e) in other["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        e["id"] = format!("E-2000-{i}").into();
    }
    again["contracts"] = json!([other]);
    let e = import(&app, &again).await.unwrap_err();
    assert_eq!(e.rule().as_deref(), Some("duplicate_id"), "{e:?}");
    assert_eq!(app.case_count().await.unwrap(), 3);
}

#[tokio::test]
async fn a_contracts_ledger_shows_the_outcomes_of_its_other_disputes() {
    let app = App::in_memory().await.unwrap();
    let mut feed = example();
    // A second dispute on C-1002 over the 100.00 left in escrow by the partial release.
    feed["contracts"][1]["events"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "id": "E-40", "at": "2026-03-01T16:00:00Z", "type": "dispute_filed", "dispute": "D-503",
            "ground": "milestone_not_released", "milestone": "M-21", "amount": "100.00",
            "reason": "work_completed", "statement": "The rest of the prototype fee."
        }));
    import(&app, &feed).await.unwrap();
    let sam: Actor = "supervisor:sam".parse().unwrap();
    let accept =
        accord_core::Action::from_json(r#"{"type":"record_client_response","decision":"accept"}"#)
            .unwrap();
    app.act("D-503", &accept, &sam, t("2026-03-02T10:00:00Z"))
        .await
        .unwrap();
    let d503 = app.case("D-503", t("2026-03-02T11:00:00Z")).await.unwrap();
    assert_eq!(
        (
            d503.ledger.released.as_str(),
            d503.ledger.in_escrow.as_str()
        ),
        ("800.00", "2400.00")
    );
    let d502 = app.case("D-502", t("2026-03-02T11:00:00Z")).await.unwrap();
    assert_eq!(
        (
            d502.ledger.released.as_str(),
            d502.ledger.in_escrow.as_str()
        ),
        ("800.00", "2400.00"),
        "D-502 shows the contract's ledger, D-503's release included"
    );
}
