//! Dates: temporal expressions → TIMEX3 values.
//!
//! In: a segmented document and the publication date, if known. Out: every temporal expression,
//! in text order, with its TIMEX3 value, type (date | time | duration | set), precision,
//! modifier (start | mid | end | approx | before | after) and anchor, plus warnings for what
//! could not be resolved.
//!
//! How: each sentence (the headline and dateline included) is tokenized ([`tokens`]); at each
//! token the patterns below are tried and the longest match wins:
//!
//! - absolute dates: `March 06, 2008`, `Friday, July 21, 2017`, `12 September 2023`,
//!   `the 12th of September`, `Sept. 12`, `January 2021`, `2008`, `2008-03-06`, `7/8/07`;
//!   decades (`the 1990s` → `199`), centuries (`the 19th century` → `18`), seasons
//!   (`summer 2022` → `2022-SU`), quarters and halves (`Q3 2021`, `the first half of 2021`),
//!   fiscal years (`fiscal 2008` → `FY2008`);
//! - modifiers in front of a date: `early` / `the beginning of` → start, `mid-` → mid,
//!   `late` / `the end of` → end, `around` / `about` → approx;
//! - relative to the publication date (anchor `publication`): `today`, `yesterday`,
//!   `this morning`, `on Tuesday`, `last week`, `this year`, `next month`, `last summer`,
//!   `in August`, `September 12`, `three years ago`, `earlier this year`; `now` / `currently`
//!   → `PRESENT_REF`, `recently` → `PAST_REF`;
//! - relative to an earlier date of the article (anchor `previous`): `the following year`,
//!   `that day`, `two days later`, `a few months before the conversation with X` (the anchor is
//!   the latest earlier date whose sentence shares a content word with X; the value is that
//!   date with mod `before` / `after`);
//! - durations (`four years` → `P4Y`, `a few months` → `PXM`, `a four-year term`, `24 hours`
//!   → `PT24H`) and sets (`every year`, `annually`, `annual` → `P1Y`, `every Monday` →
//!   `XXXX-WXX-1`, `$2 billion a year`).
//!
//! News past bias: a month, a day of the month or a weekday named without a year is the most
//! recent one on or before the publication date, unless the nearest tense cue in the sentence
//! (`will`, `is scheduled`, `expected`, `next`, … in `data/tense-future.txt`) says future, in
//! which case it is the first one on or after it. The nearest cue wins over a farther past-tense
//! verb (`data/past-verbs.txt` or a word in `-ed`). Such values have `inferred: true`; values
//! computed by plain arithmetic (`yesterday`, `last year`) have `inferred: false`.
//!
//! Without a publication date nothing is guessed: a month with no year is `XXXX-08`,
//! `last year` is `XXXX`, `yesterday` is `XXXX-XX-XX`, each with anchor `unresolved` and a
//! warning at its line and column saying to pass `--published` or set it per seed.
//! Impossible dates (February 30, month 13, year 99999) are never emitted: the expression is
//! skipped with a warning.
//!
//! What it gets wrong: clock times are typed `time` but only with the publication day
//! (`XXXX-XX-XXT15:00` without one); holidays (`Christmas`) and named eras are not recognised;
//! `May` and `March` alone need a preposition in front (`in May`) so a sentence starting
//! "March 3 marchers…" is fine but "May saw gains" is missed; the tense cue is the nearest one,
//! so "said it will open in June" with the nearest cue "will" is right but "plans, which were
//! made in June" may be wrong; bare four-digit numbers between 1600 and 2100 followed by a noun
//! are years unless they look like counts ("about 2000 people"); two-digit years are read as
//! 1950–2049.

pub mod calendar;
pub mod tokens;

use crate::lexicon;
use crate::model::{fold_whitespace, Anchor, DateMention, DateMod, DateType, Diagnostic, Document, Precision, Span, Ymd};
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;
use std::sync::LazyLock;
use tokens::{tokenize, Kind, Tok};

// Look-up-only tables, hashed (see `lexicon::HashedSet`).
use lexicon::{hashed_map, hashed_set, HashedMap as Map, HashedSet as Set};
static NUMBER_WORDS: Map = LazyLock::new(|| hashed_map("number-words.txt"));
static TIME_UNITS: Map = LazyLock::new(|| hashed_map("time-units.txt"));
static WEEKDAYS: Map = LazyLock::new(|| hashed_map("weekdays.txt"));
static FUTURE_CUES: Set = LazyLock::new(|| hashed_set("tense-future.txt"));
static PAST_VERBS: Set = LazyLock::new(|| hashed_set("past-verbs.txt"));
static EVENT_NOUNS: Set = LazyLock::new(|| hashed_set("event-nouns.txt"));
/// The lengths and last bytes of the weekday names: most words fail it, with no hashing.
static WEEKDAY_SHAPE: LazyLock<lexicon::Shape> = LazyLock::new(|| lexicon::Shape::of(WEEKDAYS.keys().copied()));
/// The same for the number words ("four", "twenty").
static NUMBER_SHAPE: LazyLock<lexicon::Shape> = LazyLock::new(|| lexicon::Shape::of(NUMBER_WORDS.keys().copied()));

/// A number word's value ("four" → 4), from `data/number-words.txt`.
fn number_word(w: &str) -> Option<&'static str> {
    if !NUMBER_SHAPE.may_hold(w) {
        return None;
    }
    NUMBER_WORDS.get(w).copied()
}

/// Words after which a bare month name, season or year is a date ("in May", "since 2008").
const CUES: &[&str] = &[
    "-", "after", "and", "around", "before", "beginning", "between", "by", "during", "early", "end", "from", "in", "last",
    "late", "mid", "middle", "next", "of", "on", "or", "since", "start", "the", "this", "through", "throughout", "till",
    "to", "until", "–", "—",
];

/// Prepositions that make a following number a year ("in 1709", "since 2008").
const TEMPORAL_CUES: &[&str] = &["-", "after", "before", "by", "during", "early", "in", "late", "mid", "since", "through", "till", "until", "–"];

/// Determiners and possessives before an adjectival year ("the 2020 agreement").
const DETERMINERS: &[&str] = &["a", "an", "her", "his", "its", "our", "that", "the", "their", "this", "those", "these", "your"];

const ORDINAL_WORDS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
];

/// Closed-class words never counted as content words when linking "before X" to a date.
const STOP: &[&str] = &[
    "about", "after", "also", "been", "before", "from", "have", "into", "more", "other", "said", "than", "that", "their",
    "them", "then", "there", "these", "they", "this", "those", "were", "what", "when", "where", "which", "while", "with",
    "would",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

/// A resolved expression, before it becomes a [`DateMention`].
#[derive(Debug, Clone)]
struct Tx {
    value: String,
    kind: DateType,
    precision: Option<Precision>,
    modifier: Option<DateMod>,
    anchor: Anchor,
    inferred: bool,
    /// Why the value could not be resolved (becomes a warning).
    warn: Option<String>,
    /// Known calendar parts, for expressions anchored to this one later.
    ymd: Option<(i32, Option<u32>, Option<u32>)>,
    /// Not a date at all (impossible calendar date): skip these tokens, warn.
    invalid: bool,
}

impl Tx {
    fn new(value: String, kind: DateType, precision: Option<Precision>, anchor: Anchor) -> Tx {
        Tx { value, kind, precision, modifier: None, anchor, inferred: false, warn: None, ymd: None, invalid: false }
    }
    fn date(value: String, precision: Precision, anchor: Anchor) -> Tx {
        Tx::new(value, DateType::Date, Some(precision), anchor)
    }
    fn ymd(mut self, y: i32, m: Option<u32>, d: Option<u32>) -> Tx {
        self.ymd = Some((y, m, d));
        self
    }
    fn inferred(mut self) -> Tx {
        self.inferred = true;
        self
    }
    fn unresolved(value: String, precision: Option<Precision>, why: &str) -> Tx {
        let mut t = Tx::new(value, DateType::Date, precision, Anchor::Unresolved);
        t.warn = Some(why.to_string());
        t
    }
    fn invalid(why: String) -> Tx {
        let mut t = Tx::new(String::new(), DateType::Date, None, Anchor::Unresolved);
        t.invalid = true;
        t.warn = Some(why);
        t
    }
}

/// A date already found in the document, for `previous` anchors.
#[derive(Debug, Clone)]
struct Seen {
    value: String,
    precision: Option<Precision>,
    ymd: Option<(i32, Option<u32>, Option<u32>)>,
    inferred: bool,
    /// Content-word stems of its sentence.
    words: BTreeSet<String>,
}

/// The tagger's state over one document: the publication date and the dates seen so far.
pub struct Tagger {
    published: Option<Ymd>,
    seen: Vec<Seen>,
    /// Per sentence: it says "this year".
    this_year: bool,
    /// Per sentence: it has a capitalised word (so lower-case month and day names are words).
    has_caps: bool,
}

/// A tagged expression with an optional warning.
#[derive(Debug, Clone)]
pub struct Found {
    pub mention: DateMention,
    pub warning: Option<String>,
}

const NO_PUBLISHED: &str =
    "no publication date is known, so its year is not resolved; pass --published YYYY-MM-DD or set `published` in the seed's settings file";

fn stem(w: &str) -> String {
    w.chars().take(6).collect::<String>()
}

fn content_stems(toks: &[Tok]) -> BTreeSet<String> {
    toks.iter()
        .filter(|t| t.is_word() && t.text.len() >= 4 && !STOP.contains(&t.lower.as_str()))
        .map(|t| stem(&t.lower))
        .collect()
}

fn is_punct(t: Option<&Tok>, set: &[&str]) -> bool {
    t.is_some_and(|t| t.kind == Kind::Punct && set.contains(&t.text))
}

fn word_is(t: Option<&Tok>, w: &str) -> bool {
    t.is_some_and(|t| t.lower == w)
}

fn word_in(t: Option<&Tok>, set: &[&str]) -> bool {
    t.is_some_and(|t| set.contains(&t.lower.as_str()))
}

/// Words one of which every expression the matchers accept contains, digits aside: months
/// (tested by `lexicon::month_number`), weekdays, time units ("year", "weekend", "century"),
/// seasons, "quarter"/"qtr"/"yr"/"half", the day words ("today", "tonight", "morning", …), the
/// set adverbs ("annually", "weekly", …) and the event nouns of "since the takeover". Each
/// matcher below needs one of them (or a token with a digit) to return a match, so a sentence
/// with none has no temporal expression and is not matched token by token.
static TEMPORAL_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    let mut s: FxHashSet<&'static str> = FxHashSet::default();
    s.extend(WEEKDAYS.keys().copied());
    s.extend(TIME_UNITS.keys().copied());
    s.extend(EVENT_NOUNS.iter().copied());
    s.extend([
        "spring", "summer", "autumn", "fall", "winter", "quarter", "qtr", "yr", "half", "year", "month", "week", "weekend",
        "decade", "day", "century", "today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night",
        "annually", "annual", "yearly", "daily", "nightly", "weekly", "monthly", "quarterly",
    ]);
    s
});

