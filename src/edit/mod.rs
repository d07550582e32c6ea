//! Edit: an editor's corrections, from the seed's settings file, applied to the explainer/1
//! document.
//!
//! In: the machine's [`wire::Document`] (every item with its stable id, [`crate::ids`]), the
//! [`Edits`] read from `seeds/<name>.toml` by [`crate::build::settings`], and the segmented
//! article (to find the sentence a quoted passage comes from). Out: the same document with the
//! edits applied, every changed item marked (`origin = "edited"` and the fields in `edited`;
//! `origin = "added"` for what an editor added; `editorial` says what was hidden and merged and
//! whether the explainer was reviewed), and notes about edits that match nothing.
//!
//! The settings file is the editor's, never written by the tool: an edit whose id is gone (its
//! sentence was rewritten, the article changed) is reported with the file, the line and the
//! nearest item of the same kind, is left in the file and applied to nothing. It never stops the
//! build. Values an edit sets are checked when the file is read (a kind that does not exist, a
//! date that is not one): that is an error naming the line, and the seed keeps its last good
//! pages.
//!
//! Order: stakeholders first (a merge or a hide rewrites every reference to them), then events,
//! relations, sources and statements, figures, disputes, key points, the top-level fields and
//! the additions; events are sorted again by date afterwards.
//!
//! What it gets wrong: the nearest item offered for a stale edit is found by the words of the
//! edit's own fields and of the comment just above its table (the snippets that `explainer
//! edits` and `explainer serve` give start with one), so a bare `hide = true` under no comment
//! gets a guess by id only. A quoted passage that occurs twice ties the addition to its first
//! occurrence (a note says so).

pub mod listing;
pub mod snippet;

use crate::model;
use crate::wire::{self, Document, ADDED, EDITED};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A value from the settings file and the line it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub line: usize,
    pub value: T,
}

/// An edit of one item: `[events.e-1a2b3c4d]` and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<T> {
    pub id: String,
    pub line: usize,
    pub edit: T,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderEdit {
    pub name: Option<String>,
    pub kind: Option<String>,
    /// `""` clears it.
    pub role: Option<String>,
    /// A stakeholder id, or `""` to clear it.
    pub affiliation: Option<String>,
    #[serde(default)]
    pub hide: bool,
    pub merge_into: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEdit {
    #[serde(default)]
    pub hide: bool,
    pub title: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationEdit {
    #[serde(default)]
    pub hide: bool,
    pub kind: Option<String>,
    pub label: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Swap `from` and `to`.
    #[serde(default)]
    pub reverse: bool,
    pub certainty: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEdit {
    #[serde(default)]
    pub hide: bool,
    pub name: Option<String>,
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HideEdit {
    #[serde(default)]
    pub hide: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureEdit {
    #[serde(default)]
    pub hide: bool,
    pub text: Option<String>,
    /// `""` clears it.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeEdit {
    #[serde(default)]
    pub hide: bool,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPointEdit {
    #[serde(default)]
    pub hide: bool,
    pub text: Option<String>,
}

/// `[[add.events]]`: an event the machine missed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    pub date: String,
    pub title: String,
    /// A passage of the article: the event's evidence.
    pub quote: String,
    #[serde(default)]
    pub actors: Vec<String>,
}

/// `[[add.relations]]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRelation {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub label: Option<String>,
    pub quote: String,
    pub certainty: Option<String>,
}

/// `[[add.key_points]]`, and `why = { text = "…", quote = "…" }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewKeyPoint {
    pub text: String,
    pub quote: Option<String>,
}

/// What relations' certainty may be.
pub const CERTAINTIES: [&str; 4] = crate::model::Certainty::NAMES;

/// Everything an editor asked for in one settings file (its `published` and `slug` act before
/// extraction, see [`crate::build::settings`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edits {
    /// The settings file, as shown in messages.
    pub file: String,
    /// Its lines (for the comments above an edit, see [`nearest`]).
    pub lines: Vec<String>,
    pub title: Option<At<String>>,
    pub summary: Option<At<String>>,
    /// `""` clears it.
    pub section: Option<At<String>>,
    pub why: Option<At<NewKeyPoint>>,
    pub hide_removed: bool,
    pub reviewed: bool,
    pub stakeholders: Vec<Item<StakeholderEdit>>,
    pub events: Vec<Item<EventEdit>>,
    pub relations: Vec<Item<RelationEdit>>,
    pub sources: Vec<Item<SourceEdit>>,
    pub statements: Vec<Item<HideEdit>>,
    pub figures: Vec<Item<FigureEdit>>,
    pub disputes: Vec<Item<DisputeEdit>>,
    pub key_points: Vec<Item<KeyPointEdit>>,
    pub new_events: Vec<At<NewEvent>>,
    pub new_relations: Vec<At<NewRelation>>,
    pub new_key_points: Vec<At<NewKeyPoint>>,
}

impl Edits {
    /// True when the file asks for nothing but settings that act before extraction.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.summary.is_none()
            && self.section.is_none()
            && self.why.is_none()
            && !self.hide_removed
            && !self.reviewed
            && self.stakeholders.is_empty()
            && self.events.is_empty()
            && self.relations.is_empty()
            && self.sources.is_empty()
            && self.statements.is_empty()
            && self.figures.is_empty()
            && self.disputes.is_empty()
            && self.key_points.is_empty()
            && self.new_events.is_empty()
            && self.new_relations.is_empty()
            && self.new_key_points.is_empty()
    }
}

/// A date an editor wrote: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real one), as a TIMEX3 value and
/// its precision.
pub fn parse_date(s: &str) -> Option<(String, model::Precision)> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] if num(y, 4) => Some((s.to_string(), model::Precision::Year)),
        [y, m] if num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().ok()?) => Some((s.to_string(), model::Precision::Month)),
        [y, m, d] if num(y, 4) && num(m, 2) && num(d, 2) => model::Ymd::parse(s).map(|_| (s.to_string(), model::Precision::Day)),
        _ => None,
    }
}

