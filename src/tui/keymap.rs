//! Keys to actions: the default tables. The [`Keymap`] in force is built
//! from them with the user's rebindings; the lookup and the help overlay
//! both read it, so what `?` shows is what works. With the Russian
//! ЙЦУКЕН layout on, a Cyrillic key acts as the Latin key in the same place.

use super::action::Action;
use crate::core::keyboard;
use crate::messages::keys;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::keymap_runtime::{
    ALWAYS_QUITS, KeyBinding, Keymap, Rebind, RebindProblem, parse_key,
};

pub use super::keymap_binding::{Binding, Key, Mode};
use super::keymap_binding::{ch, ctrl, plain};

use KeyCode::{Down, End, Enter, Esc, Home, PageDown, PageUp, Up};
use Mode::{Library, Outline, Reader, Search};

/// Every binding of every screen.
pub const BINDINGS: &[Binding] = &[
    Binding {
        mode: Reader,
        keys: &[ch('j'), plain(Down)],
        action: Action::Down,
        help: keys::LINE_DOWN,
    },
    Binding {
        mode: Reader,
        keys: &[ch('k'), plain(Up)],
        action: Action::Up,
        help: keys::LINE_UP,
    },
    Binding {
        mode: Reader,
        keys: &[ch(' '), plain(PageDown), ch('f')],
        action: Action::PageDown,
        help: keys::PAGE_DOWN,
    },
    Binding {
        mode: Reader,
        keys: &[ch('b'), plain(PageUp)],
        action: Action::PageUp,
        help: keys::PAGE_UP,
    },
    Binding {
        mode: Reader,
        keys: &[ctrl('d')],
        action: Action::HalfDown,
        help: keys::HALF_PAGE_DOWN,
    },
    Binding {
        mode: Reader,
        keys: &[ctrl('u')],
        action: Action::HalfUp,
        help: keys::HALF_PAGE_UP,
    },
    Binding {
        mode: Reader,
        keys: &[ch('g'), plain(Home)],
        action: Action::Top,
        help: keys::START_OF_THE_ARTICLE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('G'), plain(End)],
        action: Action::Bottom,
        help: keys::END_OF_THE_ARTICLE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('q')],
        action: Action::Back,
        help: keys::BACK_TO_THE_LIBRARY,
    },
    Binding {
        mode: Reader,
        keys: &[ch('/')],
        action: Action::Find,
        help: keys::FIND_IN_THE_ARTICLE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('n')],
        action: Action::NextHit,
        help: keys::NEXT_HIT,
    },
    Binding {
        mode: Reader,
        keys: &[ch('N')],
        action: Action::PrevHit,
        help: keys::PREVIOUS_HIT,
    },
    Binding {
        mode: Reader,
        keys: &[plain(Esc)],
        action: Action::ClearHits,
        help: keys::CLEAR_THE_HITS,
    },
    Binding {
        mode: Reader,
        keys: &[ch('i')],
        action: Action::Info,
        help: keys::ARTICLE_INFO,
    },
    Binding {
        mode: Reader,
        keys: &[ch('o')],
        action: Action::ToggleOutline,
        help: keys::SHOW_HIDE_THE_OUTLINE,
    },
    Binding {
        mode: Reader,
        keys: &[plain(KeyCode::Tab)],
        action: Action::FocusSwitch,
        help: keys::FOCUS_THE_OUTLINE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('[')],
        action: Action::PrevSection,
        help: keys::PREVIOUS_SECTION,
    },
    Binding {
        mode: Reader,
        keys: &[ch(']')],
        action: Action::NextSection,
        help: keys::NEXT_SECTION,
    },
    Binding {
        mode: Reader,
        keys: &[ch('l')],
        action: Action::NextLink,
        help: keys::NEXT_LINK,
    },
    Binding {
        mode: Reader,
        keys: &[ch('h')],
        action: Action::PrevLink,
        help: keys::PREVIOUS_LINK,
    },
    Binding {
        mode: Reader,
        keys: &[ch(':')],
        action: Action::GoTo,
        help: keys::GO_TO_A_PLACE,
    },
    Binding {
        mode: Reader,
        keys: &[ch('F')],
        action: Action::LibraryFind,
        help: keys::FIND_IN_THE_LIBRARY,
    },
    Binding {
        mode: Reader,
        keys: &[ch('?'), plain(KeyCode::F(1))],
        action: Action::Help,
        help: keys::THIS_HELP,
    },
    Binding {
        mode: Reader,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: keys::QUIT_CHITALKA,
    },
    Binding {
        mode: Library,
        keys: &[ch('j'), plain(Down)],
        action: Action::Down,
        help: keys::NEXT_ARTICLE,
    },
    Binding {
        mode: Library,
        keys: &[ch('k'), plain(Up)],
        action: Action::Up,
        help: keys::PREVIOUS_ARTICLE,
    },
    Binding {
        mode: Library,
        keys: &[plain(PageDown), ctrl('d')],
        action: Action::PageDown,
        help: keys::PAGE_DOWN,
    },
    Binding {
        mode: Library,
        keys: &[plain(PageUp), ctrl('u')],
        action: Action::PageUp,
        help: keys::PAGE_UP,
    },
    Binding {
        mode: Library,
        keys: &[ch('g'), plain(Home)],
        action: Action::Top,
        help: keys::FIRST_ARTICLE,
    },
    Binding {
        mode: Library,
        keys: &[ch('G'), plain(End)],
        action: Action::Bottom,
        help: keys::LAST_ARTICLE,
    },
    Binding {
        mode: Library,
        keys: &[plain(Enter), ch('l')],
        action: Action::Open,
        help: keys::OPEN_THE_ARTICLE,
    },
    Binding {
        mode: Library,
        keys: &[ch('/')],
        action: Action::Filter,
        help: keys::FILTER_BY_TITLE,
    },
    Binding {
        mode: Library,
        keys: &[ch('s')],
        action: Action::ToggleSort,
        help: keys::SORT_BY_TITLE_LAST_READ,
    },
    Binding {
        mode: Library,
        keys: &[plain(Esc)],
        action: Action::Back,
        help: keys::CLEAR_THE_FILTER,
    },
    Binding {
        mode: Library,
        keys: &[ch('F')],
        action: Action::LibraryFind,
        help: keys::FIND_IN_THE_LIBRARY,
    },
    Binding {
        mode: Library,
        keys: &[ch('?'), plain(KeyCode::F(1))],
        action: Action::Help,
        help: keys::THIS_HELP,
    },
    Binding {
        mode: Library,
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        help: keys::QUIT_CHITALKA,
    },
    Binding {
        mode: Outline,
        keys: &[ch('j'), plain(Down)],
        action: Action::Down,
        help: keys::NEXT_ENTRY,
    },
    Binding {
        mode: Outline,
        keys: &[ch('k'), plain(Up)],
        action: Action::Up,
        help: keys::PREVIOUS_ENTRY,
    },
    Binding {
        mode: Outline,
        keys: &[plain(PageDown), ctrl('d')],
        action: Action::PageDown,
        help: keys::PAGE_DOWN,
    },
    Binding {
        mode: Outline,
        keys: &[plain(PageUp), ctrl('u')],
        action: Action::PageUp,
        help: keys::PAGE_UP,
    },
    Binding {
        mode: Outline,
        keys: &[ch('g'), plain(Home)],
        action: Action::Top,
        help: keys::FIRST_ENTRY,
    },
    Binding {
        mode: Outline,
        keys: &[ch('G'), plain(End)],
        action: Action::Bottom,
        help: keys::LAST_ENTRY,
    },
    Binding {
        mode: Outline,
        keys: &[plain(Enter)],
        action: Action::Open,
        help: keys::GO_TO_THE_SECTION,
    },
    Binding {
        mode: Outline,
        keys: &[ch('h'), plain(KeyCode::Left)],
        action: Action::Fold,
        help: keys::FOLD,
    },
    Binding {
        mode: Outline,
        keys: &[ch('l'), plain(KeyCode::Right)],
        action: Action::Unfold,
        help: keys::UNFOLD,
    },
    Binding {
        mode: Outline,
        keys: &[ch(' ')],
        action: Action::ToggleFold,
        help: keys::FOLD_UNFOLD,
    },
    Binding {
        mode: Outline,
        keys: &[plain(KeyCode::Tab)],
        action: Action::FocusSwitch,
        help: keys::BACK_TO_THE_TEXT,
    },
    Binding {
        mode: Outline,
        keys: &[ch('o'), plain(Esc)],
        action: Action::ToggleOutline,
        help: keys::CLOSE_THE_OUTLINE,
    },
    Binding {
        mode: Outline,
        keys: &[ch('q')],
        action: Action::Back,
        help: keys::BACK_TO_THE_LIBRARY,
    },
    Binding {
        mode: Outline,
        keys: &[ch('?'), plain(KeyCode::F(1))],
        action: Action::Help,
        help: keys::THIS_HELP,
    },
    Binding {
        mode: Outline,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: keys::QUIT_CHITALKA,
    },
    Binding {
        mode: Search,
        keys: &[ch('j'), plain(Down)],
        action: Action::Down,
        help: keys::NEXT_ENTRY,
    },
    Binding {
        mode: Search,
        keys: &[ch('k'), plain(Up)],
        action: Action::Up,
        help: keys::PREVIOUS_ENTRY,
    },
    Binding {
        mode: Search,
        keys: &[plain(PageDown), ctrl('d')],
        action: Action::PageDown,
        help: keys::PAGE_DOWN,
    },
    Binding {
        mode: Search,
        keys: &[plain(PageUp), ctrl('u')],
        action: Action::PageUp,
        help: keys::PAGE_UP,
    },
    Binding {
        mode: Search,
        keys: &[ch('g'), plain(Home)],
        action: Action::Top,
        help: keys::FIRST_ENTRY,
    },
    Binding {
        mode: Search,
        keys: &[ch('G'), plain(End)],
        action: Action::Bottom,
        help: keys::LAST_ENTRY,
    },
    Binding {
        mode: Search,
        keys: &[plain(Enter)],
        action: Action::Open,
        help: keys::OPEN_AT_THE_HIT,
    },
    Binding {
        mode: Search,
        keys: &[ch('/'), ch('F')],
        action: Action::Filter,
        help: keys::EDIT_THE_QUERY,
    },
    Binding {
        mode: Search,
        keys: &[ch('q'), plain(Esc)],
        action: Action::Back,
        help: keys::BACK,
    },
    Binding {
        mode: Search,
        keys: &[ch('?'), plain(KeyCode::F(1))],
        action: Action::Help,
        help: keys::THIS_HELP,
    },
    Binding {
        mode: Search,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: keys::QUIT_CHITALKA,
    },
];

