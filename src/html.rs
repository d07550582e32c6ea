//! HTML seeds: a saved web page (`.html`, `.htm`, gzip-compressed `.html.gz`) → [`Seed`] whose
//! text is the page's main content, and that content → [`CleanArticle`].
//!
//! In: the bytes of the page file (gzip is recognised by its magic bytes, whatever the name).
//! Out: a `Seed` with `format` = html, whose `text` is the *extracted text*: the headline on the
//! first line, then one block (heading, paragraph, quote, list item) after another, separated by
//! blank lines. Every span of the explainer indexes into that text (explainer/1 says so:
//! `"text_basis": "extracted text"`), not into the HTML. `seed.page` holds the blocks and what the
//! page says about itself: JSON-LD (`NewsArticle` and the other `Article` types), OpenGraph,
//! `<meta>` (author, description, keywords, dates), `<link rel=canonical>`, `<html lang>`,
//! `<time datetime>`; JSON-LD wins over OpenGraph, OpenGraph over plain `<meta>`.
//!
//! How: the main content is found by the `trafilatura` crate (a Rust port of trafilatura, with its
//! readability/jusText fallback on), chosen after measuring the candidates on 990 real pages
//! (README, "Quality, measured"). Nothing is fetched: the page is read as saved. Blocks that are
//! wholly site chrome (`data/chrome.txt`, the same rules as for text seeds) are dropped and listed
//! with their reason, as is a leading byline or date line.
//!
//! Character set: UTF-8 (BOM or not) when the bytes are valid UTF-8; else the `charset` the page
//! declares in its first 4 KiB; else Windows-1252, with a warning.
//!
//! What it gets wrong: a page whose main content the extractor misses (a listing, a page built
//! by JavaScript) is refused as having no article text, or gives the wrong blocks; list items are
//! kept as text paragraphs (explainer/1 has no list kind); a headline that the page states only in
//! `<title>` keeps the site name the page appended to it.

use crate::clean::{chrome_reason, parse_dateline};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{fold_whitespace, CleanArticle, DateOrigin, Diagnostic, Page, PageMeta, Paragraph, ParagraphKind, Published, Removed, Seed, SeedFormat, Span, Ymd};
use scraper::{ElementRef, Html, Node, Selector};
use sha2::{Digest, Sha256};

/// The largest page read (after gunzip): larger ones are refused rather than parsed.
pub const MAX_PAGE_BYTES: u64 = 32 << 20;

/// True when the file name says it is an HTML page.
pub fn is_html_name(file: &str) -> bool {
    let f = file.to_ascii_lowercase();
    let f = f.strip_suffix(".gz").unwrap_or(&f);
    f.ends_with(".html") || f.ends_with(".htm") || f.ends_with(".xhtml")
}

/// Decodes an HTML seed: gunzip, character set, main content, metadata.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Seed> {
    let sha256 = crate::ingest::hex(&Sha256::digest(bytes));
    let mut warnings = Vec::new();
    let raw: std::borrow::Cow<[u8]> = if bytes.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut out = Vec::new();
        let mut dec = flate2::read::GzDecoder::new(bytes).take(MAX_PAGE_BYTES + 1);
        if let Err(e) = dec.read_to_end(&mut out) {
            return Err(Error::new(ErrorKind::Binary, format!("this gzip file cannot be unpacked ({e})"))
                .in_file(file)
                .hint("save the page again, or unpack it with gunzip and check it opens in a browser"));
        }
        out.into()
    } else {
        bytes.into()
    };
    if raw.len() as u64 > MAX_PAGE_BYTES {
        return Err(Error::new(ErrorKind::NoArticle, format!("the page is larger than {} MiB", MAX_PAGE_BYTES >> 20))
            .in_file(file)
            .hint("save only the article's page, or its text as .txt"));
    }
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty, "the page is empty").in_file(file).hint("save the page again, or delete the file"));
    }
    let (html, transcoded) = decode_charset(&raw, &mut warnings);
    if !looks_like_html(&html) {
        return Err(Error::new(ErrorKind::Binary, "this does not look like an HTML page (no tags)")
            .in_file(file)
            .hint("an HTML seed must be a saved web page; save plain text as .txt"));
    }
    let (text, page) = extract(&html).ok_or_else(|| {
        Error::new(ErrorKind::NoArticle, "no article text found in this page (no main content; a listing, a login wall or a page built by JavaScript?)")
            .in_file(file)
            .hint("save the article's own page after it has loaded, or paste its text into a .txt seed")
    })?;
    Ok(Seed { file: file.to_string(), text, sha256, transcoded, warnings, format: SeedFormat::Html, page: Some(Box::new(page)) })
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s.chars().take(4096).collect::<String>().to_ascii_lowercase();
    ["<html", "<body", "<p", "<div", "<!doctype", "<head", "<article", "<meta", "<title"].iter().any(|t| head.contains(t)) || s.contains("</p>")
}

