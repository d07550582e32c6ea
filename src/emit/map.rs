//! The stakeholder map as an inline SVG, laid out deterministically by the preprocessor.
//!
//! In: the wire document. Out: SVG markup (every text XML-escaped) with `<title>` and `<desc>`,
//! `role="img"`-free structure (`role="group"` with `aria-labelledby`), printed by the theme as
//! is. An empty string when there is no stakeholder.
//!
//! Layout: the [`MAX_NODES`] most salient stakeholders (named ones before unnamed groups) on a grid of
//! [`COLS`] columns in a 360-unit-wide `viewBox`, so it stays readable at 375 px; each cell holds
//! the shape and a label of at most two lines of [`LINE_CHARS`] characters (longer names are cut
//! with "…"), so label boxes, estimated at 0.6 em a character, never overlap (a test checks it).
//! Relations between drawn nodes are curved paths under the nodes, one per pair and kind.
//! Kinds differ by shape as well as by class (`node node--person` …), so the theme's CSS sets
//! colours (dark mode included) and the map reads in grey scale; a legend lists the kinds drawn.
//! Each node is an `<a href="#actor-<id>">` link to the stakeholder's card on the page. No
//! script, no style attributes.
//!
//! What it gets wrong: a grid is not a force layout, so edges can cross nodes; only the most
//! salient stakeholders are drawn (the `<desc>` says how many are left out; the accessible list
//! rendered by the theme has them all).

use crate::wire;

/// Most nodes drawn.
pub const MAX_NODES: usize = 18;
/// Grid columns.
pub const COLS: usize = 3;
/// Characters per label line.
pub const LINE_CHARS: usize = 17;
const WIDTH: f64 = 360.0;
const CELL_W: f64 = WIDTH / COLS as f64;
const CELL_H: f64 = 92.0;
const TOP: f64 = 8.0;
const R: f64 = 14.0;
const FONT: f64 = 11.0;

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) || (0xD800..0xE000).contains(&(c as u32)) => {}
            c => out.push(c),
        }
    }
    out
}

