//! The library-wide find screen's state: the query, the index (built or
//! brought up to date in a background thread, with its progress), the hits.

use super::app::Screen;
use super::job::{Job, Waker};
use crate::core::guarded;
use crate::core::index::{LibraryIndex, SearchResult, Updated};
use crate::core::library::Library;
use crate::core::notes_search::{NotesIndex, merged};
use std::path::PathBuf;

/// The index as the search screen sees it.
pub enum IndexState {
    /// Being built or updated, in a thread ([`Job`]) that wakes the event
    /// loop as it goes.
    Building(Job<Updated>),
    /// Ready to search.
    Ready(LibraryIndex),
    /// It could not be opened or built: why.
    Failed(String),
}

impl std::fmt::Debug for IndexState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexState::Building(_) => f.write_str("Building"),
            IndexState::Ready(_) => f.write_str("Ready"),
            IndexState::Failed(e) => write!(f, "Failed({e})"),
        }
    }
}

/// What [`IndexState::poll`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Polled {
    /// Still building (or nothing to wait for).
    Waiting,
    /// Ready (or failed) just now; `Some(why)` when the index was found
    /// damaged and made anew.
    Done(Option<String>),
}

impl IndexState {
    /// Open and update the index in `dir` for `lib` in a background thread;
    /// `damaged` says why it must be made anew first (a search failed on
    /// it). One found damaged on the way is made anew too, once.
    pub fn build(dir: PathBuf, lib: Library, damaged: Option<String>) -> IndexState {
        let job = Job::spawn("index", (0, 0), Waker::event_loop(), move |progress| {
            guarded::test_panic("index", None);
            LibraryIndex::open_updated(&dir, &lib, damaged, &mut |done, total| {
                progress.set(done, total)
            })
            .map_err(|e| crate::messages::index_error(&e))
        });
        IndexState::Building(job)
    }

    /// Take the finished index when the thread is done.
    pub fn poll(&mut self) -> Polled {
        let IndexState::Building(job) = self else {
            return Polled::Waiting;
        };
        let Some(done) = job.poll() else {
            return Polled::Waiting;
        };
        let mut rebuilt = None;
        *self = match done {
            Ok(up) => {
                rebuilt = up.rebuilt;
                IndexState::Ready(up.index)
            }
            Err(e) => IndexState::Failed(e),
        };
        Polled::Done(rebuilt)
    }

    /// Files indexed so far and in all, while building.
    pub fn progress(&self) -> Option<(usize, usize)> {
        match self {
            IndexState::Building(job) => Some(job.progress()),
            _ => None,
        }
    }
}

/// The library-wide find screen.
#[derive(Debug)]
pub struct SearchScreen {
    /// The query.
    pub query: String,
    /// The query field has the keys.
    pub typing: bool,
    /// The index.
    pub index: IndexState,
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
    /// Where Esc goes back to.
    pub back_to: Screen,
    /// Why the last search failed (shown instead of the hits).
    pub error: Option<String>,
    /// The index was made anew while this screen was open (a second
    /// failure is shown, not made anew again).
    pub rebuilt: bool,
}

impl SearchScreen {
    /// Search the index for the query, if it is ready. `Err(why)` when the
    /// index failed (the hits are then cleared).
    pub fn run(&mut self, limit: usize) -> Result<(), String> {
        let IndexState::Ready(index) = &self.index else {
            return Ok(());
        };
        let found = index.search(&self.query, limit);
        self.searched = self.query.clone();
        self.selected = 0;
        self.scroll = 0;
        let text = match found {
            Ok(text) => text,
            Err(e) => {
                self.result = SearchResult::default();
                return Err(e.to_string());
            }
        };
        let notes = self
            .notes
            .as_ref()
            .and_then(|n| n.search(&self.query, limit).ok())
            .unwrap_or_default();
        self.result = merged(notes, text, limit);
        self.error = None;
        Ok(())
    }
}
