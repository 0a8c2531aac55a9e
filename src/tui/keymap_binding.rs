//! The words of a keymap: a screen's mode, a key with its modifiers, and a
//! binding of keys to an action; shared by the default tables.

use super::action::Action;
use crossterm::event::{KeyCode, KeyModifiers};

/// Which screen keys are read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The list of articles.
    Library,
    /// An open article.
    Reader,
    /// The outline of an open article, when it has the keyboard.
    Outline,
    /// The hits of a library-wide find.
    Search,
    /// Choosing a passage in the reader.
    Select,
    /// The list of bookmarks or notes.
    Marks,
}

/// A key with its modifiers (Shift is part of the character, not a modifier).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control / Alt.
    pub mods: KeyModifiers,
}

/// A key without Control or Alt.
pub const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// A character key.
pub const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

/// A character key with Control.
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One binding: the keys, in a mode, that do an action.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The screen.
    pub mode: Mode,
    /// The keys.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
}
