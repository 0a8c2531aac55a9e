//! Find in the article: the prompt (Cyrillic typed as text, Backspace a
//! whole letter with its accents, ↑/↓ history), incremental search from
//! where `/` was typed (the nearest hit first, the rest counted between
//! keys), n/N from the screen being read, with wrap-around.

use super::{Reader, find_state};
use crate::core::document::Pos;
use crate::core::find::Hit;
use crate::tui::effect::Effect;
use crate::tui::session::{Session, history_step};
use crate::tui::widgets::text_input;
use crossterm::event::{KeyCode, KeyEvent};
use std::time::Instant;

impl Reader {
    /// Open the find prompt (the find it replaces comes back on Esc).
    pub(super) fn start_find(&mut self, _ses: &mut Session) -> Option<Effect> {
        self.find.keep();
        self.find.prompt = true;
        self.find.origin = Some(self.view.top_pos(&self.doc));
        self.find.history_at = None;
        None
    }

    /// A key while the prompt is open.
    pub(super) fn find_key(&mut self, ev: KeyEvent, ses: &mut Session) {
        if text_input::edit(&mut self.find.query, &ev) {
            return self.search_now(ses);
        }
        match ev.code {
            KeyCode::Enter => {
                // An empty query finds the last one again, as in less and vim.
                if self.find.query.trim().is_empty()
                    && let Some(last) = ses.find_history.last().cloned()
                {
                    self.find.query = last;
                    self.search_now(ses);
                }
                self.find.prompt = false;
                self.find.kept = None;
                // Kept: the place the hit moved to is the reader's now.
                if self.find.origin.take() != Some(self.view.top_pos(&self.doc)) {
                    self.changed_at = Some(Instant::now());
                }
                Session::remember(&mut ses.find_history, &self.find.query);
                return;
            }
            KeyCode::Esc => {
                // Cancelled: back where the reader was before `/`, with the
                // find that was there (its hits, its current one).
                if let Some(origin) = self.find.origin.take() {
                    self.view.go_to(&self.doc, origin);
                }
                self.find.restore();
                self.follow_outline(ses);
                return;
            }
            KeyCode::Up | KeyCode::Down => {
                let n = ses.find_history.len();
                if n == 0 {
                    return;
                }
                let at = history_step(n, self.find.history_at, ev.code == KeyCode::Up);
                self.find.history_at = at;
                self.find.query = at
                    .and_then(|p| ses.find_history.get(p).cloned())
                    .unwrap_or_default();
            }
            _ => return,
        }
        self.search_now(ses);
    }

    /// Search for the query as typed (a slice of it: the rest is counted
    /// between keys) and show the nearest hit once it is found.
    fn search_now(&mut self, ses: &mut Session) {
        let from = self
            .find
            .origin
            .unwrap_or_else(|| self.view.top_pos(&self.doc));
        self.find.search(&self.doc, from);
        self.show_found(ses);
    }

    /// Show the hit nearest the search's start if it is found by now; with
    /// no hit at all, the reader stays where it was before `/`.
    fn show_found(&mut self, ses: &mut Session) {
        let changed_at = self.changed_at;
        if let Some(i) = self.find.nearest(&self.doc) {
            self.find.current = Some(i);
            self.find.follow = false;
            let hit = self.find.hits()[i].clone();
            self.show_hit(&hit, ses);
        } else if !self.find.counting(&self.doc) {
            self.find.follow = false;
            if let Some(from) = self.find.origin {
                self.view.go_to(&self.doc, from);
                self.follow_outline(ses);
            }
        }
        // A place reached only by typing is not saved (Enter keeps it).
        if self.find.prompt {
            self.changed_at = changed_at;
        }
    }

