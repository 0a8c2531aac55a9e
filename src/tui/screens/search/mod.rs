//! The library-wide find (`F`): the index is brought up to date in the
//! background while the query is typed, and searched as far as it is
//! committed meanwhile; the hits of the articles and the
//! notes; a hit opens its article at its place, with the in-article find
//! set to the query. `↑` brings back earlier queries.

pub mod view;

use crate::core::index::SearchResult;
use crate::core::notes_search::{NotesIndex, merged};
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::{At, Effect, Open};
use crate::tui::job::index::{IndexState, Polled};
use crate::tui::session::{Session, history_step};
use crate::tui::widgets::{list_nav, text_input};
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

/// Most hits shown.
pub const LIMIT: usize = 200;

/// Build the library's index (or bring it up to date) in the background,
/// before anyone asks: when the library is first known, and again when a
/// scan has just read it anew (`scanned`). Not while a scan runs, nor while
/// a build does; a failed build waits for the next scan or `F`. A build that
/// ends with no find screen open is taken here (said when the index had to
/// be made anew).
pub fn index_in_background(ses: &mut Session, scanned: bool) {
    if let Some(index) = ses.index.as_mut()
        && let Polled::Done(Some(_)) = index.poll()
    {
        ses.say(messages::INDEX_REMADE);
    }
    let due = match &ses.index {
        None => true,
        Some(IndexState::Building(..)) => false,
        Some(_) => scanned,
    };
    if !due || ses.scanning.is_some() {
        return;
    }
    if let (Some(dir), Some(lib)) = (&ses.index_dir, &ses.lib) {
        ses.index = Some(IndexState::build(dir.clone(), lib.clone(), None));
    }
}

/// The library-wide find screen.
#[derive(Debug)]
pub struct SearchScreen {
    /// The query.
    pub query: String,
    /// The query field has the keys.
    pub typing: bool,
    /// The notes, searched too.
    pub notes: Option<NotesIndex>,
    /// The hits of the last search.
    pub result: SearchResult,
    /// The query the result is for.
    pub searched: String,
    /// The selected hit.
    pub selected: usize,
    /// First hit on screen.
    pub scroll: usize,
    /// Why the last search failed (shown instead of the hits).
    pub error: Option<String>,
    /// The index was made anew while this screen was open (a second
    /// failure is shown, not made anew again).
    pub rebuilt: bool,
    /// Where ↑/↓ are in the history of queries while typing.
    pub history_at: Option<usize>,
    /// The index's commits when it was last searched: while it is being
    /// built, the query is searched again after each new one.
    pub searched_commits: usize,
}

impl SearchScreen {
    /// Open the find screen: the index is built in the background if it
    /// is not already. `None` (and a message) when
    /// there is no library to search, or its first scan is not done.
    pub fn start(ses: &mut Session) -> Option<SearchScreen> {
        let (Some(dir), Some(lib)) = (ses.index_dir.clone(), ses.lib.as_ref()) else {
            ses.say(messages::NO_LIBRARY_TO_SEARCH);
            return None;
        };
        if ses.scanning.is_some() {
            ses.say(messages::SCAN_NOT_DONE);
            ses.find_asked = true;
            return None;
        }
        // Built (or being built) in the background for this library since
        // it was scanned ([`index_in_background`]); made now only when it
        // is not, or failed.
        if !matches!(
            ses.index,
            Some(IndexState::Building(..) | IndexState::Ready(_))
        ) {
            ses.index = Some(IndexState::build(dir, lib.clone(), None));
        }
        // The notes as saved now (every change to a note is saved at once).
        let notes = NotesIndex::build(
            &crate::core::marks_store::MarksStore::new(&ses.data_dir),
            Some(lib),
        )
        .ok();
        Some(SearchScreen {
            query: String::new(),
            typing: true,
            notes,
            result: SearchResult::default(),
            searched: String::new(),
            selected: 0,
            scroll: 0,
            error: None,
            rebuilt: false,
            history_at: None,
            searched_commits: 0,
        })
    }

    /// Where the hits are drawn (two rows a hit), under the query and the count.
    pub fn list_rect(size: (u16, u16)) -> Rect {
        let (w, h) = size;
        Rect::new(0, h.min(2), w, h.saturating_sub(3))
    }

    /// Hits on screen.
    pub fn page(ses: &Session) -> usize {
        usize::from(Self::list_rect(ses.size).height) / 2
    }

    /// A key while the query field has the keys. `None` when it has not.
    pub fn take_key(&mut self, ev: KeyEvent, ses: &mut Session) -> Option<Option<Effect>> {
        if !self.typing {
            return None;
        }
        if text_input::edit(&mut self.query, &ev) {
            self.run(ses);
            return Some(None);
        }
        match ev.code {
            KeyCode::Enter => {
                self.typing = false;
                Session::remember(&mut ses.search_history, &self.query);
                self.run(ses);
            }
            KeyCode::Up => self.recall(ses, true),
            KeyCode::Down if self.history_at.is_some() => self.recall(ses, false),
            KeyCode::Down => self.typing = false,
            KeyCode::Esc if self.query.is_empty() => return Some(Some(Effect::Back)),
            KeyCode::Esc => {
                self.query.clear();
                self.run(ses);
            }
            _ => {}
        }
        Some(None)
    }

