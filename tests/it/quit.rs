//! Config that cannot lock the person in: `quit = []` on every screen is
//! reported and refused, and Ctrl-c quits from every screen and overlay
//! (text fields, prompts, the note editor included), in the app and in a
//! real terminal.

use crate::common::screen::{code, key};
use crate::common::tmux::Tmux;
use crate::common::{FIXTURE_LIBRARY, Home, SEED};
use chitalka::config::Config;
use chitalka::core::marks_store::{MarkKind, MarksStore};
use chitalka::tui::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

/// `quit = []` on every screen.
const LOCKED: &str = "[keys.library]\nquit = []\n[keys.reader]\nquit = []\n\
[keys.outline]\nquit = []\n[keys.search]\nquit = []\n[keys.select]\nquit = []\n\
[keys.marks]\nquit = []\n";

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn locked_config() -> Config {
    let (config, warnings) = chitalka::config::parse(Path::new("config.toml"), LOCKED);
    assert_eq!(
        warnings.len(),
        6,
        "each `quit = []` is reported: {warnings:?}"
    );
    config
}

fn app(home: &Home) -> App {
    App::with_library(
        locked_config(),
        &home.data(),
        Path::new(FIXTURE_LIBRARY),
        (80, 24),
    )
    .expect("app")
}

fn reader(home: &Home) -> App {
    let mut a = app(home);
    a.open(&Path::new(FIXTURE_LIBRARY).join(SEED), SEED.to_string())
        .expect("open");
    a
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(c));
    }
}

#[test]
fn ctrl_c_quits_from_every_screen_and_overlay() {
    let home = Home::new();
    type Setup = fn(&mut App);
    let places: Vec<(&str, bool, Setup)> = vec![
        ("library", false, |_| {}),
        ("library filter", false, |a| typed(a, "/узб")),
        ("library help", false, |a| a.on_key(key('?'))),
        ("library find typing", false, |a| typed(a, "Fслово")),
        ("library find results", false, |a| {
            typed(a, "Fслово");
            a.on_key(code(KeyCode::Enter));
        }),
        ("notes list", false, |a| a.on_key(key('A'))),
        ("reader", true, |_| {}),
        ("reader find", true, |a| typed(a, "/слово")),
        ("outline", true, |a| a.on_key(key('o'))),
        ("outline focused", true, |a| {
            a.on_key(key('o'));
            a.on_key(code(KeyCode::Tab));
        }),
        ("info", true, |a| a.on_key(key('i'))),
        ("help", true, |a| a.on_key(key('?'))),
        ("choosing", true, |a| a.on_key(key('v'))),
        ("bookmark prompt", true, |a| typed(a, "vm")),
        ("bookmarks list", true, |a| a.on_key(key('B'))),
        ("discard question", true, |a| {
            typed(a, "aчерновик");
            a.on_key(code(KeyCode::Esc));
        }),
    ];
    for (name, in_reader, setup) in places {
        let mut a = if in_reader { reader(&home) } else { app(&home) };
        setup(&mut a);
        assert!(!a.quitting(), "{name}");
        a.on_key(ctrl('c'));
        assert!(a.quitting(), "{name}: Ctrl-c did not quit");
    }
    // Ctrl-c on the Russian layout (Ctrl-с) quits too.
    let mut a = app(&home);
    a.on_key(ctrl('с'));
    assert!(a.quitting());
}

#[test]
fn ctrl_c_in_the_note_editor_quits_and_keeps_the_note() {
    let home = Home::new();
    let mut a = reader(&home);
    typed(&mut a, "aзаметка перед выходом");
    assert!(a.writing_note());
    a.on_key(ctrl('c'));
    assert!(a.quitting());
    let kinds: Vec<MarkKind> = MarksStore::new(&home.data())
        .all()
        .into_iter()
        .flat_map(|(_, m)| m.live().map(|(_, x)| x.kind.clone()).collect::<Vec<_>>())
        .collect();
    assert_eq!(
        kinds,
        [MarkKind::Note {
            text: "заметка перед выходом".into()
        }]
    );
}

#[test]
fn ctrl_c_quits_a_real_terminal_with_quit_unbound() {
    if !Tmux::available() {
        eprintln!("tmux not found: skipping");
        return;
    }
    let home = Home::new();
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), LOCKED).expect("config");
    let t = Tmux::new("quit-locked");
    t.start(&home, 100, 30);
    t.keys(&["/"]);
    t.text("узб");
    // In the filter, where keys are typed.
    t.wait_for("Filter: узб▏");
    t.keys(&["C-c"]);
    t.wait_exit();
    // From the reader with the help open.
    t.start(&home, 100, 30);
    t.open_seed();
    t.keys(&["?"]);
    t.wait_for("line down");
    t.keys(&["C-c"]);
    t.wait_exit();
}
