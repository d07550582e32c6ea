//! Tokens and capitalised-span chunking: the candidate names of a sentence.
//!
//! In: a sentence span of the seed. Out: [`Token`]s (words, possessive markers, punctuation,
//! with byte spans) and [`Cand`]idates: maximal runs of capitalised words, joined across
//! "of/for/to/on (the)" when the run so far has an organisation or title word ("Committee to
//! Protect Journalists", "Center for Naval Analyses"), split at lexicon names and at titles
//! ("U.S. | Special Representative for Afghanistan"; "Foreign Minister | Wang Yi"). Square-bracketed
//! text and parentheses holding a colon (trading codes: "[RIC: HWT. U.L.]") are skipped; a
//! parenthesised acronym after a name defines it.
//!
//! What it gets wrong: names with a lower-case word other than a particle ("Doctors without
//! Borders") split; "and" never joins ("Bosnia and Herzegovina" is found only via the lexicon
//! when written in one run); a sentence-initial ordinary word that never appears elsewhere can
//! be taken for a name when a capitalised word follows it.

use super::lex::{fold, fold_push, is_caps, with_fold, TABLES};
use crate::model::{Span, StakeholderKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tk {
    Word,
    /// `’s` / `'s` split off a word.
    Pos,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) span: Span,
    pub(crate) kind: Tk,
}

impl Token {
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }
}

/// Splits `text[span]` into tokens.
pub(crate) fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    // ASCII text (most sentences): character k is byte k, so no table of characters is built.
    if s.is_ascii() {
        let b = s.as_bytes();
        tokenize_chars(s, span, b.len(), |k| (k, char::from(b[k])))
    } else {
        let b: Vec<(usize, char)> = s.char_indices().collect();
        tokenize_chars(s, span, b.len(), |k| b[k])
    }
}

/// [`tokenize`] over the `n` characters of `s`: `at(k)` is the byte offset and the character.
fn tokenize_chars(s: &str, span: Span, n: usize, at: impl Fn(usize) -> (usize, char)) -> Vec<Token> {
    // About one token per five bytes of prose: room for most sentences without regrowing.
    let mut out = Vec::with_capacity(s.len() / 4 + 4);
    let mut i = 0;
    let off_at = |k: usize| if k < n { at(k).0 } else { s.len() };
    while i < n {
        let (off, c) = at(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            let end = off_at(i + 1);
            out.push(Token { span: Span::new(span.start + off, span.start + end), kind: Tk::Punct });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let ch = at(j).1;
            if ch.is_alphanumeric() {
                j += 1;
            } else if matches!(ch, '.' | '\'' | '’' | '-' | '&') && j + 1 < n && at(j + 1).1.is_alphanumeric() {
                j += 1;
            } else {
                break;
            }
        }
        // A dotted acronym keeps its final dot ("U.S.", "U.N.").
        if j < n && at(j).1 == '.' && j - i >= 3 && at(i + 1).1 == '.' {
            j += 1;
        }
        let end = off_at(j);
        let word = &s[off..end];
        // Split a possessive: "China’s" → "China" + "’s".
        let pos = ["’s", "'s"].iter().find(|p| word.len() > p.len() && word.ends_with(*p)).map(|p| p.len());
        match pos {
            Some(n) => {
                out.push(Token { span: Span::new(span.start + off, span.start + end - n), kind: Tk::Word });
                out.push(Token { span: Span::new(span.start + end - n, span.start + end), kind: Tk::Pos });
            }
            None => out.push(Token { span: Span::new(span.start + off, span.start + end), kind: Tk::Word }),
        }
        i = j;
    }
    out
}

/// First character upper case (and the word is not a number).
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Name particles that may sit lower case inside a name ("Osama bin Laden", "Hayat Tahrir al-Sham").
fn is_particle(w: &str) -> bool {
    matches!(w, "bin" | "ibn" | "van" | "von" | "de" | "da" | "di" | "du" | "der" | "den" | "la" | "le" | "al" | "el")
        || w.starts_with("al-")
        || w.starts_with("el-")
}

