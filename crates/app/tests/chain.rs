//! The audit chain: `verify` names the first broken event after any edit,
//! deletion, reordering or truncation done directly in the database.

use std::path::{Path, PathBuf};

use accord_app::App;
use accord_core::{Action, Actor};
use accord_store::SqliteStore;
use chrono::{DateTime, Utc};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn feed() -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/spec/examples/small-feed.json");
    std::fs::read(p).expect("the example feed beside the project")
}

/// A database file with the example feed and some desk work on D-501.
async fn worked_db(tag: &str) -> (PathBuf, App) {
    let path = std::env::temp_dir().join(format!("accord-chain-{tag}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let app = App::open(path.to_str().unwrap()).await.unwrap();
    app.import(&feed(), &Actor::System, t("2026-03-02T09:00:00Z"), &|_| {})
        .await
        .unwrap();
    let sam: Actor = "supervisor:sam".parse().unwrap();
    let ana: Actor = "specialist:ana".parse().unwrap();
    let act = |j: &str| Action::from_json(j).unwrap();
    app.act(
        "D-501",
        &act(r#"{"type":"assign","specialist":"ana"}"#),
        &sam,
        t("2026-02-13T10:00:00Z"),
    )
    .await
    .unwrap();
    app.act(
        "D-501",
        &act(r#"{"type":"record_client_response","decision":"decline","statement":"No."}"#),
        &ana,
        t("2026-02-14T10:00:00Z"),
    )
    .await
    .unwrap();
    (path, app)
}

/// Runs raw SQL on the file as a database tool would, triggers dropped first.
async fn tamper(path: &Path, sql: &[&str]) {
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let pool = store.pool();
    for trig in ["case_events_no_update", "case_events_no_delete"] {
        sqlx::query(&format!("DROP TRIGGER IF EXISTS {trig}"))
            .execute(pool)
            .await
            .unwrap();
    }
    for s in sql {
        sqlx::query(s).execute(pool).await.unwrap();
    }
}

async fn first_broken(path: &Path) -> Option<(String, i64)> {
    let app = App::open(path.to_str().unwrap()).await.unwrap();
    let r = app.verify(None).await.unwrap();
    r.broken.first().map(|b| (b.case.clone(), b.seq))
}

#[tokio::test]
async fn an_untouched_database_verifies() {
    let (path, app) = worked_db("clean").await;
    let r = app.verify(None).await.unwrap();
    assert_eq!(r.cases_checked, 3);
    assert!(r.broken.is_empty(), "{:?}", r.broken);
    assert_eq!(first_broken(&path).await, None);
}

#[tokio::test]
async fn an_edited_statement_is_named() {
    let (path, _) = worked_db("edit").await;
    tamper(&path, &["UPDATE case_events SET body = replace(body, 'No.', 'Yes.') WHERE case_id = 'D-501' AND kind = 'client_responded'"]).await;
    let seq: i64 = 9; // 7 feed events, assigned (8), client_responded (9)
    assert_eq!(first_broken(&path).await, Some(("D-501".into(), seq)));
}

#[tokio::test]
async fn an_edited_time_or_actor_is_named() {
    let (path, _) = worked_db("edit-at").await;
    tamper(
        &path,
        &["UPDATE case_events SET actor = 'supervisor:eve' WHERE case_id = 'D-501' AND seq = 8"],
    )
    .await;
    assert_eq!(first_broken(&path).await, Some(("D-501".into(), 8)));
}

#[tokio::test]
async fn a_deleted_event_is_named() {
    let (path, _) = worked_db("delete").await;
    tamper(
        &path,
        &["DELETE FROM case_events WHERE case_id = 'D-501' AND seq = 3"],
    )
    .await;
    assert_eq!(first_broken(&path).await, Some(("D-501".into(), 3)));
}

#[tokio::test]
async fn reordered_events_are_named() {
    let (path, _) = worked_db("reorder").await;
    tamper(
        &path,
        &[
            "UPDATE case_events SET seq = 100 WHERE case_id = 'D-501' AND seq = 4",
            "UPDATE case_events SET seq = 4 WHERE case_id = 'D-501' AND seq = 5",
            "UPDATE case_events SET seq = 5 WHERE case_id = 'D-501' AND seq = 100",
        ],
    )
    .await;
    assert_eq!(first_broken(&path).await, Some(("D-501".into(), 4)));
}

#[tokio::test]
async fn a_truncated_log_is_named() {
    let (path, _) = worked_db("truncate").await;
    tamper(
        &path,
        &["DELETE FROM case_events WHERE case_id = 'D-501' AND seq >= 8"],
    )
    .await;
    assert_eq!(
        first_broken(&path).await,
        Some(("D-501".into(), 8)),
        "the first missing event"
    );
}

#[tokio::test]
async fn the_app_cannot_edit_history() {
    let (path, _) = worked_db("triggers").await;
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let r = sqlx::query("UPDATE case_events SET body = '{}' WHERE seq = 1")
        .execute(store.pool())
        .await;
    assert!(r.is_err(), "case_events is append-only");
}
