//! The library's index is built in the background from the start (not at
//! the first `F`), and `F` answers from what is indexed so far while it is
//! built, saying so.

use crate::common::screen::{key, library_app, screen};
use crate::common::tmux::Tmux;
use crate::common::{FIXTURE_LIBRARY, Home, SEED};
use chitalka::tui::job::index::IndexState;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

#[test]
fn the_index_is_built_at_start_without_f_and_f_answers_at_once() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 30);
    let dir = home.path().join("cache/index");
    app.session.index_dir = Some(dir.clone());
    // No key at all: the loop's ticks alone build it.
    let start = Instant::now();
    loop {
        app.tick(Instant::now());
        if matches!(app.session.index, Some(IndexState::Ready(_))) {
            break;
        }
        assert!(
            // The build runs at the lowest priority: slow on a busy machine.
            start.elapsed() < Duration::from_secs(300),
            "{:?}",
            app.session.index
        );
        sleep(Duration::from_millis(20));
    }
    assert!(dir.join("meta.json").is_file());
    // `F` and a query: the hits come with the keys, no build to wait for.
    app.on_key(key('F'));
    for c in "японское".chars() {
        app.on_key(key(c));
    }
    let s = screen(&mut app);
    assert!(s.contains("Узбекско-японское"), "{s}");
    assert!(!s.contains("indexing the library"), "{s}");
}

/// The one index folder under `home`'s cache, once made.
fn index_folder(home: &Home) -> Option<PathBuf> {
    std::fs::read_dir(home.path().join("cache/index"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
}

#[test]
fn f_finds_what_is_indexed_so_far_while_the_first_index_is_built() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let lib = home.path().join("big");
    std::fs::create_dir(&lib).expect("library");
    let fixture = |name: &str| {
        std::fs::read_to_string(Path::new(FIXTURE_LIBRARY).join(name)).expect("fixture")
    };
    let (long, seed) = (fixture("voyna-i-mir-excerpt.txt"), fixture(SEED));
    // The seed first (files are indexed in the library's order), then a
    // long tail that takes a debug build many seconds.
    std::fs::write(lib.join("a-seed.txt"), &seed).expect("write");
    for i in 0..240 {
        std::fs::write(lib.join(format!("voyna-{i:03}.txt")), &long).expect("write");
    }
    let t = Tmux::new("index-so-far");
    t.start_args(
        &home,
        (100, 30),
        "exec env CHITALKA_TEST_INDEX_BATCH=100000",
        &format!("--library '{}'", lib.display()),
        "",
    );
    t.wait_for("sorted by");
    // Built without `F`: its first batch is committed on its own.
    let start = Instant::now();
    while !index_folder(&home).is_some_and(|d| {
        std::fs::read_to_string(d.join("meta.json")).is_ok_and(|m| m.contains("segment_id"))
    }) {
        // The build runs at the lowest priority: slow on a busy machine.
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no batch committed"
        );
        sleep(Duration::from_millis(20));
    }
    t.keys(&["F"]);
    t.text("японское");
    let s = t.wait_until("hits so far", |s| {
        s.contains("so far") && !s.contains(" 0 hits so far")
    });
    assert!(s.contains("indexing the library"), "{s}");
    assert!(s.contains("Узбекско-японское"), "{s}");
    assert!(!s.contains(" 0 hits"), "{s}");
    t.keys(&["C-c"]);
    t.wait_exit();
}

#[test]
fn a_build_killed_midway_leaves_nothing_unlisted_after_the_next_find() {
    let home = Home::new();
    let lib = home.path().join("big");
    std::fs::create_dir(&lib).expect("library");
    let long = std::fs::read_to_string(Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt"))
        .expect("fixture");
    for i in 0..120 {
        std::fs::write(lib.join(format!("voyna-{i:03}.txt")), &long).expect("write");
    }
    let lib_arg = lib.display().to_string();
    let find = |word: &str| {
        home.command()
            .env("CHITALKA_TEST_INDEX_BATCH", "200000")
            .args(["--library", &lib_arg, "find", word, "--limit", "5"])
            .output()
            .expect("run chitalka")
    };
    // The scan first (cached), so that the kill lands in the index build.
    assert!(
        home.command()
            .args(["--library", &lib_arg, "list"])
            .output()
            .expect("list")
            .status
            .success()
    );
    for round in 0..3 {
        let mut child = home
            .command()
            .env("CHITALKA_TEST_INDEX_BATCH", "200000")
            .args(["--library", &lib_arg, "find", "князь"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Killed once segments are being written (or at the latest after a while).
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20)
            && !index_folder(&home).is_some_and(|d| {
                std::fs::read_dir(d)
                    .map(|rd| {
                        rd.flatten()
                            .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
                            .count()
                            > round
                    })
                    .unwrap_or(false)
            })
        {
            sleep(Duration::from_millis(5));
        }
        sleep(Duration::from_millis(50 * round as u64));
        let _ = child.kill();
        let _ = child.wait();
    }
    let o = find("князь");
    assert!(o.status.success(), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("voyna-"),
        "{o:?}"
    );
    let dir = index_folder(&home).expect("index folder");
    assert_eq!(
        chitalka::core::index::tidy::orphans(&dir),
        Vec::<String>::new()
    );
    // And a find with nothing to do leaves it so.
    let o = find("князь");
    assert!(o.status.success(), "{o:?}");
    assert_eq!(
        chitalka::core::index::tidy::orphans(&dir),
        Vec::<String>::new()
    );
}
