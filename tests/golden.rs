//! Golden files for every seed in `seeds/`, reviewed by hand before they are committed.
//!
//! For each `seeds/<name>.txt` there are two files under `tests/golden/`:
//! - `<name>.json`: the exact `explainer/1` document `explainer extract seeds/<name>.txt` prints;
//! - `<name>.review.txt`: the same facts as a reader would check them — events with their
//!   evidence, stakeholders with roles and mentions, sources with cue and quote.
//!
//! The test fails when either file differs from what the tool now produces, when a seed has no
//! golden files, and when a golden file has no seed any more (stale). To accept a change, run
//! `SNAPSHOTS=overwrite cargo test --test golden`, then read the diff of `tests/golden/` before
//! committing it: that diff is the review.

use explainer::extract::Options;
use explainer::wire;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn doc_for(seed: &Path) -> wire::Document {
    let file = format!("seeds/{}", seed.file_name().unwrap().to_string_lossy());
    let x = explainer::explain_file(seed, &file, &Options::default()).expect("seed reads");
    wire::Document::from_explainer(&x)
}

/// The human-readable review file.
fn review(d: &wire::Document) -> String {
    let mut s = String::new();
    let sentence_of = |p: &Option<String>| p.clone().unwrap_or_else(|| "headline".into());
    writeln!(s, "# {}\n", d.seed.file).unwrap();
    writeln!(s, "title:     {}", d.title).unwrap();
    writeln!(s, "slug:      {}", d.slug).unwrap();
    writeln!(s, "labels:    {}", d.labels.join(", ")).unwrap();
    writeln!(s, "section:   {}", d.section.as_deref().unwrap_or("-")).unwrap();
    writeln!(s, "published: {}", d.published.as_ref().map(|p| format!("{} ({})", p.value, p.origin)).unwrap_or("-".into())).unwrap();
    writeln!(s, "summary:   {}\n", d.summary).unwrap();
    writeln!(s, "## Key points ({})", d.key_points.len()).unwrap();
    for k in &d.key_points {
        writeln!(s, "- {} {}: {}", k.id, k.kind, k.text).unwrap();
        if let (Some(p), Some(sent)) = (&k.paragraph, &k.sentence) {
            writeln!(s, "    {p}: {sent}").unwrap();
        }
    }
    writeln!(s).unwrap();

    writeln!(s, "## Removed by cleaning ({})", d.removed.len()).unwrap();
    for r in &d.removed {
        writeln!(s, "- [{}] {:?}", r.reason, r.text).unwrap();
    }
    writeln!(s, "\n## Paragraphs ({})", d.paragraphs.len()).unwrap();
    for p in &d.paragraphs {
        let words: Vec<&str> = p.text.split_whitespace().take(10).collect();
        writeln!(s, "- {} {}: {} …", p.id, p.kind, words.join(" ")).unwrap();
    }

    writeln!(s, "\n## Timeline ({} events)", d.events.len()).unwrap();
    for e in &d.events {
        let m = e.date.modifier.as_deref().map(|m| format!(" mod={m}")).unwrap_or_default();
        let inf = if e.date.inferred { " inferred" } else { "" };
        writeln!(s, "- {} [{}{}{}] {:?} — {}", e.id, e.date.value, m, inf, e.date.text, e.title).unwrap();
        writeln!(s, "    actors: {}; source: {}", e.actors.join(", "), e.source.as_deref().unwrap_or("-")).unwrap();
        writeln!(s, "    {}: {}", sentence_of(&e.paragraph), e.sentence).unwrap();
    }

    writeln!(s, "\n## Dates ({})", d.dates.len()).unwrap();
    for t in &d.dates {
        writeln!(
            s,
            "- {} {:?} → {} ({}, {}, anchor {}{}{})",
            t.id,
            t.text,
            t.value,
            t.kind,
            t.precision.as_deref().unwrap_or("-"),
            t.anchor,
            t.modifier.as_deref().map(|m| format!(", mod {m}")).unwrap_or_default(),
            if t.inferred { ", inferred" } else { "" }
        )
        .unwrap();
    }

    writeln!(s, "\n## Stakeholders ({})", d.stakeholders.len()).unwrap();
    for k in &d.stakeholders {
        writeln!(s, "- {} ({}) id={} salience={}", k.name, k.kind, k.id, k.salience).unwrap();
        if let Some(r) = &k.role {
            writeln!(s, "    role: {r}").unwrap();
        }
        if let Some(a) = &k.affiliation {
            writeln!(s, "    affiliation: {a}").unwrap();
        }
        writeln!(s, "    aliases: {}", k.aliases.join(" | ")).unwrap();
        let ms: Vec<String> = k.mentions.iter().map(|m| format!("{:?}@{}", m.text, sentence_of(&m.paragraph))).collect();
        writeln!(s, "    mentions ({}): {}", ms.len(), ms.join(", ")).unwrap();
    }

    writeln!(s, "\n## Relations ({})", d.relations.len()).unwrap();
    for r in &d.relations {
        let certainty = r.certainty.as_deref().map(|c| format!(", {c}")).unwrap_or_default();
        writeln!(s, "- {} —[{}{certainty}: {:?}]→ {}", r.from, r.kind, r.label, r.to).unwrap();
        writeln!(s, "    {}: {}", sentence_of(&r.paragraph), r.sentence).unwrap();
    }

    let on = d.sources.iter().filter(|x| x.on_record).count();
    writeln!(s, "\n## Sources ({}: {} on record, {} anonymous or unnamed groups)", d.sources.len(), on, d.sources.len() - on).unwrap();
    for src in &d.sources {
        writeln!(
            s,
            "- {} {} ({}, {}, {}) stakeholder={}",
            src.id,
            src.name,
            src.kind,
            if src.named { "named" } else { "unnamed" },
            if src.on_record { "on record" } else { "not on record" },
            src.stakeholder.as_deref().unwrap_or("-")
        )
        .unwrap();
        for st in &src.statements {
            let j = if st.judgement { " [judgement]" } else { "" };
            writeln!(s, "    {} {:?}{} @{}: {:?}", st.kind, st.cue, j, sentence_of(&st.paragraph), st.text).unwrap();
        }
    }

    writeln!(s, "\n## Disputes ({})", d.disputes.len()).unwrap();
    for dp in &d.disputes {
        writeln!(s, "- {}", dp.topic).unwrap();
        for c in &dp.claims {
            let src = d.sources.iter().find(|x| x.id == c.source);
            let text = src.and_then(|x| x.statements.get(c.statement)).map(|st| st.text.as_str()).unwrap_or("?");
            writeln!(s, "    {} ({}): {:?}", c.source, src.map(|x| x.name.as_str()).unwrap_or("?"), text).unwrap();
        }
    }

    writeln!(s, "\n## Figures ({})", d.figures.len()).unwrap();
    for f in &d.figures {
        writeln!(s, "- {} {:?} = {} {}", f.id, f.text, f.value, f.unit.as_deref().unwrap_or("")).unwrap();
    }

    writeln!(s, "\n## Warnings ({})", d.warnings.len()).unwrap();
    for w in &d.warnings {
        writeln!(s, "- {w}").unwrap();
    }
    s
}

