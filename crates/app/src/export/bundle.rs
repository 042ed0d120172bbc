//! The bundle: a folder per case with the CASE JSON, the timeline, the
//! exhibits, the ledger, and a manifest of them all with their SHA-256.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::summary::body_summary;
use crate::chain::sha256_hex;
use crate::view::{AllocationView, CaseView, FeesView, LedgerView};
use crate::AppError;

/// The `format` of manifest.json.
pub const MANIFEST_FORMAT: &str = "accord.export/1";

#[derive(Serialize)]
struct Timeline<'a> {
    case: &'a str,
    chain_head: &'a str,
    events: Vec<TimelineEntry<'a>>,
}

#[derive(Serialize)]
struct TimelineEntry<'a> {
    seq: i64,
    at: DateTime<Utc>,
    #[serde(rename = "type")]
    kind: &'a str,
    actor: &'a str,
    category: &'a str,
    hash: &'a str,
    summary: String,
}

#[derive(Serialize)]
struct Exhibits<'a> {
    case: &'a str,
    exhibits: Vec<Exhibit<'a>>,
}

#[derive(Serialize)]
struct Exhibit<'a> {
    seq: i64,
    at: DateTime<Utc>,
    submitter: &'a str,
    /// As the party named it: text, never a path.
    name: &'a str,
    bytes: u64,
    sha256: &'a str,
}

#[derive(Serialize)]
struct Ledger<'a> {
    case: &'a str,
    contract: &'a str,
    currency: &'a str,
    disputed: &'a str,
    ledger: &'a LedgerView,
    allocation: Option<&'a AllocationView>,
    fees: Option<&'a FeesView>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: &'static str,
    case: &'a str,
    exported_by: String,
    exported_at: DateTime<Utc>,
    chain_head: &'a str,
    events: usize,
    verify_with: String,
    files: Vec<ManifestFile>,
}

#[derive(Serialize)]
struct ManifestFile {
    name: String,
    bytes: u64,
    sha256: String,
}

fn pretty<T: Serialize>(v: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec_pretty(v)
        .map_err(|e| AppError::Io(format!("cannot serialise the export: {e}")))
}

/// The bundle's files, in order, manifest.json last.
pub fn files(
    v: &CaseView,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let timeline = Timeline {
        case: &v.id,
        chain_head: &v.chain_head,
        events: v
            .events
            .iter()
            .map(|e| TimelineEntry {
                seq: e.seq,
                at: e.at,
                kind: &e.kind,
                actor: &e.actor,
                category: &e.category,
                hash: &e.hash,
                summary: body_summary(&e.body),
            })
            .collect(),
    };
    let exhibits = Exhibits {
        case: &v.id,
        exhibits: v
            .exhibits
            .iter()
            .map(|x| Exhibit {
                seq: x.seq,
                at: x.at,
                submitter: &x.submitter,
                name: &x.name,
                bytes: x.bytes,
                sha256: &x.sha256,
            })
            .collect(),
    };
    let ledger = Ledger {
        case: &v.id,
        contract: &v.contract,
        currency: &v.currency,
        disputed: &v.disputed,
        ledger: &v.ledger,
        allocation: v.allocation.as_ref(),
        fees: v.fees.as_ref(),
    };
    let mut files = vec![
        (
            "case.json".to_string(),
            serde_json::to_string_pretty(v)
                .map_err(|e| AppError::Io(e.to_string()))?
                .into_bytes(),
        ),
        ("timeline.json".to_string(), pretty(&timeline)?),
        ("exhibits.json".to_string(), pretty(&exhibits)?),
        ("ledger.json".to_string(), pretty(&ledger)?),
    ];
    let manifest = Manifest {
        format: MANIFEST_FORMAT,
        case: &v.id,
        exported_by: actor.to_string(),
        exported_at: now,
        chain_head: &v.chain_head,
        events: v.events.len(),
        verify_with: format!("accord verify {}", v.id),
        files: files
            .iter()
            .map(|(name, bytes)| ManifestFile {
                name: name.clone(),
                bytes: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
    };
    files.push(("manifest.json".to_string(), pretty(&manifest)?));
    Ok(files)
}
