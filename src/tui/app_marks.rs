//! The app's bookmarks and notes: choosing a passage, the name prompt,
//! showing a note, and the lists (`B`, `A`) with jump, rename, delete, undo.

use super::action::Action;
use super::app::{App, Screen};
use super::list_nav;
use super::marks_list::{self, Deleted, MarksList};
use super::marks_state::{read_only_reason, warning_text};
use super::selection::Selection;
use crate::core::document::Pos;
use crate::core::marks_store::{self, ArticleMarks, MarkKind, MarksStore};
use crate::core::sentence;
use crate::core::store::StoreWarning;
use crate::messages;
use crossterm::event::{KeyCode, KeyEvent};

/// What a one-line prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// The name of a new bookmark on `start..end`.
    BookmarkName {
        /// Start of the passage.
        start: Pos,
        /// End of the passage.
        end: Pos,
    },
    /// A new name for a bookmark.
    Rename {
        /// The article's content id.
        article: String,
        /// Its path.
        rel: String,
        /// The mark.
        mark: String,
    },
}

/// A one-line prompt on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What the text is for.
    pub purpose: PromptFor,
    /// The text typed.
    pub text: String,
}

impl App {
    /// The passage commands act on: the chosen one, else the sentence at the
    /// top of the text area.
    pub fn passage(&mut self) -> Option<(Pos, Pos)> {
        let r = self.reader.as_mut()?;
        if let Some(sel) = &r.selection {
            return Some(sel.range());
        }
        let top = r.view.top_pos(&r.doc);
        let s = sentence::sentence_from(&r.doc, top)?;
        Some((s.start(), s.end()))
    }

    /// Keys while a passage is being chosen.
    pub(super) fn select_action(&mut self, action: Action) {
        match action {
            Action::Bookmark | Action::Annotate => return self.mark_action(action),
            Action::Copy => {
                let Some((a, b)) = self.passage() else { return };
                let Some(r) = self.reader.as_mut() else {
                    return;
                };
                let quote = r.doc.text_between(a, b);
                self.message = Some(messages::copied(crate::core::document::count_words(&quote)));
                self.clipboard = Some(quote.replace('\u{AD}', ""));
                r.selection = None;
                return;
            }
            Action::Back | Action::Select => {
                if let Some(r) = self.reader.as_mut() {
                    r.selection = None;
                }
                return;
            }
            _ => {}
        }
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let Some(sel) = r.selection.as_mut() else {
            return;
        };
        let moved = match action {
            // The wheel reads on, the choice stays.
            Action::WheelDown | Action::WheelUp => {
                let d = if action == Action::WheelDown { 3 } else { -3 };
                r.view.scroll(&r.doc, d);
                return;
            }
            Action::Down => sel.step(&r.doc, true),
            Action::Up => sel.step(&r.doc, false),
            Action::ParaDown => sel.step_paragraph(&r.doc, true),
            Action::ParaUp => sel.step_paragraph(&r.doc, false),
            _ => false,
        };
        if moved {
            let head = sel.head.clone();
            self.keep_in_view(head.start(), head.end());
        }
    }

