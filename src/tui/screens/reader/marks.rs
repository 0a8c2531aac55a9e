//! The bookmarks and notes of the open article: loaded from the store,
//! placed in the article as it is now (re-anchored when it was edited),
//! saved after every change. A failed save keeps everything in memory and
//! is tried again with the next change.

use crate::core::anchor::{Anchor, Found};
use crate::core::document::{Document, Pos};
use crate::core::marks_store::{ArticleMarks, MarkKind, MarksStore};
use crate::core::placement::MarksFolder;
use crate::core::store::StoreWarning;
use crate::messages;
use std::path::PathBuf;

/// A mark placed in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedMark {
    /// The mark's id in the store.
    pub id: String,
    /// Bookmark or note.
    pub kind: MarkKind,
    /// Start of the passage.
    pub start: Pos,
    /// End of the passage.
    pub end: Pos,
}

impl PlacedMark {
    /// Is this a note?
    pub fn is_note(&self) -> bool {
        matches!(self.kind, MarkKind::Note { .. })
    }

    /// The part of block `block` the passage covers, if any.
    pub fn range_in(&self, block: usize, len: usize) -> Option<std::ops::Range<usize>> {
        if block < self.start.block || block > self.end.block {
            return None;
        }
        let a = if block == self.start.block {
            self.start.offset
        } else {
            0
        };
        let b = if block == self.end.block {
            self.end.offset
        } else {
            len
        };
        (a < b).then_some(a..b)
    }
}

/// What to tell the person about the marks file of an article.
pub fn warning_text(w: &StoreWarning) -> String {
    match w {
        StoreWarning::Corrupt(aside) => messages::warn_marks_corrupt(aside),
        StoreWarning::Newer(v) => messages::warn_marks_newer(*v),
        StoreWarning::Io(why) => messages::marks_unreadable(why),
    }
}

/// Why marks that cannot be written cannot be (short: it is said at each
/// key that would change them).
pub fn read_only_reason(w: Option<&StoreWarning>) -> String {
    match w {
        Some(StoreWarning::Io(why)) => messages::marks_unreadable(why),
        _ => messages::MARKS_READ_ONLY.to_string(),
    }
}

/// The marks of the open article.
#[derive(Debug)]
pub struct ReaderMarks {
    /// Where they are kept.
    pub store: MarksStore,
    /// What is in memory (the truth while the article is open).
    pub data: ArticleMarks,
    /// Why nothing is written (the file is from a newer chitalka, or could
    /// not be read), worded for the person; `None` when marks can be saved.
    pub read_only: Option<String>,
    /// The file the marks were read from, when the article was edited since.
    old_file: Option<PathBuf>,
    /// The live marks found in the text, in text order.
    pub placed: Vec<PlacedMark>,
    /// Live marks whose passage is no longer in the text.
    pub detached: usize,
    /// Changes not yet on disk (the last save failed).
    pub unsaved: bool,
    /// When the last failed save was tried.
    pub failed_at: Option<std::time::Instant>,
    /// What to say again on exit: the marks file was damaged and moved
    /// aside when the article was opened (where the old file is).
    pub damaged: Option<String>,
}

impl ReaderMarks {
    /// No marks yet: the article is being read (see [`super::loading`]);
    /// they are read and placed once it is whole.
    pub fn waiting(data_dir: &std::path::Path) -> ReaderMarks {
        ReaderMarks {
            store: MarksStore::new(data_dir),
            data: ArticleMarks::default(),
            read_only: Some(messages::MARKS_WAIT_WHOLE.to_string()),
            old_file: None,
            placed: Vec::new(),
            detached: 0,
            unsaved: false,
            failed_at: None,
            damaged: None,
        }
    }

    /// Load and place the marks of the article `id` (last seen at `key`).
    /// Returns them and anything the person should be told.
    /// `lib` is the library, when there is one: an article edited and
    /// moved since its marks were saved is found again there (see
    /// [`MarksFolder::file_for`], the rule the lists and exports use too).
    pub fn open(
        data_dir: &std::path::Path,
        lib: Option<&crate::core::library::Library>,
        (id, key): (&str, &str),
        title: &str,
        doc: &Document,
    ) -> (ReaderMarks, Option<String>) {
        let store = MarksStore::new(data_dir);
        let folder = MarksFolder::read(&store);
        let own = store.file(id);
        // The path the file last recorded: a renamed article gets it updated.
        let renamed = folder
            .files
            .iter()
            .any(|f| f.file == own && f.marks.path != key);
        let file = folder
            .file_for(&own, key, doc, lib.map(|l| l.root.as_path()), lib)
            .unwrap_or_else(|| own.clone());
        let (mut data, read_only, warning) = store.read_file(&file, id, key);
        data.title = title.to_string();
        let old_file = (file != store.file(id) && file.exists()).then_some(file);
        if let Some(StoreWarning::Corrupt(aside)) = &warning {
            // Said now: not again at the next start.
            crate::core::notices::forget(data_dir, aside);
        }
        let warning_ref = warning.as_ref();
        let message = warning_ref.map(warning_text);
        let damaged = matches!(warning, Some(StoreWarning::Corrupt(_)))
            .then(|| message.clone())
            .flatten();
        let mut m = ReaderMarks {
            store,
            data,
            read_only: read_only.then(|| read_only_reason(warning_ref)),
            old_file,
            placed: Vec::new(),
            detached: 0,
            unsaved: false,
            failed_at: None,
            damaged,
        };
        let moved = m.place(doc);
        let mut message = message;
        if (moved || renamed || m.old_file.is_some()) && m.read_only.is_none() {
            // Keep the re-found places, under the article's new id.
            if let Err(e) = m.save() {
                message = Some(e);
            }
        }
        if m.detached > 0 && message.is_none() {
            message = Some(messages::marks_detached(m.detached));
        }
        (m, message)
    }

