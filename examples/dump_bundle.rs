//! Prints every file `emit::bundle` makes for each `*.txt` under DIR (sorted), each preceded by
//! its path: a byte-exact fingerprint of the whole per-seed pipeline, used to check that a speed
//! change leaves every output byte as it was (`cargo run --release --example dump_bundle -- DIR > out`).

#[path = "common/mod.rs"]
mod common;
use explainer::{clean, emit, extract, ingest, segment};
use std::io::Write;

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let files = common::seed_paths(&dir);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for path in files {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let seed = ingest::decode(&name, &bytes).expect("decodes");
        let x = extract::run(segment::segment(clean::clean(seed)), &Default::default());
        for f in emit::bundle(&x, &x.slug) {
            writeln!(out, "== {name} {}", f.path.display()).unwrap();
            out.write_all(&f.bytes).unwrap();
            writeln!(out).unwrap();
        }
    }
}
