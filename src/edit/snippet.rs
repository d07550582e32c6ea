//! Settings snippets: what an editor pastes into `seeds/<name>.toml` to correct one item.
//!
//! In: the explainer/1 document. Out: for every item, a TOML snippet that names it by its id,
//! opens with a comment saying what the item is (so a stale edit can be matched to the nearest
//! item later, see [`super::nearest`]), and lists the fields an editor may set with their
//! current values, the optional ones commented out. `explainer serve` shows them beside each item
//! and `explainer edits FILE --toml` prints them all.
//!
//! The preview: `explainer serve` writes each page's snippets to `.explainer/preview/<slug>.json`
//! (outside `content/`, so never published, and machine-local), those of a page extracted now
//! before its bundle, so that `zola serve`, re-rendering the page when its bundle changes, finds
//! them up to date; the theme reads the file only under `zola serve`. A public build writes
//! none: snippets for every item of every page cost more than the rest of a bundle's JSON.
//!
//! What it gets wrong: nothing known; values are written as TOML basic strings by the same
//! escaper as the front matter.

use crate::model::{RelationKind, SourceKind, StakeholderKind};
use crate::wire::Document;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// `s` cut to at most `n` characters, with an ellipsis when cut; white space folded.
pub fn short(s: &str, n: usize) -> String {
    let s = crate::model::fold_whitespace(s);
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::emit::frontmatter::push_toml_str(&mut out, s);
    out
}

/// A `# …` comment line: one line, no control characters.
fn comment(out: &mut String, s: &str) {
    let s: String = short(s, 100).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let _ = writeln!(out, "# {s}");
}

fn kinds<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|&k| name(k)).collect::<Vec<_>>().join(", ")
}

/// The snippets of one document, by table and id (what `edits.json` holds).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Snippets {
    /// XXH3-64 (hex) of the `explainer.json` these snippets were made from ("" when not known):
    /// how [`fill_previews`] tells an up-to-date preview.
    pub source: String,
    /// The top-level settings (title, summary, section, why, reviewed).
    pub top: String,
    pub stakeholders: BTreeMap<String, String>,
    pub events: BTreeMap<String, String>,
    pub relations: BTreeMap<String, String>,
    pub sources: BTreeMap<String, String>,
    pub statements: BTreeMap<String, String>,
    pub figures: BTreeMap<String, String>,
    pub disputes: BTreeMap<String, String>,
    pub key_points: BTreeMap<String, String>,
    /// How to add an event, a relation or a key point.
    pub add: String,
}

pub fn top(doc: &Document) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# At the top of the settings file, before any [table]:");
    let _ = writeln!(s, "title = {}", toml_str(&doc.title));
    let _ = writeln!(s, "summary = {}", toml_str(&doc.summary));
    let _ = writeln!(s, "section = {}", toml_str(doc.section.as_deref().unwrap_or("")));
    match doc.key_points.iter().find(|k| k.kind == "why") {
        Some(k) => {
            let _ = writeln!(s, "why = {}", toml_str(&k.text));
        }
        None => {
            let _ = writeln!(s, "# why = \"Why the story matters, in a sentence.\"");
        }
    }
    let _ = writeln!(s, "# hide_removed = true");
    let _ = writeln!(s, "reviewed = {}", doc.editorial.status == "reviewed");
    s
}

pub fn stakeholder(x: &crate::wire::Stakeholder) -> String {
    let mut s = String::new();
    comment(&mut s, &format!("{} ({})", x.name, x.kind));
    let _ = writeln!(s, "[stakeholders.{}]", x.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "# merge_into = \"other-stakeholder-id\"");
    let _ = writeln!(s, "name = {}", toml_str(&x.name));
    let _ = writeln!(s, "kind = {}   # {}", toml_str(&x.kind), kinds(&StakeholderKind::ALL, StakeholderKind::as_str));
    let _ = writeln!(s, "role = {}", toml_str(x.role.as_deref().unwrap_or("")));
    let _ = writeln!(s, "affiliation = {}", toml_str(x.affiliation.as_deref().unwrap_or("")));
    s
}

pub fn event(e: &crate::wire::Event) -> String {
    let mut s = String::new();
    comment(&mut s, &format!("{} · {}", e.date.text, e.title));
    let _ = writeln!(s, "[events.{}]", e.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "title = {}", toml_str(&e.title));
    let _ = writeln!(s, "date = {}   # YYYY, YYYY-MM or YYYY-MM-DD", toml_str(&e.date.value));
    s
}