/// Shape of a kind (also named in the legend).
fn shape(kind: &str, x: f64, y: f64) -> String {
    let r = R;
    let poly = |pts: &[(f64, f64)]| {
        let p: Vec<String> = pts.iter().map(|(a, b)| format!("{:.1},{:.1}", x + a, y + b)).collect();
        format!("<polygon class=\"shape\" points=\"{}\"/>", p.join(" "))
    };
    match kind {
        "person" => format!("<circle class=\"shape\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/>"),
        "country" | "government" => format!("<rect class=\"shape\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>", x - r, y - r, 2.0 * r, 2.0 * r),
        "company" => poly(&[(0.0, -r - 2.0), (r + 2.0, 0.0), (0.0, r + 2.0), (-r - 2.0, 0.0)]),
        "armed-group" => poly(&[(0.0, -r - 2.0), (r + 2.0, r), (-r - 2.0, r)]),
        "ngo" => poly(&[(-r / 2.0, -r), (r / 2.0, -r), (r, 0.0), (r / 2.0, r), (-r / 2.0, r), (-r, 0.0)]),
        "media" => format!("<rect class=\"shape\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"/>", x - r - 3.0, y - r + 4.0, 2.0 * r + 6.0, 2.0 * r - 8.0),
        "international" => format!(
            "<circle class=\"shape\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/><circle class=\"shape-inner\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"/>",
            r - 5.0
        ),
        "research" => poly(&[(0.0, -r), (r, -r / 3.0), (r * 0.6, r), (-r * 0.6, r), (-r, -r / 3.0)]),
        "group" => format!("<ellipse class=\"shape\" cx=\"{x:.1}\" cy=\"{y:.1}\" rx=\"{:.1}\" ry=\"{:.1}\"/>", r + 3.0, r - 4.0),
        _ => format!("<rect class=\"shape\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"7\"/>", x - r, y - r, 2.0 * r, 2.0 * r),
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "government" => "Government",
        "country" => "Country",
        "company" => "Company",
        "armed-group" => "Armed group",
        "ngo" => "NGO",
        "media" => "Media",
        "international" => "International body",
        "research" => "Research",
        "group" => "Group",
        _ => "Organisation",
    }
}

/// Splits a name into at most two lines of `LINE_CHARS` characters, at spaces where possible.
pub fn label_lines(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in name.split_whitespace() {
        let add = if cur.is_empty() { word.chars().count() } else { cur.chars().count() + 1 + word.chars().count() };
        if add <= LINE_CHARS {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else {
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            cur = word.to_string();
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let cut = |l: &str| -> String {
        let c: String = l.chars().take(LINE_CHARS - 1).collect();
        format!("{}…", c.trim_end())
    };
    let more = lines.len() > 2;
    lines
        .iter()
        .take(2)
        .enumerate()
        .map(|(i, l)| if l.chars().count() > LINE_CHARS || (i == 1 && more) { cut(l) } else { l.clone() })
        .collect()
}

/// Estimated width of a label line in `viewBox` units.
pub fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * FONT * 0.6
}

/// Centre of grid cell `i`.
fn cell(i: usize) -> (f64, f64) {
    let col = i % COLS;
    let row = i / COLS;
    (CELL_W * (col as f64 + 0.5), TOP + CELL_H * row as f64 + R + 4.0)
}

pub fn map_svg(doc: &wire::Document) -> String {
    // Named actors first, then unnamed groups ("rights groups") if there is room, each in
    // salience order.
    let unnamed = |s: &wire::Stakeholder| s.kind == "group" && s.name.rsplit(' ').next().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    let nodes: Vec<&wire::Stakeholder> =
        doc.stakeholders.iter().filter(|s| !unnamed(s)).chain(doc.stakeholders.iter().filter(|s| unnamed(s))).take(MAX_NODES).collect();
    if nodes.is_empty() {
        return String::new();
    }
    let idx = |id: &str| nodes.iter().position(|s| s.id == id);
    let rows = nodes.len().div_ceil(COLS);
    let mut kinds: Vec<&str> = Vec::new();
    for s in &nodes {
        if !kinds.contains(&s.kind.as_str()) {
            kinds.push(&s.kind);
        }
    }
    let legend_rows = kinds.len().div_ceil(2);
    let grid_h = TOP + CELL_H * rows as f64;
    let height = grid_h + 14.0 + legend_rows as f64 * 22.0 + 6.0;
    let slug = crate::slug::kebab(&doc.slug);
    let tid = format!("map-title-{slug}");
    let did = format!("map-desc-{slug}");
    let left = doc.stakeholders.len() - nodes.len();
    let mut desc = format!(
        "{} of the {} stakeholders, by salience, with {} relations among them.",
        nodes.len(),
        doc.stakeholders.len(),
        doc.relations.iter().filter(|r| idx(&r.from).is_some() && idx(&r.to).is_some()).count()
    );
    if left > 0 {
        desc.push_str(&format!(" {left} less salient stakeholders are left out; the list below has them all."));
    }
    let mut o = String::new();
    o.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stakeholder-map\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"group\" aria-labelledby=\"{tid} {did}\">\n"
    ));
    o.push_str(&format!("<title id=\"{tid}\">Stakeholder map: {}</title>\n", escape(&doc.title)));
    o.push_str(&format!("<desc id=\"{did}\">{}</desc>\n", escape(&desc)));
    // Edges, one per pair and kind.
    o.push_str("<g class=\"edges\" aria-hidden=\"true\">\n");
    let mut drawn: Vec<(usize, usize, &str)> = Vec::new();
    for r in &doc.relations {
        let (Some(a), Some(b)) = (idx(&r.from), idx(&r.to)) else { continue };
        let key = (a.min(b), a.max(b), r.kind.as_str());
        if a == b || drawn.contains(&key) {
            continue;
        }
        drawn.push(key);
        let (x1, y1) = cell(a);
        let (x2, y2) = cell(b);
        // Bow the curve sideways so edges along a row or column do not run through nodes.
        let n = drawn.iter().filter(|d| d.0 == key.0 && d.1 == key.1).count() as f64;
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let bow = 18.0 * n;
        let (cx, cy) = (mx - dy / len * bow, my + dx / len * bow);
        o.push_str(&format!(
            "<path class=\"edge edge--{}\" d=\"M{x1:.1},{y1:.1} Q{cx:.1},{cy:.1} {x2:.1},{y2:.1}\"><title>{}</title></path>\n",
            escape(&crate::slug::kebab(&r.kind)),
            escape(&format!("{} {} {}", nodes[a].name, r.label, nodes[b].name))
        ));
    }
    o.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, s) in nodes.iter().enumerate() {
        let (x, y) = cell(i);
        let kind = crate::slug::kebab(&s.kind);
        let mut aria = format!("{} ({})", s.name, kind_label(&s.kind).to_lowercase());
        if let Some(r) = &s.role {
            aria.push_str(&format!(", {r}"));
        }
        o.push_str(&format!(
            "<a href=\"#actor-{}\" class=\"node node--{}\" aria-label=\"{}\">",
            escape(&crate::slug::kebab(&s.id)),
            escape(&kind),
            escape(&aria)
        ));
        o.push_str(&shape(&s.kind, x, y));
        let lines = label_lines(&s.name);
        for (k, l) in lines.iter().enumerate() {
            let ly = y + R + 14.0 + k as f64 * (FONT + 2.0);
            o.push_str(&format!("<text class=\"label\" x=\"{x:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>", escape(l)));
        }
        o.push_str("</a>\n");
    }
    o.push_str("</g>\n<g class=\"legend\">\n");
    for (i, k) in kinds.iter().enumerate() {
        let x = 20.0 + (i % 2) as f64 * (WIDTH / 2.0);
        let y = grid_h + 14.0 + (i / 2) as f64 * 22.0;
        o.push_str(&format!("<g class=\"legend-item node--{}\" transform=\"translate({x:.1},{y:.1}) scale(0.5)\">", escape(&crate::slug::kebab(k))));
        o.push_str(&shape(k, 0.0, 0.0));
        o.push_str("</g>");
        o.push_str(&format!("<text class=\"legend-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>\n", x + 14.0, y + 4.0, escape(kind_label(k))));
    }
    o.push_str("</g>\n</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the input, the escaped text has no markup or quote characters left.
        #[test]
        fn escape_leaves_no_markup(s in ".*") {
            let e = escape(&s);
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
            // Every & starts an entity we wrote.
            for (i, _) in e.match_indices('&') {
                let rest = &e[i..];
                prop_assert!(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;") || rest.starts_with("&quot;") || rest.starts_with("&#39;"));
            }
        }

        /// Labels are at most two lines that fit their cell.
        #[test]
        fn labels_fit(s in "[A-Za-z ]{0,80}") {
            let lines = label_lines(&s);
            prop_assert!(lines.len() <= 2);
            for l in &lines {
                prop_assert!(l.chars().count() <= LINE_CHARS, "{l:?}");
                prop_assert!(text_width(l) < CELL_W - 4.0);
            }
        }
    }

    #[test]
    fn escapes_the_five() {
        assert_eq!(escape("<a href=\"x\">Tom & 'Jerry'</a>"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
    }

    #[test]
    fn label_boxes_never_overlap() {
        // Every pair of grid cells: label boxes (two lines, widest allowed) are disjoint.
        let w = text_width(&"M".repeat(LINE_CHARS));
        let boxes: Vec<(f64, f64, f64, f64)> = (0..MAX_NODES)
            .map(|i| {
                let (x, y) = cell(i);
                (x - w / 2.0, y - R - 2.0, x + w / 2.0, y + R + 14.0 + FONT + 2.0 + 3.0)
            })
            .collect();
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "cells {i} and {j} overlap");
            }
        }
        assert!(boxes.iter().all(|b| b.0 >= 0.0 && b.2 <= WIDTH));
    }
}
