//! `App::demo`: reproducible, complete (every status and outcome), valid
//! (chains, ledgers, the rules), and safe to run into a non-empty database;
//! its walkthrough case D-501 is ready to be worked to resolution.

use std::collections::BTreeSet;

use accord_app::demo::{self, case_id, walkthrough};
use accord_app::queue::{QueueQuery, QueueRow};
use accord_app::App;
use accord_core::{Action, Actor, CaseEvent, PolicySet, Status};
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

const NOW: &str = "2026-03-02T09:00:00Z";

/// A fresh database with a demo of `cases` cases: the walkthrough case and
/// `cases - 1` of `seed`.
async fn demo_app(cases: u32, seed: u64, now: DateTime<Utc>) -> App {
    let app = App::in_memory().await.unwrap();
    let report = app.demo(cases, seed, now, &|_, _| {}).await.unwrap();
    assert_eq!(report.cases, cases as usize);
    assert_eq!(report.walkthrough.as_deref(), Some(walkthrough::CASE));
    assert!(report.events > report.cases * 5, "{report:?}");
    assert_eq!(app.case_count().await.unwrap(), i64::from(cases));
    app
}

/// The queue's rows of the generated cases (the walkthrough case left out).
fn generated(rows: &[QueueRow]) -> Vec<&QueueRow> {
    rows.iter().filter(|r| r.id != walkthrough::CASE).collect()
}

const STATUSES: [&str; 7] = [
    "awaiting_client_response",
    "in_mediation",
    "recommendation_in_review",
    "awaiting_recommendation_responses",
    "awaiting_arbitration_fees",
    "in_arbitration",
    "resolved",
];

const OUTCOMES: [&str; 9] = [
    "client_accepted",
    "client_unresponsive",
    "client_unreachable",
    "settled",
    "recommendation_accepted",
    "no_arbitration",
    "fee_default",
    "arbitration_award",
    "withdrawn",
];

#[tokio::test]
async fn the_same_seed_and_now_give_the_same_cases() {
    let now = t(NOW);
    let a = demo_app(60, 7, now).await;
    let b = demo_app(60, 7, now).await;
    let ids = [1, 2, 5, 13, 21, 30, 44, 58, 59].map(|n| case_id(7, n));
    for id in ids.into_iter().chain([walkthrough::CASE.to_string()]) {
        let ca = serde_json::to_string(&a.case(&id, now).await.unwrap()).unwrap();
        let cb = serde_json::to_string(&b.case(&id, now).await.unwrap()).unwrap();
        assert_eq!(ca, cb, "case {id} differs between two runs");
    }
    let qa = a.queue_all(&QueueQuery::default(), now).await.unwrap();
    let qb = b.queue_all(&QueueQuery::default(), now).await.unwrap();
    assert_eq!(qa, qb);

    // Another seed gives other cases.
    let c = demo_app(60, 8, now).await;
    let x = c.case(&case_id(8, 40), now).await.unwrap();
    let y = a.case(&case_id(7, 40), now).await.unwrap();
    assert_ne!(x.chain_head, y.chain_head);
}

