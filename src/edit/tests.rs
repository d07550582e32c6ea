//! Unit tests of applying edits on small documents.

use super::*;
use crate::build::settings;
use crate::extract::Options;

const ARTICLE: &str = "Acme and Globex sign a deal\n\n\
By A. Writer\n\n\
Acme Corp signed a supply deal with Globex Inc on Monday, officials said. The deal comes as prices rise.\n\n\
In 2019, Acme Corp first met Globex Inc in Geneva. \"We are pleased,\" said Jane Roe, a spokeswoman for Acme Corp.\n\n\
Globex Inc did not respond to a request for comment. The deal is worth $40 million.\n";

fn explain(text: &str) -> crate::model::Explainer {
    crate::explain(crate::model::Seed::from_text("seeds/t.txt", text), &Options::default())
}

fn edited(text: &str, settings_text: &str) -> (Document, Vec<String>) {
    let x = explain(text);
    let s = settings::parse("seeds/t.toml", settings_text.as_bytes(), &Options::default()).unwrap();
    crate::document(&x, Some(&s.edits))
}

#[test]
fn no_edits_leave_the_machine_document() {
    let x = explain(ARTICLE);
    let (machine, _) = crate::document(&x, None);
    let (doc, notes) = edited(ARTICLE, "# nothing yet\n");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(doc.editorial.status, "machine");
    assert_eq!(doc.editorial.settings.as_deref(), Some("seeds/t.toml"));
    assert_eq!(doc.events, machine.events);
    assert_eq!(doc.stakeholders, machine.stakeholders);
}

#[test]
fn top_level_fields_and_review() {
    let (doc, notes) = edited(ARTICLE, "title = \"Acme's deal\"\nsummary = \"Acme buys from Globex.\"\nsection = \"Business\"\nreviewed = true\nhide_removed = true\n");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(doc.title, "Acme's deal");
    assert_eq!(doc.summary, "Acme buys from Globex.");
    assert_eq!(doc.section.as_deref(), Some("Business"));
    assert_eq!(doc.editorial.status, "reviewed");
    assert!(doc.removed.is_empty());
    assert_eq!(doc.editorial.edited, ["title", "summary", "section", "removed"]);
    let what = doc.key_points.iter().find(|k| k.kind == "what").unwrap();
    assert_eq!((what.text.as_str(), what.origin.as_str()), ("Acme buys from Globex.", "edited"));
}

#[test]
fn stakeholder_kind_name_hide_and_merge() {
    let x = explain(ARTICLE);
    let (machine, _) = crate::document(&x, None);
    let ids: Vec<&str> = machine.stakeholders.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"acme-corp") && ids.contains(&"globex-inc") && ids.contains(&"jane-roe"), "{ids:?}");
    let (doc, notes) = edited(
        ARTICLE,
        "[stakeholders.acme-corp]\nkind = \"government\"\nname = \"Acme Corporation\"\n\n[stakeholders.jane-roe]\nmerge_into = \"acme-corp\"\n\n[stakeholders.globex-inc]\nhide = true\n",
    );
    assert!(notes.is_empty(), "{notes:?}");
    let acme = doc.stakeholders.iter().find(|s| s.id == "acme-corp").unwrap();
    assert_eq!((acme.kind.as_str(), acme.name.as_str(), acme.origin.as_str()), ("government", "Acme Corporation", "edited"));
    assert_eq!(acme.edited, ["name", "kind", "merged"]);
    assert!(acme.aliases.iter().any(|a| a == "Jane Roe"));
    assert!(!doc.stakeholders.iter().any(|s| s.id == "jane-roe" || s.id == "globex-inc"));
    assert_eq!(doc.editorial.hidden, ["globex-inc"]);
    assert_eq!(doc.editorial.merged, [wire::Merged { from: "jane-roe".into(), into: "acme-corp".into() }]);
    // No reference to a hidden or merged stakeholder is left.
    for r in &doc.relations {
        assert!(r.from != "globex-inc" && r.to != "globex-inc" && r.from != "jane-roe" && r.to != "jane-roe", "{r:?}");
    }
    for e in &doc.events {
        assert!(!e.actors.iter().any(|a| a == "globex-inc" || a == "jane-roe"), "{e:?}");
    }
    for s in &doc.sources {
        assert!(s.stakeholder.as_deref() != Some("jane-roe") && s.stakeholder.as_deref() != Some("globex-inc"), "{s:?}");
    }
    assert_eq!(doc.editorial.status, "edited");
}

