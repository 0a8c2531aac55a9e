use super::*;
use crate::tui::keymap::ALL_MODES;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn p(text: &str) -> (Config, Vec<String>) {
    parse(Path::new("c.toml"), text)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The line numbers the warnings name.
fn lines(w: &[String]) -> Vec<usize> {
    w.iter()
        .map(|w| {
            w.strip_prefix("c.toml:")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no line in {w}"))
        })
        .collect()
}

const GOOD: &str = r##"library = "/books"

[text]
width = 72
justify = true
hyphenate = true
paragraph_indent = 2
line_spacing = 2

[theme]
name = "light"

[theme.colors]
heading1 = { fg = "#d7af5f", bold = true }
link = "238"

[keys.reader]
page_down = ["Space", "PgDn", "ctrl-f"]
bookmarks = ["M"]

[keys.library]
quit = "Q"
"##;

#[test]
fn good_config() {
    let (c, w) = p(GOOD);
    assert_eq!(w, Vec::<String>::new());
    assert_eq!(c.library, Some(PathBuf::from("/books")));
    assert_eq!(
        c.text,
        TextConfig {
            width: 72,
            justify: true,
            hyphenate: true,
            paragraph_indent: 2,
            line_spacing: 2
        }
    );
    assert_eq!(c.text.width, 72);
    assert_eq!(c.theme_name, ThemeName::Light);
    let light = Theme::light();
    assert_eq!(
        c.theme.heading1,
        Style::default()
            .fg(Color::Rgb(0xd7, 0xaf, 0x5f))
            .add_modifier(Modifier::BOLD)
    );
    // A colour alone changes the text colour and keeps the rest.
    assert_eq!(c.theme.link, light.link.fg(Color::Indexed(238)));
    assert_eq!(c.theme.body, light.body);
    assert_eq!(c.theme.hit, light.hit);
    let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(
        c.keymap.lookup(Mode::Reader, ctrl_f),
        Some(Action::PageDown)
    );
    assert_eq!(c.keymap.lookup(Mode::Reader, key('f')), None);
    assert_eq!(
        c.keymap.lookup(Mode::Reader, key('M')),
        Some(Action::Bookmarks)
    );
    assert_eq!(c.keymap.lookup(Mode::Library, key('Q')), Some(Action::Quit));
    assert_eq!(c.keymap.lookup(Mode::Library, key('q')), None);
}

#[test]
fn old_text_width_still_works() {
    let (c, w) = p("library = \"/books\"\ntext_width = 66\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.text.width, 66);
    // [text] width wins when both are there.
    let (c, _) = p("text_width = 66\n[text]\nwidth = 70\n");
    assert_eq!(c.text.width, 70);
}

#[test]
fn tilde_means_home() {
    let home = Path::new("/home/читатель");
    assert_eq!(
        expand_home("~/texts".into(), Some(home)),
        PathBuf::from("/home/читатель/texts")
    );
    assert_eq!(
        expand_home("~".into(), Some(home)),
        PathBuf::from("/home/читатель")
    );
    assert_eq!(
        expand_home("/abs".into(), Some(home)),
        PathBuf::from("/abs")
    );
    assert_eq!(
        expand_home("~user/x".into(), Some(home)),
        PathBuf::from("~user/x")
    );
}

#[test]
fn not_toml_gives_the_defaults_and_the_line() {
    let (c, w) = p("text_width = 70\ncolour = blue\n");
    assert_eq!(c, Config::default());
    assert_eq!(w.len(), 1);
    assert!(w[0].starts_with("c.toml:2:"), "{w:?}");
    assert!(w[0].contains("using the defaults"), "{w:?}");
}

#[test]
fn each_bad_entry_is_left_out_with_its_line() {
    let text = r#"text_width = 5
colour = "blue"
[text]
justify = "yes"
line_spacing = 9
hyphenate = true
[theme]
name = "sepia"
[theme.colors]
heading1 = "blurple"
heading9 = "red"
hit = { fg = "black", blink = true }
quote = "light-green"
[keys.reader]
page_down = ["Space", "PgDown2"]
bogus_action = ["x"]
half_down = ["j"]
info = ["I"]
[keys.nowhere]
down = ["j"]
[keys.library]
half_down = ["x"]
"#;
    let (c, w) = p(text);
    assert_eq!(
        lines(&w),
        vec![1, 2, 4, 5, 8, 10, 11, 12, 15, 16, 17, 17, 19, 22],
        "{w:#?}"
    );
    assert!(w.iter().all(|w| w.ends_with("; left out")), "{w:#?}");
    assert!(w[0].contains("text_width"), "{}", w[0]);
    assert!(w[1].contains("unknown setting `colour`"), "{}", w[1]);
    assert!(w[4].contains("sepia"), "{}", w[4]);
    assert!(w[5].contains("blurple"), "{}", w[5]);
    assert!(w[6].contains("heading9"), "{}", w[6]);
    assert!(w[7].contains("blink"), "{}", w[7]);
    assert!(w[8].contains("PgDown2"), "{}", w[8]);
    assert!(w[9].contains("bogus_action"), "{}", w[9]);
    assert!(w[10].contains("the key j already does `down`"), "{}", w[10]);
    assert!(w[11].contains("keeps its default keys"), "{}", w[11]);
    assert!(w[12].contains("nowhere"), "{}", w[12]);
    assert!(
        w[13].contains("`half_down` does nothing in [keys.library]"),
        "{}",
        w[13]
    );
    // The good entries apply.
    assert_eq!(c.text.width, DEFAULT_TEXT_WIDTH);
    assert!(c.text.hyphenate);
    assert!(!c.text.justify);
    assert_eq!(c.text.line_spacing, 1);
    assert_eq!(c.theme_name, ThemeName::Dark);
    assert_eq!(c.theme.heading1, Theme::dark().heading1);
    assert_eq!(c.theme.hit, Theme::dark().hit);
    assert_eq!(c.theme.quote, Theme::dark().quote.fg(Color::LightGreen));
    let km = &c.keymap;
    // A bad key name leaves the whole entry out: page_down keeps its defaults.
    assert_eq!(km.lookup(Mode::Reader, key('f')), Some(Action::PageDown));
    // A taken key is left out; an entry left with no key keeps the defaults.
    assert_eq!(km.lookup(Mode::Reader, key('j')), Some(Action::Down));
    let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(km.lookup(Mode::Reader, ctrl_d), Some(Action::HalfDown));
    assert_eq!(km.lookup(Mode::Reader, key('I')), Some(Action::Info));
}

#[test]
fn wrong_types_are_named() {
    let (c, w) = p("library = 3\n[keys]\nreader = 1\n[theme]\ncolors = \"red\"\n");
    assert_eq!(lines(&w), vec![1, 3, 5], "{w:?}");
    assert_eq!(c, Config::default());
}

#[test]
fn default_file_parses_to_the_defaults() {
    let text = default_toml();
    let (c, w) = p(&text);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c, Config::default());
    // Every commented default, switched on, still gives the defaults.
    let on: String = text
        .lines()
        .map(|l| {
            let is_setting = l
                .strip_prefix("# ")
                .and_then(|r| r.split_once(" = "))
                .is_some_and(|(k, _)| {
                    !k.is_empty()
                        && k != "library"
                        && k.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            if is_setting { &l[2..] } else { l }
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        on.contains("\npage_down = [\"Space\", \"PgDn\", \"f\"]"),
        "{on}"
    );
    assert!(
        on.contains("\nheading1 = { fg = \"light-yellow\", bold = true }"),
        "{on}"
    );
    let (c, w) = p(&on);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c, Config::default());
}

#[test]
fn default_file_lists_every_action_and_colour() {
    let text = default_toml();
    for mode in ALL_MODES {
        assert!(text.contains(&format!("[keys.{}]", mode.name())));
    }
    for b in Keymap::default().bindings() {
        assert!(
            text.contains(&format!("# {} = [", b.action.name())),
            "{:?}",
            b.action
        );
    }
    for e in crate::tui::theme::THEME_ENTRIES {
        assert!(text.contains(&format!("\n# {e} = ")), "{e}");
    }
}

#[test]
fn toml_strings_escape() {
    assert_eq!(default_file::toml_str("a\"b\\"), "\"a\\\"b\\\\\"");
}

#[test]
fn quit_stays_reachable_and_lost_keys_are_said() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let (c, w) = p("[keys.library]\nquit = []\n\n[keys.reader]\nquit = []\n");
    assert_eq!(lines(&w), vec![2, 5], "{w:?}");
    assert!(w[0].contains("cannot be left without keys"), "{w:?}");
    assert_eq!(c.keymap, Keymap::default());
    assert_eq!(c.keymap.lookup(Mode::Library, key('q')), Some(Action::Quit));
    for mode in ALL_MODES {
        assert_eq!(
            c.keymap.lookup(mode, ctrl_c),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
    // A key that is taken: the entry is left out, quit keeps its defaults.
    let (c, w) = p("[keys.library]\nquit = [\"j\"]\n");
    assert_eq!(lines(&w), vec![2, 2], "{w:?}");
    assert!(w[1].contains("keeps its default keys"), "{w:?}");
    assert_eq!(c.keymap.lookup(Mode::Library, key('q')), Some(Action::Quit));
    assert_eq!(c.keymap.lookup(Mode::Library, key('j')), Some(Action::Down));
    // Ctrl-c cannot be given away.
    let (c, w) = p("[keys.reader]\ndown = [\"Ctrl-c\", \"J\"]\n");
    assert_eq!(lines(&w), vec![2], "{w:?}");
    assert!(w[0].contains("always quits; it cannot do `down`"), "{w:?}");
    assert_eq!(c.keymap.lookup(Mode::Reader, ctrl_c), Some(Action::Quit));
    // An empty list for another action unbinds it, and says so.
    let (c, w) = p("[keys.reader]\ninfo = []\n");
    assert_eq!(
        w,
        vec!["c.toml:2: `info` has no key in [keys.reader] now (an empty list unbinds it)"]
    );
    assert_eq!(c.keymap.lookup(Mode::Reader, key('i')), None);
}

#[test]
fn the_size_limit_is_set_in_megabytes() {
    use crate::core::article_file::{DEFAULT_MAX_FILE_MB, MB};
    assert_eq!(
        Config::default().max_file_mb.bytes(),
        DEFAULT_MAX_FILE_MB * MB
    );
    let (c, w) = p("max_file_mb = 2\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.max_file_mb.bytes(), 2 * MB);
    // Out of range or not a number: reported, the default stays.
    for bad in [
        "max_file_mb = 0\n",
        "max_file_mb = \"big\"\n",
        "max_file_mb = 70000\n",
    ] {
        let (c, w) = p(bad);
        assert_eq!(w.len(), 1, "{bad}: {w:?}");
        assert!(w[0].contains("max_file_mb"), "{w:?}");
        assert_eq!(c.max_file_mb.bytes(), DEFAULT_MAX_FILE_MB * MB);
    }
    // The default file says it, commented.
    assert!(default_toml().contains(&format!("\n# max_file_mb = {DEFAULT_MAX_FILE_MB}\n")));
}

#[test]
fn a_bom_is_read_and_a_pipe_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "\u{feff}[text]\nwidth = 50\n").expect("write");
    let (c, w) = load(&file);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.text.width, 50);
    // A named pipe in its place (nobody writes to it): said, defaults used.
    let fifo = dir.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (c, w) = load(&fifo);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(c.text.width, Config::default().text.width);
}

#[test]
fn a_top_level_setting_written_under_a_keys_table_is_explained() {
    let (c, w) = p("[keys.marks]\nmax_file_mb = 200\n");
    assert_eq!(lines(&w), vec![2], "{w:?}");
    assert!(w[0].contains("top-level setting"), "{w:?}");
    assert_eq!(c.max_file_mb, Config::default().max_file_mb);
}
