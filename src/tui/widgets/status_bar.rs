//! One-row bars: a left and a right side sharing the width, a prompt whose
//! typed end stays in sight, and text cut with "…" to fit.

use crate::core::width::{display_str, fit_prefix, str_width};

/// `s` cut to `cols` columns, with "…" when it was cut.
/// The result is in display form (see [`crate::core::width::display_str`]).
pub fn ellipsize(s: &str, cols: usize) -> String {
    if str_width(s) <= cols {
        return display_str(s);
    }
    if cols == 0 {
        return String::new();
    }
    let (head, _) = fit_prefix(s, cols - 1);
    format!("{}…", display_str(head))
}

/// The end of `s` that fits in `cols` columns, with "…" before it when it
/// was cut (a prompt shows the end being typed). In display form.
pub fn ellipsize_start(s: &str, cols: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if str_width(s) <= cols {
        return display_str(s);
    }
    if cols == 0 {
        return String::new();
    }
    let mut start = s.len();
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = str_width(g);
        if used + w > cols - 1 {
            break;
        }
        used += w;
        start = i;
    }
    format!("…{}", display_str(&s[start..]))
}

/// A prompt on a bar of `cols` columns: `label`, the `typed` text and a
/// cursor on the left, `right` on the right while both fit; the end being
/// typed always stays in sight (the right side goes first, then the start
/// of the text).
pub fn prompt_bar(label: &str, typed: &str, right: &str, cols: usize) -> String {
    let fixed = str_width(label) + 1;
    let whole = fixed + str_width(typed);
    let rw = str_width(right);
    if whole + rw < cols {
        return bar_text(&format!("{label}{typed}▏"), right, cols);
    }
    let tail = ellipsize_start(typed, cols.saturating_sub(fixed));
    ellipsize(&format!("{label}{tail}▏"), cols)
}

/// `left` and `right` on one bar of `cols` columns; the left side is cut first.
pub fn bar_text(left: &str, right: &str, cols: usize) -> String {
    let rw = str_width(right);
    if rw >= cols {
        return ellipsize(right, cols);
    }
    let left = ellipsize(left, cols - rw - 1);
    let gap = cols - rw - str_width(&left);
    format!("{left}{}{right}", " ".repeat(gap))
}