#[tokio::test]
async fn sixty_cases_show_every_status_outcome_policy_and_ground() {
    for (now, seed) in [
        (t(NOW), 1),
        (t("2026-11-22T05:30:00Z"), 42),
        (t("2025-01-15T12:00:00Z"), 3),
    ] {
        let app = demo_app(61, seed, now).await;
        let all = app.queue_all(&QueueQuery::default(), now).await.unwrap();
        assert_eq!(all.len(), 61);
        // What the generator makes: sixty cases without the walkthrough's.
        let rows = generated(&all);
        assert_eq!(rows.len(), 60);
        assert_eq!(
            rows.iter()
                .filter(|r| r.id.starts_with(&format!("D-{seed}-")))
                .count(),
            60
        );
        let statuses: BTreeSet<&str> = rows.iter().map(|r| r.status.as_str()).collect();
        let outcomes: BTreeSet<&str> = rows.iter().filter_map(|r| r.outcome.as_deref()).collect();
        let policies: BTreeSet<&str> = rows.iter().map(|r| r.policy.as_str()).collect();
        let grounds: BTreeSet<&str> = rows.iter().map(|r| r.ground.as_str()).collect();
        assert_eq!(
            statuses,
            STATUSES.into_iter().collect(),
            "statuses at {now}"
        );
        assert_eq!(
            outcomes,
            OUTCOMES.into_iter().collect(),
            "outcomes at {now}"
        );
        assert_eq!(
            policies,
            ["upwork-fp-2019", "upwork-fp-2023"].into_iter().collect(),
            "policies at {now}"
        );
        assert_eq!(
            grounds,
            ["ended_with_balance", "milestone_not_released"]
                .into_iter()
                .collect()
        );
        assert!(
            rows.iter().any(|r| r.assigned_to.is_none()),
            "some new cases wait for assignment"
        );
        let assignees: BTreeSet<&str> = rows
            .iter()
            .filter_map(|r| r.assigned_to.as_deref())
            .collect();
        assert!(assignees.len() >= 4, "{assignees:?}");

        // Withdrawn on both grounds; awards in the AAA band; thirds and halves.
        let mut withdrawn_grounds = BTreeSet::new();
        let mut providers = BTreeSet::new();
        let mut share_counts = BTreeSet::new();
        let mut reviewed = false;
        let mut silent = false;
        let mut extended = false;
        for r in rows {
            let c = app.case(&r.id, now).await.unwrap();
            if c.outcome.as_deref() == Some("withdrawn") {
                withdrawn_grounds.insert(c.ground.clone());
            }
            if let Some(f) = &c.fees {
                providers.insert(f.provider.clone());
                share_counts.insert(f.shares.len());
            }
            reviewed |= c
                .recommendation
                .as_ref()
                .is_some_and(|r| r.approved_by.is_some());
            silent |= c
                .events
                .iter()
                .any(|e| e.body.get("by_default") == Some(&serde_json::Value::Bool(true)));
            extended |= c.clocks.iter().any(|cl| !cl.extensions.is_empty());
        }
        assert_eq!(
            withdrawn_grounds.len(),
            2,
            "withdrawn on both grounds at {now}"
        );
        assert!(providers.contains("AAA"), "{providers:?}");
        if now > t("2024-06-01T00:00:00Z") {
            assert!(providers.contains("Brief"), "{providers:?}");
            assert_eq!(
                share_counts,
                [2, 3].into_iter().collect(),
                "halves and thirds"
            );
        }
        assert!(
            reviewed && silent && extended,
            "reviewed {reviewed} silent {silent} extended {extended}"
        );
    }
}

#[tokio::test]
async fn chains_verify_and_every_ledger_holds() {
    let now = t(NOW);
    let app = demo_app(120, 5, now).await;
    let report = app.verify(None).await.unwrap();
    assert_eq!(report.cases_checked, 120);
    assert!(report.broken.is_empty(), "{:?}", report.broken);
    let ids = (1..120).map(|n| case_id(5, n));
    for id in ids.chain([walkthrough::CASE.to_string()]) {
        let l = app.load(&id).await.unwrap();
        assert!(
            l.state.ledger.holds_invariant(),
            "ledger of {id}: {:?}",
            l.state.ledger
        );
        let c = app.case(&id, now).await.unwrap();
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            d(&c.ledger.funded),
            d(&c.ledger.released) + d(&c.ledger.refunded) + d(&c.ledger.in_escrow),
            "{id}"
        );
        assert!(d(&c.ledger.in_escrow) >= Decimal::ZERO, "{id}");
        if let Some(a) = &c.allocation {
            let sum = d(&a.to_freelancer) + d(&a.to_client);
            if c.outcome.as_deref() == Some("withdrawn") && c.ground == "milestone_not_released" {
                assert_eq!(sum, Decimal::ZERO, "{id}");
            } else {
                assert_eq!(
                    sum,
                    d(&c.disputed),
                    "{id}: the outcome allocates the whole disputed amount"
                );
            }
        }
        // Times: the desk acts after the filing, never after now, in order.
        for w in c.events.windows(2) {
            assert!(
                w[0].at <= w[1].at,
                "{id}: events out of order at seq {}",
                w[1].seq
            );
        }
        for e in &c.events {
            assert!(e.at <= now, "{id}: event {} after now", e.seq);
            if e.actor != "platform" {
                assert!(
                    e.at >= c.filed_at,
                    "{id}: desk event {} before the filing",
                    e.seq
                );
            }
        }
        // Reading the case at `now` shows nothing a sweep would still change.
        assert!(
            c.clocks.iter().all(|cl| cl.state != "expired"
                || cl.name == "mediation"
                || cl.name == "recommendation_sla"
                || l.state
                    .clock(cl.name.parse().unwrap())
                    .is_some_and(|k| k.defaulted)),
            "{id}: an unswept default"
        );
    }
}