fn decode_charset(raw: &[u8], warnings: &mut Vec<Diagnostic>) -> (String, Option<&'static str>) {
    let body = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    if let Ok(s) = std::str::from_utf8(body) {
        return (s.to_string(), None);
    }
    let head = String::from_utf8_lossy(&raw[..raw.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|i| {
        let rest = head[i + 8..].trim_start_matches(['"', '\'', ' ']);
        let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')).collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (cow, _, _) = enc.decode(raw);
            (cow.into_owned(), Some(enc.name()))
        }
        _ => {
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(raw);
            warnings.push(Diagnostic {
                line: 0,
                col: 0,
                message: "the page is not valid UTF-8 and declares no other character set; read as Windows-1252".to_string(),
            });
            (cow.into_owned(), Some("windows-1252"))
        }
    }
}

/// Extracts the main content and the metadata of a page: the extracted text and its blocks.
/// `None` when the page has no main content.
pub fn extract(html: &str) -> Option<(String, Page)> {
    let opts = trafilatura::Options::default().with_fallback(true);
    let result = std::panic::catch_unwind(|| trafilatura::extract(html, &opts)).ok()?.ok()?;
    let doc = Html::parse_document(html);
    let mut meta = metadata(&doc);
    if meta.headline.is_none() {
        let t = fold_whitespace(&result.metadata.title);
        if !t.is_empty() {
            meta.headline = Some(t);
        }
    }
    if meta.language.is_none() && !result.metadata.language.trim().is_empty() {
        meta.language = Some(result.metadata.language.trim().to_string());
    }
    let mut blocks = Vec::new();
    let frag = Html::parse_fragment(&result.content_html);
    let mut buf = String::new();
    walk(frag.root_element(), ParagraphKind::Text, &mut buf, &mut blocks);
    flush(&mut buf, ParagraphKind::Text, &mut blocks);
    if blocks.is_empty() {
        // No HTML came back: the plain text, one block a line.
        for l in result.content_text.lines() {
            let l = clean_text(l);
            if !l.is_empty() {
                blocks.push((ParagraphKind::Text, l));
            }
        }
    }
    if blocks.iter().all(|(_, t)| t.split_whitespace().count() < 3) {
        return None;
    }
    // A first block that repeats the headline is the headline.
    let mut text = String::new();
    let mut headline = None;
    if let Some(h) = meta.headline.clone() {
        let h = clean_text(&h);
        if let Some((_, first)) = blocks.first() {
            if same_words(first, &h) || (h.len() > first.len() && h.starts_with(first.as_str()) && first.split_whitespace().count() >= 3) {
                let (_, first) = blocks.remove(0);
                text.push_str(&first);
                headline = Some(Span::new(0, text.len()));
            }
        }
        if headline.is_none() && !h.is_empty() {
            text.push_str(&h);
            headline = Some(Span::new(0, text.len()));
        }
    }
    let mut spans = Vec::new();
    for (kind, t) in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&t);
        spans.push((kind, Span::new(start, text.len())));
    }
    text.push('\n');
    Some((text, Page { headline, blocks: spans, meta }))
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    norm(a) == norm(b)
}

/// White space folded; characters that would break a line of JSON Lines readers (U+2028,
/// U+0085, other controls) become spaces.
fn clean_text(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_control() || c.is_whitespace() { ' ' } else { c }).collect();
    fold_whitespace(&s)
}

fn block_kind(name: &str) -> Option<ParagraphKind> {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head" => Some(ParagraphKind::Heading),
        "blockquote" | "q" => Some(ParagraphKind::Quote),
        "p" | "div" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "pre" | "table" | "tr" | "td" | "th" | "section" | "article" | "main"
        | "header" | "footer" | "figure" | "figcaption" | "aside" | "body" | "html" | "list" | "item" | "code" | "hr" | "form" => {
            Some(ParagraphKind::Text)
        }
        _ => None,
    }
}

