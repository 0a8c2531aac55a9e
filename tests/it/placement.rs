//! One way to place an article's marks: an article edited and renamed while
//! chitalka was closed keeps its notes and bookmarks in the exports
//! (`notes`, `bookmarks`), in the lists (`A`, `B`) and in the reader alike,
//! at its new path; an article that is gone takes nobody's marks.

use crate::common::screen::key;
use crate::common::{FIXTURE_LIBRARY, Home, SEED, stderr, stdout};
use chitalka::config::Config;
use chitalka::tui::app::App;
use std::path::{Path, PathBuf};

struct Lib {
    home: Home,
    lib: PathBuf,
}

impl Lib {
    fn new() -> Lib {
        let home = Home::new();
        let lib = home.path().join("lib");
        std::fs::create_dir_all(lib.join("later")).expect("mkdir");
        Lib { home, lib }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let o = self
            .home
            .on_library(&self.lib)
            .args(args)
            .output()
            .expect("run");
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        o
    }

    fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        serde_json::from_str(&stdout(&self.run(args))).expect("json")
    }

    fn marks_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let dir = self.home.data().join("marks");
        let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("marks dir")
            .flatten()
            .map(|e| (e.path(), std::fs::read(e.path()).expect("read")))
            .collect();
        files.sort();
        files
    }

    fn app(&self) -> App {
        App::with_library(Config::default(), &self.home.data(), &self.lib, (100, 30)).expect("app")
    }
}

const QUOTE: &str = "сотрудничество";

#[test]
fn an_article_edited_and_renamed_while_closed_keeps_its_marks_everywhere() {
    let l = Lib::new();
    let text = std::fs::read_to_string(Path::new(FIXTURE_LIBRARY).join(SEED)).expect("seed");
    std::fs::write(l.lib.join("first.txt"), &text).expect("write");
    std::fs::write(
        l.lib.join("other.txt"),
        "Другая статья\n\nСовсем другой текст, без нужных слов.\n",
    )
    .expect("write");
    l.run(&["mark", "first.txt", QUOTE, "--note", "найдётся"]);
    l.run(&["mark", "first.txt", "японское", "--name", "закладка"]);
    // Edited (a paragraph at the top) and renamed into a folder, while closed.
    std::fs::remove_file(l.lib.join("first.txt")).expect("rm");
    std::fs::write(
        l.lib.join("later/moved.txt"),
        text.replacen("\n\n", "\n\nНовый первый абзац статьи.\n\n", 1),
    )
    .expect("write");
    let before = l.marks_files();

    let notes = l.json(&["notes", "--json"]);
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    assert_eq!(n["path"], "later/moved.txt", "{n}");
    assert_eq!(n["detached"], false, "{n}");
    assert_eq!(n["note"], "найдётся");
    let bookmarks = l.json(&["bookmarks", "--json"]);
    assert_eq!(bookmarks.len(), 1, "{bookmarks:?}");
    assert_eq!(bookmarks[0]["path"], "later/moved.txt");
    assert_eq!(bookmarks[0]["detached"], false);
    let md = stdout(&l.run(&["notes"]));
    assert!(md.contains("(later/moved.txt)"), "{md}");
    assert!(!md.contains("Detached"), "{md}");
    // Library-wide find names the note's article the same way.
    let hit: serde_json::Value = serde_json::from_str(
        stdout(&l.run(&["find", "найдётся", "--json"]))
            .lines()
            .next()
            .expect("a hit"),
    )
    .expect("json line");
    assert_eq!(hit["path"], "later/moved.txt", "{hit}");
    // The exports change nothing on disk.
    assert_eq!(l.marks_files(), before);

    // The library's lists place them the same way, before the article is opened.
    let mut app = l.app();
    app.on_key(key('A'));
    let list = app.marks_list().expect("notes list");
    assert_eq!(list.entries.len(), 1);
    let e = &list.entries[0];
    assert_eq!(e.rel, "later/moved.txt");
    assert!(!e.detached());
    assert_eq!(e.section, n["section"].as_str().unwrap_or_default());
    assert_eq!(e.title, n["title"].as_str().unwrap_or_default());
    assert_eq!(e.quote, n["quote"].as_str().unwrap_or_default());

    // And the reader, which then keeps them under the article's new id.
    let mut app = l.app();
    app.open(&l.lib.join("later/moved.txt"), "later/moved.txt".into())
        .expect("open");
    let r = app.reader().expect("reader");
    assert_eq!(r.marks.placed.len(), 2);
    drop(app);
    let again = l.json(&["notes", "--json"]);
    assert_eq!(again[0]["path"], "later/moved.txt");
    assert_eq!(again[0]["section"], n["section"]);
    assert_eq!(again[0]["detached"], false);
}

