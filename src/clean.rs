//! Clean: [`Seed`] → [`CleanArticle`].
//!
//! In: the decoded text of a scraped page. Out: the headline (with kicker labels such as
//! "Exclusive:" split off), the section kicker, the byline's authors, the publication and update
//! dates a date line states, the dateline's place, the article as paragraphs (text, heading,
//! quote) with spans into the seed, and everything that was dropped, each with a reason.
//!
//! How: the text is cut into lines (`\n`, `\r\n` and `\r` alike). The page's main run of prose
//! is found with no per-site lists: long lines score their words, runs of short lines (menus,
//! teaser lists, footers, share bars) cost more the longer they run, and the best stretch wins.
//! The headline is the line above that run (or its first line) that scores best on its shape
//! (length, no closing period, no caption credit from `data/caption-cues.txt`), the words it
//! shares with the story's first paragraphs, a byline or date line beside it, a longer dek
//! under it, and its nearness to the story; a clean text whose one line above the story is its first is headed by it.
//! Around the headline, a short all-capitals line is the section kicker, and the article's
//! furniture (`furniture`: "By Sarah E. Needleman", "Updated on: November 19, 2019 / 10:07 AM",
//! "27.10.2023", a bare name beside a date) gives the authors and dates; furniture under the
//! headline is preferred to a teaser's above it. A byline or date line in the first paragraphs
//! of the run takes the dek and caption above it out, and a dateline opening the story
//! ("KABUL, Oct 30 (Reuters) -") becomes the place. In the body, a line that is wholly site
//! chrome (`data/chrome.txt`: comment forms, share buttons, "Trending" …) is dropped, and once the
//! chrome starts at the end of the page, everything after it goes too. A short line with no
//! closing punctuation, in capitals, is a subhead.
//!
//! What it gets wrong: prose furniture next to the story (a teaser's one-line summary, a
//! comment, an author bio, a cookie notice) stays when it is long; a story cut in two by a long
//! list of short lines keeps only its larger part (0.82 F1 on `../shared/eval/webpages` text,
//! `tools/score_pages.sh`). A long photo caption without a credit can win over the headline, and
//! a headline far above the story (under a long dek, captions and share bars) loses to a nearer
//! line (the headline matches the page's own `og:title` on 53 % of those pages, 68 % of the
//! English ones, `tools/score_meta.py`); a page with no headline takes its first sentence as
//! the title; a subhead in sentence case is kept as text; chrome phrases in another language
//! are kept.

mod furniture;

use crate::lexicon;
use crate::model::{fold_whitespace, CleanArticle, Diagnostic, DateOrigin, Paragraph, ParagraphKind, Published, Removed, Seed, Span, Ymd};

/// A line of the seed: its span without the line break, trimmed of white space.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

/// Splits text into trimmed lines; blank lines have an empty span.
fn lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= b.len() {
        let at_end = i == b.len();
        if at_end || b[i] == b'\n' || b[i] == b'\r' {
            out.push(Line { span: trim_span(text, Span::new(start, i)) });
            if at_end {
                break;
            }
            if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// Shrinks a span to exclude leading and trailing white space.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// The number of words of `s`, counted up to `cap` only: every caller compares it with a small
/// number, and paragraphs are long (counting all their words was ~1 % of a build).
fn words(s: &str, cap: usize) -> usize {
    s.split_whitespace().take(cap).count()
}

/// Letters that are upper case / all letters, ignoring non-letters.
fn upper_ratio(s: &str) -> f64 {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0.0;
    }
    letters.iter().filter(|c| c.is_uppercase()).count() as f64 / letters.len() as f64
}

fn is_all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 3 && upper_ratio(s) >= 0.95
}

/// Lower-case key for lexicon look-ups: trimmed of surrounding punctuation other than `:`.
fn chrome_key(s: &str) -> String {
    let s = fold_whitespace(s).to_lowercase();
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '|' | '-' | '–' | '—' | '»' | '›' | '>' | '<' | '«'))
        .to_string()
}

/// The reason a line is site chrome, if it is.
pub fn chrome_reason(line: &str) -> Option<&'static str> {
    if words(line, 15) > 14 {
        return None;
    }
    let key = chrome_key(line);
    if key.is_empty() {
        return None;
    }
    if let Some(r) = lexicon::CHROME.get(key.as_str()) {
        return Some(r);
    }
    // Prefix patterns end in `*`: the longest prefix that matches wins, so the map is searched
    // from the key downwards.
    CHROME_PREFIXES.iter().filter(|(p, _)| key.starts_with(p)).max_by_key(|(p, _)| p.len()).map(|(_, r)| *r)
}

/// The prefix patterns of `data/chrome.txt` (`*` dropped) with their reasons, in the map's
/// order: picked out once rather than for every line.
static CHROME_PREFIXES: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| lexicon::CHROME.iter().filter_map(|(k, r)| k.strip_suffix('*').map(|p| (p, *r))).collect());

