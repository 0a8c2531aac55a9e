//! Justified lines: the spaces between words widened so that a line fills
//! its width. The text of the block is never changed; a line records where
//! its spaces were widened ([`crate::core::layout::Line::gaps`]), and what is
//! drawn has the extra columns right after each such space.

use crate::core::width::display_str;
use std::ops::Range;

/// Share `extra` columns among `gaps` spaces as evenly as can be: each gets
/// the same, and the leftover columns go to gaps spread across the line
/// (towards its end, or with `mirror` towards its start, so that alternate
/// lines do not stack wide gaps under each other).
pub fn spread(extra: usize, gaps: usize, mirror: bool) -> Vec<usize> {
    if gaps == 0 {
        return Vec::new();
    }
    let (each, rest) = (extra / gaps, extra % gaps);
    (0..gaps)
        .map(|i| {
            let i = if mirror { gaps - 1 - i } else { i };
            let more = (i + 1) * rest / gaps > i * rest / gaps;
            each + usize::from(more)
        })
        .collect()
}

/// The drawn form of `seg[range]` with `gaps` widened: after the space at
/// each gap's offset (`base` + an offset in `seg`), that many more spaces.
pub fn widen(seg: &str, range: Range<usize>, base: usize, gaps: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(range.len() + gaps.iter().map(|g| g.1).sum::<usize>());
    let mut at = range.start;
    for &(off, cols) in gaps {
        let Some(cut) = (off + 1)
            .checked_sub(base)
            .filter(|c| (at..=range.end).contains(c))
        else {
            continue;
        };
        let Some(piece) = seg.get(at..cut) else {
            continue;
        };
        out.push_str(&display_str(piece));
        out.extend(std::iter::repeat_n(' ', cols));
        at = cut;
    }
    out.push_str(&display_str(seg.get(at..range.end).unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_is_even() {
        assert_eq!(spread(0, 3, false), vec![0, 0, 0]);
        assert_eq!(spread(6, 3, false), vec![2, 2, 2]);
        assert_eq!(spread(2, 4, false), vec![0, 1, 0, 1]);
        assert_eq!(spread(2, 4, true), vec![1, 0, 1, 0]);
        assert_eq!(spread(7, 3, false), vec![2, 2, 3]);
        assert_eq!(spread(5, 0, false), Vec::<usize>::new());
        for extra in 0..20 {
            for n in 1..9 {
                let s = spread(extra, n, extra % 2 == 0);
                assert_eq!(s.iter().sum::<usize>(), extra);
                let (lo, hi) = (s.iter().min(), s.iter().max());
                assert!(hi.zip(lo).is_some_and(|(h, l)| h - l <= 1));
            }
        }
    }

    #[test]
    fn widen_puts_spaces_after_the_gap() {
        let seg = "раз два три";
        assert_eq!(
            widen(seg, 0..seg.len(), 0, &[(6, 2), (13, 1)]),
            "раз   два  три"
        );
        // Offsets are block offsets: the segment starts at 100 in its block.
        assert_eq!(widen(seg, 7..seg.len(), 100, &[(113, 3)]), "два    три");
    }

    use crate::core::document::{Block, BlockKind, Document};
    use crate::core::hyphenate::{HyphenLang, break_points};
    use crate::core::layout::{Layout, LayoutOptions, LineStyle};
    use crate::core::width::str_width;

    const TEXT: &str = "Узбекско-японские отношения прошли долгий путь становления. \
        Сотрудничество двух стран охватывает торговлю, образование, культуру \
        и достопримечательности древних городов, известных всему миру.";

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            blocks,
            ..Document::default()
        }
    }

    fn on() -> LayoutOptions {
        LayoutOptions {
            justify: true,
            hyphenate: true,
            ..LayoutOptions::default()
        }
    }

    #[test]
    fn justified_lines_fill_the_width() {
        let d = doc(vec![Block::new(BlockKind::Paragraph, TEXT)]);
        for width in [20, 27, 33, 40, 60] {
            let lay = Layout::with_options(&d, width, on());
            let n = lay.lines.len();
            for (i, l) in lay.lines.iter().enumerate() {
                assert!(l.width() <= width, "{l:?}");
                // A line of one word has no space to widen.
                if i + 1 < n && l.text.contains(' ') {
                    assert_eq!(l.width(), width, "{:?} at {width}", l.text);
                }
            }
            let last = &lay.lines[n - 1];
            assert!(last.gaps.is_empty() && !last.text.contains("  "));
            // The text is the block's, hyphens and widened spaces aside.
            let joined: String = lay
                .lines
                .iter()
                .map(|l| &TEXT[l.range.clone()])
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(joined.replace(' ', ""), TEXT.replace(' ', ""));
        }
    }

    #[test]
    fn hyphens_fall_on_hyphenation_points() {
        let d = doc(vec![Block::new(BlockKind::Paragraph, TEXT)]);
        let mut hyphenated = 0;
        for width in 12..50 {
            for l in Layout::with_options(&d, width, on()).lines {
                let Some(word_start) = TEXT[..l.range.end].rfind(' ').map(|i| i + 1) else {
                    continue;
                };
                let next = TEXT[l.range.end..].chars().next();
                if l.text.ends_with('-')
                    && next.is_some_and(char::is_alphabetic)
                    && !TEXT[..l.range.end].ends_with('-')
                {
                    hyphenated += 1;
                    let word_end = TEXT[l.range.end..]
                        .find(' ')
                        .map_or(TEXT.len(), |i| l.range.end + i);
                    let points = break_points(&TEXT[word_start..word_end], HyphenLang::Russian);
                    assert!(points.contains(&(l.range.end - word_start)), "{l:?}");
                }
            }
        }
        assert!(hyphenated > 10);
        // Off by default: no word is broken.
        for width in 12..50 {
            for l in Layout::new(&d, width).lines {
                assert!(!l.text.ends_with('-') || TEXT[..l.range.end].ends_with('-'));
            }
        }
    }

    #[test]
    fn headings_code_and_verse_are_left_alone() {
        let d = doc(vec![
            Block::new(
                BlockKind::Heading(2),
                "Достопримечательности Самарканда и Бухары",
            ),
            Block::new(
                BlockKind::Quote,
                "Мороз и солнце; день чудесный!\nЕще ты дремлешь, друг прелестный",
            ),
            Block::new(BlockKind::Code, "fn достопримечательность() { return; }"),
        ]);
        let lay = Layout::with_options(&d, 24, on());
        for l in &lay.lines {
            assert!(l.gaps.is_empty() && !l.text.contains("  "), "{l:?}");
            if matches!(l.style, LineStyle::Heading(_) | LineStyle::Code) {
                assert!(!l.text.ends_with('-'), "{l:?}");
            }
        }
    }

    #[test]
    fn first_lines_indented_but_not_after_headings() {
        let d = doc(vec![
            Block::new(BlockKind::Heading(2), "Глава"),
            Block::new(BlockKind::Paragraph, TEXT),
            Block::new(BlockKind::Paragraph, TEXT),
            Block::new(BlockKind::Quote, TEXT),
        ]);
        let opts = LayoutOptions {
            paragraph_indent: 3,
            ..on()
        };
        let lay = Layout::with_options(&d, 40, opts);
        let first = |b: usize| {
            lay.lines
                .iter()
                .find(|l| l.block == b && l.style != LineStyle::Blank)
        };
        assert_eq!(first(1).map(|l| l.indent), Some(0));
        assert_eq!(first(2).map(|l| (l.indent, l.width())), Some((3, 40)));
        assert_eq!(first(3).map(|l| l.indent), Some(4));
        assert!(
            lay.lines
                .iter()
                .filter(|l| l.block == 2)
                .skip(1)
                .all(|l| l.indent == 0)
        );
    }

    #[test]
    fn double_spacing_adds_a_row_after_each() {
        let d = doc(vec![
            Block::new(BlockKind::Paragraph, TEXT),
            Block::new(BlockKind::Paragraph, "Конец."),
        ]);
        let single = Layout::new(&d, 30);
        let double = Layout::with_options(
            &d,
            30,
            LayoutOptions {
                line_spacing: 2,
                ..LayoutOptions::default()
            },
        );
        let text_rows = |l: &Layout| {
            l.lines
                .iter()
                .filter(|l| l.style != LineStyle::Blank)
                .count()
        };
        assert_eq!(text_rows(&single), text_rows(&double));
        assert_eq!(double.lines.len(), single.lines.len() + text_rows(&single));
        for pair in double.lines.windows(2) {
            if pair[0].style != LineStyle::Blank {
                assert_eq!(pair[1].style, LineStyle::Blank);
            }
        }
        let pos = crate::core::document::Pos::new(0, TEXT.find("Сотрудничество").unwrap_or(0));
        let line = &double.lines[double.line_of(pos)];
        assert!(line.contains(pos.offset) && line.style == LineStyle::Body);
    }

    #[test]
    fn marks_and_width_are_grapheme_correct() {
        let text = "Сотру\u{301}дничество двух стран охватывает торговлю, образова\u{301}ние и культу\u{301}ру; и\u{306}од и во\u{306}и\u{306}на достопримеча\u{301}тельностей.";
        let d = doc(vec![Block::new(BlockKind::Paragraph, text)]);
        for width in 10..40 {
            let lay = Layout::with_options(&d, width, on());
            let n = lay.lines.len();
            for (i, l) in lay.lines.iter().enumerate() {
                assert!(str_width(&l.text) + l.indent <= width);
                assert!(
                    !text[l.range.end..].starts_with(['\u{301}', '\u{306}']),
                    "{l:?}"
                );
                if i + 1 < n && !l.gaps.is_empty() {
                    assert_eq!(l.width(), width);
                }
            }
        }
    }
}
