//! Finding attributions in sentences: cue verbs with their speaker and content, "according to
//! X", and no-comment records.
//!
//! What it gets wrong: it has no parser, so the speaker is the noun phrase next to the cue
//! (walking back over adverbs and appositives, or forward after an inverted "said X"), and the
//! content runs to the end of the sentence (or of the quotation that starts there); a cue verb
//! used as a noun after a capitalised word ("the Apple claims") can be taken for speech.

use super::lex;
use super::names::Ctx;
use super::tokens::{Quote, Tk};
use crate::model::{Span, StatementKind};
use std::sync::LazyLock;

/// Bits of [`CUE_WORDS`]: the first word of a no-comment phrase, an attitude adjective, a cue verb.
const NO_COMMENT_FIRST: u8 = 1;
const CUE_ADJECTIVE: u8 = 2;
const CUE_VERB: u8 = 4;

/// Every word [`find`] looks up for each token, with the lists it is in: one look-up per token
/// tells which of the three lists to ask (most tokens are in none).
static CUE_WORDS: LazyLock<rustc_hash::FxHashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: rustc_hash::FxHashMap<&'static str, u8> = rustc_hash::FxHashMap::default();
    for &w in lex::NO_COMMENT_BY_FIRST.keys() {
        *m.entry(w).or_default() |= NO_COMMENT_FIRST;
    }
    for &w in lex::CUE_ADJECTIVES.iter() {
        *m.entry(w).or_default() |= CUE_ADJECTIVE;
    }
    for &w in lex::CUES.keys() {
        *m.entry(w).or_default() |= CUE_VERB;
    }
    m
});

/// Where the speaker noun phrase is: sentence and token range, or a reuse of another raw
/// statement's speaker (participles: "…, adding that").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerAt {
    Np { sent: usize, i: usize, j: usize },
    SameAs(usize),
}

#[derive(Debug, Clone)]
pub struct Raw {
    pub kind: StatementKind,
    pub cue: String,
    pub lemma: String,
    pub cue_span: Span,
    pub content: Span,
    pub sent: usize,
    pub speaker: SpeakerAt,
    /// A quotation begins where the content begins.
    pub quoted: bool,
    /// The sentence holds only the speaker and the cue ("He said."): the content is the
    /// speech before it, filled in later.
    pub bare: bool,
}

/// Cue words that are nouns too.
const NOUN_CUES: &[&str] = &[
    "claim", "claims", "report", "reports", "comment", "comments", "state", "states", "estimate", "estimates", "note",
    "notes", "fear", "fears", "doubt", "doubts", "counter", "promise", "promises", "want", "warning", "thought", "dispute",
    "disputes", "say", "add", "tell", "request", "requests", "demands", "call", "calls", "hope", "hopes",
];
/// Lemmas that are speech only when a clause, a quotation or the end of the sentence follows.
const NEEDS_CLAUSE: &[&str] = &["add", "maintain", "emphasize", "mention", "note", "describe", "estimate", "recall", "counter", "indicate", "stress", "comment", "respond", "reply"];

/// Index of the quotation containing `pos`, if any.
pub fn quote_at(quotes: &[Quote], pos: usize) -> Option<usize> {
    let k = quotes.partition_point(|q| q.span.end <= pos);
    (k < quotes.len() && quotes[k].span.start <= pos).then_some(k)
}

/// Walks back from token `end` (exclusive) over a noun phrase. Returns its start, or `end`
/// when there is none.
pub fn np_back(ctx: &Ctx, s: usize, end: usize) -> usize {
    let toks = &ctx.sents[s];
    if end == 0 {
        return end;
    }
    let last = &toks[end - 1];
    if last.is_word() && lex::is_pronoun(&last.lower) {
        return end - 1;
    }
    let mut i = end;
    while i > 0 && end - i < 10 {
        let t = &toks[i - 1];
        if !t.is_word() {
            break;
        }
        let w = t.lower.as_str();
        if lex::is_det(w) {
            i -= 1;
            break;
        }
        if w == "'s" {
            i -= 1;
            continue;
        }
        let connector = lex::NAME_CONNECTORS.contains(&w)
            && i < end
            && i >= 2
            && toks[i - 2].is_word()
            && (toks[i].cap || (w == "of" && lex::ROLE_NOUNS.contains_key(toks[i - 2].lower.as_str())));
        if connector || (w == "and" && i < end && i >= 2 && toks[i - 2].is_word() && !lex::is_boundary(&toks[i - 2].lower)) {
            // "Ministry of Interior"; "and" joins two noun phrases ("activists and critics").
            i -= 1;
            continue;
        }
        if lex::is_boundary(w) || lex::is_pronoun(w) {
            break;
        }
        if !t.cap && (w.ends_with("ed") || w.ends_with("ing")) && !lex::ROLE_NOUNS.contains_key(w) && !lex::SOURCE_NOUNS.contains_key(w) {
            // A verb, unless a determiner comes just before ("the government-owned").
            if !(i >= 2 && lex::is_det(&toks[i - 2].lower)) {
                break;
            }
        }
        if lex::CUES.contains_key(w) && !t.cap && !lex::SOURCE_NOUNS.contains_key(w) {
            break;
        }
        i -= 1;
    }
    // Trim leading "and"/connectors.
    while i < end && lex::NAME_CONNECTORS.contains(&toks[i].lower.as_str()) {
        i += 1;
    }
    i
}

