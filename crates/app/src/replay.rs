//! `accord replay`: a scenario (spec/scenario.md) run on a fresh in-memory
//! database: the feed imported, then each step at its own time.

use std::path::Path;

use accord_core::{Action, Actor, Refusal, Rule};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::view::CaseView;
use crate::{App, AppError};

pub const FORMAT: &str = "accord.scenario/1";

#[derive(Debug, Clone)]
pub struct Step {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub case: Option<String>,
    pub action: Action,
    pub expect_error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub feed: Vec<u8>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepResult {
    pub step: usize,
    pub action: String,
    pub case: Option<String>,
    /// `ok`, or the rule that refused it (as expected).
    pub result: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReplayOutput {
    pub cases: Vec<CaseView>,
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub steps: Vec<StepResult>,
}

fn field<'a>(
    obj: &'a serde_json::Map<String, Value>,
    path: &str,
    name: &str,
) -> Result<&'a Value, AppError> {
    obj.get(name).ok_or_else(|| {
        AppError::invalid(
            format!("{path}{name}"),
            "missing_field",
            format!("{name} is required"),
        )
    })
}

fn string(v: &Value, path: &str) -> Result<String, AppError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| AppError::invalid(path, "invalid_type", "expected a string"))
}

fn time(v: &Value, path: &str) -> Result<DateTime<Utc>, AppError> {
    let s = string(v, path)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            AppError::invalid(
                path,
                "invalid_time",
                format!("'{s}' is not an RFC 3339 time: {e}"),
            )
        })
}

impl Scenario {
    /// Reads a scenario file; `feed_file` is resolved beside it.
    pub fn read(path: &Path) -> Result<Scenario, AppError> {
        let text = std::fs::read(path)
            .map_err(|e| AppError::Io(format!("cannot read {}: {e}", path.display())))?;
        Scenario::parse(&text, path.parent().unwrap_or(Path::new(".")))
    }

    pub fn parse(bytes: &[u8], dir: &Path) -> Result<Scenario, AppError> {
        let doc: Value = serde_json::from_slice(bytes)
            .map_err(|e| AppError::invalid("$", "invalid_json", format!("not JSON: {e}")))?;
        let obj = doc
            .as_object()
            .ok_or_else(|| AppError::invalid("$", "invalid_type", "a scenario is a JSON object"))?;
        for key in obj.keys() {
            if !["format", "name", "feed", "feed_file", "steps", "note"].contains(&key.as_str()) {
                return Err(AppError::invalid(
                    key.clone(),
                    "unknown_field",
                    format!("unknown field {key}"),
                ));
            }
        }
        let format = string(field(obj, "", "format")?, "format")?;
        if format != FORMAT {
            return Err(AppError::invalid(
                "format",
                "unsupported_format",
                format!("format must be {FORMAT}, not {format}"),
            ));
        }
        let name = obj
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let feed = match (obj.get("feed"), obj.get("feed_file")) {
            (Some(f), None) => serde_json::to_vec(f).expect("JSON values serialize"),
            (None, Some(f)) => {
                let rel = string(f, "feed_file")?;
                let p = dir.join(&rel);
                std::fs::read(&p)
                    .map_err(|e| AppError::Io(format!("feed_file {}: {e}", p.display())))?
            }
            (Some(_), Some(_)) => {
                return Err(AppError::invalid(
                    "feed_file",
                    "invalid_value",
                    "give feed or feed_file, not both",
                ))
            }
            (None, None) => {
                return Err(AppError::invalid(
                    "feed",
                    "missing_field",
                    "a scenario needs feed or feed_file",
                ))
            }
        };
        let steps_v = match obj.get("steps") {
            None => Vec::new(),
            Some(v) => v
                .as_array()
                .cloned()
                .ok_or_else(|| AppError::invalid("steps", "invalid_type", "steps is a list"))?,
        };
        let mut steps = Vec::new();
        for (i, s) in steps_v.iter().enumerate() {
            let p = format!("steps[{i}].");
            let o = s.as_object().ok_or_else(|| {
                AppError::invalid(format!("steps[{i}]"), "invalid_type", "a step is an object")
            })?;
            for key in o.keys() {
                if !["at", "as", "case", "action", "expect_error", "note"].contains(&key.as_str()) {
                    return Err(AppError::invalid(
                        format!("{p}{key}"),
                        "unknown_field",
                        format!("unknown field {key}"),
                    ));
                }
            }
            let at = time(field(o, &p, "at")?, &format!("{p}at"))?;
            let who = string(field(o, &p, "as")?, &format!("{p}as"))?;
            let actor: Actor = who.parse().map_err(|e: accord_core::actor::ActorError| {
                AppError::invalid(format!("{p}as"), "invalid_actor", e.to_string())
            })?;
            let case = o
                .get("case")
                .map(|c| string(c, &format!("{p}case")))
                .transpose()?;
            let action: Action =
                serde_json::from_value(field(o, &p, "action")?.clone()).map_err(|e| {
                    AppError::invalid(format!("{p}action"), "invalid_action", e.to_string())
                })?;
            let expect_error = o
                .get("expect_error")
                .map(|v| string(v, &format!("{p}expect_error")))
                .transpose()?;
            if case.is_none() && !matches!(action, Action::Sweep {}) {
                return Err(AppError::invalid(
                    format!("{p}case"),
                    "missing_field",
                    "every action but sweep names its case",
                ));
            }
            steps.push(Step {
                at,
                actor,
                case,
                action,
                expect_error,
            });
        }
        Ok(Scenario { name, feed, steps })
    }
}