/// Applies `edits` to `doc`. `article` is the segmented article `doc` was made from. Returns the
/// notes about edits that matched nothing (`file:line: …`), also kept in `doc.editorial`.
pub fn apply(doc: &mut Document, edits: &Edits, article: &model::Document) -> Vec<String> {
    let mut cx = Cx { edits, notes: Vec::new(), hidden: BTreeSet::new(), touched: false };
    doc.editorial.settings = Some(edits.file.clone());
    // Claims of disputes by statement id, so hiding statements and sources keeps them right.
    let claims: Vec<Vec<String>> = doc
        .disputes
        .iter()
        .map(|d| {
            d.claims
                .iter()
                .filter_map(|c| doc.sources.iter().find(|s| s.id == c.source)?.statements.get(c.statement).map(|st| st.id.clone()))
                .collect()
        })
        .collect();
    cx.stakeholders(doc);
    cx.events(doc);
    cx.relations(doc);
    cx.sources(doc);
    cx.figures(doc);
    cx.disputes(doc, claims);
    cx.key_points(doc);
    cx.top_level(doc, article);
    cx.additions(doc, article);
    sort_events(&mut doc.events);
    let Cx { notes, hidden, touched, .. } = cx;
    doc.editorial.hidden = hidden.into_iter().collect();
    doc.editorial.status = if edits.reviewed {
        "reviewed"
    } else if touched {
        EDITED
    } else {
        wire::MACHINE
    }
    .to_string();
    notes
}

/// The timeline's order (see `extract::events`): by date, unknown parts last, then position.
fn sort_events(events: &mut [wire::Event]) {
    events.sort_by(|a, b| {
        let key = |e: &wire::Event| {
            let p = e.date.precision.as_deref().and_then(model::Precision::parse);
            let m = e.date.modifier.as_deref().and_then(model::DateMod::parse);
            (crate::extract::events::sort_key(&e.date.value, p, m), e.span[0])
        };
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
}

/// The state of one application.
struct Cx<'a> {
    edits: &'a Edits,
    notes: Vec<String>,
    hidden: BTreeSet<String>,
    /// Some edit changed something.
    touched: bool,
}

/// Marks `field` as edited on an item (once), and the item as edited unless an editor added it.
fn mark(origin: &mut String, edited: &mut Vec<String>, field: &str) {
    if origin != ADDED {
        *origin = EDITED.to_string();
    }
    if !edited.iter().any(|f| f == field) {
        edited.push(field.to_string());
    }
}

/// Sets `slot` to `value` when it differs, marking the field. Returns whether it changed.
fn set<T: PartialEq>(slot: &mut T, value: T, origin: &mut String, edited: &mut Vec<String>, field: &str) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    mark(origin, edited, field);
    true
}

