//! Bookmarks and notes in the app, driven by keys and read off the drawn
//! screen: choosing a passage, the name prompt, the note editor, the lists
//! (jump, rename, delete, undo), read-only and failing stores.

use crate::common::screen::{code, draw, key, library_app, reader_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home};
use chitalka::core::marks_store::{MarkKind, MarksStore};
use chitalka::tui::app::{App, ScreenKind};
use chitalka::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use std::path::Path;
use std::time::{Duration, Instant};

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(c));
    }
}

/// The text of the cells drawn with background `bg`, row by row.
fn cells_with_bg(app: &mut App, bg: Color) -> String {
    let term = draw(app, &Theme::new(true));
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.bg == bg {
                out.push_str(c.symbol());
            }
        }
    }
    out
}

fn marks_of(app: &App) -> Vec<MarkKind> {
    app.reader()
        .map(|r| r.marks.data.live().map(|(_, m)| m.kind.clone()).collect())
        .unwrap_or_default()
}

fn on_disk(home: &Home) -> Vec<MarkKind> {
    MarksStore::new(&home.data())
        .all()
        .into_iter()
        .flat_map(|(_, m)| {
            m.live()
                .map(|(_, mark)| mark.kind.clone())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn a_chosen_passage_is_highlighted_extended_and_cancelled() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('v'));
    let one = cells_with_bg(&mut app, Color::LightCyan);
    assert!(!one.is_empty(), "the first sentence is chosen");
    app.on_key(key('j'));
    let two = cells_with_bg(&mut app, Color::LightCyan);
    assert!(
        two.len() > one.len() && two.starts_with(&one),
        "{one}\n{two}"
    );
    assert!(screen(&mut app).contains("Choosing a passage"));
    app.on_key(key('k'));
    assert_eq!(cells_with_bg(&mut app, Color::LightCyan), one);
    app.on_key(code(KeyCode::Esc));
    assert!(cells_with_bg(&mut app, Color::LightCyan).is_empty());
    assert_eq!(
        app.screen(),
        ScreenKind::Reader,
        "Esc cancelled the choice only"
    );
}

#[test]
fn bookmark_prompt_cancel_and_accept_with_a_margin_mark() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('m'));
    assert!(screen(&mut app).contains("Bookmark name"));
    typed(&mut app, "Не то");
    app.on_key(code(KeyCode::Esc));
    assert!(marks_of(&app).is_empty(), "Esc saved nothing");

    app.on_key(key('m'));
    typed(&mut app, "Начало");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(
        marks_of(&app),
        [MarkKind::Bookmark {
            name: "Начало".into()
        }]
    );
    assert_eq!(on_disk(&home), marks_of(&app), "saved at once");
    let s = screen(&mut app);
    let first_text_row = s.lines().find(|l| !l.trim().is_empty()).expect("a row");
    let (x, _) = app.text_column();
    assert_eq!(
        first_text_row.chars().nth(x - 2),
        Some('*'),
        "margin mark on the bookmarked line:\n{s}"
    );
}

#[test]
fn a_note_written_highlighted_shown_and_discarding_asks() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    // Esc with text asks; any other key goes on editing; y discards.
    app.on_key(key('a'));
    typed(&mut app, "черновик");
    app.on_key(code(KeyCode::Esc));
    assert!(screen(&mut app).contains("Discard what you wrote?"));
    app.on_key(key('n'));
    assert!(app.writing_note(), "kept editing");
    app.on_key(code(KeyCode::Esc));
    app.on_key(key('н')); // y on the Russian layout
    assert!(!app.writing_note() && marks_of(&app).is_empty());

    // A note on two sentences, with a stress mark and a line break.
    app.on_key(key('v'));
    app.on_key(key('j'));
    app.on_key(key('a'));
    typed(&mut app, "Пе\u{301}рвая мысль");
    app.on_key(code(KeyCode::Enter));
    typed(&mut app, "вторая");
    app.on_key(ctrl('s'));
    assert_eq!(
        marks_of(&app),
        [MarkKind::Note {
            text: "Пе\u{301}рвая мысль\nвторая".into()
        }]
    );
    assert!(app.reader().is_some_and(|r| r.selection.is_none()));
    let noted = cells_with_bg(&mut app, Color::Indexed(58));
    assert!(
        noted.contains("Узбекско"),
        "the passage is highlighted: {noted}"
    );
    app.on_key(code(KeyCode::Enter));
    let shown = screen(&mut app);
    assert!(
        shown.contains("вторая") && shown.contains("Пе\u{301}рвая"),
        "{shown}"
    );
    app.on_key(code(KeyCode::Esc));
    assert!(!screen(&mut app).contains("вторая"), "Esc closes it");
    assert_eq!(app.screen(), ScreenKind::Reader, "and only closes it");
    // Another key closes it and does its work: j reads on.
    app.on_key(code(KeyCode::Enter));
    let top = |a: &mut App| {
        let r = a.reader_mut().expect("reader");
        r.view.top_pos(&r.doc)
    };
    let before = top(&mut app);
    app.on_key(key('j'));
    assert!(!screen(&mut app).contains("вторая"));
    assert_ne!(top(&mut app), before, "j scrolled");
}

