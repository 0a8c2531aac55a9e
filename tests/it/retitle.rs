//! Titles and authors the person gives (`chitalka retitle`, the info
//! panel's `t` and `a`): kept in the data dir by content id, they win in
//! the library list, `list`, `find`, the exports of marks and the reader;
//! a damaged titles file is said and never written over. Also: the
//! library shows authors, and file names where two titles are the same.

use crate::common::tmux::Tmux;
use crate::common::{Home, stderr, stdout};
use std::path::{Path, PathBuf};

const BESY: &str = "tests/fixtures/epigraphs/dostoevsky_besy.txt";

/// A library of Бесы (no title of its own), two articles titled
/// «Введение» and a note with front matter.
fn library(home: &Home) -> PathBuf {
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::copy(BESY, lib.join("dostoevsky_besy.txt")).expect("copy");
    std::fs::write(lib.join("a.md"), "# Введение\n\nПервый текст.\n").expect("write");
    std::fs::write(lib.join("b.md"), "# Введение\n\nВторой текст.\n").expect("write");
    std::fs::write(
        lib.join("note.md"),
        "---\ntitle: \"Заметка с шапкой\"\nauthor: Анна Иванова\n---\n\nТекст заметки.\n",
    )
    .expect("write");
    lib
}

fn run(home: &Home, lib: &Path, args: &[&str]) -> std::process::Output {
    home.on_library(lib).args(args).output().expect("run")
}

