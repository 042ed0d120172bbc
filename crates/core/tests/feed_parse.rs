//! `accord_core::feed::parse`: the example feed, and one refusal per rule,
//! each with its exact JSON path (spec/feed.md).
//!
//! Invalid feeds are made by mutating the example as a `serde_json::Value`.
//! Serialising a `Value` may reorder keys, so those tests break exactly one
//! rule; tests about document order write their JSON by hand.

use accord_core::feed::{parse, By, Feed, FeedError, FeedEventBody, Ground};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("feed_fixtures/small-feed.json");

fn example() -> Value {
    serde_json::from_str(EXAMPLE).expect("the example is JSON")
}

fn parse_value(v: &Value) -> Result<Feed, FeedError> {
    parse(&serde_json::to_vec(v).expect("serialisable"))
}

/// Refused, at `path`, by `rule`.
#[track_caller]
fn refused(v: &Value, path: &str, rule: &str) -> FeedError {
    let e = parse_value(v).expect_err("the feed breaks a rule");
    assert_eq!((e.path.as_str(), e.rule), (path, rule), "{e}");
    e
}

#[track_caller]
fn refused_text(text: &str, path: &str, rule: &str) -> FeedError {
    let e = parse(text.as_bytes()).expect_err("the feed breaks a rule");
    assert_eq!((e.path.as_str(), e.rule), (path, rule), "{e}");
    e
}

fn event(v: &mut Value, c: usize, e: usize) -> &mut Value {
    &mut v["contracts"][c]["events"][e]
}

fn remove(v: &mut Value, key: &str) {
    v.as_object_mut()
        .expect("an object")
        .remove(key)
        .expect("the key is there");
}

// ------------------------------------------------------------------ valid

#[test]
fn the_example_parses() {
    let feed = parse(EXAMPLE.as_bytes()).expect("the example is valid");
    assert_eq!(feed.format, "accord.feed/1");
    assert_eq!(feed.generated_at.to_rfc3339(), "2026-03-02T09:00:00+00:00");
    let ids: Vec<&str> = feed.contracts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["C-1001", "C-1002", "C-0990"]);
    let c2 = &feed.contracts[1];
    assert_eq!(
        c2.freelancer.agency.as_ref().map(|a| a.name.as_str()),
        Some("Kumo Labs")
    );
    assert_eq!(feed.contracts[0].freelancer.agency, None, "null agency");
    assert_eq!(c2.milestones[1].amount.0.to_string(), "2400.00");
    assert_eq!(c2.events.len(), 10);
    match &c2.events[9].body {
        FeedEventBody::DisputeFiled {
            dispute,
            ground,
            milestone,
            amount,
            ..
        } => {
            assert_eq!(dispute, "D-502");
            assert_eq!(*ground, Ground::MilestoneNotReleased);
            assert_eq!(milestone.as_deref(), Some("M-22"));
            assert_eq!(amount.0.to_string(), "2400.00");
        }
        other => panic!("E-30 is a dispute, not {other:?}"),
    }
    match &feed.contracts[0].events[6].body {
        FeedEventBody::DisputeFiled { milestone, .. } => {
            assert_eq!(*milestone, None, "ended_with_balance names no milestone")
        }
        other => panic!("E-7 is a dispute, not {other:?}"),
    }
    match &c2.events[5].body {
        FeedEventBody::WorkSubmitted {
            by, attachments, ..
        } => {
            assert_eq!(*by, By::Freelancer);
            assert_eq!(
                attachments[0].name, "../../etc/passwd",
                "names are kept as text"
            );
            assert_eq!(attachments[1].bytes, 20480);
        }
        other => panic!("E-26 is work_submitted, not {other:?}"),
    }
}

#[test]
fn the_example_round_trips() {
    let feed = parse(EXAMPLE.as_bytes()).unwrap();
    let again = parse(&serde_json::to_vec(&feed).unwrap()).expect("the serialised feed is valid");
    assert_eq!(again, feed);
}

