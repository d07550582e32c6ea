//! Front matter for a page bundle's `index.md`.
//!
//! In: an explainer and its wire document. Out: `+++\n<toml>+++\n` and nothing else: the body
//! stays empty so no article text is ever read as Markdown or as a Tera template. A small
//! writer makes the TOML (the `toml` serialiser took 3 % of a build's CPU): every string is a
//! TOML basic string on one line, with quotes, backslashes and every control character escaped
//! ([`push_str`]), so a `+++` inside a title cannot close the block early; the property test
//! `front_matter_escapes_everything` reads what it writes back with the `toml` parser.
//!
//! What it gets wrong: nothing known.

use crate::model::Explainer;
use crate::wire;
use std::borrow::Cow;
use std::fmt::Write as _;

/// How many stakeholders a card (home page, section) shows.
pub const CARD_ACTORS: usize = 6;

/// Weight of undated pages: after every dated one.
const UNDATED_WEIGHT: u32 = 100_000_000;

/// Newest first: the weight falls as the date rises (`YYYYMMDD` subtracted from a constant
/// above every such number); undated pages come last. Ties are broken by Zola by permalink.
pub fn weight(date: Option<(i32, u32, u32)>) -> u32 {
    match date {
        Some((y, m, d)) if (1..=9999).contains(&y) => UNDATED_WEIGHT - 1 - (y as u32 * 10_000 + m * 100 + d),
        _ => UNDATED_WEIGHT,
    }
}

