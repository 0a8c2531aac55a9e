//! Justified and hyphenated Russian text: even right edges, hyphens only at
//! hyphenation points, no letter lost, widths right in every row; find hits
//! drawn in the right place on justified rows; snapshots at 40 and 60 columns.

use crate::common::screen::{code, draw, fixture_setup, key, reader_app, screen};
use crate::common::{Home, SEED};
use chitalka::core::document::{BlockKind, Document};
use chitalka::core::formats::text;
use chitalka::core::hyphenate::{HyphenLang, break_points};
use chitalka::core::layout::{Layout, LayoutOptions, Line};
use chitalka::core::width::str_width;
use chitalka::tui::theme::Theme;
use crossterm::event::KeyCode;
use proptest::prelude::*;
use std::sync::LazyLock;

const JUSTIFIED: LayoutOptions = LayoutOptions {
    justify: true,
    hyphenate: true,
    paragraph_indent: 0,
    line_spacing: 1,
};

/// Russian prose paragraphs from the fixtures (Tolstoy, Gogol; see SOURCES.md).
static PARAGRAPHS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for file in [
        "tests/fixtures/library/voyna-i-mir-excerpt.txt",
        "tests/fixtures/library/gogol-excerpt-crlf.txt",
        "tests/fixtures/anchors/voyna-i-mir-t1-ch2-2.txt",
        "tests/fixtures/library/udareniya.txt",
    ] {
        let bytes = std::fs::read(file).expect("fixture");
        let doc = text::parse(&bytes).expect("utf-8");
        out.extend(
            doc.blocks
                .into_iter()
                .filter(|b| b.kind == BlockKind::Paragraph && !b.text.contains('\n'))
                .filter(|b| b.text.chars().filter(|c| ('а'..='я').contains(c)).count() > 40)
                .map(|b| b.text),
        );
    }
    out
});

fn one_paragraph(text: &str) -> Document {
    Document {
        blocks: vec![chitalka::core::document::Block::new(
            BlockKind::Paragraph,
            text,
        )],
        ..Document::default()
    }
}