#[test]
fn times_are_converted_to_utc_and_amounts_normalised() {
    let mut v = example();
    event(&mut v, 0, 0)["at"] = json!("2026-02-01T12:00:00+02:00");
    event(&mut v, 0, 0)["amount"] = json!("500");
    v["contracts"][0]["milestones"][0]["amount"] = json!("12.5");
    let feed = parse_value(&v).unwrap();
    let e = &feed.contracts[0].events[0];
    assert_eq!(e.at.to_rfc3339(), "2026-02-01T10:00:00+00:00");
    assert_eq!(serde_json::to_value(e).unwrap()["amount"], json!("500.00"));
    assert_eq!(
        feed.contracts[0].milestones[0].amount.0.to_string(),
        "12.50"
    );
    let round = parse(&serde_json::to_vec(&feed).unwrap()).unwrap();
    assert_eq!(round, feed);
}

#[test]
fn events_sharing_a_time_are_in_order() {
    let mut v = example();
    let at = event(&mut v, 1, 2)["at"].clone();
    event(&mut v, 1, 3)["at"] = at;
    parse_value(&v).expect("two events may share a time");
}

#[test]
fn attachments_may_be_absent_meaning_none() {
    // spec/feed.md's own example writes a message without attachments.
    let mut v = example();
    remove(event(&mut v, 0, 2), "attachments");
    let feed = parse_value(&v).unwrap();
    assert!(feed.contracts[0].events[2].body.attachments().is_empty());
}

#[test]
fn an_ended_with_balance_dispute_may_have_a_null_or_known_milestone() {
    let mut v = example();
    event(&mut v, 0, 6)["milestone"] = Value::Null;
    parse_value(&v).expect("null milestone");
    event(&mut v, 0, 6)["milestone"] = json!("M-1");
    parse_value(&v).expect("one of the contract's milestones");
    event(&mut v, 0, 6)["milestone"] = json!("M-404");
    refused(&v, "contracts[0].events[6].milestone", "unknown_milestone");
}

#[test]
fn an_empty_feed_is_valid() {
    let feed = parse(
        br#"{"format":"accord.feed/1","generated_at":"2026-03-02T09:00:00Z","contracts":[]}"#,
    )
    .unwrap();
    assert!(feed.contracts.is_empty());
}

// ------------------------------------------------------------------ rules

#[test]
fn invalid_json_names_line_and_column() {
    let e = refused_text(
        "{\n  \"format\": \"accord.feed/1\",\n  oops\n}",
        "$",
        "invalid_json",
    );
    assert!(
        e.message.contains("line 3") && e.message.contains("column 3"),
        "{e}"
    );
    refused_text("", "$", "invalid_json");
    refused_text(&format!("{EXAMPLE} []"), "$", "invalid_json");
}

#[test]
fn bytes_that_are_not_utf8_are_invalid_json() {
    let mut bytes = EXAMPLE.as_bytes().to_vec();
    let at = EXAMPLE.find("Crumb").unwrap();
    bytes[at] = 0xff;
    let e = parse(&bytes).unwrap_err();
    assert_eq!((e.path.as_str(), e.rule), ("$", "invalid_json"), "{e}");
    assert!(
        e.message.contains("UTF-8") && e.message.contains("line 11, column 18"),
        "{e}"
    );
}

#[test]
fn truncated_feeds_are_refused_without_panicking() {
    for end in (0..EXAMPLE.len()).step_by(13) {
        let e = parse(&EXAMPLE.as_bytes()[..end]).expect_err("truncated");
        assert_eq!(e.rule, "invalid_json", "cut at {end}: {e}");
    }
}

#[test]
fn an_amount_given_as_a_number_is_invalid_type() {
    let mut v = example();
    event(&mut v, 1, 2)["amount"] = json!(700);
    let e = refused(&v, "contracts[1].events[2].amount", "invalid_type");
    assert!(
        e.message.contains("decimal string") && e.message.contains("700"),
        "{e}"
    );
}

#[test]
fn values_of_the_wrong_type_are_invalid_type() {
    let mut v = example();
    v["contracts"] = json!({});
    refused(&v, "contracts", "invalid_type");

    let mut v = example();
    v["contracts"][0]["client"] = json!("U-10");
    refused(&v, "contracts[0].client", "invalid_type");

    let mut v = example();
    v["contracts"][0]["milestones"][0]["seq"] = json!("1");
    refused(&v, "contracts[0].milestones[0].seq", "invalid_type");

    let mut v = example();
    event(&mut v, 0, 1)["attachments"] = json!({});
    refused(&v, "contracts[0].events[1].attachments", "invalid_type");

    let e = refused_text("[]", "$", "invalid_type");
    assert!(e.message.contains("object"), "{e}");
}

