//! The lexicons the source extractor reads (`data/*.txt`), plus the closed-class words of
//! English grammar it needs (determiners, pronouns, prepositions), which are not data.

use crate::lexicon;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use lexicon::{hashed_map, hashed_set, HashedMap as Map, HashedSet as Set};

/// Inflected cue verb → lemma.
pub static CUES: Map = LazyLock::new(|| hashed_map("cue-verbs.txt"));
/// Lemmas of verbs that carry the writer's judgement ("claimed", "admitted").
pub static JUDGEMENT: Set = LazyLock::new(|| hashed_set("judgement-verbs.txt"));
/// Lemmas of verbs that deny what follows ("denied", "disputes").
pub static DENIAL: Set = LazyLock::new(|| hashed_set("denial-verbs.txt"));
/// Lemmas of verbs of thought rather than speech ("expects", "believes").
pub static COGNITIVE: Set = LazyLock::new(|| hashed_set("cognitive-verbs.txt"));
/// Nouns that make a cue verb an action rather than speech when they are its object:
/// "claimed responsibility for the attack", "claimed victory".
pub static ACTION_OBJECTS: Set = LazyLock::new(|| hashed_set("cue-action-objects.txt"));
/// Adjectives of attitude that attribute a view after "is/are" and before "that"/"about":
/// "rights groups are worried that …", "analysts were sceptical about …".
pub static CUE_ADJECTIVES: Set = LazyLock::new(|| hashed_set("cue-adjectives.txt"));
/// Phrases recording that someone would not or could not comment, as word sequences.
pub static NO_COMMENT: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| lexicon::lines("no-comment.txt").map(|l| l.split(' ').collect()).collect());
/// [`NO_COMMENT`] indexed by first word: each word's phrases, in the list's order. Every token
/// of every sentence is tried as a phrase start; comparing it with each phrase was a hot spot.
pub static NO_COMMENT_BY_FIRST: LazyLock<FxHashMap<&'static str, Vec<&'static [&'static str]>>> = LazyLock::new(|| {
    let mut m: FxHashMap<&'static str, Vec<&'static [&'static str]>> = FxHashMap::default();
    for p in NO_COMMENT.iter() {
        if let Some(first) = p.first() {
            m.entry(first).or_default().push(p.as_slice());
        }
    }
    m
});
/// Head nouns of unnamed sources → kind ("sources" → anonymous, "assessment" → document).
pub static SOURCE_NOUNS: Map = LazyLock::new(|| hashed_map("source-nouns.txt"));
/// Role nouns of people → kind ("spokesman" → official, "analyst" → expert).
pub static ROLE_NOUNS: Map = LazyLock::new(|| hashed_map("role-nouns.txt"));
/// Words that mark an organisation's name → kind ("Ministry" → government, "News" → media).
pub static ORG_WORDS: Map = LazyLock::new(|| hashed_map("source-org-words.txt"));
pub static MEDIA: Set = LazyLock::new(|| hashed_set("media-names.txt"));
pub static COUNTRIES: Set = LazyLock::new(|| hashed_set("country-names.txt"));
pub static NATIONALITIES: Set = LazyLock::new(|| hashed_set("nationalities.txt"));

pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your", "some", "several",
    "many", "most", "any", "each", "every", "both", "other", "another", "such", "no", "all", "few",
];
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
/// Words that end a noun phrase when walking back from a verb.
pub const BOUNDARIES: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "while", "where", "because", "although", "though", "but", "if", "as",
    "after", "before", "since", "until", "so", "than", "whether", "to", "in", "on", "at", "by", "with", "from", "into",
    "about", "over", "under", "during", "against", "between", "through", "without", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should", "must", "do",
    "does", "did", "not", "also", "and", "or", "nor", "yet", "however", "meanwhile", "then", "there", "here", "what",
    "how", "why", "him", "them", "us", "me", "said", "says", "say", "told", "according", "per", "via", "like", "unlike",
    "whereas", "despite", "once", "toward", "towards", "upon", "within", "among", "amid", "including", "regarding",
    "following", "of", "for", "off", "out", "up", "down", "again", "even", "just", "only", "already", "still", "now",
    "today", "yesterday", "tomorrow", "last", "next", "this", "very", "too", "more", "less",
];
/// Words skipped between a subject and its verb ("has also claimed", "vehemently disputes").
pub const SKIPPABLE: &[&str] = &[
    "has", "have", "had", "will", "would", "also", "again", "publicly", "previously", "recently", "later", "then",
    "already", "further", "repeatedly", "once", "earlier", "still", "often", "always", "never", "reportedly",
    "separately", "privately", "openly", "initially", "subsequently", "first", "originally", "has", "did", "does", "do",
    "can", "could", "may", "might", "should", "must", "shall", "even", "just", "only", "rarely", "frequently",
    "today", "yesterday", "tomorrow", "now", "formally", "officially", "finally", "seldom", "twice", "thrice",
];
/// Connectors allowed inside a name after an organisation or role word ("Ministry of Interior").
pub const NAME_CONNECTORS: &[&str] = &["of", "for", "to", "de", "&", "on", "and"];
/// Honorifics dropped from a person's name, with the gender they mark.
pub const TITLES: &[(&str, Option<Gender>)] = &[
    ("dr", None),
    ("dr.", None),
    ("mr", Some(Gender::Male)),
    ("mr.", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("mrs.", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("ms.", Some(Gender::Female)),
    ("prof", None),
    ("prof.", None),
    ("sir", Some(Gender::Male)),
    ("dame", Some(Gender::Female)),
];
/// Nouns that stand for an organisation when used with "the" ("the company said").
pub const ORG_ROLE_NOUNS: &[&str] = &[
    "company", "firm", "airline", "carrier", "manufacturer", "maker", "airframer", "group", "organisation",
    "organization", "agency", "ministry", "department", "retailer", "bank", "network", "outlet", "newspaper",
    "broadcaster", "startup", "giant", "business", "corporation", "conglomerate",
];
pub const DAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gender {
    Male,
    Female,
}


const DET: u8 = 1;
const PRONOUN: u8 = 2;
const BOUNDARY: u8 = 4;
const SKIP: u8 = 8;
const DAY: u8 = 16;

/// The closed word classes above in one table (a word may be in several): these are asked
/// about for every token, often several times, and linear scans of the lists were a hot spot.
static CLASSES: LazyLock<FxHashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: FxHashMap<&'static str, u8> = FxHashMap::default();
    for (list, bit) in [(DETERMINERS, DET), (PRONOUNS, PRONOUN), (BOUNDARIES, BOUNDARY), (SKIPPABLE, SKIP), (DAYS, DAY)] {
        for w in list {
            *m.entry(w).or_default() |= bit;
        }
    }
    m
});

fn class(w: &str) -> u8 {
    CLASSES.get(w).copied().unwrap_or(0)
}

pub fn is_det(w: &str) -> bool {
    class(w) & DET != 0
}
pub fn is_pronoun(w: &str) -> bool {
    class(w) & PRONOUN != 0
}
pub fn is_boundary(w: &str) -> bool {
    class(w) & BOUNDARY != 0
}
pub fn is_skippable(w: &str) -> bool {
    class(w) & SKIP != 0 || (w.ends_with("ly") && w.len() > 4 && !matches!(w, "daily" | "weekly" | "monthly" | "family" | "italy"))
}
pub fn title_gender(w: &str) -> Option<Option<Gender>> {
    TITLES.iter().find(|(t, _)| *t == w).map(|(_, g)| *g)
}
pub fn role_gender(w: &str) -> Option<Gender> {
    match w {
        "spokesman" | "chairman" | "congressman" | "businessman" => Some(Gender::Male),
        "spokeswoman" | "chairwoman" | "congresswoman" | "businesswoman" => Some(Gender::Female),
        _ => None,
    }
}
/// Function words: never part of a name, even when capitalised at the start of a sentence.
pub fn is_function_word(w: &str) -> bool {
    class(w) != 0 || is_skippable(w) || lexicon::month_number(w).is_some()
}
