//! Files of formats chitalka does not read are named as that format (by
//! their content, whatever their name), in `list`, `add` and the library
//! screen; the empty library names every format read; `add --title` keeps
//! the title given.

use crate::common::screen::screen;
use crate::common::{Home, stderr, stdout};
use chitalka::config::Config;
use chitalka::tui::app::App;
use std::io::Write;
use std::path::Path;

/// A ZIP's first local header: a stored entry `name` holding `data`
/// (no central directory: as a truncated download would be).
fn zip_entry(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    let size = u32::try_from(data.len()).expect("small");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&u16::try_from(name.len()).expect("short").to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    out
}

/// A library of files named like articles but of other formats, and one article.
fn library_of_other_formats(root: &Path) -> Vec<(&'static str, &'static str)> {
    let mut mobi = vec![0u8; 60];
    mobi.extend_from_slice(b"BOOKMOBI\x00\x00\x00\x00");
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "book.txt",
            b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(),
            "PDF is not supported",
        ),
        (
            "scan.txt",
            b"AT&TFORM\x00\x00\x01\x00DJVUINFO\x00\x00".to_vec(),
            "DjVu is not supported",
        ),
        (
            "kindle.txt",
            mobi,
            "a Kindle book (MOBI, AZW) is not supported",
        ),
        (
            "letter.md",
            zip_entry("word/document.xml", b"<w:document/>"),
            "a Word document (DOCX) is not supported",
        ),
        (
            "old.txt",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x3E\x00".to_vec(),
            "an old Office document (DOC, XLS, PPT) is not supported",
        ),
        (
            "rich.txt",
            b"{\\rtf1\\ansi Hello}".to_vec(),
            "RTF is not supported",
        ),
        (
            "photo.fb2",
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00".to_vec(),
            "a JPEG image is not supported",
        ),
        (
            "cut.txt",
            b"PK\x03\x04\x14\x00".to_vec(),
            "a ZIP archive is not supported",
        ),
        (
            "nul.txt",
            b"\x00\x01\x02 not text".to_vec(),
            "binary file, not text",
        ),
        // Under their own names too: listed, not left out.
        (
            "Отчёт.PDF",
            b"%PDF-1.7\n1 0 obj".to_vec(),
            "PDF is not supported",
        ),
        (
            "scan.djvu",
            b"AT&TFORM\x00\x00\x01\x00DJVMDIRM\x00\x00".to_vec(),
            "DjVu is not supported",
        ),
    ];
    std::fs::create_dir_all(root).expect("mkdir");
    std::fs::write(root.join("article.txt"), "Статья\n\nТекст статьи.").expect("write");
    files
        .into_iter()
        .map(|(name, bytes, why)| {
            std::fs::write(root.join(name), bytes).expect("write");
            (name, why)
        })
        .collect()
}

#[test]
fn list_names_the_format_of_each_file_not_read() {
    let home = Home::new();
    let lib = home.path().join("lib");
    let expected = library_of_other_formats(&lib);
    let lib_arg = lib.to_str().expect("utf-8");
    // Twice: the second from the scan cache, which keeps the reason typed.
    for _ in 0..2 {
        let out = home.run(&["--library", lib_arg, "list"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).starts_with("article.txt\tСтатья"),
            "{}",
            stdout(&out)
        );
        let err = stderr(&out);
        for (name, why) in &expected {
            assert!(
                err.contains(&format!("chitalka: skipped {name}: {why}\n")),
                "{name}: {why}\n{err}"
            );
        }
    }
}