#[test]
fn null_is_allowed_only_for_agency_and_a_disputes_milestone() {
    let mut v = example();
    v["contracts"][0]["title"] = Value::Null;
    let e = refused(&v, "contracts[0].title", "invalid_type");
    assert!(e.message.contains("found null"), "{e}");

    let mut v = example();
    event(&mut v, 0, 1)["attachments"] = Value::Null;
    refused(&v, "contracts[0].events[1].attachments", "invalid_type");

    let mut v = example();
    event(&mut v, 0, 0)["milestone"] = Value::Null;
    refused(&v, "contracts[0].events[0].milestone", "invalid_type");
}

#[test]
fn missing_fields_are_named() {
    let mut v = example();
    remove(&mut v, "format");
    refused(&v, "format", "missing_field");

    let mut v = example();
    remove(&mut v["contracts"][1]["milestones"][0], "title");
    let e = refused(&v, "contracts[1].milestones[0].title", "missing_field");
    assert!(e.message.contains("`title`"), "{e}");

    let mut v = example();
    remove(&mut v["contracts"][0]["freelancer"], "agency");
    refused(&v, "contracts[0].freelancer.agency", "missing_field");

    let mut v = example();
    remove(event(&mut v, 1, 2), "by");
    refused(&v, "contracts[1].events[2].by", "missing_field");

    let mut v = example();
    remove(event(&mut v, 1, 2), "type");
    refused(&v, "contracts[1].events[2].type", "missing_field");

    let mut v = example();
    remove(
        &mut v["contracts"][0]["events"][1]["attachments"][0],
        "sha256",
    );
    refused(
        &v,
        "contracts[0].events[1].attachments[0].sha256",
        "missing_field",
    );
}

#[test]
fn unknown_fields_are_refused_at_every_depth() {
    let cases: [(&[&str], &str); 7] = [
        (&[], "priority"),
        (&["contracts", "0"], "priority"),
        (&["contracts", "0", "client"], "email"),
        (&["contracts", "1", "freelancer", "agency"], "country"),
        (&["contracts", "1", "milestones", "1"], "due"),
        (&["contracts", "1", "events", "3"], "currency"),
        (
            &["contracts", "1", "events", "5", "attachments", "1"],
            "path",
        ),
    ];
    for (at, field) in cases {
        let mut v = example();
        let mut target = &mut v;
        for step in at {
            target = match step.parse::<usize>() {
                Ok(i) => &mut target[i],
                Err(_) => &mut target[*step],
            };
        }
        target[field] = json!("x");
        let mut path = String::new();
        for step in at {
            match step.parse::<usize>() {
                Ok(i) => path.push_str(&format!("[{i}]")),
                Err(_) if path.is_empty() => path.push_str(step),
                Err(_) => path.push_str(&format!(".{step}")),
            }
        }
        let expected = if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
        let e = refused(&v, &expected, "unknown_field");
        assert!(
            e.message.contains(&format!("`{field}`")),
            "names the field: {e}"
        );
    }
}

#[test]
fn a_field_of_another_event_type_is_unknown() {
    let mut v = example();
    event(&mut v, 0, 0)["by"] = json!("client");
    let e = refused(&v, "contracts[0].events[0].by", "unknown_field");
    assert!(e.message.contains("milestone_funded"), "{e}");
}

#[test]
fn an_odd_key_is_quoted_in_the_path() {
    let mut v = example();
    v["contracts"][0]["due date"] = json!("x");
    refused(&v, "contracts[0][\"due date\"]", "unknown_field");
    let mut v = example();
    v["1st"] = json!(1);
    refused(&v, "$[\"1st\"]", "unknown_field");
}

