//! The audit chain: each event's hash is SHA-256(previous hash ‖ canonical JSON
//! of the event), the first event's previous hash being empty. The case's
//! summary keeps the head. Any edit, deletion, reordering or truncation done
//! directly in the database breaks the chain at the first event it touched.

use sha2::{Digest, Sha256};

pub fn link(previous: &str, event_json: &str) -> String {
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(event_json.as_bytes());
    hex::encode(h.finalize())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
