//! The fast path: the feed deserialized by serde, each item through a private
//! raw struct (unknown fields denied) straight into the public types of
//! `feed/mod.rs`, then one pass for what needs the whole contract or feed
//! (amounts against the contract's currency, unique ids, references, time
//! order). It only has to decide validity quickly: when it refuses a feed,
//! [`super::walk`] finds the first error in document order, with its path.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::checks::{self, ContractScope, Fail, Field, IdKey, Kind, Registry, ALL_FIELDS};
use super::{At, FeedError};
use crate::feed::{
    Agency, Attachment, By, Contract, Feed, FeedEvent, FeedEventBody, Freelancer, Ground,
    Milestone, Person, FORMAT,
};
use crate::money::{Amount, Currency};

/// A JSON string, borrowed from the input when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(PhantomData))
    }
}

/// An RFC 3339 time (`checks::time`, stricter than chrono's own serde).
struct Time(DateTime<Utc>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Text::deserialize(d)?;
        checks::time(&text.0).map(Time).map_err(fail)
    }
}

/// An amount's decimal, read without its currency (not known yet: it may
/// come after the amounts); [`finish`] checks it against the currency.
struct Dec(Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Text::deserialize(d)?;
        checks::decimal(&text.0).map(Dec).map_err(fail)
    }
}

/// A currency code, read without an allocation.
struct Code(Currency);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Text::deserialize(d)?;
        checks::currency(&text.0).map(Code).map_err(fail)
    }
}

/// A failed rule inside serde: only the verdict matters on this path.
fn fail<E: serde::de::Error>((rule, message): Fail) -> E {
    E::custom(format_args!("{rule}: {message}"))
}

/// A field that may be absent, `null`, or a value; absent and `null` are told
/// apart because `null` is allowed in only two places.
#[derive(Default)]
enum Opt<T> {
    #[default]
    Absent,
    Null,
    Val(T),
}

impl<T> Opt<T> {
    fn is_present(&self) -> bool {
        !matches!(self, Opt::Absent)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Opt<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            None => Opt::Null,
            Some(v) => Opt::Val(v),
        })
    }
}

/// Deserializes a JSON array item by item through `R`, mapping each to `T`
/// as it comes (no intermediate vector of raw items).
fn seq_map<'de, D, R, T>(d: D, map: fn(R) -> Result<T, Fail>) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    R: Deserialize<'de>,
{
    struct V<R, T>(fn(R) -> Result<T, Fail>);
    impl<'de, R: Deserialize<'de>, T> Visitor<'de> for V<R, T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(raw) = seq.next_element::<R>()? {
                out.push((self.0)(raw).map_err(fail)?);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(V(map))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeed<'a> {
    #[serde(borrow)]
    format: Text<'a>,
    generated_at: Time,
    #[serde(deserialize_with = "contracts")]
    contracts: Vec<Contract>,
}

fn contracts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Contract>, D::Error> {
    seq_map(d, |raw: RawContract| Ok(contract(raw)))
}

