//! The feed's value and cross-reference rules, shared by the fast path
//! ([`super::fast`]) and the document-order walker ([`super::walk`]), so both
//! decide validity the same way. A failed check returns a [`Fail`] (rule and
//! message); the caller knows the path.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::feed::{By, Ground, FORMAT};
use crate::money::{Amount, Currency, MoneyError};

/// A broken rule, without its path: `(rule, message)`.
pub(super) type Fail = (&'static str, String);

// ---------------------------------------------------------------- values

pub(super) fn format(text: &str) -> Result<(), Fail> {
    if text == FORMAT {
        Ok(())
    } else {
        Err((
            "unsupported_format",
            format!(
                "format '{}' is not supported; expected '{FORMAT}'",
                shorten(text)
            ),
        ))
    }
}

/// RFC 3339, with any offset, converted to UTC.
pub(super) fn time(text: &str) -> Result<DateTime<Utc>, Fail> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            (
                "invalid_time",
                format!(
                    "'{}' is not an RFC 3339 time such as 2026-02-01T10:00:00Z ({e})",
                    shorten(text)
                ),
            )
        })
}

pub(super) fn currency(code: &str) -> Result<Currency, Fail> {
    Currency::from_code(code).map_err(|_| {
        let e = MoneyError::UnknownCurrency(shorten(code));
        (e.rule(), e.to_string())
    })
}

/// A decimal string in the contract's currency: not negative, no more places
/// than its minor unit. Normalised to the currency's places. The same as
/// [`Currency::parse`], in two halves so the fast path can read the decimal
/// before it knows the currency.
pub(super) fn amount(currency: Currency, text: &str) -> Result<Amount, Fail> {
    decimal_amount(currency, decimal(text)?)
}

/// What can be said of an amount when the contract's currency is itself
/// invalid: only that it is a non-negative decimal. (The currency's own error
/// is reported where the currency is.)
pub(super) fn amount_without_currency(text: &str) -> Result<(), Fail> {
    let d = decimal(text)?;
    if d.is_sign_negative() && !d.is_zero() {
        let e = MoneyError::Negative(d.to_string());
        return Err((e.rule(), e.to_string()));
    }
    Ok(())
}

/// The first half of [`Currency::parse`]: the text as a decimal, refused as
/// that function refuses it.
pub(super) fn decimal(text: &str) -> Result<Decimal, Fail> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed != text || trimmed.contains(['e', 'E', '_']) {
        return Err(not_a_decimal(text));
    }
    trimmed.parse().map_err(|_| not_a_decimal(text))
}

fn not_a_decimal(text: &str) -> Fail {
    let e = MoneyError::NotADecimal(shorten(text));
    (e.rule(), e.to_string())
}

/// The second half of [`Currency::parse`]: a decimal checked against the
/// contract's currency, at its places.
pub(super) fn decimal_amount(currency: Currency, amount: Decimal) -> Result<Amount, Fail> {
    currency
        .from_decimal(amount)
        .map(Amount::of)
        .map_err(|e| (e.rule(), e.to_string()))
}

/// Ids (and references to ids) are non-empty strings.
pub(super) fn id(text: &str, what: &str) -> Result<(), Fail> {
    if text.is_empty() {
        Err(("empty_id", format!("{what} must be a non-empty string")))
    } else {
        Ok(())
    }
}

pub(super) const BY_VALUES: &str = "client, freelancer, system";
pub(super) const GROUND_VALUES: &str = "ended_with_balance, milestone_not_released";

pub(super) fn by(text: &str) -> Result<By, Fail> {
    match text {
        "client" => Ok(By::Client),
        "freelancer" => Ok(By::Freelancer),
        "system" => Ok(By::System),
        _ => Err((
            "invalid_value",
            format!("by '{}' is not one of {BY_VALUES}", shorten(text)),
        )),
    }
}

pub(super) fn ground(text: &str) -> Result<Ground, Fail> {
    match text {
        "ended_with_balance" => Ok(Ground::EndedWithBalance),
        "milestone_not_released" => Ok(Ground::MilestoneNotReleased),
        _ => Err((
            "invalid_value",
            format!("ground '{}' is not one of {GROUND_VALUES}", shorten(text)),
        )),
    }
}

