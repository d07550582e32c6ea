//! Roles and affiliations from the words around a name.
//!
//! In: the tokens of each sentence, the candidates and the cluster each belongs to. Out: a role
//! string and an affiliation (cluster index) on clusters, from four patterns:
//!
//! - a title inside the capitalised run: "U.S. President Donald Trump" (found by `chunk`);
//! - lower-case words before the name ending in a title or descriptor: "Ministry of Interior
//!   spokesman Abdul Mateen Qani", "then-vice president Amrullah Saleh", "Chinese telecom
//!   equipment manufacturer Huawei";
//! - an appositive: "Thomas West, the U.S. Special Representative for Afghanistan," and
//!   "Jonathan Schroeder, a specialist on Afghanistan with the Center for Naval Analyses";
//! - "Matt Mahmoudi of Amnesty International".
//!
//! The first role found wins; the evidence sentence is kept for the affiliation relation.
//!
//! What it gets wrong: roles stated in a later sentence about a pronoun ("He is the minister")
//! are missed; a long appositive is cut at its first clause word, so "a group operating in …"
//! keeps only "group"; a descriptor before a name that belongs to an earlier noun is taken.

use super::chunk::{is_cap, Cand, Tk, Token};
use super::lex::{fold, TABLES};
use super::Cluster;
use crate::model::StakeholderKind;

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "with", "by", "for", "and", "or", "but", "that", "which", "who", "said", "told", "says",
    "from", "in", "on", "at", "as", "is", "was", "are", "were", "has", "have", "had", "its", "their", "his", "her", "it",
    "be", "been", "will", "would", "may", "also", "not", "according", "when", "while", "than", "this", "these", "those",
];

fn lw(text: &str, t: &Token) -> String {
    fold(t.text(text))
}

/// A title or descriptor word for a cluster of this kind.
fn is_head(word: &str, person: bool) -> bool {
    let t = &*TABLES;
    let w = word.rsplit('-').next().unwrap_or(word);
    if person {
        t.titles.contains(w) || t.titles.contains(word)
    } else {
        t.descriptors.contains_key(w) || t.descriptors.contains_key(word)
    }
}

