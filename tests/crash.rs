//! Crash consistency (issue 17): a build killed at any moment leaves a site that the next build
//! completes to exactly what an uninterrupted build writes.
//!
//! The repro of the issue: a site of 2,000 seeds built, then 200 seeds deleted and 800 changed,
//! and `kill -9` on the rebuild while bundles were being moved into place; every later build
//! skipped 899 seeds with "was changed by hand after explainer wrote it; not overwritten", exited
//! 1 and left 90 empty bundle folders. Here the binary is run on a generated corpus with
//! `EXPLAINER_ABORT_AFTER_WRITES=N`, which aborts the process (like `kill -9`) just before its
//! N-th file-system change, for N spread over the whole build (cold and incremental, and twice in
//! a row); each killed build is followed by an ordinary one, whose exit status, messages and
//! whole `content/` tree (every file's bytes, every folder, empty ones too) and manifest must
//! equal those of an uninterrupted build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn site(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("seeds")).unwrap();
    std::fs::create_dir_all(d.join("content/explainers")).unwrap();
    std::fs::write(d.join("content/explainers/_index.md"), "+++\ntitle = \"Explainers\"\n+++\n").unwrap();
    d
}

const NAMES: &[&str] = &[
    "Abdul Qani", "Thomas West", "the United Nations", "Huawei", "Maria Lopez", "the World Bank", "Ahmad Khan",
    "the Red Cross", "John Smith", "Amnesty International", "Li Wei", "the European Union",
];

/// Seed `i` of the corpus, in `version` (a changed seed is another version).
fn seed(i: usize, version: usize) -> String {
    let a = NAMES[i % NAMES.len()];
    let b = NAMES[(i * 7 + 3) % NAMES.len()];
    let c = NAMES[(i * 5 + version) % NAMES.len()];
    // Every tenth pair of seeds shares a headline (suffixed slugs).
    let title = if i % 10 == 1 { format!("Story {} on roads and {a}", i - 1) } else { format!("Story {i} on roads and {a}") };
    format!(
        "{title}\n\nPublished on September {}, 2023\n\nKABUL, Sept 26 (Staff) - {a} met {b} in Kabul on Monday, officials said. \
         {c} declined to comment.\n\n\"We will build {} roads,\" {b} said on Tuesday. Version {version}.\n",
        i % 28 + 1,
        i + version,
    )
}

fn write_corpus(root: &Path, seeds: &[(usize, usize)]) {
    for &(i, v) in seeds {
        std::fs::write(root.join(format!("seeds/s{i:03}.txt")), seed(i, v)).unwrap();
    }
}

fn explainer(root: &Path, abort_after: Option<usize>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_explainer"));
    cmd.args(["build", "--no-zola", "--jobs", "2", "--root"]).arg(root).env("CI", "true");
    if let Some(n) = abort_after {
        cmd.env("EXPLAINER_ABORT_AFTER_WRITES", n.to_string());
    }
    cmd.output().unwrap()
}

/// An uninterrupted build: exits 0 and says nothing is wrong.
fn build_ok(root: &Path, what: &str) {
    let out = explainer(root, None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what}: exit {:?}\n{err}", out.status);
    for bad in ["changed by hand", "not written by explainer", "looks generated", "skipped, not built", "cannot"] {
        assert!(!err.contains(bad), "{what}: {bad:?} in\n{err}");
    }
}

/// The build killed at its `n`-th file-system change (`None`), or its output when it has fewer.
fn build_killed_at(root: &Path, n: usize) -> Option<Output> {
    let out = explainer(root, Some(n));
    if out.status.success() {
        return Some(out);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(libc::SIGABRT), "killed at {n}: {}", String::from_utf8_lossy(&out.stderr));
    }
    None
}

/// Every file (path → bytes) and folder under `content/`, and the manifest.
fn snapshot(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        m.insert(rel, if e.file_type().is_dir() { None } else { Some(std::fs::read(e.path()).unwrap()) });
    }
    m.insert("manifest".into(), Some(std::fs::read(root.join(".explainer/manifest.json")).unwrap()));
    assert!(!root.join(".explainer/pending").exists(), "a completed build leaves no journal");
    m
}