#[test]
fn add_refuses_a_pdf_as_a_pdf() {
    let home = Home::new();
    let lib = home.path().join("lib");
    let pdf = home.path().join("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").expect("write");
    let out = home.run(&[
        "--library",
        lib.to_str().expect("utf-8"),
        "add",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("report.pdf: PDF is not supported"), "{err}");
}

#[test]
fn the_library_screen_shows_the_format() {
    let home = Home::new();
    let lib = home.path().join("lib");
    library_of_other_formats(&lib);
    let mut app = App::with_library(Config::default(), &home.data(), &lib, (100, 30)).expect("app");
    let s = screen(&mut app);
    assert!(s.contains("book.txt: PDF is not supported"), "{s}");
    assert!(s.contains("scan.djvu: DjVu is not supported"), "{s}");
    assert!(
        s.contains("letter.md: a Word document (DOCX) is not supported"),
        "{s}"
    );
}

#[test]
fn the_empty_library_names_every_format_read() {
    let home = Home::new();
    let lib = home.path().join("empty");
    std::fs::create_dir_all(&lib).expect("mkdir");
    // Narrow: the message wraps, nothing of it is cut.
    for width in [100, 40] {
        let mut app =
            App::with_library(Config::default(), &home.data(), &lib, (width, 20)).expect("app");
        let s = screen(&mut app);
        for ext in [".txt", ".md", ".html", ".epub", ".fb2", ".fb2.zip"] {
            assert!(s.contains(ext), "{ext} at {width}:\n{s}");
        }
        assert!(s.contains("No articles here yet"), "{s}");
    }
    // Each format read is one of them: the extensions chitalka reads all
    // parse as one of these.
    for ext in chitalka::core::formats::EXTENSIONS {
        let named = match *ext {
            "txt" | "text" => ".txt",
            "md" | "markdown" => ".md",
            "html" | "htm" | "xhtml" => ".html",
            // An FB2 book in a ZIP.
            "fb2" => ".fb2",
            "fbz" | "zip" => ".fb2.zip",
            "epub" => ".epub",
            other => panic!("{other} is read but not named in the empty library's message"),
        };
        assert!(chitalka::messages::LIBRARY_EMPTY.contains(named));
    }
}

/// `chitalka add - --title T` with `input` on stdin.
fn add_stdin(home: &Home, lib: &Path, title: &str, input: &[u8]) -> std::process::Output {
    let mut child = home
        .command()
        .args(["--library", lib.to_str().expect("utf-8"), "add", "-"])
        .args(["--title", title])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn add_from_stdin_keeps_the_title_given() {
    let home = Home::new();
    let lib = home.path().join("lib");
    let out = add_stdin(
        &home,
        &lib,
        "Из буфера",
        "ПЕРВАЯ СТРОКА\n\nТекст из stdin.\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("added «Из буфера»"),
        "{}",
        stdout(&out)
    );
    let lib_arg = lib.to_str().expect("utf-8");
    let listed = stdout(&home.run(&["--library", lib_arg, "list"]));
    assert_eq!(listed, "из-буфера.txt\tИз буфера\t7\t\n");
    // The reader shows it too: the first line of the page.
    let shown = stdout(&home.run(&[
        "--library",
        lib_arg,
        "render",
        "из-буфера.txt",
        "--width",
        "60",
        "--height",
        "8",
    ]));
    assert!(
        shown
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.contains("Из буфера")),
        "{shown}"
    );
    assert!(shown.contains("Текст из stdin."), "{shown}");
    // The same text and title again: a duplicate, not a second copy.
    let again = add_stdin(
        &home,
        &lib,
        "Из буфера",
        "ПЕРВАЯ СТРОКА\n\nТекст из stdin.\n".as_bytes(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already in the library"),
        "{}",
        stderr(&again)
    );
    // Windows-1251 on stdin: the title and the text both read.
    let out = add_stdin(
        &home,
        &lib,
        "Старая кодировка",
        b"\xd2\xe5\xea\xf1\xf2 \xe2 cp1251.\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&home.run(&["--library", lib_arg, "list"]));
    assert!(
        listed.contains("старая-кодировка.txt\tСтарая кодировка\t"),
        "{listed}"
    );
    let text = std::fs::read_to_string(lib.join("старая-кодировка.txt")).expect("utf-8");
    assert!(text.contains("Текст в cp1251."), "{text}");
}

#[test]
fn add_of_a_markdown_file_keeps_the_title_given() {
    let home = Home::new();
    let lib = home.path().join("lib");
    let src = home.path().join("notes.md");
    std::fs::write(&src, "# Old *title*\n\nText.\n").expect("write");
    let lib_arg = lib.to_str().expect("utf-8");
    let out = home.run(&[
        "--library",
        lib_arg,
        "add",
        src.to_str().expect("utf-8"),
        "--title",
        "Новый *заголовок* #1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&home.run(&["--library", lib_arg, "list"]));
    assert!(listed.contains("\tНовый *заголовок* #1\t"), "{listed}");
}
