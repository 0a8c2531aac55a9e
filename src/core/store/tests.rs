use super::*;
use crate::core::data_file::new_temp;
use crate::core::document::Pos;
use crate::core::marks::ReadingState;
use std::fs::File;

fn sample() -> ReadingState {
    ReadingState {
        path: "война.txt".into(),
        pos: Pos::new(12, 345),
        progress: 0.25,
        last_read: 1_700_000_000,
        quote: None,
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("ls")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, w) = Store::open(dir.path());
    assert!(w.is_none());
    s.states.record("id1", sample());
    assert_eq!(s.save().expect("save"), None);
    let (s2, w) = Store::open(dir.path());
    assert!(w.is_none());
    assert_eq!(s2.states, s.states);
    let text = fs::read_to_string(dir.path().join(STATE_FILE)).expect("read");
    assert!(text.contains("\"schema\": 1"));
    // No temp files are left behind (the lock file stays).
    assert_eq!(names(dir.path()), vec![STATE_FILE, LOCK_FILE]);
}

#[test]
fn two_instances_keep_each_others_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, _) = Store::open(dir.path());
    let (mut b, _) = Store::open(dir.path());
    a.states.record("war", sample());
    a.save().expect("save a");
    let mut gogol = sample();
    gogol.path = "гоголь.txt".into();
    b.states.record("gogol", gogol);
    b.save().expect("save b");
    let (c, _) = Store::open(dir.path());
    assert!(c.states.articles.contains_key("war"));
    assert!(c.states.articles.contains_key("gogol"));
    // The newer state of one article wins, whoever saves last.
    let mut later = sample();
    later.last_read += 10;
    later.pos = Pos::new(99, 0);
    a.states.record("war", later);
    a.save().expect("save a again");
    b.save().expect("save b again");
    let (d, _) = Store::open(dir.path());
    assert_eq!(d.states.articles["war"].pos, Pos::new(99, 0));
}

#[test]
fn corrupt_file_is_moved_aside_not_overwritten_and_a_notice_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(STATE_FILE), "{ not json").expect("write");
    let (s, w) = Store::open(dir.path());
    let Some(StoreWarning::Corrupt(aside)) = w else {
        panic!("expected a corrupt warning, got {w:?}")
    };
    assert_eq!(fs::read_to_string(&aside).expect("aside"), "{ not json");
    assert!(s.states.articles.is_empty());
    assert!(!s.read_only());
    assert_eq!(
        notices::take(dir.path()),
        vec![Notice::StateMovedAside {
            moved_to: aside.to_string_lossy().into_owned()
        }]
    );
    // Damaged again within the same second: the first copy is kept too.
    fs::write(dir.path().join(STATE_FILE), "second").expect("write");
    let (_, w) = Store::open(dir.path());
    let Some(StoreWarning::Corrupt(aside2)) = w else {
        panic!("expected a corrupt warning, got {w:?}")
    };
    assert_ne!(aside, aside2);
    assert_eq!(fs::read_to_string(&aside).expect("first"), "{ not json");
    assert_eq!(fs::read_to_string(&aside2).expect("second"), "second");
}

#[test]
fn damaged_in_every_way_is_moved_aside_and_reported() {
    let cases: [(&str, &[u8]); 7] = [
        (
            "truncated",
            b"{\n  \"schema\": 1,\n  \"articles\": {\"a\": {\"pa",
        ),
        ("garbage", b"\x00\xff\xfe garbage \x1b[2J"),
        ("empty", b""),
        ("wrong type", br#"{"schema": 1, "articles": 5}"#),
        (
            "wrong entry",
            br#"{"schema": 1, "articles": {"a": {"path": 5}}}"#,
        ),
        ("schema a string", br#"{"schema": "1", "articles": {}}"#),
        (
            "invalid UTF-8",
            b"{\"schema\": 1, \"articles\": {\"\xff\": 1}}",
        ),
    ];
    for (what, bytes) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(STATE_FILE), bytes).expect("write");
        let (mut s, w) = Store::open(dir.path());
        let Some(StoreWarning::Corrupt(aside)) = &w else {
            panic!("{what}: expected a corrupt warning, got {w:?}")
        };
        assert_eq!(fs::read(aside).expect("aside"), bytes, "{what}");
        assert_eq!(notices::take(dir.path()).len(), 1, "{what}");
        s.states.record("x", sample());
        s.save().expect("a fresh file is saved");
        assert_eq!(Store::open(dir.path()).0.states.articles.len(), 1, "{what}");
    }
}

