//! The raw side of the import benchmark, shared by `import` (plain sqlx:
//! the system allocator, SQLite's default heap) and `import_floor` (set up
//! as Accord's CLI is: mimalloc, SQLite on it without statistics): reading
//! back the rows Accord wrote, and inserting them into bare tables through
//! the same driver, in batched multi-row INSERTs in one transaction.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Arguments, Connection, Row, SqliteConnection, TypeInfo, ValueRef};

/// The store's per-statement limit on bound values (SQLITE_MAX_VARIABLE_NUMBER).
pub(crate) const MAX_VARIABLES: usize = 32_766;

/// As the store's `cache_size` (KiB).
pub(crate) const CACHE_KIB: i64 = 64 * 1024;

/// Removes the database at `path`, then flushes every file written so far
/// (`sync`), so that the kernel's writeback of an earlier run does not land
/// in the next one's time, whichever side that is.
pub(crate) fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let _ = Command::new("sync").status();
}

pub(crate) fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .pragma("cache_size", (-CACHE_KIB).to_string())
        .pragma("temp_store", "MEMORY")
}

/// A column value as read back and bound again.
pub(crate) enum Value {
    Text(String),
    Int(i64),
    Null,
}

/// A table's rows, in the order Accord wrote them.
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<Value>>,
}

pub(crate) fn value(r: &SqliteRow, i: usize) -> Value {
    let raw = r.try_get_raw(i).expect("a column");
    if raw.is_null() {
        return Value::Null;
    }
    match raw.type_info().name() {
        "INTEGER" => Value::Int(r.get(i)),
        _ => Value::Text(r.get(i)),
    }
}

/// Every row of Accord's `table`, by rowid (or primary key, without one).
pub(crate) async fn read_table(conn: &mut SqliteConnection, name: &'static str) -> Table {
    let sql: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(name)
            .fetch_one(&mut *conn)
            .await
            .expect("Accord's schema");
    let order = if sql.to_uppercase().contains("WITHOUT ROWID") {
        ""
    } else {
        " ORDER BY rowid"
    };
    let rows = sqlx::query(&format!("SELECT * FROM {name}{order}"))
        .fetch_all(&mut *conn)
        .await
        .expect("read back");
    let columns: Vec<String> = match rows.first() {
        Some(r) => r
            .columns()
            .iter()
            .map(|c| sqlx::Column::name(c).to_string())
            .collect(),
        None => Vec::new(),
    };
    let rows = rows
        .iter()
        .map(|r| (0..columns.len()).map(|i| value(r, i)).collect())
        .collect();
    Table {
        name,
        columns,
        rows,
    }
}

/// Bare tables: Accord's columns, types, primary keys and table options
/// (STRICT, WITHOUT ROWID), nothing else: no other index, no foreign key,
/// no check, no trigger.
pub(crate) async fn bare_ddl(conn: &mut SqliteConnection) -> String {
    let options = |sql: &str| {
        let upper = sql.to_uppercase();
        match (upper.contains("STRICT"), upper.contains("WITHOUT ROWID")) {
            (true, true) => "STRICT, WITHOUT ROWID",
            (true, false) => "STRICT",
            (false, true) => "WITHOUT ROWID",
            (false, false) => "",
        }
    };
    let mut ddl = String::new();
    for (table, columns) in [
        (
            "feed_events",
            "id TEXT NOT NULL PRIMARY KEY, contract_id TEXT NOT NULL, ordinal INTEGER NOT NULL, \
             at TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL",
        ),
        (
            "case_events",
            "case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, \
             actor TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)",
        ),
    ] {
        let sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(table)
            .fetch_one(&mut *conn)
            .await
            .expect("Accord's schema");
        ddl.push_str(&format!("CREATE TABLE {table} ({columns}) {};\n", options(&sql)));
    }
    ddl
}

