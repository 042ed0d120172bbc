//! The shell's own tests: commands through Tauri's mock IPC (no display
//! needed) and the real capability, the error's wire shape, the security
//! settings that must not loosen unnoticed, and the UI's generated types.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;

use accord_app::AppError;
use accord_core::{Refusal, Rule};

use crate::{with_commands, AppState, CommandError, Profile, ProfileStore, Role};

/// A fresh folder for one test (database, profile), removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("accord-desk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temp folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn small_feed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/examples/small-feed.json")
}

/// The desk on a temp database, with the real context (so the capability in
/// src-tauri/capabilities is enforced just as in the built app) and a window
/// labelled like the real one.
struct Desk {
    dir: TempDir,
    webview: tauri::WebviewWindow<MockRuntime>,
    _app: tauri::App<MockRuntime>,
}

impl Desk {
    fn new(name: &str, profile: Option<&str>) -> Desk {
        let dir = TempDir::new(name);
        let url = dir.0.join("accord.db").to_string_lossy().into_owned();
        // Opened on Tauri's runtime, the one async commands run on.
        let app = tauri::async_runtime::block_on(accord_app::App::open(&url))
            .expect("a fresh database opens");
        let preset = profile.map(|p| Profile::parse_actor(p).expect("a valid preset"));
        let state = AppState {
            app,
            database: url,
            profile: ProfileStore::load(dir.0.join("profile.json"), preset),
            dialog_file: Some(feed_path()),
        };
        let app = with_commands(mock_builder())
            .manage(state)
            .build(tauri::generate_context!())
            .expect("the mock app builds");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the mock window opens");
        Desk {
            dir,
            webview,
            _app: app,
        }
    }

    /// A desk with small-feed.json imported (through `import_feed`).
    fn imported(name: &str, profile: Option<&str>) -> Desk {
        let desk = Desk::new(name, profile);
        let report = desk
            .call("import_feed", json!({ "onProgress": "__CHANNEL__:7" }))
            .expect("the feed imports");
        assert_eq!(report["cases_opened"], 3, "{report}");
        desk
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let url = self.webview.url().expect("the window has a URL");
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url,
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("the response is JSON"))
    }
}

fn feed_path() -> PathBuf {
    small_feed()
}

/// The error's code, failing the test if the call succeeded.
fn code(result: Result<Value, Value>) -> Value {
    match result {
        Ok(v) => panic!("expected an error, got {v}"),
        Err(e) => {
            assert!(e["message"].is_string(), "an error has a message: {e}");
            e
        }
    }
}

#[test]
fn case_count_of_a_new_database_is_zero() {
    let desk = Desk::new("count", None);
    assert_eq!(desk.call("case_count", json!({})), Ok(json!(0)));
}

#[test]
fn commands_outside_the_capability_are_refused() {
    let desk = Desk::new("acl", None);
    let refused = desk.call("plugin:fs|read_text_file", json!({ "path": "/etc/passwd" }));
    assert!(refused.is_err(), "no fs plugin for the window: {refused:?}");
    // The dialog plugin is registered (Rust opens the dialog), but the window
    // is granted none of its commands.
    let refused = desk.call("plugin:dialog|open", json!({ "options": {} }));
    assert!(
        refused.is_err(),
        "no dialog API for the window: {refused:?}"
    );
    let refused = desk.call("plugin:dialog|message", json!({ "message": "hi" }));
    assert!(
        refused.is_err(),
        "no dialog API for the window: {refused:?}"
    );
}

