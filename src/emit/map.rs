//! The stakeholder map as an inline SVG, laid out deterministically by the preprocessor.
//!
//! In: the wire document. Out: SVG markup (every text XML-escaped) with `<title>` and `<desc>`,
//! `role="img"`-free structure (`role="group"` with `aria-labelledby`), printed by the theme as
//! is. An empty string when there is no stakeholder.
//!
//! Layout: the [`MAX_NODES`] most salient stakeholders (named ones before unnamed groups that take
//! part in a relation; the others are not drawn) on a grid of
//! [`COLS`] columns in a 360-unit-wide `viewBox`, so it stays readable at 375 px; each cell holds
//! the shape and a label of at most two lines of [`LINE_CHARS`] characters (longer names are cut
//! with "…"), so label boxes, estimated at 0.6 em a character, never overlap (a test checks it).
//! Relations between drawn nodes are curved paths under the nodes, one per pair and kind.
//! Kinds differ by shape as well as by class (`node node--person` …), so the theme's CSS sets
//! colours (dark mode included) and the map reads in grey scale; a legend lists the kinds drawn
//! and the kinds of line (a relation, a hostile one, one an editor marked as only claimed).
//! Each node is an `<a href="#actor-<id>">` link to the stakeholder's card on the page. No
//! script, no style attributes.
//!
//! What it gets wrong: a grid is not a force layout, so edges can cross nodes; only the most
//! salient stakeholders are drawn (the `<desc>` says how many are left out; the accessible list
//! rendered by the theme has them all).

use crate::model::StakeholderKind as K;
use crate::wire;

/// Most nodes drawn.
pub const MAX_NODES: usize = 12;
/// Grid columns.
pub const COLS: usize = 3;
/// Characters per label line.
pub const LINE_CHARS: usize = 16;
const WIDTH: f64 = 360.0;
const CELL_W: f64 = WIDTH / COLS as f64;
const CELL_H: f64 = 92.0;
const TOP: f64 = 16.0;
const R: f64 = 14.0;
const FONT: f64 = 12.0;