/// What a candidate is, as far as the sentence tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// A lexicon entry (index into the tables).
    Lexicon(usize),
    /// A demonym of a country entry ("Turkish").
    Demonym(usize),
    /// An unknown capitalised name.
    Unknown,
}

/// A candidate mention of an actor.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub(crate) span: Span,
    pub(crate) sentence: usize,
    /// Token range within the sentence's tokens.
    pub(crate) toks: (usize, usize),
    pub(crate) hint: Hint,
    /// Kind suggested by the name's own words (org words, titles before it …).
    pub(crate) kind: Option<StakeholderKind>,
    /// A country named inside the name ("Chinese Foreign Ministry" → China's entry).
    pub(crate) country: Option<usize>,
    /// Preceded by an honorific or a title inside the run ("President Donald Trump").
    pub(crate) person: bool,
    /// Role found inside the run ("Special Representative for Afghanistan") and the candidate
    /// index of the affiliation before it.
    pub(crate) role: Option<(String, Option<usize>)>,
    /// After "in/at/near …" or before a place noun: a place, not an actor.
    pub(crate) place: bool,
    /// Followed by "government", "administration" or "regime".
    pub(crate) gov: bool,
    /// An acronym defined in parentheses after a name ("… Movement (ETIM)").
    pub(crate) acronym: bool,
    /// From a headline or heading in title case: kept only if it names an actor found elsewhere.
    pub(crate) restricted: bool,
    /// Only its first word was capitalised and it opens the sentence.
    pub(crate) initial: bool,
}

/// Per-document word statistics used to judge sentence-initial capitals. Words that are their
/// own fold (lower-case ASCII without dots: most of them) are borrowed from the text.
#[derive(Debug, Default)]
pub(crate) struct WordStats<'a> {
    /// Folded words seen in lower case anywhere.
    pub(crate) lower: rustc_hash::FxHashSet<std::borrow::Cow<'a, str>>,
    /// Folded words seen capitalised not at a sentence start.
    pub(crate) cap_inside: rustc_hash::FxHashSet<std::borrow::Cow<'a, str>>,
}

impl<'a> WordStats<'a> {
    /// `titled`: a headline or heading in title case, whose capitals say nothing.
    pub(crate) fn add(&mut self, text: &'a str, toks: &[Token], titled: bool) {
        let first = toks.iter().position(|t| t.kind == Tk::Word);
        let mut buf = String::new();
        let mut add = |set: &mut rustc_hash::FxHashSet<std::borrow::Cow<'a, str>>, w: &'a str| {
            // `fold` changes nothing in a word of lower-case ASCII letters, digits and
            // apostrophes (a token holds no white space).
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'.' && !b.is_ascii_whitespace() && b != 0x0b) {
                if !set.contains(w) {
                    set.insert(std::borrow::Cow::Borrowed(w));
                }
                return;
            }
            super::lex::fold_into(w, &mut buf);
            if !set.contains(buf.as_str()) {
                set.insert(std::borrow::Cow::Owned(buf.clone()));
            }
        };
        for (i, t) in toks.iter().enumerate() {
            if t.kind != Tk::Word {
                continue;
            }
            let w = t.text(text);
            if is_cap(w) {
                let after_quote = i > 0 && toks[i - 1].kind == Tk::Punct && matches!(toks[i - 1].text(text), "“" | "\"" | "‘" | ":");
                if Some(i) != first && !after_quote && !titled && !is_caps(w) {
                    add(&mut self.cap_inside, w);
                }
            } else if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                add(&mut self.lower, w);
            }
        }
    }
}