impl Cx<'_> {
    fn note(&mut self, line: usize, msg: impl std::fmt::Display) {
        self.notes.push(format!("{}:{line}: {msg}", self.edits.file));
    }

    /// The note for an edit whose id is not in the document.
    fn stale(&mut self, table: &str, id: &str, line: usize, hint: &str, candidates: &[(&str, String)]) {
        let near = nearest(&self.edits.lines, line, hint, id, candidates);
        let what = match near {
            Some((cid, text)) => format!("; nearest: [{table}.{cid}] {}", snippet::short(&text, 80)),
            None => String::new(),
        };
        self.note(line, format!("[{table}.{id}] matches nothing in the article (its text may have changed){what}; the edit is kept in the file but not applied"));
    }

    fn stakeholders(&mut self, doc: &mut Document) {
        let all = self.edits;
        let edits = &all.stakeholders;
        if edits.is_empty() {
            return;
        }
        let mut into: BTreeMap<String, String> = BTreeMap::new();
        let mut hide: BTreeSet<String> = BTreeSet::new();
        // Ids and names as extracted: the loop changes fields, not which stakeholders there are.
        let known: BTreeSet<String> = doc.stakeholders.iter().map(|s| s.id.clone()).collect();
        let names: Vec<(String, String)> = doc.stakeholders.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        let cands: Vec<(&str, String)> = names.iter().map(|(id, n)| (id.as_str(), n.clone())).collect();
        for it in edits {
            let Some(i) = doc.stakeholders.iter().position(|s| s.id == it.id) else {
                let hint = it.edit.name.clone().unwrap_or_default();
                self.stale("stakeholders", &it.id, it.line, &hint, &cands);
                continue;
            };
            let e = &it.edit;
            if e.hide {
                hide.insert(it.id.clone());
                continue;
            }
            if let Some(target) = &e.merge_into {
                if target == &it.id || !known.contains(target) {
                    let near = nearest(&self.edits.lines, usize::MAX, "", target, &cands).map(|(c, _)| format!(" (nearest: {c})")).unwrap_or_default();
                    self.note(it.line, format!("[stakeholders.{}] merge_into = {target:?}: no other stakeholder has that id{near}; not merged", it.id));
                } else {
                    into.insert(it.id.clone(), target.clone());
                }
            }
            let s = &mut doc.stakeholders[i];
            let mut changed = false;
            if let Some(n) = &e.name {
                changed |= set(&mut s.name, n.clone(), &mut s.origin, &mut s.edited, "name");
            }
            if let Some(k) = &e.kind {
                changed |= set(&mut s.kind, k.clone(), &mut s.origin, &mut s.edited, "kind");
            }
            if let Some(r) = &e.role {
                changed |= set(&mut s.role, Some(r.clone()).filter(|r| !r.is_empty()), &mut s.origin, &mut s.edited, "role");
            }
            if let Some(a) = &e.affiliation {
                if a.is_empty() || known.contains(a) {
                    changed |= set(&mut s.affiliation, Some(a.clone()).filter(|a| !a.is_empty()), &mut s.origin, &mut s.edited, "affiliation");
                } else {
                    let id = s.id.clone();
                    self.note(it.line, format!("[stakeholders.{id}] affiliation = {a:?}: no stakeholder has that id; not changed"));
                }
            }
            self.touched |= changed;
        }
        // A chain (a → b → c) ends at its last stakeholder; a cycle is not merged.
        let resolve = |id: &str| -> Option<String> {
            let mut cur = into.get(id)?.clone();
            let mut seen = BTreeSet::from([id.to_string()]);
            while let Some(next) = into.get(&cur) {
                if !seen.insert(cur.clone()) {
                    return None;
                }
                cur = next.clone();
            }
            Some(cur)
        };
        let merged: BTreeMap<String, String> =
            into.keys().filter_map(|a| resolve(a).filter(|t| !hide.contains(t)).map(|t| (a.clone(), t))).collect();
        for (a, t) in &merged {
            let Some(ai) = doc.stakeholders.iter().position(|s| &s.id == a) else { continue };
            let from = doc.stakeholders.remove(ai);
            let target = doc.stakeholders.iter_mut().find(|s| &s.id == t).expect("merge targets exist");
            target.mentions.extend(from.mentions);
            target.mentions.sort_by_key(|m| (m.span[0], m.span[1]));
            target.mentions.dedup();
            target.aliases.push(from.name);
            target.aliases.extend(from.aliases);
            target.aliases.sort();
            target.aliases.dedup();
            target.salience = target.salience.max(from.salience);
            mark(&mut target.origin, &mut target.edited, "merged");
            doc.editorial.merged.push(wire::Merged { from: a.clone(), into: t.clone() });
            self.touched = true;
        }
        for h in &hide {
            doc.stakeholders.retain(|s| &s.id != h);
            self.hidden.insert(h.clone());
            self.touched = true;
        }
        if merged.is_empty() && hide.is_empty() {
            return;
        }
        // Every reference to a merged or hidden stakeholder.
        let map = |id: &str| -> Option<String> {
            if hide.contains(id) {
                None
            } else {
                Some(merged.get(id).cloned().unwrap_or_else(|| id.to_string()))
            }
        };
        for s in &mut doc.stakeholders {
            s.affiliation = s.affiliation.as_deref().and_then(map).filter(|a| a != &s.id);
        }
        for e in &mut doc.events {
            let mut actors: Vec<String> = e.actors.iter().filter_map(|a| map(a)).collect();
            actors.sort();
            actors.dedup();
            e.actors = actors;
        }
        let mut seen = BTreeSet::new();
        doc.relations.retain_mut(|r| {
            let (Some(f), Some(t)) = (map(&r.from), map(&r.to)) else { return false };
            r.from = f;
            r.to = t;
            r.from != r.to && seen.insert((r.from.clone(), r.to.clone(), r.kind.clone(), r.span))
        });
        for s in &mut doc.sources {
            s.stakeholder = s.stakeholder.as_deref().and_then(map);
        }
    }

    fn events(&mut self, doc: &mut Document) {
        let ed = self.edits;
        for it in &ed.events {
            let Some(e) = doc.events.iter_mut().find(|e| e.id == it.id) else {
                let cands: Vec<(&str, String)> = doc.events.iter().map(|e| (e.id.as_str(), format!("{} {}", e.title, e.sentence))).collect();
                let hint = it.edit.title.clone().unwrap_or_default();
                self.stale("events", &it.id, it.line, &hint, &cands);
                continue;
            };
            if it.edit.hide {
                self.hidden.insert(it.id.clone());
                continue;
            }
            let mut changed = false;
            if let Some(t) = &it.edit.title {
                changed |= set(&mut e.title, t.clone(), &mut e.origin, &mut e.edited, "title");
            }
            if let Some((value, precision)) = it.edit.date.as_deref().and_then(parse_date) {
                if e.date.value != value || e.date.modifier.is_some() || e.date.inferred {
                    e.date.value = value;
                    e.date.precision = Some(precision.as_str().to_string());
                    e.date.modifier = None;
                    e.date.inferred = false;
                    mark(&mut e.origin, &mut e.edited, "date");
                    changed = true;
                }
            }
            self.touched |= changed;
        }
        let hidden = &self.hidden;
        self.touched |= remove_hidden(&mut doc.events, |e| &e.id, hidden);
    }

    fn relations(&mut self, doc: &mut Document) {
        let known: BTreeSet<String> = doc.stakeholders.iter().map(|s| s.id.clone()).collect();
        let ed = self.edits;
        for it in &ed.relations {
            let Some(r) = doc.relations.iter_mut().find(|r| r.id == it.id) else {
                let cands: Vec<(&str, String)> =
                    doc.relations.iter().map(|r| (r.id.as_str(), format!("{} {} {} {}", r.from, r.label, r.to, r.sentence))).collect();
                let hint = it.edit.label.clone().unwrap_or_default();
                self.stale("relations", &it.id, it.line, &hint, &cands);
                continue;
            };
            let e = &it.edit;
            if e.hide {
                self.hidden.insert(it.id.clone());
                continue;
            }
            let mut changed = false;
            let mut bad = Vec::new();
            if e.reverse {
                std::mem::swap(&mut r.from, &mut r.to);
                mark(&mut r.origin, &mut r.edited, "direction");
                changed = true;
            }
            for (field, value) in [("from", &e.from), ("to", &e.to)] {
                let Some(v) = value else { continue };
                if !known.contains(v) {
                    bad.push(format!("{field} = {v:?}: no stakeholder has that id; not changed"));
                    continue;
                }
                let slot = if field == "from" { &mut r.from } else { &mut r.to };
                changed |= set(slot, v.clone(), &mut r.origin, &mut r.edited, field);
            }
            if let Some(k) = &e.kind {
                changed |= set(&mut r.kind, k.clone(), &mut r.origin, &mut r.edited, "kind");
            }
            if let Some(l) = &e.label {
                changed |= set(&mut r.label, l.clone(), &mut r.origin, &mut r.edited, "label");
            }
            if let Some(c) = &e.certainty {
                changed |= set(&mut r.certainty, Some(c.clone()), &mut r.origin, &mut r.edited, "certainty");
            }
            self.touched |= changed;
            for b in bad {
                self.note(it.line, format!("[relations.{}] {b}", it.id));
            }
        }
        let hidden = &self.hidden;
        self.touched |= remove_hidden(&mut doc.relations, |r| &r.id, hidden);
    }

    fn sources(&mut self, doc: &mut Document) {
        let ed = self.edits;
        for it in &ed.sources {
            let Some(s) = doc.sources.iter_mut().find(|s| s.id == it.id) else {
                let cands: Vec<(&str, String)> = doc.sources.iter().map(|s| (s.id.as_str(), s.name.clone())).collect();
                let hint = it.edit.name.clone().unwrap_or_default();
                self.stale("sources", &it.id, it.line, &hint, &cands);
                continue;
            };
            if it.edit.hide {
                self.hidden.insert(it.id.clone());
                continue;
            }
            let mut changed = false;
            if let Some(n) = &it.edit.name {
                changed |= set(&mut s.name, n.clone(), &mut s.origin, &mut s.edited, "name");
            }
            if let Some(k) = &it.edit.kind {
                changed |= set(&mut s.kind, k.clone(), &mut s.origin, &mut s.edited, "kind");
                // A kind an editor gives is one a reader can identify, but for these two.
                s.on_record = !matches!(k.as_str(), "anonymous" | "group");
            }
            self.touched |= changed;
        }
        let ed = self.edits;
        for it in &ed.statements {
            let found = doc.sources.iter().any(|s| s.statements.iter().any(|st| st.id == it.id));
            if !found {
                let cands: Vec<(&str, String)> = doc
                    .sources
                    .iter()
                    .flat_map(|s| s.statements.iter().map(move |st| (st.id.as_str(), format!("{}: {}", s.name, st.text))))
                    .collect();
                self.stale("statements", &it.id, it.line, "", &cands);
            } else if it.edit.hide {
                self.hidden.insert(it.id.clone());
            }
        }
        let hidden = &self.hidden;
        let mut removed = remove_hidden(&mut doc.sources, |s| &s.id, hidden);
        for s in &mut doc.sources {
            let before = s.statements.len();
            s.statements.retain(|st| !hidden.contains(&st.id));
            if s.statements.len() != before {
                mark(&mut s.origin, &mut s.edited, "statements");
                removed = true;
            }
        }
        // A source with nothing left on record is gone too.
        doc.sources.retain(|s| !s.statements.is_empty());
        let ids: BTreeSet<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
        for e in &mut doc.events {
            if e.source.as_deref().is_some_and(|s| !ids.contains(s)) {
                e.source = None;
            }
        }
        self.touched |= removed;
    }

    fn figures(&mut self, doc: &mut Document) {
        let ed = self.edits;
        for it in &ed.figures {
            let Some(f) = doc.figures.iter_mut().find(|f| f.id == it.id) else {
                let cands: Vec<(&str, String)> = doc.figures.iter().map(|f| (f.id.as_str(), format!("{} {}", f.text, f.sentence))).collect();
                let hint = it.edit.text.clone().unwrap_or_default();
                self.stale("figures", &it.id, it.line, &hint, &cands);
                continue;
            };
            if it.edit.hide {
                self.hidden.insert(it.id.clone());
                continue;
            }
            let mut changed = false;
            if let Some(t) = &it.edit.text {
                changed |= set(&mut f.text, t.clone(), &mut f.origin, &mut f.edited, "text");
            }
            if let Some(u) = &it.edit.unit {
                changed |= set(&mut f.unit, Some(u.clone()).filter(|u| !u.is_empty()), &mut f.origin, &mut f.edited, "unit");
            }
            self.touched |= changed;
        }
        let hidden = &self.hidden;
        self.touched |= remove_hidden(&mut doc.figures, |f| &f.id, hidden);
    }

    /// `claims`: each dispute's claims as statement ids, read before sources were edited.
    fn disputes(&mut self, doc: &mut Document, claims: Vec<Vec<String>>) {
        let ed = self.edits;
        for it in &ed.disputes {
            let Some(d) = doc.disputes.iter_mut().find(|d| d.id == it.id) else {
                let cands: Vec<(&str, String)> = doc.disputes.iter().map(|d| (d.id.as_str(), d.topic.clone())).collect();
                let hint = it.edit.topic.clone().unwrap_or_default();
                self.stale("disputes", &it.id, it.line, &hint, &cands);
                continue;
            };
            if it.edit.hide {
                self.hidden.insert(it.id.clone());
                continue;
            }
            if let Some(t) = &it.edit.topic {
                self.touched |= set(&mut d.topic, t.clone(), &mut d.origin, &mut d.edited, "topic");
            }
        }
        // Claims again from statement ids: a hidden statement or source takes its claims away,
        // and a dispute with fewer than two sides left is no dispute.
        let at: BTreeMap<&str, (&str, usize)> = doc
            .sources
            .iter()
            .flat_map(|s| s.statements.iter().enumerate().map(move |(i, st)| (st.id.as_str(), (s.id.as_str(), i))))
            .collect();
        let mut kept = Vec::with_capacity(doc.disputes.len());
        for (mut d, ids) in std::mem::take(&mut doc.disputes).into_iter().zip(claims) {
            if self.hidden.contains(&d.id) {
                self.touched = true;
                continue;
            }
            d.claims = ids
                .iter()
                .filter_map(|id| at.get(id.as_str()))
                .map(|&(s, i)| wire::Claim { source: s.to_string(), statement: i })
                .collect();
            if d.claims.len() >= 2 {
                kept.push(d);
            }
        }
        doc.disputes = kept;
    }

    fn key_points(&mut self, doc: &mut Document) {
        let ed = self.edits;
        for it in &ed.key_points {
            let Some(k) = doc.key_points.iter_mut().find(|k| k.id == it.id) else {
                let cands: Vec<(&str, String)> = doc.key_points.iter().map(|k| (k.id.as_str(), k.text.clone())).collect();
                let hint = it.edit.text.clone().unwrap_or_default();
                self.stale("key_points", &it.id, it.line, &hint, &cands);
                continue;
            };
            if it.edit.hide {
                self.hidden.insert(it.id.clone());
                continue;
            }
            if let Some(t) = &it.edit.text {
                self.touched |= set(&mut k.text, t.clone(), &mut k.origin, &mut k.edited, "text");
            }
        }
        let hidden = &self.hidden;
        self.touched |= remove_hidden(&mut doc.key_points, |k| &k.id, hidden);
    }

    fn top_level(&mut self, doc: &mut Document, article: &model::Document) {
        let e = self.edits;
        let mut edited = Vec::new();
        if let Some(t) = &e.title {
            if doc.title != t.value {
                doc.title = t.value.clone();
                edited.push("title");
            }
        }
        if let Some(s) = &e.summary {
            if doc.summary != s.value {
                doc.summary = s.value.clone();
                edited.push("summary");
                if let Some(k) = doc.key_points.iter_mut().find(|k| k.kind == "what" && k.origin != ADDED) {
                    set(&mut k.text, s.value.clone(), &mut k.origin, &mut k.edited, "text");
                }
            }
        }
        if let Some(s) = &e.section {
            let v = Some(s.value.clone()).filter(|v| !v.is_empty());
            if doc.section != v {
                doc.section = v;
                edited.push("section");
            }
        }
        if e.hide_removed && !doc.removed.is_empty() {
            doc.removed.clear();
            edited.push("removed");
        }
        if let Some(w) = &e.why {
            let evidence = match &w.value.quote {
                Some(q) => self.find_quote(article, q, w.line, "why"),
                // Without a quote, the text itself may be a sentence of the article.
                None => find_sentence(article, &w.value.text).map(|(i, _)| i),
            };
            let point = key_point(article, "why", &w.value.text, evidence);
            match doc.key_points.iter_mut().find(|k| k.kind == "why") {
                Some(k) if k.text == point.text && k.span == point.span => {}
                Some(k) => {
                    k.text = point.text;
                    k.sentence = point.sentence;
                    k.paragraph = point.paragraph;
                    k.span = point.span;
                    mark(&mut k.origin, &mut k.edited, "text");
                    edited.push("why");
                }
                None => {
                    let pos = doc.key_points.iter().position(|k| k.kind != "what").unwrap_or(doc.key_points.len());
                    doc.key_points.insert(pos, wire::KeyPoint { id: "k-why".to_string(), origin: ADDED.to_string(), ..point });
                    edited.push("why");
                }
            }
        }
        self.touched |= !edited.is_empty();
        doc.editorial.edited.extend(edited.into_iter().map(str::to_string));
    }

    fn additions(&mut self, doc: &mut Document, article: &model::Document) {
        let e = self.edits;
        let known: BTreeSet<String> = doc.stakeholders.iter().map(|s| s.id.clone()).collect();
        for n in &e.new_events {
            let Some(i) = self.find_quote(article, &n.value.quote, n.line, "add.events") else { continue };
            let Some((value, precision)) = parse_date(&n.value.date) else { continue };
            let sentence = article.sentence_text(i);
            let mut actors = Vec::new();
            for a in &n.value.actors {
                if known.contains(a) {
                    actors.push(a.clone());
                } else {
                    self.note(n.line, format!("[[add.events]] actor {a:?}: no stakeholder has that id; left out"));
                }
            }
            actors.sort();
            actors.dedup();
            let source = doc.sources.iter().find(|s| s.statements.iter().any(|st| st.sentence == sentence)).map(|s| s.id.clone());
            doc.events.push(wire::Event {
                id: crate::ids::event(&sentence, &n.value.date),
                date: wire::EventDate { text: n.value.date.clone(), value, precision: Some(precision.as_str().to_string()), modifier: None, inferred: false },
                title: n.value.title.clone(),
                paragraph: article.paragraph_id(i).map(str::to_string),
                span: article.sentences[i].span.as_array(),
                sentence,
                actors,
                source,
                origin: ADDED.to_string(),
                edited: Vec::new(),
            });
            self.touched = true;
        }
        for n in &e.new_relations {
            let r = &n.value;
            let missing: Vec<&str> = [&r.from, &r.to].into_iter().filter(|id| !known.contains(*id)).map(String::as_str).collect();
            if !missing.is_empty() {
                self.note(n.line, format!("[[add.relations]] {}: no stakeholder has that id; not added", missing.join(", ")));
                continue;
            }
            let Some(i) = self.find_quote(article, &r.quote, n.line, "add.relations") else { continue };
            let sentence = article.sentence_text(i);
            doc.relations.push(wire::Relation {
                id: crate::ids::relation(&sentence, &r.from, &r.to),
                from: r.from.clone(),
                to: r.to.clone(),
                kind: r.kind.clone(),
                label: r.label.clone().unwrap_or_else(|| r.kind.replace('-', " ")),
                paragraph: article.paragraph_id(i).map(str::to_string),
                span: article.sentences[i].span.as_array(),
                sentence,
                certainty: r.certainty.clone(),
                origin: ADDED.to_string(),
                edited: Vec::new(),
            });
            self.touched = true;
        }
        for n in &e.new_key_points {
            let evidence = match &n.value.quote {
                Some(q) => match self.find_quote(article, q, n.line, "add.key_points") {
                    Some(i) => Some(i),
                    None => continue,
                },
                None => None,
            };
            let mut point = key_point(article, "point", &n.value.text, evidence);
            point.id = crate::ids::key_point(&n.value.text);
            point.origin = ADDED.to_string();
            doc.key_points.push(point);
            self.touched = true;
        }
        wire::dedupe_ids(&mut doc.events, |e| &mut e.id);
        wire::dedupe_ids(&mut doc.relations, |r| &mut r.id);
        wire::dedupe_ids(&mut doc.key_points, |k| &mut k.id);
    }

    /// The sentence a quoted passage is in, or a note saying it is not in the article.
    fn find_quote(&mut self, article: &model::Document, quote: &str, line: usize, table: &str) -> Option<usize> {
        match find_sentence(article, quote) {
            Some((i, 1)) => Some(i),
            Some((i, n)) => {
                self.note(line, format!("[{table}] quote = {:?} occurs {n} times in the article; the first is used (quote more words to choose another)", snippet::short(quote, 60)));
                Some(i)
            }
            None => {
                let sentences: Vec<String> = article.body_sentences().map(|i| article.sentence_text(i)).collect();
                let cands: Vec<(&str, String)> = sentences.iter().map(|t| (t.as_str(), t.clone())).collect();
                let near = nearest(&[], 0, quote, "", &cands).map(|(s, _)| format!("; nearest sentence: {:?}", snippet::short(s, 100))).unwrap_or_default();
                self.note(line, format!("[{table}] quote = {:?} is not in the article{near}; not added", snippet::short(quote, 60)));
                None
            }
        }
    }
}

