//! Disputes: claims from different sources about the same matter that contradict each other.
//!
//! In: the document and its sources. Out: groups of statements, each with a short topic.
//!
//! How: each statement (no-comment records aside) becomes a bag of salient word stems: its
//! content words plus its speaker's name, minus function words and words found in more than a
//! fifth of the sentences. A statement is negative when it holds a negation ("no", "not",
//! "never", "unaware", "n't") or its cue denies ("denied", "disputes"). Two statements of
//! different sources are linked when they share at least
//! two stems (and a fifth of the smaller bag, and one word that is not a name), are not the same
//! passage, and lie within three
//! paragraphs. A positive claim linked to a negative one seeds a dispute (closest pairs first),
//! which takes in every claim linked to a member. The
//! topic names the capitalised words most shared by what was said (months and weekdays left
//! out), then the two most shared other words: "Huawei and Taliban: agreements, plan".
//!
//! What it gets wrong: agreement in different words is missed, and two claims that share words
//! and differ in polarity without contradicting each other ("no one was hurt" / "the fire was
//! put out") make a false dispute; negation scope is not parsed.

use super::lex;
use crate::model::{Dispute, Document, Source, StatementKind};
use std::collections::{BTreeMap, BTreeSet};

const STOP: &[&str] = &[
    "about", "after", "also", "been", "being", "could", "does", "from", "have", "into", "more", "most", "much", "only",
    "other", "over", "said", "says", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "those", "very", "were", "what", "when", "where", "which", "while", "will", "with", "would", "your", "including",
    "regarding", "according", "made", "make", "just", "many", "well", "because", "before",
];
const NEGATIONS: &[&str] = &["no", "not", "never", "none", "nothing", "neither", "nor", "unaware", "without", "nobody"];

pub fn stem(w: &str) -> String {
    let mut out = String::new();
    stem_into(w, &mut out);
    out
}

/// [`stem`] into a buffer (cleared first): no allocation for an ASCII word.
fn stem_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase().replace('’', "'"));
    }
    let kept = out.trim_end_matches("'s").trim_end_matches('\'').len();
    out.truncate(kept);
    for suf in ["ments", "ings", "ing", "ed", "es", "s"] {
        if let Some(b) = out.strip_suffix(suf) {
            if b.len() >= 4 {
                let n = b.len();
                out.truncate(n);
                if suf == "ments" {
                    out.push_str("ment");
                }
                return;
            }
        }
    }
}

/// The maximal runs of letters, digits and apostrophes (straight or curly) of `s`.
fn words(s: &str) -> Words<'_> {
    Words { s, i: 0 }
}

/// [`words`]: the same as splitting at every other character and dropping the empty pieces,
/// with ASCII bytes tested without decoding a character.
struct Words<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Words<'a> {
    /// Whether the character at byte `i` is part of a word, and its length.
    fn at(&self, i: usize) -> (bool, usize) {
        let b = self.s.as_bytes()[i];
        if b.is_ascii() {
            return (b.is_ascii_alphanumeric() || b == b'\'', 1);
        }
        let c = self.s[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric() || c == '’', c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let n = self.s.len();
        while self.i < n {
            let (word, len) = self.at(self.i);
            if word {
                break;
            }
            self.i += len;
        }
        if self.i >= n {
            return None;
        }
        let start = self.i;
        while self.i < n {
            let (word, len) = self.at(self.i);
            if !word {
                break;
            }
            self.i += len;
        }
        Some(&self.s[start..self.i])
    }
}

fn negative(text: &str, cue: &str) -> bool {
    let lemma = lex::CUES.get(cue.to_lowercase().as_str()).copied().unwrap_or("");
    lex::DENIAL.contains(lemma)
        || words(text).any(|w| {
            // ASCII words (most): compared without a lower-cased copy (the negations are
            // lower-case ASCII; an ASCII word has no curly apostrophe to straighten).
            if w.is_ascii() {
                let n = w.len();
                return NEGATIONS.iter().any(|x| x.eq_ignore_ascii_case(w)) || (n >= 3 && w[n - 3..].eq_ignore_ascii_case("n't"));
            }
            let l = w.to_lowercase().replace('’', "'");
            NEGATIONS.contains(&l.as_str()) || l.ends_with("n't")
        })
}

