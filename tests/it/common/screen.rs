//! Driving the app without a terminal: keys in, the screen drawn on a
//! ratatui test backend and read back as text.

use super::{FIXTURE_LIBRARY, Home, SEED};
use chitalka::config::Config;
use chitalka::tui::app::App;
use chitalka::tui::theme::Theme;
use chitalka::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

pub fn library_app(home: &Home, w: u16, h: u16) -> App {
    App::with_library(
        Config::default(),
        &home.data(),
        Path::new(FIXTURE_LIBRARY),
        (w, h),
    )
    .expect("app")
}

pub fn reader_app(home: &Home, w: u16, h: u16) -> App {
    let mut app = library_app(home, w, h);
    app.open(&Path::new(FIXTURE_LIBRARY).join(SEED), SEED.to_string())
        .expect("open");
    app
}

pub fn draw(app: &mut App, theme: &Theme) -> Terminal<TestBackend> {
    let (w, h) = app.session.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::draw(f, app, theme)).expect("draw");
    term
}

/// The screen as text, one row per line, wide characters counted once.
pub fn screen(app: &mut App) -> String {
    let term = draw(app, &Theme::new(false));
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            row.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// The set-up of the fixture library with every user path in `home`, as
/// the CLI commands get it.
pub fn fixture_setup(home: &Home) -> chitalka::setup::Setup {
    chitalka::setup::Setup {
        paths: chitalka::paths::Paths {
            data_dir: home.data(),
            config_dir: home.path().join("config"),
            cache_dir: home.path().join("cache"),
            library: FIXTURE_LIBRARY.into(),
            default_library: false,
        },
        config: Config::default(),
        notes: vec![],
    }
}