/// `list --json`: (title, author, retitled) of the article at `path`.
fn listed(home: &Home, lib: &Path, path: &str) -> (String, Option<String>, bool) {
    let out = run(home, lib, &["list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let a = v
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["path"] == path)
        .unwrap_or_else(|| panic!("{path} listed"));
    (
        a["title"].as_str().unwrap_or_default().to_string(),
        a["author"].as_str().map(str::to_string),
        a["retitled"].as_bool().unwrap_or_default(),
    )
}

#[test]
fn front_matter_names_a_markdown_article() {
    let home = Home::new();
    let lib = library(&home);
    assert_eq!(
        listed(&home, &lib, "note.md"),
        (
            "Заметка с шапкой".into(),
            Some("Анна Иванова".into()),
            false
        )
    );
    let out = run(&home, &lib, &["render", "note.md", "--height", "5"]);
    assert!(!stdout(&out).contains("title:"), "{}", stdout(&out));
}

#[test]
fn the_title_given_wins_in_list_find_and_exports() {
    let home = Home::new();
    let lib = library(&home);
    assert_eq!(
        listed(&home, &lib, "dostoevsky_besy.txt"),
        ("Dostoevsky besy".into(), None, false)
    );
    let out = run(
        &home,
        &lib,
        &[
            "retitle",
            "dostoevsky_besy.txt",
            "--title",
            "Бесы",
            "--author",
            "Ф. М. Достоевский",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("«Бесы», Ф. М. Достоевский"),
        "{}",
        stdout(&out)
    );
    let want = (
        "Бесы".to_string(),
        Some("Ф. М. Достоевский".to_string()),
        true,
    );
    assert_eq!(listed(&home, &lib, "dostoevsky_besy.txt"), want);
    // The plain list: path, title, words, author.
    let plain = stdout(&run(&home, &lib, &["list"]));
    let line = plain
        .lines()
        .find(|l| l.starts_with("dostoevsky_besy.txt"))
        .expect("listed");
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!((cols[1], cols[3]), ("Бесы", "Ф. М. Достоевский"), "{line}");
    // Find and the exports of marks name it so.
    let out = run(&home, &lib, &["find", "свиней", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"title\":\"Бесы\""),
        "{}",
        stdout(&out)
    );
    let out = run(
        &home,
        &lib,
        &[
            "mark",
            "dostoevsky_besy.txt",
            "стадо свиней",
            "--note",
            "бесы",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let notes = stdout(&run(&home, &lib, &["notes", "--json"]));
    assert!(notes.contains("\"title\": \"Бесы\""), "{notes}");

    // Moved: found by its content; edited in place: found by its path.
    std::fs::create_dir_all(lib.join("romany")).expect("mkdir");
    let moved = lib.join("romany/dostoevsky_besy.txt");
    std::fs::rename(lib.join("dostoevsky_besy.txt"), &moved).expect("mv");
    assert_eq!(listed(&home, &lib, "romany/dostoevsky_besy.txt"), want);
    std::fs::rename(&moved, lib.join("dostoevsky_besy.txt")).expect("mv back");
    let mut text = std::fs::read_to_string(lib.join("dostoevsky_besy.txt")).expect("read");
    text.push_str("\nПриписка.\n");
    std::fs::write(lib.join("dostoevsky_besy.txt"), text).expect("edit");
    assert_eq!(listed(&home, &lib, "dostoevsky_besy.txt"), want);
    // Only the author given back to the file: the title stays.
    let out = run(
        &home,
        &lib,
        &["retitle", "dostoevsky_besy.txt", "--author", ""],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        listed(&home, &lib, "dostoevsky_besy.txt"),
        ("Бесы".into(), None, true)
    );
    // Cleared: the file's own again.
    let out = run(&home, &lib, &["retitle", "dostoevsky_besy.txt", "--clear"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        listed(&home, &lib, "dostoevsky_besy.txt"),
        ("Dostoevsky besy".into(), None, false)
    );
}

#[test]
fn a_damaged_titles_file_is_said_and_never_written_over() {
    let home = Home::new();
    let lib = library(&home);
    let file = home.data().join("titles.json");
    std::fs::create_dir_all(home.data()).expect("mkdir");
    let damaged = b"{\"schema\": 1, \"articles\": {";
    std::fs::write(&file, damaged).expect("write");
    let out = run(&home, &lib, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("damaged file"), "{}", stderr(&out));
    let out = run(
        &home,
        &lib,
        &["retitle", "dostoevsky_besy.txt", "--title", "Бесы"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("titles.json"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).expect("kept"), damaged);
}

#[test]
fn the_info_panel_gives_a_title_and_an_author() {
    if !Tmux::available() {
        return;
    }
    let home = Home::new();
    let lib = library(&home);
    let t = Tmux::new("retitle");
    let args = format!("--library '{}'", lib.display());
    t.start_args(&home, (100, 20), "exec env", &args, "");
    // Authors, and the file's name where two titles are the same.
    let screen = t.wait_for("sorted by");
    assert!(
        screen.contains("Заметка с шапкой — Анна Иванова"),
        "{screen}"
    );
    assert!(screen.contains("Введение · a.md"), "{screen}");
    assert!(screen.contains("Введение · b.md"), "{screen}");
    t.cmd(&["resize-window", "-t", "main", "-x", "60"]);
    let screen = t.wait_until("the library at 60 columns", |s| {
        s.lines().all(|l| l.chars().count() <= 60) && s.contains("Введение · b.md")
    });
    assert!(
        screen.contains("Заметка с шапкой — Анна Иванова"),
        "{screen}"
    );

    t.keys(&["/"]);
    t.text("dostoevsky");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("% ·");
    t.keys(&["i"]);
    t.wait_for("t title");
    t.keys(&["t"]);
    t.wait_for("Title (empty");
    t.keys(&["C-u"]);
    t.text("Бесы");
    t.keys(&["Enter"]);
    t.wait_for("Бесы (given by you)");
    // The Russian layout's twin of `a`.
    t.keys(&["ф"]);
    t.wait_for("Author (empty");
    t.text("Ф. М. Достоевский");
    t.keys(&["Enter"]);
    t.wait_for("Ф. М. Достоевский (given by you)");
    t.press("Escape");
    let screen = t.wait_until("the reader's status line", |s| {
        s.lines().last().is_some_and(|l| l.contains("Бесы"))
    });
    assert!(!screen.contains("Article"), "{screen}");
    t.keys(&["q"]);
    // The filter typed to find it no longer matches its title: Esc clears it.
    t.wait_for("No title matches");
    t.press("Escape");
    let screen = t.wait_for("Бесы — Ф. М. Достоевский");
    assert!(screen.contains("Введение · a.md"), "{screen}");
    // Kept for the command line too.
    assert_eq!(
        listed(&home, &lib, "dostoevsky_besy.txt"),
        ("Бесы".into(), Some("Ф. М. Достоевский".into()), true)
    );
}

#[test]
fn a_title_given_in_another_terminal_reaches_the_running_app() {
    use crate::common::screen::{code, key, screen};
    use crossterm::event::KeyCode;
    let home = Home::new();
    let lib = library(&home);
    let mut app = chitalka::tui::app::App::with_library(
        chitalka::config::Config::default(),
        &home.data(),
        &lib,
        (100, 30),
    )
    .expect("app");
    assert!(screen(&mut app).contains("Dostoevsky besy"));
    // `chitalka retitle` while the app runs.
    let out = run(
        &home,
        &lib,
        &["retitle", "dostoevsky_besy.txt", "--title", "Бесы"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Opened now, the article has the new title.
    app.on_key(key('/'));
    for c in "dosto".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    assert!(app.reader_mut().is_some(), "{}", screen(&mut app));
    let bar = screen(&mut app)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(bar.starts_with(" Бесы"), "{bar}");
    // And back in the library too.
    app.on_key(key('q'));
    let _ = run(&home, &lib, &["retitle", "a.md", "--title", "Первое"]);
    app.on_key(code(KeyCode::Esc));
    app.on_key(key('/'));
    for c in "бесы".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('q'));
    app.on_key(code(KeyCode::Esc));
    let shown = screen(&mut app);
    assert!(shown.contains("Первое"), "{shown}");
}
