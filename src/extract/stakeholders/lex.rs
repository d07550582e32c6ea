//! The stakeholder lexicons, compiled into lookup tables once.
//!
//! In: `data/countries.txt` (`Name<TAB>aliases;…<TAB>demonyms;…<TAB>capital`), the named-actor
//! lists (`international-organisations.txt`, `media.txt`, `armed-groups.txt`, `companies.txt`,
//! `ngos.txt`: `Name<TAB>aliases;…`; `government-bodies.txt`: `Name<TAB>aliases;…<TAB>country`)
//! and the word lists (titles, honorifics, given names, organisation words …). Out: maps from a
//! folded name (lower case, dots dropped, curly apostrophes straightened) to an entry.
//!
//! What it gets wrong: an alias is one fixed string; inflected or misspelt names are not found.
//! All-capital aliases ("UN", "WHO") only match all-capital text, so "Who" never is the WHO.

use crate::lexicon;
use crate::model::StakeholderKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// A named actor from a lexicon.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) name: &'static str,
    pub(crate) kind: StakeholderKind,
    /// Canonical country name the actor belongs to (government bodies).
    pub(crate) country: Option<&'static str>,
}

/// An alias: the entry it names and whether the text must be all capitals too.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Alias {
    pub(crate) entry: usize,
    pub(crate) caps: bool,
}

pub(crate) struct Tables {
    pub(crate) entries: Vec<Entry>,
    pub(crate) aliases: HashMap<String, Alias>,
    /// Folded demonym → entry index of its country.
    pub(crate) demonyms: HashMap<String, usize>,
    /// Folded capital-city names (places, never actors).
    pub(crate) capitals: HashSet<String>,
    /// Most tokens in an alias (bounds the longest-match search).
    pub(crate) max_tokens: usize,
    /// First words of the aliases of several words: a folded name whose first word is not
    /// one is no alias of several words (so most spans need one look-up, not one per length).
    pub(crate) multi_first: HashSet<String>,
    pub(crate) titles: HashSet<&'static str>,
    pub(crate) title_modifiers: HashSet<&'static str>,
    pub(crate) honorifics: HashSet<&'static str>,
    pub(crate) given_names: HashSet<&'static str>,
    pub(crate) org_words: HashMap<&'static str, StakeholderKind>,
    /// Descriptor nouns and adjectives with the kind they suggest (`None` for "-").
    pub(crate) descriptors: HashMap<&'static str, Option<StakeholderKind>>,
    pub(crate) non_actor: HashSet<&'static str>,
    /// Last words that make a name an event, law or plan ("… Conference", "… Act").
    pub(crate) non_actor_heads: HashSet<&'static str>,
    pub(crate) place_nouns: HashSet<&'static str>,
    pub(crate) openers: HashSet<&'static str>,
    pub(crate) months: HashSet<&'static str>,
}

/// Lower case, dots dropped, curly apostrophes straightened, white space collapsed.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into a buffer (cleared first), for lookups that need no new string.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    fold_push(s, out, &mut false);
}

