//! The slow path, taken only for a feed the fast path refused: the document
//! parsed into a tree that keeps its keys in order (and duplicate keys), then
//! walked so the first broken rule in document order is the one reported,
//! with its exact JSON path.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::checks::{self, ContractScope, Fail, Field, Kind, Registry, AMOUNT_EXPECTED};
use super::{At, FeedError};
use crate::feed::Ground;
use crate::money::Currency;

/// A JSON value with its object keys in document order.
pub(super) enum Node {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Num(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Num(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                // Finite: JSON has no NaN or infinity.
                Ok(serde_json::Number::from_f64(v).map_or(Node::Null, Node::Num))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Arr(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Node::Obj(entries))
            }
        }
        d.deserialize_any(V)
    }
}

/// How a value is named in `invalid_type` messages.
fn found(node: &Node) -> String {
    match node {
        Node::Null => "null".into(),
        Node::Bool(b) => format!("the boolean {b}"),
        Node::Num(n) => format!("the number {n}"),
        Node::Str(_) => "a string".into(),
        Node::Arr(_) => "an array".into(),
        Node::Obj(_) => "an object".into(),
    }
}

fn wrong(expected: &str, node: &Node) -> Fail {
    checks::wrong_type(expected, &found(node))
}

/// `parent.key`, or `parent["key"]` for a key that is not a plain name; the
/// document's own fields have no prefix (`contracts[3]`).
fn join(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (parent == "$", plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{parent}.{key}"),
        (_, false) => {
            let quoted = serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""));
            format!("{parent}[{quoted}]")
        }
    }
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.len()
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, col)
}

/// The first error in document order, or `Ok` if there is none.
pub(super) fn validate(bytes: &[u8]) -> Result<(), FeedError> {
    if let Err(e) = std::str::from_utf8(bytes) {
        let (line, col) = line_col(bytes, e.valid_up_to());
        return Err(FeedError::new(
            "$",
            "invalid_json",
            format!("the feed is not UTF-8: invalid byte at line {line}, column {col}"),
        ));
    }
    let root: Node = serde_json::from_slice(bytes)
        .map_err(|e| FeedError::new("$", "invalid_json", format!("not valid JSON: {e}")))?;
    Walker {
        reg: Registry::with_capacity(0, 0, 0),
    }
    .feed(&root)
}

/// An object's entries, or `invalid_type`.
fn object<'n>(node: &'n Node, path: &str, what: &str) -> Result<&'n [(String, Node)], FeedError> {
    match node {
        Node::Obj(entries) => Ok(entries),
        other => Err(wrong(what, other)).at(|| path.to_string()),
    }
}

fn array<'n>(node: &'n Node, path: &str, what: &str) -> Result<&'n [Node], FeedError> {
    match node {
        Node::Arr(items) => Ok(items),
        other => Err(wrong(what, other)).at(|| path.to_string()),
    }
}

fn string<'n>(node: &'n Node, path: &str) -> Result<&'n str, FeedError> {
    match node {
        Node::Str(s) => Ok(s),
        other => Err(wrong("a string", other)).at(|| path.to_string()),
    }
}

/// The first value of `key`, if any.
fn find<'n>(entries: &'n [(String, Node)], key: &str) -> Option<&'n Node> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A key given twice in one object.
fn no_duplicate(entries: &[(String, Node)], i: usize, path: &str) -> Result<(), FeedError> {
    let key = &entries[i].0;
    if entries[..i].iter().any(|(k, _)| k == key) {
        return Err((
            "duplicate_field",
            format!("field `{}` is given more than once", checks::shorten(key)),
        ))
        .at(|| path.to_string());
    }
    Ok(())
}

/// Required fields, in the spec's order, after the object's own entries.
fn required(
    entries: &[(String, Node)],
    path: &str,
    fields: &[&str],
    what: &str,
) -> Result<(), FeedError> {
    for name in fields {
        if find(entries, name).is_none() {
            return Err(checks::missing_field(name, what)).at(|| join(path, name));
        }
    }
    Ok(())
}

