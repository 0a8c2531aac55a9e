//! The multi-line note editor: pure state, no drawing (the box is drawn by
//! [`crate::tui::view::note_editor`]).
//!
//! Every cursor step is a whole grapheme cluster, so a letter and its stress
//! mark (а + U+0301), a decomposed «й» (и + U+0306), a CJK character or a
//! joined emoji move and vanish as one. Widths come from
//! [`crate::core::width`], the same functions the reader draws with.

use crate::core::keyboard::latin_twin;
use crate::core::width::{grapheme_width, str_width};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::ops::Range;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// What Tab inserts: spaces, never a raw tab, so that widths stay exact.
const TAB: &str = "    ";
/// Wrap width until the view sets one.
const DEFAULT_WIDTH: usize = 60;
/// Rows moved by PageUp/PageDown until the view says how tall it is.
const DEFAULT_PAGE: usize = 5;

/// What a key did, for the caller to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The text changed.
    Edited,
    /// Only the cursor moved.
    Moved,
    /// Ctrl-s: the person wants the note saved.
    Save,
    /// Esc: the person wants to leave (the caller decides whether to ask).
    Cancel,
    /// Ctrl-e: the person wants the note in `$EDITOR`.
    External,
    /// Nothing happened (unknown key, or a move that could not be made).
    Ignored,
}

/// One screen row of the wrapped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's byte range in [`NoteEditor::text`], without the line's '\n'.
    pub range: Range<usize>,
}

/// The editor's state: the text, a cursor on a grapheme boundary, the wrap
/// width and the scroll of the box it is shown in.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    text: String,
    original: String,
    cursor: usize,
    width: usize,
    /// The display column Up/Down aim for while they are pressed in a row.
    goal: Option<usize>,
    scroll: usize,
    page: usize,
}

impl NoteEditor {
    /// An editor holding `text` (cleaned as [`NoteEditor::paste`] cleans it),
    /// with the cursor at the end.
    pub fn new(text: &str) -> Self {
        let text = clean(text);
        NoteEditor {
            cursor: text.len(),
            original: text.clone(),
            text,
            width: DEFAULT_WIDTH,
            goal: None,
            scroll: 0,
            page: DEFAULT_PAGE,
        }
    }

    /// The text, lines separated by '\n'.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the text is only white space (a note not worth saving).
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The cursor as a byte offset in [`NoteEditor::text`], always on a
    /// grapheme boundary.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// True when the text differs from the (cleaned) text the editor was
    /// opened with.
    pub fn changed(&self) -> bool {
        self.text != self.original
    }

    /// Replace the text (after the external editor), cleaned as pasted text
    /// is; the cursor goes to the end. [`NoteEditor::changed`] still compares
    /// with the text the editor was opened with.
    pub fn set_text(&mut self, s: &str) {
        self.text = clean(s);
        self.cursor = self.text.len();
        self.goal = None;
    }

    /// Set the wrap width in display columns (the view calls this every
    /// frame; Up/Down and PageUp/PageDown move by rows of this width).
    pub fn set_width(&mut self, w: usize) {
        self.width = w.max(1);
    }

    /// The wrap width set by [`NoteEditor::set_width`].
    pub fn width(&self) -> usize {
        self.width
    }

    /// Keep the cursor row inside a view `height` rows tall and return the
    /// first row to show. The view calls this every frame, after
    /// [`NoteEditor::set_width`]; PageUp/PageDown then move by about a view.
    pub fn scroll_for(&mut self, height: usize) -> usize {
        let height = height.max(1);
        self.page = height.saturating_sub(1).max(1);
        let rows = self.rows(self.width);
        let (row, _) = self.row_col_in(&rows);
        self.scroll =
            crate::tui::widgets::list_nav::scroll_for(row, self.scroll, height, rows.len());
        self.scroll
    }