#[test]
fn the_profile_is_validated_saved_and_read_back() {
    let desk = Desk::new("profile", None);
    assert_eq!(desk.call("profile_get", json!({})), Ok(Value::Null));
    let saved = desk
        .call(
            "profile_set",
            json!({ "profile": { "name": "  Ana Lima ", "role": "specialist" } }),
        )
        .expect("a valid profile saves");
    assert_eq!(
        saved,
        json!({ "name": "Ana Lima", "role": "specialist" }),
        "trimmed"
    );
    assert_eq!(desk.call("profile_get", json!({})), Ok(saved.clone()));
    let file = std::fs::read_to_string(desk.dir.0.join("profile.json")).expect("saved to disk");
    assert_eq!(serde_json::from_str::<Value>(&file).unwrap(), saved);
    // A new desk on the same folder reads it back.
    let again = ProfileStore::load(desk.dir.0.join("profile.json"), None);
    assert_eq!(again.get().map(|p| p.name), Some("Ana Lima".into()));

    let long = "x".repeat(65);
    for bad in [
        json!({ "name": "   ", "role": "specialist" }),
        json!({ "name": "ana\u{7}", "role": "specialist" }),
        json!({ "name": "an\na", "role": "supervisor" }),
        json!({ "name": long, "role": "supervisor" }),
        json!({ "name": "ana", "role": "admin" }),
        json!({ "name": "ana" }),
        json!({ "name": "ana", "role": "specialist", "extra": 1 }),
    ] {
        let err = code(desk.call("profile_set", json!({ "profile": bad.clone() })));
        assert_eq!(err["code"], "invalid_input", "{bad}: {err}");
    }
    assert_eq!(
        desk.call("profile_get", json!({})),
        Ok(saved),
        "a refused profile changes nothing"
    );
    let max = "é".repeat(64);
    let ok = desk.call(
        "profile_set",
        json!({ "profile": { "name": max, "role": "supervisor" } }),
    );
    assert!(ok.is_ok(), "64 characters (not bytes) is the limit: {ok:?}");
}

#[test]
fn accord_profile_presets_the_profile() {
    assert_eq!(
        Profile::parse_actor("specialist:ana").unwrap(),
        Profile {
            name: "ana".into(),
            role: Role::Specialist
        }
    );
    assert_eq!(
        Profile::parse_actor("supervisor:sam").unwrap(),
        Profile {
            name: "sam".into(),
            role: Role::Supervisor
        }
    );
    for bad in ["ana", "system:x", "specialist:", "platform:p"] {
        assert!(Profile::parse_actor(bad).is_err(), "{bad}");
    }
    let desk = Desk::new("preset", Some("supervisor:sam"));
    assert_eq!(
        desk.call("profile_get", json!({})),
        Ok(json!({ "name": "sam", "role": "supervisor" }))
    );
}

#[test]
fn the_profile_is_kept_beside_a_named_database_else_in_the_data_folder() {
    use crate::named_database_dir as dir;
    assert_eq!(dir("/tmp/e2e/accord.db"), Some(PathBuf::from("/tmp/e2e")));
    assert_eq!(
        dir("sqlite:///tmp/e2e/a.db?mode=rwc"),
        Some(PathBuf::from("/tmp/e2e"))
    );
    assert_eq!(dir("sqlite::memory:"), None);
    assert_eq!(dir("postgres://db/accord"), None);
    let default = accord_app::default_database_path();
    assert_eq!(
        dir(&default.to_string_lossy()),
        None,
        "Tauri's app data folder then"
    );
}

#[test]
fn import_feed_then_desk_info_queue_and_counts() {
    let desk = Desk::imported("queue", Some("specialist:ana"));
    let info = desk.call("desk_info", json!({})).unwrap();
    assert_eq!(info["cases"], 3);
    assert_eq!(
        info["profile"],
        json!({ "name": "ana", "role": "specialist" })
    );
    assert!(
        info["database"].as_str().unwrap().ends_with("accord.db"),
        "{info}"
    );
    assert_eq!(desk.call("case_count", json!({})), Ok(json!(3)));

    let again = desk
        .call("import_feed", json!({ "onProgress": "__CHANNEL__:8" }))
        .unwrap();
    assert_eq!(
        again["cases_opened"], 0,
        "importing twice adds nothing: {again}"
    );

    let query = json!({ "statuses": [], "sort": "filed", "direction": "desc", "limit": 2 });
    let page = desk.call("queue_page", json!({ "query": query })).unwrap();
    assert_eq!(page["rows"].as_array().unwrap().len(), 2);
    let next = page["next"].clone();
    assert!(next.is_object(), "a second page: {page}");
    let rest = desk
        .call(
            "queue_page",
            json!({ "query": { "limit": 2, "sort": "filed", "direction": "desc", "after": next } }),
        )
        .unwrap();
    assert_eq!(rest["rows"].as_array().unwrap().len(), 1);
    assert_eq!(rest["next"], Value::Null);
    let huge = desk
        .call("queue_page", json!({ "query": { "limit": 100000 } }))
        .unwrap();
    assert_eq!(huge["rows"].as_array().unwrap().len(), 3);

    let counts = desk.call("status_counts", json!({ "query": {} })).unwrap();
    let total: i64 = counts
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            assert!(pair[0].is_string(), "[status, count] pairs: {counts}");
            pair[1].as_i64().unwrap()
        })
        .sum();
    assert_eq!(total, 3);

    let err = code(desk.call("queue_page", json!({ "query": { "colour": "red" } })));
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["path"], "$.query");
    let err = code(desk.call("queue_page", json!({ "query": { "min_disputed": "lots" } })));
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn case_open_reads_and_unknown_ids_are_not_found() {
    let desk = Desk::imported("open", Some("specialist:ana"));
    let case = desk.call("case_open", json!({ "id": "D-501" })).unwrap();
    assert_eq!(case["id"], "D-501");
    assert_eq!(case["disputed"], "500.00");
    assert!(case["events"].as_array().unwrap().len() > 1);
    for cmd in ["case_open", "case_actions"] {
        let err = code(desk.call(cmd, json!({ "id": "D-404" })));
        assert_eq!(err["code"], "not_found", "{cmd}: {err}");
    }
    // Reading wrote nothing.
    let again = desk.call("case_open", json!({ "id": "D-501" })).unwrap();
    assert_eq!(again["chain_head"], case["chain_head"]);
}

