//! Editorial control end to end, on the seed: an editor's settings file corrects what the
//! extractors got wrong, the corrections survive rebuilds and changes to the article's text,
//! edits that match nothing are reported with their line, and a broken settings file keeps the
//! seed's last good pages.
//!
//! Items are found by what they say in the machine's output (never by a hard-coded id), so the
//! test holds when extraction improves.

use explainer::build::{build, BuildOptions, Report};
use explainer::wire;
use std::path::{Path, PathBuf};

const SEED: &str = "seeds/000_3504891bb809d83d.txt";

fn site(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("edits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("seeds")).unwrap();
    std::fs::create_dir_all(d.join("content/explainers")).unwrap();
    std::fs::write(d.join("content/explainers/_index.md"), "+++\ntitle = \"Explainers\"\n+++\n").unwrap();
    d
}

fn run(root: &Path) -> Report {
    build(&BuildOptions { root: root.to_path_buf(), jobs: Some(2), ..BuildOptions::default() }).unwrap_or_else(|e| panic!("build failed as a whole: {e}"))
}

fn bundle(root: &Path) -> PathBuf {
    let dir = root.join("content/explainers");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    found.retain(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'));
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

fn doc(root: &Path) -> wire::Document {
    serde_json::from_slice(&std::fs::read(bundle(root).join("explainer.json")).unwrap()).unwrap()
}

fn view(root: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(bundle(root).join("view.json")).unwrap()).unwrap()
}

/// The ids the editor's settings point at, found by content in the machine's document.
struct Targets {
    camera_event: String,
    relation: String,
    relation_kind: String,
}

fn targets(d: &wire::Document) -> Targets {
    let camera = d
        .events
        .iter()
        .find(|e| e.date.value == "2008" && e.sentence.contains("camera system"))
        .expect("the event about Kabul's camera system in 2008");
    let rel = d.relations.iter().find(|r| r.from == "taliban" && r.to == "huawei").expect("a relation from the Taliban to Huawei");
    Targets { camera_event: camera.id.clone(), relation: rel.id.clone(), relation_kind: rel.kind.clone() }
}

fn settings(t: &Targets) -> String {
    let kind = if t.relation_kind == "negotiates" { "meets" } else { "negotiates" };
    format!(
        "# An editor's corrections.\ntitle = \"The Taliban and a U.S. surveillance plan\"\nreviewed = true\n\n\
         [stakeholders.huawei]\nkind = \"organization\"\n\n\
         [events.{}]\nhide = true\n\n\
         [relations.{}]\nkind = \"{kind}\"\ncertainty = \"claimed\"\n\n\
         [events.e-00000000]\nhide = true\n\n\
         [[add.key_points]]\ntext = \"Rights groups fear the cameras will be used against protesters.\"\nquote = \"rights groups are worried that any funding will be used to repress demonstrators\"\n",
        t.camera_event, t.relation
    )
}

/// Every edit of [`settings`] shows in explainer.json and in the page's view.
fn assert_edits_apply(root: &Path, t: &Targets) {
    let d = doc(root);
    let kind = if t.relation_kind == "negotiates" { "meets" } else { "negotiates" };
    assert_eq!(d.title, "The Taliban and a U.S. surveillance plan");
    assert_eq!(d.editorial.status, "reviewed");
    assert!(d.editorial.edited.contains(&"title".to_string()));
    let huawei = d.stakeholders.iter().find(|s| s.id == "huawei").unwrap();
    assert_eq!((huawei.kind.as_str(), huawei.origin.as_str()), ("organization", "edited"));
    assert!(!d.events.iter().any(|e| e.id == t.camera_event), "the camera event is hidden");
    assert!(!d.events.iter().any(|e| e.sentence.contains("camera system") && e.date.value == "2008"));
    assert!(d.editorial.hidden.contains(&t.camera_event));
    let r = d.relations.iter().find(|r| r.id == t.relation).unwrap();
    assert_eq!((r.kind.as_str(), r.certainty.as_deref(), r.origin.as_str()), (kind, Some("claimed"), "edited"));
    let k = d.key_points.iter().find(|k| k.origin == "added").expect("the added key point");
    assert_eq!(k.text, "Rights groups fear the cameras will be used against protesters.");
    assert!(k.sentence.as_deref().unwrap().contains("repress demonstrators"), "{k:?}");
    // The page: its front matter and its view say the same.
    let index = std::fs::read_to_string(bundle(root).join("index.md")).unwrap();
    assert!(index.contains("title = \"The Taliban and a U.S. surveillance plan\""), "{index}");
    let v = view(root);
    assert_eq!(v["review"]["status"], "reviewed");
    assert!(v["key_points"].as_array().unwrap().iter().any(|k| k["origin"] == "added" && k["paragraph"].is_string()));
    let actor = v["stakeholders"].as_array().unwrap().iter().find(|a| a["id"] == "huawei").unwrap();
    assert_eq!((actor["kind"].as_str(), actor["origin"].as_str()), (Some("organization"), Some("edited")));
    assert!(!v["timeline"].as_array().unwrap().iter().any(|e| e["id"] == t.camera_event.as_str()));
    // The snippets for `explainer serve` name the items by id.
    explainer::edit::snippet::fill_previews(root).unwrap();
    let slug = bundle(root).file_name().unwrap().to_string_lossy().into_owned();
    let ed: serde_json::Value = serde_json::from_slice(&std::fs::read(root.join(".explainer/preview").join(format!("{slug}.json"))).unwrap()).unwrap();
    assert!(ed["relations"][&t.relation].as_str().unwrap().contains(&format!("[relations.{}]", t.relation)));
}

/// The stale edit (`e-00000000`) is reported with the settings file and its line, once.
fn assert_stale_reported(r: &Report, line: usize) {
    let stale: Vec<&String> = r.warnings.iter().filter(|w| w.contains("matches nothing")).collect();
    assert_eq!(stale.len(), 1, "{:?}", r.warnings);
    assert!(stale[0].starts_with(&format!("seeds/story.toml:{line}: [events.e-00000000] matches nothing")), "{}", stale[0]);
    assert!(!r.warnings.iter().any(|w| w.contains("is not in the article")), "{:?}", r.warnings);
}

#[test]
fn seed_edits_apply_and_survive_rebuilds_and_text_changes() {
    let root = site("seed");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    std::fs::write(root.join("seeds/story.txt"), &text).unwrap();
    let r = run(&root);
    assert!(!r.failed(), "{}", r.summary(9));
    let machine = doc(&root);
    assert_eq!(machine.editorial.status, "machine");
    assert_eq!(view(&root)["review"]["status"], "machine");
    let t = targets(&machine);

    let s = settings(&t);
    let stale_line = s.lines().position(|l| l == "[events.e-00000000]").unwrap() + 1;
    std::fs::write(root.join("seeds/story.toml"), &s).unwrap();
    let r = run(&root);
    assert!(!r.failed(), "a stale edit never stops the build: {}", r.summary(9));
    assert_eq!(r.extracted.len(), 1, "a changed settings file rebuilds its seed");
    assert_stale_reported(&r, stale_line);
    assert_edits_apply(&root, &t);
    // The settings file is the editor's: never rewritten.
    assert_eq!(std::fs::read_to_string(root.join("seeds/story.toml")).unwrap(), s);

    // A rebuild with nothing changed keeps everything.
    let r = run(&root);
    assert!(!r.failed() && r.extracted.is_empty(), "{}", r.summary(9));
    assert_edits_apply(&root, &t);

    // A new dated paragraph near the top, and an unrelated paragraph taken out: every edit still
    // applies to the same item.
    let first_break = text.find("Kabul.\n\n").unwrap() + "Kabul.\n\n".len();
    let mut changed = text.clone();
    changed.insert_str(first_break, "In March 2019, officials in Kabul first discussed a camera network with foreign advisers, a ministry official said.\n\n");
    let gone = "He made no mention of the creation date of the Turkish proposal.\n\n";
    assert!(changed.contains(gone));
    changed = changed.replacen(gone, "", 1);
    std::fs::write(root.join("seeds/story.txt"), &changed).unwrap();
    let r = run(&root);
    assert!(!r.failed(), "{}", r.summary(9));
    assert_stale_reported(&r, stale_line);
    assert_edits_apply(&root, &t);
    let d = doc(&root);
    assert!(d.events.iter().any(|e| e.date.value == "2019-03" && e.origin == "machine"), "the new paragraph's event is there");

    // A settings file broken by hand: the error names the line, the seed fails, and its last
    // good pages (with the edits) stay.
    let broken = s.replace("kind = \"organization\"", "kind = \"organization");
    let bad_line = broken.lines().position(|l| l.starts_with("kind = \"organization")).unwrap() + 1;
    std::fs::write(root.join("seeds/story.toml"), &broken).unwrap();
    let r = run(&root);
    assert!(r.failed());
    let e = r.skipped.iter().map(|e| e.to_string()).find(|e| e.starts_with("seeds/story.toml:")).unwrap_or_else(|| panic!("{}", r.summary(9)));
    assert!(e.starts_with(&format!("seeds/story.toml:{bad_line}: settings file is not valid")), "{e}");
    assert_edits_apply(&root, &t);
}

/// Ids come from the items' own text: inserting and deleting paragraphs elsewhere keeps the id of
/// every item whose sentence is still there.
#[test]
fn ids_are_stable_across_insertions_and_deletions() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let of = |t: &str| {
        let x = explainer::explain(explainer::model::Seed::from_text("seeds/a.txt", t), &Default::default());
        explainer::document(&x, None).0
    };
    let ids = |d: &wire::Document| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = Vec::new();
        v.extend(d.events.iter().map(|e| (e.id.clone(), e.sentence.clone())));
        v.extend(d.relations.iter().map(|r| (r.id.clone(), r.sentence.clone())));
        v.extend(d.figures.iter().map(|f| (f.id.clone(), f.sentence.clone())));
        v.extend(d.sources.iter().flat_map(|s| s.statements.iter().map(|st| (st.id.clone(), st.sentence.clone()))));
        v.extend(d.sources.iter().map(|s| (s.id.clone(), s.name.clone())));
        v.extend(d.stakeholders.iter().map(|s| (s.id.clone(), s.name.clone())));
        v
    };
    let before = ids(&of(&text));
    let at_top = text.find("An interior ministry spokesman").unwrap();
    let middle = text.find("POWER CUTS").unwrap();
    let variants = [
        // A paragraph inserted at the top of the body, and one in the middle.
        format!("{}Officials in Herat said on Tuesday that they would add 300 cameras.\n\n{}", &text[..at_top], &text[at_top..]),
        format!("{}A separate report in 2017 said little.\n\n{}", &text[..middle], &text[middle..]),
        // A paragraph deleted.
        text.replacen("There have been no prior reports on how the Taliban seeks to increase and handle mass monitoring, including acquiring the U.S. plan.\n\n", "", 1),
    ];
    for (n, v) in variants.iter().enumerate() {
        assert_ne!(v, &text);
        let after = ids(&of(v));
        let now: std::collections::BTreeSet<&str> = after.iter().map(|(id, _)| id.as_str()).collect();
        // Items whose sentence (or name) is still in the text.
        let kept: Vec<&(String, String)> = before.iter().filter(|(_, s)| v.contains(s.as_str())).collect();
        let missing: Vec<&str> = kept.iter().filter(|(id, _)| !now.contains(id.as_str())).map(|(id, _)| id.as_str()).collect();
        // Every item whose evidence is still in the text keeps its id.
        assert!(missing.is_empty(), "variant {n}: {} of {} ids changed: {missing:?}", missing.len(), kept.len());
    }
}

