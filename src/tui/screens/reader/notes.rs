//! The reader's marks on screen: a note shown over the text, a new mark
//! added, a failed save tried again, and a last save when the article is
//! left.

use super::Reader;
use super::marks::PlacedMark;
use crate::core::document::Pos;
use crate::core::marks_store::{self, MarkKind};
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, NoteTarget};
use crate::tui::keymap::Mode;
use crate::tui::session::Session;
use crossterm::event::{KeyCode, KeyEvent};
use std::time::{Duration, Instant};

/// Try a failed save of marks again this long after.
pub const RETRY_AFTER: Duration = Duration::from_secs(10);

impl Reader {
    /// Show the next note on screen (the first, if none is shown).
    pub(super) fn show_next_note(&mut self, ses: &mut Session) {
        let Some((from, to)) = self.view.visible_range(&self.doc) else {
            return;
        };
        let on_screen: Vec<&str> = self
            .marks
            .placed
            .iter()
            .filter(|m| m.is_note() && m.start < to && m.end > from)
            .map(|m| m.id.as_str())
            .collect();
        let next = match self
            .note_shown
            .as_ref()
            .and_then(|id| on_screen.iter().position(|x| x == id))
        {
            Some(i) => on_screen.get(i + 1).or(on_screen.first()),
            None => on_screen.first(),
        };
        match next {
            Some(id) => self.note_shown = Some((*id).to_string()),
            None => {
                self.note_shown = None;
                ses.flash(messages::NO_NOTE_HERE);
            }
        }
    }

    /// A key while a note is shown: Enter shows the next, `e` edits it, Esc
    /// closes it; any other key closes it and does what it does (`j` reads
    /// on): `None` then.
    pub(super) fn shown_note_key(
        &mut self,
        ev: KeyEvent,
        ses: &mut Session,
    ) -> Option<Option<Effect>> {
        match ses.config.keymap.lookup(Mode::Marks, ev) {
            Some(Action::Open) => self.show_next_note(ses),
            Some(Action::Edit) => {
                let mark = self.note_shown.take()?;
                let (article, rel) = (self.marks.data.article.clone(), self.key.clone());
                return Some(Some(Effect::WriteNote(
                    NoteTarget::Existing { article, rel, mark },
                    String::new(),
                )));
            }
            _ if ev.code == KeyCode::Esc => self.note_shown = None,
            _ => {
                self.note_shown = None;
                return None;
            }
        }
        Some(None)
    }

    /// Go to the note `mark` and show it (its passage `quote` is said when
    /// it is detached).
    pub fn show_note(&mut self, mark: &str, quote: &str, ses: &mut Session) {
        match self.marks.placed.iter().find(|m| m.id == mark) {
            Some(m) => {
                let (id, start) = (m.id.clone(), m.start);
                self.view.go_to(&self.doc, start);
                self.note_shown = Some(id);
            }
            None => ses.say(messages::mark_detached(quote)),
        }
        self.follow_outline(ses);
    }

    /// Open the editor on a new note for `start..end`.
    pub(super) fn start_new_note(
        &mut self,
        start: Pos,
        end: Pos,
        ses: &mut Session,
    ) -> Option<Effect> {
        if let Some(why) = &self.marks.read_only {
            ses.say(why.clone());
            return None;
        }
        self.pending = Some((start, end));
        // A note on this very passage is there already: that one is edited.
        if let Some(m) = self.mark_on(start, end, true) {
            let (article, rel) = (self.marks.data.article.clone(), self.key.clone());
            return Some(Effect::WriteNote(
                NoteTarget::Existing {
                    article,
                    rel,
                    mark: m.id.clone(),
                },
                String::new(),
            ));
        }
        let quote = self.doc.text_between(start, end);
        Some(Effect::WriteNote(NoteTarget::New { start, end }, quote))
    }

    /// The note (or bookmark) placed on exactly `start..end`, if any.
    pub fn mark_on(&self, start: Pos, end: Pos, note: bool) -> Option<&PlacedMark> {
        self.marks
            .placed
            .iter()
            .find(|m| m.is_note() == note && m.start == start && m.end == end)
    }

    /// Add a mark to the article and save it.
    pub fn add_mark(&mut self, kind: MarkKind, start: Pos, end: Pos, ses: &mut Session) {
        let is_note = matches!(kind, MarkKind::Note { .. });
        if let Some(why) = &self.marks.read_only {
            ses.say(why.clone());
            return;
        }
        let (_, saved) = self.marks.add(&self.doc, kind, start, end);
        self.selection = None;
        match saved {
            Ok(()) if is_note => ses.flash(messages::NOTE_SAVED),
            Ok(()) => ses.flash(messages::BOOKMARK_SAVED),
            Err(e) => ses.say(e),
        }
    }

    /// When a failed save of marks is tried again (none: nothing waits).
    pub fn retry_at(&self) -> Option<Instant> {
        if !self.marks.unsaved || self.marks.read_only.is_some() {
            return None;
        }
        Some(
            self.marks
                .failed_at
                .map_or_else(Instant::now, |t| t + RETRY_AFTER),
        )
    }

    /// Try again to save marks whose last save failed, now and then.
    pub(super) fn retry_marks(&mut self, ses: &mut Session, now: Instant) {
        if !self.marks.unsaved
            || self.marks.read_only.is_some()
            || self
                .marks
                .failed_at
                .is_some_and(|t| now.duration_since(t) < RETRY_AFTER)
        {
            return;
        }
        match self.marks.save() {
            Ok(()) => ses.flash(messages::MARKS_SAVED_NOW),
            Err(e) => ses.say(e),
        }
        self.marks.place(&self.doc);
    }

    /// Leaving the article (another opened, or quitting): a last try to
    /// save its marks whose save failed; if that fails too, they are written
    /// to a rescue file in the temp dir (only the person can read it).
    /// Returns what to tell the person.
    pub fn flush_marks(&mut self) -> Option<String> {
        if !self.marks.unsaved || self.marks.read_only.is_some() {
            return None;
        }
        self.marks.save().err()?;
        let json = serde_json::to_vec_pretty(&self.marks.data).unwrap_or_default();
        let rescued =
            marks_store::write_rescue(&std::env::temp_dir(), &self.marks.data.article, &json);
        Some(match rescued {
            Ok(rescue) => {
                messages::marks_rescued(&rescue, &self.marks.store.file(&self.marks.data.article))
            }
            Err(e) => messages::marks_lost(&e),
        })
    }
}
