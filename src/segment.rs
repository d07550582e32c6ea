//! Segment: [`CleanArticle`] → [`Document`] (the article split into sentences).
//!
//! In: cleaned paragraphs with spans. Out: sentences with spans into the seed, each pointing at
//! its paragraph; the headline and the dateline are added as sentences of no paragraph so that
//! extractors see them too.
//!
//! How: a sentence ends at `.`, `!`, `?` or `…`, plus any closing quotes or brackets, when white
//! space and then a capital, a digit or an opening quote follow. A full stop after an
//! abbreviation (`data/abbreviations.txt`: "Mr.", "U.S.", "Sept."), an initial ("J.") or a
//! dotted acronym does not end a sentence, unless the abbreviation can end one ("U.S.", "Inc.")
//! and the next word is a common sentence opener ("The", "He", "In"). Line breaks inside a
//! paragraph are white space.
//!
//! Invariants (property-tested): sentences are in order, do not overlap, lie inside their
//! paragraph, are trimmed and non-empty, and together cover every non-space character of every
//! paragraph.
//!
//! Bounded: a sentence is at most [`MAX_SENTENCE`] bytes. A longer run of text (a paragraph
//! with no full stop, a pasted table, a repeated phrase) is cut into pieces of at most that
//! length at the last white space before the limit (mid-word when there is none), so every
//! later stage does work and writes output linear in the seed: statements and relations keep
//! their sentence, and a cue in a sentence looks at the rest of it.
//!
//! What it gets wrong: "He lives in the U.S. Congress agreed." is one sentence; a sentence that
//! ends without punctuation before a lower-case word runs on into it.

use crate::clean::trim_span;
use crate::lexicon;
use crate::model::{CleanArticle, DateOrigin, Document, Sentence, Span};

/// Most bytes of one sentence (see the module doc); longer runs are cut into pieces.
pub const MAX_SENTENCE: usize = 1200;

/// `span` cut into pieces of at most [`MAX_SENTENCE`] bytes, each trimmed and non-empty, at the
/// last white space before the limit when there is one, else at a character boundary.
fn capped(text: &str, span: Span, out: &mut Vec<Span>) {
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace).filter(|&w| w > 0) {
            cut = start + ws;
        }
        let piece = trim_span(text, Span::new(start, cut));
        if !piece.is_empty() {
            out.push(piece);
        }
        start = cut;
    }
    let piece = trim_span(text, Span::new(start, span.end));
    if !piece.is_empty() {
        out.push(piece);
    }
}

/// Abbreviations that often end a sentence too.
const FINAL_ABBREVIATIONS: &[&str] = &["a.m", "co", "corp", "d.c", "etc", "inc", "jr", "ltd", "p.m", "sr", "u.k", "u.n", "u.s", "u.s.a"];

/// Words that start a sentence far more often than they continue a name.
const OPENERS: &[&str] = &[
    "a", "after", "an", "and", "as", "at", "but", "by", "during", "for", "he", "her", "his", "however", "i", "if", "in",
    "it", "its", "many", "meanwhile", "most", "on", "one", "our", "she", "so", "some", "that", "the", "their", "there",
    "these", "they", "this", "those", "to", "we", "when", "while", "with", "you",
];

/// Splits one span of `text` into sentence spans.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    for piece in split_unbounded(text, span) {
        if piece.end - piece.start > MAX_SENTENCE {
            capped(text, piece, &mut out);
        } else {
            out.push(piece);
        }
    }
    out
}

