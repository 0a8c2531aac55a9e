//! Screens drawn into ratatui's TestBackend: snapshots of the library and the
//! reader at 80×24 and 40×12, and behaviour seen on screen.

use crate::common::screen::{code, draw, fixture_setup, key, library_app, reader_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home, SEED};
use chitalka::config::Config;
use chitalka::tui::app::{App, ScreenKind};
use chitalka::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use std::path::Path;

#[test]
fn library_80x24() {
    let home = Home::new();
    insta::assert_snapshot!(screen(&mut library_app(&home, 80, 24)));
}

#[test]
fn library_40x12() {
    let home = Home::new();
    insta::assert_snapshot!(screen(&mut library_app(&home, 40, 12)));
}

#[test]
fn reader_80x24() {
    let home = Home::new();
    let s = screen(&mut reader_app(&home, 80, 24));
    assert!(!s.contains("Вы сейчас просматриваете"));
    insta::assert_snapshot!(s);
}

#[test]
fn reader_40x12() {
    let home = Home::new();
    insta::assert_snapshot!(screen(&mut reader_app(&home, 40, 12)));
}

#[test]
fn help_overlay_lists_reader_keys() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key('?'));
    let s = screen(&mut app);
    for needle in [
        "line down",
        "page down",
        "back to the library",
        "Ctrl-d",
        "PgUp",
    ] {
        assert!(s.contains(needle), "{needle} missing from\n{s}");
    }
    app.on_key(key('x'));
    assert!(!screen(&mut app).contains("line down"));
}

#[test]
fn reader_rows_are_what_render_prints() {
    let home = Home::new();
    for (w, h) in [(80u16, 24u16), (40, 12), (130, 30), (23, 9)] {
        let mut app = reader_app(&home, w, h);
        let s = screen(&mut app);
        let rows: Vec<&str> = s.lines().take(usize::from(h) - 1).collect();
        let setup = fixture_setup(&home);
        let mut out = Vec::new();
        chitalka::cli::render(
            &setup,
            Path::new(SEED),
            (w, h - 1),
            chitalka::core::layout::LayoutOptions::default(),
            &mut out,
        )
        .expect("render");
        let printed = String::from_utf8(out).expect("utf-8");
        let printed: Vec<&str> = printed.lines().collect();
        assert_eq!(rows, printed, "at {w}x{h}");
    }
}

#[test]
fn cyrillic_layout_keys_scroll_like_latin() {
    let home = Home::new();
    let mut latin = reader_app(&home, 80, 24);
    let mut cyr = reader_app(&home, 80, 24);
    for (l, c) in [
        ('j', 'о'),
        ('j', 'о'),
        (' ', ' '),
        ('k', 'л'),
        ('G', 'П'),
        ('g', 'п'),
        ('j', 'о'),
    ] {
        latin.on_key(key(l));
        cyr.on_key(key(c));
        assert_eq!(screen(&mut latin), screen(&mut cyr));
    }
    let before = screen(&mut cyr);
    cyr.on_key(key('о'));
    assert_ne!(before, screen(&mut cyr), "о must scroll");
    cyr.on_key(key('й'));
    assert_eq!(
        cyr.screen(),
        ScreenKind::Library,
        "й is q: back to the library"
    );
}

#[test]
fn filter_takes_cyrillic_as_text() {
    let home = Home::new();
    let mut app = library_app(&home, 80, 24);
    app.on_key(key('/'));
    for c in "ночь".chars() {
        app.on_key(key(c));
    }
    let s = screen(&mut app);
    assert!(s.contains("Filter: ночь"), "{s}");
    assert!(s.contains("НОЧЬ ПЕРЕД РОЖДЕСТВОМ"));
    assert!(!s.contains("Узбекско"));
    // Backspace removes one letter; Esc clears the filter.
    app.on_key(code(KeyCode::Backspace));
    assert!(screen(&mut app).contains("Filter: ноч"));
    app.on_key(code(KeyCode::Esc));
    assert!(screen(&mut app).contains("Узбекско"));
    // Case, ё and stress marks are ignored by the filter.
    app.on_key(key('/'));
    for c in "УДАРЕНИЯ".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Reader);
    assert!(screen(&mut app).contains("Ударе́ния и ширина́"));
}

