//! The CLI's contract (spec/cli.md): its forms, its outputs and every exit
//! code — 0 done, 1 refused or invalid input, 2 usage, 3 storage or IO.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn accord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env_remove("ACCORD_DATABASE_URL");
    c
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/spec/examples")
        .join(name)
}

/// A fresh database path in a fresh folder.
fn temp_db(tag: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("accord-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("accord.db");
    (dir, db)
}

fn run(db: &Path, args: &[&str]) -> Output {
    accord()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("accord runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn imported(tag: &str) -> (PathBuf, PathBuf) {
    let (dir, db) = temp_db(tag);
    let o = run(
        &db,
        &["import", example("small-feed.json").to_str().unwrap()],
    );
    assert_eq!(code(&o), 0, "import: {}", stderr(&o));
    (dir, db)
}

#[test]
fn exit_0_import_queue_show_act_sweep_stats_verify() {
    let (_dir, db) = imported("ok");
    let o = run(&db, &["queue", "--json"]);
    assert_eq!(code(&o), 0);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);

    let o = run(
        &db,
        &[
            "act",
            "D-501",
            "--as",
            "supervisor:sam",
            "--at",
            "2026-02-13T10:00:00Z",
            r#"{"type":"assign","specialist":"ana"}"#,
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&db, &["queue", "--assigned", "ana", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows[0]["id"], "D-501");

    let o = run(
        &db,
        &[
            "case",
            "show",
            "D-501",
            "--json",
            "--at",
            "2026-02-13T11:00:00Z",
        ],
    );
    assert_eq!(code(&o), 0);
    let case: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(case["assigned_to"], "ana");
    assert_eq!(case["status"], "awaiting_client_response");
    assert_eq!(case["ledger"]["in_escrow"], "500.00");

    let o = run(&db, &["sweep", "--at", "2026-03-10T00:00:00Z", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&db, &["case", "show", "D-502", "--json"]);
    let case: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        case["outcome"], "client_unresponsive",
        "the sweep applied D-502's default"
    );

    let o = run(&db, &["stats", "--json"]);
    assert_eq!(code(&o), 0);
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["cases"], 3);

    let o = run(&db, &["verify"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("every chain holds"));
}

#[test]
fn importing_twice_changes_nothing() {
    let (_dir, db) = imported("twice");
    let before = stdout(&run(
        &db,
        &[
            "case",
            "show",
            "D-501",
            "--json",
            "--at",
            "2026-03-01T00:00:00Z",
        ],
    ));
    let o = run(
        &db,
        &[
            "import",
            "--json",
            example("small-feed.json").to_str().unwrap(),
        ],
    );
    assert_eq!(code(&o), 0);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["events_added"], 0);
    assert_eq!(r["cases_opened"], 0);
    let after = stdout(&run(
        &db,
        &[
            "case",
            "show",
            "D-501",
            "--json",
            "--at",
            "2026-03-01T00:00:00Z",
        ],
    ));
    assert_eq!(before, after);
}

#[test]
fn exit_1_for_a_refused_action_naming_its_rule() {
    let (_dir, db) = imported("refused");
    let o = run(
        &db,
        &[
            "act",
            "D-501",
            "--as",
            "specialist:ana",
            "--at",
            "2026-02-13T10:00:00Z",
            r#"{"type":"assign","specialist":"ana"}"#,
        ],
    );
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("role_forbidden"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "errors go to stderr");
}

#[test]
fn exit_1_for_invalid_input_naming_the_path() {
    let (dir, db) = temp_db("invalid");
    let mut feed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(example("small-feed.json")).unwrap()).unwrap();
    feed["contracts"][1]["events"][2]["amount"] = "700.001".into();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&feed).unwrap()).unwrap();
    let o = run(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("contracts[1].events[2].amount"), "{err}");
    assert!(err.contains("too_many_places"), "{err}");
    let o = run(&db, &["queue", "--json"]);
    assert_eq!(stdout(&o).trim(), "[]", "all or nothing: nothing imported");

    let (_d2, db2) = imported("invalid-action");
    let o = run(
        &db2,
        &[
            "act",
            "D-501",
            "--as",
            "supervisor:sam",
            r#"{"type":"assign"}"#,
        ],
    );
    assert_eq!(code(&o), 1, "a malformed action is invalid input");
    let o = run(
        &db2,
        &[
            "act",
            "D-501",
            "--as",
            "boss:sam",
            r#"{"type":"assign","specialist":"a"}"#,
        ],
    );
    assert_eq!(code(&o), 1, "a malformed actor is invalid input");
    let o = run(&db2, &["case", "show", "D-999"]);
    assert_eq!(code(&o), 1, "an unknown case");
    let o = run(
        &db2,
        &[
            "act",
            "D-501",
            "--as",
            "supervisor:sam",
            "--at",
            "yesterday",
            r#"{"type":"sweep"}"#,
        ],
    );
    assert_eq!(code(&o), 1, "a bad time");
}

