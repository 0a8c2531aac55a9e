//! Choosing a passage by sentences (keys and the wheel), and what is done
//! with the passage: copy it, bookmark it, write a note on it.

use super::Reader;
use super::choose_state::Selection;
use crate::core::document::Pos;
use crate::core::sentence;
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, PromptFor};
use crate::tui::session::Session;

impl Reader {
    /// The passage commands act on: the chosen one, else the sentence at the
    /// top of the text area.
    pub fn passage(&mut self) -> Option<(Pos, Pos)> {
        if let Some(sel) = &self.selection {
            return Some(sel.range());
        }
        let top = self.view.top_pos(&self.doc);
        let s = sentence::sentence_from(&self.doc, top)?;
        Some((s.start(), s.end()))
    }

    /// Keys while a passage is being chosen.
    pub(super) fn select_action(&mut self, action: Action, ses: &mut Session) -> Option<Effect> {
        match action {
            Action::Bookmark | Action::Annotate => return self.mark_action(action, ses),
            Action::Copy => {
                let (a, b) = self.passage()?;
                let quote = self.doc.text_between(a, b);
                ses.flash(messages::copied(crate::core::document::count_words(&quote)));
                self.selection = None;
                return Some(Effect::Copy(quote.replace('\u{AD}', "")));
            }
            Action::Back | Action::Select => {
                self.selection = None;
                return None;
            }
            _ => {}
        }
        let sel = self.selection.as_mut()?;
        let moved = match action {
            // The wheel reads on, the choice stays.
            Action::WheelDown | Action::WheelUp => {
                let d = if action == Action::WheelDown { 3 } else { -3 };
                self.view.scroll(&self.doc, d);
                return None;
            }
            Action::Down => sel.step(&self.doc, true),
            Action::Up => sel.step(&self.doc, false),
            Action::ParaDown => sel.step_paragraph(&self.doc, true),
            Action::ParaUp => sel.step_paragraph(&self.doc, false),
            _ => false,
        };
        if moved {
            let head = sel.head.clone();
            self.keep_in_view(head.start(), head.end());
        }
        None
    }

    /// Scroll so that the passage being written on starts within the top
    /// `rows` rows (a box covers the rest), when it does not already.
    pub fn keep_pending_above(&mut self, rows: usize) {
        let Some((start, _)) = self.pending else {
            return;
        };
        let lines = self.view.visible(&self.doc);
        let at = lines
            .iter()
            .position(|l| l.block == start.block && l.contains(start.offset));
        if at.is_none_or(|i| i >= rows.max(1)) {
            self.view.go_to(&self.doc, start);
        }
    }

    /// Scroll so that `start..end` is on screen (its end first when below).
    fn keep_in_view(&mut self, start: Pos, end: Pos) {
        let top = self.view.top_pos(&self.doc);
        self.view.reveal(&self.doc, start, end);
        if self.view.top_pos(&self.doc) != top {
            self.changed_at = Some(std::time::Instant::now());
        }
    }

    /// Reader keys for marks: choose, bookmark, note, show, lists.
    pub(super) fn mark_action(&mut self, action: Action, ses: &mut Session) -> Option<Effect> {
        if let Some(why) = self.marks.read_only.clone()
            && matches!(action, Action::Bookmark | Action::Annotate)
        {
            ses.say(why);
            return None;
        }
        match action {
            Action::Select => {
                let top = self.view.top_pos(&self.doc);
                match sentence::sentence_from(&self.doc, top) {
                    Some(s) => self.selection = Some(Selection::new(s)),
                    None => ses.say(messages::NO_PASSAGE),
                }
                None
            }
            Action::Bookmark => match self.passage() {
                Some((start, end)) => {
                    self.pending = Some((start, end));
                    // Bookmarked already: the prompt renames that bookmark.
                    if let Some(m) = self.mark_on(start, end, false) {
                        let name = match &m.kind {
                            crate::core::marks_store::MarkKind::Bookmark { name } => name.clone(),
                            crate::core::marks_store::MarkKind::Note { .. } => String::new(),
                        };
                        let purpose = PromptFor::Rename {
                            article: self.marks.data.article.clone(),
                            rel: self.key.clone(),
                            mark: m.id.clone(),
                        };
                        return Some(Effect::Ask(purpose, name));
                    }
                    Some(Effect::Ask(
                        PromptFor::BookmarkName { start, end },
                        String::new(),
                    ))
                }
                None => {
                    ses.say(messages::NO_PASSAGE);
                    None
                }
            },
            Action::Annotate => match self.passage() {
                Some((start, end)) => self.start_new_note(start, end, ses),
                None => {
                    ses.say(messages::NO_PASSAGE);
                    None
                }
            },
            Action::ShowNote => {
                self.show_next_note(ses);
                None
            }
            Action::Bookmarks | Action::Notes => Some(Effect::ShowMarks {
                notes: action == Action::Notes,
                all: false,
            }),
            _ => None,
        }
    }
}
