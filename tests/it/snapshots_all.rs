//! Snapshots of every screen and overlay of the TUI, each at 80×24 and
//! 40×12, driven by keys through the public API only. They are the safety
//! net of changes to the app's insides: the screens must stay as they are.
//!
//! Each snapshot holds the screen as text, then the attributes of the cells
//! (the NO_COLOR theme: bold, reverse, dim ...) as runs per row, then where
//! the terminal cursor is when it is shown. Every path is in a temp `Home`;
//! the fixture library is named by a relative path, so nothing on screen
//! depends on the machine. Times shown ("just now") are of marks and
//! readings made by the test itself, a moment before.
//!
//! New or changed snapshots: `INSTA_UPDATE=always cargo test --test
//! snapshots_all`, then read the `.snap` files before committing them.

use crate::common::screen::{code, draw, key, library_app, reader_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home, SEED};
use chitalka::config::Config;
use chitalka::tui::app::App;
use chitalka::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use std::path::Path;
use std::time::{Duration, Instant};

/// The two window sizes every screen is snapshotted at.
const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

const WAR_AND_PEACE: &str = "voyna-i-mir-excerpt.txt";

/// The attributes of the drawn cells: per row, the runs of cells with the
/// same non-plain style ("3-17 REVERSED"), and the cursor when shown.
fn attributes(app: &mut App) -> String {
    let term = draw(app, &Theme::new(false));
    let backend = term.backend();
    let buf = backend.buffer();
    let style_of = |x: u16, y: u16| {
        let c = &buf[(x, y)];
        let mut parts = Vec::new();
        if c.modifier != Modifier::empty() {
            parts.push(format!("{:?}", c.modifier));
        }
        if c.fg != Color::Reset {
            parts.push(format!("fg {:?}", c.fg));
        }
        if c.bg != Color::Reset {
            parts.push(format!("bg {:?}", c.bg));
        }
        parts.join(" ")
    };
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut runs = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let style = style_of(x, y);
            let start = x;
            while x < buf.area.width && style_of(x, y) == style {
                x += 1;
            }
            if !style.is_empty() {
                runs.push(format!("{start}-{} {style}", x - 1));
            }
        }
        if !runs.is_empty() {
            out.push_str(&format!("{y:>2}: {}\n", runs.join(", ")));
        }
    }
    if backend.cursor_visible() {
        let p = backend.cursor_position();
        out.push_str(&format!("cursor at {},{}\n", p.x, p.y));
    }
    out
}

/// The app `make` builds (in a fresh home) at each size, snapshotted as
/// `{name}_{w}x{h}`, `what` saying what it shows.
fn snap(name: &str, what: &str, make: impl Fn(&Home, u16, u16) -> App) {
    for (w, h) in SIZES {
        let home = Home::new();
        let mut app = make(&home, w, h);
        let text = screen(&mut app);
        let attrs = attributes(&mut app);
        let shot = format!("{text}--- attributes ---\n{attrs}");
        insta::with_settings!({ description => what, omit_expression => true }, {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), shot);
        });
    }
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(c));
    }
}

fn keys(app: &mut App, codes: &[KeyCode]) {
    for &c in codes {
        app.on_key(code(c));
    }
}

/// The app on the fixture library with `name` open in the reader.
fn opened(home: &Home, w: u16, h: u16, name: &str) -> App {
    let mut app = library_app(home, w, h);
    app.open(&Path::new(FIXTURE_LIBRARY).join(name), name.to_string())
        .expect("open");
    app
}

fn war_and_peace(home: &Home, w: u16, h: u16) -> App {
    opened(home, w, h, WAR_AND_PEACE)
}

