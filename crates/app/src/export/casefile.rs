//! The case file as a PDF for the arbitrator: everything DOMAIN.md says a
//! case file holds, laid out to be read. Amounts are the CASE view's strings
//! (never recomputed); every text from the feed or the desk is shown as text.

use chrono::{DateTime, Utc};

use super::pdf::{Column, Doc, Font, Info, CONTENT_W};
use super::summary::body_summary;
use crate::view::CaseView;

const PT: i64 = 1000;

fn time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// A time in a table whose heading already says UTC.
fn cell_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A clock's unit as words: `business` becomes `business days`.
fn days_unit(unit: &str) -> String {
    let words = unit.replace('_', " ");
    if words.ends_with("days") {
        words
    } else {
        format!("{words} days")
    }
}

/// A table column `width` points wide.
fn col(title: &str, width: i64) -> Column<'_> {
    Column {
        title,
        width: width * PT,
        font: Font::Regular,
    }
}

/// A last column taking what `used` points leave of the width.
fn rest(title: &str, used: i64) -> Column<'_> {
    Column {
        title,
        width: CONTENT_W - used * PT,
        font: Font::Regular,
    }
}

fn or_dash(s: Option<&str>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .unwrap_or("—")
        .to_string()
}

/// Snake-case vocabulary (`in_mediation`) as words (`in mediation`), keeping
/// the exact term in parentheses so it can be searched for.
fn term(s: &str) -> String {
    if s.contains('_') {
        format!("{} ({s})", s.replace('_', " "))
    } else {
        s.to_string()
    }
}

