//! The built binary in a real terminal (tmux), with every user path in a temp
//! folder: open the seed article, read, quit, start again, find the same place.
//! Skipped when tmux is missing, unless CHITALKA_REQUIRE_TMUX is set (CI sets it).

use crate::common::Home;
use crate::common::tmux::{PATIENCE, POLL, Tmux, text_rows};
use std::process::Command;
use std::thread::sleep;
use std::time::Instant;

#[test]
fn reading_position_survives_quit_and_sigterm() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = Tmux::new("position");
    t.start(&home, 100, 30);
    let first = t.open_seed();
    assert!(
        first.contains("Узбекско-японское сотрудничество"),
        "{first}"
    );
    assert!(!first.contains("Вы сейчас просматриваете"));
    // Latin keys and their Russian-layout twins: о = j. Each scrolls.
    let mut before = first.clone();
    for k in ["j", "j", "Space", "о", "о"] {
        before = t.press(k);
    }
    assert_ne!(text_rows(&before), text_rows(&first), "the text scrolled");
    t.keys(&["q"]);
    t.wait_for("sorted by");
    t.keys(&["q"]);
    t.wait_exit();

    t.start(&home, 100, 30);
    let again = t.open_seed();
    assert_eq!(
        text_rows(&again),
        text_rows(&before),
        "same passage after a restart"
    );

    // A termination signal saves the position too.
    let moved = t.press("Space");
    assert_ne!(text_rows(&moved), text_rows(&again));
    let pid = t.pid();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    t.wait_exit();
    t.start(&home, 100, 30);
    let third = t.open_seed();
    assert_eq!(
        text_rows(&third),
        text_rows(&moved),
        "position saved on SIGTERM"
    );
}

#[test]
fn narrow_terminal_and_resize() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let t = Tmux::new("narrow");
    t.start(&home, 40, 12);
    let s = t.open_seed();
    let status = s.lines().last().unwrap_or("");
    assert!(
        status.contains("Узбекско") && status.contains('%'),
        "{status}"
    );
    t.press("Space");
    let before = t.press("Space");
    // The first words of the top row stay at the top when the window grows.
    let first_text = before.lines().find(|l| !l.trim().is_empty()).expect("text");
    let words: Vec<&str> = first_text.split_whitespace().take(3).collect();
    assert_eq!(words.len(), 3, "{first_text}");
    t.cmd(&["resize-window", "-t", "main", "-x", "90", "-y", "20"]);
    // Drawn again at the new size: the status line on the last of 20 rows.
    let after = t.wait_until("the reader drawn at 90×20", |s| {
        s.lines().count() == 20 && s.lines().last().is_some_and(|l| l.contains('%'))
    });
    let top: String = after
        .lines()
        .take(2)
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        top.contains(&words.join(" ")),
        "{words:?} should stay at the top:\n{after}"
    );
    t.keys(&["?"]);
    t.wait_for("line down");
    t.press("Escape");
    t.keys(&["q", "q"]);
    t.wait_exit();
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let t = Tmux::new("sigterm");
    let (stty, suffix) = record_tty_after_exit(&home);
    t.start_with(&home, 80, 24, "env", &suffix);
    t.wait_for("sorted by");
    t.open_seed();
    t.press("Space");
    // The pane runs a shell; chitalka is its child.
    let shell = t.pid();
    let out = Command::new("pgrep")
        .args(["-P", &shell])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no chitalka under {shell}");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    let screen = t.wait_for("AFTER-EXIT");
    assert!(
        !screen.contains("% ·"),
        "the alternate screen was left:\n{screen}"
    );
    assert_tty_restored(&stty);
    let state = std::fs::read_to_string(home.data().join("state.json")).expect("state saved");
    assert!(state.contains(crate::common::SEED));
}

