//! The app's library-wide find: open the screen (the index is brought up to
//! date in the background), type a query, move through the hits, open one at
//! its place with the in-article find set to the query.

use super::action::Action;
use super::app::{App, Screen};
use super::search_state::{IndexState, Polled, SearchScreen};
use crate::core::find::nearest;
use crate::core::index::SearchResult;
use crate::core::notes_search::NotesIndex;
use crate::messages;
use crossterm::event::{KeyCode, KeyEvent};

/// Most hits shown.
pub const LIMIT: usize = 200;

impl App {
    /// Open the library-wide find screen.
    pub(super) fn start_library_find(&mut self) {
        let (Some(dir), Some(lv)) = (self.index_dir.clone(), self.library.as_ref()) else {
            self.message = Some(messages::NO_LIBRARY_TO_SEARCH.into());
            return;
        };
        if lv.scanning.is_some() {
            self.message = Some(messages::SCAN_NOT_DONE.into());
            return;
        }
        let index = match self.search.take().map(|s| s.index) {
            // A ready index is brought up to date again (cheap when nothing changed).
            Some(building @ IndexState::Building(_)) => building,
            _ => IndexState::build(dir, lv.lib.clone(), None),
        };
        let back_to = if self.screen == Screen::Search {
            Screen::Library
        } else {
            self.screen
        };
        // The notes as saved now (every change to a note is saved at once).
        let notes = NotesIndex::build(
            &crate::core::marks_store::MarksStore::new(&self.data_dir),
            Some(&lv.lib),
        )
        .ok();
        self.search = Some(SearchScreen {
            query: String::new(),
            typing: true,
            index,
            notes,
            result: SearchResult::default(),
            searched: String::new(),
            selected: 0,
            scroll: 0,
            back_to,
            error: None,
            rebuilt: false,
        });
        self.screen = Screen::Search;
    }

    /// Is the query field taking the keys?
    pub fn search_typing(&self) -> bool {
        self.screen == Screen::Search && self.search.as_ref().is_some_and(|s| s.typing)
    }

    /// A key while the query field has the keys.
    pub(super) fn search_key(&mut self, ev: KeyEvent) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        if super::text_field::edit(&mut s.query, &ev) {
            return self.run_search();
        }
        match ev.code {
            KeyCode::Enter => {
                s.typing = false;
                self.run_search();
            }
            KeyCode::Down => s.typing = false,
            KeyCode::Esc if s.query.is_empty() => self.update(Action::Back),
            KeyCode::Esc => {
                s.query.clear();
                self.run_search();
            }
            _ => {}
        }
    }

    /// Search for the query. When the index fails, it is made anew in the
    /// background (once: failing again, the error is shown).
    fn run_search(&mut self) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        let Err(why) = s.run(LIMIT) else {
            return;
        };
        match (&self.index_dir, &self.library) {
            (Some(dir), Some(lv)) if !s.rebuilt => {
                s.rebuilt = true;
                s.index = IndexState::build(dir.clone(), lv.lib.clone(), Some(why));
                self.message = Some(messages::INDEX_REBUILDING.to_string());
            }
            _ => s.error = Some(messages::search_failed(&why)),
        }
    }

    /// Background work of the search screen: take the index when it is ready
    /// (saying so when it had to be made anew), and search it.
    /// True while it is still being built.
    pub(super) fn search_tick(&mut self) -> bool {
        let Some(s) = self.search.as_mut() else {
            return false;
        };
        if let Polled::Done(rebuilt) = s.index.poll() {
            if rebuilt.is_some() {
                s.rebuilt = true;
                self.message = Some(messages::INDEX_REMADE.to_string());
            } else if self.message.as_deref() == Some(messages::INDEX_REBUILDING) {
                self.message = None;
            }
            if self.search.as_ref().is_some_and(|s| !s.query.is_empty()) {
                self.run_search();
            }
        }
        self.search
            .as_ref()
            .is_some_and(|s| matches!(s.index, IndexState::Building { .. }))
    }

    /// Rows for hits on the search screen (two rows a hit).
    pub fn search_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(3)) / 2
    }

    /// Carry out an action on the search screen.
    pub(super) fn search_action(&mut self, action: Action) {
        let page = self.search_rows().max(1);
        let Some(s) = self.search.as_mut() else {
            return;
        };
        if let Some(to) = super::list_nav::moved(s.selected, action, s.result.hits.len(), page) {
            s.selected = to;
        }
        match action {
            Action::Filter | Action::LibraryFind => s.typing = true,
            Action::Back => {
                self.screen = s.back_to;
                return;
            }
            Action::Open => return self.open_hit(),
            _ => {}
        }
        s.scroll = super::list_nav::scroll_for(s.selected, s.scroll, page, s.result.hits.len());
    }

    /// Open the selected hit's article at the hit, with find set to the query.
    fn open_hit(&mut self) {
        let Some(s) = self.search.as_ref() else {
            return;
        };
        let Some(hit) = s.result.hits.get(s.selected).cloned() else {
            return;
        };
        let query = s.result_query();
        let Some(root) = self.library.as_ref().map(|l| l.lib.root.clone()) else {
            return;
        };
        if let Err(e) = self.open(&root.join(&hit.path), hit.path.clone()) {
            self.message = Some(e);
            return;
        }
        if let (Some(quote), Some(mark)) = (&hit.note_on, &hit.mark) {
            return self.show_note(mark, quote);
        }
        let rows = self.text_rows();
        if let Some(r) = self.reader.as_mut() {
            r.view.go_to(&r.doc, hit.pos());
            r.view.scroll(&r.doc, -((rows / 3) as isize));
            r.find.query = crate::core::index::in_article_query(&query);
            r.find.search(&r.doc);
            r.find.current = nearest(&r.find.hits, hit.pos());
        }
        self.follow_outline();
    }
}

impl SearchScreen {
    /// The query the hits are for (its other-layout reading when that found them).
    fn result_query(&self) -> String {
        self.result
            .switched
            .clone()
            .unwrap_or_else(|| self.searched.clone())
    }
}
