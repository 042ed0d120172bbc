/// Why a store call failed. A conflict is its own value: the caller re-reads
/// and decides again; everything else is a storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("case {case_id} changed while you worked (expected version {expected}, found {actual}); reload and try again")]
    Conflict {
        case_id: String,
        expected: i64,
        actual: i64,
    },
    #[error("{0} already exists")]
    Duplicate(String),
    #[error("database error: {0}")]
    Database(String),
    /// The writer of a streamed import gave up; nothing was written.
    #[error("import aborted: {0}")]
    Aborted(String),
    #[error("migration failed: {0}")]
    Migration(String),
}
