//! The manifest: which files under the site root `explainer build` wrote, from which seed.
//!
//! In/out: `.explainer/manifest.json` at the site root. Every generated file is listed with its
//! SHA-256 and length; every seed with the key it was built with (seed SHA-256, settings and
//! options fingerprint, tool fingerprint) and its slug. The next build uses it to
//! - skip seeds whose key is unchanged (no re-extraction),
//! - overwrite or delete only files it wrote itself, and only while they are as it wrote them,
//! - clean up the pages of removed seeds.
//!
//! The manifest is deterministic (sorted, no timestamps), so it can be committed together with
//! generated pages. Hand-written files are never in it.
//!
//! What it gets wrong: a crash between writing pages and saving the manifest leaves pages the
//! next build does not know; it adopts them when they hold an `explainer.json` (see `build`).

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const SCHEMA: &str = "explainer-manifest/1";

/// Where the manifest lives, relative to the site root.
pub fn path(root: &Path) -> PathBuf {
    root.join(".explainer").join("manifest.json")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub sha256: String,
    pub len: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The seed as shown to users (`seeds/a.txt`).
    pub seed: String,
    /// SHA-256 of the seed's bytes.
    pub sha256: String,
    /// Fingerprint of the options the seed was extracted with (its settings file included).
    pub options: String,
    /// Slug from the headline, before collisions were resolved.
    pub base_slug: String,
    /// The bundle folder name.
    pub slug: String,
    /// Generated files of this seed, relative to the site root.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: String,
    /// Tool fingerprint (version + sources); a change re-extracts every seed.
    pub tool: String,
    /// Sorted by `seed`.
    pub seeds: Vec<Entry>,
    /// Every generated file (seed bundles and site-wide files such as the CSS).
    pub files: BTreeMap<String, FileRecord>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest { schema: SCHEMA.to_string(), tool: String::new(), seeds: Vec::new(), files: BTreeMap::new() }
    }
}

impl Manifest {
    /// Reads the manifest. Missing: an empty one. Unreadable or malformed: an error the caller
    /// reports as a note before going on with an empty manifest.
    pub fn load(root: &Path) -> Result<Manifest> {
        let p = path(root);
        let shown = ".explainer/manifest.json";
        let bytes = match std::fs::read(&p) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(Error::io(shown, &e)),
        };
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            Error::new(ErrorKind::Config, format!("the build manifest is damaged: {e}"))
                .in_file(shown)
                .at_line(e.line())
                .hint("it is rebuilt by this run; pages it listed that no seed makes any more must be deleted by hand")
        })?;
        if m.schema != SCHEMA {
            return Err(Error::new(ErrorKind::Config, format!("unknown manifest schema {:?}", m.schema))
                .in_file(shown)
                .hint("it was written by another version of explainer; it is rebuilt by this run"));
        }
        Ok(m)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = serde_json::to_string_pretty(self).expect("the manifest always serialises");
        s.push('\n');
        s.into_bytes()
    }

    /// The entry of a seed, by its shown path.
    pub fn entry(&self, seed: &str) -> Option<&Entry> {
        self.seeds.binary_search_by(|e| e.seed.as_str().cmp(seed)).ok().map(|i| &self.seeds[i])
    }

    /// Whether every file of an entry is still on disk as written (length checked, not content:
    /// cheap enough for a no-op rebuild of 10,000 pages).
    pub fn intact(&self, root: &Path, e: &Entry) -> bool {
        e.files.iter().all(|f| {
            let Some(rec) = self.files.get(f) else { return false };
            std::fs::metadata(root.join(f)).map(|m| m.is_file() && m.len() == rec.len).unwrap_or(false)
        })
    }
}
