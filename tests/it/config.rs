//! The app started with a hand-written config in a temp config dir, as the
//! binary starts it: rebound keys work and show in help and the hint bar, the
//! light theme is drawn, and a broken config still starts, its line named.

use crate::common::screen::{draw, key, screen};
use crate::common::{FIXTURE_LIBRARY, Home, SEED, stderr, stdout};
use chitalka::config::{self, Config};
use chitalka::paths::Flags;
use chitalka::setup::setup_with_env;
use chitalka::tui::app::{App, ScreenKind};
use chitalka::tui::theme::Theme;
use ratatui::style::Color;
use std::path::{Path, PathBuf};

const HAND_WRITTEN: &str = r##"# a reader's own config
[text]
width = 60
justify = true
hyphenate = true

[theme]
name = "light"

[theme.colors]
heading1 = { fg = "#870000", bold = true }

[keys.reader]
bookmarks = ["M"]
toggle_outline = ["O"]

[keys.library]
open = ["Enter", "o"]
"##;

/// Start the app the way `chitalka` does, with `config` as config.toml.
fn start(home: &Home, config: &str, file: Option<&Path>) -> (App, Vec<String>) {
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), config).expect("config");
    let env: Vec<(&str, PathBuf)> = home.env();
    let env = move |k: &str| {
        env.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.display().to_string())
    };
    let flags = Flags {
        data_dir: Some(home.data()),
        library: Some(FIXTURE_LIBRARY.into()),
        file_only: false,
    };
    let setup = setup_with_env(&flags, &env).expect("setup");
    let notes = setup.notes.clone();
    let app = chitalka::tui::start(&setup, file, (80, 24)).expect("app");
    (app, notes)
}

fn colours_drawn(app: &mut App, theme: &Theme) -> Vec<(Color, Color)> {
    let term = draw(app, theme);
    term.backend()
        .buffer()
        .content
        .iter()
        .map(|c| (c.fg, c.bg))
        .collect()
}

#[test]
fn rebound_keys_work_and_show() {
    let home = Home::new();
    let (mut app, notes) = start(&home, HAND_WRITTEN, None);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(app.session.config.text.justify && app.session.config.text.hyphenate);
    assert_eq!(app.session.config.text.width, 60);
    // `o` opens an article in the library now; Enter still does.
    assert!(screen(&mut app).contains("Enter open"));
    app.on_key(key('o'));
    assert_eq!(app.screen(), ScreenKind::Reader);
    let s = screen(&mut app);
    assert!(s.contains("O outline"), "{s}");
    // `B` no longer lists bookmarks in the reader; `M` (and Ь) does.
    app.on_key(key('B'));
    assert_eq!(app.screen(), ScreenKind::Reader);
    app.on_key(key('M'));
    assert_eq!(app.screen(), ScreenKind::Marks);
    app.on_key(key('q'));
    assert_eq!(app.screen(), ScreenKind::Reader);
    app.on_key(key('Ь'));
    assert_eq!(app.screen(), ScreenKind::Marks);
    app.on_key(key('q'));
    // The help lists the keys in force.
    app.on_key(key('?'));
    let help = screen(&mut app);
    assert!(
        help.lines().any(|l| l
            .split_once("│O ")
            .is_some_and(|(_, rest)| rest.trim_start().starts_with("show / hide the outline"))),
        "{help}"
    );
    let rows = chitalka::tui::overlays::help::rows(&app.session.config.keymap, app.mode());
    assert!(
        rows.iter().any(|(k, h)| k == "M" && *h == "bookmarks"),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|(k, _)| k == "B"), "{rows:?}");
}

