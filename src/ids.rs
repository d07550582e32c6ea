//! Stable ids: what an editor's settings file (`seeds/<name>.toml`) and downstream users point at.
//!
//! In: the text of an item (its sentence, its words, its speaker's name). Out: a short ASCII id
//! made from that text and nothing else: not from the item's position, not from how many items
//! came before it, not from which extractor found it. So an id stays the same when unrelated
//! text is added to or removed from the article, and when the extractors improve in ways that
//! keep the item (the same sentence still gives the same event).
//!
//! | item | id | made from |
//! |---|---|---|
//! | stakeholder | `huawei` | its name (see [`crate::slug::id_for_name`]) |
//! | event | `e-1a2b3c4d` | its sentence and the date as written |
//! | relation | `r-1a2b3c4d` | its sentence and its two stakeholders, in either direction |
//! | source | `s-abdul-mateen-qani` | the speaker's name |
//! | statement | `q-1a2b3c4d` | its sentence and its cue |
//! | figure | `f-1a2b3c4d` | its sentence and the number as written |
//! | dispute | `x-1a2b3c4d` | the ids of its claims |
//! | key point | `k-what`, `k-why`, `k-1a2b3c4d` | its role, or (added by an editor) its text |
//!
//! Text is normalised before hashing (white space folded, lower-cased, curly quotes and dashes
//! made plain), so re-typesetting a sentence does not change its items' ids. The hash is XXH3-64,
//! the same on every platform; eight hex digits are shown. Two items that would get the same id
//! (the same sentence holding two relations between the same pair) are told apart by `-2`, `-3`
//! in text order.
//!
//! What it gets wrong: an id changes when its sentence is edited (a typo fixed in the seed), when
//! the segmenter splits the sentence differently, or, for an event, when the date extractor takes
//! a different extent of the date ("2008" → "in 2008" is normalised away; "2008" → "May 2008" is
//! not). An editor's edit whose id is gone is reported with the nearest id, never applied to
//! another item (see [`crate::edit`]).

use std::collections::BTreeMap;

/// Text folded for hashing: lower case, plain quotes and dashes, single spaces.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            match c {
                '‘' | '’' | '‚' | '′' => out.push('\''),
                '“' | '”' | '„' | '″' | '«' | '»' => out.push('"'),
                '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Eight hex digits of the XXH3-64 of the parts, each normalised, separated by a byte that no
/// normalised text holds.
pub fn hash8(parts: &[&str]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(normalise(p).as_bytes());
        h.update(&[0]);
    }
    format!("{:016x}", h.digest())[..8].to_string()
}

/// Words that open a date expression without changing it ("in 2008", "on 3 May", "since").
const DATE_OPENERS: [&str; 9] = ["at", "by", "during", "from", "in", "on", "since", "the", "until"];

/// A date as written, for an event's id: lower case, opening prepositions dropped, only letters
/// and digits ("In 2008," → "2008", "on Sept. 3" → "sept 3").
pub fn date_key(text: &str) -> String {
    let lower = normalise(text);
    let mut words: Vec<String> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    while words.len() > 1 && DATE_OPENERS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    words.join(" ")
}

pub fn event(sentence: &str, date_text: &str) -> String {
    format!("e-{}", hash8(&[sentence, &date_key(date_text)]))
}

/// The pair is sorted, so a relation whose direction is corrected keeps its id.
pub fn relation(sentence: &str, a: &str, b: &str) -> String {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    format!("r-{}", hash8(&[sentence, x, y]))
}

/// Most bytes of the name part of a source id; longer names are cut and given a hash.
const MAX_NAME: usize = 40;

pub fn source(name: &str) -> String {
    let k = crate::slug::kebab(name);
    if k.is_empty() {
        return format!("s-{}", hash8(&[name]));
    }
    if k.len() <= MAX_NAME {
        return format!("s-{k}");
    }
    let mut cut = MAX_NAME;
    while !k.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("s-{}-{}", k[..cut].trim_end_matches('-'), hash8(&[name]))
}

pub fn statement(sentence: &str, cue: &str) -> String {
    format!("q-{}", hash8(&[sentence, cue]))
}

pub fn figure(sentence: &str, text: &str) -> String {
    format!("f-{}", hash8(&[sentence, text]))
}

/// From the ids of its claims' statements, sorted (so the order they are listed in does not
/// matter).
pub fn dispute(statement_ids: &[&str]) -> String {
    let mut ids = statement_ids.to_vec();
    ids.sort_unstable();
    format!("x-{}", hash8(&ids))
}

pub fn key_point(text: &str) -> String {
    format!("k-{}", hash8(&[text]))
}

/// Makes ids unique in order: the second of two equal ids gets `-2`, the third `-3`.
pub fn dedupe(ids: &mut [String]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let taken: std::collections::BTreeSet<String> = ids.iter().cloned().collect();
    for id in ids.iter_mut() {
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            while taken.contains(&format!("{id}-{k}")) {
                k += 1;
            }
            *id = format!("{id}-{k}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ignore_typesetting_and_openers() {
        assert_eq!(event("He said “yes” — twice.", "In 2008"), event("he  said \"yes\" - twice.", "2008"));
        assert_ne!(event("A sentence.", "2008"), event("A sentence.", "May 2008"));
        assert_eq!(relation("S.", "a", "b"), relation("S.", "b", "a"));
        assert_eq!(date_key("on Sept. 3,"), "sept 3");
        assert_eq!(date_key("the"), "the");
    }

    #[test]
    fn source_ids_are_readable_and_bounded() {
        assert_eq!(source("Abdul Mateen Qani"), "s-abdul-mateen-qani");
        let long = source(&"word ".repeat(40));
        assert!(long.len() <= 2 + MAX_NAME + 9, "{long}");
        assert!(source("中文").starts_with("s-"));
    }

    #[test]
    fn dedupe_numbers_repeats_in_order() {
        let mut v = vec!["a".to_string(), "b".into(), "a".into(), "a".into()];
        dedupe(&mut v);
        assert_eq!(v, ["a", "b", "a-2", "a-3"]);
        // A suffix that is itself taken is skipped.
        let mut v = vec!["a".to_string(), "a-2".into(), "a".into()];
        dedupe(&mut v);
        assert_eq!(v, ["a", "a-2", "a-3"]);
    }
}
