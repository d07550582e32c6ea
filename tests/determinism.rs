//! Deterministic output (issue 7): two builds, and builds with one thread or several, write
//! byte-identical files (the bundles under `content/` and the manifest).
//!
//! The corpus: the repository's seed plus articles made from its paragraphs in other orders
//! (a fixed permutation, no randomness), several sharing a headline so slug collisions must be
//! resolved the same way whatever thread finishes first, and a few odd ones (CRLF, Latin-1,
//! an empty file).

use explainer::build::{build, BuildOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(repo.join("seeds/000_3504891bb809d83d.txt")).unwrap();
    let paras: Vec<&str> = seed.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut out = vec![("seeds/000_3504891bb809d83d.txt".to_string(), seed.clone().into_bytes())];
    let heads = ["Ministers meet over the budget", "Ministers meet over the budget", "Floods close roads in the north", "Ministers meet over the budget"];
    for i in 0..24usize {
        // A fixed permutation of the seed's paragraphs (multiplicative step, coprime to the length).
        let n = paras.len();
        let step = [1, 3, 5, 7, 11, 13][i % 6];
        let body: Vec<&str> = (0..n).map(|k| paras[(k * step + i) % n]).filter(|p| p.len() > 40).take(12).collect();
        let title = if i % 3 == 0 { heads[i % heads.len()].to_string() } else { format!("Report number {i} on surveillance plans") };
        let text = format!("{title}\n\nPublished on September {}, 2023\n\n{}\n", i % 28 + 1, body.join("\n\n"));
        let name = format!("seeds/{}/{i:03}.txt", if i % 2 == 0 { "even" } else { "odd" });
        let bytes = match i % 8 {
            5 => text.replace('\n', "\r\n").into_bytes(),
            7 => text.chars().map(|c| if c.is_ascii() { c } else { 'e' }).collect::<String>().replace("e", "\u{e9}").chars().map(|c| c as u32 as u8).collect(),
            _ => text.into_bytes(),
        };
        out.push((name, bytes));
    }
    out.push(("seeds/empty.txt".to_string(), Vec::new()));
    out
}

fn make_site(name: &str) -> PathBuf {
    // The process id keeps parallel `cargo test` runs sharing a target dir apart.
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("determinism-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    for (p, b) in corpus() {
        let p = d.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    }
    std::fs::create_dir_all(d.join("content/explainers")).unwrap();
    d
}

/// Every file the build wrote: content/ and the manifest, by relative path. The lock and the
/// stamps (file times, a machine-local cache) are not output.
fn outputs(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for dir in ["content", ".explainer"] {
        for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if e.file_type().is_file() && e.file_name() != "lock" && e.file_name() != "stamps" {
                let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
                m.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    m
}

fn build_with(root: &Path, jobs: usize) {
    let r = build(&BuildOptions { root: root.to_path_buf(), jobs: Some(jobs), ..BuildOptions::default() }).unwrap();
    assert_eq!(r.skipped.len(), 1, "only the empty seed fails: {}", r.summary(20));
    assert_eq!(r.built.len(), 25);
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{what}: different files");
    for (k, v) in a {
        assert!(v == &b[k], "{what}: {k} differs");
    }
}

#[test]
fn one_thread_or_several_and_two_runs_give_identical_files() {
    let one = make_site("one-thread");
    let many = make_site("four-threads");
    build_with(&one, 1);
    build_with(&many, 4);
    let a = outputs(&one);
    assert!(a.len() > 100, "{} files", a.len());
    assert_same(&a, &outputs(&many), "1 thread vs 4 threads");

    // A second run from scratch on the same seeds.
    std::fs::remove_dir_all(many.join("content")).unwrap();
    std::fs::remove_dir_all(many.join(".explainer")).unwrap();
    std::fs::create_dir_all(many.join("content/explainers")).unwrap();
    build_with(&many, 3);
    assert_same(&a, &outputs(&many), "second run");

    // An incremental run over built output changes nothing.
    build_with(&one, 2);
    assert_same(&a, &outputs(&one), "no-op rebuild");

    // Colliding headlines got distinct slugs, the first seed in path order the plain one.
    let doc: serde_json::Value =
        serde_json::from_slice(&a["content/explainers/ministers-meet-over-the-budget/explainer.json"]).unwrap();
    assert_eq!(doc["seed"]["file"], "seeds/even/000.txt");
    let dups = a.keys().filter(|k| k.starts_with("content/explainers/ministers-meet-over-the-budget") && k.ends_with("index.md")).count();
    assert!(dups >= 3, "{dups}");
    let _ = std::fs::remove_dir_all(&one);
    let _ = std::fs::remove_dir_all(&many);
}

#[test]
fn extract_prints_the_same_document_twice() {
    let bin = env!("CARGO_BIN_EXE_explainer");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_3504891bb809d83d.txt");
    let run = || std::process::Command::new(bin).arg("extract").arg(&seed).output().unwrap();
    let (a, b) = (run(), run());
    assert!(a.status.success());
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}