    /// Place every live mark in `doc`, refreshing the anchors of those that
    /// moved. Returns true when an anchor changed.
    pub fn place(&mut self, doc: &Document) -> bool {
        self.placed.clear();
        self.detached = 0;
        // No marks: the article's text is not copied to look for none.
        if self.data.marks.values().all(|m| m.deleted) {
            return false;
        }
        let mut changed = false;
        let text = doc.canonical_text();
        let hash = crate::core::library::article_id(text.as_bytes());
        self.placed.clear();
        self.detached = 0;
        for (id, mark) in self.data.marks.iter_mut().filter(|(_, m)| !m.deleted) {
            let p = mark.anchor.place_in(doc, &text, &hash);
            let Some((start, end)) = p.range else {
                self.detached += 1;
                continue;
            };
            if p.found != Found::Exact
                || start != mark.anchor.start
                || end != mark.anchor.end
                || mark.anchor.text_hash != hash
            {
                mark.anchor = Anchor::new_in(doc, &text, &hash, start, end);
                changed = true;
            }
            self.placed.push(PlacedMark {
                id: id.clone(),
                kind: mark.kind.clone(),
                start,
                end,
            });
        }
        self.placed.sort_by_key(|m| (m.start, m.end));
        changed
    }

    /// Write the marks now (merged with what another chitalka saved).
    pub fn save(&mut self) -> Result<(), String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        match self.store.save(&mut self.data, self.old_file.as_deref()) {
            Ok(()) => {
                self.old_file = None;
                self.unsaved = false;
                self.failed_at = None;
                Ok(())
            }
            Err(e) => {
                self.unsaved = true;
                self.failed_at = Some(std::time::Instant::now());
                Err(e.to_string())
            }
        }
    }

    /// Add a mark on `start..end` and save. The mark stays in memory even
    /// when the save fails (the error says so).
    pub fn add(
        &mut self,
        doc: &Document,
        kind: MarkKind,
        start: Pos,
        end: Pos,
    ) -> (String, Result<(), String>) {
        let id = self.data.add(kind, Anchor::new(doc, start, end));
        let saved = self.save();
        // A save merges in other instances' marks: place them all.
        self.place(doc);
        (id, saved)
    }

    /// The live marks touching the part `range` of block `block`.
    pub fn on(
        &self,
        block: usize,
        len: usize,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (&PlacedMark, std::ops::Range<usize>)> {
        self.placed.iter().filter_map(move |m| {
            let r = m.range_in(block, len)?;
            (r.start < range.end && r.end > range.start).then_some((m, r))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    const TEXT: &str = "Заголовок\n\nПервый абзац. Второе предложение.\n\nТретий абзац.\n";

    fn at(doc: &Document, quote: &str) -> (Pos, Pos) {
        let t = doc.canonical_text();
        let a = t.find(quote).expect("quote");
        (doc.pos_at(a), doc.pos_at(a + quote.len()))
    }

    #[test]
    fn marks_are_placed_again_after_an_edit_and_saved_under_the_new_id() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = parse_str(TEXT);
        let (mut m, msg) = ReaderMarks::open(dir.path(), None, ("id1", "a.txt"), &doc.title, &doc);
        assert!(msg.is_none());
        let (s, e) = at(&doc, "Второе предложение.");
        let (_, saved) = m.add(
            &doc,
            MarkKind::Note {
                text: "заметка".into(),
            },
            s,
            e,
        );
        saved.expect("saved");
        assert_eq!(m.placed.len(), 1);

        let edited = parse_str(&TEXT.replace("Заголовок\n\n", "Заголовок\n\nНовый абзац.\n\n"));
        let (m2, msg) =
            ReaderMarks::open(dir.path(), None, ("id2", "a.txt"), &edited.title, &edited);
        assert!(msg.is_none(), "{msg:?}");
        let p = &m2.placed[0];
        let t = edited.canonical_text();
        let quote = &t[edited.text_offset(p.start)..edited.text_offset(p.end)];
        assert_eq!(quote, "Второе предложение.");
        assert!(m2.store.file("id2").exists());
        assert!(!m2.store.file("id1").exists(), "the old file went");
    }

    #[test]
    fn a_deleted_passage_is_counted_detached() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = parse_str(TEXT);
        let (mut m, _) = ReaderMarks::open(dir.path(), None, ("id1", "a.txt"), &doc.title, &doc);
        let (s, e) = at(&doc, "Третий абзац.");
        m.add(
            &doc,
            MarkKind::Bookmark {
                name: String::new(),
            },
            s,
            e,
        )
        .1
        .expect("saved");
        let cut = parse_str(&TEXT.replace("Третий абзац.\n", ""));
        let (m2, msg) = ReaderMarks::open(dir.path(), None, ("id2", "a.txt"), &cut.title, &cut);
        assert_eq!(m2.detached, 1);
        assert!(m2.placed.is_empty());
        assert_eq!(m2.data.live().count(), 1, "kept, not dropped");
        assert!(msg.is_some());
    }

    #[test]
    fn range_in_covers_whole_middle_blocks() {
        let m = PlacedMark {
            id: "x".into(),
            kind: MarkKind::Bookmark {
                name: String::new(),
            },
            start: Pos::new(1, 5),
            end: Pos::new(3, 2),
        };
        assert_eq!(m.range_in(0, 10), None);
        assert_eq!(m.range_in(1, 10), Some(5..10));
        assert_eq!(m.range_in(2, 7), Some(0..7));
        assert_eq!(m.range_in(3, 9), Some(0..2));
        assert_eq!(m.range_in(4, 9), None);
    }
}
