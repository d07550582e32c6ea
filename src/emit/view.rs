//! The template context of one explainer page (`view.json` in each bundle).
//!
//! In: the `explainer/1` document, edits applied. Out: a display-ready JSON object
//! the theme's `page.html` reads with its single `load_data` and only loops over and prints:
//! dates already formatted for readers, sources grouped by kind, who did not answer, disputes
//! with both sides' words, ids resolved to names, the stakeholder map SVG, the schema.org JSON-LD
//! as a finished string. Templates compute nothing (zola-notes §6: precompute in Rust).
//!
//! Every string here is plain text: the theme prints it under autoescape. The two exceptions are
//! `map_svg` (markup built by [`super::map`] with every text XML-escaped) and `json_ld` (JSON
//! with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so it cannot end its
//! `<script type="application/ld+json">` element). Links to the article are paragraph ids
//! (`p7`), never URLs taken from data.
//!
//! What it gets wrong: a figure's source is the source quoted in the figure's sentence,
//! else nobody (the article itself). Dates are formatted in English only.

use rayon::prelude::*;
use crate::wire;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The view format's name, bumped if a field changes meaning.
pub const SCHEMA: &str = "explainer-view/1";

/// The view of one page. Its strings borrow from the document wherever the page shows them as
/// they are (serialised, they are the same JSON as owned strings): building it copies no
/// article text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct View<'a> {
    pub schema: &'static str,
    pub slug: &'a str,
    pub title: &'a str,
    pub labels: &'a [String],
    pub section: Option<&'a str>,
    /// "26 September 2023", or null.
    pub published: Option<String>,
    /// The ISO date for `<time datetime>`, or null.
    pub published_iso: Option<&'a str>,
    /// The article's authors as its byline names them, in order (empty when unknown).
    pub authors: &'a [String],
    /// "19 November 2019", when the page states a later update, or null.
    pub updated: Option<String>,
    /// The ISO date of `updated`, for `<time datetime>`.
    pub updated_iso: Option<&'a str>,
    /// The dateline's place ("Kabul"), or null.
    pub place: Option<&'a str>,
    pub summary: &'a str,
    /// What happened, why it matters, and the points editors added, each with its evidence.
    pub key_points: Vec<KeyPointView<'a>>,
    /// Whether editors reviewed or corrected the page.
    pub review: Review<'a>,
    pub figures: Vec<FigureView<'a>>,
    pub timeline: Vec<EventView<'a>>,
    /// Inline SVG markup (escaped by `emit::map`), or "".
    pub map_svg: String,
    pub stakeholders: Vec<ActorView<'a>>,
    pub relations: Vec<EdgeView<'a>>,
    /// Sources on record, grouped by kind.
    pub source_groups: Vec<SourceGroup<'a>>,
    /// Anonymous sources and unnamed groups ("analysts"), in order of first appearance.
    pub off_record: Vec<SourceView<'a>>,
    pub no_answer: Vec<Cited<'a>>,
    pub disputes: Vec<DisputeView<'a>>,
    pub paragraphs: Vec<ParagraphView<'a>>,
    pub removed: Vec<RemovedView<'a>>,
    pub downloads: &'static [Download],
    pub counts: Counts,
    pub word_count: usize,
    pub reading_minutes: usize,
    /// schema.org NewsArticle as JSON, safe to print inside `<script type="application/ld+json">`.
    pub json_ld: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeyPointView<'a> {
    pub id: &'a str,
    /// `what`, `why` or `point`; the theme maps it to a label.
    pub kind: &'a str,
    pub text: &'a str,
    pub paragraph: Option<&'a str>,
    /// `machine`, `edited` or `added`.
    pub origin: &'a str,
}

/// The editorial state the page states (see `wire::Editorial`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Review<'a> {
    /// `machine`, `edited` or `reviewed`.
    pub status: &'a str,
    /// How many items or fields editors changed, added or hid.
    pub changes: usize,
}

