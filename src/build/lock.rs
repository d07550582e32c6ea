//! The build lock: one `explainer build` (or `serve` rebuild) at a time per site.
//!
//! In: the site root. Out: a guard holding an exclusive lock on `.explainer/lock`
//! (`std::fs::File::try_lock`, an OS advisory lock released when the process ends, even on a
//! crash). A second build refuses with a clear message, or waits when asked to (`--wait`).
//!
//! What it gets wrong: on file systems without locks (some network mounts) the lock call fails;
//! the error says so.

use crate::error::{Error, ErrorKind, Result};
use std::fs::{File, TryLockError};
use std::path::Path;

/// Held for the duration of a build; dropping it releases the lock.
#[derive(Debug)]
pub struct Guard {
    _file: File,
}

pub const SHOWN: &str = ".explainer/lock";

/// Takes the lock. `wait`: block until the other build is done; otherwise refuse at once.
pub fn acquire(root: &Path, wait: bool) -> Result<Guard> {
    let dir = root.join(".explainer");
    std::fs::create_dir_all(&dir).map_err(|e| Error::write(".explainer", &e))?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("lock"))
        .map_err(|e| Error::write(SHOWN, &e))?;
    match file.try_lock() {
        Ok(()) => Ok(Guard { _file: file }),
        Err(TryLockError::WouldBlock) if wait => {
            eprintln!("waiting for another explainer build in this site to finish ({SHOWN})…");
            file.lock().map_err(|e| lock_failed(&e))?;
            Ok(Guard { _file: file })
        }
        Err(TryLockError::WouldBlock) => Err(Error::new(ErrorKind::Locked, "another explainer build is running in this site")
            .in_file(SHOWN)
            .hint("wait for it to finish, or run again with --wait to wait for it")),
        Err(TryLockError::Error(e)) => Err(lock_failed(&e)),
    }
}

fn lock_failed(e: &std::io::Error) -> Error {
    Error::new(ErrorKind::Locked, format!("cannot lock the site for building: {e}"))
        .in_file(SHOWN)
        .hint("the file system may not support locks; build from a local disk")
}