/// A string as one line: a line break in a title or name is a space to a reader. (With the
/// `toml` serialiser, which wrote such a string as a multi-line string, a `+++` line inside it
/// closed the front matter early: found by the property test `front_matter_escapes_everything`,
/// input title `"\n+++"`.) Every string from the seed goes through it.
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        Cow::Owned(s.replace("\r\n", " ").replace(['\n', '\r'], " "))
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` as a one-line TOML basic string: line breaks fold to spaces ([`one_line`]), quotes,
/// backslashes and control characters are escaped.
fn push_str(out: &mut String, s: &str) {
    push_toml_str(out, &one_line(s));
}

/// `s` as a TOML basic string: quotes, backslashes and every control character escaped (so
/// even a line break stays on one line). Also used for the stakeholder pages.
pub(crate) fn push_toml_str(out: &mut String, s: &str) {
    out.push('"');
    // A byte test first (most strings need no escape): control characters are U+0000-U+001F,
    // U+007F and U+0080-U+009F (C2 80-C2 9F); a string with a C2 byte takes the character
    // loop, which copies what is not a control character.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F || b == 0xC2) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// `key = "value"` and a line break.
fn push_key(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    push_str(out, value);
    out.push('\n');
}

/// `key = ["a", "b"]` and a line break.
fn push_list(out: &mut String, key: &str, items: &[String]) {
    out.push_str(key);
    out.push_str(" = [");
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_str(out, s);
    }
    out.push_str("]\n");
}

/// The whole `index.md` of a bundle.
pub fn page(x: &Explainer, doc: &wire::Document) -> String {
    let published = x.doc.article.published.map(|p| (p.date.year, p.date.month, p.date.day));
    let mut out = String::with_capacity(1024);
    out.push_str("+++\n");
    push_key(&mut out, "title", &doc.title);
    push_key(&mut out, "description", &doc.summary);
    if let Some((y, m, d)) = published.filter(|(y, _, _)| (1..=9999).contains(y)) {
        let _ = writeln!(out, "date = {y:04}-{m:02}-{d:02}");
    }
    // A later update, for Zola's `page.updated` (the Atom feed's `<updated>`).
    if let Some(u) = x.doc.article.updated.filter(|u| (1..=9999).contains(&u.year) && Some((u.year, u.month, u.day)) > published) {
        let _ = writeln!(out, "updated = {:04}-{:02}-{:02}", u.year, u.month, u.day);
    }
    // Newest first without relying on `sort_by = "date"`, which drops undated pages.
    let _ = writeln!(out, "weight = {}", weight(published));
    push_key(&mut out, "slug", &doc.slug);
    out.push_str("\n[extra]\n");
    push_key(&mut out, "seed", &doc.seed.file);
    // What the home page, section and stakeholder pages show, so they need no `load_data`.
    push_list(&mut out, "labels", &doc.labels);
    if !doc.authors.is_empty() {
        push_list(&mut out, "authors", &doc.authors);
    }
    if let Some(section) = &doc.section {
        push_key(&mut out, "section", section);
    }
    // The first key point, for the cards that list explainers.
    if let Some(k) = doc.key_points.first() {
        push_key(&mut out, "lead", &k.text);
    }
    // The publication date as readers read it ("26 September 2023").
    if let Some(p) = &doc.published {
        push_key(&mut out, "date_display", &super::view::display_date(&p.value, None, &p.value));
    }
    let _ = write!(
        out,
        "\n[extra.counts]\nevents = {}\nstakeholders = {}\nsources = {}\n",
        doc.events.len(),
        doc.stakeholders.len(),
        doc.sources.len()
    );
    // The first [`CARD_ACTORS`] stakeholders in salience order, for the cards that list
    // explainers. Not all of them: Zola keeps several copies of every page's front matter (80 KB
    // an article with every stakeholder's kind and role); stakeholder pages get kinds and roles
    // from the build instead (`emit::actors`).
    for s in doc.stakeholders.iter().take(CARD_ACTORS) {
        out.push_str("\n[[extra.actors]]\n");
        push_key(&mut out, "id", &s.id);
        push_key(&mut out, "name", &s.name);
    }
    out.push_str("+++\n");
    out
}

/// The header of each related explainer's table: the list is the last thing in the front
/// matter, so it can be replaced without parsing the rest.
const RELATED: &str = "[[extra.related]]\n";

/// `page` (an `index.md` as [`page`] writes it, with or without a related list) with its
/// `[[extra.related]]` list replaced by `related` (other explainers sharing stakeholders, which
/// the build finds once every article is extracted; none: no list). `None` when `page` is not
/// front matter this module wrote. Strings are one-line TOML basic strings, so no line of the
/// list can look like the header, and a title cannot close the block.
pub fn with_related(page: &str, related: &[super::view::Related]) -> Option<String> {
    let body = page.strip_prefix("+++\n")?.strip_suffix("+++\n")?;
    let body = match body.find(&format!("\n{RELATED}")) {
        Some(at) => body[..at].trim_end_matches('\n'),
        None if body.starts_with(RELATED) => "",
        None => body.trim_end_matches('\n'),
    };
    let mut out = String::with_capacity(page.len() + related.len() * 160);
    out.push_str("+++\n");
    if !body.is_empty() {
        out.push_str(body);
        out.push('\n');
    }
    for (i, r) in related.iter().enumerate() {
        if i > 0 || out.len() > 4 {
            out.push('\n');
        }
        out.push_str(RELATED);
        push_key(&mut out, "slug", &r.slug);
        push_key(&mut out, "title", &r.title);
        push_list(&mut out, "shared", &r.shared);
    }
    out.push_str("+++\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::view::Related;

    fn related(title: &str) -> Related {
        Related { slug: "b-story".into(), title: title.into(), shared: vec!["Huawei".into(), "Taliban \"army\"".into()] }
    }

    #[test]
    fn related_list_is_added_replaced_and_removed() {
        let seed = crate::model::Seed::from_text("seeds/a.txt", "Taliban meet Huawei in Kabul\n\nThe Taliban met Huawei officials in Kabul, the ministry said.\n");
        let x = crate::explain(seed, &Default::default());
        let doc = crate::wire::Document::from_explainer(&x);
        let base = page(&x, &doc);
        let one = with_related(&base, &[related("B \"q\" \n+++\n[[extra.related]]")]).unwrap();
        let two = with_related(&one, &[related("C"), related("D")]).unwrap();
        for text in [&one, &two] {
            let fm: toml::Table = text.strip_prefix("+++\n").unwrap().strip_suffix("+++\n").unwrap().parse().unwrap();
            let extra = fm["extra"].as_table().unwrap();
            assert!(extra.contains_key("actors") && extra.contains_key("counts"), "{text}");
            assert_eq!(extra["related"][0]["shared"][1].as_str(), Some("Taliban \"army\""));
        }
        let parse = |t: &str| -> toml::Table { t.strip_prefix("+++\n").unwrap().strip_suffix("+++\n").unwrap().parse().unwrap() };
        let fm = parse(&one);
        assert_eq!(fm["extra"]["related"][0]["title"].as_str(), Some("B \"q\"  +++ [[extra.related]]"));
        assert_eq!(one.matches("\n+++\n").count(), 1, "a title cannot close the front matter");
        let fm = parse(&two);
        assert_eq!(fm["extra"]["related"].as_array().unwrap().len(), 2);
        // Replacing is the same as adding to the base; an empty list removes it.
        assert_eq!(with_related(&base, &[related("C"), related("D")]).unwrap(), two);
        assert_eq!(with_related(&two, &[]).unwrap(), base);
        assert_eq!(with_related(&base, &[]).unwrap(), base);
        assert_eq!(with_related("no front matter", &[]), None);
    }
}