/// Walks forward from token `start` over a noun phrase (to a comma, a clause word or the end).
pub fn np_fwd(ctx: &Ctx, s: usize, start: usize, limit: usize) -> usize {
    let toks = &ctx.sents[s];
    let mut j = start;
    if j < limit && toks[j].is_word() && lex::is_pronoun(&toks[j].lower) {
        return j + 1;
    }
    while j < limit && j - start < 12 {
        let t = &toks[j];
        if !t.is_word() {
            // Keep inner hyphens and the like? Only words make a phrase.
            break;
        }
        let w = t.lower.as_str();
        if j > start && lex::is_det(w) && !toks[j - 1].is_word() {
            break;
        }
        if j > start && lex::is_boundary(w) && !(lex::NAME_CONNECTORS.contains(&w) || matches!(w, "with" | "from" | "on" | "in" | "at")) {
            break;
        }
        if j > start && !t.cap && lex::CUES.contains_key(w) && !lex::SOURCE_NOUNS.contains_key(w) {
            break;
        }
        j += 1;
    }
    // Do not end on a connector or preposition.
    while j > start && (lex::is_boundary(&toks[j - 1].lower) || lex::is_det(&toks[j - 1].lower)) {
        j -= 1;
    }
    j
}

/// A subject at the start of a clause: an optional determiner, then capitalised words, role
/// and source nouns ("The Government Accountability Office", "the company").
fn subject_fwd(ctx: &Ctx, s: usize, start: usize, limit: usize) -> usize {
    let toks = &ctx.sents[s];
    let mut j = start;
    if j < limit && toks[j].is_word() && lex::is_pronoun(&toks[j].lower) {
        return j + 1;
    }
    if j < limit && lex::is_det(&toks[j].lower) {
        j += 1;
    }
    while j < limit && j - start < 10 {
        let t = &toks[j];
        let w = t.lower.trim_end_matches('.');
        let ok = t.is_word()
            && (t.cap && !lex::is_function_word(w)
                || w == "'s"
                || lex::ROLE_NOUNS.contains_key(w)
                || lex::SOURCE_NOUNS.contains_key(w)
                || lex::ORG_ROLE_NOUNS.contains(&w)
                || (lex::NAME_CONNECTORS.contains(&w) && j + 1 < limit && toks[j + 1].cap && j > start));
        if !ok {
            break;
        }
        j += 1;
    }
    if j == start + 1 && lex::is_det(&toks[start].lower) {
        return start;
    }
    j
}

/// How many words tokens `i..j` hold, counted up to `cap` only: every caller compares with a
/// small number, and counting all of a 1 MB sentence for each of its cues was quadratic.
fn words_in(ctx: &Ctx, s: usize, i: usize, j: usize, cap: usize) -> usize {
    ctx.sents[s][i.min(j)..j].iter().filter(|t| t.is_word()).take(cap).count()
}

/// The subject of the main clause before token `c` (for participles and coordinated verbs):
/// the first noun phrase of a comma-separated segment that does not open with a subordinator.
fn clause_subject(ctx: &Ctx, s: usize, c: usize) -> Option<(usize, usize)> {
    let toks = &ctx.sents[s];
    let mut seg_starts: Vec<usize> = vec![0];
    for k in 0..c {
        if toks[k].lower == "," || toks[k].lower == ";" {
            seg_starts.push(k + 1);
        }
    }
    for &a in seg_starts.iter().rev() {
        let mut a = a;
        while a < c && !toks[a].is_word() {
            a += 1;
        }
        if a >= c {
            continue;
        }
        let w = toks[a].lower.as_str();
        if lex::is_boundary(w) && !lex::is_det(w) || w == "'s" {
            continue;
        }
        let b = subject_fwd(ctx, s, a, c);
        if b > a && (toks[a].cap || lex::is_pronoun(w) || lex::is_det(w)) {
            // The phrase must be followed by a verb-like word ("Boeing challenged"), or be a
            // whole segment followed by one ("Michael O'Leary, justified …").
            if b < c && toks[b].is_word() && !toks[b].cap {
                return Some((a, b));
            }
            if b < c && toks[b].lower == "," && toks.get(b + 1).is_some_and(|x| x.is_word() && !x.cap && !lex::is_det(&x.lower)) {
                return Some((a, b));
            }
        }
    }
    None
}