/// Lower-case second halves of "X-led" words that make the word an adjective, not a name.
const HYPHEN_TAILS: &[&str] = &[
    "affiliated", "aligned", "allied", "backed", "based", "born", "bound", "brokered", "centric", "controlled", "era",
    "financed", "friendly", "funded", "held", "inspired", "led", "like", "linked", "made", "minded", "occupied", "oriented",
    "owned", "related", "run", "speaking", "sponsored", "style", "type", "wide",
];

const LOCATIVE: &[&str] = &["in", "at", "near", "across", "throughout", "outside", "inside", "around", "into", "towards", "toward"];

/// True when most longer words of the sentence are capitalised (a title-case headline) or it
/// is in capitals.
pub(crate) fn title_case(text: &str, toks: &[Token]) -> bool {
    let words: Vec<&str> = toks.iter().filter(|t| t.kind == Tk::Word).map(|t| t.text(text)).filter(|w| w.chars().count() >= 4).collect();
    if words.is_empty() {
        return false;
    }
    let caps = words.iter().filter(|w| is_cap(w)).count();
    caps * 10 >= words.len() * 6
}

/// Candidates of one sentence.
pub(crate) fn candidates(text: &str, sentence: usize, toks: &[Token], stats: &WordStats, restricted: bool) -> Vec<Cand> {
    let t = &*TABLES;
    let n = toks.len();
    let w = |i: usize| toks[i].text(text);
    // Tokens to skip: brackets, and parentheses with a colon (trading codes).
    let mut skip = vec![false; n];
    let mut i = 0;
    while i < n {
        if toks[i].kind == Tk::Punct && matches!(w(i), "[" | "(") {
            let close = if w(i) == "[" { "]" } else { ")" };
            match (i + 1..n).find(|&k| w(k) == close) {
                Some(k) => {
                    let colon = (i + 1..k).any(|k| w(k) == ":");
                    if close == "]" || colon {
                        for s in skip.iter_mut().take(k + 1).skip(i) {
                            *s = true;
                        }
                    }
                    i = k + 1;
                    continue;
                }
                // The sentence splitter cut inside the brackets ("[RIC: HWT. U.L.]").
                None if close == "]" || (i + 1..n).any(|k| w(k) == ":") => {
                    for s in skip.iter_mut().skip(i) {
                        *s = true;
                    }
                    break;
                }
                None => {}
            }
        }
        i += 1;
    }
    // A closing bracket with no opening one: the rest of a bracket from the previous sentence.
    if let Some(k) = (0..n).find(|&k| toks[k].kind == Tk::Punct && w(k) == "]") {
        if !(0..k).any(|j| w(j) == "[") {
            for s in skip.iter_mut().take(k + 1) {
                *s = true;
            }
        }
    }
    let first_word = toks.iter().position(|t| t.kind == Tk::Word).unwrap_or(0);
    let is_name_tok = |i: usize| -> bool {
        if skip[i] || toks[i].kind != Tk::Word {
            return false;
        }
        let s = w(i);
        if !is_cap(s) {
            return false;
        }
        // "NATO-led", "Western-backed": only the part before the hyphen can be a name; but
        // "Kim Jong-un" and "Wong Pik-wan" are names.
        if let Some((_, tail)) = s.rsplit_once('-') {
            if tail.chars().next().is_some_and(|c| c.is_lowercase()) && (HYPHEN_TAILS.contains(&tail) || stats.lower.contains(tail)) {
                return false;
            }
        }
        true
    };
    let mut out: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < n {
        // Hyphenated "NATO-led": the name before the hyphen is a mention.
        if !skip[i] && toks[i].kind == Tk::Word && !is_name_tok(i) && is_cap(w(i)) {
            if let Some((head, _)) = w(i).rsplit_once('-') {
                let hs = toks[i].span.start;
                let sp = Span::new(hs, hs + head.len());
                if let Some(e) = t.lookup(head) {
                    out.push(base(sp, sentence, (i, i + 1), Hint::Lexicon(e), restricted));
                } else if is_caps(head) {
                    out.push(base(sp, sentence, (i, i + 1), Hint::Unknown, restricted));
                }
            }
            i += 1;
            continue;
        }
        if !is_name_tok(i) {
            i += 1;
            continue;
        }
        // Grow the run.
        let start = i;
        let mut end = i + 1;
        let mut has_head = with_lower(w(i), org_or_title);
        loop {
            if end < n && is_name_tok(end) {
                has_head |= with_lower(w(end), org_or_title);
                end += 1;
                continue;
            }
            if end + 1 < n && toks[end].kind == Tk::Word && !skip[end] {
                let c = w(end);
                let mut next = end + 1;
                let joins = if matches!(c, "of" | "for" | "to" | "on") && has_head {
                    if next + 1 < n && w(next) == "the" {
                        next += 1;
                    }
                    true
                } else {
                    c == "&" || is_particle(c)
                };
                if joins && next < n && is_name_tok(next) {
                    end = next;
                    continue;
                }
            }
            if end + 1 < n && w(end) == "&" && is_name_tok(end + 1) {
                end += 1;
                continue;
            }
            break;
        }
        split_run(text, sentence, toks, start, end, stats, restricted, first_word, &mut out);
        i = end;
    }
    // Context flags.
    for c in out.iter_mut() {
        let (a, b) = c.toks;
        if a > 0 {
            // The word before, or the one before "the" ("" at the sentence start).
            let the = with_lower(w(a - 1), |p| p == "the");
            let at = if the { a.checked_sub(2) } else { Some(a - 1) };
            with_lower(at.map_or("", w), |prev| {
                if LOCATIVE.contains(&prev) {
                    c.place = true;
                }
                if t.honorifics.contains(prev.trim_end_matches('.')) && is_cap(w(if the { a.saturating_sub(2) } else { a - 1 })) {
                    c.person = true;
                }
            });
        }
        let mut k = b;
        if k < n && toks[k].kind == Tk::Pos {
            k += 1;
        }
        if k < n && toks[k].kind == Tk::Word && k == b {
            with_lower(w(k), |next| {
                if t.place_nouns.contains(next) {
                    c.place = true;
                }
                if matches!(next, "government" | "administration" | "regime" | "authorities") {
                    c.gov = true;
                }
            });
        }
    }
    // Acronym definitions: "Name (ACR)".
    let mut extra = Vec::new();
    for c in out.iter() {
        let b = c.toks.1;
        if b + 2 < n && w(b) == "(" && w(b + 2) == ")" && toks[b + 1].kind == Tk::Word {
            let acr = w(b + 1);
            if is_caps(acr) && acr.chars().count() <= 10 && c.toks.1 - c.toks.0 >= 1 {
                let mut a = base(toks[b + 1].span, sentence, (b + 1, b + 2), Hint::Unknown, restricted);
                if let Some(e) = t.lookup(acr) {
                    a.hint = Hint::Lexicon(e);
                }
                a.acronym = true;
                extra.push(a);
            }
        }
    }
    for a in extra {
        match out.iter_mut().find(|c| c.span == a.span) {
            Some(c) => c.acronym = true,
            None => out.push(a),
        }
    }
    out.sort_by_key(|c| c.span);
    out
}

