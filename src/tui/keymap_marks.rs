//! The keys of bookmarks and notes: choosing a passage, marking it, and the
//! lists of marks. Read with the main table into the [`super::keymap::Keymap`] in force.

use super::action::Action;
use super::keymap_binding::{Binding, Mode, ch, ctrl, plain};
use crate::messages::keys;
use Mode::{Library, Marks, Reader, Select};
use crossterm::event::KeyCode::{
    Backspace, Delete, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up,
};

/// Bindings for passages, bookmarks and notes.
pub const MARK_BINDINGS: &[Binding] = &[
    Binding {
        mode: Reader,
        keys: &[ch('v')],
        action: Action::Select,
        help: keys::CHOOSE_A_PASSAGE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('m')],
        action: Action::Bookmark,
        help: keys::BOOKMARK_THE_PASSAGE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('a')],
        action: Action::Annotate,
        help: keys::NOTE_ON_THE_PASSAGE,
    },
    Binding {
        mode: Reader,
        keys: &[plain(Enter)],
        action: Action::ShowNote,
        help: keys::SHOW_THE_NOTE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('B')],
        action: Action::Bookmarks,
        help: keys::LIST_BOOKMARKS,
    },
    Binding {
        mode: Reader,
        keys: &[ch('A')],
        action: Action::Notes,
        help: keys::LIST_NOTES,
    },
    Binding {
        mode: Reader,
        keys: &[ctrl('o'), plain(Backspace)],
        action: Action::JumpBack,
        help: keys::JUMP_BACK,
    },
    Binding {
        mode: Library,
        keys: &[ch('B')],
        action: Action::Bookmarks,
        help: keys::LIST_ALL_BOOKMARKS,
    },
    Binding {
        mode: Library,
        keys: &[ch('A')],
        action: Action::Notes,
        help: keys::LIST_ALL_NOTES,
    },
    Binding {
        mode: Select,
        keys: &[ch('j'), plain(Down)],
        action: Action::Down,
        help: keys::EXTEND_BY_A_SENTENCE,
    },
    Binding {
        mode: Select,
        keys: &[ch('k'), plain(Up)],
        action: Action::Up,
        help: keys::SHRINK_BY_A_SENTENCE,
    },
    Binding {
        mode: Select,
        keys: &[ch('}'), ch('J')],
        action: Action::ParaDown,
        help: keys::EXTEND_BY_A_PARAGRAPH,
    },
    Binding {
        mode: Select,
        keys: &[ch('{'), ch('K')],
        action: Action::ParaUp,
        help: keys::SHRINK_BY_A_PARAGRAPH,
    },
    Binding {
        mode: Select,
        keys: &[ch('m')],
        action: Action::Bookmark,
        help: keys::BOOKMARK_THE_PASSAGE,
    },
    Binding {
        mode: Select,
        keys: &[ch('a')],
        action: Action::Annotate,
        help: keys::NOTE_ON_THE_PASSAGE,
    },
    Binding {
        mode: Select,
        keys: &[ch('y')],
        action: Action::Copy,
        help: keys::COPY_THE_PASSAGE,
    },
    Binding {
        mode: Select,
        keys: &[plain(Esc), ch('v')],
        action: Action::Back,
        help: keys::CANCEL_THE_CHOICE,
    },
    Binding {
        mode: Select,
        keys: &[ch('?')],
        action: Action::Help,
        help: keys::THIS_HELP,
    },
    Binding {
        mode: Select,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: keys::QUIT_CHITALKA,
    },
    Binding {
        mode: Marks,
        keys: &[ch('j'), plain(Down)],
        action: Action::Down,
        help: keys::NEXT_ENTRY,
    },
    Binding {
        mode: Marks,
        keys: &[ch('k'), plain(Up)],
        action: Action::Up,
        help: keys::PREVIOUS_ENTRY,
    },
    Binding {
        mode: Marks,
        keys: &[plain(PageDown), ctrl('d')],
        action: Action::PageDown,
        help: keys::PAGE_DOWN,
    },
    Binding {
        mode: Marks,
        keys: &[plain(PageUp), ctrl('u')],
        action: Action::PageUp,
        help: keys::PAGE_UP,
    },
    Binding {
        mode: Marks,
        keys: &[ch('g'), plain(Home)],
        action: Action::Top,
        help: keys::FIRST_ENTRY,
    },
    Binding {
        mode: Marks,
        keys: &[ch('G'), plain(End)],
        action: Action::Bottom,
        help: keys::LAST_ENTRY,
    },
    Binding {
        mode: Marks,
        keys: &[plain(Enter)],
        action: Action::Open,
        help: keys::GO_TO_THE_PASSAGE,
    },
    Binding {
        mode: Marks,
        keys: &[plain(Tab), ch('t')],
        action: Action::ToggleScope,
        help: keys::THIS_ARTICLE_ALL,
    },
    Binding {
        mode: Marks,
        keys: &[ch('e'), ch('r')],
        action: Action::Edit,
        help: keys::RENAME_OR_EDIT,
    },
    Binding {
        mode: Marks,
        keys: &[ch('d'), plain(Delete)],
        action: Action::Delete,
        help: keys::DELETE_THE_ENTRY,
    },
    Binding {
        mode: Marks,
        keys: &[ch('u')],
        action: Action::Undo,
        help: keys::UNDO_THE_DELETE,
    },
    Binding {
        mode: Marks,
        keys: &[ch('q'), plain(Esc)],
        action: Action::Back,
        help: keys::BACK,
    },
    Binding {
        mode: Marks,
        keys: &[ch('?')],
        action: Action::Help,
        help: keys::THIS_HELP,
    },
    Binding {
        mode: Marks,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: keys::QUIT_CHITALKA,
    },
];
