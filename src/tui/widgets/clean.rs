//! The last net before the terminal: no cell keeps a control character
//! or a bidirectional override.

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
