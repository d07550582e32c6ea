//! Unnamed groups as stakeholders: "rights groups", "security analysts", "Boeing employees",
//! "Chinese nationals".
//!
//! In: the tokens of each sentence, the word statistics and the named candidates with their
//! clusters. Out: group mentions `(span, sentence, name, affiliation cluster)`: a plural noun
//! for people or organisations (`data/people-nouns.txt`) with the words that modify it just
//! before it (at most two lower-case words, or a name: "Taliban members" belongs to the
//! Taliban). Generic nouns ("officials", "members", "people") need a modifier; specific ones
//! ("analysts", "protesters") stand alone.
//!
//! What it gets wrong: "the same analysts" and "analysts" are two groups; a modifier that is
//! really the object of a preceding verb's phrase is taken ("help security analysts"); no
//! singular groups ("the team").

use super::chunk::{is_cap, Cand, Tk, Token, WordStats};
use super::lex::{fold, with_fold};
use crate::lexicon;
use crate::model::Span;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Plural noun → may stand alone.
static NOUNS: LazyLock<HashMap<&'static str, bool>> =
    LazyLock::new(|| lexicon::map("people-nouns.txt").into_iter().map(|(k, v)| (k, v == "bare")).collect());

/// The nouns' lengths and last letters (a prefilter).
static NOUN_SHAPE: LazyLock<lexicon::Shape> = LazyLock::new(|| lexicon::Shape::of(NOUNS.keys().copied()));

const NOT_MODIFIERS: &[&str] = &[
    "the", "a", "an", "of", "to", "with", "by", "for", "and", "or", "but", "that", "which", "who", "said", "told", "says",
    "from", "in", "on", "at", "as", "is", "was", "are", "were", "has", "have", "had", "its", "their", "his", "her", "it",
    "be", "been", "will", "would", "may", "also", "not", "some", "many", "most", "all", "other", "others", "several",
    "few", "these", "those", "this", "such", "more", "less", "any", "no", "both", "each", "every", "our", "your", "my",
    "about", "than", "like", "including", "against", "among", "between", "into", "over", "under", "after", "before",
    "while", "when", "where", "how", "why", "what", "if", "so", "only", "even", "just", "very", "there", "here", "he",
    "she", "they", "we", "i", "you", "them", "us", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "twenty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
    "dozens", "can", "could", "should", "must", "might", "shall", "do", "does", "did", "against",
];

/// Words after which the next word is a verb, not a modifier ("to repress demonstrators", "may
/// target protesters", "He informed reporters").
const BEFORE_VERB: &[&str] =
    &["to", "may", "might", "will", "would", "can", "could", "should", "must", "shall", "he", "she", "they", "we", "i", "it", "who", "which", "that"];

pub(super) struct Group {
    pub(super) span: Span,
    pub(super) sentence: usize,
    pub(super) name: String,
    /// Candidate index of the name that modifies the noun ("Boeing employees").
    pub(super) by: Option<usize>,
}

pub(super) fn find(text: &str, toks: &[Vec<Token>], cands: &[Cand], stats: &WordStats, skip: &[bool]) -> Vec<Group> {
    let mut out = Vec::new();
    // Candidate ending at (sentence, token) → index.
    let mut ends: HashMap<(usize, usize), usize> = HashMap::default();
    // Tokens covered by a name, per sentence.
    let mut inside: rustc_hash::FxHashSet<(usize, usize)> = rustc_hash::FxHashSet::default();
    for (ci, c) in cands.iter().enumerate() {
        ends.insert((c.sentence, c.toks.1), ci);
        for k in c.toks.0..c.toks.1 {
            inside.insert((c.sentence, k));
        }
    }
    for (si, tk) in toks.iter().enumerate() {
        if skip[si] {
            continue;
        }
        let first = tk.iter().position(|t| t.kind == Tk::Word).unwrap_or(0);
        for (i, t) in tk.iter().enumerate() {
            if t.kind != Tk::Word {
                continue;
            }
            let word = t.text(text);
            if is_cap(word) && i != first {
                continue;
            }
            // Most words have no noun's length or last letter: not looked up.
            if word.is_ascii() && !word.contains('.') && !NOUN_SHAPE.may_hold_ascii_lower(word) {
                continue;
            }
            let Some(bare) = with_fold(word, |lw| NOUNS.get(lw).copied()) else { continue };
            // Inside a name ("Committee to Protect Journalists")?
            if inside.contains(&(si, i)) {
                continue;
            }
            // A name just before: "Boeing employees", "Chinese nationals".
            if let Some(&ci) = ends.get(&(si, i)) {
                let c = &cands[ci];
                let span = Span::new(c.span.start, t.span.end);
                let name = crate::model::fold_whitespace(&text[span.start..span.end]);
                out.push(Group { span, sentence: si, name, by: Some(ci) });
                continue;
            }
            // Lower-case modifiers: "rights groups", "security analysts".
            let mut from = i;
            while from > 0 && i - from < 2 {
                let p = &tk[from - 1];
                let pw = p.text(text);
                let pf = fold(pw);
                let sentence_start = from - 1 == first && (stats.lower.contains(pf.as_str()) || !stats.cap_inside.contains(pf.as_str()));
                if p.kind != Tk::Word
                    || (is_cap(pw) && !sentence_start)
                    || NOT_MODIFIERS.contains(&pf.as_str())
                    || pw.chars().any(|c| c.is_ascii_digit())
                    || pf.ends_with("ly")
                    || NOUNS.contains_key(pf.as_str())
                {
                    break;
                }
                // A verb, not a modifier: "to repress", "may target", "He informed".
                if from >= 2 && BEFORE_VERB.contains(&fold(tk[from - 2].text(text)).as_str()) {
                    break;
                }
                if from - 1 == first && pf.ends_with("ed") {
                    break;
                }
                from -= 1;
            }
            if from == i && !bare {
                continue;
            }
            let span = Span::new(tk[from].span.start, t.span.end);
            let mut name = crate::model::fold_whitespace(&text[span.start..span.end]);
            if from == first && is_cap(&name) {
                // "Rights activists" at a sentence start is "rights activists".
                let mut cs = name.chars();
                if let Some(c) = cs.next() {
                    name = c.to_lowercase().chain(cs).collect();
                }
            }
            out.push(Group { span, sentence: si, name, by: None });
        }
    }
    out
}
