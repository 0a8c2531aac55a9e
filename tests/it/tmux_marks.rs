//! Bookmarks and notes made in a real terminal (tmux): the app killed with
//! SIGKILL right after, started again, everything there. Skipped when tmux is
//! missing, unless CHITALKA_REQUIRE_TMUX is set (CI sets it).

use crate::common::Home;
use crate::common::tmux::Tmux;
use std::process::Command;

fn sigkill(t: &Tmux) {
    let pid = t.pid();
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .expect("kill")
            .success()
    );
    t.wait_exit();
}

#[test]
fn marks_made_in_a_terminal_survive_sigkill() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let editor = home.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf ' (из редактора)' >> \"$1\"\n").expect("editor");
    Command::new("chmod")
        .args(["+x", &editor.to_string_lossy()])
        .status()
        .expect("chmod");
    let t = Tmux::new("marks");
    let prefix = format!("exec env EDITOR='{}'", editor.display());
    t.start_with(&home, 100, 30, &prefix, "");
    t.wait_for("sorted by");
    t.open_seed();

    // A bookmark on two sentences, chosen with the Russian layout on: м = v, о = j, ь = m.
    t.keys(&["м", "о"]);
    t.wait_for("Choosing a passage");
    t.keys(&["ь"]);
    t.wait_for("Bookmark name");
    t.text("Начало статьи");
    t.keys(&["Enter"]);
    t.wait_for("bookmark saved");

    // A note further down: a stress mark typed as its own character, a
    // Backspace that must take the letter with it, the note handed to $EDITOR.
    t.keys(&["Space", "a"]);
    t.wait_for("Ctrl-s save");
    t.text("Важно: за\u{301}мок x");
    t.keys(&["BSpace", "BSpace", "Left", "Left", "Left", "BSpace"]);
    t.text("а");
    t.keys(&["C-e"]);
    t.wait_for("(из редактора)");
    t.keys(&["C-s"]);
    let saved = t.wait_for("note saved");
    assert!(saved.contains('✎'), "the note's margin mark:\n{saved}");

    // Killed at once: no chance to save anything more.
    sigkill(&t);

    // Everything is on disk, in a file that parses, with no temp files about.
    let list = home.exported_notes();
    assert_eq!(list.len(), 1, "{list:?}");
    // Backspace took «а́» whole: a lone stress mark left behind would show.
    assert_eq!(list[0]["note"], "Важно: замок (из редактора)");
    assert_eq!(list[0]["detached"], false);
    let marks_dir = home.data().join("marks");
    let leftovers: Vec<String> = std::fs::read_dir(&marks_dir)
        .expect("marks dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Started again: the lists show both, and Enter on a note shows it.
    t.start_with(&home, 100, 30, &prefix, "");
    t.wait_for("sorted by");
    t.open_seed();
    t.keys(&["B"]);
    let bookmarks = t.wait_for("Bookmarks · this article (1)");
    assert!(bookmarks.contains("Начало статьи"), "{bookmarks}");
    t.keys(&["Enter"]);
    t.wait_for("% ·");
    t.keys(&["A"]);
    let listed = t.wait_for("Notes · this article (1)");
    assert!(listed.contains("(из редактора)"), "{listed}");
    t.keys(&["Enter"]);
    t.wait_for("% ·");
    t.keys(&["Enter"]);
    let shown = t.wait_for("Enter next");
    assert!(shown.contains("Важно"), "{shown}");

    // Deleted from the list, brought back, deleted again; killed; still deleted.
    t.press("Escape");
    t.keys(&["A", "d"]);
    t.wait_for("u brings it back");
    t.keys(&["u"]);
    t.wait_for("Notes · this article (1)");
    t.keys(&["d"]);
    t.wait_for("Notes · this article (0)");
    sigkill(&t);
    assert_eq!(home.exported_notes().len(), 0);
}

#[test]
fn y_puts_the_passage_on_the_terminal_clipboard() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = Tmux::new("copy");
    t.start(&home, 60, 20);
    t.cmd(&["set", "-g", "set-clipboard", "on"]);
    t.open_seed();
    t.keys(&["v", "y"]);
    t.wait_for("copied");
    let buffer = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert!(
        buffer.starts_with("Узбекско-японское сотрудничество"),
        "{buffer:?}"
    );
}
