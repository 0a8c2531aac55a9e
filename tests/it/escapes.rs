//! No escape sequence reaches the terminal from data: control characters
//! (ESC, BEL, the C1 set, DEL), bidirectional overrides and isolates planted
//! in a note, a quote, titles (a .txt first line, an HTML `<title>` with
//! entities), a section heading and a file name never come out raw, in any
//! command's text or JSON, on stdout or stderr; the JSON still parses back
//! to the very strings.

use crate::common::{Home, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Every kind of character that must not reach a terminal raw.
const HOSTILE: &str =
    "\u{1b}]52;c;aGk=\u{7}\u{1b}[31m\u{9b}2J\u{85}\u{7f}\u{202e}\u{2066}\u{90}q\u{1b}\\";

/// The characters of `text` that a terminal would act on (line breaks and
/// tabs are the output's own).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && c != '\t' && chitalka::messages::is_unsafe(c))
        .collect()
}

fn assert_clean(what: &str, o: &Output) {
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(
        raw_controls(&out),
        Vec::<char>::new(),
        "{what}: stdout {out:?}"
    );
    assert_eq!(
        raw_controls(&err),
        Vec::<char>::new(),
        "{what}: stderr {err:?}"
    );
}

/// A library whose file names, titles and headings carry `HOSTILE`.
struct Hostile {
    home: Home,
    lib: PathBuf,
    txt: String,
}

impl Hostile {
    fn new() -> Hostile {
        let home = Home::new();
        let lib = home.path().join("lib");
        std::fs::create_dir_all(&lib).unwrap();
        let txt = format!("ловушка{HOSTILE}.txt");
        std::fs::write(
            lib.join(&txt),
            format!("Заголовок {HOSTILE} конец\n\nТекст про ловушку и ещё.\n"),
        )
        .unwrap();
        // Entities decode to the controls after any cleaning of raw bytes.
        std::fs::write(
            lib.join("page.html"),
            "<html><head><title>Страница &#27;]52;c;aGk=&#7; &#x9b;2J &#x85;&#x7f;&#x202e;&#x2066; конец</title></head>\
             <body><h1>Глава &#27;]8;;http://x/&#27;\\ ссылка &#x202e;</h1><p>Ловушка в тексте страницы.</p></body></html>",
        )
        .unwrap();
        std::fs::write(
            lib.join("notes.md"),
            format!("# Статья\n\n## Раздел {HOSTILE} второй\n\nЕщё одна ловушка здесь.\n"),
        )
        .unwrap();
        Hostile { home, lib, txt }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.home
            .on_library(&self.lib)
            .args(args)
            .output()
            .expect("run chitalka")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_clean(&format!("{args:?}"), &o);
        o
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let o = self.ok(args);
        serde_json::from_str(&stdout(&o)).expect("json")
    }
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_command_prints_a_raw_control_character() {
    let h = Hostile::new();
    let note = format!("заметка {HOSTILE}\nвторая строка {HOSTILE}");
    let quote_path = Path::new(&h.txt);
    // A note and a bookmark on the hostile file, named by its hostile path.
    let o = h.ok(&["mark", &h.txt, "ловушку", "--note", &note]);
    assert_eq!(stdout(&o).trim().len(), 16);
    h.ok(&["mark", "page.html", "Ловушка", "--note", HOSTILE]);
    h.ok(&["mark", "notes.md", "ловушка", "--name", HOSTILE]);

    let list = h.json(&["list", "--json"]);
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["path"].as_str())
        .collect();
    // The file name comes back whole from the escaped JSON.
    assert!(paths.contains(&h.txt.as_str()), "{paths:?}");
    h.ok(&["list"]);

    let notes = h.json(&["notes", "--json"]);
    let mut all = Vec::new();
    strings(&notes, &mut all);
    assert!(all.contains(&note), "{all:?}");
    assert!(all.contains(&HOSTILE.to_string()), "{all:?}");
    assert!(all.contains(&h.txt), "{all:?}");
    let md = h.ok(&["notes"]);
    let md = stdout(&md);
    // The note keeps its line break, nothing else.
    assert!(md.contains("\nвторая строка \\u{1b}]52;"), "{md}");
    let bookmarks = h.json(&["bookmarks", "--json"]);
    let mut all = Vec::new();
    strings(&bookmarks, &mut all);
    assert!(all.contains(&HOSTILE.to_string()), "{all:?}");

    for file in [h.txt.as_str(), "page.html", "notes.md"] {
        h.ok(&["outline", file]);
        h.json(&["outline", file, "--json"]);
        h.ok(&["render", file, "--width", "40", "--height", "10"]);
    }
    // Library-wide find: hits in the text and in the notes.
    h.ok(&["find", "ловушка"]);
    h.ok(&["find", "ловушка", "--json"]);
    h.ok(&["find", "заметка"]);
    h.ok(&["find", "заметка", "--json"]);

