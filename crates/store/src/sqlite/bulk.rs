//! Many rows per statement: multi-row INSERTs and chunked `IN (...)` lookups,
//! each statement holding as many bound values as SQLite allows.
//!
//! A large write is a sequence of statements ([`Statements`]) run through
//! [`execute_pipelined`].

use std::future::Future;
use std::task::Poll;

use sqlx::sqlite::{SqliteArguments, SqliteConnection, SqliteRow};
use sqlx::{Arguments, Encode, Sqlite, Type};

use crate::StoreError;

/// SQLite's limit on bound values in one statement (SQLITE_MAX_VARIABLE_NUMBER
/// since 3.32).
pub(crate) const MAX_VARIABLES: usize = 32_766;

/// Adds one bound value.
pub(crate) fn bind<'q, T>(args: &mut SqliteArguments<'q>, value: T) -> Result<(), StoreError>
where
    T: 'q + Encode<'q, Sqlite> + Type<Sqlite>,
{
    args.add(value)
        .map_err(|e| StoreError::Database(format!("binding a value: {e}")))
}

/// Maps a sqlx error, saying what was being done. A unique-constraint
/// violation becomes [`StoreError::Duplicate`].
pub(crate) fn db_error(doing: &str, e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            StoreError::Duplicate(format!("a row written while {doing} ({})", d.message()))
        }
        _ => StoreError::Database(format!("{doing}: {e}")),
    }
}

/// A multi-row `INSERT`: `{head} (?, ?, ...), (?, ?, ...) {tail}`.
pub(crate) struct Insert {
    /// Everything up to `VALUES `, e.g. `INSERT INTO t (a, b) VALUES `.
    pub head: &'static str,
    pub columns: usize,
    /// Anything after the rows, e.g. an `ON CONFLICT` clause; may be empty.
    pub tail: &'static str,
    /// What this writes, for error messages.
    pub doing: &'static str,
}

impl Insert {
    pub(crate) fn rows_per_statement(&self) -> usize {
        MAX_VARIABLES / self.columns
    }

