//! Stakeholder pages: `content/actors/<id>/index.md` for every stakeholder id of every explainer,
//! and the section `content/actors/_index.md` that lists them.
//!
//! In: each explainer's slug, weight (its place in the newest-first order) and stakeholders as
//! (id, name) and (kind, role). Out: the files, in a fixed order. A stakeholder page's front
//! matter holds its name, kind and role (each as the newest explainer giving one has it), its id,
//! the slugs of the explainers it appears in, newest first, and its role in each (where stated) (ties by permalink,
//! as Zola sorts); the theme's `actors/single.html` fetches those pages with `get_page` for their
//! titles, dates and summaries. The section lists every stakeholder (id, name, count) sorted by
//! id, for the stakeholder index, the [`TOP`] most covered (most explainers first, ties by id),
//! and the same of those in two or more explainers that are not unnamed groups (`extra.shared`)
//! for the home page, which shows a few of them rather than a wall of one-article names.
//!
//! Why not a Zola taxonomy (as before): Zola 0.23 serialises a full copy of every page of a term
//! into the term, and another into the taxonomy, so memory grew with pages × stakeholders per
//! page: 3 GB for 1,000 articles, over 20 GB for 10,000. These pages are small, and `get_page`
//! is a lookup in Zola's page cache.
//!
//! What it gets wrong: hand-written explainer pages (not made by `explainer build`) do not appear
//! on stakeholder pages.

// TOML strings written by hand (the front matter's escaper) rather than by the `toml`
// serialiser, which took most of a no-op build's 0.3 s here at 10,000 articles (170,000
// appearances).
use super::frontmatter::push_toml_str as q;
use super::OutFile;
use std::fmt::Write;
use std::borrow::Cow;
use std::path::Path;

/// Where stakeholder pages go, relative to the site root.
pub const DIR: &str = "content/actors";

/// How many of the most covered stakeholders the section lists in `extra.top` (the theme's
/// `home_stakeholders` shows at most this many).
pub const TOP: usize = 100;

/// What the stakeholder pages need from one explainer.
pub struct Input<'a> {
    pub slug: &'a str,
    /// The front matter weight (newest first; see `frontmatter::weight`).
    pub weight: u32,
    /// (id, name) of its stakeholders.
    pub actors: &'a [(String, String)],
    /// (kind, role) of each of `actors` (missing ones count as empty).
    pub details: &'a [(String, String)],
}

struct Appearance<'a> {
    slug: &'a str,
    role: Cow<'a, str>,
}

/// One stakeholder across explainers.
#[derive(Default)]
struct Acc<'a> {
    name: String,
    kind: &'a str,
    role: String,
    explainers: Vec<Appearance<'a>>,
}

/// An id that is safe as a folder name and a URL part (what `slug::kebab` makes).
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}


