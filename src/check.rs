//! Check: validates what `build` wrote, without Zola.
//!
//! In: a site root. Out: a list of problems, each naming the file: front matter that does not
//! parse as TOML, `explainer.json` files that do not match the `explainer/1` wire structs.
//!
//! What it gets wrong: it does not render templates with real Zola functions; the tests do that.

use crate::error::{display_path, Error, ErrorKind};
use std::path::Path;

/// Checks every bundle under `root/content/explainers`. Returns the problems found.
pub fn check(root: &Path) -> Vec<Error> {
    let mut problems = Vec::new();
    let dir = root.join("content").join("explainers");
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
        let p = entry.path();
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = display_path(p.strip_prefix(root).unwrap_or(p));
        if name == "index.md" || name == "_index.md" {
            let text = match std::fs::read_to_string(p) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(Error::io(&shown, &e));
                    continue;
                }
            };
            if let Err(e) = front_matter(&text) {
                problems.push(Error::new(ErrorKind::Check, e).in_file(&shown).hint("rebuild with `explainer build`"));
            }
        } else if name == "explainer.json" {
            match std::fs::read_to_string(p).map_err(|e| e.to_string()).and_then(|t| {
                serde_json::from_str::<crate::wire::Document>(&t).map_err(|e| format!("line {}: {e}", e.line()))
            }) {
                Ok(doc) if doc.schema != crate::wire::SCHEMA => problems.push(
                    Error::new(ErrorKind::Check, format!("schema is {:?}, expected {:?}", doc.schema, crate::wire::SCHEMA)).in_file(&shown),
                ),
                Ok(_) => {}
                Err(e) => problems.push(
                    Error::new(ErrorKind::Check, format!("does not match explainer/1: {e}")).in_file(&shown).hint("rebuild with `explainer build`"),
                ),
            }
        }
    }
    problems
}

/// Parses the TOML front matter of a Zola page.
pub fn front_matter(text: &str) -> Result<toml::Table, String> {
    let rest = text.strip_prefix("+++").ok_or("front matter must start with `+++`")?;
    let end = rest.find("\n+++").ok_or("front matter has no closing `+++`")?;
    rest[..end].parse::<toml::Table>().map_err(|e| format!("front matter is not valid TOML: {e}"))
}