fn split_unbounded(text: &str, span: Span) -> Vec<Span> {
    let s = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    // Open square brackets in the current sentence: a stop inside "[RIC: HWT. U.L.]" (trading
    // codes, editorial inserts) never ends the sentence. Round brackets are not counted: an
    // unclosed "(" is common in scraped text and would swallow the rest of the paragraph.
    let mut open_square = 0usize;
    while k < chars.len() {
        let (i, c) = chars[k];
        match c {
            '[' => open_square += 1,
            ']' => open_square = open_square.saturating_sub(1),
            _ => {}
        }
        let closes_soon = || chars[k..chars.len().min(k + 40)].iter().any(|&(_, c)| c == ']');
        if !matches!(c, '.' | '!' | '?' | '…') || (open_square > 0 && closes_soon()) {
            k += 1;
            continue;
        }
        // Take the run of terminators and closers: `?!`, `.”`, `.)`.
        let mut m = k + 1;
        while m < chars.len() && matches!(chars[m].1, '.' | '!' | '?' | '…' | '”' | '"' | '’' | '\'' | ')' | ']') {
            m += 1;
        }
        let end = if m < chars.len() { chars[m].0 } else { s.len() };
        // White space must follow, then a plausible sentence start.
        let mut n = m;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        if n == m || n >= chars.len() {
            k = m;
            continue;
        }
        let next = chars[n].1;
        let starts = next.is_uppercase() || next.is_ascii_digit() || matches!(next, '“' | '"' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-');
        if !starts || (c == '.' && !ends_sentence_after_dot(s, i, &s[chars[n].0..])) {
            k = m;
            continue;
        }
        let piece = trim_span(text, Span::new(span.start + start, span.start + end));
        if !piece.is_empty() {
            out.push(piece);
        }
        start = chars[n].0;
        open_square = 0;
        k = n;
    }
    let piece = trim_span(text, Span::new(span.start + start, span.end));
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Whether the full stop at byte `dot` of `s` ends a sentence, given what follows it.
fn ends_sentence_after_dot(s: &str, dot: usize, after: &str) -> bool {
    let before = &s[..dot];
    let word_start = before.rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '[')).map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    let opener = OPENERS.contains(&next_word.as_str());
    // An initial: "J. Smith".
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    if lexicon::ABBREVIATIONS.contains(lower.as_str()) {
        return FINAL_ABBREVIATIONS.contains(&lower.as_str()) && opener;
    }
    // Dotted acronyms not in the list ("N.A.T.O.", "U.A.E.").
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 5 && word.split('.').all(|p| p.chars().count() <= 2) {
        return opener;
    }
    true
}

