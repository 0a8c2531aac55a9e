use super::*;
use crate::core::document::Pos;
use crate::core::formats::text::parse_str;

fn anchor() -> Anchor {
    let d = parse_str("Заголовок\n\nТекст статьи про сотрудничество.\n");
    Anchor::new(&d, Pos::new(1, 0), Pos::new(1, "Текст статьи".len()))
}

#[test]
fn round_trip_and_merge_of_two_instances() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, ro, w) = store.load("art1", "a.txt");
    assert!(!ro && w.is_none());
    let (mut b, _, _) = store.load("art1", "a.txt");
    a.add(
        MarkKind::Note {
            text: "Моя заметка".into(),
        },
        anchor(),
    );
    b.add(
        MarkKind::Bookmark {
            name: "закладка".into(),
        },
        anchor(),
    );
    store.save(&mut a, None).expect("save a");
    store.save(&mut b, None).expect("save b");
    let (c, _, _) = store.load("art1", "a.txt");
    assert_eq!(
        c.live().count(),
        2,
        "neither instance lost the other's mark"
    );
    let text = fs::read_to_string(store.file("art1")).expect("file");
    assert!(text.contains("\"schema\": 1") && text.contains("Моя заметка"));
}

#[test]
fn deletion_is_not_undone_by_a_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, _, _) = store.load("x", "x.txt");
    let id = a.add(
        MarkKind::Note {
            text: "удалить".into(),
        },
        anchor(),
    );
    store.save(&mut a, None).expect("save");
    let (mut stale, _, _) = store.load("x", "x.txt");
    assert!(a.delete(&id));
    store.save(&mut a, None).expect("save delete");
    store.save(&mut stale, None).expect("save stale copy");
    let (c, _, _) = store.load("x", "x.txt");
    assert_eq!(c.live().count(), 0);
}

#[test]
fn corrupt_newer_and_failed_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    fs::create_dir_all(dir.path().join("marks")).expect("mkdir");
    fs::write(store.file("bad"), "{ not json").expect("write");
    let (m, ro, w) = store.load("bad", "bad.txt");
    assert!(!ro && m.marks.is_empty());
    let Some(StoreWarning::Corrupt(aside)) = w else {
        panic!("expected corrupt, got {w:?}")
    };
    assert_eq!(fs::read_to_string(aside).expect("aside"), "{ not json");

    let future =
        r#"{"schema": 7, "article": "new", "path": "n.txt", "title": "", "marks": {}, "wow": 1}"#;
    fs::write(store.file("new"), future).expect("write");
    let (mut m, ro, w) = store.load("new", "n.txt");
    assert!(ro);
    assert_eq!(w, Some(StoreWarning::Newer(7)));
    m.add(
        MarkKind::Bookmark {
            name: String::new(),
        },
        anchor(),
    );
    assert!(matches!(store.save(&mut m, None), Err(SaveError::ReadOnly)));
    assert_eq!(fs::read_to_string(store.file("new")).expect("kept"), future);

    // A write that fails (a folder where the file should go) keeps the marks in memory.
    fs::create_dir_all(store.file("blocked")).expect("mkdir in the way");
    let (mut m, _, _) = store.load("blocked", "b.txt");
    m.add(
        MarkKind::Note {
            text: "не потерять".into(),
        },
        anchor(),
    );
    assert!(matches!(store.save(&mut m, None), Err(SaveError::Io(_))));
    assert_eq!(m.live().count(), 1);
}

#[test]
fn a_save_removes_temp_files_of_dead_writers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let marks_dir = dir.path().join("marks");
    fs::create_dir_all(&marks_dir).expect("mkdir");
    // What a writer killed between creating its temp file and the rename
    // leaves: named as this version names them, and as older ones did.
    let stale = [
        ".abc.json.tmp-Zq3xK9mP2wL7",
        ".abc.json.tmp-12345",
        ".other.json.tmp-7",
    ];
    for name in stale {
        fs::write(marks_dir.join(name), "{ half").expect("write");
    }
    // Not ours: left alone.
    let keep = [".syncthing.abc.json.tmp", "notes.tmp-1", ".x.tmp-12a"];
    for name in keep {
        fs::write(marks_dir.join(name), "x").expect("write");
    }
    let (mut a, _, _) = store.load("abc", "a.txt");
    a.add(
        MarkKind::Note {
            text: "заметка".into(),
        },
        anchor(),
    );
    store.save(&mut a, None).expect("save");
    for name in stale {
        assert!(!marks_dir.join(name).exists(), "{name} was not removed");
    }
    for name in keep {
        assert!(marks_dir.join(name).exists(), "{name} was removed");
    }
    assert!(store.file("abc").exists() && marks_dir.join(".lock").exists());
}