fn compare(path: &Path, actual: &str, failures: &mut Vec<String>) {
    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        _ if overwrite => std::fs::write(path, actual).unwrap(),
        Ok(expected) => {
            let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(actual.lines().count()));
            failures.push(format!(
                "{} differs from the tool's output (first at line {}):\n  expected: {}\n  actual:   {}",
                path.display(),
                first + 1,
                expected.lines().nth(first).unwrap_or("<end>"),
                actual.lines().nth(first).unwrap_or("<end>")
            ));
        }
        Err(_) => failures.push(format!("{} is missing", path.display())),
    }
}

#[test]
fn golden_files_match_every_seed() {
    let dir = root().join("tests").join("golden");
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut expected_files = BTreeSet::new();
    for seed in seeds() {
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let d = doc_for(&seed);
        let json = d.to_json_pretty();
        // The golden JSON must be a valid explainer/1 document (the wire structs deny unknown
        // fields) and round-trip to itself.
        let back: wire::Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_json_pretty(), json, "{stem}: explainer/1 does not round-trip");
        compare(&dir.join(format!("{stem}.json")), &json, &mut failures);
        compare(&dir.join(format!("{stem}.review.txt")), &review(&d), &mut failures);
        expected_files.insert(format!("{stem}.json"));
        expected_files.insert(format!("{stem}.review.txt"));
    }
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if !expected_files.contains(&name) {
            failures.push(format!("tests/golden/{name} is stale: no seed produces it any more; delete it"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, run `SNAPSHOTS=overwrite cargo test --test golden` and review the diff of tests/golden/.",
        failures.join("\n")
    );
}

/// `explainer extract FILE` prints exactly the golden document.
#[test]
fn extract_command_prints_the_golden_json() {
    for seed in seeds() {
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let golden = root().join("tests").join("golden").join(format!("{stem}.json"));
        let Ok(expected) = std::fs::read_to_string(&golden) else { continue };
        let rel = format!("seeds/{}", seed.file_name().unwrap().to_string_lossy());
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["extract", &rel])
            .current_dir(root())
            .output()
            .unwrap();
        assert!(out.status.success(), "extract failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{rel}");
    }
}
