//! Build: every seed → the Zola site sources (then `zola build`, driven by the CLI).
//!
//! In: a site root with `seeds/`. Out: `content/explainers/<slug>/` bundles, the manifest
//! `.explainer/manifest.json`, and a [`Report`] of what was built, left unchanged, skipped (and
//! why). A bad seed is reported with its file (and line) and skipped; the others are still built.
//!
//! How, in four steps:
//! 1. **Find and prepare** (parallel, rayon): walk `seeds/` ([`discover`]), read each seed and its
//!    settings ([`settings`]), and compute its key (seed SHA-256 + options + tool fingerprint
//!    [`TOOL`]). A seed whose key matches the manifest and whose files are still there is not
//!    re-extracted. Other seeds are decoded and cleaned, which gives their headline. A seed whose
//!    length and file times equal its stamp in `.explainer/stamps` is not even read: its SHA-256
//!    is taken from the stamp ([`stamps`] says when that can be wrong; `--rehash` reads all).
//! 2. **Slugs** (sequential, in seed-path order): the headline's slug, unless it is taken (by an
//!    earlier seed or a hand-written page in `content/explainers/`); then the slug gets the first
//!    8 hex digits of the SHA-256 of the seed's path. So slugs depend only on the set of seeds and
//!    hand-written pages, never on thread timing.
//! 3. **Extract and write** (parallel): segment, extract, emit, and write each bundle file
//!    atomically (temp file + rename). A file is only overwritten when the manifest says this tool
//!    wrote it and it is unchanged since; a hand-written or hand-edited file stops that seed with a
//!    message instead. A new bundle (its folder does not exist yet: every bundle of a cold build)
//!    is written into a staging folder, `.explainer/staging/<slug>/` ([`STAGING`]), which the
//!    related pass moves into place once the page is in it: each file is still written to a
//!    temporary place and renamed, readers (and a `zola serve` watching) see the whole bundle or
//!    none of it, and a cold build makes one rename per bundle instead of six, none of them in
//!    the crowded `content/explainers/`. When the staging folder is on another file system the
//!    files are copied over one by one, each atomically, the page last. Bundles staged by a build
//!    that was killed are removed by the next build.
//!    Each bundle's `index.md` is checked here but held back: the related pass writes it with
//!    its related-explainers list in the front matter (the list needs every article), so a cold
//!    build writes every file once; a page not extracted again is rewritten only when its list
//!    changed, and the pass is skipped when nothing it reads changed since the last one. Then
//!    the site CSS (`static/explainer.css`, from the theme's CSS by lightningcss) and the
//!    stakeholder pages (`content/actors/`).
//! 4. **Clean up**: generated files no seed makes any more (removed or failing seeds, changed
//!    slugs) are deleted when unchanged since they were written; the manifest is saved.
//!
//! The whole run holds `.explainer/lock` ([`lock`]), so two builds never interleave.
//!
//! Crash consistency: every generated file is recorded in the journal `.explainer/pending`
//! ([`journal`]) before it is written, so a build killed at any moment leaves files the next
//! build recognises as its own and completes to what an uninterrupted build writes
//! (`tests/crash.rs`).
//!
//! Failures: a seed over [`crate::ingest::MAX_SEED_BYTES`] or whose bundle would exceed
//! [`output_budget`] is skipped with a message naming it. A file that cannot be written is an
//! error ([`Report::errors`], or the seed's failure), never a note: the run's exit status is
//! non-zero. A new bundle that cannot be moved into place is not built and not listed on any
//! other page (the related pass runs again without it; the stakeholder pages are written after).
//!
//! A seed that fails after having been built keeps the pages of its last good build (and is
//! reported as failed); a seed that was removed loses its pages.
//!
//! What it gets wrong: warnings of unchanged (cached) seeds are not shown again; no time budget
//! per seed (work is bounded by the caps of `segment`, `sources` and `relations` instead).

pub mod discover;
pub mod journal;
pub mod lock;
pub mod manifest;
pub mod progress;
pub mod settings;
pub mod stamps;

use crate::emit::OutFile;
use crate::error::{Error, ErrorKind, Result};
use crate::extract::Options;
use crate::model::{CleanArticle, Diagnostic};
use discover::{Ignored, SeedFile};
use journal::{fault_point, Journal, Pending};
use manifest::{Entry, FileRecord, Manifest};
use stamps::{Stamp, Stamps};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The tool fingerprint: crate version + a hash of the sources and lexicons it was built from.
/// A seed built by another fingerprint is re-extracted.
pub const TOOL: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("EXPLAINER_SOURCE_HASH"));

/// Where generated bundles go, relative to the site root.
pub const BUNDLES: &str = "content/explainers";

/// What a build run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Seeds that have their pages (extracted now or unchanged), in path order.
    pub built: Vec<String>,
    /// Of those, the seeds extracted by this run.
    pub extracted: Vec<String>,
    /// Seeds (and folders) that failed: their pages are not built. Non-zero exit status.
    pub skipped: Vec<Error>,
    /// Files in `seeds/` that are not seeds, with why (not failures).
    pub ignored: Vec<Ignored>,
    /// Things the editor should know: renamed slugs, kept hand-edited files, a damaged manifest.
    pub notes: Vec<String>,
    /// Generated files that could not be written (a full or read-only disk): failures, counted
    /// in the summary, non-zero exit status.
    pub errors: Vec<String>,
    /// Warnings about seeds extracted by this run (`file:line:col: message`).
    pub warnings: Vec<String>,
    /// Files written (new or changed).
    pub written: usize,
    /// Stale generated files deleted.
    pub removed: usize,
}

impl Report {
    pub fn failed(&self) -> bool {
        !self.skipped.is_empty() || !self.errors.is_empty()
    }

    /// Seeds whose pages were already up to date.
    pub fn unchanged(&self) -> usize {
        self.built.len() - self.extracted.len()
    }