#[test]
fn a_file_damaged_after_loading_is_kept_aside_by_the_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, _, _) = store.load("d", "d.txt");
    a.add(
        MarkKind::Note {
            text: "заметка".into(),
        },
        anchor(),
    );
    fs::create_dir_all(dir.path().join("marks")).expect("mkdir");
    fs::write(store.file("d"), "{ damaged").expect("write");
    store.save(&mut a, None).expect("save");
    let aside: Vec<_> = fs::read_dir(dir.path().join("marks"))
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(aside[0].path()).expect("read"), b"{ damaged");
    assert_eq!(store.load("d", "d.txt").0.live().count(), 1);
}

#[test]
fn an_edited_article_finds_its_marks_by_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, _, _) = store.load("old-id", "статья.txt");
    a.add(
        MarkKind::Note {
            text: "заметка".into(),
        },
        anchor(),
    );
    store.save(&mut a, None).expect("save");
    let old_file = store.file("old-id");
    assert_eq!(store.source_file("new-id", "статья.txt"), old_file);
    // The article changed: a new content id, the same path.
    let (mut b, _, _) = store.load("new-id", "статья.txt");
    assert_eq!(b.live().count(), 1);
    store
        .save(&mut b, Some(&old_file))
        .expect("save under the new id");
    assert!(store.file("new-id").exists() && !old_file.exists());
}

#[test]
fn an_instance_still_on_the_old_id_does_not_split_the_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let note = |t: &str| MarkKind::Note { text: t.into() };
    let (mut first, _, _) = store.load("old-id", "a.txt");
    first.add(note("первая"), anchor());
    store.save(&mut first, None).expect("save");
    // B opened the article before it was edited; A after.
    let (mut b, _, _) = store.load("old-id", "a.txt");
    let (mut a, _, _, from) = store.load_from("new-id", "a.txt");
    a.add(note("из A"), anchor());
    store
        .save(&mut a, Some(&from))
        .expect("A moves them to the new id");
    b.add(note("из B"), anchor());
    store.save(&mut b, None).expect("B saves under the old id");
    // One file holds all three, whichever id it is under.
    let files = store.files();
    assert_eq!(files.len(), 1, "{files:?}");
    let (c, _, _) = store.load("new-id", "a.txt");
    let mut texts: Vec<String> = c
        .live()
        .map(|(_, m)| match &m.kind {
            MarkKind::Note { text } => text.clone(),
            MarkKind::Bookmark { name } => name.clone(),
        })
        .collect();
    texts.sort();
    assert_eq!(texts, ["из A", "из B", "первая"]);
}

#[test]
fn editing_a_note_deleted_elsewhere_brings_it_back_with_the_new_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, _, _) = store.load("x", "x.txt");
    let id = a.add(
        MarkKind::Note {
            text: "старое".into(),
        },
        anchor(),
    );
    store.save(&mut a, None).expect("save");
    let (mut other, _, _) = store.load("x", "x.txt");
    assert!(other.delete(&id));
    store.save(&mut other, None).expect("deleted elsewhere");
    let (mut b, _, _) = store.load("x", "x.txt");
    assert!(b.set_kind(
        &id,
        MarkKind::Note {
            text: "новое".into()
        }
    ));
    store.save(&mut b, None).expect("save");
    let (c, _, _) = store.load("x", "x.txt");
    let live: Vec<&Mark> = c.live().map(|(_, m)| m).collect();
    assert_eq!(live.len(), 1);
    assert_eq!(
        live[0].kind,
        MarkKind::Note {
            text: "новое".into()
        }
    );
    assert!(!b.set_kind("no-such-id", MarkKind::Note { text: "x".into() }));
}

fn note(t: &str) -> MarkKind {
    MarkKind::Note { text: t.into() }
}

#[test]
fn a_byte_order_mark_is_read_not_taken_for_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, _, _) = store.load("bom", "b.txt");
    a.add(note("с меткой"), anchor());
    store.save(&mut a, None).expect("save");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(store.file("bom")).expect("read"));
    fs::write(store.file("bom"), &bytes).expect("write");
    let (mut m, ro, w) = store.load("bom", "b.txt");
    assert!(!ro && w.is_none(), "{w:?}");
    assert_eq!(m.live().count(), 1);
    assert_eq!(store.all().len(), 1, "listed too");
    m.add(note("вторая"), anchor());
    store.save(&mut m, None).expect("save merges it");
    assert_eq!(store.load("bom", "b.txt").0.live().count(), 2);
    assert!(notices::take(dir.path()).is_empty(), "nothing moved aside");
}

