//! EPUB 2 and 3 books made here, whole and damaged.

use super::*;
use crate::core::document::{BlockKind, Inline, LinkTarget, Pos};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// An EPUB of `files`: the `mimetype` first and stored, the rest deflated.
pub(super) fn zip_book(files: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("mimetype", stored).expect("start");
    w.write_all(b"application/epub+zip").expect("write");
    for (name, data) in files {
        w.start_file(*name, deflated).expect("start");
        w.write_all(data.as_bytes()).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

const CONTAINER: &str = r##"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"##;

fn xhtml(body: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title/><link rel="stylesheet" href="../s.css"/></head><body>{body}</body></html>"##
    )
}

const OPF3: &str = r##"<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Вечера на хуторе</dc:title><dc:creator>Н. В. Гоголь</dc:creator><dc:creator>Рудый Панько</dc:creator><dc:language>ru</dc:language></metadata>
<manifest><item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/><item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="text/ch%202.xhtml" media-type="application/xhtml+xml"/><item id="n" href="text/notes.xhtml" media-type="application/xhtml+xml"/><item id="css" href="s.css" media-type="text/css"/></manifest>
<spine><itemref idref="n" linear="no"/><itemref idref="c1"/><itemref idref="c2"/></spine></package>"##;

const NAV: &str = r##"<nav epub:type="toc"><h1>Оглавление</h1><ol><li><a href="text/ch1.xhtml">Часть первая</a><ol><li><a href="text/ch1.xhtml#g1">Глава I</a></li><li><a href="text/ch%202.xhtml#s1">Глава II</a></li></ol></li></ol></nav>"##;

fn ch1() -> String {
    xhtml(
        r##"<section><header><h1>Часть первая</h1></header><h2 id="g1">Глава I</h2>
<p>Месяц поднялся на небо<a epub:type="noteref" href="notes.xhtml#n1">1</a>, и стало светло.</p>
<aside epub:type="footnote" id="a1"><p>Сноска в стороне.</p></aside>
<p>Черт летел<a href="notes.xhtml#n2" id="r2"><sup>2</sup></a> по небу<a epub:type="noteref" href="#a1">*</a>. См. <a href="ch%202.xhtml#s1">главу II</a>.</p>
<p><img src="../i/a.png" alt="Кузнец Вакула"/><img src="../i/b.png"/></p></section>"##,
    )
}

fn ch2() -> String {
    xhtml(
        r##"<h2 id="s1">Глава II</h2><p>Кузнец <a id="k"/>Вакула пошёл к <a href="https://example.org/">Солохе</a>.</p>"##,
    )
}

fn notes() -> String {
    xhtml(
        r##"<h2>Примечания</h2><p id="n1">Колядовать — петь под окнами.</p>
<p><a id="n2" href="ch1.xhtml#r2"><sup>2</sup></a> Чёрт — нечистая сила.</p>"##,
    )
}

fn book3() -> Vec<u8> {
    zip_book(&[
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", OPF3),
        ("OEBPS/nav.xhtml", &xhtml(NAV)),
        ("OEBPS/text/ch1.xhtml", &ch1()),
        ("OEBPS/text/ch 2.xhtml", &ch2()),
        ("OEBPS/text/notes.xhtml", &notes()),
        ("OEBPS/s.css", "p { color: red }"),
    ])
}

fn texts(d: &Document) -> Vec<&str> {
    d.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn block_of(d: &Document, start: &str) -> usize {
    d.blocks
        .iter()
        .position(|b| b.text.starts_with(start))
        .unwrap_or_else(|| panic!("no block {start:?} in {:?}", texts(d)))
}

#[test]
fn epub3_reads_in_spine_order_with_metadata_notes_links_and_images() {
    let d = parse_within(&book3(), 1 << 20).expect("parse");
    assert_eq!(d.title, "Вечера на хуторе");
    assert_eq!(d.meta.author.as_deref(), Some("Н. В. Гоголь, Рудый Панько"));
    assert_eq!(d.meta.language.as_deref(), Some("ru"));
    assert_eq!(d.meta.format, "epub");
    assert_eq!(
        texts(&d),
        vec![
            "Часть первая",
            "Глава I",
            "Месяц поднялся на небо¹, и стало светло.",
            "Черт летел² по небу[*]. См. главу II.",
            "[Кузнец Вакула][image]",
            "Глава II",
            "Кузнец Вакула пошёл к Солохе.",
            // linear="no": after the reading order.
            "Примечания",
            "Колядовать — петь под окнами.",
            "2 Чёрт — нечистая сила.",
            // The aside, out of the flow.
            "Сноска в стороне.",
        ]
    );
    assert_eq!(d.blocks[0].kind, BlockKind::Heading(1));
    // Note references, and the notes they open.
    let refs: Vec<String> = d
        .blocks
        .iter()
        .flat_map(|b| &b.spans)
        .filter_map(|s| match &s.style {
            Inline::NoteRef(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        refs,
        vec![
            "OEBPS/text/notes.xhtml#n1",
            "OEBPS/text/notes.xhtml#n2",
            "OEBPS/text/ch1.xhtml#a1"
        ]
    );
    for (r, first) in refs.iter().zip(["Колядовать", "2 Чёрт", "Сноска"]) {
        match d.follow(&format!("#{r}")) {
            LinkTarget::Note(n) => assert!(d.blocks[n.blocks.start].text.starts_with(first)),
            other => panic!("{r}: {other:?}"),
        }
    }
    // The link between documents, to the heading it names.
    let p = &d.blocks[block_of(&d, "Черт летел")];
    let link = p
        .spans
        .iter()
        .find_map(|s| match &s.style {
            Inline::Link(h) => Some(h.clone()),
            _ => None,
        })
        .expect("a link");
    assert_eq!(link, "#OEBPS/text/ch 2.xhtml#s1");
    assert_eq!(
        d.follow(&link),
        LinkTarget::Place(Pos::new(block_of(&d, "Глава II"), 0))
    );
    // The link back from the note is a link, to its reference.
    assert_eq!(
        d.follow("#OEBPS/text/ch1.xhtml#r2"),
        LinkTarget::Place(Pos::new(block_of(&d, "Черт летел"), "Черт летел".len()))
    );
    assert_eq!(
        d.follow("#OEBPS/text/ch 2.xhtml"),
        LinkTarget::Place(Pos::new(block_of(&d, "Глава II"), 0))
    );
    let kuznets = block_of(&d, "Кузнец Вакула пошёл");
    assert_eq!(
        d.follow("#OEBPS/text/ch 2.xhtml#k"),
        LinkTarget::Place(Pos::new(kuznets, "Кузнец ".len()))
    );
    assert!(matches!(
        d.follow("https://example.org/"),
        LinkTarget::External(_)
    ));
    // The nav, nested.
    let toc: Vec<(u8, &str, usize)> = d
        .toc
        .iter()
        .map(|t| (t.level, t.title.as_str(), t.at.block))
        .collect();
    assert_eq!(
        toc,
        vec![
            (1, "Часть первая", 0),
            (2, "Глава I", 1),
            (2, "Глава II", block_of(&d, "Глава II"))
        ]
    );
}

const OPF2: &str = r##"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><dc:title>Капитанская дочка</dc:title><dc:creator opf:role="aut">А. С. Пушкин</dc:creator><dc:language>ru</dc:language></metadata>
<manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/><item id="t" href="title.html" media-type="application/xhtml+xml"/><item id="c1" href="c1.html" media-type="application/xhtml+xml"/><item id="c2" href="c2.html" media-type="application/xhtml+xml"/><item id="font" href="f.otf" media-type="application/vnd.ms-opentype"/></manifest>
<spine toc="ncx"><itemref idref="t"/><itemref idref="c1"/><itemref idref="gone"/><itemref idref="c2"/></spine></package>"##;

const NCX: &str = r##"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
<navPoint id="p1" playOrder="1"><navLabel><text>Капитанская дочка</text></navLabel><content src="title.html"/>
<navPoint id="p2" playOrder="2"><navLabel><text>Глава I. Сержант гвардии</text></navLabel><content src="c1.html#ch1"/></navPoint>
<navPoint id="p3" playOrder="3"><navLabel><text>Глава II. Вожатый</text></navLabel><content src="c2.html"/>
<navPoint id="p4" playOrder="4"><navLabel><text>Буран</text></navLabel><content src="c2.html#buran"/></navPoint></navPoint></navPoint></navMap></ncx>"##;

fn book2(extra: &[(&str, &str)]) -> Vec<u8> {
    let c1 = xhtml(
        r##"<div class="header"><h3 id="ch1">Глава I</h3></div><p>Отец мой Андрей Петрович Гринев<a href="c2.html#fn1" id="r1"><sup>[1]</sup></a> служил.</p>"##,
    );
    let c2 = xhtml(
        r##"<h3>Глава II</h3><p>Сторона мне незнакомая.</p><p id="buran">Буран!</p><div class="notes"><p><a id="fn1"/>[1] Миних — военачальник.</p></div>"##,
    );
    let mut files = vec![
        ("META-INF/container.xml", CONTAINER.to_string()),
        ("OEBPS/content.opf", OPF2.to_string()),
        ("OEBPS/toc.ncx", NCX.to_string()),
        ("OEBPS/title.html", xhtml("<h1>Капитанская дочка</h1>")),
        ("OEBPS/c1.html", c1),
        ("OEBPS/c2.html", c2),
    ];
    files.extend(extra.iter().map(|(n, t)| (*n, t.to_string())));
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    zip_book(&refs)
}

#[test]
fn epub2_ncx_nests_and_a_missing_spine_item_is_passed_over() {
    let d = parse_within(&book2(&[]), 1 << 20).expect("parse");
    assert_eq!(d.title, "Капитанская дочка");
    assert_eq!(d.meta.author.as_deref(), Some("А. С. Пушкин"));
    let toc: Vec<(u8, &str, usize)> = d
        .toc
        .iter()
        .map(|t| (t.level, t.title.as_str(), t.at.block))
        .collect();
    assert_eq!(
        toc,
        vec![
            (1, "Капитанская дочка", 0),
            (2, "Глава I. Сержант гвардии", 1),
            (2, "Глава II. Вожатый", block_of(&d, "Глава II")),
            (3, "Буран", block_of(&d, "Буран!")),
        ]
    );
    // `<a id="fn1"/>` written self-closed, inside the note's paragraph:
    // the paragraph is the note, and the sup-link its reference.
    assert_eq!(d.blocks[2].text, "Отец мой Андрей Петрович Гринев¹ служил.");
    match d.follow("#OEBPS/c2.html#fn1") {
        LinkTarget::Note(n) => {
            assert_eq!(d.blocks[n.blocks.start].text, "[1] Миних — военачальник.")
        }
        other => panic!("{other:?}"),
    }
    // `<title/>` did not swallow the page.
    assert!(texts(&d).contains(&"Сторона мне незнакомая."));
}

const AES: &str = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
const IDPF_FONT: &str = "http://www.idpf.org/2008/embedding";

fn encryption(algorithm: &str, uri: &str) -> String {
    format!(
        r##"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>"##
    )
}

#[test]
fn drm_is_refused_and_obfuscated_fonts_are_not() {
    let fonts = encryption(IDPF_FONT, "OEBPS/f.otf");
    let d = parse_within(
        &book2(&[
            ("META-INF/encryption.xml", &fonts),
            ("OEBPS/f.otf", "\u{1}obfuscated"),
        ]),
        1 << 20,
    );
    assert!(d.is_ok(), "{d:?}");
    let drm = encryption(AES, "OEBPS/c1.html");
    let d = parse_within(&book2(&[("META-INF/encryption.xml", &drm)]), 1 << 20);
    assert_eq!(d, Err(DecodeError::Encrypted));
}

#[test]
fn damaged_books_give_what_could_be_read_or_an_error() {
    let whole = book2(&[]);
    // Cut short: the archive's directory is gone, its whole entries read.
    let d = parse_within(&whole[..whole.len() - 10], 1 << 20).expect("cut in its directory");
    assert!(texts(&d).contains(&"Буран!"));
    let c2 = whole
        .windows(b"OEBPS/c2.html".len())
        .position(|w| w == b"OEBPS/c2.html")
        .expect("c2's header");
    let d = parse_within(&whole[..c2 + 40], 1 << 20).expect("cut in the last chapter");
    assert!(texts(&d).contains(&"Отец мой Андрей Петрович Гринев[1] служил."));
    assert!(!texts(&d).contains(&"Буран!"));
    // Cut before anything whole: an error.
    assert!(matches!(
        parse_within(&whole[..30], 1 << 20),
        Err(DecodeError::DamagedZip(_))
    ));
    // No container, no OPF.
    let bare = zip_book(&[("OEBPS/c1.html", &xhtml("<p>Текст.</p>"))]);
    assert_eq!(
        parse_within(&bare, 1 << 20),
        Err(DecodeError::EpubWithoutText)
    );
    // No container, but an OPF: found.
    let no_container = zip_book(&[
        ("OEBPS/content.opf", OPF3),
        ("OEBPS/text/ch1.xhtml", &ch1()),
    ]);
    let d = parse_within(&no_container, 1 << 20).expect("parse");
    assert_eq!(d.title, "Вечера на хуторе");
    // 10,000 nested elements in a document.
    let deep = format!(
        "{}глубоко{}",
        "<div><span>".repeat(10_000),
        "</span></div>".repeat(10_000)
    );
    let book = zip_book(&[
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", OPF3),
        ("OEBPS/text/ch1.xhtml", &xhtml(&deep)),
    ]);
    let d = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || parse_within(&book, 1 << 20))
        .expect("thread")
        .join()
        .expect("no panic")
        .expect("parse");
    assert!(texts(&d).iter().any(|t| t.contains("глубоко")));
}

#[test]
fn a_zip_bomb_is_refused_past_the_limit() {
    let big = format!("<p>{}</p>", "а".repeat(600_000));
    let book = zip_book(&[
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", OPF3),
        ("OEBPS/text/ch1.xhtml", &xhtml(&big)),
    ]);
    assert!(book.len() < 20_000, "{}", book.len());
    assert!(matches!(
        parse_within(&book, 1_000_000),
        Err(DecodeError::UnzippedTooLarge {
            limit: 1_000_000,
            ..
        })
    ));
    assert!(parse_within(&book, 2_000_000).is_ok());
}
