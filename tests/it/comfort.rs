//! Comfort: the jump list (back after a section, a hit, g/G, a mark in
//! another article) and the mouse (click in lists and the outline, drag to
//! choose a passage).

use crate::common::screen::{code, key, reader_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home};
use chitalka::tui::app::{App, ScreenKind};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn top(app: &mut App) -> (std::path::PathBuf, chitalka::core::document::Pos) {
    let r = app.reader_mut().expect("reader");
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
        &Path::new(FIXTURE_LIBRARY).join(crate::common::SEED),
        crate::common::SEED.into(),
    )
    .expect("open");
    app.on_key(key('j'));
    let seed = top(&mut app);
    app.on_key(key('B'));
    app.on_key(code(KeyCode::Tab));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Reader);
    assert!(top(&mut app).0.ends_with("voyna-i-mir-excerpt.txt"));
    app.on_key(ctrl('o'));
    assert_eq!(top(&mut app), seed, "back in the other article, same place");
}

fn mouse(kind: crossterm::event::MouseEventKind, x: u16, y: u16) -> crossterm::event::MouseEvent {
    crossterm::event::MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }
}

use crossterm::event::MouseButton::Left;
use crossterm::event::MouseEventKind::{Down, Drag};

#[test]
fn click_selects_and_a_second_click_opens_in_the_library() {
    let home = Home::new();
    let mut app = crate::common::screen::library_app(&home, 80, 24);
    // Rows start under the title and the column headers.
    app.on_mouse(mouse(Down(Left), 10, 4));
    let lv = app.library().expect("library");
    assert_eq!(lv.selected, 2);
    app.on_mouse(mouse(Down(Left), 10, 4));
    assert_eq!(
        app.screen(),
        ScreenKind::Reader,
        "a click on the selected row opens it"
    );
}

#[test]
fn click_in_the_outline_goes_to_the_section() {
    let home = Home::new();
    let mut app = war_and_peace(&home);
    app.on_key(key('o'));
    let before = top(&mut app);
    // The docked outline is on the left; its fourth entry.
    app.on_mouse(mouse(Down(Left), 3, 3));
    let after = top(&mut app);
    assert_ne!(after, before);
    let r = app.reader().expect("reader");
    let want = r.panel.outline.sections[r.panel.visible()[3]].start.block;
    assert_eq!(after.1.block, want);
    app.on_key(ctrl('o'));
    assert_eq!(top(&mut app), before, "a click jump goes on the jump list");
}

#[test]
fn drag_chooses_a_passage_by_sentences() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    let (x, _) = app.text_column();
    let x = x as u16;
    app.on_mouse(mouse(Down(Left), x + 3, 2));
    app.on_mouse(mouse(Drag(Left), x + 10, 6));
    let r = app.reader().expect("reader");
    let sel = r.selection.as_ref().expect("a passage is chosen");
    let (a, b) = sel.range();
    assert!(a < b);
    assert!(screen(&mut app).contains("Choosing a passage"));
    // m bookmarks what was dragged over.
    app.on_key(key('m'));
    app.on_key(code(KeyCode::Enter));
    let r = app.reader().expect("reader");
    assert_eq!((r.marks.placed[0].start, r.marks.placed[0].end), (a, b));
}

#[test]
fn y_copies_the_chosen_passage_whole() {
    let home = Home::new();
    // 40 columns: both sentences are wrapped over several rows.
    let mut app = reader_app(&home, 40, 24);
    app.on_key(key('v'));
    app.on_key(key('j'));
    app.on_key(key('y'));
    assert_eq!(
        app.copied(),
        Some(
            "Узбекско-японское сотрудничество в современных условиях: \
             достижения и перспективы\n\nУзбекско-японские отношения прошли \
             долгий путь становления и развития, превратившись в значимое \
             стратегическое партнерство, которое охватывает различные сферы \
             взаимодействия."
        )
    );
    assert!(app.reader().is_some_and(|r| r.selection.is_none()));

    // A word with a soft hyphen (a break chance) is copied whole.
    let file = home.path().join("мягкий.txt");
    std::fs::write(&file, "Заголовок\n\nСтарый за\u{AD}мок стоял на горе.\n").expect("write");
    let mut app = App::with_file(
        chitalka::config::Config::default(),
        &home.data(),
        &file,
        (40, 10),
    )
    .expect("app");
    app.on_key(key('v'));
    app.on_key(key('j'));
    app.on_key(key('y'));
    assert_eq!(
        app.copied(),
        Some("Заголовок\n\nСтарый замок стоял на горе.")
    );
}

