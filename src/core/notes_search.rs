//! Find in the notes: every note of the library, searched the way the
//! library is (folded, stemmed, phrases), its hits shown beside the text's.

use crate::core::index::{IndexDoc, LibraryHit, LibraryIndex, SearchResult};
use crate::core::library::Library;
use crate::core::marks_store::{MarkKind, MarksStore};
use crate::core::placement::MarksFolder;

/// The notes of the library, searchable.
pub struct NotesIndex {
    index: LibraryIndex,
    /// Each note's passage and mark id, in the order they were indexed.
    notes: Vec<(String, String)>,
}

impl std::fmt::Debug for NotesIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NotesIndex({} notes)", self.notes.len())
    }
}

impl NotesIndex {
    /// Index every live note in `store`; each names its article by its path
    /// in `lib` when the article is found there (as the lists and exports
    /// find it: [`MarksFolder::owners`]), else by its last known path.
    pub fn build(store: &MarksStore, lib: Option<&Library>) -> tantivy::Result<NotesIndex> {
        let mut docs = Vec::new();
        let mut notes = Vec::new();
        let folder = MarksFolder::read(store);
        let owners = lib.map(|l| folder.owners(l));
        for (i, file) in folder.files.iter().enumerate() {
            let marks = &file.marks;
            let article = owners.as_ref().and_then(|o| o[i]);
            for (id, m) in marks.live() {
                let MarkKind::Note { text } = &m.kind else {
                    continue;
                };
                // The section field carries the note's number, to find its quote.
                docs.push(IndexDoc {
                    path: article.map_or(marks.path.clone(), |a| a.rel.clone()),
                    title: article.map_or(marks.title.clone(), |a| a.title.clone()),
                    section: notes.len().to_string(),
                    block: m.anchor.start.block,
                    text: text.clone(),
                });
                notes.push((m.anchor.quote.clone(), id.clone()));
            }
        }
        Ok(NotesIndex {
            index: LibraryIndex::in_ram(&docs)?,
            notes,
        })
    }

    /// Notes matching `query`, best first; each hit's `note_on` is the
    /// passage and `mark` the note's id, its position the passage's (as last
    /// saved).
    pub fn search(&self, query: &str, limit: usize) -> tantivy::Result<SearchResult> {
        if self.notes.is_empty() {
            return Ok(SearchResult::default());
        }
        let mut result = self.index.search(query, limit)?;
        for h in &mut result.hits {
            let note = h
                .section
                .parse::<usize>()
                .ok()
                .and_then(|i| self.notes.get(i));
            h.note_on = Some(note.map(|n| n.0.clone()).unwrap_or_default());
            h.mark = note.map(|n| n.1.clone());
            h.section = String::new();
            h.offset = 0;
        }
        Ok(result)
    }
}

/// The note hits first (they are the reader's own words), then the text's,
/// at most `limit` in all.
pub fn merged(notes: SearchResult, text: SearchResult, limit: usize) -> SearchResult {
    let mut hits: Vec<LibraryHit> = notes.hits;
    hits.extend(text.hits);
    hits.truncate(limit);
    SearchResult {
        hits,
        switched: text.switched.or(notes.switched),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::anchor::Anchor;
    use crate::core::document::Pos;
    use crate::core::formats::text::parse_str;

    #[test]
    fn notes_are_found_by_any_word_form_with_their_passage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let doc = parse_str("Заголовок\n\nТекст про Японию и Узбекистан.\n");
        let (mut m, _, _) = store.load("id", "a.txt");
        m.add(
            MarkKind::Note {
                text: "Сотрудничество с Японией растёт".into(),
            },
            Anchor::new(&doc, Pos::new(1, 0), Pos::new(1, "Текст".len())),
        );
        m.add(
            MarkKind::Bookmark {
                name: "сотрудничество".into(),
            },
            Anchor::new(&doc, Pos::new(1, 0), Pos::new(1, 2)),
        );
        store.save(&mut m, None).expect("save");
        let idx = NotesIndex::build(&store, None).expect("index");
        // Another form, ё written as е, another case.
        let r = idx.search("сотрудничества РАСТЕТ", 10).expect("search");
        assert_eq!(r.hits.len(), 1, "the bookmark's name is not a note");
        assert_eq!(r.hits[0].note_on.as_deref(), Some("Текст"));
        assert!(
            r.hits[0]
                .mark
                .as_ref()
                .is_some_and(|id| m.marks.contains_key(id))
        );
        assert_eq!(r.hits[0].path, "a.txt");
        assert!(idx.search("погода", 10).expect("search").hits.is_empty());
    }
}