fn org_or_title(lw: &str) -> bool {
    let t = &*TABLES;
    t.org_words.contains_key(lw) || t.titles.contains(lw)
}

fn base(span: Span, sentence: usize, toks: (usize, usize), hint: Hint, restricted: bool) -> Cand {
    Cand {
        span,
        sentence,
        toks,
        hint,
        kind: None,
        country: None,
        person: false,
        role: None,
        place: false,
        gov: false,
        acronym: false,
        restricted,
        initial: false,
    }
}

/// Splits a run of capitalised tokens `[start, end)` into candidates.
#[allow(clippy::too_many_arguments)]
fn split_run(
    text: &str,
    sentence: usize,
    toks: &[Token],
    mut start: usize,
    end: usize,
    stats: &WordStats,
    restricted: bool,
    first_word: usize,
    out: &mut Vec<Cand>,
) {
    let t = &*TABLES;
    let w = |i: usize| toks[i].text(text);
    let lw = |i: usize| fold(w(i));
    // Leading articles and sentence-opening words.
    while start < end && matches!(w(start), "The" | "A" | "An") {
        start += 1;
    }
    let mut initial = false;
    if start < end && (start == first_word || (start > 0 && matches!(w(start - 1), "“" | "\"" | ":"))) {
        let f = lw(start);
        let known = t.lookup(w(start)).is_some() || t.demonym(w(start)).is_some() || longest_lexicon(text, toks, start, end).is_some();
        if !known {
            let common = t.openers.contains(f.as_str()) || stats.lower.contains(f.as_str()) || t.months.contains(f.as_str());
            let named_elsewhere = stats.cap_inside.contains(f.as_str()) || t.given_names.contains(f.as_str());
            if common && !named_elsewhere {
                start += 1;
            } else if !named_elsewhere && end - start == 1 {
                // A lone capitalised word opening a sentence, never capitalised elsewhere.
                start += 1;
            } else if !named_elsewhere {
                initial = true;
            }
        }
        while start < end && matches!(w(start), "The" | "A" | "An") {
            start += 1;
        }
    }
    // Connectors never start or end a candidate.
    let is_conn = |i: usize| !is_cap(w(i));
    // "Boeing 787", "Airbus A380", "US$": the name is part of a product or a currency.
    let next_has_digit = |b: usize| b < toks.len() && toks[b].kind == Tk::Word && w(b).chars().any(|c| c.is_ascii_digit()) && w(b).len() <= 12;
    let currency = |b: usize| b < toks.len() && w(b) == "$";
    let mut seg_start = start;
    let mut i = start;
    let mut pending_aff: Option<usize> = None; // candidate index before a title
    let flush = |a: usize, b: usize, out: &mut Vec<Cand>, initial: bool| -> Option<usize> {
        let mut a = a;
        let mut b = b;
        while a < b && is_conn(a) {
            a += 1;
        }
        while b > a && is_conn(b - 1) {
            b -= 1;
        }
        if a >= b {
            return None;
        }
        // Drop runs made only of months, days and other non-actor words.
        if (a..b).all(|k| with_fold(w(k), |f| t.non_actor.contains(f) || t.months.contains(f) || t.openers.contains(f))) {
            return None;
        }
        // Products and events, not actors: a model number ("Trent 900", "A330-300E") or an
        // event or law word at the end ("Worldwide Developers Conference").
        if (a..b).any(|k| w(k).chars().any(|c| c.is_ascii_digit())) || next_has_digit(b) || with_fold(w(b - 1), |f| t.non_actor_heads.contains(f)) {
            return None;
        }
        let sp = Span::new(toks[a].span.start, toks[b - 1].span.end);
        let mut c = base(sp, sentence, (a, b), Hint::Unknown, restricted);
        c.initial = initial && a == start;
        // An unknown run that starts with a country or demonym: "Chinese Foreign Ministry".
        if b - a >= 2 {
            if let Some(e) = t.demonym(w(a)).or_else(|| t.lookup(w(a)).filter(|&e| t.entries[e].kind == StakeholderKind::Country)) {
                c.country = Some(e);
            }
        }
        c.kind = org_kind(text, toks, a, b);
        out.push(c);
        Some(out.len() - 1)
    };
    while i < end {
        // A lexicon name or demonym.
        if let Some((len, hint)) = longest_lexicon(text, toks, i, end) {
            // A country or demonym followed by more capitalised non-title words is part of a
            // longer name ("Turkish Airlines", "Chinese Foreign Ministry").
            let is_country = match hint {
                Hint::Demonym(_) => true,
                Hint::Lexicon(e) => t.entries[e].kind == StakeholderKind::Country,
                Hint::Unknown => false,
            };
            let j = i + len;
            // A government body with no country of its own: "Chinese Foreign Ministry".
            let body = match longest_lexicon(text, toks, j.min(end), end) {
                Some((_, Hint::Lexicon(e))) => t.entries[e].kind == StakeholderKind::Government && t.entries[e].country.is_none(),
                _ => false,
            };
            let continues = is_country && j < end && is_cap(w(j)) && !starts_title(text, toks, j, end) && (body || longest_lexicon(text, toks, j, end).is_none());
            if continues && body {
                let (blen, _) = longest_lexicon(text, toks, j, end).expect("checked above");
                if seg_start < i {
                    flush(seg_start, i, out, initial);
                }
                let sp = Span::new(toks[i].span.start, toks[j + blen - 1].span.end);
                let mut c = base(sp, sentence, (i, j + blen), Hint::Unknown, restricted);
                c.kind = Some(StakeholderKind::Government);
                c.country = Some(match hint {
                    Hint::Demonym(e) | Hint::Lexicon(e) => e,
                    Hint::Unknown => unreachable!("countries are lexicon entries"),
                });
                out.push(c);
                pending_aff = Some(out.len() - 1);
                i = j + blen;
                seg_start = i;
                continue;
            }
            if !continues {
                if seg_start < i {
                    flush(seg_start, i, out, initial);
                }
                if next_has_digit(j) || currency(j) {
                    i = j + 1;
                    seg_start = i.min(end);
                    continue;
                }
                let sp = Span::new(toks[i].span.start, toks[j - 1].span.end);
                let mut c = base(sp, sentence, (i, j), hint, restricted);
                c.initial = initial && i == start && len == 1;
                out.push(c);
                pending_aff = Some(out.len() - 1);
                i = j;
                seg_start = i;
                continue;
            }
            i = j;
            continue;
        }
        // A title: modifiers, a title word, an optional "of/for X" complement.
        if let Some(tend) = title_end(text, toks, i, end) {
            let aff = if seg_start < i { flush(seg_start, i, out, initial) } else { pending_aff };
            let role = fold_ws(&text[toks[i].span.start..toks[tend - 1].span.end]);
            i = tend;
            seg_start = i;
            // The person after the title.
            if i < end {
                let before = out.len();
                // Emit the rest as one name.
                let mut k = i;
                while k < end && longest_lexicon(text, toks, k, end).is_none() {
                    k += 1;
                }
                if k > i {
                    if let Some(ci) = flush(i, k, out, false) {
                        if ci >= before {
                            out[ci].person = true;
                            out[ci].role = Some((role.clone(), aff));
                        }
                    }
                    i = k;
                    seg_start = i;
                }
            } else if let Some(last) = out.len().checked_sub(1) {
                // "Thomas West, the U.S. Special Representative": the role has no name after it;
                // record it on the affiliation so the appositive rule can pick it up.
                if aff == Some(last) {
                    out[last].role = Some((role, None));
                }
            }
            pending_aff = None;
            continue;
        }
        i += 1;
    }
    if seg_start < end {
        flush(seg_start, end, out, initial);
    }
}

