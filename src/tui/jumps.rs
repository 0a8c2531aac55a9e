//! The jump list: where the reader was before each jump (a section from the
//! outline, a find hit, a bookmark or note, a hit of the library-wide find,
//! the start or end), so that a key takes them back, across articles too.

use super::action::Action;
use super::keymap::Mode;
use crate::core::document::Pos;
use std::collections::VecDeque;
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
pub fn jumps(mode: Mode, action: Action) -> bool {
    matches!(
        (mode, action),
        (Mode::Reader, Action::Top | Action::Bottom | Action::Find)
            | (
                Mode::Reader | Mode::Outline,
                Action::PrevSection | Action::NextSection
            )
            | (_, Action::NextHit | Action::PrevHit)
            | (Mode::Outline | Mode::Marks | Mode::Search, Action::Open)
    )
}

/// Keep `before` in `list` (once, the newest last; the oldest go first).
pub fn remember(list: &mut VecDeque<Place>, before: Place) {
    if list.back() != Some(&before) {
        list.push_back(before);
        if list.len() > KEEP {
            list.pop_front();
        }
    }
}
