//! Serve: build, run `zola serve`, and rebuild an article's pages when its seed changes.
//!
//! In: the build options and arguments for `zola serve`. Out: a running preview; the exit status
//! of `zola serve`. Also the helpers the CLI uses to find and run Zola for `explainer build`.
//!
//! How: after a first build, a thread polls `seeds/` every 500 ms (path, length and modification
//! time of every file); when anything changed it runs the incremental build again, which
//! re-extracts only the changed seeds and rewrites their bundles. `zola serve` notices the changed
//! files under `content/` and reloads the page in the browser.
//!
//! Stopping: Ctrl-C reaches both processes (the terminal signals the whole group), but a SIGTERM
//! or SIGHUP sent to explainer alone (a service manager, a closed terminal, `kill`) used to leave
//! `zola serve` running. On Unix, SIGINT, SIGTERM and SIGHUP are caught once Zola runs, passed on
//! to it, and explainer exits when it has ended (status 128 + the signal's number).
//!
//! What it gets wrong: polling, not file-system events: an edit shows up within about half a
//! second; a change that keeps a file's length and modification time (rare) is missed.

use crate::build::{self, BuildOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, SystemTime};

/// The stop signal received while `zola serve` runs (0: none). Set by the signal handler, which
/// may do nothing else (async-signal safety); the main thread polls it.
static STOP: AtomicI32 = AtomicI32::new(0);

#[cfg(unix)]
extern "C" fn on_stop_signal(sig: libc::c_int) {
    STOP.store(sig, Ordering::SeqCst);
}

/// Catches SIGINT, SIGTERM and SIGHUP into [`STOP`].
#[cfg(unix)]
fn catch_stop_signals() {
    let handler: extern "C" fn(libc::c_int) = on_stop_signal;
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only stores into an atomic, which is async-signal safe.
        unsafe {
            libc::signal(sig, handler as libc::sighandler_t);
        }
    }
}

#[cfg(not(unix))]
fn catch_stop_signals() {}

/// Passes a stop signal on to the child.
#[cfg(unix)]
fn forward(child: &std::process::Child, sig: i32) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with the pid of our own child, not yet reaped (so not reused).
        unsafe {
            libc::kill(pid, sig);
        }
    }
}

#[cfg(not(unix))]
fn forward(child: &mut std::process::Child, _sig: i32) {
    let _ = child.kill();
}

/// The Zola version the theme is written for.
pub const ZOLA_SERIES: &str = "0.23";

/// What to say when Zola is not installed.
pub const NO_ZOLA: &str = "zola is not installed (not found on PATH), so the site sources were written but not built.\n\
  Install Zola 0.23: https://www.getzola.org/documentation/getting-started/installation/\n\
  then run `zola build` (or `explainer build` again) in the site root. `--no-zola` skips this step.";

/// The version Zola reports (`zola 0.23.6` → `0.23.6`), or `None` when it is not on PATH.
pub fn zola_version() -> Option<String> {
    let out = Command::new("zola").arg("--version").stdin(Stdio::null()).output().ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    Some(s.trim().trim_start_matches("zola").trim().to_string())
}

/// Warns when the installed Zola is not of the series the theme is written for.
pub fn warn_version(v: &str) {
    if !v.starts_with(&format!("{ZOLA_SERIES}.")) {
        eprintln!(
            "warning: zola {v} is installed; the theme is written for Zola {ZOLA_SERIES} (Tera 2) and may not build with it. \
             Install Zola {ZOLA_SERIES}: https://www.getzola.org/documentation/getting-started/installation/"
        );
    }
}

/// Runs `zola build` in the site root. True when it succeeded.
pub fn zola_build(root: &Path, base_url: Option<&str>) -> bool {
    eprintln!("running zola build…");
    let mut cmd = Command::new("zola");
    cmd.arg("build");
    if let Some(u) = base_url {
        cmd.args(["--base-url", u]);
    }
    match cmd.current_dir(root).stdin(Stdio::null()).status() {
        Ok(s) if s.success() => true,
        Ok(s) => {
            eprintln!("error: zola build failed ({s}); the messages above say where");
            false
        }
        Err(e) => {
            eprintln!("error: cannot run zola: {e}");
            false
        }
    }
}

/// A cheap picture of `seeds/`: every file's path, length and modification time.
pub fn snapshot(root: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    walkdir::WalkDir::new(root.join("seeds"))
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().ok();
            (e.path().to_path_buf(), m.as_ref().map_or(0, |m| m.len()), m.and_then(|m| m.modified().ok()))
        })
        .collect()
}

fn run_build(opts: &BuildOptions, first: bool) -> bool {
    match build::build(opts) {
        Ok(r) => {
            if first || !r.extracted.is_empty() || r.removed > 0 || r.failed() {
                eprintln!("{}", r.summary(20));
            }
            true
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

/// `explainer serve`.
pub fn serve(opts: &BuildOptions, zola_args: &[String]) -> ExitCode {
    let Some(v) = zola_version() else {
        eprintln!(
            "error: `explainer serve` needs Zola, which is not installed (not found on PATH).\n  \
             Install Zola {ZOLA_SERIES}: https://www.getzola.org/documentation/getting-started/installation/\n  \
             Meanwhile `explainer build --no-zola` writes the site sources."
        );
        return ExitCode::FAILURE;
    };
    warn_version(&v);
    // The editor preview: every page extracted now gets its settings snippets, and the pages
    // built before (not extracted again) get theirs from their explainer.json.
    let opts = &BuildOptions { preview: true, ..opts.clone() };
    if !run_build(opts, true) {
        return ExitCode::FAILURE;
    }
    match crate::edit::snippet::fill_previews(&opts.root) {
        Ok(n) if n > 0 => eprintln!("editor preview: settings snippets written for {n} page(s)"),
        Ok(_) => {}
        Err(e) => eprintln!("warning: editor preview: {e}"),
    }
    // Caught from here on (the child starts with default handlers: exec resets caught signals).
    catch_stop_signals();
    let mut child = match Command::new("zola").arg("serve").args(zola_args).current_dir(&opts.root).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot run zola serve: {e}");
            return ExitCode::FAILURE;
        }
    };
    let watch = BuildOptions { wait: true, progress: false, ..opts.clone() };
    std::thread::spawn(move || {
        let mut last = snapshot(&watch.root);
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now = snapshot(&watch.root);
            if now != last {
                // Let an editor finish writing (save = truncate + write) before reading.
                std::thread::sleep(Duration::from_millis(100));
                last = snapshot(&watch.root);
                eprintln!("seeds/ changed; rebuilding…");
                run_build(&watch, false);
            }
        }
    });
    loop {
        match child.try_wait() {
            Ok(Some(s)) if s.success() => return ExitCode::SUCCESS,
            Ok(Some(_)) => return ExitCode::FAILURE,
            Ok(None) => {}
            Err(e) => {
                eprintln!("error: zola serve: {e}");
                return ExitCode::FAILURE;
            }
        }
        let sig = STOP.load(Ordering::SeqCst);
        if sig != 0 {
            #[cfg(unix)]
            forward(&child, sig);
            #[cfg(not(unix))]
            forward(&mut child, sig);
            // Zola stops at once on these signals; make sure it does.
            for _ in 0..50 {
                if !matches!(child.try_wait(), Ok(None)) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
                let _ = child.wait();
            }
            return ExitCode::from(128u8.saturating_add(u8::try_from(sig).unwrap_or(0)));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