#[test]
fn recently_read_first_by_default_with_a_progress_bar() {
    let home = Home::new();
    let mut app = library_app(&home, 80, 24);
    app.on_key(key('G'));
    app.on_key(key('k'));
    app.on_key(key('k'));
    app.on_key(code(KeyCode::Enter));
    let title = app.reader().map(|r| r.doc.title.clone()).expect("reader");
    // Recently read first is the default order.
    app.on_key(key('q'));
    let s = screen(&mut app);
    let first = s.lines().nth(2).expect("first row");
    let head: String = title.chars().take(20).collect();
    assert!(first.contains(&head), "{first} / {title}");
    assert!(s.contains("sorted by last read"));
    assert!(first.contains("just now"));
    assert!(
        first.contains("━") && first.contains("%"),
        "a progress bar: {first}"
    );
    // The selection followed the article to the top.
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.reader().map(|r| r.doc.title.clone()), Some(title));
    app.on_key(key('q'));
    app.on_key(key('s'));
    assert!(screen(&mut app).contains("sorted by title"));
}

#[test]
fn unreadable_files_are_listed_with_reasons() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 24);
    let s = screen(&mut app);
    assert!(
        s.contains("broken.txt: a PNG image is not supported"),
        "{s}"
    );
    assert!(s.contains("1 file could not be read"));
    // A Windows-1251 file is an article like the others.
    assert!(s.contains("ЗАГОЛОВОК"), "{s}");
    app.on_key(key('G'));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screen(), ScreenKind::Library);
    assert!(
        app.session
            .message
            .as_deref()
            .is_some_and(|m| m.contains("broken.txt"))
    );
}

#[test]
fn resize_keeps_the_passage_at_the_top() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    for _ in 0..30 {
        app.on_key(key('j'));
    }
    let first_words = |s: &str| {
        s.lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
    };
    let before = first_words(&screen(&mut app)).expect("text");
    app.resize(50, 20);
    let after = screen(&mut app);
    let top = after.lines().take(3).collect::<String>();
    assert!(
        top.contains(&before),
        "{before:?} not at the top of\n{after}"
    );
}

#[test]
fn position_is_restored_by_a_new_app() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    for _ in 0..3 {
        app.on_key(key(' '));
    }
    let shown = screen(&mut app);
    app.on_key(key('q'));
    drop(app);
    let mut again = reader_app(&home, 80, 24);
    let text_rows = |s: &str| s.lines().take(23).collect::<Vec<_>>().join("\n");
    assert_eq!(text_rows(&screen(&mut again)), text_rows(&shown));
}

