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

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    slug: &'a str,
    taxonomies: Taxonomies<'a>,
    extra: Extra<'a>,
}

#[derive(Serialize)]
struct Taxonomies<'a> {
    actors: Vec<&'a str>,
}

#[derive(Serialize)]
struct Extra<'a> {
    seed: &'a str,
}

/// A string as one line: the `toml` serialiser writes a string holding a line break as a
/// multi-line string, and a `+++` line inside it would close the front matter early (found by
/// the property test `front_matter_escapes_everything`, input title `"\n+++"`).
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        std::borrow::Cow::Owned(s.replace("\r\n", " ").replace(['\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
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
        slug: &doc.slug,
        taxonomies: Taxonomies { actors: doc.stakeholders.iter().map(|s| s.id.as_str()).collect() },
        extra: Extra { seed: &seed },
    };
    let body = toml::to_string(&fm).expect("front matter always serialises");
    format!("+++\n{body}+++\n")
}
