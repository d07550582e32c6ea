//! The theme rendered with the `tera` crate (Tera 2, as in Zola 0.23) against real generated
//! data, without Zola: CI has no Zola, so this is where the templates are exercised.
//!
//! Each test builds a scratch site: the seed (or a hostile text) runs through the pipeline,
//! `emit::bundle` writes its bundle, and the theme's templates render with stand-ins for
//! Zola's functions (`explainer::check::theme_tera`, with realistic `get_section` and
//! `get_page` registered here; stakeholder pages are what `emit::actors` writes). The page context mimics Zola's (`page`, `config` with the
//! theme's `[extra]` merged, `lang`, `current_url`).
//!
//! Set `EXPLAINER_PREVIEW=dir` to also write the rendered pages there (a Zola-less preview that
//! the browser checks in tests/browser/ can serve).

use explainer::emit;
use explainer::wire;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SEED: &str = "seeds/000_3504891bb809d83d.txt";
const BASE: &str = "https://example.org";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch site root holding a copy of the theme and the bundles written for `docs`.
struct Site {
    root: PathBuf,
    pages: Vec<Value>,
    config: Value,
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(|e| e.ok()) {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Zola's config as templates see it: config.toml with the theme's [extra] merged in.
fn config() -> Value {
    let site: toml::Table = std::fs::read_to_string(manifest().join("config.toml")).unwrap().parse().unwrap();
    let theme: toml::Table =
        std::fs::read_to_string(manifest().join("themes/explainer/theme.toml")).unwrap().parse().unwrap();
    let mut config = serde_json::to_value(&site).unwrap();
    let theme_extra = serde_json::to_value(&theme["extra"]).unwrap();
    let extra = config["extra"].as_object_mut().unwrap();
    for (k, v) in theme_extra.as_object().unwrap() {
        extra.entry(k.clone()).or_insert(v.clone());
    }
    // What Zola sets: "build" for `zola build`, "serve" for `zola serve`.
    config["mode"] = json!("build");
    config
}

/// The `page` value Zola would give page.html for a bundle's index.md.
fn page_value(slug: &str, index_md: &str) -> Value {
    let fm = explainer::check::front_matter(index_md).unwrap();
    let fm = serde_json::to_value(&fm).unwrap();
    json!({
        "title": fm["title"],
        "description": fm["description"],
        // Zola gives templates the front matter date as a string ("2024-05-06").
        "date": fm.get("date").map(|d| d.get("$__toml_private_datetime").cloned().unwrap_or(d.clone())).unwrap_or(Value::Null),
        "updated": null,
        "weight": fm["weight"],
        "slug": slug,
        "lang": "en",
        "path": format!("/explainers/{slug}/"),
        "permalink": format!("{BASE}/explainers/{slug}/"),
        "colocated_path": format!("explainers/{slug}/"),
        "content": "",
        "summary": null,
        "extra": fm["extra"],
        "taxonomies": {},
        "lower": null,
        "higher": null,
    })
}

/// Writes the bundles of `xs` (explainer, bundle files) into a fresh scratch site.
fn site(name: &str, bundles: Vec<(String, Vec<emit::OutFile>)>) -> Site {
    let root = std::env::temp_dir().join(format!("explainer-theme-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&manifest().join("themes"), &root.join("themes"));
    let mut pages = Vec::new();
    for (slug, files) in bundles {
        for f in &files {
            let p = root.join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, &f.bytes).unwrap();
            // EXPLAINER_BUNDLES=site-root also writes the bundles there, so a real Zola can
            // build the filled and hostile pages (see tests/browser/README in the main README).
            if let Ok(dir) = std::env::var("EXPLAINER_BUNDLES") {
                let out = Path::new(&dir).join(&f.path);
                std::fs::create_dir_all(out.parent().unwrap()).unwrap();
                std::fs::write(out, &f.bytes).unwrap();
            }
        }
        let index = files.iter().find(|f| f.path.ends_with("index.md")).unwrap();
        pages.push(page_value(&slug, std::str::from_utf8(&index.bytes).unwrap()));
    }
    // Zola's weight order (ties by permalink).
    pages.sort_by(|a, b| {
        a["weight"].as_u64().cmp(&b["weight"].as_u64()).then_with(|| a["permalink"].as_str().cmp(&b["permalink"].as_str()))
    });
    Site { root, pages, config: config() }
}

fn seed_bundle() -> (String, Vec<emit::OutFile>) {
    let x = explainer::explain_file(&manifest().join(SEED), SEED, &Default::default()).unwrap();
    let slug = x.slug.clone();
    (slug.clone(), emit::bundle(&x, &slug))
}

/// The stakeholder section and pages `explainer build` writes for the site's pages
/// (`emit::actors`), as Zola gives them to templates: the section, and page values by id.
fn actors(root: &Path, pages: &[Value]) -> (Value, BTreeMap<String, Value>) {
    type Pairs = Vec<(String, String)>;
    let inputs: Vec<(String, u32, Pairs, Pairs)> = pages
        .iter()
        .map(|p| {
            // What the build's manifest keeps: the stakeholders of the bundle's document.
            let slug = p["slug"].as_str().unwrap().to_string();
            let doc: wire::Document =
                serde_json::from_slice(&std::fs::read(root.join(format!("content/explainers/{slug}/explainer.json"))).unwrap()).unwrap();
            let actors = doc.stakeholders.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
            let details = doc.stakeholders.iter().map(|s| (s.kind.clone(), s.role.clone().unwrap_or_default())).collect();
            (slug, p["weight"].as_u64().unwrap() as u32, actors, details)
        })
        .collect();
    let inputs: Vec<emit::actors::Input<'_>> =
        inputs.iter().map(|(slug, weight, actors, details)| emit::actors::Input { slug, weight: *weight, actors, details }).collect();
    let mut section = json!({ "title": "Stakeholders", "permalink": format!("{BASE}/actors/"), "pages": [], "subsections": [], "extra": {} });
    let mut by = BTreeMap::new();
    for f in emit::actors::pages(&inputs) {
        let fm = serde_json::to_value(explainer::check::front_matter(std::str::from_utf8(&f.bytes).unwrap()).unwrap()).unwrap();
        if f.path.ends_with("_index.md") {
            section["extra"] = fm["extra"].clone();
            continue;
        }
        let id = fm["extra"]["id"].as_str().unwrap().to_string();
        let page = json!({ "title": fm["title"], "extra": fm["extra"], "slug": id, "lang": "en", "path": format!("/actors/{id}/"), "permalink": format!("{BASE}/actors/{id}/") });
        by.insert(id, page);
    }
    (section, by)
}

impl Site {
    fn tera(&self) -> tera::Tera {
        let pages = self.pages.clone();
        let (actor_section, _) = actors(&self.root, &self.pages);
        explainer::check::theme_tera(&self.root, move |t| {
            let by_path: BTreeMap<String, Value> =
                pages.iter().map(|p| (format!("explainers/{}/index.md", p["slug"].as_str().unwrap()), p.clone())).collect();
            let section = json!({ "title": "Explainers", "pages": pages, "subsections": [], "extra": {} });
            // Like Zola: a missing path is an error unless allow_missing.
            t.register_function("get_section", move |kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
                match kw.must_get::<&str>("path")? {
                    "explainers/_index.md" => Ok(tera::Value::from_serializable(&section)),
                    "actors/_index.md" if actor_section["extra"].get("actors").is_some() => Ok(tera::Value::from_serializable(&actor_section)),
                    _ if kw.get::<bool>("allow_missing")?.unwrap_or(false) => Ok(tera::Value::none()),
                    p => Err(tera::Error::message(format!("Section `{p}` not found."))),
                }
            });
            t.register_function("get_page", move |kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
                let p = kw.must_get::<&str>("path")?;
                by_path.get(p).map(tera::Value::from_serializable).ok_or_else(|| tera::Error::message(format!("Page `{p}` not found.")))
            });
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn context(&self) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("config", &self.config);
        c.insert("lang", "en");
        c.insert("current_url", BASE);
        c.insert("current_path", "/");
        c
    }

    fn render_page(&self, i: usize) -> String {
        let mut c = self.context();
        c.insert("page", &self.pages[i]);
        let rel = format!("{}index.html", self.pages[i]["path"].as_str().unwrap().trim_start_matches('/'));
        self.render_to("page.html", c, Some(&rel))
    }

    fn render(&self, template: &str, c: tera::Context) -> String {
        self.render_to(template, c, None)
    }

    fn render_to(&self, template: &str, c: tera::Context, preview: Option<&str>) -> String {
        let html = self.tera().render(template, &c).unwrap_or_else(|e| {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            panic!("{template}: {msg}")
        });
        if let (Ok(dir), Some(rel)) = (std::env::var("EXPLAINER_PREVIEW"), preview) {
            let out = Path::new(&dir).join(rel);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(out, &html).unwrap();
        }
        html
    }
}

/// Values of `attr="…"` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Structure every page must have: one main landmark with the skip link's target, lang, the
/// CSP, no inline script except the JSON-LD data block, every in-page link resolving.
fn assert_page_structure(html: &str, what: &str) {
    assert!(html.starts_with("<!doctype html>"), "{what}: doctype first");
    assert!(html.contains("<html lang=\"en\">"), "{what}: lang");
    assert_eq!(html.matches("<main id=\"main-content\"").count(), 1, "{what}: one main");
    assert!(html.contains("href=\"#main-content\""), "{what}: skip link");
    assert!(html.contains("<header class=\"site-header\">") && html.contains("<footer class=\"site-footer\">"), "{what}: landmarks");
    assert_eq!(html.matches("<h1").count(), 1, "{what}: one h1");
    assert!(html.contains("Content-Security-Policy") && html.contains("script-src 'self'"), "{what}: CSP");
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(tag.contains("type=\"application/ld+json\"") || tag.contains(" src=\""), "{what}: inline script {tag}");
    }
    assert!(!html.contains(" style=\""), "{what}: inline style attributes break the CSP");
    let ids: std::collections::BTreeSet<&str> = attrs(html, "id").into_iter().collect();
    for href in attrs(html, "href") {
        if let Some(frag) = href.strip_prefix('#') {
            assert!(ids.contains(frag), "{what}: link to #{frag} has no target");
        }
        assert!(!href.trim_start().to_ascii_lowercase().starts_with("javascript:"), "{what}: javascript: link");
    }
    let mut seen = std::collections::BTreeSet::new();
    for id in attrs(html, "id") {
        assert!(seen.insert(id), "{what}: duplicate id {id}");
    }
}

#[test]
fn seed_page_renders_with_every_part_in_order() {
    let s = site("seed", vec![seed_bundle()]);
    let html = s.render_page(0);
    assert_page_structure(&html, "seed page");
    let doc: wire::Document = serde_json::from_slice(
        &std::fs::read(s.root.join("content/explainers/taliban-weighs-using-us-mass-surveillance-plan/explainer.json")).unwrap(),
    )
    .unwrap();
    assert!(html.contains("Taliban weighs using U.S. mass surveillance plan"));
    // Every paragraph of the cleaned article is there, with its anchor.
    for p in &doc.paragraphs {
        assert!(html.contains(&format!("id=\"{}\"", p.id)), "paragraph {}", p.id);
    }
    assert!(doc.paragraphs.len() >= 30);
    // Headline, review status, key points, timeline, stakeholders, sources, article, downloads:
    // in that order.
    let order = ["id=\"title\"", "class=\"review review-machine\"", "id=\"key-points\"", "id=\"timeline\"", "id=\"stakeholders\"", "id=\"sources\"", "id=\"article\"", "class=\"removed\"", "id=\"downloads\""];
    let pos: Vec<usize> = order.iter().map(|o| html.find(o).unwrap_or_else(|| panic!("missing {o}"))).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "page parts out of order: {pos:?}");
    // Cleaning's removals are folded away, not in the article.
    let removed_at = html.find("class=\"removed\"").unwrap();
    assert!(html[removed_at..].contains("Leave a Reply"));
    assert!(!html[..removed_at].contains("Leave a Reply"));
    // Downloads point at files of the bundle.
    for f in ["explainer.json", "timeline.json", "kumu.json", "sources.csv"] {
        assert!(html.contains(&format!("/explainers/taliban-weighs-using-us-mass-surveillance-plan/{f}\"")), "{f}");
    }
    // The JSON-LD block is valid JSON and a NewsArticle.
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], doc.title);
    // The key points: what happened and why it matters, each linked to its paragraph.
    let kp = &html[html.find("id=\"key-points\"").unwrap()..html.find("id=\"timeline\"").unwrap()];
    assert!(kp.contains("id=\"point-k-what\"") && kp.contains("id=\"point-k-why\""), "{kp}");
    assert!(kp.contains("href=\"#p1\""), "{kp}");
    // A machine-made page says so, and shows no editor's snippets outside `zola serve`.
    assert!(html.contains("not yet reviewed by our editors"));
    assert!(!html.contains("edit-snippet"));
    assert!(html.contains("og:title"));
}