    // `add` names the source and the title it took.
    let src = h.home.path().join(format!("новая{HOSTILE}.txt"));
    std::fs::write(&src, format!("Новая {HOSTILE} статья\n\nТекст.\n")).unwrap();
    h.ok(&["add", src.to_str().unwrap()]);
    let o = h.run(&["add", src.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_clean("add again", &o);
    let o = h.run(&["add", "--title", HOSTILE, "-"]);
    assert_clean("add --title from empty stdin", &o);

    // Errors that name a file or a quote.
    for args in [
        vec!["outline", &format!("нет{HOSTILE}.txt")],
        vec!["render", &format!("нет{HOSTILE}.txt")],
        vec!["mark", &h.txt, &format!("нет такой {HOSTILE}")],
        vec!["mark", &format!("нет{HOSTILE}.txt"), "ловушку"],
        vec![&format!("нет{HOSTILE}")],
    ] {
        let args: Vec<&str> = args.iter().map(|s| s.as_ref()).collect();
        let o = h.run(&args);
        assert!(!o.status.success(), "{args:?}");
        assert_clean(&format!("{args:?}"), &o);
    }
    let _ = quote_path;
}

/// `s` inside a TOML basic string.
fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            c if c.is_ascii_graphic() || c == ' ' => c.to_string(),
            c => format!("\\u{:04X}", u32::from(c)),
        })
        .collect()
}

#[test]
fn config_and_keys_messages_escape_what_the_person_wrote() {
    let home = Home::new();
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[keys.reader]\n\"{0}\" = [\"{0}\"]\nquit = [\"{0}\"]\n[theme]\n\"{0}\" = \"{0}\"\n[\"{0}\"]\nx = 1\n",
            toml_escaped(HOSTILE)
        ),
    )
    .unwrap();
    for args in [
        vec!["keys"],
        vec!["keys", "--markdown"],
        vec!["config", "--path"],
        vec!["--library", home.path().to_str().unwrap(), "list"],
    ] {
        let o = home.run(&args);
        assert_clean(&format!("{args:?}"), &o);
        if args[0] == "keys" {
            assert!(stderr(&o).contains("config.toml:"), "{}", stderr(&o));
        }
    }
    // A config dir whose own name is hostile.
    let o = home
        .command()
        .env("CHITALKA_CONFIG_DIR", home.path().join(HOSTILE))
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_clean("config --path", &o);
}

/// Every cell of the screen, for the characters a terminal would act on.
fn screen_controls(app: &mut chitalka::tui::app::App) -> Vec<char> {
    use chitalka::tui::theme::Theme;
    let (w, h) = app.session.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| chitalka::tui::view::draw(f, app, &Theme::new(false)))
        .unwrap();
    term.backend()
        .buffer()
        .content
        .iter()
        .flat_map(|c| c.symbol().chars().collect::<Vec<_>>())
        .filter(|&c| chitalka::messages::is_unsafe(c))
        .collect()
}

#[test]
fn the_screens_draw_no_control_or_bidi_character_from_data() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let h = Hostile::new();
    h.ok(&["mark", &h.txt, "ловушку", "--note", HOSTILE]);
    h.ok(&["mark", "notes.md", "ловушка", "--name", HOSTILE]);
    let mut app = chitalka::tui::app::App::with_library(
        chitalka::config::Config::default(),
        &h.home.data(),
        &h.lib,
        (80, 24),
    )
    .unwrap();
    assert_eq!(screen_controls(&mut app), Vec::<char>::new(), "library");
    app.on_key(key('A'));
    assert_eq!(screen_controls(&mut app), Vec::<char>::new(), "notes list");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.on_key(key('B'));
    assert_eq!(screen_controls(&mut app), Vec::<char>::new(), "bookmarks");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    for file in [h.txt.as_str(), "page.html", "notes.md"] {
        app.open(&h.lib.join(file), file.to_string()).unwrap();
        assert_eq!(screen_controls(&mut app), Vec::<char>::new(), "{file}");
        app.on_key(key('i'));
        assert_eq!(screen_controls(&mut app), Vec::<char>::new(), "info {file}");
        app.on_key(key('i'));
        app.on_key(key('o'));
        assert_eq!(
            screen_controls(&mut app),
            Vec::<char>::new(),
            "outline {file}"
        );
        app.on_key(key('o'));
        app.on_key(key('A'));
        assert_eq!(
            screen_controls(&mut app),
            Vec::<char>::new(),
            "notes {file}"
        );
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
}

/// An argument the command line refuses (a file name starting with "--",
/// a wrong number) is quoted in the error: escaped like every output.
#[test]
fn argument_errors_escape_what_they_quote() {
    let home = Home::new();
    let hostile_flag = "--\u{1b}]2;PWNED\u{7}.txt".to_string();
    let bad_width = HOSTILE.to_string();
    for args in [
        vec!["add", hostile_flag.as_str()],
        vec!["render", "x.txt", "--width", bad_width.as_str()],
    ] {
        let o = home.command().args(&args).output().expect("run");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_clean(&format!("{args:?}"), &o);
        assert!(stderr(&o).contains("error:"), "{}", stderr(&o));
    }
    // Help still reads as help.
    let o = home.command().arg("--help").output().expect("run");
    assert!(o.status.success());
    assert!(stdout(&o).contains("Usage:"), "{}", stdout(&o));
}

/// A find limit past what anyone asks for is the largest one, not an
/// allocation of 32 GB that aborts.
#[test]
fn a_huge_find_limit_is_capped() {
    let home = Home::new();
    let o = home.run_on_fixtures(&["find", "сотрудничество", "--limit", "4294967295"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).is_empty());
}
