//! Lexicons compiled into the binary.
//!
//! In: the files under `data/`, one entry a line, sorted, no duplicates (checked by the test at
//! the bottom, which every new file must be added to). Out: lazily built sets and maps.
//! Lines may carry a tab-separated value (`pattern<TAB>reason`); `#` starts no comment: every
//! line is data.
//!
//! What it gets wrong: entries are matched as lower-case ASCII-folded strings only; inflected
//! forms must be listed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Every lexicon file, by name, for the check test and for `explainer check`.
pub const FILES: &[(&str, &str)] = &[
    ("abbreviations.txt", include_str!("../data/abbreviations.txt")),
    ("byline-cues.txt", include_str!("../data/byline-cues.txt")),
    ("byline-roles.txt", include_str!("../data/byline-roles.txt")),
    ("caption-cues.txt", include_str!("../data/caption-cues.txt")),
    ("chrome.txt", include_str!("../data/chrome.txt")),
    ("date-labels.txt", include_str!("../data/date-labels.txt")),
    ("claim-adverbs.txt", include_str!("../data/claim-adverbs.txt")),
    ("hedges.txt", include_str!("../data/hedges.txt")),
    ("english-function-words.txt", include_str!("../data/english-function-words.txt")),
    ("paywall.txt", include_str!("../data/paywall.txt")),
    ("event-nouns.txt", include_str!("../data/event-nouns.txt")),
    ("headline-labels.txt", include_str!("../data/headline-labels.txt")),
    ("months.txt", include_str!("../data/months.txt")),
    ("months-other-languages.txt", include_str!("../data/months-other-languages.txt")),
    ("name-particles.txt", include_str!("../data/name-particles.txt")),
    ("armed-groups.txt", include_str!("../data/armed-groups.txt")),
    ("companies.txt", include_str!("../data/companies.txt")),
    ("countries.txt", include_str!("../data/countries.txt")),
    ("descriptors.txt", include_str!("../data/descriptors.txt")),
    ("given-names.txt", include_str!("../data/given-names.txt")),
    ("government-bodies.txt", include_str!("../data/government-bodies.txt")),
    ("honorifics.txt", include_str!("../data/honorifics.txt")),
    ("international-organisations.txt", include_str!("../data/international-organisations.txt")),
    ("media.txt", include_str!("../data/media.txt")),
    ("ngos.txt", include_str!("../data/ngos.txt")),
    ("non-actor-heads.txt", include_str!("../data/non-actor-heads.txt")),
    ("non-actor-words.txt", include_str!("../data/non-actor-words.txt")),
    ("org-words.txt", include_str!("../data/org-words.txt")),
    ("people-nouns.txt", include_str!("../data/people-nouns.txt")),
    ("place-nouns.txt", include_str!("../data/place-nouns.txt")),
    ("relation-cues.txt", include_str!("../data/relation-cues.txt")),
    ("reactions.txt", include_str!("../data/reactions.txt")),
    ("reaction-verbs.txt", include_str!("../data/reaction-verbs.txt")),
    ("sentence-openers.txt", include_str!("../data/sentence-openers.txt")),
    ("title-modifiers.txt", include_str!("../data/title-modifiers.txt")),
    ("titles.txt", include_str!("../data/titles.txt")),
    ("next-cues.txt", include_str!("../data/next-cues.txt")),
    ("number-scales.txt", include_str!("../data/number-scales.txt")),
    ("number-words.txt", include_str!("../data/number-words.txt")),
    ("past-verbs.txt", include_str!("../data/past-verbs.txt")),
    ("tense-future.txt", include_str!("../data/tense-future.txt")),
    ("time-units.txt", include_str!("../data/time-units.txt")),
    ("weekdays.txt", include_str!("../data/weekdays.txt")),
    ("why-cues.txt", include_str!("../data/why-cues.txt")),
    // Sources (src/extract/sources/).
    ("cognitive-verbs.txt", include_str!("../data/cognitive-verbs.txt")),
    ("cue-action-objects.txt", include_str!("../data/cue-action-objects.txt")),
    ("cue-adjectives.txt", include_str!("../data/cue-adjectives.txt")),
    ("country-names.txt", include_str!("../data/country-names.txt")),
    ("cue-verbs.txt", include_str!("../data/cue-verbs.txt")),
    ("denial-verbs.txt", include_str!("../data/denial-verbs.txt")),
    ("judgement-verbs.txt", include_str!("../data/judgement-verbs.txt")),
    ("media-names.txt", include_str!("../data/media-names.txt")),
    ("nationalities.txt", include_str!("../data/nationalities.txt")),
    ("no-comment.txt", include_str!("../data/no-comment.txt")),
    ("role-nouns.txt", include_str!("../data/role-nouns.txt")),
    ("source-nouns.txt", include_str!("../data/source-nouns.txt")),
    ("source-org-words.txt", include_str!("../data/source-org-words.txt")),
];