#[test]
fn thousands_of_cases_follow_the_rules() {
    // Every desk action goes through `decide`; a refusal is a generator bug.
    let policies = PolicySet::builtin();
    let mut statuses = BTreeSet::new();
    for (seed, now) in [
        (11u64, t(NOW)),
        (12, t("2026-11-22T05:33:00Z")),
        (13, t("2024-02-29T23:59:00Z")),
    ] {
        for n in 1..=1500 {
            let g = demo::generate(seed, n, now, &policies).unwrap_or_else(|r| {
                panic!(
                    "case {n} of seed {seed} at {now}: {:?}: {}",
                    r.rule, r.message
                )
            });
            assert!(g.state.ledger.holds_invariant());
            assert!(g.state.opened);
            let filed = g.state.filed_at;
            for e in &g.desk {
                assert!(
                    e.at >= filed && e.at <= now,
                    "case {n}: desk event at {} outside {filed}..{now}",
                    e.at
                );
                assert!(matches!(e.event, CaseEvent::Desk(_)));
            }
            statuses.insert(g.state.status.as_str());
        }
    }
    assert_eq!(statuses.len(), Status::ALL.len());
}

#[test]
fn the_demo_feed_is_a_valid_feed() {
    let now = t(NOW);
    let contracts = demo::contracts(9, 1..301, now, &PolicySet::builtin()).unwrap();
    let feed = demo::feed(contracts, now);
    let bytes = serde_json::to_vec(&feed).unwrap();
    let parsed = accord_core::feed::parse(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed, feed,
        "what the import reads back is what was generated"
    );
    let events: usize = feed.contracts.iter().map(|c| c.events.len()).sum();
    assert!(
        (7..=16).contains(&(events / feed.contracts.len())),
        "about ten events a contract: {events}"
    );
}

#[tokio::test]
async fn a_demo_goes_into_a_non_empty_database_but_never_twice() {
    let now = t(NOW);
    let app = demo_app(30, 1, now).await;
    let d501 = app.case(walkthrough::CASE, now).await.unwrap().chain_head;
    let again = app.demo(30, 1, now, &|_, _| {}).await.unwrap_err();
    assert_eq!(again.rule().as_deref(), Some("demo_exists"), "{again}");
    assert!(again.to_string().contains("seed 1"), "{again}");
    assert_eq!(
        app.case_count().await.unwrap(),
        30,
        "the refusal wrote nothing"
    );
    // Another seed, later: D-501 is already here, so all forty are seed 2's
    // and the walkthrough case is left as it was.
    let later = now + Duration::days(2);
    let seen = std::sync::Mutex::new(Vec::new());
    let report = app
        .demo(40, 2, later, &|done, total| {
            seen.lock().unwrap().push((done, total))
        })
        .await
        .unwrap();
    assert_eq!(report.cases, 40);
    assert_eq!(report.walkthrough, None);
    assert_eq!(app.case_count().await.unwrap(), 70);
    assert!(app.load(&case_id(2, 40)).await.is_ok());
    assert_eq!(
        app.case(walkthrough::CASE, later).await.unwrap().chain_head,
        d501
    );
    assert_eq!(seen.into_inner().unwrap().last(), Some(&(40, 40)));
    assert!(app.verify(None).await.unwrap().broken.is_empty());
}