    /// A slice of the find's counting between keys (the hit the reader
    /// waits for is shown when it is found). True while it goes on.
    pub(super) fn find_tick(&mut self, ses: &mut Session) -> bool {
        if !self.find.counting(&self.doc) {
            return false;
        }
        self.find
            .work(&self.doc, Instant::now() + find_state::TICK_SLICE);
        if self.find.follow {
            self.show_found(ses);
        }
        self.find.counting(&self.doc)
    }

    /// Go to the next (`delta` 1) or previous (-1) hit, wrapping around.
    /// The step goes from the current hit while it is on screen, else from
    /// the screen itself (after `Space` ×100 or `G`, `n` goes on from
    /// there), and says so when it wraps around.
    pub(super) fn step_hit(&mut self, delta: isize, ses: &mut Session) -> Option<Effect> {
        if self.find.query.is_empty() {
            // Hits cleared (Esc): n finds the last query again, as in vim.
            let Some(last) = ses.find_history.last().cloned() else {
                ses.say(crate::messages::NO_FIND_YET);
                return None;
            };
            self.find.query = last;
            let top = self.view.top_pos(&self.doc);
            self.find.search(&self.doc, top);
        }
        self.find.follow = false;
        let visible = self.view.visible(&self.doc);
        let shown = |h: &Hit| {
            visible
                .iter()
                .any(|l| l.block == h.block && l.contains(h.range.start))
        };
        let hits = self.find.hits();
        let from_current = self
            .find
            .current
            .and_then(|c| hits.get(c))
            .is_some_and(shown);
        // From the current hit the count goes on only as far as the step
        // needs; from the screen, every hit is needed.
        if from_current {
            self.find.reach_step(&self.doc, delta);
        } else {
            self.find.finish(&self.doc);
        }
        let hits = self.find.hits();
        let n = hits.len();
        if n == 0 {
            ses.say(crate::messages::NO_HITS);
            return None;
        }
        let on_screen = self.find.current.filter(|_| from_current);
        let (next, wrapped) = match on_screen {
            Some(c) => {
                let j = c as isize + delta;
                (j.rem_euclid(n as isize) as usize, j < 0 || j >= n as isize)
            }
            None => {
                let top = self.view.top_pos(&self.doc);
                let found = if delta >= 0 {
                    hits.iter().position(|h| h.start() >= top)
                } else {
                    hits.iter().rposition(|h| h.start() < top)
                };
                match found {
                    Some(i) => (i, false),
                    None if delta >= 0 => (0, true),
                    None => (n - 1, true),
                }
            }
        };
        let hit = hits[next].clone();
        self.find.current = Some(next);
        if wrapped {
            ses.flash(if delta >= 0 {
                crate::messages::FROM_THE_TOP
            } else {
                crate::messages::FROM_THE_BOTTOM
            });
        }
        self.show_hit(&hit, ses);
        None
    }

    /// Scroll so that `hit` is on screen, a third of the way down.
    pub(super) fn show_hit(&mut self, hit: &Hit, ses: &mut Session) {
        let rows = Self::text_rows(ses);
        if !self.shows(hit.start(), rows) {
            self.reveal(hit.start(), rows);
        }
        self.follow_outline(ses);
    }

    /// Is `pos` on screen, off its first and last rows?
    fn shows(&mut self, pos: Pos, rows: usize) -> bool {
        self.view
            .visible(&self.doc)
            .iter()
            .skip(1)
            .take(rows.saturating_sub(2))
            .any(|l| l.block == pos.block && l.contains(pos.offset))
    }

    /// Go to `pos` with lines above it, a third of the window (a hit, a
    /// mark: where it stands). A move of the reader's.
    pub(super) fn reveal(&mut self, pos: Pos, rows: usize) {
        self.view.go_to(&self.doc, pos);
        self.view.scroll(&self.doc, -((rows / 3) as isize));
        if !self.shows(pos, rows) {
            // Near the end `go_to` stops at the last screen: the third
            // scrolled back would push `pos` below it.
            self.view.go_to(&self.doc, pos);
        }
        self.changed_at = Some(Instant::now());
    }
}
