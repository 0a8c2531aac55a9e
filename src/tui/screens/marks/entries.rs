//! The lists of bookmarks (`B`) and notes (`A`): of the open article or of
//! the whole library, each entry placed in its article as it is now.

use crate::core::document::Pos;
use crate::core::library::Library;
use crate::core::marks_store::{MarkKind, MarksStore};
use crate::core::outline::Outline;
use crate::core::placement::{self, MarksFolder};
use crate::tui::screens::reader::marks::ReaderMarks;
use std::path::{Path, PathBuf};

/// One bookmark or note in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkEntry {
    /// The article's content id, as its marks file names it.
    pub article: String,
    /// Its path relative to the library (the reading-state key).
    pub rel: String,
    /// Its file, when it was found.
    pub path: Option<PathBuf>,
    /// Its title.
    pub title: String,
    /// The mark's id.
    pub mark: String,
    /// Bookmark or note.
    pub kind: MarkKind,
    /// The passage.
    pub quote: String,
    /// The section the passage is in.
    pub section: String,
    /// When it was made.
    pub created: u64,
    /// Where it is now; `None` when detached.
    pub at: Option<Pos>,
}

impl MarkEntry {
    /// The passage is no longer in the article.
    pub fn detached(&self) -> bool {
        self.at.is_none()
    }
}

/// Something just deleted, that `u` brings back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// The article's content id.
    pub article: String,
    /// Its path.
    pub rel: String,
    /// The mark's id.
    pub mark: String,
}

fn wanted(kind: &MarkKind, notes: bool) -> bool {
    matches!(kind, MarkKind::Note { .. }) == notes
}

fn section_of(outline: &Outline, at: Option<Pos>) -> String {
    at.and_then(|p| outline.section_at(p))
        .map(|i| outline.sections[i].title.clone())
        .unwrap_or_default()
}

/// The open article's entries, in text order (detached ones last).
pub fn of_reader(
    marks: &ReaderMarks,
    outline: &Outline,
    rel: &str,
    path: &Path,
    title: &str,
    notes: bool,
) -> Vec<MarkEntry> {
    let mut out: Vec<MarkEntry> = marks
        .data
        .live()
        .filter(|(_, m)| wanted(&m.kind, notes))
        .map(|(id, m)| {
            let at = marks.placed.iter().find(|p| p.id == *id).map(|p| p.start);
            MarkEntry {
                article: marks.data.article.clone(),
                rel: rel.to_string(),
                path: Some(path.to_path_buf()),
                title: title.to_string(),
                mark: id.clone(),
                kind: m.kind.clone(),
                quote: m.anchor.quote.clone(),
                section: section_of(outline, at),
                created: m.created,
                at,
            }
        })
        .collect();
    out.sort_by_key(|e| (e.at.is_none(), e.at, e.created));
    out
}

/// Every entry of the library: the open article's from memory, the others
/// from their files, placed in their articles as the exports place them
/// ([`placement::place_all`]), by article title.
pub fn of_library(
    store: &MarksStore,
    lib: Option<&Library>,
    open: Option<(&str, Vec<MarkEntry>)>,
    notes: bool,
) -> Vec<MarkEntry> {
    let folder = MarksFolder::read(store);
    let skip = open.as_ref().map(|(id, _)| *id);
    let mut out = Vec::new();
    for e in placement::place_all(&folder, lib, skip, |m| wanted(&m.kind, notes)) {
        out.extend(e.placed.iter().map(|p| MarkEntry {
            article: e.file.marks.article.clone(),
            rel: e.rel().to_string(),
            path: e.article.as_ref().map(|a| a.path.clone()),
            title: e.title().to_string(),
            mark: p.id.clone(),
            kind: p.mark.kind.clone(),
            quote: p.mark.anchor.quote.clone(),
            section: p.section.clone(),
            created: p.mark.created,
            at: p.range.map(|(a, _)| a),
        }));
    }
    if let Some((_, entries)) = open {
        out.extend(entries);
    }
    out.sort_by(|a, b| {
        crate::core::fold::fold_simple(&a.title)
            .cmp(&crate::core::fold::fold_simple(&b.title))
            .then(a.rel.cmp(&b.rel))
            .then((a.at.is_none(), a.at, a.created).cmp(&(b.at.is_none(), b.at, b.created)))
    });
    out
}