pub(super) fn assign(text: &str, toks: &[Vec<Token>], cands: &[Cand], owner: &[Option<usize>], clusters: &mut [Cluster]) {
    let t = &*TABLES;
    // (sentence, token) → candidate, so lookups stay linear in the document.
    let mut ends: rustc_hash::FxHashMap<(usize, usize), usize> = rustc_hash::FxHashMap::default();
    let mut starts: rustc_hash::FxHashMap<(usize, usize), usize> = rustc_hash::FxHashMap::default();
    for (ci, c) in cands.iter().enumerate() {
        ends.entry((c.sentence, c.toks.1)).or_insert(ci);
        starts.entry((c.sentence, c.toks.0)).or_insert(ci);
    }
    let cand_at_end = |s: usize, end_tok: usize| ends.get(&(s, end_tok)).copied();
    let cand_at_start = |s: usize, start_tok: usize| starts.get(&(s, start_tok)).copied();
    for (ci, c) in cands.iter().enumerate() {
        let Some(k) = owner[ci] else { continue };
        if c.restricted || clusters[k].role.is_some() {
            continue;
        }
        let person = clusters[k].kind == StakeholderKind::Person;
        let tk = &toks[c.sentence];
        let s = c.sentence;
        // 1. A title inside the run.
        if let Some((role, aff)) = &c.role {
            if person {
                let aff = aff.and_then(|a| owner[a]).filter(|&a| a != k);
                set(clusters, k, role.clone(), aff, s);
                continue;
            }
        }
        // 2. Lower-case words before the name.
        let (a, _) = c.toks;
        if a > 0 && tk[a - 1].kind == Tk::Word && is_head(&lw(text, &tk[a - 1]), person) && !is_cap(tk[a - 1].text(text)) {
            let mut from = a - 1;
            while from > 0 && a - from < 5 {
                let p = &tk[from - 1];
                let pw = lw(text, p);
                if p.kind != Tk::Word || is_cap(p.text(text)) || STOP.contains(&pw.as_str()) || (pw.ends_with("ed") && !is_head(&pw, person)) {
                    break;
                }
                from -= 1;
            }
            let mut aff = None;
            // A demonym or a name just before: "Chinese telecom …", "Ministry of Interior spokesman".
            if from > 0 {
                if let Some(pc) = cand_at_end(s, from) {
                    if let Some(pk) = owner[pc] {
                        if pk != k {
                            let demonym = matches!(cands[pc].hint, super::chunk::Hint::Demonym(_));
                            if demonym {
                                from = cands[pc].toks.0;
                            }
                            if person || !demonym || clusters[k].kind == StakeholderKind::Government {
                                aff = Some(pk);
                            }
                        }
                    }
                }
            }
            let role = crate::model::fold_whitespace(&text[tk[from].span.start..tk[a - 1].span.end]);
            if person || t.descriptors.contains_key(lw(text, &tk[a - 1]).as_str()) {
                let role_kind = t.descriptors.get(lw(text, &tk[a - 1]).as_str()).copied().flatten();
                set(clusters, k, role, aff, s);
                refine_kind(clusters, k, role_kind);
                continue;
            }
        }
        // 3. An appositive after the name.
        let mut b = c.toks.1;
        if b < tk.len() && tk[b].kind == Tk::Pos {
            continue;
        }
        // "(ETIM), an armed separatist group": skip the acronym's closing parenthesis.
        if c.acronym && b < tk.len() && tk[b].text(text) == ")" {
            b += 1;
        }
        if b < tk.len() && tk[b].text(text) == "," {
            b += 1;
            if b < tk.len() && matches!(lw(text, &tk[b]).as_str(), "the" | "a" | "an") {
                b += 1;
            }
            // "the U.S. Special Representative for Afghanistan": a role recorded on the name.
            if let Some(pc) = cand_at_start(s, b) {
                if let (Some((role, None)), Some(pk)) = (&cands[pc].role, owner[pc]) {
                    if person && pk != k {
                        set(clusters, k, role.clone(), Some(pk), s);
                        continue;
                    }
                }
            }
            let mut e = b;
            let mut aff = None;
            let mut lead_aff = None;
            let mut role_start = b;
            if let Some(pc) = cand_at_start(s, b) {
                // Leading affiliation: "a Chinese diplomat", "the U.S. envoy".
                if let Some(pk) = owner[pc] {
                    if pk != k {
                        lead_aff = Some(pk);
                        role_start = cands[pc].toks.1;
                        e = role_start;
                    }
                }
            }
            let mut head = None;
            let mut head_kind = None;
            while e < tk.len() && e - b < 10 {
                let x = &tk[e];
                let xw = lw(text, x);
                if x.kind == Tk::Punct || matches!(xw.as_str(), "who" | "which" | "that" | "said" | "says" | "told") || (xw.ends_with("ing") && xw.len() > 5) {
                    break;
                }
                if matches!(xw.as_str(), "with" | "at" | "of" | "from") && head.is_some() {
                    if let Some(pc) = cand_at_start(s, e + 1).or_else(|| cand_at_start(s, e + 2).filter(|_| e + 1 < tk.len() && lw(text, &tk[e + 1]) == "the")) {
                        if let Some(pk) = owner[pc] {
                            if pk != k && clusters[pk].kind != StakeholderKind::Country {
                                aff = Some(pk);
                            }
                        }
                    }
                    break;
                }
                if x.kind == Tk::Word && is_head(&xw, person) && !is_cap(x.text(text)) {
                    head = Some(e);
                    head_kind = t.descriptors.get(xw.as_str()).copied().flatten();
                }
                e += 1;
            }
            if let Some(h) = head {
                let end = if person { e } else { h + 1 };
                if end > role_start {
                    let role = crate::model::fold_whitespace(&text[tk[role_start].span.start..tk[end - 1].span.end]);
                    let aff = aff.or(if person || clusters[k].kind == StakeholderKind::Government { lead_aff } else { None });
                    set(clusters, k, role, aff, s);
                    refine_kind(clusters, k, head_kind);
                    // "an armed separatist group": adjectives before the head tell the kind too.
                    for x in &tk[role_start..h] {
                        if let Some(Some(kind)) = t.descriptors.get(lw(text, x).as_str()) {
                            refine_kind(clusters, k, Some(*kind));
                        }
                    }
                    continue;
                }
            }
        }
        // 4. "Matt Mahmoudi of Amnesty International".
        let b = c.toks.1;
        if person && b + 1 < tk.len() && matches!(lw(text, &tk[b]).as_str(), "of" | "at" | "from") && clusters[k].affiliation.is_none() {
            let mut m = b + 1;
            if lw(text, &tk[m]) == "the" && m + 1 < tk.len() {
                m += 1;
            }
            if let Some(pc) = cand_at_start(s, m) {
                if let Some(pk) = owner[pc] {
                    if pk != k && clusters[pk].kind != StakeholderKind::Person && !cands[pc].place {
                        clusters[k].affiliation = Some(pk);
                        clusters[k].evidence.get_or_insert(s);
                    }
                }
            }
        }
    }
}

fn set(clusters: &mut [Cluster], k: usize, role: String, aff: Option<usize>, sentence: usize) {
    let c = &mut clusters[k];
    if c.role.is_none() && !role.is_empty() {
        c.role = Some(role);
    }
    if c.affiliation.is_none() {
        c.affiliation = aff;
    }
    c.evidence.get_or_insert(sentence);
}

/// A descriptor's kind replaces a weak one (an unknown name's guess).
fn refine_kind(clusters: &mut [Cluster], k: usize, kind: Option<StakeholderKind>) {
    if let Some(kind) = kind {
        let c = &mut clusters[k];
        if c.entry.is_none() && matches!(c.kind, StakeholderKind::Organization | StakeholderKind::Group) {
            c.kind = kind;
        }
    }
}
