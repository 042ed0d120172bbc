//! The IPC surface. A command is thin: take the state, call accord-app, map
//! the error. Every name here must also be listed in build.rs (its permission)
//! and granted in capabilities/default.json, or the window cannot call it.

pub mod cases;
pub mod error;
