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

/// Whether SQLite checks foreign keys row by row in this transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ForeignKeys {
    /// The connection's normal state.
    Enforced,
    /// Off for this transaction only (`PRAGMA foreign_keys` can change only
    /// outside a transaction, so it is set before BEGIN and restored after the
    /// end, on every path). Only for writes that check every reference
    /// themselves, in bulk, inside the transaction: see `write::import`.
    CheckedByCaller,
}

pub(crate) struct WriteTx {
    /// Always `Some` until dropped.
    conn: Option<PoolConnection<Sqlite>>,
    /// True from just before `BEGIN IMMEDIATE` until a COMMIT or ROLLBACK
    /// succeeds: while true, the connection may be inside a transaction.
    open: bool,
    /// True while the connection may have foreign keys off.
    keys_off: bool,
}

const RESTORE_KEYS: &str = "PRAGMA foreign_keys = ON";

impl WriteTx {
    /// Takes a connection and the write lock (waiting up to the busy timeout
    /// for another writer to finish).
    pub(crate) async fn begin(pool: &SqlitePool, keys: ForeignKeys) -> Result<WriteTx, StoreError> {
        let conn = pool
            .acquire()
            .await
            .map_err(|e| db_error("getting a connection", e))?;
        // From here the guard owns the connection: if this future is dropped
        // while a statement runs, Drop undoes whatever it did.
        let mut tx = WriteTx {
            conn: Some(conn),
            open: false,
            keys_off: keys == ForeignKeys::CheckedByCaller,
        };
        if tx.keys_off {
            sqlx::query("PRAGMA foreign_keys = OFF")
                .execute(tx.conn())
                .await
                .map_err(|e| db_error("pausing foreign key checks", e))?;
        }
        tx.open = true;
        if let Err(e) = sqlx::query("BEGIN IMMEDIATE").execute(tx.conn()).await {
            tx.open = false; // a failed BEGIN opens nothing
            tx.restore_keys().await;
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
        let result = match result {
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
        };
        if !self.open {
            self.restore_keys().await;
        }
        result
    }

    /// Turns foreign keys back on, if they were turned off (outside a
    /// transaction only). On failure `keys_off` stays true and Drop closes
    /// the connection instead of returning it to the pool.
    async fn restore_keys(&mut self) {
        if self.keys_off && sqlx::query(RESTORE_KEYS).execute(self.conn()).await.is_ok() {
            self.keys_off = false;
        }
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        if !self.open && !self.keys_off {
            return; // back to the pool, clean
        }
        let (open, keys_off) = (self.open, self.keys_off);
        // The connection may be inside a transaction, or a BEGIN/COMMIT may
        // still be queued on it: queue a ROLLBACK (and the foreign keys back
        // on) behind it, and let the connection go back to the pool only
        // after that.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    let mut clean = true;
                    if open {
                        if let Err(e) = sqlx::query("ROLLBACK").execute(&mut *conn).await {
                            clean = e.to_string().contains("no transaction is active");
                        }
                    }
                    if keys_off && sqlx::query(RESTORE_KEYS).execute(&mut *conn).await.is_err() {
                        clean = false;
                    }
                    if !clean {
                        // Unknown state: never hand this connection out again.
                        conn.close_on_drop();
                    }
                });
            }
            // No runtime to clean up on: closing the SQLite connection rolls
            // its transaction back, and its settings go with it.
            Err(_) => drop(conn.detach()),
        }
    }
}