/// How many ids two sorted, unique lists share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Finds disputes among the sources' statements.
pub fn find(doc: &Document, sources: &[Source]) -> Vec<Dispute> {
    // A dispute needs claims of two sources.
    if sources.len() < 2 {
        return Vec::new();
    }
    // Polarity of every claim (no-comment records aside), in claim order. A dispute needs a
    // positive and a negative claim of two different sources: without such a pair there is
    // nothing to find, and the word statistics below (most of this pass's cost) are not needed.
    let polarity: Vec<(usize, bool)> = sources
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.statements.iter().filter(|t| t.kind != StatementKind::NoComment).map(move |t| (si, negative(&t.text, &t.cue))))
        .collect();
    let positive: BTreeSet<usize> = polarity.iter().filter(|p| !p.1).map(|p| p.0).collect();
    let negative_: BTreeSet<usize> = polarity.iter().filter(|p| p.1).map(|p| p.0).collect();
    if !positive.iter().any(|a| negative_.iter().any(|b| a != b)) {
        return Vec::new();
    }
    let mut polarity = polarity.into_iter().map(|p| p.1);
    let n_sent = doc.sentences.len().max(1);
    // The stem of a word a claim may keep, before the frequency test.
    let candidate = |w: &str| -> Option<String> {
        let l = w.to_lowercase();
        if l.len() < 4 || STOP.contains(&l.as_str()) || NEGATIONS.contains(&l.as_str()) || l.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(stem(&l))
    };
    // Every claim's words (its text's, then its speaker's name), each with its candidate stem
    // as a number (`stems[id]`), each distinct word stemmed once. The bags below hold these
    // numbers: the pairwise intersections compare numbers, not strings (the pair loop is
    // quadratic in the claims).
    let mut stems: Vec<String> = Vec::new();
    let mut stem_id: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    let mut word_stem: rustc_hash::FxHashMap<&str, Option<u32>> = rustc_hash::FxHashMap::default();
    // Per claim (in claim order): its words with their stems, and how many are its text's.
    let mut claim_words: Vec<(Vec<(&str, Option<u32>)>, usize)> = Vec::new();
    for s in sources {
        for t in s.statements.iter().filter(|t| t.kind != StatementKind::NoComment) {
            let mut ws = Vec::new();
            let mut own = 0;
            for (k, w) in words(&t.text).map(|w| (0, w)).chain(words(&s.name).map(|w| (1, w))) {
                own += usize::from(k == 0);
                let id = *word_stem.entry(w).or_insert_with(|| {
                    candidate(w).map(|st| {
                        *stem_id.entry(st).or_insert_with_key(|st| {
                            stems.push(st.clone());
                            stems.len() as u32 - 1
                        })
                    })
                });
                ws.push((w, id));
            }
            claim_words.push((ws, own));
        }
    }
    drop(word_stem);
    // Sentence frequency of the claims' stems: (sentences, last sentence counted), by id.
    let mut df: Vec<(usize, usize)> = vec![(0, usize::MAX); stems.len()];
    // A stem is a prefix of its word's lower case (see `stem_into`), so an ASCII word whose
    // first three letters begin no claim's stem is not stemmed at all: a table of the stems'
    // first three bytes (folded to 5 bits each: a collision only lets a word through).
    let key3 = |b: &[u8]| b[..3].iter().fold(0usize, |k, &c| (k << 5) | usize::from(c.to_ascii_lowercase() & 31));
    let mut first3 = vec![0u64; 1 << 9];
    let mut short = false;
    for st in &stems {
        if st.len() < 3 {
            short = true;
        } else {
            let k = key3(st.as_bytes());
            first3[k >> 6] |= 1 << (k & 63);
        }
    }
    let mut buf = String::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for w in words(doc.slice(s.span)) {
            if !short && w.is_ascii() && (w.len() < 3 || first3[key3(w.as_bytes()) >> 6] & (1 << (key3(w.as_bytes()) & 63)) == 0) {
                continue;
            }
            stem_into(w, &mut buf);
            if let Some(&id) = stem_id.get(buf.as_str()) {
                let e = &mut df[id as usize];
                if e.1 != si {
                    *e = (e.0 + 1, si);
                }
            }
        }
    }
    let salient = |id: Option<u32>| -> Option<u32> {
        let id = id?;
        let f = df[id as usize].0;
        (f * 5 <= n_sent || f <= 3).then_some(id)
    };
    struct Claim<'s> {
        src: usize,
        st: usize,
        /// Salient stems (as ids), sorted, unique.
        bag: Vec<u32>,
        /// Stems of words written in lower case (not names), as ids, sorted, unique.
        common: Vec<u32>,
        neg: bool,
        para: usize,
        pos: usize,
        /// Stem → the first word written for it.
        surface: BTreeMap<&'s str, &'s str>,
        /// Stems of the statement's own words (the speaker's name left out), for the topic.
        said: BTreeSet<&'s str>,
    }
    let mut claims = Vec::new();
    let mut claim_words = claim_words.into_iter();
    for (si, s) in sources.iter().enumerate() {
        for (ti, t) in s.statements.iter().enumerate() {
            if t.kind == StatementKind::NoComment {
                continue;
            }
            let (ws, own) = claim_words.next().unwrap_or_default();
            let mut bag = Vec::new();
            let mut surface = BTreeMap::new();
            let mut common = Vec::new();
            let mut said: BTreeSet<&str> = BTreeSet::new();
            for (k, (w, id)) in ws.into_iter().enumerate() {
                if let Some(id) = salient(id) {
                    let st = stems[id as usize].as_str();
                    if !w.chars().next().is_some_and(char::is_uppercase) {
                        common.push(id);
                    }
                    bag.push(id);
                    if k < own {
                        said.insert(st);
                    }
                    surface.entry(st).or_insert(w);
                }
            }
            bag.sort_unstable();
            bag.dedup();
            common.sort_unstable();
            common.dedup();
            let para = doc.sentences[t.sentence].paragraph.unwrap_or(0);
            let neg = polarity.next().unwrap_or_else(|| negative(&t.text, &t.cue));
            claims.push(Claim { src: si, st: ti, bag, common, neg, para, pos: t.span.start, surface, said });
        }
    }
    let n = claims.len();
    let linked = |x: &Claim, y: &Claim, spans: (crate::model::Span, crate::model::Span)| {
        if x.src == y.src || spans.0.overlaps(spans.1) || x.para.abs_diff(y.para) > 3 {
            return false;
        }
        let shared = shared_count(&x.bag, &y.bag);
        shared >= 2 && shared * 5 >= x.bag.len().min(y.bag.len()) && shared_count(&x.common, &y.common) > 0
    };
    let span_of = |c: &Claim| sources[c.src].statements[c.st].span;
    // Seeds: a positive and a negative claim linked to each other; each group takes in the
    // claims linked to one of its members.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut taken = vec![false; n];
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for a in 0..n {
        for b in 0..n {
            let (x, y) = (&claims[a], &claims[b]);
            if !x.neg && y.neg && linked(x, y, (span_of(x), span_of(y))) {
                pairs.push((shared_count(&x.bag, &y.bag), a, b));
            }
        }
    }
    // The closest pairs first.
    pairs.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    for (_, a, b) in pairs {
        {
            if taken[a] || taken[b] {
                continue;
            }
            let mut g = vec![a, b];
            taken[a] = true;
            taken[b] = true;
            let mut k = 0;
            while k < g.len() {
                let m = g[k];
                for c in 0..n {
                    if !taken[c] && linked(&claims[m], &claims[c], (span_of(&claims[m]), span_of(&claims[c]))) {
                        taken[c] = true;
                        g.push(c);
                    }
                }
                k += 1;
            }
            groups.push(g);
        }
    }
    let mut out = Vec::new();
    for g in groups {
        let srcs: BTreeSet<usize> = g.iter().map(|&a| claims[a].src).collect();
        if srcs.len() < 2 {
            continue;
        }
        let mut g = g;
        g.sort_by_key(|&a| (claims[a].pos, claims[a].src, claims[a].st));
        // Topic: who the claims are about, then what ("Huawei and Taliban: agreements, plan"),
        // from the words most shared by what was said, in order of first use.
        let mut count: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (rank, &a) in g.iter().enumerate() {
            for &w in &claims[a].said {
                let e = count.entry(w).or_insert((0, rank));
                e.0 += 1;
            }
        }
        let mut shared: Vec<(&str, (usize, usize))> = count.into_iter().filter(|(_, (c, _))| *c >= 2).collect();
        shared.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)).then(a.0.cmp(b.0)));
        let surface = |w: &str| {
            g.iter().filter(|&&a| claims[a].said.contains(w)).find_map(|&a| claims[a].surface.get(w).map(|s| s.to_string())).unwrap_or_else(|| w.to_string())
        };
        let calendar = |w: &str| {
            let l = w.to_lowercase();
            crate::lexicon::month_number(&l).is_some() || crate::lexicon::set("weekdays.txt").contains(l.as_str())
        };
        let mut names: Vec<String> = Vec::new();
        let mut things: Vec<String> = Vec::new();
        for (w, _) in &shared {
            let s = surface(w);
            if calendar(&s) {
                continue;
            }
            if s.starts_with(char::is_uppercase) {
                if names.len() < 2 {
                    names.push(s);
                }
            } else if things.len() < 2 {
                things.push(s);
            }
        }
        let topic = match (names.is_empty(), things.is_empty()) {
            (false, false) => format!("{}: {}", names.join(" and "), things.join(", ")),
            (false, true) => names.join(" and "),
            (true, false) => things.join(", "),
            (true, true) => shared.iter().take(3).map(|(w, _)| surface(w)).collect::<Vec<_>>().join(", "),
        };
        out.push(Dispute { topic, claims: g.iter().map(|&a| (claims[a].src, claims[a].st)).collect() });
    }
    out.sort_by_key(|d| d.claims.first().map(|&(s, t)| (sources[s].statements[t].span.start, s, t)));
    out
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// `words` (written out for speed) is the split it replaced.
        #[test]
        fn words_is_the_split(s in "[a-zA-Z0-9 ,.'’é—\u{2009}-]{0,24}") {
            let want: Vec<&str> = s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).collect();
            let got: Vec<&str> = super::words(&s).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