/// The file's text by name. Panics on an unknown name: that is a programming error.
pub fn file(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_else(|| panic!("no lexicon {name}"))
}

/// Non-empty lines of a lexicon.
pub fn lines(name: &str) -> impl Iterator<Item = &'static str> {
    file(name).lines().filter(|l| !l.trim().is_empty())
}

/// A lexicon as a set of its lines.
pub fn set(name: &str) -> BTreeSet<&'static str> {
    lines(name).collect()
}

/// The `(key, value)` pairs of a lexicon of `key<TAB>value` lines (value "" when absent).
fn pairs(name: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    lines(name).map(|l| l.split_once('\t').unwrap_or((l, "")))
}

/// A lexicon of `key<TAB>value` lines as a map.
pub fn map(name: &str) -> BTreeMap<&'static str, &'static str> {
    pairs(name).collect()
}

/// A look-up-only lexicon (never iterated, so its order cannot reach the output), hashed: the
/// extractors ask these at nearly every token, where B-tree string comparisons were a hot spot.
pub type HashedSet = LazyLock<rustc_hash::FxHashSet<&'static str>>;
/// [`HashedSet`] for `key<TAB>value` lexicons.
pub type HashedMap = LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>>;

/// A lexicon as a hashed set of its lines (for a [`HashedSet`]).
pub fn hashed_set(name: &str) -> rustc_hash::FxHashSet<&'static str> {
    lines(name).collect()
}

/// A lexicon of `key<TAB>value` lines as a hashed map (for a [`HashedMap`]).
pub fn hashed_map(name: &str) -> rustc_hash::FxHashMap<&'static str, &'static str> {
    pairs(name).collect()
}

/// The lengths and last bytes of a lexicon's keys: a word whose length or last byte no key has
/// is not one of them, which is cheaper to tell than hashing it (a prefilter, never an answer).
#[derive(Debug, Clone)]
pub struct Shape {
    /// Bit `n`: some key is `n` bytes long (keys of 64 bytes or more set bit 63).
    lengths: u64,
    /// Bit `b`: some key ends in byte `b`.
    last: [u64; 4],
}

impl Shape {
    pub fn of<'a>(keys: impl IntoIterator<Item = &'a str>) -> Shape {
        let mut s = Shape { lengths: 0, last: [0; 4] };
        for k in keys {
            s.lengths |= 1 << k.len().min(63);
            if let Some(&b) = k.as_bytes().last() {
                s.last[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        s
    }
    /// False when `w` cannot be a key; true when it may be.
    pub fn may_hold(&self, w: &str) -> bool {
        self.lengths & (1 << w.len().min(63)) != 0 && w.as_bytes().last().is_none_or(|&b| self.has_last(b))
    }
    /// [`Shape::may_hold`] for the ASCII lower case of `w`.
    pub fn may_hold_ascii_lower(&self, w: &str) -> bool {
        self.lengths & (1 << w.len().min(63)) != 0 && w.as_bytes().last().is_none_or(|&b| self.has_last(b.to_ascii_lowercase()))
    }
    fn has_last(&self, b: u8) -> bool {
        self.last[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

pub static ABBREVIATIONS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| set("abbreviations.txt"));
pub static HEADLINE_LABELS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| set("headline-labels.txt"));
/// Scale words after a number ("million" → 1e6), for figures and for telling counts from years.
pub static NUMBER_SCALES: LazyLock<BTreeMap<&'static str, f64>> =
    LazyLock::new(|| map("number-scales.txt").into_iter().filter_map(|(k, v)| Some((k, v.parse().ok()?))).collect());
pub static CHROME: LazyLock<BTreeMap<&'static str, &'static str>> = LazyLock::new(|| map("chrome.txt"));
/// Paywall prompts ("to read the full story"), matched inside a line (clean::assess).
/// Words that open a byline ("By", "Written by", "Von"), lower case.
pub static BYLINE_CUES: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| set("byline-cues.txt"));
/// Labels before a date in a page's furniture ("Updated on", "Veröffentlicht am") → `published`
/// or `updated`.
pub static DATE_LABELS: LazyLock<BTreeMap<&'static str, &'static str>> = LazyLock::new(|| map("date-labels.txt"));
/// What marks a photo caption or credit ("Photograph:", "Getty Images", "(AP Photo"), lower
/// case, found anywhere in a line.
pub static CAPTION_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines("caption-cues.txt").collect());
/// Month names in the other languages of the pages we meet (German, French, Spanish, Italian,
/// Dutch, Portuguese) → month number: read in page furniture only ("8. Januar 2020"), never
/// in the text the extractors read, where "Mai" or "mars" are words.
pub static MONTHS_OTHER_LANGUAGES: LazyLock<BTreeMap<&'static str, u32>> =
    LazyLock::new(|| pairs("months-other-languages.txt").map(|(k, v)| (k, v.parse().expect("data/months-other-languages.txt: month number"))).collect());
pub static PAYWALL: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines("paywall.txt").collect());
/// The commonest English function words: their share of a text tells English from other languages.
pub static ENGLISH_FUNCTION_WORDS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| set("english-function-words.txt"));