#[test]
fn lists_rename_delete_undo_and_jump_across_articles() {
    let home = Home::new();
    // A note in another article, made there.
    let mut app = reader_app(&home, 80, 24);
    app.open(
        &Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt"),
        "voyna-i-mir-excerpt.txt".into(),
    )
    .expect("open");
    app.on_key(code(KeyCode::End));
    app.on_key(key('a'));
    typed(&mut app, "в конце");
    app.on_key(ctrl('s'));
    let far = app.reader().map(|r| r.marks.placed[0].start);

    // Back in the seed article: a bookmark, then the lists.
    app.open(
        &Path::new(FIXTURE_LIBRARY).join(crate::common::SEED),
        crate::common::SEED.into(),
    )
    .expect("open");
    app.on_key(key('m'));
    typed(&mut app, "старое имя");
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('B'));
    let list = screen(&mut app);
    assert!(
        list.contains("Bookmarks · this article (1)") && list.contains("старое имя"),
        "{list}"
    );
    app.on_key(key('e'));
    for _ in 0.."старое имя".chars().count() {
        app.on_key(code(KeyCode::Backspace));
    }
    typed(&mut app, "новое");
    app.on_key(code(KeyCode::Enter));
    assert!(screen(&mut app).contains("новое"));
    assert_eq!(
        on_disk(&home)
            .iter()
            .filter(|k| matches!(k, MarkKind::Bookmark { name } if name == "новое"))
            .count(),
        1
    );
    app.on_key(key('d'));
    assert!(screen(&mut app).contains("(0)") && on_disk(&home).len() == 1);
    app.on_key(key('u'));
    assert!(screen(&mut app).contains("новое") && on_disk(&home).len() == 2);
    app.on_key(code(KeyCode::Esc));

    // Notes of all articles: Enter opens the other article at the passage.
    app.on_key(key('A'));
    assert!(screen(&mut app).contains("Notes · this article (0)"));
    app.on_key(code(KeyCode::Tab));
    let all = screen(&mut app);
    assert!(
        all.contains("Notes · all articles (1)") && all.contains("в конце"),
        "{all}"
    );
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Reader);
    let r = app.reader_mut().expect("reader");
    assert!(r.path.ends_with("voyna-i-mir-excerpt.txt"));
    let lines = r.view.visible(&r.doc);
    let far = far.expect("placed");
    assert!(
        lines.iter().any(|l| l.block == far.block),
        "the passage is on screen"
    );
}

#[test]
fn from_the_library_the_lists_show_every_article() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('m'));
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Library);
    app.on_key(key('B'));
    let s = screen(&mut app);
    assert!(s.contains("Bookmarks · all articles (1)"), "{s}");
    app.on_key(code(KeyCode::Tab));
    assert!(
        screen(&mut app).contains("all articles"),
        "no article open here"
    );
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Library);
    let mut lib = library_app(&home, 80, 24);
    lib.on_key(key('A'));
    assert!(screen(&mut lib).contains("Notes · all articles (0)"));
}

#[test]
fn a_future_schema_is_read_only_and_left_alone() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    let id = app.reader().map(|r| r.id.clone()).expect("id");
    let file = MarksStore::new(&home.data()).file(&id);
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    let future =
        r#"{"schema": 9, "article": "x", "path": "", "title": "", "marks": {}, "new": true}"#;
    std::fs::write(&file, future).expect("write");
    let mut app2 = reader_app(&home, 80, 24);
    assert!(screen(&mut app2).contains("newer"), "{}", screen(&mut app2));
    app2.on_key(key('m'));
    assert!(!app2.prompting(), "no name asked for what cannot be saved");
    assert!(screen(&mut app2).contains("read-only"));
    app2.on_key(key('a'));
    assert!(!app2.writing_note());
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), future);
    app.on_key(key('q'));
}

#[test]
fn a_failed_save_keeps_the_note_and_tries_again() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    // A file where the marks folder should be: every save fails.
    std::fs::create_dir_all(home.data()).expect("mkdir");
    let blocker = home.data().join("marks");
    std::fs::write(&blocker, "not a folder").expect("write");
    app.on_key(key('a'));
    typed(&mut app, "не потерять");
    app.on_key(ctrl('s'));
    assert!(screen(&mut app).contains("could not save"));
    assert_eq!(marks_of(&app).len(), 1, "kept in memory");
    assert!(app.reader().is_some_and(|r| r.marks.unsaved));
    // The way is clear again: the next try saves it.
    std::fs::remove_file(&blocker).expect("rm");
    app.tick(Instant::now() + Duration::from_secs(11));
    assert!(app.reader().is_some_and(|r| !r.marks.unsaved));
    assert_eq!(
        on_disk(&home),
        [MarkKind::Note {
            text: "не потерять".into()
        }]
    );
}

