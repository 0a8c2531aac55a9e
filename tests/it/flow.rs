//! The reading flow across screens: the library-wide find and back, jumps
//! across articles, histories, messages that go by themselves.

use crate::common::screen::{code, key, library_app, reader_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home, SEED};
use chitalka::tui::app::{App, ScreenKind};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(c));
    }
}

/// `F` with the index in `home`, `query` typed, the index built.
fn find_in_library(app: &mut App, home: &Home, query: &str) {
    app.session.index_dir = Some(home.path().join("cache/index"));
    app.on_key(key('F'));
    typed(app, query);
    let start = Instant::now();
    while app.tick(Instant::now()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "index never built"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn reader_path(app: &App) -> String {
    app.reader()
        .map(|r| r.path.display().to_string())
        .unwrap_or_default()
}

#[test]
fn q_from_an_article_opened_from_the_find_goes_back_to_the_hits() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 30);
    find_in_library(&mut app, &home, "и");
    let hits = app.search().map_or(0, |s| s.result.hits.len());
    assert!(hits >= 3, "{hits} hits");
    app.on_key(code(KeyCode::Enter)); // the list has the keys
    app.on_key(key('j'));
    app.on_key(key('j'));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Reader);
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Search, "back to the hits");
    let s = app.search().expect("search");
    assert_eq!(
        (s.query.as_str(), s.selected),
        ("и", 2),
        "query and place kept"
    );
    assert!(!s.typing);
    // And from the hits, back to the library.
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Library);
}

#[test]
fn opening_a_hit_is_a_jump_that_ctrl_o_comes_back_from() {
    let home = Home::new();
    let mut app = reader_app(&home, 100, 30);
    for _ in 0..5 {
        app.on_key(key('j'));
    }
    let before = app.place().expect("place");
    // A word only War and Peace has.
    find_in_library(&mut app, &home, "Пьер");
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    assert!(reader_path(&app).contains("voyna"), "{}", reader_path(&app));
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    assert_eq!(app.place(), Some(before), "back where the reading was");
    assert!(reader_path(&app).ends_with(SEED));
}

#[test]
fn the_library_find_has_a_history() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 30);
    find_in_library(&mut app, &home, "сотрудничество");
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Library);
    app.on_key(key('F'));
    assert_eq!(app.search().map(|s| s.query.as_str()), Some(""));
    app.on_key(code(KeyCode::Up));
    assert_eq!(
        app.search().map(|s| s.query.as_str()),
        Some("сотрудничество"),
        "↑ brings the last query back"
    );
    assert!(screen(&mut app).contains("сотрудничество"));
    app.on_key(code(KeyCode::Down));
    assert_eq!(
        app.search().map(|s| s.query.as_str()),
        Some(""),
        "↓ past it"
    );
    app.on_key(code(KeyCode::Down));
    assert!(app.search().is_some_and(|s| !s.typing), "↓ again: the list");
}

#[test]
fn f_again_goes_back_to_the_open_find_not_a_new_one() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 30);
    find_in_library(&mut app, &home, "и");
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Reader);
    app.on_key(key('F'));
    assert_eq!(app.screen(), ScreenKind::Search);
    assert_eq!(app.screens().len(), 2, "library and find, nothing piled up");
    assert_eq!(app.search().map(|s| s.query.as_str()), Some("и"));
}

#[test]
fn passing_news_goes_by_itself_an_error_waits_for_a_key() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('v'));
    app.on_key(key('y'));
    let copied = app.session.message.clone().unwrap_or_default();
    assert!(copied.starts_with("copied"), "{copied}");
    app.tick(Instant::now());
    assert!(app.session.message.is_some(), "still there at once");
    let due = app.next_wake().expect("the loop wakes to take it away");
    assert!(
        due > Instant::now() + Duration::from_secs(2),
        "stays a while"
    );
    app.tick(due);
    assert_eq!(app.session.message, None, "gone after a few seconds");
    assert!(!screen(&mut app).contains("copied"));

    // Something that went wrong stays until a key.
    app.on_key(key('N'));
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    let said = app.session.message.clone().unwrap_or_default();
    assert!(!said.is_empty());
    app.tick(Instant::now() + Duration::from_secs(60));
    assert_eq!(app.session.message.as_deref(), Some(said.as_str()));
    app.on_key(key('j'));
    assert_eq!(app.session.message, None);
}

#[test]
fn a_single_file_quits_on_q_and_has_no_library_find() {
    let home = Home::new();
    let file = std::path::Path::new(FIXTURE_LIBRARY).join(SEED);
    let mut app = App::with_file(
        chitalka::config::Config::default(),
        &home.data(),
        &file,
        (80, 24),
    )
    .expect("app");
    let bar = screen(&mut app).lines().last().unwrap_or("").to_string();
    assert!(bar.contains("q quit") && !bar.contains("back"), "{bar}");
    app.on_key(key('F'));
    assert_eq!(app.screen(), ScreenKind::Reader);
    assert!(app.session.message.is_some(), "says why");
    app.on_key(code(KeyCode::Esc));
    assert!(!app.quitting(), "Esc never quits");
    app.on_key(key('q'));
    assert!(app.quitting());
}