#[test]
fn exit_1_when_a_replayed_step_is_refused_unexpectedly() {
    let (dir, _db) = temp_db("replay");
    let mut s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(example("scenario-d501-accepted.json")).unwrap())
            .unwrap();
    s["feed_file"] = example("small-feed.json").to_str().unwrap().into();
    s["steps"][2]
        .as_object_mut()
        .unwrap()
        .remove("expect_error");
    let p = dir.join("s.json");
    std::fs::write(&p, serde_json::to_vec(&s).unwrap()).unwrap();
    let o = accord()
        .args(["replay", p.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("allocation_mismatch"), "{}", stderr(&o));

    s["steps"][2]["expect_error"] = "not_assigned".into();
    std::fs::write(&p, serde_json::to_vec(&s).unwrap()).unwrap();
    let o = accord()
        .args(["replay", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "refused by a different rule than expected");
}

#[test]
fn exit_0_for_the_example_replay() {
    let o = accord()
        .args([
            "replay",
            example("scenario-d501-accepted.json").to_str().unwrap(),
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn exit_2_for_usage_errors() {
    for args in [
        vec!["frobnicate"],
        vec!["act"],
        vec!["export", "D-1"],
        vec!["queue", "--sort", "sideways"],
        vec![],
    ] {
        let o = accord().args(&args).output().unwrap();
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
    let o = accord().arg("--help").output().unwrap();
    assert_eq!(code(&o), 0, "help is not an error");
}

#[test]
fn exit_3_for_storage_and_io_failures() {
    let (dir, db) = temp_db("io");
    let o = run(&db, &["import", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    // A database path that is a folder cannot be opened.
    let o = accord()
        .args(["--db", dir.to_str().unwrap(), "queue"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    // A file that is not a database.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"this is not sqlite, just text that goes on for a while......................................").unwrap();
    let o = accord()
        .args(["--db", junk.to_str().unwrap(), "queue"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 3, "{}", stderr(&o));
}

#[test]
fn the_database_comes_from_the_environment_when_not_given() {
    let (_dir, db) = imported("env");
    let o = accord()
        .env("ACCORD_DATABASE_URL", &db)
        .args(["queue", "--json"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("D-501"));
}

#[test]
fn a_demo_is_the_walkthrough_case_and_its_seeds_cases() {
    let (_dir, db) = temp_db("demo");
    let demo = |cases: &str, seed: &str| {
        run(
            &db,
            &[
                "demo",
                "--cases",
                cases,
                "--seed",
                seed,
                "--at",
                "2026-11-22T05:30:00Z",
            ],
        )
    };
    let o = demo("5", "3");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let said = stdout(&o);
    assert!(
        said.contains("demo: 5 cases (4 of seed 3 plus the walkthrough case D-501)"),
        "{said}"
    );
    let o = run(&db, &["case", "show", "D-501", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let case: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(case["status"], "awaiting_client_response");
    assert_eq!(case["contract"], "C-1001");

    // The same seed again is refused; another seed adds its own cases only.
    let o = demo("5", "3");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stderr(&o).contains("demo_exists"), "{}", stderr(&o));
    let o = demo("3", "4");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let said = stdout(&o);
    assert!(said.contains("demo: 3 cases of seed 4,"), "{said}");
    let o = run(&db, &["queue", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 8);
}