#[test]
fn a_byte_order_mark_is_read_not_taken_for_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = Store::open(dir.path());
    s.states.record("id1", sample());
    s.save().expect("save");
    let file = dir.path().join(STATE_FILE);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&file).expect("read"));
    fs::write(&file, &bytes).expect("write");
    let (mut s2, w) = Store::open(dir.path());
    assert_eq!(w, None);
    assert_eq!(s2.states, s.states);
    // And the save merges it rather than moving it aside.
    let mut other = sample();
    other.path = "другая.txt".into();
    s2.states.record("id2", other);
    assert_eq!(s2.save().expect("save"), None);
    assert_eq!(Store::open(dir.path()).0.states.articles.len(), 2);
    assert_eq!(names(dir.path()), vec![STATE_FILE, LOCK_FILE]);
}

#[test]
fn newer_schema_is_read_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let future = r#"{"schema": 99, "articles": {}, "shiny": true}"#;
    fs::write(dir.path().join(STATE_FILE), future).expect("write");
    let (mut s, w) = Store::open(dir.path());
    assert_eq!(w, Some(StoreWarning::Newer(99)));
    s.states.record("x", sample());
    s.save().expect("save is a no-op");
    assert_eq!(
        fs::read_to_string(dir.path().join(STATE_FILE)).expect("read"),
        future
    );
}

#[test]
fn what_changed_on_disk_since_loading_is_never_written_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(STATE_FILE);
    // Damaged meanwhile: moved aside, said, and the positions saved.
    let (mut s, _) = Store::open(dir.path());
    fs::write(&file, "{ damaged").expect("write");
    s.states.record("x", sample());
    let Some(StoreWarning::Corrupt(aside)) = s.save().expect("save") else {
        panic!("the save says the file was damaged")
    };
    assert_eq!(fs::read_to_string(aside).expect("aside"), "{ damaged");
    assert_eq!(Store::open(dir.path()).0.states.articles.len(), 1);
    // Written by a newer chitalka meanwhile: left alone, read-only from now.
    let (mut s, _) = Store::open(dir.path());
    let future = r#"{"schema": 5, "articles": {}}"#;
    fs::write(&file, future).expect("write");
    s.states.record("y", sample());
    assert_eq!(s.save().expect("save"), Some(StoreWarning::Newer(5)));
    assert!(s.read_only());
    assert_eq!(fs::read_to_string(&file).expect("read"), future);
    // Unreadable meanwhile (a folder in its place): an error, nothing written.
    fs::remove_file(&file).expect("rm");
    let (mut s, _) = Store::open(dir.path());
    fs::create_dir(&file).expect("mkdir");
    s.states.record("z", sample());
    assert!(s.save().is_err());
    assert!(file.is_dir());
}

#[test]
fn a_data_dir_that_is_a_file_is_reported_and_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    fs::write(&data, "a file").expect("write");
    let (mut s, w) = Store::open(&data);
    let Some(StoreWarning::Io(why)) = &w else {
        panic!("expected an I/O warning, got {w:?}")
    };
    assert!(why.contains(STATE_FILE), "{why}");
    assert!(s.read_only());
    s.states.record("x", sample());
    assert_eq!(s.save().expect("nothing to do"), None);
    assert_eq!(fs::read_to_string(&data).expect("read"), "a file");
}

#[test]
fn a_position_stamped_years_ahead_does_not_win_for_ever() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ten_years = 10 * 365 * 24 * 3600;
    let mut future = sample();
    future.last_read = now() + ten_years;
    future.pos = Pos::new(1, 0);
    let file = StateFile {
        schema: SCHEMA,
        states: ReadingStates::default(),
    };
    let mut file = file;
    file.states.record("war", future);
    fs::write(
        dir.path().join(STATE_FILE),
        serde_json::to_vec(&file).expect("json"),
    )
    .expect("write");
    // Loaded: the stamp is brought back to now.
    let (mut s, w) = Store::open(dir.path());
    assert_eq!(w, None);
    assert!(s.states.articles["war"].last_read <= now());
    // The reader moves on: the new place wins and is saved.
    let mut moved = sample();
    moved.pos = Pos::new(50, 7);
    moved.last_read = now();
    s.states.record("war", moved);
    s.save().expect("save");
    let (s2, _) = Store::open(dir.path());
    assert_eq!(s2.states.articles["war"].pos, Pos::new(50, 7));
    assert!(s2.states.articles["war"].last_read <= now());

    // A chitalka opened before the future file arrived (a sync) moves on
    // too: its move wins over the stamp from the future in the merge.
    let (mut early, _) = Store::open(dir.path());
    let mut synced = sample();
    synced.last_read = now() + ten_years;
    synced.pos = Pos::new(2, 0);
    let mut on_disk = StateFile {
        schema: SCHEMA,
        states: ReadingStates::default(),
    };
    on_disk.states.record("war", synced);
    fs::write(
        dir.path().join(STATE_FILE),
        serde_json::to_vec(&on_disk).expect("json"),
    )
    .expect("write");
    let mut later = sample();
    later.pos = Pos::new(60, 0);
    later.last_read = now();
    early.states.record("war", later);
    early.save().expect("save");
    let (s3, _) = Store::open(dir.path());
    assert_eq!(s3.states.articles["war"].pos, Pos::new(60, 0));
}

