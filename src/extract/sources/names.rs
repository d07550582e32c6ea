//! Names in the text: capitalised runs, classified as people or organisations, grouped into
//! entities ("Abdul Mateen Qani" … "Qani"), with the roles the text gives them
//! ("spokesman Abdul Mateen Qani", "NPD Group, a market research firm").
//!
//! What it gets wrong: a two-word name with no organisation word ("Aer Lingus") is taken for a
//! person; a name that only ever starts sentences is missed when the same word is also used in
//! lower case elsewhere.

use super::lex::{self, Gender};
use super::tokens::Token;
use crate::model::{Span, Stakeholder, StakeholderKind};
use std::collections::BTreeSet;

/// Everything the extractor needs about the document's words.
pub struct Ctx<'a> {
    pub text: &'a str,
    /// Tokens of every sentence (index = sentence index of the document).
    pub sents: Vec<Vec<Token<'a>>>,
    /// Paragraph of every sentence (`None` for the headline and dateline).
    pub para: Vec<Option<usize>>,
    /// Index of every sentence's first word token (its length when it has none).
    pub first_word: Vec<usize>,
    /// Per sentence: its first word is capitalised and seen in lower case inside a sentence
    /// (not at its start) somewhere in the document.
    pub initial_lower_seen: Vec<bool>,
    /// Per sentence: its first word is capitalised and seen capitalised inside a sentence.
    pub initial_cap_mid: Vec<bool>,
    /// Capitalised runs, in text order.
    pub names: Vec<NameRun>,
    pub entities: Vec<Entity>,
}

#[derive(Debug, Clone)]
pub struct NameRun {
    pub sent: usize,
    /// Token range in the sentence.
    pub i: usize,
    pub j: usize,
    pub span: Span,
    /// Entity index, when the run names a person or an organisation.
    pub entity: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntKind {
    Person,
    Org,
    Place,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub kind: EntKind,
    pub gender: Option<Gender>,
    /// Lower-case role words the text gives this entity.
    pub roles: BTreeSet<String>,
    /// Name words of an organisation the entity belongs to ("Amnesty International").
    pub affiliation: Option<String>,
    /// What the stakeholder stage says this name is (company, government, …), when it found it.
    pub body: Option<StakeholderKind>,
}

impl<'a> Ctx<'a> {
    pub fn tok(&self, s: usize, i: usize) -> &Token<'a> {
        &self.sents[s][i]
    }
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }
    /// Text of a token range, white space folded.
    pub fn range_text(&self, s: usize, i: usize, j: usize) -> String {
        if i >= j {
            return String::new();
        }
        let t = &self.sents[s];
        crate::model::fold_whitespace(self.slice(Span::new(t[i].span.start, t[j - 1].span.end)))
    }
    pub fn range_span(&self, s: usize, i: usize, j: usize) -> Span {
        let t = &self.sents[s];
        Span::new(t[i].span.start, t[j - 1].span.end)
    }
    /// Whether token `i` of sentence `s` can be part of a proper name.
    pub fn is_name_token(&self, s: usize, i: usize) -> bool {
        let t = &self.sents[s][i];
        if !t.is_word() || !t.cap || lex::is_function_word(&t.lower) || t.lower == "'s" {
            return false;
        }
        !(i == self.first_word[s] && self.initial_lower_seen[s])
    }
    /// The name runs that may lie within tokens `a..j` of sentence `s`: a window of `names`
    /// (sorted by start) holding every run that does, in order; callers still filter it. A scan
    /// of all names for each cue made a long sentence of many names quadratic.
    pub fn names_window(&self, s: usize, a: usize, j: usize) -> &[NameRun] {
        let t = &self.sents[s];
        if a >= j || j > t.len() {
            return &[];
        }
        let (from, to) = (t[a].span.start, t[j - 1].span.end);
        let lo = self.names.partition_point(|r| r.span.start < from);
        let hi = lo + self.names[lo..].partition_point(|r| r.span.start < to);
        &self.names[lo..hi]
    }
    /// The name runs that start before byte `here`, in order.
    pub fn names_before(&self, here: usize) -> &[NameRun] {
        &self.names[..self.names.partition_point(|r| r.span.start < here)]
    }
    /// The name run covering token `i` of sentence `s`.
    pub fn run_at(&self, s: usize, i: usize) -> Option<&NameRun> {
        self.names.iter().find(|r| r.sent == s && r.i <= i && i < r.j)
    }
    pub fn paragraph_of(&self, s: usize) -> usize {
        self.para[s].unwrap_or(0)
    }
}

