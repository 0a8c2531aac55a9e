//! Links and footnotes in the reader, driven by keys and clicks through the
//! app (no terminal): `l`/`h` focus, Enter or a click follows, a footnote
//! over the text leaves the reading position alone, a link is a jump, an
//! external link can be copied, another article opens over this one; the
//! go-to prompt (`:`). The tmux side is in `tmux_links.rs`.

use crate::common::Home;
use crate::common::screen::{code, key, screen};
use chitalka::config::Config;
use chitalka::tui::app::App;
use chitalka::tui::overlays::Overlay;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use std::path::Path;

/// The fixture with notes and links (see tests/fixtures/SOURCES.md).
pub const LINKS: &str = "tests/fixtures/links/links.fb2";
/// The external link in it.
pub const URL: &str = "https://example.org/chitalka/%D0%BA%D0%BD%D0%B8%D0%B3%D0%B8?x=1";

/// The links fixture open on its own, in a fresh home.
pub fn links_app(home: &Home, w: u16, h: u16) -> App {
    App::with_file(Config::default(), &home.data(), Path::new(LINKS), (w, h)).expect("app")
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn top(app: &mut App) -> chitalka::core::document::Pos {
    let r = app.reader_mut().expect("reader");
    r.view.top_pos(&r.doc)
}

fn status(app: &mut App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

fn go_to(app: &mut App, typed: &str) {
    app.on_key(key(':'));
    assert!(app.prompting(), "`:` opens the go-to prompt");
    for c in typed.chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
}

#[test]
fn l_and_enter_show_the_footnote_and_esc_leaves_all_as_it_was() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    app.on_key(key('l'));
    let focused = screen(&mut app);
    assert!(
        status(&mut app).contains("Enter: show footnote 1"),
        "{focused}"
    );
    let at = top(&mut app);
    app.on_key(code(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Footnote(_))));
    let shown = screen(&mut app);
    assert!(shown.contains("Footnote ¹"), "{shown}");
    assert!(shown.contains("Генуя и Лукка"), "{shown}");
    assert!(
        shown.contains("Второй абзац сноски с²"),
        "its own note ref drawn: {shown}"
    );
    app.on_key(code(KeyCode::Esc));
    assert!(app.overlay.is_none());
    assert_eq!(top(&mut app), at, "the reading position never moves");
    assert_eq!(screen(&mut app), focused, "back to the very same screen");
}

#[test]
fn russian_layout_keys_and_esc_unfocuses_before_clearing_hits() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    // A find with hits kept.
    app.on_key(key('/'));
    for c in "князь".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    assert!(!app.reader().expect("reader").find.hits().is_empty());
    // д is l, р is h on ЙЦУКЕН.
    app.on_key(key('д'));
    app.on_key(key('д'));
    assert!(
        status(&mut app).contains("go to «Глава третья»"),
        "the section, not the id"
    );
    app.on_key(key('р'));
    assert!(status(&mut app).contains("show footnote 1"));
    app.on_key(code(KeyCode::Esc));
    let r = app.reader().expect("reader");
    assert!(r.link.is_none(), "Esc lets the link go first");
    assert!(!r.find.hits().is_empty(), "the hits stay");
    app.on_key(code(KeyCode::Esc));
    assert!(app.reader().expect("reader").find.hits().is_empty());
}

#[test]
fn enter_without_a_focused_link_keeps_its_meaning() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    app.on_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none());
    assert!(status(&mut app).contains("no note on this screen"));
}

#[test]
fn an_internal_link_is_a_jump_and_ctrl_o_comes_back() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    let at = top(&mut app);
    app.on_key(key('l'));
    app.on_key(key('l'));
    app.on_key(code(KeyCode::Enter));
    let there = screen(&mut app);
    assert!(there.contains("Глава третья"), "{there}");
    assert!(there.contains("Третья глава начинается здесь."), "{there}");
    let first = there.lines().next().unwrap_or_default();
    assert!(
        first.contains("Глава третья"),
        "the heading on the top row: {there}"
    );
    assert_ne!(top(&mut app), at);
    app.on_key(ctrl('o'));
    assert_eq!(top(&mut app), at, "Ctrl-o: back where the link was");
}

#[test]
fn an_external_link_is_shown_whole_and_copied() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    for _ in 0..3 {
        app.on_key(key('l'));
    }
    assert!(status(&mut app).contains("Enter: link https://example.org/"));
    app.on_key(code(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Link(_))));
    let shown = screen(&mut app);
    assert!(shown.contains(URL), "the target in full: {shown}");
    app.on_key(key('y'));
    assert_eq!(app.copied(), Some(URL));
    assert!(app.overlay.is_none());
    assert!(status(&mut app).contains("link copied"));
}