/// Whether a token could be part of a temporal expression (see [`TEMPORAL_WORDS`]).
fn could_be_temporal(t: &Tok) -> bool {
    t.text.bytes().any(|b| b.is_ascii_digit())
        || (t.is_word() && (TEMPORAL_WORDS.contains(t.lower.as_str()) || lexicon::month_number(&t.lower).is_some()))
}

/// Whether `s` may hold a token [`could_be_temporal`] accepts, without tokenising it: a word
/// token that is a temporal word or a month is one of the maximal runs of letters and digits of
/// `s` (such words hold no apostrophe or other joiner), and a token with a digit lies in a run
/// with a digit. So when no run has a digit, is a temporal word or names a month, no token
/// does, and the sentence holds no date.
fn may_hold_date(s: &str) -> bool {
    static LONGEST: LazyLock<usize> = LazyLock::new(|| TEMPORAL_WORDS.iter().map(|w| w.len()).max().unwrap_or(0));
    let mut buf = [0u8; 32];
    s.split(|c: char| !c.is_alphanumeric()).any(|w| {
        if w.is_empty() {
            return false;
        }
        if w.bytes().any(|b| b.is_ascii_digit()) || lexicon::month_number(w).is_some() {
            return true;
        }
        if w.len() > *LONGEST || w.len() > buf.len() {
            return false;
        }
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|l| TEMPORAL_WORDS.contains(l))
    })
}

/// A four-digit year token (1000..=9999).
fn year4(t: Option<&Tok>) -> Option<i32> {
    let t = t?;
    if t.text.len() == 4 {
        t.int().map(|y| y as i32).filter(|y| *y >= 1000)
    } else {
        None
    }
}

/// A day of the month: `12`, `12th`, `1st`.
fn day_tok(t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    if t.is_num() && t.text.len() <= 2 {
        return t.int().filter(|d| (1..=31).contains(d));
    }
    if t.is_word() && t.text.len() <= 4 {
        let digits: String = t.lower.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &t.lower[digits.len()..];
        if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
            return digits.parse().ok().filter(|d| (1..=31).contains(d));
        }
    }
    None
}

/// An ordinal number: `3rd`, `third`.
fn ordinal(t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    if let Some(i) = ORDINAL_WORDS.iter().position(|w| *w == t.lower) {
        return Some(i as u32 + 1);
    }
    let digits: String = t.lower.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &t.lower[digits.len()..];
    (!digits.is_empty() && digits.len() <= 2 && matches!(suffix, "st" | "nd" | "rd" | "th")).then(|| digits.parse().ok()).flatten()
}

fn weekday_of(t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    if !t.is_word() || !WEEKDAY_SHAPE.may_hold(&t.lower) {
        return None;
    }
    WEEKDAYS.get(t.lower.as_str()).and_then(|v| v.parse().ok())
}

fn unit_of(t: Option<&Tok>) -> Option<&'static str> {
    let t = t?;
    if !t.is_word() {
        return None;
    }
    TIME_UNITS.get(t.lower.as_str()).copied()
}