#[test]
fn home_section_stakeholder_feed_and_404_pages_render() {
    let s = site("home", vec![seed_bundle(), rich_bundle("Second <b>story</b> {{ 7*7 }}"), rich_bundle_as("Third story", "third-story")]);
    let mut c = s.context();
    c.insert("section", &json!({ "title": "Explainers", "pages": [], "extra": {} }));
    let home = s.render_to("index.html", c.clone(), Some("index.html"));
    assert_page_structure(&home, "home");
    // Every explainer listed (the undated seed too), from front matter, with its first key point.
    assert!(home.contains("Taliban weighs using U.S. mass surveillance plan"));
    assert!(home.contains("Second &lt;b&gt;story&lt;&#x2f;b&gt; {{ 7*7 }}") || home.contains("Second &lt;b&gt;story&lt;/b&gt; {{ 7*7 }}"), "{home}");
    assert!(home.contains("It &lt;b&gt;happened&lt;&#x2f;b&gt;") || home.contains("It &lt;b&gt;happened&lt;/b&gt;"), "the first key point: {home}");
    assert!(home.contains("<script src=\"/search.js"), "search script is external");
    assert!(home.contains("id=\"search\"") && home.contains(" hidden"), "search form hidden without JS");
    // The stakeholders two explainers share, by name, linking to their pages; the seed's own
    // stakeholders (one explainer each) are on the stakeholders page, which search fetches.
    assert!(home.contains(">Stakeholders in more than one explainer</h2>"), "{home}");
    let index = &home[home.find("id=\"actor-index\"").unwrap()..];
    let index = &index[..index.find("</ul>").unwrap()];
    assert!(index.contains(">Acme &amp; Sons<"), "{home}");
    assert!(!index.contains(">Taliban<") && !index.contains(">Huawei<"), "{index}");
    let (actor_section, _) = actors(&s.root, &s.pages);
    let total = actor_section["extra"]["actors"].as_array().unwrap().len();
    assert!(home.contains(&format!("All stakeholders ({total})</a>")), "{home}");
    assert!(home.contains("data-actors=\"/actors/\""), "{home}");

    let section = s.render("section.html", {
        let mut c = s.context();
        c.insert("section", &json!({ "title": "Explainers", "pages": s.pages, "extra": {} }));
        c
    });
    assert_page_structure(&section, "section");
    assert_eq!(section.matches("class=\"card\"").count(), 3);
    assert!(!section.contains("class=\"pager\""), "no pager without pagination");

    // An archive: the home page lists the newest `home_explainers` and links to all of them;
    // the section is paginated by Zola (content/explainers/_index.md sets paginate_by).
    let mut config = s.config.clone();
    config["extra"]["home_explainers"] = json!(1);
    let mut c = s.context();
    c.insert("config", &config);
    c.insert("section", &json!({ "title": "Explainers", "pages": [], "extra": {} }));
    let home = s.render_to("index.html", c, Some("index.html"));
    assert_eq!(home.matches("class=\"card\"").count(), 1, "{home}");
    assert!(home.contains("All explainers (3)</a>"), "{home}");
    // At most `home_stakeholders` of the shared ones, most covered first.
    config["extra"]["home_stakeholders"] = json!(1);
    let mut c = s.context();
    c.insert("config", &config);
    c.insert("section", &json!({ "title": "Explainers", "pages": [], "extra": {} }));
    let home = s.render_to("index.html", c, Some("index.html"));
    assert_page_structure(&home, "home with the most covered stakeholders");
    let index = &home[home.find("id=\"actor-index\"").unwrap()..];
    assert_eq!(index[..index.find("</ul>").unwrap()].matches("<li").count(), 1, "{home}");
    // A site where no stakeholder is in two explainers says so, and links to all of them.
    let single = site("home-single", vec![seed_bundle()]);
    let mut c = single.context();
    c.insert("section", &json!({ "title": "Explainers", "pages": [], "extra": {} }));
    let home = single.render_to("index.html", c, None);
    assert_page_structure(&home, "home of one explainer");
    assert!(home.contains("No stakeholder appears in more than one explainer yet.") && home.contains("All stakeholders ("), "{home}");
    let paged = s.render("section.html", {
        let mut c = s.context();
        c.insert("section", &json!({ "title": "Explainers", "pages": s.pages, "extra": {} }));
        c.insert("paginator", &json!({
            "pages": [s.pages[1]], "current_index": 2, "number_pagers": 3,
            "previous": format!("{BASE}/explainers/"), "next": format!("{BASE}/explainers/page/3/"),
        }));
        c
    });
    assert_page_structure(&paged, "paginated section");
    assert_eq!(paged.matches("class=\"card\"").count(), 1);
    assert!(paged.contains("<nav class=\"pager\" aria-label=\"Pages\">"), "{paged}");
    assert!(paged.contains("rel=\"prev\"") && paged.contains("rel=\"next\"") && paged.contains("Page 2 / 3"), "{paged}");
    assert!(paged.contains("<title>Explainers (Page 2)"), "{paged}");

    let (actor_section, actor_pages) = actors(&s.root, &s.pages);
    let single = s.render_to("actors/single.html", {
        let mut c = s.context();
        c.insert("page", &actor_pages["acme"]);
        c
    }, Some("actors/acme/index.html"));
    assert_page_structure(&single, "stakeholder page");
    assert!(single.contains("<h1>Acme &amp; Sons</h1>"), "{single}");
    assert!(single.contains("maker of &lt;widgets&gt;"), "role shown");
    assert!(single.contains("#actor-acme\""), "links to the card on the explainer");
    let list = s.render_to("actors/list.html", {
        let mut c = s.context();
        c.insert("section", &actor_section);
        c
    }, Some("actors/index.html"));
    assert_page_structure(&list, "stakeholder list");
    assert!(list.contains(">Acme &amp; Sons</a> <span class=\"count\">(2)</span>"), "{list}");
    assert!(list.contains("href=\"/actors/acme/\""), "{list}");

    let feed = s.render("atom.xml", {
        let mut c = s.context();
        c.insert("pages", &s.pages.iter().filter(|p| !p["date"].is_null()).collect::<Vec<_>>());
        c.insert("feed_url", &format!("{BASE}/atom.xml"));
        c.insert("last_updated", "2024-05-06");
        c
    });
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert!(feed.contains("<title type=\"text\">Second &lt;b&gt;story"), "{feed}");
    assert!(feed.contains("<published>2024-05-06T00:00:00Z</published>"), "{feed}");
    assert!(!feed.contains("type=\"html\""));

    let missing = s.render_to("404.html", s.context(), Some("404.html"));
    assert_page_structure(&missing, "404");
    let robots = s.tera().render("robots.txt", &s.context()).unwrap();
    assert!(robots.contains("Sitemap: /sitemap.xml"));
}

