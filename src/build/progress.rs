//! Progress on a terminal: `[ 1234/10000] building explainers` on one line of stderr,
//! redrawn at most ten times a second. Quiet when stderr is not a terminal or `CI` is set.
//!
//! In: a total and ticks from any thread. Out: the line on stderr, cleared at the end.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    total: usize,
    done: AtomicUsize,
    last: Mutex<Option<Instant>>,
    what: &'static str,
}

/// Whether progress should be drawn: stderr is a terminal and this is not CI.
pub fn wanted() -> bool {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    std::io::stderr().is_terminal() && !ci
}

impl Progress {
    pub fn new(enabled: bool, total: usize, what: &'static str) -> Progress {
        Progress { enabled: enabled && total > 0, total, done: AtomicUsize::new(0), last: Mutex::new(None), what }
    }

    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else { return };
        let now = Instant::now();
        if done < self.total && last.is_some_and(|t| now.duration_since(t) < Duration::from_millis(100)) {
            return;
        }
        *last = Some(now);
        let w = self.total.to_string().len();
        let _ = write!(std::io::stderr(), "\r[{done:>w$}/{}] {}", self.total, self.what);
    }

    /// Clears the line.
    pub fn finish(&self) {
        if self.enabled {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
