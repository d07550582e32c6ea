//! Relations: edges of the stakeholder map, each from a sentence that states them.
//!
//! In: the document and its stakeholders (with mentions). Out: relations in text order
//! (sentence, then position), each keeping its sentence, with a kind from the contract and a
//! label as written ("met with", "not “partnering” with").
//!
//! How: cue phrases (`data/relation-cues.txt`, `phrase<TAB>kind`) found in a sentence; the
//! object is the first stakeholder mention after the cue in the same clause (and any joined to
//! it by "and"); the subject is the nearest mention before the cue in the clause, skipping
//! mentions inside ", which …," clauses and places ("in Afghanistan"); "X and Y had talks"
//! relates X and Y; a sentence-initial pronoun ("He", "They", "its") stands for the previous
//! sentence's subject; a passive "was attacked by X" is turned round; a negated cue ("was not
//! partnering with") keeps its kind and is `denied`. Reactions a subject draws ("ETIM has drawn
//! China’s public concern", "drew criticism from Amnesty") relate the one who reacts to the
//! subject (`data/reactions.txt`, `data/reaction-verbs.txt`). Each relation carries a
//! certainty from its sentence: denied, hypothetical (hedges), claimed (reported speech,
//! quotation, "according to") or stated. When a cue has a subject but no actor as object ("NATO
//! supported the $100 million initiative") and the sentence reports someone else's words, the
//! edge goes to that speaker, labelled with the object words. Affiliations found by the
//! stakeholder stage become `speaks-for` (spokespeople, representatives, envoys) or `part-of`
//! edges in the first sentence naming both.
//!
//! Bounded: at most [`MAX_PER_SENTENCE`] relations from one sentence, the first in text order.
//!
//! What it gets wrong: no parsing, so long sentences with several clauses can pair the wrong
//! actors; nominal cues ("involvement with") relate whoever stands around them; pronoun
//! resolution is one sentence deep.

use crate::extract::stakeholders::{is_demonym, tokenize, Tk, Token};
use crate::lexicon;
use crate::extract::sources::lex::{CUES as SPEECH_VERBS, DENIAL};
use crate::model::{Certainty, Document, Relation, RelationKind, Stakeholder, StakeholderKind};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Most relations kept from one sentence (in text order): pairs of the stakeholders of one
/// sentence grow with the square of their number, and each relation keeps its sentence.
pub const MAX_PER_SENTENCE: usize = 8;

fn parse_kind(s: &str) -> Option<RelationKind> {
    Some(match s {
        "meets" => RelationKind::Meets,
        "cooperates" => RelationKind::Cooperates,
        "supports" => RelationKind::Supports,
        "opposes" => RelationKind::Opposes,
        "criticizes" => RelationKind::Criticizes,
        "attacks" => RelationKind::Attacks,
        "negotiates" => RelationKind::Negotiates,
        "part-of" => RelationKind::PartOf,
        "speaks-for" => RelationKind::SpeaksFor,
        "other" => RelationKind::Other,
        _ => return None,
    })
}

/// First word → cues starting with it (longest first).
/// Words that make what follows them in a clause a possibility or an aim (`data/hedges.txt`).
static HEDGES: lexicon::HashedSet = LazyLock::new(|| lexicon::hashed_set("hedges.txt"));
/// Adverbs that attribute a statement to others ("reportedly", `data/claim-adverbs.txt`).
static CLAIM_ADVERBS: lexicon::HashedSet = LazyLock::new(|| lexicon::hashed_set("claim-adverbs.txt"));

/// Reactions a subject draws ("concern", "praise"), `noun<TAB>kind`, and the verbs that draw them.
static REACTIONS: lexicon::HashedMap = LazyLock::new(|| lexicon::hashed_map("reactions.txt"));
static REACTION_VERBS: lexicon::HashedSet = LazyLock::new(|| lexicon::hashed_set("reaction-verbs.txt"));

