//! Files in each legacy encoding read as the same text, and say which encoding.

use chitalka::core::formats::text;
use std::path::Path;

#[test]
fn every_encoding_gives_the_same_document() {
    let dir = Path::new("tests/fixtures/encodings");
    let reference =
        text::parse(&std::fs::read(dir.join("gogol.utf-8.txt")).expect("utf-8 fixture"))
            .expect("parse");
    assert_eq!(reference.title, "НОЧЬ ПЕРЕД РОЖДЕСТВОМ");
    for (file, encoding) in [
        ("gogol.cp1251.txt", "windows-1251"),
        ("gogol.koi8-r.txt", "KOI8-R"),
        ("gogol.ibm866.txt", "IBM866"),
        ("gogol.iso-8859-5.txt", "ISO-8859-5"),
        ("gogol.utf-16le-bom.txt", "UTF-16LE"),
        ("gogol.utf-16be-bom.txt", "UTF-16BE"),
    ] {
        let doc = text::parse(&std::fs::read(dir.join(file)).expect("fixture")).expect("parse");
        assert_eq!(doc.meta.encoding, encoding, "{file}");
        assert_eq!(doc.blocks, reference.blocks, "{file}");
        assert_eq!(doc.title, reference.title, "{file}");
    }
}
