//! Comfort: the jump list (back after a section, a hit, g/G, a mark in
//! another article) and the mouse (click in lists and the outline, drag to
//! choose a passage).

mod common;

use chitalka::tui::app::{App, Screen};
use common::screen::{code, key, reader_app, screen};
use common::{FIXTURE_LIBRARY, Home};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn top(app: &mut App) -> (std::path::PathBuf, chitalka::core::document::Pos) {
    let r = app.reader.as_mut().expect("reader");
    (r.path.clone(), r.view.top_pos(&r.doc))
}

fn war_and_peace(home: &Home) -> App {
    let mut app = reader_app(home, 80, 24);
    app.open(
        &Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt"),
        "voyna-i-mir-excerpt.txt".into(),
    )
    .expect("open");
    app
}

#[test]
fn back_after_g_sections_and_hits() {
    let home = Home::new();
    let mut app = war_and_peace(&home);
    for _ in 0..5 {
        app.on_key(key('j'));
    }
    let start = top(&mut app);
    app.on_key(key('G'));
    assert_ne!(top(&mut app), start);
    app.on_key(ctrl('o'));
    assert_eq!(top(&mut app), start, "Ctrl-o: back from the end");

    app.on_key(key(']'));
    let section = top(&mut app);
    assert_ne!(section, start);
    app.on_key(key(']'));
    app.on_key(code(KeyCode::Backspace));
    assert_eq!(top(&mut app), section, "Backspace: back one section jump");
    app.on_key(ctrl('щ')); // Ctrl-o on the Russian layout
    assert_eq!(top(&mut app), start);

    // A find is a jump: back to where it started.
    app.on_key(key('/'));
    for c in "андрей".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('n'));
    assert_ne!(top(&mut app), start);
    app.on_key(ctrl('o'));
    app.on_key(ctrl('o'));
    assert_eq!(top(&mut app), start);
    app.on_key(ctrl('o'));
    assert!(screen(&mut app).contains("no jump to go back from"));
}

#[test]
fn back_across_articles_after_a_mark() {
    let home = Home::new();
    let mut app = war_and_peace(&home);
    app.on_key(key('G'));
    app.on_key(key('m'));
    app.on_key(code(KeyCode::Enter));
    app.open(
        &Path::new(FIXTURE_LIBRARY).join(common::SEED),
        common::SEED.into(),
    )
    .expect("open");
    app.on_key(key('j'));
    let seed = top(&mut app);
    app.on_key(key('B'));
    app.on_key(code(KeyCode::Tab));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Reader);
    assert!(top(&mut app).0.ends_with("voyna-i-mir-excerpt.txt"));
    app.on_key(ctrl('o'));
    assert_eq!(top(&mut app), seed, "back in the other article, same place");
}