#[test]
fn a_hit_opened_from_the_find_is_on_screen_at_any_size() {
    for (w, h) in [(40, 12), (80, 24)] {
        let home = Home::new();
        let mut app = library_app(&home, w, h);
        find_in_library(&mut app, &home, "сотрудничество");
        app.on_key(code(KeyCode::Enter));
        app.on_key(code(KeyCode::Enter));
        let r = app.reader_mut().expect("reader");
        let hit = r.find.current.and_then(|i| r.find.hits().get(i)).cloned();
        let hit = hit.expect("a current hit");
        let shown = r
            .view
            .visible(&r.doc)
            .iter()
            .any(|l| l.block == hit.block && l.contains(hit.range.start));
        assert!(shown, "{w}x{h}: the hit is below the screen");
    }
}

#[test]
fn an_editor_that_failed_is_said_over_the_note_being_written() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('a'));
    assert!(app.writing_note());
    assert!(screen(&mut app).contains("Writing a note"));
    app.external_done(Err("no such file: /nonexistent/ed".into()));
    let s = screen(&mut app);
    let bar = s.lines().last().unwrap_or("");
    assert!(bar.contains("/nonexistent/ed"), "{bar}");
    assert!(app.writing_note(), "the note stays open");
}

#[test]
fn a_second_note_or_bookmark_on_a_passage_edits_the_first() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let live = |app: &App| app.reader().map_or(0, |r| r.marks.data.live().count());
    app.on_key(key('a'));
    typed(&mut app, "первая");
    app.on_key(ctrl('s'));
    assert_eq!(live(&app), 1);
    app.on_key(key('a'));
    assert!(
        screen(&mut app).contains("первая"),
        "the note there is opened"
    );
    app.on_key(code(KeyCode::Esc));
    app.on_key(key('m'));
    typed(&mut app, "метка");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(live(&app), 2);
    app.on_key(key('m'));
    let bar = screen(&mut app).lines().last().unwrap_or("").to_string();
    assert!(bar.contains("метка"), "renames the bookmark there: {bar}");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(live(&app), 2, "no second bookmark on the same passage");
}

#[test]
fn a_note_on_a_low_passage_keeps_it_in_sight_above_the_editor() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let home = Home::new();
    let mut app = reader_app(&home, 40, 12);
    for _ in 0..3 {
        app.on_key(key('j'));
    }
    let at = |kind, row| MouseEvent {
        kind,
        column: 10,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // A sentence on the ninth row chosen with the mouse.
    app.on_mouse(at(MouseEventKind::Down(MouseButton::Left), 9));
    app.on_mouse(at(MouseEventKind::Drag(MouseButton::Left), 9));
    app.on_mouse(at(MouseEventKind::Up(MouseButton::Left), 9));
    assert!(app.reader().is_some_and(|r| r.selection.is_some()));
    app.on_key(key('a'));
    assert!(app.writing_note());
    let r = app.reader_mut().expect("reader");
    let (start, _) = r.pending.expect("the passage written on");
    let row = r
        .view
        .visible(&r.doc)
        .iter()
        .position(|l| l.block == start.block && l.contains(start.offset));
    // 11 rows of text, the box takes 8: the passage starts in the 3 above.
    assert!(row.is_some_and(|i| i < 3), "row {row:?}");
}

#[test]
fn ctrl_j_is_enter_as_a_terminal_in_line_mode_sends_it() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('/'));
    typed(&mut app, "Япони");
    app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL));
    assert!(
        app.reader()
            .is_some_and(|r| !r.find.prompt && !r.find.hits().is_empty()),
        "the query was entered, not typed on"
    );
}

#[test]
fn the_index_folder_removed_while_the_find_is_open_is_made_again() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 30);
    find_in_library(&mut app, &home, "сотрудничество");
    assert!(app.search().is_some_and(|s| !s.result.hits.is_empty()));
    std::fs::remove_dir_all(home.path().join("cache/index")).expect("rm");
    // Typing on: the search fails, the index is made anew, the hits come.
    app.on_key(code(KeyCode::Backspace));
    let start = Instant::now();
    while app.tick(Instant::now()) {
        assert!(start.elapsed() < Duration::from_secs(20), "never rebuilt");
        std::thread::sleep(Duration::from_millis(20));
    }
    app.on_key(key('о'));
    let s = app.search().expect("search");
    assert_eq!(s.error, None, "{:?}", s.error);
    assert!(!s.result.hits.is_empty(), "hits again");
}

#[test]
fn a_mark_on_the_last_line_jumped_to_is_on_screen() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('G'));
    let at = |kind| MouseEvent {
        kind,
        column: 10,
        row: 22,
        modifiers: KeyModifiers::NONE,
    };
    // The last row of text chosen with the mouse and bookmarked.
    app.on_mouse(at(MouseEventKind::Down(MouseButton::Left)));
    app.on_mouse(at(MouseEventKind::Drag(MouseButton::Left)));
    app.on_mouse(at(MouseEventKind::Up(MouseButton::Left)));
    app.on_key(key('m'));
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('g'));
    app.on_key(key('B'));
    app.on_key(code(KeyCode::Enter));
    let r = app.reader_mut().expect("reader");
    let start = r.marks.placed.first().map(|m| m.start).expect("a mark");
    let shown = r
        .view
        .visible(&r.doc)
        .iter()
        .any(|l| l.block == start.block && l.contains(start.offset));
    assert!(shown, "the mark is below the screen");
}
