// The desk's command names, in one place: build.rs `include!`s this file to
// declare them to Tauri's permission system, and the capability test checks
// the window is granted exactly these. (Plain items only: build.rs compiles it
// outside the crate.) Keep in step with lib.rs's desk_commands!.
pub const COMMANDS: &[&str] = &[
    "case_count",
    "case_open",
    "profile_get",
    "profile_set",
    "desk_info",
    "queue_page",
    "status_counts",
    "case_actions",
    "action_preview",
    "act",
    "sweep_now",
    "import_feed",
    "create_demo",
];