#[test]
fn the_marks_of_a_deleted_article_stay_detached_and_nobody_takes_them() {
    let l = Lib::new();
    let text = std::fs::read_to_string(Path::new(FIXTURE_LIBRARY).join(SEED)).expect("seed");
    std::fs::write(l.lib.join("gone.txt"), &text).expect("write");
    l.run(&["mark", "gone.txt", QUOTE, "--note", "осталась"]);
    std::fs::remove_file(l.lib.join("gone.txt")).expect("rm");
    // Another article sharing a phrase, under another title.
    std::fs::write(
        l.lib.join("other.txt"),
        format!("Иная статья\n\nЗдесь тоже есть {QUOTE}, но в другом тексте.\n"),
    )
    .expect("write");
    let notes = l.json(&["notes", "--json"]);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["path"], "gone.txt");
    assert_eq!(notes[0]["detached"], true);
    let mut app = l.app();
    app.on_key(key('A'));
    let list = app.marks_list().expect("list");
    assert_eq!(list.entries[0].rel, "gone.txt");
    assert!(list.entries[0].detached());
}

/// Several articles that share a sentence, each edited and renamed while
/// chitalka was closed: each keeps its own note (found by its title when
/// the passages fit alike), in the export, in the lists and in the reader.
#[test]
fn articles_sharing_a_passage_keep_their_own_notes_after_edit_and_rename() {
    let l = Lib::new();
    let animals = ["Кошки", "Собаки", "Птицы", "Рыбы", "Ежи"];
    for (n, a) in animals.iter().enumerate() {
        let text = format!("{a} {n}\n\nО них. Они любят спать на солнце весь день.\n");
        let file = l.lib.join(format!("{n}.txt"));
        std::fs::write(&file, text).expect("write");
        l.run(&[
            "mark",
            file.to_str().expect("utf-8"),
            "спать на солнце",
            "--note",
            &format!("про {a}"),
        ]);
    }
    for (n, _) in animals.iter().enumerate() {
        let old = l.lib.join(format!("{n}.txt"));
        let mut text = std::fs::read_to_string(&old).expect("read");
        text.push_str("Дополнение.\n");
        std::fs::remove_file(&old).expect("rm");
        std::fs::write(l.lib.join(format!("later/{n}-new.txt")), text).expect("write");
    }
    let notes = l.json(&["notes", "--json"]);
    assert_eq!(notes.len(), animals.len());
    for note in &notes {
        let path = note["path"].as_str().expect("path");
        let n: usize = path
            .trim_start_matches("later/")
            .trim_end_matches("-new.txt")
            .parse()
            .unwrap_or_else(|_| panic!("placed at {path}: {note}"));
        assert_eq!(
            note["note"].as_str(),
            Some(format!("про {}", animals[n]).as_str()),
            "{note}"
        );
    }
    // The reader of each takes its own file, never another's.
    let mut app = l.app();
    for (n, a) in animals.iter().enumerate() {
        let rel = format!("later/{n}-new.txt");
        app.open(&l.lib.join(&rel), rel.clone()).expect("open");
        let r = app.reader().expect("reader");
        let texts: Vec<String> = r
            .marks
            .placed
            .iter()
            .filter_map(|p| match &p.kind {
                chitalka::core::marks_store::MarkKind::Note { text } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, vec![format!("про {a}")], "{rel}");
    }
}

/// Two libraries that share a data dir and a file name: neither takes the
/// other's marks file by its path.
#[test]
fn a_file_of_the_same_name_in_another_library_keeps_its_own_marks() {
    let l = Lib::new();
    let other = l.home.path().join("other");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(l.lib.join("a.txt"), "Первая\n\nПро кошек.\n").expect("write");
    std::fs::write(other.join("a.txt"), "Вторая\n\nПро море.\n").expect("write");
    l.run(&[
        "mark",
        l.lib.join("a.txt").to_str().expect("utf-8"),
        "кошек",
        "--note",
        "n1",
    ]);
    let mut c = l.home.command();
    let o = c
        .arg("--data-dir")
        .arg(l.home.data())
        .arg("--library")
        .arg(&other)
        .args([
            "mark",
            other.join("a.txt").to_str().expect("utf-8"),
            "море",
            "--note",
            "n2",
        ])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(l.marks_files().len(), 2, "one marks file each");
    let notes = l.json(&["notes", "--json"]);
    let mine: Vec<(&str, bool)> = notes
        .iter()
        .filter_map(|n| Some((n["note"].as_str()?, n["detached"].as_bool()?)))
        .filter(|(_, detached)| !detached)
        .collect();
    assert_eq!(mine, vec![("n1", false)], "{notes:?}");
}