/// An object whose every field is a string, checked as ids where named so.
fn plain_object(
    node: &Node,
    path: &str,
    what: &str,
    fields: &[&str],
    ids: &[(&str, &str)],
) -> Result<(), FeedError> {
    let entries = object(node, path, &format!("{what} (an object)"))?;
    for (i, (key, value)) in entries.iter().enumerate() {
        let p = join(path, key);
        no_duplicate(entries, i, &p)?;
        if !fields.contains(&key.as_str()) {
            return Err(checks::unknown_field(key, what, &fields.join(", "))).at(|| p);
        }
        let s = string(value, &p)?;
        if let Some((_, id_name)) = ids.iter().find(|(f, _)| f == key) {
            checks::id(s, id_name).at(|| p.clone())?;
        }
    }
    required(entries, path, fields, what)
}

const FEED_FIELDS: &[&str] = &["format", "generated_at", "contracts"];
const CONTRACT_FIELDS: &[&str] = &[
    "id",
    "title",
    "currency",
    "client",
    "freelancer",
    "milestones",
    "events",
];
const FREELANCER_FIELDS: &[&str] = &["id", "name", "country", "agency"];
const MILESTONE_FIELDS: &[&str] = &["id", "seq", "title", "description", "amount"];
const ATTACHMENT_FIELDS: &[&str] = &["name", "bytes", "sha256"];

struct Walker<'n> {
    reg: Registry<&'n str>,
}

/// What an event's walk needs to know of its contract.
struct Within<'s, 'n> {
    c: usize,
    currency: Option<Currency>,
    scope: &'s mut ContractScope<'n>,
}

impl<'n> Walker<'n> {
    fn feed(&mut self, root: &'n Node) -> Result<(), FeedError> {
        let entries = object(root, "$", "the feed (an object)")?;
        for (i, (key, value)) in entries.iter().enumerate() {
            let p = join("$", key);
            no_duplicate(entries, i, &p)?;
            match key.as_str() {
                "format" => checks::format(string(value, &p)?).at(|| p.clone())?,
                "generated_at" => {
                    checks::time(string(value, &p)?).at(|| p.clone())?;
                }
                "contracts" => {
                    let items = array(value, &p, "an array of contracts")?;
                    for (c, item) in items.iter().enumerate() {
                        self.contract(item, c, &format!("{p}[{c}]"))?;
                    }
                }
                _ => {
                    return Err(checks::unknown_field(
                        key,
                        "the feed",
                        &FEED_FIELDS.join(", "),
                    ))
                    .at(|| p)
                }
            }
        }
        required(entries, "$", FEED_FIELDS, "the feed")
    }

    fn contract(&mut self, node: &'n Node, c: usize, path: &str) -> Result<(), FeedError> {
        let entries = object(node, path, "a contract (an object)")?;
        // What the contract's items are checked against, wherever it stands.
        let currency = match find(entries, "currency") {
            Some(Node::Str(code)) => Currency::from_code(code).ok(),
            _ => None,
        };
        let mut milestone_ids = Vec::new();
        if let Some(Node::Arr(items)) = find(entries, "milestones") {
            for item in items {
                if let Node::Obj(fields) = item {
                    if let Some(Node::Str(id)) = find(fields, "id") {
                        milestone_ids.push(id.as_str());
                    }
                }
            }
        }
        let mut scope = ContractScope::new(milestone_ids);
        for (i, (key, value)) in entries.iter().enumerate() {
            let p = join(path, key);
            no_duplicate(entries, i, &p)?;
            match key.as_str() {
                "id" => {
                    let id = string(value, &p)?;
                    checks::id(id, "contract id").at(|| p.clone())?;
                    self.reg.contract(id, c).at(|| p.clone())?;
                }
                "title" => {
                    string(value, &p)?;
                }
                "currency" => {
                    checks::currency(string(value, &p)?).at(|| p.clone())?;
                }
                "client" => plain_object(
                    value,
                    &p,
                    "a client",
                    &["id", "name", "country"],
                    &[("id", "client id")],
                )?,
                "freelancer" => self.freelancer(value, &p)?,
                "milestones" => {
                    let items = array(value, &p, "an array of milestones")?;
                    for (m, item) in items.iter().enumerate() {
                        self.milestone(item, c, m, &format!("{p}[{m}]"), currency, &mut scope)?;
                    }
                }
                "events" => {
                    let items = array(value, &p, "an array of events")?;
                    let mut within = Within {
                        c,
                        currency,
                        scope: &mut scope,
                    };
                    for (e, item) in items.iter().enumerate() {
                        self.event(item, e, &format!("{p}[{e}]"), &mut within)?;
                    }
                }
                _ => {
                    return Err(checks::unknown_field(
                        key,
                        "a contract",
                        &CONTRACT_FIELDS.join(", "),
                    ))
                    .at(|| p)
                }
            }
        }
        required(entries, path, CONTRACT_FIELDS, "a contract")
    }

