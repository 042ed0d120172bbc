//! SQLite's heap, set once per process before SQLite starts.
//!
//! Every text value sqlx binds is copied by SQLite (`SQLITE_TRANSIENT`), and
//! SQLite allocates for every record, cursor and page it touches. Profiling
//! `accord import` showed SQLite's writer thread spending about a fifth of
//! its time in glibc's `malloc`/`free` and in SQLite's own allocation
//! statistics (a mutex and a `malloc_usable_size` call on every allocation).
//! This crate gives SQLite mimalloc and turns those statistics off
//! (`SQLITE_CONFIG_MEMSTATUS`; nothing in Accord reads them, and
//! `sqlite3_soft_heap_limit64` is not used).
//!
//! SQLite accepts these settings only before it is initialized, which the
//! first connection opened in the process does; [`configure`] is therefore
//! called by the store before it opens anything, and says when it came too
//! late (some other code in the process opened SQLite first): SQLite then
//! keeps its defaults, which are correct, only slower.

use std::os::raw::{c_int, c_void};
use std::sync::OnceLock;

use libmimalloc_sys as mi;
use libsqlite3_sys as ffi;

/// What [`configure`] achieved (the same answer on every call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heap {
    /// SQLite allocates with mimalloc and keeps no statistics.
    Mimalloc,
    /// SQLite had already started; it keeps its default heap.
    SqliteDefault,
}

/// Sets SQLite's heap (once per process; later calls return the first answer).
pub fn configure() -> Heap {
    static DONE: OnceLock<Heap> = OnceLock::new();
    *DONE.get_or_init(|| {
        // SAFETY: `sqlite3_config` is documented as not thread-safe and only
        // valid before `sqlite3_initialize`; the OnceLock makes this the only
        // call from this crate, and SQLite itself returns SQLITE_MISUSE (no
        // change made) when it has already been initialized. SQLite copies
        // the methods table, so a local one is enough.
        let methods = mimalloc_methods();
        let methods = unsafe {
            ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_MALLOC,
                &methods as *const ffi::sqlite3_mem_methods,
            )
        };
        if methods != ffi::SQLITE_OK {
            return Heap::SqliteDefault;
        }
        // SAFETY: as above; an int argument, as SQLITE_CONFIG_MEMSTATUS takes.
        let stats = unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) };
        // The allocator is set either way; statistics off is only a speed-up.
        let _ = stats;
        Heap::Mimalloc
    })
}

fn mimalloc_methods() -> ffi::sqlite3_mem_methods {
    ffi::sqlite3_mem_methods {
        xMalloc: Some(x_malloc),
        xFree: Some(x_free),
        xRealloc: Some(x_realloc),
        xSize: Some(x_size),
        xRoundup: Some(x_roundup),
        xInit: Some(x_init),
        xShutdown: Some(x_shutdown),
        pAppData: std::ptr::null_mut(),
    }
}

// SQLite never passes a size ≤ 0 to xMalloc/xRealloc (it handles those
// itself), and needs 8-byte alignment, which mimalloc always gives.
unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    // SAFETY: a plain allocation of a positive size.
    unsafe { mi::mi_malloc(n.max(1) as usize) }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    // SAFETY: SQLite frees only what x_malloc/x_realloc returned.
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    // SAFETY: `p` came from x_malloc/x_realloc (SQLite's contract).
    unsafe { mi::mi_realloc(p, n.max(1) as usize) }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    // SAFETY: `p` came from x_malloc/x_realloc (SQLite's contract); SQLite
    // never allocates more than 2^31 - 1 bytes in one piece.
    let size = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(size).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    // SQLite rounds to 8 itself for its own accounting; mimalloc's usable
    // size is reported by x_size, so this only has to be a valid upper bound.
    n.saturating_add(7) & !7
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_runs_on_the_configured_heap() {
        assert_eq!(
            configure(),
            Heap::Mimalloc,
            "nothing opened SQLite before this test"
        );
        assert_eq!(
            configure(),
            Heap::Mimalloc,
            "the answer is the same on every call"
        );
        // SQLite works on it: open, write, read back, close.
        let mut db = std::ptr::null_mut();
        let name = c":memory:";
        // SAFETY: valid NUL-terminated name and out-pointer.
        let rc = unsafe { ffi::sqlite3_open(name.as_ptr(), &mut db) };
        assert_eq!(rc, ffi::SQLITE_OK);
        // A thousand rows of a thousand bytes: enough allocations to exercise
        // malloc, realloc (growing records and pages) and free.
        let sql = c"CREATE TABLE t (x TEXT); \
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
            INSERT INTO t SELECT printf('%.*c', 1000, 'x') FROM n; \
            DELETE FROM t WHERE rowid % 2 = 0;";
        // SAFETY: open handle, NUL-terminated SQL, no callback.
        let rc = unsafe {
            ffi::sqlite3_exec(
                db,
                sql.as_ptr(),
                None,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, ffi::SQLITE_OK);
        // No statistics were kept (with them on, this counts the page cache).
        // SAFETY: a plain query of a global counter.
        assert_eq!(unsafe { ffi::sqlite3_memory_used() }, 0);
        // And SQLite's memory comes from mimalloc.
        // SAFETY: a plain allocation, checked, then freed by SQLite.
        unsafe {
            let p = ffi::sqlite3_malloc(100);
            assert!(!p.is_null());
            assert!(mi::mi_is_in_heap_region(p), "SQLite allocated outside mimalloc");
            ffi::sqlite3_free(p);
        }
        // SAFETY: the handle is open and no statement is outstanding.
        assert_eq!(unsafe { ffi::sqlite3_close(db) }, ffi::SQLITE_OK);
    }
}
