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
}

/// Claims that contradict each other: each claim names a source id and the index of the
/// statement within that source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub topic: String,
    pub claims: Vec<Claim>,
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

/// Rounds salience so the JSON is short and stable across platforms.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Document {
    /// Converts an explainer to the wire document. Ids are assigned here: `d1…` for dates,
    /// `e1…` for events, `r1…` for relations, `s1…` for sources, `f1…` for figures, each in
    /// the order of the (already sorted) internal vectors.
    pub fn from_explainer(x: &Explainer) -> Document {
        let doc = &x.doc;
        let a = &doc.article;
        let para = |s: usize| doc.paragraph_id(s).map(str::to_string);
        let sent = |s: usize| doc.sentence_text(s);
        let span_of = |s: usize| doc.sentences[s].span.as_array();
        let source_id = |i: usize| format!("s{}", i + 1);
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
            events: x
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let d = &x.dates[e.date];
                    Event {
                        id: format!("e{}", i + 1),
                        date: EventDate {
                            text: d.text.clone(),
                            value: d.value.clone(),
                            precision: d.precision.map(|p| p.as_str().to_string()),
                            modifier: d.modifier.map(|m| m.as_str().to_string()),
                            inferred: d.inferred,
                        },
                        title: e.title.clone(),
                        sentence: sent(e.sentence),
                        paragraph: para(e.sentence),
                        span: span_of(e.sentence),
                        actors: e.actors.clone(),
                        source: e.source.map(source_id),
                    }
                })
                .collect(),
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
                })
                .collect(),
            relations: x
                .relations
                .iter()
                .enumerate()
                .map(|(i, r)| Relation {
                    id: format!("r{}", i + 1),
                    from: r.from.clone(),
                    to: r.to.clone(),
                    kind: r.kind.as_str().to_string(),
                    label: r.label.clone(),
                    sentence: sent(r.sentence),
                    paragraph: para(r.sentence),
                    span: span_of(r.sentence),
                })
                .collect(),
            sources: x
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| Source {
                    id: source_id(i),
                    name: s.name.clone(),
                    stakeholder: s.stakeholder.clone(),
                    kind: s.kind.as_str().to_string(),
                    named: s.named,
                    statements: s
                        .statements
                        .iter()
                        .map(|st| Statement {
                            kind: st.kind.as_str().to_string(),
                            cue: st.cue.clone(),
                            text: st.text.clone(),
                            sentence: sent(st.sentence),
                            paragraph: para(st.sentence),
                            span: st.span.as_array(),
                            judgement: st.judgement,
                        })
                        .collect(),
                    on_record: s.on_record,
                })
                .collect(),
            figures: x
                .figures
                .iter()
                .enumerate()
                .map(|(i, f)| Figure {
                    id: format!("f{}", i + 1),
                    text: f.text.clone(),
                    value: f.value,
                    unit: f.unit.clone(),
                    sentence: sent(f.sentence),
                    paragraph: para(f.sentence),
                    span: f.span.as_array(),
                })
                .collect(),
            disputes: x
                .disputes
                .iter()
                .map(|d| Dispute {
                    topic: d.topic.clone(),
                    claims: d.claims.iter().map(|&(s, st)| Claim { source: source_id(s), statement: st }).collect(),
                })
                .collect(),
            warnings: x.warnings.iter().map(|w| format!("{}:{}: {}", w.line, w.col, w.message)).collect(),
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
