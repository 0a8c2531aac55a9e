//! Links, footnotes and the go-to prompt in a real terminal (tmux): a
//! footnote over the text and Esc back to the very same screen, an internal
//! link and Ctrl-o, an external link opened with a fake opener
//! (`CHITALKA_OPENER`) and copied with OSC 52, a click on a note reference,
//! `:50%`, `:1200`-style lines and `§2`. Skipped when tmux is missing, unless
//! CHITALKA_REQUIRE_TMUX is set (CI sets it).

use crate::common::Home;
use crate::common::tmux::{Tmux, text_rows};
use crate::links::{LINKS, URL};
use std::process::Command;

/// The links fixture open in tmux at `size`, `env` set.
fn start(name: &str, home: &Home, size: (u16, u16), env: &str) -> Tmux {
    let t = Tmux::new(name);
    let file = std::fs::canonicalize(LINKS).expect("fixture");
    t.start_args(
        home,
        size,
        &format!("exec env {env}"),
        &format!("'{}'", file.display()),
        "",
    );
    t.wait_for("Анна Павловна¹");
    t
}

fn status(screen: &str) -> &str {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("")
}

#[test]
fn a_footnote_over_the_text_and_esc_back_to_the_same_screen() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = start("fnote", &home, (100, 30), "");
    t.keys(&["l"]);
    let before = t.wait_for("Enter: show footnote 1");
    t.keys(&["Enter"]);
    let shown = t.wait_for("Footnote ¹");
    assert!(shown.contains("Генуя и Лукка"), "{shown}");
    let after = t.press("Escape");
    assert_eq!(after, before, "Esc: the same screen, the place unmoved");
    // Russian layout: д is l, then Enter, then q closes it too.
    t.press("Escape");
    t.keys(&["д", "Enter"]);
    t.wait_for("Footnote ¹");
    t.keys(&["q"]);
    let back = t.wait_until("the footnote closed", |s| !s.contains("Footnote"));
    assert!(
        back.contains("Анна Павловна¹"),
        "q closed the footnote only: {back}"
    );
}

#[test]
fn an_internal_link_jumps_and_ctrl_o_comes_back() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = start("ilink", &home, (100, 30), "");
    let first = t.screen();
    t.keys(&["l", "l"]);
    t.wait_for("Enter: go to «Глава третья»");
    t.keys(&["Enter"]);
    let there = t.wait_for("Третья глава начинается здесь.");
    assert!(!there.contains("Анна Павловна¹"), "{there}");
    t.keys(&["C-o"]);
    let back = t.wait_for("Анна Павловна¹");
    assert_eq!(
        text_rows(&back),
        text_rows(&first),
        "back at the start, nothing focused"
    );
}

#[test]
fn an_external_link_opened_with_the_opener_and_copied() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let opened = home.path().join("opened.txt");
    let opener = home.path().join("opener.sh");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}'\n",
            opened.display()
        ),
    )
    .expect("opener");
    Command::new("chmod")
        .args(["+x", &opener.to_string_lossy()])
        .status()
        .expect("chmod");
    let t = start(
        "xlink",
        &home,
        (100, 30),
        &format!("CHITALKA_OPENER='{}'", opener.display()),
    );
    t.cmd(&["set", "-g", "set-clipboard", "on"]);
    t.keys(&["l", "l", "l"]);
    t.wait_for("Enter: link https://example.org/");
    t.keys(&["Enter"]);
    let shown = t.wait_for("y copy · o open · Esc close");
    assert!(shown.contains(URL), "{shown}");
    t.keys(&["o"]);
    t.wait_for("opened with opener.sh");
    // The opener runs detached: its file comes when it has run.
    let start = std::time::Instant::now();
    while !opened.exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "opener never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let got = std::fs::read_to_string(&opened).expect("opened");
    assert_eq!(got.trim_end(), URL);
    // Copied: the OSC 52 sequence reaches tmux's buffer.
    t.keys(&["Enter"]);
    t.wait_for("y copy · o open");
    t.keys(&["y"]);
    t.wait_for("link copied");
    let buffer = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert_eq!(buffer, URL);
}

