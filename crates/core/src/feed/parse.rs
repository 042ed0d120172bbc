//! Raw feed bytes to the typed [`Feed`], or the first broken rule with its
//! JSON path (spec/feed.md).
//!
//! Valid feeds take the fast path ([`fast`]): serde straight into private raw
//! structs, then the value and cross-reference rules ([`checks`]). A refused
//! feed is parsed again into an order-keeping tree and walked ([`walk`]), so
//! the error reported is the first in document order, whichever rule it
//! breaks. Both paths decide with the same rule functions.
//!
//! Rules: `invalid_json`, `invalid_type`, `missing_field`, `unknown_field`,
//! `duplicate_field`, `unsupported_format`, `invalid_time`, `unknown_currency`,
//! `invalid_amount`, `negative_amount`, `too_many_places`,
//! `unknown_event_type`, `invalid_value`, `invalid_rating`, `invalid_seq`,
//! `invalid_sha256`, `invalid_bytes`, `empty_id`, `duplicate_id`,
//! `unknown_milestone`, `events_out_of_order`.

mod checks;
mod fast;
mod walk;

use crate::feed::Feed;

/// Why a feed was refused: where (a JSON path such as
/// `contracts[3].events[7].amount`, or `$` for the document) and which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct FeedError {
    pub path: String,
    pub rule: &'static str,
    pub message: String,
}

impl FeedError {
    pub fn new(path: impl Into<String>, rule: &'static str, message: impl Into<String>) -> Self {
        FeedError {
            path: path.into(),
            rule,
            message: message.into(),
        }
    }
}

/// Puts a rule's failure at its path; the path is built only on failure.
pub(crate) trait At<T> {
    fn at(self, path: impl FnOnce() -> String) -> Result<T, FeedError>;
}

impl<T> At<T> for Result<T, checks::Fail> {
    fn at(self, path: impl FnOnce() -> String) -> Result<T, FeedError> {
        self.map_err(|(rule, message)| FeedError {
            path: path(),
            rule,
            message,
        })
    }
}

/// Parses and validates a whole `accord.feed/1` document. Times come out in
/// UTC and amounts at their currency's places. The error is the first broken
/// rule in document order.
pub fn parse(bytes: &[u8]) -> Result<Feed, FeedError> {
    let refused = match fast_path(bytes) {
        Ok(feed) => return Ok(feed),
        Err(e) => e,
    };
    match walk::validate(bytes) {
        Err(first) => Err(first),
        // The walker accepts everything the fast path accepts and refuses the
        // rest; should it ever disagree, the fast path's reason stands.
        Ok(()) => Err(refused),
    }
}

/// [`parse`], handing the contracts to `sink` in document order, in parts of
/// `part`, while the rest is still being read (a large import can start
/// writing the first part while the parser reads the next). A part is handed
/// on only once every contract in it passed every rule; `sink` returns false
/// to stop the reading.
///
/// Ok when the whole feed is valid. Otherwise the first broken rule in
/// document order, as [`parse`] gives it; parts handed on before it was found
/// must then be discarded. When `sink` stopped the reading, the rule is
/// `stopped`, which no feed breaks.
pub fn parse_in_parts(
    bytes: &[u8],
    part: usize,
    sink: &mut dyn FnMut(Vec<crate::feed::Contract>) -> bool,
) -> Result<(), FeedError> {
    let refused = match fast::stream(bytes, part, sink) {
        Ok(()) => return Ok(()),
        Err(fast::Stop::Stopped) => {
            return Err(FeedError::new("$", "stopped", "the reading was stopped"))
        }
        Err(fast::Stop::Refused(rule)) => rule,
    };
    match walk::validate(bytes) {
        Err(first) => Err(first),
        Ok(()) => {
            Err(refused.unwrap_or_else(|| FeedError::new("$", "invalid_json", "not a valid feed")))
        }
    }
}

fn fast_path(bytes: &[u8]) -> Result<Feed, FeedError> {
    let raw: fast::RawFeed<'_> = serde_json::from_slice(bytes)
        .map_err(|e| FeedError::new("$", "invalid_json", format!("not a valid feed: {e}")))?;
    let mut feed = fast::feed(raw)?;
    fast::finish(&mut feed)?;
    Ok(feed)
}

#[cfg(test)]
mod tests {
    //! The two paths must agree on validity; the public behaviour is tested
    //! in `tests/feed_parse.rs`.
    use super::*;
    use serde_json::{json, Value};

    fn example() -> Value {
        serde_json::from_str(include_str!("../../tests/feed_fixtures/small-feed.json")).unwrap()
    }

    fn agree(doc: &Value, label: &str) {
        let bytes = serde_json::to_vec(doc).unwrap();
        streamed_is_parse(&bytes, label);
        let fast = fast_path(&bytes);
        let slow = walk::validate(&bytes);
        assert_eq!(
            fast.is_ok(),
            slow.is_ok(),
            "{label}: fast {fast:?} vs walker {slow:?}"
        );
    }