/// The stakeholder pages and their section; none when no explainer has a stakeholder.
pub fn pages(inputs: &[Input<'_>]) -> Vec<OutFile> {
    let mut order: Vec<&Input<'_>> = inputs.iter().collect();
    // Zola's date order: weight ascending, ties by permalink (`…/<slug>/`, so "a-b/" < "a/").
    let permalink = |x: &Input<'_>| x.slug.bytes().chain(std::iter::once(b'/')).collect::<Vec<u8>>();
    order.sort_by_cached_key(|x| (x.weight, permalink(x)));
    let one_line = super::frontmatter::one_line;
    // Each id's place in `by` (found by hashing: a B-tree keyed by id compared ids ~20 times
    // per appearance), or `None` for an id that is not a valid folder name. `by` is sorted by
    // id afterwards; the map is only looked up, never iterated.
    let mut slot: rustc_hash::FxHashMap<&str, Option<usize>> = Default::default();
    let mut by: Vec<(&str, Acc<'_>)> = Vec::new();
    for x in &order {
        for (i, (id, name)) in x.actors.iter().enumerate() {
            let k = *slot.entry(id.as_str()).or_insert_with(|| {
                valid_id(id).then(|| {
                    by.push((id.as_str(), Acc::default()));
                    by.len() - 1
                })
            });
            let Some(k) = k else { continue };
            let (kind, role) = x.details.get(i).map_or(("", ""), |(k, r)| (k.as_str(), r.as_str()));
            let e = &mut by[k].1;
            if e.name.is_empty() && !name.trim().is_empty() {
                e.name = one_line(name).into_owned();
            }
            if e.kind.is_empty() {
                e.kind = kind;
            }
            if e.role.is_empty() && !role.trim().is_empty() {
                e.role = one_line(role).into_owned();
            }
            if e.explainers.last().is_none_or(|a| a.slug != x.slug) {
                e.explainers.push(Appearance { slug: x.slug, role: one_line(role) });
            }
        }
    }
    if by.is_empty() {
        return Vec::new();
    }
    // By id (each id once).
    by.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let dir = Path::new(DIR);
    let mut out = Vec::with_capacity(by.len() + 1);
    let mut index = String::with_capacity(300 + 80 * (by.len() + TOP));
    index.push_str(
        "+++\ntitle = \"Stakeholders\"\ntemplate = \"actors/list.html\"\npage_template = \"actors/single.html\"\nsort_by = \"none\"\n\
         # The search box finds stakeholders in the index on the home page, not in Zola's index.\nin_search_index = false\n",
    );
    let entry = |index: &mut String, table: &str, id: &str, a: &Acc<'_>| {
        let name = if a.name.is_empty() { id } else { a.name.as_str() };
        index.push_str(table);
        index.push_str("id = ");
        q(index, id);
        index.push_str("\nname = ");
        q(index, name);
        let _ = writeln!(index, "\ncount = {}", a.explainers.len());
    };
    for (id, a) in &by {
        entry(&mut index, "\n[[extra.actors]]\n", id, a);
    }
    let mut top: Vec<&(&str, Acc<'_>)> = by.iter().collect();
    top.sort_by(|a, b| b.1.explainers.len().cmp(&a.1.explainers.len()).then(a.0.cmp(b.0)));
    for (id, a) in top.iter().take(TOP) {
        entry(&mut index, "\n[[extra.top]]\n", id, a);
    }
    // What the home page lists: named stakeholders that more than one explainer involves.
    for (id, a) in top.iter().filter(|(_, a)| a.explainers.len() >= 2 && a.kind != "group").take(TOP) {
        entry(&mut index, "\n[[extra.shared]]\n", id, a);
    }
    index.push_str("+++\n");
    out.push(OutFile { path: dir.join("_index.md"), bytes: index.into_bytes() });
    for (id, a) in &by {
        let name = if a.name.is_empty() { id } else { a.name.as_str() };
        // Slugs as a list of strings and the few non-empty roles as a table by slug: a table per
        // appearance cost Zola ~3 KB each (170,000 of them at 10,000 articles).
        let mut page = String::with_capacity(160 + name.len() + a.role.len() + a.explainers.iter().map(|e| e.slug.len() + 4).sum::<usize>());
        page.push_str("+++\ntitle = ");
        q(&mut page, name);
        page.push_str("\n\n[extra]\nid = ");
        q(&mut page, id);
        page.push_str("\nkind = ");
        q(&mut page, a.kind);
        page.push_str("\nrole = ");
        q(&mut page, &a.role);
        page.push_str("\nexplainers = [");
        for (i, e) in a.explainers.iter().enumerate() {
            page.push_str(if i == 0 { "" } else { ", " });
            q(&mut page, e.slug);
        }
        page.push_str("]\n\n[extra.roles]\n");
        for e in a.explainers.iter().filter(|e| !e.role.trim().is_empty()) {
            q(&mut page, e.slug);
            page.push_str(" = ");
            q(&mut page, &e.role);
            page.push('\n');
        }
        page.push_str("+++\n");
        out.push(OutFile { path: dir.join(id).join("index.md"), bytes: page.into_bytes() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: &OutFile) -> &str {
        std::str::from_utf8(&f.bytes).unwrap()
    }

    fn actors(xs: &[(&str, &str)]) -> Vec<(String, String)> {
        xs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    /// Names come from the newest explainer; explainers are listed newest first, ties by
    /// permalink ("a-b/" before "a/", as Zola compares permalinks), undated (heaviest) last.
    #[test]
    fn newest_first_with_zola_tie_breaks() {
        let (old, new, tie1, tie2) =
            (actors(&[("acme", "ACME")]), actors(&[("acme", "Acme & Sons"), ("bob", "Bob")]), actors(&[("acme", "")]), actors(&[("acme", "x")]));
        let (chief, none) = (actors(&[("person", "chief"), ("person", "")]), actors(&[("company", "")]));
        let inputs = [
            Input { slug: "old", weight: 50, actors: &old, details: &chief },
            Input { slug: "a", weight: 10, actors: &tie1, details: &none },
            Input { slug: "a-b", weight: 10, actors: &tie2, details: &[] },
            Input { slug: "new", weight: 5, actors: &new, details: &none },
        ];
        let files = pages(&inputs);
        let paths: Vec<String> = files.iter().map(|f| crate::error::display_path(&f.path)).collect();
        assert_eq!(paths, ["content/actors/_index.md", "content/actors/acme/index.md", "content/actors/bob/index.md"]);
        let acme = text(&files[1]);
        assert!(acme.contains("title = \"Acme & Sons\""), "{acme}");
        let fm: toml::Table = acme.trim_start_matches("+++\n").trim_end_matches("+++\n").parse().unwrap();
        let slugs: Vec<&str> = fm["extra"]["explainers"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        assert_eq!(slugs, ["new", "a-b", "a", "old"]);
        // Kind from the newest explainer giving one, role from the newest giving one.
        assert_eq!((fm["extra"]["kind"].as_str(), fm["extra"]["role"].as_str()), (Some("company"), Some("chief")));
        // The role in each explainer, only where there is one.
        assert_eq!(fm["extra"]["roles"].as_table().unwrap().len(), 1);
        assert_eq!(fm["extra"]["roles"]["old"].as_str(), Some("chief"));
        let index = text(&files[0]);
        assert!(index.contains("id = \"acme\"\nname = \"Acme & Sons\"\ncount = 4"), "{index}");
        assert!(index.contains("in_search_index = false"), "{index}");
        // The most covered first (acme in 4 explainers, bob in 1).
        let fm: toml::Table = index.trim_start_matches("+++\n").trim_end_matches("+++\n").parse().unwrap();
        let top: Vec<(&str, i64)> =
            fm["extra"]["top"].as_array().unwrap().iter().map(|t| (t["id"].as_str().unwrap(), t["count"].as_integer().unwrap())).collect();
        assert_eq!(top, [("acme", 4), ("bob", 1)]);
        let shared: Vec<&str> = fm["extra"]["shared"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(shared, ["acme"], "only stakeholders of two or more explainers");
    }

    /// `extra.top`: most explainers first, ties by id, at most [`TOP`].
    #[test]
    fn top_stakeholders_by_coverage_then_id() {
        let ids: Vec<String> = (0..TOP + 20).map(|i| format!("a{i:03}")).collect();
        // Explainer k names the 40k+1 highest ids, so a higher id is in more explainers.
        let lists: Vec<Vec<(String, String)>> =
            (0..4).map(|k| ids.iter().rev().take(k * 40 + 1).map(|i| (i.clone(), i.to_uppercase())).collect()).collect();
        let slugs: Vec<String> = (0..4).map(|k| format!("s{k}")).collect();
        let inputs: Vec<Input<'_>> = lists.iter().zip(&slugs).map(|(l, s)| Input { slug: s, weight: 1, actors: l, details: &[] }).collect();
        let files = pages(&inputs);
        let fm: toml::Table = text(&files[0]).trim_start_matches("+++\n").trim_end_matches("+++\n").parse().unwrap();
        let top: Vec<(String, i64)> = fm["extra"]["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_string(), t["count"].as_integer().unwrap()))
            .collect();
        assert_eq!(top.len(), TOP);
        assert_eq!(top[0], ("a119".to_string(), 4));
        assert!(top.windows(2).all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)), "{top:?}");
    }

    /// Hostile names stay one TOML string on one line; ids that are not kebab-case (never made
    /// by `slug::kebab`) make no folder.
    #[test]
    fn hostile_names_and_ids() {
        let xs = actors(&[("evil", "\n+++\ntitle = \"x\" {{ 7*7 }}"), ("../up", "Up"), ("", "Empty")]);
        let files = pages(&[Input { slug: "s", weight: 1, actors: &xs, details: &[] }]);
        assert_eq!(files.len(), 2);
        let page = text(&files[1]);
        assert_eq!(page.lines().filter(|l| l.trim() == "+++").count(), 2, "{page}");
        let fm: toml::Table = page.trim_start_matches("+++\n").trim_end_matches("+++\n").parse().unwrap();
        assert_eq!(fm["title"].as_str(), Some(" +++ title = \"x\" {{ 7*7 }}"));
        // Quotes, backslashes, control characters and non-ASCII letters round-trip through TOML.
        let odd = "a \"q\" \\ b\t\u{7}\u{7f}\u{85} é ✓";
        let xs = actors(&[("odd", odd)]);
        let roles = actors(&[("person", odd)]);
        let files = pages(&[Input { slug: "s", weight: 1, actors: &xs, details: &roles }]);
        for f in &files {
            let fm: toml::Table = text(f).trim_start_matches("+++\n").trim_end_matches("+++\n").parse().unwrap();
            if f.path.ends_with("_index.md") {
                assert_eq!(fm["extra"]["actors"][0]["name"].as_str(), Some(odd));
            } else {
                assert_eq!(fm["title"].as_str(), Some(odd));
                assert_eq!(fm["extra"]["role"].as_str(), Some(odd));
                assert_eq!(fm["extra"]["roles"]["s"].as_str(), Some(odd));
            }
        }
    }

    #[test]
    fn no_stakeholders_no_files() {
        assert!(pages(&[Input { slug: "s", weight: 1, actors: &[], details: &[] }]).is_empty());
    }
}
