//! The app's find in the article: the prompt (Cyrillic typed as text,
//! Backspace a whole letter with its accents, ↑/↓ history), incremental
//! search, n/N with wrap-around.

use super::app::App;
use crate::core::find::{Hit, nearest};
use crossterm::event::{KeyCode, KeyEvent};
use std::time::Instant;

/// Most queries kept in the history.
const HISTORY: usize = 50;

impl App {
    /// Open the find prompt.
    pub(super) fn start_find(&mut self) {
        if let Some(r) = self.reader.as_mut() {
            r.find.prompt = true;
            r.find.origin = Some(r.view.top_pos(&r.doc));
            r.find.query.clear();
            r.find.hits.clear();
            r.find.current = None;
            self.history_pos = None;
        }
    }

    /// Is the find prompt taking the keys?
    pub fn finding(&self) -> bool {
        self.reader.as_ref().is_some_and(|r| r.find.prompt)
    }

    /// A key while the prompt is open.
    pub(super) fn find_key(&mut self, ev: KeyEvent) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        if super::text_field::edit(&mut r.find.query, &ev) {
            return self.search_now();
        }
        match ev.code {
            KeyCode::Enter => {
                r.find.prompt = false;
                // Kept: the place the hit moved to is the reader's now.
                if r.find.origin.take() != Some(r.view.top_pos(&r.doc)) {
                    r.changed_at = Some(Instant::now());
                }
                let q = r.find.query.trim().to_string();
                if !q.is_empty() {
                    self.find_history.retain(|h| *h != q);
                    self.find_history.push(q);
                    if self.find_history.len() > HISTORY {
                        self.find_history.remove(0);
                    }
                }
                return;
            }
            KeyCode::Esc => {
                // Cancelled: back where the reader was before `/`.
                if let Some(origin) = r.find.origin.take() {
                    r.view.go_to(&r.doc, origin);
                }
                r.find.clear();
                self.follow_outline();
                return;
            }
            KeyCode::Up | KeyCode::Down => {
                let n = self.find_history.len();
                if n == 0 {
                    return;
                }
                let pos = match (ev.code, self.history_pos) {
                    (KeyCode::Up, None) => Some(n - 1),
                    (KeyCode::Up, Some(p)) => Some(p.saturating_sub(1)),
                    (_, Some(p)) if p + 1 < n => Some(p + 1),
                    _ => None,
                };
                self.history_pos = pos;
                r.find.query = pos
                    .and_then(|p| self.find_history.get(p).cloned())
                    .unwrap_or_default();
            }
            _ => return,
        }
        self.search_now();
    }

    /// Search for the query as typed and show the nearest hit.
    fn search_now(&mut self) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let from = r.find.origin.unwrap_or_else(|| r.view.top_pos(&r.doc));
        r.find.search(&r.doc);
        let changed_at = r.changed_at;
        if let Some(i) = nearest(&r.find.hits, from) {
            r.find.current = Some(i);
            let hit = r.find.hits[i].clone();
            self.show_hit(&hit);
        } else if r.find.origin.is_some() {
            // No hit (yet): the reader stays where it was before `/`.
            r.view.go_to(&r.doc, from);
            self.follow_outline();
        }
        // A place reached only by typing is not saved (Enter keeps it).
        if let Some(r) = self.reader.as_mut()
            && r.find.prompt
        {
            r.changed_at = changed_at;
        }
    }

    /// Go to the next (`delta` 1) or previous (-1) hit, wrapping around.
    /// The step goes from the current hit while it is on screen, else from
    /// the screen itself (after `Space` ×100 or `G`, `n` goes on from
    /// there), and says so when it wraps around.
    pub(super) fn step_hit(&mut self, delta: isize) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let n = r.find.hits.len();
        if n == 0 {
            return;
        }
        let visible = r.view.visible(&r.doc);
        let shown = |h: &Hit| {
            visible
                .iter()
                .any(|l| l.block == h.block && l.contains(h.range.start))
        };
        let on_screen = r.find.current.filter(|&c| shown(&r.find.hits[c]));
        let (next, wrapped) = match on_screen {
            Some(c) => {
                let j = c as isize + delta;
                (j.rem_euclid(n as isize) as usize, j < 0 || j >= n as isize)
            }
            None => {
                let top = r.view.top_pos(&r.doc);
                let found = if delta >= 0 {
                    r.find.hits.iter().position(|h| h.start() >= top)
                } else {
                    r.find.hits.iter().rposition(|h| h.start() < top)
                };
                match found {
                    Some(i) => (i, false),
                    None if delta >= 0 => (0, true),
                    None => (n - 1, true),
                }
            }
        };
        r.find.current = Some(next);
        let hit = r.find.hits[next].clone();
        if wrapped {
            self.message = Some(
                if delta >= 0 {
                    crate::messages::FROM_THE_TOP
                } else {
                    crate::messages::FROM_THE_BOTTOM
                }
                .to_string(),
            );
        }
        self.show_hit(&hit);
    }

    /// Scroll so that `hit` is on screen, a third of the way down.
    fn show_hit(&mut self, hit: &Hit) {
        let rows = self.text_rows();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let on_screen = |r: &mut super::app::Reader| {
            r.view
                .visible(&r.doc)
                .iter()
                .skip(1)
                .take(rows.saturating_sub(2))
                .any(|l| l.block == hit.block && l.contains(hit.range.start))
        };
        if !on_screen(r) {
            r.view.go_to(&r.doc, hit.start());
            r.view.scroll(&r.doc, -((rows / 3) as isize));
            if !on_screen(r) {
                // Near the end `go_to` stops at the last screen: the third
                // scrolled back would push the hit below it.
                r.view.go_to(&r.doc, hit.start());
            }
            r.changed_at = Some(Instant::now());
        }
        self.follow_outline();
    }
}