#[test]
fn events_hide_retitle_and_redate() {
    let x = explain(ARTICLE);
    let (machine, _) = crate::document(&x, None);
    assert!(machine.events.len() >= 2, "{:?}", machine.events);
    let first = &machine.events[0];
    let last = machine.events.last().unwrap();
    let settings = format!("[events.{}]\ntitle = \"First meeting\"\ndate = \"2030-05\"\n\n[events.{}]\nhide = true\n", first.id, last.id);
    let (doc, notes) = edited(ARTICLE, &settings);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(!doc.events.iter().any(|e| e.id == last.id));
    let e = doc.events.iter().find(|e| e.id == first.id).unwrap();
    assert_eq!((e.title.as_str(), e.date.value.as_str(), e.date.precision.as_deref()), ("First meeting", "2030-05", Some("month")));
    assert_eq!(e.edited, ["title", "date"]);
    // Sorted again by date: 2030 comes last.
    assert_eq!(doc.events.last().unwrap().id, first.id);
}

#[test]
fn relations_kind_direction_certainty_and_hide() {
    let x = explain(ARTICLE);
    let (machine, _) = crate::document(&x, None);
    let r = machine.relations.first().expect("a relation between Acme and Globex");
    let kind = if r.kind == "opposes" { "negotiates" } else { "opposes" };
    // Another certainty than the machine's reading, so the edit changes it.
    let certainty = if r.certainty.as_deref() == Some("hypothetical") { "claimed" } else { "hypothetical" };
    let settings = format!("[relations.{}]\nkind = \"{kind}\"\nlabel = \"talks with\"\nreverse = true\ncertainty = \"{certainty}\"\n", r.id);
    let (doc, notes) = edited(ARTICLE, &settings);
    assert!(notes.is_empty(), "{notes:?}");
    let e = doc.relations.iter().find(|x| x.id == r.id).unwrap();
    assert_eq!((e.from.as_str(), e.to.as_str()), (r.to.as_str(), r.from.as_str()));
    assert_eq!((e.kind.as_str(), e.label.as_str(), e.certainty.as_deref()), (kind, "talks with", Some(certainty)));
    assert_eq!(e.edited, ["direction", "kind", "label", "certainty"]);
    let (doc, _) = edited(ARTICLE, &format!("[relations.{}]\nhide = true\n", r.id));
    assert!(!doc.relations.iter().any(|x| x.id == r.id));
}

#[test]
fn sources_statements_figures_and_key_points() {
    let x = explain(ARTICLE);
    let (machine, _) = crate::document(&x, None);
    let roe = machine.sources.iter().find(|s| s.name == "Jane Roe").expect("Jane Roe is a source");
    assert_eq!(roe.id, "s-jane-roe");
    let globex = machine.sources.iter().find(|s| s.statements.iter().any(|st| st.kind == "no-comment")).expect("a no-comment");
    let fig = machine.figures.first().expect("a figure");
    let settings = format!(
        "[sources.s-jane-roe]\nname = \"Jane Roe (Acme)\"\nkind = \"official\"\n\n[statements.{}]\nhide = true\n\n[figures.{}]\nunit = \"dollars\"\n\n[key_points.k-what]\nhide = true\n",
        globex.statements[0].id, fig.id
    );
    let (doc, notes) = edited(ARTICLE, &settings);
    assert!(notes.is_empty(), "{notes:?}");
    let s = doc.sources.iter().find(|s| s.id == "s-jane-roe").unwrap();
    assert_eq!((s.name.as_str(), s.kind.as_str()), ("Jane Roe (Acme)", "official"));
    // Its only statement hidden, the source is gone.
    assert!(!doc.sources.iter().any(|s| s.id == globex.id));
    assert_eq!(doc.figures.iter().find(|f| f.id == fig.id).unwrap().unit.as_deref(), Some("dollars"));
    assert!(!doc.key_points.iter().any(|k| k.id == "k-what"));
}

