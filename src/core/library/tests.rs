use super::*;
use crate::core::formats::decode::DecodeError;

#[test]
fn ids_are_stable_hex() {
    let id = article_id("Война и мир".as_bytes());
    assert_eq!(id.len(), 32);
    assert_eq!(id, article_id("Война и мир".as_bytes()));
    assert_ne!(id, article_id("Война и мир!".as_bytes()));
    // A fixed value: the id must never change between versions or runs.
    assert_eq!(article_id(b""), "99aa06d3014798d86001c324468d497f");
}

#[test]
fn scan_lists_good_and_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/.hidden")).expect("mkdir");
    std::fs::write(root.join("b.txt"), "ЗАГОЛОВОК\n\nТекст статьи.").expect("write");
    std::fs::write(root.join("sub/a.md"), "Просто текст без заголовка.").expect("write");
    std::fs::write(root.join("sub/.hidden/x.txt"), "скрыто").expect("write");
    std::fs::write(root.join("bin.txt"), b"\x00\x01\x02binary").expect("write");
    std::fs::write(root.join("cp1251.txt"), b"\xcf\xf0\xe8\xe2\xe5\xf2").expect("write");
    std::fs::write(root.join("image.png"), b"\x89PNG").expect("write");
    std::fs::write(root.join("NOTES.md"), "not an article").expect("write");
    std::fs::write(root.join("paper.txt"), b"%PDF-1.5\n%\xD0\xD4\xC5\xD8\n").expect("write");
    std::fs::write(root.join(IGNORE_FILE), "# not articles\nNOTES.md\n").expect("write");
    let lib = scan(root).expect("scan");
    let rels: Vec<&str> = lib.articles.iter().map(|a| a.rel.as_str()).collect();
    assert_eq!(rels, vec!["b.txt", "cp1251.txt", "sub/a.md"]);
    assert_eq!(lib.articles[0].title, "ЗАГОЛОВОК");
    assert_eq!(lib.articles[0].words, 3);
    assert_eq!(lib.articles[1].title, "Привет");
    assert_eq!(lib.articles[1].encoding, "windows-1251");
    assert_eq!(
        reasons(&lib),
        [
            ("bin.txt", BINARY.to_string()),
            ("paper.txt", "PDF is not supported".to_string())
        ]
    );
    assert_eq!(
        lib.unreadable[0].reason.lasting(),
        Some(&Refusal::Parse(DecodeError::Binary))
    );
    // Named by its content, not its name: a PDF called .txt is a PDF.
    assert_eq!(
        lib.unreadable[1].reason.lasting(),
        Some(&Refusal::Parse(DecodeError::Unsupported(
            crate::core::formats::sniff::Format::Pdf
        )))
    );
}

/// How a binary file's reason reads.
const BINARY: &str = "binary file, not text";

/// Reasons by relative path, in words.
fn reasons(lib: &Library) -> Vec<(&str, String)> {
    lib.unreadable
        .iter()
        .map(|u| (u.rel.as_str(), u.reason.to_string()))
        .collect()
}

#[test]
fn hostile_entries_are_listed_with_why_and_never_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("a.txt"), "Статья\n\nТекст.").expect("write");
    // A gigabyte that takes no disk: refused from its size alone.
    std::fs::File::create(root.join("big.txt"))
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse");
    symlink("/dev/zero", root.join("zero.txt")).expect("link");
    let fifo = std::ffi::CString::new(root.join("fifo.txt").into_os_string().into_encoded_bytes())
        .expect("c path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    symlink(".", root.join("loop")).expect("link");
    symlink("loop2.txt", root.join("loop1.txt")).expect("link");
    symlink("loop1.txt", root.join("loop2.txt")).expect("link");
    symlink("nowhere.txt", root.join("dangling.txt")).expect("link");
    symlink("/tmp", root.join("folder.md")).expect("link");
    std::fs::write(root.join("esc\x1b]52;c;aGk=\x07\nname.txt"), "Имя\n\nтекст").expect("write");
    // Deeper than the scan goes: not followed down, no crash.
    let mut deep = root.to_path_buf();
    for _ in 0..40 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).expect("deep");
    std::fs::write(deep.join("deep.txt"), "Глубоко\n\nтекст").expect("write");
    let lib = scan(root).expect("scan");
    let rels: Vec<&str> = lib.articles.iter().map(|a| a.rel.as_str()).collect();
    assert_eq!(rels, ["a.txt", "esc\x1b]52;c;aGk=\x07\nname.txt"]);
    let bad = reasons(&lib);
    let reason = |rel: &str| {
        bad.iter()
            .find(|(r, _)| *r == rel)
            .map(|(_, why)| why.as_str())
            .unwrap_or_else(|| panic!("{rel} not listed: {bad:?}"))
    };
    assert_eq!(
        reason("big.txt"),
        "too large: 1.0 GB, the limit is 64 MB (max_file_mb in the config)"
    );
    assert_eq!(reason("zero.txt"), "not a regular file: a device");
    assert_eq!(
        reason("fifo.txt"),
        "not a regular file: a named pipe (FIFO)"
    );
    assert_eq!(reason("folder.md"), "not a regular file: a folder");
    assert!(reason("loop1.txt").starts_with("cannot read: "), "{bad:?}");
    assert!(
        reason("dangling.txt").starts_with("cannot read: "),
        "{bad:?}"
    );
    // The duplicate check of `add` reads none of them either.
    // The ignore file a pipe: not waited on.
    let ignore =
        std::ffi::CString::new(root.join(IGNORE_FILE).into_os_string().into_encoded_bytes())
            .expect("c path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(ignore.as_ptr(), 0o644) }, 0);
    assert_eq!(scan(root).expect("scan").articles.len(), 2);
    let ids = content_ids(root).expect("ids");
    assert_eq!(ids.len(), 2, "{ids:?}");
}