pub(super) fn rating(n: u64) -> Result<u8, Fail> {
    match u8::try_from(n) {
        Ok(r @ 1..=5) => Ok(r),
        _ => Err(rating_fail(&n.to_string())),
    }
}

pub(super) fn rating_fail(shown: &str) -> Fail {
    (
        "invalid_rating",
        format!("rating {shown} is not an integer from 1 to 5"),
    )
}

pub(super) fn seq_fail(shown: &str) -> Fail {
    (
        "invalid_seq",
        format!("seq {shown} is not an integer from 0 to {}", u32::MAX),
    )
}

pub(super) fn bytes_fail(shown: &str) -> Fail {
    (
        "invalid_bytes",
        format!("bytes {shown} is not a non-negative integer"),
    )
}

pub(super) fn sha256(text: &str) -> Result<(), Fail> {
    if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err((
            "invalid_sha256",
            format!("sha256 '{}' is not 64 hex digits", shorten(text)),
        ))
    }
}

/// `milestone` on `dispute_filed`: required for `milestone_not_released`.
pub(super) fn dispute_milestone_required() -> Fail {
    (
        "missing_field",
        "missing field `milestone`: a dispute on ground milestone_not_released names its milestone"
            .to_string(),
    )
}

/// Untrusted text quoted in a message: at most 80 characters of it.
pub(super) fn shorten(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

// ---------------------------------------------------------------- event types

/// The event types of spec/feed.md, and the fields each one carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Kind {
    MilestoneFunded,
    WorkSubmitted,
    ChangesRequested,
    PaymentReleased,
    BonusPaid,
    Message,
    ContractEnded,
    RefundRequested,
    RefundCompleted,
    FeedbackLeft,
    DisputeFiled,
    StatementSubmitted,
}

/// A field an event may carry beyond `id`, `at` and `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Milestone,
    Amount,
    By,
    Note,
    Body,
    Text,
    Reason,
    Statement,
    Attachments,
    Rating,
    Dispute,
    Ground,
}

/// Whether an event type must carry a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    Required,
    /// `attachments`: absent means none (spec/feed.md's own example omits it).
    AbsentIsEmpty,
    /// `milestone` of `dispute_filed`: required for `milestone_not_released`,
    /// otherwise absent or null.
    ByGround,
}

pub(super) const ALL_FIELDS: [Field; 12] = [
    Field::Milestone,
    Field::Amount,
    Field::By,
    Field::Note,
    Field::Body,
    Field::Text,
    Field::Reason,
    Field::Statement,
    Field::Attachments,
    Field::Rating,
    Field::Dispute,
    Field::Ground,
];

impl Field {
    pub(super) fn name(self) -> &'static str {
        match self {
            Field::Milestone => "milestone",
            Field::Amount => "amount",
            Field::By => "by",
            Field::Note => "note",
            Field::Body => "body",
            Field::Text => "text",
            Field::Reason => "reason",
            Field::Statement => "statement",
            Field::Attachments => "attachments",
            Field::Rating => "rating",
            Field::Dispute => "dispute",
            Field::Ground => "ground",
        }
    }

    pub(super) fn from_name(name: &str) -> Option<Field> {
        ALL_FIELDS.into_iter().find(|f| f.name() == name)
    }

    /// The field's place in a presence mask.
    pub(super) fn bit(self) -> u16 {
        1 << self as u16
    }

    /// What the field holds, for `invalid_type` messages.
    pub(super) fn expected(self) -> &'static str {
        match self {
            Field::Milestone => "a milestone id (a string)",
            Field::Amount => AMOUNT_EXPECTED,
            Field::By => "one of client, freelancer, system (a string)",
            Field::Note | Field::Body | Field::Text | Field::Reason | Field::Statement => {
                "a string"
            }
            Field::Attachments => "an array of attachments",
            Field::Rating => "an integer from 1 to 5",
            Field::Dispute => "a dispute id (a string)",
            Field::Ground => "one of ended_with_balance, milestone_not_released (a string)",
        }
    }
}