/// Content after the cue: skips the addressee of "told"/"informed" and adverbials up to a
/// nearby "that", else starts right after the cue.
fn content_after(ctx: &Ctx, s: usize, c: usize, lemma: &str) -> usize {
    let toks = &ctx.sents[s];
    let n = toks.len();
    let mut k = c + 1;
    for m in c + 1..n.min(c + 16) {
        let w = toks[m].lower.as_str();
        if w == "that" {
            return m + 1;
        }
        // A cue word used as a noun ("told analysts on a conference call that", "wrote in a
        // note that") does not stop the search for "that".
        let noun = NOUN_CUES.contains(&w) && m > 0 && (lex::is_det(&toks[m - 1].lower) || (toks[m - 1].is_word() && !toks[m - 1].cap && !lex::is_pronoun(&toks[m - 1].lower)));
        if toks[m].is_quote() || w == ";" || (lex::CUES.contains_key(w) && m > c + 1 && !noun) {
            break;
        }
    }
    if matches!(lemma, "tell" | "inform" | "advise" | "assure") {
        let b = np_fwd(ctx, s, k, n);
        if b > k {
            k = b;
        }
    }
    while k < n && matches!(toks[k].lower.as_str(), "," | ":" | "that" | "—" | "–") {
        k += 1;
    }
    k
}

/// Where a relative clause that opens before token `from` ends: at a comma followed by another
/// relative pronoun or by the main clause's verb ("…, which has stated that X, has also met"), or
/// at a semicolon. `None` when it runs to the end of the sentence.
fn relative_clause_end(ctx: &Ctx, s: usize, from: usize) -> Option<usize> {
    let toks = &ctx.sents[s];
    let mut depth_quote = false;
    // A relative clause of more than MAX_CLAUSE tokens is not looked into (keeps a 1 MB line
    // of cues linear).
    for k in from..toks.len().min(from + MAX_CLAUSE) {
        let t = &toks[k];
        if t.is_quote() {
            depth_quote = !depth_quote;
            continue;
        }
        if depth_quote {
            continue;
        }
        if t.lower == ";" {
            return Some(k);
        }
        if t.lower == "," {
            let Some(next) = toks.get(k + 1) else { return None };
            let w = next.lower.as_str();
            let verb_like = matches!(
                w,
                "which" | "who" | "whom" | "has" | "have" | "had" | "is" | "are" | "was" | "were" | "will" | "would" | "can" | "could" | "may" | "might" | "also" | "said" | "says"
            ) || (next.is_word() && !next.cap && w.ends_with("ed") && !lex::is_det(w));
            if verb_like {
                return Some(k);
            }
        }
    }
    None
}

/// Where content that runs from token `a` to `b` meets a coordinated clause with a speaker of
/// its own (", and rights groups are worried that …", "; analysts said …"): the content ends
/// there. Returns `b` when there is none.
fn coordinated_end(ctx: &Ctx, s: usize, a: usize, b: usize) -> usize {
    let toks = &ctx.sents[s];
    let mut in_quote = false;
    for k in a..b.min(a + MAX_CLAUSE) {
        if toks[k].is_quote() {
            in_quote = !in_quote;
            continue;
        }
        if in_quote {
            continue;
        }
        let start = match toks[k].lower.as_str() {
            ";" => k + 1,
            "," if toks.get(k + 1).is_some_and(|x| matches!(x.lower.as_str(), "and" | "but" | "while" | "whereas")) => k + 2,
            _ => continue,
        };
        let e = np_fwd(ctx, s, start, b);
        if e <= start || e >= b {
            continue;
        }
        let v = toks[e].lower.as_str();
        let speaks = (!toks[e].cap && lex::CUES.contains_key(v))
            || (is_be(v) && toks.get(e + 1).is_some_and(|x| lex::CUE_ADJECTIVES.contains(x.lower.as_str())));
        if speaks {
            return k;
        }
    }
    b
}

fn is_be(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were" | "remain" | "remains" | "remained" | "feel" | "feels" | "felt")
}

/// How far (in tokens) the content of a statement is searched for where a clause ends.
const MAX_CLAUSE: usize = 300;

/// Trims trailing punctuation from a content range; returns the span.
fn content_span(ctx: &Ctx, s: usize, a: usize, b: usize) -> Option<Span> {
    let toks = &ctx.sents[s];
    let mut b = b;
    while b > a && matches!(toks[b - 1].kind, Tk::Punct) {
        b -= 1;
    }
    let mut a = a;
    while a < b && matches!(toks[a].kind, Tk::Punct) {
        a += 1;
    }
    (a < b).then(|| Span::new(toks[a].span.start, toks[b - 1].span.end))
}

