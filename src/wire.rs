//! The public data contract `explainer/1` (`../shared/design/explainer-json.md`).
//!
//! In: an internal [`Explainer`]. Out: wire structs whose field order is the contract's key
//! order, serialised with `serde_json` (which keeps struct field order). These types are the
//! contract: fields may be added at the end of a struct, never renamed or retyped. Internal types
//! in [`crate::model`] are converted here and nowhere else.
//!
//! Extensions beyond the contract text (added, never renamed): `disputes` (claims that contradict
//! each other), `warnings` (`line:col: message` strings about the seed), `judgement` on a
//! statement (the cue verb carries the outlet's judgement, e.g. "claimed"), `on_record` on a
//! source (false for anonymous sources and unnamed groups such as "analysts").
//!
//! What it gets wrong: nothing known; `check` validates documents against these structs.

use crate::model::{self, Explainer};
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "explainer/1";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub schema: String,
    pub seed: SeedRef,
    pub slug: String,
    pub title: String,
    pub labels: Vec<String>,
    pub section: Option<String>,
    pub published: Option<Published>,
    pub summary: String,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    pub dates: Vec<Date>,
    pub events: Vec<Event>,
    pub stakeholders: Vec<Stakeholder>,
    pub relations: Vec<Relation>,
    pub sources: Vec<Source>,
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Extension: the points a reader sees first (what happened, why it matters, and any an
    /// editor added).
    #[serde(default)]
    pub key_points: Vec<KeyPoint>,
    /// Extension: whether editors reviewed or corrected this document, and what they changed.
    #[serde(default)]
    pub editorial: Editorial,
    /// Extension: the seed's format, `text` (a `.txt` seed) or `html` (a saved web page).
    #[serde(default = "text_format")]
    pub format: String,
    /// Extension: what every `span` indexes into (byte offsets, UTF-8): `seed text` (the seed
    /// file's text as decoded) or `extracted text` (for an HTML seed: the headline and the
    /// blocks extracted from the page, one after another, separated by blank lines).
    #[serde(default = "seed_text")]
    pub text_basis: String,
    /// Extension: the article's authors (its byline, or the page's metadata), in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Extension: when the article was last updated (`YYYY-MM-DD`), where the page says.
    #[serde(default)]
    pub updated: Option<String>,
    /// Extension: the place of the article's dateline ("Kabul" in "KABUL, Oct 30 (Reuters) -").
    #[serde(default)]
    pub place: Option<String>,
    /// Extension: what an HTML page says about itself (JSON-LD, OpenGraph, `<meta>`); null for
    /// text seeds.
    #[serde(default)]
    pub page: Option<PageMeta>,
}

fn text_format() -> String {
    "text".to_string()
}

fn seed_text() -> String {
    "seed text".to_string()
}

/// Extension: an HTML page's own metadata, as the page states it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub headline: Option<String>,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
}

/// Who made an item: `machine` (extracted, untouched), `edited` (extracted, then corrected in
/// the seed's settings file; `edited` lists the fields) or `added` (written by an editor).
pub const MACHINE: &str = "machine";
pub const EDITED: &str = "edited";
pub const ADDED: &str = "added";

fn machine() -> String {
    MACHINE.to_string()
}

/// Extension: the editorial state of a document (see [`crate::edit`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Editorial {
    /// `machine` (nothing reviewed), `edited` (corrections applied, not marked reviewed) or
    /// `reviewed` (`reviewed = true` in the settings file).
    pub status: String,
    /// The settings file the edits came from, or null.
    pub settings: Option<String>,
    /// Top-level fields an editor set (`title`, `summary`, `section`, `removed`, …).
    pub edited: Vec<String>,
    /// Ids of items an editor hid, sorted.
    pub hidden: Vec<String>,
    /// Stakeholders an editor merged into others.
    pub merged: Vec<Merged>,
}

