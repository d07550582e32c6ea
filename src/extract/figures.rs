//! Figures: key numbers with their units.
//!
//! In: the document and its dates. Out: figures in text order, each with its numeric value
//! (scale words applied: "$100 million" → 1e8), its unit and the sentence it came from.
//!
//! What counts: a number written in digits (`62,000`, `3.5`) in a body sentence, with an
//! optional qualifier in front (`at least`, `more than`, `about`, `as many as`, `nearly`, `up
//! to` — kept in `text`), an optional currency (`$`, `€`, `£`, `US$` → unit `USD`, `EUR`,
//! `GBP`) and scale word (`million`, `billion`, `thousand`, `bn` …: `data/number-scales.txt`),
//! and then a unit: the currency, a percent sign or word (`40% of Afghans` → unit `% of
//! Afghans`), or the noun phrase that follows (`62,000 cameras` → `cameras`, `6,000 Islamic
//! State fighters` → `Islamic State fighters`; at most four words, stopping at function words,
//! verbs and punctuation). A number with none of these is not a figure.
//!
//! What is skipped: numbers inside any temporal expression (years, days of the month, `four
//! years`), ordinals (`12th`), product and model numbers right after a capitalised word
//! (`iPhone 4`, `Boeing 747`), clock times, and values that do not fit an `f64` (the figure is
//! dropped, never a panic or an infinite value in the JSON).
//!
//! The same figure (text and unit) is listed once, at its first mention; at most 6 figures a
//! sentence and 60 an article are kept (each carries its sentence, so a one-line article of a
//! megabyte must not multiply it).
//!
//! What it gets wrong: numbers written as words ("two maps", "eight officials") are not
//! figures; the unit phrase can take a following adjective or stop early ("cameras connected");
//! ranges ("5-10 people") give two figures.

use crate::extract::dates::tokens::{join, tokenize, Kind, Tok};
use crate::lexicon::NUMBER_SCALES;
use crate::model::{fold_whitespace, DateMention, Document, Figure, Span};

/// Key numbers, not every number: each figure carries its whole sentence, so a pathological
/// one-line article must not multiply it.
const MAX_FIGURES: usize = 60;
const MAX_PER_SENTENCE: usize = 6;

