//! The case-file export: json, bundle and pdf, who may export, and that
//! nothing lands outside the output folder or half-written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use accord_app::export::Format;
use accord_app::{App, AppError};
use accord_core::{Action, Actor};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A feed of our own, used when the shared example is not there: one
/// contract whose work came with an attachment named like a path.
const FALLBACK_FEED: &str = r#"{
  "format": "accord.feed/1",
  "generated_at": "2026-03-02T09:00:00Z",
  "contracts": [
    {
      "id": "C-1002", "title": "Checkout page rebuild", "currency": "USD",
      "client": { "id": "U-11", "name": "Northwind Outfitters", "country": "US" },
      "freelancer": { "id": "U-21", "name": "Kenji (Watanabe) \\ Kumo", "country": "JP", "agency": null },
      "milestones": [
        { "id": "M-22", "seq": 1, "title": "Implementation",
          "description": "React implementation wired to the existing payments API, with tests.", "amount": "2400.00" }
      ],
      "events": [
        { "id": "E-25", "at": "2026-01-14T09:00:00Z", "type": "milestone_funded", "milestone": "M-22", "amount": "2400.00" },
        { "id": "E-26", "at": "2026-02-10T17:45:00Z", "type": "work_submitted", "milestone": "M-22", "by": "freelancer",
          "note": "Implementation complete; see PR.",
          "attachments": [ { "name": "../../etc/passwd", "bytes": 1024,
            "sha256": "b5c1fb2efc6d6b4674c2fdcc48ce01b43a3b7c03763c0c3355de0099ee0f8c73" } ] },
        { "id": "E-30", "at": "2026-03-01T15:00:00Z", "type": "dispute_filed", "dispute": "D-502",
          "ground": "milestone_not_released", "milestone": "M-22", "amount": "2400.00",
          "reason": "work_completed", "statement": "Delivered and fixed as requested." }
      ]
    },
    {
      "id": "C-1001", "title": "Brand identity for a bakery", "currency": "USD",
      "client": { "id": "U-10", "name": "Crumb & Co.", "country": "US" },
      "freelancer": { "id": "U-20", "name": "Dana Ruiz", "country": "PT", "agency": null },
      "milestones": [
        { "id": "M-1", "seq": 1, "title": "Logo concepts", "description": "Three logo concepts.", "amount": "500.00" }
      ],
      "events": [
        { "id": "E-1", "at": "2026-02-01T10:00:00Z", "type": "milestone_funded", "milestone": "M-1", "amount": "500.00" },
        { "id": "E-4", "at": "2026-02-12T12:00:00Z", "type": "contract_ended", "by": "client" },
        { "id": "E-5", "at": "2026-02-12T12:00:00Z", "type": "refund_requested", "amount": "500.00" },
        { "id": "E-7", "at": "2026-02-13T09:20:00Z", "type": "dispute_filed", "dispute": "D-501",
          "ground": "ended_with_balance", "amount": "500.00", "reason": "work_completed",
          "statement": "All three concepts were delivered on time." }
      ]
    }
  ]
}"#;

/// The case whose attachment is named `../../etc/passwd`.
const PASSWD_CASE: &str = "D-502";
const PASSWD_NAME: &str = "../../etc/passwd";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

fn feed_bytes() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/spec/examples/small-feed.json"
    );
    std::fs::read(path).unwrap_or_else(|_| FALLBACK_FEED.as_bytes().to_vec())
}

async fn app() -> App {
    let app = App::in_memory().await.expect("an in-memory database opens");
    app.import(&feed_bytes(), &Actor::System, now(), &|_| {})
        .await
        .expect("the example feed imports");
    app
}