/// A sentence of the article with the paragraph it links to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Cited<'a> {
    /// Who (for `no_answer`) or an empty string.
    pub name: &'a str,
    pub text: Cow<'a, str>,
    pub paragraph: Option<Cow<'a, str>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FigureView<'a> {
    pub id: &'a str,
    /// "62,000 cameras"
    pub label: Cow<'a, str>,
    pub sentence: &'a str,
    pub paragraph: Option<&'a str>,
    /// The source quoted in the figure's sentence, or null (the article itself).
    pub source: Option<&'a str>,
    pub origin: &'a str,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct NameRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EventView<'a> {
    pub id: &'a str,
    /// "January 2021", "August (year not stated)", "about 2008".
    pub when: String,
    /// The TIMEX3 value, for `<time datetime>` when it is a valid HTML date, else null.
    pub datetime: Option<&'a str>,
    pub precision: Option<&'a str>,
    /// A year inferred (the article does not state it but says enough to work it out).
    pub inferred: bool,
    /// The article does not state the year: `when` holds the rest ("August"), and the theme says
    /// once, above these events (which sort last), that their year is not stated.
    pub year_unknown: bool,
    /// One of the [`MILESTONES`] shown before the full list.
    pub milestone: bool,
    pub title: &'a str,
    pub sentence: &'a str,
    pub paragraph: Option<&'a str>,
    pub actors: Vec<NameRef<'a>>,
    pub source: Option<&'a str>,
    pub origin: &'a str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ActorView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub role: Option<&'a str>,
    pub affiliation: Option<NameRef<'a>>,
    pub mentions: usize,
    /// Paragraph of the first mention.
    pub paragraph: Option<&'a str>,
    /// Relations this stakeholder is the subject of, as sentences ("meets Huawei"), at most
    /// [`CARD_EDGES`]; each relation is on one card only, its subject's.
    pub edges: Vec<EdgeView<'a>>,
    /// Its other relations as subject, not listed on the card.
    pub edges_more: usize,
    pub origin: &'a str,
    /// Has something to show (a role, an affiliation or relations) and is not an unnamed
    /// group: the page gives it a card; the others are listed by name only.
    pub card: bool,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct EdgeView<'a> {
    pub id: &'a str,
    pub from: NameRef<'a>,
    pub to: NameRef<'a>,
    pub kind: &'a str,
    pub label: &'a str,
    pub sentence: &'a str,
    pub paragraph: Option<&'a str>,
    /// `claimed`, `denied` or `hypothetical`; null when stated in the article's own voice (or
    /// not assessed), which needs no tag.
    pub certainty: Option<&'a str>,
    pub origin: &'a str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceGroup<'a> {
    /// A source kind (`official`, `anonymous`, …); the theme maps it to a heading.
    pub kind: &'a str,
    pub sources: Vec<SourceView<'a>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub anonymous: bool,
    /// Stakeholder id, for a link to the stakeholder's card.
    pub stakeholder: Option<&'a str>,
    pub statements: Vec<StatementView<'a>>,
    /// The source kind (`anonymous`, `group`, …).
    pub kind: &'a str,
    /// "anonymous", "unnamed" or "": the tag the page shows after the name.
    pub tag: &'static str,
    pub origin: &'a str,
    /// Statements after the first, which the page folds.
    pub more: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatementView<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    /// A direct quote: shown as a quotation.
    pub direct: bool,
    pub cue: &'a str,
    /// At most [`STATEMENT_WORDS`] words: the whole statement is in the article.
    pub text: Cow<'a, str>,
    pub paragraph: Option<&'a str>,
    pub judgement: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DisputeView<'a> {
    pub id: &'a str,
    pub topic: &'a str,
    /// The first claim of each of the first two sides: what the page shows.
    pub claims: Vec<ClaimView<'a>>,
    /// The other claims, folded.
    pub more_claims: Vec<ClaimView<'a>>,
    pub origin: &'a str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ClaimView<'a> {
    pub source: &'a str,
    pub direct: bool,
    /// At most [`CLAIM_WORDS`] words.
    pub text: Cow<'a, str>,
    pub paragraph: Option<&'a str>,
    /// The cue as written ("said", "claimed").
    pub cue: &'a str,
    /// The cue carries the outlet's judgement ("claimed"): the page says so.
    pub judgement: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ParagraphView<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RemovedView<'a> {
    pub text: &'a str,
    pub reason: &'a str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Download {
    /// File name inside the bundle (a constant of ours, never data).
    pub file: &'static str,
    /// Key of the theme's UI string naming it.
    pub key: &'static str,
    pub mime: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Counts {
    pub events: usize,
    pub stakeholders: usize,
    pub relations: usize,
    pub sources: usize,
    /// Sources a reader can identify (named, documents, officials of a named body), excluding
    /// those that only did not answer.
    pub on_record: usize,
    /// Anonymous sources and unnamed groups.
    pub off_record: usize,
    /// Sources whose only record is a no-comment.
    pub no_answer: usize,
    pub statements: usize,
    pub figures: usize,
    pub paragraphs: usize,
    /// Events shown before "All N dated events", and of those and of all the events, how many
    /// have no stated year.
    pub milestones: usize,
    pub milestones_year_unknown: usize,
    pub events_year_unknown: usize,
    /// Stakeholders with a card, and those listed by name only.
    pub cards: usize,
    pub named_only: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Related {
    /// Bundle folder name; the theme turns it into `@/explainers/<slug>/index.md`.
    pub slug: String,
    pub title: String,
    pub shared: Vec<String>,
}

/// The downloads published next to each page (see `emit::bundle`).
pub const DOWNLOADS: [Download; 4] = [
    Download { file: "explainer.json", key: "download_json", mime: "application/json" },
    Download { file: "timeline.json", key: "download_timeline", mime: "application/json" },
    Download { file: "kumu.json", key: "download_kumu", mime: "application/json" },
    Download { file: "sources.csv", key: "download_csv", mime: "text/csv" },
];

/// Order of source groups on the page: named voices first, unnamed ones last.
const SOURCE_KIND_ORDER: [&str; 10] =
    ["official", "government", "company", "group", "ngo", "expert", "media", "person", "document", "anonymous"];

/// Builds the view of one document.
pub fn build<'a>(doc: &'a wire::Document) -> View<'a> {
    let names: BTreeMap<&str, &str> = doc.stakeholders.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let name_ref = |id: &'a str| NameRef { id, name: names.get(id).copied().unwrap_or(id) };
    let source_names: BTreeMap<&str, &str> = doc.sources.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();

    let relations: Vec<EdgeView> = doc
        .relations
        .iter()
        .map(|r| EdgeView {
            id: &r.id,
            from: name_ref(&r.from),
            to: name_ref(&r.to),
            kind: &r.kind,
            label: &r.label,
            sentence: &r.sentence,
            paragraph: r.paragraph.as_deref(),
            certainty: r.certainty.as_deref().filter(|c| *c != "stated"),
            origin: &r.origin,
        })
        .collect();

    let stakeholders: Vec<ActorView> = doc
        .stakeholders
        .iter()
        .map(|s| ActorView {
            id: &s.id,
            name: &s.name,
            kind: &s.kind,
            role: s.role.as_deref().filter(|r| !r.trim().is_empty()),
            affiliation: s.affiliation.as_deref().filter(|a| names.contains_key(a)).map(name_ref),
            mentions: s.mentions.len(),
            paragraph: s.mentions.iter().find_map(|m| m.paragraph.as_deref()),
            edges: relations.iter().filter(|e| own_edge(s, e)).take(CARD_EDGES).copied().collect(),
            edges_more: relations.iter().filter(|e| own_edge(s, e)).count().saturating_sub(CARD_EDGES),
            origin: &s.origin,
            card: s.kind != "group"
                && (s.role.as_deref().is_some_and(|r| !r.trim().is_empty())
                    || s.affiliation.as_deref().is_some_and(|a| names.contains_key(a))
                    || relations.iter().any(|e| e.from.id == s.id || e.to.id == s.id)),
        })
        .collect();

    let timeline = doc
        .events
        .iter()
        .map(|e| {
            let year_unknown = e.date.value.starts_with("XXXX");
            let when = display_date(&e.date.value, e.date.modifier.as_deref(), &e.date.text);
            EventView {
            id: &e.id,
            when: if year_unknown { when.replace(UNKNOWN_YEAR, "") } else { when },
            datetime: Some(e.date.value.as_str()).filter(|v| is_html_datetime(v)),
            precision: e.date.precision.as_deref(),
            inferred: e.date.inferred && !year_unknown,
            year_unknown,
            milestone: false,
            title: &e.title,
            sentence: &e.sentence,
            paragraph: e.paragraph.as_deref(),
            actors: e.actors.iter().map(|a| name_ref(a)).collect(),
            source: e.source.as_deref().and_then(|s| source_names.get(s)).copied(),
            origin: &e.origin,
        }})
        .collect();
    let mut timeline: Vec<EventView> = timeline;
    mark_milestones(&mut timeline);

    let figures = doc
        .figures
        .iter()
        .map(|f| FigureView {
            id: &f.id,
            label: match &f.unit {
                // "40%" with unit "% of Afghans" reads "40% of Afghans", not "40% % of Afghans".
                Some(u) if !u.is_empty() && !f.text.contains(u.as_str()) && !currency_given(&f.text, u) => {
                    let u = if f.text.ends_with('%') { u.trim_start_matches('%').trim_start() } else { u.as_str() };
                    Cow::Owned(format!("{} {u}", f.text).trim_end().to_string())
                }
                _ => Cow::Borrowed(f.text.as_str()),
            },
            sentence: &f.sentence,
            paragraph: f.paragraph.as_deref(),
            source: figure_source(doc, f),
            origin: &f.origin,
        })
        .collect();

    let (source_groups, off_record, no_answer) = group_sources(doc);

    let disputes = doc
        .disputes
        .iter()
        .map(|d| {
            let all: Vec<ClaimView> = d
                .claims
                .iter()
                .filter_map(|c| {
                    let s = doc.sources.iter().find(|s| s.id == c.source)?;
                    let st = s.statements.get(c.statement)?;
                    Some(ClaimView {
                        source: &s.name,
                        direct: st.kind == "direct",
                        text: clip_to(&st.text, CLAIM_WORDS),
                        paragraph: st.paragraph.as_deref(),
                        cue: &st.cue,
                        judgement: st.judgement,
                    })
                })
                .collect();
            // The first claim of the first two sources shown; the rest folded.
            let mut claims = Vec::new();
            let mut more_claims = Vec::new();
            for c in all {
                if claims.len() < 2 && claims.iter().all(|k: &ClaimView| k.source != c.source) {
                    claims.push(c);
                } else {
                    more_claims.push(c);
                }
            }
            DisputeView { id: &d.id, origin: &d.origin, topic: &d.topic, claims, more_claims }
        })
        .filter(|d| d.claims.len() >= 2)
        .collect();

    let word_count: usize = doc.paragraphs.iter().map(|p| count_words(&p.text)).sum();
    let milestones = timeline.iter().filter(|e| e.milestone).count();
    let milestones_year_unknown = timeline.iter().filter(|e| e.milestone && e.year_unknown).count();
    let events_year_unknown = timeline.iter().filter(|e| e.year_unknown).count();
    let cards = stakeholders.iter().filter(|a: &&ActorView| a.card).count();
    let named_only = stakeholders.len() - cards;
    // A publication date inferred from the update date is not shown as one: the page says
    // "Updated …" (the data keeps it, origin `inferred`).
    let stated = doc.published.as_ref().filter(|p| p.origin != "inferred");
    let published_iso = stated.map(|p| p.value.as_str()).filter(|v| is_html_datetime(v));
    // An update on another day than the publication stated.
    let later = doc.updated.as_deref().filter(|u| Some(*u) != published_iso);
    View {
        schema: SCHEMA,
        slug: &doc.slug,
        title: &doc.title,
        labels: &doc.labels,
        section: doc.section.as_deref(),
        published: stated.map(|p| display_date(&p.value, None, &p.value)),
        published_iso,
        authors: &doc.authors,
        updated: later.map(|u| display_date(u, None, u)),
        updated_iso: later.filter(|u| is_html_datetime(u)),
        place: doc.place.as_deref(),
        summary: &doc.summary,
        key_points: doc
            .key_points
            .iter()
            .map(|k| KeyPointView { id: &k.id, kind: &k.kind, text: &k.text, paragraph: k.paragraph.as_deref(), origin: &k.origin })
            .collect(),
        review: Review { status: &doc.editorial.status, changes: changes(doc) },
        figures,
        timeline,
        map_svg: super::map::map_svg(doc),
        stakeholders,
        relations,
        counts: Counts {
            events: doc.events.len(),
            stakeholders: doc.stakeholders.len(),
            relations: doc.relations.len(),
            sources: doc.sources.len(),
            on_record: source_groups.iter().map(|g| g.sources.len()).sum(),
            off_record: off_record.len(),
            no_answer: no_answer.len(),
            statements: doc.sources.iter().map(|s| s.statements.len()).sum(),
            figures: doc.figures.len(),
            paragraphs: doc.paragraphs.len(),
            milestones,
            milestones_year_unknown,
            events_year_unknown,
            cards,
            named_only,
        },
        source_groups,
        off_record,
        no_answer,
        disputes,
        paragraphs: doc.paragraphs.iter().map(|p| ParagraphView { id: &p.id, kind: &p.kind, text: &p.text }).collect(),
        removed: doc.removed.iter().map(|r| RemovedView { text: &r.text, reason: &r.reason }).collect(),
        downloads: &DOWNLOADS,
        word_count,
        reading_minutes: word_count.div_ceil(230).max(1),
        json_ld: json_ld(doc),
    }
}

/// How many things editors changed: top-level fields, hidden and merged items, and items edited
/// or added.
fn changes(doc: &wire::Document) -> usize {
    let e = &doc.editorial;
    let marked = |o: &str| o != wire::MACHINE;
    e.edited.len()
        + e.hidden.len()
        + e.merged.len()
        + doc.events.iter().filter(|x| marked(&x.origin)).count()
        + doc.stakeholders.iter().filter(|x| marked(&x.origin)).count()
        + doc.relations.iter().filter(|x| marked(&x.origin)).count()
        + doc.sources.iter().filter(|x| marked(&x.origin)).count()
        + doc.figures.iter().filter(|x| marked(&x.origin)).count()
        + doc.disputes.iter().filter(|x| marked(&x.origin)).count()
        + doc.key_points.iter().filter(|x| marked(&x.origin)).count()
}

/// `text.split_whitespace().count()`. Every white space character but ASCII's starts with byte
/// C2, E1, E2 or E3 (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000): when no character starting so is white space (curly quotes and dashes start with E2
/// too, so each such character is decoded), every byte at or above 0x80 is part of a word and
/// words are counted byte by byte, a loop the compiler vectorises.
fn count_words(text: &str) -> usize {
    let b = text.as_bytes();
    let unicode_space = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b)
        .chain(memchr::memchr_iter(0xE3, b))
        .any(|i| text[i..].chars().next().is_some_and(char::is_whitespace));
    if unicode_space {
        return text.split_whitespace().count();
    }
    // The ASCII white space of `char::is_whitespace`: tab to carriage return, and space.
    let space = |c: u8| c == b' ' || c.wrapping_sub(b'\t') < 5;
    let first = b.first().is_some_and(|&c| !space(c));
    usize::from(first) + b.iter().zip(&b[b.len().min(1)..]).map(|(&p, &c)| usize::from(space(p) & !space(c))).sum::<usize>()
}


/// Sources on record grouped by kind in [`SOURCE_KIND_ORDER`] (unknown kinds last, by name),
/// each group in order of first appearance; then anonymous sources and unnamed groups, in order
/// of first appearance; sources whose every statement is a no-comment go to the third list
/// instead ("who did not answer").
#[allow(clippy::type_complexity)]
fn group_sources(doc: &wire::Document) -> (Vec<SourceGroup<'_>>, Vec<SourceView<'_>>, Vec<Cited<'_>>) {
    let mut groups: BTreeMap<(usize, &str), Vec<SourceView>> = BTreeMap::new();
    let mut off_record = Vec::new();
    let mut no_answer = Vec::new();
    for s in &doc.sources {
        let silent = !s.statements.is_empty() && s.statements.iter().all(|st| st.kind == "no-comment");
        if silent {
            let st = &s.statements[0];
            no_answer.push(Cited { name: &s.name, text: Cow::Borrowed(&st.sentence), paragraph: st.paragraph.as_deref().map(Cow::Borrowed) });
            continue;
        }
        let anonymous = !s.named || s.kind == "anonymous";
        // The tag the page shows after the name: "anonymous" for anonymous sources, "unnamed"
        // for other sources the article does not name.
        let tag = if s.kind == "anonymous" && !s.on_record {
            "anonymous"
        } else if anonymous {
            "unnamed"
        } else {
            ""
        };
        let rank = SOURCE_KIND_ORDER.iter().position(|k| *k == s.kind).unwrap_or(SOURCE_KIND_ORDER.len());
        let view = SourceView {
            id: &s.id,
            name: &s.name,
            anonymous,
            stakeholder: s.stakeholder.as_deref().filter(|id| doc.stakeholders.iter().any(|k| k.id == *id)),
            statements: s
                .statements
                .iter()
                // A source that spoke and also left a question unanswered keeps that record
                // among its statements, as the sentence that says so (no cue before it).
                .map(|st| StatementView {
                    id: &st.id,
                    kind: &st.kind,
                    direct: st.kind == "direct",
                    cue: if st.kind == "no-comment" { "" } else { &st.cue },
                    text: clip(&st.text),
                    paragraph: st.paragraph.as_deref(),
                    judgement: st.judgement,
                })
                .collect(),
            kind: &s.kind,
            tag,
            origin: &s.origin,
            more: s.statements.len().saturating_sub(1),
        };
        if s.on_record {
            groups.entry((rank, &s.kind)).or_default().push(view);
        } else {
            off_record.push(view);
        }
    }
    let groups = groups.into_iter().map(|((_, kind), sources)| SourceGroup { kind, sources }).collect();
    (groups, off_record, no_answer)
}

/// The source quoted in the figure's sentence, if exactly one is.
fn figure_source<'a>(doc: &'a wire::Document, f: &wire::Figure) -> Option<&'a str> {
    let mut who: Option<&str> = None;
    for s in &doc.sources {
        for st in &s.statements {
            if st.kind != "no-comment" && st.paragraph == f.paragraph && (st.sentence == f.sentence || (st.span[0] <= f.span[0] && f.span[1] <= st.span[1])) {
                match who {
                    None => who = Some(&s.name),
                    Some(w) if w == s.name => {}
                    // A second name: more than one source.
                    Some(_) => return None,
                }
            }
        }
    }
    who
}

