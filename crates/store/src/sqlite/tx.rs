//! [`WriteTx`]: one write transaction, begun with `BEGIN IMMEDIATE` and always
//! ended: committed, rolled back, or (when the future running it is dropped
//! or panics) rolled back by its `Drop` before the connection is reused.
//!
//! sqlx's own `Transaction` (through `Pool::begin_with`) is not used: a
//! future dropped after its `BEGIN` ran but before it handed out the
//! `Transaction` leaves the connection inside a transaction, back in the
//! pool, where it blocks every other writer.

use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnection, SqlitePool};
use sqlx::Sqlite;

use super::bulk::db_error;
use crate::StoreError;

pub(crate) struct WriteTx {
    /// Always `Some` until dropped.
    conn: Option<PoolConnection<Sqlite>>,
    /// True from just before `BEGIN IMMEDIATE` until a COMMIT or ROLLBACK
    /// succeeds: while true, the connection may be inside a transaction.
    open: bool,
}

impl WriteTx {
    /// Takes a connection and the write lock (waiting up to the busy timeout
    /// for another writer to finish).
    pub(crate) async fn begin(pool: &SqlitePool) -> Result<WriteTx, StoreError> {
        let conn = pool
            .acquire()
            .await
            .map_err(|e| db_error("getting a connection", e))?;
        // From here the guard owns the connection: if this future is dropped
        // while BEGIN runs, Drop undoes whatever it did.
        let mut tx = WriteTx {
            conn: Some(conn),
            open: true,
        };
        if let Err(e) = sqlx::query("BEGIN IMMEDIATE").execute(tx.conn()).await {
            tx.open = false; // a failed BEGIN opens nothing
            return Err(db_error("starting a write transaction", e));
        }
        Ok(tx)
    }

    pub(crate) fn conn(&mut self) -> &mut SqliteConnection {
        // `conn` is taken only in Drop.
        self.conn
            .as_deref_mut()
            .expect("a live WriteTx has its connection")
    }

    /// Commits when `result` is Ok, rolls back when it is Err; returns the
    /// result (or the commit's error).
    pub(crate) async fn finish<T>(
        mut self,
        result: Result<T, StoreError>,
        doing: &str,
    ) -> Result<T, StoreError> {
        match result {
            Ok(value) => match sqlx::query("COMMIT").execute(self.conn()).await {
                Ok(_) => {
                    self.open = false;
                    Ok(value)
                }
                // Drop rolls back.
                Err(e) => Err(db_error(&format!("committing {doing}"), e)),
            },
            Err(e) => {
                if sqlx::query("ROLLBACK").execute(self.conn()).await.is_ok() {
                    self.open = false;
                }
                Err(e)
            }
        }
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        if !self.open {
            return; // back to the pool, clean
        }
        // The connection may be inside a transaction, or a BEGIN/COMMIT may
        // still be queued on it: queue a ROLLBACK behind it, and let the
        // connection go back to the pool only after that.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    if let Err(e) = sqlx::query("ROLLBACK").execute(&mut *conn).await {
                        let nothing_open = e.to_string().contains("no transaction is active");
                        if !nothing_open {
                            // Unknown state: never hand this connection out again.
                            conn.close_on_drop();
                        }
                    }
                });
            }
            // No runtime to roll back on: closing the SQLite connection rolls
            // its transaction back.
            Err(_) => drop(conn.detach()),
        }
    }
}