/// A bundle whose document has every part filled, with hostile strings everywhere a string
/// reaches HTML. The extractors may find nothing yet; this exercises every branch of the theme.
fn rich_bundle(title: &str) -> (String, Vec<emit::OutFile>) {
    rich_bundle_as(title, "second-story")
}

fn rich_bundle_as(title: &str, slug: &str) -> (String, Vec<emit::OutFile>) {
    let text = format!(
        "{title}\n\nPublished on May 6, 2024\n\nAcme & Sons said <script>alert(1)</script> on Monday. The deal comes as prices rise {{{{ 7*7 }}}}.\n\n\
         A second paragraph with [a link](javascript:alert(1)) and {{% set x = 1 %}}.\n\nA third paragraph.\n"
    );
    let seed = explainer::model::Seed::from_text("seeds/hostile.txt", &text);
    let opts = explainer::extract::Options { published: explainer::model::Ymd::parse("2024-05-06"), ..Default::default() };
    let x = explainer::explain(seed, &opts);
    let slug = slug.to_string();
    let mut doc = wire::Document::from_explainer(&x);
    doc.slug = slug.clone();
    doc.authors = vec!["Jane <b>Doe</b>".into(), "John Roe".into()];
    doc.updated = Some("2024-05-07".into());
    doc.place = Some("Kabul".into());
    let p = |i: usize| doc.paragraphs.get(i).map(|p| p.id.clone());
    let evil = "</script><script>alert(2)</script>";
    doc.stakeholders = vec![
        wire::Stakeholder {
            id: "acme".into(),
            name: "Acme & Sons".into(),
            kind: "company".into(),
            role: Some("maker of <widgets>".into()),
            affiliation: None,
            aliases: vec![],
            mentions: vec![wire::Mention { text: "Acme".into(), span: [0, 4], paragraph: p(0) }],
            salience: 0.9,
            origin: "edited".into(),
            edited: vec!["kind".into()],
        },
        wire::Stakeholder {
            id: "evil".into(),
            name: evil.into(),
            kind: "weird-kind".into(),
            role: None,
            affiliation: Some("acme".into()),
            aliases: vec![],
            mentions: vec![],
            salience: 0.1,
            origin: "machine".into(),
            edited: vec![],
        },
    ];
    doc.relations = vec![wire::Relation {
        id: "r1".into(),
        from: "acme".into(),
        to: "evil".into(),
        kind: "meets".into(),
        label: "met \"quietly\" with".into(),
        sentence: "s".into(),
        paragraph: p(0),
        span: [0, 1],
        certainty: Some("claimed".into()),
        origin: "added".into(),
        edited: vec![],
    }];
    doc.events = vec![
        wire::Event {
            id: "e1".into(),
            date: wire::EventDate { text: "in August".into(), value: "XXXX-08".into(), precision: Some("month".into()), modifier: None, inferred: true },
            title: "<img src=x onerror=alert(3)>".into(),
            sentence: "s".into(),
            paragraph: p(0),
            span: [0, 1],
            actors: vec!["acme".into(), "evil".into()],
            source: Some("s1".into()),
            origin: "edited".into(),
            edited: vec!["title".into()],
        },
        wire::Event {
            id: "e2".into(),
            date: wire::EventDate { text: "in 2008".into(), value: "2008".into(), precision: Some("year".into()), modifier: None, inferred: false },
            title: "Cameras installed".into(),
            sentence: "s".into(),
            paragraph: None,
            span: [0, 1],
            actors: vec![],
            source: None,
            origin: "machine".into(),
            edited: vec![],
        },
    ];
    let st = |kind: &str, text: &str| wire::Statement {
        kind: kind.into(),
        cue: "said".into(),
        text: text.into(),
        sentence: "s".into(),
        paragraph: p(1),
        span: [0, 1],
        judgement: kind == "indirect",
        id: format!("q-{kind}"),
    };
    doc.sources = vec![
        wire::Source { id: "s1".into(), name: "Acme & Sons".into(), stakeholder: Some("acme".into()), kind: "company".into(), named: true, statements: vec![st("direct", "We <did> it"), st("indirect", "it was {{ 7*7 }}")], on_record: true, origin: "machine".into(), edited: vec![] },
        wire::Source { id: "s2".into(), name: "a person familiar".into(), stakeholder: None, kind: "anonymous".into(), named: false, statements: vec![st("according-to", "nothing was agreed")], on_record: false, origin: "machine".into(), edited: vec![] },
        wire::Source { id: "s3".into(), name: "The <Ministry>".into(), stakeholder: None, kind: "government".into(), named: true, statements: vec![st("no-comment", "")], on_record: true, origin: "machine".into(), edited: vec![] },
    ];
    doc.disputes = vec![wire::Dispute { topic: "whether a deal was made".into(), claims: vec![wire::Claim { source: "s1".into(), statement: 0 }, wire::Claim { source: "s2".into(), statement: 0 }], id: "x-1".into(), origin: "machine".into(), edited: vec![] }];
    doc.key_points = vec![
        wire::KeyPoint { id: "k-what".into(), kind: "what".into(), text: "It <b>happened</b> {{ 7*7 }}".into(), sentence: None, paragraph: p(0), span: None, origin: "machine".into(), edited: vec![] },
        wire::KeyPoint { id: "k-1".into(), kind: "point".into(), text: "An editor's {% raw %} point".into(), sentence: None, paragraph: None, span: None, origin: "added".into(), edited: vec![] },
    ];
    doc.editorial.status = "edited".into();
    doc.figures = vec![wire::Figure { id: "f1".into(), text: "62,000".into(), value: 62000.0, unit: Some("cameras".into()), sentence: "s".into(), paragraph: p(1), span: [0, 1], origin: "machine".into(), edited: vec![] }];
    let mut files = emit::bundle(&x, &slug);
    // Replace what bundle wrote with the filled document, as the extractors would have.
    let view = emit::view::build(&doc);
    // As the build's related pass would fill it (the seed shares no stakeholder with it, but the
    // list is what is rendered here).
    let related = vec![emit::view::Related {
        slug: "taliban-weighs-using-us-mass-surveillance-plan".into(),
        title: "The <seed> story".into(),
        shared: vec!["Acme & Sons".into()],
    }];
    let x2 = explainer::model::Explainer { slug: slug.clone(), ..x.clone() };
    for f in files.iter_mut() {
        let name = f.path.file_name().unwrap().to_str().unwrap().to_string();
        match name.as_str() {
            "explainer.json" => f.bytes = emit::json_line(&doc, 0),
            "view.json" => f.bytes = emit::json_line(&view, 0),
            "index.md" => f.bytes = emit::frontmatter::with_related(&emit::frontmatter::page(&x2, &doc), &related).unwrap().into_bytes(),
            _ => {}
        }
    }
    (slug, files)
}

