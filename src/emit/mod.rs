//! Emit: [`Explainer`] → files of the Zola site.
//!
//! In: an explainer. Out: one page bundle per article under `content/explainers/<slug>/`:
//! `index.md` (TOML front matter written by a serialiser, **empty body**: article text never
//! becomes Markdown or template source) and `explainer.json` (the `explainer/1` document, which
//! the theme loads with `load_data` and prints under autoescape).
//!
//! Every JSON file is compact (one line and a newline): a tenth of a 10,000-article site's
//! bytes were indentation, written, hashed and read again by Zola.
//!
//! `view.json` beside them is the page's template context (display-ready, see [`view`]); Zola's
//! `ignored_content` keeps it out of the published site. (The settings snippets that `explainer
//! serve` shows editors are not part of a bundle: see [`crate::edit::snippet::preview`].) Downloads beside it: `timeline.json` (TimelineJS3), `kumu.json` (Kumu blueprint),
//! `sources.csv`.
//!
//! What it gets wrong: nothing known; see `build` for how bundles are tracked and cleaned up.

pub mod actors;
pub mod css;
pub mod csv;
pub mod frontmatter;
pub mod json;
pub mod kumu;
pub mod map;
pub mod timeline;
pub mod view;

use crate::error::{Error, Result};
use crate::model::Explainer;
use crate::wire;
use std::path::{Path, PathBuf};

/// A byte table for escapers that skip plain bytes by one look-up each: true for the C0
/// controls and for each byte of `extra`.
pub(crate) const fn control_and(extra: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
}

/// A file to write: path relative to the site root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The files of one article's bundle (the machine's document, no edits), in a fixed order.
/// `slug` is the bundle folder name (the explainer's slug, made unique by the caller).
pub fn bundle(x: &Explainer, slug: &str) -> Vec<OutFile> {
    bundle_with(x, wire::Document::from_explainer(x), slug)
}

/// [`bundle`] of `doc`, the explainer's document with an editor's edits applied
/// ([`crate::document`]).
pub fn bundle_with(x: &Explainer, mut doc: wire::Document, slug: &str) -> Vec<OutFile> {
    let dir = Path::new("content").join("explainers").join(slug);
    doc.slug = slug.to_string();
    // The JSON files are several times the article's text (explainer.json about 7, view.json
    // about 9, on average): buffers sized for that up front are not copied as they grow.
    let text: usize = doc.paragraphs.iter().map(|p| p.text.len()).sum();
    vec![
        OutFile { path: dir.join("index.md"), bytes: frontmatter::page(x, &doc).into_bytes() },
        OutFile { path: dir.join("explainer.json"), bytes: json_line(&doc, 2048 + 8 * text) },
        OutFile { path: dir.join("timeline.json"), bytes: timeline::timelinejs(&doc).into_bytes() },
        OutFile { path: dir.join("kumu.json"), bytes: kumu::blueprint(&doc).into_bytes() },
        OutFile { path: dir.join("sources.csv"), bytes: csv::sources_csv(&doc).into_bytes() },
        OutFile { path: dir.join("view.json"), bytes: json_line(&view::build(&doc), 4096 + 10 * text) },
    ]
}

/// `value` as compact JSON and a newline (what `serde_json::to_string` and a `\n` make), in a
/// buffer of `capacity` bytes to start with: the bytes of every JSON file of a bundle.
pub fn json_line<T: serde::Serialize>(value: &T, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut out, value).expect("wire and view types always serialise");
    out.push(b'\n');
    out
}

/// Writes a file atomically: a temporary file in the same folder, then a rename, so a reader
/// (or a crash) never sees half a file. Unchanged files are not rewritten. Returns whether the
/// file changed.
pub fn write_atomic(root: &Path, f: &OutFile) -> Result<bool> {
    let path = root.join(&f.path);
    if std::fs::read(&path).map(|old| old == f.bytes).unwrap_or(false) {
        return Ok(false);
    }
    replace_atomic(root, f)?;
    Ok(true)
}

/// Writes a file atomically (temp file + rename) without comparing with what is there.
pub fn replace_atomic(root: &Path, f: &OutFile) -> Result<()> {
    let path = root.join(&f.path);
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(|e| Error::write(&crate::error::display_path(&f.path), &e))?;
    replace_in_existing_dir(root, f)
}

/// [`replace_atomic`] when the file's folder is known to exist (the build made it just now).
pub fn replace_in_existing_dir(root: &Path, f: &OutFile) -> Result<()> {
    let path = root.join(&f.path);
    let shown = crate::error::display_path(&f.path);
    let dir = path.parent().unwrap_or(root);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    crate::build::journal::fault_point();
    crate::build::journal::injected_failure(&path).and_then(|()| std::fs::write(&tmp, &f.bytes)).map_err(|e| Error::write(&shown, &e))?;
    crate::build::journal::fault_point();
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::write(&shown, &e)
    })
}