/// Finds the raw attributions of sentence `s`.
pub fn find(ctx: &Ctx, s: usize, quotes: &[Quote], out: &mut Vec<Raw>) {
    let toks = &ctx.sents[s];
    let n = toks.len();
    let first_of_sentence = out.len();
    let mut used = vec![false; n];
    let lists: Vec<u8> = toks.iter().map(|t| CUE_WORDS.get(t.lower.as_str()).copied().unwrap_or(0)).collect();
    // 1. No-comment records.
    for c in 0..n {
        if used[c] || lists[c] & NO_COMMENT_FIRST == 0 {
            continue;
        }
        let Some(phrases) = lex::NO_COMMENT_BY_FIRST.get(toks[c].lower.as_str()) else { continue };
        for phrase in phrases.iter() {
            if c + phrase.len() > n || !phrase.iter().enumerate().all(|(k, w)| toks[c + k].lower == *w) {
                continue;
            }
            let end = c + phrase.len();
            let cue_span = Span::new(toks[c].span.start, toks[end - 1].span.end);
            // "Requests for comment from X were not answered."
            let mut speaker = None;
            if phrase[0] == "were" || phrase[0] == "was" || phrase[0] == "went" {
                if let Some(f) = (0..c).rev().find(|&k| matches!(toks[k].lower.as_str(), "from" | "to")) {
                    if f + 1 < c {
                        speaker = Some((f + 1, c));
                    }
                }
            }
            if speaker.is_none() {
                let i = np_back(ctx, s, c);
                if i < c {
                    speaker = Some((i, c));
                }
            }
            let sp = match speaker {
                Some((i, j)) => SpeakerAt::Np { sent: s, i, j },
                None => match out[first_of_sentence..].last() {
                    Some(_) => SpeakerAt::SameAs(out.len() - 1),
                    None => match clause_subject(ctx, s, c) {
                        Some((i, j)) => SpeakerAt::Np { sent: s, i, j },
                        None => continue,
                    },
                },
            };
            let content = Span::new(toks[0].span.start, toks[n - 1].span.end);
            out.push(Raw {
                kind: StatementKind::NoComment,
                cue: ctx.range_text(s, c, end),
                lemma: "no-comment".into(),
                cue_span,
                content,
                sent: s,
                speaker: sp,
                quoted: false,
                bare: false,
            });
            for u in used.iter_mut().take(end).skip(c) {
                *u = true;
            }
            break;
        }
    }
    // 2. "according to X".
    for c in 0..n.saturating_sub(1) {
        if !(toks[c].lower == "according" && toks[c + 1].lower == "to") || quote_at(quotes, toks[c].span.start).is_some() {
            continue;
        }
        let a = c + 2;
        // The phrase runs to the next comma; a list "X, Y, and Z" is kept whole.
        let mut b = a;
        while b < n && !matches!(toks[b].lower.as_str(), "," | "." | ";" | ":") && !toks[b].is_quote() {
            b += 1;
        }
        if b < n && toks[b].lower == "," {
            let mut m = b + 1;
            let mut segs = 0;
            while m < n && segs < 4 {
                let mut e = m;
                while e < n && !matches!(toks[e].lower.as_str(), "," | "." | ";") {
                    e += 1;
                }
                if e - m > 4 || toks[m..e].iter().any(|t| t.is_quote()) {
                    break;
                }
                if toks[m].lower == "and" || toks[m].lower == "or" {
                    b = e;
                    break;
                }
                segs += 1;
                m = e + 1;
            }
        }
        // "According to the team's coach, Alireza Mehraban, …": the name in apposition is the
        // speaker's.
        if b + 1 < n && toks[b].lower == "," && !toks[a..b].iter().any(|x| x.lower == "and") {
            if let Some(run) = ctx.run_at(s, b + 1) {
                let e = run.j;
                if run.i == b + 1 && e < n && toks[e].lower == "," && run.entity.is_some_and(|x| ctx.entities[x].kind == super::names::EntKind::Person) {
                    b = e;
                }
            }
        }
        if b <= a {
            continue;
        }
        let cue_span = Span::new(toks[c].span.start, toks[c + 1].span.end);
        // Content: the rest of the sentence on the other side of the phrase.
        let before = content_span(ctx, s, 0, c);
        // "…,” according to X, a specialist with Y.": what follows the name describes the
        // speaker, not what was said.
        let appositive = before.is_some()
            && words_in(ctx, s, 0, c, 3) >= 3
            && b < n
            && toks[b].lower == ","
            && toks.get(b + 1).is_some_and(|x| matches!(x.lower.as_str(), "a" | "an" | "the" | "who" | "which") || lex::ROLE_NOUNS.contains_key(x.lower.as_str()));
        let after = if appositive { None } else { content_span(ctx, s, b, n) };
        let content = match (before, after) {
            (Some(x), Some(y)) => Span::new(x.start, y.end),
            (Some(x), None) => x,
            (None, Some(y)) => y,
            (None, None) => continue,
        };
        let quoted = quote_at(quotes, content.start).is_some();
        out.push(Raw {
            kind: StatementKind::AccordingTo,
            cue: ctx.range_text(s, c, c + 2),
            lemma: "according to".into(),
            cue_span,
            content,
            sent: s,
            speaker: SpeakerAt::Np { sent: s, i: a, j: b },
            quoted,
            bare: false,
        });
        for u in used.iter_mut().take(b).skip(c) {
            *u = true;
        }
    }
    // 3. Attitude adjectives: "rights groups are worried that …".
    for c in 1..n {
        if used[c] || lists[c] & CUE_ADJECTIVE == 0 || quote_at(quotes, toks[c].span.start).is_some() {
            continue;
        }
        if !toks.get(c + 1).is_some_and(|x| matches!(x.lower.as_str(), "that" | "about" | "over")) {
            continue;
        }
        let mut j = c;
        while j > 0 && toks[j - 1].is_word() && matches!(toks[j - 1].lower.as_str(), "also" | "very" | "deeply" | "increasingly" | "still" | "not" | "particularly" | "especially") {
            j -= 1;
        }
        if j == 0 || !is_be(&toks[j - 1].lower) {
            continue;
        }
        let i = np_back(ctx, s, j - 1);
        if i >= j - 1 || quote_at(quotes, toks[i].span.start).is_some() {
            continue;
        }
        let a = if toks[c + 1].lower == "that" { c + 2 } else { c + 1 };
        let e = coordinated_end(ctx, s, a, n);
        let Some(content) = content_span(ctx, s, a, e) else { continue };
        out.push(Raw {
            kind: StatementKind::Indirect,
            cue: ctx.range_text(s, j - 1, c + 1),
            lemma: toks[c].lower.to_string(),
            cue_span: Span::new(toks[j - 1].span.start, toks[c].span.end),
            content,
            sent: s,
            speaker: SpeakerAt::Np { sent: s, i, j: j - 1 },
            quoted: quote_at(quotes, content.start).is_some(),
            bare: false,
        });
        for u in used.iter_mut().take(c + 1).skip(j - 1) {
            *u = true;
        }
    }
    // 4. Cue verbs.
    for c in 0..n {
        let t = &toks[c];
        if used[c] || lists[c] & CUE_VERB == 0 || !t.is_word() || (t.cap && c > 0) || (c == 0 && !t.lower.ends_with("ing")) {
            continue;
        }
        let Some(&lemma) = lex::CUES.get(t.lower.as_str()) else { continue };
        if quote_at(quotes, t.span.start).is_some() {
            continue;
        }
        // An action, not speech: "which has claimed responsibility for …", "claimed victory".
        if toks.get(c + 1).is_some_and(|x| lex::ACTION_OBJECTS.contains(x.lower.as_str())) {
            continue;
        }
        // Skip back over adverbs and auxiliaries.
        let mut j = c;
        while j > 0 && toks[j - 1].is_word() && lex::is_skippable(&toks[j - 1].lower) {
            j -= 1;
        }
        if toks[j..c].iter().any(|x| matches!(x.lower.as_str(), "rarely" | "seldom" | "never")) {
            continue;
        }
        let prev = if j > 0 { Some(toks[j - 1].lower.as_str()) } else { None };
        // A passive with a named agent: "The plan was first reported by The Wall Street
        // Journal." The agent is the speaker, the subject what was reported.
        if matches!(prev, Some("is" | "are" | "was" | "were" | "been")) && matches!(lemma, "report" | "announce" | "confirm" | "disclose" | "reveal") {
            if toks.get(c + 1).is_some_and(|x| x.lower == "by") && toks.get(c + 2).is_some_and(|x| x.cap) && j >= 2 {
                let b = np_fwd(ctx, s, c + 2, n);
                let subj_end = j - 1;
                if b > c + 2 && words_in(ctx, s, 0, subj_end, 2) >= 2 && quote_at(quotes, toks[c + 2].span.start).is_none() {
                    if let Some(content) = content_span(ctx, s, 0, subj_end) {
                        out.push(Raw {
                            kind: StatementKind::Indirect,
                            cue: ctx.range_text(s, c, c + 1),
                            lemma: lemma.to_string(),
                            cue_span: t.span,
                            content,
                            sent: s,
                            speaker: SpeakerAt::Np { sent: s, i: c + 2, j: b },
                            quoted: false,
                            bare: false,
                        });
                        used[c] = true;
                    }
                }
            }
            continue;
        }
        // Passives, infinitives and nouns: "is said to", "to comment", "the reports".
        if matches!(prev, Some("is" | "are" | "was" | "were" | "be" | "been" | "being" | "to" | "not" | "'s" | "of" | "by" | "as"))
            && !(matches!(prev, Some("as" | "by")) && t.lower.ends_with("ing"))
        {
            continue;
        }
        if let Some(p) = prev {
            if lex::is_det(p) || (lex::is_boundary(p) && !matches!(p, "and" | "but" | "that" | "which" | "who" | "also")) && !t.lower.ends_with("ing") {
                continue;
            }
        }
        let participle = t.lower.ends_with("ing");
        // A gerund after a preposition is not an attribution: "critics blame for denying them
        // entry", "without saying".
        if participle && matches!(prev, Some("for" | "of" | "in" | "on" | "without" | "after" | "before" | "about" | "from" | "against" | "at" | "to")) {
            continue;
        }
        let mut speaker: Option<SpeakerAt> = None;
        let mut inverted = false;
        let relative = matches!(prev, Some("which" | "who")) && j >= 2;
        // Relative clause: "X, which has stated", "X, who said".
        if relative {
            let mut k = j - 1;
            if toks[k - 1].lower == "," {
                k -= 1;
            }
            let i = np_back(ctx, s, k);
            if i < k {
                speaker = Some(SpeakerAt::Np { sent: s, i, j: k });
            }
        } else if participle {
            // "…, adding that", "Boeing saying that", "quoted X as saying".
            let i = np_back(ctx, s, j);
            if i < j && !(j - i == 1 && toks[i].lower == "and") {
                speaker = Some(SpeakerAt::Np { sent: s, i, j });
            } else if prev == Some("as") {
                if let Some(q) = out[first_of_sentence..].iter().rposition(|r| r.lemma == "quote" || r.lemma == "cite") {
                    let r = &out[first_of_sentence + q];
                    // The quoted person: the phrase after the cue.
                    let after = ctx.sents[s].iter().position(|x| x.span.start >= r.cue_span.end).unwrap_or(n);
                    let b = np_fwd(ctx, s, after, n);
                    if b > after {
                        speaker = Some(SpeakerAt::Np { sent: s, i: after, j: b });
                    }
                }
            } else if let Some(last) = out[first_of_sentence..].iter().rposition(|r| r.kind != StatementKind::AccordingTo) {
                speaker = Some(SpeakerAt::SameAs(first_of_sentence + last));
            } else if c == 0 || (c == 1 && !toks[0].is_word()) {
                // "Citing X, Airbus announced …": the subject follows the first comma.
                if let Some(k) = toks.iter().position(|x| x.lower == ",") {
                    let b = np_fwd(ctx, s, k + 1, n);
                    if b > k + 1 {
                        speaker = Some(SpeakerAt::Np { sent: s, i: k + 1, j: b });
                    }
                }
            } else if let Some((i, b)) = clause_subject(ctx, s, c) {
                speaker = Some(SpeakerAt::Np { sent: s, i, j: b });
            }
        } else {
            let mut i = np_back(ctx, s, j);
            let mut jj = j;
            // Appositive before the verb: "Thomas West, the U.S. envoy, stated".
            if i == j && j >= 2 && toks[j - 1].lower == "," {
                let k = j - 1;
                let ai = np_back(ctx, s, k);
                if ai < k && ai >= 2 && toks[ai - 1].lower == "," {
                    let bi = np_back(ctx, s, ai - 1);
                    if bi < ai - 1 && (bi == 0 || matches!(toks[bi - 1].lower.as_str(), "," | "“" | "\"")) {
                        i = bi;
                        jj = k;
                    }
                }
                // Relative clause between commas: "The prior administration, which …, claimed".
                if i == j {
                    if let Some(open) = (0..k).rev().find(|&m| toks[m].lower == ",") {
                        if open + 1 < k && matches!(toks[open + 1].lower.as_str(), "which" | "who") {
                            let bi = np_back(ctx, s, open);
                            if bi < open {
                                i = bi;
                                jj = open;
                            }
                        }
                    }
                }
            }
            if i < jj {
                if jj - i == 1 && matches!(toks[i].lower.as_str(), "and" | "but") {
                    // coordinated verb: handled below
                } else {
                    speaker = Some(SpeakerAt::Np { sent: s, i, j: jj });
                }
            }
            if speaker.is_none() {
                // Inverted: "…,” said Joe Leonard, chairman of …" / "…, said the spokesman."
                let after_punct = j > 0 && (matches!(toks[j - 1].kind, Tk::CloseQ | Tk::AmbQ) || toks[j - 1].lower == ",");
                if after_punct && c + 1 < n && toks[c + 1].lower != "that" {
                    let b = np_fwd(ctx, s, c + 1, n);
                    let ends = b >= n || matches!(toks[b].lower.as_str(), "," | "." | ";" | "!" | "?");
                    // "…,” said opposition leader Anna Nowak.": a lower-case description is fine
                    // when a name follows in the phrase.
                    let named = (c + 1..b).any(|k| ctx.run_at(s, k).is_some_and(|r| r.entity.is_some()));
                    if b > c + 1 && ends && (toks[c + 1].cap || lex::is_pronoun(&toks[c + 1].lower) || lex::is_det(&toks[c + 1].lower) || named) {
                        speaker = Some(SpeakerAt::Np { sent: s, i: c + 1, j: b });
                        inverted = true;
                    }
                }
            }
            if speaker.is_none() {
                // Coordinated verb with the subject earlier: "Apple releases X, announces Y",
                // "Apple confirmed …, but did not say".
                if let Some(last) = out[first_of_sentence..].iter().rposition(|r| r.kind != StatementKind::AccordingTo) {
                    speaker = Some(SpeakerAt::SameAs(first_of_sentence + last));
                } else if let Some((i, b)) = clause_subject(ctx, s, c) {
                    speaker = Some(SpeakerAt::Np { sent: s, i, j: b });
                }
            }
        }
        let Some(speaker) = speaker else { continue };
        // A cue that is also a noun ("reports", "claims") needs a name, a pronoun or a people
        // noun as its subject: "no prior reports" is not a statement.
        if NOUN_CUES.contains(&t.lower.as_str()) && !inverted {
            let ok = match speaker {
                SpeakerAt::Np { sent, j: e, .. } => {
                    let last = &ctx.sents[sent][e - 1];
                    ctx.run_at(sent, e - 1).is_some() || lex::is_pronoun(&last.lower) || lex::SOURCE_NOUNS.contains_key(last.lower.as_str())
                        || lex::ROLE_NOUNS.contains_key(last.lower.as_str())
                        || lex::ORG_ROLE_NOUNS.contains(&last.lower.as_str())
                }
                SpeakerAt::SameAs(_) => participle,
            };
            if !ok {
                continue;
            }
        }
        // Verbs that are speech only with a clause: "maintained that …", not "maintains roadblocks".
        if lemma == "call" && !toks.get(c + 1).is_some_and(|x| matches!(x.lower.as_str(), "for" | "on")) {
            continue;
        }
        if NEEDS_CLAUSE.contains(&lemma) {
            let next = toks.get(c + 1).map(|x| x.lower.as_str());
            let clause = matches!(next, Some("that" | "," | ":" | "." | "“" | "\"")) || toks.get(c + 1).is_some_and(|x| x.is_quote());
            if !clause {
                continue;
            }
        }
        // The speaker phrase must not be inside a quotation.
        if let SpeakerAt::Np { sent, i, .. } = speaker {
            if quote_at(quotes, ctx.sents[sent][i].span.start).is_some() {
                continue;
            }
        }
        // Content.
        let sp_start = match speaker {
            SpeakerAt::Np { i, .. } if !inverted => i,
            _ => c,
        };
        let cue_end = if inverted {
            match speaker {
                SpeakerAt::Np { j, .. } => j,
                _ => c + 1,
            }
        } else {
            c + 1
        };
        let after_start = content_after(ctx, s, if inverted { cue_end - 1 } else { c }, lemma);
        // Before: up to the comma or quote that precedes the speaker (or the cue, inverted).
        let mut before_end = sp_start;
        while before_end > 0 && matches!(toks[before_end - 1].kind, Tk::Punct | Tk::CloseQ | Tk::AmbQ) {
            before_end -= 1;
        }
        let before_ok = before_end < sp_start && words_in(ctx, s, 0, before_end, 3) >= 3 && sp_start > 0 && matches!(toks[sp_start - 1].lower.as_str(), "," | "”" | "\"");
        // The part after the cue is only adverbials when it is short, opens with a preposition
        // and runs to the end or to a participle ("…,” X said to Reuters in September, adding").
        let after_words = words_in(ctx, s, after_start.min(n), n, 3);
        let after_is_adverbial = after_start >= n || after_words < 3 || {
            let a = after_start.min(n - 1);
            let mut e = a;
            while e < n && toks[e].lower != "," && toks[e].lower != "." {
                e += 1;
            }
            let prep = matches!(toks[a].lower.as_str(), "to" | "in" | "on" | "at" | "during" | "after" | "before" | "last" | "this");
            let tail_ok = e >= n - 1 || toks.get(e + 1).is_some_and(|x| x.lower.ends_with("ing") || x.lower == "according");
            prep && words_in(ctx, s, a, e, 7) <= 6 && tail_ok
        };
        let before_is_according = toks.iter().take(sp_start).any(|x| x.lower == "according") && !toks[..sp_start].iter().any(|x| x.is_quote());
        // "In his speech, the president warned of delays": a short opening phrase is where or
        // when it was said, not what.
        let before_is_adverbial = {
            let first = toks[..before_end].iter().find(|x| x.is_word());
            first.is_some_and(|x| matches!(x.lower.as_str(), "in" | "at" | "during" | "on" | "after" | "before" | "following" | "with" | "for" | "speaking" | "writing" | "asked" | "later" | "earlier" | "separately" | "meanwhile" | "however"))
                && words_in(ctx, s, 0, before_end, 8) <= 7
                && !toks[..before_end].iter().any(|x| x.is_quote())
        };
        let before_ok = before_ok && !before_is_according && !before_is_adverbial;
        let (content, quoted) = if before_ok && (after_is_adverbial || inverted) {
            let mut a = 0;
            while a < before_end && !toks[a].is_word() && !toks[a].is_quote() {
                a += 1;
            }
            let Some(mut sp) = content_span(ctx, s, a, before_end) else { continue };
            let mut quoted = false;
            // A quotation that closes right before the speaker: take it whole.
            if let Some(q) = quote_at(quotes, toks[before_end.saturating_sub(1)].span.start).or_else(|| quote_at(quotes, sp.end.saturating_sub(1))) {
                if quotes[q].span.end >= sp.end.saturating_sub(1) {
                    sp = Span::new(quotes[q].span.start.min(sp.start), sp.end.max(quotes[q].span.end));
                    quoted = true;
                }
            }
            (sp, quoted)
        } else {
            let Some(sp) = content_span(ctx, s, after_start, n) else {
                // "He said." on its own: the speech came before.
                if words_in(ctx, s, 0, n, 7) <= 6 {
                    out.push(Raw {
                        kind: StatementKind::Indirect,
                        cue: ctx.range_text(s, c, c + 1),
                        lemma: lemma.to_string(),
                        cue_span: t.span,
                        content: t.span,
                        sent: s,
                        speaker,
                        quoted: false,
                        bare: true,
                    });
                    used[c] = true;
                }
                continue;
            };
            let mut sp = sp;
            // A cue inside a relative clause ("The government, which has stated that …, has
            // also met …"): the content ends with the clause, not with the sentence.
            if relative && !inverted {
                if let Some(e) = relative_clause_end(ctx, s, after_start) {
                    match content_span(ctx, s, after_start, e) {
                        Some(x) => sp = x,
                        None => continue,
                    }
                }
            }
            // "Citing privacy rules, officials …": what was cited is the phrase up to the comma.
            if participle && lemma == "cite" && (c == 0 || (c == 1 && !toks[0].is_word())) {
                if let Some(k) = (c + 1..n).find(|&k| toks[k].lower == ",") {
                    if let Some(x) = content_span(ctx, s, c + 1, k) {
                        sp = x;
                    }
                }
            }
            // A coordinated clause with its own speaker ends the content.
            if let Some(cut) = content_span(ctx, s, after_start, coordinated_end(ctx, s, after_start, n)) {
                if cut.end < sp.end && cut.start == sp.start {
                    sp = cut;
                }
            }
            // An infinitive whose object was moved away ("the plans the Taliban claimed to
            // have obtained and whether …"): no content of its own, so no statement.
            if toks.get(after_start).is_some_and(|x| x.lower == "to") {
                let mut e = after_start;
                while e < n && !matches!(toks[e].lower.as_str(), ";" | "." | "whether" | "if") {
                    e += 1;
                }
                if e < n && matches!(toks[e].lower.as_str(), "whether" | "if") && e > after_start && matches!(toks[e - 1].lower.as_str(), "and" | "or" | ",") {
                    e -= 1;
                }
                if words_in(ctx, s, after_start, e, 4) <= 3 {
                    continue;
                }
                if let Some(x) = content_span(ctx, s, after_start, e) {
                    sp = x;
                }
            }
            let mut quoted = false;
            if let Some(q) = quote_at(quotes, sp.start) {
                quoted = true;
                sp = Span::new(sp.start.min(quotes[q].span.start), sp.end.max(quotes[q].span.end));
            } else if after_start < n && toks[after_start].is_quote() {
                quoted = true;
            }
            (sp, quoted)
        };
        let cue_span = Span::new(t.span.start, t.span.end);
        out.push(Raw {
            kind: StatementKind::Indirect,
            cue: ctx.range_text(s, c, c + 1),
            lemma: lemma.to_string(),
            cue_span,
            content,
            sent: s,
            speaker,
            quoted,
            bare: false,
        });
        used[c] = true;
    }
    // "According to the army chief, the administration claimed …": an unnamed speaker inside
    // what another source says is part of that statement, not a source of its own.
    let according: Vec<(usize, usize)> = out[first_of_sentence..]
        .iter()
        .filter(|r| r.kind == StatementKind::AccordingTo)
        .filter_map(|r| match r.speaker {
            SpeakerAt::Np { j, .. } => Some((r.cue_span.start, j)),
            SpeakerAt::SameAs(_) => None,
        })
        .collect();
    if !according.is_empty() {
        let mut k = first_of_sentence;
        while k < out.len() {
            let r = &out[k];
            let nested = r.kind == StatementKind::Indirect
                && match r.speaker {
                    SpeakerAt::Np { sent, i, j } if sent == s => {
                        let unnamed = toks[i..j].iter().all(|x| !x.cap || lex::is_det(&x.lower)) && !(j - i == 1 && lex::is_pronoun(&toks[i].lower));
                        unnamed && according.iter().any(|&(start, aj)| start < toks[i].span.start && aj <= i)
                    }
                    _ => false,
                };
            if nested && !out[k + 1..].iter().any(|x| x.speaker == SpeakerAt::SameAs(k)) {
                out.remove(k);
            } else {
                k += 1;
            }
        }
    }
}