#[test]
fn additions_link_to_their_sentence() {
    let settings = "why = \"Prices are rising.\"\n\n[[add.key_points]]\ntext = \"The deal is large.\"\nquote = \"worth $40 million\"\n\n\
        [[add.events]]\ndate = \"2019-06\"\ntitle = \"Acme meets Globex\"\nquote = \"first met Globex Inc in Geneva\"\nactors = [\"acme-corp\", \"nobody\"]\n\n\
        [[add.relations]]\nfrom = \"globex-inc\"\nto = \"acme-corp\"\nkind = \"supports\"\nquote = \"signed a supply deal\"\n";
    let (doc, notes) = edited(ARTICLE, settings);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("seeds/t.toml:7: [[add.events]] actor \"nobody\""), "{notes:?}");
    let k = doc.key_points.iter().find(|k| k.text == "The deal is large.").unwrap();
    assert_eq!((k.kind.as_str(), k.origin.as_str(), k.paragraph.as_deref()), ("point", "added", Some("p3")));
    assert!(k.sentence.as_deref().unwrap().contains("$40 million"));
    let why = doc.key_points.iter().find(|k| k.kind == "why").unwrap();
    assert_eq!(why.text, "Prices are rising.");
    let e = doc.events.iter().find(|e| e.title == "Acme meets Globex").unwrap();
    assert_eq!((e.origin.as_str(), e.paragraph.as_deref(), e.actors.clone()), ("added", Some("p2"), vec!["acme-corp".to_string()]));
    let r = doc.relations.iter().find(|r| r.origin == "added").unwrap();
    assert_eq!((r.from.as_str(), r.to.as_str(), r.label.as_str(), r.paragraph.as_deref()), ("globex-inc", "acme-corp", "supports", Some("p1")));
    assert_eq!(doc.editorial.status, "edited");
}

#[test]
fn stale_edits_name_their_line_and_the_nearest_item() {
    let x = explain(ARTICLE);
    let (machine, _) = crate::document(&x, None);
    let e = &machine.events[0];
    // The snippet's comment line says what the item was; its id no longer exists.
    let settings = format!("{}[events.e-00000000]\nhide = true\n\n[stakeholders.acme-crop]\nkind = \"company\"\n\n[[add.key_points]]\ntext = \"x\"\nquote = \"a passage that is not there\"\n", crate::edit::snippet::event(e).lines().next().unwrap().to_string() + "\n");
    let (doc, notes) = edited(ARTICLE, &settings);
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].starts_with("seeds/t.toml:5: [stakeholders.acme-crop] matches nothing"), "{notes:?}");
    assert!(notes[0].contains("nearest: [stakeholders.acme-corp]"), "{notes:?}");
    assert!(notes[1].starts_with("seeds/t.toml:2: [events.e-00000000] matches nothing"), "{notes:?}");
    assert!(notes[1].contains(&format!("nearest: [events.{}]", e.id)), "{notes:?}");
    assert!(notes[2].starts_with("seeds/t.toml:8: [add.key_points] quote = \"a passage that is not there\" is not in the article"), "{notes:?}");
    // Nothing was applied to another item.
    assert_eq!(doc.events, machine.events);
    assert_eq!(doc.stakeholders, machine.stakeholders);
}

#[test]
fn disputes_hide_retopic_and_follow_hidden_statements() {
    let seed = include_str!("../../seeds/000_3504891bb809d83d.txt");
    let x = explain(seed);
    let (machine, _) = crate::document(&x, None);
    assert!(machine.disputes.len() >= 2, "the seed has disputes");
    let (a, b) = (&machine.disputes[0], &machine.disputes[1]);
    // Hide the first dispute, retitle the second, and hide one of the second's claims.
    let claim = &b.claims[0];
    let st = &machine.sources.iter().find(|s| s.id == claim.source).unwrap().statements[claim.statement];
    let settings = format!("[disputes.{}]\nhide = true\n\n[disputes.{}]\ntopic = \"Whether rights will be violated\"\n\n[statements.{}]\nhide = true\n", a.id, b.id, st.id);
    let (doc, notes) = edited(seed, &settings);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(!doc.disputes.iter().any(|d| d.id == a.id));
    let d = doc.disputes.iter().find(|d| d.id == b.id);
    // Every claim left points at the statement it pointed at before (indices follow the hidden
    // statement); with fewer than two claims left there is no dispute.
    let before: Vec<&str> = b.claims[1..]
        .iter()
        .map(|c| machine.sources.iter().find(|s| s.id == c.source).unwrap().statements[c.statement].id.as_str())
        .collect();
    match d {
        Some(d) => {
            assert_eq!(d.topic, "Whether rights will be violated");
            assert_eq!(d.origin, "edited");
            let after: Vec<&str> =
                d.claims.iter().map(|c| doc.sources.iter().find(|s| s.id == c.source).unwrap().statements[c.statement].id.as_str()).collect();
            assert_eq!(after, before);
        }
        None => assert!(before.len() < 2),
    }
    assert!(!doc.sources.iter().any(|s| s.statements.iter().any(|x| x.id == st.id)));
}