#[test]
fn no_color_draws_without_colours() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    let term = draw(&mut app, &Theme::new(false));
    let buf = term.backend().buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let term = draw(&mut app, &Theme::new(true));
    assert!(
        term.backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn tiny_and_huge_windows_do_not_panic() {
    let home = Home::new();
    for (w, h) in [(1, 1), (2, 2), (10, 3), (40, 12), (300, 80)] {
        let mut app = reader_app(&home, w, h);
        for k in ['j', ' ', 'G', 'b', '?'] {
            app.on_key(key(k));
            screen(&mut app);
        }
        let mut lib = library_app(&home, w, h);
        for k in ['j', 'G', '/', 'а', '?'] {
            lib.on_key(key(k));
            screen(&mut lib);
        }
    }
}

#[test]
fn mouse_wheel_scrolls_three_lines() {
    use chitalka::tui::action::Action;
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    let before = screen(&mut app);
    app.update(Action::WheelDown);
    let after = screen(&mut app);
    let rows_before: Vec<&str> = before.lines().collect();
    let rows_after: Vec<&str> = after.lines().collect();
    assert_eq!(rows_after[..20], rows_before[3..23]);
    app.update(Action::WheelUp);
    assert_eq!(screen(&mut app), before);
    app.on_key(key('?'));
    // The help is longer than 24 rows: the mouse is at its end.
    for _ in 0..3 {
        app.on_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    }
    assert!(screen(&mut app).contains("wheel"));
}

#[test]
fn help_scrolls_when_the_window_is_small() {
    let home = Home::new();
    let mut app = reader_app(&home, 40, 12);
    app.on_key(key('?'));
    let first = screen(&mut app);
    assert!(first.contains("line down"), "{first}");
    assert!(!first.contains("wheel"), "the list is longer than 12 rows");
    assert!(first.contains("more"));
    // To the end of the list (the links and go-to keys made it longer).
    for _ in 0..40 {
        app.on_key(key('j'));
    }
    let last = screen(&mut app);
    assert!(
        last.contains("wheel") && last.contains("quit chitalka"),
        "{last}"
    );
    assert!(!last.contains("line down"));
    // The text underneath did not move, and any other key closes the help.
    app.on_key(key('x'));
    assert!(!app.help_open());
    assert_eq!(
        app.reader_mut().map(|r| r.view.top_pos(&r.doc).block),
        Some(0)
    );
}

fn war_and_peace(home: &Home, w: u16, h: u16) -> App {
    let mut app = library_app(home, w, h);
    let path = Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt");
    app.open(&path, "voyna-i-mir-excerpt.txt".into())
        .expect("open");
    app
}

#[test]
fn outline_sidebar_shows_the_tree_and_jumps() {
    let home = Home::new();
    let mut app = war_and_peace(&home, 100, 30);
    app.on_key(key('o'));
    let s = screen(&mut app);
    let rows: Vec<&str> = s.lines().collect();
    assert!(rows[1].starts_with("▾ ТОМ ПЕРВЫЙ"), "{s}");
    assert!(rows[2].starts_with("  ▾ ЧАСТЬ ПЕРВАЯ"), "{s}");
    assert!(rows[3].starts_with("      I."), "{s}");
    assert!(rows[0].contains('│'), "the sidebar has a border");
    // The text moved right of the sidebar and is still whole.
    assert!(s.contains("Так говорила"), "{s}");
    // Tab gives the outline the keys; Russian о moves down like j.
    app.on_key(code(KeyCode::Tab));
    for _ in 0..4 {
        app.on_key(key('о'));
    }
    app.on_key(code(KeyCode::Enter));
    let s = screen(&mut app);
    let status = s.lines().last().expect("status");
    assert!(
        status.contains("ТОМ ПЕРВЫЙ › ЧАСТЬ ПЕРВАЯ › II."),
        "{status}"
    );
    // The keys are back with the text: j scrolls it.
    let before = screen(&mut app);
    app.on_key(key('j'));
    assert_ne!(screen(&mut app), before);
}

#[test]
fn brackets_go_between_sections() {
    let home = Home::new();
    let mut app = war_and_peace(&home, 80, 24);
    let status = |app: &mut App| screen(app).lines().last().unwrap_or("").to_string();
    app.on_key(key(']'));
    app.on_key(key(']'));
    app.on_key(key(']'));
    assert!(
        status(&mut app).contains("ЧАСТЬ ПЕРВАЯ"),
        "{}",
        status(&mut app)
    );
    app.on_key(key('ъ')); // ] on the Russian layout
    assert!(status(&mut app).ends_with_section("I."));
    app.on_key(key('j'));
    app.on_key(key('['));
    assert!(
        status(&mut app).ends_with_section("I."),
        "[ goes to the start of this section"
    );
    app.on_key(key('х')); // [ on the Russian layout
    assert!(status(&mut app).ends_with_section("ЧАСТЬ ПЕРВАЯ"));
}

trait SectionStatus {
    fn ends_with_section(&self, name: &str) -> bool;
}

impl SectionStatus for String {
    fn ends_with_section(&self, name: &str) -> bool {
        let left = self.split("  ").next().unwrap_or("").trim_end();
        left.ends_with(name)
    }
}

#[test]
fn narrow_windows_show_the_outline_over_the_text() {
    let home = Home::new();
    let mut app = war_and_peace(&home, 60, 20);
    app.on_key(key('o'));
    let s = screen(&mut app);
    assert!(s.contains("┌ Outline"), "{s}");
    // The overlay has the keys at once; folding ЧАСТЬ hides its chapters.
    app.on_key(key('j'));
    app.on_key(key('j'));
    app.on_key(key('h'));
    let s = screen(&mut app);
    assert!(s.contains("▸ ЧАСТЬ ПЕРВАЯ") && !s.contains(" I.\n"), "{s}");
    app.on_key(code(KeyCode::Esc));
    assert!(!screen(&mut app).contains("Outline"));
}

#[test]
fn the_current_section_is_highlighted() {
    let home = Home::new();
    let mut app = war_and_peace(&home, 100, 30);
    app.on_key(key('o'));
    for _ in 0..3 {
        app.on_key(key(']'));
    }
    let term = draw(&mut app, &Theme::new(true));
    let buf = term.backend().buffer();
    let row_of = |needle: &str| {
        (0..buf.area.height).find(|&y| {
            let row: String = (0..30).map(|x| buf[(x, y)].symbol().to_string()).collect();
            row.trim_start()
                .trim_start_matches(['▾', '▸', ' '])
                .starts_with(needle)
        })
    };
    let y = row_of("ЧАСТЬ ПЕРВАЯ").expect("row");
    let cell = &buf[(4, y)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::BOLD),
        "{cell:?}"
    );
    let other = &buf[(4, row_of("ТОМ ПЕРВЫЙ").expect("row"))];
    assert!(!other.modifier.contains(ratatui::style::Modifier::BOLD));
}