/// `explainer serve` builds with `preview`: each page extracted now has its settings snippets in
/// `.explainer/preview/<slug>.json`, up to date with its settings; a public build writes none.
#[test]
fn serve_builds_write_the_editor_preview() {
    let root = site("preview");
    let text = "A council votes on a budget\n\nThe city council of Lakeside voted on Monday to approve a budget of $4 million, the mayor said.\n";
    std::fs::write(root.join("seeds/a.txt"), text).unwrap();
    let r = run(&root);
    assert!(!r.failed(), "{}", r.summary(9));
    assert!(!root.join(".explainer/preview").exists(), "a public build writes no preview");
    std::fs::write(root.join("seeds/a.toml"), "title = \"Lakeside approves its budget\"\n").unwrap();
    let serve = |root: &Path| build(&BuildOptions { root: root.to_path_buf(), jobs: Some(1), preview: true, ..BuildOptions::default() }).unwrap();
    let r = serve(&root);
    assert!(!r.failed(), "{}", r.summary(9));
    let slug = bundle(&root).file_name().unwrap().to_string_lossy().into_owned();
    let preview = root.join(".explainer/preview").join(format!("{slug}.json"));
    let ed: serde_json::Value = serde_json::from_slice(&std::fs::read(&preview).unwrap()).unwrap();
    assert!(ed["top"].as_str().unwrap().contains("title = \"Lakeside approves its budget\""), "{ed}");
    let mut want = serde_json::to_value(explainer::edit::snippet::all(&doc(&root))).unwrap();
    want["source"] = ed["source"].clone();
    assert_eq!(ed, want);
    // Filling the preview finds it up to date; a bundle that is gone loses its preview.
    assert_eq!(explainer::edit::snippet::fill_previews(&root).unwrap(), 0);
    std::fs::remove_file(root.join("seeds/a.txt")).unwrap();
    std::fs::remove_file(root.join("seeds/a.toml")).unwrap();
    assert!(!serve(&root).failed());
    explainer::edit::snippet::fill_previews(&root).unwrap();
    assert!(!preview.exists());
}
