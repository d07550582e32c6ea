//! What the profiling examples share: the seeds of a folder, in a fixed order.

#![allow(dead_code)]

use std::path::PathBuf;

/// Every `*.txt` under `dir`, sorted.
pub fn seed_paths(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    files
}

/// Every `*.txt` under `dir` with its bytes (name as shown), sorted.
pub fn seeds(dir: &str) -> Vec<(String, Vec<u8>)> {
    seed_paths(dir).into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}
