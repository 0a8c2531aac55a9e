//! The note editor box, drawn over the reader: the wrapped note, the terminal
//! cursor at its grapheme and a key hint. State lives in
//! [`super::editor::NoteEditor`]; this only draws it.

use super::editor::NoteEditor;
use crate::core::width::display_str;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draw `editor` in a bordered box filling `area` (cleared first), titled
/// `title` (cut to fit) with `hint` (e.g. [`crate::messages::note::HINT`]) on
/// its last row, and place the terminal cursor.
///
/// The box sets the editor's wrap width (the inner width less one column, so
/// that the cursor fits after a full row) and its scroll, so that keys see the
/// same rows that were drawn: call it every frame before handling keys.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    editor: &mut NoteEditor,
    title: &str,
    hint: &str,
    theme: &Theme,
) {
    frame.render_widget(Clear, area);
    let title_cols = usize::from(area.width).saturating_sub(4);
    let block = Block::default()
        .borders(Borders::ALL)
        .style(theme.body)
        .title(format!(" {} ", ellipsize(title, title_cols)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let with_hint = inner.height >= 2;
    let text_h = inner.height - u16::from(with_hint);
    let width = usize::from(inner.width).saturating_sub(1).max(1);
    editor.set_width(width);
    let top = editor.scroll_for(usize::from(text_h));
    let text = editor.text();
    let lines: Vec<Line> = editor
        .rows(width)
        .into_iter()
        .skip(top)
        .take(usize::from(text_h))
        .map(|r| Line::styled(display_str(&text[r.range]), theme.body))
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: text_h,
            ..inner
        },
    );
    if with_hint {
        let hint = Line::styled(ellipsize(hint, usize::from(inner.width)), theme.dim);
        let row = Rect {
            y: inner.y + text_h,
            height: 1,
            ..inner
        };
        frame.render_widget(Paragraph::new(hint), row);
    }
    let (row, col) = editor.cursor_row_col(width);
    if let Some(r) = row.checked_sub(top).filter(|&r| r < usize::from(text_h)) {
        let x = col.min(usize::from(inner.width) - 1);
        // Both fit in u16: they are below the inner width and height.
        frame.set_cursor_position((inner.x + x as u16, inner.y + r as u16));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::note::HINT;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Position;
    use unicode_width::UnicodeWidthStr;

    /// Draw into a 24×8 screen full of dots; the screen as text and the cursor.
    fn drawn(editor: &mut NoteEditor, area: Rect) -> (Vec<String>, Position) {
        let mut term = Terminal::new(TestBackend::new(24, 8)).expect("terminal");
        term.draw(|f| {
            let full = f.area();
            f.render_widget(Paragraph::new(vec![Line::raw(".".repeat(24)); 8]), full);
            draw(f, area, editor, "«Война и мир»", HINT, &Theme::new(false));
        })
        .expect("draw");
        let buf = term.backend().buffer();
        let mut rows = Vec::new();
        for y in 0..buf.area.height {
            let (mut row, mut x) = (String::new(), 0);
            while x < buf.area.width {
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                x += sym.width().max(1) as u16;
            }
            rows.push(row);
        }
        let cursor = term.backend_mut().cursor_position();
        (rows, cursor)
    }

    #[test]
    fn rows_and_cursor_cell() {
        let mut e = NoteEditor::new("за\u{301}мок и 漢字\nвторая");
        let (rows, cursor) = drawn(&mut e, Rect::new(2, 1, 14, 6));
        assert_eq!(
            rows,
            [
                "........................",
                "..┌ «Война и … ┐........",
                "..│за\u{301}мок и     │........",
                "..│漢字        │........",
                "..│вторая      │........",
                "..│Ctrl-s save…│........",
                "..└────────────┘........",
                "........................",
            ]
        );
        assert_eq!(e.width(), 11, "one column kept for the cursor");
        assert_eq!(cursor, Position::new(9, 4), "after «вторая»");
        e.key(&KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        let (_, cursor) = drawn(&mut e, Rect::new(2, 1, 14, 6));
        assert_eq!(cursor, Position::new(7, 3), "after 漢字, two columns each");
        e.key(&KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        let (_, cursor) = drawn(&mut e, Rect::new(2, 1, 14, 6));
        assert_eq!(cursor, Position::new(9, 2), "back at the goal column 6");
    }

    #[test]
    fn scrolls_to_the_cursor() {
        let mut e = NoteEditor::new("один\nдва\nтри\nчетыре\nпять");
        let (rows, cursor) = drawn(&mut e, Rect::new(0, 0, 12, 5));
        assert_eq!(&rows[1][..], "│четыре    │............");
        assert_eq!(&rows[2][..], "│пять      │............");
        assert_eq!(&rows[3][..], "│Ctrl-s sa…│............");
        assert_eq!(cursor, Position::new(5, 2));
        e.key(&KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
        let (rows, cursor) = drawn(&mut e, Rect::new(0, 0, 12, 5));
        assert_eq!(&rows[1][..], "│один      │............");
        assert_eq!(cursor, Position::new(1, 1));
    }

    #[test]
    fn cursor_after_joined_emoji_and_a_full_row() {
        let area = Rect::new(0, 0, 14, 5);
        let mut e = NoteEditor::new("ab👨\u{200D}👩\u{200D}👧c");
        let (rows, cursor) = drawn(&mut e, area);
        assert_eq!(
            &rows[1][..],
            "│ab👨👩👧c   │..........",
            "drawn as its parts"
        );
        assert_eq!(cursor, Position::new(10, 1), "after c: 2 + 6 + 1 columns");
        // A row filling the wrap width leaves the cursor inside the box.
        let mut e = NoteEditor::new("абвгдежзийк");
        let (rows, cursor) = drawn(&mut e, area);
        assert_eq!(&rows[1][..], "│абвгдежзийк │..........");
        assert_eq!(cursor, Position::new(12, 1));
    }
}
