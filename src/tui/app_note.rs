//! Writing a note: the editor box over the reader (or the notes list), what
//! happens on save and cancel, and handing the note to `$EDITOR`.

use super::app::{App, Screen};
use super::note_editor::{NoteEditor, Outcome};
use crate::core::document::Pos;
use crate::core::marks_store::MarkKind;
use crate::messages;
use crossterm::event::{KeyCode, KeyEvent};

/// Which note the editor writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A new note on `start..end` of the open article.
    New {
        /// Start of the passage.
        start: Pos,
        /// End of the passage.
        end: Pos,
    },
    /// An existing note.
    Existing {
        /// The article's content id.
        article: String,
        /// Its path.
        rel: String,
        /// The mark.
        mark: String,
    },
}

/// The note being written.
#[derive(Debug, Clone)]
pub struct NoteEdit {
    /// The text and cursor.
    pub editor: NoteEditor,
    /// Where it goes.
    pub target: NoteTarget,
    /// The passage it is on (the box's title).
    pub quote: String,
    /// Esc was pressed with text to lose: asking whether to discard it.
    pub asking: bool,
}

impl App {
    /// Open the editor on a new note for `start..end`.
    pub(super) fn start_new_note(&mut self, start: Pos, end: Pos) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        if let Some(why) = &r.marks.read_only {
            self.message = Some(why.clone());
            return;
        }
        let quote = r.doc.text_between(start, end);
        self.note_edit = Some(NoteEdit {
            editor: NoteEditor::new(""),
            target: NoteTarget::New { start, end },
            quote,
            asking: false,
        });
    }

    /// Open the editor on an existing note.
    pub(super) fn edit_existing_note(&mut self, article: &str, rel: &str, mark: &str) {
        let found = match self
            .reader
            .as_ref()
            .filter(|r| r.marks.data.article == article)
        {
            Some(r) => r.marks.data.marks.get(mark).cloned(),
            None => {
                let store = crate::core::marks_store::MarksStore::new(&self.data_dir);
                store.load(article, rel).0.marks.get(mark).cloned()
            }
        };
        let Some(m) = found.filter(|m| !m.deleted) else {
            self.message = Some(messages::note::GONE.to_string());
            return;
        };
        let MarkKind::Note { text } = &m.kind else {
            return;
        };
        self.note_edit = Some(NoteEdit {
            editor: NoteEditor::new(text),
            target: NoteTarget::Existing {
                article: article.to_string(),
                rel: rel.to_string(),
                mark: mark.to_string(),
            },
            quote: m.anchor.quote.clone(),
            asking: false,
        });
    }

    /// Is the note editor open?
    pub fn writing_note(&self) -> bool {
        self.note_edit.is_some()
    }

    /// A key while the editor is open.
    pub(super) fn note_key(&mut self, ev: KeyEvent) {
        let Some(ne) = self.note_edit.as_mut() else {
            return;
        };
        if ne.asking {
            let discard = match ev.code {
                KeyCode::Char(c) => {
                    matches!(crate::core::keyboard::latin_twin(c).unwrap_or(c), 'y' | 'Y')
                }
                _ => false,
            };
            ne.asking = false;
            if discard {
                self.note_edit = None;
            }
            return;
        }
        match ne.editor.key(&ev) {
            Outcome::Save => self.save_note(),
            Outcome::Cancel if ne.editor.changed() && !ne.editor.is_empty() => ne.asking = true,
            Outcome::Cancel => self.note_edit = None,
            Outcome::External => self.external_edit = true,
            Outcome::Edited | Outcome::Moved | Outcome::Ignored => {}
        }
    }

    /// Quitting with the editor open: the text written is saved as Ctrl-s
    /// would (an empty or unchanged note is left as it was).
    pub(super) fn save_note_on_quit(&mut self) {
        if self
            .note_edit
            .as_ref()
            .is_some_and(|ne| ne.editor.changed() && !ne.editor.text().trim().is_empty())
        {
            self.save_note();
        }
        self.note_edit = None;
    }

    /// Text pasted into the terminal.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(ne) = self.note_edit.as_mut() {
            ne.editor.paste(text);
        } else if let Some(p) = self.prompt.as_mut() {
            p.text
                .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        }
    }

    /// Ctrl-s: save the note and close the editor (unless it cannot be saved).
    fn save_note(&mut self) {
        let Some(ne) = self.note_edit.as_ref() else {
            return;
        };
        let text = ne.editor.text().trim_end().to_string();
        match ne.target.clone() {
            NoteTarget::New { start, end } => {
                self.note_edit = None;
                if text.trim().is_empty() {
                    self.message = Some(messages::note::EMPTY_NOT_SAVED.to_string());
                    return;
                }
                self.add_mark(MarkKind::Note { text }, start, end);
            }
            NoteTarget::Existing { article, rel, mark } => {
                if text.trim().is_empty() {
                    self.message = Some(messages::note::EMPTY_EXISTING.to_string());
                    return;
                }
                let done = self.with_marks(&article, &rel, |m| {
                    m.set_kind(&mark, MarkKind::Note { text })
                });
                match done {
                    Ok(()) => {
                        self.note_edit = None;
                        self.message = Some(messages::note::UPDATED.to_string());
                    }
                    // The editor stays open with the text: nothing is lost.
                    Err(e) => self.message = Some(e),
                }
                if self.screen == Screen::Marks {
                    self.refresh_marks_list();
                }
            }
        }
    }

    /// The text came back from `$EDITOR` (or the editor failed).
    pub fn external_done(&mut self, result: Result<String, String>) {
        let Some(ne) = self.note_edit.as_mut() else {
            return;
        };
        match result {
            Ok(mut text) => {
                // Editors end a file with a newline the note did not have.
                if text.ends_with('\n') && !ne.editor.text().ends_with('\n') {
                    text.pop();
                    if text.ends_with('\r') {
                        text.pop();
                    }
                }
                ne.editor.set_text(&text);
            }
            Err(e) => self.message = Some(messages::note::editor_failed(&e)),
        }
    }
}