/// The stakeholders' mentions sorted by start, to find the first stakeholder (in the
/// stakeholder order) with a mention overlapping a span without scanning every mention of every
/// stakeholder for each name run (a hot spot of `build`).
struct Mentions {
    /// (start, end, stakeholder index), by start.
    spans: Vec<(usize, usize, usize)>,
    /// Longest mention: a mention overlapping a span starts less than this before it.
    max_len: usize,
}

impl Mentions {
    fn new(stakeholders: &[Stakeholder]) -> Mentions {
        let mut spans: Vec<(usize, usize, usize)> =
            stakeholders.iter().enumerate().flat_map(|(k, st)| st.mentions.iter().map(move |m| (m.span.start, m.span.end, k))).collect();
        spans.sort_unstable();
        let max_len = spans.iter().map(|&(a, b, _)| b.saturating_sub(a)).max().unwrap_or(0);
        Mentions { spans, max_len }
    }
    /// The first stakeholder with a mention overlapping `span` (as `Span::overlaps`).
    fn first(&self, span: Span) -> Option<usize> {
        let lo = self.spans.partition_point(|&(a, _, _)| a.saturating_add(self.max_len) <= span.start);
        let hi = lo + self.spans[lo..].partition_point(|&(a, _, _)| a < span.end);
        self.spans[lo..hi].iter().filter(|&&(a, b, _)| a < span.end && span.start < b).map(|&(_, _, k)| k).min()
    }
}