#[test]
fn a_fifo_or_a_huge_file_is_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join(STATE_FILE);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        // Would block for ever if opened.
        let (s, w) = Store::open(dir.path());
        assert!(matches!(w, Some(StoreWarning::Io(_))), "{w:?}");
        assert!(s.read_only());
        fs::remove_file(&fifo).expect("rm");
    }
    let big = File::create(&fifo).expect("create");
    big.set_len(MAX_DATA_FILE + 1).expect("sparse");
    let (s, w) = Store::open(dir.path());
    assert!(matches!(w, Some(StoreWarning::Io(_))), "{w:?}");
    assert!(s.read_only());
}

#[test]
fn a_failed_write_leaves_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A folder in the way of the file makes the rename fail.
    let target = dir.path().join("f.json");
    fs::create_dir(&target).expect("mkdir");
    fs::write(target.join("inside"), "x").expect("write");
    assert!(atomic_write(&target, b"new").is_err());
    assert_eq!(names(dir.path()), vec!["f.json"]);
}

#[test]
fn a_link_planted_at_an_old_temp_name_is_never_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim");
    fs::write(&victim, "untouched").expect("write");
    let lib = dir.path().join("lib");
    fs::create_dir(&lib).expect("mkdir");
    // What an attacker could guess before: `.<name>.tmp-<pid>`.
    let planted = lib.join(format!(".a.txt.tmp-{}", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
    atomic_write(&lib.join("a.txt"), b"article").expect("write");
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "untouched");
    assert_eq!(fs::read_to_string(lib.join("a.txt")).expect("a"), "article");
    assert!(
        !fs::symlink_metadata(lib.join("a.txt"))
            .expect("meta")
            .is_symlink()
    );
}

#[test]
fn a_link_at_the_target_is_refused_not_replaced_nor_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = dir.path().join("outside");
    let link = dir.path().join("state.json");
    // Dangling: nothing is created where it points, the link stays.
    std::os::unix::fs::symlink(&outside, &link).expect("symlink");
    let e = atomic_write(&link, b"data").expect_err("refused");
    let why = link_in_the_way(&e).expect("typed");
    assert!(why.dangling && why.path == link && why.target == outside);
    assert!(e.to_string().contains("state.json"), "{e}");
    assert!(!outside.exists());
    assert!(fs::symlink_metadata(&link).expect("meta").is_symlink());
    // Live: the file it points to is not written either.
    fs::write(&outside, "theirs").expect("write");
    let e = atomic_write(&link, b"data").expect_err("refused");
    assert!(link_in_the_way(&e).is_some_and(|w| !w.dangling));
    assert_eq!(fs::read_to_string(&outside).expect("read"), "theirs");
    assert!(fs::symlink_metadata(&link).expect("meta").is_symlink());
    // Nothing left behind.
    assert_eq!(names(dir.path()), vec!["outside", "state.json"]);
}

#[test]
fn a_lock_is_never_taken_through_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = dir.path().join("outside");
    std::os::unix::fs::symlink(&outside, dir.path().join(LOCK_FILE)).expect("symlink");
    let (mut s, _) = Store::open(dir.path());
    s.states.record("x", sample());
    let e = s.save().expect_err("refused");
    assert!(link_in_the_way(&e).is_some(), "{e}");
    assert!(!outside.exists(), "nothing created where the link points");
}

#[test]
fn written_files_get_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("plain");
    File::create(&plain).expect("create");
    let ours = dir.path().join("ours");
    atomic_write(&ours, b"x").expect("write");
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&ours), mode(&plain));
}

#[test]
fn temp_names_are_unpredictable_and_recognised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("abc.json");
    let a = new_temp(dir.path(), &target).expect("temp");
    let b = new_temp(dir.path(), &target).expect("temp");
    let name = |t: &tempfile::NamedTempFile| {
        t.path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    assert_ne!(name(&a), name(&b));
    for t in [&a, &b] {
        assert!(name(t).starts_with(".abc.json.tmp-"), "{}", name(t));
        assert!(is_temp_name(&name(t)), "{}", name(t));
    }
}

#[test]
fn temp_names_old_and_new() {
    assert!(is_temp_name(".abc.json.tmp-12345"));
    assert!(is_temp_name(".abc.json.tmp-Ab3dE6gH9jK1"));
    for name in [
        ".syncthing.abc.json.tmp",
        "notes.tmp-1",
        ".x.tmp-12a",
        ".x.tmp-",
        ".x.tmp-Ab3dE6gH9jK1z",
    ] {
        assert!(!is_temp_name(name), "{name}");
    }
}
