//! `explainer serve` stopped by SIGTERM or SIGHUP stops its `zola serve` too (issue 7: a SIGTERM
//! left the child running; Ctrl-C stopped both only because the terminal signals the group).
//! Zola is not needed: a stand-in `zola` script on PATH records its pid and sleeps.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn alive(pid: i32) -> bool {
    // A zombie would still be "alive" to kill(pid, 0); read its state instead.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')))
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let t = Instant::now();
    while !f() {
        assert!(t.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn site(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("seeds")).unwrap();
    std::fs::create_dir_all(d.join("bin")).unwrap();
    std::fs::write(d.join("seeds/a.txt"), "Serve stops its child\n\nThe minister said on Monday that the plan would go ahead.\n").unwrap();
    let zola = d.join("bin/zola");
    std::fs::write(
        &zola,
        "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'zola 0.23.0'; exit 0; fi\necho $$ > \"$ZOLA_PID_FILE.tmp\"\nmv \"$ZOLA_PID_FILE.tmp\" \"$ZOLA_PID_FILE\"\nexec sleep 120\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&zola, std::fs::Permissions::from_mode(0o755)).unwrap();
    d
}

fn stops_child_on(sig: i32, name: &str) {
    let root = site(name);
    let pid_file = root.join("zola.pid");
    let path = format!("{}:/usr/bin:/bin", root.join("bin").display());
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["serve", "--root"])
        .arg(&root)
        .env("PATH", path)
        .env("ZOLA_PID_FILE", &pid_file)
        .env("CI", "true")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for("zola serve to start", || pid_file.is_file());
    let zola: i32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
    assert!(alive(zola));
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(serve.id() as i32, sig);
    }
    let status = serve.wait().unwrap();
    assert_eq!(status.code(), Some(128 + sig), "{status}");
    wait_for("the stand-in zola to be gone", || !alive(zola));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn sigterm_stops_zola_serve_too() {
    stops_child_on(libc::SIGTERM, "term");
}

#[test]
fn sighup_stops_zola_serve_too() {
    stops_child_on(libc::SIGHUP, "hup");
}
