//! The library screen: the articles, sorted and filtered, with the files
//! that could not be read; a click or Enter opens one.

pub mod view;

use crate::core::fold::fold_simple;
use crate::core::library::{self, Article};
use crate::core::marks::ReadingState;
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::{At, Effect, Open};
use crate::tui::job::scan::{self, Scanning};
use crate::tui::session::Session;
use crate::tui::widgets::{list_nav, text_input};
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use std::path::Path;

/// How the library is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By title, alphabetically.
    Title,
    /// Most recently read first.
    Recent,
}

/// One row of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An article, by index in [`Library::articles`].
    Article(usize),
    /// A file that could not be read, by index in [`Library::unreadable`].
    Unreadable(usize),
}

/// Where the library screen draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryLayout {
    /// The title bar and the column headers.
    pub head: Rect,
    /// The rows of articles.
    pub list: Rect,
    /// The status line (or the filter prompt).
    pub foot: Rect,
}

/// The library screen's state.
#[derive(Debug)]
pub struct LibraryScreen {
    /// Sort order.
    pub sort: Sort,
    /// Filter text typed after `/`.
    pub filter: String,
    /// The filter prompt has the keyboard.
    pub filtering: bool,
    /// The rows shown, filtered and sorted.
    pub rows: Vec<Row>,
    /// The articles whose title another article has too (their rows show
    /// the file's name): made with the rows, not at every frame.
    pub same_title: std::collections::HashSet<usize>,
    /// Index of the selected row.
    pub selected: usize,
    /// First row on screen.
    pub scroll: usize,
}

/// Scan `dir` into the session: at once when few files are new, else the
/// cache's knowledge now and the rest from a background scan.
pub fn scan_into(
    ses: &mut Session,
    dir: &Path,
    cache: Option<crate::core::scan_cache::ScanCache>,
) -> Result<(), String> {
    let pending =
        library::PendingScan::start(dir, cache).map_err(|e| messages::err_library(dir, &e))?;
    let (mut lib, scanning) = if pending.todo() > scan::BACKGROUND_FROM {
        (pending.partial().clone(), Some(Scanning::spawn(pending)))
    } else {
        (pending.finish(&mut |_, _| {}), None)
    };
    if !lib.unreadable.is_empty() && ses.message.is_none() {
        ses.say(messages::library_errors(lib.unreadable.len()));
    }
    ses.titles.apply(&mut lib);
    ses.lib = Some(lib);
    ses.scanning = scanning;
    Ok(())
}

/// Take the library from a background scan once it is done. True if it came.
pub fn scan_tick(ses: &mut Session) -> bool {
    let Some(done) = ses.scanning.as_mut().and_then(Scanning::poll) else {
        return false;
    };
    ses.scanning = None;
    match done {
        Ok(mut lib) => {
            if !lib.unreadable.is_empty() && ses.message.is_none() {
                ses.say(messages::library_errors(lib.unreadable.len()));
            }
            ses.titles.apply(&mut lib);
            ses.lib = Some(lib);
        }
        Err(why) => ses.say(messages::scan_failed(&why)),
    }
    true
}

/// The articles whose title another article has too.
fn same_titles(lib: &crate::core::library::Library) -> std::collections::HashSet<usize> {
    let mut by_title: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, a) in lib.articles.iter().enumerate() {
        by_title.entry(fold_simple(&a.title)).or_default().push(i);
    }
    by_title
        .into_values()
        .filter(|v| v.len() > 1)
        .flatten()
        .collect()
}

/// Width numbers are padded to in [`natural_key`].
const NUMBER_WIDTH: usize = 20;

/// A title as it sorts: its numbers padded with zeros, so that «Глава 2»
/// comes before «Глава 10», as a person counts.
fn natural_key(title: &str) -> String {
    let mut out = String::with_capacity(title.len() + 8);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() < NUMBER_WIDTH {
            out.extend(std::iter::repeat_n('0', NUMBER_WIDTH - digits.len()));
        }
        out.push_str(digits);
        digits.clear();
    };
    for c in title.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                flush(&mut digits, &mut out);
            }
            out.push(c);
        }
    }
    if !digits.is_empty() {
        flush(&mut digits, &mut out);
    }
    out
}

/// The reading state of an article, if it was ever opened.
pub fn state_of<'a>(ses: &'a Session, a: &Article) -> Option<&'a ReadingState> {
    ses.store.states.find(&a.id, &a.rel)
}

impl LibraryScreen {
    /// The library screen over the session's library, most recent first.
    pub fn new(ses: &Session) -> LibraryScreen {
        let mut s = LibraryScreen {
            sort: Sort::Recent,
            filter: String::new(),
            filtering: false,
            rows: Vec::new(),
            same_title: Default::default(),
            selected: 0,
            scroll: 0,
        };
        s.refresh_rows(ses);
        s
    }

    /// Where it draws in a window of `size`.
    pub fn layout(size: (u16, u16)) -> LibraryLayout {
        let (w, h) = size;
        let head = Rect::new(0, 0, w, h.min(2));
        let list_h = h
            .saturating_sub(3)
            .max(1)
            .min(h.saturating_sub(head.height));
        LibraryLayout {
            head,
            list: Rect::new(0, head.height, w, list_h),
            foot: Rect::new(0, h.saturating_sub(1), w, h.min(1)),
        }
    }

    /// Rows of the list on screen (at least one).
    pub fn page(ses: &Session) -> usize {
        usize::from(ses.size.1.saturating_sub(3)).max(1)
    }

