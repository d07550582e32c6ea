//! The journal: what a build is about to write, recorded before it writes it, so a build killed
//! at any moment (`kill -9`, a power cut aside) leaves nothing the next build takes for a hand
//! edit.
//!
//! In/out: `.explainer/pending` at the site root, one line per file about to be written:
//! `path<TAB>hash length` (the [`FileRecord`] of the bytes about to go there). Every write of a
//! generated file (a bundle's files, a page, a stakeholder page, the CSS; staged bundles before
//! they are moved into place) is appended here first, by one `write` call on a file opened for
//! appending, so the line is on disk (in the page cache, which a killed process does not lose)
//! before the file is. The build that saves its manifest removes the journal (or keeps the lines
//! of files on disk that its manifest does not record as they are: a seed that failed part way
//! through writing keeps its old records, see [`Journal::settle`]); a build that finds
//! one treats a file as its own when it matches its manifest record *or* a pending record
//! ([`Pending::wrote`]): it is what a killed build wrote, so it is overwritten or deleted like any
//! generated file, never reported as "changed by hand". A journal outlives several killed builds
//! (lines are appended, never truncated) until one build completes. Leftover temporary files
//! (`.<name>.tmp<pid>`) beside pending files and folders left empty are removed by the next
//! build.
//!
//! Fault injection for the crash tests: with `EXPLAINER_ABORT_AFTER_WRITES=N` the process
//! aborts (`std::process::abort`, like a `kill -9`) just before its N-th file-system change
//! ([`fault_point`]: a journal append, a file written or renamed, a file or folder removed).
//!
//! `EXPLAINER_FAIL_WRITES=TEXT` makes every write to a path containing TEXT fail
//! ([`injected_failure`]), for the tests of write failures.
//!
//! What it gets wrong: without `fsync`, a power cut (not a killed process) can lose journal lines
//! whose files the disk kept; then the next build reports those files as changed by hand.

use super::manifest::FileRecord;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The journal's path relative to the site root.
pub const PATH: &str = ".explainer/pending";

static FAULT_POINTS: AtomicUsize = AtomicUsize::new(0);

fn abort_limit() -> Option<usize> {
    static LIMIT: OnceLock<Option<usize>> = OnceLock::new();
    *LIMIT.get_or_init(|| std::env::var("EXPLAINER_ABORT_AFTER_WRITES").ok().and_then(|v| v.parse().ok()))
}

/// Called before every file-system change a build makes: aborts the process at the N-th when
/// `EXPLAINER_ABORT_AFTER_WRITES=N` is set (see the module doc).
pub fn fault_point() {
    if let Some(n) = abort_limit() {
        if FAULT_POINTS.fetch_add(1, Ordering::SeqCst) + 1 >= n {
            std::process::abort();
        }
    }
}

/// With `EXPLAINER_ABORT_AFTER_WRITES` set: how many fault points the run passed without
/// reaching N (the CLI prints it, so a test knows how many moments a build has).
pub fn fault_points_passed() -> Option<usize> {
    abort_limit().map(|_| FAULT_POINTS.load(Ordering::SeqCst))
}

/// Test hook for failing writes (the crash and hostile tests; a read-only or full disk cannot be
/// made by a test running as root): with `EXPLAINER_FAIL_WRITES=TEXT`, writing or moving a file
/// or folder to a path containing TEXT fails as on a full disk.
pub fn injected_failure(path: &Path) -> std::io::Result<()> {
    static PATTERN: OnceLock<Option<String>> = OnceLock::new();
    match PATTERN.get_or_init(|| std::env::var("EXPLAINER_FAIL_WRITES").ok().filter(|p| !p.is_empty())) {
        Some(p) if path.to_string_lossy().contains(p.as_str()) => {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device (EXPLAINER_FAIL_WRITES)"))
        }
        _ => Ok(()),
    }
}

/// Records of files a killed build may have written, by path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pending {
    pub files: BTreeMap<String, Vec<FileRecord>>,
}

impl Pending {
    /// Reads the journal left by killed builds (none: empty). A torn last line is ignored (its
    /// file was not written yet: the line goes first).
    pub fn load(root: &Path) -> Pending {
        let mut p = Pending::default();
        let Ok(text) = std::fs::read(root.join(PATH)) else { return p };
        let text = String::from_utf8_lossy(&text);
        let complete = text.rfind('\n').map_or("", |i| &text[..i]);
        for line in complete.lines() {
            let Some((path, rec)) = line.split_once('\t') else { continue };
            let Some(rec) = FileRecord::from_disk(rec) else { continue };
            let v = p.files.entry(path.to_string()).or_default();
            if !v.contains(&rec) {
                v.push(rec);
            }
        }
        p
    }

    /// Whether `bytes` at `path` are what a killed build was about to write there.
    pub fn wrote(&self, path: &str, bytes: &[u8]) -> bool {
        self.files.get(path).is_some_and(|v| v.iter().any(|r| r.matches(bytes)))
    }

    /// Whether a file of this length may be what a killed build wrote (the cheap check of
    /// [`super::manifest::Manifest::intact`]).
    pub fn may_have_len(&self, path: &str, len: u64) -> bool {
        self.files.get(path).is_some_and(|v| v.iter().any(|r| r.len == len))
    }

