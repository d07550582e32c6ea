//! Summary: the one or two sentences a reader sees first.
//!
//! In: the document. Out: the lede: the first one or two sentences of the first text paragraph,
//! capped near 60 words so it fits a card and a `<meta name="description">`.
//!
//! Also "why it matters": the first sentence of the article's opening, after the summary, that
//! carries a cue from `data/why-cues.txt` ("comes as", "raises concerns", …), the strongest cue
//! winning.
//!
//! And "what comes next": the first sentence after the lede paragraph with a cue from
//! `data/next-cues.txt` ("will", "plans to", "is expected to").
//!
//! What it gets wrong: "will" in a quote about the past ("we will win", said in 2019) counts as
//! what comes next. An article that states its stakes without such a cue gets no "why it
//! matters", and a cue used in passing ("could") can pick a sentence that is merely
//! speculative. A lede that is a scene-setting anecdote gives an unhelpful summary; an
//! article that buries its news is summarised by its opening anyway.

use crate::model::{Document, ParagraphKind};

/// Most words the summary may hold before it is cut at a sentence.
const MAX_WORDS: usize = 60;

/// The summary and the first sentence it is made of.
pub fn summarize(doc: &Document) -> (String, Option<usize>) {
    let first_sentence = doc.article.paragraphs.iter().position(|p| p.kind == ParagraphKind::Text).and_then(|first| {
        doc.body_sentences().find(|&s| doc.sentences[s].paragraph == Some(first))
    });
    (summary_text(doc), first_sentence)
}

fn summary_text(doc: &Document) -> String {
    let Some(first) = doc.article.paragraphs.iter().position(|p| p.kind == ParagraphKind::Text) else {
        return doc.article.title.clone();
    };
    let mut out = String::new();
    for s in doc.body_sentences().filter(|&s| doc.sentences[s].paragraph == Some(first)) {
        let t = doc.sentence_text(s);
        let total = out.split_whitespace().count() + t.split_whitespace().count();
        if !out.is_empty() && total > MAX_WORDS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t);
        if out.split_whitespace().count() >= 25 {
            break;
        }
    }
    if out.split_whitespace().count() > MAX_WORDS * 2 {
        let ws: Vec<&str> = out.split_whitespace().take(MAX_WORDS).collect();
        out = format!("{}…", ws.join(" "));
    }
    out
}

/// Cue phrases and their strength (2 = states the stakes, 1 = speculation), lower-case, each
/// with its substring finder built once (building a searcher per sentence and cue was ~1.5 %
/// of a cold build).
static WHY_CUES: std::sync::LazyLock<Vec<(memchr::memmem::Finder<'static>, u8)>> = std::sync::LazyLock::new(|| {
    crate::lexicon::lines("why-cues.txt")
        .map(|l| {
            let (k, v) = l.split_once('\t').unwrap_or((l, "1"));
            (memchr::memmem::Finder::new(k.as_bytes()), v.trim().parse().unwrap_or(1))
        })
        .collect()
});

/// The strength of the strongest cue.
static WHY_MAX: std::sync::LazyLock<Option<u8>> = std::sync::LazyLock::new(|| WHY_CUES.iter().map(|(_, w)| *w).max());

/// Only the opening of an article is searched: stakes stated late are usually one voice's view.
pub const WHY_WINDOW: usize = 12;

/// The sentence of the opening, after the summary, that states why the story matters.
pub fn why_it_matters(doc: &Document, summary: &str) -> Option<usize> {
    let mut best: Option<(u8, usize)> = None;
    for i in doc.body_sentences().take(WHY_WINDOW) {
        let text = doc.sentence_text(i);
        // Nothing later can beat the strongest cue.
        if best.is_some_and(|(w, _)| Some(w) >= *WHY_MAX) {
            break;
        }
        if contains_bytes(summary.as_bytes(), text.as_bytes()) {
            continue;
        }
        let lower = text.to_lowercase();
        let strength = WHY_CUES.iter().filter(|(cue, _)| contains_phrase(&lower, cue)).map(|(_, w)| *w).max();
        if let Some(w) = strength {
            if best.is_none_or(|(bw, _)| w > bw) {
                best = Some((w, i));
            }
        }
    }
    best.map(|(_, i)| i)
}

