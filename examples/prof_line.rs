//! Stage timings on one long single-line seed (issue 7 speed): `cargo run --release --example
//! prof_line -- KIND KB` where KIND is `prose` (dev-data paragraphs joined without newlines),
//! `hostile` (the sentence tests/hostile.rs repeats) or `word` (one word repeated), or `file:PATH` (that file's text).

use explainer::model::Seed;
use explainer::{clean, extract, segment, wire};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kind = args.get(1).map(String::as_str).unwrap_or("prose");
    let kb: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1024);
    let unit = match kind {
        "word" => "said ".to_string(),
        k if k.starts_with("file:") => " ".to_string(),
        "hostile" => "Officials said the plan would cost $5 million and take 4 years, according to the ministry ".to_string(),
        _ => {
            let p = ["../shared/eval/meantime-dev/meantime-dev.jsonl", "/work/shared/eval/meantime-dev/meantime-dev.jsonl"]
                .iter()
                .find_map(|p| std::fs::read_to_string(p).ok())
                .expect("meantime-dev.jsonl");
            let v: serde_json::Value = serde_json::from_str(p.lines().next().unwrap()).unwrap();
            let t = v["text"].as_str().unwrap();
            t.split("\n\n").skip(2).take(6).collect::<Vec<_>>().join(" ") + " "
        }
    };
    let mut t = String::from("A long line\n\n");
    while t.len() < kb << 10 {
        t.push_str(&unit);
    }
    if let Some(file) = kind.strip_prefix("file:") {
        t = std::fs::read_to_string(file).expect("file");
    }
    let seed = Seed::from_text("long.txt", &t);
    let t0 = Instant::now();
    let c = clean::clean(seed);
    let t1 = Instant::now();
    let doc = segment::segment(c);
    let t2 = Instant::now();
    eprintln!("{kind} {kb} KB: {} sentences", doc.sentences.len());
    eprintln!("clean {:?} segment {:?}", t1 - t0, t2 - t1);
    let mut w = Vec::new();
    let pubd = doc.article.published.map(|p| p.date);
    let s = Instant::now();
    let dates = extract::dates::extract(&doc, pubd, &mut w);
    eprintln!("dates {:?} ({})", s.elapsed(), dates.len());
    let s = Instant::now();
    let st = extract::stakeholders::extract(&doc, &mut w);
    eprintln!("stakeholders {:?} ({})", s.elapsed(), st.len());
    let s = Instant::now();
    let rel = extract::relations::extract(&doc, &st);
    eprintln!("relations {:?} ({})", s.elapsed(), rel.len());
    let s = Instant::now();
    let (so, di) = extract::sources::extract(&doc, &st);
    eprintln!("sources {:?} ({} {})", s.elapsed(), so.len(), di.len());
    let s = Instant::now();
    let ev = extract::events::extract(&doc, &dates, &st, &so);
    eprintln!("events {:?} ({})", s.elapsed(), ev.len());
    let s = Instant::now();
    let fi = extract::figures::extract(&doc, &dates);
    eprintln!("figures {:?} ({})", s.elapsed(), fi.len());
    let s = Instant::now();
    let su = extract::summary::summarize(&doc).0;
    eprintln!("summary {:?} ({})", s.elapsed(), su.len());
    let s = Instant::now();
    let e = extract::run(doc, &extract::Options::default());
    eprintln!("run {:?}", s.elapsed());
    let s = Instant::now();
    let j = wire::Document::from_explainer(&e).to_json_pretty();
    eprintln!("wire {:?} ({})", s.elapsed(), j.len());
    eprintln!("total {:?}", t0.elapsed());
}
