//! A long article opens at once (issue 13): a part of it is shown before
//! the whole is read, keys that need the whole wait for it and are carried
//! out then, and a saved place deep in the file opens first.

use crate::common::Home;
use crate::common::screen::{key, screen};
use crate::common::tmux::Tmux;
use chitalka::config::Config;
use chitalka::core::document::Pos;
use chitalka::tui::app::App;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Paragraphs of the long article, in chapters of [`CHAPTER`].
const PARAS: usize = 12_000;
const CHAPTER: usize = 400;

/// A plain text well over the size read whole at once (about 2 MB), every
/// paragraph different, a chapter heading every [`CHAPTER`] paragraphs.
fn long_article(home: &Home) -> PathBuf {
    let mut text = String::from("Длинная книга\n\n");
    for i in 0..PARAS {
        if i % CHAPTER == 0 {
            text.push_str(&format!("\nГЛАВА {}\n\n", i / CHAPTER + 1));
        }
        text.push_str(&format!(
            "Абзац номер {i}: здесь говорится о событии {}, и слова идут одно за другим, \
             чтобы строка была длинной.\n\n",
            i * 7 + 3
        ));
    }
    let path = home.path().join("long.txt");
    std::fs::write(&path, text).expect("write");
    assert!(std::fs::metadata(&path).expect("meta").len() > chitalka::core::preview::PREVIEW_FROM);
    path
}

/// An FB2 book (a format read only whole) over the size read at once.
fn long_fb2(home: &Home) -> PathBuf {
    let mut fb2 = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<FictionBook xmlns=\"http://www.gribuser.ru/xml/fictionbook/2.0\">\
         <description><title-info><book-title>Большая книга</book-title></title-info></description><body><section>",
    );
    for i in 0..8_000 {
        fb2.push_str(&format!(
            "<p>Абзац номер {i}: слова, слова и ещё раз слова.</p>"
        ));
    }
    fb2.push_str("</section></body></FictionBook>\n");
    let file = home.path().join("big.fb2");
    std::fs::write(&file, fb2).expect("write");
    file
}

fn open(home: &Home, file: &Path) -> App {
    App::with_file(Config::default(), &home.data(), file, (100, 30)).expect("open")
}

fn loading(app: &App) -> bool {
    app.reader().is_some_and(|r| r.loading.is_some())
}

/// Tick the app until the whole article is read.
fn until_whole(app: &mut App) {
    let start = Instant::now();
    while loading(app) {
        assert!(start.elapsed() < Duration::from_secs(120), "never read");
        app.tick(Instant::now());
        std::thread::sleep(Duration::from_millis(5));
    }
    app.tick(Instant::now());
}

/// Put the paragraph starting with `start` at the top, as reading would,
/// and leave (the position is saved); where the top was.
fn go_to_and_leave(mut app: App, start: &str) -> Pos {
    let deep = {
        let r = app.reader_mut().expect("reader");
        let b = r
            .doc
            .blocks
            .iter()
            .position(|b| b.text.starts_with(start))
            .expect("paragraph");
        r.view.go_to(&r.doc, Pos::new(b, 0));
        r.changed_at = Some(Instant::now());
        r.view.top_pos(&r.doc)
    };
    app.save_position();
    deep
}

#[test]
fn a_long_article_shows_its_head_before_the_whole_is_read() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    assert!(loading(&app), "read whole before the first screen");
    let first = screen(&mut app);
    assert!(first.contains("Абзац номер 0:"), "{first}");
    assert!(first.contains("reading the whole article"), "{first}");
    until_whole(&mut app);
    let after = screen(&mut app);
    assert!(after.contains("Абзац номер 0:"), "{after}");
    assert!(!after.contains("reading the whole article"), "{after}");
    let r = app.reader().expect("reader");
    assert!(
        r.doc.blocks.len() > PARAS,
        "the whole: {}",
        r.doc.blocks.len()
    );
    assert!(!r.id.is_empty());
}