/// A headline label such as "Exclusive:" at the start of a line; returns the label as written
/// (without the colon) and the byte length to strip (label, colon, spaces).
fn headline_label(line: &str) -> Option<(String, usize)> {
    let colon = line.find(':')?;
    let label = line[..colon].trim();
    if label.is_empty() || words(label, 4) > 3 || !lexicon::HEADLINE_LABELS.contains(label.to_lowercase().as_str()) {
        return None;
    }
    let rest = &line[colon + 1..];
    let skip = colon + 1 + (rest.len() - rest.trim_start().len());
    Some((title_case(label), skip))
}

/// "POLITICS" → "Politics", "WORLD NEWS" → "World News".
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs.flat_map(|c| c.to_lowercase())).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses a dateline such as "March 06, 2008", "Friday, July 21, 2017", "21 July 2017",
/// "2023-09-26", "Sept. 26, 2023 10:30 AM". Returns `None` for anything else, including
/// impossible dates.
pub fn parse_dateline(s: &str) -> Option<Ymd> {
    let s = s.trim();
    // ISO first: 2023-09-26 (possibly followed by a time).
    if s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        if let Some(d) = s.get(..10).and_then(Ymd::parse) {
            return Some(d);
        }
    }
    let toks: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches('.').to_string())
        .collect();
    let i = usize::from(toks.first().is_some_and(|t| is_weekday(t)));
    let num = |t: &str| -> Option<u32> { t.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok() };
    let (y, m, d) = if let Some(m) = toks.get(i).and_then(|t| lexicon::month_number(t)) {
        (toks.get(i + 2)?.parse::<i32>().ok()?, m, num(toks.get(i + 1)?)?)
    } else if let Some(m) = toks.get(i + 1).and_then(|t| lexicon::month_number(t)) {
        (toks.get(i + 2)?.parse::<i32>().ok()?, m, num(toks.get(i)?)?)
    } else {
        return None;
    };
    Ymd::parse(&format!("{y:04}-{m:02}-{d:02}"))
}

/// A weekday's name or its abbreviation of three letters or more ("Tue", "Tues.", "Monday,").
fn is_weekday(t: &str) -> bool {
    let l = t.trim_end_matches(['.', ',']).to_lowercase();
    l.len() >= 3 && ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].iter().any(|w| w.starts_with(&l))
}

/// A paragraph-long sentence (over 30 words): a page opening with one has no headline.
fn is_long_prose(s: &str) -> bool {
    is_prose(s) && words(s, 31) > 30
}

/// True when the line reads like a sentence of prose rather than a title or a label.
fn is_prose(line: &str) -> bool {
    let end = line.trim_end_matches(['”', '"', '’', '\'', ')']);
    words(line, 8) >= 8 && end.ends_with(['.', '!', '?'])
}