fn contract(raw: RawContract) -> Contract {
    Contract {
        id: raw.id,
        title: raw.title,
        currency: raw.currency.0,
        client: raw.client,
        freelancer: raw.freelancer,
        milestones: raw.milestones,
        events: raw.events,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContract {
    id: String,
    title: String,
    currency: Code,
    #[serde(deserialize_with = "person")]
    client: Person,
    #[serde(deserialize_with = "freelancer")]
    freelancer: Freelancer,
    #[serde(deserialize_with = "milestones")]
    milestones: Vec<Milestone>,
    #[serde(deserialize_with = "events")]
    events: Vec<FeedEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    id: String,
    name: String,
    country: String,
}

fn person<'de, D: Deserializer<'de>>(d: D) -> Result<Person, D::Error> {
    let p = RawPerson::deserialize(d)?;
    Ok(Person {
        id: p.id,
        name: p.name,
        country: p.country,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFreelancer {
    id: String,
    name: String,
    country: String,
    /// Required, but may be `null`.
    #[serde(default)]
    agency: Opt<RawAgency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgency {
    id: String,
    name: String,
}

fn freelancer<'de, D: Deserializer<'de>>(d: D) -> Result<Freelancer, D::Error> {
    let f = RawFreelancer::deserialize(d)?;
    let agency = match f.agency {
        Opt::Absent => return Err(fail(checks::missing_field("agency", "a freelancer"))),
        Opt::Null => None,
        Opt::Val(a) => Some(Agency {
            id: a.id,
            name: a.name,
        }),
    };
    Ok(Freelancer {
        id: f.id,
        name: f.name,
        country: f.country,
        agency,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    id: String,
    seq: u32,
    title: String,
    description: String,
    /// Checked against the contract's currency in [`finish`].
    amount: Dec,
}

fn milestones<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Milestone>, D::Error> {
    seq_map(d, |m: RawMilestone| {
        Ok(Milestone {
            id: m.id,
            seq: m.seq,
            title: m.title,
            description: m.description,
            amount: Amount(m.amount.0),
        })
    })
}

/// Every event type's fields in one flat struct: no buffering, as an
/// internally tagged enum would need. Which fields the type allows and
/// requires is checked in [`event`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    at: Time,
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(default)]
    milestone: Opt<String>,
    #[serde(default)]
    amount: Opt<Dec>,
    #[serde(default)]
    by: Opt<By>,
    #[serde(default)]
    note: Opt<String>,
    #[serde(default)]
    body: Opt<String>,
    #[serde(default)]
    text: Opt<String>,
    #[serde(default)]
    reason: Opt<String>,
    #[serde(default)]
    statement: Opt<String>,
    #[serde(default, deserialize_with = "attachments")]
    attachments: Opt<Vec<Attachment>>,
    #[serde(default)]
    rating: Opt<u8>,
    #[serde(default)]
    dispute: Opt<String>,
    #[serde(default)]
    ground: Opt<Ground>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttachment {
    name: String,
    bytes: u64,
    sha256: String,
}

fn attachments<'de, D: Deserializer<'de>>(d: D) -> Result<Opt<Vec<Attachment>>, D::Error> {
    struct List(Vec<Attachment>);
    impl<'de> Deserialize<'de> for List {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            seq_map(d, |a: RawAttachment| {
                checks::sha256(&a.sha256)?;
                Ok(Attachment {
                    name: a.name,
                    bytes: a.bytes,
                    sha256: a.sha256,
                })
            })
            .map(List)
        }
    }
    Ok(match Opt::<List>::deserialize(d)? {
        Opt::Absent => Opt::Absent,
        Opt::Null => Opt::Null,
        Opt::Val(List(list)) => Opt::Val(list),
    })
}

fn events<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FeedEvent>, D::Error> {
    seq_map(d, event)
}

impl RawEvent {
    /// The fields given (value or `null`), as a mask of [`Field::bit`]s.
    fn present(&self) -> u16 {
        let mut mask = 0;
        let mut add = |given: bool, f: Field| {
            if given {
                mask |= f.bit();
            }
        };
        add(self.milestone.is_present(), Field::Milestone);
        add(self.amount.is_present(), Field::Amount);
        add(self.by.is_present(), Field::By);
        add(self.note.is_present(), Field::Note);
        add(self.body.is_present(), Field::Body);
        add(self.text.is_present(), Field::Text);
        add(self.reason.is_present(), Field::Reason);
        add(self.statement.is_present(), Field::Statement);
        add(self.attachments.is_present(), Field::Attachments);
        add(self.rating.is_present(), Field::Rating);
        add(self.dispute.is_present(), Field::Dispute);
        add(self.ground.is_present(), Field::Ground);
        mask
    }
}

/// A required field: present and not null.
fn take<T>(o: Opt<T>, f: Field, kind: Kind) -> Result<T, Fail> {
    match o {
        Opt::Val(v) => Ok(v),
        Opt::Absent => Err(checks::missing_field(
            f.name(),
            &format!("a {} event", kind.name()),
        )),
        Opt::Null => Err(checks::null(f)),
    }
}

/// `attachments`: absent means none.
fn list(o: Opt<Vec<Attachment>>) -> Result<Vec<Attachment>, Fail> {
    match o {
        Opt::Absent => Ok(Vec::new()),
        Opt::Null => Err(checks::null(Field::Attachments)),
        Opt::Val(list) => Ok(list),
    }
}

fn event(raw: RawEvent) -> Result<FeedEvent, Fail> {
    let kind = raw.kind;
    let foreign = raw.present() & !kind.mask();
    if foreign != 0 {
        let f = ALL_FIELDS
            .into_iter()
            .find(|f| foreign & f.bit() != 0)
            .unwrap_or(Field::Milestone);
        return Err(checks::field_not_of_kind(f.name(), kind));
    }
    macro_rules! take {
        ($field:ident, $f:ident) => {
            take(raw.$field, Field::$f, kind)?
        };
    }
    macro_rules! amount {
        () => {
            Amount(take(raw.amount, Field::Amount, kind)?.0)
        };
    }
    let body = match kind {
        Kind::MilestoneFunded => FeedEventBody::MilestoneFunded {
            milestone: take!(milestone, Milestone),
            amount: amount!(),
        },
        Kind::WorkSubmitted => FeedEventBody::WorkSubmitted {
            milestone: take!(milestone, Milestone),
            by: take!(by, By),
            note: take!(note, Note),
            attachments: list(raw.attachments)?,
        },
        Kind::ChangesRequested => FeedEventBody::ChangesRequested {
            milestone: take!(milestone, Milestone),
            by: take!(by, By),
            note: take!(note, Note),
        },
        Kind::PaymentReleased => FeedEventBody::PaymentReleased {
            milestone: take!(milestone, Milestone),
            by: take!(by, By),
            amount: amount!(),
        },
        Kind::BonusPaid => FeedEventBody::BonusPaid {
            amount: amount!(),
            note: take!(note, Note),
        },
        Kind::Message => FeedEventBody::Message {
            by: take!(by, By),
            body: take!(body, Body),
            attachments: list(raw.attachments)?,
        },
        Kind::ContractEnded => FeedEventBody::ContractEnded { by: take!(by, By) },
        Kind::RefundRequested => FeedEventBody::RefundRequested { amount: amount!() },
        Kind::RefundCompleted => FeedEventBody::RefundCompleted { amount: amount!() },
        Kind::FeedbackLeft => FeedEventBody::FeedbackLeft {
            by: take!(by, By),
            rating: checks::rating(u64::from(take!(rating, Rating)))?,
            text: take!(text, Text),
        },
        Kind::DisputeFiled => {
            let ground = take!(ground, Ground);
            let milestone = match raw.milestone {
                Opt::Val(m) => Some(m),
                Opt::Absent | Opt::Null => None,
            };
            if ground == Ground::MilestoneNotReleased && milestone.is_none() {
                return Err(checks::dispute_milestone_required());
            }
            FeedEventBody::DisputeFiled {
                dispute: take!(dispute, Dispute),
                ground,
                milestone,
                amount: amount!(),
                reason: take!(reason, Reason),
                statement: take!(statement, Statement),
            }
        }
        Kind::StatementSubmitted => FeedEventBody::StatementSubmitted {
            dispute: take!(dispute, Dispute),
            by: take!(by, By),
            text: take!(text, Text),
            attachments: list(raw.attachments)?,
        },
    };
    Ok(FeedEvent {
        id: raw.id,
        at: raw.at.0,
        body,
    })
}

/// The deserialized feed, once its format is checked.
pub(super) fn feed(raw: RawFeed<'_>) -> Result<Feed, FeedError> {
    checks::format(&raw.format.0).at(|| "format".into())?;
    Ok(Feed {
        format: FORMAT.to_string(),
        generated_at: raw.generated_at.0,
        contracts: raw.contracts,
    })
}

/// What needs the contract or the whole feed: amounts checked against the
/// contract's currency (and normalised to its places), ids non-empty and
/// unique, milestone references, events in time order.
pub(super) fn finish(feed: &mut Feed) -> Result<(), FeedError> {
    let milestones = feed.contracts.iter().map(|k| k.milestones.len()).sum();
    let events = feed.contracts.iter().map(|k| k.events.len()).sum();
    let mut reg = Registry::<&str>::with_capacity(feed.contracts.len(), milestones, events);
    for (c, k) in feed.contracts.iter_mut().enumerate() {
        amounts(k, c)?;
        contract_rules(&mut reg, k, c)?;
    }
    Ok(())
}

/// [`finish`] for contract `c`, its amounts already checked: its ids
/// (registered in `reg`, against the contracts before it), references and
/// time order.
fn contract_rules<'a, K: IdKey<'a>>(
    reg: &mut Registry<K>,
    k: &'a Contract,
    c: usize,
) -> Result<(), FeedError> {
    let path = |field: &str| format!("contracts[{c}].{field}");
    checks::id(&k.id, "contract id").at(|| path("id"))?;
    reg.contract(&k.id, c).at(|| path("id"))?;
    checks::id(&k.client.id, "client id").at(|| path("client.id"))?;
    checks::id(&k.freelancer.id, "freelancer id").at(|| path("freelancer.id"))?;
    if let Some(agency) = &k.freelancer.agency {
        checks::id(&agency.id, "agency id").at(|| path("freelancer.agency.id"))?;
    }
    let mut scope = ContractScope::new(k.milestones.iter().map(|m| m.id.as_str()).collect());
    for (m, ms) in k.milestones.iter().enumerate() {
        let path = |field: &str| format!("contracts[{c}].milestones[{m}].{field}");
        checks::id(&ms.id, "milestone id").at(|| path("id"))?;
        reg.milestone(&ms.id, c, m).at(|| path("id"))?;
        scope.seq(ms.seq, c, m).at(|| path("seq"))?;
    }
    for (e, ev) in k.events.iter().enumerate() {
        let path = |field: &str| format!("contracts[{c}].events[{e}].{field}");
        checks::id(&ev.id, "event id").at(|| path("id"))?;
        reg.event(&ev.id, c, e).at(|| path("id"))?;
        scope.at(ev.at).at(|| path("at"))?;
        match &ev.body {
            FeedEventBody::MilestoneFunded { milestone, .. }
            | FeedEventBody::WorkSubmitted { milestone, .. }
            | FeedEventBody::ChangesRequested { milestone, .. }
            | FeedEventBody::PaymentReleased { milestone, .. } => {
                scope.milestone_ref(milestone).at(|| path("milestone"))?;
            }
            FeedEventBody::DisputeFiled {
                dispute, milestone, ..
            } => {
                checks::id(dispute, "dispute id").at(|| path("dispute"))?;
                reg.dispute(dispute, c, e).at(|| path("dispute"))?;
                if let Some(milestone) = milestone {
                    scope.milestone_ref(milestone).at(|| path("milestone"))?;
                }
            }
            FeedEventBody::StatementSubmitted { dispute, .. } => {
                checks::id(dispute, "dispute id").at(|| path("dispute"))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The fast path, handing contracts on in parts of `part` as they are read:
/// each part only once every contract in it passed every rule of
/// [`contract`] and [`finish`]. `sink` returns false to stop the reading.
///
/// Ok when the whole feed is valid. On Err the feed (or the reading) failed
/// somewhere; parts handed on before that are to be discarded. What broke is
/// `Stop::Refused(Some(rule))` when a rule of [`finish`] named it, `None` when
/// serde refused (the walker then finds the rule), `Stop::Stopped` when
/// `sink` asked to stop.
pub(super) fn stream(
    bytes: &[u8],
    part: usize,
    sink: &mut dyn FnMut(Vec<Contract>) -> bool,
) -> Result<(), Stop> {
    let mut root = StreamRoot {
        part: part.max(1),
        sink,
        stop: None,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let read = serde::de::DeserializeSeed::deserialize(&mut root, &mut de).and_then(|()| de.end());
    match (read, root.stop) {
        (Ok(()), None) => Ok(()),
        (_, Some(stop)) => Err(stop),
        (Err(_), None) => Err(Stop::Refused(None)),
    }
}

/// Why [`stream`] ended early.
#[derive(Debug)]
pub(super) enum Stop {
    Refused(Option<FeedError>),
    Stopped,
}

/// The document's top level, read by [`stream`]: `format`, `generated_at`
/// and `contracts`, each exactly once, in any order, nothing else.
struct StreamRoot<'s> {
    part: usize,
    sink: &'s mut dyn FnMut(Vec<Contract>) -> bool,
    stop: Option<Stop>,
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut StreamRoot<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut StreamRoot<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a feed object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let (mut format, mut generated_at, mut contracts) = (false, false, false);
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let seen = match &*key.0 {
                "format" => &mut format,
                "generated_at" => &mut generated_at,
                "contracts" => &mut contracts,
                _ => return Err(A::Error::custom("unknown field")),
            };
            if std::mem::replace(seen, true) {
                return Err(A::Error::custom("duplicate field"));
            }
            match &*key.0 {
                "format" => {
                    let text = map.next_value::<Text<'de>>()?;
                    if let Err(e) = checks::format(&text.0).at(|| "format".into()) {
                        self.stop = Some(Stop::Refused(Some(e)));
                        return Err(A::Error::custom("unsupported format"));
                    }
                }
                "generated_at" => {
                    map.next_value::<Time>()?;
                }
                _ => map.next_value_seed(StreamContracts(&mut *self))?,
            }
        }
        if format && generated_at && contracts {
            Ok(())
        } else {
            Err(A::Error::custom("missing field"))
        }
    }
}

/// The `contracts` array, read by [`stream`].
struct StreamContracts<'r, 's>(&'r mut StreamRoot<'s>);

impl<'de> serde::de::DeserializeSeed<'de> for StreamContracts<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for StreamContracts<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let root = self.0;
        // Ids are owned here: the contracts they belong to are handed on.
        let mut reg = Registry::<Box<str>>::with_capacity(1 << 14, 1 << 15, 1 << 17);
        let mut buf = Vec::with_capacity(root.part);
        let mut c = 0;
        while let Some(raw) = seq.next_element::<RawContract>()? {
            let mut k = contract(raw);
            let checked = amounts(&mut k, c).and_then(|()| contract_rules(&mut reg, &k, c));
            if let Err(e) = checked {
                root.stop = Some(Stop::Refused(Some(e)));
                return Err(A::Error::custom("refused"));
            }
            buf.push(k);
            c += 1;
            if buf.len() == root.part {
                let full = std::mem::replace(&mut buf, Vec::with_capacity(root.part));
                if !(root.sink)(full) {
                    root.stop = Some(Stop::Stopped);
                    return Err(A::Error::custom("stopped"));
                }
            }
        }
        if !buf.is_empty() && !(root.sink)(buf) {
            root.stop = Some(Stop::Stopped);
            return Err(A::Error::custom("stopped"));
        }
        Ok(())
    }
}

/// Every amount of the contract in its currency, at its places.
fn amounts(k: &mut Contract, c: usize) -> Result<(), FeedError> {
    let currency = k.currency;
    for (m, ms) in k.milestones.iter_mut().enumerate() {
        ms.amount = checks::decimal_amount(currency, ms.amount.0)
            .at(|| format!("contracts[{c}].milestones[{m}].amount"))?;
    }
    for (e, ev) in k.events.iter_mut().enumerate() {
        match &mut ev.body {
            FeedEventBody::MilestoneFunded { amount, .. }
            | FeedEventBody::PaymentReleased { amount, .. }
            | FeedEventBody::BonusPaid { amount, .. }
            | FeedEventBody::RefundRequested { amount, .. }
            | FeedEventBody::RefundCompleted { amount, .. }
            | FeedEventBody::DisputeFiled { amount, .. } => {
                *amount = checks::decimal_amount(currency, amount.0)
                    .at(|| format!("contracts[{c}].events[{e}].amount"))?;
            }
            _ => {}
        }
    }
    Ok(())
}