#[tokio::test]
async fn a_demo_that_meets_its_own_ids_writes_nothing() {
    // One of seed 5's contracts is already here (imported as a feed): the
    // demo's single transaction is refused whole.
    let now = t(NOW);
    let app = App::in_memory().await.unwrap();
    let contracts = demo::contracts(5, 20..21, now, &PolicySet::builtin()).unwrap();
    let feed = serde_json::to_vec(&demo::feed(contracts, now)).unwrap();
    app.import(&feed, &accord_core::Actor::System, now, &|_| {})
        .await
        .unwrap();
    let err = app.demo(30, 5, now, &|_, _| {}).await.unwrap_err();
    assert_eq!(err.rule().as_deref(), Some("demo_exists"), "{err}");
    assert_eq!(
        app.case_count().await.unwrap(),
        1,
        "nothing of the demo was written"
    );
    assert!(app.verify(None).await.unwrap().broken.is_empty());
}

fn act(value: serde_json::Value) -> Action {
    serde_json::from_value(value).unwrap()
}

/// The spec's walkthrough (spec/examples/scenario-d501-accepted.json) on the
/// demo's D-501: assign, the client's decline, a recommendation of 300.00 to
/// the freelancer and 200.00 to the client, both parties accept.
#[tokio::test]
async fn the_walkthrough_case_is_new_and_works_to_resolution() {
    for now in [
        t("2026-11-22T05:30:00Z"),
        t("2027-04-03T17:45:12.345Z"),
        t("2025-01-15T12:00:00Z"),
    ] {
        let app = demo_app(40, 1, now).await;
        let c = app.case(walkthrough::CASE, now).await.unwrap();
        assert_eq!(c.contract, "C-1001");
        assert_eq!(c.title, "Brand identity for a bakery");
        assert_eq!(c.status, "awaiting_client_response", "a new dispute");
        assert_eq!(c.assigned_to, None, "a case opens unassigned");
        assert_eq!(c.outcome, None);
        assert_eq!(c.disputed, "500.00");
        assert_eq!(c.policy, "upwork-fp-2023");
        assert_eq!(c.ledger.in_escrow, "500.00");
        assert_eq!(
            c.filed_at,
            t(&now.format("%Y-%m-%dT%H:%M:%SZ").to_string()) - Duration::hours(1),
            "filed an hour before now (to the second)"
        );
        let clock = c
            .clocks
            .iter()
            .find(|k| k.name == "client_response")
            .unwrap();
        assert!(clock.due > now, "{} at {now}", clock.due);
        assert_eq!(clock.state, "running");
        assert!(c.events.iter().all(|e| e.actor == "platform" && e.at < now));

        // The example's events, ids and gaps, all moved by one delta.
        let example = walkthrough::contract(t("2026-02-13T10:20:00Z"));
        assert_eq!(example.events.last().unwrap().at, t("2026-02-13T09:20:00Z"));
        let delta = c.filed_at - t("2026-02-13T09:20:00Z");
        let moved: Vec<_> = c.events.iter().map(|e| e.at - delta).collect();
        let original: Vec<_> = example.events.iter().map(|e| e.at).collect();
        assert_eq!(moved, original);
        let ids: Vec<_> = c.events.iter().map(|e| e.body["id"].clone()).collect();
        let example_ids: Vec<_> = example
            .events
            .iter()
            .map(|e| serde_json::json!(e.id))
            .collect();
        assert_eq!(ids, example_ids);

        // As scenario-d501-accepted.json works it, an hour apart: each step
        // with the status it leaves the case in.
        let sam = Actor::Supervisor("sam".into());
        let ana = Actor::Specialist("ana".into());
        let at = |minutes: i64| now + Duration::minutes(minutes);
        let steps = [
            (
                &sam,
                serde_json::json!({"type": "assign", "specialist": "ana"}),
                "awaiting_client_response",
            ),
            (
                &ana,
                serde_json::json!({
                    "type": "record_client_response",
                    "decision": "decline",
                    "statement": "The concepts ignored the brief."
                }),
                "in_mediation",
            ),
            (
                &ana,
                serde_json::json!({
                    "type": "issue_recommendation",
                    "to_freelancer": "300.00",
                    "to_client": "200.00",
                    "rationale": "Two of three concepts met the brief."
                }),
                "awaiting_recommendation_responses",
            ),
            (
                &ana,
                serde_json::json!({
                    "type": "record_recommendation_response",
                    "party": "client",
                    "decision": "accept"
                }),
                "awaiting_recommendation_responses",
            ),
            (
                &ana,
                serde_json::json!({
                    "type": "record_recommendation_response",
                    "party": "freelancer",
                    "decision": "accept"
                }),
                "resolved",
            ),
        ];
        for (k, (actor, action, status)) in (1i64..).zip(steps) {
            let done = app
                .act(walkthrough::CASE, &act(action.clone()), actor, at(60 * k))
                .await
                .unwrap_or_else(|e| panic!("{action} at {now}: {e}"));
            assert_eq!(done.case.status, status, "after {action}");
        }
        let c = app.case(walkthrough::CASE, at(300)).await.unwrap();
        assert_eq!(c.status, "resolved");
        assert_eq!(c.outcome.as_deref(), Some("recommendation_accepted"));
        assert_eq!(c.assigned_to.as_deref(), Some("ana"));
        let a = c.allocation.unwrap();
        assert_eq!(
            (a.to_freelancer.as_str(), a.to_client.as_str()),
            ("300.00", "200.00")
        );
        assert_eq!(
            (
                c.ledger.released.as_str(),
                c.ledger.refunded.as_str(),
                c.ledger.in_escrow.as_str()
            ),
            ("300.00", "200.00", "0.00")
        );
        assert!(
            c.events.iter().all(|e| e.actor != "system"),
            "no default applied on the way"
        );
        let v = app.verify(Some(walkthrough::CASE)).await.unwrap();
        assert!(v.broken.is_empty() && v.cases_checked == 1, "{v:?}");
    }
}