#[test]
fn a_key_given_twice_is_duplicate_field() {
    let text = EXAMPLE.replacen(
        "\"title\": \"Logo concepts\",",
        "\"title\": \"Logo concepts\", \"title\": \"Logo\",",
        1,
    );
    refused_text(&text, "contracts[0].milestones[0].title", "duplicate_field");
}

#[test]
fn only_accord_feed_1_is_supported() {
    let mut v = example();
    v["format"] = json!("accord.feed/2");
    let e = refused(&v, "format", "unsupported_format");
    assert!(
        e.message.contains("accord.feed/2") && e.message.contains("accord.feed/1"),
        "{e}"
    );
}

#[test]
fn times_must_be_rfc3339() {
    let mut v = example();
    v["generated_at"] = json!("yesterday");
    refused(&v, "generated_at", "invalid_time");
    for bad in [
        "2026-02-01T10:00:00",
        "2026-02-30T10:00:00Z",
        "2026-02-01",
        "1767225600",
    ] {
        let mut v = example();
        event(&mut v, 2, 3)["at"] = json!(bad);
        refused(&v, "contracts[2].events[3].at", "invalid_time");
    }
}

#[test]
fn an_unknown_currency_is_refused() {
    let mut v = example();
    v["contracts"][2]["currency"] = json!("XYZ");
    let e = refused(&v, "contracts[2].currency", "unknown_currency");
    assert!(e.message.contains("XYZ"), "{e}");
}

#[test]
fn an_amount_that_is_not_a_decimal_is_invalid_amount() {
    for bad in [
        "abc",
        "",
        "1e3",
        " 5.00",
        "5,00",
        "99999999999999999999999999999999",
    ] {
        let mut v = example();
        event(&mut v, 1, 3)["amount"] = json!(bad);
        refused(&v, "contracts[1].events[3].amount", "invalid_amount");
    }
}

#[test]
fn a_negative_amount_is_refused() {
    let mut v = example();
    event(&mut v, 1, 4)["amount"] = json!("-2400.00");
    refused(&v, "contracts[1].events[4].amount", "negative_amount");
    let mut v = example();
    v["contracts"][1]["milestones"][0]["amount"] = json!("-1");
    refused(&v, "contracts[1].milestones[0].amount", "negative_amount");
}

#[test]
fn too_many_places_says_how_many_and_what_the_currency_allows() {
    let mut v = example();
    event(&mut v, 1, 2)["amount"] = json!("700.005");
    let e = refused(&v, "contracts[1].events[2].amount", "too_many_places");
    assert_eq!(e.message, "amount has 3 decimal places; USD allows 2");
    assert_eq!(
        e.to_string(),
        "contracts[1].events[2].amount: amount has 3 decimal places; USD allows 2"
    );

    let mut v = example();
    event(&mut v, 1, 2)["amount"] = json!("700.000");
    let e = refused(&v, "contracts[1].events[2].amount", "too_many_places");
    assert_eq!(
        e.message, "amount has 3 decimal places; USD allows 2",
        "the text's places count"
    );
}

#[test]
fn milestone_amounts_are_checked_against_the_contracts_currency() {
    // In JPY (no minor unit) the events' whole amounts are fine; the
    // milestone's "640.00" is not.
    let mut v = example();
    v["contracts"][2]["currency"] = json!("JPY");
    for e in [0, 3, 5] {
        event(&mut v, 2, e)["amount"] = json!("640");
    }
    let e = refused(&v, "contracts[2].milestones[0].amount", "too_many_places");
    assert_eq!(e.message, "amount has 2 decimal places; JPY allows 0");
}

#[test]
fn an_unknown_event_type_is_refused() {
    let mut v = example();
    event(&mut v, 0, 2)["type"] = json!("chat");
    let e = refused(&v, "contracts[0].events[2].type", "unknown_event_type");
    assert!(
        e.message.contains("chat") && e.message.contains("statement_submitted"),
        "{e}"
    );
}

#[test]
fn by_and_ground_list_their_allowed_values() {
    let mut v = example();
    event(&mut v, 0, 3)["by"] = json!("platform");
    let e = refused(&v, "contracts[0].events[3].by", "invalid_value");
    assert!(e.message.contains("client, freelancer, system"), "{e}");

    let mut v = example();
    event(&mut v, 0, 6)["ground"] = json!("fraud");
    let e = refused(&v, "contracts[0].events[6].ground", "invalid_value");
    assert!(
        e.message
            .contains("ended_with_balance, milestone_not_released"),
        "{e}"
    );
}