/// Phrases that say what comes next ("will", "plans to", "is expected to"), lower-case, each with
/// its finder built once.
static NEXT_CUES: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| crate::lexicon::lines("next-cues.txt").map(|l| memchr::memmem::Finder::new(l.as_bytes())).collect());

/// The first sentence after the lede paragraph that says what comes next (a cue from
/// `data/next-cues.txt`), not one of `taken` (the summary's and "why it matters"), and not a
/// question.
pub fn what_next(doc: &Document, taken: &[usize]) -> Option<usize> {
    let lede = taken.first().and_then(|&s| doc.sentences[s].paragraph);
    doc.body_sentences().filter(|&i| doc.sentences[i].paragraph != lede && !taken.contains(&i)).find(|&i| {
        let text = doc.sentence_text(i);
        if text.ends_with('?') || text.ends_with("?\u{201d}") {
            return false;
        }
        let lower = text.to_lowercase();
        NEXT_CUES.iter().any(|cue| contains_phrase(&lower, cue))
    })
}

/// `hay` contains `needle` (as `str::contains`): candidate starts found by the needle's first
/// byte, then compared. The needle is a whole sentence and the haystack a short summary, so
/// building a substring searcher per sentence cost more than the search.
fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else { return true };
    if needle.len() > hay.len() {
        return false;
    }
    memchr::memchr_iter(first, &hay[..=hay.len() - needle.len()]).any(|i| &hay[i..i + needle.len()] == needle)
}

/// `needle` occurs in `hay` as whole words.
fn contains_phrase(hay: &str, needle: &memchr::memmem::Finder) -> bool {
    let mut from = 0;
    while let Some(i) = needle.find(&hay.as_bytes()[from..]) {
        let start = from + i;
        let end = start + needle.needle().len();
        // The needle is valid UTF-8 and so is `hay`: a match starts and ends on char boundaries.
        let before = hay[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = end;
    }
    false
}


#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::segment::segment(crate::clean::clean(crate::model::Seed::from_text("seeds/t.txt", text)))
    }

    #[test]
    fn why_prefers_stated_stakes_over_speculation() {
        let d = doc("Headline here\n\nOfficials said the plan was ready. The plan could change.\n\nThe move comes as rivals expand.\n");
        let (summary, first) = summarize(&d);
        assert_eq!(d.sentence_text(first.unwrap()), "Officials said the plan was ready.");
        let w = why_it_matters(&d, &summary).unwrap();
        assert_eq!(d.sentence_text(w), "The move comes as rivals expand.");
        assert_eq!(d.paragraph_id(w), Some("p2"));
        // The summary test is `str::contains`.
        for (h, n) in [("abc", ""), ("", ""), ("", "a"), ("abc", "abc"), ("abcabd", "abd"), ("ab", "abc"), ("xaab", "aab"), ("ééa", "éa")] {
            assert_eq!(contains_bytes(h.as_bytes(), n.as_bytes()), h.contains(n), "{h:?} {n:?}");
        }
        // "becomes assets" must not match "comes as".
        let d = doc("Headline here\n\nIt becomes assets.\n");
        assert!(why_it_matters(&d, "").is_none());
    }

    #[test]
    fn stated_stakes_beat_context() {
        let d = doc("Headline here\n\nThe city opened a bridge.\n\nThe move comes as traffic grows. Critics fear the cost will rise.\n");
        let (summary, _) = summarize(&d);
        assert_eq!(d.sentence_text(why_it_matters(&d, &summary).unwrap()), "Critics fear the cost will rise.");
    }

    #[test]
    fn what_next_skips_the_lede_and_questions() {
        let d = doc("Headline here\n\nThe council will vote today.\n\nWill it pass?\n\nThe mayor said the vote is expected to be close.\n");
        let (_, first) = summarize(&d);
        let n = what_next(&d, &[first.unwrap()]).unwrap();
        assert_eq!(d.sentence_text(n), "The mayor said the vote is expected to be close.");
    }
}