    /// Apply a key. Printable characters (without Ctrl or Alt, or with both,
    /// as AltGr comes) are typed; Enter, Tab (four spaces), Backspace and
    /// Delete edit; arrows, Home, End, PageUp and PageDown move (with Ctrl: by
    /// word, or to the ends of the text); Ctrl-u, Ctrl-k and Ctrl-w (or
    /// Alt/Ctrl-Backspace) delete to the line start, to the line end and the
    /// word before. Ctrl-s, Esc and Ctrl-e are left to the caller. Control
    /// letters also work with the Russian layout on (Ctrl-ы is Ctrl-s).
    pub fn key(&mut self, ev: &KeyEvent) -> Outcome {
        if ev.kind == KeyEventKind::Release {
            return Outcome::Ignored;
        }
        let goal = self.goal.take();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let c = self.cursor;
        match ev.code {
            KeyCode::Char(ch) if ctrl && !alt => match command_letter(ch) {
                Some('s') => Outcome::Save,
                Some('e') => Outcome::External,
                Some('u') => self.edit(self.line_start(c)..c, ""),
                Some('k') => self.edit(c..self.line_end(c), ""),
                Some('w') => self.edit(self.word_left(c)..c, ""),
                _ => Outcome::Ignored,
            },
            // Ctrl+Alt together is AltGr on Windows: a character to type.
            KeyCode::Char(ch) if ctrl == alt && !ch.is_control() => {
                self.edit(c..c, ch.encode_utf8(&mut [0; 4]))
            }
            KeyCode::Enter => self.edit(c..c, "\n"),
            KeyCode::Tab => self.edit(c..c, TAB),
            KeyCode::Backspace if ctrl || alt => self.edit(self.word_left(c)..c, ""),
            KeyCode::Backspace => self.edit(self.prev_boundary(c)..c, ""),
            KeyCode::Delete => self.edit(c..self.next_boundary(c), ""),
            KeyCode::Left if ctrl => self.move_to(self.word_left(c)),
            KeyCode::Left => self.move_to(self.prev_boundary(c)),
            KeyCode::Right if ctrl => self.move_to(self.word_right(c)),
            KeyCode::Right => self.move_to(self.next_boundary(c)),
            KeyCode::Home if ctrl => self.move_to(0),
            KeyCode::Home => self.move_to(self.line_start(c)),
            KeyCode::End if ctrl => self.move_to(self.text.len()),
            KeyCode::End => self.move_to(self.line_end(c)),
            KeyCode::Up => self.vertical(-1, goal),
            KeyCode::Down => self.vertical(1, goal),
            KeyCode::PageUp => self.vertical(-(self.page as isize), goal),
            KeyCode::PageDown => self.vertical(self.page as isize, goal),
            KeyCode::Esc => Outcome::Cancel,
            _ => Outcome::Ignored,
        }
    }

    /// Insert pasted text at the cursor: "\r\n" and "\r" become "\n", tabs
    /// become four spaces and other control characters are dropped.
    pub fn paste(&mut self, s: &str) {
        self.goal = None;
        let c = self.cursor;
        self.edit(c..c, &clean(s));
    }

    /// The text soft-wrapped at `width` display columns: each line gives one
    /// row or more, broken after a space where one fits, inside a word only
    /// when the word is wider than `width`, and never inside a grapheme. No
    /// row is wider than `width`, except a row holding one grapheme that is
    /// wider on its own (a CJK character or emoji when `width` is 1).
    pub fn rows(&self, width: usize) -> Vec<Row> {
        let width = width.max(1);
        let mut rows = Vec::new();
        let mut base = 0;
        for line in self.text.split('\n') {
            wrap_line(line, base, width, &mut rows);
            base += line.len() + 1;
        }
        rows
    }

    /// The cursor's screen position in the text wrapped at `width`: the row
    /// (from 0, as in [`NoteEditor::rows`]) and the display column. At the
    /// end of a row that fills `width`, the column is `width`.
    pub fn cursor_row_col(&self, width: usize) -> (usize, usize) {
        self.row_col_in(&self.rows(width))
    }

    fn row_col_in(&self, rows: &[Row]) -> (usize, usize) {
        let row = rows
            .partition_point(|r| r.range.start <= self.cursor)
            .saturating_sub(1);
        let start = rows.get(row).map_or(0, |r| r.range.start.min(self.cursor));
        (row, str_width(&self.text[start..self.cursor]))
    }

    /// Replace `range` by `with` and put the cursor after it.
    fn edit(&mut self, range: Range<usize>, with: &str) -> Outcome {
        if range.is_empty() && with.is_empty() {
            return Outcome::Ignored;
        }
        let end = range.start + with.len();
        self.text.replace_range(range, with);
        // The edit may have joined graphemes around the cursor (a stress mark
        // after a new letter, a regional indicator pairing anew).
        self.cursor = if self.is_boundary(end) {
            end
        } else {
            self.next_boundary(end)
        };
        Outcome::Edited
    }