    /// The end-of-run summary, several lines, for stderr. A list longer than `max_lines` shows
    /// its first few items, then how many of each kind ([`kind_of`]) and where the rest is
    /// (`--report FILE`, `--verbose`); `usize::MAX` lists everything.
    pub fn summary(&self, max_lines: usize) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let listed = |s: &mut String, head: &str, items: Vec<String>| {
            if items.is_empty() {
                return;
            }
            let _ = writeln!(s, "{head} ({}):", items.len());
            if items.len() <= max_lines {
                for i in &items {
                    let _ = writeln!(s, "  {i}");
                }
                return;
            }
            let examples = max_lines.min(5);
            for i in items.iter().take(examples) {
                let _ = writeln!(s, "  {i}");
            }
            let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
            for i in &items {
                *kinds.entry(kind_of(i)).or_default() += 1;
            }
            let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let _ = writeln!(s, "  … {} more; by kind:", items.len() - examples);
            for (k, n) in kinds.iter().take(max_lines.max(1)) {
                let _ = writeln!(s, "    {n} × {k}");
            }
            if kinds.len() > max_lines.max(1) {
                let _ = writeln!(s, "    … and {} other kinds", kinds.len() - max_lines.max(1));
            }
            let _ = writeln!(s, "  (all of them: explainer build --report FILE, or --verbose)");
        };
        listed(&mut s, "skipped, not built", self.skipped.iter().map(|e| e.to_string()).collect());
        listed(&mut s, "could not write", self.errors.clone());
        listed(&mut s, "passed over in seeds/", self.ignored.iter().map(|i| format!("{}: {}", i.file, i.reason)).collect());
        listed(&mut s, "notes", self.notes.clone());
        listed(&mut s, "warnings", self.warnings.clone());
        if !self.errors.is_empty() {
            let _ = write!(s, "{} file(s) could not be written; ", self.errors.len());
        }
        let _ = write!(
            s,
            "built {} explainer(s): {} extracted, {} unchanged; {} skipped; wrote {} file(s), removed {} stale file(s)",
            self.built.len(),
            self.extracted.len(),
            self.unchanged(),
            self.skipped.len(),
            self.written,
            self.removed
        );
        s
    }
}

/// The kind of a report line, for the summary by kind: the message without its
/// `file:line:col: ` prefix, quoted parts and numbers blanked ("\"Sept 26\": no publication
/// date …" and "\"Monday\": no publication date …" are one kind), cut at its first `;`.
pub fn kind_of(item: &str) -> String {
    // The prefix: a path, then optional `:line` and `:col`.
    let mut rest = item;
    if let Some((head, tail)) = item.split_once(": ") {
        if !head.contains(' ') || head.starts_with("seeds/") || head.starts_with("content/") {
            rest = tail;
        }
    }
    let rest = rest.split(';').next().unwrap_or(rest);
    let mut out = String::with_capacity(rest.len().min(120));
    let mut in_quote = false;
    let mut last_digit = false;
    for c in rest.chars() {
        if c == '"' {
            if !in_quote {
                out.push_str("\"…\"");
            }
            in_quote = !in_quote;
            continue;
        }
        if in_quote {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('N');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
        if out.len() > 110 {
            out.push('…');
            break;
        }
    }
    out.trim().to_string()
}

/// Options of `explainer build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub extract: Options,
    /// Worker threads; `None`: rayon's default (`RAYON_NUM_THREADS` or the number of CPUs).
    pub jobs: Option<usize>,
    /// Wait for another build holding the lock instead of refusing.
    pub wait: bool,
    /// Draw progress on stderr (the CLI sets it with [`progress::wanted`]).
    pub progress: bool,
    /// Read and hash every seed, even those whose length and times match their stamp in
    /// `.explainer/stamps` (see [`stamps`]).
    pub rehash: bool,
    /// Write the editors' settings snippets of each page extracted now to
    /// `.explainer/preview/` before its bundle (`explainer serve`; see
    /// [`crate::edit::snippet::preview`]).
    pub preview: bool,
    /// Read seeds that symlinks lead to outside the site root (see [`discover`]).
    pub follow_outside: bool,
    /// Bytes a bundle may have per byte of its seed's text, plus 16 KiB, instead of
    /// [`output_budget`] (for tests).
    pub budget_per_byte: Option<usize>,
}

/// Builds the site sources for every seed.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let root = &opts.root;
    if !root.join("seeds").is_dir() {
        return Err(Error::new(ErrorKind::Config, "no seeds/ folder here")
            .in_file(root)
            .hint("run explainer from the site root (or pass --root), or create seeds/ and put article .txt files in it"));
    }
    let _lock = lock::acquire(root, opts.wait)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.jobs {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool
        .build()
        .map_err(|e| Error::new(ErrorKind::Config, format!("cannot start worker threads: {e}")).hint("try --jobs 1"))?;
    pool.install(|| build_locked(opts))
}

/// A seed after step 1.
enum Prep {
    Failed(Error),
    /// Unchanged since the manifest's build.
    Cached(Entry),
    Fresh(Box<Fresh>),
}

struct Fresh {
    article: CleanArticle,
    opts: Options,
    /// The editor's corrections, when the seed has a settings file.
    edits: Option<crate::edit::Edits>,
    options_key: String,
    base_slug: String,
}

fn sha_hex(bytes: &[u8]) -> String {
    crate::ingest::hex(&Sha256::digest(bytes))
}

fn options_key(opts: &Options, settings: Option<&settings::Settings>) -> String {
    // Debug output of the options and edits covers fields added later; the tool fingerprint
    // covers the meaning of each. Edits count with their lines: a note names the line.
    match settings {
        None => sha_hex(format!("{opts:?}").as_bytes())[..16].to_string(),
        Some(s) => sha_hex(format!("{opts:?}{:?}{:?}", s.slug, s.edits).as_bytes())[..16].to_string(),
    }
}

/// Runs `f`, turning a panic into an error naming the seed (a bug, but one seed must not stop
/// the build of the others).
fn guarded<T>(file: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Error::new(ErrorKind::NoArticle, format!("internal error while processing this seed: {msg}"))
                .in_file(file)
                .hint("this is a bug in explainer; please report it with the seed file"))
        }
    }
}

/// What step 1 knows before it reads a seed.
struct PrepCtx<'a> {
    root: &'a Path,
    base: &'a Options,
    old: &'a Manifest,
    tool_ok: bool,
    stamps: &'a Stamps,
    /// `--rehash`: stamps are not trusted.
    rehash: bool,
    start: std::time::SystemTime,
}

/// Step 1 for one seed. Also returns the seed's stamp and SHA-256 when the stamp can be kept.
fn prepare(c: &PrepCtx<'_>, s: &SeedFile) -> (Prep, Option<(Stamp, String)>) {
    let mut record = None;
    let r = guarded(&s.file, || {
        // Stat before reading: a change after the stat gives a newer stamp next time.
        let stamp = std::fs::metadata(&s.path).ok().and_then(|m| Stamp::of(&m));
        let known = if c.rehash { None } else { stamp.and_then(|st| c.stamps.sha(&s.file, st)).map(str::to_string) };
        let mut bytes = match known {
            Some(_) => None,
            None => Some(crate::ingest::read_bytes(&s.path, &s.file)?),
        };
        let settings = match &s.settings {
            Some((p, shown)) => {
                let b = std::fs::read(p).map_err(|e| Error::io(shown, &e))?;
                Some(settings::parse(shown, &b, c.base)?)
            }
            None => None,
        };
        let key = options_key(settings.as_ref().map_or(c.base, |s| &s.opts), settings.as_ref());
        let sha = match &bytes {
            Some(b) => sha_hex(b),
            None => known.unwrap_or_default(),
        };
        record = stamp.filter(|st| st.settled(c.start)).map(|st| (st, sha.clone()));
        if c.tool_ok {
            if let Some(e) = c.old.entry(&s.file) {
                if e.sha256 == sha && e.options == key && c.old.intact(c.root, e) {
                    return Ok(Prep::Cached(e.clone()));
                }
            }
        }
        let bytes = match bytes.take() {
            Some(b) => b,
            None => {
                // Known by its stamp but wanted anyway: the stamp keeps the hash of what is read
                // now (a stamp holding a wrong hash would otherwise stay).
                let b = crate::ingest::read_bytes(&s.path, &s.file)?;
                record = stamp.filter(|st| st.settled(c.start)).map(|st| (st, sha_hex(&b)));
                b
            }
        };
        let seed = crate::ingest::decode(&s.file, &bytes)?;
        drop(bytes);
        let article = crate::clean::clean(seed);
        let (opts, slug, edits) = match settings {
            Some(s) => (s.opts, s.slug, Some(s.edits)),
            None => (c.base.clone(), None, None),
        };
        let base_slug = slug.unwrap_or_else(|| crate::slug::slugify_title(&article.title));
        Ok(Prep::Fresh(Box::new(Fresh { article, opts, edits, options_key: key, base_slug })))
    });
    match r {
        Ok(p) => (p, record),
        Err(e) => (Prep::Failed(e), None),
    }
}