    fn sql(&self, rows: usize) -> String {
        let row = {
            let mut r = String::with_capacity(self.columns * 2 + 1);
            r.push('(');
            for i in 0..self.columns {
                if i > 0 {
                    r.push(',');
                }
                r.push('?');
            }
            r.push(')');
            r
        };
        let mut sql =
            String::with_capacity(self.head.len() + self.tail.len() + rows * (row.len() + 1));
        sql.push_str(self.head);
        for i in 0..rows {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&row);
        }
        sql.push(' ');
        sql.push_str(self.tail);
        sql
    }

    /// Inserts `rows`, `bind_row` adding each row's `columns` values in order.
    pub(crate) async fn run<R, F>(
        &'static self,
        conn: &mut SqliteConnection,
        rows: Vec<R>,
        bind_row: F,
    ) -> Result<(), StoreError>
    where
        R: Send + 'static,
        F: FnMut(&mut SqliteArguments<'static>, R) -> Result<(), StoreError> + Send + 'static,
    {
        execute_pipelined(conn, self.statements(rows, bind_row)).await
    }

    /// The statements that insert `rows`, built one at a time, as many rows
    /// to each as the limit on bound values allows. The rows are taken by
    /// value so that their strings move into the statement's values, owned
    /// (`'static`) as sqlx's worker needs them: no text is copied on the way.
    pub(crate) fn statements<R, F>(&'static self, rows: Vec<R>, mut bind_row: F) -> Statements
    where
        R: Send + 'static,
        F: FnMut(&mut SqliteArguments<'static>, R) -> Result<(), StoreError> + Send + 'static,
    {
        let per_statement = self.rows_per_statement();
        let mut left = rows.len();
        let mut rows = rows.into_iter();
        Box::new(move || {
            let len = left.min(per_statement);
            if len == 0 {
                return None;
            }
            left -= len;
            let mut args = SqliteArguments::default();
            args.reserve(len * self.columns, 0);
            for row in rows.by_ref().take(len) {
                if let Err(e) = bind_row(&mut args, row) {
                    return Some(Err(e));
                }
            }
            if args.len() != len * self.columns {
                return Some(Err(StoreError::Database(format!(
                    "{}: bound {} values for {} rows of {} columns",
                    self.doing,
                    args.len(),
                    len,
                    self.columns
                ))));
            }
            Some(Ok(Statement {
                insert: self,
                rows: len,
                args,
            }))
        })
    }
}

/// One multi-row INSERT, its values bound.
pub(crate) struct Statement {
    insert: &'static Insert,
    rows: usize,
    args: SqliteArguments<'static>,
}

/// Statements built on demand, in order.
pub(crate) type Statements =
    Box<dyn FnMut() -> Option<Result<Statement, StoreError>> + Send + 'static>;

/// The statements of each source in turn.
pub(crate) fn chain(sources: Vec<Statements>) -> Statements {
    let mut sources = sources.into_iter();
    let mut current = sources.next();
    Box::new(move || loop {
        match current.as_mut()?() {
            Some(statement) => return Some(statement),
            None => current = sources.next(),
        }
    })
}

/// Runs every statement of `next`, pipelined: while SQLite's worker thread
/// executes one statement, this thread binds the next, whichever table it
/// writes, so the worker never waits for values between tables. Each
/// statement must write each of its rows (an error otherwise).
///
/// sqlx caches prepared statements per SQL text: full statements (always
/// the same text for a table) are prepared once per connection; an
/// odd-sized last one runs unprepared-and-uncached so that it does not push
/// useful statements out of the cache.
pub(crate) async fn execute_pipelined(
    conn: &mut SqliteConnection,
    mut next: Statements,
) -> Result<(), StoreError> {
    let Some(first) = next() else {
        return Ok(());
    };
    let mut current = first?;
    loop {
        let Statement { insert, rows, args } = current;
        let full = rows == insert.rows_per_statement();
        let sql = insert.sql(rows);
        let mut exec = std::pin::pin!(sqlx::query_with(&sql, args)
            .persistent(full)
            .execute(&mut *conn));
        // The first poll hands the statement to the worker thread...
        let started = std::future::poll_fn(|cx| Poll::Ready(exec.as_mut().poll(cx))).await;
        // ...which runs it while the next statement's values are bound.
        let following = next();
        let done = match started {
            Poll::Ready(done) => done,
            Poll::Pending => exec.await,
        };
        let written = done.map_err(|e| db_error(insert.doing, e))?.rows_affected();
        if written != rows as u64 {
            return Err(StoreError::Database(format!(
                "{}: a statement of {rows} rows wrote {written}",
                insert.doing
            )));
        }
        match following {
            None => return Ok(()),
            Some(statement) => current = statement?,
        }
    }
}

/// Runs `{head}?, ?, ...{tail}` for chunks of `keys`, handing every row to
/// `each`. `head` must end inside an `IN (` list that `tail` closes.
pub(crate) async fn select_in<F>(
    conn: &mut SqliteConnection,
    head: &str,
    tail: &str,
    keys: &[&str],
    doing: &str,
    mut each: F,
) -> Result<(), StoreError>
where
    F: FnMut(&SqliteRow) -> Result<(), StoreError>,
{
    const PER_STATEMENT: usize = MAX_VARIABLES;
    for chunk in keys.chunks(PER_STATEMENT) {
        let mut sql = String::with_capacity(head.len() + tail.len() + chunk.len() * 2);
        sql.push_str(head);
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('?');
        }
        sql.push_str(tail);
        let mut args = SqliteArguments::default();
        for key in chunk {
            bind(&mut args, *key)?;
        }
        let rows = sqlx::query_with(&sql, args)
            .persistent(chunk.len() == PER_STATEMENT)
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| db_error(doing, e))?;
        for row in &rows {
            each(row)?;
        }
    }
    Ok(())
}

/// The distinct keys, in first-seen order.
pub(crate) fn distinct<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter().filter(|k| seen.insert(*k)).collect()
}