#[test]
fn unsaved_marks_are_rescued_on_the_way_out() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    std::fs::create_dir_all(home.data()).expect("mkdir");
    std::fs::write(home.data().join("marks"), "not a folder").expect("write");
    app.on_key(key('a'));
    typed(&mut app, "спасти");
    app.on_key(ctrl('s'));
    let said = app.flush_marks().expect("a message");
    let path = said
        .split(" were written to ")
        .nth(1)
        .and_then(|s| s.split(" (it holds").next())
        .expect("a path in the message");
    let rescued: chitalka::core::marks_store::ArticleMarks =
        serde_json::from_slice(&std::fs::read(path).expect("rescue file")).expect("parses");
    let _ = std::fs::remove_file(path);
    assert!(rescued.live().any(|(_, m)| m.kind
        == MarkKind::Note {
            text: "спасти".into()
        }));
}

/// An app on the library `lib` with the article `name` open.
fn open_in(home: &Home, lib: &Path, name: &str) -> App {
    let mut app = App::with_library(
        chitalka::config::Config::default(),
        &home.data(),
        lib,
        (80, 24),
    )
    .expect("app");
    app.open(&lib.join(name), name.to_string()).expect("open");
    app
}

#[test]
fn a_renamed_article_keeps_its_marks() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    let seed = Path::new(FIXTURE_LIBRARY).join(crate::common::SEED);
    std::fs::copy(&seed, lib.join("old-name.txt")).expect("copy");
    let open = |name: &str| open_in(&home, &lib, name);
    let mut app = open("old-name.txt");
    app.on_key(key('a'));
    typed(&mut app, "переживёт");
    app.on_key(ctrl('s'));
    drop(app);
    std::fs::create_dir_all(lib.join("moved")).expect("mkdir");
    std::fs::rename(lib.join("old-name.txt"), lib.join("moved/new-name.txt")).expect("mv");
    let app = open("moved/new-name.txt");
    let r = app.reader().expect("reader");
    assert_eq!(r.marks.placed.len(), 1, "found again by its content");
    assert_eq!(r.marks.data.path, "moved/new-name.txt", "its path updated");
    let on_file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(r.marks.store.file(&r.id)).expect("marks file"))
            .expect("json");
    assert_eq!(on_file["path"], "moved/new-name.txt", "and saved");
}

#[test]
fn an_article_edited_and_moved_at_once_keeps_its_marks() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(lib.join("later")).expect("mkdir");
    let seed = Path::new(FIXTURE_LIBRARY).join(crate::common::SEED);
    let text = std::fs::read_to_string(&seed).expect("seed");
    std::fs::write(lib.join("first.txt"), &text).expect("write");
    // Another article that must not take the marks.
    std::fs::write(
        lib.join("other.txt"),
        "Другая статья\n\nСовсем другой текст.\n",
    )
    .expect("w");
    let open = |name: &str| open_in(&home, &lib, name);
    let mut app = open("first.txt");
    app.on_key(key('j'));
    app.on_key(key('a'));
    typed(&mut app, "найдётся");
    app.on_key(ctrl('s'));
    drop(app);
    // Edited (a paragraph added at the top) and moved, while chitalka was closed.
    std::fs::remove_file(lib.join("first.txt")).expect("rm");
    std::fs::write(
        lib.join("later/moved.txt"),
        text.replacen("\n\n", "\n\nНовый первый абзац.\n\n", 1),
    )
    .expect("write");
    let other = open("other.txt");
    assert!(other.reader().is_some_and(|r| r.marks.placed.is_empty()));
    drop(other);
    let app = open("later/moved.txt");
    let r = app.reader().expect("reader");
    assert_eq!(r.marks.placed.len(), 1, "found again by its passages");
    assert_eq!(r.marks.data.path, "later/moved.txt");
    let files = r.marks.store.files();
    assert_eq!(
        files,
        [r.marks.store.file(&r.id)],
        "moved to the new id's file"
    );
}

#[test]
fn unsaved_marks_are_rescued_when_another_article_is_opened() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    std::fs::create_dir_all(home.data()).expect("mkdir");
    std::fs::write(home.data().join("marks"), "not a folder").expect("write");
    app.on_key(key('a'));
    typed(&mut app, "не бросить");
    app.on_key(ctrl('s'));
    app.open(
        &Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt"),
        "voyna-i-mir-excerpt.txt".into(),
    )
    .expect("open");
    let said = app.session.message.clone().expect("told");
    let path = said
        .split(" were written to ")
        .nth(1)
        .and_then(|s| s.split(" (it holds").next())
        .expect("a path");
    let rescued = std::fs::read_to_string(path).expect("rescue file");
    let _ = std::fs::remove_file(path);
    assert!(rescued.contains("не бросить"));
}