    fn freelancer(&mut self, node: &'n Node, path: &str) -> Result<(), FeedError> {
        let entries = object(node, path, "a freelancer (an object)")?;
        for (i, (key, value)) in entries.iter().enumerate() {
            let p = join(path, key);
            no_duplicate(entries, i, &p)?;
            match key.as_str() {
                "id" => checks::id(string(value, &p)?, "freelancer id").at(|| p.clone())?,
                "name" | "country" => {
                    string(value, &p)?;
                }
                "agency" => match value {
                    Node::Null => {}
                    Node::Obj(_) => plain_object(
                        value,
                        &p,
                        "an agency",
                        &["id", "name"],
                        &[("id", "agency id")],
                    )?,
                    other => return Err(wrong("null or an agency (an object)", other)).at(|| p),
                },
                _ => {
                    return Err(checks::unknown_field(
                        key,
                        "a freelancer",
                        &FREELANCER_FIELDS.join(", "),
                    ))
                    .at(|| p)
                }
            }
        }
        required(entries, path, FREELANCER_FIELDS, "a freelancer")
    }

    fn milestone(
        &mut self,
        node: &'n Node,
        c: usize,
        m: usize,
        path: &str,
        currency: Option<Currency>,
        scope: &mut ContractScope<'n>,
    ) -> Result<(), FeedError> {
        let entries = object(node, path, "a milestone (an object)")?;
        for (i, (key, value)) in entries.iter().enumerate() {
            let p = join(path, key);
            no_duplicate(entries, i, &p)?;
            match key.as_str() {
                "id" => {
                    let id = string(value, &p)?;
                    checks::id(id, "milestone id").at(|| p.clone())?;
                    self.reg.milestone(id, c, m).at(|| p.clone())?;
                }
                "seq" => {
                    let seq = match value {
                        Node::Num(n) => n
                            .as_u64()
                            .and_then(|n| u32::try_from(n).ok())
                            .ok_or_else(|| checks::seq_fail(&n.to_string())),
                        other => Err(wrong("an integer", other)),
                    }
                    .at(|| p.clone())?;
                    scope.seq(seq, c, m).at(|| p.clone())?;
                }
                "title" | "description" => {
                    string(value, &p)?;
                }
                "amount" => amount(value, &p, currency)?,
                _ => {
                    return Err(checks::unknown_field(
                        key,
                        "a milestone",
                        &MILESTONE_FIELDS.join(", "),
                    ))
                    .at(|| p)
                }
            }
        }
        required(entries, path, MILESTONE_FIELDS, "a milestone")
    }

