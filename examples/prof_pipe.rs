//! Stage timings of the whole per-seed pipeline over a folder of seeds, in memory (issue 7
//! speed): `cargo run --release --example prof_pipe -- DIR [REPEAT]` reads every `*.txt` under
//! DIR (e.g. the `seeds/` of a `bench` site) and runs decode → clean → segment → extract → emit
//! bundle over them REPEAT times (1), reporting the time of each stage.

#[path = "common/mod.rs"]
mod common;
use explainer::{clean, emit, extract, ingest, segment};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("DIR");
    let repeat: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let files = common::seeds(dir);
    let mb = files.iter().map(|f| f.1.len()).sum::<usize>() as f64 / 1e6 * repeat as f64;
    let mut t = [Duration::ZERO; 4];
    let mut out = 0usize;
    for _ in 0..repeat {
        for (name, bytes) in &files {
            let t0 = Instant::now();
            let seed = ingest::decode(name, bytes).expect("decodes");
            let doc = segment::segment(clean::clean(seed));
            let t1 = Instant::now();
            let x = extract::run(doc, &Default::default());
            let t2 = Instant::now();
            let b = emit::bundle(&x, &x.slug);
            out += b.iter().map(|f| f.bytes.len()).sum::<usize>();
            let t3 = Instant::now();
            t[0] += t1 - t0;
            t[1] += t2 - t1;
            t[2] += t3 - t2;
            t[3] += t3 - t0;
        }
    }
    let s = |d: Duration| d.as_secs_f64();
    println!(
        "{} seeds x{repeat}, {mb:.1} MB: decode+clean+segment {:.3} s, extract {:.3} s, emit {:.3} s, total {:.3} s = {:.2} MB/s ({out} bytes out)",
        files.len(),
        s(t[0]),
        s(t[1]),
        s(t[2]),
        s(t[3]),
        mb / s(t[3])
    );
}