#[test]
fn a_file_that_fails_to_parse_is_remembered_until_it_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("cache");
    let root = dir.path();
    std::fs::write(root.join("a.txt"), "Статья\n\nТекст.").expect("write");
    std::fs::write(root.join("bin.txt"), b"\x00\x01\x02binary").expect("write");
    let open = || Some(ScanCache::open(cache.path(), root));
    let first = scan_cached(root, open()).expect("scan");
    assert_eq!(reasons(&first), [("bin.txt", BINARY.to_string())]);
    // Mark the remembered reason: the next scan shows it, so it did not parse the file.
    let file = std::fs::read_dir(cache.path())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("cache file");
    let text = std::fs::read_to_string(&file).expect("read");
    let typed = r#"{"Parse":"Binary"}"#;
    assert!(text.contains(typed), "{text}");
    let marked = text.replace(typed, r#"{"Parse":{"Malformed":"remembered"}}"#);
    std::fs::write(&file, &marked).expect("write");
    let second = scan_cached(root, open()).expect("scan");
    assert_eq!(
        reasons(&second),
        [("bin.txt", "malformed file: remembered".to_string())]
    );
    assert_eq!(second.articles.len(), 1);
    // A cache of an older chitalka (its reasons in words), or one whose
    // reason is not known: set aside, the file parsed again.
    for old in [r#""remembered""#, r#"{"Parse":{"Unknown":1}}"#] {
        std::fs::write(
            &file,
            marked.replace(r#"{"Parse":{"Malformed":"remembered"}}"#, old),
        )
        .expect("write");
        let again = scan_cached(root, open()).expect("scan");
        assert_eq!(reasons(&again), [("bin.txt", BINARY.to_string())], "{old}");
        assert_eq!(again.articles.len(), 1);
        std::fs::write(&file, &marked).expect("write");
    }
    // Changed (now text): parsed again, and read.
    std::fs::write(root.join("bin.txt"), "Исправлено\n\nТеперь текст.").expect("write");
    let third = scan_cached(root, open()).expect("scan");
    assert!(third.unreadable.is_empty(), "{:?}", third.unreadable);
    assert_eq!(third.articles.len(), 2);
}

#[test]
fn a_zipped_fb2_is_named_without_fb2_zip() {
    assert_eq!(file_stem(Path::new("a/Книга.fb2.zip")), "Книга");
    assert_eq!(file_stem(Path::new("Книга.FB2.ZIP")), "Книга");
    assert_eq!(file_stem(Path::new("книга.zip")), "Книга");
    assert_eq!(file_stem(Path::new(".fb2.zip")), ".fb2");
    assert_eq!(file_stem(Path::new("x.fb2")), "X");
}

#[test]
fn a_title_from_the_file_name_is_readable() {
    assert_eq!(
        file_stem(Path::new("a/dostoevsky_besy.txt")),
        "Dostoevsky besy"
    );
    assert_eq!(
        file_stem(Path::new("pushkin_kapitanskaya-dochka.txt")),
        "Pushkin kapitanskaya dochka"
    );
    assert_eq!(file_stem(Path::new("бесы__глава-1.md")), "Бесы глава 1");
    assert_eq!(file_stem(Path::new("___.txt")), "___");
    assert_eq!(file_stem(Path::new("Заметки.txt")), "Заметки");
}