#[test]
fn a_key_that_needs_the_whole_waits_for_it_and_then_runs() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    // The outline of the whole, asked for at once.
    app.on_key(key('o'));
    assert!(loading(&app), "the whole is taken only at a tick");
    assert!(!app.reader().expect("reader").panel.open);
    let s = screen(&mut app);
    assert!(s.contains("your key waits"), "{s}");
    until_whole(&mut app);
    let r = app.reader().expect("reader");
    assert!(r.panel.open, "the key was lost");
    let chapters = r
        .panel
        .outline
        .sections
        .iter()
        .filter(|s| s.title.starts_with("ГЛАВА"))
        .count();
    assert_eq!(chapters, PARAS / CHAPTER, "the outline of the whole");
}

#[test]
fn g_shows_the_end_at_once_and_stays_there() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    app.on_key(key('G'));
    let last = format!("Абзац номер {}:", PARAS - 1);
    let s = screen(&mut app);
    assert!(s.contains(&last), "{s}");
    until_whole(&mut app);
    let s = screen(&mut app);
    assert!(s.contains(&last), "{s}");
    assert!(s.contains("100%"), "{s}");
}

#[test]
fn a_place_deep_in_a_long_article_opens_first_and_is_the_same_in_the_whole() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    until_whole(&mut app);
    // Go deep, as reading would, and leave (the position is saved).
    let deep = go_to_and_leave(app, "Абзац номер 10500:");
    let mut again = open(&home, &file);
    assert!(loading(&again), "read whole before the first screen");
    let first = screen(&mut again);
    let top = first.lines().next().unwrap_or_default().to_string();
    assert!(top.contains("Абзац номер 10500:"), "{first}");
    until_whole(&mut again);
    let r = again.reader_mut().expect("reader");
    assert_eq!(r.view.top_pos(&r.doc), deep);
}

#[test]
fn a_part_saves_its_words_not_its_places() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    for _ in 0..5 {
        app.on_key(key('j'));
    }
    app.save_position();
    assert!(loading(&app), "the whole is taken only at a tick");
    // The part's block numbers are not the whole's: only its words.
    let state = std::fs::read_to_string(home.data().join("state.json")).expect("state");
    let v: serde_json::Value = serde_json::from_str(&state).expect("json");
    let s = v["articles"]
        .as_object()
        .and_then(|a| a.values().next())
        .expect("a state");
    assert_eq!(s["pos"]["block"], 0, "{state}");
    assert!(
        s["quote"].as_str().is_some_and(|q| q.contains("Абзац")),
        "{state}"
    );
    until_whole(&mut app);
    // The scroll made on the part is kept in the whole, and saved.
    let r = app.reader_mut().expect("reader");
    let top = r.view.top_pos(&r.doc);
    assert!(top.block > 0, "{top:?}");
    r.changed_at = Some(Instant::now());
    app.save_position();
    let state = std::fs::read_to_string(home.data().join("state.json")).expect("state");
    assert!(
        state.contains(&format!("\"block\": {}", top.block)),
        "{state}"
    );
}

#[test]
fn leaving_before_the_whole_is_read_keeps_the_place() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    app.on_key(key('G'));
    let last = format!("Абзац номер {}:", PARAS - 1);
    assert!(loading(&app), "the whole is taken only at a tick");
    app.save_position();
    drop(app);
    let state = std::fs::read_to_string(home.data().join("state.json")).expect("state");
    assert!(state.contains("\"quote\""), "{state}");
    let mut again = open(&home, &file);
    let s = screen(&mut again);
    assert!(s.contains(&last), "{s}");
    until_whole(&mut again);
    let s = screen(&mut again);
    assert!(s.contains(&last), "{s}");
}