/// Slugs taken in `content/explainers/` by pages this tool did not write, and folders that look
/// generated (they hold an `explainer.json`) though the manifest does not list them.
fn scan_bundles(root: &Path, old: &Manifest) -> (BTreeSet<String>, BTreeSet<String>) {
    let tracked: BTreeSet<&str> = old.seeds.iter().map(|e| e.slug.as_str()).collect();
    let mut reserved = BTreeSet::new();
    let mut adopted = BTreeSet::new();
    let Ok(rd) = std::fs::read_dir(root.join(BUNDLES)) else { return (reserved, adopted) };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(['_', '.']) {
            continue;
        }
        if tracked.contains(name.as_str()) {
            continue;
        }
        let p = e.path();
        if p.is_dir() {
            let looks_generated = std::fs::read(p.join("explainer.json"))
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_some_and(|v| v.get("schema").and_then(|s| s.as_str()) == Some(crate::wire::SCHEMA));
            if looks_generated {
                adopted.insert(name);
            } else {
                reserved.insert(crate::slug::kebab(&name));
                reserved.insert(name);
            }
        } else if let Some(stem) = name.strip_suffix(".md") {
            reserved.insert(crate::slug::kebab(stem));
            reserved.insert(stem.to_string());
        }
    }
    (reserved, adopted)
}

/// Step 2: a unique slug for a seed.
fn unique_slug(base: &str, file: &str, used: &BTreeSet<String>) -> String {
    if !used.contains(base) {
        return base.to_string();
    }
    let h = sha_hex(file.as_bytes());
    for n in [8, 16, 64] {
        let s = format!("{base}-{}", &h[..n]);
        if !used.contains(&s) {
            return s;
        }
    }
    (2..).map(|i| format!("{base}-{h}-{i}")).find(|s| !used.contains(s)).expect("some suffix is free")
}

/// Where new bundles are written before they are moved into `content/explainers/`, relative to
/// the site root: outside `content/`, so Zola never sees a bundle being written, and on the same
/// file system as the site (usually), so the move is one rename. Emptied by every build.
pub const STAGING: &str = ".explainer/staging";

/// Moves a staged bundle into place: one rename, or (when the staging folder is on another file
/// system than `content/`) a copy of each file, written atomically, the page last.
fn publish(st: &Staged) -> std::io::Result<()> {
    fault_point();
    journal::injected_failure(&st.dest)?;
    match std::fs::rename(&st.tmp, &st.dest) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() != std::io::ErrorKind::CrossesDevices => return Err(e),
        Err(_) => {}
    }
    // Never into a folder that appeared meanwhile: `create_dir`, not `create_dir_all`.
    fault_point();
    std::fs::create_dir(&st.dest)?;
    let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(&st.tmp)?.map(|e| e.map(|e| e.file_name())).collect::<std::io::Result<_>>()?;
    names.sort_by_key(|n| (n == "index.md", n.clone()));
    for n in names {
        let f = OutFile { path: PathBuf::from(&n), bytes: std::fs::read(st.tmp.join(&n))? };
        crate::emit::replace_in_existing_dir(&st.dest, &f).map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    fault_point();
    std::fs::remove_dir_all(&st.tmp)
}

/// A page held back by step 3 for the related pass, with its bundle's staging folder when the
/// bundle is new (the folder moves into place once the page is in it).
type Page = (OutFile, Option<Staged>);

/// A new bundle written into its staging folder, waiting for its page.
struct Staged {
    /// Files written into it before its page (counted as written once it is in place).
    files: usize,
    /// The staging folder (absolute or relative to the working directory, like the root).
    tmp: PathBuf,
    /// The bundle's folder.
    dest: PathBuf,
}

/// What step 3 needs to know to write safely.
struct WriteCtx<'a> {
    root: &'a Path,
    /// [`BuildOptions::preview`].
    preview: bool,
    old: &'a Manifest,
    adopted: &'a BTreeSet<String>,
    /// What killed builds were about to write (see [`journal`]).
    pending: &'a Pending,
    /// Where this build records what it is about to write.
    journal: &'a Journal,
}

/// What to do with one generated file.
enum Plan {
    Unchanged,
    Write,
}

