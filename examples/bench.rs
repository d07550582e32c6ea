//! Benchmark at scale (issue 7): `cargo run --release --example bench [-- OPTIONS]`.
//!
//! Generates a corpus of 10,000 articles (tens of MB) from the development data
//! (`../shared/eval/{gum-news,meantime-dev}/*.jsonl` texts: paragraphs of one article mixed with a
//! few of another, chosen by a fixed pseudo-random sequence, so every run makes the same corpus),
//! writes it as `seeds/` of a site in `target/bench-site/` with the repository's config and theme,
//! then measures
//! - a cold `explainer build` (no manifest, no generated pages) and two no-op rebuilds (the first
//!   hashes again the seeds written just before the cold build, see `build::stamps`): wall time,
//!   MB/s, articles/s, peak memory (each build runs in a child process, which reports its VmHWM);
//! - `zola build` of the same site, when Zola is on PATH;
//! - single-threaded throughput of the whole pipeline in memory (decode → explain → wire JSON)
//!   and of date extraction alone (`extract::dates::extract` over segmented documents).
//!
//! Options: `--articles N` (10000), `--dir PATH` (target/bench-site), `--jobs N` (all CPUs),
//! `--eval DIR` (the eval folder; default ../shared/eval, then /work/shared/eval), `--no-zola`,
//! `--zola-cap-mb N` (address-space cap for `zola build`, 6144).

use explainer::build::{build, BuildOptions};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The same allocator as the `explainer` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: fixed seed per article, so the corpus is the same on every run.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Doc {
    title: String,
    dateline: Option<String>,
    paras: Vec<String>,
    dct: Option<String>,
}

fn load_docs(eval: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    for set in ["gum-news/gum-news.jsonl", "meantime-dev/meantime-dev.jsonl"] {
        let p = eval.join(set);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e} (pass --eval DIR)", p.display()));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON Lines");
            let t = v["text"].as_str().unwrap_or_default();
            let mut blocks = t.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
            let title = blocks.next().unwrap_or("Untitled").to_string();
            let rest: Vec<String> = blocks.map(str::to_string).collect();
            let (dateline, paras) = match rest.first() {
                Some(d) if d.len() < 40 && d.chars().any(|c| c.is_ascii_digit()) => (Some(d.clone()), rest[1..].to_vec()),
                _ => (None, rest),
            };
            docs.push(Doc { title, dateline, paras, dct: v["dct"].as_str().map(str::to_string) });
        }
    }
    docs
}

/// Article `i` of the corpus: about 4 KB, from one dev document, with a few paragraphs of another.
fn article(docs: &[Doc], i: usize) -> (String, Option<String>) {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let a = &docs[i % docs.len()];
    let b = &docs[r.below(docs.len())];
    let mut out = format!("{i}: {}\n\n", a.title);
    if let Some(d) = &a.dateline {
        out.push_str(d);
        out.push_str("\n\n");
    }
    let start = if a.paras.len() > 6 { r.below(a.paras.len() - 4) } else { 0 };
    let mut n = 0;
    for p in a.paras.iter().skip(start) {
        if out.len() > 3200 + r.below(1600) {
            break;
        }
        out.push_str(p);
        out.push_str("\n\n");
        n += 1;
        if n % 3 == 0 && !b.paras.is_empty() {
            out.push_str(&b.paras[r.below(b.paras.len())]);
            out.push_str("\n\n");
        }
    }
    (out, a.dct.clone())
}

/// CPU seconds (user + system) this process has used: on a shared machine the wall time
/// depends on the other load, this does not.
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 14th field overall.
    let rest = s.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(11) + ticks(12)) / 100.0
}