fn season_code(w: &str) -> Option<&'static str> {
    match w {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "autumn" | "fall" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

fn season_start(code: &str) -> u32 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// The season a month belongs to, and the year the season is named by (December's winter
/// belongs to its own year; January's to the year before).
fn season_of(y: i32, m: u32) -> (i32, &'static str) {
    match m {
        3..=5 => (y, "SP"),
        6..=8 => (y, "SU"),
        9..=11 => (y, "FA"),
        12 => (y, "WI"),
        _ => (y - 1, "WI"),
    }
}

fn season_rank(code: &str) -> i32 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

impl Tagger {
    pub fn new(published: Option<Ymd>) -> Tagger {
        Tagger { published, seen: Vec::new(), this_year: false, has_caps: false }
    }

    /// Tags one sentence `text[span]`, appending to `out`.
    pub fn tag_sentence(&mut self, text: &str, span: Span, sentence: usize, out: &mut Vec<Found>) {
        if !may_hold_date(&text[span.start..span.end]) {
            return;
        }
        let toks = tokenize(text, span.start, span.end);
        if toks.is_empty() {
            return;
        }
        // Most sentences state no date: skip the matchers when no token could be part of one.
        if !toks.iter().any(could_be_temporal) {
            return;
        }
        let mut words: Option<BTreeSet<String>> = None;
        self.this_year = toks.windows(2).any(|w| w[0].lower == "this" && w[1].lower == "year");
        self.has_caps = toks.iter().any(|x| x.is_word() && x.capitalized());
        let mut i = 0;
        while i < toks.len() {
            // Cheap filter: every pattern starts with a word or a number.
            if toks[i].kind == Kind::Punct && toks[i].text != "'" && toks[i].text != "’" {
                i += 1;
                continue;
            }
            let Some((end, tx)) = self.match_at(&toks, i) else {
                i += 1;
                continue;
            };
            let span = Span::new(toks[i].start, toks[end - 1].end);
            let text_ = fold_whitespace(&text[span.start..span.end]);
            if tx.invalid {
                out.push(Found {
                    mention: DateMention {
                        span,
                        text: text_,
                        value: String::new(),
                        kind: DateType::Date,
                        precision: None,
                        modifier: None,
                        anchor: Anchor::Unresolved,
                        inferred: false,
                        sentence: usize::MAX,
                    },
                    warning: tx.warn,
                });
                i = end;
                continue;
            }
            let warning = tx.warn.map(|w| format!("\"{text_}\": {w}"));
            if tx.kind == DateType::Date && !matches!(tx.modifier, Some(DateMod::Before | DateMod::After)) {
                if tx.ymd.is_some() || tx.precision.is_some() {
                    let w = words.get_or_insert_with(|| content_stems(&toks)).clone();
                    self.seen.push(Seen { value: tx.value.clone(), precision: tx.precision, ymd: tx.ymd, inferred: tx.inferred, words: w });
                }
            }
            out.push(Found {
                mention: DateMention {
                    span,
                    text: text_,
                    value: tx.value,
                    kind: tx.kind,
                    precision: tx.precision,
                    modifier: tx.modifier,
                    anchor: tx.anchor,
                    inferred: tx.inferred,
                    sentence,
                },
                warning,
            });
            i = end;
        }
    }

    /// The longest expression starting at token `i`.
    fn match_at(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let mut best: Option<(usize, Tx)> = None;
        let mut consider = |c: Option<(usize, Tx)>| {
            if let Some((e, tx)) = c {
                if best.as_ref().is_none_or(|(be, _)| e > *be) {
                    best = Some((e, tx));
                }
            }
        };
        consider(self.modified(t, i));
        consider(self.core(t, i));
        consider(self.duration_or_set(t, i));
        best
    }

    /// A modifier and the date it modifies: `early 2021`, `mid-2011`, `the end of the year`.
    fn modified(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let w = t.get(i)?;
        let (m, j) = match w.lower.as_str() {
            "early" => (DateMod::Start, i + 1),
            "late" => (DateMod::End, i + 1),
            "mid" => (DateMod::Mid, if is_punct(t.get(i + 1), &["-", "–"]) { i + 2 } else { i + 1 }),
            "around" | "about" | "circa" | "approximately" | "roughly" => (DateMod::Approx, i + 1),
            "the" | "beginning" | "start" | "end" | "middle" => {
                let k = if w.lower == "the" { i + 1 } else { i };
                let m = match t.get(k).map(|x| x.lower.as_str()) {
                    Some("beginning" | "start") => DateMod::Start,
                    Some("end") => DateMod::End,
                    Some("middle") => DateMod::Mid,
                    _ => return None,
                };
                if !word_is(t.get(k + 1), "of") {
                    return None;
                }
                // "the end of the year" / "the end of this month": the current one.
                let j = k + 2;
                if word_in(t.get(j), &["the", "this"]) {
                    if let Some(u) = t.get(j + 1).map(|x| x.lower.as_str()) {
                        if matches!(u, "year" | "month" | "week" | "decade") {
                            let mut tx = self.this_unit(u, 0)?;
                            tx.modifier = Some(m);
                            return Some((j + 2, tx));
                        }
                    }
                }
                (m, j)
            }
            _ => return None,
        };
        let (end, mut tx) = self.core(t, j)?;
        if tx.kind != DateType::Date || tx.modifier.is_some() || tx.invalid {
            return None;
        }
        // "about" and "around" only before absolute dates ("around 2008"), not before "now".
        if m == DateMod::Approx && tx.anchor != Anchor::Absolute {
            return None;
        }
        tx.modifier = Some(m);
        Some((end, tx))
    }

    /// Any date (not a duration or set) at `i`.
    fn core(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        // The matchers in this order, the first of the longest matches winning (they only read
        // `self`, so calling them one by one is the same as building the list of all first).
        let mut best: Option<(usize, Tx)> = None;
        let mut consider = |c: Option<(usize, Tx)>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|(be, _)| c.0 > *be) {
                    best = Some(c);
                }
            }
        };
        consider(self.calendar(t, i));
        consider(self.numeric(t, i));
        consider(self.decade_century(t, i));
        consider(self.season(t, i));
        consider(self.quarter(t, i));
        consider(self.year(t, i));
        consider(self.relative(t, i));
        consider(self.weekday(t, i));
        best
    }

    // --------------------------------------------------------------------------------------
    // Resolution helpers
    // --------------------------------------------------------------------------------------

    /// Tense of the clause around tokens `[a, b)`: the nearest cue to the left (where the
    /// governing verb of an English clause usually stands) within 25 tokens, else the nearest
    /// to the right within 15. "will be held" and "to be held" are future; "is to run" is future.
    fn tense(&self, t: &[Tok], a: usize, b: usize) -> Option<Tense> {
        let cue = |k: usize| -> Option<Tense> {
            let tok = &t[k];
            if !tok.is_word() {
                return None;
            }
            let l = tok.lower.as_str();
            let prev = k.checked_sub(1).map(|p| t[p].lower.as_str());
            if FUTURE_CUES.contains(l) || l.ends_with("’ll") || l.ends_with("'ll") {
                // "set" must be "set to"; "next" inside a date is handled there.
                if l == "set" && !word_is(t.get(k + 1), "to") {
                    return None;
                }
                return Some(Tense::Future);
            }
            if matches!(l, "is" | "are") && word_is(t.get(k + 1), "to") {
                return Some(Tense::Future);
            }
            if l == "be" {
                // "to be held", "will be held": the auxiliary before "be" decides.
                return match prev {
                    Some("to" | "will" | "shall" | "’ll" | "'ll") => Some(Tense::Future),
                    _ => None,
                };
            }
            if PAST_VERBS.contains(l) || (l.len() > 4 && l.ends_with("ed") && !l.ends_with("eed")) {
                // A participle after "be" belongs to the auxiliary ("will be held").
                if prev == Some("be") {
                    return None;
                }
                return Some(Tense::Past);
            }
            None
        };
        let left = (1..=25usize).filter_map(|d| a.checked_sub(d)).find_map(cue);
        if left.is_some() {
            return left;
        }
        (b..t.len().min(b + 15)).find_map(cue)
    }

    /// Direction for a month or day without a year: `Some(true)` future, `Some(false)` past,
    /// `None` the publication year ("this year" in the sentence).
    fn future(&self, t: &[Tok], a: usize, b: usize) -> bool {
        self.tense(t, a, b) == Some(Tense::Future)
    }

    /// A month or day named without a year in a sentence that says "this year".
    fn in_this_year(&self, m: u32, d: Option<u32>) -> Option<Tx> {
        let p = self.published?;
        Some(match d {
            None => Tx::date(format!("{:04}-{m:02}", p.year), Precision::Month, Anchor::Publication).ymd(p.year, Some(m), None),
            Some(d) => {
                if !calendar::valid(i64::from(p.year), m, d) {
                    return None;
                }
                Tx::date(format!("{:04}-{m:02}-{d:02}", p.year), Precision::Day, Anchor::Publication).ymd(p.year, Some(m), Some(d))
            }
        })
    }

    /// A month named without a year.
    fn month_no_year(&self, m: u32, future: bool) -> Tx {
        match self.published {
            None => Tx::unresolved(format!("XXXX-{m:02}"), Some(Precision::Month), NO_PUBLISHED),
            Some(p) => {
                let y = if future {
                    if m >= p.month { p.year } else { p.year + 1 }
                } else if m <= p.month {
                    p.year
                } else {
                    p.year - 1
                };
                Tx::date(format!("{y:04}-{m:02}"), Precision::Month, Anchor::Publication).inferred().ymd(y, Some(m), None)
            }
        }
    }

    /// A month and day named without a year.
    fn day_no_year(&self, m: u32, d: u32, future: bool) -> Tx {
        if !calendar::valid(2000, m, d) {
            return Tx::invalid(format!("no month has day {d} there; not read as a date"));
        }
        match self.published {
            None => Tx::unresolved(format!("XXXX-{m:02}-{d:02}"), Some(Precision::Day), NO_PUBLISHED),
            Some(p) => {
                // Future: on or after the publication date, allowing a month of slack for ranges
                // that began just before it ("is to run from January 23 through March 9").
                let slack = calendar::add_days(p, -31).unwrap_or(p);
                let same_year_ok = calendar::valid(i64::from(p.year), m, d)
                    && calendar::days_from_civil(p.year, m, d) >= calendar::to_days(slack);
                let mut y = if future {
                    if same_year_ok { p.year } else { p.year + 1 }
                } else if (m, d) <= (p.month, p.day) {
                    p.year
                } else {
                    p.year - 1
                };
                // February 29: the nearest leap year in the tense's direction.
                let mut guard = 0;
                while !calendar::valid(i64::from(y), m, d) && guard < 8 {
                    y += if future { 1 } else { -1 };
                    guard += 1;
                }
                if !calendar::valid(i64::from(y), m, d) {
                    return Tx::invalid(format!("{m:02}-{d:02} is not a date near the publication date"));
                }
                Tx::date(format!("{y:04}-{m:02}-{d:02}"), Precision::Day, Anchor::Publication).inferred().ymd(y, Some(m), Some(d))
            }
        }
    }

    /// The publication date shifted by `n` days.
    fn day_offset(&self, n: i64, suffix: &str) -> Option<Tx> {
        Some(match self.published {
            None => Tx::unresolved(format!("XXXX-XX-XX{suffix}"), Some(Precision::Day), NO_PUBLISHED),
            Some(p) => {
                let d = calendar::add_days(p, n)?;
                Tx::date(format!("{d}{suffix}"), Precision::Day, Anchor::Publication).ymd(d.year, Some(d.month), Some(d.day))
            }
        })
    }

    /// `this` (n = 0), `last` (-1) or `next` (+1) year / month / week / weekend / quarter / decade.
    fn this_unit(&self, unit: &str, n: i64) -> Option<Tx> {
        let Some(p) = self.published else {
            let (v, prec) = match unit {
                "year" => ("XXXX", Precision::Year),
                "month" => ("XXXX-XX", Precision::Month),
                "week" | "weekend" => ("XXXX-WXX", Precision::Day),
                "quarter" => ("XXXX-QX", Precision::Quarter),
                "decade" => ("XXX", Precision::Decade),
                _ => return None,
            };
            return Some(Tx::unresolved(v.to_string(), Some(prec), NO_PUBLISHED));
        };
        Some(match unit {
            "year" => {
                let y = p.year + n as i32;
                Tx::date(format!("{y:04}"), Precision::Year, Anchor::Publication).ymd(y, None, None)
            }
            "month" => {
                let (y, m) = calendar::add_months(p.year, p.month, n);
                Tx::date(format!("{y:04}-{m:02}"), Precision::Month, Anchor::Publication).ymd(y, Some(m), None)
            }
            "week" | "weekend" => {
                let d = calendar::add_days(p, 7 * n)?;
                let (y, w) = calendar::iso_week(d);
                let we = if unit == "weekend" { "-WE" } else { "" };
                Tx::new(format!("{y:04}-W{w:02}{we}"), DateType::Date, Some(Precision::Day), Anchor::Publication).ymd(d.year, Some(d.month), None)
            }
            "quarter" => {
                let q0 = i64::from(p.year) * 4 + i64::from((p.month - 1) / 3) + n;
                let (y, q) = (q0.div_euclid(4) as i32, q0.rem_euclid(4) + 1);
                Tx::date(format!("{y:04}-Q{q}"), Precision::Quarter, Anchor::Publication).ymd(y, Some((q as u32 - 1) * 3 + 1), None)
            }
            "decade" => {
                let d = p.year.div_euclid(10) + n as i32;
                Tx::date(format!("{d:03}"), Precision::Decade, Anchor::Publication).ymd(d * 10, None, None)
            }
            _ => return None,
        })
    }

    /// The latest earlier date (of at least `need` precision) to anchor on.
    fn previous(&self, need: Precision) -> Option<&Seen> {
        self.seen.iter().rev().find(|s| match (need, s.ymd) {
            (_, None) => false,
            (Precision::Year, _) => true,
            (Precision::Month, Some(y)) => y.1.is_some(),
            (_, Some(y)) => y.2.is_some(),
        })
    }

    /// A date relative to the latest earlier one: `n` units after it.
    fn from_previous(&self, unit: &str, n: i64) -> Option<Tx> {
        let need = match unit {
            "Y" => Precision::Year,
            "M" => Precision::Month,
            "D" | "W" => Precision::Day,
            _ => return None,
        };
        let Some(s) = self.previous(need) else {
            let v = match unit {
                "Y" => "XXXX",
                "M" => "XXXX-XX",
                _ => "XXXX-XX-XX",
            };
            let mut tx = Tx::new(v.to_string(), DateType::Date, Some(need), Anchor::Unresolved);
            tx.warn = Some("no earlier date in the article to count from".to_string());
            return Some(tx);
        };
        let (y, m, d) = s.ymd?;
        let mut tx = match unit {
            "Y" => {
                let y = y + n as i32;
                Tx::date(format!("{y:04}"), Precision::Year, Anchor::Previous).ymd(y, None, None)
            }
            "M" => {
                let (y, m) = calendar::add_months(y, m?, n);
                Tx::date(format!("{y:04}-{m:02}"), Precision::Month, Anchor::Previous).ymd(y, Some(m), None)
            }
            _ => {
                let days = if unit == "W" { 7 * n } else { n };
                let dd = calendar::add_days(Ymd { year: y, month: m?, day: d? }, days)?;
                Tx::date(dd.to_string(), Precision::Day, Anchor::Previous).ymd(dd.year, Some(dd.month), Some(dd.day))
            }
        };
        tx.inferred = s.inferred;
        if s.value.starts_with('X') {
            tx.anchor = Anchor::Unresolved;
        }
        Some(tx)
    }

    // --------------------------------------------------------------------------------------
    // Patterns
    // --------------------------------------------------------------------------------------

    /// A month name at `i` (with the full stop of an abbreviation): `(month, next token)`.
    fn month_at(&self, t: &[Tok], i: usize) -> Option<(u32, usize)> {
        let tok = t.get(i)?;
        if !tok.is_word() || tok.text.len() < 3 {
            return None;
        }
        let m = lexicon::month_number(&tok.lower)?;
        let full = lexicon::MONTHS.contains(&tok.lower.as_str());
        if full {
            return Some((m, i + 1));
        }
        // Abbreviations: capitalised, "Sept." or "Aug" followed by a day or year.
        if !tok.capitalized() {
            return None;
        }
        if is_punct(t.get(i + 1), &["."]) {
            return Some((m, i + 2));
        }
        (day_tok(t.get(i + 1)).is_some() || year4(t.get(i + 1)).is_some()).then_some((m, i + 1))
    }

    /// Absolute and partial calendar dates built on a month name.
    fn calendar(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let mut j = i;
        // "Friday, July 21, 2017": the weekday joins a full date.
        let mut weekday = false;
        if weekday_of(t.get(j)).is_some() {
            let k = if is_punct(t.get(j + 1), &[","]) { j + 2 } else { j + 1 };
            if self.month_at(t, k).is_some() || day_tok(t.get(k)).is_some() {
                j = k;
                weekday = true;
            }
        }
        // "the 12th of September"
        let mut k = j;
        if word_is(t.get(k), "the") && day_tok(t.get(k + 1)).is_some() {
            k += 1;
        }
        if let Some(d) = day_tok(t.get(k)) {
            let mut k2 = k + 1;
            if word_is(t.get(k2), "of") {
                k2 += 1;
            }
            if let Some((m, k3)) = self.month_at(t, k2) {
                // Not "5 May" as in "5 may be" — a lower-case "may"/"march" is a verb.
                if (t[k2].lower == "may" || t[k2].lower == "march") && !t[k2].capitalized() {
                    return None;
                }
                let k4 = if is_punct(t.get(k3), &[","]) { k3 + 1 } else { k3 };
                if let Some(y) = year4(t.get(k4)) {
                    return Some((k4 + 1, self.full(y, m, d)));
                }
                if self.this_year {
                    if let Some(tx) = self.in_this_year(m, Some(d)) {
                        return Some((k3, tx));
                    }
                }
                let future = self.future(t, i, k3);
                return Some((k3, self.day_no_year(m, d, future)));
            }
        }
        let (m, k) = self.month_at(t, j)?;
        let mtok = &t[j];
        let ambiguous = matches!(mtok.lower.as_str(), "may" | "march");
        if let Some(d) = day_tok(t.get(k)) {
            // "June 9, 2008", "June 9 2008", "June 9"; not "May 3,000".
            if !(ambiguous && !mtok.capitalized() && self.has_caps) && !is_punct(t.get(k + 1), &[":"]) {
                let k2 = if is_punct(t.get(k + 1), &[","]) { k + 2 } else { k + 1 };
                if let Some(y) = year4(t.get(k2)) {
                    return Some((k2 + 1, self.full(y, m, d)));
                }
                if self.this_year {
                    if let Some(tx) = self.in_this_year(m, Some(d)) {
                        return Some((k + 1, tx));
                    }
                }
                let future = self.future(t, i, k + 1);
                return Some((k + 1, self.day_no_year(m, d, future)));
            }
        }
        if weekday {
            return None;
        }
        let k2 = if is_punct(t.get(k), &[","]) || word_is(t.get(k), "of") { k + 1 } else { k };
        if let Some(y) = year4(t.get(k2)) {
            if !(ambiguous && !mtok.capitalized() && self.has_caps) {
                return Some((k2 + 1, Tx::date(format!("{y:04}-{m:02}"), Precision::Month, Anchor::Absolute).ymd(y, Some(m), None)));
            }
        }
        // A month alone.
        let prev = i.checked_sub(1).and_then(|p| t.get(p));
        let cue = prev.is_some_and(|p| CUES.contains(&p.lower.as_str()));
        if ambiguous && !(cue && mtok.capitalized()) {
            return None;
        }
        if !mtok.capitalized() && self.has_caps {
            // A lower-case month name in ordinary text is another word ("august company").
            return None;
        }
        // "June Carter": a capitalised word after the month makes it a name, unless a cue precedes.
        if !cue && t.get(k).is_some_and(|n| n.is_word() && n.capitalized()) {
            return None;
        }
        // "last August", "next March" are handled by `relative`.
        if self.this_year {
            if let Some(tx) = self.in_this_year(m, None) {
                return Some((k, tx));
            }
        }
        let future = self.future(t, i, k);
        Some((k, self.month_no_year(m, future)))
    }

    fn full(&self, y: i32, m: u32, d: u32) -> Tx {
        if !calendar::valid(i64::from(y), m, d) {
            return Tx::invalid(format!("{y}-{m:02}-{d:02} is not a calendar date; not read as a date"));
        }
        Tx::date(format!("{y:04}-{m:02}-{d:02}"), Precision::Day, Anchor::Absolute).ymd(y, Some(m), Some(d))
    }

    /// `2008-03-06`, `7/8/07`, `2/15`.
    fn numeric(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let a = t.get(i)?;
        if !a.is_num() {
            return None;
        }
        let dash = |k: usize| is_punct(t.get(k), &["-"]);
        let slash = |k: usize| is_punct(t.get(k), &["/"]);
        let adjacent = |k: usize| t.get(k).is_some_and(|x| x.start == t[k - 1].end);
        if a.text.len() == 4 && dash(i + 1) && adjacent(i + 1) && adjacent(i + 2) && t.get(i + 2).is_some_and(|x| x.is_num() && x.text.len() <= 2) {
            let y = a.int()? as i32;
            let m = t[i + 2].int()?;
            if dash(i + 3) && adjacent(i + 3) && adjacent(i + 4) && t.get(i + 4).is_some_and(|x| x.is_num() && x.text.len() <= 2) {
                let d = t[i + 4].int()?;
                return Some((i + 5, self.full(y, m, d)));
            }
            return None;
        }
        if a.text.len() <= 2 && slash(i + 1) && adjacent(i + 1) && adjacent(i + 2) {
            let b = t.get(i + 2).filter(|x| x.is_num() && x.text.len() <= 2)?;
            let (x, y_) = (a.int()?, b.int()?);
            // US order month/day; day/month when the first number cannot be a month.
            let (m, d) = if x <= 12 { (x, y_) } else { (y_, x) };
            let three = slash(i + 3) && adjacent(i + 3) && adjacent(i + 4) && t.get(i + 4).is_some_and(|x| x.is_num());
            if m > 12 || d == 0 || d > 31 || m == 0 {
                if three {
                    return Some((i + 5, Tx::invalid(format!("{}/{}/{} is not a calendar date; not read as a date", x, y_, t[i + 4].text))));
                }
                return None;
            }
            if three {
                let c = t.get(i + 4).filter(|x| x.is_num())?;
                let y = match c.text.len() {
                    2 => {
                        let v = c.int()? as i32;
                        if v < 50 { 2000 + v } else { 1900 + v }
                    }
                    4 => c.int()? as i32,
                    _ => return None,
                };
                return Some((i + 5, self.full(y, m, d)));
            }
            // A bare m/d: only standing alone or after a preposition ("on 2/15"), never a
            // fraction ("3/4 of").
            let prev_ok = i == 0 || word_in(t.get(i - 1), &["on", "by", "until", "since", "from", "before", "after"]);
            let next_word = t.get(i + 3).is_some_and(|x| x.is_word() || x.is_num());
            if !prev_ok || next_word {
                return None;
            }
            let future = self.future(t, i, i + 3);
            return Some((i + 3, self.day_no_year(m, d, future)));
        }
        None
    }

    /// `the 1990s`, `the '90s`, `the 19th century`.
    fn decade_century(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let the = word_is(t.get(i), "the");
        let j = if the { i + 1 } else { i };
        let tok = t.get(j)?;
        // 1990s
        if tok.is_word() && tok.lower.len() == 5 && tok.lower.ends_with('s') && tok.lower[..4].bytes().all(|b| b.is_ascii_digit()) && tok.lower.as_bytes()[3] == b'0' {
            let d = &tok.lower[..3];
            let y: i32 = tok.lower[..4].parse().ok()?;
            return Some((j + 1, Tx::date(d.to_string(), Precision::Decade, Anchor::Absolute).ymd(y, None, None)));
        }
        // 1990's
        if tok.is_num() && tok.text.len() == 4 && tok.text.ends_with('0') && is_punct(t.get(j + 1), &["'", "’"]) && word_is(t.get(j + 2), "s") {
            let y: i32 = tok.text.parse().ok()?;
            return Some((j + 3, Tx::date(tok.text[..3].to_string(), Precision::Decade, Anchor::Absolute).ymd(y, None, None)));
        }
        // '90s
        if is_punct(Some(tok), &["'", "’"]) {
            let n = t.get(j + 1)?;
            if n.is_word() && n.lower.len() == 3 && n.lower.ends_with('s') && n.lower.as_bytes()[1] == b'0' && n.lower.as_bytes()[0].is_ascii_digit() {
                let dd: i32 = n.lower[..2].parse().ok()?;
                let y = if dd >= 30 { 1900 + dd } else { 2000 + dd };
                let mut tx = Tx::date(format!("{:03}", y / 10), Precision::Decade, Anchor::Absolute).ymd(y, None, None);
                tx.inferred = true;
                return Some((j + 2, tx));
            }
            return None;
        }
        // the 19th century, the twenty-first century
        if the {
            let (n, k) = if word_is(t.get(j), "twenty") && is_punct(t.get(j + 1), &["-"]) {
                (20 + ordinal(t.get(j + 2)).filter(|n| *n < 10)?, j + 3)
            } else {
                (ordinal(t.get(j))?, j + 1)
            };
            if word_in(t.get(k), &["century"]) && (1..=30).contains(&n) {
                let c = n as i32 - 1;
                return Some((k + 1, Tx::date(format!("{c:02}"), Precision::Century, Anchor::Absolute).ymd(c * 100, None, None)));
            }
        }
        None
    }

    /// `summer 2022`, `the summer of 2022`, `in the spring`, `last winter`.
    fn season(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let the = word_is(t.get(i), "the");
        let j = if the { i + 1 } else { i };
        let code = season_code(&t.get(j)?.lower)?;
        let k = if word_is(t.get(j + 1), "of") { j + 2 } else { j + 1 };
        if let Some(y) = year4(t.get(k)) {
            return Some((k + 1, Tx::date(format!("{y:04}-{code}"), Precision::Season, Anchor::Absolute).ymd(y, Some(season_start(code)), None)));
        }
        // Without a year: only after a cue ("in the summer", "during the winter"); "fall" must
        // follow "the".
        let prev = i.checked_sub(1).and_then(|p| t.get(p));
        if !(the && prev.is_some_and(|p| matches!(p.lower.as_str(), "in" | "during" | "by" | "until" | "since" | "over" | "through"))) {
            return None;
        }
        let future = self.future(t, i, j + 1);
        Some((j + 1, self.season_rel(code, if future { 0 } else { -1 }, true)))
    }

    /// A season relative to the publication date: `dir` = -1 latest one that started on or
    /// before it, 0 with `near` the next one (future), or "last" (-2) / "next" (+2) / "this" (0).
    fn season_rel(&self, code: &str, dir: i32, near: bool) -> Tx {
        let Some(p) = self.published else {
            return Tx::unresolved(format!("XXXX-{code}"), Some(Precision::Season), NO_PUBLISHED);
        };
        let (py, pcode) = season_of(p.year, p.month);
        let (cur, want) = (season_rank(pcode), season_rank(code));
        let y = match (dir, near) {
            (-1, true) => if want <= cur { py } else { py - 1 },
            (0, true) => if want >= cur { py } else { py + 1 },
            (-2, _) => if want < cur { py } else { py - 1 },
            (2, _) => if want > cur { py } else { py + 1 },
            _ => py,
        };
        let mut tx = Tx::date(format!("{y:04}-{code}"), Precision::Season, Anchor::Publication).ymd(y, Some(season_start(code)), None);
        tx.inferred = near;
        tx
    }

    /// `Q3`, `Q3 2021`, `the third quarter of 2021`, `the first half of 2021`, `fiscal 2008`.
    fn quarter(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let tok = t.get(i)?;
        if tok.is_word() && tok.lower.len() == 2 && tok.lower.starts_with('q') {
            let q = tok.lower[1..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))?;
            if !tok.capitalized() && tok.text != tok.lower {
                return None;
            }
            let k = if is_punct(t.get(i + 1), &[","]) { i + 2 } else { i + 1 };
            if let Some(y) = year4(t.get(k)) {
                return Some((k + 1, Tx::date(format!("{y:04}-Q{q}"), Precision::Quarter, Anchor::Absolute).ymd(y, Some((q - 1) * 3 + 1), None)));
            }
            let future = self.future(t, i, i + 1);
            return Some((i + 1, self.quarter_rel(q, future)));
        }
        if matches!(tok.lower.as_str(), "fiscal" | "fy") {
            let k = if word_is(t.get(i + 1), "year") { i + 2 } else { i + 1 };
            let y = year4(t.get(k))?;
            return Some((k + 1, Tx::date(format!("FY{y:04}"), Precision::Year, Anchor::Absolute).ymd(y, None, None)));
        }
        if tok.lower.len() == 6 && tok.lower.starts_with("fy") {
            let y: i32 = tok.lower[2..].parse().ok()?;
            return Some((i + 1, Tx::date(format!("FY{y:04}"), Precision::Year, Anchor::Absolute).ymd(y, None, None)));
        }
        // "2018Q4"
        if tok.is_word() && tok.lower.len() == 6 && tok.lower.as_bytes()[4] == b'q' && tok.lower[..4].bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = tok.lower[..4].parse().ok()?;
            let q: u32 = tok.lower[5..].parse().ok().filter(|q| (1..=4).contains(q))?;
            return Some((i + 1, Tx::date(format!("{y:04}-Q{q}"), Precision::Quarter, Anchor::Absolute).ymd(y, Some((q - 1) * 3 + 1), None)));
        }
        // "the third quarter", "4th qtr 2018"
        let o = if word_is(Some(tok), "the") { i + 1 } else { i };
        let n = ordinal(t.get(o)).or_else(|| (o > i && word_is(t.get(o), "last")).then_some(0))?;
        let unit = t.get(o + 1)?.lower.as_str();
        let (code, max) = match unit {
            "quarter" | "qtr" => ("Q", 4),
            "half" => ("H", 2),
            _ => return None,
        };
        if n > max {
            return None;
        }
        let k = o + 2;
        if code == "Q" && n > 0 {
            if let Some(y) = year4(t.get(k)) {
                return Some((k + 1, Tx::date(format!("{y:04}-Q{n}"), Precision::Quarter, Anchor::Absolute).ymd(y, Some((n - 1) * 3 + 1), None)));
            }
        }
        if word_is(t.get(k), "of") {
            if let Some(y) = year4(t.get(k + 1)) {
                let start = (n.max(1) - 1) * 12 / max + 1;
                let n = if n == 0 { max } else { n };
                return Some((k + 2, Tx::date(format!("{y:04}-{code}{n}"), Precision::Quarter, Anchor::Absolute).ymd(y, Some(start), None)));
            }
            if word_in(t.get(k + 1), &["this", "the"]) && word_is(t.get(k + 2), "year") {
                let p = self.published;
                let n = if n == 0 { max } else { n };
                return Some((k + 3, match p {
                    Some(p) => Tx::date(format!("{:04}-{code}{n}", p.year), Precision::Quarter, Anchor::Publication).ymd(p.year, None, None),
                    None => Tx::unresolved(format!("XXXX-{code}{n}"), Some(Precision::Quarter), NO_PUBLISHED),
                }));
            }
        }
        if code == "Q" {
            if n == 0 {
                // "the last quarter": the one before the publication's.
                return Some((k, self.this_unit("quarter", -1)?));
            }
            let future = self.future(t, i, k);
            return Some((k, self.quarter_rel(n, future)));
        }
        None
    }

    fn quarter_rel(&self, q: u32, future: bool) -> Tx {
        let Some(p) = self.published else {
            return Tx::unresolved(format!("XXXX-Q{q}"), Some(Precision::Quarter), NO_PUBLISHED);
        };
        let cur = (p.month - 1) / 3 + 1;
        let y = if future {
            if q >= cur { p.year } else { p.year + 1 }
        } else if q <= cur {
            p.year
        } else {
            p.year - 1
        };
        Tx::date(format!("{y:04}-Q{q}"), Precision::Quarter, Anchor::Publication).inferred().ymd(y, Some((q - 1) * 3 + 1), None)
    }

    /// A bare year: `2008`, `in 1991`, `the 2020 agreement`; not a count (`2000 people`),
    /// money (`$2008`) or a percentage.
    fn year(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let y = year4(t.get(i))?;
        let prev = i.checked_sub(1).map(|p| &t[p]);
        let next = t.get(i + 1);
        let cue = prev.is_some_and(|p| TEMPORAL_CUES.contains(&p.lower.as_str()));
        if !(1800..=2100).contains(&y) && !(cue && (1000..=2199).contains(&y)) {
            return None;
        }
        if prev.is_some_and(|p| matches!(p.text, "$" | "€" | "£" | "#" | "¥" | "No" | "no" | "+" | "number" | "/" | ":"))
            || is_punct(next, &["/", ":"])
        {
            return None;
        }
        if let Some(n) = next {
            if matches!(n.text, "%" | "," | ".") && t.get(i + 2).is_some_and(|x| x.is_num() && x.start == n.end) {
                return None;
            }
            if n.text == "%" || n.lower == "percent" || n.lower == "per" {
                return None;
            }
            if n.is_word() && lexicon::NUMBER_SCALES.contains_key(n.lower.as_str()) {
                return None;
            }
            // A count: "of 1709 schoolchildren", "about 2000 people"; but "the 2020 agreement"
            // and "In 2008 sales fell" are years.
            let temporal = prev.is_some_and(|p| TEMPORAL_CUES.contains(&p.lower.as_str()) || DETERMINERS.contains(&p.lower.as_str()));
            if n.is_word() && !n.capitalized() && n.lower.ends_with('s') && !n.lower.ends_with("ss") && !temporal {
                return None;
            }
        }
        if prev.is_some_and(|p| matches!(p.lower.as_str(), "about" | "around" | "nearly" | "almost" | "some" | "over" | "than") ) && next.is_some_and(|n| n.is_word() && !n.capitalized()) {
            return None;
        }
        Some((i + 1, Tx::date(format!("{y:04}"), Precision::Year, Anchor::Absolute).ymd(y, None, None)))
    }

    /// Dates relative to the publication date or to an earlier date.
    fn relative(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let w = t.get(i)?;
        if !w.is_word() {
            return None;
        }
        let l = w.lower.as_str();
        let part = |k: usize| -> Option<&'static str> {
            match t.get(k).map(|x| x.lower.as_str()) {
                Some("morning") => Some("TMO"),
                Some("afternoon") => Some("TAF"),
                Some("evening") => Some("TEV"),
                Some("night") => Some("TNI"),
                _ => None,
            }
        };
        match l {
            "today" => return Some((i + 1, self.day_offset(0, "")?)),
            "tonight" => return Some((i + 1, self.day_offset(0, "TNI")?)),
            "yesterday" | "tomorrow" => {
                let n = if l == "yesterday" { -1 } else { 1 };
                if let Some(s) = part(i + 1) {
                    return Some((i + 2, self.day_offset(n, s)?));
                }
                return Some((i + 1, self.day_offset(n, "")?));
            }
            _ => {}
        }
        // Vague references ("now", "recently", "in the past") are not tagged: gold corpora
        // disagree on them and they never date an event.
        // "the day before yesterday", "the day after tomorrow"
        if l == "the" && word_is(t.get(i + 1), "day") {
            if word_is(t.get(i + 2), "before") && word_is(t.get(i + 3), "yesterday") {
                return Some((i + 4, self.day_offset(-2, "")?));
            }
            if word_is(t.get(i + 2), "after") && word_is(t.get(i + 3), "tomorrow") {
                return Some((i + 4, self.day_offset(2, "")?));
            }
        }
        // "this morning", "last night"
        if matches!(l, "this" | "last") {
            if let Some(s) = part(i + 1) {
                if l == "this" && s != "TNI" {
                    return Some((i + 2, self.day_offset(0, s)?));
                }
                if l == "last" && s == "TNI" {
                    return Some((i + 2, self.day_offset(-1, s)?));
                }
            }
        }
        // "earlier this year", "later this month"
        if matches!(l, "earlier" | "later") && word_in(t.get(i + 1), &["this", "last", "next"]) {
            if let Some(u) = t.get(i + 2).map(|x| x.lower.as_str()).filter(|u| matches!(*u, "year" | "month" | "week")) {
                let n = match t[i + 1].lower.as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                return Some((i + 3, self.this_unit(u, n)?));
            }
        }
        // "this year", "last month", "next week", "this summer", "last Tuesday", "last August"
        if matches!(l, "this" | "last" | "next" | "coming" | "past" | "current") || (l == "the" && word_in(t.get(i + 1), &["coming", "past", "current"])) {
            let (j, which) = if l == "the" { (i + 2, t[i + 1].lower.as_str()) } else { (i + 1, l) };
            let n: i64 = match which {
                "last" | "past" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            let u = t.get(j)?;
            if matches!(which, "past" | "coming") {
                // "the past year" is a duration (handled there); only "this past weekend".
                return None;
            }
            match u.lower.as_str() {
                "year" | "month" | "week" | "weekend" | "quarter" | "decade" | "yr" | "qtr" => {
                    let unit = match u.lower.as_str() {
                        "yr" => "year",
                        "qtr" => "quarter",
                        x => x,
                    };
                    return Some((j + 1, self.this_unit(unit, n)?));
                }
                s if season_code(s).is_some() => {
                    let code = season_code(s)?;
                    return Some((j + 1, self.season_rel(code, (n * 2) as i32, false)));
                }
                _ => {}
            }
            if let Some(wd) = weekday_of(Some(u)) {
                let k = if part(j + 1).is_some() { j + 2 } else { j + 1 };
                return Some((k, self.weekday_rel(wd, n, t, i, k)));
            }
            if let Some((m, k)) = self.month_at(t, j) {
                if day_tok(t.get(k)).is_some() || year4(t.get(k)).is_some() || !t[j].capitalized() && matches!(t[j].lower.as_str(), "may" | "march") {
                    return None;
                }
                let tx = match (n, self.published) {
                    (0, _) => self.month_no_year(m, self.future(t, i, k)),
                    (_, None) => Tx::unresolved(format!("XXXX-{m:02}"), Some(Precision::Month), NO_PUBLISHED),
                    (n, Some(p)) => {
                        let y = if n < 0 {
                            if m < p.month { p.year } else { p.year - 1 }
                        } else if m > p.month {
                            p.year
                        } else {
                            p.year + 1
                        };
                        Tx::date(format!("{y:04}-{m:02}"), Precision::Month, Anchor::Publication).ymd(y, Some(m), None)
                    }
                };
                return Some((k, tx));
            }
            return None;
        }
        // "the following year", "the previous day", "that year", "the same day", "the next day"
        let (j, n) = match l {
            "that" => (i + 1, Some(0)),
            "the" => match t.get(i + 1).map(|x| x.lower.as_str()) {
                Some("following" | "next") => (i + 2, Some(1)),
                Some("previous" | "preceding") => (i + 2, Some(-1)),
                Some("same") => (i + 2, Some(0)),
                Some("year" | "day" | "month") if word_is(t.get(i + 2), "before") => (i + 1, Some(-1)),
                Some("year" | "day" | "month") if word_is(t.get(i + 2), "after") && !t.get(i + 3).is_some_and(|x| x.is_word() || x.is_num()) => (i + 1, Some(1)),
                _ => (i, None),
            },
            _ => (i, None),
        };
        if let Some(n) = n {
            let unit = match t.get(j).map(|x| x.lower.as_str()) {
                Some("year") => "Y",
                Some("month") => "M",
                Some("day") => "D",
                Some("week") => "W",
                _ => return None,
            };
            if unit == "W" {
                return None;
            }
            // "that day" only after an earlier date; "the year before" consumes "before".
            let end = if word_in(t.get(j + 1), &["before", "after"]) && t[i].lower == "the" && j == i + 1 { j + 2 } else { j + 1 };
            // "that year's budget" is still a date; "that day" as in "that day trader" is rare.
            if self.seen.is_empty() {
                return None;
            }
            return Some((end, self.from_previous(unit, n)?));
        }
        // "since the takeover": relative to an event the article does not date.
        if l == "since" && word_is(t.get(i + 1), "the") && t.get(i + 2).is_some_and(|x| EVENT_NOUNS.contains(x.lower.as_str())) {
            return Some((i + 3, Tx::new("PAST_REF".into(), DateType::Date, None, Anchor::Unresolved)));
        }
        // "three years ago", "a decade ago", "two days later", "a few months before X".
        self.counted(t, i).and_then(|(k, amount, unit)| self.counted_date(t, i, k, amount, unit))
    }

    /// A date from a counted unit followed by `ago`, `earlier`, `later`, `before X`, `after X`.
    fn counted_date(&self, t: &[Tok], i: usize, k: usize, amount: Option<u32>, unit: &'static str) -> Option<(usize, Tx)> {
        let next = t.get(k)?.lower.as_str();
        match next {
            "ago" | "earlier" | "later" => {
                let sign: i64 = if next == "later" { 1 } else { -1 };
                let (u, n) = match unit {
                    "DE" => ("Y", 10 * i64::from(amount?)),
                    "Y" | "M" | "D" | "W" => (unit, i64::from(amount?)),
                    "H" if next == "ago" => {
                        // "24 hours ago": the day it falls on.
                        return Some((k + 1, self.day_offset(-(i64::from(amount?) / 24), "")?));
                    }
                    _ => return None,
                };
                if next == "ago" {
                    return Some((k + 1, self.ago(u, sign * n)?));
                }
                Some((k + 1, self.from_previous(u, sign * n)?))
            }
            "before" | "after" | "prior" => {
                let j = if next == "prior" {
                    if !word_is(t.get(k + 1), "to") {
                        return None;
                    }
                    k + 2
                } else {
                    k + 1
                };
                let m = if next == "after" { DateMod::After } else { DateMod::Before };
                // "two days before March 3": arithmetic on a real date.
                if let Some((end, base)) = self.core(t, j) {
                    if base.kind == DateType::Date && !base.invalid {
                        let mut tx = base;
                        tx.modifier = Some(m);
                        tx.inferred = true;
                        return Some((end, tx));
                    }
                }
                // "a few months before the conversation with Huawei": an event noun phrase.
                if !word_in(t.get(j), DETERMINERS) || !matches!(unit, "D" | "W" | "M" | "Y" | "DE") {
                    return None;
                }
                let mut end = j + 1;
                while end < t.len() && end < j + 8 && t[end].kind != Kind::Punct && !matches!(t[end].lower.as_str(), "that" | "which" | "when" | "while" | "who" | "but") {
                    end += 1;
                }
                if end <= j + 1 {
                    return None;
                }
                let np = content_stems(&t[j + 1..end]);
                let found = self
                    .seen
                    .iter()
                    .rev()
                    .filter(|s| s.precision.is_some_and(|p| p <= Precision::Year))
                    .map(|s| (s.words.intersection(&np).count(), s))
                    .filter(|(n, _)| *n > 0)
                    .max_by_key(|(n, _)| *n);
                let _ = i;
                let mut tx = match found {
                    Some((_, s)) => {
                        let mut tx = Tx::new(s.value.clone(), DateType::Date, s.precision, if s.value.starts_with('X') { Anchor::Unresolved } else { Anchor::Previous });
                        tx.ymd = s.ymd;
                        tx
                    }
                    // No earlier date for that event: the words stay a duration.
                    None => return None,
                };
                tx.modifier = Some(m);
                tx.inferred = true;
                Some((end, tx))
            }
            _ => None,
        }
    }

    /// `n` units before the publication date (`u` in Y, M, W, D).
    fn ago(&self, u: &str, n: i64) -> Option<Tx> {
        let Some(p) = self.published else {
            let (v, prec) = match u {
                "Y" => ("XXXX", Precision::Year),
                "M" => ("XXXX-XX", Precision::Month),
                _ => ("XXXX-XX-XX", Precision::Day),
            };
            return Some(Tx::unresolved(v.into(), Some(prec), NO_PUBLISHED));
        };
        Some(match u {
            "Y" => {
                let y = p.year.checked_add(i32::try_from(n).ok()?)?;
                if !(1..=9999).contains(&y) {
                    return None;
                }
                Tx::date(format!("{y:04}"), Precision::Year, Anchor::Publication).ymd(y, None, None)
            }
            "M" => {
                let (y, m) = calendar::add_months(p.year, p.month, n);
                Tx::date(format!("{y:04}-{m:02}"), Precision::Month, Anchor::Publication).ymd(y, Some(m), None)
            }
            "W" => {
                let d = calendar::add_days(p, 7 * n)?;
                let (y, w) = calendar::iso_week(d);
                Tx::date(format!("{y:04}-W{w:02}"), Precision::Day, Anchor::Publication).ymd(d.year, Some(d.month), None)
            }
            _ => return self.day_offset(n, ""),
        })
    }

    /// `on Tuesday`, `Tuesday morning` (tense decides the week).
    fn weekday(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let wd = weekday_of(t.get(i))?;
        let tok = &t[i];
        if !tok.capitalized() && self.has_caps {
            return None;
        }
        let part = matches!(t.get(i + 1).map(|x| x.lower.as_str()), Some("morning" | "afternoon" | "evening" | "night"));
        let k = if part { i + 2 } else { i + 1 };
        Some((k, self.weekday_rel(wd, 0, t, i, k)))
    }

    /// A weekday relative to the publication date: `n` = -1 last, +1 next, 0 by tense.
    fn weekday_rel(&self, wd: u32, n: i64, t: &[Tok], a: usize, b: usize) -> Tx {
        let Some(p) = self.published else {
            return Tx::unresolved(format!("XXXX-WXX-{wd}"), Some(Precision::Day), NO_PUBLISHED);
        };
        let pw = i64::from(calendar::weekday(p));
        let wd_ = i64::from(wd);
        let back = (pw - wd_).rem_euclid(7); // days back to the latest such weekday (0 = today)
        let fwd = (wd_ - pw).rem_euclid(7);
        let offset = match n {
            -1 => -(if back == 0 { 7 } else { back }),
            1 => if fwd == 0 { 7 } else { fwd },
            _ => {
                if self.future(t, a, b) { fwd } else { -back }
            }
        };
        match calendar::add_days(p, offset) {
            Some(d) => {
                let mut tx = Tx::date(d.to_string(), Precision::Day, Anchor::Publication).ymd(d.year, Some(d.month), Some(d.day));
                tx.inferred = n == 0;
                tx
            }
            None => Tx::unresolved(format!("XXXX-WXX-{wd}"), Some(Precision::Day), "out of calendar range"),
        }
    }

    /// A counted unit at `i`: `four years`, `a few months`, `15 days`, `a decade`.
    /// Returns (next token, amount or None for "a few", unit code).
    fn counted(&self, t: &[Tok], i: usize) -> Option<(usize, Option<u32>, &'static str)> {
        let tok = t.get(i)?;
        let (amount, j): (Option<u32>, usize) = if let Some(n) = tok.int().filter(|_| tok.text.len() <= 4) {
            (Some(n), i + 1)
        } else if tok.is_word() {
            match tok.lower.as_str() {
                "a" | "an" if word_in(t.get(i + 1), &["few", "couple"]) => {
                    let k = if word_is(t.get(i + 2), "of") { i + 3 } else { i + 2 };
                    (if t[i + 1].lower == "couple" { Some(2) } else { None }, k)
                }
                "a" | "an" | "one" => (Some(1), i + 1),
                "several" | "few" | "many" | "some" => (None, i + 1),
                "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety" if is_punct(t.get(i + 1), &["-"]) => {
                    let tens: u32 = number_word(tok.lower.as_str())?.parse().ok()?;
                    let ones: u32 = t.get(i + 2).and_then(|x| number_word(x.lower.as_str())).and_then(|v| v.parse().ok()).filter(|v: &u32| *v < 10)?;
                    (Some(tens + ones), i + 3)
                }
                w => (Some(number_word(w)?.parse().ok()?), i + 1),
            }
        } else {
            return None;
        };
        let unit = unit_of(t.get(j))?;
        if unit == "WE" {
            return None;
        }
        // "a year" only counted after a cue; "one year" and "a decade" anywhere.
        if matches!(tok.lower.as_str(), "a" | "an") && amount == Some(1) {
            let prev = i.checked_sub(1).map(|p| t[p].lower.as_str());
            let after = t.get(j + 1).map(|x| x.lower.as_str());
            let ok = matches!(prev, Some("for" | "over" | "in" | "within" | "than" | "about" | "almost" | "nearly" | "just" | "only" | "half"))
                || matches!(after, Some("ago" | "later" | "earlier" | "before" | "after" | "long"));
            if !ok {
                return None;
            }
        }
        Some((j + 1, amount, unit))
    }

    /// Durations and sets.
    fn duration_or_set(&self, t: &[Tok], i: usize) -> Option<(usize, Tx)> {
        let tok = t.get(i)?;
        let l = tok.lower.as_str();
        // Sets.
        let set = |v: &str, end: usize| Some((end, Tx::new(v.to_string(), DateType::Set, None, Anchor::Absolute)));
        match l {
            "annually" | "annual" | "yearly" => return set("P1Y", i + 1),
            "daily" | "nightly" => return set("P1D", i + 1),
            "weekly" => return set("P1W", i + 1),
            "monthly" => return set("P1M", i + 1),
            "quarterly" => return set("P3M", i + 1),
            "every" | "each" | "per" => {
                let mut j = i + 1;
                if word_is(t.get(j), "other") {
                    j += 1;
                }
                let n: u32 = if t[i + 1..].first().is_some_and(|x| x.lower == "other") { 2 } else { 1 };
                if let Some(wd) = weekday_of(t.get(j)) {
                    return set(&format!("XXXX-WXX-{wd}"), j + 1);
                }
                if let Some((m, k)) = self.month_at(t, j) {
                    return set(&format!("XXXX-{m:02}"), k);
                }
                if let Some(u) = unit_of(t.get(j)) {
                    if u == "WE" {
                        return set("XXXX-WXX-WE", j + 1);
                    }
                    return set(&iso_duration(Some(n), u), j + 1);
                }
                if let Some((k, amount, u)) = self.counted(t, j) {
                    return set(&iso_duration(amount, u), k);
                }
                return None;
            }
            "a" | "an" => {
                // "$2 billion a year", "twice a week"
                let prev = i.checked_sub(1).map(|p| &t[p]);
                if let Some(u) = unit_of(t.get(i + 1)) {
                    let after_amount = prev.is_some_and(|p| p.is_num() || matches!(p.lower.as_str(), "once" | "twice" | "times" | "million" | "billion" | "thousand" | "trillion" | "dollars" | "euros" | "pounds"));
                    if after_amount && matches!(u, "Y" | "M" | "W" | "D") && !word_in(t.get(i + 2), &["ago", "later", "earlier", "before", "after"]) {
                        return set(&iso_duration(Some(1), u), i + 2);
                    }
                }
            }
            _ => {}
        }
        // "the past 30 days", "the last four years": durations.
        if l == "the" && word_in(t.get(i + 1), &["past", "last", "next", "previous", "coming", "first", "final"]) {
            if let Some((k, amount, u)) = self.counted(t, i + 2) {
                if amount != Some(1) || t[i + 2].lower != "a" {
                    return Some((k, Tx::new(iso_duration(amount, u), DateType::Duration, None, Anchor::Absolute)));
                }
            }
            if let Some(u) = unit_of(t.get(i + 2)).filter(|u| *u != "WE") {
                if t[i + 1].lower == "past" || t[i + 1].lower == "coming" {
                    return Some((i + 3, Tx::new(iso_duration(Some(1), u), DateType::Duration, None, Anchor::Absolute)));
                }
            }
        }
        // "for years", "for decades"
        if l == "for" {
            if let Some(u) = unit_of(t.get(i + 1)).filter(|_| t[i + 1].lower.ends_with('s')) {
                if u != "WE" {
                    return Some((i + 2, Tx::new(iso_duration(None, u), DateType::Duration, None, Anchor::Absolute)));
                }
            }
            return None;
        }
        // "a four-year term", "the 11-year war"
        if let Some(n) = tok.int().or_else(|| number_word(l).and_then(|v| v.parse().ok())) {
            if is_punct(t.get(i + 1), &["-"]) && t.get(i + 2).is_some_and(|x| x.start == t[i + 1].end) {
                if let Some(u) = unit_of(t.get(i + 2)).filter(|_| !t[i + 2].lower.ends_with('s')) {
                    if u != "WE" {
                        return Some((i + 3, Tx::new(iso_duration(Some(n), u), DateType::Duration, None, Anchor::Absolute)));
                    }
                }
            }
        }
        // "four years", "a few months", "24 hours" (not "ago" / "later": those are dates).
        let (k, amount, u) = self.counted(t, i)?;
        if word_in(t.get(k), &["ago", "earlier", "later", "before", "after", "prior"]) {
            return None;
        }
        // "one day" at the start of a story is not a duration we can use, but still a duration.
        let end = if word_in(t.get(k), &["long"]) { k + 1 } else { k };
        Some((end, Tx::new(iso_duration(amount, u), DateType::Duration, None, Anchor::Absolute)))
    }
}