    /// Recompute the rows after a change of filter, sort, states or library.
    pub fn refresh_rows(&mut self, ses: &Session) {
        let Some(lib) = ses.lib.as_ref() else {
            return;
        };
        let needle = fold_simple(&self.filter);
        let matches = |title: &str| needle.is_empty() || fold_simple(title).contains(&needle);
        let mut arts: Vec<usize> = (0..lib.articles.len())
            .filter(|&i| {
                let a = &lib.articles[i];
                matches(&a.title) || a.author.as_deref().is_some_and(matches)
            })
            .collect();
        let title_key = |i: &usize| natural_key(&fold_simple(&lib.articles[*i].title));
        match self.sort {
            Sort::Title => arts.sort_by_cached_key(title_key),
            Sort::Recent => arts.sort_by_cached_key(|i| {
                let last = state_of(ses, &lib.articles[*i]).map_or(0, |s| s.last_read);
                (std::cmp::Reverse(last), title_key(i))
            }),
        }
        let bad = (0..lib.unreadable.len()).filter(|&i| matches(&lib.unreadable[i].rel));
        let rows: Vec<Row> = arts
            .into_iter()
            .map(Row::Article)
            .chain(bad.map(Row::Unreadable))
            .collect();
        // The selection stays on the same article when it is still shown.
        let was = self.rows.get(self.selected).copied();
        self.selected = was
            .and_then(|r| rows.iter().position(|x| *x == r))
            .unwrap_or(self.selected)
            .min(rows.len().saturating_sub(1));
        self.rows = rows;
        self.same_title = same_titles(lib);
        self.clamp_scroll(ses);
    }

    fn clamp_scroll(&mut self, ses: &Session) {
        self.scroll =
            list_nav::scroll_for(self.selected, self.scroll, Self::page(ses), self.rows.len());
    }

    /// The window changed size.
    pub fn resize(&mut self, ses: &Session) {
        self.clamp_scroll(ses);
    }

    /// A key while the filter prompt has the keyboard (Cyrillic is text
    /// here, not commands). `None` when the prompt is closed.
    pub fn take_key(&mut self, ev: KeyEvent, ses: &mut Session) -> Option<Option<Effect>> {
        if !self.filtering {
            return None;
        }
        if text_input::edit(&mut self.filter, &ev) {
            self.refresh_rows(ses);
            return Some(None);
        }
        match ev.code {
            KeyCode::Enter => self.filtering = false,
            KeyCode::Esc => {
                self.filter.clear();
                self.filtering = false;
            }
            KeyCode::Down => return Some(self.on_action(Action::Down, ses)),
            KeyCode::Up => return Some(self.on_action(Action::Up, ses)),
            _ => return Some(None),
        }
        self.refresh_rows(ses);
        Some(None)
    }

    /// Carry out an action.
    pub fn on_action(&mut self, action: Action, ses: &mut Session) -> Option<Effect> {
        if let Some(to) = list_nav::moved(self.selected, action, self.rows.len(), Self::page(ses)) {
            self.selected = to;
        }
        let done = match action {
            Action::Filter => {
                self.filtering = true;
                None
            }
            Action::Back => {
                self.filter.clear();
                self.refresh_rows(ses);
                None
            }
            Action::ToggleSort => {
                self.sort = match self.sort {
                    Sort::Title => Sort::Recent,
                    Sort::Recent => Sort::Title,
                };
                self.refresh_rows(ses);
                None
            }
            Action::Open => self.open_selected(ses),
            Action::Bookmarks | Action::Notes => Some(Effect::ShowMarks {
                notes: action == Action::Notes,
                all: true,
            }),
            _ => None,
        };
        self.clamp_scroll(ses);
        done
    }

    fn open_selected(&mut self, ses: &mut Session) -> Option<Effect> {
        let lib = ses.lib.as_ref()?;
        match self.rows.get(self.selected)? {
            Row::Article(i) => {
                let a = lib.articles.get(*i)?;
                Some(Effect::Open(Open {
                    path: a.path.clone(),
                    key: a.rel.clone(),
                    at: At::Saved,
                }))
            }
            Row::Unreadable(i) => {
                let u = lib.unreadable.get(*i)?;
                let said = messages::err_article(Path::new(&u.rel), &u.reason);
                ses.say(said);
                None
            }
        }
    }

    /// A mouse event (the wheel is an action, read before).
    pub fn on_mouse(&mut self, ev: MouseEvent, ses: &mut Session) -> Option<Effect> {
        if ev.kind != MouseEventKind::Down(MouseButton::Left) {
            return None;
        }
        let list = Self::layout(ses.size).list;
        let row = ev.row.checked_sub(list.y)?;
        if row >= list.height {
            return None;
        }
        let i = self.scroll + usize::from(row);
        if i >= self.rows.len() {
            return None;
        }
        if i == self.selected {
            return Some(Effect::Action(Action::Open));
        }
        self.selected = i;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn numbers_in_titles_sort_as_numbers() {
        let mut titles = vec![
            "глава 10. б",
            "глава 2. а",
            "глава 1",
            "глава",
            "10 лет",
            "9 дней",
        ];
        titles.sort_by_cached_key(|t| natural_key(t));
        assert_eq!(
            titles,
            vec![
                "9 дней",
                "10 лет",
                "глава",
                "глава 1",
                "глава 2. а",
                "глава 10. б"
            ]
        );
    }
}
