//! SQLite's heap, set once per process before SQLite starts: SQLite
//! allocates through the process's Rust global allocator and keeps no
//! allocation statistics.
//!
//! Every text value sqlx binds is copied by SQLite (`SQLITE_TRANSIENT`), and
//! SQLite allocates for every record, cursor and page it touches. Profiling
//! `accord import` showed SQLite's writer thread spending about a fifth of
//! its time in glibc's `malloc`/`free` and in SQLite's own allocation
//! statistics (a mutex and a `malloc_usable_size` call on every allocation).
//!
//! - The CLI's global allocator is mimalloc (`crates/cli/src/main.rs`), so
//!   its SQLite allocates with mimalloc too. The desk keeps the system
//!   allocator for both: giving its SQLite a second allocator cost about
//!   10 MiB of resident memory for no gain a specialist would notice.
//! - Statistics are off (`SQLITE_CONFIG_MEMSTATUS`): nothing in Accord reads
//!   them, and `sqlite3_soft_heap_limit64` is not used.
//!
//! SQLite accepts these settings only before it is initialized, which the
//! first connection opened in the process does; [`configure`] is therefore
//! called by the store before it opens anything, and says when it came too
//! late (some other code in the process opened SQLite first): SQLite then
//! keeps its defaults, which are correct, only slower.

use std::alloc::Layout;
use std::os::raw::{c_int, c_void};
use std::sync::OnceLock;

use libsqlite3_sys as ffi;

/// What [`configure`] achieved (the same answer on every call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heap {
    /// SQLite allocates through the Rust global allocator, without statistics.
    RustGlobal,
    /// SQLite had already started; it keeps its default heap.
    SqliteDefault,
}

/// Sets SQLite's heap (once per process; later calls return the first answer).
pub fn configure() -> Heap {
    static DONE: OnceLock<Heap> = OnceLock::new();
    *DONE.get_or_init(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(x_malloc),
            xFree: Some(x_free),
            xRealloc: Some(x_realloc),
            xSize: Some(x_size),
            xRoundup: Some(x_roundup),
            xInit: Some(x_init),
            xShutdown: Some(x_shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: `sqlite3_config` is not thread-safe and only valid before
        // `sqlite3_initialize`; the OnceLock makes this the only call from
        // this crate, and SQLite itself returns SQLITE_MISUSE (no change
        // made) once it has been initialized. SQLite copies the methods
        // table, so a local one is enough.
        let rc = unsafe {
            ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_MALLOC,
                &methods as *const ffi::sqlite3_mem_methods,
            )
        };
        if rc != ffi::SQLITE_OK {
            return Heap::SqliteDefault;
        }
        // SAFETY: as above; SQLITE_CONFIG_MEMSTATUS takes one int. It cannot
        // fail where SQLITE_CONFIG_MALLOC just succeeded.
        let _ = unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) };
        Heap::RustGlobal
    })
}

// Each block starts with its total size (header included), as SQLite's own
// mem1.c does where `malloc_usable_size` is missing: the Rust allocator
// needs the layout back to free or grow a block, and SQLite asks for sizes.
const HEADER: usize = 8;
// SQLite needs 8-byte alignment; the header keeps the block aligned.
const ALIGN: usize = 8;

fn layout(total: usize) -> Option<Layout> {
    Layout::from_size_align(total, ALIGN).ok()
}

/// The block's start and its layout, from the pointer SQLite holds.
///
/// SAFETY: `p` came from `x_malloc` or `x_realloc` and was not freed.
unsafe fn block(p: *mut c_void) -> (*mut u8, Layout) {
    // SAFETY: the header lies HEADER bytes before `p`, inside the block.
    let base = unsafe { p.cast::<u8>().sub(HEADER) };
    // SAFETY: written by x_malloc/x_realloc, aligned to 8.
    let total = unsafe { base.cast::<usize>().read() };
    // SAFETY: the same size and alignment the block was allocated with.
    (base, unsafe {
        Layout::from_size_align_unchecked(total, ALIGN)
    })
}

/// SAFETY: `base` is a live block of `total` bytes, aligned to 8.
unsafe fn finish(base: *mut u8, total: usize) -> *mut c_void {
    if base.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: the block holds at least HEADER bytes and is aligned to 8.
    unsafe {
        base.cast::<usize>().write(total);
        base.add(HEADER).cast()
    }
}

fn total(n: c_int) -> Option<usize> {
    usize::try_from(n)
        .ok()
        .filter(|n| *n > 0)?
        .checked_add(HEADER)
}

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    let Some(total) = total(n) else {
        return std::ptr::null_mut();
    };
    let Some(layout) = layout(total) else {
        return std::ptr::null_mut();
    };
    // SAFETY: a non-zero size. The global allocator is whatever the binary
    // chose (mimalloc in the CLI).
    unsafe { finish(std::alloc::alloc(layout), total) }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: SQLite frees only what x_malloc/x_realloc returned.
    unsafe {
        let (base, layout) = block(p);
        std::alloc::dealloc(base, layout);
    }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    if p.is_null() {
        // SAFETY: as x_malloc.
        return unsafe { x_malloc(n) };
    }
    let Some(total) = total(n) else {
        return std::ptr::null_mut();
    };
    if layout(total).is_none() {
        return std::ptr::null_mut();
    }
    // SAFETY: `p` came from x_malloc/x_realloc (SQLite's contract); on
    // failure the old block stays valid, as SQLite expects.
    unsafe {
        let (base, old) = block(p);
        finish(std::alloc::realloc(base, old, total), total)
    }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    if p.is_null() {
        return 0;
    }
    // SAFETY: `p` came from x_malloc/x_realloc (SQLite's contract).
    let (_, layout) = unsafe { block(p) };
    c_int::try_from(layout.size() - HEADER).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    n.saturating_add(7) & !7
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}
