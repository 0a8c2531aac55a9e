//! The app's outline: opening and closing the panel, moving in it, jumping
//! to sections, and where the panel sits on screen.

use super::action::Action;
use super::app::{App, Screen};
use std::time::Instant;

/// Windows at least this wide show the outline beside the text; narrower
/// ones show it over the text.
pub const DOCK_MIN_WIDTH: u16 = 80;
/// Widest the docked outline gets.
const SIDEBAR_MAX: u16 = 36;

impl App {
    /// Is the outline shown beside the text (not over it)?
    pub fn outline_docked(&self) -> bool {
        self.outline_open() && self.size.0 >= DOCK_MIN_WIDTH
    }

    /// Is the outline shown?
    pub fn outline_open(&self) -> bool {
        self.screen == Screen::Reader && self.reader.as_ref().is_some_and(|r| r.panel.open)
    }

    /// Does the outline take the keys (focused, or shown over the text)?
    pub fn outline_has_keys(&self) -> bool {
        self.outline_open()
            && (!self.outline_docked() || self.reader.as_ref().is_some_and(|r| r.panel.focused))
    }

    /// Columns taken by the docked outline (and its border), 0 when there is none.
    pub fn sidebar_width(&self) -> u16 {
        if self.outline_docked() {
            (self.size.0 / 3).min(SIDEBAR_MAX)
        } else {
            0
        }
    }

    /// Where the outline panel is drawn: x, y, width, height (border included).
    pub fn outline_rect(&self) -> (u16, u16, u16, u16) {
        let (w, h) = self.size;
        if self.outline_docked() {
            (0, 0, self.sidebar_width(), h.saturating_sub(1))
        } else {
            let pw = w.saturating_sub(4).min(64).max(w.min(10));
            (w.saturating_sub(pw) / 2, 1, pw, h.saturating_sub(3))
        }
    }

    /// Rows of outline entries on screen.
    pub fn outline_rows(&self) -> usize {
        let rows = usize::from(self.size.1.saturating_sub(1));
        if self.outline_docked() {
            rows
        } else {
            rows.saturating_sub(4)
        }
    }

    /// When the text moves and the outline does not have the keys, its cursor
    /// follows the section being read.
    pub(super) fn follow_outline(&mut self) {
        let rows = self.outline_rows();
        let has_keys = self.outline_has_keys();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        if has_keys {
            return;
        }
        let top = r.view.top_pos(&r.doc);
        if let Some(i) = r.panel.outline.section_at(top) {
            r.panel.cursor = r.panel.shown_for(i);
            r.panel.keep_in_view(rows);
        }
    }

    /// The section being read: the one holding the top row.
    pub fn current_section(&mut self) -> Option<usize> {
        let r = self.reader.as_mut()?;
        let top = r.view.top_pos(&r.doc);
        r.panel.outline.section_at(top)
    }

    fn relayout(&mut self) {
        let (w, h) = self.size;
        self.resize(w, h);
    }

    /// Carry out an outline action (from the reader or the outline itself).
    pub(super) fn outline_action(&mut self, action: Action) {
        let rows = self.outline_rows();
        let docked_before = self.outline_docked();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let p = &mut r.panel;
        match action {
            Action::ToggleOutline => {
                p.open = !p.open;
                p.focused = p.open && !docked_before && self.size.0 < DOCK_MIN_WIDTH;
            }
            Action::FocusSwitch => {
                if p.open {
                    p.focused = !p.focused;
                } else {
                    p.open = true;
                    p.focused = true;
                }
                if !p.focused && self.size.0 < DOCK_MIN_WIDTH {
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
                    if self.size.0 < DOCK_MIN_WIDTH {
                        p.open = false;
                    }
                    r.view.go_to(&r.doc, start);
                    r.changed_at = Some(Instant::now());
                }
            }
            Action::PrevSection | Action::NextSection => {
                let top = r.view.top_pos(&r.doc);
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
                    r.view.go_to(&r.doc, start);
                    r.changed_at = Some(Instant::now());
                }
            }
            Action::Back => {
                p.open = false;
                p.focused = false;
                return self.update(Action::Back);
            }
            _ => {}
        }
        let p = &mut r.panel;
        p.keep_in_view(rows);
        if matches!(action, Action::ToggleOutline | Action::FocusSwitch) {
            self.relayout();
        }
        self.follow_outline();
    }
}