/// A command suffix that, once chitalka has exited, records the terminal's
/// modes in a file and prints AFTER-EXIT; and that file.
fn record_tty_after_exit(home: &Home) -> (std::path::PathBuf, String) {
    let stty = home.path().join("stty.txt");
    let suffix = format!(
        "; stty -a > '{}'; echo AFTER-EXIT; sleep 30",
        stty.display()
    );
    (stty, suffix)
}

/// The recorded terminal modes are the cooked ones (raw mode was left).
fn assert_tty_restored(stty: &std::path::Path) {
    let modes = std::fs::read_to_string(stty).expect("stty output");
    for mode in [" icanon", " echo ", " icrnl"] {
        assert!(modes.contains(mode), "{mode} not restored: {modes}");
    }
}

fn running(pid: &str) -> bool {
    // A zombie (state Z) has exited; only its parent has not reaped it yet.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

#[test]
fn closing_the_terminal_ends_the_app_and_keeps_the_position() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let t = Tmux::new("hangup");
    t.start(&home, 80, 24);
    t.open_seed();
    t.press("Space");
    t.press("Space");
    let pid = t.pid();
    assert!(running(&pid));
    t.cmd(&["kill-server"]);
    let start = Instant::now();
    while running(&pid) {
        assert!(
            start.elapsed() < PATIENCE,
            "chitalka {pid} still running after its terminal closed"
        );
        sleep(POLL);
    }
    let state = std::fs::read_to_string(home.data().join("state.json")).expect("state saved");
    assert!(state.contains(crate::common::SEED), "{state}");
}

#[test]
fn a_panic_restores_the_terminal() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let t = Tmux::new("panic");
    let (stty, suffix) = record_tty_after_exit(&home);
    t.start_with(&home, 80, 24, "env CHITALKA_TEST_PANIC=1", &suffix);
    let screen = t.wait_for("AFTER-EXIT");
    assert!(screen.contains("panicking on purpose"), "{screen}");
    assert!(
        !screen.contains("sorted by"),
        "the alternate screen was left:\n{screen}"
    );
    assert_tty_restored(&stty);
}

#[test]
fn outline_in_a_real_terminal() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let t = Tmux::new("outline");
    t.start(&home, 100, 30);
    t.keys(&["/"]);
    t.text("война");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("% ·");
    t.keys(&["o"]);
    let s = t.wait_for("▾ ТОМ ПЕРВЫЙ");
    assert!(
        s.lines()
            .any(|l| l.contains("▾ ТОМ ПЕРВЫЙ") && l.contains('│')),
        "{s}"
    );
    // Tab, down to chapter III on the Russian layout (о = j), Enter.
    t.keys(&["Tab", "о", "о", "о", "о", "о", "Enter"]);
    let s = t.wait_for("› III.");
    let status = s.lines().last().unwrap_or("");
    assert!(
        status.contains("ТОМ ПЕРВЫЙ › ЧАСТЬ ПЕРВАЯ › III."),
        "{status}"
    );
    // [ goes back to II., ] on to III. again.
    t.keys(&["["]);
    t.wait_for("› II.");
    t.keys(&["]"]);
    t.wait_for("› III.");
    // Narrow: the outline opens over the text.
    t.cmd(&["resize-window", "-t", "main", "-x", "60", "-y", "20"]);
    t.wait_for("Outline");
    t.press("Escape");
    t.keys(&["q", "q"]);
    t.wait_exit();
}

#[test]
fn find_in_a_real_terminal() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let t = Tmux::new("find");
    t.start(&home, 100, 30);
    let _ = t.open_seed();
    t.keys(&["/"]);
    t.text("сотрудничеств");
    let s = t.wait_for("/сотрудничеств▏");
    assert!(s.lines().last().unwrap_or("").contains("1/"), "{s}");
    t.keys(&["Enter", "n", "n"]);
    t.wait_for(" 3/");
    t.press("Escape");
    t.keys(&["q", "q"]);
    t.wait_exit();
}
