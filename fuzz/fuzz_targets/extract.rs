//! Any bytes → `ingest::decode` → `explain` → `explainer/1` JSON and the page bundle, or a clear
//! error, read both as a text seed and as an HTML seed (`seeds/fuzz.html`: the HTML decoder,
//! the content extractor and the page's metadata). A panic anywhere is a finding. Also checks
//! what every run must hold: the JSON parses back, every span lies on character boundaries of
//! the text, and the front matter parses as TOML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for file in ["seeds/fuzz.txt", "seeds/fuzz.html"] {
        one(file, data);
    }
});

fn one(file: &str, data: &[u8]) {
    let seed = match explainer::ingest::decode(file, data) {
        Ok(s) => s,
        Err(e) => {
            // A clear error names the file.
            assert!(e.to_string().starts_with(file), "{e}");
            return;
        }
    };
    let opts = explainer::extract::Options::default();
    let x = explainer::explain(seed, &opts);
    let doc = explainer::wire::Document::from_explainer(&x);
    let json = doc.to_json_pretty();
    let back: serde_json::Value = serde_json::from_str(&json).expect("explainer/1 JSON parses");
    assert_eq!(back["schema"], "explainer/1");
    let text = x.doc.text();
    for p in &x.doc.article.paragraphs {
        assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end) && p.span.start <= p.span.end);
    }
    for f in explainer::emit::bundle(&x, &x.slug) {
        if f.path.ends_with("index.md") {
            let page = String::from_utf8(f.bytes).expect("index.md is UTF-8");
            let fm = explainer::check::front_matter(&page).expect("front matter parses");
            assert!(fm.contains_key("title"));
            let body = &page[page.find("\n+++").unwrap() + 4..];
            assert!(body.trim().is_empty(), "no article text in the Markdown body");
        }
    }
}