/// Month names in calendar order (`january` first).
pub static MONTHS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    const ORDER: [&str; 12] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ];
    let set = set("months.txt");
    assert!(ORDER.iter().all(|m| set.contains(m)) && set.len() == 12, "data/months.txt must list the 12 months");
    ORDER.to_vec()
});

/// 1-based month number of a month name or its common abbreviation ("Sept", "Jan.").
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').as_bytes();
    // No month name is longer than "september": longer words match none (and need no copy).
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    let mut buf = [0u8; 9];
    let w = &mut buf[..w.len()];
    w.copy_from_slice(word.trim_end_matches('.').as_bytes());
    w.make_ascii_lowercase();
    // The names of MONTHS (checked against data/months.txt there), their first three letters
    // and "sept"; a test checks this against the list.
    Some(match &*w {
        b"jan" | b"january" => 1,
        b"feb" | b"february" => 2,
        b"mar" | b"march" => 3,
        b"apr" | b"april" => 4,
        b"may" => 5,
        b"jun" | b"june" => 6,
        b"jul" | b"july" => 7,
        b"aug" | b"august" => 8,
        b"sep" | b"sept" | b"september" => 9,
        b"oct" | b"october" => 10,
        b"nov" | b"november" => 11,
        b"dec" | b"december" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lexicon is sorted (byte order of the whole line), has no duplicates, no blank
    /// lines, no surrounding white space, and ends with a newline.
    /// From the date tagger's weekday prefilter: every key passes, other shapes fail.
    #[test]
    fn shape_holds_every_key() {
        let keys = ["monday", "sunday", "wednesday", "", "a"];
        let s = Shape::of(keys);
        assert!(keys.iter().all(|k| s.may_hold(k)));
        assert!(!s.may_hold("mondax") && !s.may_hold("days") && !s.may_hold("ab"));
        assert!(s.may_hold_ascii_lower("SUNDAY") && !s.may_hold("SUNDAY"));
        let long = "x".repeat(70);
        assert!(Shape::of([long.as_str()]).may_hold(&"x".repeat(64)));
    }

    /// `month_number` spells out what this rule over MONTHS accepts (a full name, its first
    /// three letters or "sept", any case, dots after it dropped): every prefix of every month,
    /// in two cases and with a dot, gets the same answer from both.
    #[test]
    fn month_number_is_the_rule_over_months() {
        let rule = |word: &str| {
            let w = word.trim_end_matches('.').to_ascii_lowercase();
            MONTHS.iter().position(|m| m.len() <= 9 && w.len() >= 3 && (*m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept")))).map(|i| i as u32 + 1)
        };
        for m in MONTHS.iter() {
            for k in 0..=m.len() {
                for w in [m[..k].to_string(), m[..k].to_uppercase(), format!("{}.", &m[..k]), format!("{}x", &m[..k])] {
                    assert_eq!(month_number(&w), rule(&w), "{w}");
                }
            }
        }
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("mayor"), None);
    }

    #[test]
    fn lexicons_are_sorted_and_unique() {
        for (name, text) in FILES {
            assert!(text.ends_with('\n'), "data/{name}: must end with a newline");
            let lines: Vec<&str> = text.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                assert!(!l.is_empty(), "data/{name}:{}: blank line", i + 1);
                assert_eq!(l.trim(), *l, "data/{name}:{}: surrounding white space", i + 1);
            }
            for (i, w) in lines.windows(2).enumerate() {
                assert!(w[0] < w[1], "data/{name}:{}: {:?} must sort after {:?} and not repeat it (run `LC_ALL=C sort -u`)", i + 2, w[1], w[0]);
            }
        }
    }

    #[test]
    fn every_data_file_is_registered() {
        let on_disk: BTreeSet<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        let registered: BTreeSet<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, registered, "add new data/*.txt files to lexicon::FILES");
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Aug"), Some(8));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Mayday"), None);
    }
}