    /// ↑/↓ in the history of queries.
    fn recall(&mut self, ses: &mut Session, up: bool) {
        let n = ses.search_history.len();
        if n == 0 {
            return;
        }
        self.history_at = history_step(n, self.history_at, up);
        self.query = self
            .history_at
            .and_then(|p| ses.search_history.get(p).cloned())
            .unwrap_or_default();
        self.run(ses);
    }

    /// Search for the query in the index, ready or as far as it is built.
    /// When the index fails, it is made anew in the background (once:
    /// failing again, the error is shown).
    pub fn run(&mut self, ses: &mut Session) {
        let Some(index) = ses.index.as_ref().and_then(IndexState::searchable) else {
            return;
        };
        self.searched_commits = index.commits();
        let found = index.search(&self.query, LIMIT);
        self.searched = self.query.clone();
        self.selected = 0;
        self.scroll = 0;
        let text = match found {
            Ok(text) => text,
            Err(e) => {
                self.result = SearchResult::default();
                return self.failed(e.to_string(), ses);
            }
        };
        let notes = self
            .notes
            .as_ref()
            .and_then(|n| n.search(&self.query, LIMIT).ok())
            .unwrap_or_default();
        self.result = merged(notes, text, LIMIT);
        if let Some(lib) = ses.lib.as_ref() {
            crate::core::titles::retitle_hits(lib, &mut self.result.hits);
        }
        self.error = None;
    }

    fn failed(&mut self, why: String, ses: &mut Session) {
        match (&ses.index_dir, &ses.lib) {
            (Some(dir), Some(lib)) if !self.rebuilt => {
                self.rebuilt = true;
                ses.index = Some(IndexState::build(dir.clone(), lib.clone(), Some(why)));
                ses.say(messages::INDEX_REBUILDING);
            }
            _ => self.error = Some(messages::search_failed(&why)),
        }
    }

    /// Background work: take the index when it is ready (saying so when it
    /// had to be made anew), and search it. True while it is being built.
    pub fn tick(&mut self, ses: &mut Session) -> bool {
        let Some(index) = ses.index.as_mut() else {
            return false;
        };
        if let Polled::Done(rebuilt) = index.poll() {
            if rebuilt.is_some() {
                self.rebuilt = true;
                ses.say(messages::INDEX_REMADE);
            } else if ses.message.as_deref() == Some(messages::INDEX_REBUILDING) {
                ses.clear_message();
            }
            if !self.query.is_empty() {
                self.run(ses);
            }
        } else if !self.query.is_empty()
            && let Some(index) = ses.index.as_ref().and_then(IndexState::searchable)
            && index.commits() != self.searched_commits
        {
            // More of the library committed: the hits so far grow.
            let (selected, scroll) = (self.selected, self.scroll);
            self.run(ses);
            self.selected = selected.min(self.result.hits.len().saturating_sub(1));
            self.scroll = scroll.min(self.selected);
        }
        matches!(ses.index, Some(IndexState::Building(..)))
    }

    /// Carry out an action.
    pub fn on_action(&mut self, action: Action, ses: &mut Session) -> Option<Effect> {
        let page = Self::page(ses).max(1);
        let len = self.result.hits.len();
        if let Some(to) = list_nav::moved(self.selected, action, len, page) {
            self.selected = to;
        }
        match action {
            Action::Filter | Action::LibraryFind => {
                self.typing = true;
                self.history_at = None;
            }
            Action::Back => return Some(Effect::Back),
            Action::Open => return self.open_hit(ses),
            _ => {}
        }
        self.scroll = list_nav::scroll_for(self.selected, self.scroll, page, len);
        None
    }

    /// Open the selected hit's article at the hit, with find set to the query.
    fn open_hit(&mut self, ses: &mut Session) -> Option<Effect> {
        let hit = self.result.hits.get(self.selected)?.clone();
        let root = ses.lib.as_ref()?.root.clone();
        Session::remember(&mut ses.search_history, &self.searched);
        let at = match (&hit.note_on, &hit.mark) {
            (Some(quote), Some(mark)) => At::Note {
                mark: mark.clone(),
                quote: quote.clone(),
            },
            _ => At::Hit {
                pos: hit.pos(),
                query: crate::core::index::in_article_query(&self.result_query()),
            },
        };
        Some(Effect::Open(Open {
            path: root.join(&hit.path),
            key: hit.path.clone(),
            at,
        }))
    }

    /// The query the hits are for (its other-layout reading when that found them).
    fn result_query(&self) -> String {
        self.result
            .switched
            .clone()
            .unwrap_or_else(|| self.searched.clone())
    }

    /// A mouse event (the wheel is an action, read before).
    pub fn on_mouse(&mut self, ev: MouseEvent, ses: &mut Session) -> Option<Effect> {
        if ev.kind != MouseEventKind::Down(MouseButton::Left) {
            return None;
        }
        let list = Self::list_rect(ses.size);
        let row = ev.row.checked_sub(list.y)?;
        let i = self.scroll + usize::from(row) / 2;
        if i >= self.result.hits.len() {
            return None;
        }
        if i == self.selected {
            return Some(Effect::Action(Action::Open));
        }
        self.selected = i;
        self.typing = false;
        None
    }
}