#[test]
fn markdown_styles_reach_the_screen() {
    let home = Home::new();
    let dir = home.path().join("lib");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("note.md"), "# Заметка\n\nОбычный *курсив* и **жирный** и [ссылка](https://example.org) и `код`.\n\n- пункт списка, который достаточно длинный, чтобы перенестись на вторую строку\n").expect("write");
    let mut app = App::with_library(Config::default(), &home.data(), &dir, (40, 12)).expect("app");
    app.on_key(code(KeyCode::Enter));
    let term = draw(&mut app, &Theme::new(true));
    let buf = term.backend().buffer();
    let find = |word: &str| {
        for y in 0..buf.area.height {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            if let Some(byte) = row.find(word) {
                let x = row[..byte].chars().count() as u16;
                return buf[(x, y)].clone();
            }
        }
        panic!("{word} not on screen");
    };
    use ratatui::style::Modifier;
    assert!(find("курсив").modifier.contains(Modifier::ITALIC));
    assert!(find("жирный").modifier.contains(Modifier::BOLD));
    assert!(find("ссылка").modifier.contains(Modifier::UNDERLINED));
    assert!(
        !find("Обычный")
            .modifier
            .intersects(Modifier::ITALIC | Modifier::BOLD)
    );
    let s = screen(&mut app);
    // The list item's second line lines up after its marker.
    let rows: Vec<&str> = s.lines().collect();
    let item = rows
        .iter()
        .position(|r| r.contains("• пункт"))
        .expect("item");
    let marker_col = rows[item].find('•').expect("marker");
    let next = rows[item + 1];
    assert_eq!(next.len() - next.trim_start().len(), marker_col + 2, "{s}");
}

