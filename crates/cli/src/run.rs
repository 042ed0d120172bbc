//! Each command: parse its arguments, call accord-app, print.

use accord_app::queue::QueueQuery;
use accord_app::replay::Scenario;
use accord_app::{database_url, App, AppError};
use accord_core::{Action, Actor};
use accord_store::{QueueSort, SortDirection};
use chrono::{DateTime, NaiveDate, Utc};

use crate::args::{CaseCommand, Cli, Command, ExportFormat, QueueArgs, SortArg};
use crate::output::{self, clean};
use crate::progress::Progress;

fn at(text: &Option<String>, name: &str) -> Result<DateTime<Utc>, AppError> {
    match text {
        None => Ok(Utc::now()),
        Some(t) => DateTime::parse_from_rfc3339(t)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| {
                AppError::invalid(
                    name,
                    "invalid_time",
                    format!("'{t}' is not an RFC 3339 time: {e}"),
                )
            }),
    }
}

/// A day (`2026-02-01`, its start; `end` gives the next day's start) or an instant.
fn day_or_instant(
    text: &Option<String>,
    name: &str,
    end: bool,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let Some(t) = text else { return Ok(None) };
    if let Ok(d) = t.parse::<NaiveDate>() {
        let d = if end { d.succ_opt().unwrap_or(d) } else { d };
        return Ok(Some(
            d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc(),
        ));
    }
    at(&Some(t.clone()), name).map(Some)
}

fn actor(text: &str) -> Result<Actor, AppError> {
    text.parse().map_err(|e: accord_core::actor::ActorError| {
        AppError::invalid("--as", "invalid_actor", e.to_string())
    })
}

async fn open(cli_db: &Option<String>) -> Result<App, AppError> {
    App::open(&database_url(cli_db.as_deref())).await
}