pub fn relation(r: &crate::wire::Relation, name: &dyn Fn(&str) -> String) -> String {
    let mut s = String::new();
    comment(&mut s, &format!("{} → {}: {}", name(&r.from), name(&r.to), r.label));
    let _ = writeln!(s, "[relations.{}]", r.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "# reverse = true");
    let _ = writeln!(s, "from = {}", toml_str(&r.from));
    let _ = writeln!(s, "to = {}", toml_str(&r.to));
    let _ = writeln!(s, "kind = {}   # {}", toml_str(&r.kind), kinds(&RelationKind::ALL, RelationKind::as_str));
    let _ = writeln!(s, "label = {}", toml_str(&r.label));
    match &r.certainty {
        Some(c) => {
            let _ = writeln!(s, "certainty = {}   # {}", toml_str(c), super::CERTAINTIES.join(", "));
        }
        None => {
            let _ = writeln!(s, "# certainty = \"claimed\"   # {}", super::CERTAINTIES.join(", "));
        }
    }
    s
}

pub fn source(x: &crate::wire::Source) -> String {
    let mut s = String::new();
    comment(&mut s, &format!("{} ({})", x.name, x.kind));
    let _ = writeln!(s, "[sources.{}]", x.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "name = {}", toml_str(&x.name));
    let _ = writeln!(s, "kind = {}   # {}", toml_str(&x.kind), kinds(&SourceKind::ALL, SourceKind::as_str));
    s
}

pub fn statement(source: &str, st: &crate::wire::Statement) -> String {
    let mut s = String::new();
    comment(&mut s, &format!("{source} {}: {}", st.cue, st.text));
    let _ = writeln!(s, "[statements.{}]", st.id);
    let _ = writeln!(s, "hide = true");
    s
}

pub fn figure(f: &crate::wire::Figure) -> String {
    let mut s = String::new();
    comment(&mut s, &format!("{} {}", f.text, f.unit.as_deref().unwrap_or("")));
    let _ = writeln!(s, "[figures.{}]", f.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "text = {}", toml_str(&f.text));
    let _ = writeln!(s, "unit = {}", toml_str(f.unit.as_deref().unwrap_or("")));
    s
}

pub fn dispute(d: &crate::wire::Dispute) -> String {
    let mut s = String::new();
    comment(&mut s, &d.topic);
    let _ = writeln!(s, "[disputes.{}]", d.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "topic = {}", toml_str(&d.topic));
    s
}

pub fn key_point(k: &crate::wire::KeyPoint) -> String {
    let mut s = String::new();
    comment(&mut s, &k.text);
    let _ = writeln!(s, "[key_points.{}]", k.id);
    let _ = writeln!(s, "# hide = true");
    let _ = writeln!(s, "text = {}", toml_str(&k.text));
    s
}

/// How to add what the machine missed.
pub const ADD: &str = "# Add what the machine missed. `quote` is a passage of the article: the item links to its sentence.\n\
[[add.key_points]]\n\
text = \"What a reader must know.\"\n\
quote = \"a passage of the article\"   # optional\n\
\n\
[[add.events]]\n\
date = \"2023-08\"   # YYYY, YYYY-MM or YYYY-MM-DD\n\
title = \"What happened\"\n\
quote = \"a passage of the article\"\n\
actors = []   # stakeholder ids\n\
\n\
[[add.relations]]\n\
from = \"stakeholder-id\"\n\
to = \"other-stakeholder-id\"\n\
kind = \"meets\"\n\
label = \"met\"\n\
quote = \"a passage of the article\"\n\
# certainty = \"claimed\"\n";

pub fn all(doc: &Document) -> Snippets {
    let names: BTreeMap<&str, &str> = doc.stakeholders.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let name = |id: &str| names.get(id).map(|n| n.to_string()).unwrap_or_else(|| id.to_string());
    Snippets {
        source: String::new(),
        top: top(doc),
        stakeholders: doc.stakeholders.iter().map(|s| (s.id.clone(), stakeholder(s))).collect(),
        events: doc.events.iter().map(|e| (e.id.clone(), event(e))).collect(),
        relations: doc.relations.iter().map(|r| (r.id.clone(), relation(r, &name))).collect(),
        sources: doc.sources.iter().map(|s| (s.id.clone(), source(s))).collect(),
        statements: doc.sources.iter().flat_map(|s| s.statements.iter().map(move |st| (st.id.clone(), statement(&s.name, st)))).collect(),
        figures: doc.figures.iter().map(|f| (f.id.clone(), figure(f))).collect(),
        disputes: doc.disputes.iter().map(|d| (d.id.clone(), dispute(d))).collect(),
        key_points: doc.key_points.iter().map(|k| (k.id.clone(), key_point(k))).collect(),
        add: ADD.to_string(),
    }
}