#[test]
fn info_panel_tells_about_the_article() {
    let home = Home::new();
    let mut app = library_app(&home, 80, 24);
    app.open(
        &Path::new(FIXTURE_LIBRARY).join("cp1251-old.txt"),
        "cp1251-old.txt".into(),
    )
    .expect("open");
    app.on_key(key('ш')); // i on the Russian layout
    let s = screen(&mut app);
    for needle in [
        "Article",
        "ЗАГОЛОВОК",
        "windows-1251",
        "text",
        "Cyrillic script",
        "cp1251-old.txt",
        "Words",
    ] {
        assert!(s.contains(needle), "{needle} missing:\n{s}");
    }
    app.on_key(key('j'));
    assert!(
        !screen(&mut app).contains("windows-1251"),
        "any key closes it"
    );
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.on_key(key(c));
    }
}

#[test]
fn find_in_the_article_highlights_counts_and_wraps() {
    let home = Home::new();
    let mut app = war_and_peace(&home, 80, 24);
    app.on_key(key('/'));
    typed(&mut app, "ВАСИЛИ"); // capitals, and о/л typed as text, not commands
    let s = screen(&mut app);
    let status = s.lines().last().expect("status").to_string();
    assert!(status.contains("/ВАСИЛИ▏"), "{status}");
    let total: usize = status
        .split_whitespace()
        .find_map(|w| {
            w.split_once('/')
                .and_then(|(a, b)| (a == "1").then(|| b.parse().ok()).flatten())
        })
        .expect("a 1/N counter");
    assert!(total >= 3, "{status}");
    // The current hit is highlighted on screen.
    let term = draw(&mut app, &Theme::new(true));
    let buf = term.backend().buffer();
    assert!(
        buf.content.iter().any(|c| c.bg == Color::LightRed),
        "current hit highlighted"
    );
    app.on_key(code(KeyCode::Enter));
    app.on_key(key('n'));
    assert!(
        screen(&mut app)
            .lines()
            .last()
            .unwrap_or("")
            .contains(&format!("2/{total}"))
    );
    app.on_key(key('N'));
    app.on_key(key('N'));
    assert!(
        screen(&mut app)
            .lines()
            .last()
            .unwrap_or("")
            .contains(&format!("{total}/{total}")),
        "wraps to the last"
    );
    // ↑ in a new prompt brings the last query back; Esc there brings back
    // the find that was (as in vim: the prompt is cancelled, not the find).
    app.on_key(key('/'));
    app.on_key(code(KeyCode::Up));
    assert!(
        screen(&mut app)
            .lines()
            .last()
            .unwrap_or("")
            .contains("/ВАСИЛИ▏")
    );
    let status = |app: &mut App| screen(app).lines().last().unwrap_or("").to_string();
    app.on_key(code(KeyCode::Esc));
    let bar = status(&mut app);
    assert!(bar.contains(&format!("{total}/{total}")), "{bar}");
    // Esc in the reader clears the hits; n finds the last query again.
    app.on_key(code(KeyCode::Esc));
    let bar = status(&mut app);
    assert!(!bar.contains(&format!("/{total}")), "{bar}");
    app.on_key(key('n'));
    let bar = status(&mut app);
    assert!(bar.contains(&format!("/{total}")), "{bar}");
    // An empty query finds the last one again too.
    app.on_key(code(KeyCode::Esc));
    app.on_key(key('/'));
    app.on_key(code(KeyCode::Enter));
    let bar = status(&mut app);
    assert!(bar.contains(&format!("/{total}")), "{bar}");
}

#[test]
fn find_prompt_edits_by_letter() {
    let home = Home::new();
    let mut app = war_and_peace(&home, 80, 24);
    app.on_key(key('/'));
    typed(&mut app, "кня\u{301}");
    app.on_key(code(KeyCode::Backspace));
    let status = screen(&mut app).lines().last().unwrap_or("").to_string();
    assert!(
        status.contains("/кн▏"),
        "Backspace takes the letter with its accent: {status}"
    );
    typed(&mut app, "язь андрей");
    let status = screen(&mut app).lines().last().unwrap_or("").to_string();
    assert!(
        status.contains("not found") || status.contains("1/"),
        "{status}"
    );
}

