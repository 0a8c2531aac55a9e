//! EPUB 2 and 3 books made from the corpus (`scripts/make-epub-fixtures.sh`):
//! read in spine order, their tables of contents as the outline, their
//! notes followed from their references; the CLI lists and outlines them;
//! damaged bytes never panic.

use crate::common::{Home, stderr, stdout};
use chitalka::core::document::{Document, Inline, LinkTarget};
use chitalka::core::formats::{self, decode::DecodeError};
use chitalka::core::outline::Outline;
use proptest::prelude::*;
use std::io::{Cursor, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;

const GOGOL: &str = "tests/fixtures/epub/gogol-noch-pered-rozhdestvom.epub";
const PUSHKIN: &str = "tests/fixtures/epub/pushkin-kapitanskaya-dochka.epub";
const BESY: &str = "library/dostoevsky-besy-glavy-1-2.epub";

fn read(path: &str) -> Document {
    let bytes = std::fs::read(path).expect("fixture");
    // By content, whatever the name.
    formats::parse(Path::new("book.txt"), &bytes).expect("parse")
}

/// The note references of `d`, in order.
fn note_refs(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .flat_map(|b| &b.spans)
        .filter_map(|s| match &s.style {
            Inline::NoteRef(id) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

/// Every reference opens its note, whose text starts with `starts`.
fn refs_open_notes(d: &Document) -> usize {
    let refs = note_refs(d);
    for r in &refs {
        match d.follow(&format!("#{r}")) {
            LinkTarget::Note(n) => assert!(!n.blocks.is_empty(), "{r}"),
            other => panic!("{r}: {other:?}"),
        }
    }
    refs.len()
}

#[test]
fn an_epub3_from_gogol_reads_with_its_nav_and_notes() {
    let d = read(GOGOL);
    assert_eq!(d.title, "Ночь перед Рождеством");
    assert_eq!(d.meta.author.as_deref(), Some("Николай Васильевич Гоголь"));
    assert_eq!(d.meta.format, "epub");
    assert!(
        d.blocks[1]
            .text
            .starts_with("Последний день перед Рождеством прошел.")
    );
    // The story's two notes, drawn as ¹ and ², open the notes' text.
    assert_eq!(refs_open_notes(&d), 2);
    assert!(
        d.blocks[1].text.contains("славить Христа¹"),
        "{}",
        d.blocks[1].text
    );
    let LinkTarget::Note(n) = d.follow("#OEBPS/text/notes.xhtml#n1") else {
        panic!("no note 1");
    };
    assert!(
        d.blocks[n.blocks.start]
            .text
            .contains("Колядовать у нас называется")
    );
    // Notes are out of the reading flow: after the story's last words.
    let end = d
        .blocks
        .iter()
        .position(|b| b.text.contains("Колядовать у нас называется"))
        .expect("note");
    assert!(end > d.blocks.len() - 4);
    let o = Outline::of(&d);
    assert_eq!(o.sections.len(), 15);
    assert_eq!((o.sections[0].level, o.sections[1].level), (1, 2));
}

#[test]
fn an_epub2_from_pushkin_reads_with_its_ncx_and_sup_link_notes() {
    let d = read(PUSHKIN);
    assert_eq!(d.title, "Капитанская дочка");
    let o = Outline::of(&d);
    let titles: Vec<(u8, &str)> = o
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        titles[..3],
        [(1, "Капитанская дочка"), (2, "Глава I"), (2, "Глава II")]
    );
    // `<a href="notes.xhtml#n1"><sup>1</sup></a>` to an endnotes document.
    assert_eq!(refs_open_notes(&d), 61);
    assert_eq!(d.notes.len(), 61);
    let i = d
        .blocks
        .iter()
        .position(|b| b.text.starts_with("Сержант гвардии¹"))
        .expect("first paragraph");
    let chapter_1 = o.sections[1].start;
    assert!(chapter_1.block < i);
    // The TOC entry leads to its chapter's heading.
    assert_eq!(d.blocks[chapter_1.block].text, "Глава I");
}

#[test]
fn the_sample_library_book_nests_parts_chapters_and_sections() {
    let d = read(BESY);
    let o = Outline::of(&d);
    let titles: Vec<(u8, &str)> = o
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .take(5)
        .collect();
    assert_eq!(
        titles,
        vec![
            (1, "Бесы"),
            (1, "Часть первая"),
            (2, "Глава первая"),
            (3, "I"),
            (3, "II")
        ]
    );
    assert_eq!(refs_open_notes(&d), 48);
}

#[test]
fn the_cli_lists_and_outlines_an_epub() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::copy(PUSHKIN, lib.join("Капитанская дочка.epub")).expect("copy");
    let o = home.on_library(&lib).arg("list").output().expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Капитанская дочка"), "{}", stdout(&o));
    let o = home
        .on_library(&lib)
        .args(["outline", "Капитанская дочка.epub"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\n  Глава II\n"), "{}", stdout(&o));
    // Cut short: what could be read is listed; damaged ones are listed
    // with their reasons.
    let whole = std::fs::read(PUSHKIN).expect("fixture");
    std::fs::write(lib.join("half.epub"), &whole[..whole.len() / 2]).expect("write");
    std::fs::write(lib.join("cut.epub"), &whole[..100]).expect("write");
    let bare = zip_of(
        &[("mimetype".into(), b"application/epub+zip".to_vec())],
        true,
    );
    std::fs::write(lib.join("bare.epub"), bare).expect("write");
    let o = home.on_library(&lib).arg("list").output().expect("run");
    let err = stderr(&o);
    assert!(
        stdout(&o).contains("half.epub\tКапитанская дочка"),
        "{}",
        stdout(&o)
    );
    assert!(
        err.contains("skipped cut.epub: a damaged EPUB: no package document (OPF)"),
        "{err}"
    );
    assert!(
        err.contains("skipped bare.epub: a damaged EPUB: no package document (OPF)"),
        "{err}"
    );
}

#[test]
fn an_encrypted_epub_is_refused_with_its_reason() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    let mut files = unzip(PUSHKIN);
    files.push((
        "META-INF/encryption.xml".into(),
        br#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/text/part02.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#.to_vec(),
    ));
    std::fs::write(lib.join("drm.epub"), zip_of(&files, false)).expect("write");
    let o = home.on_library(&lib).arg("list").output().expect("run");
    assert!(
        stderr(&o).contains("This EPUB is encrypted (DRM); chitalka cannot read it")
            || stdout(&o).contains("This EPUB is encrypted (DRM); chitalka cannot read it"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// The entries of a ZIP file.
fn unzip(path: &str) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).expect("fixture");
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).expect("entry");
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut out).expect("read");
            (e.name().expect("name").to_string(), out)
        })
        .collect()
}

