//! Exact money: a `rust_decimal::Decimal` held at its currency's minor unit.
//!
//! Every amount in Accord passes through [`Currency::parse`] at a boundary, so a
//! negative amount or one with more places than the currency allows never gets
//! into the domain. Inside, amounts are always normalised to exactly the
//! currency's number of places, so `"12.5"` and `"12.50"` are the same value and
//! print the same way.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An ISO 4217 currency and the number of decimal places of its minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    places: u32,
}

/// Why an amount (or currency) could not be parsed. Each is its own value so
/// callers can map it to the rule name DOMAIN.md uses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("'{0}' is not a decimal amount")]
    NotADecimal(String),
    #[error("amount {0} is negative")]
    Negative(String),
    #[error("amount has {places} decimal places; {currency} allows {allowed}")]
    TooManyPlaces {
        places: u32,
        currency: Currency,
        allowed: u32,
    },
    #[error("'{0}' is not a supported ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("amount {0} is too large")]
    TooLarge(String),
}

impl MoneyError {
    /// The DOMAIN.md rule name for this refusal.
    pub fn rule(&self) -> &'static str {
        match self {
            MoneyError::NotADecimal(_) => "invalid_amount",
            MoneyError::Negative(_) => "negative_amount",
            MoneyError::TooManyPlaces { .. } => "too_many_places",
            MoneyError::UnknownCurrency(_) => "unknown_currency",
            MoneyError::TooLarge(_) => "invalid_amount",
        }
    }
}

