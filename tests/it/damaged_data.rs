//! Nothing written outside where chitalka writes, and damaged data repaired
//! or reported, never silently dropped: links planted in a shared library,
//! a damaged or odd `state.json` found by `chitalka list` and told again by
//! the TUI, stamps from the future, marks files that cannot be read, a data
//! dir that is a file, the rescue file.

use crate::common::screen::{fixture_setup, key, reader_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home, SEED, names, stderr, stdout};
use chitalka::core::document::Pos;
use chitalka::core::marks_store::MarkKind;
use chitalka::tui::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(c));
    }
}

/// The one marks file in `home`.
fn marks_file(home: &Home) -> PathBuf {
    let marks = home.data().join("marks");
    let json: Vec<String> = names(&marks)
        .into_iter()
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert_eq!(json.len(), 1, "{json:?}");
    marks.join(&json[0])
}

/// The TUI as `chitalka` starts it, on the fixture library with its data in `home`.
fn tui_start(home: &Home) -> App {
    chitalka::tui::start(&fixture_setup(home), None, (200, 30)).expect("start")
}

/// A source article titled "Hello" (added as `hello.txt`).
fn hello_source(home: &Home) -> PathBuf {
    let src = home.path().join("src.txt");
    fs::write(&src, "Hello\n\nSome text here for the article.\n").expect("write");
    src
}

#[test]
fn a_link_planted_at_the_old_temp_name_does_not_make_add_write_outside() {
    let home = Home::new();
    let lib = home.path().join("shared-library");
    fs::create_dir_all(&lib).expect("mkdir");
    let victim = home.path().join("victim");
    fs::write(&victim, "victim original\n").expect("write");
    let src = hello_source(&home);
    // `exec` keeps the shell's pid: the link is at exactly the name the old
    // `atomic_write` used (`.<name>.tmp-<pid>`).
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(r#"ln -s "$1" "$2/.hello.txt.tmp-$$" && exec "$3" --library "$2" --data-dir "$4" add "$5""#)
        .arg("sh")
        .arg(&victim)
        .arg(&lib)
        .arg(env!("CARGO_BIN_EXE_chitalka"))
        .arg(home.data())
        .arg(&src);
    for (k, v) in home.env() {
        c.env(k, v);
    }
    let o = c.output().expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&victim).expect("victim"),
        "victim original\n"
    );
    let added = lib.join("hello.txt");
    assert!(!fs::symlink_metadata(&added).expect("added").is_symlink());
    assert!(
        fs::read_to_string(&added)
            .expect("read")
            .contains("Some text")
    );
}

#[test]
fn a_dangling_link_at_the_name_add_picks_is_refused_and_said() {
    let home = Home::new();
    let lib = home.path().join("shared-library");
    fs::create_dir_all(&lib).expect("mkdir");
    let nowhere = home.path().join("outside/planted");
    std::os::unix::fs::symlink(&nowhere, lib.join("hello.txt")).expect("symlink");
    let src = hello_source(&home);
    let o = home
        .command()
        .arg("--library")
        .arg(&lib)
        .arg("--data-dir")
        .arg(home.data())
        .arg("add")
        .arg(&src)
        .output()
        .expect("run");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("symbolic link") && err.contains("hello.txt"),
        "{err}"
    );
    assert!(!nowhere.exists() && !home.path().join("outside").exists());
    assert!(
        fs::symlink_metadata(lib.join("hello.txt"))
            .expect("link")
            .is_symlink()
    );
    assert_eq!(names(&lib), vec!["hello.txt"], "no temp file left");
}