    /// Scroll so that `start..end` is on screen (its end first when below).
    fn keep_in_view(&mut self, start: Pos, end: Pos) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let top = r.view.top_pos(&r.doc);
        r.view.reveal(&r.doc, start, end);
        if r.view.top_pos(&r.doc) != top {
            r.changed_at = Some(std::time::Instant::now());
        }
    }

    /// Reader keys for marks: choose, bookmark, note, show, lists.
    pub(super) fn mark_action(&mut self, action: Action) {
        let read_only = self.reader.as_ref().and_then(|r| r.marks.read_only.clone());
        if let Some(why) = read_only
            && matches!(action, Action::Bookmark | Action::Annotate)
        {
            self.message = Some(why);
            return;
        }
        match action {
            Action::Select => {
                let Some(r) = self.reader.as_mut() else {
                    return;
                };
                let top = r.view.top_pos(&r.doc);
                match sentence::sentence_from(&r.doc, top) {
                    Some(s) => r.selection = Some(Selection::new(s)),
                    None => self.message = Some(messages::NO_PASSAGE.to_string()),
                }
            }
            Action::Bookmark => match self.passage() {
                Some((start, end)) => {
                    self.prompt = Some(super::app_marks::Prompt {
                        purpose: PromptFor::BookmarkName { start, end },
                        text: String::new(),
                    })
                }
                None => self.message = Some(messages::NO_PASSAGE.to_string()),
            },
            Action::Annotate => match self.passage() {
                Some((start, end)) => self.start_new_note(start, end),
                None => self.message = Some(messages::NO_PASSAGE.to_string()),
            },
            Action::ShowNote => self.show_next_note(),
            Action::Bookmarks => self.open_marks_list(false),
            Action::Notes => self.open_marks_list(true),
            _ => {}
        }
    }

    /// Is the one-line prompt taking the keys?
    pub fn prompting(&self) -> bool {
        self.prompt.is_some()
    }

    /// A key while the prompt is open.
    pub(super) fn prompt_key(&mut self, ev: KeyEvent) {
        let Some(p) = self.prompt.as_mut() else {
            return;
        };
        if super::text_field::edit(&mut p.text, &ev) {
            return;
        }
        match ev.code {
            KeyCode::Esc => self.prompt = None,
            KeyCode::Enter => {
                let Some(p) = self.prompt.take() else { return };
                let name = p.text.trim().to_string();
                match p.purpose {
                    PromptFor::BookmarkName { start, end } => {
                        self.add_mark(MarkKind::Bookmark { name }, start, end)
                    }
                    PromptFor::Rename { article, rel, mark } => {
                        let done = self.with_marks(&article, &rel, |m| {
                            m.set_kind(&mark, MarkKind::Bookmark { name })
                        });
                        self.after_list_change(done.map(|()| None::<String>));
                    }
                }
            }
            _ => {}
        }
    }

    /// Add a mark to the open article and save it.
    pub(super) fn add_mark(&mut self, kind: MarkKind, start: Pos, end: Pos) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let is_note = matches!(kind, MarkKind::Note { .. });
        if let Some(why) = &r.marks.read_only {
            self.message = Some(why.clone());
            return;
        }
        let (_, saved) = r.marks.add(&r.doc, kind, start, end);
        r.selection = None;
        self.message = Some(match saved {
            Ok(()) if is_note => messages::NOTE_SAVED.to_string(),
            Ok(()) => messages::BOOKMARK_SAVED.to_string(),
            Err(e) => e,
        });
    }

    /// Change the marks of an article: in memory when it is open (and then
    /// saved), else in its file. `change` returns false when the mark is not
    /// there (deleted or gone), which is reported.
    pub(super) fn with_marks(
        &mut self,
        article: &str,
        rel: &str,
        change: impl FnOnce(&mut ArticleMarks) -> bool,
    ) -> Result<(), String> {
        if let Some(r) = self
            .reader
            .as_mut()
            .filter(|r| r.marks.data.article == article)
        {
            if let Some(why) = &r.marks.read_only {
                return Err(why.clone());
            }
            if !change(&mut r.marks.data) {
                return Err(messages::MARK_GONE.to_string());
            }
            let saved = r.marks.save();
            r.marks.place(&r.doc);
            return saved;
        }
        let store = MarksStore::new(&self.data_dir);
        let (mut m, read_only, warning, file) = store.load_from(article, rel);
        if let Some(w) = &warning {
            if let StoreWarning::Corrupt(aside) = w {
                // Said now: not again at the next start.
                crate::core::notices::forget(&self.data_dir, aside);
            }
            // The mark to change was in the file that could not be used.
            return Err(match w {
                StoreWarning::Newer(_) => read_only_reason(Some(w)),
                _ => warning_text(w),
            });
        }
        if read_only {
            return Err(messages::MARKS_READ_ONLY.to_string());
        }
        if !change(&mut m) {
            return Err(messages::MARK_GONE.to_string());
        }
        let old = (file != store.file(&m.article)).then_some(file);
        store
            .save(&mut m, old.as_deref())
            .map_err(|e| e.to_string())
    }

    /// Show the next note on screen (the first, if none is shown).
    fn show_next_note(&mut self) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let Some((from, to)) = r.view.visible_range(&r.doc) else {
            return;
        };
        let on_screen: Vec<&str> = r
            .marks
            .placed
            .iter()
            .filter(|m| m.is_note() && m.start < to && m.end > from)
            .map(|m| m.id.as_str())
            .collect();
        let next = match r
            .note_shown
            .as_ref()
            .and_then(|id| on_screen.iter().position(|x| x == id))
        {
            Some(i) => on_screen.get(i + 1).or(on_screen.first()),
            None => on_screen.first(),
        };
        match next {
            Some(id) => r.note_shown = Some((*id).to_string()),
            None => {
                r.note_shown = None;
                self.message = Some(messages::NO_NOTE_HERE.to_string());
            }
        }
    }

    /// A key while a note is shown: Enter shows the next, `e` edits it, Esc
    /// closes it; any other key closes it and does what it does (`j` reads
    /// on). Returns true when the key was used here.
    pub(super) fn shown_note_key(&mut self, ev: KeyEvent) -> bool {
        let Some(r) = self.reader.as_mut() else {
            return false;
        };
        let action = self.config.keymap.lookup(super::keymap::Mode::Marks, ev);
        match action {
            Some(Action::Open) => self.show_next_note(),
            Some(Action::Edit) => {
                let Some(id) = r.note_shown.take() else {
                    return true;
                };
                let (article, rel) = (r.marks.data.article.clone(), r.key.clone());
                self.edit_existing_note(&article, &rel, &id);
            }
            _ if ev.code == KeyCode::Esc => r.note_shown = None,
            _ => {
                r.note_shown = None;
                return false;
            }
        }
        true
    }

    /// Open the list of bookmarks or notes, of this article first.
    fn open_marks_list(&mut self, notes: bool) {
        let back_to = self.screen;
        self.marks_list = Some(MarksList {
            notes,
            all: self.reader.is_none() || back_to != Screen::Reader,
            entries: Vec::new(),
            selected: 0,
            scroll: 0,
            undo: None,
            back_to,
        });
        self.refresh_marks_list();
        self.screen = Screen::Marks;
    }

    /// Rows the list has for entries.
    pub fn marks_list_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(3)).max(1)
    }

    /// Build the list's entries again (after a change or a scope toggle).
    pub(super) fn refresh_marks_list(&mut self) {
        let Some(ml) = self.marks_list.as_ref() else {
            return;
        };
        let (notes, all) = (ml.notes, ml.all);
        let current = self.reader.as_ref().map(|r| {
            (
                r.marks.data.article.clone(),
                marks_list::of_reader(
                    &r.marks,
                    &r.panel.outline,
                    &r.key,
                    &r.path,
                    &r.doc.title,
                    notes,
                ),
            )
        });
        let entries = match (all, current) {
            (false, Some((_, entries))) => entries,
            (_, current) => marks_list::of_library(
                &MarksStore::new(&self.data_dir),
                self.library.as_ref().map(|l| &l.lib),
                current.as_ref().map(|(id, e)| (id.as_str(), e.clone())),
                notes,
            ),
        };
        let page = self.marks_list_rows();
        if let Some(ml) = self.marks_list.as_mut() {
            ml.entries = entries;
            ml.selected = ml.selected.min(ml.entries.len().saturating_sub(1));
            ml.scroll =
                list_nav::scroll_for(ml.selected, ml.scroll, ml.per_page(page), ml.entries.len());
        }
    }

    /// Keys of the list screen.
    pub(super) fn marks_list_action(&mut self, action: Action) {
        let page = self.marks_list_rows();
        let Some(ml) = self.marks_list.as_mut() else {
            return;
        };
        let per_page = ml.per_page(page);
        if let Some(to) = list_nav::moved(ml.selected, action, ml.entries.len(), per_page) {
            ml.selected = to;
            ml.scroll = list_nav::scroll_for(to, ml.scroll, per_page, ml.entries.len());
            return;
        }
        match action {
            Action::Back => {
                self.screen = ml.back_to;
                self.marks_list = None;
            }
            Action::ToggleScope => {
                ml.all = !ml.all || self.reader.is_none() || ml.back_to != Screen::Reader;
                ml.selected = 0;
                ml.scroll = 0;
                self.refresh_marks_list();
            }
            Action::Open => self.jump_to_entry(),
            Action::Edit => {
                let Some(e) = ml.current().cloned() else {
                    return;
                };
                match &e.kind {
                    MarkKind::Bookmark { name } => {
                        self.prompt = Some(Prompt {
                            purpose: PromptFor::Rename {
                                article: e.article.clone(),
                                rel: e.rel.clone(),
                                mark: e.mark.clone(),
                            },
                            text: name.clone(),
                        })
                    }
                    MarkKind::Note { .. } => self.edit_existing_note(&e.article, &e.rel, &e.mark),
                }
            }
            Action::Delete => {
                let Some(e) = ml.current().cloned() else {
                    return;
                };
                let done = self.with_marks(&e.article, &e.rel, |m| m.delete(&e.mark));
                if done.is_ok()
                    && let Some(ml) = self.marks_list.as_mut()
                {
                    ml.undo = Some(Deleted {
                        article: e.article,
                        rel: e.rel,
                        mark: e.mark,
                    });
                }
                self.after_list_change(done.map(|()| messages::DELETED_UNDO.to_string()));
            }
            Action::Undo => {
                let Some(d) = ml.undo.take() else {
                    self.message = Some(messages::NOTHING_TO_UNDO.to_string());
                    return;
                };
                let done = self.with_marks(&d.article, &d.rel, |m| m.undelete(&d.mark));
                self.after_list_change(done.map(|()| messages::RESTORED.to_string()));
            }
            _ => {}
        }
    }

    /// After a change from the list: say how it went and rebuild the list.
    pub(super) fn after_list_change<T: Into<Option<String>>>(&mut self, done: Result<T, String>) {
        self.message = match done {
            Ok(m) => m.into(),
            Err(e) => Some(e),
        };
        self.refresh_marks_list();
    }

    /// Go to the selected entry's passage, opening its article if needed.
    fn jump_to_entry(&mut self) {
        let Some(e) = self
            .marks_list
            .as_ref()
            .and_then(|ml| ml.current().cloned())
        else {
            return;
        };
        let Some(at) = e.at else {
            self.message = Some(messages::mark_detached(&e.quote));
            return;
        };
        let open_here = self
            .reader
            .as_ref()
            .is_some_and(|r| r.marks.data.article == e.article);
        if !open_here {
            let Some(path) = e.path.clone() else {
                self.message = Some(messages::mark_detached(&e.quote));
                return;
            };
            self.save_position();
            if let Err(err) = self.open(&path, e.rel.clone()) {
                self.message = Some(err);
                return;
            }
        }
        // The article as open now may place the mark differently.
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let pos = r
            .marks
            .placed
            .iter()
            .find(|m| m.id == e.mark)
            .map_or(at, |m| m.start);
        r.view.go_to(&r.doc, pos);
        r.changed_at = Some(std::time::Instant::now());
        self.marks_list = None;
        self.screen = Screen::Reader;
        self.follow_outline();
    }
}