/// Cleans a seed into an article.
pub fn clean(seed: Seed) -> CleanArticle {
    if seed.page.is_some() {
        return crate::html::clean(seed);
    }
    let text = seed.text.as_str();
    let all = lines(text);
    let mut removed: Vec<Removed> = Vec::new();
    let mut section = None;
    let mut labels = Vec::new();
    let mut published = None;
    let mut updated = None;
    let mut title = String::new();
    let mut title_span = None;
    let remove = |span: Span, reason: &str, removed: &mut Vec<Removed>| {
        removed.push(Removed { text: fold_whitespace(&text[span.start..span.end]), reason: reason.to_string(), span });
    };

    // 1. The head: the headline, found by its shape and place above the page's main run of
    // prose, and the furniture around it (kicker, byline, date lines), each removed with its
    // reason; what else stands above the story is page furniture too.
    let head = find_head(text, &all);
    let body_start = head.body_start;
    let mut dates: Vec<(usize, furniture::Furniture, Span)> = Vec::new();
    let mut authors: Vec<String> = Vec::new();
    for (i, line) in all[..body_start.min(all.len())].iter().enumerate() {
        if line.span.is_empty() {
            continue;
        }
        let s = &text[line.span.start..line.span.end];
        if Some(i) == head.headline {
            let mut start = line.span.start;
            for _ in 0..2 {
                // A second label ("Exclusive: Analysis: …") is rare but harmless to take.
                if let Some((label, skip)) = headline_label(&text[start..line.span.end]) {
                    labels.push(label);
                    remove(trim_span(text, Span::new(start, start + skip)), "headline label", &mut removed);
                    start += skip;
                }
            }
            let span = Span::new(start, line.span.end);
            title = fold_whitespace(text[span.start..span.end].trim_end_matches('.'));
            title_span = Some(span);
            continue;
        }
        if Some(i) == head.kicker {
            section = Some(title_case(s));
            remove(line.span, "section kicker", &mut removed);
            continue;
        }
        if let Some(f) = head.furniture.get(i).cloned().flatten() {
            let reason = if f.is_byline() {
                "byline"
            } else if f.date.is_some() {
                "dateline"
            } else {
                "empty dateline"
            };
            // Furniture under the headline belongs to the article; above it, it may be a
            // teaser's: the article's own comes first.
            let rank = match head.headline {
                Some(h) if i < h => all.len() + (h - i),
                _ => i,
            };
            dates.push((rank, f, line.span));
            remove(line.span, reason, &mut removed);
            continue;
        }
        let reason = chrome_reason(s).unwrap_or("before the article's main text");
        remove(line.span, reason, &mut removed);
    }
    dates.sort_by_key(|d| (d.0, d.2));
    for (_, f, span) in &dates {
        take_furniture(f, *span, &mut authors, &mut published, &mut updated);
    }
    // 2. The main run of prose: on a scraped page the article is the densest stretch of long
    // lines, and the menus, teaser lists, footers and comment threads around it are runs of short
    // lines. Lines outside that stretch go, each listed with its reason.
    let body_all = &all[body_start.min(all.len())..];
    let (run_lo, run_hi) = main_run(text, body_all);
    for (j, l) in body_all.iter().enumerate() {
        if !l.span.is_empty() && (j < run_lo || j > run_hi) {
            let s = &text[l.span.start..l.span.end];
            let reason = chrome_reason(s).unwrap_or(if j < run_lo { "before the article's main text" } else { "after the article's main text" });
            remove(l.span, reason, &mut removed);
        }
    }
    let body_lines = &body_all[run_lo.min(body_all.len())..(run_hi + 1).min(body_all.len())];

    // 3. The tail: once chrome starts near the end and only chrome-like lines follow, drop it all.
    let mut tail_start = body_lines.len();
    for j in (0..body_lines.len()).rev() {
        let l = body_lines[j];
        if l.span.is_empty() {
            continue;
        }
        let s = &text[l.span.start..l.span.end];
        if chrome_reason(s).is_some() || (!is_prose(s) && words(s, 5) <= 4 && tail_start < body_lines.len()) {
            tail_start = j;
        } else {
            break;
        }
    }
    // Only trust a tail that starts with a real chrome line.
    while tail_start < body_lines.len() {
        let l = body_lines[tail_start];
        if !l.span.is_empty() && chrome_reason(&text[l.span.start..l.span.end]).is_some() {
            break;
        }
        tail_start += 1;
    }
    let mut last_reason = "site chrome";
    for l in &body_lines[tail_start..] {
        if l.span.is_empty() {
            continue;
        }
        let s = &text[l.span.start..l.span.end];
        let reason = chrome_reason(s).unwrap_or(last_reason);
        last_reason = reason;
        remove(l.span, reason, &mut removed);
    }

    // 4. The body: blocks of lines; chrome lines inside it are dropped, subheads split off.
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let flush = |block: &mut Vec<Span>, paragraphs: &mut Vec<Paragraph>| {
        if block.is_empty() {
            return;
        }
        let span = Span::new(block[0].start, block[block.len() - 1].end);
        let t = fold_whitespace(&text[span.start..span.end]);
        let kind = if is_quote_paragraph(&t) { ParagraphKind::Quote } else { ParagraphKind::Text };
        paragraphs.push(Paragraph { id: String::new(), kind, text: t, span });
        block.clear();
    };
    for l in &body_lines[..tail_start] {
        if l.span.is_empty() {
            flush(&mut block, &mut paragraphs);
            continue;
        }
        let s = &text[l.span.start..l.span.end];
        if let Some(r) = chrome_reason(s) {
            flush(&mut block, &mut paragraphs);
            remove(l.span, r, &mut removed);
            continue;
        }
        // A byline or date line at the top of the body, under a dek or a caption that began the
        // main run: what stands above it is the head's, not the story's.
        if paragraphs.len() < 4 && block.is_empty() {
            if let Some(f) = furniture::furniture(s).filter(|f| !f.empty_label) {
                if paragraphs.iter().all(|p| words(&p.text, 41) <= 40) {
                    for p in paragraphs.drain(..) {
                        let reason = if p.kind == ParagraphKind::Heading { "subhead above the byline" } else { "above the byline" };
                        remove(p.span, reason, &mut removed);
                    }
                }
                take_furniture(&f, l.span, &mut authors, &mut published, &mut updated);
                remove(l.span, if f.is_byline() { "byline" } else { "dateline" }, &mut removed);
                continue;
            }
        }
        if is_subhead(s) {
            flush(&mut block, &mut paragraphs);
            paragraphs.push(Paragraph { id: String::new(), kind: ParagraphKind::Heading, text: fold_whitespace(s), span: l.span });
            continue;
        }
        block.push(l.span);
    }
    flush(&mut block, &mut paragraphs);
    // A page that states only when it was updated was published on or before that day: the
    // update date stands in (as inferred) so that "on Tuesday" can be resolved; the page says
    // "Updated …", not "Published …".
    if published.is_none() {
        if let Some(u) = updated {
            published = Some(Published { date: u, origin: DateOrigin::Inferred, span: None });
        }
    }
    // 5. A dateline opening the story ("KABUL, Oct 30 (Reuters) -") is the place, not text.
    let mut place = None;
    if let Some(p) = paragraphs.iter_mut().find(|p| p.kind != ParagraphKind::Heading) {
        if let Some((name, cut)) = furniture::body_dateline(&text[p.span.start..p.span.end]) {
            let gone = trim_span(text, Span::new(p.span.start, p.span.start + cut));
            let rest = trim_span(text, Span::new(p.span.start + cut, p.span.end));
            if !rest.is_empty() {
                remove(gone, "dateline", &mut removed);
                p.span = rest;
                p.text = fold_whitespace(&text[rest.start..rest.end]);
                place = Some(name);
            }
        }
    }
    for (i, p) in paragraphs.iter_mut().enumerate() {
        p.id = format!("p{}", i + 1);
    }
    // A page that had only a headline still needs a body to explain.
    if title.is_empty() {
        title = paragraphs.first().map(|p| first_words(&p.text, 12)).unwrap_or_else(|| "Untitled article".to_string());
    }
    removed.sort_by_key(|r| r.span);
    CleanArticle { seed, title, title_span, labels, section, published, paragraphs, removed, authors, updated, place }
}

