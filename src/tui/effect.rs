//! What a screen or an overlay wants done beyond itself, as a value: the
//! app carries out the moves between screens, the loop the rest (the
//! clipboard, `$EDITOR`). Screens stay testable without a terminal.

use crate::core::document::Pos;
use std::path::PathBuf;

/// Where an article opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// Where it was last read.
    Saved,
    /// At a find hit, with the in-article find set to `query`.
    Hit {
        /// The hit.
        pos: Pos,
        /// The query, as the article's find takes it.
        query: String,
    },
    /// At a note, shown over the text (`quote` is said when it is detached).
    Note {
        /// The mark.
        mark: String,
        /// Its passage.
        quote: String,
    },
    /// At a mark (placed again in the article as open now), else at `pos`.
    Mark {
        /// The article's content id (the reader under the list may have it open).
        article: String,
        /// The mark.
        mark: String,
        /// Where the list found it.
        pos: Pos,
    },
    /// At a place left by a jump.
    Place(Pos),
    /// At a named place of the article (a link's `#fragment`), else its start.
    Anchor(String),
}

/// An article to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// The file.
    pub path: PathBuf,
    /// Its reading-state key.
    pub key: String,
    /// Where.
    pub at: At,
}

/// What a one-line prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// The name of a new bookmark on `start..end`.
    BookmarkName {
        /// Start of the passage.
        start: Pos,
        /// End of the passage.
        end: Pos,
    },
    /// The title the person gives the open article ("" goes back to the file's).
    ArticleTitle,
    /// The author the person gives the open article ("" goes back to the file's).
    ArticleAuthor,
    /// A new name for a bookmark.
    Rename {
        /// The article's content id.
        article: String,
        /// Its path.
        rel: String,
        /// The mark.
        mark: String,
    },
    /// Where to go in the open article (50%, :1200, §3).
    GoTo,
}

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

/// Something to do beyond the screen that asked.
#[derive(Debug)]
pub enum Effect {
    /// Close this screen: back to the one under it (quit when there is none).
    Back,
    /// Show the list of notes (else bookmarks): of the whole library, or
    /// of the article open under it unless `all`.
    ShowMarks {
        /// Notes, not bookmarks.
        notes: bool,
        /// Of the whole library.
        all: bool,
    },
    /// Show what is known about the open article.
    Info,
    /// Ask for a line of text (`text` is what the field starts with).
    Ask(PromptFor, String),
    /// Open the note editor on a note (`quote` is a new note's passage).
    WriteNote(NoteTarget, String),
    /// Close the overlay.
    CloseOverlay,
    /// Open an article: over the screen that asked, or in the reader under
    /// a list of marks.
    Open(Open),
    /// Go back to where the last jump left from.
    JumpBack,
    /// The reader jumped from this place (kept in the jump list if it moved).
    Jumped(crate::tui::jumps::Place),
    /// Carry out an action as if its key had been pressed (a click on the
    /// selected entry of a list opens it).
    Action(crate::tui::action::Action),
    /// The marks changed: lists of them are built again.
    MarksChanged,
    /// Put text on the terminal's clipboard.
    Copy(String),
    /// Hand the note being written to `$EDITOR`.
    EditExternally,
    /// Show a footnote over the text.
    Footnote(Box<crate::tui::overlays::footnote::Footnote>),
    /// Show an external link's target (to copy or open).
    ShowLink(String),
    /// Open an article a link leads to over the one shown (`q` or a jump
    /// back returns).
    OpenLinked(Open),
}

/// What the loop carries out: the effects that reach past the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopEffect {
    /// Put text on the terminal's clipboard.
    Copy(String),
    /// Hand the note being written to `$EDITOR`.
    EditExternally,
}
