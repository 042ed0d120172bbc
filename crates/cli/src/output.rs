//! What the CLI prints: JSON for data, plain tables for people, errors on stderr.

use accord_app::queue::QueueRow;
use accord_app::view::CaseView;
use accord_app::AppError;
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serializes")
    );
}

pub fn print_error(e: &AppError) {
    let b = e.body();
    match (&b.rule, &b.path) {
        (Some(rule), Some(path)) => eprintln!("error [{rule}] at {path}: {}", b.message),
        (Some(rule), None) => eprintln!("refused [{rule}]: {}", b.message),
        _ => eprintln!("error: {}", b.message),
    }
}

/// Untrusted text from the feed, made safe for a terminal: no control
/// characters (which could move the cursor or rewrite earlier lines).
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub fn queue_table(rows: &[QueueRow]) {
    println!(
        "{:<12} {:<34} {:>12} {:<12} {:<22} CLIENT / FREELANCER",
        "CASE", "STATUS", "DISPUTED", "ASSIGNED", "NEXT DUE"
    );
    for r in rows {
        let due = match (&r.next_clock, r.next_due) {
            (Some(c), Some(d)) => format!(
                "{} {}{}",
                d.format("%Y-%m-%d %H:%M"),
                c,
                if r.overdue { " !" } else { "" }
            ),
            _ => "-".into(),
        };
        println!(
            "{:<12} {:<34} {:>12} {:<12} {:<22} {} / {}",
            clean(&r.id),
            r.outcome
                .as_ref()
                .map(|o| format!("{} ({o})", r.status))
                .unwrap_or_else(|| r.status.clone()),
            format!("{} {}", r.disputed, r.currency),
            r.assigned_to
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "-".into()),
            due,
            clean(&r.client_name),
            clean(&r.freelancer_name)
        );
    }
    println!("{} cases", rows.len());
}

pub fn case_text(c: &CaseView) {
    println!(
        "{} — {} ({})",
        clean(&c.id),
        clean(&c.title),
        clean(&c.contract)
    );
    println!(
        "  client {} · freelancer {}",
        clean(&c.parties.client.name),
        clean(&c.parties.freelancer.name)
    );
    println!(
        "  ground {} · policy {} · disputed {} {}",
        c.ground, c.policy, c.disputed, c.currency
    );
    println!(
        "  status {}{} · assigned to {}",
        c.status,
        c.outcome
            .as_ref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default(),
        c.assigned_to
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "nobody".into())
    );
    if let Some(a) = &c.allocation {
        println!(
            "  allocation: {} to the freelancer, {} to the client",
            a.to_freelancer, a.to_client
        );
    }
    let l = &c.ledger;
    println!(
        "  ledger: funded {} · released {} · refunded {} · in escrow {} · charged directly {}",
        l.funded, l.released, l.refunded, l.in_escrow, l.charged_directly
    );
    for k in &c.clocks {
        println!(
            "  clock {:<24} due {} ({})",
            k.name,
            k.due.format("%Y-%m-%d %H:%M UTC"),
            k.state
        );
    }
    if let Some(r) = &c.recommendation {
        println!(
            "  recommendation: {} / {} by {}",
            r.to_freelancer,
            r.to_client,
            clean(&r.author)
        );
    }
    if let Some(f) = &c.fees {
        println!(
            "  arbitration: {} {} · shares {:?} · paid {:?}",
            f.provider, f.total, f.shares, f.paid
        );
    }
    println!("  {} events · chain head {}", c.events.len(), c.chain_head);
}