/// Builds the context: tokens, lower-case vocabulary, name runs and entities.
pub fn build<'a>(text: &'a str, sents: Vec<Vec<Token<'a>>>, para: Vec<Option<usize>>, stakeholders: &[Stakeholder]) -> Ctx<'a> {
    let mentions = Mentions::new(stakeholders);
    // What the name tests ask about words inside sentences (not at their start) is only asked
    // about the capitalised first words of sentences: whether each is seen there in lower case,
    // and capitalised. So only those words are looked up, not every word put in a set.
    let first_word: Vec<usize> = sents.iter().map(|toks| toks.iter().position(|t| t.is_word()).unwrap_or(toks.len())).collect();
    let (initial_lower_seen, initial_cap_mid) = {
        // First word → (seen in lower case inside, seen capitalised inside).
        let mut asked: rustc_hash::FxHashMap<&str, (bool, bool)> = rustc_hash::FxHashMap::default();
        for (s, toks) in sents.iter().enumerate() {
            if let Some(t) = toks.get(first_word[s]).filter(|t| t.cap) {
                asked.entry(t.lower.as_str()).or_insert((false, false));
            }
        }
        if !asked.is_empty() {
            for (s, toks) in sents.iter().enumerate() {
                for t in toks.iter().skip(first_word[s] + 1) {
                    if t.is_word() {
                        if let Some(e) = asked.get_mut(t.lower.as_str()) {
                            if t.cap {
                                e.1 = true;
                            } else {
                                e.0 = true;
                            }
                        }
                    }
                }
            }
        }
        let at_first = |s: usize| sents[s].get(first_word[s]).filter(|t| t.cap).and_then(|t| asked.get(t.lower.as_str())).copied().unwrap_or_default();
        ((0..sents.len()).map(|s| at_first(s).0).collect::<Vec<bool>>(), (0..sents.len()).map(|s| at_first(s).1).collect::<Vec<bool>>())
    };
    let mut ctx = Ctx { text, sents, para, first_word, initial_lower_seen, initial_cap_mid, names: Vec::new(), entities: Vec::new() };
    // Runs.
    let mut runs = Vec::new();
    for s in 0..ctx.sents.len() {
        let n = ctx.sents[s].len();
        let mut i = 0;
        while i < n {
            if !ctx.is_name_token(s, i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < n && ctx.is_name_token(s, j) {
                    j += 1;
                    continue;
                }
                // "Ministry of Interior", "Committee to Protect Journalists".
                if j + 1 < n
                    && lex::NAME_CONNECTORS.contains(&ctx.sents[s][j].lower.as_str())
                    && lex::ORG_WORDS.contains_key(ctx.sents[s][j - 1].lower.trim_end_matches('.'))
                    && ctx.is_name_token(s, j + 1)
                {
                    j += 2;
                    continue;
                }
                break;
            }
            runs.push((s, i, j));
            i = j;
        }
    }
    // A capitalised opener glued to a name that appears on its own elsewhere ("Actual Airbus
    // deliveries", "Daily Huawei") is not part of it.
    let standalone: rustc_hash::FxHashSet<String> = runs
        .iter()
        .filter(|&&(s, i, _)| i > ctx.first_word[s])
        .map(|&(s, i, j)| ctx.range_text(s, i, j).to_lowercase())
        .collect();
    let runs: Vec<(usize, usize, usize)> = runs
        .into_iter()
        .map(|(s, i, j)| {
            let initial = i <= ctx.first_word[s];
            if initial && j - i >= 2 {
                let whole = ctx.range_text(s, i, j).to_lowercase();
                let rest = ctx.range_text(s, i + 1, j).to_lowercase();
                if standalone.contains(&rest) && !standalone.contains(&whole) {
                    return (s, i + 1, j);
                }
            }
            (s, i, j)
        })
        .collect();
    // A single capitalised word opening a sentence ("Estimates suggest …", "Recent reports …")
    // is a name only if the stakeholder stage found one there or the text capitalises the word
    // inside a sentence too.
    // (A run is made of capitalised words, so an initial one starts at the sentence's first word,
    // the word `initial_cap_mid` is about.)
    let runs: Vec<(usize, usize, usize)> = runs
        .into_iter()
        .filter(|&(s, i, j)| {
            let initial = i <= ctx.first_word[s];
            if !initial || j - i != 1 {
                return true;
            }
            let t = &ctx.sents[s][i];
            ctx.initial_cap_mid[s] || mentions.first(t.span).is_some()
        })
        .collect();
    // Split a run at its last role word ("Apple CEO Steve Jobs", "Presiding Judge Martin Mann")
    // and drop titles ("Mr.").
    let mut split = Vec::new();
    for (s, i, j) in runs {
        let toks = &ctx.sents[s];
        let mut start = i;
        for k in i..j {
            let w = toks[k].lower.trim_end_matches('.');
            if (lex::ROLE_NOUNS.contains_key(w) || w == "ceo") && k + 1 < j && !lex::NAME_CONNECTORS.contains(&toks[k + 1].lower.as_str()) {
                start = k + 1;
            }
        }
        if start > i {
            split.push((s, i, start, true));
        }
        // "Ambassador to the United States Hamdullah Mohib": a country name glued to the front
        // of a two-or-more-word name is not part of it.
        if start == i {
            for k in (i + 1..j.saturating_sub(1)).rev() {
                let head = toks[i..k].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ");
                if lex::COUNTRIES.contains(head.as_str()) && j - k >= 2 && toks[k..j].iter().all(|t| {
                        let w = t.lower.trim_end_matches('.');
                        !lex::ORG_WORDS.contains_key(w) && !lex::ROLE_NOUNS.contains_key(w) && lex::title_gender(w).is_none() && !matches!(w, "special" | "deputy" | "acting" | "chief" | "senior" | "former")
                    }) {
                    split.push((s, i, k, false));
                    start = k;
                    break;
                }
            }
        }
        // "the Refugee Council Enver Solomon", "Governor of Washington Chris Gregoire": a body or
        // place glued to the front of a two- or three-word personal name.
        if start == i && j - i >= 3 {
            let plain = |t: &Token| {
                let w = t.lower.trim_end_matches('.');
                t.cap
                    && t.lower.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    && !lex::ORG_WORDS.contains_key(w)
                    && !lex::ROLE_NOUNS.contains_key(w)
                    && lex::title_gender(w).is_none()
                    && !lex::NAME_CONNECTORS.contains(&w)
                    && !lex::COUNTRIES.contains(w)
                    && !lex::NATIONALITIES.contains(w)
            };
            let org_at = (i..j - 2).rev().find(|&k| lex::ORG_WORDS.contains_key(toks[k].lower.trim_end_matches('.')));
            let after_role_of = i >= 2
                && matches!(toks[i - 1].lower.as_str(), "of" | "for")
                && (lex::ROLE_NOUNS.contains_key(toks[i - 2].lower.as_str()) || lex::title_gender(&toks[i - 2].lower).is_some());
            let cut = match org_at {
                Some(k) if j - (k + 1) <= 3 && toks[k + 1..j].iter().all(plain) => Some(k + 1),
                None if after_role_of && j - (i + 1) <= 3 && toks[i + 1..j].iter().all(plain) => Some(i + 1),
                _ => None,
            };
            if let Some(k) = cut {
                split.push((s, i, k, org_at.is_none()));
                start = k;
            }
        }
        let mut a = start;
        while a < j && lex::title_gender(&toks[a].lower).is_some() {
            a += 1;
        }
        if a < j {
            split.push((s, a, j, false));
        }
    }
    // Classify and group.
    let mut person_surnames: BTreeSet<String> = BTreeSet::new();
    let mut classified = Vec::new();
    for &(s, i, j, title) in &split {
        let toks = &ctx.sents[s];
        let words: Vec<&str> = toks[i..j].iter().map(|t| t.lower.trim_end_matches('.')).collect();
        let joined = toks[i..j].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" ");
        let org = words.iter().any(|w| lex::ORG_WORDS.contains_key(w)) || lex::MEDIA.contains(joined.as_str());
        let place = lex::COUNTRIES.contains(joined.as_str())
            || words.iter().any(|w| lex::NATIONALITIES.contains(w))
            || (words.len() >= 2 && PLACE_FIRST.contains(&words[0]));
        let after_title = i > 0 && (lex::title_gender(&toks[i - 1].lower).is_some() || lex::ROLE_NOUNS.contains_key(toks[i - 1].lower.as_str()));
        let alpha = toks[i..j].iter().all(|t| t.lower.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\''));
        let kind = if title {
            None
        } else if org {
            Some(EntKind::Org)
        } else if place {
            Some(EntKind::Place)
        } else if alpha && (j - i >= 2 && j - i <= 4 || after_title) && !toks[i..j].iter().any(|t| t.lower.contains('.')) {
            Some(EntKind::Person)
        } else {
            Some(EntKind::Org)
        };
        // The stakeholder extractor's word on what a name is wins over these guesses.
        let span = ctx.range_span(s, i, j);
        let kind = match mentions.first(span).map(|k| &stakeholders[k]) {
            Some(st) if kind.is_some() => Some(match st.kind {
                StakeholderKind::Person => EntKind::Person,
                StakeholderKind::Country => EntKind::Place,
                _ => EntKind::Org,
            }),
            _ => kind,
        };
        if kind == Some(EntKind::Person) && j - i >= 2 {
            person_surnames.insert(toks[j - 1].lower.to_string());
        }
        classified.push((s, i, j, kind));
    }
    // Entities by ASCII-lower-cased name and kind: the first with a name equal to a run's
    // (ignoring ASCII case) is the first index of its set. Only looked up, never iterated.
    let mut by_name: rustc_hash::FxHashMap<(String, EntKind), BTreeSet<usize>> = rustc_hash::FxHashMap::default();
    for (s, i, j, kind) in classified {
        let span = ctx.range_span(s, i, j);
        let Some(mut kind) = kind else {
            ctx.names.push(NameRun { sent: s, i, j, span, entity: None });
            continue;
        };
        let toks = &ctx.sents[s];
        let name = ctx.range_text(s, i, j);
        let single = j - i == 1;
        let lower = toks[j - 1].lower.to_string();
        if single && kind == EntKind::Org && (person_surnames.contains(&lower) || person_surnames.iter().any(|p| fuzzy_surname(p, &lower))) {
            kind = EntKind::Person;
        }
        // Find the entity: a person's surname joins the full name; a misspelt surname joins
        // the close one ("Schroden" → "Schroeder").
        let mut found = by_name.get(&(name.to_ascii_lowercase(), kind)).and_then(|ks| ks.first().copied());
        if found.is_none() && kind == EntKind::Person {
            let mine = name.rsplit(' ').next().unwrap_or("").to_lowercase();
            found = ctx.entities.iter().position(|e| {
                // The cheap tests first: the last word is lower-cased only when they pass.
                e.kind == EntKind::Person && (single || e.name.split(' ').count() == 1) && {
                    let last = e.name.rsplit(' ').next().unwrap_or("").to_lowercase();
                    last == mine || fuzzy_surname(&last, &mine)
                }
            });
            if let Some(k) = found {
                // A later full name replaces an earlier surname.
                if ctx.entities[k].name.split(' ').count() < name.split(' ').count() {
                    let old = (ctx.entities[k].name.to_ascii_lowercase(), ctx.entities[k].kind);
                    if let Some(ks) = by_name.get_mut(&old) {
                        ks.remove(&k);
                    }
                    by_name.entry((name.to_ascii_lowercase(), ctx.entities[k].kind)).or_default().insert(k);
                    ctx.entities[k].name = name.clone();
                }
            }
        }
        let e = match found {
            Some(k) => k,
            None => {
                let body = mentions.first(span).map(|k| stakeholders[k].kind);
                ctx.entities.push(Entity { name: name.clone(), kind, gender: None, roles: BTreeSet::new(), affiliation: None, body });
                by_name.entry((name.to_ascii_lowercase(), kind)).or_default().insert(ctx.entities.len() - 1);
                ctx.entities.len() - 1
            }
        };
        // Titles and roles just before the run, in the same noun phrase.
        let mut k = i;
        let mut roles = Vec::new();
        while k > 0 && i - k < 6 {
            let t = &toks[k - 1];
            if !t.is_word() || lex::is_boundary(&t.lower) && !lex::NAME_CONNECTORS.contains(&t.lower.as_str()) || lex::is_det(&t.lower) {
                break;
            }
            roles.push(t.lower.trim_end_matches('.').to_string());
            k -= 1;
        }
        for r in &roles {
            if let Some(Some(g)) = lex::title_gender(r).or_else(|| lex::title_gender(&format!("{r}."))) {
                ctx.entities[e].gender = Some(g);
            }
            if let Some(g) = lex::role_gender(r) {
                ctx.entities[e].gender = Some(g);
            }
        }
        ctx.entities[e].roles.extend(roles);
        // Appositive: "NPD Group, a market research firm," / "Jonathan Schroeder, a specialist".
        if j + 2 < toks.len() && toks[j].lower == "," && (lex::is_det(&toks[j + 1].lower) || lex::ROLE_NOUNS.contains_key(toks[j + 1].lower.as_str())) {
            let mut m = if lex::is_det(&toks[j + 1].lower) { j + 2 } else { j + 1 };
            while m < toks.len() && m < j + 10 && toks[m].is_word() && (!lex::is_boundary(&toks[m].lower) || matches!(toks[m].lower.as_str(), "of" | "for")) {
                ctx.entities[e].roles.insert(toks[m].lower.trim_end_matches('.').to_string());
                m += 1;
            }
        }
        // "Matt Mahmoudi of Amnesty International"
        if kind == EntKind::Person && j + 1 < toks.len() && toks[j].lower == "of" && ctx.is_name_token(s, j + 1) {
            let mut m = j + 1;
            while m < toks.len() && ctx.is_name_token(s, m) {
                m += 1;
            }
            ctx.entities[e].affiliation = Some(ctx.range_text(s, j + 1, m));
        }
        ctx.names.push(NameRun { sent: s, i, j, span, entity: Some(e) });
    }
    ctx.names.sort_by_key(|r| (r.span.start, r.span.end));
    ctx
}