#[test]
fn a_damaged_state_found_by_list_is_said_there_and_by_the_tui_once() {
    let home = Home::new();
    fs::create_dir_all(home.data()).expect("mkdir");
    fs::write(home.data().join("state.json"), "{ \"schema\": 1, \"arti").expect("write");
    let o = home.run_on_fixtures(&["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let aside: Vec<String> = names(&home.data())
        .into_iter()
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let aside = home.data().join(&aside[0]);
    assert_eq!(
        fs::read_to_string(&aside).expect("kept"),
        "{ \"schema\": 1, \"arti"
    );
    assert!(err.contains("damaged"), "{err}");
    assert!(err.contains(&aside.display().to_string()), "{err}");
    // A second list finds nothing wrong and says nothing of it.
    let o = home.run_on_fixtures(&["list"]);
    assert!(!stderr(&o).contains("state.json"), "{}", stderr(&o));

    // The TUI started later says it, with where the old file is...
    let mut app = tui_start(&home);
    let said = app.session.message.clone().expect("a message");
    assert!(said.contains("reading positions"), "{said}");
    let name = aside.file_name().expect("name").to_string_lossy();
    assert!(said.contains(&*name), "{said}");
    assert!(screen(&mut app).contains("were damaged"));
    // Said in full again on exit.
    assert_eq!(app.session.data_notices.len(), 1);
    assert!(app.session.data_notices[0].contains(&aside.display().to_string()));
    // ...once.
    let app = tui_start(&home);
    assert!(
        app.session.data_notices.is_empty(),
        "{:?}",
        app.session.data_notices
    );
    assert!(
        !app.session
            .message
            .as_deref()
            .unwrap_or("")
            .contains("damaged"),
        "{:?}",
        app.session.message
    );
}

#[test]
fn a_damaged_state_found_by_the_tui_itself_is_said_once() {
    let home = Home::new();
    fs::create_dir_all(home.data()).expect("mkdir");
    fs::write(home.data().join("state.json"), b"\x00\xff garbage").expect("write");
    let app = tui_start(&home);
    assert_eq!(
        app.session.data_notices.len(),
        1,
        "{:?}",
        app.session.data_notices
    );
    assert!(app.session.data_notices[0].contains("state.json.corrupt-"));
    let app = tui_start(&home);
    assert!(app.session.data_notices.is_empty());
}

#[test]
fn a_damaged_marks_file_found_by_mark_is_said_by_the_tui_later() {
    let home = Home::new();
    let o = home.run_on_fixtures(&["mark", SEED, "Узбекистан", "--note", "первая"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = marks_file(&home);
    fs::write(&file, "{ damaged").expect("write");
    let o = home.run_on_fixtures(&["mark", SEED, "Узбекистан", "--note", "вторая"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
    let app = tui_start(&home);
    assert_eq!(
        app.session.data_notices.len(),
        1,
        "{:?}",
        app.session.data_notices
    );
    assert!(
        app.session.data_notices[0].contains(SEED),
        "{:?}",
        app.session.data_notices
    );
    assert!(app.session.data_notices[0].contains(".json.corrupt-"));
    assert!(tui_start(&home).session.data_notices.is_empty());
}

#[test]
fn a_damaged_marks_file_found_by_the_reader_is_said_there_not_again() {
    let home = Home::new();
    let mut app = reader_app(&home, 200, 24);
    app.on_key(key('a'));
    typed(&mut app, "заметка");
    app.on_key(ctrl('s'));
    let file = {
        let r = app.reader().expect("reader");
        r.marks.store.file(&r.id)
    };
    drop(app);
    fs::write(&file, "{ damaged").expect("write");
    let mut app = reader_app(&home, 200, 24);
    assert!(
        screen(&mut app).contains("was damaged"),
        "{}",
        screen(&mut app)
    );
    // Said again on exit (the status line forgets it at the next key).
    assert!(
        app.session
            .data_notices
            .iter()
            .any(|n| n.contains("damaged") && n.contains(".corrupt-")),
        "{:?}",
        app.session.data_notices
    );
    assert!(
        tui_start(&home).session.data_notices.is_empty(),
        "said once"
    );
}

#[test]
fn a_state_file_with_a_byte_order_mark_is_read() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    app.on_key(key(' '));
    app.save_position();
    drop(app);
    let file = home.data().join("state.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&file).expect("state"));
    fs::write(&file, &bytes).expect("write");
    let o = home.run_on_fixtures(&["list", "--json"]);
    assert!(o.status.success());
    assert!(!stderr(&o).contains("state.json"), "{}", stderr(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let seed = list
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["path"] == SEED)
        .expect("seed");
    assert!(seed["progress"].as_f64().expect("progress") > 0.0, "{seed}");
    assert_eq!(names(&home.data()), vec!["state.json", "state.lock"]);
}

#[test]
fn a_marks_file_with_a_byte_order_mark_is_read_listed_and_exported() {
    let home = Home::new();
    let o = home.run_on_fixtures(&["mark", SEED, "Узбекистан", "--note", "с меткой"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = marks_file(&home);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&file).expect("marks"));
    fs::write(&file, &bytes).expect("write");
    let o = home.run_on_fixtures(&["notes", "--json"]);
    assert_eq!(stderr(&o), "");
    assert!(stdout(&o).contains("с меткой"));
    let app = reader_app(&home, 80, 24);
    let r = app.reader().expect("reader");
    assert_eq!(r.marks.placed.len(), 1);
    assert!(r.marks.read_only.is_none());
}

#[test]
fn a_position_from_a_clock_ten_years_ahead_gives_way_to_the_reader() {
    let home = Home::new();
    let app = reader_app(&home, 80, 24);
    let id = app.reader().expect("reader").id.clone();
    drop(app);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let future = serde_json::json!({
        "schema": 1,
        "articles": {
            id.clone(): {
                "path": SEED,
                "pos": {"block": 0, "offset": 0},
                "progress": 0.0,
                "last_read": now + 10 * 365 * 24 * 3600,
            }
        }
    });
    let file = home.data().join("state.json");
    fs::write(&file, serde_json::to_vec(&future).expect("json")).expect("write");
    let mut app = reader_app(&home, 80, 24);
    for _ in 0..3 {
        app.on_key(key(' '));
    }
    let pos = {
        let r = app.reader_mut().expect("reader");
        r.view.top_pos(&r.doc)
    };
    assert_ne!(pos, Pos::new(0, 0));
    app.save_position();
    drop(app);
    let saved: serde_json::Value =
        serde_json::from_slice(&fs::read(&file).expect("state")).expect("json");
    let entry = &saved["articles"][&id];
    assert_eq!(entry["pos"]["block"], pos.block as u64, "{entry}");
    assert!(
        entry["last_read"].as_u64().expect("stamp") <= now + 60,
        "{entry}"
    );
    // And it is where the next start opens.
    let mut app = reader_app(&home, 80, 24);
    let r = app.reader_mut().expect("reader");
    assert_eq!(r.view.top_pos(&r.doc).block, pos.block);
}

/// A marks file that cannot be read: a folder in its place (as a permission
/// or an I/O error would; root reads through permissions).
fn unreadable_marks(home: &Home) -> PathBuf {
    let app = reader_app(home, 200, 24);
    let file = {
        let r = app.reader().expect("reader");
        r.marks.store.file(&r.id)
    };
    fs::create_dir_all(&file).expect("mkdir");
    file
}

#[test]
fn a_and_m_on_unreadable_marks_say_why_not_newer_chitalka() {
    let home = Home::new();
    let file = unreadable_marks(&home);
    let mut app = reader_app(&home, 200, 24);
    let opened = app.session.message.clone().expect("told at open");
    assert!(opened.contains("cannot read"), "{opened}");
    for k in ['a', 'm'] {
        app.on_key(key(k));
        let said = app.session.message.clone().expect("a message");
        assert!(said.contains("cannot read the bookmarks"), "{k}: {said}");
        assert!(said.contains(&file.display().to_string()), "{k}: {said}");
        assert!(!said.contains("newer"), "{k}: {said}");
        assert!(!app.writing_note() && !app.prompting(), "{k}");
    }
    assert!(file.is_dir(), "left as it was");
}

#[test]
fn a_list_change_on_unreadable_marks_says_why() {
    let home = Home::new();
    // A note on the seed article, then its file made unreadable.
    let o = home.run_on_fixtures(&["mark", SEED, "Узбекистан", "--note", "в списке"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut app = chitalka::tui::start(&fixture_setup(&home), None, (200, 30)).expect("start");
    app.on_key(key('A'));
    assert!(screen(&mut app).contains("в списке"));
    let file = marks_file(&home);
    fs::remove_file(&file).expect("rm");
    fs::create_dir(&file).expect("mkdir");
    app.on_key(key('d'));
    let said = app.session.message.clone().expect("a message");
    assert!(said.contains("cannot read the bookmarks"), "{said}");
    assert!(!said.contains("newer"), "{said}");
}

#[test]
fn a_data_dir_that_is_a_file_is_said_and_nothing_is_written_over_it() {
    let home = Home::new();
    fs::write(home.data(), "a file").expect("write");
    let mut app = tui_start(&home);
    let said = app.session.message.clone().expect("a message");
    assert!(said.contains("cannot read the reading positions"), "{said}");
    app.open(&Path::new(FIXTURE_LIBRARY).join(SEED), SEED.into())
        .expect("open");
    app.on_key(key('a'));
    assert!(
        app.session
            .message
            .clone()
            .is_some_and(|m| m.contains("cannot read the bookmarks")),
        "{:?}",
        app.session.message
    );
    app.save_position();
    assert_eq!(fs::read_to_string(home.data()).expect("read"), "a file");
    let o = home.run_on_fixtures(&["list"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("state.json"), "{}", stderr(&o));
}

#[test]
fn marks_that_cannot_be_saved_are_rescued_to_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    fs::create_dir_all(home.data()).expect("mkdir");
    // A file where the marks folder should be: every save fails.
    fs::write(home.data().join("marks"), "not a folder").expect("write");
    app.on_key(key('a'));
    typed(&mut app, "спасти тайно");
    app.on_key(ctrl('s'));
    let target = {
        let r = app.reader().expect("reader");
        r.marks.store.file(&r.marks.data.article)
    };
    let said = app.flush_marks().expect("a message");
    // It names the very file to copy it over, not a placeholder.
    assert!(
        said.ends_with(&format!("copy it over {})", target.display())),
        "{said}"
    );
    let path = said
        .split(" were written to ")
        .nth(1)
        .and_then(|s| s.split(" (it holds").next())
        .map(PathBuf::from)
        .expect("a path in the message");
    let mode = fs::metadata(&path).expect("rescue").permissions().mode() & 0o777;
    let rescued: chitalka::core::marks_store::ArticleMarks =
        serde_json::from_slice(&fs::read(&path).expect("rescue file")).expect("parses");
    let _ = fs::remove_file(&path);
    assert_eq!(mode, 0o600, "only its owner can read the notes");
    assert!(rescued.live().any(|(_, m)| m.kind
        == MarkKind::Note {
            text: "спасти тайно".into()
        }));
}

#[test]
fn positions_that_cannot_be_saved_are_said_once_and_kept_for_the_exit() {
    let home = Home::new();
    let mut app = reader_app(&home, 80, 24);
    // A folder where the lock file goes: every save of the positions fails.
    let lock = home.data().join("state.lock");
    let _ = fs::remove_file(&lock);
    fs::create_dir_all(&lock).expect("mkdir");
    app.on_key(key(' '));
    app.save_position();
    let said = app.session.message.take().expect("said");
    assert!(said.contains("could not save reading positions"), "{said}");
    assert!(!said.contains("os error"), "{said}");
    app.on_key(key(' '));
    app.session.message = None;
    app.save_position();
    assert_eq!(app.session.message, None, "not said again at every pause");
    assert_eq!(app.session.position_error.as_deref(), Some(said.as_str()));
}
