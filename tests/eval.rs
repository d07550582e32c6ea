//! Quality floors scored against public gold data (`../shared/eval/`).
//!
//! Runs `../shared/eval/score_dev.py` (the team's scorer, the same code as the held-out
//! harness) on the dev sets with this build's `explainer extract`, and fails when a score drops
//! below its floor. Floors sit a little under the scores measured when they were set, so a
//! regression fails the build while noise from unrelated changes does not. The measured scores
//! are printed (run with `--nocapture` to see them) and recorded in the closing notes.
//!
//! Skips, saying why, when `../shared/eval` or `python3` is not there.

use std::path::PathBuf;
use std::process::Command;

/// (set, metric path, floor). Set on 2026-11-28 from: MEANTIME-dev dates F1 0.954, value F1
/// 0.917, stakeholders F1 0.807, sources F1 0.856 (0.863 after the session-2 source work); GUM dates F1 0.908, value F1 0.896,
/// stakeholders F1 0.693; Duckling value F1 0.129 (its future-bias convention; see tests/duckling.rs).
/// Metric paths index the scorer's `--json` output under
/// `sets.<set>.metrics`.
const FLOORS: &[(&str, &[&str], f64)] = &[
    ("meantime-dev", &["dates", "F1"], 0.93),
    ("meantime-dev", &["dates", "value_F1"], 0.9),
    ("meantime-dev", &["stakeholders", "F1"], 0.79),
    ("meantime-dev", &["sources", "F1"], 0.84),
    ("gum", &["dates", "F1"], 0.89),
    ("gum", &["dates", "value_F1"], 0.88),
    ("gum", &["stakeholders", "F1"], 0.68),
    ("duckling", &["dates", "value_F1"], 0.11),
    ("conll-dev", &["stakeholders", "F1"], 0.74),
    ("polnear-dev", &["sources", "F1"], 0.64),
    ("tbaq", &["dates", "F1"], 0.85),
    ("tbaq", &["dates", "value_F1"], 0.66),
];

/// `../shared/eval` beside the repository, or `$EXPLAINER_SHARED/eval` (for a checkout kept
/// elsewhere, such as a git worktree).
fn eval_dir() -> Option<PathBuf> {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared");
    std::env::var_os("EXPLAINER_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([beside])
        .map(|d| d.join("eval"))
        .find(|d| d.join("score_dev.py").is_file())
}

#[test]
fn dev_set_scores_stay_above_their_floors() {
    let Some(dir) = eval_dir() else {
        eprintln!("SKIP dev_set_scores_stay_above_their_floors: ../shared/eval/score_dev.py not found (the gold data lives beside the repository; set EXPLAINER_SHARED to its folder)");
        return;
    };
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIP dev_set_scores_stay_above_their_floors: python3 is not installed");
        return;
    }
    let out_json = std::env::temp_dir().join(format!("explainer-eval-{}.json", std::process::id()));
    let cmd = format!("{} extract --published {{dct}} {{files}}", env!("CARGO_BIN_EXE_explainer"));
    let out = Command::new("python3")
        .arg(dir.join("score_dev.py"))
        .args(["--set", "meantime-dev,gum,duckling,conll-dev,polnear-dev,tbaq", "--cmd", &cmd, "--json"])
        .arg(&out_json)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(out.status.success(), "score_dev.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    let _ = std::fs::remove_file(&out_json);
    let mut failures = Vec::new();
    for (set, path, floor) in FLOORS {
        let mut x = &v["sets"][set]["metrics"];
        for k in *path {
            x = &x[k];
        }
        let got = x.as_f64().unwrap_or(0.0);
        println!("{set} {}: {got:.3} (floor {floor:.3})", path.join("."));
        if got + 1e-9 < *floor {
            failures.push(format!("{set} {} = {got:.3}, below its floor {floor:.3}", path.join(".")));
        }
    }
    for (set, r) in v["sets"].as_object().unwrap() {
        let errs = r["errors"].as_array().map(|a| a.len()).unwrap_or(0);
        let missing = r["throughput"]["docs_without_output"].as_u64().unwrap_or(0);
        if errs > 0 || missing > 0 {
            failures.push(format!("{set}: {errs} tool errors, {missing} documents without output"));
        }
    }
    assert!(failures.is_empty(), "quality regressed:\n{}", failures.join("\n"));
}
