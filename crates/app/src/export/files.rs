//! Where an export writes: file names made only from case ids, every path
//! checked to stay inside the output folder, and every file or bundle written
//! under a temporary name and renamed into place, so a failed export leaves
//! nothing half-written.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::AppError;

/// Longest file-name stem an id becomes (bytes; ids are kept ASCII).
const MAX_STEM: usize = 100;

/// Names Windows reserves whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A case id as a file-name stem: only `[A-Za-z0-9._-]` (anything else
/// becomes `_`), no `..`, no leading or trailing dot, not a name Windows
/// reserves, at most 100 characters, never empty.
pub fn sanitize(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    while s.contains("..") {
        s = s.replace("..", "_.");
    }
    if s.starts_with('.') {
        s.replace_range(..1, "_");
    }
    s.truncate(MAX_STEM);
    if s.ends_with('.') {
        s.pop();
        s.push('_');
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        s.insert(0, '_');
    }
    if s.is_empty() {
        s.push('_');
    }
    s
}

/// A name that is a single, plain path component.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1
}

fn io(what: &str, path: &Path, e: std::io::Error) -> AppError {
    AppError::Io(format!("cannot {what} {}: {e}", path.display()))
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_name(name: &str, kind: &str) -> String {
    format!(
        ".{name}.{kind}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The output folder, created if missing, as its canonical path.
#[derive(Debug, Clone)]
pub struct OutDir {
    root: PathBuf,
    /// As the caller named it: what the written paths are reported under.
    given: PathBuf,
}

impl OutDir {
    pub fn prepare(out: &Path) -> Result<OutDir, AppError> {
        fs::create_dir_all(out).map_err(|e| io("create", out, e))?;
        let root = fs::canonicalize(out).map_err(|e| io("resolve", out, e))?;
        if !root.is_dir() {
            return Err(AppError::Io(format!("{} is not a folder", out.display())));
        }
        Ok(OutDir {
            root,
            given: out.to_path_buf(),
        })
    }

    /// `root/name`, after checking that `name` is one plain component.
    fn inside(&self, name: &str) -> Result<PathBuf, AppError> {
        if !plain(name) {
            return Err(AppError::Io(format!(
                "refusing to write {name:?}: not a plain file name"
            )));
        }
        let path = self.root.join(name);
        if path.parent() != Some(self.root.as_path()) {
            return Err(AppError::Io(format!(
                "refusing to write {}: outside {}",
                path.display(),
                self.root.display()
            )));
        }
        Ok(path)
    }

    /// Checks, after the rename, that what now sits at `path` resolves inside
    /// the folder (it was written there; this guards against surprises).
    fn check_landed(&self, path: &Path) -> Result<(), AppError> {
        let real = fs::canonicalize(path).map_err(|e| io("resolve", path, e))?;
        if real.parent() != Some(self.root.as_path()) {
            return Err(AppError::Io(format!(
                "{} resolves outside {}",
                path.display(),
                self.root.display()
            )));
        }
        Ok(())
    }

    /// Writes `bytes` as `root/name`: to a temporary file first, synced, then
    /// renamed over whatever was there.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, AppError> {
        let target = self.inside(name)?;
        let temp = self.inside(&temp_name(name, "partial"))?;
        let result = write_new(&temp, bytes)
            .and_then(|()| fs::rename(&temp, &target).map_err(|e| io("rename into", &target, e)));
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        self.check_landed(&target)?;
        Ok(self.given.join(name))
    }

    /// Writes a folder `root/name` holding `files`: built under a temporary
    /// name, then moved into place; a folder already there (an earlier
    /// export) is moved aside first and removed once the new one is in.
    pub fn write_dir(&self, name: &str, files: &[(String, Vec<u8>)]) -> Result<PathBuf, AppError> {
        let target = self.inside(name)?;
        let temp = self.inside(&temp_name(name, "partial"))?;
        fs::create_dir(&temp).map_err(|e| io("create", &temp, e))?;
        let filled = files.iter().try_for_each(|(file, bytes)| {
            if !plain(file) {
                return Err(AppError::Io(format!(
                    "refusing to write {file:?}: not a plain file name"
                )));
            }
            write_new(&temp.join(file), bytes)
        });
        if let Err(e) = filled {
            let _ = fs::remove_dir_all(&temp);
            return Err(e);
        }
        let old = match fs::symlink_metadata(&target) {
            Ok(_) => {
                let aside = self.inside(&temp_name(name, "old"))?;
                if let Err(e) = fs::rename(&target, &aside) {
                    let _ = fs::remove_dir_all(&temp);
                    return Err(io("move aside", &target, e));
                }
                Some(aside)
            }
            Err(_) => None,
        };
        if let Err(e) = fs::rename(&temp, &target) {
            if let Some(aside) = &old {
                let _ = fs::rename(aside, &target);
            }
            let _ = fs::remove_dir_all(&temp);
            return Err(io("rename into", &target, e));
        }
        if let Some(aside) = old {
            remove_any(&aside);
        }
        self.check_landed(&target)?;
        Ok(self.given.join(name))
    }
}

/// Creates `path` (which must not exist), writes and syncs it.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let mut f: File = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io("create", path, e))?;
    f.write_all(bytes).map_err(|e| io("write", path, e))?;
    f.sync_all().map_err(|e| io("sync", path, e))
}

/// Removes a file, a link (never what it points to) or a folder tree.
fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_plain_names() {
        assert_eq!(sanitize("D-501"), "D-501");
        assert_eq!(sanitize("../../etc/passwd"), "_.__._etc_passwd");
        assert_eq!(sanitize(".."), "__");
        assert_eq!(sanitize("."), "_");
        assert_eq!(sanitize(""), "_");
        assert_eq!(sanitize("a b/c\\d"), "a_b_c_d");
        assert_eq!(sanitize("Dé-1"), "D_-1", "non-ASCII letters are replaced");
        assert_eq!(sanitize("con"), "_con");
        assert_eq!(sanitize("x."), "x_");
        assert_eq!(sanitize(&"x".repeat(300)).len(), MAX_STEM);
        for id in ["..", "../x", "a/../b", "...", "./.", "/", "\\..\\"] {
            let s = sanitize(id);
            assert!(
                plain(&s) && !s.contains("..") && !s.starts_with('.'),
                "{id:?} became {s:?}"
            );
        }
    }
}
