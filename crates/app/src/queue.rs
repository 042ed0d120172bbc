//! The queue: keyset pages of case summaries, never all rows at once.

use accord_core::Currency;
use accord_store::{CaseSummary, QueueCursor, QueueFilter, QueueSort, SortDirection};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{App, AppError};

/// What the desk or the CLI asks of the queue. Amounts are decimal strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(default, deny_unknown_fields)]
pub struct QueueQuery {
    pub statuses: Vec<String>,
    pub assigned_to: Option<String>,
    pub unassigned: bool,
    pub overdue: bool,
    pub policy: Option<String>,
    pub ground: Option<String>,
    pub min_disputed: Option<String>,
    pub max_disputed: Option<String>,
    pub search: Option<String>,
    pub sort: QueueSort,
    pub direction: SortDirection,
    pub after: Option<QueueCursor>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueRow {
    pub id: String,
    pub contract: String,
    pub title: String,
    pub client_name: String,
    pub freelancer_name: String,
    pub ground: String,
    pub policy: String,
    pub status: String,
    pub outcome: Option<String>,
    pub assigned_to: Option<String>,
    pub currency: String,
    pub disputed: String,
    pub filed_at: DateTime<Utc>,
    pub next_due: Option<DateTime<Utc>>,
    pub next_clock: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueuePageView {
    pub rows: Vec<QueueRow>,
    pub next: Option<QueueCursor>,
}

pub const MAX_PAGE: u32 = 500;

fn minor(field: &str, text: &Option<String>) -> Result<Option<i64>, AppError> {
    // Amount filters are in the queue's usual currency places (2); a JPY case
    // compares by its minor units, which the filter's help text says.
    text.as_deref()
        .map(|t| {
            Currency::USD
                .parse(t)
                .map(|m| m.to_minor())
                .map_err(|e| AppError::invalid(field, e.rule(), e.to_string()))
        })
        .transpose()
}

fn row(s: CaseSummary, now: DateTime<Utc>) -> QueueRow {
    let currency = Currency::from_code(&s.currency).unwrap_or(Currency::USD);
    QueueRow {
        overdue: s.next_due.is_some_and(|d| d <= now),
        disputed: currency.from_minor(s.disputed_minor).to_string(),
        id: s.id,
        contract: s.contract_id,
        title: s.title,
        client_name: s.client_name,
        freelancer_name: s.freelancer_name,
        ground: s.ground,
        policy: s.policy,
        status: s.status,
        outcome: s.outcome,
        assigned_to: s.assigned_to,
        currency: s.currency,
        filed_at: s.filed_at,
        next_due: s.next_due,
        next_clock: s.next_clock,
    }
}

impl QueueQuery {
    pub fn filter(&self, now: DateTime<Utc>) -> Result<QueueFilter, AppError> {
        Ok(QueueFilter {
            statuses: self.statuses.clone(),
            assigned_to: self.assigned_to.clone().filter(|a| !a.trim().is_empty()),
            unassigned: self.unassigned,
            overdue_at: self.overdue.then_some(now),
            policy: self.policy.clone().filter(|p| !p.is_empty()),
            ground: self.ground.clone().filter(|g| !g.is_empty()),
            min_disputed_minor: minor("min_disputed", &self.min_disputed)?,
            max_disputed_minor: minor("max_disputed", &self.max_disputed)?,
            search: self
                .search
                .clone()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        })
    }
}

impl App {
    /// One page of the queue as of `now` (which decides what is overdue).
    pub async fn queue(
        &self,
        q: &QueueQuery,
        now: DateTime<Utc>,
    ) -> Result<QueuePageView, AppError> {
        let filter = q.filter(now)?;
        let limit = q.limit.unwrap_or(100).clamp(1, MAX_PAGE);
        let page = self
            .store
            .queue(&filter, q.sort, q.direction, q.after.as_ref(), limit)
            .await?;
        Ok(QueuePageView {
            rows: page.rows.into_iter().map(|s| row(s, now)).collect(),
            next: page.next,
        })
    }

    /// Every row of the queue (the CLI's listing; the desk pages instead).
    pub async fn queue_all(
        &self,
        q: &QueueQuery,
        now: DateTime<Utc>,
    ) -> Result<Vec<QueueRow>, AppError> {
        let mut q = q.clone();
        q.limit = Some(MAX_PAGE);
        let mut out = Vec::new();
        loop {
            let page = self.queue(&q, now).await?;
            out.extend(page.rows);
            match page.next {
                Some(c) => q.after = Some(c),
                None => return Ok(out),
            }
        }
    }

    /// Cases per status for the query's other filters.
    pub async fn status_counts(
        &self,
        q: &QueueQuery,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, i64)>, AppError> {
        Ok(self.store.status_counts(&q.filter(now)?).await?)
    }
}