/// What a furniture line at `span` states, added to what is known: its authors (once each), and
/// its date as the publication or update date unless one is known already.
fn take_furniture(f: &furniture::Furniture, span: Span, authors: &mut Vec<String>, published: &mut Option<Published>, updated: &mut Option<Ymd>) {
    for a in &f.authors {
        if !authors.iter().any(|x| x.eq_ignore_ascii_case(a)) {
            authors.push(a.clone());
        }
    }
    match f.date {
        Some((date, furniture::DateKind::Published)) if published.is_none() => {
            *published = Some(Published { date, origin: DateOrigin::Text, span: Some(span) });
        }
        Some((date, furniture::DateKind::Updated)) if updated.is_none() => *updated = Some(date),
        _ => {}
    }
}

/// Where the article starts: its headline, the section kicker above it, the line its body
/// starts at, and what each line of the head states as furniture (by line index, up to
/// `body_start`).
struct Head {
    headline: Option<usize>,
    kicker: Option<usize>,
    body_start: usize,
    furniture: Vec<Option<furniture::Furniture>>,
}

/// A section kicker: a short line in capitals ("POLITICS", "WORLD NEWS").
fn is_kicker(s: &str) -> bool {
    is_all_caps(s) && words(s, 4) <= 3 && !s.contains(':')
}

/// The furniture of each line of `lines[..upto]`: [`furniture::furniture`], and a bare name
/// next to a date line ("Jane Doe" over "Nov. 19, 2019"), which is the byline without its "By".
fn furniture_of(text: &str, lines: &[Line], upto: usize) -> Vec<Option<furniture::Furniture>> {
    let slice = |l: &Line| &text[l.span.start..l.span.end];
    let mut out: Vec<Option<furniture::Furniture>> =
        lines[..upto].iter().map(|l| if l.span.is_empty() { None } else { furniture::furniture(slice(l)) }).collect();
    let nonempty: Vec<usize> = (0..upto).filter(|&i| !lines[i].span.is_empty()).collect();
    for (k, &i) in nonempty.iter().enumerate() {
        if out[i].is_some() {
            continue;
        }
        let dated = |j: Option<&usize>| j.and_then(|&j| out[j].as_ref()).is_some_and(|f| f.date.is_some());
        if dated(k.checked_sub(1).and_then(|k| nonempty.get(k))) || dated(nonempty.get(k + 1)) {
            if let Some(name) = furniture::name_line(slice(&lines[i])) {
                out[i] = Some(furniture::Furniture { authors: vec![name], ..Default::default() });
            }
        }
    }
    out
}

/// How much a line looks like a headline, by its shape alone: two to forty words, not a label
/// (ending in `:`), not a breadcrumb trail or a caption credit; `None` when it cannot be one.
fn headline_shape(s: &str) -> Option<i64> {
    let w = words(s, 41) as i64;
    if !(2..=40).contains(&w) || s.ends_with([':', ',', ';']) || s.chars().filter(|c| c.is_alphabetic()).count() < 4 || is_kicker(s) {
        return None;
    }
    let mut score = 10 + w.min(14);
    if w == 2 {
        score -= 8;
    }
    if w > 14 {
        score -= w.min(20) - 14;
    }
    if w > 20 {
        score -= 2 * (w - 20);
    }
    if s.ends_with('.') && w >= 15 {
        score -= 4;
    }
    if s.contains(['|', '»', '›', '©']) || s.contains(" > ") || s.contains(" / ") {
        score -= 10;
    }
    if s.chars().next().is_some_and(char::is_lowercase) {
        score -= 10;
    }
    // Deks and captions end as sentences do; headlines seldom.
    if s.ends_with('.') && w >= 6 {
        score -= 8;
    }
    let lower = s.to_lowercase();
    if lexicon::CAPTION_CUES.iter().any(|c| lower.contains(c)) {
        score -= 20;
    }
    Some(score)
}

/// The content words of a line: letters only, four or more, lower case, not English function
/// words.
fn content_words(s: &str) -> std::collections::BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !lexicon::ENGLISH_FUNCTION_WORDS.contains(w.as_str()))
        .collect()
}

