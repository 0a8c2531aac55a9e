//! Notes are searched with the library: `chitalka find` and the `F` screen
//! list hits in notes (any word form) with the passage they are on, and
//! opening one shows the note at its passage.

use crate::common::screen::{code, key, library_app, screen};
use crate::common::{Home, SEED};
use chitalka::tui::app::ScreenKind;
use crossterm::event::KeyCode;

const PASSAGE: &str = "Узбекистан";
const NOTE: &str = "Перечитать про шёлковый путь";

fn add_note(home: &Home) {
    let out = home.run_on_fixtures(&["mark", SEED, PASSAGE, "--note", NOTE]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn cli_find_lists_note_hits_with_their_passage() {
    let home = Home::new();
    add_note(&home);
    let args = ["find", "шелкового пути", "--json"];
    let out = home.run_on_fixtures(&args);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let note = lines
        .iter()
        .find(|l| l.get("note_on").is_some())
        .expect("a hit in the note");
    assert_eq!(note["note_on"], PASSAGE);
    assert_eq!(note["path"], SEED);
    assert!(
        note["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("шёлковый")),
        "{note}"
    );
    // Plain output says it is a note.
    let plain = home.run_on_fixtures(&args[..args.len() - 1]);
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(text.contains("note on «Узбекистан»"), "{text}");
}

#[test]
fn the_find_screen_opens_a_note_hit_at_its_passage() {
    let home = Home::new();
    add_note(&home);
    let mut app = library_app(&home, 100, 30);
    app.session.index_dir = Some(home.path().join("cache/index"));
    app.on_key(key('F'));
    for c in "перечитать".chars() {
        app.on_key(key(c));
    }
    let start = std::time::Instant::now();
    while app.tick(std::time::Instant::now()) {
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let s = screen(&mut app);
    assert!(s.contains("note on «Узбекистан»"), "{s}");
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Reader);
    let s = screen(&mut app);
    assert!(s.contains(NOTE), "the note is shown:\n{s}");
}

#[test]
fn of_two_notes_on_one_passage_the_one_found_is_shown() {
    let home = Home::new();
    add_note(&home);
    let out = home.run_on_fixtures(&["mark", SEED, PASSAGE, "--note", "Вторая мысль о караванах"]);
    assert!(out.status.success(), "{out:?}");
    let mut app = library_app(&home, 100, 30);
    app.session.index_dir = Some(home.path().join("cache/index"));
    app.on_key(key('F'));
    for c in "караванах".chars() {
        app.on_key(key(c));
    }
    let start = std::time::Instant::now();
    while app.tick(std::time::Instant::now()) {
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    let s = screen(&mut app);
    assert!(s.contains("Вторая мысль о караванах"), "{s}");
    assert!(!s.contains(NOTE), "not the other note on the passage:\n{s}");
}