/// A database that already holds C-1001 (here small-feed.json's own, dated
/// February 2026) keeps it: the demo writes N cases of its seed around it.
#[tokio::test]
async fn a_demo_leaves_a_walkthrough_case_already_there() {
    let now = t("2026-11-22T05:30:00Z");
    let app = App::in_memory().await.unwrap();
    let feed = serde_json::to_vec(&demo::feed(
        vec![walkthrough::contract(t("2026-02-13T10:20:00Z"))],
        t("2026-03-02T09:00:00Z"),
    ))
    .unwrap();
    app.import(&feed, &Actor::System, now, &|_| {})
        .await
        .unwrap();
    let before = app.case(walkthrough::CASE, now).await.unwrap();
    let report = app.demo(3, 4, now, &|_, _| {}).await.unwrap();
    assert_eq!((report.cases, report.walkthrough), (3, None));
    assert_eq!(app.case_count().await.unwrap(), 4);
    assert!(app.load(&case_id(4, 3)).await.is_ok());
    let after = app.case(walkthrough::CASE, now).await.unwrap();
    assert_eq!(after.chain_head, before.chain_head);
    assert_eq!(after.filed_at, t("2026-02-13T09:20:00Z"));

    // A one-case demo into an empty database is the walkthrough case alone.
    let one = App::in_memory().await.unwrap();
    let report = one.demo(1, 4, now, &|_, _| {}).await.unwrap();
    assert_eq!(
        (report.cases, report.walkthrough.as_deref()),
        (1, Some(walkthrough::CASE))
    );
    assert_eq!(one.case_count().await.unwrap(), 1);
    assert!(one.load(&case_id(4, 1)).await.is_err());
}
