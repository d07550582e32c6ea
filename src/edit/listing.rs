//! `explainer edits FILE`: the ids of one seed's items with their text, for editors.
//!
//! In: the seed's explainer/1 document (its settings applied). Out: plain text: the settings
//! file and the review status, then one line per item (`id`, what it is, its text), grouped as
//! the settings file's tables are; or with `--toml`, a settings snippet for every item
//! ([`super::snippet`]), commented out, so the whole listing can be pasted into the file and
//! the lines wanted uncommented.
//!
//! What it gets wrong: nothing known; long texts are cut to one line of about 100 characters.

use super::snippet::{self, short};
use crate::wire::Document;
use std::fmt::Write;

/// The listing of `doc`. `settings` is the settings file's path as shown, `exists` whether it
/// is there yet.
pub fn listing(doc: &Document, settings: &str, exists: bool, toml: bool) -> String {
    let mut s = String::new();
    let status = match doc.editorial.status.as_str() {
        "reviewed" => "reviewed by the editors",
        "edited" => "corrected by the editors, not yet marked reviewed",
        _ => "extracted by machine, not yet reviewed",
    };
    let _ = writeln!(s, "# {} — {}", doc.seed.file, doc.title);
    let _ = writeln!(s, "# settings: {settings}{}", if exists { "" } else { " (not written yet: create it to correct this explainer)" });
    let _ = writeln!(s, "# status: {status}");
    if !doc.editorial.hidden.is_empty() {
        let _ = writeln!(s, "# hidden by the editors: {}", doc.editorial.hidden.join(", "));
    }
    let _ = writeln!(s);
    if toml {
        let sn = snippet::all(doc);
        s.push_str(&comment_out(&sn.top));
        let groups = [
            ("key points", &sn.key_points, doc.key_points.iter().map(|k| k.id.as_str()).collect::<Vec<_>>()),
            ("stakeholders", &sn.stakeholders, doc.stakeholders.iter().map(|k| k.id.as_str()).collect()),
            ("events", &sn.events, doc.events.iter().map(|k| k.id.as_str()).collect()),
            ("relations", &sn.relations, doc.relations.iter().map(|k| k.id.as_str()).collect()),
            ("sources", &sn.sources, doc.sources.iter().map(|k| k.id.as_str()).collect()),
            ("statements", &sn.statements, doc.sources.iter().flat_map(|x| x.statements.iter().map(|k| k.id.as_str())).collect()),
            ("figures", &sn.figures, doc.figures.iter().map(|k| k.id.as_str()).collect()),
            ("disputes", &sn.disputes, doc.disputes.iter().map(|k| k.id.as_str()).collect()),
        ];
        for (name, map, order) in groups {
            if order.is_empty() {
                continue;
            }
            let _ = writeln!(s, "\n# ---- {name} ({}) ----", order.len());
            for id in order {
                if let Some(sn) = map.get(id) {
                    let _ = writeln!(s, "\n{}", comment_out(sn).trim_end());
                }
            }
        }
        let _ = writeln!(s, "\n# ---- additions ----\n{}", comment_out(snippet::ADD).trim_end());
        return s;
    }
    let mark = |o: &str| match o {
        "edited" => " [edited]",
        "added" => " [added]",
        _ => "",
    };
    let line = |s: &mut String, id: &str, text: String, origin: &str| {
        let _ = writeln!(s, "  {id:<22} {}{}", short(&text, 100), mark(origin));
    };
    let _ = writeln!(s, "title = {:?}\nsummary = {:?}\nsection = {:?}\n", doc.title, short(&doc.summary, 100), doc.section.as_deref().unwrap_or(""));
    let head = |s: &mut String, table: &str, n: usize| {
        let _ = writeln!(s, "[{table}.<id>] ({n})");
    };
    head(&mut s, "key_points", doc.key_points.len());
    for k in &doc.key_points {
        line(&mut s, &k.id, format!("{}: {}", k.kind, k.text), &k.origin);
    }
    head(&mut s, "stakeholders", doc.stakeholders.len());
    for x in &doc.stakeholders {
        let role = x.role.as_deref().map(|r| format!(" — {r}")).unwrap_or_default();
        line(&mut s, &x.id, format!("{} ({}){role}", x.name, x.kind), &x.origin);
    }
    head(&mut s, "events", doc.events.len());
    for e in &doc.events {
        line(&mut s, &e.id, format!("{} · {}", e.date.value, e.title), &e.origin);
    }
    head(&mut s, "relations", doc.relations.len());
    for r in &doc.relations {
        let c = r.certainty.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        line(&mut s, &r.id, format!("{} —{}→ {}{c}: {}", r.from, r.kind, r.to, r.label), &r.origin);
    }
    head(&mut s, "sources", doc.sources.len());
    for x in &doc.sources {
        line(&mut s, &x.id, format!("{} ({}), {} statement(s)", x.name, x.kind, x.statements.len()), &x.origin);
    }
    head(&mut s, "statements", doc.sources.iter().map(|x| x.statements.len()).sum());
    for x in &doc.sources {
        for st in &x.statements {
            line(&mut s, &st.id, format!("{} {}: {}", x.name, st.cue, st.text), "");
        }
    }
    head(&mut s, "figures", doc.figures.len());
    for f in &doc.figures {
        line(&mut s, &f.id, format!("{} {}", f.text, f.unit.as_deref().unwrap_or("")), &f.origin);
    }
    head(&mut s, "disputes", doc.disputes.len());
    for d in &doc.disputes {
        line(&mut s, &d.id, d.topic.clone(), &d.origin);
    }
    let _ = writeln!(s, "\n`explainer edits --toml FILE` prints a snippet to paste for each item.");
    s
}

/// Every line of a snippet commented out (headers and values get a `#`): a pasted listing
/// changes nothing until an editor removes the `#` of the lines they want.
fn comment_out(snippet: &str) -> String {
    snippet
        .lines()
        .map(|l| if l.starts_with('#') || l.is_empty() { format!("{l}\n") } else { format!("#{l}\n") })
        .collect()
}