#[test]
fn a_rating_is_an_integer_from_1_to_5() {
    for bad in [json!(0), json!(6), json!(2.5), json!(-1), json!(300)] {
        let mut v = example();
        event(&mut v, 0, 5)["rating"] = bad.clone();
        refused(&v, "contracts[0].events[5].rating", "invalid_rating");
    }
    let mut v = example();
    event(&mut v, 0, 5)["rating"] = json!("2");
    refused(&v, "contracts[0].events[5].rating", "invalid_type");
    for good in [1, 5] {
        let mut v = example();
        event(&mut v, 0, 5)["rating"] = json!(good);
        parse_value(&v).expect("1 to 5");
    }
}

#[test]
fn a_sha256_is_64_hex_digits() {
    let good = "e20b4d907d5fc45fee2a3f1989cf87d61b7b7e7f9405854ac2b54b80baf07fa1";
    for bad in [
        &good[..63],
        &format!("{}g", &good[..63]),
        "9f2c…64 hex…",
        "",
    ] {
        let mut v = example();
        event(&mut v, 0, 1)["attachments"][0]["sha256"] = json!(bad);
        refused(
            &v,
            "contracts[0].events[1].attachments[0].sha256",
            "invalid_sha256",
        );
    }
    let mut v = example();
    event(&mut v, 0, 1)["attachments"][0]["sha256"] = json!(good.to_uppercase());
    parse_value(&v).expect("upper-case hex is hex");
}

#[test]
fn bytes_is_a_non_negative_integer() {
    for bad in [json!(-1), json!(1.5), json!(1e30)] {
        let mut v = example();
        event(&mut v, 1, 5)["attachments"][1]["bytes"] = bad;
        refused(
            &v,
            "contracts[1].events[5].attachments[1].bytes",
            "invalid_bytes",
        );
    }
    let mut v = example();
    event(&mut v, 1, 5)["attachments"][1]["bytes"] = json!("20480");
    refused(
        &v,
        "contracts[1].events[5].attachments[1].bytes",
        "invalid_type",
    );
}

#[test]
fn a_seq_is_a_non_negative_32_bit_integer() {
    for bad in [json!(-1), json!(1.5), json!(4294967296u64)] {
        let mut v = example();
        v["contracts"][1]["milestones"][1]["seq"] = bad;
        refused(&v, "contracts[1].milestones[1].seq", "invalid_seq");
    }
}

#[test]
fn ids_are_non_empty() {
    let cases: [(&[&str], &str); 7] = [
        (&["contracts", "1", "id"], "contracts[1].id"),
        (
            &["contracts", "1", "client", "id"],
            "contracts[1].client.id",
        ),
        (
            &["contracts", "1", "freelancer", "agency", "id"],
            "contracts[1].freelancer.agency.id",
        ),
        (
            &["contracts", "1", "milestones", "0", "id"],
            "contracts[1].milestones[0].id",
        ),
        (
            &["contracts", "1", "events", "4", "id"],
            "contracts[1].events[4].id",
        ),
        (
            &["contracts", "1", "events", "9", "dispute"],
            "contracts[1].events[9].dispute",
        ),
        (
            &["contracts", "2", "events", "6", "dispute"],
            "contracts[2].events[6].dispute",
        ),
    ];
    for (at, path) in cases {
        let mut v = example();
        let mut target = &mut v;
        for step in at {
            target = match step.parse::<usize>() {
                Ok(i) => &mut target[i],
                Err(_) => &mut target[*step],
            };
        }
        *target = json!("");
        // An emptied milestone id leaves its references unknown: those come
        // after it in the example, but a Value may reorder keys; test alone.
        if path.ends_with("milestones[0].id") {
            for e in [0, 1, 2] {
                event(&mut v, 1, e)["milestone"] = json!("");
            }
            let e = parse_value(&v).unwrap_err();
            assert_eq!(e.rule, "empty_id", "{e}");
            continue;
        }
        refused(&v, path, "empty_id");
    }
    let mut v = example();
    event(&mut v, 1, 0)["milestone"] = json!("");
    refused(&v, "contracts[1].events[0].milestone", "empty_id");
}