impl WriteCtx<'_> {
    /// Whether a file at `rel` with these bytes is one this tool wrote: its manifest record, or a
    /// record of the journal of a killed build.
    fn wrote(&self, rel: &str, rec: Option<&FileRecord>, bytes: &[u8]) -> bool {
        rec.is_some_and(|r| r.matches(bytes)) || self.pending.wrote(rel, bytes)
    }

    /// Journals a file about to be written (see [`journal`]).
    fn record(&self, rel: &str, rec: &FileRecord) -> Result<()> {
        self.journal.record([(rel, rec)]).map_err(|e| Error::write(journal::PATH, &e))
    }

    /// Decides whether a generated file may be written, refusing to replace what this tool did
    /// not write (or what was edited since it wrote it).
    fn plan(&self, f: &OutFile, slug: Option<&str>) -> Result<Plan> {
        let rel = crate::error::display_path(&f.path);
        let abs = self.root.join(&f.path);
        match std::fs::read(&abs) {
            Ok(existing) if existing == f.bytes => Ok(Plan::Unchanged),
            Ok(existing) => match self.old.files.get(&rel) {
                _ if self.pending.wrote(&rel, &existing) => Ok(Plan::Write),
                Some(rec) if rec.matches(&existing) => Ok(Plan::Write),
                Some(_) => Err(Error::new(ErrorKind::Write, "was changed by hand after explainer wrote it; not overwritten")
                    .in_file(&rel)
                    .hint("generated files are rewritten by every build: move your changes to a page of your own, delete this file, and build again")),
                None if slug.is_some_and(|s| self.adopted.contains(s)) => Ok(Plan::Write),
                None => Err(Error::new(ErrorKind::Write, "exists and was not written by explainer; not overwritten")
                    .in_file(&rel)
                    .hint("rename or move the hand-written file, then build again")),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Plan::Write),
            Err(e) if e.kind() == std::io::ErrorKind::IsADirectory || abs.is_dir() => {
                Err(Error::new(ErrorKind::Write, "is a folder where explainer writes a file; not touched")
                    .in_file(&rel)
                    .hint("rename or move the folder, then build again"))
            }
            Err(e) => Err(Error::io(&rel, &e)),
        }
    }

    /// Writes a set of files (one bundle): all are checked first, so a refusal writes nothing.
    /// `index.md` is checked but held back and returned: the related pass writes it once it
    /// knows the page's related explainers, so a cold build writes every file once. Returns
    /// how many files changed on disk and the held-back page (with the staging folder of a new
    /// bundle).
    ///
    /// A bundle whose folder does not exist (a new page: the usual case of a cold build) is
    /// written into a staging folder of its own, so nothing needs checking and no file needs a
    /// rename of its own: the related pass moves the folder into place with its page.
    fn write_all(&self, files: Vec<OutFile>, slug: Option<&str>) -> Result<(usize, Option<Page>)> {
        let dir = files.first().and_then(|f| f.path.parent()).filter(|d| files.iter().all(|f| f.path.parent() == Some(*d)));
        if let Some(staged) = dir.and_then(|d| self.stage(d)) {
            let mut written = 0;
            let mut index = None;
            for f in files {
                let name = f.path.file_name().unwrap_or_default();
                if name == "index.md" {
                    index = Some(f);
                } else if let Err(e) = {
                    fault_point();
                    journal::injected_failure(&staged.tmp.join(name)).and_then(|()| std::fs::write(staged.tmp.join(name), &f.bytes))
                } {
                    let _ = std::fs::remove_dir_all(&staged.tmp);
                    return Err(Error::write(crate::error::display_path(&f.path), &e));
                } else {
                    written += 1;
                }
            }
            return match index {
                Some(page) => Ok((0, Some((page, Some(Staged { files: written, ..staged }))))),
                // No page to wait for: the bundle moves into place now.
                None => match publish(&staged) {
                    Ok(()) => Ok((written, None)),
                    Err(e) => {
                        let _ = std::fs::remove_dir_all(&staged.tmp);
                        Err(Error::write(crate::error::display_path(staged.dest.strip_prefix(self.root).unwrap_or(&staged.dest)), &e))
                    }
                },
            };
        }
        let plans = files.iter().map(|f| self.plan(f, slug)).collect::<Result<Vec<Plan>>>()?;
        let mut written = 0;
        let mut index = None;
        for (f, p) in files.into_iter().zip(plans) {
            if f.path.file_name().is_some_and(|n| n == "index.md") {
                index = Some(f);
            } else if let Plan::Write = p {
                crate::emit::replace_atomic(self.root, &f)?;
                written += 1;
            }
        }
        Ok((written, index.map(|p| (p, None))))
    }

    /// A staging folder for the bundle folder `dir` (relative to the root) when `dir` does not
    /// exist yet; `None` otherwise (or when the staging folder cannot be made: then the bundle
    /// is written file by file, which reports any error with the file's name).
    fn stage(&self, dir: &Path) -> Option<Staged> {
        let dest = self.root.join(dir);
        match dest.symlink_metadata() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            _ => return None,
        }
        std::fs::create_dir_all(dest.parent()?).ok()?;
        let staging = self.root.join(STAGING);
        fault_point();
        std::fs::create_dir_all(&staging).ok()?;
        let tmp = staging.join(dir.file_name()?);
        std::fs::create_dir(&tmp).ok()?;
        Some(Staged { files: 0, tmp, dest })
    }
}

/// The result of step 3 for one seed.
struct Done {
    entry: Entry,
    /// Edits in the seed's settings file that matched nothing (`file:line: …`).
    edit_notes: Vec<String>,
    /// Records of the files written (or found unchanged) now: all but `index`.
    records: Vec<(String, FileRecord)>,
    written: usize,
    warnings: Vec<Diagnostic>,
    /// The page (`index.md`) without related explainers, for the related pass to write (and a
    /// new bundle's staging folder, for it to move into place with the page).
    index: Option<Page>,
}

fn extract_and_write(ctx: &WriteCtx<'_>, file: &str, fresh: Box<Fresh>, slug: &str, per_byte: Option<usize>) -> Result<Done> {
    guarded(file, || {
        let Fresh { article, opts, edits, options_key, base_slug } = *fresh;
        let sha256 = article.seed.sha256.clone();
        let x = crate::explain_cleaned(article, &opts);
        let (mut doc, notes) = crate::document(&x, edits.as_ref());
        doc.slug = slug.to_string();
        let title = doc.title.clone();
        let actors: Vec<(String, String)> = doc.stakeholders.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        let actor_details: Vec<(String, String)> = doc.stakeholders.iter().map(|s| (s.kind.clone(), s.role.clone().unwrap_or_default())).collect();
        if ctx.preview {
            // Before the bundle: `zola serve` re-renders the page when the bundle changes, and
            // must find its snippets up to date then.
            crate::edit::snippet::write_preview(ctx.root, slug, &doc)?;
        }
        let files = crate::emit::bundle_with(&x, doc, slug);
        let out: usize = files.iter().map(|f| f.bytes.len()).sum();
        let len = x.doc.article.seed.text.len();
        let budget = per_byte.map_or_else(|| output_budget(len), |b| (16 << 10) + b * len);
        if out > budget {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!("its pages would be {out} bytes, over the budget of {budget} bytes for a seed of this length; not built"),
            )
            .in_file(file)
            .hint("this seed is unusual (a long run of repeated phrases?); shorten it, or report it with the seed file"));
        }
        let paths: Vec<String> = files.iter().map(|f| crate::error::display_path(&f.path)).collect();
        let records: Vec<(String, FileRecord)> = files
            .iter()
            .filter(|f| f.path.file_name().is_none_or(|n| n != "index.md"))
            .map(|f| (crate::error::display_path(&f.path), FileRecord::of(&f.bytes)))
            .collect();
        ctx.journal.record(records.iter().map(|(p, r)| (p.as_str(), r))).map_err(|e| Error::write(journal::PATH, &e))?;
        // A file system failure names the seed too (the error names the file).
        let (written, index) = ctx.write_all(files, Some(slug)).map_err(|e| {
            if e.kind == ErrorKind::Write && e.message.starts_with("cannot ") {
                Error { message: format!("{}: {}", e.file.as_deref().unwrap_or(""), e.message), file: Some(file.to_string()), ..e }
            } else {
                e
            }
        })?;
        let entry = Entry {
            seed: file.to_string(),
            sha256,
            options: options_key,
            base_slug,
            slug: slug.to_string(),
            files: paths,
            title,
            actors,
            actor_details,
            weight: crate::emit::frontmatter::weight(x.doc.article.published.map(|p| (p.date.year, p.date.month, p.date.day))),
            related: String::new(),
        };
        Ok(Done { entry, edit_notes: notes, records, written, warnings: x.warnings, index })
    })
}

