//! Cargo build script: a fingerprint of the sources and lexicons, so `explainer build` knows
//! when the tool changed and cached pages must be re-extracted (`EXPLAINER_SOURCE_HASH`).
//! Deterministic: files are hashed in byte order of their paths; no timestamps.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// FNV-1a, 64 bits: enough to tell two versions of the sources apart.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x100_0000_01b3);
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut all = Vec::new();
    for d in ["src", "data"] {
        files(Path::new(d), &mut all);
    }
    all.push(PathBuf::from("Cargo.lock"));
    let mut names: Vec<(String, PathBuf)> = all.into_iter().map(|p| (p.to_string_lossy().replace('\\', "/"), p)).collect();
    names.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, p) in &names {
        fnv(&mut h, name.as_bytes());
        fnv(&mut h, &[0]);
        if let Ok(b) = std::fs::read(p) {
            // Line endings do not change the program: a checkout with CRLF hashes the same.
            let b: Vec<u8> = b.into_iter().filter(|&c| c != b'\r').collect();
            fnv(&mut h, &b);
        }
        fnv(&mut h, &[0]);
    }
    println!("cargo:rustc-env=EXPLAINER_SOURCE_HASH={h:016x}");
}