/// Background work (the search index) done.
fn settle(app: &mut App) {
    let start = Instant::now();
    while app.tick(Instant::now()) {
        assert!(start.elapsed() < Duration::from_secs(60), "never settled");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The library-wide find opened from the library, `query` typed, the
/// index built in this home.
fn library_find(home: &Home, w: u16, h: u16, query: &str) -> App {
    let mut app = library_app(home, w, h);
    app.session.index_dir = Some(home.path().join("cache/index"));
    app.on_key(key('F'));
    typed(&mut app, query);
    settle(&mut app);
    app
}

/// Marks made by keys: in the seed article a named bookmark, an unnamed one
/// further on and a two-sentence note; in War and Peace a note on the
/// sentence at the top of its last screen (so it differs with the size)
/// and a named bookmark at its start. The seed article is open again, at its start.
fn with_marks(home: &Home, w: u16, h: u16) -> App {
    let mut app = reader_app(home, w, h);
    app.on_key(key('m'));
    typed(&mut app, "Начало");
    app.on_key(code(KeyCode::Enter));
    for _ in 0..6 {
        app.on_key(key('j'));
    }
    app.on_key(key('m'));
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('g'));
    app.on_key(key('v'));
    app.on_key(key('j'));
    app.on_key(key('a'));
    typed(&mut app, "Перечитать про шёлковый путь");
    app.on_key(ctrl('s'));
    app.open(
        &Path::new(FIXTURE_LIBRARY).join(WAR_AND_PEACE),
        WAR_AND_PEACE.into(),
    )
    .expect("open");
    app.on_key(code(KeyCode::End));
    app.on_key(key('a'));
    typed(&mut app, "в конце");
    app.on_key(ctrl('s'));
    app.on_key(key('g'));
    app.on_key(key('m'));
    typed(&mut app, "Толстой");
    app.on_key(code(KeyCode::Enter));
    app.open(&Path::new(FIXTURE_LIBRARY).join(SEED), SEED.into())
        .expect("open");
    app.on_key(key('g'));
    app
}

// ---------------------------------------------------------------- library

#[test]
fn library() {
    snap(
        "library",
        "library: nothing read yet, sorted by last read, the unreadable broken.txt last",
        library_app,
    );
}

#[test]
fn library_by_title() {
    snap(
        "library_by_title",
        "library after `s`: sorted by title",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('s'));
            app
        },
    );
}

#[test]
fn library_recently_read() {
    snap(
        "library_recently_read",
        "library after reading the seed article a page in: it is first, with its progress and `just now`",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key(' '));
            app.on_key(key('q'));
            app
        },
    );
}

#[test]
fn library_filter_typing() {
    snap(
        "library_filter_typing",
        "library: the filter prompt open, `ночь` typed, one article left",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "ночь");
            app
        },
    );
}

#[test]
fn library_filter_kept() {
    snap(
        "library_filter_kept",
        "library: the filter `у` kept with Enter (no cursor), the second row selected",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "у");
            app.on_key(code(KeyCode::Enter));
            app.on_key(key('j'));
            app
        },
    );
}

#[test]
fn library_filter_no_match() {
    snap(
        "library_filter_no_match",
        "library: a filter no title matches",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "щщщ");
            app
        },
    );
}

#[test]
fn library_unreadable_opened() {
    snap(
        "library_unreadable_opened",
        "library: the unreadable broken.txt selected and Enter pressed: why it cannot be opened, on the status line",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('G'));
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

#[test]
fn library_help() {
    snap(
        "library_help",
        "the help overlay over the library",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('?'));
            app
        },
    );
}

#[test]
fn library_help_scrolled() {
    snap(
        "library_help_scrolled",
        "the library's help scrolled to its end (it scrolls when the window is small)",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('?'));
            for _ in 0..30 {
                app.on_key(key('j'));
            }
            app
        },
    );
}

// ----------------------------------------------------------------- reader

#[test]
fn reader() {
    snap(
        "reader",
        "reader: the seed article at its start",
        reader_app,
    );
}

#[test]
fn reader_paged() {
    snap(
        "reader_paged",
        "reader: the seed article two pages down",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key(' '));
            app.on_key(key(' '));
            app
        },
    );
}

#[test]
fn reader_end() {
    snap(
        "reader_end",
        "reader: the end of the seed article (`G`)",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('G'));
            app
        },
    );
}

#[test]
fn reader_resized() {
    snap(
        "reader_resized",
        "reader: scrolled in a window of the other size, then resized to this one",
        |home, w, h| {
            let (w0, h0) = if w == 80 { (40, 12) } else { (80, 24) };
            let mut app = reader_app(home, w0, h0);
            for _ in 0..5 {
                app.on_key(key('j'));
            }
            app.resize(w, h);
            app
        },
    );
}

