//! Check: validates what `build` wrote, without Zola.
//!
//! In: a site root. Out: a list of problems, each naming the file: front matter that does not
//! parse as TOML, `explainer.json` files that do not match the `explainer/1` wire structs, and
//! theme templates that the `tera` crate (Tera 2, as in Zola 0.23) does not parse or that call
//! a filter, test, function or component that does not exist. Also what makes `zola build` fail
//! for the whole site ([`check_links`]): a bundle folder without its page, an internal link the
//! theme makes to a page that is not there (related explainers, stakeholder pages and the
//! explainers they list, the stakeholder index), and file names longer than a file system
//! allows ([`NAME_MAX`] bytes a name, [`PATH_MAX`] a path).
//!
//! What it gets wrong: Zola's functions are stand-ins ([`theme_tera`]), so a wrong argument to
//! one is only caught when `zola build` renders; templates are parsed, not rendered (the tests
//! render them against real data).

use crate::error::{display_path, Error, ErrorKind};
use std::path::Path;

/// Most bytes of one file or folder name (ext4, tmpfs, APFS, NTFS in UTF-16 units).
pub const NAME_MAX: usize = 255;
/// Most bytes of a path (Linux `PATH_MAX`).
pub const PATH_MAX: usize = 4096;

/// Checks every bundle under `root/content/explainers`. Returns the problems found.
pub fn check(root: &Path) -> Vec<Error> {
    let mut problems = check_links(root);
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
    problems.extend(check_templates(root));
    problems
}

fn strings_at<'a>(t: &'a toml::Table, table: &str, key: &str) -> Vec<&'a str> {
    t.get("extra").and_then(|e| e.get(table)).and_then(|v| v.as_array()).map_or(Vec::new(), |a| {
        a.iter().filter_map(|x| if key.is_empty() { x.as_str() } else { x.get(key).and_then(|v| v.as_str()) }).collect()
    })
}

/// The internal links and file names of `content/` (see the module doc).
pub fn check_links(root: &Path) -> Vec<Error> {
    let mut problems = Vec::new();
    let content = root.join("content");
    let shown = |p: &Path| display_path(p.strip_prefix(root).unwrap_or(p));
    for e in walkdir::WalkDir::new(&content).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
        let name = e.file_name().len();
        let path = e.path().as_os_str().len();
        if name > NAME_MAX || path > PATH_MAX {
            problems.push(
                Error::new(ErrorKind::Check, format!("name of {name} bytes (path {path}): longer than a file system allows ({NAME_MAX} a name, {PATH_MAX} a path)"))
                    .in_file(shown(e.path()))
                    .hint("rename it"),
            );
        }
    }
    let bundles = content.join("explainers");
    let actors = content.join("actors");
    let page = |dir: &Path, name: &str| name.len() <= NAME_MAX && !name.contains(['/', '\\']) && dir.join(name).join("index.md").is_file();
    let missing = |from: &Path, what: &str, dir: &Path, name: &str| {
        let target = shown(&dir.join(name.get(..NAME_MAX.min(name.len())).unwrap_or(name)).join("index.md"));
        let why = if name.len() > NAME_MAX { format!(" (its name is {} bytes, more than a file name may have)", name.len()) } else { String::new() };
        Error::new(ErrorKind::Check, format!("links to {what} {target}, which does not exist{why}; `zola build` fails on it"))
            .in_file(shown(from))
            .hint("build again with `explainer build` (it reports why the page could not be written)")
    };
    let read_fm = |p: &Path| std::fs::read_to_string(p).ok().and_then(|t| front_matter(&t).ok());
    if let Ok(rd) = std::fs::read_dir(&bundles) {
        let mut dirs: Vec<std::path::PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        dirs.sort();
        for d in dirs {
            if d.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            let index = d.join("index.md");
            if !index.is_file() {
                if d.join("explainer.json").is_file() || std::fs::read_dir(&d).is_ok_and(|mut r| r.next().is_none()) {
                    problems.push(
                        Error::new(ErrorKind::Check, "bundle folder without its page (index.md)")
                            .in_file(shown(&d))
                            .hint("build again with `explainer build`, or delete the folder"),
                    );
                }
                continue;
            }
            if let Some(fm) = read_fm(&index) {
                for slug in strings_at(&fm, "related", "slug") {
                    if !page(&bundles, slug) {
                        problems.push(missing(&index, "the related explainer", &bundles, slug));
                    }
                }
            }
            let json = d.join("explainer.json");
            if let Some(doc) = std::fs::read(&json).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok()) {
                for id in doc["stakeholders"].as_array().into_iter().flatten().filter_map(|s| s["id"].as_str()) {
                    if !page(&actors, id) {
                        problems.push(missing(&json, "the stakeholder page", &actors, id));
                    }
                }
            }
        }
    }
    let index = actors.join("_index.md");
    if let Some(fm) = read_fm(&index) {
        for table in ["actors", "top"] {
            for id in strings_at(&fm, table, "id") {
                if !page(&actors, id) {
                    problems.push(missing(&index, "the stakeholder page", &actors, id));
                }
            }
        }
    }
    if let Ok(rd) = std::fs::read_dir(&actors) {
        let mut pages: Vec<std::path::PathBuf> = rd.flatten().map(|e| e.path().join("index.md")).filter(|p| p.is_file()).collect();
        pages.sort();
        for p in pages {
            if let Some(fm) = read_fm(&p) {
                for slug in strings_at(&fm, "explainers", "") {
                    if !page(&bundles, slug) {
                        problems.push(missing(&p, "the explainer", &bundles, slug));
                    }
                }
            }
        }
    }
    // One problem a target and source file is plenty; the stakeholder index lists ids twice.
    problems.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    problems
}