/// First words of place names ("San Francisco", "New York").
const PLACE_FIRST: &[&str] = &["el", "fort", "la", "las", "los", "mount", "new", "port", "saint", "san", "santa", "st", "sao"];

/// Two surnames that differ by a typo: same first four letters, edit distance ≤ 2, long enough.
fn fuzzy_surname(a: &str, b: &str) -> bool {
    if a.len() < 6 || b.len() < 6 || a == b {
        return false;
    }
    // The same first four letters (tested again below): most pairs differ there, and need no copy.
    if !a.chars().take(4).eq(b.chars().take(4)) {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // The byte-length check above lets "ÿÿÿ" (3 chars, 6 bytes) through: count chars too.
    if a.len() < 6 || b.len() < 6 || a[..4] != b[..4] {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_typos_match() {
        // From the seed: "Jonathan Schroeder" is later "Schroden".
        assert!(fuzzy_surname("schroeder", "schroden"));
        assert!(!fuzzy_surname("saleh", "salehi"));
        assert!(!fuzzy_surname("johnson", "johansson_x"));
    }
}

#[cfg(test)]
mod fuzz_regressions {
    /// Regression: fuzz crash-a04c46bb (a Latin-1 seed decoded to "ÿÿÿ"-like words) sliced
    /// `[..4]` of a 3-character word.
    #[test]
    fn fuzzy_surname_with_short_multibyte_words() {
        assert!(!super::fuzzy_surname("ÿÿÿ", "ÿÿÿx"));
        assert!(!super::fuzzy_surname("ééé", "èèèèèè"));
    }
}