#[test]
fn reader_sections() {
    snap(
        "reader_sections",
        "reader: War and Peace after `]` three times: the section path on the status line",
        |home, w, h| {
            let mut app = war_and_peace(home, w, h);
            for _ in 0..3 {
                app.on_key(key(']'));
            }
            app
        },
    );
}

#[test]
fn reader_outline() {
    snap(
        "reader_outline",
        "reader: the outline (`o`) of War and Peace: beside the text at 80 columns, over it (with the keys) at 40",
        |home, w, h| {
            let mut app = war_and_peace(home, w, h);
            app.on_key(key('o'));
            app
        },
    );
}

#[test]
fn reader_outline_focused() {
    snap(
        "reader_outline_focused",
        "reader: the outline with the keys (Tab where it is beside the text), two entries down, ЧАСТЬ ПЕРВАЯ folded (`h`)",
        |home, w, h| {
            let mut app = war_and_peace(home, w, h);
            app.on_key(key('o'));
            if w >= 80 {
                // Beside the text, the outline takes the keys with Tab.
                app.on_key(code(KeyCode::Tab));
            }
            app.on_key(key('j'));
            app.on_key(key('j'));
            app.on_key(key('h'));
            app
        },
    );
}

#[test]
fn reader_outline_help() {
    snap(
        "reader_outline_help",
        "the help overlay of the outline (it has the keys)",
        |home, w, h| {
            let mut app = war_and_peace(home, w, h);
            app.on_key(key('o'));
            if w >= 80 {
                app.on_key(code(KeyCode::Tab));
            }
            app.on_key(key('?'));
            app
        },
    );
}

#[test]
fn reader_find_prompt() {
    snap(
        "reader_find_prompt",
        "reader: the find prompt open, `сотрудничеств` typed: hits lit, the count on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "сотрудничеств");
            app
        },
    );
}

#[test]
fn reader_find_hits() {
    snap(
        "reader_find_hits",
        "reader: the find kept with Enter, then `n`: the second hit current, `2/N` on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "сотрудничеств");
            app.on_key(code(KeyCode::Enter));
            app.on_key(key('n'));
            app
        },
    );
}

#[test]
fn reader_find_wrapped() {
    snap(
        "reader_find_wrapped",
        "reader: `N` from the first hit wraps to the last, and the status line says so",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "сотрудничеств");
            app.on_key(code(KeyCode::Enter));
            app.on_key(key('N'));
            app
        },
    );
}

#[test]
fn reader_find_not_found() {
    snap(
        "reader_find_not_found",
        "reader: the find prompt with a query that is not in the article",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "щщщ");
            app
        },
    );
}

#[test]
fn reader_find_wrong_layout() {
    snap(
        "reader_find_wrong_layout",
        "reader: a query typed in the Latin layout, found as «сотрудничество»",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('/'));
            typed(&mut app, "cjnhelybxtcndj");
            app
        },
    );
}

#[test]
fn reader_select() {
    snap(
        "reader_select",
        "reader: choosing a passage (`v`, `j`): two sentences chosen, the words counted on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('v'));
            app.on_key(key('j'));
            app
        },
    );
}

#[test]
fn reader_select_help() {
    snap(
        "reader_select_help",
        "the help overlay while choosing a passage",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('v'));
            app.on_key(key('?'));
            app
        },
    );
}

#[test]
fn reader_copied() {
    snap(
        "reader_copied",
        "reader: a chosen passage copied (`v`, `y`): the message on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('v'));
            app.on_key(key('y'));
            app
        },
    );
}

#[test]
fn reader_bookmark_prompt() {
    snap(
        "reader_bookmark_prompt",
        "reader: the bookmark name prompt (`m`), `Начало` typed",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('m'));
            typed(&mut app, "Начало");
            app
        },
    );
}

#[test]
fn reader_bookmark_saved() {
    snap(
        "reader_bookmark_saved",
        "reader: the bookmark saved: `*` in the margin, the message on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('m'));
            typed(&mut app, "Начало");
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

#[test]
fn reader_note_editor() {
    snap(
        "reader_note_editor",
        "reader: the note editor (`a`) with two lines typed, the cursor after them",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('a'));
            typed(&mut app, "Первая мысль о Японии");
            app.on_key(code(KeyCode::Enter));
            typed(&mut app, "вторая строка");
            app
        },
    );
}