/// Accord's own schema (tables, indexes, triggers), optionally without the
/// secondary indexes.
pub(crate) async fn accord_ddl(conn: &mut SqliteConnection, with_indexes: bool) -> String {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY rowid",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("Accord's schema");
    rows.into_iter()
        .filter(|(kind, _)| with_indexes || kind != "index")
        .map(|(_, sql)| format!("{sql};\n"))
        .collect()
}

pub(crate) async fn insert(conn: &mut SqliteConnection, table: &Table) {
    let n = table.columns.len();
    if table.rows.is_empty() {
        return;
    }
    let per = MAX_VARIABLES / n;
    let one = format!("({})", vec!["?"; n].join(","));
    let head = format!(
        "INSERT INTO {} ({}) VALUES ",
        table.name,
        table.columns.join(", ")
    );
    let sql = |rows: usize| {
        let mut s = head.clone();
        s.push_str(&vec![one.as_str(); rows].join(","));
        s
    };
    let full = sql(per);
    for chunk in table.rows.chunks(per) {
        let mut args = SqliteArguments::default();
        for row in chunk {
            for v in row {
                match v {
                    Value::Text(s) => args.add(s.as_str()).unwrap(),
                    Value::Int(i) => args.add(*i).unwrap(),
                    Value::Null => args.add(Option::<i64>::None).unwrap(),
                }
            }
        }
        let partial;
        let text = if chunk.len() == per {
            &full
        } else {
            partial = sql(chunk.len());
            &partial
        };
        sqlx::query_with(text, args)
            .persistent(chunk.len() == per)
            .execute(&mut *conn)
            .await
            .expect("raw insert");
    }
}

/// A timed run: wall clock, and CPU time in ticks where known.
#[derive(Clone, Copy)]
pub(crate) struct Run {
    pub(crate) wall: Duration,
    pub(crate) cpu: Option<u64>,
}

/// Inserts `tables` into a fresh file with `ddl`, timed from BEGIN to the
/// pool closed.
pub(crate) async fn raw(path: &Path, ddl: &str, foreign_keys: bool, tables: &[&Table]) -> Run {
    fresh(path);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options(path).foreign_keys(foreign_keys))
        .await
        .expect("open a raw database");
    sqlx::raw_sql(ddl).execute(&pool).await.expect("raw schema");
    let before = cpu_ticks();
    let t = Instant::now();
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .unwrap();
    for table in tables {
        insert(&mut conn, table).await;
    }
    sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();
    drop(conn);
    pool.close().await;
    let wall = t.elapsed();
    let cpu = before.zip(cpu_ticks()).map(|((s0, _), (s1, _))| s1 - s0);
    Run { wall, cpu }
}

/// CPU time used so far by this process and by its waited-for children, in
/// clock ticks of 1/100 s (Linux's USER_HZ), from /proc/self/stat; None
/// elsewhere. A busy machine stretches wall-clock times; CPU times much less.
pub(crate) fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<u64> = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .skip(11)
        .take(4)
        .filter_map(|f| f.parse().ok())
        .collect();
    match fields[..] {
        [utime, stime, cutime, cstime] => Some((utime + stime, cutime + cstime)),
        _ => None,
    }
}

/// Reads back the event rows Accord wrote: `feed_events` and `case_events`
/// (every table with `profile`), with the bare and Accord DDL.
pub(crate) async fn accord_rows(
    accord_db: &Path,
    profile: bool,
) -> (String, String, String, Vec<Table>) {
    let mut conn = SqliteConnection::connect_with(&options(accord_db).read_only(true))
        .await
        .expect("open Accord's database");
    let bare = bare_ddl(&mut conn).await;
    let full = accord_ddl(&mut conn, true).await;
    let no_index = accord_ddl(&mut conn, false).await;
    let mut tables = Vec::new();
    for name in ["contracts", "feed_events", "cases", "case_events"] {
        if name == "feed_events" || name == "case_events" || profile {
            tables.push(read_table(&mut conn, name).await);
        }
    }
    conn.close().await.ok();
    (bare, full, no_index, tables)
}
