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