#[test]
fn reader_note_editor_on_chosen() {
    snap(
        "reader_note_editor_on_chosen",
        "reader: the note editor opened on a chosen passage (`v`, `j`, `a`): the passage stays highlighted",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('v'));
            app.on_key(key('j'));
            app.on_key(key('a'));
            typed(&mut app, "мысль");
            app
        },
    );
}

#[test]
fn reader_note_discard() {
    snap(
        "reader_note_discard",
        "reader: Esc in the note editor with text in it: it asks before discarding",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('a'));
            typed(&mut app, "черновик");
            app.on_key(code(KeyCode::Esc));
            app
        },
    );
}

#[test]
fn reader_note_saved() {
    snap(
        "reader_note_saved",
        "reader: a note on two sentences saved (Ctrl-s): the passage noted, `✎` in the margin, the message",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('v'));
            app.on_key(key('j'));
            app.on_key(key('a'));
            typed(&mut app, "Перечитать про шёлковый путь");
            app.on_key(ctrl('s'));
            app
        },
    );
}

#[test]
fn reader_note_shown() {
    snap(
        "reader_note_shown",
        "reader: the note shown over the text (Enter)",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('v'));
            app.on_key(key('j'));
            app.on_key(key('a'));
            typed(&mut app, "Перечитать про шёлковый путь");
            app.on_key(code(KeyCode::Enter));
            typed(&mut app, "и про караваны");
            app.on_key(ctrl('s'));
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

#[test]
fn reader_no_note_here() {
    snap(
        "reader_no_note_here",
        "reader: Enter with no note on screen: the message on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

#[test]
fn reader_no_jump_back() {
    snap(
        "reader_no_jump_back",
        "reader: Backspace with no jump to go back to: the message on the status line",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(code(KeyCode::Backspace));
            app
        },
    );
}

#[test]
fn reader_info() {
    snap(
        "reader_info",
        "the article info overlay (`i`) over the seed article",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('i'));
            app
        },
    );
}

#[test]
fn reader_help() {
    snap(
        "reader_help",
        "the help overlay over the reader",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('?'));
            app
        },
    );
}

#[test]
fn reader_help_scrolled() {
    snap(
        "reader_help_scrolled",
        "the reader's help scrolled to its end",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('?'));
            for _ in 0..40 {
                app.on_key(key('j'));
            }
            app
        },
    );
}

#[test]
fn single_file_no_library_find() {
    snap(
        "single_file_no_library_find",
        "one file opened without a library, `F` pressed: no library to find in, on the status line",
        |home, w, h| {
            let file = Path::new(FIXTURE_LIBRARY).join(SEED);
            let mut app =
                App::with_file(Config::default(), &home.data(), &file, (w, h)).expect("app");
            app.on_key(key('F'));
            app
        },
    );
}

// ------------------------------------------------------- bookmarks, notes

#[test]
fn bookmarks_empty_in_reader() {
    snap(
        "bookmarks_empty_in_reader",
        "the bookmarks list (`B`) of an article with none",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('B'));
            app
        },
    );
}

#[test]
fn notes_empty_in_reader() {
    snap(
        "notes_empty_in_reader",
        "the notes list (`A`) of an article with none",
        |home, w, h| {
            let mut app = reader_app(home, w, h);
            app.on_key(key('A'));
            app
        },
    );
}

#[test]
fn bookmarks_empty_in_library() {
    snap(
        "bookmarks_empty_in_library",
        "the bookmarks list (`B`) from the library, none anywhere",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('B'));
            app
        },
    );
}

#[test]
fn notes_empty_in_library() {
    snap(
        "notes_empty_in_library",
        "the notes list (`A`) from the library, none anywhere",
        |home, w, h| {
            let mut app = library_app(home, w, h);
            app.on_key(key('A'));
            app
        },
    );
}

#[test]
fn reader_with_marks() {
    snap(
        "reader_with_marks",
        "reader: the seed article with two bookmarks and a note: `*` and `✎` in the margin, the noted passage",
        with_marks,
    );
}