/// [`fold`] of `s` appended to `out`, which holds the fold of the text before `s`; `space` says
/// that text ended in white space (start with `false`). So folding a text in pieces gives the
/// fold of the whole, and the fold of a prefix is a prefix of the fold.
pub(crate) fn fold_push(s: &str, out: &mut String, space: &mut bool) {
    // ASCII text (most words): byte by byte, the same rules; `char::is_whitespace` in ASCII is
    // tab, line feed, vertical tab, form feed, carriage return and space.
    // Runs of other bytes are copied whole, then lower-cased in place.
    if s.is_ascii() {
        let b = s.as_bytes();
        let plain = |c: u8| !matches!(c, b'\t'..=b'\r' | b' ' | b'.');
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'.' {
                i += 1;
                continue;
            }
            if !plain(b[i]) {
                *space = !out.is_empty();
                i += 1;
                continue;
            }
            if *space {
                out.push(' ');
                *space = false;
            }
            let start = i;
            while i < b.len() && plain(b[i]) {
                i += 1;
            }
            let at = out.len();
            out.push_str(&s[start..i]);
            out[at..].make_ascii_lowercase();
        }
        return;
    }
    for c in s.chars() {
        if c.is_whitespace() {
            *space = !out.is_empty();
            continue;
        }
        if c == '.' {
            continue;
        }
        if *space {
            out.push(' ');
            *space = false;
        }
        match c {
            '’' | '‘' => out.push('\''),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// Calls `f` with [`fold`]`(s)` built in a buffer of this thread (no new string per call).
pub(crate) fn with_fold<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    // A short ASCII word (most calls): on the stack; its fold is its bytes but dots, lower-cased.
    if s.len() <= 64 && s.bytes().all(|b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ')) {
        let mut buf = [0u8; 64];
        let mut n = 0;
        for &b in s.as_bytes() {
            if b != b'.' {
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
        }
        return f(std::str::from_utf8(&buf[..n]).unwrap_or_default());
    }
    thread_local!(static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) });
    BUF.with(|b| match b.try_borrow_mut() {
        Ok(mut b) => {
            fold_into(s, &mut b);
            f(&b)
        }
        // Only when `f` itself folds: a string of its own.
        Err(_) => f(&fold(s)),
    })
}

/// True when every letter is upper case and there are at least two ("UN", "U.S.", "G20").
pub(crate) fn is_caps(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

fn kind_of(s: &str) -> Option<StakeholderKind> {
    StakeholderKind::parse(s)
}

pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(build);

fn build() -> Tables {
    let mut t = Tables {
        entries: Vec::new(),
        aliases: HashMap::default(),
        demonyms: HashMap::default(),
        capitals: HashSet::default(),
        max_tokens: 1,
        multi_first: HashSet::default(),
        titles: lexicon::set("titles.txt").into_iter().collect(),
        title_modifiers: lexicon::set("title-modifiers.txt").into_iter().collect(),
        honorifics: lexicon::set("honorifics.txt").into_iter().collect(),
        given_names: lexicon::set("given-names.txt").into_iter().collect(),
        org_words: lexicon::map("org-words.txt").into_iter().filter_map(|(k, v)| Some((k, kind_of(v)?))).collect(),
        descriptors: lexicon::map("descriptors.txt").into_iter().map(|(k, v)| (k, kind_of(v))).collect(),
        non_actor: lexicon::set("non-actor-words.txt").into_iter().collect(),
        non_actor_heads: lexicon::set("non-actor-heads.txt").into_iter().collect(),
        place_nouns: lexicon::set("place-nouns.txt").into_iter().collect(),
        openers: lexicon::set("sentence-openers.txt").into_iter().collect(),
        months: lexicon::set("months.txt").into_iter().collect(),
    };
    let files: [(&str, StakeholderKind); 6] = [
        ("countries.txt", StakeholderKind::Country),
        ("international-organisations.txt", StakeholderKind::International),
        ("media.txt", StakeholderKind::Media),
        ("armed-groups.txt", StakeholderKind::ArmedGroup),
        ("ngos.txt", StakeholderKind::Ngo),
        ("companies.txt", StakeholderKind::Company),
    ];
    for (file, kind) in files {
        for line in lexicon::lines(file) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or(line);
            let aliases = cols.next().unwrap_or("");
            let idx = t.entries.len();
            t.entries.push(Entry { name, kind, country: None });
            add_alias(&mut t, name, idx);
            for a in aliases.split(';').filter(|a| !a.is_empty()) {
                add_alias(&mut t, a, idx);
            }
            if kind == StakeholderKind::Country {
                for d in cols.next().unwrap_or("").split(';').filter(|a| !a.is_empty()) {
                    t.demonyms.entry(fold(d)).or_insert(idx);
                }
                if let Some(c) = cols.next().filter(|c| !c.is_empty()) {
                    t.capitals.insert(fold(c));
                }
            }
        }
    }
    for line in lexicon::lines("government-bodies.txt") {
        let mut cols = line.split('\t');
        let name = cols.next().unwrap_or(line);
        let aliases = cols.next().unwrap_or("");
        let country = cols.next().filter(|c| !c.is_empty());
        let idx = t.entries.len();
        t.entries.push(Entry { name, kind: StakeholderKind::Government, country });
        add_alias(&mut t, name, idx);
        for a in aliases.split(';').filter(|a| !a.is_empty()) {
            add_alias(&mut t, a, idx);
        }
    }
    t.multi_first = t.aliases.keys().filter_map(|k| k.split_once(' ')).map(|(first, _)| first.to_string()).collect();
    t
}

