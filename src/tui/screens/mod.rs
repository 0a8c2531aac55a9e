//! The screens, each in its folder with its state, its keys, its layout and
//! its view: the library, the reader, the library-wide find, the lists of
//! marks. The app keeps them in a stack; the top one is shown.

pub mod library;
pub mod marks;
pub mod reader;
pub mod search;

use super::keymap::Mode;
use super::session::Session;
use super::theme::Theme;
use library::LibraryScreen;
use marks::MarksScreen;
use reader::Reader;
use search::SearchScreen;

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    /// The list of articles.
    Library,
    /// An open article.
    Reader,
    /// Find across the library.
    Search,
    /// The list of bookmarks or notes.
    Marks,
}

/// A screen and its state.
#[derive(Debug)]
pub enum Screen {
    /// The list of articles.
    Library(LibraryScreen),
    /// An open article.
    Reader(Box<Reader>),
    /// Find across the library.
    Search(Box<SearchScreen>),
    /// The list of bookmarks or notes.
    Marks(MarksScreen),
}

impl Screen {
    /// Which screen it is.
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Library(_) => ScreenKind::Library,
            Screen::Reader(_) => ScreenKind::Reader,
            Screen::Search(_) => ScreenKind::Search,
            Screen::Marks(_) => ScreenKind::Marks,
        }
    }

    /// Which keys it reads now.
    pub fn mode(&self, ses: &Session) -> Mode {
        match self {
            Screen::Library(_) => Mode::Library,
            Screen::Reader(r) => r.mode(ses),
            Screen::Search(_) => Mode::Search,
            Screen::Marks(_) => Mode::Marks,
        }
    }

    /// The article, if this is the reader.
    pub fn reader(&self) -> Option<&Reader> {
        match self {
            Screen::Reader(r) => Some(r),
            _ => None,
        }
    }

    /// The article, if this is the reader.
    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        match self {
            Screen::Reader(r) => Some(r),
            _ => None,
        }
    }

    /// The window changed size.
    pub fn resize(&mut self, ses: &Session) {
        match self {
            Screen::Library(l) => l.resize(ses),
            Screen::Reader(r) => r.resize(ses),
            Screen::Search(_) | Screen::Marks(_) => {}
        }
    }

    /// Draw it over the whole frame.
    pub fn draw(&mut self, frame: &mut ratatui::Frame, ses: &Session, theme: &Theme) {
        match self {
            Screen::Library(l) => library::view::draw(frame, l, ses, theme),
            Screen::Reader(r) => reader::view::draw(frame, r, ses, theme),
            Screen::Search(s) => search::view::draw(frame, s, ses, theme),
            Screen::Marks(m) => marks::view::draw(frame, m, ses, theme),
        }
    }
}