pub async fn run(cli: Cli) -> Result<u8, AppError> {
    match cli.command {
        Command::Import { file, json } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| AppError::Io(format!("cannot read {}: {e}", file.display())))?;
            let app = open(&cli.db).await?;
            let bar = Progress::new("import");
            let report = app
                .import_owned(bytes, &Actor::System, Utc::now(), &|p| match p {
                    accord_app::import::ImportProgress::Checked { done, total } => {
                        bar.show(done, total)
                    }
                    accord_app::import::ImportProgress::Writing { events } => {
                        bar.note(&format!("writing {events} events"))
                    }
                    _ => {}
                })
                .await?;
            bar.finish();
            if json {
                output::json(&report);
            } else {
                println!(
                    "imported {} contracts ({} new): {} events added, {} already known; {} cases opened, {} updated",
                    report.contracts,
                    report.new_contracts,
                    report.events_added,
                    report.events_already_known,
                    report.cases_opened,
                    report.cases_updated
                );
            }
        }
        Command::Queue(q) => {
            let app = open(&cli.db).await?;
            let now = at(&q.at, "--at")?;
            let rows = app.queue_all(&query(&q), now).await?;
            if q.json {
                output::json(&rows);
            } else {
                output::queue_table(&rows);
            }
        }
        Command::Case {
            command: CaseCommand::Show { id, json, at: when },
        } => {
            let app = open(&cli.db).await?;
            let view = app.case(&id, at(&when, "--at")?).await?;
            if json {
                output::json(&view);
            } else {
                output::case_text(&view);
            }
        }
        Command::Act {
            id,
            actor: who,
            at: when,
            action_json,
            json,
        } => {
            let who = actor(&who)?;
            let now = at(&when, "--at")?;
            let action: Action = serde_json::from_str(&action_json)
                .map_err(|e| AppError::invalid("ACTION_JSON", "invalid_action", e.to_string()))?;
            let app = open(&cli.db).await?;
            let result = app.act(&id, &action, &who, now).await?;
            if json {
                output::json(&result);
            } else {
                let kinds: Vec<&str> = result.recorded.iter().map(|r| r.kind.as_str()).collect();
                println!(
                    "{}: recorded {} ({}); status {}{}",
                    clean(&id),
                    kinds.len(),
                    kinds.join(", "),
                    result.case.status,
                    result
                        .case
                        .outcome
                        .as_ref()
                        .map(|o| format!(" ({o})"))
                        .unwrap_or_default()
                );
            }
        }
        Command::Sweep { at: when, json } => {
            let app = open(&cli.db).await?;
            let report = app.sweep_all(at(&when, "--at")?).await?;
            if json {
                output::json(&report);
            } else {
                println!(
                    "swept {} cases with a clock due: {} changed, {} events recorded",
                    report.cases_checked, report.cases_changed, report.events_recorded
                );
            }
        }
        Command::Export {
            ids,
            out,
            format,
            actor: who,
            at: when,
        } => {
            let who = who
                .as_deref()
                .map(actor)
                .transpose()?
                .unwrap_or(Actor::System);
            let now = at(&when, "--at")?;
            let app = open(&cli.db).await?;
            let bar = Progress::new("export");
            let format = match format {
                ExportFormat::Bundle => accord_app::export::Format::Bundle,
                ExportFormat::Json => accord_app::export::Format::Json,
                ExportFormat::Pdf => accord_app::export::Format::Pdf,
            };
            let written = app
                .export(&ids, &out, format, &who, now, &|done, total| {
                    bar.show(done, total)
                })
                .await?;
            bar.finish();
            for p in written {
                println!("{}", p.display());
            }
        }
        Command::Stats { from, to, json } => {
            let app = open(&cli.db).await?;
            let s = app
                .stats(
                    day_or_instant(&from, "--from", false)?,
                    day_or_instant(&to, "--to", true)?,
                )
                .await?;
            if json {
                output::json(&s);
            } else {
                println!(
                    "{} cases: {} open, {} resolved",
                    s.cases, s.open, s.resolved
                );
                for (status, n) in &s.by_status {
                    println!("  {status:<36} {n}");
                }
                for (currency, c) in &s.by_currency {
                    println!("{currency}: {} cases, {} disputed", c.cases, c.disputed);
                    for (outcome, o) in &c.outcomes {
                        println!(
                            "  {outcome:<26} {:>6} cases · {} to freelancers · {} to clients",
                            o.cases, o.to_freelancer, o.to_client
                        );
                    }
                }
            }
        }
        Command::Verify { id, json } => {
            let app = open(&cli.db).await?;
            let report = app.verify(id.as_deref()).await?;
            if json {
                output::json(&report);
            } else {
                for b in &report.broken {
                    println!(
                        "{}: broken at event {}: {}",
                        clean(&b.case),
                        b.seq,
                        b.reason
                    );
                }
                println!(
                    "{} cases, {} events checked: {}",
                    report.cases_checked,
                    report.events_checked,
                    if report.broken.is_empty() {
                        "every chain holds".to_string()
                    } else {
                        format!("{} broken", report.broken.len())
                    }
                );
            }
            if !report.broken.is_empty() {
                if let Some(b) = report.broken.first() {
                    eprintln!(
                        "error: audit chain broken: case {} at event {}",
                        b.case, b.seq
                    );
                }
                return Ok(3);
            }
        }
        Command::Replay { scenario, json } => {
            let s = Scenario::read(&scenario)?;
            let app = App::in_memory().await?;
            let out = app.replay(&s).await?;
            if json {
                output::json(&out);
            } else {
                println!(
                    "{}: {} steps",
                    if out.name.is_empty() {
                        "scenario"
                    } else {
                        &out.name
                    },
                    out.steps.len()
                );
                for r in &out.steps {
                    println!(
                        "  {:>3} {:<32} {:<10} {}",
                        r.step,
                        r.action,
                        r.case.as_deref().unwrap_or("*"),
                        r.result
                    );
                }
                for c in &out.cases {
                    output::case_text(c);
                }
            }
        }
        Command::Demo {
            cases,
            seed,
            at: when,
        } => {
            let now = at(&when, "--at")?;
            let app = open(&cli.db).await?;
            let bar = Progress::new("demo");
            let report = app
                .demo(cases, seed, now, &|done, total| bar.show(done, total))
                .await?;
            bar.finish();
            match &report.walkthrough {
                Some(case) => println!(
                    "demo: {} cases ({} of seed {seed} plus the walkthrough case {case}), {} events",
                    report.cases,
                    report.cases.saturating_sub(1),
                    report.events
                ),
                None => println!(
                    "demo: {} cases of seed {seed}, {} events",
                    report.cases, report.events
                ),
            }
        }
    }
    Ok(0)
}

fn query(q: &QueueArgs) -> QueueQuery {
    QueueQuery {
        statuses: q.status.clone(),
        assigned_to: q.assigned.clone(),
        unassigned: q.unassigned,
        overdue: q.overdue,
        policy: q.policy.clone(),
        ground: q.ground.clone(),
        search: q.search.clone(),
        sort: match q.sort {
            SortArg::NextDue => QueueSort::NextDue,
            SortArg::Disputed => QueueSort::Disputed,
            SortArg::Filed => QueueSort::Filed,
        },
        direction: if q.desc {
            SortDirection::Desc
        } else {
            SortDirection::Asc
        },
        ..QueueQuery::default()
    }
}
