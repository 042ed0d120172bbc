//! Who is at the desk: a name and a role, saved as `profile.json` in the app's
//! data folder (beside the default database). Every action is recorded as this
//! person; the window cannot claim another actor.

use std::path::PathBuf;
use std::sync::Mutex;

use accord_app::AppError;
use accord_core::Actor;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use super::error::CommandError;
use super::parse;
use crate::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Specialist,
    Supervisor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub role: Role,
}

pub const MAX_NAME_CHARS: usize = 64;

impl Profile {
    /// The profile with its name trimmed, or `invalid_input` at `$.profile.name`.
    pub fn validated(self) -> Result<Profile, AppError> {
        let name = self.name.trim();
        let bad = |m: &str| AppError::invalid("$.profile.name", "invalid_name", m);
        if name.is_empty() {
            return Err(bad("a name is required"));
        }
        if name.chars().any(char::is_control) {
            return Err(bad("a name has no control characters"));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(bad("a name has at most 64 characters"));
        }
        Ok(Profile {
            name: name.to_string(),
            role: self.role,
        })
    }

    /// `ACCORD_PROFILE`'s spelling: `specialist:ana` or `supervisor:sam`.
    pub fn parse_actor(text: &str) -> Result<Profile, AppError> {
        let bad = || {
            AppError::invalid(
                "ACCORD_PROFILE",
                "invalid_profile",
                format!("'{text}' is not a profile: write specialist:NAME or supervisor:NAME"),
            )
        };
        let (role, name) = text.split_once(':').ok_or_else(bad)?;
        let role = match role {
            "specialist" => Role::Specialist,
            "supervisor" => Role::Supervisor,
            _ => return Err(bad()),
        };
        Profile {
            name: name.to_string(),
            role,
        }
        .validated()
    }

    pub fn actor(&self) -> Actor {
        match self.role {
            Role::Specialist => Actor::Specialist(self.name.clone()),
            Role::Supervisor => Actor::Supervisor(self.name.clone()),
        }
    }
}

/// The saved profile and where it is saved.
pub struct ProfileStore {
    path: PathBuf,
    current: Mutex<Option<Profile>>,
}

impl ProfileStore {
    /// Reads `path` (an unreadable or invalid file counts as no profile);
    /// `preset` (from `ACCORD_PROFILE`) wins over the file.
    pub fn load(path: PathBuf, preset: Option<Profile>) -> ProfileStore {
        let saved = || {
            let text = std::fs::read_to_string(&path).ok()?;
            serde_json::from_str::<Profile>(&text)
                .ok()?
                .validated()
                .ok()
        };
        let current = preset.or_else(saved);
        ProfileStore {
            current: Mutex::new(current),
            path,
        }
    }

    pub fn get(&self) -> Option<Profile> {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Validates and saves the profile, then makes it the current one.
    pub fn set(&self, profile: Profile) -> Result<Profile, AppError> {
        let profile = profile.validated()?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::Io(format!("cannot create {}: {e}", dir.display())))?;
        }
        let text = serde_json::to_string_pretty(&profile).expect("a profile serializes");
        // Written whole then renamed, so a crash never leaves half a file.
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, &self.path))
            .map_err(|e| AppError::Io(format!("cannot save {}: {e}", self.path.display())))?;
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some(profile.clone());
        Ok(profile)
    }

    /// The acting user, or `invalid_input` when no profile is saved yet.
    pub fn actor(&self) -> Result<Actor, AppError> {
        self.get().map(|p| p.actor()).ok_or_else(|| {
            AppError::invalid(
                "$.profile",
                "profile_required",
                "choose who you are (name and role) before acting",
            )
        })
    }
}

/// What the desk's header shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DeskInfo {
    /// The database opened: a SQLite path or URL.
    pub database: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub cases: i64,
    pub profile: Option<Profile>,
}

#[tauri::command]
pub fn profile_get(state: State<'_, AppState>) -> Result<Option<Profile>, CommandError> {
    Ok(state.profile.get())
}

#[tauri::command]
pub fn profile_set(state: State<'_, AppState>, profile: Value) -> Result<Profile, CommandError> {
    Ok(state
        .profile
        .set(parse("profile", "invalid_profile", profile)?)?)
}

#[tauri::command]
pub async fn desk_info(state: State<'_, AppState>) -> Result<DeskInfo, CommandError> {
    Ok(DeskInfo {
        database: state.database.clone(),
        cases: state.app.case_count().await?,
        profile: state.profile.get(),
    })
}
