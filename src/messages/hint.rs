//! Hint bar words, after the key that does it.

/// Open an article.
pub const OPEN: &str = "open";
/// Filter the library.
pub const FILTER: &str = "filter";
/// Change the sort order.
pub const SORT: &str = "sort";
/// Show the help.
pub const HELP: &str = "help";
/// Quit.
pub const QUIT: &str = "quit";
/// Back to the library.
pub const BACK: &str = "back";
/// Show the outline.
pub const OUTLINE: &str = "outline";
/// Go to the section.
pub const GO: &str = "go";
/// Fold an entry.
pub const FOLD: &str = "fold";
/// Back to the text.
pub const TEXT: &str = "text";
/// Edit the query.
pub const QUERY: &str = "query";
/// Extend the chosen passage.
pub const EXTEND: &str = "extend";
/// Bookmark it.
pub const BOOKMARK: &str = "bookmark";
/// Write a note.
pub const NOTE: &str = "note";
/// Cancel.
pub const CANCEL: &str = "cancel";
/// This article / all.
pub const SCOPE: &str = "this / all";
/// Rename or edit.
pub const EDIT: &str = "edit";
/// Delete.
pub const DELETE: &str = "delete";