static CUES: LazyLock<HashMap<&'static str, Vec<(Vec<&'static str>, RelationKind)>>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<(Vec<&'static str>, RelationKind)>> = HashMap::default();
    for (k, v) in lexicon::map("relation-cues.txt") {
        let words: Vec<&'static str> = k.split(' ').collect();
        let kind = parse_kind(v).unwrap_or_else(|| panic!("data/relation-cues.txt: unknown kind {v:?} for {k:?}"));
        m.entry(words[0]).or_default().push((words, kind));
    }
    for v in m.values_mut() {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }
    m
});

const LOCATIVE: &[&str] = &["in", "at", "near", "across", "throughout", "inside", "outside", "around", "into"];
/// Words that open an aside whose names are not the clause's subject: ", which …,", ", including
/// the U.S. and China,".
const ASIDE: &[&str] = &["which", "who", "whose", "including", "like", "especially", "particularly", "notably"];
const NEGATION: &[&str] = &["not", "no", "never", "n't", "neither", "nor"];

#[derive(Debug, Clone, Copy)]
struct M {
    a: usize,
    b: usize,
    who: usize,
    demonym: bool,
}

fn low<'a>(text: &'a str, t: &Token) -> std::borrow::Cow<'a, str> {
    let w = t.text(text);
    // ASCII (most tokens): borrowed when lower case already, else one allocation; same result
    // (no curly apostrophe to straighten).
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(w.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(w)
        }
    } else {
        std::borrow::Cow::Owned(w.to_lowercase().replace('’', "'"))
    }
}

fn is_quote(s: &str) -> bool {
    matches!(s, "“" | "”" | "\"" | "‘" | "’" | "'")
}

pub fn extract(doc: &Document, stakeholders: &[Stakeholder]) -> Vec<Relation> {
    let toks: Vec<Vec<Token>> = doc.sentences.iter().map(|s| tokenize(doc.text(), s.span)).collect();
    extract_with_tokens(doc, stakeholders, &toks)
}

