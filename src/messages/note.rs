//! The note editor.

/// The key hint at the bottom of the editor box.
pub const HINT: &str = "Ctrl-s save · Esc cancel · Ctrl-e $EDITOR";
/// Asked on Esc when there is text to lose.
pub const DISCARD: &str = "Discard what you wrote? y discard · any other key: keep editing";
/// An empty new note is not saved.
pub const EMPTY_NOT_SAVED: &str = "an empty note is not saved";
/// An existing note cannot be emptied.
pub const EMPTY_EXISTING: &str =
    "a note cannot be empty; write something, or delete it from the list (A, then d)";
/// The note was changed.
pub const UPDATED: &str = "note changed";
/// The external editor failed.
pub fn editor_failed(why: &str) -> String {
    format!("the editor did not finish well ({why}); the note is as it was")
}
/// The editor box's title.
pub fn title(quote: &str) -> String {
    format!("Note on «{quote}»")
}
/// The note to edit is gone (deleted meanwhile).
pub const GONE: &str = "that note is no longer there";
