//! The reader's outline: opening and closing the panel, moving in it,
//! jumping to sections, and its cursor following the text.

use super::Reader;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::session::Session;
use std::time::Instant;

/// Windows at least this wide show the outline beside the text; narrower
/// ones show it over the text.
pub const DOCK_MIN_WIDTH: u16 = 80;
/// Widest the docked outline gets.
pub const SIDEBAR_MAX: u16 = 36;

impl Reader {
    /// Does the outline take the keys (focused, or shown over the text)?
    pub fn outline_has_keys(&self, ses: &Session) -> bool {
        self.panel.open && (ses.size.0 < DOCK_MIN_WIDTH || self.panel.focused)
    }

    /// When the text moves and the outline does not have the keys, its cursor
    /// follows the section being read.
    pub(super) fn follow_outline(&mut self, ses: &Session) {
        if self.outline_has_keys(ses) {
            return;
        }
        let rows = self.layout(ses).outline_rows;
        let top = self.view.top_pos(&self.doc);
        if let Some(i) = self.panel.outline.section_at(top) {
            self.panel.cursor = self.panel.shown_for(i);
            self.panel.keep_in_view(rows);
        }
    }

    /// The section being read: the one holding the top row.
    pub fn current_section(&mut self) -> Option<usize> {
        let top = self.view.top_pos(&self.doc);
        self.panel.outline.section_at(top)
    }

    /// Carry out an outline action (from the reader or the outline itself).
    pub(super) fn outline_action(&mut self, action: Action, ses: &mut Session) -> Option<Effect> {
        let rows = self.layout(ses).outline_rows;
        let narrow = ses.size.0 < DOCK_MIN_WIDTH;
        let p = &mut self.panel;
        match action {
            Action::ToggleOutline => {
                p.open = !p.open;
                p.focused = p.open && narrow;
            }
            Action::FocusSwitch => {
                if p.open {
                    p.focused = !p.focused;
                } else {
                    p.open = true;
                    p.focused = true;
                }
                if !p.focused && narrow {
                    p.open = false;
                }
            }
            Action::Down => p.move_cursor(1),
            Action::Up => p.move_cursor(-1),
            Action::PageDown | Action::HalfDown => p.move_cursor(rows as isize),
            Action::PageUp | Action::HalfUp => p.move_cursor(-(rows as isize)),
            Action::Top => p.cursor_to_end(false),
            Action::Bottom => p.cursor_to_end(true),
            Action::Fold => p.fold(Some(true)),
            Action::Unfold => p.fold(Some(false)),
            Action::ToggleFold => p.fold(None),
            Action::Open => {
                if let Some(s) = p.outline.sections.get(p.cursor) {
                    let start = s.start;
                    p.focused = false;
                    if narrow {
                        p.open = false;
                    }
                    self.view.go_to(&self.doc, start);
                    self.changed_at = Some(Instant::now());
                }
            }
            Action::PrevSection | Action::NextSection => {
                let top = self.view.top_pos(&self.doc);
                let sections = &p.outline.sections;
                let target = match (action, p.outline.section_at(top)) {
                    (Action::NextSection, None) => sections.first(),
                    (Action::NextSection, Some(i)) => sections.get(i + 1),
                    (_, Some(i)) if sections[i].start < top => sections.get(i),
                    (_, Some(i)) => i.checked_sub(1).and_then(|j| sections.get(j)),
                    (_, None) => None,
                };
                if let Some(s) = target {
                    let start = s.start;
                    self.view.go_to(&self.doc, start);
                    self.changed_at = Some(Instant::now());
                }
            }
            Action::Back => {
                p.open = false;
                p.focused = false;
                return self.on_action(Action::Back, ses);
            }
            _ => {}
        }
        self.panel.keep_in_view(rows);
        if matches!(action, Action::ToggleOutline | Action::FocusSwitch) {
            self.resize(ses);
        }
        self.follow_outline(ses);
        None
    }
}
