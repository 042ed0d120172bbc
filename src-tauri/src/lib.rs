//! accord-desk: the Tauri shell over accord-app.
//!
//! It opens the database once, keeps the `accord_app::App` as managed state and
//! registers the thin commands of [`commands`]. Nothing here decides anything.

mod commands;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use tauri::Manager;

pub use commands::error::{CommandError, ErrorCode};
pub use commands::profile::{Profile, ProfileStore, Role};

/// What every command reaches through `State<'_, AppState>`.
pub struct AppState {
    pub app: accord_app::App,
    /// The database opened, as `desk_info` shows it.
    pub database: String,
    /// Who acts at this desk.
    pub profile: ProfileStore,
    /// `ACCORD_DIALOG_FILE`: the feed `import_feed` takes instead of asking
    /// in a dialog (the e2e suite cannot click a native dialog).
    pub dialog_file: Option<PathBuf>,
}

/// The database to open: `ACCORD_DATABASE_URL` (a SQLite path or URL), else
/// the default file in the user's data directory, the one the CLI uses too.
pub fn database_url() -> String {
    accord_app::database_url(None)
}

/// Every command the window may call; build.rs declares each one's permission
/// and capabilities/default.json grants them.
macro_rules! desk_commands {
    () => {
        tauri::generate_handler![
            commands::cases::case_count,
            commands::cases::case_open,
            commands::profile::profile_get,
            commands::profile::profile_set,
            commands::profile::desk_info,
            commands::queue::queue_page,
            commands::queue::status_counts,
            commands::act::case_actions,
            commands::act::action_preview,
            commands::act::act,
            commands::act::sweep_now,
            commands::feed::import_feed,
            commands::feed::create_demo,
        ]
    };
}

/// Puts the dialog plugin (Rust side only: the capability grants the window
/// none of its commands) and every command on a builder; the caller manages
/// the [`AppState`]. `run` passes the real builder; tests pass
/// `tauri::test::mock_builder()`.
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(desk_commands!())
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `ACCORD_PROFILE=specialist:ana` (or `supervisor:sam`): the profile to start with.
fn preset_profile() -> Option<Profile> {
    let text = std::env::var("ACCORD_PROFILE")
        .ok()
        .filter(|v| !v.is_empty())?;
    match Profile::parse_actor(&text) {
        Ok(p) => Some(p),
        Err(err) => {
            eprintln!("accord-desk: ignoring ACCORD_PROFILE: {err}");
            None
        }
    }
}

/// The folder of a SQLite database file other than the default one.
fn named_database_dir(url: &str) -> Option<PathBuf> {
    if Path::new(url) == accord_app::default_database_path() {
        return None;
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty()
        || path.starts_with(':')
        || (url.contains("://") && !url.starts_with("sqlite:"))
    {
        return None;
    }
    let dir = Path::new(path).parent()?;
    Some(if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    })
}

/// `ACCORD_EMPTY_WINDOW=1`: bench/desk.sh's floor. The same binary and window
/// (size, title) on about:blank: no UI loaded, no database opened, no
/// commands. Only for measuring what a bare Tauri window costs.
fn empty_window_requested() -> bool {
    std::env::var_os("ACCORD_EMPTY_WINDOW").is_some_and(|v| v == "1")
}

/// WebKitGTK renders pages through OpenGL. Without a GPU (a VM, Xvfb, a
/// remote desktop) that is Mesa's software renderer, which JIT-compiles
/// shaders inside the web process: about 20 MB more anonymous memory than
/// WebKit's own CPU renderer (Skia), which draws a list and forms as well
/// (measured at 100 000 cases, see bench/desk.sh). So the desk renders on
/// the CPU unless the user has set the variable (to choose otherwise).
/// Compositing itself stays on: without it (`WEBKIT_DISABLE_COMPOSITING_MODE=1`)
/// the web process is smaller still, but WebKitWebDriver's screenshots hang,
/// and the e2e suite must test what ships.
///
/// Set before any thread starts; WebKit's processes inherit it.
fn render_on_the_cpu_unless_told() {
    const VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
    if std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

/// Opens the database and runs the desk until its window closes.
pub fn run() {
    // Expanded once: the macro embeds the UI's assets in the binary.
    let mut context = tauri::generate_context!();
    if empty_window_requested() {
        for window in &mut context.config_mut().app.windows {
            window.url = tauri::WebviewUrl::External("about:blank".parse().expect("about:blank"));
        }
        tauri::Builder::default()
            .run(context)
            .expect("the empty window failed to run");
        return;
    }
    render_on_the_cpu_unless_told();
    let url = database_url();
    // Opened before the window exists so that every command can assume it.
    let app = match tauri::async_runtime::block_on(accord_app::App::open(&url)) {
        Ok(app) => app,
        Err(err) => {
            eprintln!("accord-desk: cannot open the database {url}: {err}");
            std::process::exit(1);
        }
    };
    with_commands(tauri::Builder::default())
        .setup(move |handle| {
            // Beside the database: for the default one that is Tauri's data
            // folder for the app (on Linux ~/.local/share/app.accord.desk);
            // a database named by ACCORD_DATABASE_URL (e2e's) keeps its own.
            let profile = match named_database_dir(&url) {
                Some(dir) => dir.join("profile.json"),
                None => handle.path().app_data_dir()?.join("profile.json"),
            };
            handle.manage(AppState {
                app,
                database: url,
                profile: ProfileStore::load(profile, preset_profile()),
                dialog_file: env_path("ACCORD_DIALOG_FILE"),
            });
            Ok(())
        })
        .run(context)
        .expect("the Accord desk failed to run");
}
