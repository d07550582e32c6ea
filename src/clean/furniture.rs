//! The article's own furniture on a text page: bylines, date lines and datelines.
//!
//! In: one line of the page (or the start of the first paragraph). Out: what it states, when
//! the whole line is furniture: the authors of a byline ("By Sarah E. Needleman and John Roe",
//! "Jane Doe | Reuters"), a publication or update date ("Nov. 19, 2019 8:03 am ET", "Updated on:
//! November 19, 2019 / 10:07 AM / CBS News", "27.10.2023", "2021/09/19"), or a dateline opening
//! the body ("KABUL, Oct 30 (Reuters) -" → place and the length to strip). Labels and byline
//! cues are data (`data/date-labels.txt`, `data/byline-cues.txt`); a bare name line counts as
//! a byline only next to a date line (the caller decides).
//!
//! What it gets wrong: a byline without a cue whose first name is not in
//! `data/given-names.txt` is not a byline; slashed dates are read month first unless the first
//! number cannot be a month, so a British "05/06/2021" (5 June) is read as 6 May; month names
//! are English only (numeric dates cover the other languages).

use crate::lexicon;
use crate::model::Ymd;
use std::collections::BTreeSet;
use std::sync::LazyLock;

static GIVEN_NAMES: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| lexicon::set("given-names.txt"));

/// Which date a date line gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateKind {
    Published,
    Updated,
}

/// What a furniture line states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Furniture {
    pub authors: Vec<String>,
    pub date: Option<(Ymd, DateKind)>,
    /// A label with nothing after it ("Published", "on", "By"): the value is on another line.
    pub empty_label: bool,
}

impl Furniture {
    pub(super) fn is_byline(&self) -> bool {
        !self.authors.is_empty()
    }
}

/// Separators between the pieces of one furniture line.
const SEPARATORS: &[&str] = &[" | ", "|", " / ", " · ", " • ", " — ", " – ", " - ", " ‧ "];

/// Cuts a line at its separators.
fn pieces(line: &str) -> Vec<&str> {
    let mut out = vec![line];
    for sep in SEPARATORS {
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Strips a date label ("Updated on:", "Published") from the start of a piece: the rest and the
/// label's kind.
fn strip_label(piece: &str) -> Option<(&str, DateKind)> {
    let lower = piece.to_lowercase();
    // Longest label first: "updated on" before "updated".
    let best = lexicon::DATE_LABELS
        .iter()
        .filter(|(label, _)| {
            lower.starts_with(*label) && lower[label.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(label, _)| label.len())?;
    // The label is lower-cased ASCII or short Latin text; find its byte length in `piece` by
    // counting characters (lower-casing keeps the count for these letters).
    let chars = best.0.chars().count();
    let cut = piece.char_indices().nth(chars).map_or(piece.len(), |(i, _)| i);
    let rest = piece[cut..].trim_start_matches([':', ' ', '\u{a0}']);
    let kind = if *best.1 == "updated" { DateKind::Updated } else { DateKind::Published };
    Some((rest, kind))
}

/// A time of day or a time zone, and the small words around them: what may follow a date on a
/// date line ("8:03 am ET", "10:07 AM", "14.05 Uhr", "at 9 p.m. GMT").
fn is_time_token(t: &str) -> bool {
    let t = t.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '[' | ']'));
    if t.is_empty() {
        return true;
    }
    let lower = t.to_lowercase();
    if matches!(
        lower.as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "at" | "um" | "à" | "uhr" | "h" | "et" | "est" | "edt" | "ct" | "cst" | "cdt" | "pt" | "pst" | "pdt"
            | "mt" | "mst" | "mdt" | "gmt" | "utc" | "bst" | "cet" | "cest" | "ist" | "jst" | "aest" | "aedt" | "hkt" | "sgt" | "mez" | "mesz"
    ) {
        return true;
    }
    // 8:03, 10.07, 14h05, 8:03am, 10:07PM, +02:00
    let digits = lower.trim_start_matches('+').trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'h')) && digits.chars().any(|c| c.is_ascii_digit()) && digits.len() <= 8 && digits.contains([':', '.', 'h'])
}