/// A fresh empty folder under the system temp folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "accord-export-test-{}-{tag}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every path under `dir`, relative to it.
fn tree(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                out.insert(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
                if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                    walk(base, &p, out);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn supervisor() -> Actor {
    Actor::Supervisor("sam".into())
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[tokio::test]
async fn json_export_is_the_case_json() {
    let app = app().await;
    let scratch = Scratch::new("json");
    let out = scratch.0.join("out");
    let calls = Mutex::new(Vec::new());
    let written = app
        .export(
            &ids(&["D-501", PASSWD_CASE]),
            &out,
            Format::Json,
            &Actor::System,
            now(),
            &|d, t| calls.lock().unwrap().push((d, t)),
        )
        .await
        .expect("the system exports any cases");
    assert_eq!(
        written,
        vec![out.join("D-501.json"), out.join("D-502.json")],
        "one file per case, named by its id"
    );
    assert_eq!(
        *calls.lock().unwrap(),
        vec![(1, 2), (2, 2)],
        "progress after each case"
    );
    for id in ["D-501", PASSWD_CASE] {
        let expected = serde_json::to_string_pretty(&app.case(id, now()).await.unwrap()).unwrap();
        let got = std::fs::read_to_string(out.join(format!("{id}.json"))).unwrap();
        assert_eq!(
            got, expected,
            "json export is exactly the CASE JSON of {id}"
        );
    }
    assert_eq!(
        tree(&out),
        ["D-501.json", "D-502.json"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        "no temporary files are left"
    );
}

#[tokio::test]
async fn bundle_manifest_matches_its_files() {
    let app = app().await;
    let scratch = Scratch::new("bundle");
    let out = scratch.0.join("out");
    let written = app
        .export(
            &ids(&[PASSWD_CASE]),
            &out,
            Format::Bundle,
            &supervisor(),
            now(),
            &|_, _| {},
        )
        .await
        .expect("a supervisor exports");
    let dir = out.join(PASSWD_CASE);
    assert_eq!(written, vec![dir.clone()]);
    let names: BTreeSet<String> = [
        "case.json",
        "timeline.json",
        "exhibits.json",
        "ledger.json",
        "manifest.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(tree(&dir), names, "the bundle holds exactly its five files");

    let view = app.case(PASSWD_CASE, now()).await.unwrap();
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["case"], PASSWD_CASE);
    assert_eq!(manifest["exported_by"], "supervisor:sam");
    assert_eq!(
        manifest["exported_at"],
        serde_json::to_value(now()).unwrap()
    );
    assert_eq!(manifest["chain_head"], view.chain_head.as_str());
    assert_eq!(manifest["events"], view.events.len());
    let files = manifest["files"].as_array().expect("files is a list");
    assert_eq!(
        files.len(),
        4,
        "every file but the manifest itself is listed"
    );
    for f in files {
        let name = f["name"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(
            f["sha256"],
            sha256_hex(&bytes).as_str(),
            "{name}: the manifest's digest is the file's"
        );
        assert_eq!(
            f["bytes"],
            bytes.len(),
            "{name}: the manifest's size is the file's"
        );
    }

    let case_json = std::fs::read_to_string(dir.join("case.json")).unwrap();
    assert_eq!(
        case_json,
        serde_json::to_string_pretty(&view).unwrap(),
        "case.json is the CASE JSON"
    );
    let timeline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("timeline.json")).unwrap()).unwrap();
    let events = timeline["events"].as_array().unwrap();
    assert_eq!(
        events.len(),
        view.events.len(),
        "every event is in the timeline"
    );
    for (e, v) in events.iter().zip(&view.events) {
        assert_eq!(e["seq"], v.seq);
        assert_eq!(e["hash"], v.hash.as_str());
        assert_eq!(e["type"], v.kind.as_str());
        assert!(e["summary"].is_string());
    }
    let exhibits: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("exhibits.json")).unwrap()).unwrap();
    let names: Vec<&str> = exhibits["exhibits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&PASSWD_NAME),
        "the attachment is listed by name, as text"
    );
    let ledger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ledger.json")).unwrap()).unwrap();
    assert_eq!(
        ledger["ledger"]["funded"],
        view.ledger.funded.as_str(),
        "amounts stay strings"
    );
    assert_eq!(ledger["disputed"], view.disputed.as_str());

    // Exporting again replaces the bundle whole.
    app.export(
        &ids(&[PASSWD_CASE]),
        &out,
        Format::Bundle,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .expect("re-export");
    assert_eq!(
        tree(&out).iter().filter(|p| !p.contains('/')).count(),
        1,
        "no temporary or old folder is left"
    );
}

/// Checks the xref table: each in-use entry's offset points at `N 0 obj`.
/// Works on bytes: the header's binary comment is not UTF-8.
fn check_xref(pdf: &[u8]) {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let at = find(pdf, b"startxref").expect("a startxref");
    let tail = std::str::from_utf8(&pdf[at..]).expect("the file ends in ASCII");
    let offset: usize = tail["startxref".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let xref = std::str::from_utf8(&pdf[offset..]).expect("the xref table and trailer are ASCII");
    assert!(
        xref.starts_with("xref\n"),
        "startxref points at the xref table"
    );
    let mut lines = xref.split('\n').skip(1);
    let mut head = lines.next().unwrap().split_whitespace();
    let first: usize = head.next().unwrap().parse().unwrap();
    let count: usize = head.next().unwrap().parse().unwrap();
    assert_eq!(first, 0);
    let entries: Vec<&str> = lines.by_ref().take(count).collect();
    assert_eq!(
        entries[0], "0000000000 65535 f ",
        "object 0 heads the free list"
    );
    for (n, entry) in entries.iter().enumerate().skip(1) {
        assert_eq!(
            entry.len(),
            19,
            "an xref entry is 20 bytes with its end of line"
        );
        let off: usize = entry[..10].parse().unwrap();
        assert!(entry.ends_with(" n "), "entry {n} is in use");
        let obj = format!("{n} 0 obj");
        assert!(
            pdf[off..].starts_with(obj.as_bytes()),
            "xref entry {n} points at `{obj}`"
        );
    }
    assert!(
        xref.contains(&format!("/Size {count}")),
        "the trailer's /Size counts every object"
    );
}

#[tokio::test]
async fn pdf_is_valid_and_shows_untrusted_names_only_as_text() {
    let app = app().await;
    let scratch = Scratch::new("pdf");
    let out = scratch.0.join("out");
    let before = tree(&scratch.0);
    let written = app
        .export(
            &ids(&[PASSWD_CASE]),
            &out,
            Format::Pdf,
            &supervisor(),
            now(),
            &|_, _| {},
        )
        .await
        .expect("a supervisor exports");
    let path = out.join(format!("{PASSWD_CASE}.pdf"));
    assert_eq!(written, vec![path.clone()]);
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4\n"), "a PDF header");
    assert!(
        pdf.trim_ascii_end().ends_with(b"%%EOF"),
        "an end-of-file marker"
    );
    check_xref(&pdf);
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains(&format!("({PASSWD_CASE})")),
        "the case id is shown as a text string"
    );
    assert!(
        text.contains("Exhibit 1: ../../etc/passwd) Tj"),
        "the attachment's name is shown as text"
    );
    assert!(text.contains("(Contract) Tj"), "labels are text strings");
    assert!(
        !text.contains("Kenji (Watanabe)"),
        "parentheses inside text are escaped"
    );

    // Nothing outside DIR: the scratch folder holds the folder and the one file only.
    let mut expected = before;
    expected.insert("out".into());
    expected.insert(format!("out/{PASSWD_CASE}.pdf"));
    assert_eq!(
        tree(&scratch.0),
        expected,
        "only DIR and the PDF were created"
    );
}

#[tokio::test]
async fn pdf_escapes_delimiters_in_untrusted_text() {
    let app = app().await;
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    let note = r"Client says (see \\server\share) ) ( \ — café ✓ 日本";
    let action: Action = serde_json::from_value(
        serde_json::json!({"type": "add_note", "text": note, "visibility": "parties"}),
    )
    .unwrap();
    app.act(PASSWD_CASE, &action, &supervisor(), at)
        .await
        .expect("a supervisor adds a note");
    let scratch = Scratch::new("escape");
    app.export(
        &ids(&[PASSWD_CASE]),
        &scratch.0,
        Format::Pdf,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .unwrap();
    let pdf = std::fs::read(scratch.0.join(format!("{PASSWD_CASE}.pdf"))).unwrap();
    check_xref(&pdf);
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains(r"(Client says \(see \\\\server\\share\) \) \( \\ \227 caf\351 ? ??) Tj"),
        "delimiters and backslashes are escaped; WinAnsi bytes are octal; what it lacks is ?"
    );
    let header = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    assert!(
        pdf.starts_with(header) && pdf[header.len()..].is_ascii(),
        "all but the binary comment is ASCII: text is escaped"
    );
}

#[tokio::test]
async fn pdftotext_reads_the_case_file() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        println!("pdftotext is not installed (poppler-utils): skipping the extraction check");
        return;
    }
    let app = app().await;
    let scratch = Scratch::new("poppler");
    app.export(
        &ids(&[PASSWD_CASE]),
        &scratch.0,
        Format::Pdf,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .unwrap();
    let pdf = scratch.0.join(format!("{PASSWD_CASE}.pdf"));
    let run = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success() && stderr.trim().is_empty(),
        "pdftotext reads it cleanly: {stderr}"
    );
    let text = String::from_utf8_lossy(&run.stdout);
    let view = app.case(PASSWD_CASE, now()).await.unwrap();
    assert!(text.contains(PASSWD_CASE), "the case id is in the text");
    assert!(
        text.contains(&format!("{} {}", view.disputed, view.currency)),
        "the disputed amount is in the text"
    );
    assert!(
        text.contains(PASSWD_NAME),
        "the attachment name reads back as text"
    );
    assert!(
        text.contains(&format!("accord verify {PASSWD_CASE}")),
        "how to verify the chain"
    );
    assert!(text.contains(&view.chain_head), "the chain head");
    if let Ok(info) = std::process::Command::new("pdfinfo").arg(&pdf).output() {
        let stderr = String::from_utf8_lossy(&info.stderr);
        assert!(
            info.status.success() && stderr.trim().is_empty(),
            "pdfinfo reads it cleanly: {stderr}"
        );
    }
}

