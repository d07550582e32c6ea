//! What the first seed's explainer page must show (issue 2, "Done when"). These assertions are
//! about one article, read by a person; the extractors themselves hold no rule naming it.

use explainer::extract::Options;
use explainer::wire;

const SEED: &str = "seeds/000_3504891bb809d83d.txt";

fn doc() -> wire::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let x = explainer::explain_file(&path, SEED, &Options::default()).unwrap();
    wire::Document::from_explainer(&x)
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('’', "'").trim_start_matches("the ").to_string()
}

#[test]
fn cleaning_drops_the_site_chrome_and_keeps_the_subheads() {
    let d = doc();
    assert_eq!(d.labels, vec!["Exclusive"]);
    assert_eq!(d.section.as_deref(), Some("Politics"));
    assert!(!d.title.contains("Exclusive"));
    let body: String = d.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
    for chrome in ["Leave a Reply", "Required fields", "Trending", "Exit mobile version", "Published", "POLITICS"] {
        assert!(!body.contains(chrome), "{chrome:?} is still in the article body");
        assert!(d.removed.iter().any(|r| r.text.contains(chrome)), "{chrome:?} is not listed in removed");
    }
    let headings: Vec<&str> = d.paragraphs.iter().filter(|p| p.kind == "heading").map(|p| p.text.as_str()).collect();
    assert_eq!(headings, vec!["POWER CUTS AND RIGHTS QUESTIONS", "LIBERATION RISKS"]);
}

#[test]
fn the_timeline_has_the_dated_events() {
    let d = doc();
    assert!(d.events.len() >= 10, "{} events", d.events.len());
    let values: Vec<&str> = d.events.iter().map(|e| e.date.value.as_str()).collect();
    for v in ["2021-01", "2008", "2020"] {
        assert!(values.contains(&v), "no event dated {v}: {values:?}");
    }
    assert!(
        d.events.iter().any(|e| e.date.value.ends_with("-08") && e.sentence.contains("Huawei") && e.date.text.contains("August")),
        "no August event about Huawei: {values:?}"
    );
    // Every event points at the paragraph whose sentence it quotes.
    for e in &d.events {
        let p = d.paragraphs.iter().find(|p| Some(&p.id) == e.paragraph.as_ref()).expect("event paragraph exists");
        assert!(p.text.contains(&e.sentence), "{}: sentence not in {}", e.id, p.id);
    }
}

#[test]
fn the_stakeholders_include_the_cast() {
    let d = doc();
    let names: Vec<String> = d
        .stakeholders
        .iter()
        .flat_map(|s| std::iter::once(fold(&s.name)).chain(s.aliases.iter().map(|a| fold(a))))
        .collect();
    for want in [
        "Taliban",
        "Huawei",
        "United States",
        "China",
        "Turkey",
        "Pakistan",
        "NATO",
        "Islamic State",
        "ETIM",
        "Amnesty International",
        "Committee to Protect Journalists",
        "Abdul Mateen Qani",
        "Amrullah Saleh",
        "Thomas West",
    ] {
        assert!(names.contains(&fold(want)), "{want} is not a stakeholder: {names:?}");
    }
    for bad in ["u.l.", "n't", "islamic"] {
        assert!(!d.stakeholders.iter().any(|s| fold(&s.name) == bad), "fragment {bad:?} became a stakeholder");
    }
    let mut ids: Vec<&str> = d.stakeholders.iter().map(|s| s.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), d.stakeholders.len(), "stakeholder ids are unique");
}

#[test]
fn the_sources_include_who_did_not_answer() {
    let d = doc();
    assert!(d.sources.len() >= 12, "{} sources", d.sources.len());
    let no_comment: Vec<String> = d
        .sources
        .iter()
        .filter(|s| s.statements.iter().any(|st| st.kind == "no-comment"))
        .map(|s| fold(&s.name))
        .collect();
    assert!(no_comment.iter().any(|n| n.contains("turk")), "the Turkish government is not listed as not answering: {no_comment:?}");
    assert!(no_comment.iter().any(|n| n.contains("etim") || n.contains("east turkestan")), "ETIM is not listed as not answering: {no_comment:?}");
}