/// The most bytes a seed's bundle may have: [`OUTPUT_BUDGET_PER_BYTE`] per byte of its text
/// plus [`OUTPUT_BUDGET_BASE`]. An ordinary article makes ~25 bytes a byte; a seed over the
/// budget is skipped with a message naming it (the others are built).
pub fn output_budget(text_len: usize) -> usize {
    OUTPUT_BUDGET_BASE + OUTPUT_BUDGET_PER_BYTE * text_len
}
pub const OUTPUT_BUDGET_PER_BYTE: usize = 64;
pub const OUTPUT_BUDGET_BASE: usize = 4 << 20;

/// How many related explainers a page lists.
pub const RELATED_LIMIT: usize = 5;

/// Everything the related pass reads: each built seed's slug, title, stakeholders and the hash
/// of the list its page holds, in seed order, then the same of the failed seeds' kept pages
/// (see [`stamps`]), as XXH3-128.
fn related_key(entries: &[(usize, Entry)], kept: &[Entry]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    put(TOOL);
    put(&RELATED_LIMIT.to_string());
    put(&entries.len().to_string());
    for e in entries.iter().map(|(_, e)| e).chain(kept) {
        put(&e.slug);
        put(&e.title);
        put(&e.actors.len().to_string());
        for (id, name) in &e.actors {
            put(id);
            put(name);
        }
        put(&e.related);
    }
    format!("x3:{:032x}", h.digest128())
}

/// Writes each bundle's page (`index.md`) with its `related` list (other explainers sharing
/// stakeholders), which needs every article, so [`crate::emit::bundle`] cannot: the pages of
/// the seeds extracted now (`fresh`, by seed index, held back by step 3) are all written here;
/// the page of a seed not extracted again is rewritten only when its list changed. When nothing
/// was extracted and [`related_key`] equals `done_key`, the key saved after the last pass that
/// left every list up to date, every list is up to date still and nothing is read. Returns how
/// many files were written and the key to save ("" when some page could not be written).
///
/// The kept pages of failed seeds (`kept`) are listed on other pages but not rewritten: a
/// failed seed's files stay as its last good build left them.
fn related_pass(
    ctx: &WriteCtx<'_>,
    entries: &[(usize, Entry)],
    kept: &[Entry],
    mut fresh: BTreeMap<usize, Page>,
    files: &BTreeMap<String, FileRecord>,
    done_key: &str,
) -> RelatedDone {
    let (root, old) = (ctx.root, ctx.old);
    let mut out = RelatedDone::default();
    if fresh.is_empty() && !done_key.is_empty() && related_key(entries, kept) == done_key {
        out.key = Some(done_key.to_string());
        return out;
    }
    let inputs: Vec<crate::emit::view::RelatedInput> = entries
        .iter()
        .map(|(_, e)| e)
        .chain(kept)
        .map(|e| crate::emit::view::RelatedInput { slug: e.slug.clone(), title: e.title.clone(), actors: e.actors.clone() })
        .collect();
    let lists = crate::emit::view::related(&inputs, RELATED_LIMIT);
    let work: Vec<(usize, String, Option<Page>)> = lists
        .iter()
        .take(entries.len())
        .enumerate()
        .filter_map(|(k, list)| {
            let h = if list.is_empty() { String::new() } else { manifest::file_hash(serde_json::to_string(list).expect("related serialises").as_bytes()) };
            let page = fresh.remove(&entries[k].0);
            (page.is_some() || h != entries[k].1.related).then_some((k, h, page))
        })
        .collect();
    let done: Vec<(usize, String, String, bool, std::result::Result<(usize, FileRecord), WriteFailure>)> = work
        .into_par_iter()
        .map(|(k, h, page)| {
            let e = &entries[k].1;
            let rel = format!("{BUNDLES}/{}/index.md", e.slug);
            let (page, staged) = page.map_or((None, None), |(p, st)| (Some(p), st));
            let r = (|| {
                let base = match page {
                    // Step 3 checked that it may be written.
                    Some(p) => String::from_utf8(p.bytes).map_err(|_| WriteFailure::Refused(format!("{rel}: not UTF-8")))?,
                    None => {
                        if !e.files.contains(&rel) {
                            return Err(WriteFailure::Refused(format!("{rel}: not a generated file; related explainers not written")));
                        }
                        let old = std::fs::read(root.join(&rel)).map_err(|err| WriteFailure::Error(format!("{rel}: cannot read: {err}")))?;
                        if !ctx.wrote(&rel, files.get(&rel), &old) {
                            return Err(WriteFailure::Refused(format!("{rel}: changed by hand after explainer wrote it; related explainers not written")));
                        }
                        String::from_utf8(old).map_err(|_| WriteFailure::Refused(format!("{rel}: not UTF-8")))?
                    }
                };
                let text = crate::emit::frontmatter::with_related(&base, &lists[k])
                    .ok_or_else(|| WriteFailure::Refused(format!("{rel}: not a page explainer wrote; related explainers not written")))?;
                let f = OutFile { path: PathBuf::from(&rel), bytes: text.into_bytes() };
                let rec = FileRecord::of(&f.bytes);
                if files.get(&rel) != Some(&rec) || staged.is_some() {
                    ctx.record(&rel, &rec).map_err(|e| e.to_string()).map_err(WriteFailure::Error)?;
                }
                if let Some(st) = &staged {
                    // A new bundle: the page completes its staging folder, which then moves
                    // into place whole.
                    fault_point();
                    journal::injected_failure(&st.tmp.join("index.md"))
                        .and_then(|()| std::fs::write(st.tmp.join("index.md"), &f.bytes))
                        .map_err(|err| WriteFailure::Error(format!("{rel}: cannot write: {err}")))?;
                    publish(st).map_err(|err| WriteFailure::Error(format!("{rel}: cannot move the new bundle into place: {err}")))?;
                    return Ok((st.files + 1, rec));
                }
                let changed = crate::emit::write_atomic(root, &f).map_err(|e| WriteFailure::Error(e.to_string()))?;
                Ok((usize::from(changed), rec))
            })();
            if let (Err(_), Some(st)) = (&r, &staged) {
                let _ = std::fs::remove_dir_all(&st.tmp);
            }
            (k, h, rel, staged.is_some(), r)
        })
        .collect();
    let mut complete = true;
    for (k, h, rel, new_bundle, r) in done {
        match r {
            Ok((changed, rec)) => {
                out.records.push((rel, rec));
                out.related.push((k, h));
                out.written += changed;
            }
            Err(f) => {
                // A page that could not be written stays as it was, and tracked; a new bundle
                // whose page could not be written is not on the site.
                if let (false, Some(r)) = (files.contains_key(&rel), old.files.get(&rel)) {
                    out.records.push((rel, r.clone()));
                }
                match f {
                    WriteFailure::Error(msg) if new_bundle => out.unpublished.push((k, msg)),
                    WriteFailure::Error(msg) => out.errors.push(msg),
                    WriteFailure::Refused(msg) => out.notes.push(msg),
                }
                complete = false;
            }
        }
    }
    out.key = complete.then(String::new);
    out
}