#[test]
fn light_theme_and_user_colours_are_drawn() {
    let home = Home::new();
    let seed = Path::new(FIXTURE_LIBRARY).join(SEED);
    let (mut app, _) = start(&home, HAND_WRITTEN, Some(&seed));
    let light = Theme::light();
    assert_eq!(app.session.config.theme.bar, light.bar);
    let theme = Theme::for_terminal(&app.session.config.theme, false);
    let cells = colours_drawn(&mut app, &theme);
    let bar_bg = light.bar.bg.expect("bar bg");
    assert!(
        cells.iter().any(|(_, bg)| *bg == bar_bg),
        "light status bar"
    );
    assert!(
        cells.iter().any(|(fg, _)| *fg == Color::Rgb(0x87, 0, 0)),
        "the user's heading colour"
    );
    let dark = Theme::dark();
    assert!(!cells.iter().any(|(_, bg)| Some(*bg) == dark.bar.bg));
    // NO_COLOR wins over the configured theme.
    let plain = Theme::for_terminal(&app.session.config.theme, true);
    let cells = colours_drawn(&mut app, &plain);
    assert!(cells.iter().all(|c| *c == (Color::Reset, Color::Reset)));
}

#[test]
fn a_broken_config_still_starts_and_names_the_line() {
    let home = Home::new();
    let (mut app, notes) = start(&home, "text_width = 70\ncolour = blue\n", None);
    assert_eq!(app.session.config, Config::default());
    assert_eq!(notes.len(), 1, "{notes:?}");
    let s = screen(&mut app);
    let status = s.lines().last().unwrap_or_default().to_string();
    assert!(status.contains("config.toml:2:"), "{s}");

    // A wrong entry is left out; the rest applies.
    let text =
        "[keys.reader]\nbookmarks = [\"M\"]\nnotes = [\"Shift-Q\"]\n[theme]\nname = \"light\"\n";
    let (mut app, notes) = start(&home, text, None);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("config.toml:3:"), "{notes:?}");
    assert!(
        screen(&mut app)
            .lines()
            .last()
            .unwrap_or_default()
            .contains("config.toml:3:")
    );
    assert_eq!(app.session.config.theme, Theme::light());
    app.on_key(key('j'));
    app.on_key(crate::common::screen::code(
        crossterm::event::KeyCode::Enter,
    ));
    app.on_key(key('M'));
    assert_eq!(app.screen(), ScreenKind::Marks);
}

#[test]
fn config_commands() {
    let home = Home::new();
    let out = home.run(&["config", "--path"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim_end(),
        home.path()
            .join("config")
            .join("config.toml")
            .display()
            .to_string()
    );
    let out = home.run(&["config", "--default"]);
    assert!(out.status.success());
    let (c, warnings) = config::parse(Path::new("config.toml"), &stdout(&out));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(c, Config::default());

    // A broken config: commands still run, and say which line is wrong.
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("config.toml"),
        "[keys.reader]\nbookmarks = [\"M\"]\nup = 5\n",
    )
    .expect("write");
    let out = home.run(&["--library", FIXTURE_LIBRARY, "list"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("config.toml:3:"), "{}", stderr(&out));
    let out = home.run(&["keys"]);
    assert!(out.status.success());
    let keys = stdout(&out);
    assert!(
        keys.lines()
            .any(|l| l.trim_start().starts_with("M ") && l.ends_with("bookmarks")),
        "{keys}"
    );
    assert!(stderr(&out).contains("config.toml:3:"));
    let out = home.run(&["keys", "--markdown", "--default"]);
    assert!(stdout(&out).contains("| `B` | bookmarks |"));
}

#[test]
fn the_configured_text_settings_lay_out_the_reader() {
    let home = Home::new();
    let file = Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt");
    let (mut app, _) = start(&home, HAND_WRITTEN, Some(&file));
    assert!(app.session.layout.justify && app.session.layout.hyphenate);
    let (_, width) = app.text_column();
    assert_eq!(width, 60);
    let r = app.reader_mut().expect("reader");
    for _ in 0..12 {
        r.view.scroll(&r.doc, 1);
    }
    let lines = r.view.visible(&r.doc);
    // Every row of running text but a paragraph's last fills the column.
    let mut full = 0;
    for (l, next) in lines.iter().zip(lines.iter().skip(1)) {
        let body = l.style == chitalka::core::layout::LineStyle::Body;
        if body && next.block == l.block && !next.text.is_empty() {
            assert_eq!(l.width(), width, "{:?}", l.text);
            full += 1;
        }
    }
    assert!(full > 5, "justified rows were checked: {full}");
    assert!(
        lines.iter().any(|l| l.text.ends_with('-')),
        "a word hyphenated on screen"
    );
}
