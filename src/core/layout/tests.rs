//! Layout invariants: widths, ranges, soft hyphens, NBSP, marks, blocks.

use super::*;
use crate::core::document::{Block, Meta};

fn para(text: &str) -> Document {
    Document {
        title: String::new(),
        meta: Meta::default(),
        blocks: vec![Block::new(BlockKind::Paragraph, text)],
        ..Document::default()
    }
}

fn texts(doc: &Document, width: usize) -> Vec<String> {
    Layout::new(doc, width)
        .lines
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[test]
fn wraps_at_spaces_and_keeps_ranges() {
    let d = para("Узбекско-японские отношения прошли долгий путь становления");
    let lay = Layout::new(&d, 20);
    for l in &lay.lines {
        assert!(l.width() <= 20, "{l:?}");
        assert_eq!(&d.blocks[0].text[l.range.clone()], l.text);
    }
    assert_eq!(lay.lines[0].text, "Узбекско-японские");
}

#[test]
fn nbsp_never_breaks() {
    let d = para("aaaa bbbb — cc\u{A0}dd ee");
    for w in 5..16 {
        let lines = texts(&d, w);
        assert!(
            lines
                .iter()
                .all(|l| !l.ends_with("cc") && !l.starts_with("dd")),
            "width {w}: {lines:?}"
        );
    }
}

#[test]
fn soft_hyphen_shows_only_at_line_end() {
    let d = para("сотруд\u{AD}ничество сотруд\u{AD}ничество");
    let lines = texts(&d, 10);
    assert_eq!(lines, vec!["сотруд-", "ничество", "сотруд-", "ничество"]);
    let wide = texts(&d, 80);
    assert_eq!(wide, vec!["сотрудничество сотрудничество"]);
}

#[test]
fn stress_marks_and_wide_chars() {
    let d = para("кни\u{301}га кни\u{301}га 中文中文 😀😀");
    let lay = Layout::new(&d, 9);
    assert_eq!(lay.lines[0].text, "кни\u{301}га");
    for l in &lay.lines {
        assert!(l.width() <= 9);
    }
    let lay = Layout::new(&d, 11);
    assert_eq!(lay.lines[0].text, "кни\u{301}га кни\u{301}га");
}

#[test]
fn long_words_are_cut_between_graphemes() {
    let d = para(&"а\u{301}".repeat(30));
    let lay = Layout::new(&d, 7);
    assert!(
        lay.lines
            .iter()
            .all(|l| l.width() <= 7 && !l.text.starts_with('\u{301}'))
    );
    let rebuilt: String = lay.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(rebuilt, d.blocks[0].text);
}

#[test]
fn a_prepended_mark_keeps_its_space() {
    // U+11D46 (Masaram Gondi repha) joins the character after it, a space here.
    let d = para("слово \u{11D46} слово");
    for w in 2..12 {
        for l in Layout::new(&d, w).lines {
            let t = &d.blocks[0].text;
            assert!(t.is_char_boundary(l.range.end));
            let g = unicode_segmentation::GraphemeCursor::new(l.range.end, t.len(), true)
                .is_boundary(t, 0)
                .unwrap_or(false);
            assert!(g, "line {:?} ends inside a grapheme at width {w}", l.range);
        }
    }
}

#[test]
fn forced_breaks_are_kept() {
    let d = Document {
        blocks: vec![Block::new(BlockKind::Quote, "Строка один\nСтрока два")],
        ..Document::default()
    };
    let lay = Layout::new(&d, 40);
    assert_eq!(lay.lines.len(), 2);
    assert_eq!(lay.lines[1].range.start, "Строка один\n".len());
    assert_eq!(lay.lines[1].indent, 4);
}

#[test]
fn blocks_are_separated_and_positions_found() {
    let d = Document {
        blocks: vec![
            Block::new(BlockKind::Heading(1), "Заглавие"),
            Block::new(BlockKind::Paragraph, "Первый абзац текста."),
            Block::new(BlockKind::Heading(2), "Раздел"),
            Block::new(BlockKind::Paragraph, "Второй."),
        ],
        ..Document::default()
    };
    let lay = Layout::new(&d, 12);
    let styles: Vec<LineStyle> = lay.lines.iter().map(|l| l.style).collect();
    use LineStyle::*;
    assert_eq!(
        styles,
        vec![
            Heading(1),
            Blank,
            Body,
            Body,
            Blank,
            Blank,
            Heading(2),
            Blank,
            Body
        ]
    );
    assert_eq!(lay.lines[0].indent, 2); // "Заглавие" centred in 12 columns
    assert_eq!(lay.line_of(Pos::new(1, "Первый абзац ".len())), 3);
    assert_eq!(lay.line_of(Pos::new(3, 0)), 8);
    assert_eq!(lay.line_of(lay.lines[4].start()), 4);
}

#[test]
fn text_column_is_capped_and_centred() {
    assert_eq!(text_column(200, 80), (60, 80));
    assert_eq!(text_column(80, 80), (2, 76));
    assert_eq!(text_column(40, 80), (2, 36));
    assert_eq!(text_column(5, 80), (0, 5));
}