/// Normalise a key event: Shift folded into the character, a Cyrillic key
/// turned into its Latin twin.
pub fn normalise(ev: KeyEvent) -> Key {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match ev.code {
        KeyCode::Char(c) => KeyCode::Char(keyboard::latin_twin(c).unwrap_or(c)),
        KeyCode::BackTab => {
            mods = KeyModifiers::NONE;
            KeyCode::BackTab
        }
        other => other,
    };
    Key { code, mods }
}

/// The Latin punctuation in the same place as Russian-layout punctuation:
/// the `/` key types "." and Shift-`/` types "," on ЙЦУКЕН. Used only for
/// keys that have no binding of their own.
pub(super) fn punctuation_twin(c: char) -> Option<char> {
    match c {
        '.' => Some('/'),
        ',' => Some('?'),
        _ => None,
    }
}

/// Every binding: the main table, then the bookmarks and notes keys.
pub fn all_bindings() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().chain(super::keymap_marks::MARK_BINDINGS)
}

/// Every mode, for tests and docs.
pub const ALL_MODES: [Mode; 6] = [
    Mode::Library,
    Mode::Reader,
    Mode::Outline,
    Mode::Search,
    Mode::Select,
    Mode::Marks,
];

/// How a key is written in help.
pub fn key_name(k: &Key) -> String {
    use crate::messages::keys as names;
    let base = match k.code {
        KeyCode::Char(' ') => names::KEY_SPACE.to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => names::KEY_PAGE_DOWN.into(),
        KeyCode::PageUp => names::KEY_PAGE_UP.into(),
        KeyCode::Home => names::KEY_HOME.into(),
        KeyCode::End => names::KEY_END.into(),
        KeyCode::Enter => names::KEY_ENTER.into(),
        KeyCode::Esc => names::KEY_ESC.into(),
        KeyCode::Tab => names::KEY_TAB.into(),
        KeyCode::Backspace => names::KEY_BACKSPACE.into(),
        KeyCode::Delete => names::KEY_DELETE.into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::BackTab => names::KEY_BACKTAB.into(),
        KeyCode::Insert => names::KEY_INSERT.into(),
        other => format!("{other:?}"),
    };
    let alt = if k.mods.contains(KeyModifiers::ALT) {
        names::KEY_ALT
    } else {
        ""
    };
    let ctrl = if k.mods.contains(KeyModifiers::CONTROL) {
        names::KEY_CTRL
    } else {
        ""
    };
    format!("{ctrl}{alt}{base}")
}
