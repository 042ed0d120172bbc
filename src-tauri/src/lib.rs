//! accord-desk: the Tauri shell over accord-app.
//!
//! It opens the database once, keeps the `accord_app::App` as managed state and
//! registers the thin commands of [`commands`]. Nothing here decides anything.

mod commands;
#[cfg(test)]
mod tests;

pub use commands::error::{CommandError, ErrorCode};

/// What every command reaches through `State<'_, AppState>`.
pub struct AppState {
    pub app: accord_app::App,
}

/// The database to open: `ACCORD_DATABASE_URL` (a SQLite path or URL), else
/// the default file in the user's data directory, the one the CLI uses too.
pub fn database_url() -> String {
    accord_app::database_url(None)
}

/// Puts the state and every command on a builder. `run` passes the real
/// builder; tests pass `tauri::test::mock_builder()`.
pub fn with_commands<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: AppState,
) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![commands::cases::case_count])
}

/// Opens the database and runs the desk until its window closes.
pub fn run() {
    let url = database_url();
    // Opened before the window exists so that every command can assume it.
    let app = match tauri::async_runtime::block_on(accord_app::App::open(&url)) {
        Ok(app) => app,
        Err(err) => {
            eprintln!("accord-desk: cannot open the database {url}: {err}");
            std::process::exit(1);
        }
    };
    with_commands(tauri::Builder::default(), AppState { app })
        .run(tauri::generate_context!())
        .expect("the Accord desk failed to run");
}