/// A ZIP of `files`, every entry stored (so that changed bytes reach the
/// XML) or deflated.
fn zip_of(files: &[(String, Vec<u8>)], stored: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    for (name, data) in files {
        w.start_file(
            name.as_str(),
            SimpleFileOptions::default().compression_method(method),
        )
        .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// A small EPUB 3 (a few pages of Gogol with its nav, an aside note, a
/// sup-link note), stored or deflated.
fn small_book(stored: bool) -> Vec<u8> {
    let files: Vec<(String, Vec<u8>)> = unzip(GOGOL)
        .into_iter()
        .filter(|(n, _)| {
            !n.starts_with("OEBPS/text/part")
                || n.ends_with("part01.xhtml")
                || n.ends_with("part02.xhtml")
        })
        .collect();
    zip_of(&files, stored)
}

/// Parse in a thread with a small stack, as the TUI's background jobs do.
fn parse_small_stack(bytes: Vec<u8>) -> Result<Document, DecodeError> {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || formats::parse(Path::new("a.epub"), &bytes))
        .expect("spawn")
        .join()
        .expect("the parse neither panics nor overflows its stack")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_epubs_never_panic(
        stored in any::<bool>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = small_book(stored);
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(d) = parse_small_stack(bytes) {
            for b in &d.blocks {
                prop_assert!(!b.text.chars().any(|c| c.is_control() && c != '\n'));
            }
        }
    }
}

/// The figures of the report: what the parser makes of each EPUB made
/// here, and of those in `CHITALKA_EPUBS` (a folder), if set. Run with
/// `cargo test --test it epub::figures -- --ignored --nocapture`.
#[test]
#[ignore]
fn figures() {
    let mut paths: Vec<std::path::PathBuf> =
        [GOGOL, PUSHKIN, BESY].iter().map(Into::into).collect();
    if let Ok(dir) = std::env::var("CHITALKA_EPUBS") {
        let mut more: Vec<_> = std::fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        more.sort();
        paths.extend(more);
    }
    println!(
        "| file | bytes | result | blocks | headings | TOC entries | outline | note refs | notes |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for p in paths {
        let bytes = std::fs::read(&p).expect("read");
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match formats::parse(&p, &bytes) {
            Ok(d) => {
                let headings = d
                    .blocks
                    .iter()
                    .filter(|b| matches!(b.kind, chitalka::core::document::BlockKind::Heading(_)))
                    .count();
                println!(
                    "| {name} | {} | {} | {} | {headings} | {} | {} | {} | {} |",
                    bytes.len(),
                    d.title,
                    d.blocks.len(),
                    d.toc.len(),
                    Outline::of(&d).sections.len(),
                    note_refs(&d).len(),
                    d.notes.len()
                );
            }
            Err(e) => println!(
                "| {name} | {} | {} | | | | | | |",
                bytes.len(),
                chitalka::messages::shown(&e.to_string())
            ),
        }
    }
}