    /// Removes temporary files (`.<name>.tmp<digits>`) that a killed build left in the folders of
    /// pending files. Returns how many.
    pub fn remove_leftover_temporaries(&self, root: &Path) -> usize {
        let dirs: std::collections::BTreeSet<PathBuf> =
            self.files.keys().filter_map(|p| Path::new(p).parent().map(|d| root.join(d))).collect();
        let mut n = 0;
        for d in dirs {
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if is_temporary(&name) && e.file_type().is_ok_and(|t| t.is_file()) {
                    fault_point();
                    if std::fs::remove_file(e.path()).is_ok() {
                        n += 1;
                    }
                }
            }
        }
        n
    }
}

/// A temporary file of `emit::replace_in_existing_dir`: `.<name>.tmp<pid>`.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.rsplit_once(".tmp").is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// The journal of the running build: appends records before their files are written.
pub struct Journal {
    file: Mutex<Option<std::fs::File>>,
    root: PathBuf,
}

impl Journal {
    /// A journal for the build of `root`; the file is opened at the first record.
    pub fn new(root: &Path) -> Journal {
        Journal { file: Mutex::new(None), root: root.to_path_buf() }
    }

    /// Records that these files are about to be written with these bytes' records. An error
    /// here stops the write (a file not journaled could look hand-edited after a crash).
    pub fn record<'a>(&self, files: impl IntoIterator<Item = (&'a str, &'a FileRecord)>) -> std::io::Result<()> {
        let mut buf = String::new();
        for (p, r) in files {
            buf.push_str(p);
            buf.push('\t');
            buf.push_str(&r.to_disk());
            buf.push('\n');
        }
        if buf.is_empty() {
            return Ok(());
        }
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            std::fs::create_dir_all(self.root.join(".explainer"))?;
            *guard = Some(std::fs::OpenOptions::new().create(true).append(true).open(self.root.join(PATH))?);
        }
        fault_point();
        guard.as_mut().expect("opened above").write_all(buf.as_bytes())
    }

    /// Once the manifest is saved (`files`: its records): removes the journal, or, when some
    /// journaled file on disk is not as the manifest records it (a seed failed part way through
    /// writing its bundle and keeps its old records), rewrites it with just those records,
    /// sorted. Only paths whose manifest record is none of their pending records are read, so
    /// a build without failures reads nothing.
    pub fn settle(root: &Path, files: &BTreeMap<String, FileRecord>) -> std::io::Result<()> {
        let path = root.join(PATH);
        if !path.exists() {
            return Ok(());
        }
        let pending = Pending::load(root);
        let mut keep = String::new();
        for (p, recs) in &pending.files {
            if files.get(p).is_some_and(|r| recs.contains(r)) {
                continue;
            }
            let Ok(bytes) = std::fs::read(root.join(p)) else { continue };
            for r in recs.iter().filter(|r| r.matches(&bytes) && files.get(p) != Some(*r)) {
                keep.push_str(&format!("{p}\t{}\n", r.to_disk()));
            }
        }
        fault_point();
        if keep.is_empty() {
            return std::fs::remove_file(&path);
        }
        let out = crate::emit::OutFile { path: PathBuf::from(PATH), bytes: keep.into_bytes() };
        crate::emit::replace_atomic(root, &out).map_err(|e| std::io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_a_torn_line_is_ignored() {
        let dir = std::env::temp_dir().join(format!("explainer-journal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let j = Journal::new(&dir);
        let a = FileRecord::of(b"one");
        let b = FileRecord::of(b"two");
        j.record([("content/a/index.md", &a)]).unwrap();
        j.record([("content/a/index.md", &b), ("static/x.css", &a)]).unwrap();
        drop(j);
        let mut f = std::fs::OpenOptions::new().append(true).open(dir.join(PATH)).unwrap();
        f.write_all(b"content/torn\tx3:00").unwrap();
        let p = Pending::load(&dir);
        assert!(p.wrote("content/a/index.md", b"one") && p.wrote("content/a/index.md", b"two") && p.wrote("static/x.css", b"one"));
        assert!(!p.wrote("content/a/index.md", b"three") && !p.files.contains_key("content/torn"));
        // The manifest lists one of the two versions of index.md, and static/x.css is on disk as
        // pending: only that record stays.
        std::fs::create_dir_all(dir.join("static")).unwrap();
        std::fs::write(dir.join("static/x.css"), b"one").unwrap();
        let mut files = BTreeMap::new();
        files.insert("content/a/index.md".to_string(), b.clone());
        Journal::settle(&dir, &files).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join(PATH)).unwrap(), format!("static/x.css\t{}\n", a.to_disk()));
        files.insert("static/x.css".to_string(), a.clone());
        Journal::settle(&dir, &files).unwrap();
        assert!(!dir.join(PATH).exists());
        let _ = std::fs::remove_dir_all(&dir);
        assert!(is_temporary(".index.md.tmp1234") && !is_temporary("index.md") && !is_temporary(".index.md.tmp"));
    }
}
