//! An FB2 book in a ZIP (`.fb2.zip`, `.fbz`, or any `.zip` holding one,
//! told by content; entry names in UTF-8 or CP866) opens as the book; a ZIP
//! bomb, a ZIP of two books and other ZIPs are refused with their reasons;
//! a damaged archive never panics.

use crate::common::rng::Rng;
use crate::common::{Home, stderr, stdout};
use chitalka::core::{formats, library};
use std::io::{Cursor, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;

const FB2: &str = "tests/fixtures/fb2/gribuser_example_voyna_i_mir.fb2";

fn book() -> Vec<u8> {
    std::fs::read(FB2).expect("fixture")
}

/// A ZIP of `(name, content)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// A ZIP of one entry named with raw CP866 bytes (no UTF-8 flag), as DOS
/// and old Windows archivers wrote Cyrillic names: written under an ASCII
/// name of the same length, which is then replaced in both headers.
fn zip_cp866(name: &str, data: &[u8]) -> Vec<u8> {
    let (raw, _, bad) = encoding_rs::IBM866.encode(name);
    assert!(!bad);
    let placeholder = "Q".repeat(raw.len());
    let mut z = zip_of(&[(&placeholder, data)]);
    let mut found = 0;
    let mut i = 0;
    while i + raw.len() <= z.len() {
        if &z[i..i + raw.len()] == placeholder.as_bytes() {
            z[i..i + raw.len()].copy_from_slice(&raw);
            found += 1;
            i += raw.len();
        } else {
            i += 1;
        }
    }
    assert_eq!(found, 2, "the name in the local and the central header");
    z
}

fn set_config(home: &Home, text: &str) {
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), text).expect("write");
}

fn render(home: &Home, file: &Path) -> String {
    let out = home.run(&[
        "render",
        file.to_str().expect("utf-8"),
        "--width",
        "80",
        "--height",
        "5000",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn zipped_books_open_as_the_book_whatever_the_name() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    let fb2 = book();
    let files = [
        ("voyna.fb2.zip", zip_of(&[("Война и мир.fb2", &fb2)])),
        ("voyna.fbz", zip_cp866("Война и мир.fb2", &fb2)),
        // Misnamed: a .zip, its entry with no .fb2 name.
        ("archive.zip", zip_of(&[("книга.txt", &fb2)])),
        // An FB2 zipped but named .fb2.
        ("zipped.fb2", zip_of(&[("book.fb2", &fb2)])),
    ];
    for (name, bytes) in &files {
        std::fs::write(lib.join(name), bytes).expect("write");
    }
    let out = home.run(&["--library", lib.to_str().expect("utf-8"), "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("skipped"), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let listed = v.as_array().expect("array");
    assert_eq!(listed.len(), files.len(), "{v}");
    for a in listed {
        assert_eq!(a["title"], "Война и мир", "{a}");
        assert_eq!(a["author"], "Лев Николаевич Толстой", "{a}");
    }
    let plain = render(&home, Path::new(FB2));
    assert!(plain.contains("ЧАСТЬ ПЕРВАЯ"), "{plain}");
    for (name, _) in &files {
        assert_eq!(render(&home, &lib.join(name)), plain, "{name}");
    }
}

#[test]
fn the_id_is_the_zip_files_own() {
    // Marks stay with the file in the library: its own bytes name it, as
    // for every other article (a zipped and an unzipped copy are two).
    let home = Home::new();
    let z = zip_of(&[("b.fb2", &book())]);
    let path = home.path().join("b.fb2.zip");
    std::fs::write(&path, &z).expect("write");
    let (id, doc) = library::load(&path).expect("load");
    assert_eq!(id, library::article_id(&z));
    assert_ne!(id, library::article_id(&book()));
    assert_eq!(doc.title, "Война и мир");
}

#[test]
fn bombs_pairs_and_other_zips_are_refused_with_their_reasons() {
    let home = Home::new();
    set_config(&home, "max_file_mb = 1\n");
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    // An FB2 that inflates past the limit (1 MB) from a few KB.
    let mut bomb = book();
    bomb.resize(3 << 20, b' ');
    let bomb = zip_of(&[("bomb.fb2", &bomb)]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let fb2 = book();
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb.fb2.zip",
            bomb,
            "bomb.fb2 in the ZIP is too large unpacked: more than 1.0 MB, the limit (max_file_mb in the config)",
        ),
        (
            "two.zip",
            zip_of(&[("one.fb2", &fb2), ("two.fb2", &fb2)]),
            "a ZIP holding 2 FB2 books (one.fb2, two.fb2): unzip them into the library",
        ),
        (
            "texts.zip",
            zip_of(&[("a.txt", b"text")]),
            "a ZIP archive is not supported",
        ),
        (
            "fake.fbz",
            zip_of(&[("a.fb2", b"not an FB2")]),
            "a ZIP archive is not supported",
        ),
        (
            "letter.zip",
            zip_of(&[("word/document.xml", b"<w:document/>")]),
            "a Word document (DOCX) is not supported",
        ),
        (
            "cut.fb2.zip",
            zip_of(&[("a.fb2", &fb2)])[..500].to_vec(),
            "damaged ZIP archive",
        ),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(lib.join(name), bytes).expect("write");
    }
    std::fs::write(lib.join("article.txt"), "Статья\n\nТекст.").expect("write");
    // Twice: the second from the scan cache.
    for _ in 0..2 {
        let out = home.run(&["--library", lib.to_str().expect("utf-8"), "list"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
        let err = stderr(&out);
        for (name, _, why) in &files {
            assert!(
                err.contains(&format!("chitalka: skipped {name}: {why}")),
                "{name}: {why}\n{err}"
            );
        }
    }
}

#[test]
fn damaged_archives_never_panic() {
    let fb2 = book();
    let z = zip_of(&[("Война и мир.fb2", &fb2), ("cover.jpg", b"\xFF\xD8\xFF")]);
    let name = Path::new("a.fb2.zip");
    assert!(formats::parse(name, &z).is_ok());
    // Cut anywhere in the central directory and the headers, at a stride
    // through the deflated data.
    let tail = z.len().saturating_sub(400);
    for cut in (0..tail).step_by(97).chain(tail..z.len()) {
        let _ = formats::parse(name, &z[..cut]);
    }
    let mut rng = Rng(12);
    for _ in 0..600 {
        let mut d = z.clone();
        for _ in 0..=rng.below(3) {
            // Mostly in the headers, where a flip changes the most.
            let at = if rng.below(2) == 0 {
                rng.below(64)
            } else {
                tail + rng.below(z.len() - tail)
            };
            d[at] ^= 1 << rng.below(8);
        }
        let _ = formats::parse(name, &d);
    }
}