/// Finds the head of the page. With a main run of prose, the headline is the line above it (or
/// its first line) that scores best: its shape, the words it shares with the story's first
/// paragraphs (a headline names what the lede tells; a menu or a teaser does not), a byline or
/// date line beside it, less 2 for every line between it and the story. Without one (a short,
/// clean text), the headline is the first line that is not furniture, as it always was.
fn find_head(text: &str, all: &[Line]) -> Head {
    let slice = |i: usize| &text[all[i].span.start..all[i].span.end];
    match real_run(text, all) {
        Some((lo, hi)) => {
            let furniture = furniture_of(text, all, (lo + 1).min(all.len()));
            let other = |i: usize| !all[i].span.is_empty() && furniture[i].is_none() && chrome_reason(slice(i)).is_none();
            // A clean text: one line above the story, the page's first, is its headline.
            let above: Vec<usize> = (0..lo).filter(|&i| other(i) && !is_kicker(slice(i))).collect();
            if let [h] = above[..] {
                if !(is_long_prose(slice(h))) {
                    let kicker = kicker_above(all, &furniture, h, slice);
                    return Head { headline: Some(h), kicker, body_start: lo, furniture };
                }
            }
            let lede_of = |from: usize| {
                let mut lede = std::collections::BTreeSet::new();
                for i in (from..=hi).filter(|&i| !all[i].span.is_empty() && is_long_line(slice(i))).take(3) {
                    lede.extend(content_words(slice(i)));
                }
                lede
            };
            let lede = lede_of(lo);
            let lede_after_lo = lede_of(lo + 1);
            // A byline or date line under a headline, or (less telling) over it.
            let near_furniture = |i: usize| {
                let stated = |j: &usize| furniture.get(*j).is_some_and(|f| f.as_ref().is_some_and(|f| !f.empty_label));
                let after = (i + 1..=lo.min(i + 8)).filter(|&j| !all[j].span.is_empty()).take(3).any(|j| stated(&j));
                let before = (i.saturating_sub(4)..i).rev().filter(|&j| !all[j].span.is_empty()).take(2).any(|j| stated(&j));
                if after {
                    8
                } else if before {
                    3
                } else {
                    0
                }
            };
            let mut best: Option<(i64, usize)> = None;
            let mut dist = 0i64;
            for i in (0..=lo).rev() {
                if !other(i) {
                    continue;
                }
                let s = slice(i);
                // The run's first line is a candidate only when it is not a paragraph.
                let shape = if i == lo && words(s, 21) > 20 { None } else { headline_shape(s) };
                if let Some(mut shape) = shape {
                    let lede = if i == lo { &lede_after_lo } else { &lede };
                    if i == lo && is_prose(s) {
                        shape -= 10;
                    }
                    let overlap = content_words(s).intersection(lede).count().min(4) as i64;
                    // A headline heads its dek: the next line is a longer one shaped like a title
                    // or a sentence (a dek or a teaser's summary under its title).
                    let heads_dek = (i + 1..lo.min(i + 3))
                        .find(|&j| !all[j].span.is_empty())
                        .is_some_and(|j| other(j) && headline_shape(slice(j)).is_some() && words(slice(j), 41) > words(s, 41));
                    let score = shape + 6 * overlap + near_furniture(i) + if heads_dek { 6 } else { 0 } - 2 * dist;
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, i));
                    }
                }
                if i < lo {
                    dist += 1;
                    if dist > 80 {
                        break;
                    }
                }
            }
            let headline = best.map(|(_, i)| i);
            let kicker = headline.and_then(|h| kicker_above(all, &furniture, h, slice));
            if headline != Some(lo) {
                return Head { headline, kicker, body_start: lo, furniture };
            }
            // The headline began the run: the furniture under it is the head's too.
            let mut furniture = furniture;
            let mut body_start = lo + 1;
            while body_start < all.len() {
                if !all[body_start].span.is_empty() {
                    match furniture::furniture(slice(body_start)) {
                        Some(f) => furniture.push(Some(f)),
                        None => break,
                    }
                } else {
                    furniture.push(None);
                }
                body_start += 1;
            }
            furniture.truncate(body_start);
            Head { headline, kicker, body_start, furniture }
        }
        None => {
            let furniture = furniture_of(text, all, all.len());
            let other = |i: usize| !all[i].span.is_empty() && furniture[i].is_none() && chrome_reason(slice(i)).is_none() && !is_kicker(slice(i));
            let Some(h) = (0..all.len()).find(|&i| other(i)) else {
                return Head { headline: None, kicker: None, body_start: all.len(), furniture };
            };
            // A long prose line with no headline before it means the page has none: the first
            // sentence stands in as the title and stays in the body.
            if is_long_prose(slice(h)) {
                let kicker = kicker_above(all, &furniture, h, slice);
                return Head { headline: None, kicker, body_start: h, furniture };
            }
            let body_start = (h + 1..all.len()).find(|&j| !all[j].span.is_empty() && furniture[j].is_none()).unwrap_or(all.len());
            let kicker = kicker_above(all, &furniture, h, slice);
            Head { headline: Some(h), kicker, body_start, furniture }
        }
    }
}

