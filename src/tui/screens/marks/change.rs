//! Changing an article's marks from anywhere: in memory when it is the
//! article open in the reader (then saved), else in its file.

use crate::core::marks_store::{ArticleMarks, MarksStore};
use crate::core::store::StoreWarning;
use crate::messages;
use crate::tui::screens::reader::Reader;
use crate::tui::screens::reader::marks::{read_only_reason, warning_text};
use std::path::Path;

/// Change the marks of `article` (last seen at `rel`). `change` returns
/// false when the mark is not there (deleted or gone), which is reported.
pub fn with_marks(
    reader: Option<&mut Reader>,
    data_dir: &Path,
    article: &str,
    rel: &str,
    change: impl FnOnce(&mut ArticleMarks) -> bool,
) -> Result<(), String> {
    if let Some(r) = reader.filter(|r| r.marks.data.article == article) {
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
    let store = MarksStore::new(data_dir);
    let (mut m, read_only, warning, file) = store.load_from(article, rel);
    if let Some(w) = &warning {
        if let StoreWarning::Corrupt(aside) = w {
            // Said now: not again at the next start.
            crate::core::notices::forget(data_dir, aside);
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