/// Removes the items whose ids are hidden. Returns whether any was.
fn remove_hidden<T>(items: &mut Vec<T>, id: impl Fn(&T) -> &String, hidden: &BTreeSet<String>) -> bool {
    let before = items.len();
    items.retain(|i| !hidden.contains(id(i)));
    items.len() != before
}

/// A key point with the sentence `evidence` (if any) as its evidence.
fn key_point(article: &model::Document, kind: &str, text: &str, evidence: Option<usize>) -> wire::KeyPoint {
    wire::KeyPoint {
        id: format!("k-{kind}"),
        kind: kind.to_string(),
        text: text.to_string(),
        sentence: evidence.map(|i| article.sentence_text(i)),
        paragraph: evidence.and_then(|i| article.paragraph_id(i)).map(str::to_string),
        span: evidence.map(|i| article.sentences[i].span.as_array()),
        origin: wire::MACHINE.to_string(),
        edited: Vec::new(),
    }
}

/// The body sentence holding `quote` (white space, case, quote marks and dashes aside), and how
/// many places hold it. A passage over several sentences is found in its paragraph and tied to
/// the sentence it starts in.
pub fn find_sentence(article: &model::Document, quote: &str) -> Option<(usize, usize)> {
    let q = crate::ids::normalise(quote.trim().trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'')));
    if q.is_empty() {
        return None;
    }
    let hits: Vec<usize> = article.body_sentences().filter(|&i| crate::ids::normalise(&article.sentence_text(i)).contains(&q)).collect();
    if let Some(&first) = hits.first() {
        return Some((first, hits.len()));
    }
    // Across sentences: the paragraph holds it; the sentence is where its first words are.
    let head: String = q.split(' ').take(4).collect::<Vec<_>>().join(" ");
    let mut found = Vec::new();
    for (pi, p) in article.article.paragraphs.iter().enumerate() {
        if crate::ids::normalise(&p.text).contains(&q) {
            let s = article
                .body_sentences()
                .filter(|&i| article.sentences[i].paragraph == Some(pi))
                .find(|&i| crate::ids::normalise(&article.sentence_text(i)).contains(&head))
                .or_else(|| article.body_sentences().find(|&i| article.sentences[i].paragraph == Some(pi)));
            found.extend(s);
        }
    }
    found.first().map(|&i| (i, found.len()))
}