fn flush(buf: &mut String, kind: ParagraphKind, out: &mut Vec<(ParagraphKind, String)>) {
    let t = clean_text(buf);
    buf.clear();
    if !t.is_empty() {
        out.push((kind, t));
    }
}

fn walk(el: ElementRef<'_>, kind: ParagraphKind, buf: &mut String, out: &mut Vec<(ParagraphKind, String)>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => buf.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "noscript" | "template") {
                    continue;
                }
                if name == "br" {
                    buf.push(' ');
                    continue;
                }
                let Some(c) = ElementRef::wrap(child) else { continue };
                match block_kind(name) {
                    Some(k) => {
                        flush(buf, kind, out);
                        // A quote stays a quote inside; a heading inside a quote is a heading.
                        let inner = if kind == ParagraphKind::Quote && k == ParagraphKind::Text { kind } else { k };
                        walk(c, inner, buf, out);
                        flush(buf, inner, out);
                    }
                    None => walk(c, kind, buf, out),
                }
            }
            _ => {}
        }
    }
}

/// The page's own metadata.
pub fn metadata(doc: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    // JSON-LD first.
    for script in doc.select(&sel(r#"script[type="application/ld+json"]"#)) {
        let raw: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
            let mut objs = Vec::new();
            collect_articles(&v, &mut objs, 0);
            for o in objs {
                json_ld_article(o, &mut m);
            }
        }
    }
    let meta_content = |attr: &str, names: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        for n in names {
            for e in doc.select(&sel(&format!(r#"meta[{attr}="{n}" i]"#))) {
                if let Some(c) = e.value().attr("content") {
                    let c = clean_text(c);
                    if !c.is_empty() {
                        out.push(c);
                    }
                }
            }
        }
        out
    };
    let first = |attr: &str, names: &[&str]| meta_content(attr, names).into_iter().next();
    fill(&mut m.headline, first("property", &["og:title"]).or_else(|| first("name", &["twitter:title", "dc.title"])));
    fill(&mut m.description, first("property", &["og:description"]).or_else(|| first("name", &["description", "twitter:description", "dc.description"])));
    fill(&mut m.publisher, first("property", &["og:site_name"]).or_else(|| first("name", &["publisher", "dc.publisher", "application-name"])));
    fill(&mut m.section, first("property", &["article:section"]).or_else(|| first("name", &["section", "article:section"])));
    fill(&mut m.canonical, first("property", &["og:url"]));
    if let Some(l) = doc.select(&sel(r#"link[rel="canonical" i]"#)).next().and_then(|e| e.value().attr("href")) {
        // The canonical link is the page's own statement of its address: it wins over og:url.
        if !l.trim().is_empty() {
            m.canonical = Some(l.trim().to_string());
        }
    }
    if m.authors.is_empty() {
        let names: Vec<String> = meta_content("name", &["author", "dc.creator", "byl", "sailthru.author"])
            .into_iter()
            .chain(meta_content("property", &["article:author"]))
            .filter(|a| !a.contains("://"))
            .collect();
        for n in names {
            for a in split_authors(&n) {
                push_author(&mut m.authors, &a);
            }
        }
    }
    if m.keywords.is_empty() {
        for k in meta_content("property", &["article:tag"]).into_iter().chain(meta_content("name", &["news_keywords", "keywords"])) {
            for w in k.split([',', ';']) {
                push_unique(&mut m.keywords, w);
            }
        }
    }
    let date_of = |vals: Vec<String>| vals.iter().find_map(|v| parse_date(v));
    if m.published.is_none() {
        m.published = date_of(meta_content("property", &["article:published_time", "og:published_time"]))
            .or_else(|| date_of(meta_content("name", &["date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "article.published", "sailthru.date"])))
            .or_else(|| date_of(meta_content("itemprop", &["datePublished"])));
    }
    if m.modified.is_none() {
        m.modified = date_of(meta_content("property", &["article:modified_time", "og:updated_time"]))
            .or_else(|| date_of(meta_content("name", &["last-modified", "dcterms.modified", "article.updated"])))
            .or_else(|| date_of(meta_content("itemprop", &["dateModified"])));
    }
    if m.published.is_none() {
        m.published = doc.select(&sel("time[datetime]")).find_map(|e| e.value().attr("datetime").and_then(parse_date));
    }
    if m.headline.is_none() {
        if let Some(t) = doc.select(&sel("title")).next() {
            let t = clean_text(&t.text().collect::<String>());
            fill(&mut m.headline, Some(t).filter(|t| !t.is_empty()));
        }
    }
    if m.language.is_none() {
        m.language = doc
            .root_element()
            .value()
            .attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .or_else(|| first("http-equiv", &["content-language"]));
    }
    m
}

fn fill(slot: &mut Option<String>, v: Option<String>) {
    if slot.is_none() {
        *slot = v.filter(|s| !s.is_empty());
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    let s = clean_text(s);
    if !s.is_empty() && !v.iter().any(|x| x.eq_ignore_ascii_case(&s)) {
        v.push(s);
    }
}

fn push_author(v: &mut Vec<String>, s: &str) {
    let s = clean_text(s);
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(&s).trim().to_string();
    if s.chars().any(char::is_alphabetic) && s.split_whitespace().count() <= 6 && !s.contains("://") {
        push_unique(v, &s);
    }
}

/// "Jane Doe and John Roe", "Jane Doe, John Roe" → two names; "Doe, Jane" stays one.
pub fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).or_else(|| s.strip_prefix("BY ")).unwrap_or(s);
    let parts: Vec<String> = s
        .split([';', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for p in parts {
        let pieces: Vec<&str> = p.split(',').map(str::trim).filter(|x| !x.is_empty()).collect();
        // "Doe, Jane": two one-word pieces are one inverted name.
        if pieces.len() == 2 && pieces.iter().all(|x| !x.contains(' ')) {
            out.push(p.clone());
        } else {
            out.extend(pieces.into_iter().map(str::to_string));
        }
    }
    out
}

const ARTICLE_TYPES: &[&str] =
    &["AnalysisNewsArticle", "Article", "BackgroundNewsArticle", "BlogPosting", "NewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "ScholarlyArticle", "TechArticle", "LiveBlogPosting", "Report"];

fn is_article(v: &serde_json::Value) -> bool {
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

fn collect_articles<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_articles(x, out, depth + 1)),
        serde_json::Value::Object(o) => {
            if is_article(v) {
                out.push(v);
            }
            for k in ["@graph", "mainEntity", "itemListElement"] {
                if let Some(x) = o.get(k) {
                    collect_articles(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn json_str(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(clean_text(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => json_str(o.get("name")).or_else(|| json_str(o.get("@id"))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| json_str(Some(x))),
        _ => None,
    }
}

fn json_ld_article(o: &serde_json::Value, m: &mut PageMeta) {
    fill(&mut m.headline, json_str(o.get("headline")).or_else(|| json_str(o.get("name"))));
    fill(&mut m.description, json_str(o.get("description")));
    fill(&mut m.publisher, o.get("publisher").and_then(|p| json_str(Some(p))));
    fill(&mut m.section, json_str(o.get("articleSection")));
    fill(&mut m.language, json_str(o.get("inLanguage")));
    fill(&mut m.canonical, json_str(o.get("url")).or_else(|| json_str(o.get("mainEntityOfPage"))).filter(|u| u.contains("://")));
    if m.authors.is_empty() {
        let mut names = Vec::new();
        match o.get("author") {
            Some(serde_json::Value::Array(a)) => names.extend(a.iter().filter_map(|x| json_str(Some(x)))),
            Some(x) => names.extend(json_str(Some(x))),
            None => {}
        }
        for n in names {
            for a in split_authors(&n) {
                push_author(&mut m.authors, &a);
            }
        }
    }
    if m.keywords.is_empty() {
        match o.get("keywords") {
            Some(serde_json::Value::String(s)) => s.split(',').for_each(|k| push_unique(&mut m.keywords, k)),
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).for_each(|k| push_unique(&mut m.keywords, k)),
            _ => {}
        }
    }
    if m.published.is_none() {
        m.published = json_str(o.get("datePublished")).and_then(|d| parse_date(&d));
    }
    if m.modified.is_none() {
        m.modified = json_str(o.get("dateModified")).and_then(|d| parse_date(&d));
    }
}

/// "2019-11-19T08:03:00-05:00", "2019-11-19", "Nov. 19, 2019" → the date.
pub fn parse_date(s: &str) -> Option<Ymd> {
    let s = s.trim();
    s.get(..10).and_then(Ymd::parse).or_else(|| parse_dateline(s))
}

/// An HTML seed's article: the headline, the blocks (chrome blocks and a leading byline or date
/// line removed, with the reason), and the page's metadata (authors, dates, section).
pub fn clean(mut seed: Seed) -> CleanArticle {
    let page = seed.page.clone().unwrap_or_default();
    let text = seed.text.clone();
    let slice = |s: Span| &text[s.start..s.end];
    let mut removed = Vec::new();
    let mut paragraphs = Vec::new();
    let mut authors = page.meta.authors.clone();
    let mut seen_prose = false;
    for &(kind, span) in &page.blocks {
        let s = slice(span);
        let reason = if !seen_prose && is_byline(s) {
            for a in split_authors(s) {
                push_author(&mut authors, &a);
            }
            Some("byline")
        } else if !seen_prose && s.split_whitespace().count() <= 10 && parse_dateline(strip_date_label(s)).is_some() {
            Some("dateline")
        } else {
            chrome_reason(s)
        };
        if let Some(r) = reason {
            removed.push(Removed { text: s.to_string(), reason: r.to_string(), span });
            continue;
        }
        if kind == ParagraphKind::Text && s.split_whitespace().count() >= 8 {
            seen_prose = true;
        }
        paragraphs.push(Paragraph { id: format!("p{}", paragraphs.len() + 1), kind, text: s.to_string(), span });
    }
    let title = match page.headline {
        Some(h) => slice(h).to_string(),
        None => paragraphs.first().map(|p| p.text.split_whitespace().take(12).collect::<Vec<_>>().join(" ")).unwrap_or_else(|| "Untitled article".to_string()),
    };
    let language_warning = language_note(&text, page.meta.language.as_deref());
    seed.warnings.extend(language_warning);
    let published = page.meta.published.map(|date| Published { date, origin: DateOrigin::Text, span: None });
    let updated = page.meta.modified.filter(|m| Some(*m) != page.meta.published);
    CleanArticle {
        seed,
        title,
        title_span: page.headline,
        labels: Vec::new(),
        section: page.meta.section.clone(),
        published,
        paragraphs,
        removed,
        authors,
        updated,
        place: None,
    }
}

fn strip_date_label(s: &str) -> &str {
    let l = s.to_ascii_lowercase();
    for p in ["published on", "updated on", "published", "updated", "posted on", "posted", "last updated"] {
        if l.starts_with(p) {
            return s[p.len()..].trim_start_matches([':', ' ']);
        }
    }
    s
}

fn is_byline(s: &str) -> bool {
    let w = s.split_whitespace().count();
    (s.starts_with("By ") || s.starts_with("BY ") || s.starts_with("Von ")) && w <= 10 && !s.ends_with('.')
}

/// A warning when the text is not English (the extractors are English): whatlang on the text,
/// or the page's declared language when the text is too short to tell.
pub fn language_note(text: &str, declared: Option<&str>) -> Option<Diagnostic> {
    let info = whatlang::detect(text);
    let (code, how) = match info {
        Some(i) if i.is_reliable() || i.confidence() > 0.5 => (i.lang().code().to_string(), "detected"),
        _ => match declared {
            Some(d) => (d.split(['-', '_']).next().unwrap_or(d).to_ascii_lowercase(), "declared"),
            None => return None,
        },
    };
    if matches!(code.as_str(), "eng" | "en") {
        return None;
    }
    Some(Diagnostic {
        line: 0,
        col: 0,
        message: format!(
            "the article is not in English (language {how}: {code}); its text is kept, but stakeholders, sources and events are found by English rules and will be poor"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Floods close the coast road | The Daily Example</title>
<meta property="og:title" content="Floods close the coast road">
<meta name="description" content="Heavy rain shut the road on Monday.">
<link rel="canonical" href="https://news.example/floods">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Floods close the coast road",
"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],"publisher":{"@type":"Organization","name":"The Daily Example"},
"datePublished":"2023-09-26T08:03:00Z","dateModified":"2023-09-27T10:00:00Z","articleSection":"Weather","keywords":"floods, roads"}</script>
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Floods close the coast road</h1><p class="byline">By Jane Doe and John Roe</p>
<p>Heavy rain fell across the region on Monday, and the coast road was closed by the police in the afternoon, officials said.</p>
<h2>Drivers turned back</h2>
<p>Drivers were turned back at both ends of the road while engineers inspected the bridges for damage after the storm.</p>
<blockquote><p>We have never seen water this high on the road, and we will keep it closed until it is safe.</p></blockquote>
<p>The road is expected to reopen on Wednesday if the weather improves, the regional transport office said in a statement.</p>
</article><footer><p>Copyright 2023 The Daily Example. All rights reserved.</p></footer></body></html>"#;

    #[test]
    fn metadata_from_json_ld_and_meta() {
        let m = metadata(&Html::parse_document(PAGE));
        assert_eq!(m.headline.as_deref(), Some("Floods close the coast road"));
        assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(m.publisher.as_deref(), Some("The Daily Example"));
        assert_eq!(m.section.as_deref(), Some("Weather"));
        assert_eq!(m.keywords, vec!["floods", "roads"]);
        assert_eq!(m.canonical.as_deref(), Some("https://news.example/floods"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.published.unwrap().to_string(), "2023-09-26");
        assert_eq!(m.modified.unwrap().to_string(), "2023-09-27");
        assert_eq!(m.description.as_deref(), Some("Heavy rain shut the road on Monday."));
    }

    #[test]
    fn main_content_blocks_and_spans() {
        let seed = decode("seeds/floods.html", PAGE.as_bytes()).unwrap();
        assert_eq!(seed.format, SeedFormat::Html);
        let page = seed.page.as_ref().unwrap();
        assert_eq!(&seed.text[page.headline.unwrap().start..page.headline.unwrap().end], "Floods close the coast road");
        let a = crate::clean::clean(seed);
        assert_eq!(a.title, "Floods close the coast road");
        assert_eq!(a.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(a.published.unwrap().date.to_string(), "2023-09-26");
        assert_eq!(a.updated.unwrap().to_string(), "2023-09-27");
        let kinds: Vec<_> = a.paragraphs.iter().map(|p| p.kind).collect();
        assert!(kinds.contains(&ParagraphKind::Heading), "{kinds:?}");
        assert!(kinds.contains(&ParagraphKind::Quote), "{kinds:?}");
        for p in &a.paragraphs {
            assert_eq!(&a.seed.text[p.span.start..p.span.end], p.text);
        }
        let all: String = a.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
        assert!(all.contains("coast road was closed"));
        assert!(!all.contains("Home World Sport"), "{all}");
        assert!(!all.contains("By Jane Doe"), "{all}");
        assert!(a.seed.warnings.is_empty(), "{:?}", a.seed.warnings);
    }

    #[test]
    fn gzip_is_unpacked_and_the_settings_file_drops_both_extensions() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(PAGE.as_bytes()).unwrap();
        let gz = enc.finish().unwrap();
        let seed = crate::ingest::decode("seeds/floods.html.gz", &gz).unwrap();
        assert!(seed.text.starts_with("Floods close the coast road\n"));
        assert_eq!(crate::settings_path(std::path::Path::new("seeds/floods.html.gz")), std::path::Path::new("seeds/floods.toml"));
    }

    #[test]
    fn no_body_empty_and_broken_pages_are_refused_with_the_file_named() {
        let e = decode("seeds/a.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>").unwrap_err();
        assert_eq!(e.kind, ErrorKind::NoArticle);
        assert!(e.to_string().starts_with("seeds/a.html"), "{e}");
        assert_eq!(decode("seeds/a.html", b"  \n").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(decode("seeds/a.html.gz", b"\x1f\x8b\x08\x00garbage").unwrap_err().kind, ErrorKind::Binary);
        assert_eq!(decode("seeds/a.html", b"just words, no tags at all").unwrap_err().kind, ErrorKind::Binary);
    }

    #[test]
    fn a_german_page_is_kept_with_a_warning() {
        let de = "<html><body><article><p>Die Regierung hat am Montag beschlossen, dass die Straße an der Küste wegen des Hochwassers gesperrt bleibt, sagte ein Sprecher der Behörde.</p><p>Die Autofahrer wurden an beiden Enden der Straße zurückgeschickt, während die Ingenieure die Brücken auf Schäden untersuchten.</p></article></body></html>";
        let a = crate::clean::clean(decode("seeds/de.html", de.as_bytes()).unwrap());
        assert!(!a.paragraphs.is_empty());
        assert!(a.seed.warnings.iter().any(|w| w.message.contains("not in English")), "{:?}", a.seed.warnings);
    }

    #[test]
    fn authors_split() {
        assert_eq!(split_authors("By Sarah E. Needleman"), vec!["Sarah E. Needleman"]);
        assert_eq!(split_authors("Jane Doe, John Roe and Ann Poe"), vec!["Jane Doe", "John Roe", "Ann Poe"]);
        assert_eq!(split_authors("Doe, Jane"), vec!["Doe, Jane"]);
    }
}
