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
//! A crash between writing pages and saving the manifest leaves pages the manifest does not
//! know: the journal ([`super::journal`]) recorded them before they were written, so the next
//! build takes them for its own; without a journal (deleted by hand) it adopts bundles holding an
//! `explainer.json` (see `build`).
//!
//! What it gets wrong: nothing known.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const SCHEMA: &str = "explainer-manifest/1";

/// Where the manifest lives, relative to the site root.
pub fn path(root: &Path) -> PathBuf {
    root.join(".explainer").join("manifest.json")
}

/// A generated file as written: a hash of its bytes (enough to notice a hand edit; not a
/// defence against someone forging a file) and its length. The hash is `x3:` and the XXH3-64 of
/// the bytes in hex; manifests of earlier versions hold the first 16 hex digits of the SHA-256,
/// which [`FileRecord::matches`] still checks, so their files are not taken for hand edits.
/// (SHA-256 of every generated file was 3 % of a cold build's CPU.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub hash: String,
    pub len: u64,
}

impl FileRecord {
    pub fn of(bytes: &[u8]) -> FileRecord {
        FileRecord { hash: file_hash(bytes), len: bytes.len() as u64 }
    }
    /// Whether `bytes` are the file this record describes.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() as u64
            && match self.hash.strip_prefix(XXH3) {
                Some(_) => self.hash == file_hash(bytes),
                None => {
                    use sha2::Digest;
                    self.hash == crate::ingest::hex(&sha2::Sha256::digest(bytes)[..8])
                }
            }
    }
    pub(crate) fn to_disk(&self) -> String {
        format!("{} {}", self.hash, self.len)
    }
    pub(crate) fn from_disk(s: &str) -> Option<FileRecord> {
        let (h, l) = s.split_once(' ')?;
        Some(FileRecord { hash: h.to_string(), len: l.parse().ok()? })
    }
}

const XXH3: &str = "x3:";

/// The hash recorded for a generated file (see [`FileRecord`]).
pub fn file_hash(bytes: &[u8]) -> String {
    format!("{XXH3}{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The headline and the stakeholders as (id, name): what the related-explainers pass needs
    /// from a seed that is not extracted again.
    pub title: String,
    pub actors: Vec<(String, String)>,
    /// (kind, role) of each of `actors`, in the same order ("" for no role): for the stakeholder
    /// pages.
    pub actor_details: Vec<(String, String)>,
    /// The page's front matter weight (newest first), for the order of the stakeholder pages.
    pub weight: u32,
    /// Hash of the related-explainers list in its `index.md` ("" for none).
    pub related: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub schema: String,
    /// Tool fingerprint (version + sources); a change re-extracts every seed.
    pub tool: String,
    /// Sorted by `seed`.
    pub seeds: Vec<Entry>,
    /// Every generated file (seed bundles and site-wide files such as the CSS).
    pub files: BTreeMap<String, FileRecord>,
}

/// On disk: one seed a line, its files (path → "hash length") with it; site-wide files apart.
#[derive(Serialize, Deserialize)]
struct DiskEntry {
    seed: String,
    sha256: String,
    options: String,
    base_slug: String,
    slug: String,
    files: BTreeMap<String, String>,
    title: String,
    actors: Vec<(String, String)>,
    #[serde(default)]
    actor_details: Vec<(String, String)>,
    #[serde(default)]
    weight: u32,
    related: String,
}

/// [`DiskEntry`] borrowed, for writing.
#[derive(Serialize)]
struct DiskEntryRef<'a> {
    seed: &'a str,
    sha256: &'a str,
    options: &'a str,
    base_slug: &'a str,
    slug: &'a str,
    files: BTreeMap<&'a str, String>,
    title: &'a str,
    actors: &'a [(String, String)],
    actor_details: &'a [(String, String)],
    weight: u32,
    related: &'a str,
}

#[derive(Serialize, Deserialize)]
struct Disk {
    schema: String,
    tool: String,
    seeds: Vec<DiskEntry>,
    site: BTreeMap<String, String>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest { schema: SCHEMA.to_string(), tool: String::new(), seeds: Vec::new(), files: BTreeMap::new() }
    }
}