/// Why a generated file was not written.
enum WriteFailure {
    /// The file system failed (no room, no permission): an error, the run fails.
    Error(String),
    /// A hand-written or hand-edited file is in the way and is kept: a note.
    Refused(String),
}

/// What the related pass did, for the caller to apply (it changes nothing itself).
#[derive(Default)]
struct RelatedDone {
    /// New bundles that could not be moved into place (index in the entries, why): not on the
    /// site, so not built, and not to be listed on other pages.
    unpublished: Vec<(usize, String)>,
    /// Pages that could not be written.
    errors: Vec<String>,
    written: usize,
    /// (index in the entries, hash of the list now in its page).
    related: Vec<(usize, String)>,
    records: Vec<(String, FileRecord)>,
    notes: Vec<String>,
    /// The key to save: `None` when a page could not be written; `Some("")` when it is to be
    /// computed once `related` is applied; otherwise the unchanged key.
    key: Option<String>,
}

/// Everything the stakeholder pass reads: each explainer's slug, weight and stakeholders (see
/// [`stamps`]).
fn actors_key(entries: &[&Entry]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    put(TOOL);
    for e in entries {
        put(&e.slug);
        put(&e.weight.to_string());
        put(&e.actors.len().to_string());
        for ((id, name), (kind, role)) in e.actors.iter().zip(e.actor_details.iter().chain(std::iter::repeat(&(String::new(), String::new())))) {
            put(id);
            put(name);
            put(kind);
            put(role);
        }
    }
    format!("x3:{:032x}", h.digest128())
}

/// Writes the stakeholder pages (`content/actors/`, see [`crate::emit::actors`]), which need
/// every article. Not run when [`actors_key`] equals `done_key` (saved after the last pass that
/// wrote every page) and every page the manifest lists is still there: their records are kept.
/// Otherwise a page whose bytes match its manifest record and which is still there is not read
/// again (a no-op rebuild of 10,000 articles has over a thousand stakeholders); others are
/// written unless a hand-written or hand-edited file is in the way (then a note, and it is left
/// alone). Returns how many files were written and the key to save ("" when a page could not
/// be written).
fn actors_pass(
    ctx: &WriteCtx<'_>,
    entries: &[&Entry],
    files: &mut Vec<(String, FileRecord)>,
    notes: &mut Vec<String>,
    errors: &mut Vec<String>,
    done_key: &str,
) -> (usize, String) {
    let (root, old) = (ctx.root, ctx.old);
    let key = actors_key(entries);
    let prefix = format!("{}/", crate::emit::actors::DIR);
    let recorded: Vec<(&String, &FileRecord)> = old.files.range(prefix.clone()..).take_while(|(p, _)| p.starts_with(&prefix)).collect();
    if !done_key.is_empty() && key == done_key && !recorded.is_empty() && recorded.par_iter().all(|(p, _)| root.join(p).is_file()) {
        files.extend(recorded.into_iter().map(|(p, r)| (p.clone(), r.clone())));
        return (0, key);
    }
    let inputs: Vec<crate::emit::actors::Input<'_>> = entries
        .iter()
        .map(|e| crate::emit::actors::Input { slug: &e.slug, weight: e.weight, actors: &e.actors, details: &e.actor_details })
        .collect();
    let out = crate::emit::actors::pages(&inputs);
    let none = BTreeSet::new();
    let ctx = WriteCtx { adopted: &none, ..*ctx };
    let done: Vec<(String, FileRecord, std::result::Result<bool, Error>)> = out
        .into_par_iter()
        .map(|f| {
            let rel = crate::error::display_path(&f.path);
            let rec = FileRecord::of(&f.bytes);
            if old.files.get(&rel) == Some(&rec) && root.join(&f.path).is_file() {
                return (rel, rec, Ok(false));
            }
            let r = ctx.plan(&f, None).and_then(|p| match p {
                Plan::Unchanged => Ok(false),
                Plan::Write => ctx.record(&rel, &rec).and_then(|()| crate::emit::replace_atomic(root, &f)).map(|()| true),
            });
            (rel, rec, r)
        })
        .collect();
    let mut written = 0;
    let mut complete = true;
    for (rel, rec, r) in done {
        match r {
            Ok(w) => {
                written += usize::from(w);
                files.push((rel, rec));
            }
            Err(e) => {
                // Keep tracking a generated file edited by hand, so it is not reported as stale.
                if let Some(r) = old.files.get(&rel) {
                    files.push((rel, r.clone()));
                }
                // A file system failure is an error; a hand-written page in the way, a note.
                if e.message.starts_with("cannot ") {
                    errors.push(e.to_string());
                } else {
                    notes.push(e.to_string());
                }
                complete = false;
            }
        }
    }
    (written, if complete { key } else { String::new() })
}

/// Time spent per step, on stderr when `EXPLAINER_TIMING` is set (for the benchmark).
struct Timing(Option<std::cell::Cell<std::time::Instant>>);

impl Timing {
    fn new() -> Timing {
        Timing(std::env::var_os("EXPLAINER_TIMING").map(|_| std::cell::Cell::new(std::time::Instant::now())))
    }
    fn mark(&self, step: &str) {
        if let Some(t) = &self.0 {
            let now = std::time::Instant::now();
            eprintln!("timing: {step}: {:.3} s", now.duration_since(t.get()).as_secs_f64());
            t.set(now);
        }
    }
}