fn fold_ws(s: &str) -> String {
    crate::model::fold_whitespace(s)
}

/// Longest lexicon alias or demonym starting at token `i`, within `[i, end)`.
fn longest_lexicon(text: &str, toks: &[Token], i: usize, end: usize) -> Option<(usize, Hint)> {
    let t = &*TABLES;
    let max = t.max_tokens.min(end - i);
    // Most runs hold no capitalised token to end a name on: nothing to fold.
    if !(i..i + max).any(|k| is_cap(toks[k].text(text))) {
        return None;
    }
    // The fold of `text` from token `i` to the end of token `i + len - 1` is a prefix of the
    // fold of the longest such span (`fold` works character by character and drops trailing
    // white space), so the span is folded once and each length looks up a prefix of it.
    thread_local!(static BUF: std::cell::RefCell<(String, Vec<usize>)> = const { std::cell::RefCell::new((String::new(), Vec::new())) });
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        let (folded, ends) = &mut *b;
        folded.clear();
        ends.clear();
        let mut space = false;
        let mut from = toks[i].span.start;
        for k in i..i + max {
            fold_push(&text[from..toks[k].span.end], folded, &mut space);
            ends.push(folded.len());
            from = toks[k].span.end;
        }
        // Keys with a space need their first word in `multi_first` (asked once).
        let first_space = folded.find(' ');
        let multi = first_space.is_some_and(|f| t.multi_first.contains(&folded[..f]));
        for len in (1..=max).rev() {
            if !is_cap(toks[i + len - 1].text(text)) {
                continue;
            }
            let sp = &text[toks[i].span.start..toks[i + len - 1].span.end];
            let key = &folded[..ends[len - 1]];
            let may_be_alias = multi || first_space.is_none_or(|f| ends[len - 1] <= f);
            if let Some(e) = may_be_alias.then(|| t.lookup_folded(key, sp)).flatten() {
                return Some((len, Hint::Lexicon(e)));
            }
            if len == 1 {
                if let Some(&e) = t.demonyms.get(key) {
                    return Some((1, Hint::Demonym(e)));
                }
            }
        }
        None
    })
}

