//! Bookmarks and notes: the reader, the lists, the store and the export.

/// Marks from a newer chitalka are not written.
pub const MARKS_READ_ONLY: &str =
    "read-only: these bookmarks and notes were saved by a newer chitalka";

/// Saving marks failed; they are kept in memory.
pub fn err_marks_save(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!(
        "could not save bookmarks and notes ({e}); they are kept and will be saved on the next try"
    )
}

/// `chitalka mark`: the quote is not in the article's text.
pub fn err_quote_not_found(path: &std::path::Path) -> String {
    format!("the quote is not in the text of {}", path.display())
}

/// `chitalka mark`: an empty quote.
pub const ERR_EMPTY_QUOTE: &str = "the quote is empty; give a passage of the article";

/// `chitalka mark`: the note could not be read from standard input.
pub fn err_note_stdin(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("cannot read the note from standard input: {e}")
}

/// `chitalka mark`: the save failed, so the mark does not exist.
pub fn err_mark_not_saved(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("could not save the mark ({e}); nothing was added")
}

/// `chitalka mark`: the marks file could not be read.
pub fn err_marks_unreadable(e: &str) -> String {
    format!("cannot read the bookmarks and notes of this article ({e}); nothing was added")
}

/// A marks file from a newer schema: read-only.
pub fn warn_marks_newer(version: u32) -> String {
    format!(
        "bookmarks and notes of this article were saved by a newer chitalka (schema {version}); they are read-only here"
    )
}

/// The marks file was damaged and moved aside.
pub fn warn_marks_corrupt(moved_to: &std::path::Path) -> String {
    format!(
        "bookmarks and notes file was damaged; kept it as {} and started afresh",
        moved_to.display()
    )
}

/// Export: a marks file that is not valid JSON was left out.
pub fn warn_export_corrupt(path: &std::path::Path) -> String {
    format!("skipped, not valid JSON: {}", path.display())
}

/// Export: a marks file that could not be read was left out.
pub fn warn_export_unreadable(path: &std::path::Path, e: &str) -> String {
    format!("skipped, cannot read {}: {e}", path.display())
}

/// Export: a marks file from a newer chitalka; what could be read of it is exported.
pub fn warn_export_newer(path: &std::path::Path, version: u32, exported: bool) -> String {
    if exported {
        format!(
            "{} was saved by a newer chitalka (schema {version}); exported the marks this version understands",
            path.display()
        )
    } else {
        format!(
            "skipped {}: saved by a newer chitalka (schema {version}) in a form this version cannot read",
            path.display()
        )
    }
}

/// Title of the Markdown export of notes.
pub const EXPORT_TITLE: &str = "Notes";

/// Section name for notes whose passage is gone from the article.
pub const EXPORT_DETACHED: &str = "Detached (the passage is no longer in the article)";

/// Marks whose passage was not found in the edited article.
pub fn marks_detached(n: usize) -> String {
    let marks = super::count(n, "bookmark or note", "bookmarks and notes");
    format!(
        "{marks} could not be found in the article as it is now; {} kept (B, A list them)",
        if n == 1 { "it is" } else { "they are" }
    )
}

/// A detached mark was chosen in a list.
pub fn mark_detached(quote: &str) -> String {
    let q: String = quote.chars().take(60).collect();
    format!("this passage is no longer in the article: «{q}»")
}

/// The head of a library-find hit in a note.
pub fn note_hit_head(title: &str, quote: &str) -> String {
    let q = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = q.chars().take(40).collect();
    let more = if short.len() < q.len() { "…" } else { "" };
    format!("{MARGIN_NOTE} note on «{short}{more}» · {title}")
}

/// Marks could not be saved on the way out; where they were put instead
/// (`rescue` holds every mark of the article) and the file it replaces.
pub fn marks_rescued(rescue: &std::path::Path, target: &std::path::Path) -> String {
    format!(
        "bookmarks and notes could not be saved in the data dir; they were written to {} (it holds every mark of the article: when the disk is fixed, copy it over {})",
        rescue.display(),
        target.display()
    )
}

/// Marks could be neither saved nor rescued.
pub fn marks_lost(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("bookmarks and notes could not be saved, nor written to the temp dir ({e})")
}

/// The passage was sent to the clipboard.
pub fn copied(words: usize) -> String {
    format!(
        "copied {} to the clipboard",
        super::count(words, "word", "words")
    )
}

/// A mark to change is no longer there.
pub const MARK_GONE: &str = "that bookmark or note is no longer there (deleted elsewhere?)";

/// There is no text to mark.
pub const NO_PASSAGE: &str = "no text here to mark";

/// A note was saved.
pub const NOTE_SAVED: &str = "note saved";

/// A bookmark was saved.
pub const BOOKMARK_SAVED: &str = "bookmark saved";

/// Marks that failed to save earlier are now saved.
pub const MARKS_SAVED_NOW: &str = "bookmarks and notes saved";

/// No note on screen to show.
pub const NO_NOTE_HERE: &str = "no note on this screen";

/// Deleted; undo is possible.
pub const DELETED_UNDO: &str = "deleted · u brings it back";

/// Nothing to undo.
pub const NOTHING_TO_UNDO: &str = "nothing to undo";

/// Undo done.
pub const RESTORED: &str = "brought back";

/// The bookmark name prompt.
pub const BOOKMARK_PROMPT: &str = "Bookmark name (may be empty): ";

/// The rename prompt.
pub const RENAME_PROMPT: &str = "New name: ";

/// Right side of the prompt bar.
pub const PROMPT_KEYS: &str = "Enter save · Esc cancel";

/// The bookmarks list title.
pub const BOOKMARKS_TITLE: &str = "Bookmarks";

/// The notes list title.
pub const NOTES_TITLE: &str = "Notes";

/// List scope: this article.
pub const SCOPE_ARTICLE: &str = "this article";

/// List scope: the library.
pub const SCOPE_ALL: &str = "all articles";

/// Empty list.
pub const NO_MARKS: &str =
    "Nothing here yet: in the reader, v chooses a passage, m bookmarks it, a writes a note.";

/// Shown for a detached mark.
pub const DETACHED: &str = "detached";

/// Status while the note editor is open.
pub const WRITING_NOTE: &str = "Writing a note on the highlighted passage";

/// Status of the choice.
pub const CHOOSING: &str = "Choosing a passage";

/// Words in the chosen passage.
pub fn words(n: usize) -> String {
    super::count(n, "word", "words")
}

/// Margin sign of a bookmark.
pub const MARGIN_BOOKMARK: &str = "*";

/// Margin sign of a note.
pub const MARGIN_NOTE: &str = "✎";

/// Keys of a shown note.
pub fn note_popup_keys(next: &str, edit: &str) -> String {
    format!("{next} next · {edit} edit · Esc closes")
}

/// Marks wait while a long article is still being read.
pub const MARKS_WAIT_WHOLE: &str = "bookmarks and notes open once the whole article is read";