#[test]
fn a_saved_place_in_a_real_terminal() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let file = long_article(&home);
    let arg = format!("'{}'", file.display());
    let t = Tmux::new("open-long");
    t.start_args(&home, (100, 30), "exec env", &arg, "");
    t.wait_for("Абзац номер 0:");
    // `:90%` shows that part at once, whole or not.
    t.keys(&[":"]);
    t.text("90%");
    t.keys(&["Enter"]);
    // (90% of the text is paragraph 10,800 or so.)
    let there = t.wait_until("at 90%", |s| {
        s.contains("Абзац номер 10") && !s.contains("Абзац номер 0:")
    });
    let line = crate::common::tmux::text_rows(&there)
        .lines()
        .find(|l| l.contains("Абзац номер"))
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    assert!(!line.is_empty(), "{there}");
    // Once the whole is read, the same passage is on screen.
    let whole = t.wait_until("the whole read", |s| !s.contains("reading the whole"));
    assert!(whole.contains(&line), "{line}\n{whole}");
    t.keys(&["q"]);
    t.wait_exit();
    // Opened again: the same passage first.
    let t = Tmux::new("open-long-again");
    t.start_args(&home, (100, 30), "exec env", &arg, "");
    t.wait_for(&line);
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn a_long_book_read_only_whole_opens_empty_and_fills_in() {
    let home = Home::new();
    let file = long_fb2(&home);
    let mut app = open(&home, &file);
    assert!(loading(&app), "the whole is taken only at a tick");
    let s = screen(&mut app);
    assert!(s.contains("reading the whole article"), "{s}");
    // The keys are the app's meanwhile: help opens and closes.
    app.on_key(key('?'));
    assert!(app.help_open());
    app.on_key(crate::common::screen::code(crossterm::event::KeyCode::Esc));
    until_whole(&mut app);
    let s = screen(&mut app);
    assert!(s.contains("Абзац номер 0:"), "{s}");
    assert!(s.contains("Большая книга"), "{s}");
}

#[test]
fn find_typed_while_the_whole_is_read_is_a_find_not_keys() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    // «й» is `q` on the Russian layout: typed into the find, never a quit.
    for c in "/событии 3й".chars() {
        app.on_key(key(c));
    }
    assert!(!app.quitting(), "a letter of the query quit");
    until_whole(&mut app);
    let r = app.reader().expect("reader");
    assert!(r.find.prompt, "the prompt closed");
    assert_eq!(r.find.query, "событии 3й");
    // Esc goes back to where `/` was pressed: the start.
    app.on_key(crate::common::screen::code(
        crossterm::event::KeyCode::Backspace,
    ));
    app.on_key(crate::common::screen::code(
        crossterm::event::KeyCode::Enter,
    ));
    let s = screen(&mut app);
    assert!(s.contains("событии 3"), "{s}");
}

#[test]
fn g_goes_to_the_start_of_the_article_not_of_the_part() {
    let home = Home::new();
    let file = long_article(&home);
    let mut app = open(&home, &file);
    app.on_key(key('G'));
    app.on_key(key('g'));
    let s = screen(&mut app);
    assert!(s.contains("Абзац номер 0:"), "{s}");
    until_whole(&mut app);
    let s = screen(&mut app);
    assert!(s.contains("Абзац номер 0:"), "{s}");
}

#[test]
fn a_saved_place_survives_blocks_of_very_different_sizes() {
    let home = Home::new();
    // Long paragraphs first, then many short ones: a share of the blocks is
    // no measure of a share of the text.
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!(
            "Длинный абзац {i}: {}\n\n",
            "слово ".repeat(1_700)
        ));
    }
    for i in 0..100_000 {
        text.push_str(&format!("Строка номер {i} текста.\n\n"));
    }
    let file = home.path().join("skew.txt");
    std::fs::write(&file, text).expect("write");
    let mut app = open(&home, &file);
    until_whole(&mut app);
    let deep = go_to_and_leave(app, "Строка номер 60000 ");
    let mut again = open(&home, &file);
    let first = screen(&mut again);
    assert!(first.contains("Строка номер 60000 "), "{first}");
    until_whole(&mut again);
    let r = again.reader_mut().expect("reader");
    assert_eq!(r.view.top_pos(&r.doc), deep);
}

#[test]
fn g_on_a_book_read_only_whole_waits_for_it() {
    let home = Home::new();
    let file = long_fb2(&home);
    let mut app = open(&home, &file);
    app.on_key(key('G'));
    until_whole(&mut app);
    let s = screen(&mut app);
    assert!(s.contains("Абзац номер 7999:"), "G was lost:\n{s}");
}
