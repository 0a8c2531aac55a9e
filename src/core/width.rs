//! Display widths of text, one grapheme cluster at a time.
//!
//! Every width in chitalka comes from here, so that layout, the screen and the
//! terminal agree: a combining stress mark (U+0301) adds no column, CJK and emoji
//! take two, and sequences that terminals draw differently (emoji with VS16,
//! ZWJ joins, skin-tone modifiers) are simplified before they are measured or drawn.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ZWJ: char = '\u{200D}';
const VS16: char = '\u{FE0F}';
const VS15: char = '\u{FE0E}';
/// U+00AD SOFT HYPHEN.
pub const SOFT_HYPHEN: char = '\u{AD}';
/// U+00A0 NO-BREAK SPACE.
pub const NBSP: char = '\u{A0}';

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// True for characters that are dropped from what is drawn (they either have
/// no visible form or make terminals disagree about widths).
fn is_display_dropped(c: char) -> bool {
    c == ZWJ
        || c == VS16
        || c == VS15
        || c == SOFT_HYPHEN
        || is_skin_tone(c)
        || c.is_control()
        // Bidirectional overrides and isolates would reorder the rest of the row.
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The form of a grapheme cluster that is drawn on screen.
///
/// Emoji presentation selectors, zero-width joiners and skin-tone modifiers are
/// removed, so that a joined emoji sequence is drawn as its parts and every
/// terminal agrees on its width; soft hyphens and control characters vanish;
/// NBSP is drawn as a space.
pub fn display_grapheme(g: &str) -> Cow<'_, str> {
    if g.chars().all(|c| !is_display_dropped(c) && c != NBSP) {
        return Cow::Borrowed(g);
    }
    let s: String = g
        .chars()
        .filter(|&c| !is_display_dropped(c))
        .map(|c| if c == NBSP { ' ' } else { c })
        .collect();
    Cow::Owned(s)
}

/// Characters that are always one column and one grapheme on their own, with
/// no special drawing: most Latin, Cyrillic and common punctuation. Text made
/// only of these is measured by counting characters.
fn is_simple(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A1}'..='\u{AC}'
        | '\u{AE}'..='\u{2FF}'
        | '\u{400}'..='\u{482}'
        | '\u{48A}'..='\u{52F}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2116}')
}

/// Columns taken by one grapheme cluster as chitalka draws it.
pub fn grapheme_width(g: &str) -> usize {
    let mut cs = g.chars();
    if let (Some(c), None) = (cs.next(), cs.next())
        && is_simple(c)
    {
        return 1;
    }
    let shown = display_grapheme(g);
    // A joined sequence becomes several graphemes once joiners are removed.
    shown.graphemes(true).map(|p| p.width()).sum()
}

/// Columns taken by a whole string as chitalka draws it.
pub fn str_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    let mut n = 0;
    for c in s.chars() {
        if !is_simple(c) {
            return s.graphemes(true).map(grapheme_width).sum();
        }
        n += 1;
    }
    n
}

/// The drawn form of a string (see [`display_grapheme`]).
pub fn display_str(s: &str) -> String {
    if s.chars().all(is_simple) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        out.push_str(&display_grapheme(g));
    }
    out
}

/// The longest suffix of `s` (cut at a grapheme boundary) that fits in
/// `cols` columns, and its width.
pub fn fit_suffix(s: &str, cols: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = grapheme_width(g);
        if used + w > cols {
            return (&s[i + g.len()..], used);
        }
        used += w;
    }
    (s, used)
}

/// The longest prefix of `s` (cut at a grapheme boundary) that fits in `cols`
/// columns, and its width.
pub fn fit_prefix(s: &str, cols: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > cols {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_tricky_graphemes() {
        let cases: &[(&str, usize)] = &[
            ("а", 1),
            ("а\u{301}", 1), // stressed а
            ("и\u{306}", 1), // decomposed й
            ("й", 1),
            ("中", 2),
            ("😀", 2),
            ("\u{2764}\u{FE0F}", 1), // ❤️ drawn as text-presentation ❤
            ("👍🏽", 2),               // skin tone dropped
            ("\u{AD}", 0),
            ("\u{A0}", 1),
        ];
        for (g, w) in cases {
            assert_eq!(grapheme_width(g), *w, "width of {g:?}");
        }
    }

    #[test]
    fn joined_emoji_are_drawn_as_parts() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(display_str(family), "👨👩👧");
        assert_eq!(str_width(family), 6);
        assert_eq!(str_width(&display_str(family)), 6);
    }

    #[test]
    fn fast_path_agrees_with_graphemes() {
        for s in [
            "Война и мир — «роман», 1869 г.",
            "naïve café",
            "№ 5 …",
            "a\u{AD}b",
            "х\u{483}",
            "a\tb",
            "\u{2000}",
        ] {
            let slow: usize = s
                .graphemes(true)
                .map(|g| {
                    let shown = display_grapheme(g);
                    shown.graphemes(true).map(|p| p.width()).sum::<usize>()
                })
                .sum();
            assert_eq!(str_width(s), slow, "{s:?}");
        }
    }

    #[test]
    fn bidi_overrides_and_controls_are_never_drawn() {
        assert_eq!(display_str("a\u{202E}bc\u{202C}d\u{1b}"), "abcd");
        assert_eq!(str_width("a\u{202E}b"), 2);
    }

    #[test]
    fn stress_marks_take_no_column() {
        assert_eq!(str_width("кни\u{301}га"), 5);
        assert_eq!(str_width("Узбекско-японское"), 17);
    }

    #[test]
    fn fit_prefix_never_cuts_a_grapheme() {
        let s = "ба\u{301}ба";
        assert_eq!(fit_prefix(s, 2), ("ба\u{301}", 2));
        assert_eq!(fit_prefix("中文", 3), ("中", 2));
        assert_eq!(fit_prefix("中文", 1), ("", 0));
    }
}