#[test]
fn a_query_in_the_wrong_layout_is_understood() {
    let home = Home::new();
    let mut app = reader_app(&home, 100, 24);
    app.on_key(key('/'));
    typed(&mut app, "cjnhelybxtcndj"); // «сотрудничество» typed with the Latin layout on
    let status = screen(&mut app).lines().last().unwrap_or("").to_string();
    assert!(
        status.contains("«сотрудничество»") && status.contains("1/"),
        "{status}"
    );
}

#[test]
fn find_across_the_library_and_open_a_hit() {
    let home = Home::new();
    let mut app = library_app(&home, 100, 30);
    app.session.index_dir = Some(home.path().join("cache/index"));
    app.on_key(key('F'));
    typed(&mut app, "СОТРУДНИЧЕСТВАМИ"); // another word form, in capitals
    let start = std::time::Instant::now();
    while app.tick(std::time::Instant::now()) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "index never built"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let s = screen(&mut app);
    assert!(s.contains(" hit"), "{s}");
    assert!(s.contains("Узбекско-японское сотрудничество"), "{s}");
    app.on_key(code(KeyCode::Enter)); // the query field gives the keys to the list
    app.on_key(code(KeyCode::Enter)); // open the first hit
    assert_eq!(app.screen(), ScreenKind::Reader);
    let status = screen(&mut app).lines().last().unwrap_or("").to_string();
    assert!(status.contains("/"), "the in-article find is set: {status}");
    let before = screen(&mut app);
    app.on_key(key('n'));
    assert_ne!(screen(&mut app), before, "n goes on to the next hit");
}

#[test]
fn a_long_name_gives_way_to_the_reason_it_was_not_read() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    let name = format!(
        "{}.txt",
        "очень-длинное-название-журнала-сервера-".repeat(2)
    );
    std::fs::write(lib.join(&name), b"\x00\x01binary").expect("write");
    std::fs::write(lib.join("a.txt"), "Статья\n\nТекст.\n").expect("write");
    let mut app = chitalka::tui::app::App::with_library(
        chitalka::config::Config::default(),
        &home.data(),
        &lib,
        (80, 24),
    )
    .expect("app");
    let s = screen(&mut app);
    let row = s.lines().find(|l| l.contains('⚠')).expect("the row");
    assert!(row.contains("очень-длинное"), "{row}");
    assert!(row.contains(": binary file, not text"), "{row}");
}

/// A hit on an article's last line is shown, not left below the screen
/// (the jump stopped at the last screen, then scrolled back a third).
#[test]
fn a_hit_on_the_last_line_is_on_screen() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    let body: String = (0..80)
        .map(|i| format!("Абзац номер {i}, обычный текст.\n\n"))
        .collect();
    std::fs::write(
        lib.join("a.txt"),
        format!("Статья\n\n{body}Последняя строка zqxj.\n"),
    )
    .expect("write");
    let mut app = App::with_library(Config::default(), &home.data(), &lib, (80, 24)).expect("app");
    app.open(&lib.join("a.txt"), "a.txt".into()).expect("open");
    for c in "/zqxj".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    let s = screen(&mut app);
    assert!(s.contains("Последняя строка zqxj."), "{s}");
    assert!(s.contains("1/1"), "{s}");
}

/// Esc in the reader clears the kept hits and stays in the article; it
/// never leaves it, nor quits chitalka opened on one file.
#[test]
fn esc_in_the_reader_clears_hits_and_stays() {
    let home = Home::new();
    let file = Path::new(FIXTURE_LIBRARY).join(SEED);
    let mut app = App::with_file(Config::default(), &home.data(), &file, (80, 24)).expect("app");
    for c in "/сотрудничество".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    assert!(!app.reader().expect("reader").find.hits().is_empty());
    app.on_key(code(KeyCode::Esc));
    assert!(app.reader().expect("reader").find.hits().is_empty());
    app.on_key(code(KeyCode::Esc));
    assert!(!app.quitting(), "Esc never quits");
    assert_eq!(app.screen(), ScreenKind::Reader);
    app.on_key(key('q'));
    assert!(app.quitting(), "q leaves a single file");
    // With a library, Esc stays in the article too; q goes back.
    let mut app = reader_app(&home, 80, 24);
    app.on_key(code(KeyCode::Esc));
    assert_eq!(app.screen(), ScreenKind::Reader);
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Library);
}

