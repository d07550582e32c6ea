//! Per-seed settings: `seeds/<name>.toml` next to `seeds/<name>.txt`, written by an editor.
//!
//! In: the settings file's bytes. Out: [`Settings`]: the extraction [`Options`] for that seed,
//! the slug it asks for, and the editor's corrections ([`Edits`], applied after extraction by
//! [`crate::edit`]); or an error naming the file and the line.
//!
//! ```toml
//! published = "2023-09-26"   # or a TOML date; wins over a dateline in the text
//! slug = "taliban-surveillance"   # the page's address (default: from the extracted headline)
//! title = "…"                # the headline; also summary, section, why
//! hide_removed = true        # do not publish the list of what cleaning removed
//! reviewed = true            # the page says the editors reviewed it
//!
//! [stakeholders.huawei]      # ids: `explainer edits seeds/<name>.txt`
//! kind = "company"           # also name, role, affiliation, hide = true, merge_into = "<id>"
//! [events.e-1a2b3c4d]
//! hide = true                # also title, date
//! [relations.r-1a2b3c4d]
//! kind = "negotiates"        # also label, from, to, reverse = true, certainty, hide
//! [sources.s-abdul-mateen-qani]   # name, kind, hide
//! [statements.q-1a2b3c4d]    # hide
//! [figures.f-1a2b3c4d]       # text, unit, hide
//! [disputes.x-1a2b3c4d]      # topic, hide
//! [key_points.k-why]         # text, hide
//!
//! [[add.key_points]]         # also [[add.events]] and [[add.relations]]
//! text = "…"
//! quote = "a passage of the article"
//! ```
//!
//! Unknown keys and values that cannot be right (a kind that does not exist, a date that is not
//! one) are errors with their line: a typo must not be silently ignored, and the seed keeps its
//! last good pages until it is fixed. Ids that match nothing are not errors here; [`crate::edit`]
//! reports them and the build goes on.
//!
//! What it gets wrong: a line is reported for each value through the TOML parser's spans; an
//! error the parser gives without a span (rare) names the file only.

use crate::edit::{self, At, Edits, Item};
use crate::error::{Error, ErrorKind, Result};
use crate::extract::Options;
use crate::model::{RelationKind, SourceKind, StakeholderKind, Ymd};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The top-level settings a seed may have, for messages.
pub const KEYS: &[&str] = &["published", "slug", "title", "summary", "section", "why", "hide_removed", "reviewed"];

/// The tables of item edits, for messages.
pub const TABLES: &[&str] = &["stakeholders", "events", "relations", "sources", "statements", "figures", "disputes", "key_points", "add"];

/// What a settings file asks for.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub opts: Options,
    /// `slug = "…"`: the page's slug instead of one made from the headline.
    pub slug: Option<String>,
    pub edits: Edits,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawWhy {
    Text(String),
    Quoted(edit::NewKeyPoint),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAdd {
    #[serde(default)]
    events: Vec<Spanned<edit::NewEvent>>,
    #[serde(default)]
    relations: Vec<Spanned<edit::NewRelation>>,
    #[serde(default)]
    key_points: Vec<Spanned<edit::NewKeyPoint>>,
}

type Table<T> = BTreeMap<String, Spanned<T>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    published: Option<Spanned<toml::Value>>,
    slug: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    section: Option<Spanned<String>>,
    why: Option<Spanned<RawWhy>>,
    #[serde(default)]
    hide_removed: bool,
    #[serde(default)]
    reviewed: bool,
    #[serde(default)]
    stakeholders: Table<edit::StakeholderEdit>,
    #[serde(default)]
    events: Table<edit::EventEdit>,
    #[serde(default)]
    relations: Table<edit::RelationEdit>,
    #[serde(default)]
    sources: Table<edit::SourceEdit>,
    #[serde(default)]
    statements: Table<edit::HideEdit>,
    #[serde(default)]
    figures: Table<edit::FigureEdit>,
    #[serde(default)]
    disputes: Table<edit::DisputeEdit>,
    #[serde(default)]
    key_points: Table<edit::KeyPointEdit>,
    #[serde(default)]
    add: RawAdd,
}