#[test]
fn acting_needs_a_profile() {
    let desk = Desk::imported("noprofile", None);
    let assign = json!({ "type": "assign", "specialist": "ana" });
    for (cmd, args) in [
        ("case_actions", json!({ "id": "D-501" })),
        ("action_preview", json!({ "id": "D-501", "action": assign })),
        ("act", json!({ "id": "D-501", "action": assign })),
    ] {
        let err = code(desk.call(cmd, args));
        assert_eq!(err["code"], "invalid_input", "{cmd}: {err}");
        assert_eq!(err["rule"], "profile_required", "{cmd}: {err}");
    }
}

#[test]
fn preview_and_act_as_the_profile_and_refusals_name_their_rule() {
    let desk = Desk::imported("act", Some("specialist:ana"));
    let actions = desk.call("case_actions", json!({ "id": "D-501" })).unwrap();
    let actions: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(actions.contains(&"add_note"), "{actions:?}");

    let note = json!({ "type": "add_note", "text": "called the client", "visibility": "internal" });
    let preview = desk
        .call("action_preview", json!({ "id": "D-501", "action": note }))
        .unwrap();
    // Defaults that fell due since the feed come first, then the note.
    let last = preview.as_array().unwrap().last().unwrap();
    assert_eq!(last["type"], "note_added", "{preview}");
    assert_eq!(last["actor"], "specialist:ana");
    assert_eq!(last["body"]["text"], "called the client");
    let before = desk.call("case_open", json!({ "id": "D-501" })).unwrap();
    assert!(
        before["notes"].as_array().unwrap().is_empty(),
        "a preview writes nothing"
    );

    let done = desk
        .call("act", json!({ "id": "D-501", "action": note }))
        .unwrap();
    assert_eq!(
        done["recorded"].as_array().unwrap().last().unwrap()["type"],
        "note_added"
    );
    assert_eq!(
        done["case"]["notes"][0]["actor"], "specialist:ana",
        "acted as the profile"
    );

    let empty = json!({ "type": "add_note", "visibility": "internal" });
    for cmd in ["action_preview", "act"] {
        let err = code(desk.call(cmd, json!({ "id": "D-501", "action": empty })));
        assert_eq!(err["code"], "refused", "{cmd}: {err}");
        assert_eq!(err["rule"], "reason_required", "{cmd}: {err}");
    }
    let err = code(desk.call(
        "act",
        json!({ "id": "D-501", "action": { "type": "launch" } }),
    ));
    assert_eq!(err["code"], "invalid_input", "{err}");
    assert_eq!(err["path"], "$.action");
    let err = code(desk.call("act", json!({ "id": "D-404", "action": note })));
    assert_eq!(err["code"], "not_found");
}

#[test]
fn sweep_now_reports_what_it_did() {
    let desk = Desk::imported("sweep", None);
    let report = desk.call("sweep_now", json!({})).unwrap();
    for key in ["cases_checked", "cases_changed", "events_recorded"] {
        assert!(report[key].is_number(), "{key}: {report}");
    }
    let again = desk.call("sweep_now", json!({})).unwrap();
    assert_eq!(
        again["events_recorded"], 0,
        "nothing left to sweep: {again}"
    );
}