/// A numeric date: 27.10.2023, 27.10.23 is not taken (two-digit years are ambiguous),
/// 2021/09/19, 2021.09.19, 11/19/2019 (month first unless the first number cannot be a month).
fn numeric_date(t: &str) -> Option<Ymd> {
    let t = t.trim_end_matches([',', '.']);
    let sep = if t.contains('/') { '/' } else if t.contains('.') { '.' } else { return None };
    let parts: Vec<&str> = t.split(sep).collect();
    if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if parts[2].len() == 4 {
        if sep == '.' || n[0] > 12 {
            (n[2], n[1], n[0])
        } else {
            (n[2], n[0], n[1])
        }
    } else {
        return None;
    };
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Ymd::parse(&format!("{y:04}-{m:02}-{d:02}"))
}

/// "8. Januar 2020", "8 janvier 2020", "8 de enero de 2020", "Januar 8, 2020": a date with a
/// month name of another language.
fn other_language_date(all: &[&str]) -> Option<(Ymd, usize)> {
    let mut toks: Vec<&str> = Vec::new();
    let mut used = 0;
    for t in all {
        if toks.len() == 3 {
            break;
        }
        used += 1;
        if !matches!(*t, "de" | "del") {
            toks.push(t);
        }
    }
    if toks.len() < 3 {
        return None;
    }
    let month = |t: &str| lexicon::MONTHS_OTHER_LANGUAGES.get(t.trim_end_matches('.').to_lowercase().as_str()).copied();
    let day = |t: &str| t.trim_end_matches('.').parse::<u32>().ok();
    let (d, m) = match (day(toks[0]), month(toks[1]), month(toks[0]), day(toks[1])) {
        (Some(d), Some(m), _, _) => (d, m),
        (_, _, Some(m), Some(d)) => (d, m),
        _ => return None,
    };
    let y: u32 = toks[2].parse().ok().filter(|y| (1900..=2100).contains(y))?;
    Ymd::parse(&format!("{y:04}-{m:02}-{d:02}")).map(|d| (d, used))
}

/// A date written as a whole piece of a line, with nothing after it but a time:
/// "Nov. 19, 2019 8:03 am ET", "Tuesday 19 November 2019 10.07 GMT", "27.10.2023, 14:05 Uhr",
/// "2023-09-26T10:30:00Z". `None` when other words follow (a sentence that starts with a date).
pub(super) fn date_piece(piece: &str) -> Option<Ymd> {
    let piece = piece.trim();
    let b = piece.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if let Some(d) = piece.get(..10).and_then(Ymd::parse) {
            let rest = &piece[10..];
            if rest.is_empty() || rest.starts_with(['T', ' ']) && rest.split_whitespace().count() <= 3 {
                return Some(d);
            }
        }
    }
    let toks: Vec<&str> = piece.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    if toks.is_empty() || toks.len() > 10 {
        return None;
    }
    // A weekday, and "on", "am" (German), "le", "el" before the date.
    let mut i = 0;
    while i < 2 && toks.get(i).is_some_and(|t| super::is_weekday(t) || matches!(t.to_lowercase().as_str(), "on" | "am" | "le" | "el" | "den")) {
        i += 1;
    }
    if i >= toks.len() {
        return None;
    }
    let (date, used) = if let Some(d) = numeric_date(toks[i]) {
        (d, 1)
    } else if let Some(d) = super::parse_dateline(&toks[i..toks.len().min(i + 3)].join(" ")) {
        (d, 3)
    } else {
        other_language_date(&toks[i..])?
    };
    // Month-first dates with the year right after the day need three tokens; "19 November 2019"
    // too. Anything after them must be a time.
    toks[(i + used).min(toks.len())..].iter().all(|t| is_time_token(t)).then_some(date)
}

