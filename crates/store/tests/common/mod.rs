//! Helpers shared by the store's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use accord_store::SqliteStore;

/// A SQLite store in a uniquely named file under the temp directory, removed
/// (with its -wal and -shm files) by [`TempDb::remove`] or, failing that, on drop.
pub struct TempDb {
    pub path: PathBuf,
    pub store: SqliteStore,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

pub fn temp_path(label: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "accord-store-{label}-{}-{nanos}-{}.db",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

pub fn remove_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

impl TempDb {
    pub async fn new(label: &str) -> TempDb {
        let path = temp_path(label);
        let store = SqliteStore::open(path.to_str().expect("temp paths are UTF-8"))
            .await
            .expect("a file store opens");
        TempDb { path, store }
    }

    /// Closes the store, then deletes its files.
    pub async fn remove(self) {
        self.store.close().await;
        // Drop removes the files.
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        remove_files(&self.path);
    }
}

use accord_store::{CaseAppend, CaseSummary, ContractRecord, FeedEventRecord, StoredEvent};
use chrono::{DateTime, Duration, TimeZone, Utc};

pub fn at(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap() + Duration::seconds(seconds)
}

pub fn contract(id: &str) -> ContractRecord {
    ContractRecord {
        id: id.into(),
        currency: "USD".into(),
        body: format!(r#"{{"id":"{id}","title":"Landing page","milestones":[1,2,3]}}"#),
    }
}

pub fn feed_event(contract_id: &str, id: &str, ordinal: i64) -> FeedEventRecord {
    FeedEventRecord {
        id: id.into(),
        contract_id: contract_id.into(),
        ordinal,
        at: at(ordinal),
        kind: "milestone_funded".into(),
        digest: format!("{:064x}", ordinal),
        body: format!(r#"{{"id":"{id}","type":"milestone_funded","amount":"500.00"}}"#),
    }
}

/// Events `from..=to` of a case and the summary after them.
pub fn case_append(case_id: &str, contract_id: &str, from: i64, to: i64) -> CaseAppend {
    let events: Vec<StoredEvent> = (from..=to)
        .map(|seq| StoredEvent {
            case_id: case_id.into(),
            seq,
            at: at(seq * 60),
            kind: "note_added".into(),
            actor: "specialist:ana".into(),
            body: format!(r#"{{"type":"note_added","seq":{seq},"text":"called the client"}}"#),
            hash: format!("{:064x}", seq * 7919),
            copy_of: None,
        })
        .collect();
    let chain_head = events.last().map(|e| e.hash.clone()).unwrap_or_default();
    CaseAppend {
        case_id: case_id.into(),
        expected_version: from - 1,
        summary: CaseSummary {
            id: case_id.into(),
            contract_id: contract_id.into(),
            title: "Landing page".into(),
            client_name: "Acme Ltd".into(),
            freelancer_name: "Jo Doe".into(),
            ground: "milestone_not_released".into(),
            policy: "standard".into(),
            status: "open".into(),
            outcome: None,
            assigned_to: None,
            currency: "USD".into(),
            disputed_minor: 50_000,
            filed_at: at(0),
            next_due: Some(at(86_400)),
            next_clock: Some("response".into()),
            to_freelancer_minor: None,
            to_client_minor: None,
            resolved_at: None,
            version: to,
            chain_head,
        },
        events,
    }
}