/// Check every row of a justified, hyphenated paragraph.
fn check_paragraph(text: &str, width: usize, indent: usize) -> Result<(), TestCaseError> {
    let doc = one_paragraph(text);
    let opts = LayoutOptions {
        paragraph_indent: indent,
        ..JUSTIFIED
    };
    // Never the first paragraph after a heading here: the indent applies.
    let lines: Vec<Line> = Layout::with_options(&doc, width, opts).lines;
    let n = lines.len();
    let mut covered = 0;
    for (i, l) in lines.iter().enumerate() {
        let w = l.indent + str_width(&l.text);
        prop_assert_eq!(w, l.width());
        prop_assert!(w <= width, "row wider than {}: {:?}", width, l);
        // Every non-last row with a space to widen ends exactly at the right
        // edge (a no-break space is not widened: a row whose only space is
        // one stays ragged).
        if i + 1 < n && text[l.range.clone()].trim().contains(' ') {
            prop_assert_eq!(w, width, "ragged row {:?}", l.text);
        }
        // No letter lost: between two rows only spaces.
        prop_assert!(text[covered..l.range.start].chars().all(|c| c == ' '));
        covered = l.range.end;
        // A row ending in a hyphen the text does not have breaks a word at
        // one of its hyphenation points.
        let before = &text[..l.range.end];
        let next = text[l.range.end..].chars().next();
        if l.text.ends_with('-')
            && !before.ends_with(['-', '\u{AD}'])
            && next.is_some_and(|c| c != ' ')
        {
            let start = before.rfind(' ').map_or(0, |s| s + 1);
            let end = text[l.range.end..]
                .find(' ')
                .map_or(text.len(), |e| l.range.end + e);
            let lang = HyphenLang::of(&doc).expect("a language");
            let points = break_points(&text[start..end], lang);
            prop_assert!(
                points.contains(&(l.range.end - start)),
                "{:?} is not a hyphenation point of {:?}",
                &text[start..l.range.end],
                &text[start..end]
            );
        }
    }
    prop_assert!(text[covered..].is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn justified_russian_rows_are_even_and_whole(
        pick in any::<prop::sample::Index>(),
        width in 16usize..100,
        indent in 0usize..5,
    ) {
        let paras = &*PARAGRAPHS;
        prop_assert!(paras.len() > 20);
        check_paragraph(&paras[pick.index(paras.len())], width, indent)?;
    }
}

#[test]
fn every_fixture_paragraph_at_common_widths() {
    for p in PARAGRAPHS.iter() {
        for width in [20, 36, 40, 60, 76] {
            check_paragraph(p, width, 2).expect("justified");
        }
    }
}

fn shown(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| format!("{}{}|", " ".repeat(l.indent), l.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn justified_paragraph_snapshots() {
    let p = PARAGRAPHS
        .iter()
        .find(|p| p.starts_with("Так говорила"))
        .expect("the Anna Pavlovna paragraph");
    let doc = one_paragraph(p);
    for width in [40, 60] {
        let lines = Layout::with_options(&doc, width, JUSTIFIED).lines;
        insta::assert_snapshot!(format!("justified_{width}"), shown(&lines));
    }
}

/// The text of the cells of row `y` from `x0`, and which of them are drawn in
/// the find-hit colours.
fn row_cells(
    term: &ratatui::Terminal<ratatui::backend::TestBackend>,
    y: u16,
) -> Vec<(String, bool)> {
    let buf = term.backend().buffer();
    (0..buf.area.width)
        .map(|x| {
            let c = &buf[(x, y)];
            let hit = matches!(
                c.bg,
                ratatui::style::Color::Yellow | ratatui::style::Color::LightRed
            );
            (c.symbol().to_string(), hit)
        })
        .collect()
}

#[test]
fn find_hits_line_up_on_justified_rows() {
    let home = Home::new();
    for (w, query) in [
        (60u16, "сотрудничество"),
        (47, "различные сферы"),
        (33, "между двумя"),
    ] {
        let mut app = reader_app(&home, w, 30);
        app.set_layout(JUSTIFIED);
        app.on_key(key('/'));
        for c in query.chars() {
            app.on_key(key(c));
        }
        app.on_key(code(KeyCode::Enter));
        let term = draw(&mut app, &Theme::new(true));
        let mut lit = String::new();
        let mut justified_hit = false;
        for y in 0..29 {
            let cells = row_cells(&term, y);
            let row: String = cells.iter().map(|c| c.0.as_str()).collect();
            let row_lit: String = cells.iter().filter(|c| c.1).map(|c| c.0.as_str()).collect();
            justified_hit |= !row_lit.is_empty() && row.trim().contains("  ");
            lit.push_str(&row_lit);
        }
        // Every lit cell is a letter of a hit (or a space inside a phrase),
        // and together they spell the hits, however the rows were widened.
        let letters = |s: &str| {
            s.chars()
                .filter(|c| *c != ' ')
                .collect::<String>()
                .to_lowercase()
        };
        let one = letters(query);
        let lit = letters(&lit);
        assert!(!lit.is_empty(), "{query}: nothing lit at {w}");
        assert_eq!(lit.replace(&one, ""), "", "{query} at {w}: lit {lit:?}");
        assert!(justified_hit, "{query}: no hit on a justified row at {w}");
    }
}

#[test]
fn reader_rows_are_what_render_prints_when_justified() {
    let home = Home::new();
    let opts = LayoutOptions {
        paragraph_indent: 3,
        line_spacing: 2,
        ..JUSTIFIED
    };
    for (w, h) in [(80u16, 24u16), (41, 30)] {
        let mut app = reader_app(&home, w, h);
        app.set_layout(opts);
        let s = screen(&mut app);
        let rows: Vec<&str> = s.lines().take(usize::from(h) - 1).collect();
        let setup = fixture_setup(&home);
        let mut out = Vec::new();
        chitalka::cli::render(
            &setup,
            std::path::Path::new(SEED),
            (w, h - 1),
            opts,
            &mut out,
        )
        .expect("render");
        let printed = String::from_utf8(out).expect("utf-8");
        let printed: Vec<&str> = printed.lines().collect();
        assert_eq!(rows, printed, "at {w}x{h}");
        assert!(
            printed.iter().any(|r| r.trim().contains("  ")),
            "justified rows at {w}"
        );
    }
}
