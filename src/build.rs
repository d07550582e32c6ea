//! Build: every seed → the Zola site sources, then `zola build` when Zola is installed.
//!
//! In: a site root with `seeds/`. Out: `content/explainers/<slug>/` bundles, a report of what
//! was built and skipped (and why), and an exit status that says whether any seed failed.
//! A bad seed is reported with its file (and line) and skipped; the others are still built.
//!
//! What it gets wrong: see the notes on each step below.

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::extract::Options;
use std::path::{Path, PathBuf};

/// What a build run did.
#[derive(Debug, Default)]
pub struct Report {
    pub built: Vec<String>,
    pub skipped: Vec<Error>,
    pub written: usize,
}

impl Report {
    pub fn failed(&self) -> bool {
        !self.skipped.is_empty()
    }
}

/// Options of `explainer build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub extract: Options,
}

/// The seed files under `root/seeds`, sorted by path, as (path on disk, path shown to users).
pub fn seed_files(root: &Path) -> Vec<(PathBuf, String)> {
    let seeds = root.join("seeds");
    let mut out: Vec<(PathBuf, String)> = walkdir::WalkDir::new(&seeds)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf();
            (e.path().to_path_buf(), display_path(&rel))
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// Builds the site sources for every seed.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let root = &opts.root;
    if !root.join("seeds").is_dir() {
        return Err(Error::new(ErrorKind::Config, "no seeds/ folder here")
            .in_file(root)
            .hint("run explainer from the site root, or create seeds/ and put article .txt files in it"));
    }
    let mut report = Report::default();
    let mut slugs = std::collections::BTreeSet::new();
    for (path, file) in seed_files(root) {
        match crate::explain_file(&path, &file, &opts.extract) {
            Ok(x) => {
                let mut slug = x.slug.clone();
                if !slugs.insert(slug.clone()) {
                    slug = format!("{}-{}", x.slug, &x.doc.article.seed.sha256[..8]);
                    slugs.insert(slug.clone());
                }
                for f in crate::emit::bundle(&x, &slug) {
                    if crate::emit::write_atomic(root, &f)? {
                        report.written += 1;
                    }
                }
                report.built.push(file);
            }
            Err(e) => report.skipped.push(e),
        }
    }
    // The site CSS (theme CSS bundled by lightningcss); a site without the theme's CSS entry
    // (a custom theme) keeps its own static files.
    if root.join(crate::emit::css::ENTRY).is_file() {
        let css = crate::emit::css::site_css(root)?;
        if crate::emit::write_atomic(root, &css)? {
            report.written += 1;
        }
    }
    Ok(report)
}
