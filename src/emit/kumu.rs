//! The stakeholder map as a Kumu blueprint download (`kumu.json`: `{elements, connections}`).
//!
//! In: the wire document. Out: one element per stakeholder (`label`, `type` = kind,
//! `description` = role, plus `id`, `affiliation`, `salience` and `tags`), one connection per
//! relation (`from`/`to` = element labels, as Kumu matches them; `type` = relation kind,
//! `label`, and the evidence sentence as `description`), and an affiliation connection per
//! stakeholder that belongs to another one and has no stated relation with it. Written by
//! `serde_json`, so every string is escaped; deterministic (document order).
//!
//! What it gets wrong: Kumu matches connections by label, so two stakeholders with one name
//! would be merged there (ids are unique, names usually are too).

use crate::wire;
use serde::Serialize;

#[derive(Serialize)]
struct Blueprint<'a> {
    elements: Vec<Element<'a>>,
    connections: Vec<Connection<'a>>,
}

#[derive(Serialize)]
struct Element<'a> {
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    description: &'a str,
    id: &'a str,
    affiliation: Option<&'a str>,
    salience: f64,
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct Connection<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    label: &'a str,
    description: &'a str,
    direction: &'a str,
}

pub fn blueprint(doc: &wire::Document) -> String {
    let name = |id: &str| doc.stakeholders.iter().find(|s| s.id == id).map(|s| s.name.as_str());
    let elements: Vec<Element> = doc
        .stakeholders
        .iter()
        .map(|s| Element {
            label: &s.name,
            kind: &s.kind,
            description: s.role.as_deref().unwrap_or(""),
            id: &s.id,
            affiliation: s.affiliation.as_deref().and_then(name),
            salience: s.salience,
            tags: s.aliases.iter().map(String::as_str).filter(|a| *a != s.name).collect(),
        })
        .collect();
    let mut connections: Vec<Connection> = doc
        .relations
        .iter()
        .filter_map(|r| {
            Some(Connection {
                from: name(&r.from)?,
                to: name(&r.to)?,
                kind: &r.kind,
                label: &r.label,
                description: &r.sentence,
                direction: "directed",
            })
        })
        .collect();
    for s in &doc.stakeholders {
        let Some(a) = s.affiliation.as_deref() else { continue };
        let stated = doc.relations.iter().any(|r| (r.from == s.id && r.to == a) || (r.from == a && r.to == s.id));
        if let (false, Some(to)) = (stated, name(a)) {
            connections.push(Connection { from: &s.name, to, kind: "part-of", label: "affiliated with", description: "", direction: "directed" });
        }
    }
    // Sized for the usual blueprint up front (growing from nothing copied it several times).
    let guess = 256 + 160 * elements.len() + connections.iter().map(|c| 128 + c.description.len()).sum::<usize>();
    let mut out = Vec::with_capacity(guess);
    serde_json::to_writer(&mut out, &Blueprint { elements, connections }).expect("blueprint always serialises");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_document_gives_empty_lists() {
        let doc: wire::Document = serde_json::from_str(
            r#"{"schema":"explainer/1","seed":{"file":"x","sha256":""},"slug":"x","title":"x","labels":[],"section":null,
            "published":null,"summary":"","paragraphs":[],"removed":[],"dates":[],"events":[],"stakeholders":[],
            "relations":[],"sources":[],"figures":[]}"#,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&blueprint(&doc)).unwrap();
        assert_eq!(v["elements"].as_array().unwrap().len(), 0);
        assert_eq!(v["connections"].as_array().unwrap().len(), 0);
    }
}