#[test]
fn bookmarks_in_reader() {
    snap(
        "bookmarks_in_reader",
        "the bookmarks list of this article: a named one and an unnamed one (shown by its quote)",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app
        },
    );
}

#[test]
fn bookmarks_all_from_reader() {
    snap(
        "bookmarks_all_from_reader",
        "the bookmarks list switched to the whole library (Tab): three bookmarks in two articles, the second selected",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app.on_key(code(KeyCode::Tab));
            app.on_key(key('j'));
            app
        },
    );
}

#[test]
fn notes_in_reader() {
    snap(
        "notes_in_reader",
        "the notes list of this article: one note, its text and place",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('A'));
            app
        },
    );
}

#[test]
fn notes_all_from_reader() {
    snap(
        "notes_all_from_reader",
        "the notes list of the whole library (Tab): two notes in two articles",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('A'));
            app.on_key(code(KeyCode::Tab));
            app
        },
    );
}

#[test]
fn bookmarks_from_library() {
    snap(
        "bookmarks_from_library",
        "the bookmarks list opened from the library: every article's",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('q'));
            app.on_key(key('B'));
            app
        },
    );
}

#[test]
fn notes_from_library() {
    snap(
        "notes_from_library",
        "the notes list opened from the library: every article's",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('q'));
            app.on_key(key('A'));
            app
        },
    );
}

#[test]
fn bookmarks_rename_prompt() {
    snap(
        "bookmarks_rename_prompt",
        "the bookmarks list: the rename prompt (`e`) with the old name and ` книги` typed after it",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app.on_key(key('e'));
            typed(&mut app, " книги");
            app
        },
    );
}

#[test]
fn bookmarks_deleted() {
    snap(
        "bookmarks_deleted",
        "the bookmarks list after `d`: one left, the undo hint on the status line",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app.on_key(key('d'));
            app
        },
    );
}

#[test]
fn bookmarks_restored() {
    snap(
        "bookmarks_restored",
        "the bookmarks list after `d` and `u`: both back, the message on the status line",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app.on_key(key('d'));
            app.on_key(key('u'));
            app
        },
    );
}

#[test]
fn bookmarks_nothing_to_undo() {
    snap(
        "bookmarks_nothing_to_undo",
        "the bookmarks list after `u` with nothing deleted: the message on the status line",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app.on_key(key('u'));
            app
        },
    );
}

#[test]
fn marks_help() {
    snap(
        "marks_help",
        "the help overlay over the bookmarks list",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('B'));
            app.on_key(key('?'));
            app
        },
    );
}

#[test]
fn notes_editor_from_list() {
    snap(
        "notes_editor_from_list",
        "the note editor over the notes list (`e` on a note), the note's text in it",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('A'));
            app.on_key(key('e'));
            app
        },
    );
}