/// The section kicker over the headline: the nearest line above it that is not furniture,
/// when that line is a kicker and at most three lines up.
fn kicker_above<'a>(all: &[Line], furniture: &[Option<furniture::Furniture>], h: usize, slice: impl Fn(usize) -> &'a str) -> Option<usize> {
    (h.saturating_sub(6)..h)
        .rev()
        .filter(|&j| !all[j].span.is_empty() && furniture.get(j).is_none_or(Option::is_none))
        .take(1)
        .find(|&j| is_kicker(slice(j)))
}

/// A line long enough to be a paragraph of the article: 20 words, or 10 ending a sentence.
fn is_long_line(s: &str) -> bool {
    let end = s.trim_end_matches(['”', '"', '’', '\'', ')', '»']);
    words(s, 20) >= 20 || (words(s, 10) >= 10 && end.ends_with(['.', '!', '?', '…', ':']))
}

/// A sentence of three words or more, ending as sentences end.
fn is_sentence_line(s: &str) -> bool {
    let end = s.trim_end_matches(['”', '"', '’', '\'', ')', '»']);
    words(s, 3) >= 3 && end.ends_with(['.', '!', '?'])
}

/// The stretch of `lines` (indices, inclusive) with the most prose: each long line scores its
/// words (at most 60), a short sentence half its words, each other line costs 2 per line of the run of short lines it ends (at
/// most 6), and the best-scoring contiguous stretch wins (Kadane's maximum subarray). A page
/// with no long line keeps everything: there is no main run to prefer.
fn main_run(text: &str, lines: &[Line]) -> (usize, usize) {
    real_run(text, lines).unwrap_or((0, lines.len().saturating_sub(1)))
}

/// [`main_run`], or `None` when the page has no long line.
fn real_run(text: &str, lines: &[Line]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let (mut cur, mut start, mut run) = (0i64, 0usize, 0i64);
    for (i, l) in lines.iter().enumerate() {
        if l.span.is_empty() {
            continue;
        }
        let s = &text[l.span.start..l.span.end];
        let score = if is_long_line(s) {
            run = 0;
            words(s, 60) as i64
        } else if is_sentence_line(s) {
            // A short sentence (a one-line paragraph of a terse story) is neither prose enough to
            // anchor the run nor furniture enough to break it.
            run = 0;
            words(s, 10) as i64 / 2
        } else {
            run += 1;
            -2 * run.min(3)
        };
        if cur < 0 {
            cur = 0;
            start = i;
        }
        cur += score;
        if cur > 0 && best.is_none_or(|(b, _, _)| cur > b) {
            best = Some((cur, start, i));
        }
    }
    match best {
        Some((_, lo, hi)) if lines[lo..=hi].iter().any(|l| !l.span.is_empty() && is_long_line(&text[l.span.start..l.span.end])) => Some((lo, hi)),
        _ => None,
    }
}

/// What a cleaned page is, when it is not a whole English article: said as warnings on the seed
/// (the build goes on, and the page carries them). A page with almost no body ("no article
/// body": a listing, a home page, an error page), a body that ends in a paywall prompt ("cut off
/// by a paywall"), and a body that is not English (the extractors read English). Language is told
/// by the share of common English function words, so a short English body may read as foreign.
pub fn assess(article: &CleanArticle) -> Vec<Diagnostic> {
    let seed = &article.seed;
    let mut out = Vec::new();
    let body: Vec<&Paragraph> = article.paragraphs.iter().filter(|p| p.kind != ParagraphKind::Heading).collect();
    let words_in_body: usize = body.iter().map(|p| p.text.split_whitespace().count()).sum();
    let at = |p: Option<&&Paragraph>| p.map(|p| p.span.start);
    if words_in_body < 60 {
        let msg = format!(
            "no article body: the page has {words_in_body} words of running text; check that the seed is one article, not a listing, a home page or an error page"
        );
        out.push(match at(body.first()) {
            Some(o) => seed.diagnostic_at(o, msg),
            None => Diagnostic { line: 0, col: 0, message: msg },
        });
    }
    // A paywall prompt in the body, or among the removed lines after the last paragraph.
    let last = article.paragraphs.last().map(|p| p.span.end).unwrap_or(0);
    let prompt = |t: &str| {
        let t = t.to_lowercase();
        lexicon::PAYWALL.iter().any(|p| t.contains(p))
    };
    let hit = body.iter().map(|p| (p.span.start, p.text.as_str())).chain(article.removed.iter().filter(|r| r.span.start >= last).map(|r| (r.span.start, r.text.as_str()))).find(|(_, t)| words(t, 31) <= 30 && prompt(t));
    if let Some((o, _)) = hit {
        out.push(seed.diagnostic_at(o, "cut off by a paywall: the page holds only the start of the article; save the page from a subscribed session to explain all of it"));
    }
    if words_in_body >= 30 {
        let (mut hits, mut total) = (0usize, 0usize);
        for w in body.iter().flat_map(|p| p.text.split_whitespace()) {
            total += 1;
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            hits += lexicon::ENGLISH_FUNCTION_WORDS.contains(w.as_str()) as usize;
        }
        if hits * 100 < total * 12 {
            out.push(Diagnostic {
                line: 0,
                col: 0,
                message: format!(
                    "the text does not read as English ({}% common English words, English news has 30-45%): the extractors read English, so the timeline, stakeholders and sources will be thin or wrong",
                    hits * 100 / total.max(1)
                ),
            });
        }
    }
    out
}