/// Currencies Accord knows, with their minor-unit places (ISO 4217).
const KNOWN: &[(&str, u32)] = &[
    ("USD", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("CAD", 2),
    ("AUD", 2),
    ("NZD", 2),
    ("CHF", 2),
    ("SEK", 2),
    ("NOK", 2),
    ("DKK", 2),
    ("PLN", 2),
    ("CZK", 2),
    ("INR", 2),
    ("BRL", 2),
    ("MXN", 2),
    ("ZAR", 2),
    ("SGD", 2),
    ("HKD", 2),
    ("CNY", 2),
    ("PHP", 2),
    ("UAH", 2),
    ("RON", 2),
    ("ILS", 2),
    ("TRY", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("CLP", 0),
    ("ISK", 0),
    ("VND", 0),
    ("BHD", 3),
    ("KWD", 3),
    ("JOD", 3),
    ("OMR", 3),
    ("TND", 3),
];

/// The largest amount Accord accepts: far above any escrow, far below where
/// minor units stop fitting in an `i64` column.
const MAX_MINOR: i64 = 1_000_000_000_000_000; // 10^15 minor units

impl Currency {
    pub const USD: Currency = Currency {
        code: *b"USD",
        places: 2,
    };

    pub fn from_code(code: &str) -> Result<Currency, MoneyError> {
        KNOWN
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(c, places)| {
                let b = c.as_bytes();
                Currency {
                    code: [b[0], b[1], b[2]],
                    places: *places,
                }
            })
            .ok_or_else(|| MoneyError::UnknownCurrency(code.to_string()))
    }

    pub fn code(&self) -> &str {
        // The code is always one of KNOWN's ASCII strings.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// Decimal places of the minor unit (USD: 2).
    pub fn places(&self) -> u32 {
        self.places
    }

    pub fn zero(self) -> Money {
        Money {
            amount: Decimal::new(0, self.places),
            currency: self,
        }
    }

    /// Parses a decimal string such as `"500.00"` or `"12.5"`.
    pub fn parse(self, text: &str) -> Result<Money, MoneyError> {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed != text || trimmed.contains(['e', 'E', '_']) {
            return Err(MoneyError::NotADecimal(text.to_string()));
        }
        let d: Decimal = trimmed
            .parse()
            .map_err(|_| MoneyError::NotADecimal(text.to_string()))?;
        self.from_decimal(d)
    }

    /// Checks a decimal that was already parsed: not negative, not more places
    /// than the minor unit. Trailing zeros beyond the minor unit are refused too
    /// (`"1.000"` in USD), because the feed's rule is about the text's places.
    pub fn from_decimal(self, d: Decimal) -> Result<Money, MoneyError> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(MoneyError::Negative(d.to_string()));
        }
        if d.scale() > self.places {
            return Err(MoneyError::TooManyPlaces {
                places: d.scale(),
                currency: self,
                allowed: self.places,
            });
        }
        let mut amount = d.abs();
        amount.rescale(self.places);
        let m = Money {
            amount,
            currency: self,
        };
        if m.to_minor_checked().is_none() {
            return Err(MoneyError::TooLarge(d.to_string()));
        }
        Ok(m)
    }

    pub fn from_minor(self, minor: i64) -> Money {
        Money {
            amount: Decimal::new(minor, self.places),
            currency: self,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::from_code(&s).map_err(serde::de::Error::custom)
    }
}

/// A non-negative amount of one currency, exact to its minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Integer minor units, as stored in the database.
    pub fn to_minor(&self) -> i64 {
        self.to_minor_checked()
            .expect("amounts are bounded at parse time")
    }

    fn to_minor_checked(self) -> Option<i64> {
        let mut d = self.amount;
        d.rescale(self.currency.places);
        let m = d.mantissa();
        if m.abs() > MAX_MINOR as i128 {
            None
        } else {
            Some(m as i64)
        }
    }

    fn same(&self, other: &Money) {
        assert_eq!(
            self.currency, other.currency,
            "amounts of one case share its currency"
        );
    }

    pub fn plus(self, other: Money) -> Money {
        self.same(&other);
        Money {
            amount: self.amount + other.amount,
            currency: self.currency,
        }
    }

    /// `self - other`, or `None` when that would be negative.
    pub fn minus(self, other: Money) -> Option<Money> {
        self.same(&other);
        let d = self.amount - other.amount;
        if d.is_sign_negative() && !d.is_zero() {
            None
        } else {
            Some(Money {
                amount: d,
                currency: self.currency,
            })
        }
    }

    /// `self - other`, never below zero.
    pub fn saturating_minus(self, other: Money) -> Money {
        self.minus(other).unwrap_or(self.currency.zero())
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Money {
    fn cmp(&self, other: &Self) -> Ordering {
        self.same(other);
        self.amount.cmp(&other.amount)
    }
}

impl fmt::Display for Money {
    /// Exactly the minor unit's places: `500.00`, never `500` or `500.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.amount;
        d.rescale(self.currency.places);
        write!(f, "{d}")
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A decimal amount as it appears in JSON (always a string, `"500.00"`), without
/// its currency. Actions carry these unchecked, so the decider can refuse a
/// negative or over-precise amount by its own rule in the order DOMAIN.md gives;
/// recorded events carry them checked (see [`Amount::of`]) and normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Amount(pub Decimal);

impl Amount {
    /// The checked amount of a [`Money`], at its currency's places.
    pub fn of(m: Money) -> Amount {
        let mut d = m.amount;
        d.rescale(m.currency.places);
        Amount(d)
    }

    /// The money this recorded amount stands for, in the case's currency.
    /// Recorded amounts were checked when they were recorded; should one not
    /// fit (a hand-edited database), it is rounded rather than trusted blindly.
    pub fn money(self, currency: Currency) -> Money {
        let mut d = self.0.abs();
        d.rescale(currency.places);
        Money {
            amount: d,
            currency,
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let t = s.trim();
        if t.is_empty() || t != s || t.contains(['e', 'E', '_']) {
            return Err(serde::de::Error::custom(format!(
                "'{s}' is not a decimal amount (amounts are strings such as \"500.00\")"
            )));
        }
        t.parse::<Decimal>().map(Amount).map_err(|_| {
            serde::de::Error::custom(format!(
                "'{s}' is not a decimal amount (amounts are strings such as \"500.00\")"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_at_minor_unit() {
        let usd = Currency::USD;
        assert_eq!(usd.parse("12.5").unwrap().to_string(), "12.50");
        assert_eq!(usd.parse("500").unwrap().to_string(), "500.00");
        assert_eq!(usd.parse("0.01").unwrap().to_minor(), 1);
        assert_eq!(usd.from_minor(123456).to_string(), "1234.56");
    }

    #[test]
    fn refuses_negative_with_its_rule() {
        let e = Currency::USD.parse("-1.00").unwrap_err();
        assert_eq!(e.rule(), "negative_amount");
    }

    #[test]
    fn refuses_extra_places_with_its_rule_and_words() {
        let e = Currency::USD.parse("1.005").unwrap_err();
        assert_eq!(e.rule(), "too_many_places");
        assert_eq!(e.to_string(), "amount has 3 decimal places; USD allows 2");
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(jpy.parse("1.5").unwrap_err().rule(), "too_many_places");
        assert_eq!(jpy.parse("15").unwrap().to_string(), "15");
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for bad in ["", "abc", "1e3", " 1.00", "1,00", "1_000"] {
            assert_eq!(
                Currency::USD.parse(bad).unwrap_err().rule(),
                "invalid_amount",
                "{bad:?}"
            );
        }
        assert!(
            Currency::USD.parse("99999999999999999999").is_err(),
            "too large for minor units"
        );
    }

    #[test]
    fn unknown_currency_is_named() {
        assert_eq!(
            Currency::from_code("XYZ").unwrap_err().rule(),
            "unknown_currency"
        );
    }

    #[test]
    fn minus_never_goes_below_zero() {
        let usd = Currency::USD;
        assert!(usd
            .parse("1.00")
            .unwrap()
            .minus(usd.parse("1.01").unwrap())
            .is_none());
        assert_eq!(
            usd.parse("1.00")
                .unwrap()
                .saturating_minus(usd.parse("2").unwrap()),
            usd.zero()
        );
    }
}