#[test]
fn create_demo_checks_its_size_and_creates_cases() {
    let desk = Desk::new("demo", None);
    for bad in [0, -1, 200_001] {
        let err = code(desk.call(
            "create_demo",
            json!({ "cases": bad, "onProgress": "__CHANNEL__:3" }),
        ));
        assert_eq!(err["code"], "invalid_input", "{bad}: {err}");
    }
    let report = desk
        .call(
            "create_demo",
            json!({ "cases": 3, "onProgress": "__CHANNEL__:4" }),
        )
        .unwrap();
    assert_eq!(report["cases"], 3, "{report}");
    assert_eq!(desk.call("case_count", json!({})), Ok(json!(3)));
}

#[test]
fn errors_cross_ipc_as_code_message_and_optional_rule() {
    let plain = CommandError::from(AppError::NotFound("no case C-1".into()));
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({ "code": "not_found", "message": "no case C-1" }),
        "no `rule` or `path` key when there is none, so the UI can test for them"
    );
    let invalid = CommandError::from(AppError::invalid(
        "$.amount",
        "decimal_amount",
        "not an amount",
    ));
    assert_eq!(
        serde_json::to_value(&invalid).unwrap(),
        json!({ "code": "invalid_input", "message": "not an amount", "rule": "decimal_amount", "path": "$.amount" })
    );
    let refused = CommandError::from(AppError::Refused(Refusal::new(
        Rule::AllocationMismatch,
        "the recommendation allocates $600.00 but only $500.00 is in escrow",
    )));
    assert_eq!(
        serde_json::to_value(&refused).unwrap(),
        json!({
            "code": "refused",
            "message": "the recommendation allocates $600.00 but only $500.00 is in escrow",
            "rule": "allocation_mismatch"
        }),
        "a refusal names its rule, in DOMAIN.md's spelling"
    );
}

#[test]
fn error_codes_are_spelled_as_accord_app_spells_them() {
    let errors = [
        AppError::Refused(Refusal::new(Rule::CaseResolved, "m")),
        AppError::invalid("$", "r", "m"),
        AppError::NotFound("m".into()),
        AppError::Conflict("m".into()),
        AppError::Storage("m".into()),
        AppError::Io("m".into()),
    ];
    for err in errors {
        let app_code = err.code();
        let wire = serde_json::to_value(CommandError::from(err)).unwrap();
        assert_eq!(
            wire["code"], app_code,
            "the CLI's --json and the desk agree on codes"
        );
    }
}

fn root_file(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("readable"))
        .unwrap_or_else(|e| panic!("{name} is JSON: {e}"))
}

#[test]
fn the_window_is_granted_only_accords_own_commands() {
    let cap = root_file("src-tauri/capabilities/default.json");
    let permissions = cap["permissions"].as_array().expect("a permissions list");
    for p in permissions {
        let id = p
            .as_str()
            .expect("plain identifiers, no scoped permissions yet");
        // A plugin's permission is `plugin:...`; ours are bare `allow-<command>`.
        assert!(
            id.starts_with("allow-") && !id.contains(':'),
            "{id}: the desk window needs no plugin (shell, fs, dialog...) permission"
        );
    }
}

#[test]
fn the_csp_allows_no_inline_eval_or_remote_code() {
    let conf = root_file("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    for directive in csp.split(';').map(str::trim) {
        let mut words = directive.split_whitespace();
        if matches!(
            words.next(),
            Some("default-src" | "script-src" | "style-src")
        ) {
            assert!(
                words.all(|source| source == "'self'"),
                "{directive}: code and styles come from the app's own assets only"
            );
        }
    }
    assert!(
        csp.contains("connect-src ipc: http://ipc.localhost"),
        "Tauri's IPC goes through these"
    );
}

// ---------------------------------------------------------------------------
// The UI's TypeScript types, generated by ts-rs from the Rust types that cross
// IPC, live in ui/src/generated/ (one file per type, plus index.ts). This test
// regenerates them into a temp folder and fails, naming the file, when the
// committed ones differ. To regenerate after changing a type:
//
//     ACCORD_WRITE_BINDINGS=1 cargo test -p accord-desk bindings
// ---------------------------------------------------------------------------

/// Writes one type and every type it uses into a folder.
type Export = fn(&Path) -> Result<(), ts_rs::ExportError>;

