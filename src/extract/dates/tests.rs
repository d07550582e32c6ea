//! Unit tests for the date tagger. Cases come from the issue text (marked "issue"), from the
//! seed article's phrasing (marked "seed-like", paraphrased so that no rule depends on it),
//! from MEANTIME / GUM gold annotations (marked with the document), or are edge cases written
//! for this module.

use super::*;

fn ymd(s: &str) -> Ymd {
    Ymd::parse(s).unwrap()
}

/// `(text, value)` of every date found.
fn tag(s: &str, published: Option<&str>) -> Vec<(String, String)> {
    tag_text(s, published.map(ymd)).into_iter().map(|f| (f.mention.text, f.mention.value)).collect()
}

fn one(s: &str, published: Option<&str>) -> DateMention {
    let v = tag_text(s, published.map(ymd));
    assert_eq!(v.len(), 1, "{s:?}: {v:?}");
    v.into_iter().next().unwrap().mention
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn full_and_partial_dates() {
    // issue: the examples listed for absolute dates.
    assert_eq!(tag("It was modified in 2008.", None), pairs(&[("2008", "2008")]));
    assert_eq!(tag("In January 2021, forces began to leave.", None), pairs(&[("January 2021", "2021-01")]));
    assert_eq!(tag("He spoke on Sept. 12, 2023 in Kabul.", None), pairs(&[("Sept. 12, 2023", "2023-09-12")]));
    assert_eq!(tag("On 12 September 2023 they met.", None), pairs(&[("12 September 2023", "2023-09-12")]));
    // MEANTIME corpus_apple dateline.
    assert_eq!(tag("March 06, 2008", None), pairs(&[("March 06, 2008", "2008-03-06")]));
    // GUM dateline with a weekday.
    assert_eq!(tag("Friday, July 21, 2017", None), pairs(&[("Friday, July 21, 2017", "2017-07-21")]));
    assert_eq!(tag("Prices rose in the 1990s.", None), pairs(&[("the 1990s", "199")]));
    assert_eq!(tag("Sales fell in Q3 2021.", None), pairs(&[("Q3 2021", "2021-Q3")]));
    assert_eq!(tag("It opened in summer 2022.", None), pairs(&[("summer 2022", "2022-SU")]));
    assert_eq!(tag("It opened in the summer of 2022.", None), pairs(&[("the summer of 2022", "2022-SU")]));
    assert_eq!(tag("Built in the 19th century.", None), pairs(&[("the 19th century", "18")]));
    assert_eq!(tag("Filed on 2008-03-06.", None), pairs(&[("2008-03-06", "2008-03-06")]));
    // MEANTIME: '7/8/07' → 2007-07-08.
    assert_eq!(tag("It aired 7/8/07.", None), pairs(&[("7/8/07", "2007-07-08")]));
}

#[test]
fn modifiers() {
    let d = one("The plan we had in early 2021 was different.", None);
    assert_eq!((d.value.as_str(), d.modifier, d.precision), ("2021", Some(DateMod::Start), Some(Precision::Year)));
    let d = one("Production starts mid-2011.", None);
    assert_eq!((d.text.as_str(), d.modifier), ("mid-2011", Some(DateMod::Mid)));
    let d = one("by the end of 2024 it was done", None);
    assert_eq!((d.value.as_str(), d.modifier), ("2024", Some(DateMod::End)));
    let d = one("It peaked in the late 1990s.", None);
    assert_eq!((d.value.as_str(), d.modifier), ("199", Some(DateMod::End)));
}

#[test]
fn relative_to_publication() {
    let p = Some("2023-09-26"); // a Tuesday
    assert_eq!(tag("Last year, fighters stormed a hotel.", p), pairs(&[("Last year", "2022")]));
    assert_eq!(tag("Bloomberg reported in August that a deal was reached.", p), pairs(&[("August", "2023-08")]));
    // News past bias: October (after publication) without a future cue is last year's.
    assert_eq!(tag("The vote took place in October.", p), pairs(&[("October", "2022-10")]));
    // ... unless the tense says future.
    assert_eq!(tag("The vote will take place in October.", p), pairs(&[("October", "2023-10")]));
    assert_eq!(tag("The talks are scheduled for October 3.", p), pairs(&[("October 3", "2023-10-03")]));
    assert_eq!(tag("He stated at a seminar on September 12 that it worked.", p), pairs(&[("September 12", "2023-09-12")]));
    assert_eq!(tag("Yesterday the minister resigned.", p), pairs(&[("Yesterday", "2023-09-25")]));
    assert_eq!(tag("The minister resigned on Friday.", p), pairs(&[("Friday", "2023-09-22")]));
    assert_eq!(tag("The minister will resign on Friday.", p), pairs(&[("Friday", "2023-09-29")]));
    assert_eq!(tag("Talks continued this week.", p), pairs(&[("this week", "2023-W39")]));
    assert_eq!(tag("Prices rose last month.", p), pairs(&[("last month", "2023-08")]));
    assert_eq!(tag("It happened three years ago.", p), pairs(&[("three years ago", "2020")]));
    // GUM: "last summer" in a February 2023 article; in September the summer just ended.
    assert_eq!(tag("It rained last summer.", Some("2023-02-23")), pairs(&[("last summer", "2022-SU")]));
    assert_eq!(tag("It rained last summer.", p), pairs(&[("last summer", "2023-SU")]));
    // MEANTIME corpus_airbus: "the last quarter" for a January 2007 article → 2006-Q4.
    assert_eq!(tag("Profits fell in the last quarter.", Some("2007-01-18")), pairs(&[("the last quarter", "2006-Q4")]));
    // Vague references are left out (GUM does not mark them; MEANTIME only sometimes).
    assert!(tag("Officials are currently reviewing it.", p).is_empty());
    // MEANTIME corpus_airbus: "will … when it arrives on November 11" (future, left cue).
    assert_eq!(tag("The plane will wear the livery when it arrives on November 11, later than planned.", Some("2005-11-05")), pairs(&[("November 11", "2005-11-11")]));
    // MEANTIME corpus_apple: "another special event to be held on October 12".
    assert_eq!(tag("Apple announced today another special event to be held on October 12.", Some("2005-10-04")), pairs(&[("today", "2005-10-04"), ("October 12", "2005-10-12")]));
    // GUM warhol: a range that began just before publication.
    assert_eq!(tag("The exhibit is to run from January 23 through March 9.", Some("2014-01-28")), pairs(&[("January 23", "2014-01-23"), ("March 9", "2014-03-09")]));
    // GUM lanterns: "this year" fixes the year whatever the tense.
    assert_eq!(tag("The festival runs through March 11 this year.", Some("2007-03-05")), pairs(&[("March 11", "2007-03-11"), ("this year", "2007")]));
    // MEANTIME corpus_apple: "Monday's email announcement" (possessive).
    assert_eq!(tag("Monday's email announcement was short.", Some("2011-01-17")), pairs(&[("Monday", "2011-01-17")]));
}

#[test]
fn month_without_year_and_no_publication_date_is_unresolved_with_a_warning() {
    // issue: "a month with no year is XXXX-MM when no publication date is known".
    let v = tag_text("In August, the two sides had a chat.", None);
    assert_eq!(v.len(), 1);
    let f = &v[0];
    assert_eq!(f.mention.value, "XXXX-08");
    assert_eq!(f.mention.anchor, Anchor::Unresolved);
    assert!(!f.mention.inferred);
    assert!(f.warning.as_deref().unwrap().contains("--published"), "{:?}", f.warning);
    let v = tag_text("In August, the two sides had a chat.", Some(ymd("2023-09-26")));
    assert_eq!(v[0].mention.value, "2023-08");
    assert_eq!(v[0].mention.anchor, Anchor::Publication);
    assert!(v[0].mention.inferred);
    assert!(v[0].warning.is_none());
}

#[test]
fn anchored_to_an_earlier_date() {
    // seed-like: a duration counted back from an event dated earlier in the article.
    let text = "In August, the company held a conversation with the ministry. A few months before the conversation with the company, two ministers met.";
    let v = tag(text, None);
    assert_eq!(v[1], ("A few months before the conversation with the company".to_string(), "XXXX-08".to_string()));
    let m = &tag_text(text, None)[1].mention;
    assert_eq!((m.modifier, m.kind), (Some(DateMod::Before), DateType::Date));
    // GUM: "the year before" after "this year" (2015).
    assert_eq!(tag("This year it grew. The year before it shrank.", Some("2015-05-07")), pairs(&[("This year", "2015"), ("The year before", "2014")]));
    assert_eq!(tag("The war began in 2001. Two years later it spread.", None), pairs(&[("2001", "2001"), ("Two years later", "2003")]));
}

#[test]
fn durations_and_sets() {
    let d = one("The policy will take four years to implement.", None);
    assert_eq!((d.value.as_str(), d.kind), ("P4Y", DateType::Duration));
    assert_eq!(one("It lasted a few months.", None).value, "PXM");
    assert_eq!(one("a four-year term", None).value, "P4Y");
    assert_eq!(one("within 24 hours", None).value, "PT24H");
    let d = one("The festival is held every year.", None);
    assert_eq!((d.value.as_str(), d.kind), ("P1Y", DateType::Set));
    assert_eq!(one("The report is published annually.", None).kind, DateType::Set);
    assert_eq!(one("It costs $2 billion a year.", None).value, "P1Y");
    assert_eq!(one("They meet every Monday.", None).value, "XXXX-WXX-1");
}

#[test]
fn numbers_that_are_not_years() {
    assert!(tag("About 2000 people marched.", None).is_empty());
    // GUM iodine: "a survey of 1709 schoolchildren".
    assert!(tag("A survey of 1709 schoolchildren found it.", None).is_empty());
    assert_eq!(tag("In 2008 sales fell.", None), pairs(&[("2008", "2008")]));
    assert!(tag("It cost $2008 in total.", None).is_empty());
    assert!(tag("There were 62,000 cameras and 1,500 guards.", None).is_empty());
    assert!(tag("Turnout was 2011 percent of nothing.", None).is_empty());
    // Adjectival years are still dates (the seed's "their 2021 withdrawal" kind).
    assert_eq!(tag("before their 2021 withdrawal", None), pairs(&[("2021", "2021")]));
}

#[test]
fn may_and_march_are_verbs_unless_cued() {
    assert!(tag("It may rain and they may march.", None).is_empty());
    assert!(tag("Theresa May spoke.", None).is_empty());
    // MEANTIME corpus_apple: "this may" (a verb after "this").
    assert!(tag("Nobody knows if this may work.", Some("2005-06-06")).is_empty());
    assert_eq!(tag("In May, prices rose.", Some("2023-09-26")), pairs(&[("May", "2023-05")]));
    assert_eq!(tag("on May 5, 2010", None), pairs(&[("May 5, 2010", "2010-05-05")]));
    assert!(tag("June Carter sang.", None).is_empty());
}

#[test]
fn impossible_dates_are_not_dates() {
    // issue: "February 30, month 13, year 99999 never panic and are not emitted as valid dates".
    assert!(tag("It happened on February 30, 2021.", None).is_empty());
    assert!(tag("It happened on 13/45/2021.", None).is_empty());
    assert!(tag("In year 99999 nothing happens.", None).is_empty());
    assert!(tag("On 2021-13-01 nothing happened.", None).is_empty());
    assert!(tag("in 99999999999999999999999 years", None).iter().all(|(_, v)| !v.is_empty()));
    // February 29 only in leap years.
    assert!(tag("on February 29, 2021", None).is_empty());
    assert_eq!(tag("on February 29, 2020", None), pairs(&[("February 29, 2020", "2020-02-29")]));
    // MEANTIME: 'February 29' in a July 2008 article → 2008-02-29.
    assert_eq!(tag("Sales began February 29.", Some("2008-07-02")), pairs(&[("February 29", "2008-02-29")]));
}

#[test]
fn document_dates_include_the_dateline_and_warn_with_line_numbers() {
    use crate::model::Seed;
    let seed = Seed::from_text("seeds/t.txt", "Apple releases SDK\n\nMarch 06, 2008\n\nApple released it in February. Developers cheered.");
    let doc = crate::segment::segment(crate::clean::clean(seed));
    let mut w = Vec::new();
    let d = extract(&doc, doc.article.published.map(|p| p.date), &mut w);
    let got: Vec<(&str, &str)> = d.iter().map(|m| (m.text.as_str(), m.value.as_str())).collect();
    assert_eq!(got, vec![("March 06, 2008", "2008-03-06"), ("February", "2008-02")]);
    assert!(w.is_empty());
    let seed = Seed::from_text("seeds/t.txt", "Apple releases SDK\n\nApple released it in February. Developers cheered.");
    let doc = crate::segment::segment(crate::clean::clean(seed));
    let mut w = Vec::new();
    let d = extract(&doc, None, &mut w);
    assert_eq!(d[0].value, "XXXX-02");
    assert_eq!((w[0].line, w[0].col), (3, 22));
}

proptest::proptest! {
    /// Any text: no panic, spans on char boundaries and inside the text, values never empty.
    #[test]
    fn never_panics(s in "[A-Za-z0-9 ,.'/\\-]{0,80}", y in 1i32..=9999, m in 1u32..=12, d in 1u32..=28) {
        let p = Ymd { year: y, month: m, day: d };
        for f in tag_text(&s, Some(p)).into_iter().chain(tag_text(&s, None)) {
            proptest::prop_assert!(f.mention.span.end <= s.len());
            proptest::prop_assert!(s.is_char_boundary(f.mention.span.start) && s.is_char_boundary(f.mention.span.end));
            proptest::prop_assert!(!f.mention.value.is_empty());
        }
    }

    #[test]
    fn calendar_words_with_numbers_never_panic(a in 0u64..u64::MAX, b in 0u32..100, w in proptest::sample::select(vec!["January", "Feb.", "Tuesday", "Q", "the", "years", "ago", "last", "-", "/", "of", "since", "mid"])) {
        let s = format!("{w} {a} {b} {w} {b}/{b}/{a} {a}-{b}-{b} {b}th {w} {a} years ago");
        let _ = tag_text(&s, Some(Ymd { year: 9999, month: 12, day: 31 }));
        let _ = tag_text(&s, Some(Ymd { year: 1, month: 1, day: 1 }));
    }
}

/// The sentence filter of `tag_sentence` (`could_be_temporal`) is exact only if every match
/// of the matchers contains a token it accepts. Checked at every token of every line of this
/// file (which holds the phrasings of every test above), of the repository's seed and of the
/// golden test articles, with and without a publication date.
#[test]
fn every_match_holds_a_token_the_sentence_filter_accepts() {
    let mut texts: Vec<String> = include_str!("tests.rs").lines().map(str::to_string).collect();
    texts.extend(include_str!("../../../seeds/000_3504891bb809d83d.txt").lines().map(str::to_string));
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden")).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|x| x == "txt") {
            texts.extend(std::fs::read_to_string(entry.path()).unwrap_or_default().lines().map(str::to_string));
        }
    }
    let mut matches = 0;
    for published in [None, Some(ymd("2023-09-26"))] {
        let mut tagger = Tagger::new(published);
        for line in &texts {
            let toks = tokenize(line, 0, line.len());
            tagger.this_year = toks.windows(2).any(|w| w[0].lower == "this" && w[1].lower == "year");
            tagger.has_caps = toks.iter().any(|x| x.is_word() && x.capitalized());
            for i in 0..toks.len() {
                if let Some((end, _)) = tagger.match_at(&toks, i) {
                    matches += 1;
                    assert!(toks[i..end].iter().any(could_be_temporal), "{:?} in {line:?}", &line[toks[i].start..toks[end - 1].end]);
                }
            }
            // Later lines may refer back ("that year").
            let mut out = Vec::new();
            tagger.tag_sentence(line, Span::new(0, line.len()), 0, &mut out);
        }
    }
    assert!(matches > 200, "{matches}");
}