/// A relation listed on `s`'s card: one `s` is the subject of, but not the one its affiliation
/// ("Part of …") already says.
fn own_edge(s: &wire::Stakeholder, e: &EdgeView<'_>) -> bool {
    e.from.id == s.id && !(matches!(e.kind, "part-of" | "speaks-for") && s.affiliation.as_deref() == Some(e.to.id))
}

/// Most relations listed on a stakeholder's card.
pub const CARD_EDGES: usize = 1;

/// A currency code as the unit of an amount written with its symbol ("$100 million", "USD"):
/// the symbol says it already.
fn currency_given(text: &str, unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()) && text.contains(['$', '€', '£', '¥', '₹'])
}

/// Most words of a statement in the source list; the rest is one link away, in the article.
const STATEMENT_WORDS: usize = 8;

/// Most words of a claim in "what is disputed".
const CLAIM_WORDS: usize = 25;

/// `text` cut to [`STATEMENT_WORDS`] words with "…".
fn clip(text: &str) -> Cow<'_, str> {
    clip_to(text, STATEMENT_WORDS)
}

/// `text` cut to `n` words with "…".
fn clip_to(text: &str, n: usize) -> Cow<'_, str> {
    match text.split_whitespace().nth(n) {
        None => Cow::Borrowed(text),
        Some(_) => Cow::Owned(format!("{}…", text.split_whitespace().take(n).collect::<Vec<_>>().join(" "))),
    }
}

