//! `accord stats`: how many cases, in which status, ending how, for how much.

use std::collections::BTreeMap;

use accord_core::Currency;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{App, AppError};

#[derive(Debug, Clone, Default, Serialize)]
pub struct OutcomeStats {
    pub cases: i64,
    pub to_freelancer: String,
    pub to_client: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CurrencyStats {
    pub cases: i64,
    pub disputed: String,
    pub outcomes: BTreeMap<String, OutcomeStats>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub cases: i64,
    pub open: i64,
    pub resolved: i64,
    pub by_status: BTreeMap<String, i64>,
    pub by_currency: BTreeMap<String, CurrencyStats>,
}

fn money(code: &str, minor: i64) -> String {
    Currency::from_code(code)
        .unwrap_or(Currency::USD)
        .from_minor(minor)
        .to_string()
}

impl App {
    /// Figures over cases filed in [from, to).
    pub async fn stats(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Stats, AppError> {
        let rows = self.store.stats(from, to).await?;
        let mut s = Stats {
            from,
            to,
            ..Stats::default()
        };
        for (status, n) in rows.by_status {
            s.cases += n;
            if status == "resolved" {
                s.resolved += n;
            } else {
                s.open += n;
            }
            s.by_status.insert(status, n);
        }
        for (currency, n, disputed) in rows.disputed {
            let c = s.by_currency.entry(currency.clone()).or_default();
            c.cases = n;
            c.disputed = money(&currency, disputed);
        }
        for (currency, outcome, n, tf, tc) in rows.by_outcome {
            let c = s.by_currency.entry(currency.clone()).or_default();
            c.outcomes.insert(
                outcome,
                OutcomeStats {
                    cases: n,
                    to_freelancer: money(&currency, tf),
                    to_client: money(&currency, tc),
                },
            );
        }
        Ok(s)
    }
}