fn assert_same(got: &BTreeMap<String, Option<Vec<u8>>>, want: &BTreeMap<String, Option<Vec<u8>>>, what: &str) {
    if got == want {
        return;
    }
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).take(5).collect();
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).take(5).collect();
    let differ: Vec<&String> = got.iter().filter(|(k, v)| want.get(*k).is_some_and(|w| w != *v)).map(|(k, _)| k).take(5).collect();
    panic!("{what}: content/ differs from an uninterrupted build: extra {extra:?}, missing {missing:?}, different {differ:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if e.file_name() != "lock" {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// How many file-system changes a build of `root` makes (the binary says so when
/// `EXPLAINER_ABORT_AFTER_WRITES` is set and not reached). The build is done on a copy.
fn operations(root: &Path) -> usize {
    let copy = root.with_extension("count");
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(root, &copy);
    let out = explainer(&copy, Some(usize::MAX));
    let err = String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_dir_all(&copy);
    err.lines().find_map(|l| l.strip_prefix("fault points passed: ")).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no count in\n{err}"))
}

/// Kill moments of a build of `total` operations: 1, 2, 4, 8, … and, from the end, `total`,
/// `total - 1`, `total - 2`, `total - 4`, … (the clean-up and the manifest come last).
fn moments(total: usize) -> Vec<usize> {
    let up = std::iter::successors(Some(1usize), |&n| Some(n * 2)).take_while(|&n| n <= total);
    let down = std::iter::successors(Some(0usize), |&n| Some(if n == 0 { 1 } else { n * 2 })).take_while(|&n| n < total).map(|n| total - n);
    let mut v: Vec<usize> = up.chain(down).collect();
    v.sort_unstable();
    v.dedup();
    v
}

const SEEDS: usize = 40;

/// The incremental change: a fifth of the seeds deleted, a third changed, a few added.
fn mutate(root: &Path) {
    for i in (0..SEEDS).step_by(5) {
        std::fs::remove_file(root.join(format!("seeds/s{i:03}.txt"))).unwrap();
    }
    let changed: Vec<(usize, usize)> = (1..SEEDS).step_by(3).filter(|i| i % 5 != 0).map(|i| (i, 1)).chain((SEEDS..SEEDS + 6).map(|i| (i, 0))).collect();
    write_corpus(root, &changed);
}

/// Regression (issue 17): a rebuild after 200 of 2,000 seeds were deleted and 800 changed,
/// killed while bundles were moved into place, left 899 seeds "changed by hand" for good and 90
/// empty folders. Kills at every moment of a cold and of an incremental build, and two kills in
/// a row, each completed by the next build to exactly what an uninterrupted build writes.
#[test]
fn kill_9_during_rebuild_after_200_deleted_and_800_changed_recovers_exactly() {
    let corpus: Vec<(usize, usize)> = (0..SEEDS).map(|i| (i, 0)).collect();
    // References: a cold build, and the incremental build after the change.
    let cold = site("cold-ref");
    write_corpus(&cold, &corpus);
    build_ok(&cold, "cold reference");
    let want_cold = snapshot(&cold);
    let incr = site("incr-ref");
    copy_dir(&cold, &incr);
    mutate(&incr);
    build_ok(&incr, "incremental reference");
    let want_incr = snapshot(&incr);
    assert_ne!(want_cold, want_incr);

    let mut tried = Vec::new();
    for incremental in [false, true] {
        let fresh = || {
            let root = site("kill");
            if incremental {
                copy_dir(&cold, &root);
                mutate(&root);
            } else {
                write_corpus(&root, &corpus);
            }
            root
        };
        let total = operations(&fresh());
        for n in moments(total) {
            let root = fresh();
            assert!(build_killed_at(&root, n).is_none(), "the build of {total} operations was not killed at {n}");
            if n % 3 == 0 {
                // Killed twice in a row.
                build_killed_at(&root, n / 3 + 1);
            }
            let what = format!("{} build killed at file operation {n} of {total}", if incremental { "incremental" } else { "cold" });
            build_ok(&root, &what);
            assert_same(&snapshot(&root), if incremental { &want_incr } else { &want_cold }, &what);
            let _ = std::fs::remove_dir_all(&root);
            tried.push((incremental, n, total));
        }
    }
    eprintln!("killed at {} moments (cold/incremental, operation, of): {tried:?}", tried.len());
    assert!(tried.iter().filter(|t| t.0).count() >= 12 && tried.iter().filter(|t| !t.0).count() >= 12, "{tried:?}");
    let _ = std::fs::remove_dir_all(&cold);
    let _ = std::fs::remove_dir_all(&incr);
}