/// Where the preview of a page's snippets goes, relative to the site root.
pub const PREVIEW_DIR: &str = ".explainer/preview";

fn preview_file(slug: &str) -> std::path::PathBuf {
    std::path::Path::new(PREVIEW_DIR).join(format!("{slug}.json"))
}

fn source_hash(explainer_json: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(explainer_json))
}

/// Writes the snippets of the page `slug` for the editor preview. `doc` is the page's document as
/// its bundle's `explainer.json` holds it (slug included).
pub fn write_preview(root: &std::path::Path, slug: &str, doc: &Document) -> crate::error::Result<()> {
    write_preview_of(root, slug, doc, &crate::emit::json_line(doc, 4096))
}

fn write_preview_of(root: &std::path::Path, slug: &str, doc: &Document, explainer_json: &[u8]) -> crate::error::Result<()> {
    let snippets = Snippets { source: source_hash(explainer_json), ..all(doc) };
    let bytes = crate::emit::json_line(&snippets, 4096);
    crate::emit::replace_atomic(root, &crate::emit::OutFile { path: preview_file(slug), bytes })
}

/// The `source` a preview file records, if it can be read.
fn recorded_source(path: &std::path::Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        source: String,
    }
    serde_json::from_slice::<Head>(&std::fs::read(path).ok()?).ok().map(|h| h.source)
}

/// Brings the preview up to date with the bundles in `content/explainers/`: writes the snippets
/// of each bundle whose preview is missing or was made from another `explainer.json` (by hash),
/// and removes the previews of bundles that are gone. Returns how many it wrote.
pub fn fill_previews(root: &std::path::Path) -> crate::error::Result<usize> {
    use rayon::prelude::*;
    let bundles = root.join(crate::build::BUNDLES);
    let mut slugs: Vec<String> = match std::fs::read_dir(&bundles) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with(['.', '_']) && bundles.join(n).join("explainer.json").is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    slugs.sort();
    let written: Vec<crate::error::Result<bool>> = slugs
        .par_iter()
        .map(|slug| {
            let json = bundles.join(slug).join("explainer.json");
            let shown = crate::error::display_path(&json);
            let bytes = std::fs::read(&json).map_err(|e| crate::error::Error::io(&shown, &e))?;
            if recorded_source(&root.join(preview_file(slug))).is_some_and(|h| h == source_hash(&bytes)) {
                return Ok(false);
            }
            let doc: Document = serde_json::from_slice(&bytes).map_err(|e| {
                crate::error::Error::new(crate::error::ErrorKind::Check, format!("not an explainer/1 document: {e}")).in_file(&shown)
            })?;
            write_preview_of(root, slug, &doc, &bytes).map(|_| true)
        })
        .collect();
    // Previews of pages that no longer exist.
    if let Ok(rd) = std::fs::read_dir(root.join(PREVIEW_DIR)) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(slug) = name.strip_suffix(".json") {
                if slugs.binary_search_by(|s| s.as_str().cmp(slug)).is_err() {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
    let mut n = 0;
    for w in written {
        n += usize::from(w?);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_parse_as_toml_and_quote_values() {
        let e = crate::wire::Event {
            id: "e-1".into(),
            date: crate::wire::EventDate { text: "in 2008".into(), value: "2008".into(), precision: Some("year".into()), modifier: None, inferred: false },
            title: "A \"quoted\" \\ title\nwith a line".into(),
            sentence: "s".into(),
            paragraph: None,
            span: [0, 1],
            actors: vec![],
            source: None,
            origin: "machine".into(),
            edited: vec![],
        };
        let s = event(&e);
        let t: toml::Table = s.parse().unwrap();
        assert_eq!(t["events"]["e-1"]["title"].as_str(), Some("A \"quoted\" \\ title\nwith a line"));
        assert!(s.starts_with("# in 2008 · A \"quoted\" \\ title with a line\n"), "{s}");
        let _: toml::Table = ADD.parse().unwrap();
    }
}
