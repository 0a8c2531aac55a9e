//! Property tests: layout invariants on arbitrary Unicode, and no panic on
//! any bytes.

use chitalka::core::document::{Block, BlockKind, Document};
use chitalka::core::formats::{decode, text};
use chitalka::core::layout::{Layout, LineStyle};
use chitalka::core::viewport::Viewport;
use chitalka::core::width::str_width;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Text from pieces that stress layout: Cyrillic, stress marks, decomposed й,
/// CJK, emoji and joined emoji, NBSP, soft hyphens, spaces, line breaks, and
/// arbitrary characters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("слово".to_string()),
        Just("сотрудничество".to_string()),
        Just("а\u{301}".to_string()),
        Just("и\u{306}".to_string()),
        Just("中文".to_string()),
        Just("😀".to_string()),
        Just("\u{2764}\u{FE0F}".to_string()),
        Just("👨\u{200D}👩\u{200D}👧".to_string()),
        Just("\u{A0}".to_string()),
        Just("\u{AD}".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("-".to_string()),
        Just("—".to_string()),
        "[а-яё]{1,30}",
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{1,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| decode::clean_text(&v.concat()))
}

fn kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        Just(BlockKind::Paragraph),
        (1u8..4).prop_map(BlockKind::Heading),
        Just(BlockKind::Quote),
        Just(BlockKind::Code),
        Just(BlockKind::ListItem),
        Just(BlockKind::Rule),
    ]
}

/// A parsed document is sound: every style span on char boundaries inside its
/// block, and no laid-out line wider than `width`.
fn check_spans_and_width(doc: &Document, width: usize) -> Result<(), TestCaseError> {
    for b in &doc.blocks {
        for sp in &b.spans {
            prop_assert!(sp.range.start < sp.range.end && sp.range.end <= b.text.len());
            prop_assert!(
                b.text.is_char_boundary(sp.range.start) && b.text.is_char_boundary(sp.range.end)
            );
        }
    }
    for line in &Layout::new(doc, width).lines {
        prop_assert!(line.width() <= width, "{:?} wider than {}", line, width);
    }
    Ok(())
}