#[test]
fn a_relative_link_opens_the_article_next_to_it_and_q_comes_back() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    for _ in 0..4 {
        app.on_key(key('l'));
    }
    assert!(status(&mut app).contains("open second.fb2#part2"));
    assert!(status(&mut app).contains("q quit"), "the only screen");
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screens().len(), 2, "a new reader over this one");
    let bar = status(&mut app);
    assert!(
        bar.contains("q back"),
        "q goes back to the article under: {bar}"
    );
    let there = screen(&mut app);
    assert!(
        there.contains("Вы пришли по ссылке во вторую часть."),
        "{there}"
    );
    app.on_key(key('q'));
    assert_eq!(app.screens().len(), 1);
    assert!(screen(&mut app).contains("Анна Павловна¹"));
    // Again, and back with Ctrl-o this time.
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screens().len(), 2);
    app.on_key(ctrl('o'));
    assert_eq!(app.screens().len(), 1, "Ctrl-o closes the linked article");
    assert!(screen(&mut app).contains("Анна Павловна¹"));
}

#[test]
fn a_note_reference_to_a_missing_note_is_said() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    for _ in 0..5 {
        app.on_key(key('l'));
    }
    app.on_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none());
    let bar = status(&mut app);
    assert!(bar.contains("footnote ⁹ is not in the file"), "{bar}");
}

#[test]
fn l_past_the_screen_scrolls_to_a_near_one_or_says_none() {
    let home = Home::new();
    let mut app = links_app(&home, 100, 30);
    for _ in 0..5 {
        app.on_key(key('l'));
    }
    let at = top(&mut app);
    // The next one (note 2, in chapter two) is below the screen, a page on.
    app.on_key(key('l'));
    assert_ne!(top(&mut app), at, "scrolled to it");
    assert!(status(&mut app).contains("show footnote 2"));
    // At the end, past the last one on screen: round to the first on screen.
    app.on_key(key('G'));
    app.on_key(key('l'));
    let first = status(&mut app);
    assert!(first.contains("Enter: show footnote"), "{first}");
    app.on_key(key('l'));
    let bar = status(&mut app);
    assert!(bar.contains("no more links below"), "{bar}");
    app.on_key(code(KeyCode::Esc));
    app.on_key(key('h'));
    app.on_key(key('h'));
    let bar = status(&mut app);
    assert!(bar.contains("no more links above"), "{bar}");
    // Far from any: said, and nothing stays focused for Enter.
    go_to(&mut app, "60%");
    let at = top(&mut app);
    app.on_key(key('l'));
    let bar = status(&mut app);
    assert!(bar.contains("no link or footnote"), "{bar}");
    assert_eq!(top(&mut app), at, "nothing moves");
    app.on_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none());
}

#[test]
fn a_click_on_a_note_reference_shows_it() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    let text = screen(&mut app);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Павловна¹"))
        .expect("the note reference on screen");
    let col = line
        .split("¹")
        .next()
        .map(unicode_width::UnicodeWidthStr::width)
        .expect("col");
    app.on_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col as u16,
        row: row as u16,
        modifiers: KeyModifiers::NONE,
    });
    assert!(matches!(app.overlay, Some(Overlay::Footnote(_))));
    assert!(screen(&mut app).contains("Генуя и Лукка"));
}

#[test]
fn go_to_a_percentage_a_line_and_a_section() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    go_to(&mut app, "50%");
    let p = {
        let r = app.reader_mut().expect("reader");
        r.view.progress(&r.doc)
    };
    assert!((0.48..=0.52).contains(&p), "{p}");
    app.on_key(ctrl('o'));
    assert_eq!(
        top(&mut app),
        Default::default(),
        "a jump: Ctrl-o comes back"
    );
    go_to(&mut app, ":40");
    assert!(
        status(&mut app).contains("line 40/"),
        "{}",
        status(&mut app)
    );
    go_to(&mut app, "12");
    assert!(status(&mut app).contains("line 12/"));
    // §1.3: the third chapter under the book's title; §2 the notes.
    go_to(&mut app, "§1.3");
    let first = screen(&mut app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("Глава третья"), "{first}");
    go_to(&mut app, "§2");
    assert!(
        status(&mut app).contains("Примечания"),
        "{}",
        status(&mut app)
    );
    go_to(&mut app, "s1.1");
    assert!(
        screen(&mut app)
            .lines()
            .next()
            .unwrap_or_default()
            .contains("Глава первая")
    );
}

