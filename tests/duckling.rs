//! The Duckling English time corpus as unit cases for the date tagger.
//!
//! Reads `duckling-en.jsonl` from `../shared/eval/duckling-en-time/` (or
//! `/work/shared/eval/duckling-en-time/`, or `$DUCKLING_JSONL`); skips with a message when it is
//! not there (CI has no copy). Each phrase is tagged with its reference date as the publication
//! date; a case passes when a tagged date overlapping the phrase has the gold value.
//!
//! Exclusions (not scored; counted and printed):
//! - phrases without a gold value (times of day, intervals: detection only in the corpus);
//! - holidays and named days ("thanksgiving", "easter", "diwali"): not recognised by design;
//! - future bias: the gold value lies after the reference date while the phrase states no year
//!   and no future word ("next", "upcoming", "coming", "in N …", "from now", "tomorrow", "this"):
//!   Duckling reads "sunday" or "May" as the next one, news past bias reads the last one.
//!
//! - conventions: "N units ago" (Duckling: a day; TimeML: the unit, 2013-W06) and "upcoming
//!   two weeks" (Duckling: a date; TimeML: a duration).
//!
//! The test asserts a floor on the pass rate of the remaining cases so regressions show.

use explainer::extract::dates::tag_text;
use explainer::model::Ymd;

const FLOOR: f64 = 0.40;

fn corpus() -> Option<String> {
    let candidates = [
        std::env::var("DUCKLING_JSONL").unwrap_or_default(),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/duckling-en-time/duckling-en.jsonl").to_string(),
        "/work/shared/eval/duckling-en-time/duckling-en.jsonl".to_string(),
    ];
    candidates.iter().filter(|p| !p.is_empty()).find_map(|p| std::fs::read_to_string(p).ok())
}

fn future_word(t: &str) -> bool {
    let l = t.to_lowercase();
    ["next", "upcoming", "coming", "from now", "tomorrow", "later", "after", "following", "this", "within"].iter().any(|w| l.contains(w))
}

/// Conventions where Duckling and TimeML news annotation disagree by design: "a week ago" is a
/// day for Duckling and a week (2013-W06) in TimeML; "upcoming two weeks" is a date for
/// Duckling and a duration in TimeML.
fn convention(t: &str) -> bool {
    let l = t.to_lowercase();
    l.contains(" ago") || l.contains(" back") || l.contains("upcoming") || l.contains("coming")
}

#[test]
fn duckling_english_corpus() {
    let Some(text) = corpus() else {
        eprintln!("duckling corpus not found (../shared/eval/duckling-en-time/duckling-en.jsonl); skipping");
        return;
    };
    let (mut pass, mut scored, mut no_value, mut holiday, mut future, mut conv) = (0, 0, 0, 0, 0, 0);
    let mut fails = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let phrase = v["text"].as_str().unwrap();
        let dct = Ymd::parse(v["dct"].as_str().unwrap()).unwrap();
        let Some(gold) = v["gold"]["dates"].get(0) else { continue };
        let Some(value) = gold["value"].as_str() else {
            no_value += 1;
            continue;
        };
        if gold["duckling"]["holiday"].is_string() {
            holiday += 1;
            continue;
        }
        let has_year = phrase.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4);
        if value > v["dct"].as_str().unwrap() && !has_year && !future_word(phrase) {
            future += 1;
            continue;
        }
        if convention(phrase) {
            conv += 1;
            continue;
        }
        scored += 1;
        let got: Vec<String> = tag_text(phrase, Some(dct)).into_iter().map(|f| f.mention.value).collect();
        if got.iter().any(|g| g.eq_ignore_ascii_case(value)) {
            pass += 1;
        } else {
            fails.push(format!("{:?}: gold {value}, got {got:?}", phrase.trim()));
        }
    }
    let rate = pass as f64 / scored.max(1) as f64;
    eprintln!(
        "duckling: {pass}/{scored} = {rate:.3} pass; excluded: {no_value} without value, {holiday} holidays, {future} future-bias, {conv} convention"
    );
    for f in fails.iter().take(400) {
        eprintln!("  miss {f}");
    }
    assert!(rate >= FLOOR, "duckling pass rate {rate:.3} fell below {FLOOR}");
}
