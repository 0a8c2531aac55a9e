//! Pure draw functions, one file per screen. They read the app state and
//! draw into a frame; they never change state or look at keys.

pub mod help;
pub mod info;
pub mod library;
pub mod marks;
pub mod note_editor;
pub mod outline;
pub mod reader;
pub mod search;

use super::app::{App, Screen};
use super::theme::Theme;
use crate::core::width::{display_str, fit_prefix, str_width};
use ratatui::Frame;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    match app.screen {
        Screen::Library => library::draw(frame, app, theme),
        Screen::Search => search::draw(frame, app, theme),
        Screen::Marks => marks::draw(frame, app, theme),
        Screen::Reader => {
            reader::draw(frame, app, theme);
            outline::draw(frame, app, theme);
            marks::draw_note(frame, app, frame.area(), theme);
        }
    }
    if app.info {
        info::draw(frame, app, theme);
    }
    if app.note_edit.is_some() {
        draw_note_editor(frame, app, theme);
    }
    if app.help {
        help::draw(
            frame,
            &app.config.keymap,
            app.mode(),
            app.help_scroll,
            theme,
        );
    }
    clean_cells(frame.buffer_mut());
}

/// The last net before the terminal: no cell may hold a control character
/// or a bidirectional override from a title, a note or a file name. ratatui
/// drops C0 and C1 controls, but not U+202E or U+2066, and a view may
/// build a cell itself; such characters are dropped (a cell left with
/// nothing is a space).
pub fn clean_cells(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(crate::messages::is_unsafe) {
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|&c| !crate::messages::is_unsafe(c))
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

/// The note editor over the lower half of the text column.
fn draw_note_editor(frame: &mut Frame, app: &mut App, theme: &Theme) {
    let area = frame.area();
    let rows = usize::from(area.height.saturating_sub(1));
    let rect = marks::note_box(app, area, (rows / 2).max(8));
    let Some(ne) = app.note_edit.as_mut() else {
        return;
    };
    let title = crate::messages::note::title(&marks::one_line(&ne.quote));
    let hint = if ne.asking {
        crate::messages::note::DISCARD
    } else {
        crate::messages::note::HINT
    };
    note_editor::draw(frame, rect, &mut ne.editor, &title, hint, theme);
}

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

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    fn unsafe_chars(buf: &Buffer) -> Vec<char> {
        buf.content
            .iter()
            .flat_map(|c| c.symbol().chars().collect::<Vec<_>>())
            .filter(|&c| crate::messages::is_unsafe(c))
            .collect()
    }

    #[test]
    fn cells_lose_controls_and_bidi_that_ratatui_lets_through() {
        let hostile = "a\u{202e}b\u{2066}c\u{1b}d\u{9b}e\u{85}f\u{7f}g u\u{301}\u{202e}";
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 3));
        Paragraph::new(hostile)
            .wrap(Wrap { trim: false })
            .render(buf.area, &mut buf);
        buf.set_string(0, 1, hostile, ratatui::style::Style::default());
        // A view that fills a cell itself.
        buf[(0, 2)].set_symbol("x\u{202e}");
        buf[(1, 2)].set_symbol("\u{9b}");
        let before = unsafe_chars(&buf);
        super::clean_cells(&mut buf);
        assert_eq!(unsafe_chars(&buf), Vec::<char>::new(), "before: {before:?}");
        assert_eq!(buf[(0, 2)].symbol(), "x");
        assert_eq!(buf[(1, 2)].symbol(), " ");
    }
}