/// The names of a byline's text after its cue: "Sarah E. Needleman", "Jane Doe and John Roe",
/// "JANE DOE, Reuters" (an affiliation after a comma is dropped when it is one word or has a
/// lower-case word: "Staff Writer" is a role, not a name). `None` when a piece is not a name.
fn names(s: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for part in crate::html::split_authors(s) {
        let part = part.trim().trim_end_matches(['.', ',', ':']).trim();
        if part.is_empty() {
            continue;
        }
        let ws: Vec<&str> = part.split_whitespace().collect();
        if ws.len() > 5 {
            return None;
        }
        let role = ws.iter().any(|w| ROLE_WORDS.contains(w.to_lowercase().as_str()));
        let namelike = ws.iter().all(|w| is_name_word(w));
        if role && !out.is_empty() {
            continue;
        }
        if !namelike || role {
            return None;
        }
        if ws.len() == 1 && !out.is_empty() {
            // "Jane Doe, Reuters": a one-word piece after a name is the affiliation.
            continue;
        }
        let name = if super::is_all_caps(part) { super::title_case(part) } else { part.to_string() };
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Words that say what a byline's person is, not who (`data/byline-roles.txt`).
static ROLE_WORDS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| lexicon::set("byline-roles.txt"));
/// Lower-case words inside a person's name ("de", "van", "bin"; `data/name-particles.txt`).
static NAME_PARTICLES: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| lexicon::set("name-particles.txt"));

/// A word of a person's name: capitalised ("Needleman", "O'Neil", "Mary-Jane", "E."), a
/// particle ("de", "van", "al-"), or capitals ("DOE").
fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    if NAME_PARTICLES.contains(w) {
        return true;
    }
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-')),
        _ => w.starts_with("al-") || w.starts_with("el-"),
    }
}

/// A byline piece: a cue ("By", "Written by", "Von") and names.
fn byline_piece(piece: &str) -> Option<Vec<String>> {
    let lower = piece.to_lowercase();
    let cue = lexicon::BYLINE_CUES
        .iter()
        .filter(|c| lower.starts_with(*c) && lower[c.len()..].starts_with([' ', ':', '\u{a0}']))
        .max_by_key(|c| c.len())?;
    let rest = piece[cue.len()..].trim_start_matches([':', ' ', '\u{a0}']);
    names(rest)
}

/// A line that is only a person's name, two to four words, the first a known given name:
/// "Sarah E. Needleman", "JANE DOE". A byline without its "By" (the caller takes it as one only
/// next to a date line).
pub(super) fn name_line(line: &str) -> Option<String> {
    let ws: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&ws.len()) || !ws.iter().all(|w| is_name_word(w)) || line.ends_with(['.', ':', '?', '!']) {
        return None;
    }
    let first = ws[0].to_lowercase();
    if !GIVEN_NAMES.contains(first.as_str()) {
        return None;
    }
    Some(if super::is_all_caps(line) { super::title_case(line) } else { line.to_string() })
}

/// What a line states when the whole of it is the article's furniture: a byline, a (labelled)
/// date, or both ("By Jane Doe | Nov. 19, 2019 8:03 am ET"), or a label whose value is on
/// another line ("Published", "By"). A short capitalised piece beside a date ("CBS News") is
/// the publisher and is passed over. `None` for anything else.
pub(super) fn furniture(line: &str) -> Option<Furniture> {
    separated(line).or_else(|| run_on_byline(line.trim())).or_else(|| run_on_date(line.trim()))
}