fn vm_hwm_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// `bench --child DIR [--jobs N]`: one build in a fresh process, so its peak memory is its own.
fn child(args: &[String]) {
    let dir = PathBuf::from(arg(args, "--child").expect("--child DIR"));
    let jobs: Option<usize> = arg(args, "--jobs").map(|s| s.parse().expect("--jobs N"));
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let r = build(&BuildOptions { root: dir, jobs, ..BuildOptions::default() }).expect("build");
    let s = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    println!("RESULT {s} {} {} {} {} {} {cpu}", vm_hwm_mb(), r.built.len(), r.extracted.len(), r.skipped.len(), r.written);
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--child") {
        return child(&args);
    }
    let n: usize = arg(&args, "--articles").map_or(10_000, |s| s.parse().expect("--articles N"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or(repo.join("target"), PathBuf::from);
    let dir = arg(&args, "--dir").map_or(target.join("bench-site"), PathBuf::from);
    let jobs: Option<usize> = arg(&args, "--jobs").map(|s| s.parse().expect("--jobs N"));
    let eval = arg(&args, "--eval").map(PathBuf::from).unwrap_or_else(|| {
        let rel = repo.join("../shared/eval");
        if rel.is_dir() { rel } else { PathBuf::from("/work/shared/eval") }
    });

    // The corpus.
    let docs = load_docs(&eval);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove the previous benchmark site");
        // Right after ~80,000 files are deleted, ext4's inode allocator skips inodes freed while
        // their inode-table blocks are still dirty (up to 30 s), looking each candidate up in the
        // buffer cache: perf shows most of both builds' time in the kernel then
        // (`recently_deleted`, `find_get_block_common`). A real site is not rebuilt seconds after
        // deleting one. (Other recent mass deletions on the disk still skew disk timings; tmpfs,
        // `--dir /dev/shm/…`, gives the steadiest figures.)
        println!("removed the previous site; waiting 35 s so its freed inodes settle (ext4)");
        std::thread::sleep(std::time::Duration::from_secs(35));
    }
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    let mut bytes = 0usize;
    for i in 0..n {
        let (text, dct) = article(&docs, i);
        bytes += text.len();
        let sub = dir.join("seeds").join(format!("{:02}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:05}.txt")), &text).unwrap();
        if let (Some(d), 0) = (dct, i % 10) {
            std::fs::write(sub.join(format!("{i:05}.toml")), format!("published = \"{d}\"\n")).unwrap();
        }
    }
    for f in ["config.toml", "content/_index.md", "content/explainers/_index.md"] {
        if repo.join(f).is_file() {
            std::fs::create_dir_all(dir.join(f).parent().unwrap()).unwrap();
            std::fs::copy(repo.join(f), dir.join(f)).unwrap();
        }
    }
    for d in ["themes", "static"] {
        if repo.join(d).is_dir() {
            copy_dir(&repo.join(d), &dir.join(d));
        }
    }
    let mb = bytes as f64 / 1e6;
    println!("corpus: {n} articles, {mb:.1} MB, from {} dev documents, in {}", docs.len(), dir.display());
    let threads = jobs.unwrap_or_else(rayon::current_num_threads);
    println!("threads: {threads}");

    let mut rows = Vec::new();
    // Two no-op rebuilds: the first right after the cold build hashes again the seeds written
    // less than `stamps::SETTLE_NS` before the cold build started (their stamps could not be
    // trusted yet); the second is the usual case, seeds long written and stamped.
    for run in ["cold build", "no-op rebuild", "no-op rebuild again"] {
        let mut cmd = std::process::Command::new(std::env::current_exe().expect("own path"));
        cmd.arg("--child").arg(&dir);
        if let Some(j) = jobs {
            cmd.args(["--jobs", &j.to_string()]);
        }
        let out = cmd.output().expect("child build");
        let text = String::from_utf8_lossy(&out.stdout);
        for l in String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.starts_with("timing:")) {
            println!("  {l}");
        }
        let line = text.lines().find(|l| l.starts_with("RESULT ")).unwrap_or_else(|| panic!("child failed: {}", String::from_utf8_lossy(&out.stderr)));
        let f: Vec<f64> = line.split_whitespace().skip(1).map(|x| x.parse().unwrap_or(f64::NAN)).collect();
        let (s, peak, cpu) = (f[0], f[1], f[6]);
        println!(
            "{run}: {s:.3} s wall, {cpu:.2} s CPU, {:.1} MB/s, {:.0} articles/s, peak RSS {peak:.0} MB ({} built, {} extracted, {} skipped, {} written)",
            mb / s,
            n as f64 / s,
            f[2],
            f[3],
            f[4],
            f[5]
        );
        rows.push((run, s, peak, cpu));
    }

    // Zola on the same site, under a memory cap (`ulimit -v`, address space) so that a theme
    // or Zola change that makes memory explode fails here instead of thrashing the machine.
    // Peak RSS and CPU come from /usr/bin/time when it is there.
    let zola = if args.iter().any(|a| a == "--no-zola") { None } else { explainer::serve::zola_version() };
    let cap_mb: u64 = arg(&args, "--zola-cap-mb").map_or(6144, |s| s.parse().expect("--zola-cap-mb N"));
    let zola_s = zola.as_ref().and_then(|v| {
        let timer = if Path::new("/usr/bin/time").is_file() { "/usr/bin/time -f 'ZOLA_CPU %U %S %M' " } else { "" };
        let script = format!("ulimit -v {} && exec {timer}zola build", cap_mb * 1024);
        let t = Instant::now();
        let out = std::process::Command::new("sh").args(["-c", &script]).current_dir(&dir).output().ok()?;
        let s = t.elapsed().as_secs_f64();
        let err = String::from_utf8_lossy(&out.stderr);
        let f: Vec<f64> = err
            .lines()
            .find_map(|l| l.strip_prefix("ZOLA_CPU "))
            .map(|l| l.split_whitespace().filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_default();
        let (cpu, rss) = (f.first().copied().unwrap_or(f64::NAN) + f.get(1).copied().unwrap_or(f64::NAN), f.get(2).copied().unwrap_or(f64::NAN) / 1024.0);
        let html = walkdir::WalkDir::new(dir.join("public")).into_iter().flatten().filter(|e| e.file_name() == "index.html").count();
        if out.status.success() {
            println!(
                "zola {v} build: {s:.3} s wall, {cpu:.2} s CPU, {:.0} articles/s ({html} HTML pages, {:.0} pages/s), peak RSS {rss:.0} MB (cap {cap_mb} MB)",
                n as f64 / s,
                html as f64 / s
            );
            Some((s, cpu, rss))
        } else {
            println!(
                "zola {v} build failed after {s:.3} s (memory cap {cap_mb} MB; raise it with --zola-cap-mb):\n{}",
                err.lines().rev().take(8).collect::<Vec<_>>().join("\n")
            );
            None
        }
    });
    if zola.is_none() {
        println!("zola build: not measured (zola is not on PATH, or --no-zola)");
    }

    // Single-threaded throughput in memory, no I/O.
    let sample: Vec<String> = (0..n.min(2000)).map(|i| article(&docs, i).0).collect();
    let sample_mb = sample.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let t = Instant::now();
    for (i, text) in sample.iter().enumerate() {
        let seed = explainer::ingest::decode(&format!("seeds/{i}.txt"), text.as_bytes()).expect("decodes");
        let x = explainer::explain(seed, &Default::default());
        std::hint::black_box(explainer::wire::Document::from_explainer(&x).to_json_pretty());
    }
    let pipe = t.elapsed().as_secs_f64();
    println!("pipeline, 1 thread, in memory: {} articles, {:.2} MB/s, {:.0} articles/s", sample.len(), sample_mb / pipe, sample.len() as f64 / pipe);
    let segmented: Vec<_> = sample
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let seed = explainer::ingest::decode(&format!("seeds/{i}.txt"), text.as_bytes()).expect("decodes");
            explainer::segment::segment(explainer::clean::clean(seed))
        })
        .collect();
    let t = Instant::now();
    let mut found = 0;
    for d in &segmented {
        let mut w = Vec::new();
        let pubd = d.article.published.map(|p| p.date);
        found += explainer::extract::dates::extract(d, pubd, &mut w).len();
    }
    let dates = t.elapsed().as_secs_f64().max(1e-9);
    println!("date extraction only, 1 thread: {:.2} MB/s, {:.0} articles/s, {found} dates", sample_mb / dates, sample.len() as f64 / dates);

    println!();
    println!("| run | wall time | CPU time | MB/s | articles/s | peak RSS |");
    println!("|---|---|---|---|---|---|");
    for (run, s, peak, cpu) in &rows {
        println!("| {run} ({threads} threads) | {s:.2} s | {cpu:.2} s | {:.1} | {:.0} | {peak:.0} MB |", mb / s, n as f64 / s);
    }
    if let Some((z, zcpu, zrss)) = zola_s {
        println!("| `zola build` of the same site | {z:.2} s | {zcpu:.2} s | | {:.0} | {zrss:.0} MB |", n as f64 / z);
    }
    println!("| pipeline in memory, 1 thread | | | {:.2} | {:.0} | |", sample_mb / pipe, sample.len() as f64 / pipe);
    println!("| date extraction only, 1 thread | | | {:.2} | {:.0} | |", sample_mb / dates, sample.len() as f64 / dates);
    if let Some((z, zcpu, _)) = zola_s {
        println!("\ncold preprocessing / zola build: {:.2} by wall time, {:.2} by CPU time (target ≤ 0.5)", rows[0].1 / z, rows[0].3 / zcpu);
    }
}