#[test]
fn ids_are_unique_within_their_kind_across_the_feed() {
    let mut v = example();
    v["contracts"][2]["id"] = json!("C-1001");
    let e = refused(&v, "contracts[2].id", "duplicate_id");
    assert!(
        e.message.contains("C-1001") && e.message.contains("contracts[0]"),
        "{e}"
    );

    let mut v = example();
    v["contracts"][2]["milestones"][0]["id"] = json!("M-1");
    for e in [0, 1] {
        event(&mut v, 2, e)["milestone"] = json!("M-1");
    }
    let e = refused(&v, "contracts[2].milestones[0].id", "duplicate_id");
    assert!(e.message.contains("contracts[0].milestones[0]"), "{e}");

    let mut v = example();
    event(&mut v, 2, 4)["id"] = json!("E-26");
    let e = refused(&v, "contracts[2].events[4].id", "duplicate_id");
    assert!(e.message.contains("contracts[1].events[5]"), "{e}");

    let mut v = example();
    event(&mut v, 0, 3)["id"] = json!("E-1");
    refused(&v, "contracts[0].events[3].id", "duplicate_id");

    let mut v = example();
    event(&mut v, 2, 5)["dispute"] = json!("D-501");
    event(&mut v, 2, 6)["dispute"] = json!("D-501");
    let e = refused(&v, "contracts[2].events[5].dispute", "duplicate_id");
    assert!(
        e.message.contains("D-501") && e.message.contains("contracts[0].events[6]"),
        "{e}"
    );
}

#[test]
fn a_statement_names_its_dispute_without_being_a_duplicate() {
    // statement_submitted refers to a dispute; only dispute_filed opens one.
    let feed = parse(EXAMPLE.as_bytes()).unwrap();
    assert!(matches!(
        feed.contracts[2].events[6].body,
        FeedEventBody::StatementSubmitted { .. }
    ));
}

#[test]
fn a_milestone_seq_is_unique_within_its_contract() {
    let mut v = example();
    v["contracts"][1]["milestones"][1]["seq"] = json!(1);
    let e = refused(&v, "contracts[1].milestones[1].seq", "duplicate_id");
    assert!(
        e.message.contains("seq 1") && e.message.contains("contracts[1].milestones[0]"),
        "{e}"
    );
    // Across contracts, the same seq is expected.
    assert_eq!(example()["contracts"][0]["milestones"][0]["seq"], json!(1));
}

#[test]
fn an_event_names_one_of_its_contracts_milestones() {
    let mut v = example();
    event(&mut v, 0, 0)["milestone"] = json!("M-21");
    let e = refused(&v, "contracts[0].events[0].milestone", "unknown_milestone");
    assert!(
        e.message.contains("M-21") && e.message.contains("M-1"),
        "{e}"
    );

    let mut v = example();
    event(&mut v, 1, 9)["milestone"] = json!("M-1");
    refused(&v, "contracts[1].events[9].milestone", "unknown_milestone");
}

#[test]
fn a_contracts_events_are_in_time_order() {
    let mut v = example();
    event(&mut v, 1, 3)["at"] = json!("2026-01-13T09:59:59Z");
    let e = refused(&v, "contracts[1].events[3].at", "events_out_of_order");
    assert!(e.message.contains("2026-01-13T09:59:59Z"), "{e}");
    // Compared in UTC: 11:00+02:00 is 09:00Z, before E-23's 10:00Z.
    let mut v = example();
    event(&mut v, 1, 3)["at"] = json!("2026-01-13T11:00:00+02:00");
    refused(&v, "contracts[1].events[3].at", "events_out_of_order");
}

#[test]
fn a_milestone_not_released_dispute_names_its_milestone() {
    let mut v = example();
    remove(event(&mut v, 1, 9), "milestone");
    let e = refused(&v, "contracts[1].events[9].milestone", "missing_field");
    assert!(e.message.contains("milestone_not_released"), "{e}");

    let mut v = example();
    event(&mut v, 1, 9)["milestone"] = Value::Null;
    refused(&v, "contracts[1].events[9].milestone", "missing_field");
}

