//! The shell's own tests: commands through Tauri's mock IPC (no display
//! needed), the error's wire shape, and the security settings that must not
//! loosen unnoticed.

use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;

use accord_app::AppError;
use accord_core::{Refusal, Rule};

use crate::{with_commands, AppState, CommandError};

/// A fresh database file for one test, removed when dropped.
struct TempDb(std::path::PathBuf);

impl TempDb {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("accord-desk-{name}-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        TempDb(path)
    }
    fn url(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

fn invoke(cmd: &str, db: &TempDb) -> Result<Value, Value> {
    // Opened on Tauri's runtime, the one async commands run on.
    let app = tauri::async_runtime::block_on(accord_app::App::open(&db.url()))
        .expect("a fresh database opens");
    // The real context, so the capability in src-tauri/capabilities is
    // enforced here just as in the built app.
    let app = with_commands(mock_builder(), AppState { app })
        .build(tauri::generate_context!())
        .expect("the mock app builds");
    // Labelled like the real window, which the capability names.
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the mock window opens");
    let url = webview.url().expect("the window has a URL");
    get_ipc_response(
        &webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url,
            body: tauri::ipc::InvokeBody::default(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("the response is JSON"))
}

#[test]
fn case_count_of_a_new_database_is_zero() {
    let db = TempDb::new("count");
    assert_eq!(invoke("case_count", &db), Ok(json!(0)));
}

#[test]
fn commands_outside_the_capability_are_refused() {
    let db = TempDb::new("acl");
    let refused = invoke("plugin:fs|read_text_file", &db);
    assert!(refused.is_err(), "no fs plugin for the window: {refused:?}");
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
