//! A progress bar on stderr when stdout is a terminal; nothing otherwise.

use std::io::{IsTerminal, Write};

pub struct Progress {
    on: bool,
    label: &'static str,
}

impl Progress {
    pub fn new(label: &'static str) -> Progress {
        Progress {
            on: std::io::stdout().is_terminal(),
            label,
        }
    }

    pub fn show(&self, done: usize, total: usize) {
        if !self.on || total == 0 {
            return;
        }
        let width = 30;
        let filled = done.min(total) * width / total;
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\r{} [{}{}] {done}/{total}",
            self.label,
            "#".repeat(filled),
            " ".repeat(width - filled)
        );
        let _ = err.flush();
    }

    pub fn note(&self, text: &str) {
        if self.on {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r{}: {text}\x1b[K", self.label);
            let _ = err.flush();
        }
    }

    pub fn finish(&self) {
        if self.on {
            eprintln!();
        }
    }
}