#[test]
fn go_to_junk_is_said_and_nothing_moves() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    app.on_key(key('j'));
    let at = top(&mut app);
    for (typed, said) in [
        ("junk", "go to what?"),
        ("150%", "0% to 100%"),
        ("§9", "no section 9"),
        (":999999", "no line 999999"),
        ("999999999999999999999", "go to what?"),
    ] {
        go_to(&mut app, typed);
        assert!(!app.prompting());
        let bar = status(&mut app);
        assert!(bar.contains(said), "{typed}: {bar}");
        assert_eq!(top(&mut app), at, "{typed}");
    }
}

#[test]
fn enter_never_follows_a_focused_link_gone_from_the_screen() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    app.on_key(key('l'));
    // A find takes the window far from the focused note reference.
    app.on_key(key('/'));
    for c in "Третья глава начинается".chars() {
        app.on_key(key(c));
    }
    app.on_key(code(KeyCode::Enter));
    assert!(!screen(&mut app).contains("Павловна¹"));
    app.on_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none(), "no footnote of a link not in sight");
    assert!(app.reader().expect("reader").link.is_none());
}

#[test]
fn a_long_footnote_scrolls_and_keeps_clear_of_its_reference() {
    let home = Home::new();
    let mut app = links_app(&home, 60, 20);
    go_to(&mut app, "§1.2");
    app.on_key(key('l'));
    app.on_key(code(KeyCode::Enter));
    let shown = screen(&mut app);
    assert!(shown.contains("Footnote ²"), "{shown}");
    assert!(
        shown.contains("фразой²"),
        "the reference stays in sight: {shown}"
    );
    assert!(shown.contains("Esc close ↓"), "more below: {shown}");
    let first = |s: &str| {
        s.lines()
            .find(|l| l.starts_with('│'))
            .unwrap_or_default()
            .to_string()
    };
    app.on_key(key('j'));
    let scrolled = screen(&mut app);
    assert_ne!(first(&scrolled), first(&shown), "j scrolls the footnote");
    app.on_key(key('G'));
    assert!(!screen(&mut app).contains("Esc close ↓"), "at its end");
    app.on_key(key('q'));
    assert!(app.overlay.is_none());
    assert!(screen(&mut app).contains("фразой²"));
}

#[test]
fn a_link_back_to_the_article_under_closes_the_one_over_it() {
    let home = Home::new();
    let mut app = links_app(&home, 80, 24);
    for _ in 0..4 {
        app.on_key(key('l'));
    }
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screens().len(), 2);
    // second.fb2 links back to links.fb2#ch2: never a second copy of it.
    app.on_key(key('l'));
    assert!(
        status(&mut app).contains("open links.fb2#ch2"),
        "{}",
        status(&mut app)
    );
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screens().len(), 1, "the article under came up");
    assert!(screen(&mut app).contains("Глава вторая"));
}

#[test]
fn a_markdown_link_to_a_page_opens_the_markdown_file_of_that_name() {
    // Books written for mdBook link to the pages it makes: "ch02.html".
    let home = Home::new();
    let dir = home.data().join("book");
    std::fs::create_dir_all(&dir).expect("dir");
    let first = dir.join("ch01.md");
    std::fs::write(
        &first,
        "# Глава 1\n\nДальше — [вторая глава](ch02.html#далее) и [третья](ch03.html).\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("ch02.md"),
        "# Глава 2\n\nНачало второй.\n\n## Далее\n\nПродолжение второй главы.\n",
    )
    .expect("write");
    let mut app = App::with_file(Config::default(), &home.data(), &first, (80, 24)).expect("app");
    app.on_key(key('l'));
    assert!(
        status(&mut app).contains("ch02.html"),
        "{}",
        status(&mut app)
    );
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screens().len(), 2, "ch02.md opened for ch02.html");
    assert!(screen(&mut app).contains("Продолжение второй главы."));
    app.on_key(key('q'));
    // No ch03.md: said, nothing opened.
    app.on_key(code(KeyCode::Esc));
    app.on_key(key('l'));
    app.on_key(key('l'));
    app.on_key(code(KeyCode::Enter));
    assert_eq!(app.screens().len(), 1);
    assert!(
        status(&mut app).contains("ch03.html"),
        "{}",
        status(&mut app)
    );
}

#[test]
fn a_title_alone_before_the_parts_is_not_counted() {
    // «ВОЙНА И МИР» stands alone before «ТОМ ПЕРВЫЙ»: §1 is the volume.
    let home = Home::new();
    let path = Path::new("library/tolstoy-voyna-i-mir-tom1-chast1.txt");
    let mut app = App::with_file(Config::default(), &home.data(), path, (80, 24)).expect("app");
    go_to(&mut app, "§1.1.2");
    let first = screen(&mut app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert_eq!(first.trim(), "II.", "{}", screen(&mut app));
    go_to(&mut app, "§1");
    let first = screen(&mut app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("ТОМ ПЕРВЫЙ"), "{}", screen(&mut app));
}
