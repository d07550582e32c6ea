//! Property tests (issue 7): the decoder, the cleaner, the segmenter, slugs, the per-seed settings
//! reader and every escaping function of what the build writes (TOML front matter, the
//! `explainer/1` JSON) hold their promises on arbitrary input, and never panic.
//!
//! Inputs mix arbitrary Unicode with the characters that break things: line breaks of every
//! kind, quotes, backslashes, `+++`, Markdown and Tera punctuation, HTML.

use explainer::model::{fold_whitespace, Seed};
use proptest::prelude::*;

/// Text built from pieces that tend to break parsers, plus arbitrary characters.
fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("+++".to_string()),
        Just("{{ 7*7 }}".to_string()),
        Just("{% raw %}".to_string()),
        Just("{#".to_string()),
        Just("<script>".to_string()),
        Just("## ".to_string()),
        Just("1986. ".to_string()),
        Just("| a |".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("said ".to_string()),
        Just("“Quote.” ".to_string()),
        Just("January 2021 ".to_string()),
        Just("February 30, 2023 ".to_string()),
        Just("62,000 ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{2028}".to_string()),
        Just("é".to_string()),
        Just("👍🏽".to_string()),
        "[A-Za-z]{1,12}".prop_map(|s| format!("{s} ")),
        "[A-Z][a-z]{2,8} [A-Z][a-z]{2,8}".prop_map(|s| format!("{s} ")),
        "[.!?]".prop_map(|s| s.to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn seed(text: &str) -> Option<Seed> {
    explainer::ingest::decode("seeds/p.txt", text.as_bytes()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any bytes decode to a seed or to an error naming the file; never a panic.
    #[test]
    fn decode_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match explainer::ingest::decode("seeds/p.txt", &bytes) {
            Ok(s) => {
                prop_assert!(!s.text.trim().is_empty());
                prop_assert!(!s.text.starts_with(char::from_u32(0xfeff).unwrap()), "BOM kept");
                prop_assert_eq!(s.sha256.len(), 64);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("seeds/p.txt"), "{}", e),
        }
    }

    /// The cleaner: paragraphs are numbered p1…pn, lie on character boundaries in text order
    /// without overlapping, are trimmed, and their display text has no line breaks.
    #[test]
    fn cleaner_spans_and_ids(text in nasty_text()) {
        let Some(s) = seed(&text) else { return Ok(()) };
        let t = s.text.clone();
        let a = explainer::clean::clean(s);
        prop_assert!(!a.title.contains(['\n', '\r']), "title {:?}", a.title);
        let mut last = 0;
        for (i, p) in a.paragraphs.iter().enumerate() {
            prop_assert_eq!(&p.id, &format!("p{}", i + 1));
            prop_assert!(p.span.start >= last && p.span.start < p.span.end && p.span.end <= t.len());
            prop_assert!(t.is_char_boundary(p.span.start) && t.is_char_boundary(p.span.end));
            let slice = &t[p.span.start..p.span.end];
            prop_assert_eq!(slice.trim(), slice);
            prop_assert!(!p.text.contains(['\n', '\r']), "{:?}", p.text);
            last = p.span.end;
        }
        for r in &a.removed {
            prop_assert!(r.span.start <= r.span.end && r.span.end <= t.len());
            prop_assert!(t.is_char_boundary(r.span.start) && t.is_char_boundary(r.span.end));
            prop_assert!(!r.reason.is_empty());
        }
        if let Some(ts) = a.title_span {
            prop_assert!(t.is_char_boundary(ts.start) && t.is_char_boundary(ts.end) && ts.end <= t.len());
        }
    }

    /// The segmenter on arbitrary Unicode: sentences in text order, non-empty, trimmed, on
    /// character boundaries, inside their paragraph; together they cover each paragraph's words.
    #[test]
    fn segmenter_covers_paragraphs(text in nasty_text()) {
        let Some(s) = seed(&text) else { return Ok(()) };
        let doc = explainer::segment::segment(explainer::clean::clean(s));
        let t = doc.text();
        let mut last = 0;
        for s in &doc.sentences {
            prop_assert!(s.span.start >= last && !s.span.is_empty());
            prop_assert!(t.is_char_boundary(s.span.start) && t.is_char_boundary(s.span.end));
            let x = doc.slice(s.span);
            prop_assert_eq!(x.trim(), x);
            if let Some(p) = s.paragraph {
                prop_assert!(doc.article.paragraphs[p].span.contains(s.span));
            }
            last = s.span.end;
        }
        for (pi, p) in doc.article.paragraphs.iter().enumerate() {
            let covered: Vec<&str> = doc.sentences.iter().filter(|s| s.paragraph == Some(pi)).map(|s| doc.slice(s.span)).collect();
            prop_assert_eq!(fold_whitespace(doc.slice(p.span)).replace(' ', ""), fold_whitespace(&covered.join(" ")).replace(' ', ""));
        }
    }

    /// Slugs are non-empty ASCII kebab-case, whatever the headline.
    #[test]
    fn slugs_are_ascii_kebab(title in nasty_text()) {
        let s = explainer::slug::slugify_title(&title);
        prop_assert!(!s.is_empty());
        prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", s);
        prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{}", s);
        prop_assert!(s.len() <= 64, "{}", s);
        let id = explainer::slug::id_for_name(&title);
        prop_assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", id);
    }

    /// TOML front matter: whatever the title and summary hold, the front matter parses, the
    /// strings round-trip exactly, the block has exactly two `+++` lines and the body is empty.
    #[test]
    fn front_matter_escapes_everything(title in nasty_text(), summary in nasty_text()) {
        let s = Seed::from_text("seeds/p.txt", "A headline for the test\n\nOfficials said on Monday that it rained.\n");
        let mut x = explainer::explain(s, &Default::default());
        x.doc.article.title = title.clone();
        x.summary = summary.clone();
        let mut doc = explainer::wire::Document::from_explainer(&x);
        // Every other string the front matter holds: labels, section, stakeholder names, and
        // the related list the build adds.
        doc.labels = vec![title.clone(), summary.clone()];
        doc.section = Some(summary.clone());
        if let Some(st) = doc.stakeholders.first_mut() {
            st.name = title.clone();
        }
        let related = [explainer::emit::view::Related { slug: "s".into(), title: summary.clone(), shared: vec![title.clone()] }];
        let page = explainer::emit::frontmatter::page(&x, &doc);
        let page = explainer::emit::frontmatter::with_related(&page, &related).expect("our own page");
        let fm = explainer::check::front_matter(&page).map_err(|e| TestCaseError::fail(format!("{e}\n{page}")))?;
        // Line breaks fold to spaces (a multi-line TOML string could hold a closing `+++`).
        let one_line = |s: &str| s.replace("\r\n", " ").replace(['\n', '\r'], " ");
        let (t1, s1) = (one_line(&title), one_line(&summary));
        prop_assert_eq!(fm["title"].as_str(), Some(t1.as_str()));
        prop_assert_eq!(fm["description"].as_str(), Some(s1.as_str()));
        prop_assert_eq!(fm["extra"]["labels"][0].as_str(), Some(t1.as_str()));
        prop_assert_eq!(fm["extra"]["labels"][1].as_str(), Some(s1.as_str()));
        prop_assert_eq!(fm["extra"]["section"].as_str(), Some(s1.as_str()));
        if !doc.stakeholders.is_empty() {
            prop_assert_eq!(fm["extra"]["actors"][0]["name"].as_str(), Some(t1.as_str()));
        }
        prop_assert_eq!(fm["extra"]["related"][0]["title"].as_str(), Some(s1.as_str()));
        prop_assert_eq!(fm["extra"]["related"][0]["shared"][0].as_str(), Some(t1.as_str()));
        prop_assert_eq!(page.lines().filter(|l| l.trim_end() == "+++").count(), 2, "{}", page);
        prop_assert!(page.ends_with("+++\n"));
    }

    /// The explainer/1 JSON: any article text round-trips through the JSON (strings escaped).
    #[test]
    fn wire_json_round_trips(text in nasty_text()) {
        let Some(s) = seed(&text) else { return Ok(()) };
        let x = explainer::explain(s, &Default::default());
        let doc = explainer::wire::Document::from_explainer(&x);
        let back: explainer::wire::Document = serde_json::from_str(&doc.to_json_pretty()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back.title, &doc.title);
        prop_assert_eq!(back.paragraphs.len(), doc.paragraphs.len());
        let line = doc.to_json_line();
        prop_assert!(!line.contains('\n'), "JSON Lines output is one line");
    }

    /// Settings files: any bytes give options or an error naming the file; never a panic.
    #[test]
    fn settings_any_bytes(text in nasty_text()) {
        let base = explainer::extract::Options::default();
        let toml = format!("published = \"{text}\"\n");
        for bytes in [text.as_bytes(), toml.as_bytes()] {
            if let Err(e) = explainer::build::settings::apply("seeds/p.toml", bytes, &base) {
                prop_assert!(e.to_string().starts_with("seeds/p.toml"), "{}", e);
            }
        }
    }

    /// JSON printed inside `<script>` (the view's JSON-LD): no `<`, `>` or `&` left, and it
    /// still parses back to the same value.
    #[test]
    fn json_for_script_cannot_end_the_element(text in nasty_text()) {
        let json = serde_json::to_string(&text).unwrap();
        let e = explainer::emit::view::escape_json_for_script(&json);
        prop_assert!(!e.contains(['<', '>', '&']), "{}", e);
        let back: String = serde_json::from_str(&e).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(back, text);
    }

    /// The page's view (`view.json`): whatever the article holds, its JSON-LD has no markup
    /// characters and the SVG map holds no `<` or `&` that the map did not write.
    #[test]
    fn view_strings_for_raw_printing_are_escaped(text in nasty_text()) {
        let Some(s) = seed(&text) else { return Ok(()) };
        let x = explainer::explain(s, &Default::default());
        let doc = explainer::wire::Document::from_explainer(&x);
        let view = explainer::emit::view::build(&doc);
        let v: serde_json::Value = serde_json::from_slice(&explainer::emit::json_line(&view, 0)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ld = v["json_ld"].as_str().unwrap_or_default();
        prop_assert!(!ld.contains(['<', '>']), "{}", ld);
        if let Some(svg) = v["map_svg"].as_str() {
            for (i, _) in svg.match_indices('&') {
                let rest = &svg[i..];
                prop_assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| rest.starts_with(e)), "{}", &rest[..rest.len().min(20)]);
            }
            prop_assert!(!svg.contains("<script"), "{}", svg);
        }
    }
}
