//! Stamps: a local cache that lets a no-op rebuild skip reading and hashing unchanged seeds, and
//! skip the related-explainers pass when nothing it reads changed.
//!
//! In/out: `.explainer/stamps` at the site root. One seed a line,
//! `seed <sha256> <length> <mtime ns> <ctime ns> <seed path>`, one line `related <key>` and one
//! line `actors <key>` (the same for the stakeholder pages, `build::actors_pass`). The manifest stays the record of what was built (deterministic, fit to
//! commit); this file only remembers what the file system said about each seed the last time it
//! was hashed, so it holds times and differs between checkouts: it is not meant to be committed,
//! and losing it (or a damaged line) only costs hashing those seeds again.
//!
//! The trade-off, the one make, cargo and git's index make: a seed whose length, modification
//! time and (on Unix) status-change time all equal its stamp is taken to still have the SHA-256
//! in the stamp, without being read. Any write to a file moves its ctime, which cannot be set
//! back by hand (`touch -d` sets the mtime only), so only a file system that does not keep
//! times, or a clock set back, can fool it. Two guards:
//! - racy stamps: a file whose times are not at least [`SETTLE_NS`] older than the start of the
//!   build is hashed and not stamped, so a change within the file system's timestamp
//!   granularity of the stamped read is never missed (it is stamped by a later build);
//! - `explainer build --rehash` ([`super::BuildOptions::rehash`]) hashes every seed, whatever
//!   the stamps say.
//!
//! The related key is a hash of everything the related pass reads (every built seed's slug,
//! title and stakeholders, and the hash of the related list its `index.md` holds), saved
//! only after a pass that wrote every list it had to. An equal key on the next build means the
//! pass would find every list up to date, so it is not run.
//!
//! What it gets wrong: on non-Unix systems there is no ctime, so a seed rewritten with the same
//! length and its mtime set back to the stamped one is missed (use `--rehash`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where the stamps live, relative to the site root.
pub fn path(root: &Path) -> PathBuf {
    root.join(".explainer").join("stamps")
}

/// How much older than the build's start a file's times must be for it to get a stamp: more than
/// the coarsest timestamp granularity in common use (FAT's 2 s).
pub const SETTLE_NS: i128 = 3_000_000_000;

/// What the file system says about a seed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    /// Modification time, ns since the Unix epoch.
    pub mtime: i128,
    /// Status-change time, ns since the Unix epoch (0 where there is none).
    pub ctime: i128,
}

fn ns(t: SystemTime) -> Option<i128> {
    Some(t.duration_since(UNIX_EPOCH).ok()?.as_nanos() as i128)
}

impl Stamp {
    /// The stamp of a file's metadata; `None` when its times are unknown.
    pub fn of(m: &std::fs::Metadata) -> Option<Stamp> {
        let mtime = ns(m.modified().ok()?)?;
        #[cfg(unix)]
        let ctime = {
            use std::os::unix::fs::MetadataExt;
            i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec())
        };
        #[cfg(not(unix))]
        let ctime = 0;
        Some(Stamp { len: m.len(), mtime, ctime })
    }

    /// Whether the file's times are old enough, at `start`, to be trusted next time.
    pub fn settled(&self, start: SystemTime) -> bool {
        ns(start).is_some_and(|s| self.mtime.max(self.ctime) + SETTLE_NS < s)
    }
}

/// The stamps file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps {
    /// Seed path as shown (`seeds/a.txt`) → its stamp and the SHA-256 it had.
    pub seeds: BTreeMap<String, (Stamp, String)>,
    /// Key of the last complete related pass ("" for none).
    pub related: String,
    /// Key of the last complete stakeholder-pages pass ("" for none).
    pub actors: String,
}

impl Stamps {
    /// Reads the stamps; missing or unreadable: none (every seed is hashed). Lines that do not
    /// parse are passed over.
    pub fn load(root: &Path) -> Stamps {
        let mut s = Stamps::default();
        let Ok(text) = std::fs::read_to_string(path(root)) else { return s };
        for line in text.lines() {
            if let Some(k) = line.strip_prefix("related ") {
                s.related = k.to_string();
            } else if let Some(k) = line.strip_prefix("actors ") {
                s.actors = k.to_string();
            } else if let Some(rest) = line.strip_prefix("seed ") {
                let mut f = rest.splitn(5, ' ');
                let (Some(sha), Some(len), Some(m), Some(c), Some(file)) = (f.next(), f.next(), f.next(), f.next(), f.next()) else { continue };
                let (Ok(len), Ok(mtime), Ok(ctime)) = (len.parse(), m.parse(), c.parse()) else { continue };
                if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
                    s.seeds.insert(file.to_string(), (Stamp { len, mtime, ctime }, sha.to_string()));
                }
            }
        }
        s
    }

    /// The SHA-256 of a seed whose stamp is unchanged.
    pub fn sha(&self, file: &str, now: Stamp) -> Option<&str> {
        self.seeds.get(file).filter(|(st, _)| *st == now).map(|(_, sha)| sha.as_str())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        use std::fmt::Write;
        let mut s = String::with_capacity(self.seeds.len() * 140 + 80);
        for (file, (st, sha)) in &self.seeds {
            // A path with a line break cannot be stored on one line: it is hashed every time.
            if !file.contains(['\n', '\r']) {
                let _ = writeln!(s, "seed {sha} {} {} {} {file}", st.len, st.mtime, st.ctime);
            }
        }
        if !self.related.is_empty() {
            let _ = writeln!(s, "related {}", self.related);
        }
        if !self.actors.is_empty() {
            let _ = writeln!(s, "actors {}", self.actors);
        }
        s.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_bad_lines() {
        let mut s = Stamps { related: "abc".into(), actors: "def".into(), ..Stamps::default() };
        let st = Stamp { len: 12, mtime: 1_700_000_000_123_456_789, ctime: 1_700_000_000_123_456_790 };
        s.seeds.insert("seeds/with space.txt".into(), (st, "0".repeat(64)));
        let dir = std::env::temp_dir().join(format!("explainer-stamps-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".explainer")).unwrap();
        let mut bytes = s.to_bytes();
        bytes.extend_from_slice(b"seed nothex 1 2 3 seeds/x.txt\nseed short\ngarbage\n");
        std::fs::write(path(&dir), bytes).unwrap();
        let back = Stamps::load(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(back, s);
        assert_eq!(back.sha("seeds/with space.txt", st), Some("0".repeat(64).as_str()));
        assert_eq!(back.sha("seeds/with space.txt", Stamp { len: 13, ..st }), None);
    }

    #[test]
    fn recent_files_are_not_settled() {
        let now = SystemTime::now();
        let t = ns(now).unwrap();
        let st = Stamp { len: 1, mtime: t - 1_000_000_000, ctime: t - 10_000_000_000 };
        assert!(!st.settled(now), "modified a second ago");
        assert!(Stamp { mtime: t - 10_000_000_000, ..st }.settled(now));
    }
}