#[test]
fn damaged_in_every_way_is_moved_aside_with_a_notice() {
    let cases: [(&str, &[u8]); 6] = [
        ("truncated", b"{\n  \"schema\": 1,\n  \"article\": \"1c2c"),
        ("garbage", b"\x00\xff\xfe garbage \x1b[2J"),
        ("empty", b""),
        ("marks a number", br#"{"schema": 1, "article": "a", "path": "p", "title": "", "marks": 5}"#),
        ("a mark of the wrong shape", br#"{"schema": 1, "article": "a", "path": "p", "title": "", "marks": {"x": {"type": "note"}}}"#),
        ("invalid UTF-8", b"{\"schema\": 1, \"article\": \"\xff\"}"),
    ];
    for (what, bytes) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        fs::create_dir_all(dir.path().join("marks")).expect("mkdir");
        fs::write(store.file("a"), bytes).expect("write");
        let (mut m, ro, w) = store.load("a", "статья.txt");
        assert!(!ro, "{what}");
        let Some(StoreWarning::Corrupt(aside)) = w else {
            panic!("{what}: expected corrupt, got {w:?}")
        };
        assert_eq!(fs::read(&aside).expect("aside"), bytes, "{what}");
        assert_eq!(
            notices::take(dir.path()),
            vec![Notice::MarksMovedAside {
                article: "статья.txt".into(),
                moved_to: aside.to_string_lossy().into_owned(),
            }],
            "{what}"
        );
        m.add(note("свежая"), anchor());
        store.save(&mut m, None).expect("a fresh file");
        assert_eq!(store.load("a", "статья.txt").0.live().count(), 1, "{what}");
    }
}

#[test]
fn a_file_that_cannot_be_read_is_read_only_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    // A folder where the file is: reading fails (as a permission would).
    fs::create_dir_all(store.file("d")).expect("mkdir");
    let (mut m, ro, w) = store.load("d", "d.txt");
    assert!(ro);
    let Some(StoreWarning::Io(why)) = &w else {
        panic!("expected an I/O warning, got {w:?}")
    };
    assert!(why.contains("d.json"), "names the file: {why}");
    m.add(note("x"), anchor());
    assert!(matches!(store.save(&mut m, None), Err(SaveError::Io(_))));
    assert!(store.file("d").is_dir(), "left as it was");
    // A FIFO would block a read for ever: refused at once.
    let fifo = store.file("f");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let (_, ro, w) = store.load("f", "f.txt");
        assert!(ro && matches!(w, Some(StoreWarning::Io(_))), "{w:?}");
        assert!(store.all().is_empty());
    }
}

#[test]
fn an_edit_wins_over_a_stamp_from_the_future() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MarksStore::new(dir.path());
    let (mut a, _, _) = store.load("f", "f.txt");
    let id = a.add(note("с чужими часами"), anchor());
    // Saved by a machine whose clock was ten years ahead.
    let future = now() + 10 * 365 * 24 * 3600;
    if let Some(m) = a.marks.get_mut(&id) {
        m.updated = future;
    }
    store.save(&mut a, None).expect("save");
    let (mut b, _, _) = store.load("f", "f.txt");
    assert!(b.set_kind(&id, note("исправлено")));
    store.save(&mut b, None).expect("save");
    let (c, _, _) = store.load("f", "f.txt");
    assert_eq!(c.marks[&id].kind, note("исправлено"));
    let (mut d, _, _) = store.load("f", "f.txt");
    assert!(d.delete(&id));
    store.save(&mut d, None).expect("save");
    assert_eq!(store.load("f", "f.txt").0.live().count(), 0);
}

#[test]
fn a_marks_folder_linked_elsewhere_is_followed_a_dangling_one_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let synced = dir.path().join("synced-marks");
    fs::create_dir_all(&data).expect("mkdir");
    fs::create_dir_all(&synced).expect("mkdir");
    // The person's own link (only they can make one in their data dir).
    std::os::unix::fs::symlink(&synced, data.join("marks")).expect("symlink");
    let store = MarksStore::new(&data);
    let (mut m, _, _) = store.load("s", "s.txt");
    m.add(note("синхронно"), anchor());
    store.save(&mut m, None).expect("save");
    assert!(synced.join("s.json").is_file());
    // Pointing nowhere: the save fails (the marks stay in memory).
    let gone = MarksStore::new(&dir.path().join("data2"));
    fs::create_dir_all(dir.path().join("data2")).expect("mkdir");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("data2/marks"))
        .expect("symlink");
    let (mut m, _, _) = gone.load("s", "s.txt");
    m.add(note("не потерять"), anchor());
    assert!(matches!(gone.save(&mut m, None), Err(SaveError::Io(_))));
    assert_eq!(m.live().count(), 1);
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn a_rescue_file_is_private_new_and_complete() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write_rescue(dir.path(), "0123abcd", b"{\"a\": 1}").expect("rescue");
    let b = write_rescue(dir.path(), "0123abcd", b"{\"b\": 2}").expect("rescue");
    assert_ne!(a, b, "never the same file twice");
    assert_eq!(fs::read(&a).expect("read"), b"{\"a\": 1}");
    assert_eq!(fs::read(&b).expect("read"), b"{\"b\": 2}");
    let mode = fs::metadata(&a).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let name = a.file_name().expect("name").to_string_lossy().into_owned();
    assert!(name.starts_with("chitalka-unsaved-0123abcd-") && name.ends_with(".json"));
    // Whatever the id, the file stays in `dir`.
    let c = write_rescue(dir.path(), "../../etc/x", b"{}").expect("rescue");
    assert_eq!(c.parent(), Some(dir.path()));
}