impl App {
    /// Runs a scenario on this (fresh) app. Fails on the first step refused
    /// without `expect_error`, refused by another rule, or accepted although a
    /// refusal was expected.
    pub async fn replay(&self, scenario: &Scenario) -> Result<ReplayOutput, AppError> {
        let feed: Value = serde_json::from_slice(&scenario.feed)
            .map_err(|e| AppError::invalid("feed", "invalid_json", e.to_string()))?;
        let generated_at = feed
            .get("generated_at")
            .and_then(Value::as_str)
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        self.import(&scenario.feed, &Actor::System, generated_at, &|_| {})
            .await
            .map_err(|e| match e {
                AppError::InvalidInput {
                    path,
                    rule,
                    message,
                } => AppError::InvalidInput {
                    path: format!("feed.{path}"),
                    rule,
                    message,
                },
                other => other,
            })?;
        let mut results = Vec::new();
        for (i, step) in scenario.steps.iter().enumerate() {
            let outcome = match &step.case {
                Some(case) => self
                    .act(case, &step.action, &step.actor, step.at)
                    .await
                    .map(|_| ()),
                None if step.actor == Actor::System => self.sweep_all(step.at).await.map(|_| ()),
                None => Err(AppError::Refused(Refusal::new(
                    Rule::RoleForbidden,
                    "only the system sweeps clocks",
                ))),
            };
            let label = format!(
                "steps[{i}] ({} on {})",
                step.action.kind(),
                step.case.as_deref().unwrap_or("every case")
            );
            let result = match (outcome, &step.expect_error) {
                (Ok(()), None) => "ok".to_string(),
                (Err(AppError::Refused(r)), Some(rule)) if r.rule.as_str() == rule => rule.clone(),
                (Err(AppError::Refused(r)), None) => {
                    return Err(AppError::Refused(Refusal::new(
                        r.rule,
                        format!("{label}: refused by {}: {}", r.rule, r.message),
                    )));
                }
                (Err(AppError::Refused(r)), Some(rule)) => {
                    return Err(AppError::Refused(Refusal::new(
                        r.rule,
                        format!(
                            "{label}: expected refusal {rule}, but it was refused by {}: {}",
                            r.rule, r.message
                        ),
                    )));
                }
                (Ok(()), Some(rule)) => {
                    return Err(AppError::invalid(
                        format!("steps[{i}].expect_error"),
                        "expectation_failed",
                        format!("{label}: expected refusal {rule}, but the action was accepted"),
                    ));
                }
                (Err(e), _) => return Err(e),
            };
            results.push(StepResult {
                step: i,
                action: step.action.kind().into(),
                case: step.case.clone(),
                result,
            });
        }
        let as_of = scenario.steps.last().map(|s| s.at).unwrap_or(generated_at);
        let mut cases = Vec::new();
        for id in self.store.case_ids().await? {
            cases.push(self.case(&id, as_of).await?);
        }
        cases.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ReplayOutput {
            cases,
            name: scenario.name.clone(),
            steps: results,
        })
    }
}