pub(super) const ALL_KINDS: [Kind; 12] = [
    Kind::MilestoneFunded,
    Kind::WorkSubmitted,
    Kind::ChangesRequested,
    Kind::PaymentReleased,
    Kind::BonusPaid,
    Kind::Message,
    Kind::ContractEnded,
    Kind::RefundRequested,
    Kind::RefundCompleted,
    Kind::FeedbackLeft,
    Kind::DisputeFiled,
    Kind::StatementSubmitted,
];

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::MilestoneFunded => "milestone_funded",
            Kind::WorkSubmitted => "work_submitted",
            Kind::ChangesRequested => "changes_requested",
            Kind::PaymentReleased => "payment_released",
            Kind::BonusPaid => "bonus_paid",
            Kind::Message => "message",
            Kind::ContractEnded => "contract_ended",
            Kind::RefundRequested => "refund_requested",
            Kind::RefundCompleted => "refund_completed",
            Kind::FeedbackLeft => "feedback_left",
            Kind::DisputeFiled => "dispute_filed",
            Kind::StatementSubmitted => "statement_submitted",
        }
    }

    pub(super) fn from_name(name: &str) -> Result<Kind, Fail> {
        ALL_KINDS
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| {
                let all: Vec<&str> = ALL_KINDS.iter().map(|k| k.name()).collect();
                (
                    "unknown_event_type",
                    format!(
                        "event type '{}' is not one of {}",
                        shorten(name),
                        all.join(", ")
                    ),
                )
            })
    }

    /// The fields beyond `id`, `at` and `type`, in spec/feed.md's order.
    pub(super) fn fields(self) -> &'static [(Field, Need)] {
        use Field as F;
        use Need::*;
        match self {
            Kind::MilestoneFunded => &[(F::Milestone, Required), (F::Amount, Required)],
            Kind::WorkSubmitted => &[
                (F::Milestone, Required),
                (F::By, Required),
                (F::Note, Required),
                (F::Attachments, AbsentIsEmpty),
            ],
            Kind::ChangesRequested => &[
                (F::Milestone, Required),
                (F::By, Required),
                (F::Note, Required),
            ],
            Kind::PaymentReleased => &[
                (F::Milestone, Required),
                (F::By, Required),
                (F::Amount, Required),
            ],
            Kind::BonusPaid => &[(F::Amount, Required), (F::Note, Required)],
            Kind::Message => &[
                (F::By, Required),
                (F::Body, Required),
                (F::Attachments, AbsentIsEmpty),
            ],
            Kind::ContractEnded => &[(F::By, Required)],
            Kind::RefundRequested | Kind::RefundCompleted => &[(F::Amount, Required)],
            Kind::FeedbackLeft => &[
                (F::By, Required),
                (F::Rating, Required),
                (F::Text, Required),
            ],
            Kind::DisputeFiled => &[
                (F::Dispute, Required),
                (F::Ground, Required),
                (F::Milestone, ByGround),
                (F::Amount, Required),
                (F::Reason, Required),
                (F::Statement, Required),
            ],
            Kind::StatementSubmitted => &[
                (F::Dispute, Required),
                (F::By, Required),
                (F::Text, Required),
                (F::Attachments, AbsentIsEmpty),
            ],
        }
    }

    pub(super) fn allows(self, field: Field) -> bool {
        self.mask() & field.bit() != 0
    }

    /// The fields the type carries, as a mask of [`Field::bit`]s.
    pub(super) fn mask(self) -> u16 {
        self.fields().iter().fold(0, |mask, (f, _)| mask | f.bit())
    }

    /// `id, at, type, milestone, amount` — for messages.
    pub(super) fn field_list(self) -> String {
        let mut names = vec!["id", "at", "type"];
        names.extend(self.fields().iter().map(|(f, _)| f.name()));
        names.join(", ")
    }
}

pub(super) const AMOUNT_EXPECTED: &str = "the amount as a decimal string such as \"500.00\"";

