//! `accord verify`: recomputes every audit chain and names the first broken event.

use serde::Serialize;

use crate::chain::link;
use crate::codec::chained_text;
use crate::{App, AppError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    pub case: String,
    /// The first event that does not hold.
    pub seq: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub cases_checked: usize,
    pub events_checked: usize,
    pub broken: Vec<Broken>,
}

impl App {
    /// Checks one case's chain, or every case's.
    pub async fn verify(&self, case: Option<&str>) -> Result<VerifyReport, AppError> {
        let ids = match case {
            Some(id) => {
                if self.store.summary(id).await?.is_none() {
                    return Err(AppError::NotFound(format!("no case {id}")));
                }
                vec![id.to_string()]
            }
            None => self.store.case_ids().await?,
        };
        let mut report = VerifyReport::default();
        for id in ids {
            report.cases_checked += 1;
            let rows = self.store.events(&id).await?;
            report.events_checked += rows.len();
            if let Some(b) = self.check_case(&id, &rows).await? {
                report.broken.push(b);
            }
        }
        Ok(report)
    }

    async fn check_case(
        &self,
        id: &str,
        rows: &[accord_store::StoredEvent],
    ) -> Result<Option<Broken>, AppError> {
        let broken = |seq: i64, reason: String| {
            Ok(Some(Broken {
                case: id.to_string(),
                seq,
                reason,
            }))
        };
        let mut previous = String::new();
        for (i, row) in rows.iter().enumerate() {
            let expected_seq = i as i64 + 1;
            if row.seq != expected_seq {
                return broken(
                    expected_seq,
                    format!(
                        "event {expected_seq} is missing (the next stored event is {})",
                        row.seq
                    ),
                );
            }
            let hash = link(
                &previous,
                &chained_text(id, row.seq, row.at, &row.kind, &row.actor, &row.body),
            );
            if hash != row.hash {
                return broken(
                    row.seq,
                    format!(
                        "event {} ({}) does not match its hash: edited, moved or replaced",
                        row.seq, row.kind
                    ),
                );
            }
            previous = hash;
        }
        let Some(summary) = self.store.summary(id).await? else {
            return broken(1, "the case's summary is missing".into());
        };
        let last = rows.len() as i64;
        if summary.version != last || summary.chain_head != previous {
            return broken(
                last + 1,
                format!(
                    "the log ends at event {last} but the case records {} events ending in {}: events were removed from the end",
                    summary.version,
                    short(&summary.chain_head)
                ),
            );
        }
        Ok(None)
    }
}

fn short(h: &str) -> &str {
    &h[..h.len().min(12)]
}