#[test]
fn a_missing_configured_opener_is_named() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = start(
        "xmiss",
        &home,
        (140, 30),
        "CHITALKA_OPENER=no-such-opener-here",
    );
    t.keys(&["l", "l", "l"]);
    t.wait_for("Enter: link https://example.org/");
    t.keys(&["Enter"]);
    t.wait_for("y copy · o open · Esc close");
    t.keys(&["o"]);
    let shown = t.wait_for("«no-such-opener-here», was not found");
    assert!(!shown.contains("xdg-open"), "{shown}");
}

#[test]
fn a_click_on_a_note_reference_shows_it() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = start("click", &home, (100, 30), "");
    let s = t.screen();
    let (row, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Павловна¹"))
        .expect("the note reference");
    let col = unicode_width::UnicodeWidthStr::width(line.split('¹').next().unwrap_or(""));
    // An SGR mouse press and release (1-based cells) on the ¹.
    t.text(&format!("\x1b[<0;{};{}M", col + 1, row + 1));
    t.text(&format!("\x1b[<0;{};{}m", col + 1, row + 1));
    let shown = t.wait_for("Footnote ¹");
    assert!(shown.contains("Генуя и Лукка"), "{shown}");
}

#[test]
fn go_to_a_percentage_a_line_and_a_section() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let t = start("goto", &home, (60, 20), "");
    // The line numbers show once the layout is done.
    t.wait_for("line 1/");
    t.keys(&[":"]);
    t.wait_for("Go to:");
    t.text("50%");
    t.keys(&["Enter"]);
    let s = t.wait_until("the middle", |s| !s.contains("Go to:"));
    let bar = status(&s);
    let pct: u32 = bar
        .split('%')
        .next()
        .and_then(|l| l.split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .expect("a percentage on the status line");
    assert!((48..=52).contains(&pct), "{bar}");
    t.keys(&[":"]);
    t.wait_for("Go to:");
    t.text(":120");
    t.keys(&["Enter"]);
    let s = t.wait_for("line 120/");
    assert!(status(&s).contains("line 120/"), "{s}");
    t.keys(&[":"]);
    t.wait_for("Go to:");
    t.text("§2");
    t.keys(&["Enter"]);
    let s = t.wait_for("Примечания");
    assert!(s.lines().next().unwrap_or("").contains("Примечания"), "{s}");
    // Back along the jumps: the line, then the middle.
    t.keys(&["C-o"]);
    t.wait_for("line 120/");
}

#[test]
fn go_to_line_1201_of_a_long_article() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let file = home.path().join("long.txt");
    let text: Vec<String> = (1..=2000).map(|i| format!("Абзац номер {i}.")).collect();
    std::fs::write(&file, text.join("\n\n")).expect("long");
    let t = Tmux::new("goline");
    t.start_args(
        &home,
        (100, 30),
        "exec env",
        &format!("'{}'", file.display()),
        "",
    );
    t.wait_for("line 1/");
    t.keys(&[":"]);
    t.wait_for("Go to:");
    // Line 1200 is the blank between two paragraphs: 1201 is one.
    t.text(":1201");
    t.keys(&["Enter"]);
    let s = t.wait_for("line 1201/");
    // The layout's line 1201, as `chitalka render` lays it out, at the top.
    let rendered = home
        .command()
        .args(["render", "--width", "100", "--height", "1300"])
        .arg(&file)
        .output()
        .expect("render");
    let rendered = String::from_utf8_lossy(&rendered.stdout).into_owned();
    let want = rendered.lines().nth(1200).unwrap_or("").trim();
    assert_eq!(want, "Абзац номер 601.");
    let top = s.lines().next().unwrap_or("").trim();
    assert_eq!(top, want, "{s}");
    t.keys(&[":"]);
    t.wait_for("Go to:");
    t.text("1200000");
    t.keys(&["Enter"]);
    let s = t.wait_for("no line 1200000");
    assert!(s.contains("line 1201/"), "nothing moved: {s}");
}