impl Default for Editorial {
    fn default() -> Editorial {
        Editorial { status: MACHINE.to_string(), settings: None, edited: Vec::new(), hidden: Vec::new(), merged: Vec::new() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Merged {
    pub from: String,
    pub into: String,
}

/// Extension: a key point. `kind`: `what` (what happened), `why` (why it matters) or `point`
/// (added by an editor). The evidence (`sentence`, `paragraph`, `span`) is null for a text an
/// editor wrote without a quoted passage.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KeyPoint {
    pub id: String,
    pub kind: String,
    pub text: String,
    pub sentence: Option<String>,
    pub paragraph: Option<String>,
    pub span: Option<[usize; 2]>,
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeedRef {
    pub file: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Published {
    pub value: String,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    pub id: String,
    pub kind: String,
    pub text: String,
    pub span: [usize; 2],
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    pub text: String,
    pub reason: String,
    pub span: [usize; 2],
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Date {
    pub id: String,
    pub text: String,
    pub value: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub precision: Option<String>,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub anchor: String,
    pub inferred: bool,
    pub span: [usize; 2],
    pub paragraph: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EventDate {
    pub text: String,
    pub value: String,
    pub precision: Option<String>,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub inferred: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub date: EventDate,
    pub title: String,
    pub sentence: String,
    pub paragraph: Option<String>,
    pub span: [usize; 2],
    pub actors: Vec<String>,
    pub source: Option<String>,
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub text: String,
    pub span: [usize; 2],
    pub paragraph: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    pub salience: f64,
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub label: String,
    pub sentence: String,
    pub paragraph: Option<String>,
    pub span: [usize; 2],
    /// Extension: `stated`, `claimed`, `denied` or `hypothetical` (the extractor's reading, or an
    /// editor's); null in documents written before it was assessed.
    #[serde(default)]
    pub certainty: Option<String>,
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub kind: String,
    pub cue: String,
    pub text: String,
    pub sentence: String,
    pub paragraph: Option<String>,
    pub span: [usize; 2],
    #[serde(default)]
    pub judgement: bool,
    /// Extension: a stable id (see [`crate::ids`]).
    #[serde(default)]
    pub id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub stakeholder: Option<String>,
    pub kind: String,
    pub named: bool,
    pub statements: Vec<Statement>,
    /// Extension: a reader can tell who is speaking (see [`model::Source::on_record`]).
    #[serde(default = "yes")]
    pub on_record: bool,
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub text: String,
    pub value: f64,
    pub unit: Option<String>,
    pub sentence: String,
    pub paragraph: Option<String>,
    pub span: [usize; 2],
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

/// Claims that contradict each other: each claim names a source id and the index of the
/// statement within that source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub topic: String,
    pub claims: Vec<Claim>,
    /// Extension: a stable id (see [`crate::ids`]).
    #[serde(default)]
    pub id: String,
    #[serde(default = "machine")]
    pub origin: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub source: String,
    pub statement: usize,
}

fn origin(o: model::DateOrigin) -> &'static str {
    match o {
        model::DateOrigin::Text => "text",
        model::DateOrigin::Option => "option",
        model::DateOrigin::Override => "override",
        model::DateOrigin::Inferred => "inferred",
    }
}

/// The "what is disputed" key point: who contradicts whom and on what ("A and B give
/// conflicting accounts (topic)."), with the sentence of the first claim; the claims themselves
/// are in the document's disputes.
fn disputed_point(x: &Explainer) -> Option<(String, usize)> {
    let d = x.disputes.first()?;
    let mut sides: Vec<usize> = Vec::new();
    for &(s, _) in &d.claims {
        if !sides.contains(&s) {
            sides.push(s);
        }
    }
    if sides.len() < 2 {
        return None;
    }
    // An unnamed source ("Source familiar with the talks") reads in lower case mid-sentence.
    let names: Vec<String> = sides
        .iter()
        .map(|&s| {
            let src = &x.sources[s];
            let mut c = src.name.chars();
            match c.next() {
                Some(f) if !src.named => f.to_lowercase().chain(c).collect(),
                _ => src.name.clone(),
            }
        })
        .collect();
    let who = match names.len() {
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, {} and {} other source{}", names[0], names[1], n - 2, if n == 3 { "" } else { "s" }),
    };
    let (s, st) = d.claims[0];
    let mut who = who;
    if let Some(f) = who.chars().next() {
        who = f.to_uppercase().chain(who.chars().skip(1)).collect();
    }
    Some((format!("{who} give conflicting accounts ({}).", d.topic), x.sources[s].statements[st].sentence))
}

/// Makes the ids of `items` unique in order ([`crate::ids::dedupe`]).
pub(crate) fn dedupe_ids<T>(items: &mut [T], id: impl Fn(&mut T) -> &mut String) {
    let mut ids: Vec<String> = items.iter_mut().map(|i| id(i).clone()).collect();
    crate::ids::dedupe(&mut ids);
    for (i, new) in items.iter_mut().zip(ids) {
        *id(i) = new;
    }
}

/// Rounds salience so the JSON is short and stable across platforms.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Document {
    /// Converts an explainer to the wire document. Dates get `d1…` in text order; every other
    /// item gets a stable id made from its own text ([`crate::ids`]), so an editor's settings
    /// can point at it across rebuilds. Every item's `origin` is `machine`; [`crate::edit`]
    /// applies an editor's corrections afterwards.
    pub fn from_explainer(x: &Explainer) -> Document {
        let doc = &x.doc;
        let a = &doc.article;
        let para = |s: usize| doc.paragraph_id(s).map(str::to_string);
        let sent = |s: usize| doc.sentence_text(s);
        let span_of = |s: usize| doc.sentences[s].span.as_array();

        let mut source_ids: Vec<String> = x.sources.iter().map(|s| crate::ids::source(&s.name)).collect();
        crate::ids::dedupe(&mut source_ids);
        let mut sources: Vec<Source> = x
            .sources
            .iter()
            .zip(&source_ids)
            .map(|(s, id)| Source {
                id: id.clone(),
                name: s.name.clone(),
                stakeholder: s.stakeholder.clone(),
                kind: s.kind.as_str().to_string(),
                named: s.named,
                statements: s
                    .statements
                    .iter()
                    .map(|st| {
                        let sentence = sent(st.sentence);
                        Statement {
                            kind: st.kind.as_str().to_string(),
                            cue: st.cue.clone(),
                            text: st.text.clone(),
                            id: crate::ids::statement(&sentence, &st.cue),
                            sentence,
                            paragraph: para(st.sentence),
                            span: st.span.as_array(),
                            judgement: st.judgement,
                        }
                    })
                    .collect(),
                on_record: s.on_record,
                origin: machine(),
                edited: Vec::new(),
            })
            .collect();
        // Statement ids are unique across the document (two sources quoted in one sentence
        // with the same cue), in text order of their sources.
        let mut st_ids: Vec<String> = sources.iter().flat_map(|s| s.statements.iter().map(|st| st.id.clone())).collect();
        crate::ids::dedupe(&mut st_ids);
        for (st, id) in sources.iter_mut().flat_map(|s| s.statements.iter_mut()).zip(st_ids) {
            st.id = id;
        }

        let mut events: Vec<Event> = x
            .events
            .iter()
            .map(|e| {
                let d = &x.dates[e.date];
                let sentence = sent(e.sentence);
                Event {
                    id: crate::ids::event(&sentence, &d.text),
                    date: EventDate {
                        text: d.text.clone(),
                        value: d.value.clone(),
                        precision: d.precision.map(|p| p.as_str().to_string()),
                        modifier: d.modifier.map(|m| m.as_str().to_string()),
                        inferred: d.inferred,
                    },
                    title: e.title.clone(),
                    sentence,
                    paragraph: para(e.sentence),
                    span: span_of(e.sentence),
                    actors: e.actors.clone(),
                    source: e.source.map(|i| source_ids[i].clone()),
                    origin: machine(),
                    edited: Vec::new(),
                }
            })
            .collect();
        dedupe_ids(&mut events, |e| &mut e.id);

        let mut relations: Vec<Relation> = x
            .relations
            .iter()
            .map(|r| {
                let sentence = sent(r.sentence);
                Relation {
                    id: crate::ids::relation(&sentence, &r.from, &r.to),
                    from: r.from.clone(),
                    to: r.to.clone(),
                    kind: r.kind.as_str().to_string(),
                    label: r.label.clone(),
                    sentence,
                    paragraph: para(r.sentence),
                    span: span_of(r.sentence),
                    certainty: Some(r.certainty.as_str().to_string()),
                    origin: machine(),
                    edited: Vec::new(),
                }
            })
            .collect();
        dedupe_ids(&mut relations, |r| &mut r.id);

        let mut figures: Vec<Figure> = x
            .figures
            .iter()
            .map(|f| {
                let sentence = sent(f.sentence);
                Figure {
                    id: crate::ids::figure(&sentence, &f.text),
                    text: f.text.clone(),
                    value: f.value,
                    unit: f.unit.clone(),
                    sentence,
                    paragraph: para(f.sentence),
                    span: f.span.as_array(),
                    origin: machine(),
                    edited: Vec::new(),
                }
            })
            .collect();
        dedupe_ids(&mut figures, |f| &mut f.id);

        let mut disputes: Vec<Dispute> = x
            .disputes
            .iter()
            .map(|d| {
                let claim_ids: Vec<&str> = d.claims.iter().map(|&(s, st)| sources[s].statements[st].id.as_str()).collect();
                Dispute {
                    topic: d.topic.clone(),
                    claims: d.claims.iter().map(|&(s, st)| Claim { source: source_ids[s].clone(), statement: st }).collect(),
                    id: crate::ids::dispute(&claim_ids),
                    origin: machine(),
                    edited: Vec::new(),
                }
            })
            .collect();
        dedupe_ids(&mut disputes, |d| &mut d.id);

        let mut key_points = vec![KeyPoint {
            id: "k-what".to_string(),
            kind: "what".to_string(),
            text: x.summary.clone(),
            sentence: x.summary_sentence.map(sent),
            paragraph: x.summary_sentence.and_then(para),
            span: x.summary_sentence.map(span_of),
            origin: machine(),
            edited: Vec::new(),
        }];
        let from_sentence = |kind: &str, text: String, s: usize| KeyPoint {
            id: format!("k-{kind}"),
            kind: kind.to_string(),
            text,
            sentence: Some(sent(s)),
            paragraph: para(s),
            span: Some(span_of(s)),
            origin: machine(),
            edited: Vec::new(),
        };
        if let Some(w) = x.why {
            key_points.push(from_sentence("why", sent(w), w));
        }
        if let Some((text, s)) = disputed_point(x) {
            key_points.push(from_sentence("disputed", text, s));
        }
        if let Some(n) = x.next {
            key_points.push(from_sentence("next", sent(n), n));
        }

        Document {
            schema: SCHEMA.to_string(),
            seed: SeedRef { file: a.seed.file.clone(), sha256: a.seed.sha256.clone() },
            slug: x.slug.clone(),
            title: a.title.clone(),
            labels: a.labels.clone(),
            section: a.section.clone(),
            published: a.published.map(|p| Published { value: p.date.to_string(), origin: origin(p.origin).to_string() }),
            summary: x.summary.clone(),
            paragraphs: a
                .paragraphs
                .iter()
                .map(|p| Paragraph { id: p.id.clone(), kind: p.kind.as_str().to_string(), text: p.text.clone(), span: p.span.as_array() })
                .collect(),
            removed: a.removed.iter().map(|r| Removed { text: r.text.clone(), reason: r.reason.clone(), span: r.span.as_array() }).collect(),
            dates: x
                .dates
                .iter()
                .enumerate()
                .map(|(i, d)| Date {
                    id: format!("d{}", i + 1),
                    text: d.text.clone(),
                    value: d.value.clone(),
                    kind: d.kind.as_str().to_string(),
                    precision: d.precision.map(|p| p.as_str().to_string()),
                    modifier: d.modifier.map(|m| m.as_str().to_string()),
                    anchor: d.anchor.as_str().to_string(),
                    inferred: d.inferred,
                    span: d.span.as_array(),
                    paragraph: para(d.sentence),
                })
                .collect(),
            events,
            stakeholders: x
                .stakeholders
                .iter()
                .map(|s| Stakeholder {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    kind: s.kind.as_str().to_string(),
                    role: s.role.clone(),
                    affiliation: s.affiliation.clone(),
                    aliases: s.aliases.clone(),
                    mentions: s
                        .mentions
                        .iter()
                        .map(|m| Mention { text: model::fold_whitespace(doc.slice(m.span)), span: m.span.as_array(), paragraph: para(m.sentence) })
                        .collect(),
                    salience: round3(s.salience),
                    origin: machine(),
                    edited: Vec::new(),
                })
                .collect(),
            relations,
            sources,
            figures,
            disputes,
            warnings: x.warnings.iter().map(|w| format!("{}:{}: {}", w.line, w.col, w.message)).collect(),
            key_points,
            editorial: Editorial::default(),
            format: a.seed.format.as_str().to_string(),
            text_basis: a.seed.format.text_basis().to_string(),
            authors: a.authors.clone(),
            updated: a.updated.map(|d| d.to_string()),
            place: a.place.clone(),
            page: a.seed.page.as_ref().map(|p| {
                let m = &p.meta;
                PageMeta {
                    headline: m.headline.clone(),
                    description: m.description.clone(),
                    authors: m.authors.clone(),
                    publisher: m.publisher.clone(),
                    section: m.section.clone(),
                    keywords: m.keywords.clone(),
                    canonical: m.canonical.clone(),
                    language: m.language.clone(),
                    published: m.published.map(|d| d.to_string()),
                    modified: m.modified.map(|d| d.to_string()),
                }
            }),
        }
    }

    /// Pretty JSON with a trailing newline (the form `extract` prints for one file, for people to
    /// read; the site's `explainer.json` is [`Document::to_json_line`], a third smaller).
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("wire types always serialise");
        s.push('\n');
        s
    }

    /// One line of JSON (JSON Lines output of `extract` with several files).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("wire types always serialise")
    }
}
