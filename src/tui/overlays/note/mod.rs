//! Writing a note: the editor box over the reader (or the notes list), what
//! happens on save and cancel, and the note handed to `$EDITOR` and back.

pub mod editor;
pub mod view;

use crate::core::document::Pos;
use crate::core::marks_store::{MarkKind, MarksStore};
use crate::messages;
use crate::tui::effect::{Effect, NoteTarget};
use crate::tui::screens::marks::change::with_marks;
use crate::tui::screens::reader::Reader;
use crate::tui::session::Session;
use crossterm::event::{KeyCode, KeyEvent};
use editor::{NoteEditor, Outcome};
use std::path::Path;

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

impl NoteEdit {
    /// A new note on `start..end`, whose text is `quote`.
    pub fn new_on(start: Pos, end: Pos, quote: String) -> NoteEdit {
        NoteEdit {
            editor: NoteEditor::new(""),
            target: NoteTarget::New { start, end },
            quote,
            asking: false,
        }
    }

    /// The existing note `mark` of `article` (from the open article in
    /// `reader` when it is that one, else from its file). `Err` says why
    /// it cannot be edited.
    pub fn existing(
        reader: Option<&mut Reader>,
        data_dir: &Path,
        article: &str,
        rel: &str,
        mark: &str,
    ) -> Result<NoteEdit, String> {
        let found = match reader.filter(|r| r.marks.data.article == article) {
            Some(r) => r.marks.data.marks.get(mark).cloned(),
            None => MarksStore::new(data_dir)
                .load(article, rel)
                .0
                .marks
                .get(mark)
                .cloned(),
        };
        let Some(m) = found.filter(|m| !m.deleted) else {
            return Err(messages::note::GONE.to_string());
        };
        let MarkKind::Note { text } = &m.kind else {
            return Err(messages::note::GONE.to_string());
        };
        Ok(NoteEdit {
            editor: NoteEditor::new(text),
            target: NoteTarget::Existing {
                article: article.to_string(),
                rel: rel.to_string(),
                mark: mark.to_string(),
            },
            quote: m.anchor.quote.clone(),
            asking: false,
        })
    }

    /// A key while the editor is open.
    pub fn on_key(
        &mut self,
        ev: KeyEvent,
        ses: &mut Session,
        reader: Option<&mut Reader>,
    ) -> Vec<Effect> {
        if self.asking {
            let discard = match ev.code {
                KeyCode::Char(c) => {
                    matches!(crate::core::keyboard::latin_twin(c).unwrap_or(c), 'y' | 'Y')
                }
                _ => false,
            };
            self.asking = false;
            return if discard {
                vec![Effect::CloseOverlay]
            } else {
                vec![]
            };
        }
        match self.editor.key(&ev) {
            Outcome::Save => self.save(ses, reader),
            Outcome::Cancel if self.editor.changed() && !self.editor.is_empty() => {
                self.asking = true;
                vec![]
            }
            Outcome::Cancel => vec![Effect::CloseOverlay],
            Outcome::External => vec![Effect::EditExternally],
            Outcome::Edited | Outcome::Moved | Outcome::Ignored => vec![],
        }
    }

    /// Quitting with the editor open: the text written is saved as Ctrl-s
    /// would (an empty or unchanged note is left as it was).
    pub fn save_on_quit(&mut self, ses: &mut Session, reader: Option<&mut Reader>) {
        if self.editor.changed() && !self.editor.text().trim().is_empty() {
            self.save(ses, reader);
        }
    }

    /// Ctrl-s: save the note and close the editor (unless it cannot be saved).
    fn save(&mut self, ses: &mut Session, reader: Option<&mut Reader>) -> Vec<Effect> {
        let text = self.editor.text().trim_end().to_string();
        match self.target.clone() {
            NoteTarget::New { start, end } => {
                if text.trim().is_empty() {
                    ses.say(messages::note::EMPTY_NOT_SAVED);
                } else if let Some(r) = reader {
                    r.add_mark(MarkKind::Note { text }, start, end, ses);
                }
                vec![Effect::CloseOverlay]
            }
            NoteTarget::Existing { article, rel, mark } => {
                if text.trim().is_empty() {
                    ses.say(messages::note::EMPTY_EXISTING);
                    return vec![];
                }
                let done = with_marks(reader, &ses.data_dir, &article, &rel, |m| {
                    m.set_kind(&mark, MarkKind::Note { text })
                });
                match done {
                    Ok(()) => {
                        ses.flash(messages::note::UPDATED);
                        vec![Effect::CloseOverlay, Effect::MarksChanged]
                    }
                    // The editor stays open with the text: nothing is lost.
                    Err(e) => {
                        ses.say(e);
                        vec![Effect::MarksChanged]
                    }
                }
            }
        }
    }

    /// The text came back from `$EDITOR` (or the editor failed).
    pub fn external_done(&mut self, result: Result<String, String>, ses: &mut Session) {
        match result {
            Ok(mut text) => {
                // Editors end a file with a newline the note did not have.
                if text.ends_with('\n') && !self.editor.text().ends_with('\n') {
                    text.pop();
                    if text.ends_with('\r') {
                        text.pop();
                    }
                }
                self.editor.set_text(&text);
            }
            Err(e) => ses.say(messages::note::editor_failed(&e)),
        }
    }
}
