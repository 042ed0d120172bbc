//! SQLite on the Rust global allocator: this test binary installs a counting
//! allocator, configures SQLite's heap before anything opens SQLite, and
//! checks that SQLite's blocks come from it, keep their sizes across
//! reallocation, and that SQLite keeps no statistics.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use accord_sqlite_heap::{configure, Heap};
use libsqlite3_sys as ffi;

struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to System, counting the bytes of live blocks.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

// One test: the heap can be set once per process, before SQLite starts.
#[test]
fn sqlite_allocates_through_the_rust_global_allocator() {
    assert_eq!(
        configure(),
        Heap::RustGlobal,
        "nothing opened SQLite before this test"
    );
    assert_eq!(
        configure(),
        Heap::RustGlobal,
        "the same answer on every call"
    );

    // SAFETY: SQLite's documented allocation API, each block freed once.
    unsafe {
        let before = live();
        let p = ffi::sqlite3_malloc(1000).cast::<u8>();
        assert!(!p.is_null());
        assert!(
            live() >= before + 1000,
            "the block came from the global allocator"
        );
        assert!(ffi::sqlite3_msize(p.cast()) >= 1000);
        for i in 0..1000 {
            p.add(i).write(i as u8);
        }
        // Growing keeps the contents and the reported size follows.
        let q = ffi::sqlite3_realloc(p.cast(), 100_000).cast::<u8>();
        assert!(!q.is_null());
        assert!(ffi::sqlite3_msize(q.cast()) >= 100_000);
        assert!((0..1000).all(|i| q.add(i).read() == i as u8));
        assert!(live() >= before + 100_000);
        ffi::sqlite3_free(q.cast());
        assert!(live() < before + 1000, "freed back to the global allocator");
        // SQLite's own edge cases: no block for zero or negative sizes.
        assert!(ffi::sqlite3_malloc(0).is_null());
        assert!(ffi::sqlite3_malloc(-1).is_null());
        ffi::sqlite3_free(std::ptr::null_mut());
    }

    // A real database on it: a thousand rows of a thousand bytes, half of
    // them deleted (records grow, pages split and are freed).
    let mut db = std::ptr::null_mut();
    // SAFETY: a NUL-terminated name and an out-pointer.
    assert_eq!(
        unsafe { ffi::sqlite3_open(c":memory:".as_ptr(), &mut db) },
        ffi::SQLITE_OK
    );
    let sql = c"CREATE TABLE t (x TEXT); \
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
        INSERT INTO t SELECT printf('%.*c', 1000, 'x') FROM n; \
        DELETE FROM t WHERE rowid % 2 = 0;";
    // SAFETY: an open handle, NUL-terminated SQL, no callback.
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
    let with_db = live();
    assert!(
        with_db > 500_000,
        "the database's pages live on the global allocator"
    );
    // With statistics on, this would count those pages.
    // SAFETY: reads a global counter.
    assert_eq!(
        unsafe { ffi::sqlite3_memory_used() },
        0,
        "no statistics kept"
    );
    // SAFETY: an open handle, no statement outstanding.
    assert_eq!(unsafe { ffi::sqlite3_close(db) }, ffi::SQLITE_OK);
    assert!(live() + 500_000 < with_db, "closing gave the pages back");
}