#[test]
fn notes_jumped_to() {
    snap(
        "notes_jumped_to",
        "the whole library's notes, the note in War and Peace opened (Enter): the reader at its passage",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('A'));
            app.on_key(code(KeyCode::Tab));
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

/// An article in the home (opened as one file, so no path is on screen)
/// with a note on a paragraph that was then deleted from the file.
fn detached(home: &Home, w: u16, h: u16) -> App {
    let file = home.path().join("article.txt");
    let gone = "Этот абзац будет удалён вместе с заметкой.";
    let rest: String = (1..=30)
        .map(|i| format!("Абзац номер {i} остаётся на месте.\n\n"))
        .collect();
    std::fs::write(&file, format!("Статья\n\n{gone}\n\n{rest}")).expect("write");
    let mut app = App::with_file(Config::default(), &home.data(), &file, (w, h)).expect("app");
    // The title and the blank line under it scrolled away: the paragraph
    // to be deleted is at the top, and the note goes on it.
    app.on_key(key('j'));
    app.on_key(key('j'));
    app.on_key(key('a'));
    typed(&mut app, "о том, что удалят");
    app.on_key(ctrl('s'));
    drop(app);
    std::fs::write(&file, format!("Статья\n\n{rest}")).expect("write");
    App::with_file(Config::default(), &home.data(), &file, (w, h)).expect("app")
}

#[test]
fn reader_marks_detached() {
    snap(
        "reader_marks_detached",
        "reader: an article whose noted passage was deleted: the status line says a mark is detached",
        detached,
    );
}

#[test]
fn notes_detached() {
    snap(
        "notes_detached",
        "the notes list with a detached note: its quote kept, `detached` on its place line",
        |home, w, h| {
            let mut app = detached(home, w, h);
            app.on_key(key('A'));
            app
        },
    );
}

// ------------------------------------------------- find in the library

#[test]
fn search_empty() {
    snap(
        "search_empty",
        "find in the library (`F`), the index built, nothing typed yet",
        |home, w, h| library_find(home, w, h, ""),
    );
}

#[test]
fn search_hits() {
    snap(
        "search_hits",
        "find in the library: `сотрудничество` typed, the count and the hits with their snippets",
        |home, w, h| library_find(home, w, h, "сотрудничество"),
    );
}

#[test]
fn search_hits_list() {
    snap(
        "search_hits_list",
        "find in the library: Enter gave the list the keys (no cursor in the query), `j`: the second hit selected",
        |home, w, h| {
            let mut app = library_find(home, w, h, "сотрудничество");
            app.on_key(code(KeyCode::Enter));
            app.on_key(key('j'));
            app
        },
    );
}

#[test]
fn search_no_hits() {
    snap(
        "search_no_hits",
        "find in the library: a query found nowhere",
        |home, w, h| library_find(home, w, h, "щщщщ"),
    );
}

#[test]
fn search_wrong_layout() {
    snap(
        "search_wrong_layout",
        "find in the library: a query typed in the Latin layout, found as «сотрудничество»",
        |home, w, h| library_find(home, w, h, "cjnhelybxtcndj"),
    );
}

#[test]
fn search_note_hit() {
    snap(
        "search_note_hit",
        "find in the library: a hit in a note (`note on «…»`)",
        |home, w, h| {
            let mut app = with_marks(home, w, h);
            app.on_key(key('q'));
            app.session.index_dir = Some(home.path().join("cache/index"));
            app.on_key(key('F'));
            typed(&mut app, "перечитать");
            settle(&mut app);
            app
        },
    );
}

#[test]
fn search_help() {
    snap(
        "search_help",
        "the help overlay of find in the library (the list has the keys)",
        |home, w, h| {
            let mut app = library_find(home, w, h, "сотрудничество");
            app.on_key(code(KeyCode::Enter));
            app.on_key(key('?'));
            app
        },
    );
}

#[test]
fn search_opened_hit() {
    snap(
        "search_opened_hit",
        "find in the library: the first hit opened: the reader at it, the in-article find set to the query",
        |home, w, h| {
            let mut app = library_find(home, w, h, "сотрудничество");
            keys(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
            app
        },
    );
}

#[test]
fn reader_footnote_shown() {
    snap(
        "reader_footnote_shown",
        "the first note reference focused with l, its footnote shown over the text with Enter",
        |home, w, h| {
            let mut app = crate::links::links_app(home, w, h);
            app.on_key(key('l'));
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

#[test]
fn reader_link_focused() {
    snap(
        "reader_link_focused",
        "the internal link focused with l l: drawn reversed, the status line says where Enter goes",
        |home, w, h| {
            let mut app = crate::links::links_app(home, w, h);
            app.on_key(key('l'));
            app.on_key(key('l'));
            app
        },
    );
}

#[test]
fn reader_external_link_shown() {
    snap(
        "reader_external_link_shown",
        "the external link followed: its target in full with y copy, o open, Esc close",
        |home, w, h| {
            let mut app = crate::links::links_app(home, w, h);
            for _ in 0..3 {
                app.on_key(key('l'));
            }
            app.on_key(code(KeyCode::Enter));
            app
        },
    );
}

#[test]
fn reader_go_to_prompt() {
    snap(
        "reader_go_to_prompt",
        "`:` opened the go-to prompt and 50% is typed",
        |home, w, h| {
            let mut app = crate::links::links_app(home, w, h);
            app.on_key(key(':'));
            typed(&mut app, "50%");
            app
        },
    );
}