/// A date line run together with its publisher before or its byline after, as a scrape of one
/// block gives it: "CBS News February 24, 2020, 7:57 AM", "July 24, 2019 by Amy Motroni 5
/// Comments". Before the date: nothing, a label, or a publisher of at most three capitalised
/// words; after it: a time, then "by" and names, then a comment count.
fn run_on_date(line: &str) -> Option<Furniture> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    if toks.len() > 16 {
        return None;
    }
    for k in 0..toks.len().min(5) {
        let (date, used) = if let Some(d) = numeric_date(toks[k]) {
            (d, 1)
        } else {
            let used = if super::is_weekday(toks[k]) { 4 } else { 3 };
            match toks.get(k..k + used).and_then(|t| super::parse_dateline(&t.join(" "))) {
                Some(d) => (d, used),
                None => continue,
            }
        };
        let before = toks[..k].join(" ");
        let kind = match strip_label(&before) {
            Some((rest, kind)) if rest.is_empty() => kind,
            _ if toks[..k].iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) && k <= 3 => DateKind::Published,
            _ => return None,
        };
        let mut rest = &toks[k + used..];
        while rest.first().is_some_and(|t| is_time_token(t)) {
            rest = &rest[1..];
        }
        // A comment count at the end: "5 Comments", "Leave a comment".
        let lower: Vec<String> = rest.iter().map(|t| t.to_lowercase()).collect();
        let mut end = rest.len();
        if end >= 1 && lower[end - 1].starts_with("comment") {
            end -= 1;
            while end > 0 && (lower[end - 1].bytes().all(|b| b.is_ascii_digit()) || matches!(lower[end - 1].as_str(), "leave" | "a" | "no")) {
                end -= 1;
            }
        }
        let rest = &rest[..end];
        let mut f = Furniture { date: Some((date, kind)), ..Furniture::default() };
        if !rest.is_empty() {
            f.authors = byline_piece(&rest.join(" "))?;
        }
        return Some(f);
    }
    None
}

/// [`furniture`] for a line whose pieces are set apart by separators (or a line of one piece).
fn separated(line: &str) -> Option<Furniture> {
    let line = line.trim();
    if line.is_empty() || line.split_whitespace().nth(24).is_some() {
        return None;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches(['.', ':']);
    if bare == "on" || bare == "by" || bare == "|" || lexicon::DATE_LABELS.contains_key(bare) || lexicon::BYLINE_CUES.contains(bare) {
        return Some(Furniture { empty_label: true, ..Furniture::default() });
    }
    let mut f = Furniture::default();
    let mut leftovers = 0;
    for piece in pieces(line) {
        let (rest, kind) = match strip_label(piece) {
            Some((rest, kind)) => (rest, Some(kind)),
            None => (piece, None),
        };
        if rest.is_empty() {
            continue;
        }
        if let Some(d) = date_piece(rest) {
            if f.date.is_none() {
                f.date = Some((d, kind.unwrap_or(DateKind::Published)));
            }
            continue;
        }
        if kind.is_some() {
            // "Updated 2 hours ago", "Published by …": a label with something else.
            if rest.to_lowercase().ends_with("ago") {
                continue;
            }
            return None;
        }
        if rest.split_whitespace().all(is_time_token) {
            continue;
        }
        if let Some(ns) = byline_piece(rest) {
            for n in ns {
                if !f.authors.contains(&n) {
                    f.authors.push(n);
                }
            }
            continue;
        }
        leftovers += 1;
        // The publisher or site beside a date or byline: a short capitalised piece.
        let ws: Vec<&str> = rest.split_whitespace().collect();
        if ws.len() > 4 || !ws.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())) {
            return None;
        }
        if let Some(n) = name_line(rest) {
            // "Jane Doe | 19 November 2019": a name beside a date is the author.
            f.authors.push(n);
            leftovers -= 1;
        }
    }
    let states = f.date.is_some() || !f.authors.is_empty();
    if states && leftovers <= 2 {
        return Some(f);
    }
    None
}

/// A byline run together with its date and share buttons, as a scrape of one block gives it:
/// "By Alejandro Villamor Last updated Nov 8, 2023 Share with new partner:", "By Michelle
/// Ehrhardt 04 November 2020". The names end where a date label or a date begins; the date is
/// read from there, whatever follows it.
fn run_on_byline(line: &str) -> Option<Furniture> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    if toks.len() > 24 || !lexicon::BYLINE_CUES.contains(toks.first()?.to_lowercase().as_str()) {
        return None;
    }
    for k in 2..toks.len() {
        let rest = toks[k..].join(" ");
        let (rest, kind) = match strip_label(&rest) {
            Some((r, kind)) => (r.to_string(), kind),
            None => (rest, DateKind::Published),
        };
        let rt: Vec<&str> = rest.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
        let date = rt.first().and_then(|t| numeric_date(t)).or_else(|| super::parse_dateline(&rt[..rt.len().min(3)].join(" ")));
        let Some(date) = date else { continue };
        let authors = names(&toks[1..k].join(" "))?;
        return Some(Furniture { authors, date: Some((date, kind)), empty_label: false });
    }
    None
}