    fn event(
        &mut self,
        node: &'n Node,
        e: usize,
        path: &str,
        within: &mut Within<'_, 'n>,
    ) -> Result<(), FeedError> {
        let entries = object(node, path, "an event (an object)")?;
        // The type decides which fields belong, wherever it stands.
        let kind = match find(entries, "type") {
            Some(Node::Str(name)) => Kind::from_name(name).ok(),
            _ => None,
        };
        let ground = match find(entries, "ground") {
            Some(Node::Str(g)) => checks::ground(g).ok(),
            _ => None,
        };
        for (i, (key, value)) in entries.iter().enumerate() {
            let p = join(path, key);
            no_duplicate(entries, i, &p)?;
            match key.as_str() {
                "id" => {
                    let id = string(value, &p)?;
                    checks::id(id, "event id").at(|| p.clone())?;
                    self.reg.event(id, within.c, e).at(|| p.clone())?;
                }
                "at" => {
                    let at = checks::time(string(value, &p)?).at(|| p.clone())?;
                    within.scope.at(at).at(|| p.clone())?;
                }
                "type" => match value {
                    Node::Str(name) => {
                        Kind::from_name(name).at(|| p.clone())?;
                    }
                    other => return Err(wrong("the event type (a string)", other)).at(|| p),
                },
                name => {
                    let field = Field::from_name(name);
                    let field = match (kind, field) {
                        (Some(k), Some(f)) if k.allows(f) => f,
                        (Some(k), _) => return Err(checks::field_not_of_kind(name, k)).at(|| p),
                        (None, Some(f)) => f,
                        (None, None) => {
                            let mut all = vec!["id", "at", "type"];
                            all.extend(checks::ALL_FIELDS.iter().map(|f| f.name()));
                            return Err(checks::unknown_field(name, "an event", &all.join(", ")))
                                .at(|| p);
                        }
                    };
                    self.event_field(field, value, &p, kind, ground, e, within)?;
                }
            }
        }
        let what = match kind {
            Some(k) => format!("a {} event", k.name()),
            None => "an event".to_string(),
        };
        required(entries, path, &["id", "at", "type"], &what)?;
        if let Some(k) = kind {
            for (f, need) in k.fields() {
                let absent = find(entries, f.name()).is_none();
                match need {
                    checks::Need::Required if absent => {
                        return Err(checks::missing_field(f.name(), &what))
                            .at(|| join(path, f.name()))
                    }
                    checks::Need::ByGround
                        if absent && ground == Some(Ground::MilestoneNotReleased) =>
                    {
                        return Err(checks::dispute_milestone_required())
                            .at(|| join(path, f.name()))
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn event_field(
        &mut self,
        field: Field,
        value: &'n Node,
        p: &str,
        kind: Option<Kind>,
        ground: Option<Ground>,
        e: usize,
        within: &mut Within<'_, 'n>,
    ) -> Result<(), FeedError> {
        let at = || p.to_string();
        if let Node::Null = value {
            // Only a dispute's milestone may be null, and only when its
            // ground does not need one.
            return match (field, kind) {
                (Field::Milestone, Some(Kind::DisputeFiled)) => {
                    if ground == Some(Ground::MilestoneNotReleased) {
                        Err(checks::dispute_milestone_required()).at(at)
                    } else {
                        Ok(())
                    }
                }
                _ => Err(checks::null(field)).at(at),
            };
        }
        let text = |value: &'n Node| match value {
            Node::Str(s) => Ok(s.as_str()),
            other => Err(wrong(field.expected(), other)).at(at),
        };
        match field {
            Field::Milestone => within.scope.milestone_ref(text(value)?).at(at),
            Field::Amount => amount(value, p, within.currency),
            Field::By => checks::by(text(value)?).map(drop).at(at),
            Field::Note | Field::Body | Field::Text | Field::Reason | Field::Statement => {
                text(value).map(drop)
            }
            Field::Ground => checks::ground(text(value)?).map(drop).at(at),
            Field::Rating => match value {
                Node::Num(n) => match n.as_u64() {
                    Some(r) => checks::rating(r).map(drop).at(at),
                    None => Err(checks::rating_fail(&n.to_string())).at(at),
                },
                other => Err(wrong(field.expected(), other)).at(at),
            },
            Field::Dispute => {
                let id = text(value)?;
                checks::id(id, "dispute id").at(at)?;
                if kind == Some(Kind::DisputeFiled) {
                    self.reg.dispute(id, within.c, e).at(at)?;
                }
                Ok(())
            }
            Field::Attachments => {
                let items = array(value, p, field.expected())?;
                for (i, item) in items.iter().enumerate() {
                    attachment(item, &format!("{p}[{i}]"))?;
                }
                Ok(())
            }
        }
    }
}

fn amount(value: &Node, p: &str, currency: Option<Currency>) -> Result<(), FeedError> {
    match value {
        Node::Str(text) => match currency {
            Some(cur) => checks::amount(cur, text).map(drop),
            None => checks::amount_without_currency(text),
        },
        other => Err(wrong(AMOUNT_EXPECTED, other)),
    }
    .at(|| p.to_string())
}

fn attachment(node: &Node, path: &str) -> Result<(), FeedError> {
    let entries = object(node, path, "an attachment (an object)")?;
    for (i, (key, value)) in entries.iter().enumerate() {
        let p = join(path, key);
        no_duplicate(entries, i, &p)?;
        match key.as_str() {
            "name" => {
                string(value, &p)?;
            }
            "bytes" => match value {
                Node::Num(n) if n.as_u64().is_some() => {}
                Node::Num(n) => return Err(checks::bytes_fail(&n.to_string())).at(|| p),
                other => return Err(wrong("a non-negative integer", other)).at(|| p),
            },
            "sha256" => checks::sha256(string(value, &p)?).at(|| p.clone())?,
            _ => {
                return Err(checks::unknown_field(
                    key,
                    "an attachment",
                    &ATTACHMENT_FIELDS.join(", "),
                ))
                .at(|| p)
            }
        }
    }
    required(entries, path, ATTACHMENT_FIELDS, "an attachment")
}