/// Segments a cleaned article into sentences.
pub fn segment(article: CleanArticle) -> Document {
    let text = article.seed.text.as_str();
    let mut sentences = Vec::new();
    if let Some(t) = article.title_span {
        let mut pieces = Vec::new();
        capped(text, t, &mut pieces);
        sentences.extend(pieces.into_iter().map(|span| Sentence { span, paragraph: None }));
    }
    if let Some(p) = article.published {
        if let (DateOrigin::Text, Some(span)) = (p.origin, p.span) {
            sentences.push(Sentence { span, paragraph: None });
        }
    }
    for (pi, p) in article.paragraphs.iter().enumerate() {
        for span in split_sentences(text, p.span) {
            sentences.push(Sentence { span, paragraph: Some(pi) });
        }
    }
    // The headline and dateline normally come first, but a dateline may follow the first
    // paragraph; keep text order, ties (impossible: spans do not overlap) by paragraph.
    sentences.sort_by_key(|s| (s.span.start, s.span.end, s.paragraph));
    Document { article, sentences }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Seed;
    use proptest::prelude::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s, Span::new(0, s.len())).into_iter().map(|sp| &s[sp.start..sp.end]).collect()
    }

    #[test]
    fn splits_ordinary_sentences() {
        assert_eq!(split("It rained. Then it stopped! Did it? Yes."), vec!["It rained.", "Then it stopped!", "Did it?", "Yes."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(split("Thomas West, the U.S. Special Representative, spoke."), vec!["Thomas West, the U.S. Special Representative, spoke."]);
        assert_eq!(split("Mr. Smith met Dr. Jones on Sept. 12 in Washington."), vec!["Mr. Smith met Dr. Jones on Sept. 12 in Washington."]);
        assert_eq!(split("J. K. Rowling wrote it."), vec!["J. K. Rowling wrote it."]);
        assert_eq!(split("They flew to the U.S. The trip was long."), vec!["They flew to the U.S.", "The trip was long."]);
    }

    /// Regression: seeds/000_3504891bb809d83d.txt, "Huawei [RIC: HWT. U.L.] had a …" was cut
    /// after "HWT.".
    #[test]
    fn trading_code_in_brackets_does_not_end_the_sentence() {
        assert_eq!(split("Qani said Huawei [RIC: HWT. U.L.] had a chat. It ended."), vec!["Qani said Huawei [RIC: HWT. U.L.] had a chat.", "It ended."]);
        // An unclosed bracket does not swallow the paragraph.
        assert_eq!(split("He left [sic. Then he came back. Fine."), vec!["He left [sic.", "Then he came back.", "Fine."]);
    }

    #[test]
    fn quotes_close_the_sentence() {
        assert_eq!(split("“We agree.” He left. “No plan was discussed,” she said."), vec!["“We agree.”", "He left.", "“No plan was discussed,” she said."]);
    }

    #[test]
    fn lower_case_after_a_stop_continues() {
        assert_eq!(split("The U.N. report was grim. e.g. this one."), vec!["The U.N. report was grim. e.g. this one."]);
    }

    #[test]
    fn headline_and_dateline_are_sentences_of_no_paragraph() {
        let d = segment(crate::clean::clean(Seed::from_text("t.txt", "Apple releases SDK\n\nMarch 06, 2008\n\nApple released it. Developers cheered.")));
        assert_eq!(d.sentences.len(), 4);
        assert_eq!(d.sentences[0].paragraph, None);
        assert_eq!(d.slice(d.sentences[1].span), "March 06, 2008");
        assert_eq!(d.paragraph_id(2), Some("p1"));
        assert_eq!(d.body_sentences().count(), 2);
    }

    /// Regression (issue 17): a paragraph of "According to " repeated 20,000 times was one
    /// sentence, and every cue's statement held the rest of it.
    #[test]
    fn according_to_repeated_20000_times_is_cut_into_bounded_sentences() {
        let para = "According to ".repeat(20_000);
        let pieces = split(&para);
        assert!(pieces.len() >= para.len() / MAX_SENTENCE, "{}", pieces.len());
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE && p.starts_with("According") && p.ends_with("to")));
        assert_eq!(pieces.concat().len(), para.trim().len() - (pieces.len() - 1));
        // No white space at all: cut at a character boundary.
        let word = "é".repeat(2_000);
        let pieces = split(&word);
        assert!(pieces.len() == 4 && pieces.iter().all(|p| p.len() <= MAX_SENTENCE), "{:?}", pieces.iter().map(|p| p.len()).collect::<Vec<_>>());
    }

    proptest! {
        #[test]
        fn sentences_partition_each_paragraph(text in "[A-Za-z .!?”“\"\\n]{0,200}") {
            let doc = segment(crate::clean::clean(Seed::from_text("t.txt", &format!("Headline\n\n{text}"))));
            let mut last_end = 0;
            for s in &doc.sentences {
                prop_assert!(s.span.start >= last_end, "ordered, no overlap");
                prop_assert!(!s.span.is_empty());
                let t = doc.slice(s.span);
                prop_assert_eq!(t.trim(), t);
                if let Some(p) = s.paragraph {
                    prop_assert!(doc.article.paragraphs[p].span.contains(s.span));
                }
                last_end = s.span.end;
            }
            for (pi, p) in doc.article.paragraphs.iter().enumerate() {
                let covered: String = doc.sentences.iter().filter(|s| s.paragraph == Some(pi)).map(|s| doc.slice(s.span)).collect::<Vec<_>>().join(" ");
                let a: String = doc.slice(p.span).split_whitespace().collect();
                let b: String = covered.split_whitespace().collect();
                prop_assert_eq!(a, b);
            }
        }
    }
}