// ------------------------------------------------------------------ order

/// A one-contract feed with `events` spliced in, keys in the order written.
fn feed_with(contract_tail: &str, events: &str) -> String {
    format!(
        r#"{{"format":"accord.feed/1","generated_at":"2026-03-02T09:00:00Z","contracts":[
{{"id":"C-1","title":"t","currency":"USD",
"client":{{"id":"U-1","name":"n","country":"US"}},
"freelancer":{{"id":"U-2","name":"n","country":"PT","agency":null}}{contract_tail},
"events":[{events}]}}]}}"#
    )
}

const MILESTONES: &str =
    r#","milestones":[{"id":"M-1","seq":1,"title":"t","description":"d","amount":"10.00"}]"#;

#[test]
fn the_first_error_in_document_order_is_reported() {
    // Within one event: whichever field comes first.
    let a = feed_with(
        MILESTONES,
        r#"{"id":"E-1","at":"2026-01-01T00:00:00Z","type":"payment_released","milestone":"M-1","amount":"1.001","by":"admin"}"#,
    );
    refused_text(&a, "contracts[0].events[0].amount", "too_many_places");
    let b = feed_with(
        MILESTONES,
        r#"{"id":"E-1","at":"2026-01-01T00:00:00Z","type":"payment_released","milestone":"M-1","by":"admin","amount":"1.001"}"#,
    );
    refused_text(&b, "contracts[0].events[0].by", "invalid_value");

    // Across events: the earlier event, even if its rule is checked "later".
    let c = feed_with(
        MILESTONES,
        r#"{"id":"E-1","at":"2026-01-02T00:00:00Z","type":"contract_ended","by":"client"},
           {"id":"E-2","at":"2026-01-01T00:00:00Z","type":"contract_ended","by":"client"},
           {"id":"E-3","at":"2026-01-03T00:00:00Z","type":"contract_ended","by":"client","extra":1}"#,
    );
    refused_text(&c, "contracts[0].events[1].at", "events_out_of_order");

    // An unknown field before a bad value in the same object.
    let d = feed_with(
        MILESTONES,
        r#"{"extra":1,"id":"","at":"2026-01-02T00:00:00Z","type":"contract_ended","by":"client"}"#,
    );
    refused_text(&d, "contracts[0].events[0].extra", "unknown_field");

    // A missing field is found at the end of its object, after its bad values.
    let e = feed_with(
        MILESTONES,
        r#"{"id":"E-1","at":"nope","type":"contract_ended"}"#,
    );
    refused_text(&e, "contracts[0].events[0].at", "invalid_time");
}

#[test]
fn amounts_before_their_currency_are_still_checked_against_it() {
    let text = r#"{"contracts":[{"milestones":[{"id":"M-1","seq":1,"title":"t","description":"d","amount":"10.5"}],
"events":[{"id":"E-1","at":"2026-01-01T00:00:00Z","type":"milestone_funded","milestone":"M-1","amount":"10"}],
"id":"C-1","title":"t","currency":"JPY",
"client":{"id":"U-1","name":"n","country":"JP"},
"freelancer":{"id":"U-2","name":"n","country":"JP","agency":null}}],
"format":"accord.feed/1","generated_at":"2026-03-02T09:00:00Z"}"#;
    let e = refused_text(text, "contracts[0].milestones[0].amount", "too_many_places");
    assert_eq!(e.message, "amount has 1 decimal places; JPY allows 0");
    parse(text.replace("10.5", "10").as_bytes()).expect("valid in any key order");
}

#[test]
fn the_same_feed_gives_the_same_error() {
    let mut v = example();
    event(&mut v, 0, 0)["amount"] = json!("1.001");
    event(&mut v, 2, 0)["by"] = json!("x");
    let bytes = serde_json::to_vec(&v).unwrap();
    let first = parse(&bytes).unwrap_err();
    for _ in 0..3 {
        assert_eq!(parse(&bytes).unwrap_err(), first);
    }
    assert_eq!(
        first.path, "contracts[0].events[0].amount",
        "contract 0 comes before contract 2"
    );
}