/// [`extract`] over the stakeholder extractor's tokens of every sentence (index = sentence
/// index; the same tokenizer), so the text is not tokenised twice.
pub(crate) fn extract_with_tokens(doc: &Document, stakeholders: &[Stakeholder], sentence_tokens: &[Vec<Token>]) -> Vec<Relation> {
    let text = doc.text();
    // Mentions per sentence.
    let mut per: Vec<Vec<(crate::model::Span, usize, bool)>> = vec![Vec::new(); doc.sentences.len()];
    for (k, s) in stakeholders.iter().enumerate() {
        for m in &s.mentions {
            let demonym = is_demonym(&text[m.span.start..m.span.end]);
            if m.sentence < per.len() {
                per[m.sentence].push((m.span, k, demonym));
            }
        }
    }
    let mut out: Vec<(usize, usize, Relation)> = Vec::new();
    let mut prev_subject: Option<usize> = None;
    let mut last_person: Option<usize> = None;
    for si in 0..doc.sentences.len() {
        if doc.sentences[si].paragraph.is_none() {
            continue;
        }
        let toks = &sentence_tokens[si];
        // Map mentions to token ranges.
        let mut ms: Vec<M> = Vec::new();
        for &(span, who, demonym) in &per[si] {
            let a = toks.iter().position(|t| t.span.start >= span.start);
            let b = toks.iter().rposition(|t| t.span.end <= span.end);
            if let (Some(a), Some(b)) = (a, b) {
                // A demonym ("Chinese executives") is not an actor of a relation.
                if a <= b && !demonym {
                    ms.push(M { a, b: b + 1, who, demonym });
                }
            }
        }
        ms.sort_by_key(|m| (m.a, m.who));
        // Lower-cased once per token: the passes below ask for the same words many times.
        let lows: Vec<std::borrow::Cow<str>> = toks.iter().map(|t| low(text, t)).collect();
        let w = |i: usize| -> &str { &lows[i] };
        // Mentions after a locative preposition are places here.
        let locative = |m: &M| -> bool {
            let mut p = m.a;
            if p > 0 && w(p - 1) == "the" {
                p -= 1;
            }
            p > 0 && LOCATIVE.contains(&w(p - 1))
        };
        let relative = asides(text, toks, &lows);
        let bracket = brackets(text, toks);
        // The sentence's subject: a mention in its first words, or a pronoun.
        let first_word = toks.iter().position(|t| t.kind == Tk::Word).unwrap_or(0);
        let pronoun = |i: usize| -> Option<usize> {
            match w(i) {
                "he" | "she" | "his" | "her" => last_person,
                "they" | "it" | "its" | "their" => prev_subject,
                _ => None,
            }
        };
        let mut subject = ms.iter().find(|m| m.a <= first_word + 1 && !m.demonym).map(|m| m.who);
        if subject.is_none() && first_word < toks.len() {
            subject = pronoun(first_word);
        }
        let mut i = 0;
        while i < toks.len() {
            if toks[i].kind != Tk::Word {
                i += 1;
                continue;
            }
            let first = w(i);
            let Some(cands) = CUES.get(first) else {
                i += 1;
                continue;
            };
            // Match the longest cue, skipping quote marks between its words.
            let mut hit = None;
            for (words, kind) in cands {
                let mut k = i;
                let mut ok = true;
                for (n, cw) in words.iter().enumerate() {
                    if n > 0 {
                        while k < toks.len() && is_quote(toks[k].text(text)) {
                            k += 1;
                        }
                    }
                    if k >= toks.len() || toks[k].kind != Tk::Word || w(k) != *cw {
                        ok = false;
                        break;
                    }
                    k += 1;
                }
                if ok {
                    hit = Some((k, *kind));
                    break;
                }
            }
            let Some((cj, kind)) = hit else {
                i += 1;
                continue;
            };
            let ci = i;
            // Inside a mention ("Attacks" as part of a name)? Skip.
            if ms.iter().any(|m| m.a <= ci && ci < m.b) {
                i = cj;
                continue;
            }
            // Clause bounds.
            let stop = |k: usize| !bracket[k] && matches!(toks[k].text(text), ";" | ":" | "." | "?" | "!");
            let left = (0..ci).rev().find(|&k| stop(k)).map(|k| k + 1).unwrap_or(0);
            let right = (cj..toks.len()).find(|&k| stop(k)).unwrap_or(toks.len());
            let mut label_start = ci;
            // Negation just before the cue.
            let neg = (ci.saturating_sub(3)..ci).find(|&k| NEGATION.contains(&w(k)) || w(k).ends_with("n't"));
            if let Some(n) = neg {
                label_start = n;
            }
            let certainty = certainty_of(text, toks, &lows, &relative, (left, ci, cj), neg.is_some());
            // Passive: "was attacked by X".
            let passive_verb = ci > 0 && matches!(w(ci - 1), "was" | "were" | "been" | "being" | "is" | "are" | "be");
            let passive = passive_verb && cj < toks.len() && w(cj) == "by";
            if passive_verb && !passive {
                // "64 journalists have been jailed": no agent stated.
                i = cj;
                continue;
            }
            // Objects: the first mention after the cue in the clause, and those joined by "and".
            let mut objs: Vec<usize> = Vec::new();
            let mut last_end = cj;
            for m in ms.iter().filter(|m| m.a >= cj && m.b <= right) {
                if objs.is_empty() {
                    if m.a - cj > 8 || (cj..m.a).any(|k| toks[k].text(text) == ",") {
                        break;
                    }
                    if locative(m) {
                        continue;
                    }
                } else {
                    let gap: Vec<&str> = (last_end..m.a).map(w).collect();
                    let joined = gap.iter().any(|g| *g == "and") && gap.len() <= 8;
                    if !joined || locative(m) {
                        break;
                    }
                }
                if !objs.contains(&m.who) {
                    objs.push(m.who);
                }
                last_end = m.b;
            }
            // Subject: the nearest mention before the cue in the clause, outside relative clauses.
            let befores: Vec<&M> = ms.iter().filter(|m| m.b <= ci && m.a >= left && !relative[m.a] && !locative(m)).collect();
            let mut subj = befores.last().map(|m| m.who);
            // "X and Y had a chat": a pair before the cue.
            let mut pair = None;
            if objs.is_empty() && befores.len() >= 2 {
                let y = befores[befores.len() - 1];
                let x = befores[befores.len() - 2];
                let between = || (y.b..ci).filter(|&k| !bracket[k]);
                let near = between().count() <= 4 && !between().any(|k| toks[k].kind == Tk::Punct && !is_quote(toks[k].text(text)));
                if near && (x.b..y.a).any(|k| w(k) == "and") && y.a - x.b <= 3 {
                    pair = Some((x.who, y.who));
                }
            }
            if subj.is_none() {
                subj = (left..ci).find_map(pronoun);
            }
            let mut label_end = cj;
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            if let Some(p) = pair {
                pairs.push(p);
            } else if let Some(s) = subj {
                if passive {
                    for &o in &objs {
                        pairs.push((o, s));
                    }
                } else if !objs.is_empty() {
                    for &o in &objs {
                        pairs.push((s, o));
                    }
                } else if let Some(sp) = subject.filter(|&sp| {
                    // Only in reported speech: "He told reporters that NATO supported …".
                    let that = (0..ci).rev().find(|&k| w(k) == "that");
                    sp != s && that.is_some_and(|t| (0..t).any(|k| SPEECH_VERBS.contains_key(w(k)))) && matches!(kind, RelationKind::Supports | RelationKind::Opposes | RelationKind::Criticizes)
                }) {
                    // "He said NATO supported the initiative": the edge goes to the speaker.
                    pairs.push((s, sp));
                    let mut e = cj;
                    while e < right && e - cj < 6 && toks[e].text(text) != "," && !matches!(w(e), "and" | "but" | "that" | "which") {
                        e += 1;
                    }
                    label_end = e;
                }
            } else if !objs.is_empty() && kind == RelationKind::SpeaksFor {
                // "Speaking on behalf of X, Y said": the subject follows the fronted clause.
                if let Some(y) = ms.iter().find(|m| m.a > last_end && (last_end..m.a).any(|k| toks[k].text(text) == ",")) {
                    for &o in &objs {
                        pairs.push((y.who, o));
                    }
                }
            }
            // "reached a “verbal agreement” with the Taliban": the words up to the object.
            if let (Some(o), false) = (ms.iter().find(|m| m.a >= cj && objs.first() == Some(&m.who)), matches!(w(cj - 1), "with" | "to" | "on" | "of" | "for" | "by")) {
                let mut e = o.a;
                if e > cj && w(e - 1) == "the" {
                    e -= 1;
                }
                let gap = (cj..e).filter(|&k| toks[k].kind == Tk::Word).count();
                if e > cj && gap <= 5 && !(cj..e).any(|k| toks[k].kind == Tk::Punct && !is_quote(toks[k].text(text))) {
                    label_end = e;
                }
            }
            // "had a “simple chat”": a cue ending in an article takes the noun after it.
            if label_end == cj && matches!(w(cj - 1), "a" | "an" | "the") {
                let mut e = cj;
                let mut nouns = 0;
                while e < right && nouns < 3 && (toks[e].kind == Tk::Word || is_quote(toks[e].text(text))) && !ms.iter().any(|m| m.a <= e && e < m.b) {
                    if toks[e].kind == Tk::Word {
                        if matches!(w(e), "with" | "regarding" | "about" | "on" | "over" | "in" | "at" | "to" | "for" | "of" | "and" | "but" | "that") {
                            break;
                        }
                        nouns += 1;
                    }
                    e += 1;
                    if matches!(toks[e - 1].text(text), "”" | "’") {
                        break;
                    }
                }
                label_end = e;
            }
            let label_end = label_end.max(cj);
            let label = crate::model::fold_whitespace(&text[toks[label_start].span.start..toks[label_end - 1].span.end]);
            for (f, t) in pairs {
                if f == t {
                    continue;
                }
                let (f, t) = upward(stakeholders, kind, f, t);
                out.push((si, toks[ci].span.start, Relation { from: stakeholders[f].id.clone(), to: stakeholders[t].id.clone(), kind, label: label.clone(), sentence: si, certainty }));
            }
            i = cj;
        }
        // Reactions: "ETIM has drawn China’s public concern", "the plan drew criticism from
        // Amnesty": the one who reacts relates to the subject, with the kind the reaction names.
        for k in 0..toks.len() {
            if toks[k].kind != Tk::Word || !REACTION_VERBS.contains(w(k)) || ms.iter().any(|m| m.a <= k && k < m.b) {
                continue;
            }
            let stop = |j: usize| !bracket[j] && matches!(toks[j].text(text), ";" | ":" | "." | "?" | "!" | ",");
            let right = (k + 1..toks.len()).find(|&j| stop(j)).unwrap_or(toks.len());
            let left = (0..k).rev().find(|&j| stop(j) && toks[j].text(text) != ",").map(|j| j + 1).unwrap_or(0);
            // The reaction noun within four words after the verb.
            let mut hit = None;
            let mut j = k + 1;
            while j < right && j <= k + 6 {
                if toks[j].kind == Tk::Word && !ms.iter().any(|m| m.a <= j && j < m.b) {
                    if let Some(kind) = REACTIONS.get(w(j)).and_then(|v| parse_kind(v)) {
                        hit = Some((j, kind));
                        break;
                    }
                }
                j += 1;
            }
            let Some((n, kind)) = hit else { continue };
            // Who reacts: a possessor between verb and noun ("China’s"), or "from X" after it.
            let possessor = ms.iter().find(|m| m.a > k && m.b < n && toks[m.b].kind == Tk::Pos);
            let from = || ms.iter().find(|m| m.a > n + 1 && m.a <= n + 3 && w(n + 1) == "from" && (n + 2..m.a).all(|q| w(q) == "the"));
            let Some(reactor) = possessor.or_else(from) else { continue };
            let label_from = possessor.map(|m| m.b + 1).unwrap_or(k + 1);
            let label_from = (label_from..n).find(|&q| !matches!(w(q), "the" | "a" | "an")).unwrap_or(n);
            let target = ms.iter().rev().find(|m| m.b <= k && m.a >= left && !relative[m.a] && !locative(m)).map(|m| m.who).or_else(|| (left..k).find_map(pronoun)).or(subject);
            let Some(target) = target else { continue };
            if target == reactor.who {
                continue;
            }
            let certainty = certainty_of(text, toks, &lows, &relative, (left, k, n + 1), false);
            let label = crate::model::fold_whitespace(&text[toks[label_from].span.start..toks[n].span.end]);
            out.push((si, toks[k].span.start, Relation { from: stakeholders[reactor.who].id.clone(), to: stakeholders[target].id.clone(), kind, label, sentence: si, certainty }));
        }
        // Carry the subject and the last person on.
        if let Some(s) = ms.iter().find(|m| !m.demonym && !locative(m)).map(|m| m.who).or(subject) {
            prev_subject = Some(s);
        }
        if let Some(m) = ms.iter().rev().find(|m| stakeholders[m.who].kind == StakeholderKind::Person) {
            last_person = Some(m.who);
        }
    }
    // Affiliations stated in a sentence naming both.
    let by_id: HashMap<&str, usize> = stakeholders.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    for s in stakeholders {
        let Some(aff) = s.affiliation.as_deref().and_then(|a| by_id.get(a).copied()) else { continue };
        let a = &stakeholders[aff];
        let sentence = s.mentions.iter().map(|m| m.sentence).find(|&si| a.mentions.iter().any(|m| m.sentence == si));
        let Some(si) = sentence else { continue };
        let role = s.role.clone().unwrap_or_default();
        let lr = role.to_lowercase();
        let kind = if ["spokes", "representative", "envoy", "ambassador", "speaker"].iter().any(|k| lr.contains(k)) {
            RelationKind::SpeaksFor
        } else {
            RelationKind::PartOf
        };
        let label = if role.is_empty() { "part of".to_string() } else { role };
        if out.iter().any(|(_, _, r)| (r.from == s.id && r.to == a.id) || (r.from == a.id && r.to == s.id)) {
            continue;
        }
        let pos = s.mentions.iter().find(|m| m.sentence == si).map(|m| m.span.start).unwrap_or(0);
        out.push((si, pos, Relation { from: s.id.clone(), to: a.id.clone(), kind, label, sentence: si, certainty: Certainty::Stated }));
    }
    out.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| (&a.2.from, &a.2.to).cmp(&(&b.2.from, &b.2.to))));
    let mut seen = rustc_hash::FxHashSet::default();
    let mut per_sentence: HashMap<usize, usize> = HashMap::default();
    out.into_iter()
        .map(|(_, _, r)| r)
        .filter(|r| seen.insert((r.from.clone(), r.to.clone(), r.kind, r.sentence)))
        .filter(|r| {
            let n = per_sentence.entry(r.sentence).or_default();
            *n += 1;
            *n <= MAX_PER_SENTENCE
        })
        .collect()
}