fn export_bindings(dir: &Path) {
    use ts_rs::TS;
    let exports: [(&str, Export); 20] = [
        ("CaseView", |d| accord_app::view::CaseView::export_all_to(d)),
        ("QueueQuery", |d| {
            accord_app::queue::QueueQuery::export_all_to(d)
        }),
        ("QueueRow", |d| {
            accord_app::queue::QueueRow::export_all_to(d)
        }),
        ("QueuePageView", |d| {
            accord_app::queue::QueuePageView::export_all_to(d)
        }),
        ("ActResult", |d| {
            accord_app::act::ActResult::export_all_to(d)
        }),
        ("RecordedView", |d| {
            accord_app::act::RecordedView::export_all_to(d)
        }),
        ("PreviewEvent", |d| {
            accord_app::act::PreviewEvent::export_all_to(d)
        }),
        ("SweepReport", |d| {
            accord_app::act::SweepReport::export_all_to(d)
        }),
        ("ImportReport", |d| {
            accord_app::import::ImportReport::export_all_to(d)
        }),
        ("ImportProgress", |d| {
            accord_app::import::ImportProgress::export_all_to(d)
        }),
        ("DemoReport", |d| {
            accord_app::demo::DemoReport::export_all_to(d)
        }),
        ("Action", |d| accord_core::Action::export_all_to(d)),
        ("Profile", |d| Profile::export_all_to(d)),
        ("Role", |d| Role::export_all_to(d)),
        ("DeskInfo", |d| {
            crate::commands::profile::DeskInfo::export_all_to(d)
        }),
        ("DemoProgress", |d| {
            crate::commands::feed::DemoProgress::export_all_to(d)
        }),
        ("CommandError", |d| CommandError::export_all_to(d)),
        ("ErrorCode", |d| crate::ErrorCode::export_all_to(d)),
        ("QueueCursor", |d| {
            accord_store::QueueCursor::export_all_to(d)
        }),
        ("SortDirection", |d| {
            accord_store::SortDirection::export_all_to(d)
        }),
    ];
    for (name, export) in exports {
        export(dir).unwrap_or_else(|e| panic!("exporting {name}: {e}"));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the bindings folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|f| f.strip_suffix(".ts").map(str::to_string))
        .filter(|n| n != "index")
        .collect();
    names.sort();
    let mut index = String::from(
        "// Generated by src-tauri/src/tests.rs (ACCORD_WRITE_BINDINGS=1 cargo test -p accord-desk bindings).\n// Do not edit: change the Rust types and regenerate.\n",
    );
    for n in names {
        index.push_str(&format!("export type * from './{n}';\n"));
    }
    std::fs::write(dir.join("index.ts"), index).expect("index.ts written");
}

fn ts_files(dir: &Path) -> std::collections::BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("an entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "ts"))
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(&p).expect("readable"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn bindings_in_ui_src_generated_are_up_to_date() {
    let fresh = TempDir::new("bindings");
    export_bindings(&fresh.0);
    let generated = fresh.0.clone();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/generated");
    let want = ts_files(&generated);
    assert!(want.contains_key("CaseView.ts") && want.contains_key("Action.ts"));
    if std::env::var_os("ACCORD_WRITE_BINDINGS").is_some_and(|v| v == "1") {
        for old in ts_files(&committed).keys() {
            std::fs::remove_file(committed.join(old)).expect("old binding removed");
        }
        std::fs::create_dir_all(&committed).expect("ui/src/generated");
        for (name, text) in &want {
            std::fs::write(committed.join(name), text).expect("binding written");
        }
        return;
    }
    let have = ts_files(&committed);
    let mut stale = Vec::new();
    for (name, text) in &want {
        match have.get(name) {
            None => stale.push(format!("ui/src/generated/{name} is missing")),
            Some(t) if t != text => stale.push(format!("ui/src/generated/{name} differs")),
            Some(_) => {}
        }
    }
    for name in have.keys().filter(|n| !want.contains_key(*n)) {
        stale.push(format!("ui/src/generated/{name} is no longer generated"));
    }
    assert!(
        stale.is_empty(),
        "the UI's generated types are stale:\n  {}\nregenerate with: ACCORD_WRITE_BINDINGS=1 cargo test -p accord-desk bindings",
        stale.join("\n  ")
    );
}

#[test]
fn the_capability_grants_exactly_the_desks_commands() {
    let cap = root_file("src-tauri/capabilities/default.json");
    let granted: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let commands = crate::commands::names::COMMANDS;
    let want: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, want,
        "one permission per command, in build.rs's order"
    );
    let build =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/build.rs"))
            .unwrap();
    assert!(
        build.contains("include!(\"src/commands/names.rs\")")
            && build.contains(".commands(COMMANDS)"),
        "build.rs declares exactly the commands of commands/names.rs"
    );
}