fn build_locked(opts: &BuildOptions) -> Result<Report> {
    let root = opts.root.as_path();
    let mut report = Report::default();
    let timing = Timing::new();
    let start = std::time::SystemTime::now();
    // Walking seeds/ (file system) and parsing the manifest (CPU) overlap.
    let (found, (old, old_stamps)) = rayon::join(|| discover::find_with(root, opts.follow_outside), || (Manifest::load(root), Stamps::load(root)));
    timing.mark("find seeds, load manifest");
    report.ignored = found.ignored;
    report.skipped = found.errors;
    let old = old.unwrap_or_else(|e| {
        report.notes.push(e.to_string());
        Manifest::default()
    });
    let tool_ok = old.tool == TOOL;
    // What builds killed before this one were about to write, and the journal of this one.
    let pending = Pending::load(root);
    pending.remove_leftover_temporaries(root);
    let journal = Journal::new(root);

    // 1. Prepare.
    let progress = progress::Progress::new(opts.progress, found.seeds.len(), "reading seeds");
    let pctx = PrepCtx { root, base: &opts.extract, old: &old, tool_ok, stamps: &old_stamps, rehash: opts.rehash, start };
    let (preps, records): (Vec<Prep>, Vec<Option<(Stamp, String)>>) = found
        .seeds
        .par_iter()
        .map(|s| {
            let p = prepare(&pctx, s);
            progress.tick();
            p
        })
        .unzip();
    progress.finish();
    let mut new_stamps = Stamps::default();
    for (s, r) in found.seeds.iter().zip(records) {
        if let Some(r) = r {
            new_stamps.seeds.insert(s.file.clone(), r);
        }
    }

    timing.mark("prepare");
    // 2. Slugs, in seed-path order.
    let (reserved, adopted) = scan_bundles(root, &old);
    timing.mark("scan bundles");
    let mut used = reserved.clone();
    // A seed that fails keeps the pages of its last good build (see step 4), so its slug stays
    // taken.
    for (s, p) in found.seeds.iter().zip(&preps) {
        if let (Prep::Failed(_), Some(e)) = (p, old.entry(&s.file)) {
            used.insert(e.slug.clone());
        }
    }
    let mut slugs: Vec<Option<String>> = Vec::with_capacity(preps.len());
    for (s, p) in found.seeds.iter().zip(&preps) {
        let base = match p {
            Prep::Failed(_) => {
                slugs.push(None);
                continue;
            }
            Prep::Cached(e) => e.base_slug.as_str(),
            Prep::Fresh(f) => f.base_slug.as_str(),
        };
        let slug = unique_slug(base, &s.file, &used);
        if slug != base {
            let why = if reserved.contains(base) { "a hand-written page" } else { "another seed" };
            report.notes.push(format!("{}: slug {base:?} is taken by {why}; this seed's page is {BUNDLES}/{slug}/", s.file));
        }
        used.insert(slug.clone());
        slugs.push(Some(slug));
    }

    timing.mark("slugs");
    // A cached seed whose slug changed is extracted again.
    let mut jobs: Vec<(usize, Box<Fresh>)> = Vec::with_capacity(preps.len());
    let mut kept: Vec<(usize, Entry)> = Vec::new();
    for (i, p) in preps.into_iter().enumerate() {
        match p {
            Prep::Failed(e) => report.skipped.push(e),
            Prep::Cached(e) if Some(&e.slug) == slugs[i].as_ref() => kept.push((i, e)),
            Prep::Cached(_) => match prepare(&PrepCtx { tool_ok: false, ..pctx }, &found.seeds[i]).0 {
                Prep::Fresh(f) => jobs.push((i, f)),
                Prep::Failed(e) => report.skipped.push(e),
                Prep::Cached(_) => unreachable!("prepare without the manifest never answers Cached"),
            },
            Prep::Fresh(f) => jobs.push((i, f)),
        }
    }

    timing.mark("jobs");
    // 3. Extract and write.
    // Bundles staged by a build that was killed go (this build holds the lock).
    if root.join(STAGING).exists() {
        fault_point();
        let _ = std::fs::remove_dir_all(root.join(STAGING));
    }
    let ctx = WriteCtx { root, preview: opts.preview, old: &old, adopted: &adopted, pending: &pending, journal: &journal };
    let progress = progress::Progress::new(opts.progress, jobs.len(), "building explainers");
    let done: Vec<(usize, Result<Done>)> = jobs
        .into_par_iter()
        .map(|(i, f)| {
            let slug = slugs[i].as_deref().expect("prepared seeds have slugs");
            let r = extract_and_write(&ctx, &found.seeds[i].file, f, slug, opts.budget_per_byte);
            progress.tick();
            (i, r)
        })
        .collect();
    progress.finish();

    let mut entries: Vec<(usize, Entry)> = kept;
    let mut files: BTreeMap<String, FileRecord> = BTreeMap::new();
    for (_, e) in &entries {
        for f in &e.files {
            if let Some(r) = old.files.get(f) {
                files.insert(f.clone(), r.clone());
            }
        }
    }
    let mut pages: BTreeMap<usize, Page> = BTreeMap::new();
    let mut extracted = BTreeSet::new();
    let mut kept_failed: Vec<Entry> = Vec::new();
    for (i, r) in done {
        match r {
            Ok(d) => {
                report.written += d.written;
                let file = &found.seeds[i].file;
                for w in d.warnings {
                    report.warnings.push(match (w.line, w.col) {
                        (0, _) => format!("{file}: {}", w.message),
                        (l, 0) => format!("{file}:{l}: {}", w.message),
                        (l, c) => format!("{file}:{l}:{c}: {}", w.message),
                    });
                }
                report.warnings.extend(d.edit_notes);
                files.extend(d.records);
                if let Some(p) = d.index {
                    pages.insert(i, p);
                }
                extracted.insert(i);
                entries.push((i, d.entry));
            }
            Err(e) => report.skipped.push(e),
        }
    }
    timing.mark("extract and write");
    // Failed seeds keep the pages of their last good build: a broken edit or a refused write
    // must not take a page off the site. They stay listed as failed.
    let have: BTreeSet<usize> = entries.iter().map(|(i, _)| *i).collect();
    for (i, s) in found.seeds.iter().enumerate() {
        if have.contains(&i) {
            continue;
        }
        if let Some(e) = old.entry(&s.file) {
            if files.keys().any(|f| e.files.contains(f)) {
                continue; // another seed took its slug; its old files are that seed's now
            }
            for f in &e.files {
                if let Some(r) = old.files.get(f) {
                    files.insert(f.clone(), r.clone());
                }
            }
            report.notes.push(format!("{}: failed, so the pages of its last good build were kept ({BUNDLES}/{}/)", s.file, e.slug));
            kept_failed.push(e.clone());
        }
    }
    // The related pass (pages' related lists, and new bundles moved into place with their
    // page), then the stakeholder pages (for every explainer on the site, failed seeds' kept
    // pages too: their cards link to their stakeholders). A new bundle that could not be moved
    // into place is not on the site: its seed is not built, and the related pass runs again
    // without it, so no page lists it; the stakeholder pages, written after, never do.
    entries.sort_by_key(|(i, _)| *i);
    let mut rel = related_pass(&ctx, &entries, &kept_failed, pages, &files, &old_stamps.related);
    loop {
        for (k, h) in std::mem::take(&mut rel.related) {
            entries[k].1.related = h;
        }
        files.extend(std::mem::take(&mut rel.records));
        report.notes.append(&mut rel.notes);
        report.errors.append(&mut rel.errors);
        report.written += rel.written;
        if rel.unpublished.is_empty() {
            break;
        }
        let mut gone = std::mem::take(&mut rel.unpublished);
        gone.sort_by(|a, b| b.0.cmp(&a.0));
        for (k, why) in gone {
            let (i, e) = entries.remove(k);
            for f in &e.files {
                files.remove(f);
            }
            extracted.remove(&i);
            report.skipped.push(
                Error::new(ErrorKind::Write, format!("its new page could not be put on the site ({why}); not built, and not listed on other pages"))
                    .in_file(&e.seed)
                    .hint("check that the disk has room and content/ is writable, then build again"),
            );
            // Like a failed seed, it keeps the pages of its last good build (under another slug).
            if let Some(o) = old.entry(&e.seed) {
                if !files.keys().any(|f| o.files.contains(f)) {
                    files.extend(o.files.iter().filter_map(|f| old.files.get(f).map(|r| (f.clone(), r.clone()))));
                    kept_failed.push(o.clone());
                }
            }
        }
        rel = related_pass(&ctx, &entries, &kept_failed, BTreeMap::new(), &files, "");
    }
    let mut actor_files: Vec<(String, FileRecord)> = Vec::new();
    let listed: Vec<&Entry> = entries.iter().map(|(_, e)| e).chain(&kept_failed).collect();
    let (actors_written, actors_key) = actors_pass(&ctx, &listed, &mut actor_files, &mut report.notes, &mut report.errors, &old_stamps.actors);
    files.extend(actor_files);
    report.written += actors_written;
    new_stamps.related = match rel.key {
        None => String::new(),
        Some(k) if k.is_empty() => related_key(&entries, &kept_failed),
        Some(k) => k,
    };
    new_stamps.actors = actors_key;
    let _ = std::fs::remove_dir(root.join(STAGING));
    timing.mark("related lists, stakeholder pages");
    // The site CSS (the theme's CSS bundled by lightningcss). A site without the theme's CSS
    // entry (a custom theme) keeps its own static files. The output path belongs to explainer.
    if root.join(crate::emit::css::ENTRY).is_file() {
        match crate::emit::css::site_css(root).and_then(|css| {
            let rel = crate::error::display_path(&css.path);
            let rec = FileRecord::of(&css.bytes);
            if old.files.get(&rel) != Some(&rec) {
                ctx.record(&rel, &rec)?;
            }
            let changed = crate::emit::write_atomic(root, &css)?;
            Ok((css, changed))
        }) {
            Ok((css, changed)) => {
                report.written += usize::from(changed);
                files.insert(
                    crate::error::display_path(&css.path),
                    FileRecord::of(&css.bytes),
                );
            }
            Err(e) => report.skipped.push(e),
        }
    }

    timing.mark("css");
    report.built = entries.iter().map(|(_, e)| e.seed.clone()).collect();
    report.extracted = entries.iter().filter(|(i, _)| extracted.contains(i)).map(|(_, e)| e.seed.clone()).collect();

    // 4. Clean up files no seed makes any more.
    // Files of the old manifest and files killed builds were about to write (see [`journal`]).
    let mut dirs = BTreeSet::new();
    let stale: BTreeSet<&String> = old.files.keys().chain(pending.files.keys()).filter(|p| !files.contains_key(*p)).collect();
    for path in stale {
        let abs = root.join(path);
        // A folder emptied by a killed build's clean-up goes too.
        if let Some(d) = Path::new(path).parent() {
            dirs.insert(d.to_path_buf());
        }
        match std::fs::read(&abs) {
            Ok(b) if ctx.wrote(path, old.files.get(path), &b) => match {
                fault_point();
                std::fs::remove_file(&abs)
            } {
                Ok(()) => report.removed += 1,
                Err(e) => report.notes.push(format!("{path}: stale, but cannot delete it: {e}")),
            },
            Ok(_) => report.notes.push(format!(
                "{path}: no seed makes this file any more, but it was changed by hand after explainer wrote it; kept (delete it if it is not wanted)"
            )),
            Err(_) => {}
        }
    }
    // Empty bundle folders go too (never a folder with anything left in it).
    for d in dirs.iter().rev() {
        let mut d = d.as_path();
        while (d.starts_with(BUNDLES) && d != Path::new(BUNDLES)) || d.starts_with(crate::emit::actors::DIR) {
            if !root.join(d).is_dir() {
                d = match d.parent() {
                    Some(p) => p,
                    None => break,
                };
                continue;
            }
            fault_point();
            if std::fs::remove_dir(root.join(d)).is_err() {
                break;
            }
            d = match d.parent() {
                Some(p) => p,
                None => break,
            };
        }
    }
    let used_slugs: BTreeSet<&str> = entries.iter().map(|(_, e)| e.slug.as_str()).collect();
    for a in &adopted {
        if !used_slugs.contains(a.as_str()) && root.join(BUNDLES).join(a).exists() {
            report.notes.push(format!(
                "{BUNDLES}/{a}/ looks generated (it holds an explainer.json) but no seed makes it and the manifest does not list it; delete it if it is stale"
            ));
        }
    }

    timing.mark("clean up");
    let mut seeds: Vec<Entry> = entries.into_iter().map(|(_, e)| e).chain(kept_failed).collect();
    seeds.sort_by(|a, b| a.seed.cmp(&b.seed));
    let new = Manifest { schema: manifest::SCHEMA.to_string(), tool: TOOL.to_string(), seeds, files };
    if new != old || !manifest::path(root).is_file() {
        let out = OutFile { path: PathBuf::from(".explainer").join("manifest.json"), bytes: new.to_bytes() };
        crate::emit::write_atomic(root, &out)?;
    }
    // Every file written is in the manifest now (but those of a seed that failed part way
    // through writing: their lines stay).
    if let Err(e) = Journal::settle(root, &new.files) {
        report.errors.push(format!("{}: cannot update: {e}", journal::PATH));
    }
    // The stamps are a cache: failing to save them only costs hashing next time.
    if new_stamps != old_stamps {
        let out = OutFile { path: PathBuf::from(".explainer").join("stamps"), bytes: new_stamps.to_bytes() };
        if let Err(e) = crate::emit::write_atomic(root, &out) {
            report.notes.push(format!("{e} (seeds are hashed again next time)"));
        }
    }
    timing.mark("save manifest");
    report.skipped.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    report.notes.sort();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_slugs_take_a_path_hash() {
        let mut used = BTreeSet::new();
        assert_eq!(unique_slug("a", "seeds/x.txt", &used), "a");
        used.insert("a".to_string());
        let s = unique_slug("a", "seeds/y.txt", &used);
        assert!(s.starts_with("a-") && s.len() == 10, "{s}");
        assert_eq!(s, unique_slug("a", "seeds/y.txt", &used), "deterministic");
        used.insert(s.clone());
        assert_ne!(unique_slug("a", "seeds/y.txt", &used), s);
    }
}