/// Reads a settings file. `base` holds the run's options (`--published`).
pub fn parse(file: &str, bytes: &[u8], base: &Options) -> Result<Settings> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::Config, "settings file is not UTF-8 text")
            .in_file(file)
            .at_line(line_of(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]), usize::MAX))
            .hint("save it as UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawFile = toml::from_str(text).map_err(|e: toml::de::Error| {
        let msg = e.message().trim_end().to_string();
        let hint = if msg.contains("unknown field") {
            format!("the settings a seed can have are {}, and the tables [{}.<id>]; see `explainer edits` for ids", KEYS.join(", "), TABLES.join(".<id>], ["))
        } else {
            "write settings as `key = value` lines and tables as [events.<id>], e.g. published = \"2023-09-26\"".to_string()
        };
        let mut err = Error::new(ErrorKind::Config, format!("settings file is not valid: {msg}")).in_file(file).hint(hint);
        if let Some(span) = e.span() {
            err = err.at_line(line_of(text, span.start));
        }
        err
    })?;
    let line = |span: std::ops::Range<usize>| line_of(text, span.start);
    let bad = |at: usize, msg: String, hint: String| Error::new(ErrorKind::Config, msg).in_file(file).at_line(at).hint(hint);

    let mut out = Settings { opts: base.clone(), ..Settings::default() };
    if let Some(p) = &raw.published {
        let at = line(p.span());
        let s = match p.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            other => {
                return Err(bad(at, format!("`published` must be a date such as \"2023-09-26\", not {}", other.type_str()), "write published = \"YYYY-MM-DD\"".into()));
            }
        };
        let date = Ymd::parse(&s).ok_or_else(|| {
            bad(at, format!("`published = {s:?}` is not a real date"), "write published = \"YYYY-MM-DD\" with a month 01-12 and a day that month has".into())
        })?;
        out.opts.published_override = Some(date);
    }
    if let Some(s) = &raw.slug {
        let slug = crate::slug::kebab(s.get_ref());
        if slug.is_empty() || &slug != s.get_ref() {
            return Err(bad(line(s.span()), format!("`slug = {:?}` is not a slug", s.get_ref()), format!("use lower-case letters, digits and hyphens, e.g. slug = {:?}", if slug.is_empty() { "my-explainer" } else { slug.as_str() })));
        }
        out.slug = Some(slug);
    }

    let e = &mut out.edits;
    e.file = file.to_string();
    e.lines = text.lines().map(str::to_string).collect();
    let at = |v: &Option<Spanned<String>>| v.as_ref().map(|s| At { line: line(s.span()), value: s.get_ref().clone() });
    e.title = at(&raw.title);
    e.summary = at(&raw.summary);
    e.section = at(&raw.section);
    for (name, v) in [("title", &e.title), ("summary", &e.summary)] {
        if let Some(v) = v.as_ref().filter(|v| v.value.trim().is_empty()) {
            return Err(bad(v.line, format!("`{name}` is empty"), format!("write the {name} a reader should see, or remove the line")));
        }
    }
    e.why = raw.why.as_ref().map(|w| At {
        line: line(w.span()),
        value: match w.get_ref() {
            RawWhy::Text(t) => edit::NewKeyPoint { text: t.clone(), quote: None },
            RawWhy::Quoted(k) => k.clone(),
        },
    });
    e.hide_removed = raw.hide_removed;
    e.reviewed = raw.reviewed;

    let one_of = |at: usize, field: &str, value: &str, all: &[&str]| -> Result<()> {
        if all.contains(&value) {
            Ok(())
        } else {
            Err(bad(at, format!("`{field} = {value:?}` is not one of the kinds this field takes"), format!("write one of: {}", all.join(", "))))
        }
    };
    let stakeholder_kinds: Vec<&str> = StakeholderKind::ALL.iter().map(|k| k.as_str()).collect();
    let relation_kinds: Vec<&str> = RelationKind::ALL.iter().map(|k| k.as_str()).collect();
    let source_kinds: Vec<&str> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
    let date_ok = |at: usize, field: &str, d: &str| -> Result<()> {
        edit::parse_date(d).map(|_| ()).ok_or_else(|| bad(at, format!("`{field} = {d:?}` is not a date"), "write YYYY, YYYY-MM or YYYY-MM-DD (a real date)".into()))
    };
    fn take<T: Clone>(t: &Table<T>, text: &str) -> Vec<Item<T>> {
        t.iter().map(|(id, v)| Item { id: id.clone(), line: line_of(text, v.span().start), edit: v.get_ref().clone() }).collect()
    }

    e.stakeholders = take(&raw.stakeholders, text);
    for it in &e.stakeholders {
        if let Some(k) = &it.edit.kind {
            one_of(it.line, "kind", k, &stakeholder_kinds)?;
        }
        if it.edit.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(bad(it.line, format!("[stakeholders.{}] `name` is empty", it.id), "write the name, or hide = true to leave the stakeholder out".into()));
        }
    }
    e.events = take(&raw.events, text);
    for it in &e.events {
        if let Some(d) = &it.edit.date {
            date_ok(it.line, "date", d)?;
        }
    }
    e.relations = take(&raw.relations, text);
    for it in &e.relations {
        if let Some(k) = &it.edit.kind {
            one_of(it.line, "kind", k, &relation_kinds)?;
        }
        if let Some(c) = &it.edit.certainty {
            one_of(it.line, "certainty", c, &edit::CERTAINTIES)?;
        }
        if it.edit.reverse && (it.edit.from.is_some() || it.edit.to.is_some()) {
            return Err(bad(it.line, format!("[relations.{}] has both `reverse` and `from`/`to`", it.id), "use reverse = true to swap the ends, or set from and to".into()));
        }
    }
    e.sources = take(&raw.sources, text);
    for it in &e.sources {
        if let Some(k) = &it.edit.kind {
            one_of(it.line, "kind", k, &source_kinds)?;
        }
    }
    e.statements = take(&raw.statements, text);
    e.figures = take(&raw.figures, text);
    e.disputes = take(&raw.disputes, text);
    e.key_points = take(&raw.key_points, text);
    fn at_all<T: Clone>(v: &[Spanned<T>], text: &str) -> Vec<At<T>> {
        v.iter().map(|s| At { line: line_of(text, s.span().start), value: s.get_ref().clone() }).collect()
    }
    e.new_events = at_all(&raw.add.events, text);
    for n in &e.new_events {
        date_ok(n.line, "date", &n.value.date)?;
    }
    e.new_relations = at_all(&raw.add.relations, text);
    for n in &e.new_relations {
        one_of(n.line, "kind", &n.value.kind, &relation_kinds)?;
        if let Some(c) = &n.value.certainty {
            one_of(n.line, "certainty", c, &edit::CERTAINTIES)?;
        }
    }
    e.new_key_points = at_all(&raw.add.key_points, text);
    for n in &e.new_key_points {
        if n.value.text.trim().is_empty() {
            return Err(bad(n.line, "[[add.key_points]] `text` is empty".into(), "write the point a reader should see".into()));
        }
    }
    Ok(out)
}