/// `P4Y`, `PXM`, `PT24H`, `P1DE`.
fn iso_duration(amount: Option<u32>, unit: &str) -> String {
    let n = amount.map(|n| n.to_string()).unwrap_or_else(|| "X".to_string());
    match unit {
        "H" => format!("PT{n}H"),
        "MIN" => format!("PT{n}M"),
        "S" => format!("PT{n}S"),
        "2W" => format!("P{}W", amount.map(|a| (2 * a).to_string()).unwrap_or_else(|| "X".into())),
        u => format!("P{n}{u}"),
    }
}

/// Tags a whole text (no article structure): the benchmark and unit-test entry point. The text
/// is split into sentences the way `segment` splits a paragraph; `sentence` indexes them.
pub fn tag_text(text: &str, published: Option<Ymd>) -> Vec<Found> {
    let mut tagger = Tagger::new(published);
    let mut out = Vec::new();
    for (si, span) in crate::segment::split_sentences(text, Span::new(0, text.len())).into_iter().enumerate() {
        tagger.tag_sentence(text, span, si, &mut out);
    }
    out.retain(|f| f.mention.sentence != usize::MAX);
    out
}

/// Every temporal expression of a document, in text order (see the module notes).
pub fn extract(doc: &Document, published: Option<Ymd>, warnings: &mut Vec<Diagnostic>) -> Vec<DateMention> {
    let mut tagger = Tagger::new(published);
    let mut found = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        tagger.tag_sentence(doc.text(), s.span, si, &mut found);
    }
    let seed = &doc.article.seed;
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        if let Some(w) = f.warning {
            let msg = if f.mention.sentence == usize::MAX { format!("\"{}\": {w}", f.mention.text) } else { w };
            warnings.push(seed.diagnostic_at(f.mention.span.start, msg));
        }
        if f.mention.sentence != usize::MAX {
            out.push(f.mention);
        }
    }
    out
}

#[cfg(test)]
mod tests;
