//! The jump list: where the reader was before each jump (a section from the
//! outline, a find hit, a bookmark or note, the start or end), so that a key
//! takes them back, across articles too.

use super::action::Action;
use super::app::{App, Screen};
use crate::core::document::Pos;
use std::path::PathBuf;

/// Most places kept.
const KEEP: usize = 100;

/// A place in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub path: PathBuf,
    /// Its reading-state key.
    pub key: String,
    /// The position at the top of the screen.
    pub pos: Pos,
}

/// Does this action, in this mode, jump?
fn jumps(app: &App, action: Action) -> bool {
    use super::keymap::Mode;
    matches!(
        (app.mode(), action),
        (Mode::Reader, Action::Top | Action::Bottom | Action::Find)
            | (
                Mode::Reader | Mode::Outline,
                Action::PrevSection | Action::NextSection
            )
            | (_, Action::NextHit | Action::PrevHit)
            | (Mode::Outline | Mode::Marks | Mode::Search, Action::Open)
    )
}

impl App {
    /// Where the reader is now.
    pub fn place(&mut self) -> Option<Place> {
        let r = self.reader.as_mut()?;
        Some(Place {
            path: r.path.clone(),
            key: r.key.clone(),
            pos: r.view.top_pos(&r.doc),
        })
    }

    /// Before an action: the place to remember if it turns out to be a jump.
    pub(super) fn before_jump(&mut self, action: Action) -> Option<Place> {
        if !jumps(self, action) {
            return None;
        }
        self.place()
    }

    /// After the action: remember `before` if the reader moved.
    pub(super) fn after_jump(&mut self, before: Option<Place>) {
        let Some(before) = before else {
            return;
        };
        // Opening the find prompt is a jump already: the typing moves the view.
        let moved = self.finding() || self.place().as_ref() != Some(&before);
        if moved && self.jumps.back() != Some(&before) {
            self.jumps.push_back(before);
            if self.jumps.len() > KEEP {
                self.jumps.pop_front();
            }
        }
    }

    /// Go back to where the last jump left from.
    pub(super) fn jump_back(&mut self) {
        let here = self.place();
        while let Some(to) = self.jumps.pop_back() {
            if Some(&to) == here.as_ref() {
                continue;
            }
            let same_article = self.reader.as_ref().is_some_and(|r| r.path == to.path);
            if !same_article {
                self.save_position();
                if let Err(e) = self.open(&to.path, to.key.clone()) {
                    self.message = Some(e);
                    continue;
                }
            }
            if let Some(r) = self.reader.as_mut() {
                r.view.go_to(&r.doc, to.pos);
                r.changed_at = Some(std::time::Instant::now());
            }
            self.screen = Screen::Reader;
            self.follow_outline();
            return;
        }
        self.message = Some(crate::messages::NO_JUMP_BACK.to_string());
    }
}