    fn move_to(&mut self, pos: usize) -> Outcome {
        if pos == self.cursor {
            return Outcome::Ignored;
        }
        self.cursor = pos;
        Outcome::Moved
    }

    /// Move `delta` rows up (negative) or down, aiming for display column
    /// `goal` (or the cursor's own). Past the first or last row, go to the
    /// start or end of the text.
    fn vertical(&mut self, delta: isize, goal: Option<usize>) -> Outcome {
        let rows = self.rows(self.width);
        let (row, col) = self.row_col_in(&rows);
        let last = rows.len().saturating_sub(1);
        let target = row.saturating_add_signed(delta).min(last);
        let Some(r) = rows.get(target).filter(|_| target != row) else {
            return self.move_to(if delta < 0 { 0 } else { self.text.len() });
        };
        let goal = goal.unwrap_or(col);
        self.goal = Some(goal);
        let ends_line = self
            .text
            .as_bytes()
            .get(r.range.end)
            .is_none_or(|&b| b == b'\n');
        let pos = self.pos_at_col(&r.range, goal, ends_line);
        self.move_to(pos)
    }

    /// The last cursor place in `row` whose column is at most `goal`. The end
    /// of a wrapped row belongs to the next row, so it is a place only when
    /// the row ends its line.
    fn pos_at_col(&self, row: &Range<usize>, goal: usize, ends_line: bool) -> usize {
        let mut best = row.start;
        let mut col = 0;
        for (i, g) in self.text[row.clone()].grapheme_indices(true) {
            if col > goal {
                return best;
            }
            best = row.start + i;
            col += grapheme_width(g);
        }
        if ends_line && col <= goal {
            best = row.end;
        }
        best
    }

    fn is_boundary(&self, pos: usize) -> bool {
        GraphemeCursor::new(pos, self.text.len(), true)
            .is_boundary(&self.text, 0)
            .unwrap_or(true)
    }

    fn prev_boundary(&self, pos: usize) -> usize {
        GraphemeCursor::new(pos, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }

    fn next_boundary(&self, pos: usize) -> usize {
        GraphemeCursor::new(pos, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(self.text.len())
    }

    fn line_start(&self, pos: usize) -> usize {
        self.text[..pos].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, pos: usize) -> usize {
        self.text[pos..]
            .find('\n')
            .map_or(self.text.len(), |i| pos + i)
    }

    /// The start of the word before `pos` (white space, newlines included,
    /// is skipped first; punctuation counts as a word of its own).
    fn word_left(&self, pos: usize) -> usize {
        let start = self.text[..pos]
            .split_word_bound_indices()
            .rev()
            .find(|(_, w)| !is_blank(w))
            .map_or(0, |(i, _)| i);
        if self.is_boundary(start) {
            start
        } else {
            self.prev_boundary(start)
        }
    }

    /// The end of the word after `pos` (white space skipped first).
    fn word_right(&self, pos: usize) -> usize {
        let end = self.text[pos..]
            .split_word_bound_indices()
            .find(|(_, w)| !is_blank(w))
            .map_or(self.text.len(), |(i, w)| pos + i + w.len());
        if self.is_boundary(end) {
            end
        } else {
            self.next_boundary(end)
        }
    }
}

/// Wrap one line (found at byte `base` of the text) into `rows`.
fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<Row>) {
    let mut start = 0;
    let mut used = 0;
    // Where the row could end: just after its last space.
    let mut brk: Option<usize> = None;
    for (i, g) in line.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > width && i > start {
            if let Some(b) = brk.take() {
                rows.push(Row {
                    range: base + start..base + b,
                });
                start = b;
                used = str_width(&line[b..i]);
            }
            // Still too wide: the word is longer than a row, so cut it here.
            if used + w > width && i > start {
                rows.push(Row {
                    range: base + start..base + i,
                });
                start = i;
                used = 0;
            }
        }
        used += w;
        if is_blank(g) {
            brk = Some(i + g.len());
        }
    }
    rows.push(Row {
        range: base + start..base + line.len(),
    });
}

/// White space that a row may end after (a no-break space does not count).
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() && c != '\u{A0}')
}

/// The Latin letter of a Ctrl combination, with the Russian layout on too.
fn command_letter(c: char) -> Option<char> {
    let c = if c.is_ascii() { c } else { latin_twin(c)? };
    Some(c.to_ascii_lowercase())
}

/// Text as the editor holds it: '\n' line ends, spaces for tabs, no other
/// control characters.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str(TAB),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
