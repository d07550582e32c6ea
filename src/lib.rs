//! explainer: turns news articles into a static explainer website built with Zola.
//!
//! One typed document model flows through the stages, like mdBook's `Book` through its
//! preprocessors:
//!
//! ```text
//! ingest (bytes → Seed) → clean (→ CleanArticle) → segment (→ Document)
//!   → extract (dates, stakeholders, relations, sources, events, figures → Explainer)
//!   → wire (explainer/1 JSON, stable ids) → edit (an editor's corrections) → emit (Zola content,
//!   downloads, CSS)
//! ```
//!
//! `build` drives the stages over every seed; `check` validates what `build` wrote.

#![warn(missing_docs, unreachable_pub)]
#![allow(missing_docs)]

pub mod build;
pub mod check;
pub mod clean;
pub mod edit;
pub mod emit;
pub mod error;
pub mod extract;
pub mod html;
pub mod ids;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod segment;
pub mod serve;
pub mod slug;
pub mod wire;

use error::Result;
use model::{Explainer, Seed};
use std::path::Path;

/// Runs clean → segment → extract on a decoded seed.
pub fn explain(seed: Seed, opts: &extract::Options) -> Explainer {
    explain_cleaned(clean::clean(seed), opts)
}

/// The stages after `clean`: [`explain`] for a caller that needs the cleaned article first
/// (`build` takes each seed's slug from its headline before any seed is extracted, so that
/// slugs never depend on thread timing).
pub fn explain_cleaned(article: model::CleanArticle, opts: &extract::Options) -> Explainer {
    extract::run(segment::segment(article), opts)
}

/// Reads a seed file and explains it. `file` is the path as shown to users.
pub fn explain_file(path: &Path, file: &str, opts: &extract::Options) -> Result<Explainer> {
    let seed = ingest::read(path, file)?;
    Ok(explain(seed, opts))
}

/// The explainer/1 document of an explainer with an editor's `edits` applied (none: the
/// machine's document), and the notes about edits that matched nothing (`file:line: …`).
pub fn document(x: &Explainer, edits: Option<&edit::Edits>) -> (wire::Document, Vec<String>) {
    let mut doc = wire::Document::from_explainer(x);
    let notes = match edits {
        Some(e) => edit::apply(&mut doc, e, &x.doc),
        None => Vec::new(),
    };
    (doc, notes)
}

/// The settings file of a seed: its path with the extension `.toml`.
pub fn settings_path(seed: &Path) -> std::path::PathBuf {
    // `a.html.gz` → `a.toml`, like `a.txt` → `a.toml`.
    let seed = if seed.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz")) { seed.with_extension("") } else { seed.to_path_buf() };
    seed.with_extension("toml")
}

/// Reads a seed, explains it and, when `edits` is set and the seed has a settings file, applies
/// that file (its `published` and `slug` too). Returns the explainer/1 document and the notes
/// about edits that matched nothing.
pub fn explain_with_settings(path: &Path, file: &str, opts: &extract::Options, edits: bool) -> Result<(wire::Document, Vec<String>)> {
    let settings_file = settings_path(path);
    let settings = match std::fs::read(&settings_file) {
        Ok(b) if edits => Some(build::settings::parse(&error::display_path(&settings_file), &b, opts)?),
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) if edits => return Err(error::Error::io(error::display_path(&settings_file), &e)),
        Err(_) => None,
    };
    let x = explain_file(path, file, settings.as_ref().map_or(opts, |s| &s.opts))?;
    let (mut doc, notes) = document(&x, settings.as_ref().map(|s| &s.edits));
    if let Some(slug) = settings.as_ref().and_then(|s| s.slug.clone()) {
        doc.slug = slug;
    }
    Ok((doc, notes))
}