/// Calls `f` with `w.to_lowercase()`, built on the stack for a short ASCII word.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.len() <= 32 && w.is_ascii() {
        let mut b = [0u8; 32];
        let b = &mut b[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        f(std::str::from_utf8(b).unwrap_or_default())
    } else {
        f(&w.to_lowercase())
    }
}

fn starts_title(text: &str, toks: &[Token], i: usize, end: usize) -> bool {
    title_end(text, toks, i, end).is_some()
}

/// If a title starts at `i` ("Special Representative for Afghanistan", "Foreign Minister",
/// "President"), the token index where it ends.
fn title_end(text: &str, toks: &[Token], i: usize, end: usize) -> Option<usize> {
    let t = &*TABLES;
    let lw = |k: usize| toks[k].text(text).to_lowercase();
    let is_title = |k: usize| with_lower(toks[k].text(text), |w| t.titles.contains(w));
    let mut k = i;
    while k < end && with_lower(toks[k].text(text), |w| t.title_modifiers.contains(w) && !t.titles.contains(w)) {
        k += 1;
    }
    if k >= end || !is_title(k) {
        return None;
    }
    // "General Motors": a title word followed by a capitalised non-name is not a title, but we
    // cannot tell; the lexicon catches the known ones first.
    k += 1;
    while k < end && is_title(k) {
        k += 1;
    }
    // Complement: "of State", "for Afghanistan", "of the Interior".
    if k + 1 < end && with_lower(toks[k].text(text), |w| matches!(w, "of" | "for" | "to" | "on")) {
        let mut m = k + 1;
        if lw(m) == "the" && m + 1 < end {
            m += 1;
        }
        if let Some((len, _)) = longest_lexicon(text, toks, m, end) {
            return Some(m + len);
        }
        return Some(m + 1);
    }
    Some(k)
}

/// Kind from the organisation words of a name (the first one that is a head word).
fn org_kind(text: &str, toks: &[Token], a: usize, b: usize) -> Option<StakeholderKind> {
    let t = &*TABLES;
    // The word before the first connector is usually the head ("Center for …"); otherwise the last.
    let mut best = None;
    for k in a..b {
        if !is_cap(toks[k].text(text)) {
            break;
        }
        if let Some(kind) = with_lower(toks[k].text(text), |w| t.org_words.get(w.trim_end_matches('.')).copied()) {
            best = Some(kind);
        }
    }
    best
}