/// What a display date says when the article does not state the year.
const UNKNOWN_YEAR: &str = " (year not stated)";

/// How many events the timeline shows before "All N dated events".
pub const MILESTONES: usize = 8;

/// Marks the [`MILESTONES`] most telling events, in their timeline order: a stated year first,
/// then a month or a day, who takes part, and who says so; ties go to the earlier event.
fn mark_milestones(timeline: &mut [EventView<'_>]) {
    if timeline.len() <= MILESTONES {
        for e in timeline.iter_mut() {
            e.milestone = true;
        }
        return;
    }
    let score = |e: &EventView| -> u32 {
        let mut s = 0;
        if !e.year_unknown {
            s += 4;
        }
        if matches!(e.precision, Some("day" | "month")) {
            s += 2;
        }
        if e.source.is_some() {
            s += 1;
        }
        s + e.actors.len().min(3) as u32
    };
    let mut order: Vec<(u32, usize)> = timeline.iter().enumerate().map(|(i, e)| (score(e), i)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in order.iter().take(MILESTONES) {
        timeline[i].milestone = true;
    }
}

const MONTH_NAMES: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A TIMEX3 value as readers write dates: `2021-01` → "January 2021", `XXXX-08` → "August
/// (year not stated)", `2021-SU` → "summer 2021", `201X` → "the 2010s", with the modifier in
/// front ("about 2008"). Values it does not know are shown as the article wrote them (`text`).
pub fn display_date(value: &str, modifier: Option<&str>, text: &str) -> String {
    let base = match format_value(value) {
        Some(b) => b,
        None => return text.trim().to_string(),
    };
    let prefix = match modifier {
        Some("approx") => "about ",
        Some("before") => "before ",
        Some("after") => "after ",
        Some("start") => "early ",
        Some("mid") => "mid-",
        Some("end") => "late ",
        _ => return base,
    };
    format!("{prefix}{base}")
}

fn format_value(v: &str) -> Option<String> {
    match v {
        "PAST_REF" => return Some("in the past".into()),
        "PRESENT_REF" => return Some("now".into()),
        "FUTURE_REF" => return Some("in the future".into()),
        _ => {}
    }
    if let Some(d) = v.strip_prefix('P') {
        return format_duration(d);
    }
    let mut parts = v.split('-');
    let year = &parts.next()?;
    let year_text = match year.len() {
        4 if year.bytes().all(|b| b.is_ascii_digit()) => Some(year.to_string()),
        4 if *year == "XXXX" => None,
        4 if year.get(..3).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit())) && year.ends_with('X') => return Some(format!("the {}0s", &year[..3])),
        3 if year.bytes().all(|b| b.is_ascii_digit()) => return Some(format!("the {year}0s")),
        2 if year.bytes().all(|b| b.is_ascii_digit()) => return Some(format!("the {}th century", year.parse::<u32>().ok()? + 1)),
        _ => return None,
    };
    let month_or_part = parts.next();
    let day = parts.next();
    let unknown_year = UNKNOWN_YEAR;
    let with_year = |s: String| match &year_text {
        Some(y) => format!("{s} {y}"),
        None => format!("{s}{unknown_year}"),
    };
    match (month_or_part, day) {
        (None, _) => year_text,
        (Some(m), d) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let mi: usize = m.parse().ok()?;
            let month = *MONTH_NAMES.get(mi.checked_sub(1)?)?;
            match d {
                None => Some(with_year(month.to_string())),
                Some(d) => {
                    let dd: u32 = d.get(..2)?.parse().ok()?;
                    if !(1..=31).contains(&dd) {
                        return None;
                    }
                    Some(with_year(format!("{dd} {month}")))
                }
            }
        }
        (Some(p), None) => {
            let part = match p {
                "SP" => "spring",
                "SU" => "summer",
                "FA" => "autumn",
                "WI" => "winter",
                "Q1" => "the first quarter of",
                "Q2" => "the second quarter of",
                "Q3" => "the third quarter of",
                "Q4" => "the fourth quarter of",
                "H1" => "the first half of",
                "H2" => "the second half of",
                _ => return None,
            };
            Some(with_year(part.to_string()))
        }
        _ => None,
    }
}