/// A dateline opening the first paragraph: "KABUL, Oct 30 (Reuters) - ", "WASHINGTON (AP) — ",
/// "NEW YORK, N.Y. — ", "Kabul, Afghanistan (CNN) —". Returns the place, title-cased, and the
/// byte length of the dateline with the space after its dash.
pub(super) fn body_dateline(p: &str) -> Option<(String, usize)> {
    // The dash ends the dateline within the first 80 bytes.
    let window_end = p.char_indices().map(|(i, _)| i).take_while(|&i| i <= 80).last().unwrap_or(0);
    let head = &p[..window_end];
    let (dash_at, dash_len) = [" - ", " — ", " – ", " -- "].iter().filter_map(|d| head.find(d).map(|i| (i, d.len()))).min()?;
    let before = p[..dash_at].trim_end();
    // An agency in brackets at the end: "(Reuters)".
    let (before, agency) = match before.strip_suffix(')').and_then(|b| b.rfind('(').map(|i| (&b[..i], &b[i + 1..]))) {
        Some((b, a)) if !a.is_empty() && a.split_whitespace().count() <= 3 && a.chars().next().is_some_and(char::is_uppercase) => (b.trim_end(), true),
        _ => (before, false),
    };
    let mut parts = before.split(',').map(str::trim);
    let place = parts.next()?;
    let place_words: Vec<&str> = place.split_whitespace().collect();
    if place_words.is_empty() || place_words.len() > 4 || !place_words.iter().all(|w| is_name_word(w)) {
        return None;
    }
    // Without an agency the place must be in capitals, as datelines are set.
    if !agency && !super::is_all_caps(place) {
        return None;
    }
    // What follows the place: a region ("N.Y.", "Afghanistan") or a date ("Oct 30").
    for rest in parts {
        let ws: Vec<&str> = rest.split_whitespace().collect();
        let date = ws.len() <= 3 && ws.first().is_some_and(|w| lexicon::month_number(w).is_some());
        let region = !ws.is_empty() && ws.len() <= 3 && ws.iter().all(|w| is_name_word(w));
        if !(date || region) {
            return None;
        }
    }
    let cut = dash_at + dash_len;
    let name = if super::is_all_caps(place) { super::title_case(place) } else { place.to_string() };
    Some((name, cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> Ymd {
        Ymd::parse(s).unwrap()
    }

    #[test]
    fn bylines() {
        let f = furniture("By Sarah E. Needleman").unwrap();
        assert_eq!(f.authors, vec!["Sarah E. Needleman"]);
        assert_eq!(furniture("By Jane Doe and John Roe").unwrap().authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(furniture("By JANE DOE, Reuters").unwrap().authors, vec!["Jane Doe"]);
        assert_eq!(furniture("Written by Jane Doe, Staff Writer").unwrap().authors, vec!["Jane Doe"]);
        assert_eq!(furniture("Von Hans Müller").unwrap().authors, vec!["Hans Müller"]);
        assert_eq!(furniture("By"), Some(Furniture { empty_label: true, ..Furniture::default() }));
        // Prose that starts with "By" is not a byline.
        assert_eq!(furniture("By the end of the year the plan had failed."), None);
        assert_eq!(furniture("By contrast, officials said"), None);
    }

    #[test]
    fn date_lines() {
        let f = furniture("Nov. 19, 2019 8:03 am ET").unwrap();
        assert_eq!(f.date, Some((ymd("2019-11-19"), DateKind::Published)));
        let f = furniture("Updated on: November 19, 2019 / 10:07 AM / CBS News").unwrap();
        assert_eq!(f.date, Some((ymd("2019-11-19"), DateKind::Updated)));
        assert_eq!(furniture("27.10.2023, 14:05 Uhr").unwrap().date.unwrap().0, ymd("2023-10-27"));
        assert_eq!(furniture("Veröffentlicht am 27.10.2023").unwrap().date, Some((ymd("2023-10-27"), DateKind::Published)));
        assert_eq!(furniture("2021/09/19").unwrap().date.unwrap().0, ymd("2021-09-19"));
        assert_eq!(furniture("8. Januar 2020").unwrap().date.unwrap().0, ymd("2020-01-08"));
        assert_eq!(furniture("8 de enero de 2020").unwrap().date.unwrap().0, ymd("2020-01-08"));
        assert_eq!(furniture("Last modified on Mon 20 Jan 2020 06.07 GMT").unwrap().date, Some((ymd("2020-01-20"), DateKind::Updated)));
        assert_eq!(furniture("Tuesday 19 November 2019 10.07 GMT").unwrap().date.unwrap().0, ymd("2019-11-19"));
        assert_eq!(furniture("Published 2023-09-26T10:30:00Z").unwrap().date.unwrap().0, ymd("2023-09-26"));
        let f = furniture("By Jane Doe | Nov. 19, 2019 8:03 am ET").unwrap();
        assert_eq!((f.authors.len(), f.date.is_some()), (1, true));
        let f = run_on_byline("By Alejandro Villamor Last updated Nov 8, 2023 Share with new partner:").unwrap();
        assert_eq!((f.authors, f.date), (vec!["Alejandro Villamor".to_string()], Some((ymd("2023-11-08"), DateKind::Updated))));
        assert_eq!(run_on_byline("By Michelle Ehrhardt 04 November 2020").unwrap().date.unwrap().0, ymd("2020-11-04"));
        assert_eq!(run_on_byline("By the way, on 4 November 2020 it rained."), None);
        let f = furniture("July 24, 2019 by Amy Motroni 5 Comments").unwrap();
        assert_eq!((f.authors, f.date), (vec!["Amy Motroni".to_string()], Some((ymd("2019-07-24"), DateKind::Published))));
        assert_eq!(furniture("CBS News February 24, 2020, 7:57 AM").unwrap().date.unwrap().0, ymd("2020-02-24"));
        assert_eq!(furniture("The council met on February 24, 2020 to vote"), None);
        let f = furniture("John Smith · 19 November 2019").unwrap();
        assert_eq!(f.authors, vec!["John Smith"]);
        // A sentence that starts with a date is not a date line.
        assert_eq!(furniture("November 19, 2019 was the day the council voted."), None);
        assert_eq!(furniture("13/13/2020"), None);
    }

    #[test]
    fn name_lines() {
        assert_eq!(name_line("Sarah E. Needleman").as_deref(), Some("Sarah E. Needleman"));
        assert_eq!(name_line("JOHN SMITH").as_deref(), Some("John Smith"));
        assert_eq!(name_line("World News Today"), None);
        assert_eq!(name_line("John"), None);
    }

    #[test]
    fn datelines_opening_the_body() {
        let p = "KABUL, Oct 30 (Reuters) - The Taliban said on Monday.";
        let (place, cut) = body_dateline(p).unwrap();
        assert_eq!((place.as_str(), &p[cut..]), ("Kabul", "The Taliban said on Monday."));
        assert_eq!(body_dateline("WASHINGTON (AP) — Lawmakers met.").unwrap().0, "Washington");
        assert_eq!(body_dateline("NEW YORK, N.Y. — A fire broke out.").unwrap().0, "New York");
        assert_eq!(body_dateline("Kabul, Afghanistan (CNN) — A blast.").unwrap().0, "Kabul");
        assert_eq!(body_dateline("The plan - if it happens - will cost more."), None);
        assert_eq!(body_dateline("Kabul - a city of millions - waits."), None);
        assert_eq!(body_dateline("ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ - x"), None);
    }
}