/// `/` then Esc puts the reader back where it was; a query with no hits
/// does not move it; a place reached only by typing is not saved.
#[test]
fn a_cancelled_find_goes_back_and_saves_nothing() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.save_position();
    let top = |app: &mut App| {
        let r = app.reader_mut().expect("reader");
        r.view.top_pos(&r.doc)
    };
    let before = top(&mut app);
    for c in "/всесторонний".chars() {
        app.on_key(key(c));
    }
    assert_ne!(
        top(&mut app),
        before,
        "typing shows the nearest hit:\n{}",
        screen(&mut app)
    );
    let saved = |app: &App| {
        let id = app.reader().expect("reader").id.clone();
        let (store, _) = chitalka::core::store::Store::open(&home.data());
        store.states.articles.get(&id).map(|s| s.pos)
    };
    app.tick(std::time::Instant::now() + std::time::Duration::from_secs(5));
    app.save_position();
    assert_eq!(saved(&app), Some(before), "not saved while typing");
    app.on_key(code(KeyCode::Esc));
    assert_eq!(top(&mut app), before, "Esc goes back");
    for c in "/щщщзззъъъ".chars() {
        app.on_key(key(c));
    }
    assert_eq!(top(&mut app), before, "no hit, no move");
    app.on_key(code(KeyCode::Esc));
    // Kept with Enter: the new place is the reader's, saved.
    for c in "/всесторонний".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    let now = top(&mut app);
    assert_ne!(now, before);
    app.save_position();
    assert_eq!(saved(&app), Some(now), "kept with Enter: saved");
}

/// `n` goes on from the screen being read (after `G`, from the end), and
/// says so when it wraps around to the first hit.
#[test]
fn n_goes_on_from_the_screen_and_says_when_it_wraps() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    for c in "/сотрудничеств".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    let counter = |app: &App| {
        app.reader()
            .expect("reader")
            .find
            .counter()
            .expect("a query")
    };
    let (first, total) = counter(&app);
    assert!(total > 4, "{total} hits");
    assert!(first <= 2);
    app.on_key(key('G'));
    app.on_key(key('n'));
    let (at, _) = counter(&app);
    assert!(at > total / 2, "after G, n went to hit {at} of {total}");
    assert_eq!(app.session.message, None);
    for _ in 0..total {
        app.on_key(key('n'));
        if app.session.message.is_some() {
            break;
        }
    }
    assert_eq!(counter(&app).0, 1, "wrapped to the first hit");
    assert_eq!(
        app.session.message.as_deref(),
        Some(chitalka::messages::FROM_THE_TOP)
    );
}

/// The find and filter prompts keep the end of what is typed in sight,
/// at 40 columns too.
#[test]
fn prompts_keep_the_typed_end_in_sight_when_narrow() {
    let home = Home::new();
    let mut app = reader_app(&home, 40, 12);
    for c in "/сотрудничество между двумя странами конецзапроса".chars()
    {
        app.on_key(key(c));
    }
    let s = screen(&mut app);
    let last = s.lines().last().unwrap_or_default().to_string();
    assert!(last.contains("конецзапроса▏"), "{s}");
    let mut app = library_app(&home, 40, 12);
    for c in "/узбекско-японское сотрудничество конецфильтра".chars()
    {
        app.on_key(key(c));
    }
    let s = screen(&mut app);
    let last = s.lines().last().unwrap_or_default().to_string();
    assert!(last.contains("конецфильтра▏"), "{s}");
}