/// A value of the wrong JSON type.
pub(super) fn wrong_type(expected: &str, found: &str) -> Fail {
    (
        "invalid_type",
        format!("expected {expected}, found {found}"),
    )
}

/// `null` where the field's value is required.
pub(super) fn null(f: Field) -> Fail {
    wrong_type(f.expected(), "null")
}

/// A field the event's type does not carry.
pub(super) fn field_not_of_kind(name: &str, kind: Kind) -> Fail {
    (
        "unknown_field",
        format!(
            "unknown field `{}` in a {} event; expected one of {}",
            shorten(name),
            kind.name(),
            kind.field_list()
        ),
    )
}

/// A field of no kind at all.
pub(super) fn unknown_field(name: &str, what: &str, expected: &str) -> Fail {
    (
        "unknown_field",
        format!(
            "unknown field `{}` in {what}; expected one of {expected}",
            shorten(name)
        ),
    )
}

pub(super) fn missing_field(name: &str, what: &str) -> Fail {
    ("missing_field", format!("missing field `{name}` in {what}"))
}

// ---------------------------------------------------------------- cross-references

/// FxHash-style word hashing with a strong finaliser: ids are short, and
/// SipHash dominated the duplicate checks of a million events. The feed
/// comes from the platform, not from strangers, so hash flooding is not a
/// concern worth that time.
#[derive(Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(*b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn write_u32(&mut self, n: u32) {
        self.write(&n.to_le_bytes());
    }

    /// MurmurHash3's finaliser: the table indexes by the low bits, which
    /// FxHash alone leaves poorly mixed for ids that differ in a digit.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// Where an id was first seen: contract index, and item index within it.
#[derive(Debug, Clone, Copy)]
struct Loc(u32, u32);

/// How the registry keeps an id: borrowed from a feed held whole (`&str`), or
/// owned (`Box<str>`) when contracts are handed on while the feed is still
/// being read.
pub(super) trait IdKey<'a>: Hash + Eq {
    fn key(id: &'a str) -> Self;
}

impl<'a> IdKey<'a> for &'a str {
    fn key(id: &'a str) -> Self {
        id
    }
}

impl<'a> IdKey<'a> for Box<str> {
    fn key(id: &'a str) -> Self {
        id.into()
    }
}

/// Ids unique within their kind across the whole feed.
pub(super) struct Registry<K> {
    contracts: IdMap<K, u32>,
    milestones: IdMap<K, Loc>,
    events: IdMap<K, Loc>,
    disputes: IdMap<K, Loc>,
}

fn idx(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn first<K: Hash + Eq, T: Copy>(map: &mut IdMap<K, T>, key: K, at: T) -> Result<(), T> {
    match map.entry(key) {
        Entry::Occupied(o) => Err(*o.get()),
        Entry::Vacant(v) => {
            v.insert(at);
            Ok(())
        }
    }
}

fn duplicate(what: &str, id: &str, earlier: String) -> Fail {
    (
        "duplicate_id",
        format!("{what} id '{}' is already used at {earlier}", shorten(id)),
    )
}

impl<K: Hash + Eq> Registry<K> {
    pub(super) fn with_capacity(contracts: usize, milestones: usize, events: usize) -> Self {
        Registry {
            contracts: IdMap::with_capacity_and_hasher(contracts, Default::default()),
            milestones: IdMap::with_capacity_and_hasher(milestones, Default::default()),
            events: IdMap::with_capacity_and_hasher(events, Default::default()),
            // Typically at most one dispute per contract.
            disputes: IdMap::with_capacity_and_hasher(contracts, Default::default()),
        }
    }

    pub(super) fn contract<'a>(&mut self, id: &'a str, c: usize) -> Result<(), Fail>
    where
        K: IdKey<'a>,
    {
        first(&mut self.contracts, K::key(id), idx(c))
            .map_err(|e| duplicate("contract", id, format!("contracts[{e}]")))
    }

    pub(super) fn milestone<'a>(&mut self, id: &'a str, c: usize, m: usize) -> Result<(), Fail>
    where
        K: IdKey<'a>,
    {
        first(&mut self.milestones, K::key(id), Loc(idx(c), idx(m))).map_err(|Loc(c, m)| {
            duplicate("milestone", id, format!("contracts[{c}].milestones[{m}]"))
        })
    }

    pub(super) fn event<'a>(&mut self, id: &'a str, c: usize, e: usize) -> Result<(), Fail>
    where
        K: IdKey<'a>,
    {
        first(&mut self.events, K::key(id), Loc(idx(c), idx(e)))
            .map_err(|Loc(c, e)| duplicate("event", id, format!("contracts[{c}].events[{e}]")))
    }

    /// A dispute id, as `dispute_filed` opens it.
    pub(super) fn dispute<'a>(&mut self, id: &'a str, c: usize, e: usize) -> Result<(), Fail>
    where
        K: IdKey<'a>,
    {
        first(&mut self.disputes, K::key(id), Loc(idx(c), idx(e)))
            .map_err(|Loc(c, e)| duplicate("dispute", id, format!("contracts[{c}].events[{e}]")))
    }
}

