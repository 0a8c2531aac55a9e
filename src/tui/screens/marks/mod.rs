//! The lists of bookmarks (`B`) and notes (`A`): of the open article or of
//! the whole library; go to one, rename, edit, delete and undo.

pub mod change;
pub mod entries;
pub mod view;

use crate::core::marks_store::{MarkKind, MarksStore};
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::{At, Effect, NoteTarget, Open, PromptFor};
use crate::tui::screens::reader::Reader;
use crate::tui::session::Session;
use crate::tui::widgets::list_nav;
use change::with_marks;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use entries::{Deleted, MarkEntry};
use ratatui::layout::Rect;

/// The list screen's state.
#[derive(Debug)]
pub struct MarksScreen {
    /// Notes (else bookmarks).
    pub notes: bool,
    /// The whole library (else the open article).
    pub all: bool,
    /// The entries shown.
    pub entries: Vec<MarkEntry>,
    /// The selected entry.
    pub selected: usize,
    /// The first entry on screen.
    pub scroll: usize,
    /// The last deletion, for undo.
    pub undo: Option<Deleted>,
    /// Opened from the reader (its article's marks can be shown alone).
    pub over_reader: bool,
}

impl MarksScreen {
    /// The list of bookmarks or notes, of the article in `reader` unless
    /// `all` (or there is none).
    pub fn open_list(
        notes: bool,
        all: bool,
        ses: &mut Session,
        reader: Option<&mut Reader>,
    ) -> MarksScreen {
        let over_reader = reader.is_some();
        let mut s = MarksScreen {
            notes,
            all: all || !over_reader,
            entries: Vec::new(),
            selected: 0,
            scroll: 0,
            undo: None,
            over_reader,
        };
        s.refresh(ses, reader.map(|r| &*r));
        s
    }

    /// Entries shown in `rows` rows (at least one).
    pub fn per_page(&self, rows: usize) -> usize {
        (rows / self.entry_rows()).max(1)
    }

    /// Rows each entry takes on screen.
    pub fn entry_rows(&self) -> usize {
        if self.notes { 3 } else { 2 }
    }

    /// The selected entry.
    pub fn current(&self) -> Option<&MarkEntry> {
        self.entries.get(self.selected)
    }

    /// Where the entries are drawn: under the title and a blank row, above
    /// the status line.
    pub fn list_rect(size: (u16, u16)) -> Rect {
        let (w, h) = size;
        Rect::new(0, h.min(2), w, h.saturating_sub(3).max(1))
    }

    /// Rows the list has for entries.
    pub fn rows(ses: &Session) -> usize {
        usize::from(Self::list_rect(ses.size).height)
    }

    /// Build the entries again (after a change or a scope toggle).
    pub fn refresh(&mut self, ses: &Session, reader: Option<&Reader>) {
        let current = reader.map(|r| {
            (
                r.marks.data.article.clone(),
                entries::of_reader(
                    &r.marks,
                    &r.panel.outline,
                    &r.key,
                    &r.path,
                    &r.doc.title,
                    self.notes,
                ),
            )
        });
        self.entries = match (self.all, current) {
            (false, Some((_, entries))) => entries,
            (_, current) => entries::of_library(
                &MarksStore::new(&ses.data_dir),
                ses.lib.as_ref(),
                current.as_ref().map(|(id, e)| (id.as_str(), e.clone())),
                self.notes,
            ),
        };
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
        self.scroll = list_nav::scroll_for(
            self.selected,
            self.scroll,
            self.per_page(Self::rows(ses)),
            self.entries.len(),
        );
    }

    /// Carry out an action; `reader` is the article under the list, if any.
    pub fn on_action(
        &mut self,
        action: Action,
        ses: &mut Session,
        mut reader: Option<&mut Reader>,
    ) -> Option<Effect> {
        let per_page = self.per_page(Self::rows(ses));
        if let Some(to) = list_nav::moved(self.selected, action, self.entries.len(), per_page) {
            self.selected = to;
            self.scroll = list_nav::scroll_for(to, self.scroll, per_page, self.entries.len());
            return None;
        }
        match action {
            Action::Back => return Some(Effect::Back),
            Action::ToggleScope => {
                self.all = !self.all || !self.over_reader;
                self.selected = 0;
                self.scroll = 0;
                self.refresh(ses, reader.as_deref());
            }
            Action::Open => return self.go_to_entry(ses),
            Action::Edit => {
                let e = self.current()?.clone();
                let (article, rel, mark) = (e.article.clone(), e.rel.clone(), e.mark.clone());
                return Some(match &e.kind {
                    MarkKind::Bookmark { name } => {
                        Effect::Ask(PromptFor::Rename { article, rel, mark }, name.clone())
                    }
                    MarkKind::Note { .. } => Effect::WriteNote(
                        NoteTarget::Existing { article, rel, mark },
                        e.quote.clone(),
                    ),
                });
            }
            Action::Delete => {
                let e = self.current()?.clone();
                let done = with_marks(
                    reader.as_deref_mut(),
                    &ses.data_dir,
                    &e.article,
                    &e.rel,
                    |m| m.delete(&e.mark),
                );
                if done.is_ok() {
                    self.undo = Some(Deleted {
                        article: e.article,
                        rel: e.rel,
                        mark: e.mark,
                    });
                }
                self.after_change(done.map(|()| Some(messages::DELETED_UNDO)), ses, reader);
            }
            Action::Undo => {
                let Some(d) = self.undo.take() else {
                    ses.say(messages::NOTHING_TO_UNDO);
                    return None;
                };
                let done = with_marks(
                    reader.as_deref_mut(),
                    &ses.data_dir,
                    &d.article,
                    &d.rel,
                    |m| m.undelete(&d.mark),
                );
                self.after_change(done.map(|()| Some(messages::RESTORED)), ses, reader);
            }
            _ => {}
        }
        None
    }

    /// After a change from the list: say how it went and build it again.
    fn after_change(
        &mut self,
        done: Result<Option<&str>, String>,
        ses: &mut Session,
        reader: Option<&mut Reader>,
    ) {
        match done {
            Ok(Some(m)) => ses.say(m),
            Ok(None) => ses.clear_message(),
            Err(e) => ses.say(e),
        }
        self.refresh(ses, reader.map(|r| &*r));
    }

    /// Go to the selected entry's passage, opening its article if needed.
    fn go_to_entry(&mut self, ses: &mut Session) -> Option<Effect> {
        let e = self.current()?.clone();
        let (Some(pos), Some(path)) = (e.at, e.path.clone()) else {
            ses.say(messages::mark_detached(&e.quote));
            return None;
        };
        Some(Effect::Open(Open {
            path,
            key: e.rel.clone(),
            at: At::Mark {
                article: e.article.clone(),
                mark: e.mark.clone(),
                pos,
            },
        }))
    }

    /// A mouse event (the wheel is an action, read before).
    pub fn on_mouse(&mut self, ev: MouseEvent, ses: &mut Session) -> Option<Effect> {
        if ev.kind != MouseEventKind::Down(MouseButton::Left) {
            return None;
        }
        let list = Self::list_rect(ses.size);
        let row = ev.row.checked_sub(list.y)?;
        let i = self.scroll + usize::from(row) / self.entry_rows();
        if i >= self.entries.len() {
            return None;
        }
        if i == self.selected {
            return Some(Effect::Action(Action::Open));
        }
        self.selected = i;
        None
    }
}
