//! Replays every scenario of `tests/scenarios/` (and the examples of the
//! shared spec) through `accord replay FILE --json` and compares the printed
//! cases with the hand-computed `*.expected.json` beside each scenario.
//!
//! The comparison is a recursive subset match, so an expected file pins only
//! the fields the rules decide:
//! - objects: every key of the expected object must exist in the actual one
//!   and match; extra actual keys are ignored. Exception: the fee maps
//!   `shares`, `paid` and `refunded` must have exactly the expected keys,
//!   because a party's absence there is itself a fact ("owes nothing",
//!   "has not paid", "nothing refunded");
//! - arrays: same length, element-wise subset (so `"extensions": [{}, {}]`
//!   pins the number of extensions without pinning their shape);
//! - scalars: equal.
//!
//! The top-level `"note"` of an expected file is commentary and is ignored.
//! Every scenario must also exit with code 0 (a refusal without a matching
//! `expect_error` makes `accord replay` exit 1).

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Fee maps whose key set is part of the expectation.
const EXACT_KEY_MAPS: [&str; 3] = ["shares", "paid", "refunded"];

/// Fewer than this many scenarios means the folder was not found or was emptied.
const MIN_SCENARIOS: usize = 30;

/// The path without `..` when it exists (for readable reports), else as given.
fn canonical(path: PathBuf) -> PathBuf {
    path.canonicalize().unwrap_or(path)
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Scenario files in `dir` (not recursive): `*.json` that are not
/// `*.expected.json`. Sorted, so failures are reported in a stable order.
fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".json") && !name.ends_with(".expected.json")
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn expected_path(scenario: &Path) -> PathBuf {
    let name = scenario
        .file_name()
        .and_then(|n| n.to_str())
        .expect("scenario file names are UTF-8");
    let stem = name.strip_suffix(".json").expect("filtered on .json");
    scenario.with_file_name(format!("{stem}.expected.json"))
}

fn describe(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "<unprintable>".into());
    if s.len() > 400 {
        format!(
            "{}…",
            &s[..s.char_indices().take(400).last().map_or(0, |(i, _)| i)]
        )
    } else {
        s
    }
}

/// The first place where `actual` does not contain `expected`, as
/// `(json path, explanation)`.
fn first_difference(
    expected: &Value,
    actual: &Value,
    path: &str,
    key: Option<&str>,
) -> Option<(String, String)> {
    match expected {
        Value::Object(exp) => {
            let Some(act) = actual.as_object() else {
                return Some((
                    path.to_string(),
                    format!(
                        "expected an object {}, got {}",
                        describe(expected),
                        describe(actual)
                    ),
                ));
            };
            if key.is_some_and(|k| EXACT_KEY_MAPS.contains(&k)) {
                let mut e: Vec<&String> = exp.keys().collect();
                let mut a: Vec<&String> = act.keys().collect();
                e.sort();
                a.sort();
                if e != a {
                    return Some((
                        path.to_string(),
                        format!(
                            "expected exactly the keys {e:?}, got {a:?} (expected {}, actual {})",
                            describe(expected),
                            describe(actual)
                        ),
                    ));
                }
            }
            for (k, ev) in exp {
                let child = format!("{path}.{k}");
                match act.get(k) {
                    None => return Some((child, format!("missing; expected {}", describe(ev)))),
                    Some(av) => {
                        if let Some(d) = first_difference(ev, av, &child, Some(k)) {
                            return Some(d);
                        }
                    }
                }
            }
            None
        }
        Value::Array(exp) => {
            let Some(act) = actual.as_array() else {
                return Some((
                    path.to_string(),
                    format!(
                        "expected an array {}, got {}",
                        describe(expected),
                        describe(actual)
                    ),
                ));
            };
            if exp.len() != act.len() {
                return Some((
                    path.to_string(),
                    format!(
                        "expected {} elements, got {}: expected {}, actual {}",
                        exp.len(),
                        act.len(),
                        describe(expected),
                        describe(actual)
                    ),
                ));
            }
            for (i, (ev, av)) in exp.iter().zip(act).enumerate() {
                // Name the element by its id or name when it has one: "$.cases[1]<D-602>".
                let label = ev
                    .get("id")
                    .or_else(|| ev.get("name"))
                    .and_then(Value::as_str)
                    .map(|s| format!("<{s}>"))
                    .unwrap_or_default();
                if let Some(d) = first_difference(ev, av, &format!("{path}[{i}]{label}"), None) {
                    return Some(d);
                }
            }
            None
        }
        _ => {
            if expected == actual {
                None
            } else {
                Some((
                    path.to_string(),
                    format!(
                        "expected {}, actual {}",
                        describe(expected),
                        describe(actual)
                    ),
                ))
            }
        }
    }
}

