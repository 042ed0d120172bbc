//! The queue (keyset paging over a filter), its status counts, and the stats
//! aggregates.
//!
//! Ordering, for every sort: the sort key in the chosen direction, ties broken
//! by case id in the same direction. Under [`QueueSort::NextDue`] the cases
//! with no running clock come last in both directions (they are the least
//! pressing either way); among themselves they are ordered by id in the
//! chosen direction. A page is read in at most two index-friendly queries:
//! the cases with a due time, then (when the page is not full) those without.

use sqlx::sqlite::{SqliteArguments, SqliteConnection};

use super::bulk::{bind, db_error};
use super::rows::{self, SUMMARY_COLUMNS};
use super::{time, SqliteStore};
use crate::{
    CaseSummary, QueueCursor, QueueFilter, QueuePage, QueueSort, SortDirection, StatsRows,
    StoreError,
};

#[derive(Debug, Clone)]
enum Param {
    Text(String),
    Int(i64),
}

/// Conditions joined with AND, and their bound values in order.
#[derive(Debug, Clone, Default)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Param>,
}

impl Conditions {
    fn push(&mut self, condition: impl Into<String>, params: impl IntoIterator<Item = Param>) {
        self.sql.push(condition.into());
        self.params.extend(params);
    }

    fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }

    fn arguments(&self) -> Result<SqliteArguments<'static>, StoreError> {
        let mut args = SqliteArguments::default();
        for p in &self.params {
            match p {
                Param::Text(t) => bind(&mut args, t.clone())?,
                Param::Int(i) => bind(&mut args, *i)?,
            }
        }
        Ok(args)
    }
}

/// The filter as SQL conditions; `statuses` left out when `with_statuses` is false.
fn filter_conditions(filter: &QueueFilter, with_statuses: bool) -> Result<Conditions, StoreError> {
    let mut c = Conditions::default();
    if with_statuses && !filter.statuses.is_empty() {
        let mut statuses = filter.statuses.clone();
        statuses.sort();
        statuses.dedup();
        let marks = vec!["?"; statuses.len()].join(", ");
        c.push(
            format!("status IN ({marks})"),
            statuses.into_iter().map(Param::Text),
        );
    }
    if let Some(who) = &filter.assigned_to {
        c.push("assigned_to = ?", [Param::Text(who.clone())]);
    }
    if filter.unassigned {
        c.push("assigned_to IS NULL", []);
    }
    if let Some(at) = &filter.overdue_at {
        c.push("next_due <= ?", [Param::Text(time::format(at)?)]);
    }
    if let Some(policy) = &filter.policy {
        c.push("policy = ?", [Param::Text(policy.clone())]);
    }
    if let Some(ground) = &filter.ground {
        c.push("ground = ?", [Param::Text(ground.clone())]);
    }
    if let Some(min) = filter.min_disputed_minor {
        c.push("disputed_minor >= ?", [Param::Int(min)]);
    }
    if let Some(max) = filter.max_disputed_minor {
        c.push("disputed_minor <= ?", [Param::Int(max)]);
    }
    if let Some(search) = &filter.search {
        let needle = search.trim().to_lowercase();
        if !needle.is_empty() {
            // Case ids are ASCII, which SQLite's lower() folds; names were
            // folded with Unicode rules when stored (cases.search_text).
            c.push(
                "(instr(lower(id), ?) = 1 OR instr(search_text, ?) > 0)",
                [Param::Text(needle.clone()), Param::Text(needle)],
            );
        }
    }
    Ok(c)
}

async fn fetch_summaries(
    conn: &mut SqliteConnection,
    conditions: &Conditions,
    order: &str,
    limit: usize,
) -> Result<Vec<CaseSummary>, StoreError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases {} ORDER BY {order} LIMIT ?",
        conditions.where_clause()
    );
    let mut args = conditions.arguments()?;
    bind(&mut args, i64::try_from(limit).unwrap_or(i64::MAX))?;
    sqlx::query_with(&sql, args)
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| db_error("reading the queue", e))?
        .iter()
        .map(rows::summary)
        .collect()
}

fn bad_cursor(cursor: &QueueCursor, sort: QueueSort, why: &str) -> StoreError {
    StoreError::Database(format!(
        "queue cursor key {:?} does not fit sort {sort:?}: {why}",
        cursor.key
    ))
}

/// The cursor's key as the bound value that compares with the sort column.
fn time_key(cursor: &QueueCursor, sort: QueueSort) -> Result<Param, StoreError> {
    let t = time::parse(&cursor.key, "queue cursor")
        .map_err(|_| bad_cursor(cursor, sort, "not a time"))?;
    Ok(Param::Text(time::format(&t)?))
}

fn cursor_of(row: &CaseSummary, sort: QueueSort) -> Result<QueueCursor, StoreError> {
    let key = match sort {
        QueueSort::NextDue => time::format_opt(&row.next_due)?.unwrap_or_default(),
        QueueSort::Disputed => row.disputed_minor.to_string(),
        QueueSort::Filed => time::format(&row.filed_at)?,
    };
    Ok(QueueCursor {
        key,
        id: row.id.clone(),
    })
}