fn bytes(n: u64) -> String {
    let digits = n.to_string();
    // Groups of three from the right: the first group takes what is left over.
    let first = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    let mut out = digits[..first].to_string();
    for group in digits.as_bytes()[first..].chunks(3) {
        out.push(',');
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    format!("{out} bytes")
}

/// The PDF bytes of `v`'s case file, exported by `actor` at `now`.
pub fn render(v: &CaseView, actor: &str, now: DateTime<Utc>) -> Vec<u8> {
    let money = |s: &str| format!("{s} {}", v.currency);
    let mut d = Doc::new(&format!(
        "Accord case file {} - exported {} by {}",
        v.id,
        time(now),
        actor
    ));

    // Title block.
    d.title(&format!("Case file {}", v.id));
    d.paragraph(Font::Regular, 11, 0, &v.title);
    d.gap(6 * PT);
    d.field("Case", &v.id);
    d.field("Contract", &format!("{} — {}", v.contract, v.title));
    d.field("Ground", &term(&v.ground));
    d.field("Policy", &v.policy);
    d.field("Status", &term(&v.status));
    d.field(
        "Outcome",
        &v.outcome
            .as_deref()
            .map(term)
            .unwrap_or_else(|| "none yet (case open)".into()),
    );
    d.field("Assigned specialist", &or_dash(v.assigned_to.as_deref()));
    d.field("Disputed amount", &money(&v.disputed));
    if let Some(m) = &v.disputed_milestone {
        let title = v
            .milestones
            .iter()
            .find(|x| &x.id == m)
            .map(|x| format!(" — {}", x.title))
            .unwrap_or_default();
        d.field("Disputed milestone", &format!("{m}{title}"));
    }
    d.field("Filed", &time(v.filed_at));
    d.field(
        "Resolved",
        &v.resolved_at.map(time).unwrap_or_else(|| "—".into()),
    );
    d.field("State as of", &time(v.as_of));
    d.field("Exported", &format!("{} by {actor}", time(now)));

    // Parties.
    d.heading("Parties");
    let p = &v.parties;
    d.field(
        "Client",
        &format!("{} ({}, {})", p.client.name, p.client.id, p.client.country),
    );
    d.field(
        "Freelancer",
        &format!(
            "{} ({}, {})",
            p.freelancer.name, p.freelancer.id, p.freelancer.country
        ),
    );
    if let Some(a) = &p.agency {
        d.field("Freelancer's agency", &format!("{} ({})", a.name, a.id));
    }

    // Contract and milestones.
    d.heading("Contract and milestones");
    d.field("Contract", &v.contract);
    d.field("Title", &v.title);
    d.field("Currency", &v.currency);
    for m in &v.milestones {
        let disputed = if v.disputed_milestone.as_deref() == Some(m.id.as_str()) {
            " — disputed"
        } else {
            ""
        };
        d.subheading(&format!(
            "{}. {} — {} ({}){disputed}",
            m.seq,
            m.title,
            money(&m.amount),
            m.id
        ));
        d.paragraph(Font::Regular, 9, 12 * PT, &m.description);
    }

    // Ledger.
    d.heading("Contract ledger");
    d.field("Funded into escrow", &money(&v.ledger.funded));
    d.field("Released to freelancer", &money(&v.ledger.released));
    d.field("Refunded to client", &money(&v.ledger.refunded));
    d.field("In escrow", &money(&v.ledger.in_escrow));
    d.field("Charged directly", &money(&v.ledger.charged_directly));
    d.remark("Funded = released + refunded + in escrow. A resolved case's allocation is already applied.");

    // Dispute and statements.
    d.heading("Dispute and statements");
    d.field("Ground", &term(&v.ground));
    d.field("Disputed amount", &money(&v.disputed));
    if v.statements.is_empty() {
        d.paragraph(Font::Italic, 9, 0, "No statements.");
    }
    for s in &v.statements {
        d.subheading(&format!("Statement by {} — {}", s.by, time(s.at)));
        d.paragraph(Font::Regular, 9, 12 * PT, &s.text);
    }
    if !v.contact_attempts.is_empty() {
        d.subheading(&format!(
            "Contact attempts ({} failed attempt(s) to reach the client counted)",
            v.failed_client_contacts
        ));
        let rows: Vec<Vec<String>> = v
            .contact_attempts
            .iter()
            .map(|a| {
                vec![
                    cell_time(a.at),
                    a.actor.clone(),
                    a.party.clone(),
                    a.channel.clone(),
                    if a.reached {
                        "reached".into()
                    } else {
                        "not reached".into()
                    },
                    a.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        d.table(
            &[
                col("Time (UTC)", 95),
                col("By", 80),
                col("Party", 55),
                col("Channel", 55),
                col("Result", 55),
                rest("Note", 340),
            ],
            &rows,
        );
    }
    let shared: Vec<_> = v
        .notes
        .iter()
        .filter(|n| n.visibility == "parties")
        .collect();
    let internal = v.notes.len() - shared.len();
    if !shared.is_empty() {
        d.subheading("Notes shared with the parties");
        for n in shared {
            d.paragraph(
                Font::Bold,
                8,
                12 * PT,
                &format!("{} — {}", n.actor, time(n.at)),
            );
            d.paragraph(Font::Regular, 9, 12 * PT, &n.text);
        }
    }
    if internal > 0 {
        d.remark(&format!(
            "{internal} internal desk note(s) are not reproduced here; they appear in the timeline as note_added and in case.json."
        ));
    }

    // Clocks.
    d.heading("Clocks");
    if v.clocks.is_empty() {
        d.paragraph(Font::Italic, 9, 0, "No clock has started.");
    } else {
        let rows: Vec<Vec<String>> = v
            .clocks
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    cell_time(c.started),
                    cell_time(c.due),
                    c.state.clone(),
                    c.waiting_for.join(", "),
                    format!(
                        "{} ({} of {} specialist days)",
                        c.extensions.len(),
                        c.specialist_days,
                        c.specialist_limit
                    ),
                ]
            })
            .collect();
        d.table(
            &[
                col("Clock", 105),
                col("Started (UTC)", 88),
                col("Due (UTC)", 88),
                col("State", 50),
                col("Waiting for", 70),
                rest("Extensions", 401),
            ],
            &rows,
        );
        let extensions: Vec<Vec<String>> = v
            .clocks
            .iter()
            .flat_map(|c| {
                c.extensions.iter().map(move |e| {
                    vec![
                        c.name.clone(),
                        cell_time(e.at),
                        e.actor.clone(),
                        format!("+{} {}", e.days, days_unit(&c.unit)),
                        cell_time(e.due),
                        e.reason.clone(),
                    ]
                })
            })
            .collect();
        if !extensions.is_empty() {
            d.subheading("Extensions");
            d.table(
                &[
                    col("Clock", 100),
                    col("At (UTC)", 85),
                    col("By", 65),
                    col("Added", 70),
                    col("New due (UTC)", 85),
                    rest("Reason", 405),
                ],
                &extensions,
            );
        }
    }

    // Recommendation.
    d.heading("Recommendation");
    match &v.recommendation {
        None => d.paragraph(Font::Italic, 9, 0, "No recommendation was issued."),
        Some(r) => {
            d.field("To freelancer", &money(&r.to_freelancer));
            d.field("To client", &money(&r.to_client));
            d.field("Issued", &format!("{} by {}", time(r.issued_at), r.author));
            d.field(
                "Supervisor review",
                &match (r.review_required, &r.approved_by) {
                    (false, _) => "not required".to_string(),
                    (true, Some(by)) => format!("required; approved by {by}"),
                    (true, None) => "required; not approved yet".to_string(),
                },
            );
            for party in ["client", "freelancer"] {
                let label = format!("Response of the {party}");
                d.field(
                    &label,
                    r.responses
                        .get(party)
                        .map(String::as_str)
                        .unwrap_or("no answer recorded"),
                );
            }
            d.subheading("Rationale");
            d.paragraph(Font::Regular, 9, 12 * PT, &r.rationale);
        }
    }

    // Arbitration fees.
    d.heading("Arbitration fees");
    match &v.fees {
        None => d.paragraph(
            Font::Italic,
            9,
            0,
            "Arbitration was not reached: no fees are due.",
        ),
        Some(f) => {
            d.field("Provider", &f.provider);
            d.field("Total fee", &money(&f.total));
            let mut parties: Vec<&String> = f
                .shares
                .keys()
                .chain(f.paid.keys())
                .chain(f.refunded.keys())
                .collect();
            parties.sort();
            parties.dedup();
            let cell = |m: &std::collections::BTreeMap<String, String>, p: &String| {
                m.get(p).map(|x| money(x)).unwrap_or_else(|| "—".into())
            };
            let rows: Vec<Vec<String>> = parties
                .iter()
                .map(|p| {
                    vec![
                        (*p).clone(),
                        cell(&f.shares, p),
                        cell(&f.paid, p),
                        cell(&f.refunded, p),
                    ]
                })
                .collect();
            d.table(
                &[
                    col("Party", 120),
                    col("Share", 125),
                    col("Paid", 125),
                    rest("Refunded", 370),
                ],
                &rows,
            );
        }
    }

    // Outcome and allocation.
    d.heading("Outcome and allocation");
    match (&v.outcome, &v.allocation) {
        (Some(o), Some(a)) => {
            d.field("Outcome", &term(o));
            d.field(
                "Resolved",
                &v.resolved_at.map(time).unwrap_or_else(|| "—".into()),
            );
            d.field("To freelancer", &money(&a.to_freelancer));
            d.field("To client", &money(&a.to_client));
        }
        (Some(o), None) => d.field("Outcome", &term(o)),
        _ => d.paragraph(
            Font::Italic,
            9,
            0,
            &format!("The case is open ({}): no outcome yet.", v.status),
        ),
    }

    // Exhibits.
    d.heading("Exhibits");
    if v.exhibits.is_empty() {
        d.paragraph(Font::Italic, 9, 0, "No attachments were submitted.");
    } else {
        d.remark("Names are as the parties gave them. The files themselves are not part of the feed: compare SHA-256 digests.");
    }
    for (i, x) in v.exhibits.iter().enumerate() {
        d.subheading(&format!("Exhibit {}: {}", i + 1, x.name));
        d.field(
            "Submitted by",
            &format!(
                "{} at {} (event {})",
                or_dash(Some(&x.submitter)),
                time(x.at),
                x.seq
            ),
        );
        d.field("Size", &bytes(x.bytes));
        d.field_in("SHA-256", &x.sha256, Font::Mono);
    }

    // Timeline.
    d.heading(&format!("Timeline ({} events)", v.events.len()));
    let rows: Vec<Vec<String>> = v
        .events
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                cell_time(e.at),
                e.kind.clone(),
                e.actor.clone(),
                body_summary(&e.body),
            ]
        })
        .collect();
    d.table(
        &[
            col("#", 22),
            col("Time (UTC)", 84),
            col("Type", 146),
            col("Actor", 78),
            rest("Details", 330),
        ],
        &rows,
    );

    // Audit chain.
    d.heading("Audit chain");
    d.field("Events", &v.events.len().to_string());
    d.field_in("Chain head", &v.chain_head, Font::Mono);
    d.paragraph(
        Font::Regular,
        9,
        0,
        "Each event's hash is SHA-256 of the previous hash and the event's canonical JSON. To verify this record, run \
         this against the desk's database:",
    );
    d.paragraph(Font::Mono, 9, 12 * PT, &format!("accord verify {}", v.id));
    d.paragraph(
        Font::Regular,
        9,
        0,
        "It recomputes the chain and names the first broken event, if any; the last event's hash must equal the chain \
         head above.",
    );

    d.finish(&Info {
        title: &format!("Accord case file {}", v.id),
        subject: &format!("Escrow dispute {} on contract {}", v.id, v.contract),
        created: &now.format("D:%Y%m%d%H%M%SZ").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_thousands() {
        assert_eq!(bytes(482_133), "482,133 bytes");
        assert_eq!(bytes(1024), "1,024 bytes");
        assert_eq!(bytes(7), "7 bytes");
    }
}