    /// [`parse_in_parts`] hands on exactly what [`parse`] returns, in parts
    /// of every size, or refuses with the same rule at the same path.
    fn streamed_is_parse(bytes: &[u8], label: &str) {
        let whole = parse(bytes);
        for part in [1, 2, 5] {
            let mut got = Vec::new();
            let mut sizes = Vec::new();
            let streamed = parse_in_parts(bytes, part, &mut |p| {
                sizes.push(p.len());
                got.extend(p);
                true
            });
            match (&whole, streamed) {
                (Ok(feed), Ok(())) => {
                    assert_eq!(feed.contracts, got, "{label}: parts of {part}");
                    assert!(sizes.iter().all(|n| *n == part) || sizes.last() < Some(&part));
                }
                (Err(a), Err(b)) => assert_eq!(a, &b, "{label}: parts of {part}"),
                (a, b) => panic!("{label}: parse {a:?} vs parts of {part} {b:?}"),
            }
        }
    }

    #[test]
    fn a_stopped_reading_hands_on_nothing_more() {
        let bytes = serde_json::to_vec(&example()).unwrap();
        let mut parts = 0;
        let err = parse_in_parts(&bytes, 1, &mut |_| {
            parts += 1;
            false
        })
        .unwrap_err();
        assert_eq!((parts, err.rule), (1, "stopped"));
    }

    /// Every way of breaking one value of the example: both paths refuse it
    /// (or both accept it).
    #[test]
    fn fast_path_and_walker_agree_on_every_single_value_change() {
        let replacements = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(2.5),
            json!(7),
            json!(4294967296u64),
            json!(""),
            json!("x"),
            json!("500.001"),
            json!("-1"),
            json!("USD"),
            json!("M-1"),
            json!("E-1"),
            json!("D-501"),
            json!("client"),
            json!("ended_with_balance"),
            json!("milestone_not_released"),
            json!("message"),
            json!("2020-01-01T00:00:00Z"),
            json!("2030-01-01T00:00:00+02:00"),
            json!([]),
            json!({}),
        ];
        let doc = example();
        let mut paths = Vec::new();
        collect_paths(&doc, &mut Vec::new(), &mut paths);
        let mut checked = 0;
        for path in &paths {
            for r in &replacements {
                let mut d = doc.clone();
                *pointer(&mut d, path) = r.clone();
                agree(&d, &format!("{path:?} = {r}"));
                checked += 1;
            }
            // And the field removed.
            if let Some((last, parent)) = path.split_last() {
                let mut d = doc.clone();
                if let (Value::Object(o), Key::Field(k)) = (pointer(&mut d, parent), last) {
                    o.remove(k);
                    agree(&d, &format!("{path:?} removed"));
                }
            }
        }
        assert!(checked > 1000, "the example has many values ({checked})");
    }

    #[derive(Debug, Clone)]
    enum Key {
        Field(String),
        Index(usize),
    }

    fn collect_paths(v: &Value, at: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
        out.push(at.clone());
        match v {
            Value::Object(o) => {
                for (k, child) in o {
                    at.push(Key::Field(k.clone()));
                    collect_paths(child, at, out);
                    at.pop();
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    at.push(Key::Index(i));
                    collect_paths(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }

    fn pointer<'v>(v: &'v mut Value, path: &[Key]) -> &'v mut Value {
        path.iter().fold(v, |v, k| match k {
            Key::Field(f) => &mut v[f.as_str()],
            Key::Index(i) => &mut v[*i],
        })
    }

    /// The fast path reads an amount's decimal before it knows the currency;
    /// read in two halves, it must be refused or accepted as
    /// `Currency::parse` would, with the same rule.
    #[test]
    fn amounts_in_two_halves_are_currency_parse() {
        use crate::money::Currency;
        let texts = [
            "500.00",
            "12.5",
            "0",
            "-0",
            "-0.00",
            "+5",
            "5.",
            ".5",
            "1e3",
            "1E3",
            "1_000",
            " 1",
            "1 ",
            "",
            "-1",
            "1.005",
            "1.000",
            "abc",
            "١",
            "99999999999999999999999999999",
            "79228162514264337593543950336",
            "0.0000000000000000000000000001",
            "10000000000000.00",
            "10000000000000.01",
        ];
        for code in ["USD", "JPY", "BHD"] {
            let currency = Currency::from_code(code).unwrap();
            for text in texts {
                let whole = currency
                    .parse(text)
                    .map(crate::money::Amount::of)
                    .map_err(|e| e.rule());
                let halves = checks::amount(currency, text).map_err(|(rule, _)| rule);
                assert_eq!(halves, whole, "{code} {text:?}");
            }
        }
    }

    #[test]
    fn extra_fields_and_duplicates_are_refused_by_both() {
        let doc = example();
        for (path, field) in [
            (vec![], "extra"),
            (vec![Key::Field("contracts".into()), Key::Index(0)], "extra"),
            (
                vec![
                    Key::Field("contracts".into()),
                    Key::Index(0),
                    Key::Field("events".into()),
                    Key::Index(0),
                ],
                "note",
            ),
            (
                vec![
                    Key::Field("contracts".into()),
                    Key::Index(0),
                    Key::Field("events".into()),
                    Key::Index(6),
                ],
                "by",
            ),
        ] {
            let mut d = doc.clone();
            pointer(&mut d, &path)[field] = json!("x");
            agree(&d, &format!("{path:?}.{field}"));
            assert!(fast_path(&serde_json::to_vec(&d).unwrap()).is_err());
        }
        let dup = br#"{"format":"accord.feed/1","format":"accord.feed/1","generated_at":"2026-03-02T09:00:00Z","contracts":[]}"#;
        assert!(fast_path(dup).is_err());
        assert_eq!(walk::validate(dup).unwrap_err().rule, "duplicate_field");
    }
}
