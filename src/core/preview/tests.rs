use super::*;
use crate::core::formats::text;

/// A long plain text of numbered paragraphs, each one different.
fn long_text(paras: usize) -> String {
    (0..paras)
        .map(|i| {
            format!(
                "     Абзац номер {i}: здесь говорится о событии {}, и слова идут одно за другим, \
                 чтобы строка была длинной, как в книге.\n",
                i * 7 + 3
            )
        })
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn the_head_is_the_start_of_the_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let text = long_text(20_000);
    let path = write(&dir, "long.txt", text.as_bytes());
    let p = head(&path).expect("a preview");
    assert_eq!(p.start, 0);
    assert!(p.len <= WINDOW);
    let whole = text::parse_str(&text);
    // Its first blocks are the whole's.
    for i in 0..5 {
        assert_eq!(p.doc.blocks[i].text, whole.blocks[i].text);
    }
}

#[test]
fn a_saved_place_deep_in_the_file_is_found_without_reading_the_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let text = long_text(20_000);
    let path = write(&dir, "long.txt", text.as_bytes());
    let whole = text::parse_str(&text);
    let pos = Pos::new(15_123, "Абзац ".len());
    let quote = locate::quote_at(&whole, pos);
    let progress = 15_123.0 / 20_000.0;
    let p = resume(&path, progress, &quote).expect("found");
    assert!(p.len <= WINDOW && p.start > 0);
    let shown = &p.doc.blocks[p.top.block].text[p.top.offset..];
    assert!(
        shown.starts_with(&whole.blocks[15_123].text[pos.offset..]),
        "{shown}"
    );
    // And the place maps back into the whole.
    let back = locate::find(&whole, &locate::quote_at(&p.doc, p.top), 15_000);
    assert_eq!(back, Some(pos));
}

#[test]
fn a_saved_place_is_found_in_windows_1251() {
    let dir = tempfile::tempdir().expect("dir");
    let text = long_text(12_000);
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    let path = write(&dir, "long.txt", &bytes);
    let whole = text::parse_str(&text);
    let quote = locate::quote_at(&whole, Pos::new(9_000, 0));
    let p = resume(&path, 0.7, &quote).expect("found");
    assert!(p.doc.blocks[p.top.block].text.contains("Абзац номер 9000:"));
}

#[test]
fn a_place_far_from_where_it_was_expected_is_not_guessed() {
    let dir = tempfile::tempdir().expect("dir");
    let text = long_text(60_000);
    let path = write(&dir, "long.txt", text.as_bytes());
    let whole = text::parse_str(&text);
    let quote = locate::quote_at(&whole, Pos::new(100, 0));
    assert!(resume(&path, 0.9, &quote).is_none());
}

#[test]
fn the_tail_and_a_fraction() {
    let dir = tempfile::tempdir().expect("dir");
    let text = long_text(20_000);
    let path = write(&dir, "long.txt", text.as_bytes());
    let tail = at_fraction(&path, 1.0).expect("tail");
    assert!(tail.at_end);
    let last = &tail.doc.blocks[tail.doc.blocks.len() - 1].text;
    assert!(last.contains("Абзац номер 19999:"), "{last}");
    let mid = at_fraction(&path, 0.5).expect("middle");
    let share = share_of_file(&mid.doc, Pos::default(), (mid.start, mid.len, mid.size));
    assert!((share - 0.5).abs() < 0.01);
    // A paragraph cut in the middle is not its first block.
    assert!(mid.doc.blocks[0].text.starts_with("Абзац номер"));
}

#[test]
fn formats_read_whole_have_no_preview() {
    let dir = tempfile::tempdir().expect("dir");
    let fb2 = write(&dir, "a.fb2", long_text(100).as_bytes());
    assert!(head(&fb2).is_none());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(long_text(100).encode_utf16().flat_map(u16::to_le_bytes));
    let t = write(&dir, "b.txt", &utf16);
    assert!(head(&t).is_none());
    let zip = write(&dir, "c.txt", b"PK\x03\x04rest of a zip");
    assert!(head(&zip).is_none());
    assert!(head(&dir.path().join("missing.txt")).is_none());
    assert!(head(dir.path()).is_none());
}

#[test]
fn one_long_line_is_cut_at_a_space() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(&dir, "line.txt", "слово word ".repeat(100_000).as_bytes());
    let p = head(&path).expect("a preview of a file with no line break");
    assert!(!p.doc.blocks.is_empty());
    assert!(p.doc.blocks[0].text.starts_with("слово word"));
    let mid = at_fraction(&path, 0.5).expect("the middle too");
    let t = &mid.doc.blocks[0].text;
    assert!(
        t.starts_with("слово") || t.starts_with("word"),
        "cut inside a word: {t}"
    );
}