/// The theme folder of a site root.
pub const THEME_DIR: &str = "themes/explainer";

/// Parses every template of the theme (and of the site's own `templates/`, which overrides it)
/// with the `tera` crate. Returns the problems found.
pub fn check_templates(root: &Path) -> Vec<Error> {
    if !root.join(THEME_DIR).join("templates").is_dir() {
        return Vec::new();
    }
    match theme_tera(root, |_| {}) {
        Ok(_) => Vec::new(),
        Err(e) => vec![e],
    }
}

/// Template files under `dir`, as (name relative to `dir` with `/` separators, text).
fn template_files(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !entry.file_type().is_file() || !matches!(ext, "html" | "xml" | "txt" | "json" | "md" | "ics") {
            continue;
        }
        let name = display_path(p.strip_prefix(dir).unwrap_or(p));
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))?;
        out.push((name, text));
    }
    Ok(out)
}

fn tera_error(e: &tera::Error) -> String {
    // Tera's own Display omits the cause chain that names the line; walk it.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// A Tera 2 instance loaded with the theme's templates (site templates override theme ones of
/// the same name), with stand-ins for the filters, tests and functions Zola 0.23 adds, all
/// registered before the templates are added (Tera 2 checks names then).
///
/// The stand-ins: `load_data(path=…)` reads JSON under `root` (`required=false` turns a missing
/// file into none); `get_url` and `get_taxonomy_url` return site-relative URLs; `get_section`,
/// `get_taxonomy`, `get_page`, `get_taxonomy_term` return empty values; filters return their
/// input. `customize` runs after them, so tests can register realistic ones.
pub fn theme_tera(root: &Path, customize: impl FnOnce(&mut tera::Tera)) -> Result<tera::Tera, Error> {
    use tera::{Kwargs, State, Value};
    let mut t = tera::Tera::default();
    let data_root = root.to_path_buf();
    t.register_function("load_data", move |kw: Kwargs, _: &State| -> tera::TeraResult<Value> {
        let path = kw.must_get::<&str>("path")?;
        let required = kw.get::<bool>("required")?.unwrap_or(true);
        let rel = path.strip_prefix("@/").map(|p| format!("content/{p}")).unwrap_or_else(|| path.to_string());
        if rel.split('/').any(|c| c == "..") {
            return Err(tera::Error::message(format!("load_data: {path:?} leaves the site")));
        }
        match std::fs::read_to_string(data_root.join(&rel)) {
            Ok(text) => {
                let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| tera::Error::message(format!("load_data {rel}: {e}")))?;
                Ok(Value::from_serializable(&v))
            }
            Err(_) if !required => Ok(Value::none()),
            Err(e) => Err(tera::Error::message(format!("load_data {rel}: {e}"))),
        }
    });
    t.register_function("get_url", |kw: Kwargs, _: &State| -> tera::TeraResult<String> { Ok(stand_in_url(kw.must_get::<&str>("path")?)) });
    t.register_function("get_taxonomy_url", |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let kind = kw.must_get::<&str>("kind")?;
        let term = kw.get::<&str>("term")?.or(kw.get::<&str>("name")?).unwrap_or_default();
        Ok(format!("/{kind}/{term}/"))
    });
    let empty_section = || serde_json::json!({ "title": "", "pages": [], "subsections": [], "extra": {} });
    t.register_function("get_section", move |_: Kwargs, _: &State| Value::from_serializable(&empty_section()));
    t.register_function("get_taxonomy", |_: Kwargs, _: &State| Value::from_serializable(&serde_json::json!({ "items": [] })));
    t.register_function("get_page", |_: Kwargs, _: &State| Value::none());
    t.register_function("get_taxonomy_term", |_: Kwargs, _: &State| Value::none());
    t.register_function("now", |_: Kwargs, _: &State| Value::from("2000-01-01T00:00:00Z"));
    t.register_function("trans", |kw: Kwargs, _: &State| -> tera::TeraResult<String> { Ok(kw.must_get::<String>("key")?) });
    t.register_function("get_random", |_: Kwargs, _: &State| Value::from(0));
    t.register_function("get_hash", |_: Kwargs, _: &State| Value::from(""));
    for f in [
        "date", "slugify", "striptags", "spaceless", "json_encode", "regex_replace", "urlencode", "urlencode_strict",
        "base64_encode", "base64_decode", "format", "filesizeformat", "shuffle", "markdown", "num_format",
    ] {
        t.register_filter(f, |v: Value, _: Kwargs, _: &State| v);
    }
    for name in ["matching", "before", "after"] {
        t.register_test(name, |_: Value, _: Kwargs, _: &State| false);
    }
    customize(&mut t);
    let theme_dir = root.join(THEME_DIR).join("templates");
    let mut templates: std::collections::BTreeMap<String, String> = template_files(&theme_dir)?.into_iter().collect();
    let site_dir = root.join("templates");
    if site_dir.is_dir() {
        templates.extend(template_files(&site_dir)?);
    }
    t.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))).map_err(|e| {
        Error::new(ErrorKind::Check, format!("theme template does not parse with Tera 2: {}", tera_error(&e)))
            .in_file(display_path(&theme_dir.strip_prefix(root).unwrap_or(&theme_dir)))
            .hint("fix the template; see ../shared/design/zola-notes.md §2 for what Tera 2 changed")
    })?;
    Ok(t)
}

/// What the `get_url` stand-in returns: `@/explainers/x/index.md` → `/explainers/x/`, other
/// paths → `/path`.
pub fn stand_in_url(path: &str) -> String {
    if let Some(p) = path.strip_prefix("@/") {
        let p = p.strip_suffix("_index.md").or_else(|| p.strip_suffix("index.md")).unwrap_or(p);
        let p = p.strip_suffix(".md").map(|s| format!("{s}/")).unwrap_or_else(|| p.to_string());
        return format!("/{}", p.trim_start_matches('/'));
    }
    format!("/{}", path.trim_start_matches('/'))
}

/// Parses the TOML front matter of a Zola page.
pub fn front_matter(text: &str) -> Result<toml::Table, String> {
    let rest = text.strip_prefix("+++").ok_or("front matter must start with `+++`")?;
    let end = rest.find("\n+++").ok_or("front matter has no closing `+++`")?;
    rest[..end].parse::<toml::Table>().map_err(|e| format!("front matter is not valid TOML: {e}"))
}