/// Lower-cased words of three letters or more.
fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(|w| w.to_lowercase()).collect()
}

/// The candidate (id, text) nearest to a stale edit: by the words of `hint` and of the comment
/// lines just above line `line` of the settings file, else by the id's spelling.
fn nearest<'c>(lines: &[String], line: usize, hint: &str, id: &str, candidates: &'c [(&'c str, String)]) -> Option<(&'c str, String)> {
    let mut text = hint.to_string();
    if line >= 2 && line <= lines.len() + 1 {
        for l in lines[..line - 1].iter().rev() {
            let t = l.trim();
            let Some(c) = t.strip_prefix('#') else { break };
            text.push(' ');
            text.push_str(c);
        }
    }
    let want = words(&text);
    if !want.is_empty() {
        let best = candidates
            .iter()
            .map(|(cid, ctext)| {
                let have = words(ctext);
                let shared = want.intersection(&have).count();
                (shared as f64 / (want.len().min(have.len()).max(1)) as f64, *cid, ctext)
            })
            .filter(|(score, _, _)| *score >= 0.3)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
        if let Some((_, cid, ctext)) = best {
            return Some((cid, ctext.clone()));
        }
    }
    if id.is_empty() {
        return None;
    }
    candidates
        .iter()
        .map(|(cid, ctext)| (edit_distance(id, cid), *cid, ctext))
        .filter(|(d, cid, _)| *d <= cid.len().max(id.len()) / 2)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, cid, ctext)| (cid, ctext.clone()))
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
