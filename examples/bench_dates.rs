//! Date extraction throughput on the development texts.
//!
//! `cargo run --release --example bench_dates [FILE.jsonl …]` reads the dev sets' texts
//! (default: `../shared/eval/meantime-dev/meantime-dev.jsonl` and `gum-news/gum-news.jsonl`
//! next to the repository, or `/work/shared/eval/…`), runs clean and segment once, then times
//! `extract::dates::extract` alone over all documents, repeated until at least two seconds have
//! passed, and prints MB/s (input bytes / seconds). Also times the whole `extract::run`.

use explainer::extract::{self, dates};
use explainer::model::{Seed, Ymd};
use std::time::Instant;

fn texts(paths: &[String]) -> Vec<(String, Option<Ymd>)> {
    let mut out = Vec::new();
    for p in paths {
        let Ok(s) = std::fs::read_to_string(p) else {
            eprintln!("bench_dates: cannot read {p}; skipping it");
            continue;
        };
        for line in s.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let dct = v["dct"].as_str().and_then(Ymd::parse);
            out.push((text, dct));
        }
    }
    out
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        for root in ["../shared/eval", "/work/shared/eval"] {
            let a = format!("{root}/meantime-dev/meantime-dev.jsonl");
            if std::path::Path::new(&a).exists() {
                args = vec![a, format!("{root}/gum-news/gum-news.jsonl")];
                break;
            }
        }
    }
    let docs = texts(&args);
    if docs.is_empty() {
        eprintln!("bench_dates: no documents (pass the dev .jsonl files)");
        std::process::exit(2);
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let segmented: Vec<_> = docs
        .iter()
        .map(|(t, p)| (explainer::segment::segment(explainer::clean::clean(Seed::from_text("bench.txt", t))), *p))
        .collect();

    let t0 = Instant::now();
    let mut rounds = 0usize;
    let mut found = 0usize;
    while t0.elapsed().as_secs_f64() < 2.0 {
        for (doc, p) in &segmented {
            let mut w = Vec::new();
            found += dates::extract(doc, doc.article.published.map(|x| x.date).or(*p), &mut w).len();
        }
        rounds += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    let mbs = (bytes * rounds) as f64 / secs / 1e6;
    println!("dates: {} docs, {:.2} MB, {rounds} rounds, {} dates/round, {mbs:.1} MB/s", docs.len(), bytes as f64 / 1e6, found / rounds);

    let t0 = Instant::now();
    let mut rounds = 0usize;
    while t0.elapsed().as_secs_f64() < 2.0 {
        for (doc, p) in &segmented {
            let opts = extract::Options { published: *p, ..Default::default() };
            let _ = extract::run(doc.clone(), &opts);
        }
        rounds += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    println!("extract::run (all extractors): {:.1} MB/s", (bytes * rounds) as f64 / secs / 1e6);
}