/// Try a failed save of marks again this long after.
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

impl App {
    /// When [`App::retry_marks`] is to try again (`None`: nothing to save).
    pub(super) fn marks_retry_at(&self, now: std::time::Instant) -> Option<std::time::Instant> {
        let r = self.reader.as_ref()?;
        if !r.marks.unsaved || r.marks.read_only.is_some() {
            return None;
        }
        Some(r.marks.failed_at.map_or(now, |t| t + RETRY_AFTER))
    }

    /// Try again to save marks whose last save failed, now and then.
    pub(super) fn retry_marks(&mut self, now: std::time::Instant) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        if !r.marks.unsaved
            || r.marks.read_only.is_some()
            || r.marks
                .failed_at
                .is_some_and(|t| now.duration_since(t) < RETRY_AFTER)
        {
            return;
        }
        self.message = Some(match r.marks.save() {
            Ok(()) => messages::MARKS_SAVED_NOW.to_string(),
            Err(e) => e,
        });
        r.marks.place(&r.doc);
    }

    /// In the open article, go to the note `mark` and show it (its
    /// passage `quote` is said when it is detached).
    pub(super) fn show_note(&mut self, mark: &str, quote: &str) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        match r.marks.placed.iter().find(|m| m.id == mark) {
            Some(m) => {
                let (id, start) = (m.id.clone(), m.start);
                r.view.go_to(&r.doc, start);
                r.note_shown = Some(id);
            }
            None => self.message = Some(messages::mark_detached(quote)),
        }
        self.follow_outline();
    }

    /// Leaving an article (another opened, or quitting): a last try to save
    /// its marks whose save failed; if that fails too, they are written to a
    /// rescue file in the temp dir (only the person can read it). Returns
    /// what to tell the person.
    pub fn flush_marks(&mut self) -> Option<String> {
        let r = self.reader.as_mut()?;
        if !r.marks.unsaved || r.marks.read_only.is_some() {
            return None;
        }
        r.marks.save().err()?;
        let json = serde_json::to_vec_pretty(&r.marks.data).unwrap_or_default();
        let rescued =
            marks_store::write_rescue(&std::env::temp_dir(), &r.marks.data.article, &json);
        Some(match rescued {
            Ok(rescue) => {
                messages::marks_rescued(&rescue, &r.marks.store.file(&r.marks.data.article))
            }
            Err(e) => messages::marks_lost(&e),
        })
    }
}