/// Runs one scenario; `Err` holds a report of what went wrong.
fn check_scenario(bin: &Path, scenario: &Path) -> Result<(), String> {
    let expected_file = expected_path(scenario);
    let expected_text = std::fs::read_to_string(&expected_file)
        .map_err(|e| format!("cannot read {}: {e}", expected_file.display()))?;
    let mut expected: Value = serde_json::from_str(&expected_text)
        .map_err(|e| format!("{} is not JSON: {e}", expected_file.display()))?;
    if let Some(obj) = expected.as_object_mut() {
        obj.remove("note");
    }

    let output = Command::new(bin)
        .arg("replay")
        .arg(scenario)
        .arg("--json")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "`accord replay --json` exited with {:?} (expected 0)\n  stderr: {}\n  stdout: {}",
            output.status.code(),
            stderr.trim(),
            stdout.trim()
        ));
    }
    let actual: Value = serde_json::from_str(&stdout).map_err(|e| {
        format!(
            "stdout is not JSON: {e}\n  stdout: {}\n  stderr: {}",
            stdout.trim(),
            stderr.trim()
        )
    })?;

    match first_difference(&expected, &actual, "$", None) {
        None => Ok(()),
        Some((path, why)) => Err(format!("first difference at {path}: {why}")),
    }
}

#[test]
fn scenarios_replay_to_their_expected_cases() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_accord"));
    let root = manifest_dir();

    let scenario_dir = canonical(root.join("../../tests/scenarios"));
    let scenarios = scenario_files(&scenario_dir);
    assert!(
        scenarios.len() >= MIN_SCENARIOS,
        "expected at least {MIN_SCENARIOS} scenarios in {}, found {}",
        scenario_dir.display(),
        scenarios.len()
    );

    // The shared spec's examples: run those that come with an expected file.
    let examples_dir = canonical(root.join("../../../shared/spec/examples"));
    let mut examples = Vec::new();
    if examples_dir.is_dir() {
        examples = scenario_files(&examples_dir)
            .into_iter()
            .filter(|p| expected_path(p).is_file())
            .collect();
    } else {
        println!(
            "notice: {} is absent; the spec examples are skipped",
            examples_dir.display()
        );
    }

    let mut failures = Vec::new();
    let mut ran = 0;
    for scenario in scenarios.iter().chain(&examples) {
        ran += 1;
        let name = scenario
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match check_scenario(&bin, scenario) {
            Ok(()) => println!("ok   {name}"),
            Err(report) => {
                println!("FAIL {name}");
                failures.push((scenario.display().to_string(), report));
            }
        }
    }

    if !failures.is_empty() {
        let mut msg = format!("{} of {ran} scenarios failed:\n", failures.len());
        for (scenario, report) in &failures {
            let _ = writeln!(msg, "\n- {scenario}\n  {report}");
        }
        panic!("{msg}");
    }
}

#[cfg(test)]
mod subset_match {
    use super::first_difference;
    use serde_json::json;

    #[test]
    fn extra_actual_keys_are_ignored_but_fee_maps_are_exact() {
        let exp = json!({"a": 1, "fees": {"paid": {}}});
        assert!(first_difference(
            &exp,
            &json!({"a": 1, "b": 2, "fees": {"paid": {}, "x": 1}}),
            "$",
            None
        )
        .is_none());
        let d = first_difference(
            &exp,
            &json!({"a": 1, "fees": {"paid": {"client": "1.00"}}}),
            "$",
            None,
        );
        assert_eq!(
            d.map(|d| d.0).as_deref(),
            Some("$.fees.paid"),
            "a payment not expected is a difference"
        );
    }

    #[test]
    fn arrays_need_the_same_length_and_name_their_elements() {
        let exp = json!({"cases": [{"id": "D-1", "clocks": [{"name": "mediation", "due": "x"}]}]});
        let act = json!({"cases": [{"id": "D-1", "clocks": [{"name": "mediation", "due": "y", "state": "running"}]}]});
        let d = first_difference(&exp, &act, "$", None).expect("due differs");
        assert_eq!(d.0, "$.cases[0]<D-1>.clocks[0]<mediation>.due");
        assert!(
            first_difference(&json!([{}]), &json!([]), "$", None).is_some(),
            "lengths differ"
        );
        assert!(
            first_difference(&json!([{}]), &json!([{"by": "ana"}]), "$", None).is_none(),
            "an empty object matches any object"
        );
    }

    #[test]
    fn null_is_a_value() {
        assert!(
            first_difference(&json!({"fees": null}), &json!({"fees": {}}), "$", None).is_some()
        );
        assert!(
            first_difference(&json!({"fees": null}), &json!({}), "$", None).is_some(),
            "missing key"
        );
    }
}
