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
    /// Clear the hits kept from a find (the article stays open).
    ClearHits,
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
    /// Focus the next link or note reference on screen.
    NextLink,
    /// Focus the previous link or note reference on screen.
    PrevLink,
    /// Ask where to go: a percentage, a line, a section number.
    GoTo,
}

impl Action {
    /// Every action, in the order of the enum.
    pub const ALL: [Action; 46] = [
        Action::Quit,
        Action::Back,
        Action::Help,
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfDown,
        Action::HalfUp,
        Action::Top,
        Action::Bottom,
        Action::WheelDown,
        Action::WheelUp,
        Action::Open,
        Action::ToggleSort,
        Action::Filter,
        Action::ToggleOutline,
        Action::FocusSwitch,
        Action::PrevSection,
        Action::NextSection,
        Action::Fold,
        Action::Unfold,
        Action::ToggleFold,
        Action::Info,
        Action::Find,
        Action::NextHit,
        Action::PrevHit,
        Action::ClearHits,
        Action::LibraryFind,
        Action::Select,
        Action::Bookmark,
        Action::Annotate,
        Action::Bookmarks,
        Action::Notes,
        Action::ShowNote,
        Action::ParaDown,
        Action::ParaUp,
        Action::ToggleScope,
        Action::Edit,
        Action::Delete,
        Action::Undo,
        Action::JumpBack,
        Action::Copy,
        Action::NextLink,
        Action::PrevLink,
        Action::GoTo,
    ];

    /// The action's name in `config.toml` (snake case: `page_down`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Back => "back",
            Action::Help => "help",
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfDown => "half_down",
            Action::HalfUp => "half_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::WheelDown => "wheel_down",
            Action::WheelUp => "wheel_up",
            Action::Open => "open",
            Action::ToggleSort => "toggle_sort",
            Action::Filter => "filter",
            Action::ToggleOutline => "toggle_outline",
            Action::FocusSwitch => "focus_switch",
            Action::PrevSection => "prev_section",
            Action::NextSection => "next_section",
            Action::Fold => "fold",
            Action::Unfold => "unfold",
            Action::ToggleFold => "toggle_fold",
            Action::Info => "info",
            Action::Find => "find",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::ClearHits => "clear_hits",
            Action::LibraryFind => "library_find",
            Action::Select => "select",
            Action::Bookmark => "bookmark",
            Action::Annotate => "annotate",
            Action::Bookmarks => "bookmarks",
            Action::Notes => "notes",
            Action::ShowNote => "show_note",
            Action::ParaDown => "para_down",
            Action::ParaUp => "para_up",
            Action::ToggleScope => "toggle_scope",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::JumpBack => "jump_back",
            Action::Copy => "copy",
            Action::NextLink => "next_link",
            Action::PrevLink => "prev_link",
            Action::GoTo => "go_to",
        }
    }

    /// The action called `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::PageDown.name(), "page_down");
        assert_eq!(Action::from_name("PageDown"), None);
    }
}