/// One contract's own rules: its milestones (for references), unique `seq`,
/// events in time order.
pub(super) struct ContractScope<'a> {
    milestones: Vec<&'a str>,
    /// Built when a contract has many milestones.
    milestone_set: Option<IdSet<&'a str>>,
    seqs: Vec<(u32, u32)>,
    seq_map: Option<IdMap<u32, u32>>,
    last_at: Option<DateTime<Utc>>,
}

impl<'a> ContractScope<'a> {
    pub(super) fn new(milestones: Vec<&'a str>) -> Self {
        let milestone_set =
            (milestones.len() > 16).then(|| milestones.iter().copied().collect::<IdSet<_>>());
        ContractScope {
            milestones,
            milestone_set,
            seqs: Vec::new(),
            seq_map: None,
            last_at: None,
        }
    }

    pub(super) fn seq(&mut self, seq: u32, c: usize, m: usize) -> Result<(), Fail> {
        let earlier = match &mut self.seq_map {
            Some(map) => first(map, seq, idx(m)),
            None => match self.seqs.iter().find(|(s, _)| *s == seq) {
                Some((_, earlier)) => Err(*earlier),
                None => {
                    self.seqs.push((seq, idx(m)));
                    if self.seqs.len() > 16 {
                        // Many milestones: keep the check linear overall.
                        self.seq_map = Some(self.seqs.drain(..).collect());
                    }
                    Ok(())
                }
            },
        };
        earlier.map_err(|earlier| {
            (
                "duplicate_id",
                format!(
                    "milestone seq {seq} is already used at contracts[{c}].milestones[{earlier}]"
                ),
            )
        })
    }

    /// A milestone named by an event: one of this contract's.
    pub(super) fn milestone_ref(&self, id: &str) -> Result<(), Fail> {
        self::id(id, "milestone")?;
        let known = match &self.milestone_set {
            Some(set) => set.contains(id),
            None => self.milestones.contains(&id),
        };
        if known {
            return Ok(());
        }
        let mut list: Vec<&str> = self.milestones.iter().take(10).copied().collect();
        if self.milestones.len() > 10 {
            list.push("…");
        }
        let known = if list.is_empty() {
            "none".to_string()
        } else {
            list.join(", ")
        };
        Err((
            "unknown_milestone",
            format!(
                "milestone '{}' is not one of this contract's milestones ({known})",
                shorten(id)
            ),
        ))
    }

    /// The next event's time: not before the previous one's.
    pub(super) fn at(&mut self, at: DateTime<Utc>) -> Result<(), Fail> {
        if let Some(last) = self.last_at {
            if at < last {
                return Err((
                    "events_out_of_order",
                    format!(
                        "event at {} is earlier than the event before it ({}); a contract's events are in time order",
                        at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                        last.to_rfc3339_opts(SecondsFormat::AutoSi, true)
                    ),
                ));
            }
        }
        self.last_at = Some(at);
        Ok(())
    }
}
