//! The mouse in the reader: a click in the outline goes to a section, a
//! click beside the floating outline closes it; in the text, press and drag
//! chooses a passage by sentences.

use super::Reader;
use super::choose_state::Selection;
use crate::core::document::Pos;
use crate::core::sentence;
use crate::core::width::grapheme_width;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::session::Session;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use unicode_segmentation::UnicodeSegmentation;

impl Reader {
    /// A mouse event (the wheel is an action, read before).
    pub fn on_mouse(&mut self, ev: MouseEvent, ses: &mut Session) -> Option<Effect> {
        let (x, y) = (ev.column, ev.row);
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => self.click(x, y, ses),
            MouseEventKind::Drag(MouseButton::Left) => {
                self.drag(x, y, ses);
                None
            }
            MouseEventKind::Up(MouseButton::Left) => {
                self.press = None;
                None
            }
            _ => None,
        }
    }

    fn click(&mut self, x: u16, y: u16, ses: &mut Session) -> Option<Effect> {
        let layout = self.layout(ses);
        if let Some(rect) = layout.outline {
            if x >= rect.x && x < rect.right() && y >= rect.y && y < rect.bottom() {
                return self.click_outline(y - rect.y, layout.docked, ses);
            }
            if !layout.docked {
                // A click beside the panel over the text closes it.
                return self.outline_action(Action::ToggleOutline, ses);
            }
        }
        let pos = self.text_pos(x, y, ses)?;
        // A click on a link or note reference follows it at once.
        if let Some(link) = self.link_at(pos) {
            self.selection = None;
            self.press = None;
            self.link = Some(link.clone());
            return self.follow_link(&link, ses);
        }
        // A click starts a new choice; Esc or a click without a drag drops it.
        self.selection = None;
        self.press = Some(pos);
        None
    }

    fn click_outline(&mut self, row: u16, docked: bool, ses: &mut Session) -> Option<Effect> {
        // The floating panel has a border above its entries.
        let row = usize::from(row) - usize::from(!docked).min(usize::from(row));
        let rows = self.layout(ses).outline_rows;
        let p = &mut self.panel;
        let &i = p.visible().get(p.scroll + row)?;
        p.cursor = i;
        p.keep_in_view(rows);
        let before = self.place();
        self.outline_action(Action::Open, ses);
        Some(Effect::Jumped(before))
    }

    fn drag(&mut self, x: u16, y: u16, ses: &mut Session) {
        let rows = Self::text_rows(ses);
        // Dragging onto the status line scrolls the text on.
        let y = if usize::from(y) >= rows {
            self.view.scroll(&self.doc, 1);
            rows.saturating_sub(1) as u16
        } else {
            y
        };
        let Some(pos) = self.text_pos(x, y, ses) else {
            return;
        };
        let Some(press) = self.press else {
            return;
        };
        let (Some(a), Some(b)) = (
            sentence::sentence_at(&self.doc, press),
            sentence::sentence_at(&self.doc, pos),
        ) else {
            return;
        };
        self.selection = Some(Selection { anchor: a, head: b });
    }

    /// The text position under screen cell (`x`, `y`).
    pub fn text_pos(&mut self, x: u16, y: u16, ses: &Session) -> Option<Pos> {
        let (column_x, _) = self.layout(ses).column;
        if usize::from(y) >= Self::text_rows(ses) {
            return None;
        }
        let lines = self.view.visible(&self.doc);
        let line = lines.get(usize::from(y))?;
        let text = self
            .doc
            .blocks
            .get(line.block)?
            .text
            .get(line.range.clone())?;
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