/// Qualifiers kept in front of a figure, longest first.
const QUALIFIERS: &[&[&str]] = &[
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["at", "least"],
    &["at", "most"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["up", "to"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
    &["some"],
    &["over"],
    &["just"],
];

/// Words that end a unit phrase.
const UNIT_STOP: &[&str] = &[
    "a", "about", "across", "after", "against", "also", "an", "and", "are", "as", "at", "be", "been", "before", "being", "but",
    "by", "can", "could", "did", "do", "does", "during", "each", "for", "from", "had", "has", "have", "her", "his", "in",
    "into", "is", "its", "may", "might", "more", "most", "must", "not", "of", "on", "or", "our", "over", "per", "should",
    "since", "so", "than", "that", "the", "their", "them", "these", "they", "this", "those", "through", "throughout", "to",
    "under", "until", "was", "were", "what", "when", "where", "which", "while", "who", "will", "with", "within", "would",
];

fn currency(t: &Tok) -> Option<&'static str> {
    match t.text {
        "$" => Some("USD"),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        "¥" => Some("JPY"),
        _ => None,
    }
}

/// Parses `62,000` / `3.5`; `None` for anything that does not give a finite value.
pub fn parse_number(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    let v: f64 = clean.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Figures of one sentence (`text[span]`), skipping tokens inside `skip` spans.
pub fn figures_in(text: &str, span: Span, skip: &[Span], sentence: usize, out: &mut Vec<Figure>) {
    // Every figure is built on a number token, which starts with an ASCII digit: a sentence
    // without one (most of them) needs no tokens.
    if !text.as_bytes()[span.start..span.end].iter().any(u8::is_ascii_digit) {
        return;
    }
    let toks = tokenize(text, span.start, span.end);
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != Kind::Num || in_skip(skip, Span::new(t.start, t.end)) {
            i += 1;
            continue;
        }
        // Model numbers: "iPhone 4", "Boeing 747", "STS-134", "No. 5".
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let is_qualifier = |w: &str| QUALIFIERS.iter().any(|q| q.contains(&w));
        let model = prev.is_some_and(|p| {
            p.is_word() && p.text.chars().any(char::is_uppercase) && (i > 1 || p.text.chars().skip(1).any(char::is_uppercase)) && !is_qualifier(&p.lower)
        });
        if model || prev.is_some_and(|p| matches!(p.text, "-" | "#" | "/" | ":" | "." | "No")) {
            i += 1;
            continue;
        }
        if toks.get(i + 1).is_some_and(|n| matches!(n.text, ":" | "/") || matches!(n.lower.as_str(), "a.m" | "p.m" | "am" | "pm")) {
            i += 1;
            continue;
        }
        let Some(mut value) = parse_number(t.text) else {
            i += 1;
            continue;
        };
        // Currency in front: "$100", "US$ 5".
        let mut start = i;
        let mut unit: Option<String> = None;
        if let Some(p) = prev.and_then(currency) {
            start = i - 1;
            unit = Some(p.to_string());
            if i >= 2 && toks[i - 2].text == "US" && toks[i - 2].end == toks[i - 1].start {
                start = i - 2;
            }
        }
        let mut end = i + 1;
        if let Some(scale) = toks.get(end).filter(|n| n.is_word()).and_then(|n| NUMBER_SCALES.get(n.lower.as_str())) {
            value *= scale;
            end += 1;
        }
        if !value.is_finite() {
            i = end;
            continue;
        }
        // The unit after the number.
        if unit.is_none() {
            let next = toks.get(end);
            if next.is_some_and(|n| n.text == "%" || n.lower == "percent" || (n.lower == "per" && toks.get(end + 1).is_some_and(|x| x.lower == "cent"))) {
                end += if next.is_some_and(|n| n.lower == "per") { 2 } else { 1 };
                let mut u = "%".to_string();
                if toks.get(end).is_some_and(|x| x.lower == "of") {
                    let np = noun_phrase(&toks, end + 1);
                    if np > end + 1 {
                        u = format!("% of {}", join(&toks[end + 1..np]));
                    }
                }
                unit = Some(u);
            } else {
                let np = noun_phrase(&toks, end);
                if np > end {
                    unit = Some(join(&toks[end..np]));
                }
            }
        } else if let Some(c) = toks.get(end).filter(|n| matches!(n.lower.as_str(), "dollars" | "euros" | "pounds")) {
            let _ = c;
            end += 1;
        }
        let Some(unit) = unit else {
            i = end;
            continue;
        };
        // A qualifier in front ("at least 64").
        for q in QUALIFIERS {
            if start >= q.len() && toks[start - q.len()..start].iter().zip(q.iter()).all(|(t, w)| t.lower == *w) {
                // "over" and "some" only directly before the number (not "over 2008 levels").
                start -= q.len();
                break;
            }
        }
        let sp = Span::new(toks[start].start, toks[end - 1].end);
        out.push(Figure { span: sp, text: fold_whitespace(&text[sp.start..sp.end]), value, unit: Some(unit), sentence });
        i = end;
    }
}

/// Whether `sp` overlaps one of `skip` (sorted by start, not overlapping one another).
fn in_skip(skip: &[Span], sp: Span) -> bool {
    let i = skip.partition_point(|s| s.end <= sp.start);
    skip.get(i).is_some_and(|s| s.overlaps(sp))
}

/// End of the noun phrase starting at `k` (exclusive): up to four words, not function words,
/// verbs in `-ed` or adverbs in `-ly`.
fn noun_phrase(toks: &[Tok], k: usize) -> usize {
    let mut e = k;
    while e < toks.len() && e < k + 4 {
        let t = &toks[e];
        if !t.is_word() || UNIT_STOP.contains(&t.lower.as_str()) || t.lower.ends_with("ly") || t.lower.ends_with("ed") || NUMBER_SCALES.contains_key(t.lower.as_str()) && e == k {
            break;
        }
        e += 1;
    }
    e
}


/// Every figure of the article body, in text order.
pub fn extract(doc: &Document, dates: &[DateMention]) -> Vec<Figure> {
    let mut out = Vec::new();
    // Dates are in text order and do not overlap.
    let skip: Vec<Span> = dates.iter().map(|d| d.span).collect();
    let mut seen = std::collections::BTreeSet::new();
    for si in doc.body_sentences() {
        let mut here = Vec::new();
        figures_in(doc.text(), doc.sentences[si].span, &skip, si, &mut here);
        for f in here.into_iter().take(MAX_PER_SENTENCE) {
            if out.len() < MAX_FIGURES && seen.insert((f.text.to_lowercase(), f.unit.clone())) {
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(s: &str) -> Vec<(String, f64, String)> {
        let dates: Vec<Span> = crate::extract::dates::tag_text(s, None).into_iter().map(|f| f.mention.span).collect();
        let mut out = Vec::new();
        figures_in(s, Span::new(0, s.len()), &dates, 0, &mut out);
        out.into_iter().map(|f| (f.text, f.value, f.unit.unwrap_or_default())).collect()
    }

    fn f(t: &str, v: f64, u: &str) -> (String, f64, String) {
        (t.to_string(), v, u.to_string())
    }

    /// The examples, in sentences of the same shape.
    #[test]
    fn numbers_with_units() {
        assert_eq!(figs("Approximately 62,000 cameras throughout the city are watched."), vec![f("Approximately 62,000", 62000.0, "cameras")]);
        assert_eq!(figs("The coalition supported the $100 million initiative."), vec![f("$100 million", 1e8, "USD")]);
        assert_eq!(figs("Just 40% of Afghans have access to electricity."), vec![f("Just 40%", 40.0, "% of Afghans")]);
        assert_eq!(figs("At least 64 journalists have been jailed."), vec![f("At least 64", 64.0, "journalists")]);
        assert_eq!(figs("a budget of more than $2 billion, most of which"), vec![f("more than $2 billion", 2e9, "USD")]);
        assert_eq!(figs("there may be as many as 6,000 Islamic State fighters and their families"), vec![f("as many as 6,000", 6000.0, "Islamic State fighters")]);
    }

    #[test]
    fn years_dates_ordinals_and_models_are_not_figures() {
        assert!(figs("In 2008 the system was modified on September 12, 2023.").is_empty());
        assert!(figs("It will take four years and 12th place.").is_empty());
        assert!(figs("The iPhone 4 launched at 10:30 a.m.").is_empty());
        assert!(figs("There were 12 of them.").is_empty());
    }

    #[test]
    fn huge_numbers_never_panic() {
        let big = "9".repeat(400);
        assert!(figs(&format!("{big} cameras")).is_empty());
        assert_eq!(figs("1,000,000,000,000 trillion dollars").len(), 1);
        assert!(figs("$1e308 billion").iter().all(|x| x.1.is_finite()));
    }
}
