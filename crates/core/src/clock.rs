//! Clocks: deadlines in calendar or business days.
//!
//! Calendar days: due = start + N × 24 h. Business days: step forward one UTC
//! date at a time, counting only Monday–Friday dates not in the holiday list;
//! due is the Nth counted date at the start's time of day.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// The five clocks of DOMAIN.md, in the order of its table (which is also the
/// order clocks started together are listed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockName {
    ClientResponse,
    RecommendationSla,
    Mediation,
    RecommendationResponse,
    ArbitrationFees,
}

impl ClockName {
    pub const ALL: [ClockName; 5] = [
        ClockName::ClientResponse,
        ClockName::RecommendationSla,
        ClockName::Mediation,
        ClockName::RecommendationResponse,
        ClockName::ArbitrationFees,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClockName::ClientResponse => "client_response",
            ClockName::RecommendationSla => "recommendation_sla",
            ClockName::Mediation => "mediation",
            ClockName::RecommendationResponse => "recommendation_response",
            ClockName::ArbitrationFees => "arbitration_fees",
        }
    }

    /// Whose move the clock waits for (the party its extensions are shown under).
    pub fn waiting_for(self) -> &'static [&'static str] {
        match self {
            ClockName::ClientResponse => &["client"],
            ClockName::RecommendationSla | ClockName::Mediation => &["specialist"],
            ClockName::RecommendationResponse | ClockName::ArbitrationFees => {
                &["client", "freelancer"]
            }
        }
    }

    /// Whether expiry applies a default outcome (the others are only flagged overdue).
    pub fn has_default(self) -> bool {
        matches!(
            self,
            ClockName::ClientResponse
                | ClockName::RecommendationResponse
                | ClockName::ArbitrationFees
        )
    }
}

impl fmt::Display for ClockName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClockName {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ClockName::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    Calendar,
    Business,
}

/// The business-day calendar: weekends and a holiday list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays(BTreeSet<NaiveDate>);

impl Holidays {
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Holidays {
        Holidays(dates.into_iter().collect())
    }

    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.0.contains(&d)
    }
}

/// `from` plus `days` in `unit`.
pub fn add_days(
    from: DateTime<Utc>,
    days: u32,
    unit: DayUnit,
    holidays: &Holidays,
) -> DateTime<Utc> {
    match unit {
        DayUnit::Calendar => from + Duration::hours(24 * days as i64),
        DayUnit::Business => {
            let time = from.time();
            let mut date = from.date_naive();
            let mut counted = 0;
            while counted < days {
                date = date
                    .succ_opt()
                    .expect("dates stay far from chrono's limits");
                if holidays.is_business_day(date) {
                    counted += 1;
                }
            }
            date.and_time(time).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn us_2026() -> Holidays {
        Holidays::new(["2026-02-16", "2026-11-26"].map(|d| d.parse().unwrap()))
    }

    #[test]
    fn calendar_days_are_24_hours() {
        let due = add_days(
            t("2023-06-01T12:00:00Z"),
            7,
            DayUnit::Calendar,
            &Holidays::default(),
        );
        assert_eq!(due, t("2023-06-08T12:00:00Z"));
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Filed Friday 13 Feb 2026; Monday 16 Feb is Presidents' Day.
        let due = add_days(t("2026-02-13T09:20:00Z"), 5, DayUnit::Business, &us_2026());
        assert_eq!(due, t("2026-02-23T09:20:00Z"));
    }

    #[test]
    fn business_days_from_a_weekend_start_count_from_monday() {
        let due = add_days(t("2026-02-14T10:00:00Z"), 2, DayUnit::Business, &us_2026());
        assert_eq!(due, t("2026-02-18T10:00:00Z"));
    }

    #[test]
    fn business_days_from_a_sunday_into_the_week() {
        let due = add_days(t("2026-03-01T15:00:00Z"), 5, DayUnit::Business, &us_2026());
        assert_eq!(due, t("2026-03-06T15:00:00Z"));
    }

    #[test]
    fn clock_names_round_trip_and_unknown_is_refused() {
        for c in ClockName::ALL {
            assert_eq!(c.as_str().parse::<ClockName>(), Ok(c));
        }
        assert!("deadline".parse::<ClockName>().is_err());
    }
}