#[test]
fn hostile_strings_are_printed_as_text_everywhere() {
    let s = site("hostile", vec![rich_bundle("Evil <script>alert(0)</script> {{ 7*7 }} headline")]);
    let html = s.render_page(0);
    assert_page_structure(&html, "hostile page");
    // No markup from data is live.
    for live in ["<script>alert", "<img src=x", "<b>", "<did>", "<widgets>", "<Ministry>"] {
        assert!(!html.contains(live), "live markup {live}");
    }
    assert!(html.contains("&lt;img src=x onerror=alert(3)&gt;"));
    // Template syntax in data is text, not evaluated.
    assert!(html.contains("{{ 7*7 }}"));
    assert!(!html.contains(">49<"));
    // The JSON-LD cannot be closed by a stakeholder named `</script>…`.
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["mentions"][1]["name"], "</script><script>alert(2)</script>");
    assert_eq!(html.matches("</script>").count(), 1, "only the JSON-LD block closes a script");
}

#[test]
fn filled_page_shows_timeline_map_sources_and_disputes() {
    let s = site("rich", vec![rich_bundle("A filled explainer")]);
    let html = s.render_page(0);
    assert_page_structure(&html, "filled page");
    // Timeline: display dates, honest about unknown years (said once, above the events whose
    // year is not stated, never as a label that contradicts itself), entries linking to
    // paragraphs.
    assert_eq!(html.matches("The article does not state the year of these:").count(), 1, "{html}");
    assert!(html.contains(">August<"), "{html}");
    assert!(!html.contains("(year not stated)") && !html.contains("year inferred"), "{html}");
    assert!(html.contains("<time datetime=\"2008\">2008</time>"));
    // Who says so.
    assert!(html.contains("According to Acme &amp; Sons"), "{html}");
    // What is disputed comes before the timeline.
    assert!(html.find("id=\"disputed\"").unwrap() < html.find("id=\"timeline\"").unwrap());
    // Stakeholder cards with ids, names resolved, unknown kinds shown as they are.
    assert!(html.contains("id=\"actor-acme\"") && html.contains("id=\"actor-evil\""));
    assert!(html.contains("weird-kind"));
    assert!(html.contains("met &quot;quietly&quot; with"));
    // Sources grouped, quotes as quotations, the anonymous source listed apart and marked, the
    // silent one listed, and the counts of each.
    assert!(html.contains("<blockquote><p>We &lt;did&gt; it</p></blockquote>"));
    assert!(html.contains(">anonymous<"));
    assert!(html.contains("Did not answer") && html.contains("The &lt;Ministry&gt;"));
    let companies = html.find(">Companies<").unwrap();
    let off_record = html.find(">Anonymous sources and unnamed groups (1)<").unwrap();
    assert!(companies < off_record);
    assert!(html.contains("On record: <strong>1</strong> · Anonymous or unnamed: <strong>1</strong> · Did not answer: <strong>1</strong>"), "{html}");
    // Disputes side by side and the figure with its source.
    assert!(html.contains("whether a deal was made"));
    assert!(html.contains("62,000 cameras"));
    // Every statement, event and figure links to a paragraph that exists (checked above), and
    // the paragraph links are there.
    assert!(html.matches("class=\"para-link\"").count() >= 5);
    // Related explainers link to their pages, names escaped.
    assert!(html.contains("<a href=\"/explainers/taliban-weighs-using-us-mass-surveillance-plan/\">The &lt;seed&gt; story</a>"), "{html}");
    assert!(html.contains("shared: Acme &amp; Sons"));
    // The byline, the place and the update date under the headline.
    assert!(html.contains("By <span class=\"author\">Jane &lt;b&gt;Doe&lt;&#x2F;b&gt;</span> and <span class=\"author\">John Roe</span>") || html.contains("By <span class=\"author\">Jane &lt;b&gt;Doe&lt;/b&gt;</span> and <span class=\"author\">John Roe</span>"), "{html}");
    assert!(html.contains("<span>Kabul</span>"));
    assert!(html.contains("Updated <time datetime=\"2024-05-07\">7 May 2024</time>"), "{html}");
}