/// The manifest as [`Manifest::to_bytes`] lays it out (a head line, one seed a line, the site
/// files), parsed a seed line at a time on every thread: 10,000 seeds make 18 MB, and a no-op
/// rebuild starts by reading it. `None` for any other layout, which the whole-document parser
/// then reads (and reports with its line when it is damaged).
fn parse_lines(bytes: &[u8]) -> Option<Disk> {
    use rayon::prelude::*;
    let text = std::str::from_utf8(bytes).ok()?;
    let (head, rest) = text.split_once("\n\"seeds\": [\n")?;
    let (body, tail) = match rest.strip_prefix("],\n") {
        Some(t) => ("", t),
        None => rest.split_once("\n],\n")?,
    };
    #[derive(Deserialize)]
    struct Head {
        schema: String,
        tool: String,
        site: BTreeMap<String, String>,
    }
    let h: Head = serde_json::from_str(&format!("{head}\n{tail}")).ok()?;
    let seeds = if body.is_empty() {
        Vec::new()
    } else {
        body.par_split('\n').map(|l| serde_json::from_str::<DiskEntry>(l.strip_suffix(',').unwrap_or(l)).ok()).collect::<Option<Vec<_>>>()?
    };
    Some(Disk { schema: h.schema, tool: h.tool, seeds, site: h.site })
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
        let d: Disk = match parse_lines(&bytes) {
            Some(d) => d,
            None => serde_json::from_slice(&bytes).map_err(|e| {
            Error::new(ErrorKind::Config, format!("the build manifest is damaged: {e}"))
                .in_file(shown)
                .at_line(e.line())
                .hint("it is rebuilt by this run; pages it listed that no seed makes any more must be deleted by hand")
            })?,
        };
        if d.schema != SCHEMA {
            return Err(Error::new(ErrorKind::Config, format!("unknown manifest schema {:?}", d.schema))
                .in_file(shown)
                .hint("it was written by another version of explainer; it is rebuilt by this run"));
        }
        let damaged = |what: &str| {
            Error::new(ErrorKind::Config, format!("the build manifest is damaged: bad file record for {what}"))
                .in_file(shown)
                .hint("it is rebuilt by this run")
        };
        let mut m = Manifest { schema: d.schema, tool: d.tool, seeds: Vec::with_capacity(d.seeds.len()), files: BTreeMap::new() };
        for (p, r) in d.site {
            m.files.insert(p.clone(), FileRecord::from_disk(&r).ok_or_else(|| damaged(&p))?);
        }
        for e in d.seeds {
            let mut files = Vec::with_capacity(e.files.len());
            for (p, r) in e.files {
                m.files.insert(p.clone(), FileRecord::from_disk(&r).ok_or_else(|| damaged(&p))?);
                files.push(p);
            }
            m.seeds.push(Entry {
                seed: e.seed,
                sha256: e.sha256,
                options: e.options,
                base_slug: e.base_slug,
                slug: e.slug,
                files,
                title: e.title,
                actors: e.actors,
                actor_details: e.actor_details,
                weight: e.weight,
                related: e.related,
            });
        }
        m.seeds.sort_by(|a, b| a.seed.cmp(&b.seed));
        Ok(m)
    }

    /// The JSON on disk: deterministic, one seed a line (so a diff shows which seeds changed).
    /// Lines are made on every thread (10,000 seeds make 18 MB).
    pub fn to_bytes(&self) -> Vec<u8> {
        use rayon::prelude::*;
        let j = |v: &str| serde_json::to_string(v).expect("strings serialise");
        let lines: Vec<String> = self
            .seeds
            .par_iter()
            .map(|e| {
                let files: BTreeMap<&str, String> = e.files.iter().filter_map(|f| self.files.get(f).map(|r| (f.as_str(), r.to_disk()))).collect();
                let d = DiskEntryRef {
                    seed: &e.seed,
                    sha256: &e.sha256,
                    options: &e.options,
                    base_slug: &e.base_slug,
                    slug: &e.slug,
                    files,
                    title: &e.title,
                    actors: &e.actors,
                    actor_details: &e.actor_details,
                    weight: e.weight,
                    related: &e.related,
                };
                serde_json::to_string(&d).expect("the manifest always serialises")
            })
            .collect();
        let owned: std::collections::BTreeSet<&str> = self.seeds.iter().flat_map(|e| e.files.iter().map(String::as_str)).collect();
        let mut s = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum::<usize>() + 200);
        s.push_str(&format!("{{\"schema\": {}, \"tool\": {},\n\"seeds\": [", j(&self.schema), j(&self.tool)));
        for (i, l) in lines.iter().enumerate() {
            s.push_str(if i == 0 { "\n" } else { ",\n" });
            s.push_str(l);
        }
        let site: BTreeMap<&String, String> =
            self.files.iter().filter(|(p, _)| !owned.contains(p.as_str())).map(|(p, r)| (p, r.to_disk())).collect();
        s.push_str(&format!("\n],\n\"site\": {}}}\n", serde_json::to_string(&site).expect("serialises")));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest of an earlier version records SHA-256 prefixes: its files still match.
    #[test]
    fn records_of_earlier_versions_still_match() {
        let old = FileRecord { hash: "2cf24dba5fb0a30e".into(), len: 5 };
        assert!(old.matches(b"hello"));
        assert!(!old.matches(b"hellO"));
        let new = FileRecord::of(b"hello");
        assert!(new.hash.starts_with("x3:") && new.matches(b"hello") && !new.matches(b"hellO") && !new.matches(b"hello "));
    }

    #[test]
    fn round_trips_through_disk() {
        let mut m = Manifest { tool: "t".into(), ..Manifest::default() };
        m.files.insert("content/explainers/a/index.md".into(), FileRecord::of(b"x"));
        m.files.insert("static/explainer.css".into(), FileRecord::of(b"css"));
        m.seeds.push(Entry {
            seed: "seeds/a.txt".into(),
            sha256: "00".into(),
            options: "o".into(),
            base_slug: "a".into(),
            slug: "a".into(),
            files: vec!["content/explainers/a/index.md".into()],
            title: "A \"title\"".into(),
            actors: vec![("x".into(), "X".into())],
            actor_details: vec![("person".into(), "chief".into())],
            weight: 7,
            related: String::new(),
        });
        let dir = std::env::temp_dir().join(format!("explainer-manifest-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".explainer")).unwrap();
        std::fs::write(path(&dir), m.to_bytes()).unwrap();
        let back = Manifest::load(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(back, m);
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{text}");
        // The line-at-a-time reader and the whole-document parser agree, with 0, 1 and 2 seeds.
        for n in 0..3 {
            let mut m2 = m.clone();
            m2.seeds = (0..n).map(|i| Entry { seed: format!("seeds/{i}.txt"), ..m.seeds[0].clone() }).collect();
            let b = m2.to_bytes();
            let fast = parse_lines(&b).expect("our own layout");
            let full: Disk = serde_json::from_slice(&b).unwrap();
            assert_eq!(serde_json::to_string(&fast).unwrap(), serde_json::to_string(&full).unwrap(), "{n} seeds");
        }
        assert!(parse_lines(b"{\"schema\": \"x\"}").is_none());
    }
}
