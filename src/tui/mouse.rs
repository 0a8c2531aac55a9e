//! The mouse: the wheel scrolls; a click selects in the library, the hit
//! list, the lists of marks and the outline (a click on the selected entry
//! opens it); in the text, press and drag chooses a passage by sentences.

use super::action::Action;
use super::app::{App, LIBRARY_HEAD_ROWS, Screen};
use super::selection::Selection;
use crate::core::document::Pos;
use crate::core::sentence;
use crate::core::width::grapheme_width;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use unicode_segmentation::UnicodeSegmentation;

/// Rows above the first hit on the find screen (query, count).
const SEARCH_HEAD_ROWS: u16 = 2;
/// Rows above the first entry of a list of marks (title, blank).
const MARKS_HEAD_ROWS: u16 = 2;

impl App {
    /// A mouse event.
    pub fn on_mouse(&mut self, ev: MouseEvent) {
        if self.help || self.info || self.note_edit.is_some() || self.prompt.is_some() {
            match ev.kind {
                MouseEventKind::ScrollDown => self.update(Action::WheelDown),
                MouseEventKind::ScrollUp => self.update(Action::WheelUp),
                _ => {}
            }
            return;
        }
        let (x, y) = (ev.column, ev.row);
        match ev.kind {
            MouseEventKind::ScrollDown => self.update(Action::WheelDown),
            MouseEventKind::ScrollUp => self.update(Action::WheelUp),
            MouseEventKind::Down(MouseButton::Left) => self.click(x, y),
            MouseEventKind::Drag(MouseButton::Left) => self.drag(x, y),
            MouseEventKind::Up(MouseButton::Left) => {
                if let Some(r) = self.reader.as_mut() {
                    r.press = None;
                }
            }
            _ => {}
        }
    }

    /// Select entry `i` of a list; a click on the selected one opens it.
    fn pick(&mut self, i: usize, len: usize, selected: usize) -> Option<usize> {
        if i >= len {
            return None;
        }
        if i == selected {
            self.update(Action::Open);
            return None;
        }
        Some(i)
    }

    fn click(&mut self, x: u16, y: u16) {
        self.message = None;
        match self.screen {
            Screen::Library => {
                let page = self.list_rows();
                let Some(lv) = self.library.as_ref() else {
                    return;
                };
                let Some(row) = y.checked_sub(LIBRARY_HEAD_ROWS) else {
                    return;
                };
                let (len, sel) = (lv.rows.len(), lv.selected);
                let i = lv.scroll + usize::from(row);
                if usize::from(row) < page
                    && let Some(i) = self.pick(i, len, sel)
                    && let Some(lv) = self.library.as_mut()
                {
                    lv.selected = i;
                }
            }
            Screen::Search => {
                let Some(s) = self.search.as_ref() else {
                    return;
                };
                let Some(row) = y.checked_sub(SEARCH_HEAD_ROWS) else {
                    return;
                };
                let i = s.scroll + usize::from(row) / 2;
                let (len, sel) = (s.result.hits.len(), s.selected);
                if let Some(i) = self.pick(i, len, sel)
                    && let Some(s) = self.search.as_mut()
                {
                    s.selected = i;
                    s.typing = false;
                }
            }
            Screen::Marks => {
                let Some(ml) = self.marks_list.as_ref() else {
                    return;
                };
                let Some(row) = y.checked_sub(MARKS_HEAD_ROWS) else {
                    return;
                };
                let i = ml.scroll + usize::from(row) / ml.entry_rows();
                let (len, sel) = (ml.entries.len(), ml.selected);
                if let Some(i) = self.pick(i, len, sel)
                    && let Some(ml) = self.marks_list.as_mut()
                {
                    ml.selected = i;
                }
            }
            Screen::Reader => {
                if self.outline_open() {
                    let (ox, oy, ow, oh) = self.outline_rect();
                    if x >= ox && x < ox + ow && y >= oy && y < oy + oh {
                        return self.click_outline(y - oy);
                    }
                    if !self.outline_docked() {
                        // A click beside the panel over the text closes it.
                        return self.update(Action::ToggleOutline);
                    }
                }
                let Some(pos) = self.text_pos(x, y) else {
                    return;
                };
                if let Some(r) = self.reader.as_mut() {
                    // A click starts a new choice; Esc or a click without a drag drops it.
                    r.selection = None;
                    r.press = Some(pos);
                }
            }
        }
    }

    fn click_outline(&mut self, row: u16) {
        let docked = self.outline_docked();
        let rows = self.outline_rows();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        // The floating panel has a border above its entries.
        let row = usize::from(row) - usize::from(!docked).min(usize::from(row));
        let p = &mut r.panel;
        let Some(&i) = p.visible().get(p.scroll + row) else {
            return;
        };
        p.cursor = i;
        p.keep_in_view(rows);
        let before = self.place();
        self.outline_action(Action::Open);
        self.after_jump(before);
    }

    fn drag(&mut self, x: u16, y: u16) {
        if self.screen != Screen::Reader {
            return;
        }
        let rows = self.text_rows();
        // Dragging onto the status line scrolls the text on.
        let y = if usize::from(y) >= rows {
            if let Some(r) = self.reader.as_mut() {
                r.view.scroll(&r.doc, 1);
            }
            rows.saturating_sub(1) as u16
        } else {
            y
        };
        let Some(pos) = self.text_pos(x, y) else {
            return;
        };
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let Some(press) = r.press else {
            return;
        };
        let (Some(a), Some(b)) = (
            sentence::sentence_at(&r.doc, press),
            sentence::sentence_at(&r.doc, pos),
        ) else {
            return;
        };
        r.selection = Some(Selection { anchor: a, head: b });
    }

    /// The text position under screen cell (`x`, `y`) of the reader.
    pub fn text_pos(&mut self, x: u16, y: u16) -> Option<Pos> {
        let (column_x, _) = self.text_column();
        if usize::from(y) >= self.text_rows() {
            return None;
        }
        let r = self.reader.as_mut()?;
        let lines = r.view.visible(&r.doc);
        let line = lines.get(usize::from(y))?;
        let text = r.doc.blocks.get(line.block)?.text.get(line.range.clone())?;
        let mut col = column_x + line.indent;
        let want = usize::from(x);
        let mut offset = line.range.start;
        for (i, g) in text.grapheme_indices(true) {
            let at = line.range.start + i;
            // A justified line draws extra columns after some spaces: they
            // belong to that space.
            let extra = line
                .gaps
                .iter()
                .find(|(o, _)| *o == at)
                .map_or(0, |(_, n)| *n);
            let w = grapheme_width(g) + extra;
            if col + w > want {
                return Some(Pos::new(line.block, at));
            }
            col += w;
            offset = at + g.len();
        }
        Some(Pos::new(line.block, offset))
    }
}