/// Under `zola serve` (what `explainer serve` runs) each item shows its settings snippet, escaped
/// like any text; `zola build` shows none. Items editors corrected or added say so either way.
#[test]
fn editor_preview_shows_snippets_only_when_serving() {
    let mut s = site("editor", vec![rich_bundle("An edited explainer")]);
    let built = s.render_page(0);
    assert!(!built.contains("edit-snippet") && !built.contains("[events.") && !built.contains("edit.js"), "no snippets in a public build");
    assert!(built.contains("corrected by our editors; not yet fully reviewed"), "the review line");
    assert!(built.contains("class=\"tag tag-edited\">corrected by the editors<"), "an edited item is marked");
    assert!(built.contains("class=\"tag tag-added\">added by the editors<"), "an added item is marked");
    assert!(built.contains("certainty: claimed"));
    assert!(built.contains("edge-unsure certainty--claimed"), "a claimed relation is drawn dashed on the map");
    s.config["mode"] = json!("serve");
    // What `explainer serve` writes for the editor preview, from the page's explainer.json.
    assert_eq!(explainer::edit::snippet::fill_previews(&s.root).unwrap(), 1);
    let served = s.render_page(0);
    assert_page_structure(&served, "editor preview");
    for table in ["[events.e1]", "[stakeholders.acme]", "[relations.r1]", "[sources.s1]", "[statements.q-direct]", "[figures.f1]", "[disputes.x-1]", "[key_points.k-what]"] {
        assert!(served.contains(table), "a snippet for {table}");
    }
    assert!(served.contains("title = &quot;An edited explainer&quot;"), "the top-level settings");
    assert!(served.contains("Settings · <code>e1</code>"), "each item's id is shown");
    assert!(served.contains("[[add.key_points]]"), "how to add an item");
    assert!(served.contains("<script src=\"/edit.js"), "the copy buttons' script, from the site");
    // The snippets hold article text: printed as text, never markup.
    for live in ["<img src=x", "<b>", "<widgets>", "<script>alert"] {
        assert!(!served.contains(live), "live markup {live}");
    }
    assert!(served.contains("title = &quot;&lt;img src=x onerror=alert(3)&gt;&quot;"), "{served}");
}

#[test]
fn every_template_parses_and_check_reports_broken_ones() {
    let s = site("check", vec![seed_bundle()]);
    assert!(explainer::check::check_templates(&s.root).is_empty());
    std::fs::write(s.root.join("themes/explainer/templates/broken.html"), "{{ x | concat(with=1) }}").unwrap();
    let problems = explainer::check::check_templates(&s.root);
    assert_eq!(problems.len(), 1);
    let msg = problems[0].to_string();
    assert!(msg.contains("themes/explainer/templates") && msg.contains("concat"), "{msg}");
}
