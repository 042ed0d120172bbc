//! Times as stored: UTC text of one fixed width,
//! `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, so that comparing the text compares the
//! times (the queue sorts and pages on it, `due_case_ids` compares it).

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::StoreError;

/// Length of every stored time.
pub(crate) const WIDTH: usize = 30;

/// Formats a time for storage. Years outside 0000..=9999 are refused: they
/// would not keep the fixed width, and so would not sort.
pub(crate) fn format(t: &DateTime<Utc>) -> Result<String, StoreError> {
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return Err(StoreError::Database(format!(
            "time {t} is outside the years 0000-9999 that the store can keep"
        )));
    }
    let mut second = t.second();
    let mut nano = t.nanosecond();
    if nano >= 1_000_000_000 {
        // chrono's leap second: 23:59:59 plus an extra second of nanoseconds.
        second += 1;
        nano -= 1_000_000_000;
    }
    let mut out = String::with_capacity(WIDTH);
    push_digits(&mut out, year.unsigned_abs(), 4);
    out.push('-');
    push_digits(&mut out, t.month(), 2);
    out.push('-');
    push_digits(&mut out, t.day(), 2);
    out.push('T');
    push_digits(&mut out, t.hour(), 2);
    out.push(':');
    push_digits(&mut out, t.minute(), 2);
    out.push(':');
    push_digits(&mut out, second, 2);
    out.push('.');
    push_digits(&mut out, nano, 9);
    out.push('Z');
    debug_assert_eq!(out.len(), WIDTH, "stored times have one width");
    Ok(out)
}

pub(crate) fn format_opt(t: &Option<DateTime<Utc>>) -> Result<Option<String>, StoreError> {
    t.as_ref().map(format).transpose()
}

/// Parses a stored time; `place` names the table and column for the error.
pub(crate) fn parse(text: &str, place: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Database(format!("{place}: unreadable time {text:?}: {e}")))
}

fn push_digits(out: &mut String, value: u32, width: u32) {
    let mut div = 10u32.pow(width - 1);
    while div > 0 {
        let digit = (value / div) % 10;
        out.push(char::from(b'0' + digit as u8));
        div /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn fixed_width_round_trip() {
        let t =
            Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 7).unwrap() + chrono::Duration::nanoseconds(89);
        let text = format(&t).unwrap();
        assert_eq!(text, "2026-03-04T05:06:07.000000089Z");
        assert_eq!(parse(&text, "t.c").unwrap(), t, "parse undoes format");
        assert_eq!(
            text,
            t.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string(),
            "same text as chrono's own formatter"
        );
    }

    #[test]
    fn text_order_is_time_order() {
        let base = Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59).unwrap();
        let times = [
            base,
            base + chrono::Duration::nanoseconds(1),
            base + chrono::Duration::milliseconds(1),
            base + chrono::Duration::seconds(1),
            base + chrono::Duration::days(400),
        ];
        for pair in times.windows(2) {
            assert!(format(&pair[0]).unwrap() < format(&pair[1]).unwrap());
        }
    }

    #[test]
    fn refuses_years_that_would_not_sort() {
        let t = Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap();
        assert!(
            format(&t).is_err(),
            "a five-digit year breaks the fixed width"
        );
    }

    #[test]
    fn bad_text_names_its_place() {
        let err = parse("yesterday", "cases.filed_at").unwrap_err();
        assert!(err.to_string().contains("cases.filed_at"), "{err}");
    }
}