/// Applies a settings file to the run's options (what acts before extraction only).
pub fn apply(file: &str, bytes: &[u8], base: &Options) -> Result<Options> {
    parse(file, bytes, base).map(|s| s.opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_as_string_or_date() {
        let o = apply("seeds/a.toml", b"published = \"2023-09-26\"\n", &Options::default()).unwrap();
        assert_eq!(o.published_override.unwrap().to_string(), "2023-09-26");
        let o = apply("seeds/a.toml", b"# note\npublished = 2023-09-26\n", &Options::default()).unwrap();
        assert_eq!(o.published_override.unwrap().to_string(), "2023-09-26");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = apply("seeds/a.toml", b"\n\npublished = \"2023-02-30\"\n", &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:3: "), "{e}");
        let e = apply("seeds/a.toml", b"# x\npublishd = \"2023-02-03\"\n", &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:2: settings file is not valid: unknown field `publishd`"), "{e}");
        let e = apply("seeds/a.toml", b"a = 1\nb = = 2\n", &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:2: "), "{e}");
        let e = apply("seeds/a.toml", b"published = 13\n", &Options::default()).unwrap_err();
        assert!(e.to_string().contains("must be a date"), "{e}");
    }

    #[test]
    fn edits_are_read_with_their_lines() {
        let text = "title = \"A better headline\"\nreviewed = true\n\n# Huawei\n[stakeholders.huawei]\nkind = \"company\"\n\n[events.e-1a2b3c4d]\nhide = true\n\n[[add.key_points]]\ntext = \"It matters.\"\nquote = \"a passage\"\n\nwhy = 1\n";
        // `why = 1` after [[add.key_points]] belongs to that table: an unknown field there.
        let e = parse("seeds/a.toml", text.as_bytes(), &Options::default()).unwrap_err();
        assert!(e.to_string().starts_with("seeds/a.toml:15: settings file is not valid: unknown field `why`"), "{e}");
        let text = text.replace("\nwhy = 1\n", "\n");
        let s = parse("seeds/a.toml", text.as_bytes(), &Options::default()).unwrap();
        let e = &s.edits;
        assert_eq!(e.title.as_ref().map(|t| (t.line, t.value.as_str())), Some((1, "A better headline")));
        assert!(e.reviewed);
        assert_eq!(e.stakeholders.len(), 1);
        assert_eq!((e.stakeholders[0].id.as_str(), e.stakeholders[0].line), ("huawei", 5));
        assert_eq!((e.events[0].id.as_str(), e.events[0].line, e.events[0].edit.hide), ("e-1a2b3c4d", 8, true));
        assert_eq!(e.new_key_points[0].line, 11);
        assert_eq!(e.new_key_points[0].value.quote.as_deref(), Some("a passage"));
    }

    #[test]
    fn bad_values_are_errors_with_their_line() {
        let cases: [(&str, usize, &str); 7] = [
            ("[stakeholders.huawei]\nkind = \"compny\"\n", 1, "`kind = \"compny\"` is not one of"),
            ("\n[events.e-1]\ndate = \"2023-02-30\"\n", 2, "`date = \"2023-02-30\"` is not a date"),
            ("[relations.r-1]\ncertainty = \"maybe\"\n", 1, "`certainty = \"maybe\"`"),
            ("[relations.r-1]\nreverse = true\nfrom = \"a\"\n", 1, "both `reverse`"),
            ("[events.e-1]\nhdie = true\n", 2, "unknown field `hdie`"),
            ("title = \"\"\n", 1, "`title` is empty"),
            ("slug = \"Not A Slug\"\n", 1, "is not a slug"),
        ];
        for (text, line, msg) in cases {
            let e = parse("seeds/a.toml", text.as_bytes(), &Options::default()).unwrap_err().to_string();
            assert!(e.starts_with(&format!("seeds/a.toml:{line}: ")), "{text:?}: {e}");
            assert!(e.contains(msg), "{text:?}: {e}");
        }
    }

    #[test]
    fn why_is_a_text_or_a_quoted_point() {
        let s = parse("a.toml", b"why = \"Because.\"\n", &Options::default()).unwrap();
        assert_eq!(s.edits.why.unwrap().value, edit::NewKeyPoint { text: "Because.".into(), quote: None });
        let s = parse("a.toml", b"why = { text = \"Because.\", quote = \"the passage\" }\n", &Options::default()).unwrap();
        assert_eq!(s.edits.why.unwrap().value.quote.as_deref(), Some("the passage"));
    }
}