/// Tokens inside an aside: from ", which" / ", including" … to the next comma.
fn asides(text: &str, toks: &[Token], lows: &[std::borrow::Cow<str>]) -> Vec<bool> {
    let mut aside = vec![false; toks.len()];
    let mut i = 0;
    while i + 1 < toks.len() {
        let such_as = lows[i + 1] == "such" && lows.get(i + 2).is_some_and(|w| w == "as");
        if toks[i].text(text) == "," && (ASIDE.contains(&&*lows[i + 1]) || such_as) {
            let mut j = i + 1;
            while j < toks.len() && toks[j].text(text) != "," {
                aside[j] = true;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    aside
}

/// Tokens inside square brackets (an insertion such as "[RIC: HWT. U.L.]"), brackets included:
/// their punctuation ends no clause. An unclosed bracket, or one over 16 tokens, marks nothing.
fn brackets(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut marked = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if toks[i].text(text) == "[" {
            if let Some(n) = toks[i + 1..].iter().take(16).position(|t| t.text(text) == "]") {
                marked[i..=i + 1 + n].iter_mut().for_each(|m| *m = true);
                i += n + 2;
                continue;
            }
        }
        i += 1;
    }
    marked
}

/// How far the sentence vouches for the relation cued at `ci..cj` in the clause starting at
/// `left`: denied when negated (`negated`) or after a verb of denial ("denied meeting");
/// hypothetical after a hedge in the same stretch of the clause ("would", "seeks to", "prevent
/// … from attacking"); claimed when it is someone's words (inside quotation marks, after a verb
/// of speech or "according to", before a closing ", the spokesman added", or "reportedly");
/// stated otherwise. Asides (", which …,") are skipped when looking for hedges.
fn certainty_of(text: &str, toks: &[Token], lows: &[std::borrow::Cow<str>], aside: &[bool], (left, ci, cj): (usize, usize, usize), negated: bool) -> Certainty {
    let w = |k: usize| -> &str { &lows[k] };
    // A verb of speech in lower case ("said"), not a name's word ("United States").
    let lemma = |k: usize| SPEECH_VERBS.get(w(k)).copied().filter(|_| !toks[k].text(text).starts_with(|c: char| c.is_uppercase()));
    if negated || (0..ci).any(|k| lemma(k).is_some_and(|l| DENIAL.contains(l))) {
        return Certainty::Denied;
    }
    // Hedges: back from the cue to the clause start or a comma, at most 10 words.
    let mut k = ci;
    let mut words = 0;
    while k > left && words < 10 {
        k -= 1;
        let t = toks[k].text(text);
        if t == "," && !aside[k] {
            break;
        }
        if toks[k].kind != Tk::Word || aside[k] {
            continue;
        }
        words += 1;
        // "may" the verb, not "May" the month.
        if HEDGES.contains(w(k)) && !(w(k) == "may" && t != "may") {
            return Certainty::Hypothetical;
        }
    }
    // Inside a quotation opened before the cue.
    let opens = (0..ci).filter(|&k| matches!(toks[k].text(text), "“" | "‘")).count();
    let closes = (0..ci).filter(|&k| matches!(toks[k].text(text), "”" | "’")).count();
    let straight = (0..ci).filter(|&k| toks[k].text(text) == "\"").count();
    if opens > closes || straight % 2 == 1 {
        return Certainty::Claimed;
    }
    let according = (0..toks.len().saturating_sub(1)).any(|k| w(k) == "according" && w(k + 1) == "to");
    let reported = (0..ci).any(|k| lemma(k).is_some()) || (left..toks.len()).any(|k| CLAIM_ADVERBS.contains(w(k)));
    // ", the spokesman added." / "…,” she said.": a verb of speech in the sentence's last words,
    // after a comma or a closing quotation mark that follows the cue.
    let tail = (cj..toks.len()).find(|&k| matches!(toks[k].text(text), "," | "”")).is_some_and(|c| {
        let end = toks.len();
        (c + 1..end).any(|k| end - k <= 6 && lemma(k).is_some())
    });
    if according || reported || tail {
        Certainty::Claimed
    } else {
        Certainty::Stated
    }
}

/// Rank of a kind in the containment order person/group < organisation < country <
/// international body: a relation that belongs one actor to another points upward.
fn rank(kind: StakeholderKind) -> u8 {
    match kind {
        StakeholderKind::Person | StakeholderKind::Group => 0,
        StakeholderKind::Country => 2,
        StakeholderKind::International => 3,
        _ => 1,
    }
}

/// `speaks-for` and `part-of` from a larger actor to a smaller one are read backwards ("Speaking
/// on behalf of the State Department, the United States said" → the State Department speaks for
/// the United States); other kinds keep the direction of the text.
fn upward(stakeholders: &[Stakeholder], kind: RelationKind, f: usize, t: usize) -> (usize, usize) {
    if matches!(kind, RelationKind::SpeaksFor | RelationKind::PartOf) && rank(stakeholders[f].kind) > rank(stakeholders[t].kind) {
        (t, f)
    } else {
        (f, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Seed;

    /// (from, to, kind, certainty, label) of every relation in a one-story text.
    fn rels(body: &str) -> Vec<(String, String, &'static str, &'static str, String)> {
        let text = format!("Officials weigh new plan for the region\n\n{body}\n");
        let doc = crate::segment::segment(crate::clean::clean(Seed::from_text("t.txt", &text)));
        let stakeholders = crate::extract::stakeholders::extract(&doc, &mut Vec::new());
        extract(&doc, &stakeholders).into_iter().map(|r| (r.from, r.to, r.kind.as_str(), r.certainty.as_str(), r.label)).collect()
    }

    fn has(rs: &[(String, String, &str, &str, String)], from: &str, to: &str, kind: &str, certainty: &str) -> bool {
        rs.iter().any(|r| r.0 == from && r.1 == to && r.2 == kind && r.3 == certainty)
    }

    #[test]
    fn a_reaction_drawn_relates_who_reacts_to_the_subject() {
        let rs = rels("The Free Valley Front has drawn Turkey’s public concern.");
        assert!(has(&rs, "turkey", "free-valley-front", "opposes", "stated"), "{rs:?}");
        let rs = rels("The plan by Acme Holdings drew sharp criticism from Amnesty International on Monday.");
        assert!(rs.iter().any(|r| r.0 == "amnesty-international" && r.2 == "criticizes" && r.4 == "sharp criticism"), "{rs:?}");
    }

    #[test]
    fn a_plain_meeting_is_stated() {
        let rs = rels("China met with Pakistan in Islamabad on Monday to discuss trade and border security.");
        assert!(has(&rs, "china", "pakistan", "meets", "stated"), "{rs:?}");
    }

    #[test]
    fn a_negated_cue_keeps_its_kind_and_is_denied() {
        let rs = rels("The United States said on Tuesday that it was not partnering with the Taliban in any way.");
        assert!(has(&rs, "united-states", "taliban", "cooperates", "denied"), "{rs:?}");
    }

    #[test]
    fn a_verb_of_denial_makes_it_denied() {
        let rs = rels("Huawei denied that it had negotiated with the Taliban over the cameras last summer.");
        assert!(has(&rs, "huawei", "taliban", "negotiates", "denied"), "{rs:?}");
    }

    #[test]
    fn prevent_from_attacking_is_hypothetical() {
        let rs = rels("Cameras would help Pakistan as it seeks to prevent the Islamic State from attacking China in the region.");
        assert!(rs.iter().filter(|r| r.2 == "attacks").all(|r| r.3 == "hypothetical"), "{rs:?}");
        assert!(rs.iter().any(|r| r.2 == "attacks"), "{rs:?}");
    }

    #[test]
    fn a_closing_attribution_makes_it_claimed() {
        let rs = rels("The Taliban government has also spoken with Huawei about possible collaboration, the spokesman added.");
        assert!(has(&rs, "taliban", "huawei", "meets", "claimed"), "{rs:?}");
    }

    #[test]
    fn reported_speech_makes_it_claimed() {
        let rs = rels("Bloomberg News reported in August that Huawei had reached a deal with the Taliban on a surveillance system.");
        assert!(rs.iter().any(|r| r.0 == "huawei" && r.1 == "taliban" && r.3 == "claimed"), "{rs:?}");
    }

    #[test]
    fn united_states_is_a_name_not_a_verb_of_speech() {
        let rs = rels("The 2020 troop agreement that the United States made with the Taliban is about militancy.");
        assert!(has(&rs, "united-states", "taliban", "negotiates", "stated"), "{rs:?}");
    }

    #[test]
    fn a_bracketed_ticker_does_not_split_the_clause() {
        let rs = rels("In August, the Taliban and Huawei [RIC: HWT. U.L.] had a “simple chat” about the potential network.");
        let r = rs.iter().find(|r| r.2 == "meets").unwrap_or_else(|| panic!("{rs:?}"));
        assert_eq!((r.0.as_str(), r.1.as_str(), r.4.as_str()), ("taliban", "huawei", "had a “simple chat”"));
    }

    #[test]
    fn the_subject_is_not_a_name_in_an_aside() {
        let rs = rels("The Taliban’s talks with other countries, including the U.S. and China, are centred on fighting the Islamic State in the east.");
        assert!(rs.iter().filter(|r| r.1 == "islamic-state").all(|r| r.0 == "taliban"), "{rs:?}");
    }

    #[test]
    fn a_country_does_not_speak_for_its_ministry() {
        assert_eq!(upward_ranks(StakeholderKind::Country, StakeholderKind::Government), (StakeholderKind::Government, StakeholderKind::Country));
        assert_eq!(upward_ranks(StakeholderKind::Person, StakeholderKind::Country), (StakeholderKind::Person, StakeholderKind::Country));
        assert_eq!(upward_ranks(StakeholderKind::Country, StakeholderKind::International), (StakeholderKind::Country, StakeholderKind::International));
    }

    fn upward_ranks(a: StakeholderKind, b: StakeholderKind) -> (StakeholderKind, StakeholderKind) {
        let s = |kind| Stakeholder { id: String::new(), name: String::new(), kind, role: None, affiliation: None, aliases: Vec::new(), mentions: Vec::new(), salience: 0.0 };
        let v = [s(a), s(b)];
        let (f, t) = upward(&v, RelationKind::SpeaksFor, 0, 1);
        (v[f].kind, v[t].kind)
    }
}
