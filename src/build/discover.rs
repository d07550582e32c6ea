//! Finding the seeds: `seeds/` → the article files, their settings files, and everything else
//! that was passed over (with the reason).
//!
//! In: the site root. Out: [`Found`]: seed files sorted by the path shown to users (`seeds/a.txt`),
//! each with its settings file (`seeds/a.toml`) when there is one; files that are not seeds with
//! why they were passed over; and problems with the folder itself (unreadable folders, symlink
//! loops).
//!
//! Rules: a seed is a regular file (or a symlink to one) ending in `.txt`, or a saved web page
//! ending in `.html`, `.htm`, `.xhtml` or one of those plus `.gz` (any case); nested
//! folders are walked; symlinks are followed and loops are reported, not followed; hidden files and
//! folders (names starting with `.`) are passed over; `<name>.toml` next to `<name>.txt` holds that
//! seed's settings (see [`settings`](super::settings)).
//!
//! Outside the site: a seed (or settings file) that a symlink leads to outside the site root
//! (`seeds/passwd.txt` → `/etc/passwd`) is not read, and is reported with where it leads and
//! how to allow it (`--follow-outside`, [`find_with`]): a site's pages are public, so the
//! build publishes nothing from elsewhere on the machine unless told to. Paths are compared
//! after resolving every symlink (`canonicalize`), only when the walk met a symlink.
//!
//! What it gets wrong: the same file reached through two symlinks is two seeds (two pages), and so
//! are `a.txt` and `a.html` side by side (sharing the settings file `a.toml`).

use crate::error::{display_path, Error, ErrorKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedFile {
    /// The path on disk.
    pub path: PathBuf,
    /// The path shown to users and written to `seed.file`: relative to the site root, `/`
    /// separators (`seeds/a.txt`).
    pub file: String,
    /// Its settings file, when there is one: (path on disk, path shown to users).
    pub settings: Option<(PathBuf, String)>,
}

/// A file passed over, and why. Not a failure.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ignored {
    pub file: String,
    pub reason: String,
}

/// What is in `seeds/`.
#[derive(Debug, Default)]
pub struct Found {
    pub seeds: Vec<SeedFile>,
    pub ignored: Vec<Ignored>,
    /// Folders or files that could not be read: failures.
    pub errors: Vec<Error>,
}

fn is_txt(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) || crate::html::is_html_name(&p.to_string_lossy())
}

/// The path without its seed extension(s): `a.txt`, `a.html`, `a.html.gz` → `a`.
fn stem(p: &Path) -> PathBuf {
    let p = if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz")) { p.with_extension("") } else { p.to_path_buf() };
    p.with_extension("")
}

fn is_toml(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("toml"))
}

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Walks `root/seeds`; seeds outside the site root are refused (see the module doc).
pub fn find(root: &Path) -> Found {
    find_with(root, false)
}

/// Walks `root/seeds`; `follow_outside` reads seeds that symlinks lead to outside the site root.
pub fn find_with(root: &Path, follow_outside: bool) -> Found {
    let seeds_dir = root.join("seeds");
    let shown = |p: &Path| display_path(p.strip_prefix(root).unwrap_or(p));
    let mut found = Found::default();
    let mut txt: Vec<(PathBuf, String)> = Vec::new();
    let mut tomls: Vec<(PathBuf, String)> = Vec::new();
    let mut saw_symlink = false;
    let mut it = walkdir::WalkDir::new(&seeds_dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map(|p| shown(p)).unwrap_or_else(|| "seeds".to_string());
                if let Some(anc) = e.loop_ancestor() {
                    found.ignored.push(Ignored {
                        file,
                        reason: format!("symlink loop (points back to {}); not followed", shown(anc)),
                    });
                } else if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) {
                    // A dangling symlink: name it, it is probably meant to be a seed.
                    found.errors.push(
                        Error::new(ErrorKind::Io, "broken symlink (its target does not exist)")
                            .in_file(&file)
                            .hint("fix or delete the link"),
                    );
                } else {
                    let msg = e.io_error().map(|io| io.to_string()).unwrap_or_else(|| e.to_string());
                    found.errors.push(
                        Error::new(ErrorKind::Io, format!("cannot read: {msg}"))
                            .in_file(&file)
                            .hint("check that the folder and its files are readable"),
                    );
                }
                continue;
            }
        };
        let p = entry.path();
        saw_symlink |= entry.path_is_symlink();
        if entry.depth() == 0 {
            continue;
        }
        let file = shown(p);
        if hidden(entry.file_name()) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            let name = entry.file_name().to_string_lossy();
            if !matches!(name.as_ref(), ".gitkeep" | ".DS_Store" | ".gitignore") {
                found.ignored.push(Ignored { file, reason: "hidden (name starts with a dot)".into() });
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            found.ignored.push(Ignored { file, reason: "not a regular file".into() });
        } else if is_txt(p) {
            txt.push((p.to_path_buf(), file));
        } else if is_toml(p) {
            tomls.push((p.to_path_buf(), file));
        } else {
            found.ignored.push(Ignored { file, reason: "not a seed (articles are .txt, .html, .htm or .html.gz files)".into() });
        }
    }

    if saw_symlink && !follow_outside {
        if let Ok(site) = root.canonicalize() {
            let mut outside = |list: &mut Vec<(PathBuf, String)>| {
                list.retain(|(p, file)| match p.canonicalize() {
                    Ok(real) if !real.starts_with(&site) => {
                        found.errors.push(
                            Error::new(ErrorKind::Io, format!("leads (through a symlink) to {}, outside the site; not read", real.display()))
                                .in_file(file)
                                .hint("a site publishes its seeds: copy the article into seeds/, or pass --follow-outside to read seeds outside the site"),
                        );
                        false
                    }
                    _ => true,
                })
            };
            outside(&mut txt);
            outside(&mut tomls);
        }
    }
    let txt_stems: BTreeSet<PathBuf> = txt.iter().map(|(p, _)| stem(p)).collect();
    let mut settings_of = std::collections::BTreeMap::new();
    for (p, f) in tomls {
        let stem = p.with_extension("");
        if txt_stems.contains(&stem) {
            settings_of.insert(stem, (p, f));
        } else {
            found.ignored.push(Ignored {
                reason: format!("settings file with no seed beside it (expected {})", display_path(Path::new(&f).with_extension("txt").as_path())),
                file: f,
            });
        }
    }
    found.seeds = txt
        .into_iter()
        .map(|(path, file)| {
            let settings = settings_of.remove(&stem(&path));
            SeedFile { path, file, settings }
        })
        .collect();
    found.seeds.sort_by(|a, b| a.file.cmp(&b.file));
    found.ignored.sort();
    found.ignored.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_are_seeds_with_their_settings() {
        let dir = std::env::temp_dir().join(format!("explainer-discover-{}", std::process::id()));
        let seeds = dir.join("seeds");
        std::fs::create_dir_all(&seeds).unwrap();
        for f in ["a.txt", "b.html", "c.HTM", "d.html.gz", "d.toml", "e.pdf"] {
            std::fs::write(seeds.join(f), "x").unwrap();
        }
        let found = find(&dir);
        let files: Vec<_> = found.seeds.iter().map(|s| s.file.as_str()).collect();
        assert_eq!(files, vec!["seeds/a.txt", "seeds/b.html", "seeds/c.HTM", "seeds/d.html.gz"]);
        assert_eq!(found.seeds[3].settings.as_ref().map(|s| s.1.as_str()), Some("seeds/d.toml"));
        assert_eq!(found.ignored.len(), 1, "{:?}", found.ignored);
        assert!(found.ignored[0].reason.contains(".html"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