fn add_alias(t: &mut Tables, alias: &'static str, entry: usize) {
    let key = fold(alias);
    let n = key.split(' ').count();
    t.max_tokens = t.max_tokens.max(n + 1);
    // A leading "The" is optional in text ("The Guardian" / "the Guardian").
    let caps = is_caps(alias);
    t.aliases.entry(key.clone()).or_insert(Alias { entry, caps });
    if let Some(rest) = key.strip_prefix("the ") {
        t.aliases.entry(rest.to_string()).or_insert(Alias { entry, caps });
    }
}

impl Tables {
    /// The entry a name denotes, checking capitals for all-capital aliases.
    pub(crate) fn lookup(&self, text: &str) -> Option<usize> {
        with_fold(text, |k| self.lookup_folded(k, text))
    }
    /// [`Tables::lookup`] of `text` whose fold is `key`.
    pub(crate) fn lookup_folded(&self, key: &str, text: &str) -> Option<usize> {
        let a = self.aliases.get(key)?;
        if a.caps && !is_caps(text) {
            return None;
        }
        Some(a.entry)
    }
    pub(crate) fn demonym(&self, text: &str) -> Option<usize> {
        with_fold(text, |k| self.demonyms.get(k).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_finds_aliases() {
        let t = &*TABLES;
        // From the seed: "the U.S." and "the United States" are one country.
        let us = t.lookup("U.S.").unwrap();
        assert_eq!(t.entries[us].name, "United States");
        assert_eq!(t.lookup("United States"), Some(us));
        // "Who" at a sentence start is not the World Health Organization.
        assert!(t.lookup("Who").is_none());
        assert!(t.lookup("WHO").is_some());
        assert_eq!(t.entries[t.demonym("Turkish").unwrap()].name, "Turkey");
        assert!(t.capitals.contains("kabul"));
        assert_eq!(fold("China’s  Huawei"), "china's huawei");
        for w in ["U.S.", "Who", "a b", " x ", "Ünïcode", "", "..", &"A".repeat(70)] {
            assert_eq!(with_fold(w, str::to_string), fold(w), "{w:?}");
        }
    }

    /// The character-by-character fold the ASCII path and the piecewise fold must equal.
    fn fold_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if c == '.' {
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            match c {
                '’' | '‘' => out.push('\''),
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    proptest::proptest! {
        /// `fold` (ASCII fast path included) is the reference fold, and folding in two pieces
        /// with `fold_push` gives the same string (longest_lexicon folds token by token).
        #[test]
        fn fold_matches_reference_whole_and_in_pieces(s in "[aZ. \t\u{b}\n’İé]{0,16}", cut in 0usize..17) {
            let want = fold_reference(&s);
            proptest::prop_assert_eq!(&fold(&s), &want);
            let cut = crate::model::floor_char_boundary(&s, cut.min(s.len()));
            let (mut out, mut space) = (String::new(), false);
            fold_push(&s[..cut], &mut out, &mut space);
            let prefix = out.clone();
            fold_push(&s[cut..], &mut out, &mut space);
            proptest::prop_assert_eq!(&out, &want);
            proptest::prop_assert!(want.starts_with(&prefix));
            proptest::prop_assert_eq!(prefix, fold_reference(&s[..cut]));
        }
    }
}
