//! CPU time (this thread's, not wall time: the machine is shared) of the per-seed stages over a
//! folder of seeds (issue 7 speed): `cargo run --release --example prof_cpu -- DIR [PASSES]`
//! reads every `*.txt` under DIR and runs decode → clean → segment and extract over all of them
//! PASSES times (3), printing each pass and the least CPU time of each stage.

#[path = "common/mod.rs"]
mod common;
use explainer::{clean, extract, ingest, segment};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn cpu() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for the call to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("DIR");
    let passes: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let files = common::seeds(dir);
    let mut best = [f64::MAX; 2];
    for pass in 0..passes {
        let mut t = [0.0f64; 2];
        let mut n = 0usize;
        for (name, bytes) in &files {
            let t0 = cpu();
            let seed = ingest::decode(name, bytes).expect("decodes");
            let doc = segment::segment(clean::clean(seed));
            let t1 = cpu();
            let x = extract::run(doc, &Default::default());
            let t2 = cpu();
            n += x.sources.len() + x.stakeholders.len();
            drop(x);
            t[0] += t1 - t0;
            t[1] += t2 - t1;
        }
        println!("pass {pass}: decode+clean+segment {:.3} s, extract {:.3} s CPU ({n})", t[0], t[1]);
        for k in 0..2 {
            best[k] = best[k].min(t[k]);
        }
    }
    println!("least: decode+clean+segment {:.3} s, extract {:.3} s CPU", best[0], best[1]);
}