fn format_duration(d: &str) -> Option<String> {
    let (num, unit) = d.split_at(d.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = num.parse().ok()?;
    let unit = match unit {
        "Y" => "year",
        "M" => "month",
        "W" => "week",
        "D" => "day",
        "DE" => "decade",
        _ => return None,
    };
    Some(format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
}

/// A TIMEX3 value usable as an HTML `datetime` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), else None.
pub fn html_datetime(v: &str) -> Option<String> {
    is_html_datetime(v).then(|| v.to_string())
}

/// `v` is a valid HTML date (see [`html_datetime`]).
fn is_html_datetime(v: &str) -> bool {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// schema.org type for a stakeholder kind (the table is `StakeholderKind`'s).
fn schema_type(kind: &str) -> &'static str {
    crate::model::StakeholderKind::of_wire(kind).schema_type()
}

/// The NewsArticle JSON-LD, escaped so it cannot close its `<script>` element: JSON allows
/// `\u003c` wherever `<` may appear, so the data keeps its meaning. Written directly, keys in
/// the order `serde_json` gives a JSON object (sorted).
pub fn json_ld(doc: &wire::Document) -> String {
    use super::json::push_str_script as string;
    let mut o = String::with_capacity(160 + doc.title.len() + doc.summary.len() + 48 * doc.stakeholders.len());
    o.push_str("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",");
    if let Some(s) = &doc.section {
        o.push_str("\"articleSection\":");
        string(&mut o, s);
        o.push(',');
    }
    if !doc.authors.is_empty() {
        o.push_str("\"author\":[");
        for (i, a) in doc.authors.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str("{\"@type\":\"Person\",\"name\":");
            string(&mut o, a);
            o.push('}');
        }
        o.push_str("],");
    }
    if let Some(u) = doc.updated.as_ref().filter(|u| is_html_datetime(u)) {
        o.push_str("\"dateModified\":");
        string(&mut o, u);
        o.push(',');
    }
    if let Some(p) = doc.published.as_ref().filter(|p| is_html_datetime(&p.value) && p.origin != "inferred") {
        o.push_str("\"datePublished\":");
        string(&mut o, &p.value);
        o.push(',');
    }
    o.push_str("\"description\":");
    string(&mut o, &doc.summary);
    o.push_str(",\"headline\":");
    string(&mut o, &doc.title);
    o.push_str(",\"mentions\":[");
    for (i, s) in doc.stakeholders.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push_str("{\"@type\":\"");
        o.push_str(schema_type(&s.kind));
        o.push_str("\",\"name\":");
        string(&mut o, &s.name);
        o.push('}');
    }
    o.push_str("]}");
    o
}

/// Replaces the characters that could end a `<script>` element or start markup.
pub fn escape_json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// One explainer as [`related`] sees it.
#[derive(Debug, Clone)]
pub struct RelatedInput {
    pub slug: String,
    pub title: String,
    /// Stakeholders as (id, name).
    pub actors: Vec<(String, String)>,
}

/// A stakeholder in more explainers than this says nothing about relatedness ("the United
/// States"), and following it would make the pass quadratic on a large archive.
const MAX_POSTINGS: usize = 500;

/// The related explainers of each input: others sharing at least one stakeholder, most shared
/// first, then by slug; at most `limit`. Uses an index from stakeholder to explainers, so the
/// cost grows with the shared pairs, not with the square of the archive.
pub fn related(items: &[RelatedInput], limit: usize) -> Vec<Vec<Related>> {
    // Stakeholder ids as dense numbers; each item's distinct ids in its actor order, with the
    // name it uses; the postings (items holding an id) ascending. Counting shared ids in a dense
    // array keeps the pass linear in the postings it walks, with no allocation per pair: at
    // 10,000 articles the map-per-pair version took seconds and hundreds of MB.
    // (The numbers follow first appearance in input order, so the hashed map's order never
    // shows.)
    let mut number: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    let mut mine: Vec<Vec<(usize, &str)>> = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let mut ids: Vec<(usize, &str)> = Vec::with_capacity(it.actors.len());
        for (id, name) in &it.actors {
            let n = *number.entry(id.as_str()).or_insert_with(|| {
                postings.push(Vec::new());
                postings.len() - 1
            });
            // An id listed twice counts once (the postings stay ascending and distinct).
            if postings[n].last() == Some(&(i as u32)) {
                continue;
            }
            postings[n].push(i as u32);
            ids.push((n, name.as_str()));
        }
        mine.push(ids);
    }
    // Each item's place in slug order (ties by input order): equally shared candidates are
    // ordered by comparing two numbers instead of two slugs (comparing slugs, scattered over the
    // heap, was most of the pass at 10,000 articles).
    let mut by_slug: Vec<u32> = (0..items.len() as u32).collect();
    by_slug.sort_by(|&a, &b| items[a as usize].slug.cmp(&items[b as usize].slug));
    let mut rank = vec![0u32; items.len()];
    for (r, &j) in by_slug.iter().enumerate() {
        rank[j as usize] = r as u32;
    }
    // Each item's list depends on the index only, so the items are shared out between threads,
    // each with its own counters.
    (0..items.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; items.len()], Vec::<u32>::new(), Vec::<u64>::new()),
            |(count, touched, keys), i| {
                for &(n, _) in &mine[i] {
                    let list = &postings[n];
                    if list.len() > MAX_POSTINGS {
                        continue;
                    }
                    for &j in list.iter().filter(|&&j| j as usize != i) {
                        if count[j as usize] == 0 {
                            touched.push(j);
                        }
                        count[j as usize] += 1;
                    }
                }
                // Most shared first; ties by slug so the order never depends on input order:
                // one number per candidate, fewer shared ids and then a later slug sorting higher.
                keys.clear();
                keys.extend(touched.drain(..).map(|j| {
                    let c = std::mem::take(&mut count[j as usize]);
                    (u64::from(u32::MAX - c) << 32) | u64::from(rank[j as usize])
                }));
                if keys.len() > limit && limit > 0 {
                    keys.select_nth_unstable(limit - 1);
                }
                keys.truncate(limit);
                keys.sort_unstable();
                keys.iter()
                    .map(|&k| {
                        let j = by_slug[(k & u64::from(u32::MAX)) as usize];
                        Related {
                            slug: items[j as usize].slug.clone(),
                            title: items[j as usize].title.clone(),
                            shared: mine[i]
                                .iter()
                                .filter(|(n, _)| postings[*n].len() <= MAX_POSTINGS && postings[*n].binary_search(&j).is_ok())
                                .map(|(_, name)| name.to_string())
                                .collect(),
                        }
                    })
                    .collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    // Cases from the TIMEX3 values the contract lists (explainer-json.md) and the seed's dates.
    #[test]
    fn display_dates() {
        assert_eq!(display_date("2021-01", None, "In January 2021"), "January 2021");
        assert_eq!(display_date("2008", None, "in 2008"), "2008");
        assert_eq!(display_date("2023-09-12", None, "September 12"), "12 September 2023");
        assert_eq!(display_date("XXXX-08", None, "in August"), "August (year not stated)");
        assert_eq!(display_date("XXXX-09-12", None, "September 12"), "12 September (year not stated)");
        assert_eq!(display_date("2021-SU", None, "summer"), "summer 2021");
        assert_eq!(display_date("2021-Q1", None, "q"), "the first quarter of 2021");
        assert_eq!(display_date("201X", None, "the 2010s"), "the 2010s");
        assert_eq!(display_date("P4Y", None, "four years"), "4 years");
        assert_eq!(display_date("2021", Some("start"), "early 2021"), "early 2021");
        assert_eq!(display_date("2008", Some("approx"), "around 2008"), "about 2008");
        assert_eq!(display_date("PAST_REF", None, "previously"), "in the past");
        // Unknown values fall back to the article's words.
        assert_eq!(display_date("2021-W07", None, " week seven "), "week seven");
        assert_eq!(display_date("2021-13", None, "x"), "x");
        assert_eq!(display_date("", None, "x"), "x");
    }

    #[test]
    fn html_datetimes() {
        assert_eq!(html_datetime("2021-01").as_deref(), Some("2021-01"));
        assert_eq!(html_datetime("2023-09-12").as_deref(), Some("2023-09-12"));
        assert_eq!(html_datetime("XXXX-08"), None);
        assert_eq!(html_datetime("2021-SU"), None);
    }

    // A hostile title must not end the JSON-LD script element.
    #[test]
    fn json_ld_cannot_close_script() {
        let s = escape_json_for_script(r#"{"headline":"</script><script>alert(1)</script> & more"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & more");
    }

    /// The JSON-LD as it was built before (a `serde_json` value, keys sorted), kept as the
    /// reference for the hand-written [`json_ld`].
    fn json_ld_by_value(doc: &wire::Document) -> String {
        let mentions: Vec<serde_json::Value> =
            doc.stakeholders.iter().map(|s| serde_json::json!({ "@type": schema_type(&s.kind), "name": s.name })).collect();
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": doc.title,
            "description": doc.summary,
            "mentions": mentions,
        });
        if let Some(p) = doc.published.as_ref().filter(|p| html_datetime(&p.value).is_some() && p.origin != "inferred") {
            v["datePublished"] = serde_json::Value::String(p.value.clone());
        }
        if let Some(s) = &doc.section {
            v["articleSection"] = serde_json::Value::String(s.clone());
        }
        if !doc.authors.is_empty() {
            v["author"] = doc.authors.iter().map(|a| serde_json::json!({"@type": "Person", "name": a})).collect();
        }
        if let Some(u) = doc.updated.as_ref().filter(|u| html_datetime(u).is_some()) {
            v["dateModified"] = serde_json::Value::String(u.clone());
        }
        escape_json_for_script(&serde_json::to_string(&v).expect("JSON values serialise"))
    }

    #[test]
    fn json_ld_matches_the_value_version() {
        let seed = crate::model::Seed::from_text(
            "seeds/t.txt",
            "Title <b> & \"co\"\n\nWASHINGTON (Reuters) - In January 2021, Acme Corp met the <script> council, Joe Biden said.\n\nIn August, it met again.",
        );
        let x = crate::extract::run(crate::segment::segment(crate::clean::clean(seed)), &Default::default());
        let mut doc = wire::Document::from_explainer(&x);
        assert_eq!(json_ld(&doc), json_ld_by_value(&doc));
        doc.section = Some("World </script>".into());
        doc.published = Some(wire::Published { value: "2021-01-05".into(), origin: "text".into() });
        doc.stakeholders.truncate(1);
        assert_eq!(json_ld(&doc), json_ld_by_value(&doc));
        doc.authors = vec!["Jane </script> Doe".into(), "John Roe".into()];
        doc.updated = Some("2021-01-06".into());
        assert_eq!(json_ld(&doc), json_ld_by_value(&doc));
        assert!(json_ld(&doc).contains("\"dateModified\":\"2021-01-06\""));
        doc.stakeholders.clear();
        doc.published = Some(wire::Published { value: "2021-W05".into(), origin: "text".into() });
        assert_eq!(json_ld(&doc), json_ld_by_value(&doc));
    }

    #[test]
    fn related_is_ordered_and_excludes_self() {
        let item = |slug: &str, ids: &[&str]| RelatedInput {
            slug: slug.into(),
            title: slug.to_uppercase(),
            actors: ids.iter().map(|i| (i.to_string(), i.to_uppercase())).collect(),
        };
        let items = vec![item("b", &["x", "y"]), item("a", &["x"]), item("c", &["x", "y"]), item("d", &["z"])];
        let r = related(&items, 5);
        assert_eq!(r[0].iter().map(|r| r.slug.as_str()).collect::<Vec<_>>(), ["c", "a"]);
        assert_eq!(r[0][0].shared, ["X", "Y"]);
        assert!(r[3].is_empty());
        assert_eq!(related(&items, 1)[0].len(), 1);
    }

    proptest::proptest! {
        /// Words counted byte by byte are the words `split_whitespace` finds, Unicode white
        /// space and look-alikes (curly quotes, dashes, the zero-width space) included.
        #[test]
        fn count_words_matches_split_whitespace(s in "([a-z .,\t\n\r\u{b}\u{c}]|[\u{85}\u{a0}\u{1680}\u{2000}-\u{200f}\u{2018}-\u{201d}\u{2028}-\u{202f}\u{205f}\u{3000}\u{3001}é])*") {
            proptest::prop_assert_eq!(count_words(&s), s.split_whitespace().count());
        }
    }

    /// The pre-optimisation version of [`related`] (a map per pair), kept as the reference.
    fn naive_related(items: &[RelatedInput], limit: usize) -> Vec<Vec<Related>> {
        let mut postings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, it) in items.iter().enumerate() {
            let ids: BTreeSet<&str> = it.actors.iter().map(|(id, _)| id.as_str()).collect();
            for id in ids {
                postings.entry(id).or_default().push(i);
            }
        }
        items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let mut shared: BTreeMap<usize, Vec<String>> = BTreeMap::new();
                let mut seen = BTreeSet::new();
                for (id, name) in &it.actors {
                    if !seen.insert(id.as_str()) {
                        continue;
                    }
                    let Some(list) = postings.get(id.as_str()).filter(|l| l.len() <= MAX_POSTINGS) else { continue };
                    for &j in list.iter().filter(|&&j| j != i) {
                        shared.entry(j).or_default().push(name.clone());
                    }
                }
                let mut out: Vec<Related> = shared
                    .into_iter()
                    .map(|(j, names)| Related { slug: items[j].slug.clone(), title: items[j].title.clone(), shared: names })
                    .collect();
                // Most shared first; ties by slug so the order never depends on input order.
                out.sort_by(|a, b| b.shared.len().cmp(&a.shared.len()).then_with(|| a.slug.cmp(&b.slug)));
                out.truncate(limit);
                out
            })
            .collect()
    }

    proptest::proptest! {
        /// The counting version gives the same lists as the reference on random archives.
        #[test]
        fn related_matches_the_reference(spec in proptest::collection::vec(proptest::collection::vec(0u8..12, 0..6), 0..30), limit in 0usize..6) {
            let items: Vec<RelatedInput> = spec
                .iter()
                .enumerate()
                .map(|(i, ids)| RelatedInput {
                    slug: format!("s{:02}", (i * 7) % 31),
                    title: format!("T{i}"),
                    actors: ids.iter().map(|k| (format!("a{k}"), format!("N{k}{}", i % 2))).collect(),
                })
                .collect();
            proptest::prop_assert_eq!(related(&items, limit), naive_related(&items, limit));
        }
    }
}