#[test]
fn marks_and_mouse_in_tiny_and_huge_windows_do_not_panic() {
    use crossterm::event::MouseButton::Left;
    use crossterm::event::MouseEventKind::{Down, Drag, ScrollDown};
    let home = Home::new();
    for (w, h) in [(1, 1), (2, 2), (3, 2), (10, 3), (20, 5), (300, 80)] {
        let mut app = reader_app(&home, w, h);
        for ev in [
            key('v'),
            key('j'),
            key('}'),
            key('y'),
            key('v'),
            key('m'),
            key('ы'),
            code(KeyCode::Enter),
            key('a'),
            key('з'),
            key('\u{301}'),
            code(KeyCode::Left),
            code(KeyCode::Up),
            ctrl('s'),
            code(KeyCode::Enter),
            key('x'),
            key('B'),
            code(KeyCode::Tab),
            key('e'),
            code(KeyCode::Esc),
            key('d'),
            key('u'),
            code(KeyCode::Enter),
            key('A'),
            key('e'),
            code(KeyCode::Backspace),
            code(KeyCode::Esc),
            key('y'),
            code(KeyCode::Esc),
            ctrl('o'),
        ] {
            app.on_key(ev);
            screen(&mut app);
        }
        for (kind, x, y) in [
            (Down(Left), 0, 0),
            (Drag(Left), w.saturating_sub(1), h.saturating_sub(1)),
            (Drag(Left), w + 5, h + 5),
            (ScrollDown, 0, 0),
            (Down(Left), w / 2, h / 2),
        ] {
            app.on_mouse(mouse(kind, x, y));
            screen(&mut app);
        }
        app.on_key(key('o'));
        app.on_mouse(mouse(Down(Left), 0, 1));
        screen(&mut app);
    }
}

#[test]
fn a_click_on_a_justified_line_finds_the_letter_drawn_there() {
    use chitalka::core::layout::LayoutOptions;
    let home = Home::new();
    let mut app = war_and_peace(&home);
    app.set_layout(LayoutOptions {
        justify: true,
        hyphenate: true,
        ..LayoutOptions::default()
    });
    for _ in 0..15 {
        app.on_key(key('j'));
    }
    let shown = screen(&mut app);
    let lines = {
        let r = app.reader_mut().expect("reader");
        r.view.visible(&r.doc)
    };
    let y = lines
        .iter()
        .position(|l| l.gaps.iter().any(|(_, n)| *n > 0))
        .expect("a widened line on screen");
    let row: Vec<char> = shown.lines().nth(y).expect("row").chars().collect();
    let mut checked = 0;
    for (x, c) in row.iter().enumerate() {
        if c.is_whitespace() || *c == '-' {
            continue;
        }
        let pos = app.text_pos(x as u16, y as u16).expect("a position");
        let r = app.reader().expect("reader");
        let at = &r.doc.blocks[pos.block].text[pos.offset..];
        assert!(
            at.starts_with(*c),
            "column {x}: drawn {c:?}, found {:?}",
            at.chars().next()
        );
        checked += 1;
    }
    assert!(checked > 30);
}

#[test]
fn the_name_typed_stays_in_sight_in_a_narrow_window() {
    let home = Home::new();
    let mut app = reader_app(&home, 30, 10);
    app.on_key(key('m'));
    for c in "очень длинное название закладки".chars() {
        app.on_key(key(c));
    }
    let s = screen(&mut app);
    let bar = s.lines().last().unwrap_or("");
    assert!(bar.contains("закладки▏"), "{bar}");
}

#[test]
fn a_large_new_library_is_read_in_the_background_then_from_the_cache() {
    use chitalka::core::scan_cache::ScanCache;
    let home = Home::new();
    let lib = home.path().join("big");
    let cache = home.path().join("cache");
    std::fs::create_dir_all(&lib).expect("mkdir");
    for i in 0..120 {
        std::fs::write(
            lib.join(format!("{i:03}.txt")),
            format!("Статья {i}\n\n{}\n", "Слово за словом. ".repeat(200)),
        )
        .expect("write");
    }
    let start = |home: &Home| {
        App::with_library_cached(
            chitalka::config::Config::default(),
            &home.data(),
            &lib,
            (80, 24),
            Some(ScanCache::open(&cache, &lib)),
        )
        .expect("app")
    };
    let mut app = start(&home);
    assert!(app.session.scanning.is_some());
    // Until a tick takes the result, the title says how far the reading is.
    assert!(screen(&mut app).contains("reading the library"));
    // The keys work while it reads: the filter takes Cyrillic at once.
    app.on_key(key('/'));
    app.on_key(key('с'));
    assert!(app.library().is_some_and(|l| l.filter == "с"));
    app.on_key(code(KeyCode::Esc));
    // F before the scan is done: said, and the find opens when it is.
    app.session.index_dir = Some(home.path().join("index"));
    app.on_key(key('F'));
    assert_eq!(app.screen(), ScreenKind::Library);
    assert!(app.session.message.is_some());
    let t = std::time::Instant::now();
    while app.session.scanning.is_some() {
        assert!(
            t.elapsed() < std::time::Duration::from_secs(30),
            "never done"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.tick(std::time::Instant::now());
    }
    assert_eq!(
        app.screen(),
        ScreenKind::Search,
        "the find asked for opened"
    );
    assert_eq!(app.session.message, None, "and the wait is no longer said");
    app.on_key(code(KeyCode::Esc));
    assert_eq!(app.screen(), ScreenKind::Library);
    assert_eq!(app.library().map(|l| l.rows.len()), Some(120));
    assert!(screen(&mut app).contains("Статья 0"));
    // Started again: everything from the cache, nothing in the background.
    let again = start(&home);
    let lv = again.library().expect("library");
    assert!(again.session.scanning.is_none());
    assert_eq!(lv.rows.len(), 120);
}