/// The short verb drawn on an edge of a kind, or none ("other": the cards say what it is).
fn edge_verb(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "meets" => "meets",
        "cooperates" => "cooperates",
        "supports" => "supports",
        "opposes" => "opposes",
        "criticizes" => "criticizes",
        "attacks" => "attacks",
        "negotiates" => "negotiates",
        "part-of" => "part of",
        "speaks-for" => "speaks for",
        _ => return None,
    })
}

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`] appended to `out`: runs of plain text are copied whole, so the usual string (no
/// markup character) is one copy. Escaping works character by character, so escaping the parts
/// of a text one after the other gives the escape of the whole.
pub fn escape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // Skip plain bytes with one table look-up each.
        match b[i..].iter().position(|&c| SPECIAL[usize::from(c)]) {
            Some(k) => i += k,
            None => break,
        }
        let rep = match b[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => " ",
            // Other C0 controls are dropped.
            0..=0x1f => "",
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are dropped; a `str` holds no surrogate.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                out.push_str(&s[start..i]);
                i += 3;
                start = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
}

/// The bytes [`escape_into`] may change: markup characters, C0 controls, and 0xEF (which
/// starts U+FFFE and U+FFFF).
static SPECIAL: [bool; 256] = super::control_and(b"&<>\"'\xEF");

/// [`crate::slug::kebab`] of a kind or id, borrowed when it is kebab-case already (lower-case
/// ASCII letters, digits and single inner hyphens), which `kebab` returns unchanged.
fn kebab(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let plain = b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
        && !s.contains("--");
    if plain {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(crate::slug::kebab(s))
    }
}

/// `v` as `format!("{v:.1}")` writes it (one decimal, ties to even on the exact binary value,
/// "-0.0" for small negatives), without the standard library's exact-precision path: that
/// path falls back to bignum arithmetic (dragon4) for most of the map's coordinates and took
/// ~1 % of a cold build. Integer arithmetic on the float's bits gives the same digits; values
/// out of the map's range (not finite, ≥ 1e15) go through `format!` as before. A test compares
/// it with `format!` on random and edge-case values.
#[derive(Clone, Copy)]
pub struct D1(pub f64);

impl std::fmt::Display for D1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if !v.is_finite() || v.abs() >= 1e15 {
            return write!(f, "{v:.1}");
        }
        let bits = v.to_bits();
        let negative = bits >> 63 == 1;
        let exp = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
        // Tenths: round(m · 2^e · 10), ties to even.
        let scaled = u128::from(m) * 10;
        let tenths: u128 = if e >= 0 {
            scaled << e
        } else if -e >= 120 {
            0
        } else {
            let sh = (-e) as u32;
            let q = scaled >> sh;
            let r = scaled & ((1u128 << sh) - 1);
            let half = 1u128 << (sh - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        let tenths = tenths as u64;
        if negative {
            f.write_str("-")?;
        }
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

/// Shape of a kind (also named in the legend), appended to `o`.
fn shape(o: &mut String, kind: K, x: f64, y: f64) {
    use std::fmt::Write;
    let r = R;
    let mut poly = |pts: &[(f64, f64)]| {
        o.push_str("<polygon class=\"shape\" points=\"");
        for (k, (a, b)) in pts.iter().enumerate() {
            if k > 0 {
                o.push(' ');
            }
            let _ = write!(o, "{},{}", D1(x + a), D1(y + b));
        }
        o.push_str("\"/>");
    };
    match kind {
        K::Company => return poly(&[(0.0, -r - 2.0), (r + 2.0, 0.0), (0.0, r + 2.0), (-r - 2.0, 0.0)]),
        K::ArmedGroup => return poly(&[(0.0, -r - 2.0), (r + 2.0, r), (-r - 2.0, r)]),
        K::Ngo => return poly(&[(-r / 2.0, -r), (r / 2.0, -r), (r, 0.0), (r / 2.0, r), (-r / 2.0, r), (-r, 0.0)]),
        K::Research => return poly(&[(0.0, -r), (r, -r / 3.0), (r * 0.6, r), (-r * 0.6, r), (-r, -r / 3.0)]),
        _ => {}
    }
    let (x, y, r) = (D1(x), D1(y), D1(r));
    let _ = match kind {
        K::Person => write!(o, "<circle class=\"shape\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>"),
        K::Country | K::Government => write!(o, "<rect class=\"shape\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", D1(x.0 - r.0), D1(y.0 - r.0), D1(2.0 * r.0), D1(2.0 * r.0)),
        K::Media => write!(o, "<rect class=\"shape\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>", D1(x.0 - r.0 - 3.0), D1(y.0 - r.0 + 4.0), D1(2.0 * r.0 + 6.0), D1(2.0 * r.0 - 8.0)),
        K::International => write!(
            o,
            "<circle class=\"shape\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/><circle class=\"shape-inner\" cx=\"{x}\" cy=\"{y}\" r=\"{}\"/>",
            D1(r.0 - 5.0)
        ),
        K::Group => write!(o, "<ellipse class=\"shape\" cx=\"{x}\" cy=\"{y}\" rx=\"{}\" ry=\"{}\"/>", D1(r.0 + 3.0), D1(r.0 - 4.0)),
        _ => write!(o, "<rect class=\"shape\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"7\"/>", D1(x.0 - r.0), D1(y.0 - r.0), D1(2.0 * r.0), D1(2.0 * r.0)),
    };
}

fn kind_label(kind: &str) -> &'static str {
    K::of_wire(kind).label_capitalised()
}

/// [`label_into`] on its own (for tests).
#[cfg(test)]
fn label_svg(name: &str, x: f64, y: f64) -> String {
    let mut o = String::new();
    label_into(&mut o, name, &label_openings(x, y));
    o
}

/// The opening `<text>` tags of a label's two lines under the shape at (`x`, `y`).
fn label_openings(x: f64, y: f64) -> [String; 2] {
    [0, 1].map(|k| {
        let ly = y + R + 14.0 + k as f64 * (FONT + 2.0);
        format!("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">", D1(x), D1(ly))
    })
}

/// The `<text>` lines of a node's label, appended to `o`, each after its opening tag (from
/// [`label_openings`] of the node's cell). Every line but the last ends with a space:
/// assistive technology joins the lines into one run of text, and without it "East Turkestan"
/// + "Islamic Movement" reads "East TurkestanIslamic Movement", so the link's name no longer
/// contains its visible text (WCAG 2.5.3; axe `label-content-name-mismatch`). The space
/// changes nothing on screen (`text-anchor="middle"` ignores trailing white space).
fn label_into(o: &mut String, name: &str, openings: &[String; 2]) {
    let lines = label_lines(name);
    for (k, l) in lines.iter().enumerate() {
        o.push_str(&openings[k]);
        escape_into(o, l);
        if k + 1 < lines.len() {
            o.push(' ');
        }
        o.push_str("</text>");
    }
}

/// Splits a name into at most two lines of `LINE_CHARS` characters, at spaces where possible.
pub fn label_lines(name: &str) -> Vec<String> {
    // Each line with its length in characters.
    let mut lines: Vec<(String, usize)> = Vec::new();
    let mut cur = String::new();
    let mut cur_chars = 0;
    for word in name.split_whitespace() {
        let n = word.chars().count();
        let add = if cur.is_empty() { n } else { cur_chars + 1 + n };
        if add <= LINE_CHARS {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            cur_chars = add;
        } else {
            if !cur.is_empty() {
                lines.push((std::mem::take(&mut cur), cur_chars));
            }
            cur.push_str(word);
            cur_chars = n;
        }
    }
    if !cur.is_empty() {
        lines.push((cur, cur_chars));
    }
    let cut = |l: &str| -> String {
        let c: String = l.chars().take(LINE_CHARS - 1).collect();
        format!("{}…", c.trim_end())
    };
    let more = lines.len() > 2;
    lines.truncate(2);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (l, n))| if n > LINE_CHARS || (i == 1 && more) { cut(&l) } else { l })
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

/// One kind of each shape [`shape`] draws, by [`shape_class`] (the last stands for every kind
/// [`shape`] does not name).
const SHAPE_KINDS: [K; 10] = [K::Company, K::ArmedGroup, K::Ngo, K::Research, K::Person, K::Government, K::Media, K::International, K::Group, K::Organization];

/// Index in [`SHAPE_KINDS`] of the kind drawn with the same shape as `kind`.
fn shape_class(kind: &str) -> usize {
    match K::of_wire(kind) {
        K::Company => 0,
        K::ArmedGroup => 1,
        K::Ngo => 2,
        K::Research => 3,
        K::Person => 4,
        K::Country | K::Government => 5,
        K::Media => 6,
        K::International => 7,
        K::Group => 8,
        K::Organization => 9,
    }
}

/// The markup that depends only on a grid cell, made once: each shape at the cell's centre
/// and the opening tags of the label's lines (formatting the coordinates of every node of
/// every map was most of the map's time).
struct CellMarkup {
    shapes: [String; SHAPE_KINDS.len()],
    labels: [String; 2],
}

static CELLS: std::sync::LazyLock<Vec<CellMarkup>> = std::sync::LazyLock::new(|| {
    (0..MAX_NODES)
        .map(|i| {
            let (x, y) = cell(i);
            CellMarkup {
                shapes: SHAPE_KINDS.map(|k| {
                    let mut o = String::new();
                    shape(&mut o, k, x, y);
                    o
                }),
                labels: label_openings(x, y),
            }
        })
        .collect()
});

/// Each shape at (0, 0), for the legend.
static LEGEND_SHAPES: std::sync::LazyLock<[String; SHAPE_KINDS.len()]> = std::sync::LazyLock::new(|| {
    SHAPE_KINDS.map(|k| {
        let mut o = String::new();
        shape(&mut o, k, 0.0, 0.0);
        o
    })
});

/// The kind's label as a node's accessible name reads it ("armed group", "NGO").
fn kind_label_lower(kind: &str) -> &'static str {
    K::of_wire(kind).label()
}

pub fn map_svg(doc: &wire::Document) -> String {
    use std::fmt::Write;
    // Named actors first, then unnamed groups ("rights groups") that act (take part in a
    // relation) if there is room, each in salience order; groups that only are mentioned stay
    // off the map (the page lists them by name).
    let unnamed = |s: &wire::Stakeholder| s.kind == "group" && s.name.rsplit(' ').next().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    // Belonging to a named actor ("Taliban members" part of the Taliban) is not acting.
    let acts = |s: &wire::Stakeholder| doc.relations.iter().any(|r| r.kind != "part-of" && (r.from == s.id || r.to == s.id));
    let nodes: Vec<&wire::Stakeholder> = doc
        .stakeholders
        .iter()
        .filter(|s| !unnamed(s))
        .chain(doc.stakeholders.iter().filter(|s| unnamed(s) && acts(s)))
        .take(MAX_NODES)
        .collect();
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
    // The kinds of line drawn, for the legend: plain, hostile (opposes, criticizes, attacks) and
    // unsure (claimed by someone, denied or hypothetical, as the extractor or an editor read it).
    let drawn_edges: Vec<&wire::Relation> = doc.relations.iter().filter(|r| idx(&r.from).is_some() && idx(&r.to).is_some() && r.from != r.to).collect();
    let hostile = |r: &wire::Relation| matches!(r.kind.as_str(), "opposes" | "criticizes" | "attacks");
    let unsure = |r: &wire::Relation| r.certainty.as_deref().is_some_and(|c| c != "stated");
    let claimed = |r: &wire::Relation| r.certainty.as_deref() == Some("claimed");
    let edge_styles: Vec<(&str, &str)> = [
        ("edge--meets", "relation (the list below says which)", drawn_edges.iter().any(|r| !hostile(r) && !unsure(r))),
        ("edge--opposes", "opposes, criticizes or attacks", drawn_edges.iter().any(|r| hostile(r) && !unsure(r))),
        ("edge-unsure certainty--claimed", "claimed by a source", drawn_edges.iter().any(|r| claimed(r))),
        ("edge-unsure certainty--denied", "denied or only possible", drawn_edges.iter().any(|r| unsure(r) && !claimed(r))),
    ]
    .into_iter()
    .filter(|s| s.2)
    .map(|(c, l, _)| (c, l))
    .collect();
    let grid_h = TOP + CELL_H * rows as f64;
    let height = grid_h + 14.0 + (legend_rows + edge_styles.len()) as f64 * 22.0 + 6.0;
    let slug = kebab(&doc.slug);
    let left = doc.stakeholders.len() - nodes.len();
    let mut o = String::with_capacity(1024 + 640 * nodes.len() + 256 * doc.relations.len());
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stakeholder-map\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"group\" aria-labelledby=\"map-title-{slug} map-desc-{slug}\">"
    );
    let _ = write!(o, "<title id=\"map-title-{slug}\">Stakeholder map: ");
    escape_into(&mut o, &doc.title);
    o.push_str("</title>\n");
    // Digits and words of ours only: nothing to escape.
    let _ = write!(
        o,
        "<desc id=\"map-desc-{slug}\">{} of the {} stakeholders, by salience, with {} relations among them.",
        nodes.len(),
        doc.stakeholders.len(),
        doc.relations.iter().filter(|r| idx(&r.from).is_some() && idx(&r.to).is_some()).count()
    );
    if left > 0 {
        let _ = write!(o, " {left} less salient stakeholders are left out; the list below has them all.");
    }
    o.push_str("</desc>\n");
    // Edges, one per pair and kind.
    o.push_str("<g class=\"edges\" aria-hidden=\"true\">\n");
    let mut drawn: Vec<(usize, usize, &str)> = Vec::new();
    let mut labels = String::new();
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
        // The verb, on a copy of the curve drawn left to right so the text stays upright.
        if let Some(verb) = edge_verb(&r.kind) {
            // Denied and hypothetical relations say so in words, not only by the dashes.
            let qualifier = match r.certainty.as_deref() {
                Some("denied") => " (denied)",
                Some("hypothetical") => " (possible)",
                _ => "",
            };
            let ((lx1, ly1), (lx2, ly2)) = if x1 <= x2 { ((x1, y1), (x2, y2)) } else { ((x2, y2), (x1, y1)) };
            let id = labels.len();
            let _ = write!(
                labels,
                "<path id=\"edge-{slug}-{id}\" class=\"edge-guide\" d=\"M{},{} Q{},{} {},{}\"/><text class=\"edge-label\" dy=\"-3\"><textPath href=\"#edge-{slug}-{id}\" startOffset=\"50%\" text-anchor=\"middle\">{verb}{qualifier}</textPath></text>\n",
                D1(lx1),
                D1(ly1),
                D1(cx),
                D1(cy),
                D1(lx2),
                D1(ly2)
            );
        }
        let (x1, y1, cx, cy, x2, y2) = (D1(x1), D1(y1), D1(cx), D1(cy), D1(x2), D1(y2));
        o.push_str("<path class=\"edge edge--");
        escape_into(&mut o, &kebab(&r.kind));
        // A relation an editor marked as only claimed, denied or hypothetical is drawn so.
        if let Some(c) = r.certainty.as_deref().filter(|c| *c != "stated") {
            o.push_str(" edge-unsure certainty--");
            escape_into(&mut o, &kebab(c));
        }
        let _ = write!(o, "\" d=\"M{x1},{y1} Q{cx},{cy} {x2},{y2}\"><title>");
        escape_into(&mut o, &nodes[a].name);
        o.push(' ');
        escape_into(&mut o, &r.label);
        o.push(' ');
        escape_into(&mut o, &nodes[b].name);
        o.push_str("</title></path>\n");
    }
    o.push_str("</g>\n<g class=\"edge-labels\" aria-hidden=\"true\">\n");
    o.push_str(&labels);
    o.push_str("</g>\n<g class=\"nodes\">\n");
    for (s, markup) in nodes.iter().zip(CELLS.iter()) {
        o.push_str("<a href=\"#actor-");
        escape_into(&mut o, &kebab(&s.id));
        o.push_str("\" class=\"node node--");
        escape_into(&mut o, &kebab(&s.kind));
        o.push_str("\" aria-label=\"");
        escape_into(&mut o, &s.name);
        o.push_str(" (");
        o.push_str(kind_label_lower(&s.kind));
        o.push(')');
        if let Some(r) = &s.role {
            o.push_str(", ");
            escape_into(&mut o, r);
        }
        o.push_str("\">");
        o.push_str(&markup.shapes[shape_class(&s.kind)]);
        label_into(&mut o, &s.name, &markup.labels);
        o.push_str("</a>\n");
    }
    o.push_str("</g>\n<g class=\"legend\">\n");
    for (i, k) in kinds.iter().enumerate() {
        let x = 20.0 + (i % 2) as f64 * (WIDTH / 2.0);
        let y = grid_h + 14.0 + (i / 2) as f64 * 22.0;
        o.push_str("<g class=\"legend-item node--");
        escape_into(&mut o, &kebab(k));
        let _ = write!(o, "\" transform=\"translate({},{}) scale(0.5)\">", D1(x), D1(y));
        o.push_str(&LEGEND_SHAPES[shape_class(k)]);
        let _ = write!(o, "</g><text class=\"legend-label\" x=\"{}\" y=\"{}\">", D1(x + 14.0), D1(y + 4.0));
        escape_into(&mut o, kind_label(k));
        o.push_str("</text>\n");
    }
    for (i, (class, label)) in edge_styles.iter().enumerate() {
        let y = grid_h + 14.0 + (legend_rows + i) as f64 * 22.0;
        let _ = writeln!(
            o,
            "<path class=\"edge {class}\" d=\"M{},{} h24\"/><text class=\"legend-label\" x=\"{}\" y=\"{}\">{label}</text>",
            D1(8.0),
            D1(y),
            D1(38.0),
            D1(y + 4.0)
        );
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

    /// The escaper before it copied runs of plain text (one character at a time), kept as the
    /// reference for [`escape_into`].
    fn escape_by_char(s: &str) -> String {
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

    proptest! {
        /// The run-copying escaper writes what the character-by-character one wrote, also
        /// around U+FFFE/U+FFFF and their neighbours (U+FFFD, U+EFBF…).
        #[test]
        fn escape_matches_the_reference(s in "(.|[\u{FFFD}-\u{FFFF}\u{EFBF}\u{0}-\u{1f}&<>\"'])*") {
            prop_assert_eq!(escape(&s), escape_by_char(&s));
        }

        /// The borrowed kebab is `slug::kebab` for every string.
        #[test]
        fn kebab_matches_slug_kebab(s in "[a-z0-9 A-Z.'’-]{0,12}") {
            prop_assert_eq!(kebab(&s).into_owned(), crate::slug::kebab(&s));
        }
    }

    /// The shapes made once per cell are the shapes drawn for every kind, and the lower-case
    /// kind labels are the labels lowered.
    #[test]
    fn cached_markup_matches_drawn_markup() {
        let kinds = ["person", "government", "country", "company", "armed-group", "ngo", "media", "international", "research", "group", "organization", "other", ""];
        for k in kinds {
            for i in 0..MAX_NODES {
                let (x, y) = cell(i);
                let mut o = String::new();
                shape(&mut o, K::of_wire(k), x, y);
                assert_eq!(CELLS[i].shapes[shape_class(k)], o, "{k} {i}");
            }
            let mut o = String::new();
            shape(&mut o, K::of_wire(k), 0.0, 0.0);
            assert_eq!(LEGEND_SHAPES[shape_class(k)], o, "{k}");
            assert_eq!(kind_label_lower(k).to_lowercase(), kind_label(k).to_lowercase());
        }
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}"), "abc\u{FFFD}");
    }

    /// The text of a two-line label, as assistive technology reads it (tags dropped, lines
    /// joined), keeps the words apart. Found by axe `label-content-name-mismatch` on the seed's
    /// map ("East Turkestan Islamic Movement" read as "East TurkestanIslamic Movement").
    #[test]
    fn two_line_labels_keep_words_apart() {
        let name = "East Turkestan Islamic Movement";
        let svg = label_svg(name, 60.0, 26.0);
        assert_eq!(svg.matches("<text ").count(), 2, "{svg}");
        let mut text = String::new();
        let mut in_tag = false;
        for c in svg.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        assert_eq!(text, name);
        // One line: no trailing space.
        assert!(label_svg("Taliban", 60.0, 26.0).contains(">Taliban</text>"));
    }

    /// `D1` writes what `format!("{:.1}")` writes: exact ties (0.25, 2.75), values just
    /// either side of a tie, negatives rounding to "-0.0", subnormals, the map's thirds and
    /// 0.6 multiples, and large values.
    #[test]
    fn d1_matches_std_formatting() {
        let mut vals = vec![
            0.0, -0.0, 0.05, 0.25, 0.35, 0.45, -0.25, 2.75, -0.04, -0.05, 1e-300, -1e-320, 5e-324, 123456789.95, 999999999999999.9,
            1e15, -1e15, 1e20, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 14.0 / 3.0, -14.0 / 3.0, 14.0 * 0.6, 60.0 + 8.4,
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            // xorshift: random bit patterns, random multiples of 1/20 (ties) and random doubles in the map's range.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            vals.push(f64::from_bits(x));
            vals.push((x % 200_000) as f64 / 20.0 - 5000.0);
            vals.push((x >> 11) as f64 / (1u64 << 53) as f64 * 1000.0 - 500.0);
        }
        for v in vals {
            assert_eq!(D1(v).to_string(), format!("{v:.1}"), "{v:e}");
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