fn grapheme_starts(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
    v.push(s.len());
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_line_is_wider_than_the_width(
        blocks in prop::collection::vec((kind(), tricky_text(), 0u8..5), 1..5),
        width in 1usize..90,
    ) {
        let doc = Document {
            blocks: blocks
                .into_iter()
                .map(|(k, t, depth)| Block { depth, ..Block::new(k, t) })
                .collect(),
            ..Document::default()
        };
        let lay = Layout::new(&doc, width);
        prop_assert_eq!(lay.width, width);
        for line in &lay.lines {
            prop_assert!(line.width() <= width, "{:?} wider than {}", line, width);
            // What ratatui measures agrees with what we measure.
            let ratatui_w: usize = line.text.graphemes(true).map(UnicodeWidthStr::width).sum();
            prop_assert!(line.indent + ratatui_w <= width, "ratatui width of {:?}", line.text);
            prop_assert!(!line.text.chars().any(|c| c.is_control()));
        }
    }

    #[test]
    fn lines_rebuild_the_text_and_never_cut_graphemes(t in tricky_text(), width in 2usize..60) {
        for kind in [BlockKind::Paragraph, BlockKind::Code] {
            let doc = Document { blocks: vec![Block::new(kind, t.clone())], ..Document::default() };
            let lay = Layout::new(&doc, width);
            let starts = grapheme_starts(&t);
            let mut at = 0;
            for line in lay.lines.iter().filter(|l| l.style != LineStyle::Blank) {
                prop_assert!(starts.contains(&line.range.start) && starts.contains(&line.range.end), "{:?} cuts a grapheme", line.range);
                prop_assert!(line.range.start >= at);
                // Only white space is skipped between lines.
                prop_assert!(t[at..line.range.start].chars().all(|c| c == ' ' || c == '\n'), "skipped {:?}", &t[at..line.range.start]);
                at = line.range.end;
            }
            prop_assert!(t[at..].chars().all(|c| c == ' ' || c == '\n'), "tail {:?} lost", &t[at..]);
        }
    }

    #[test]
    fn viewport_agrees_with_full_layout(
        texts in prop::collection::vec(tricky_text(), 1..12),
        width in 2usize..50,
        height in 1usize..20,
        moves in prop::collection::vec(-30isize..30, 0..10),
    ) {
        // Real documents: what the parser makes of the texts.
        let doc = text::parse_str(&texts.join("\n\n"));
        let full = Layout::new(&doc, width);
        let mut v = Viewport::new(&doc, width, height);
        for m in moves {
            v.scroll(&doc, m);
            let top = v.top_pos(&doc);
            let shown = v.visible(&doc);
            // Gap lines before a heading share one position: any of them may be the top.
            let first = full.line_of(top);
            let same_pos = (first..full.lines.len()).take_while(|&j| full.lines[j].start() == top);
            let matches = same_pos.clone().any(|i| {
                let end = (i + height).min(full.lines.len());
                shown[..] == full.lines[i..end]
            });
            prop_assert!(matches || (full.lines.is_empty() && shown.is_empty()), "viewport at {:?} shows {:?}", top, shown);
            let p = v.progress(&doc);
            prop_assert!((0.0..=1.0).contains(&p));
        }
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(d) = decode::decode(&bytes) {
            prop_assert!(!d.text.contains('\r'));
            prop_assert!(!d.text.chars().any(|c| c.is_control() && c != '\n'));
            let doc = text::parse_str(&d.text);
            let _ = Layout::new(&doc, 17);
        }
    }

    #[test]
    fn any_markdown_parses_and_lays_out(
        parts in prop::collection::vec(prop_oneof![
            tricky_text(),
            Just("# ".to_string()), Just("\n- ".to_string()), Just("\n1. ".to_string()),
            Just("> ".to_string()), Just("\n```\n".to_string()), Just("*".to_string()),
            Just("**".to_string()), Just("`".to_string()), Just("[a](b)".to_string()),
            Just("![alt](x.png)".to_string()), Just("\n| a | b |\n|---|---|\n| в | г |\n".to_string()),
            Just("<div>".to_string()), Just("\n\n".to_string()), Just("    ".to_string()),
        ], 0..40),
        width in 1usize..60,
    ) {
        let doc = chitalka::core::formats::markdown::parse_str(&decode::clean_text(&parts.concat()));
        check_spans_and_width(&doc, width)?;
    }

    #[test]
    fn any_html_parses_and_lays_out(
        parts in prop::collection::vec(prop_oneof![
            tricky_text(),
            Just("<p>".to_string()), Just("</p>".to_string()), Just("<h2>".to_string()), Just("</h2>".to_string()),
            Just("<ul><li>".to_string()), Just("</li>".to_string()), Just("<ol start=\"x\">".to_string()),
            Just("<pre>".to_string()), Just("</pre>".to_string()), Just("<table><tr><td>".to_string()),
            Just("</td><td>".to_string()), Just("<b><i>".to_string()), Just("</b>".to_string()),
            Just("<a href=\"u\">".to_string()), Just("<img alt=\"кот\">".to_string()), Just("<br>".to_string()),
            Just("<script>".to_string()), Just("<nav>".to_string()), Just("&nbsp;&laquo;&#x44F;&bogus;".to_string()),
            Just("<blockquote>".to_string()), Just("<div class=\"comments\">".to_string()),
        ], 0..40),
        width in 1usize..60,
    ) {
        let doc = chitalka::core::formats::html::parse_str(&parts.concat());
        check_spans_and_width(&doc, width)?;
    }

    #[test]
    fn any_fb2_parses_and_lays_out(
        parts in prop::collection::vec(prop_oneof![
            tricky_text(),
            Just("<section>".to_string()), Just("</section>".to_string()), Just("<title><p>".to_string()),
            Just("</p></title>".to_string()), Just("<p>".to_string()), Just("</p>".to_string()),
            Just("<poem><stanza><v>".to_string()), Just("</v></stanza></poem>".to_string()),
            Just("<epigraph>".to_string()), Just("</epigraph>".to_string()), Just("<emphasis>".to_string()),
            Just("</emphasis>".to_string()), Just("<a l:href=\"#n1\">".to_string()), Just("</a>".to_string()),
            Just("<binary id=\"x\">QUJD</binary>".to_string()), Just("&amp;&#1103;&nope;".to_string()),
            Just("<![CDATA[сырой]]>".to_string()), Just("<empty-line/>".to_string()),
        ], 0..40),
        width in 1usize..60,
    ) {
        let src = format!("<FictionBook><body>{}</body></FictionBook>", parts.concat());
        if let Ok(doc) = chitalka::core::formats::fb2::parse_str(&src) {
            check_spans_and_width(&doc, width)?;
        }
    }

    #[test]
    fn folded_hits_map_back_to_text_that_folds_the_same(t in tricky_text(), a in 0usize..200, len in 1usize..20) {
        use chitalka::core::fold::{Folded, fold_simple};
        let f = Folded::new(&t);
        // Every folded char boundary maps to a char boundary of the original, in order.
        let mut last = 0;
        for (i, _) in f.text.char_indices().chain(std::iter::once((f.text.len(), ' '))) {
            let o = f.original(i);
            prop_assert!(t.is_char_boundary(o), "{} -> {} not a boundary", i, o);
            prop_assert!(o >= last);
            last = o;
        }
        // A piece of the folded text, found again through the original.
        let bounds: Vec<usize> = f.text.char_indices().map(|(i, _)| i).chain(std::iter::once(f.text.len())).collect();
        if bounds.len() > 1 {
            let s = bounds[a % (bounds.len() - 1)];
            let e = bounds[(a % (bounds.len() - 1) + len).min(bounds.len() - 1)];
            let piece = f.text[s..e].trim();
            if !piece.is_empty() {
                let r = f.original_range(s..e);
                let again = fold_simple(&t[r]);
                prop_assert_eq!(again.trim(), piece);
            }
        }
    }

    #[test]
    fn anchors_survive_inserted_paragraphs(
        paras in prop::collection::vec("[а-яё ]{20,80}", 2..8),
        pick in 0usize..100,
        at in 0usize..100,
        span in 5usize..30,
    ) {
        use chitalka::core::anchor::{Anchor, Found};
        use chitalka::core::document::Pos;
        let src = paras.join("\n\n");
        let doc = text::parse_str(&src);
        prop_assume!(!doc.blocks.is_empty());
        let b = pick % doc.blocks.len();
        let t = &doc.blocks[b].text;
        let starts: Vec<usize> = t.char_indices().map(|(i, _)| i).chain(std::iter::once(t.len())).collect();
        prop_assume!(starts.len() > span + 1);
        let (s0, s1) = (starts[0], starts[span]);
        let anchor = Anchor::new(&doc, Pos::new(b, s0), Pos::new(b, s1));
        prop_assume!(!anchor.quote.trim().is_empty());
        // Insert a paragraph somewhere.
        let mut edited = paras.clone();
        edited.insert(at % (paras.len() + 1), "Вставленный абзац про совсем другое.".to_string());
        let doc2 = text::parse_str(&edited.join("\n\n"));
        let placed = anchor.place(&doc2);
        prop_assert!(placed.found != Found::Detached && placed.found != Found::Fuzzy, "{:?}", placed);
        let (a, z) = placed.range.expect("placed");
        let canon = doc2.canonical_text();
        prop_assert_eq!(&canon[doc2.text_offset(a)..doc2.text_offset(z)], anchor.quote.as_str());
    }

    #[test]
    fn any_bytes_parse_in_every_format(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        for name in ["a.txt", "a.md", "a.html", "a.fb2"] {
            let _ = chitalka::core::formats::parse(std::path::Path::new(name), &bytes);
        }
    }

    #[test]
    fn any_text_parses_into_clean_blocks(t in tricky_text()) {
        let doc = text::parse_str(&decode::clean_text(&t));
        for b in &doc.blocks {
            prop_assert!(!b.text.is_empty());
            prop_assert!(!b.text.starts_with(' ') && !b.text.ends_with(' '));
            prop_assert!(!b.text.contains("  "));
        }
        prop_assert!(str_width(&doc.title) < 200 || doc.blocks.iter().any(|b| b.text == doc.title));
    }
}