fn first_words(s: &str, n: usize) -> String {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let mut t = ws[..ws.len().min(n)].join(" ");
    if ws.len() > n {
        t.push('…');
    }
    t.trim_end_matches(['.', ',', ';', ':']).to_string()
}

/// A subhead: a short line in capitals with no closing punctuation.
fn is_subhead(s: &str) -> bool {
    let w = words(s, 13);
    (1..=12).contains(&w) && is_all_caps(s) && !s.ends_with(['.', ',', ';', '?', '!', '"', '”']) && s.chars().count() <= 100
}

/// A paragraph that is one quotation from its first character to its last.
fn is_quote_paragraph(t: &str) -> bool {
    let opens = t.starts_with(['“', '"']);
    let closes = t.ends_with(['”', '"']) || t.ends_with(".”") || t.ends_with(".\"");
    opens && closes && t.chars().filter(|&c| c == '“' || c == '"' || c == '”').count() == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> CleanArticle {
        clean(Seed::from_text("t.txt", text))
    }

    #[test]
    fn kicker_label_dateline_and_tail_chrome_are_removed() {
        let a = article("WORLD\n\nBreaking: Floods hit the coast.\n\nPublished\n\non\n\nHeavy rain fell on Monday across the region, officials said.\n\nSECOND PART\nMore rain is expected this week, forecasters said.\n\nLeave a Reply\n\nYour email address will not be published.\n\nRelated\n\nExit mobile version");
        assert_eq!(a.section.as_deref(), Some("World"));
        assert_eq!(a.labels, vec!["Breaking".to_string()]);
        assert_eq!(a.title, "Floods hit the coast");
        let kinds: Vec<_> = a.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![ParagraphKind::Text, ParagraphKind::Heading, ParagraphKind::Text]);
        let reasons: Vec<_> = a.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec!["section kicker", "headline label", "empty dateline", "empty dateline", "comment form", "comment form", "related-links widget", "mobile navigation"]
        );
        assert!(a.paragraphs.iter().all(|p| !p.text.contains("Reply")));
    }

    #[test]
    fn dateline_gives_the_publication_date() {
        let a = article("Apple releases SDK\n\nMarch 06, 2008\n\nDuring a media event, Apple released the kit.");
        assert_eq!(a.published.unwrap().date, Ymd { year: 2008, month: 3, day: 6 });
        assert_eq!(a.paragraphs.len(), 1);
        let a = article("Robots\n\nFriday, July 21, 2017\n\nA group of teenagers won.");
        assert_eq!(a.published.unwrap().date.to_string(), "2017-07-21");
        let a = article("Title here\n\nPublished on Sept. 26, 2023\n\nBody text.");
        assert_eq!(a.published.unwrap().date.to_string(), "2023-09-26");
    }

    #[test]
    fn impossible_dateline_is_not_a_date() {
        assert_eq!(parse_dateline("February 30, 2021"), None);
        assert_eq!(parse_dateline("13 Smarch 2021"), None);
    }

    /// Fuzz crash-07040e23 (session 3): dashes at bytes 4 and 7, as in "2023-09-26", then a
    /// two-byte letter across byte 10; the ISO check sliced inside the letter.
    #[test]
    fn fuzz_dateline_dashes_then_a_multibyte_letter() {
        assert_eq!(parse_dateline("-;-------ÿÿÿ---------------------------s usinÿÿÿÿÿÿg U.S. massP OL"), None);
        assert_eq!(parse_dateline("2023-09-2ÿ"), None);
        let seed = crate::model::Seed::from_text("seeds/f.txt", "-;-------ÿÿÿ---- s usinÿÿg U.S. massP OL\n\nA line.\n");
        let _ = clean(seed);
    }

    #[test]
    fn crlf_and_cr_line_endings_clean_alike() {
        let lf = article("Title\n\nFirst para line one\nline two.\n\nSecond.\n");
        let crlf = article("Title\r\n\r\nFirst para line one\r\nline two.\r\n\r\nSecond.\r\n");
        let cr = article("Title\r\rFirst para line one\rline two.\r\rSecond.\r");
        for a in [&crlf, &cr] {
            assert_eq!(a.title, lf.title);
            let t: Vec<_> = a.paragraphs.iter().map(|p| p.text.clone()).collect();
            let u: Vec<_> = lf.paragraphs.iter().map(|p| p.text.clone()).collect();
            assert_eq!(t, u);
        }
    }

    /// A scraped page (own fixture): a menu run before the story, a teaser list and a footer
    /// after it. The story's paragraphs and its one subhead stay; the runs of short lines around
    /// it go, each with a reason.
    #[test]
    fn menus_and_teaser_lists_around_the_main_run_go() {
        let story = "The city council approved the new budget on Tuesday after a long debate that ran late into the night, officials said.";
        let text = format!(
            "Harbour plan approved\n\nHome\nWorld\nBusiness\nSport\nWeather\n\n{story}\n\nWHAT COMES NEXT\n\n{story}\n\nMore stories\nSchools reopen\nA new bridge\nStorm warning\nTrain fares rise\nContact us\nAbout us\n"
        );
        let a = article(&text);
        let kept: Vec<_> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(kept, vec![story, "WHAT COMES NEXT", story]);
        for gone in ["Business", "Weather", "Schools reopen", "Contact us"] {
            assert!(a.removed.iter().any(|r| r.text == gone), "{gone} not listed as removed");
        }
        assert!(a.removed.iter().all(|r| !r.reason.is_empty()));
    }

    /// A terse story whose paragraphs are all short sentences has no main run to prefer: nothing
    /// of it is cut.
    #[test]
    fn a_story_of_short_sentences_is_kept_whole() {
        let a = article("Vote today\n\nThe council will vote today.\n\nWill it pass?\n\nThe mayor expects a close vote.\n");
        assert_eq!(a.paragraphs.len(), 3);
    }

    #[test]
    fn pages_that_are_not_whole_english_articles_are_said_so() {
        let story = "The city council approved the new budget on Tuesday after a long debate that ran late into the night, officials said. ";
        let whole = article(&format!("Budget passed\n\n{}\n\n{}\n", story.repeat(2), story.repeat(2)));
        assert!(assess(&whole).is_empty(), "{:?}", assess(&whole));
        let stub = article("Latest news\n\nSchools reopen\nA new bridge\nStorm warning\n");
        assert!(assess(&stub)[0].message.starts_with("no article body"));
        let paywalled = article(&format!("Budget passed\n\n{}\n\nTo read the full story, subscribe now.\n", story.repeat(3)));
        assert!(assess(&paywalled).iter().any(|d| d.message.starts_with("cut off by a paywall")));
        let german = article("Haushalt beschlossen\n\nDer Stadtrat hat am Dienstag nach einer langen Debatte, die bis tief in die Nacht dauerte, den neuen Haushalt beschlossen. Die Opposition stimmte dagegen, weil sie die Ausgaben für den Hafen für zu hoch hält, sagten Sprecher beider Fraktionen am Mittwoch.\n");
        assert!(assess(&german).iter().any(|d| d.message.starts_with("the text does not read as English")));
    }

    /// A scraped page (own fixture): a menu, a kicker, the headline with its dek, byline and
    /// date lines under it, a caption, a story opening with a dateline, and teasers with their
    /// own dates after it. The headline is the story's, not the menu's or a teaser's; the
    /// byline, dates and place are the article's.
    #[test]
    fn headline_byline_dates_and_dateline_of_a_scraped_page() {
        let para = "The harbour authority approved a new plan to dredge the channel on Tuesday, officials said, after a year of delays that left larger ships waiting offshore.";
        let text = format!(
            "Skip to content\nHome\nWorld\nBusiness\nSubscribe now\nMost Popular\nSchools reopen after storm damage repaired\nNov. 18, 2019\n\nWORLD\nHarbour authority approves channel dredging plan after delays\nLarger ships have waited offshore for a year.\nBy Sarah E. Needleman and John Roe\nNov. 19, 2019 8:03 am ET\nUpdated on: November 20, 2019 / 10:07 AM / Example News\nThe harbour at dawn. Photograph: Jane Doe/Example Images\n\nKABUL, Nov 19 (Reuters) - {para}\n\n{para}\n\n{para}\n\nMore stories\nTrain fares rise\nNov. 17, 2019\n"
        );
        let a = article(&text);
        assert_eq!(a.title, "Harbour authority approves channel dredging plan after delays");
        assert_eq!(a.section.as_deref(), Some("World"));
        assert_eq!(a.authors, vec!["Sarah E. Needleman".to_string(), "John Roe".to_string()]);
        assert_eq!(a.published.map(|p| p.date.to_string()).as_deref(), Some("2019-11-19"));
        assert_eq!(a.updated.map(|d| d.to_string()).as_deref(), Some("2019-11-20"));
        assert_eq!(a.place.as_deref(), Some("Kabul"));
        assert_eq!(a.paragraphs.len(), 3);
        assert_eq!(a.paragraphs[0].text, para);
        assert!(a.removed.iter().any(|r| r.reason == "dateline" && r.text == "KABUL, Nov 19 (Reuters) -"), "{:?}", a.removed);
        assert!(a.removed.iter().any(|r| r.reason == "byline"));
    }

    #[test]
    fn a_prose_sentence_with_chrome_words_stays() {
        let a = article("Title\n\nShare prices fell sharply on Monday after the announcement was made public.\n\nTrending topics dominated the discussion in parliament, a spokesman said.");
        assert_eq!(a.paragraphs.len(), 2);
        assert!(a.removed.is_empty());
    }
}
