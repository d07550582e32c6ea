//! The timeline as a TimelineJS3 JSON download (`timeline.json` in each bundle).
//!
//! In: the wire document. Out: `{"title": {"text": {…}}, "events": [{"unique_id": "e1",
//! "start_date": {"year": "2021", "month": "1", "display_date": "January 2021"}, "text":
//! {"headline": …, "text": …}}]}` in the document's event order (TimelineJS sorts by date
//! itself; ours is the same order).
//!
//! `start_date` carries only the parts the value states: `2021` gives a year, `2021-01` a
//! year and month, `2021-01-05` all three; a season or quarter gives the month it starts in;
//! a decade or century gives its first year. `display_date` is the page's label
//! ([`crate::extract::events::display_date`]), so a reader sees "early 2021" rather than a
//! false "1 January 2021".
//!
//! TimelineJS renders `headline` and `text` as HTML, so every string from the article is
//! HTML-escaped here (`&`, `<`, `>`, `"`, `'`).
//!
//! What it gets wrong: TimelineJS needs a year, so events whose year is unknown (`XXXX-08`,
//! no publication date) are left out of the download (they stay on the page's timeline).

use crate::extract::events::display_date;
use crate::wire;
use serde::Serialize;

/// Escapes text for HTML: TimelineJS inserts these strings as markup. The SVG map's escape
/// serves (it also drops characters XML and HTML forbid and folds line breaks).
use crate::emit::map::escape as html_escape;

/// TimelineJS `start_date` parts of a TIMEX3 value: `(year, month, day)` as far as known.
pub fn date_parts(value: &str) -> Option<(i64, Option<u32>, Option<u32>)> {
    let v = value.strip_prefix("FY").unwrap_or(value);
    let mut parts = v.split('-');
    let y = parts.next()?;
    if !y.bytes().all(|b| b.is_ascii_digit()) || y.is_empty() {
        return None;
    }
    let year: i64 = match y.len() {
        4 => y.parse().ok()?,
        3 => y.parse::<i64>().ok()? * 10,
        2 => y.parse::<i64>().ok()? * 100,
        _ => return None,
    };
    let Some(p) = parts.next() else { return Some((year, None, None)) };
    let month = match p {
        "Q1" | "H1" => Some(1),
        "Q2" => Some(4),
        "Q3" | "H2" => Some(7),
        "Q4" => Some(10),
        "SP" => Some(3),
        "SU" => Some(6),
        "FA" => Some(9),
        "WI" => Some(12),
        m if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => m.parse().ok().filter(|m| (1..=12).contains(m)),
        _ => None,
    };
    let day = if month.is_some() && p.bytes().all(|b| b.is_ascii_digit()) {
        parts.next().and_then(|d| d.get(..2)).and_then(|d| d.parse().ok()).filter(|d| (1..=31).contains(d))
    } else {
        None
    };
    Some((year, month, day))
}

// The download's shape, fields in the order JSON objects sorted them before (keys A-Z).
#[derive(Serialize)]
struct Timeline<'a> {
    events: Vec<Event<'a>>,
    title: Title,
}

#[derive(Serialize)]
struct Title {
    text: Text,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Event<'a> {
    start_date: StartDate,
    text: Text,
    unique_id: &'a str,
}

#[derive(Serialize)]
struct StartDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    display_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    year: String,
}

pub fn timelinejs(doc: &wire::Document) -> String {
    let events = doc
        .events
        .iter()
        .filter_map(|e| {
            let (y, m, d) = date_parts(&e.date.value)?;
            Some(Event {
                start_date: StartDate {
                    day: d.map(|d| d.to_string()),
                    display_date: html_escape(&display_date(&e.date)),
                    month: m.map(|m| m.to_string()),
                    year: y.to_string(),
                },
                text: Text { headline: html_escape(&e.title), text: html_escape(&e.sentence) },
                unique_id: &e.id,
            })
        })
        .collect();
    let out = Timeline { events, title: Title { text: Text { headline: html_escape(&doc.title), text: html_escape(&doc.summary) } } };
    let mut s = serde_json::to_string(&out).expect("the timeline always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_only_where_known() {
        assert_eq!(date_parts("2021"), Some((2021, None, None)));
        assert_eq!(date_parts("2021-01"), Some((2021, Some(1), None)));
        assert_eq!(date_parts("2021-01-05"), Some((2021, Some(1), Some(5))));
        assert_eq!(date_parts("2022-SU"), Some((2022, Some(6), None)));
        assert_eq!(date_parts("199"), Some((1990, None, None)));
        assert_eq!(date_parts("2023-W39"), Some((2023, None, None)));
        assert_eq!(date_parts("XXXX-08"), None);
        assert_eq!(date_parts("PAST_REF"), None);
    }

    #[test]
    fn seed_download_is_valid_json_with_escaped_text() {
        let seed = crate::model::Seed::from_text("seeds/t.txt", "Title <b>\n\nIn January 2021, the <script> council met.\n\nIn August, it met again.");
        let x = crate::extract::run(crate::segment::segment(crate::clean::clean(seed)), &Default::default());
        let doc = wire::Document::from_explainer(&x);
        let s = timelinejs(&doc);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let ev = v["events"].as_array().unwrap();
        // The August event has no year (no publication date): not in the download.
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0]["start_date"]["year"], "2021");
        assert_eq!(ev[0]["start_date"]["month"], "1");
        assert!(ev[0]["start_date"].get("day").is_none());
        assert!(ev[0]["unique_id"].as_str().unwrap().starts_with('e'));
        assert!(!s.contains("<script>"), "{s}");
        assert!(s.contains("&lt;script&gt;"));
    }
}
