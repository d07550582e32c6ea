//! Time of the emit stage alone, per output file, over a folder of seeds (issue 7 speed):
//! `cargo run --release --example prof_emit -- DIR [MAX_SEEDS] [REPEAT]` extracts up to
//! MAX_SEEDS (all) `*.txt` under DIR once, keeps the explainers in memory, then runs each part
//! of `emit::bundle` over them REPEAT times (3) and prints the fastest pass of each part
//! (1 thread; the machine is shared, so the minimum is the figure to compare).

#[path = "common/mod.rs"]
mod common;
use explainer::{clean, emit, extract, ingest, segment, wire};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("DIR");
    let max: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
    let repeat: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut files = common::seed_paths(dir);
    files.truncate(max);
    let xs: Vec<explainer::model::Explainer> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            let seed = ingest::decode(&p.display().to_string(), &bytes).expect("decodes");
            extract::run(segment::segment(clean::clean(seed)), &Default::default())
        })
        .collect();
    const PARTS: [&str; 10] = ["wire doc", "index.md", "explainer.json", "timeline.json", "kumu.json", "sources.csv", "view build", "view.json", "edits.json", "bundle"];
    let mut best = [Duration::MAX; PARTS.len()];
    let mut bytes = 0usize;
    for _ in 0..repeat {
        let mut t = [Duration::ZERO; PARTS.len()];
        bytes = 0;
        for x in &xs {
            let mut lap = Instant::now();
            let mut tick = |k: usize, t: &mut [Duration; PARTS.len()]| {
                let now = Instant::now();
                t[k] += now - lap;
                lap = now;
            };
            let mut doc = wire::Document::from_explainer(x);
            doc.slug = x.slug.clone();
            tick(0, &mut t);
            bytes += emit::frontmatter::page(x, &doc).len();
            tick(1, &mut t);
            bytes += emit::json_line(&doc, 0).len();
            tick(2, &mut t);
            bytes += emit::timeline::timelinejs(&doc).len();
            tick(3, &mut t);
            bytes += emit::kumu::blueprint(&doc).len();
            tick(4, &mut t);
            bytes += emit::csv::sources_csv(&doc).len();
            tick(5, &mut t);
            let view = emit::view::build(&doc);
            tick(6, &mut t);
            bytes += emit::json_line(&view, 0).len();
            drop(view);
            tick(7, &mut t);
            bytes += emit::json_line(&explainer::edit::snippet::all(&doc), 0).len();
            drop(doc);
            tick(8, &mut t);
            let b = emit::bundle(x, &x.slug);
            std::hint::black_box(&b);
            drop(b);
            tick(9, &mut t);
        }
        for k in 0..PARTS.len() {
            best[k] = best[k].min(t[k]);
        }
    }
    // The passes over all explainers: related lists and stakeholder pages (the build runs them on
    // its thread pool; RAYON_NUM_THREADS=1 for one thread).
    let related: Vec<emit::view::RelatedInput> = xs
        .iter()
        .map(|x| emit::view::RelatedInput {
            slug: x.slug.clone(),
            title: x.doc.article.title.clone(),
            actors: x.stakeholders.iter().map(|s| (s.id.clone(), s.name.clone())).collect(),
        })
        .collect();
    let details: Vec<Vec<(String, String)>> =
        xs.iter().map(|x| x.stakeholders.iter().map(|s| (s.kind.as_str().to_string(), s.role.clone().unwrap_or_default())).collect()).collect();
    let weights: Vec<u32> =
        xs.iter().map(|x| emit::frontmatter::weight(x.doc.article.published.map(|p| (p.date.year, p.date.month, p.date.day)))).collect();
    let actors: Vec<emit::actors::Input> = related
        .iter()
        .zip(&details)
        .zip(&weights)
        .map(|((r, d), w)| emit::actors::Input { slug: &r.slug, weight: *w, actors: &r.actors, details: d })
        .collect();
    let (mut rel, mut act) = (Duration::MAX, Duration::MAX);
    for _ in 0..repeat {
        let t = Instant::now();
        std::hint::black_box(emit::view::related(&related, 5));
        rel = rel.min(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(emit::actors::pages(&actors));
        act = act.min(t.elapsed());
    }
    let parts: Vec<String> = PARTS
        .iter()
        .zip(best)
        .chain([("related", rel), ("actors::pages", act)].iter().map(|(p, d)| (p, *d)))
        .map(|(p, d)| format!("{p} {:.3}", d.as_secs_f64()))
        .collect();
    println!("{} explainers, best of {repeat} (s): {}; {bytes} bytes", xs.len(), parts.join(", "));
}