#[tokio::test]
async fn only_supervisors_system_and_the_assigned_specialist_export() {
    let app = app().await;
    let scratch = Scratch::new("roles");
    let assign: Action =
        serde_json::from_value(serde_json::json!({"type": "assign", "specialist": "ana"})).unwrap();
    // Before D-501's client_response clock runs out (it has by `now`).
    let early = Utc.with_ymd_and_hms(2026, 2, 13, 10, 0, 0).unwrap();
    app.act("D-501", &assign, &supervisor(), early)
        .await
        .expect("a supervisor assigns");

    let refused = |r: Result<Vec<PathBuf>, AppError>, why: &str| match r {
        Err(e) => assert_eq!(e.rule().as_deref(), Some("role_forbidden"), "{why}: {e}"),
        Ok(p) => panic!("{why}: exported {p:?}"),
    };
    let bob = Actor::Specialist("bob".into());
    let ana = Actor::Specialist("ana".into());
    refused(
        app.export(
            &ids(&["D-501"]),
            &scratch.0,
            Format::Json,
            &bob,
            now(),
            &|_, _| {},
        )
        .await,
        "not bob's case",
    );
    refused(
        app.export(
            &ids(&["D-501", PASSWD_CASE]),
            &scratch.0,
            Format::Json,
            &ana,
            now(),
            &|_, _| {},
        )
        .await,
        "batches are for supervisors",
    );
    refused(
        app.export(
            &ids(&["D-501"]),
            &scratch.0,
            Format::Json,
            &Actor::Platform,
            now(),
            &|_, _| {},
        )
        .await,
        "the platform",
    );
    assert!(
        tree(&scratch.0).is_empty(),
        "a refused export writes nothing"
    );

    let mine = app
        .export(
            &ids(&["D-501"]),
            &scratch.0,
            Format::Json,
            &ana,
            now(),
            &|_, _| {},
        )
        .await;
    assert_eq!(
        mine.expect("ana exports her case"),
        vec![scratch.0.join("D-501.json")]
    );
    app.export(
        &ids(&["D-501", PASSWD_CASE]),
        &scratch.0,
        Format::Pdf,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .expect("a supervisor exports a batch");
}

#[tokio::test]
async fn unknown_id_is_not_found_and_nothing_is_written() {
    let app = app().await;
    let scratch = Scratch::new("unknown");
    let out = scratch.0.join("out");
    for format in [Format::Json, Format::Bundle, Format::Pdf] {
        let r = app
            .export(
                &ids(&["D-501", "D-404"]),
                &out,
                format,
                &supervisor(),
                now(),
                &|_, _| {},
            )
            .await;
        assert!(
            matches!(r, Err(AppError::NotFound(_))),
            "{format:?}: unknown id is not found: {r:?}"
        );
        assert!(
            !out.exists(),
            "{format:?}: not even DIR is created when an id is unknown"
        );
    }
}

#[tokio::test]
async fn ids_never_become_paths_outside_dir() {
    let app = app().await;
    let scratch = Scratch::new("ids");
    let out = scratch.0.join("out");
    let r = app
        .export(
            &ids(&["../../etc/passwd"]),
            &out,
            Format::Json,
            &supervisor(),
            now(),
            &|_, _| {},
        )
        .await;
    assert!(
        matches!(r, Err(AppError::NotFound(_))),
        "a path-like id is just an unknown case"
    );
    assert!(tree(&scratch.0).is_empty());
    assert_eq!(
        accord_app::export::file_stem("../../etc/passwd"),
        "_.__._etc_passwd"
    );
    assert_eq!(accord_app::export::file_stem(".."), "__");
}

/// Runs `steps` of (time, actor, case, action JSON) at the desk.
async fn run(app: &App, steps: &[(&str, &str, &str, Value)]) {
    for (at, who, case, action) in steps {
        let at: DateTime<Utc> = at.parse().unwrap();
        let who: Actor = who.parse().unwrap();
        let action: Action = serde_json::from_value(action.clone()).unwrap();
        app.act(case, &action, &who, at)
            .await
            .unwrap_or_else(|e| panic!("{case} at {at}: {action:?} by {who}: {e}"));
    }
}

/// D-501 as in spec/examples/scenario-d501-accepted.json, and D-502 taken
/// all the way through a recommendation, arbitration fees and an award, so
/// that every section of the case file has something in it. With
/// ACCORD_EXPORT_SAMPLE=DIR set, the PDFs are also left in DIR to look at.
#[tokio::test]
async fn worked_cases_export_every_section() {
    use serde_json::json;
    let app = app().await;
    run(
        &app,
        &[
            ("2026-02-13T10:00:00Z", "supervisor:sam", "D-501", json!({"type": "assign", "specialist": "ana"})),
            (
                "2026-02-14T10:00:00Z",
                "specialist:ana",
                "D-501",
                json!({"type": "record_client_response", "decision": "decline", "statement": "The concepts ignored the brief."}),
            ),
            (
                "2026-02-15T10:00:00Z",
                "specialist:ana",
                "D-501",
                json!({"type": "issue_recommendation", "to_freelancer": "300.00", "to_client": "200.00",
                       "rationale": "Two of three concepts met the brief."}),
            ),
            (
                "2026-02-16T10:00:00Z",
                "specialist:ana",
                "D-501",
                json!({"type": "record_recommendation_response", "party": "client", "decision": "accept"}),
            ),
            (
                "2026-02-16T11:00:00Z",
                "specialist:ana",
                "D-501",
                json!({"type": "record_recommendation_response", "party": "freelancer", "decision": "accept"}),
            ),
        ],
    )
    .await;
    if app.case(PASSWD_CASE, now()).await.is_ok() {
        run(
            &app,
            &[
                ("2026-03-02T09:00:00Z", "supervisor:sam", PASSWD_CASE, json!({"type": "assign", "specialist": "ana"})),
                (
                    "2026-03-02T10:00:00Z",
                    "specialist:ana",
                    PASSWD_CASE,
                    json!({"type": "log_contact_attempt", "party": "client", "channel": "phone", "reached": false,
                           "note": "Voicemail (office closed)."}),
                ),
                (
                    "2026-03-02T11:00:00Z",
                    "specialist:ana",
                    PASSWD_CASE,
                    json!({"type": "extend_clock", "clock": "client_response", "days": 2, "reason": "Client's CTO travelling."}),
                ),
                (
                    "2026-03-03T10:00:00Z",
                    "specialist:ana",
                    PASSWD_CASE,
                    json!({"type": "record_client_response", "decision": "decline",
                           "statement": "Payments still fail on Safari 17 (see ticket #42) — «unusable»."}),
                ),
                (
                    "2026-03-04T10:00:00Z",
                    "specialist:ana",
                    PASSWD_CASE,
                    json!({"type": "issue_recommendation", "to_freelancer": "1800.00", "to_client": "600.00",
                           "rationale": "The implementation is complete; the Safari defect is real but narrow."}),
                ),
                ("2026-03-04T12:00:00Z", "supervisor:lee", PASSWD_CASE, json!({"type": "approve_recommendation"})),
                (
                    "2026-03-05T10:00:00Z",
                    "specialist:ana",
                    PASSWD_CASE,
                    json!({"type": "record_recommendation_response", "party": "client", "decision": "reject"}),
                ),
            ],
        )
        .await;
        let fees = app
            .case(PASSWD_CASE, now())
            .await
            .unwrap()
            .fees
            .expect("fees are due after a rejection");
        let mut steps = Vec::new();
        for (party, share) in &fees.shares {
            if party != "platform" {
                steps.push((
                    "2026-03-06T10:00:00Z",
                    "specialist:ana",
                    PASSWD_CASE,
                    json!({"type": "record_fee_payment", "party": party, "amount": share}),
                ));
            }
        }
        steps.push((
            "2026-03-20T10:00:00Z",
            "specialist:ana",
            PASSWD_CASE,
            json!({"type": "record_award", "to_freelancer": "2000.00", "to_client": "400.00", "reference": "Brief B-7781"}),
        ));
        steps.push((
            "2026-03-20T11:00:00Z",
            "supervisor:sam",
            PASSWD_CASE,
            json!({"type": "add_note", "text": "Award sent to both parties.", "visibility": "parties"}),
        ));
        run(&app, &steps).await;
    }

    let at = Utc.with_ymd_and_hms(2026, 3, 21, 9, 0, 0).unwrap();
    let scratch = Scratch::new("worked");
    let cases: Vec<String> = ["D-501", PASSWD_CASE]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut known = Vec::new();
    for id in &cases {
        if app.case(id, at).await.is_ok() {
            known.push(id.clone());
        }
    }
    for format in [Format::Pdf, Format::Bundle, Format::Json] {
        app.export(&known, &scratch.0, format, &supervisor(), at, &|_, _| {})
            .await
            .expect("a supervisor exports a batch");
    }
    if let Ok(dir) = std::env::var("ACCORD_EXPORT_SAMPLE") {
        app.export(
            &known,
            Path::new(&dir),
            Format::Pdf,
            &supervisor(),
            at,
            &|_, _| {},
        )
        .await
        .expect("the sample is written");
    }
    let has_pdftotext = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    for id in &known {
        let pdf_path = scratch.0.join(format!("{id}.pdf"));
        check_xref(&std::fs::read(&pdf_path).unwrap());
        let view = app.case(id, at).await.unwrap();
        assert_eq!(view.status, "resolved", "{id} is worked to an outcome");
        if !has_pdftotext {
            println!("pdftotext is not installed (poppler-utils): skipping the extraction check");
            continue;
        }
        let run = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf_path)
            .arg("-")
            .output()
            .unwrap();
        assert!(
            run.status.success() && run.stderr.is_empty(),
            "pdftotext reads {id}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let text = String::from_utf8_lossy(&run.stdout);
        let allocation = view.allocation.as_ref().unwrap();
        for needle in [
            format!("{} USD", allocation.to_freelancer),
            format!("{} USD", allocation.to_client),
            view.milestones[0]
                .description
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
            view.statements[0]
                .text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
            view.recommendation
                .as_ref()
                .unwrap()
                .rationale
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
            view.chain_head.clone(),
        ] {
            assert!(
                text.contains(&needle),
                "{id}: the case file shows {needle:?}"
            );
        }
        if let Some(fees) = &view.fees {
            assert!(
                text.contains(&fees.provider),
                "{id}: the arbitration provider"
            );
            for share in fees.shares.values() {
                assert!(
                    text.contains(&format!("{share} USD")),
                    "{id}: each fee share"
                );
            }
            let ext = &view.clocks[0].extensions[0];
            assert!(text.contains(&ext.reason), "{id}: the extension's reason");
        }
    }
}

/// A link planted in DIR under an export's name is replaced, never followed:
/// what it points at, outside DIR, is left as it was.
#[cfg(unix)]
#[tokio::test]
async fn links_in_dir_are_replaced_not_followed() {
    let app = app().await;
    let scratch = Scratch::new("links");
    let out = scratch.0.join("out");
    let outside_file = scratch.0.join("victim.txt");
    let outside_dir = scratch.0.join("victim-dir");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&outside_dir).unwrap();
    std::fs::write(&outside_file, b"keep me").unwrap();
    std::fs::write(outside_dir.join("case.json"), b"keep me too").unwrap();
    std::os::unix::fs::symlink(&outside_file, out.join("D-501.pdf")).unwrap();
    std::os::unix::fs::symlink(&outside_dir, out.join("D-501")).unwrap();

    app.export(
        &ids(&["D-501"]),
        &out,
        Format::Pdf,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .unwrap();
    app.export(
        &ids(&["D-501"]),
        &out,
        Format::Bundle,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .unwrap();

    assert_eq!(
        std::fs::read(&outside_file).unwrap(),
        b"keep me",
        "the link's target is untouched"
    );
    assert_eq!(
        std::fs::read(outside_dir.join("case.json")).unwrap(),
        b"keep me too",
        "the linked folder is untouched"
    );
    assert_eq!(
        tree(&outside_dir).len(),
        1,
        "nothing was added to the linked folder"
    );
    let pdf = std::fs::symlink_metadata(out.join("D-501.pdf")).unwrap();
    assert!(pdf.is_file(), "the PDF is a real file in DIR now");
    let bundle = std::fs::symlink_metadata(out.join("D-501")).unwrap();
    assert!(bundle.is_dir(), "the bundle is a real folder in DIR now");
    assert_eq!(
        tree(&out).iter().filter(|p| !p.contains('/')).count(),
        2,
        "no temporary or old entries are left"
    );
}

#[tokio::test]
async fn an_id_named_twice_is_exported_once() {
    let app = app().await;
    let scratch = Scratch::new("twice");
    let written = app
        .export(
            &ids(&["D-501", "D-501"]),
            &scratch.0,
            Format::Json,
            &supervisor(),
            now(),
            &|_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(written, vec![scratch.0.join("D-501.json")]);
    let r = app
        .export(
            &[],
            &scratch.0,
            Format::Json,
            &supervisor(),
            now(),
            &|_, _| {},
        )
        .await;
    assert!(
        matches!(r, Err(AppError::InvalidInput { .. })),
        "no ids is invalid input: {r:?}"
    );
}

/// Long untrusted text flows over as many pages as it needs, and Latin-1
/// letters read back as themselves.
#[tokio::test]
async fn long_text_flows_over_pages() {
    let app = app().await;
    let paragraph = "Lorem (ipsum) dolor \\ sit amet, café crème brûlée; ".repeat(40);
    let text = format!("{}\n\n{}", paragraph, "x".repeat(3000)).repeat(12);
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    let action: Action = serde_json::from_value(
        serde_json::json!({"type": "add_note", "text": text, "visibility": "parties"}),
    )
    .unwrap();
    app.act(PASSWD_CASE, &action, &supervisor(), at)
        .await
        .unwrap();
    let scratch = Scratch::new("long");
    app.export(
        &ids(&[PASSWD_CASE]),
        &scratch.0,
        Format::Pdf,
        &supervisor(),
        now(),
        &|_, _| {},
    )
    .await
    .unwrap();
    let path = scratch.0.join(format!("{PASSWD_CASE}.pdf"));
    let pdf = std::fs::read(&path).unwrap();
    check_xref(&pdf);
    let pages = String::from_utf8_lossy(&pdf)
        .matches("/Type /Page ")
        .count();
    assert!(
        pages >= 8,
        "a long note takes many pages, not one overfull page: {pages}"
    );
    let Ok(run) = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    else {
        println!("pdftotext is not installed (poppler-utils): skipping the extraction check");
        return;
    };
    assert!(
        run.status.success() && run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("café crème brûlée"),
        "Latin-1 letters are kept"
    );
    assert!(
        out.contains("Lorem (ipsum) dolor \\ sit amet"),
        "delimiters read back as text"
    );
    assert!(
        out.contains(&format!("page {pages} of {pages}")),
        "every page is numbered"
    );
}

/// The desktop shell awaits exports in Tauri commands, which need `Send` futures.
#[tokio::test]
async fn the_export_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let app = app().await;
    let scratch = Scratch::new("send");
    let ids = ids(&["D-501"]);
    let fut = app.export(
        &ids,
        &scratch.0,
        Format::Json,
        &Actor::System,
        now(),
        &|_, _| {},
    );
    assert_send(&fut);
    fut.await.unwrap();
}
