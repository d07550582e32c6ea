//! Front matter for a page bundle's `index.md`, written by the `toml` serialiser.
//!
//! In: an explainer and its wire document. Out: `+++\n<toml>+++\n` and nothing else: the body
//! stays empty so no article text is ever read as Markdown or as a Tera template. Strings are
//! TOML basic strings on one line (the serialiser escapes quotes, backslashes and control
//! characters), so a `+++` inside a title cannot close the block early.
//!
//! What it gets wrong: nothing known.

use crate::model::Explainer;
use crate::wire;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    /// Newest first without relying on `sort_by = "date"`, which drops undated pages.
    weight: u32,
    slug: &'a str,
    extra: Extra<'a>,
}

#[derive(Serialize)]
struct Extra<'a> {
    seed: &'a str,
    /// What the home page, section and stakeholder pages show, so they need no `load_data`.
    labels: Vec<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<Cow<'a, str>>,
    /// The publication date as readers read it ("26 September 2023"), or absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_display: Option<String>,
    counts: Counts,
    /// The first [`CARD_ACTORS`] stakeholders in salience order (id, name), for the cards that
    /// list explainers. Not all of them: Zola keeps several copies of every page's front matter
    /// (80 KB an article with every stakeholder's kind and role); stakeholder pages get kinds and
    /// roles from the build instead (`emit::actors`).
    actors: Vec<Actor<'a>>,
}

#[derive(Serialize)]
struct Counts {
    events: usize,
    stakeholders: usize,
    sources: usize,
}

#[derive(Serialize)]
struct Actor<'a> {
    id: &'a str,
    name: Cow<'a, str>,
}

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

/// A string as one line: the `toml` serialiser writes a string holding a line break as a
/// multi-line string, and a `+++` line inside it would close the front matter early (found by
/// the property test `front_matter_escapes_everything`, input title `"\n+++"`).
/// Every string from the seed goes through it.
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        Cow::Owned(s.replace("\r\n", " ").replace(['\n', '\r'], " "))
    } else {
        Cow::Borrowed(s)
    }
}

/// The whole `index.md` of a bundle.
pub fn page(x: &Explainer, doc: &wire::Document) -> String {
    let date = x.doc.article.published.map(|p| toml::value::Datetime {
        date: Some(toml::value::Date { year: p.date.year as u16, month: p.date.month as u8, day: p.date.day as u8 }),
        time: None,
        offset: None,
    });
    let (title, description, seed) = (one_line(&doc.title), one_line(&doc.summary), one_line(&doc.seed.file));
    let fm = FrontMatter {
        title: &title,
        description: &description,
        date,
        weight: weight(x.doc.article.published.map(|p| (p.date.year, p.date.month, p.date.day))),
        slug: &doc.slug,
        extra: Extra {
            seed: &seed,
            labels: doc.labels.iter().map(|l| one_line(l)).collect(),
            section: doc.section.as_deref().map(one_line),
            date_display: doc.published.as_ref().map(|p| super::view::display_date(&p.value, None, &p.value)),
            counts: Counts { events: doc.events.len(), stakeholders: doc.stakeholders.len(), sources: doc.sources.len() },
            actors: doc.stakeholders.iter().take(CARD_ACTORS).map(|s| Actor { id: &s.id, name: one_line(&s.name) }).collect(),
        },
    };
    let body = toml::to_string(&fm).expect("front matter always serialises");
    format!("+++\n{body}+++\n")
}

/// The header of each related explainer's table: the list is the last thing in the front
/// matter, so it can be replaced without parsing the rest.
const RELATED: &str = "[[extra.related]]\n";

#[derive(Serialize)]
struct RelatedDoc<'a> {
    related: Vec<RelatedItem<'a>>,
}

#[derive(Serialize)]
struct RelatedItem<'a> {
    slug: Cow<'a, str>,
    title: Cow<'a, str>,
    shared: Vec<Cow<'a, str>>,
}

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
    if !related.is_empty() {
        let doc = RelatedDoc {
            related: related
                .iter()
                .map(|r| RelatedItem { slug: one_line(&r.slug), title: one_line(&r.title), shared: r.shared.iter().map(|s| one_line(s)).collect() })
                .collect(),
        };
        let list = toml::to_string(&doc).expect("related lists always serialise");
        if out.len() > 4 {
            out.push('\n');
        }
        for line in list.split_inclusive('\n') {
            out.push_str(if line == "[[related]]\n" { RELATED } else { line });
        }
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
