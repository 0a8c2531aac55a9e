//! Everything a person can ask chitalka to do, as data.

/// One thing to do, produced by the keymap or the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave chitalka.
    Quit,
    /// Go back: from the reader to the library, or close an overlay.
    Back,
    /// Show or hide the keys of the current screen.
    Help,
    /// One line (reader) or one entry (library) down.
    Down,
    /// One line or entry up.
    Up,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfDown,
    /// Half a page up.
    HalfUp,
    /// To the start.
    Top,
    /// To the end.
    Bottom,
    /// Mouse wheel down.
    WheelDown,
    /// Mouse wheel up.
    WheelUp,
    /// Open the selected article.
    Open,
    /// Switch the library between sorting by title and by last read.
    ToggleSort,
    /// Start typing a filter for the library.
    Filter,
    /// Show or hide the outline.
    ToggleOutline,
    /// Move the keyboard between the outline and the text.
    FocusSwitch,
    /// To the start of the current (or previous) section.
    PrevSection,
    /// To the next section.
    NextSection,
    /// Fold the outline entry (or its parent).
    Fold,
    /// Unfold the outline entry.
    Unfold,
    /// Fold or unfold the outline entry.
    ToggleFold,
    /// Show the article's info (title, author, format, encoding ...).
    Info,
    /// Open the find prompt in the article.
    Find,
    /// Go to the next hit.
    NextHit,
    /// Go to the previous hit.
    PrevHit,
    /// Find across the whole library.
    LibraryFind,
    /// Start choosing a passage by sentences (or cancel the choice).
    Select,
    /// Bookmark the passage (asks for a name).
    Bookmark,
    /// Write a note on the passage.
    Annotate,
    /// List the bookmarks.
    Bookmarks,
    /// List the notes.
    Notes,
    /// Show the note on the passage at the top (again: the next one).
    ShowNote,
    /// Extend the chosen passage by a paragraph.
    ParaDown,
    /// Shrink the chosen passage by a paragraph.
    ParaUp,
    /// Switch a list between this article and the whole library.
    ToggleScope,
    /// Rename a bookmark or edit a note.
    Edit,
    /// Delete the selected entry.
    Delete,
    /// Bring back what was just deleted.
    Undo,
    /// Back to where the last jump left from.
    JumpBack,
    /// Copy the chosen passage to the clipboard (words whole, as in the article).
    Copy,
}
