//! The event loop in a real terminal (tmux): keys are read and used while
//! background work runs (the first index of a library, the layout of a long
//! article), and the person's `$EDITOR` keeps its own keys. Skipped when
//! tmux is missing, unless CHITALKA_REQUIRE_TMUX is set (CI sets it).

use crate::common::Home;
use crate::common::tmux::Tmux;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The fixture library's files.
fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(crate::common::FIXTURE_LIBRARY).join(name)).expect("fixture")
}

/// Start chitalka in `t` with `args` (a file, or `--library DIR`), every
/// user path in `home`, and `env` set too.
fn start(t: &Tmux, home: &Home, env: &str, args: &str) {
    t.start_args(home, (100, 30), &format!("exec env {env}"), args, "");
}

/// Wait up to `secs` for a screen that `ok` accepts.
fn wait_until(t: &Tmux, secs: u64, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let s = t.screen();
        if ok(&s) {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "never {what}:\n{s}"
        );
        sleep(Duration::from_millis(20));
    }
}

/// The reader's status line shows line numbers once the whole article is
/// laid out ("line 12/345").
fn laid_out(screen: &str) -> bool {
    let status = screen.lines().last().unwrap_or("");
    status
        .split("line ")
        .skip(1)
        .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn a_query_typed_while_the_first_index_is_built_shows_at_once_and_finds() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    // A library whose first index takes a while (seconds in a debug build).
    let lib = home.path().join("big");
    std::fs::create_dir(&lib).expect("library");
    let (long, seed) = (
        fixture("voyna-i-mir-excerpt.txt"),
        fixture(crate::common::SEED),
    );
    for i in 0..32 {
        std::fs::write(lib.join(format!("voyna-{i:02}.txt")), &long).expect("write");
    }
    for i in 0..4 {
        std::fs::write(lib.join(format!("seed-{i}.txt")), &seed).expect("write");
    }
    let t = Tmux::new("index-keys");
    start(&t, &home, "", &format!("--library '{}'", lib.display()));
    t.wait_for("sorted by");
    t.keys(&["F"]);
    t.wait_for("indexing the library");
    t.text("японское");
    // The query shows while the index is still being built ...
    let typed = t.wait_for("японское");
    assert!(
        typed.contains("indexing the library"),
        "the build ended before the keys were shown (too small a library?):\n{typed}"
    );
    // ... and is searched once it is built.
    let found = wait_until(&t, 60, "hits for the query", |s| {
        s.contains(" hit") && !s.contains("indexing the library")
    });
    assert!(found.contains("Узбекско-японское"), "{found}");
    assert!(!found.contains(" 0 hits"), "{found}");
    t.keys(&["C-c"]);
    t.wait_exit();
}

#[test]
fn keys_move_a_long_article_before_its_layout_ends() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    // Long enough that laying it all out takes seconds in a debug build.
    let file = home.path().join("long.txt");
    let mut text = fixture("voyna-i-mir-excerpt.txt").repeat(60);
    text.push_str("\n\nПоследний абзац: КОНЕЦ-ТЕКСТА.\n");
    std::fs::write(&file, text).expect("write");
    let t = Tmux::new("layout-keys");
    start(&t, &home, "", &format!("'{}'", file.display()));
    // (The status line may hold a message first: wait for the text.)
    let first = t.wait_for("Анна Павловна");
    t.keys(&["Space"]);
    let moved = wait_until(&t, 15, "scrolled", |s| {
        s.lines().next() != first.lines().next()
    });
    assert!(
        !laid_out(&moved),
        "Space waited for the whole layout:\n{moved}"
    );
    t.keys(&["G"]);
    let end = t.wait_for("КОНЕЦ-ТЕКСТА");
    assert!(!laid_out(&end), "G waited for the whole layout:\n{end}");
    // The layout goes on, and ends.
    wait_until(&t, 60, "laid out", laid_out);
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn the_editor_has_the_keys_typed_into_it() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    // An editor that reads a line from the terminal, a moment after it
    // starts (as a real one takes a moment): keys the app's input thread
    // took meanwhile would never reach it.
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho EDITOR-READY\nsleep 0.3\nIFS= read -r line\nprintf ' %s' \"$line\" >> \"$1\"\n",
    )
    .expect("editor");
    std::process::Command::new("chmod")
        .args(["+x", &editor.to_string_lossy()])
        .status()
        .expect("chmod");
    let t = Tmux::new("editor-keys");
    let prefix = format!("exec env EDITOR='{}'", editor.display());
    t.start_with(&home, 100, 30, &prefix, "");
    t.wait_for("sorted by");
    t.open_seed();
    t.keys(&["a"]);
    t.wait_for("Ctrl-s save");
    t.text("Мысль");
    t.keys(&["C-e"]);
    t.wait_for("EDITOR-READY");
    t.text("из редактора");
    t.keys(&["Enter"]);
    t.wait_for("Мысль из редактора");
    // The app reads the keys again.
    t.keys(&["C-s"]);
    t.wait_for("note saved");
    t.keys(&["q", "q"]);
    t.wait_exit();
}
