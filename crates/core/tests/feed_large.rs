//! Parse time of a large generated feed (the benchmark's size: 100 000
//! contracts, 1 000 000 events, about 250 MB). Ignored by default; run with
//! `cargo test -p accord-core --test feed_large -- --ignored --nocapture`.

use std::fmt::Write;
use std::time::{Duration, Instant};

/// A valid feed of `contracts` contracts with 10 events each.
fn generate(contracts: usize) -> String {
    let mut s = String::with_capacity(contracts * 2_700);
    s.push_str(r#"{"format":"accord.feed/1","generated_at":"2026-03-02T09:00:00Z","contracts":["#);
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.";
    for c in 0..contracts {
        if c > 0 {
            s.push(',');
        }
        let day = |d: usize| format!("2025-{:02}-{:02}T{:02}:00:00Z", 1 + c % 12, 1 + d, c % 24);
        let agency = if c % 3 == 0 {
            format!(r#"{{"id":"A-{c}","name":"Agency {c}"}}"#)
        } else {
            "null".to_string()
        };
        write!(
            s,
            r#"{{"id":"C-{c}","title":"Contract {c}: {filler}","currency":"USD",
"client":{{"id":"U-{c}","name":"Client {c}","country":"US"}},
"freelancer":{{"id":"F-{c}","name":"Freelancer {c}","country":"PT","agency":{agency}}},
"milestones":[{{"id":"M-{c}-1","seq":1,"title":"First","description":"{filler}","amount":"800.00"}},
{{"id":"M-{c}-2","seq":2,"title":"Second","description":"{filler}","amount":"2400.5"}}],
"events":[
{{"id":"E-{c}-1","at":"{d1}","type":"milestone_funded","milestone":"M-{c}-1","amount":"800.00"}},
{{"id":"E-{c}-2","at":"{d2}","type":"work_submitted","milestone":"M-{c}-1","by":"freelancer","note":"{filler}","attachments":[{{"name":"a.pdf","bytes":482133,"sha256":"e20b4d907d5fc45fee2a3f1989cf87d61b7b7e7f9405854ac2b54b80baf07fa1"}}]}},
{{"id":"E-{c}-3","at":"{d3}","type":"payment_released","milestone":"M-{c}-1","by":"client","amount":"700.00"}},
{{"id":"E-{c}-4","at":"{d3}","type":"bonus_paid","amount":"50","note":"Thanks."}},
{{"id":"E-{c}-5","at":"{d4}","type":"milestone_funded","milestone":"M-{c}-2","amount":"2400.50"}},
{{"id":"E-{c}-6","at":"{d5}","type":"message","by":"client","body":"{filler}","attachments":[]}},
{{"id":"E-{c}-7","at":"{d6}","type":"changes_requested","milestone":"M-{c}-2","by":"client","note":"{filler}"}},
{{"id":"E-{c}-8","at":"{d7}","type":"feedback_left","by":"client","rating":4,"text":"Good."}},
{{"id":"E-{c}-9","at":"{d8}","type":"dispute_filed","dispute":"D-{c}","ground":"milestone_not_released","milestone":"M-{c}-2","amount":"2400.50","reason":"work_completed","statement":"{filler}"}},
{{"id":"E-{c}-10","at":"{d9}","type":"statement_submitted","dispute":"D-{c}","by":"client","text":"{filler}","attachments":[]}}
]}}"#,
            d1 = day(1),
            d2 = day(2),
            d3 = day(3),
            d4 = day(4),
            d5 = day(5),
            d6 = day(6),
            d7 = day(7),
            d8 = day(8),
            d9 = day(9),
        )
        .unwrap();
    }
    s.push_str("]}");
    s
}

/// This thread's CPU time (user + system), from /proc: wall time is
/// meaningless on a shared machine. `None` where /proc is not there.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10)) // USER_HZ is 100 on Linux
}

#[test]
fn a_small_generated_feed_is_valid() {
    let feed = accord_core::feed::parse(generate(50).as_bytes())
        .expect("the generator writes valid feeds");
    assert_eq!(feed.contracts.len(), 50);
    assert_eq!(
        feed.contracts.iter().map(|c| c.events.len()).sum::<usize>(),
        500
    );
}

/// Runs `f`, printing its wall and CPU time.
fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let out = f();
    let cpu = cpu_time().zip(cpu).map(|(after, before)| after - before);
    println!("{label}: {:.2?} wall, {cpu:.2?} cpu", wall.elapsed());
    out
}

#[test]
#[ignore = "timing: run with --ignored --nocapture"]
fn parse_time_of_a_benchmark_sized_feed() {
    let text = generate(100_000);
    println!("{} MB", text.len() / 1_000_000);
    let feed = timed("parse (valid)", || {
        accord_core::feed::parse(text.as_bytes()).expect("valid")
    });
    let events: usize = feed.contracts.iter().map(|c| c.events.len()).sum();
    assert_eq!((feed.contracts.len(), events), (100_000, 1_000_000));
    timed("money checks", || {
        for (c, contract) in feed.contracts.iter().enumerate() {
            accord_core::feed::check_contract_money(contract, &format!("contracts[{c}]"))
                .expect("the generator's money adds up");
        }
    });
    drop(feed);
    // A refused feed takes the slow path (the document-order walker).
    let bad = text.replacen(
        "\"amount\":\"2400.50\",\"reason\"",
        "\"amount\":\"2400.505\",\"reason\"",
        1,
    );
    let err = timed("parse (refused)", || {
        accord_core::feed::parse(bad.as_bytes()).unwrap_err()
    });
    assert_eq!(
        (err.path.as_str(), err.rule),
        ("contracts[0].events[8].amount", "too_many_places")
    );
}