pub(super) async fn page(
    store: &SqliteStore,
    filter: &QueueFilter,
    sort: QueueSort,
    direction: SortDirection,
    after: Option<&QueueCursor>,
    limit: u32,
) -> Result<QueuePage, StoreError> {
    let limit = usize::try_from(limit.max(1)).unwrap_or(usize::MAX);
    let want = limit.saturating_add(1); // one more tells whether a next page exists
    let base = filter_conditions(filter, true)?;
    let (after_op, order) = match direction {
        SortDirection::Asc => (">", "ASC"),
        SortDirection::Desc => ("<", "DESC"),
    };
    let mut conn = store
        .pool
        .acquire()
        .await
        .map_err(|e| db_error("getting a connection", e))?;

    let mut rows = Vec::new();
    match sort {
        QueueSort::Disputed | QueueSort::Filed => {
            let column = match sort {
                QueueSort::Disputed => "disputed_minor",
                _ => "filed_at",
            };
            let mut c = base;
            if let Some(cursor) = after {
                let key = match sort {
                    QueueSort::Disputed => Param::Int(
                        cursor
                            .key
                            .parse()
                            .map_err(|_| bad_cursor(cursor, sort, "not an amount"))?,
                    ),
                    _ => time_key(cursor, sort)?,
                };
                c.push(
                    format!("({column}, id) {after_op} (?, ?)"),
                    [key, Param::Text(cursor.id.clone())],
                );
            }
            rows = fetch_summaries(
                &mut conn,
                &c,
                &format!("{column} {order}, id {order}"),
                want,
            )
            .await?;
        }
        QueueSort::NextDue => {
            let after_undated = after.is_some_and(|c| c.key.is_empty());
            if !after_undated {
                let mut c = base.clone();
                c.push("next_due IS NOT NULL", []);
                if let Some(cursor) = after {
                    c.push(
                        format!("(next_due, id) {after_op} (?, ?)"),
                        [time_key(cursor, sort)?, Param::Text(cursor.id.clone())],
                    );
                }
                rows = fetch_summaries(
                    &mut conn,
                    &c,
                    &format!("next_due {order}, id {order}"),
                    want,
                )
                .await?;
            }
            if rows.len() < want {
                let mut c = base;
                c.push("next_due IS NULL", []);
                if let Some(cursor) = after.filter(|_| after_undated) {
                    c.push(format!("id {after_op} ?"), [Param::Text(cursor.id.clone())]);
                }
                let more =
                    fetch_summaries(&mut conn, &c, &format!("id {order}"), want - rows.len())
                        .await?;
                rows.extend(more);
            }
        }
    }

    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|r| cursor_of(r, sort)).transpose()?
    } else {
        None
    };
    Ok(QueuePage { rows, next })
}

async fn grouped_counts(
    store: &SqliteStore,
    conditions: &Conditions,
) -> Result<Vec<(String, i64)>, StoreError> {
    let sql = format!(
        "SELECT status, COUNT(*) AS n FROM cases {} GROUP BY status ORDER BY status",
        conditions.where_clause()
    );
    let rows = sqlx::query_with(&sql, conditions.arguments()?)
        .fetch_all(&store.pool)
        .await
        .map_err(|e| db_error("counting cases by status", e))?;
    rows.iter()
        .map(|r| {
            Ok((
                rows::get(r, "cases", "status")?,
                rows::get(r, "cases", "n")?,
            ))
        })
        .collect()
}

pub(super) async fn status_counts(
    store: &SqliteStore,
    filter: &QueueFilter,
) -> Result<Vec<(String, i64)>, StoreError> {
    grouped_counts(store, &filter_conditions(filter, false)?).await
}

pub(super) async fn stats(
    store: &SqliteStore,
    from: Option<chrono::DateTime<chrono::Utc>>,
    to: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<StatsRows, StoreError> {
    let mut c = Conditions::default();
    if let Some(from) = &from {
        c.push("filed_at >= ?", [Param::Text(time::format(from)?)]);
    }
    if let Some(to) = &to {
        c.push("filed_at < ?", [Param::Text(time::format(to)?)]);
    }
    let by_status = grouped_counts(store, &c).await?;

    let mut outcome = c.clone();
    outcome.push("outcome IS NOT NULL", []);
    let sql = format!(
        "SELECT currency, outcome, COUNT(*) AS n, \
                COALESCE(SUM(to_freelancer_minor), 0) AS to_freelancer, \
                COALESCE(SUM(to_client_minor), 0) AS to_client \
         FROM cases {} GROUP BY currency, outcome ORDER BY currency, outcome",
        outcome.where_clause()
    );
    let by_outcome = sqlx::query_with(&sql, outcome.arguments()?)
        .fetch_all(&store.pool)
        .await
        .map_err(|e| db_error("summing outcomes", e))?
        .iter()
        .map(|r| {
            Ok((
                rows::get(r, "cases", "currency")?,
                rows::get(r, "cases", "outcome")?,
                rows::get(r, "cases", "n")?,
                rows::get(r, "cases", "to_freelancer")?,
                rows::get(r, "cases", "to_client")?,
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;

    let sql = format!(
        "SELECT currency, COUNT(*) AS n, COALESCE(SUM(disputed_minor), 0) AS disputed \
         FROM cases {} GROUP BY currency ORDER BY currency",
        c.where_clause()
    );
    let disputed = sqlx::query_with(&sql, c.arguments()?)
        .fetch_all(&store.pool)
        .await
        .map_err(|e| db_error("summing disputed amounts", e))?
        .iter()
        .map(|r| {
            Ok((
                rows::get(r, "cases", "currency")?,
                rows::get(r, "cases", "n")?,
                rows::get(r, "cases", "disputed")?,
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;

    Ok(StatsRows {
        by_status,
        by_outcome,
        disputed,
    })
}
