//! The library's search index as the find screen sees it: built or brought
//! up to date in a background thread (with its progress), ready, or failed.

use crate::core::guarded;
use crate::core::index::{LibraryIndex, Updated};
use crate::core::library::Library;
use crate::tui::job::spawn_job;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The index as the search screen sees it.
pub enum IndexState {
    /// Being built or updated: files done and to do.
    Building {
        /// (done, total) files.
        progress: Arc<Mutex<(usize, usize)>>,
        /// The thread doing it.
        handle: JoinHandle<Result<Updated, String>>,
    },
    /// Ready to search.
    Ready(LibraryIndex),
    /// It could not be opened or built: why.
    Failed(String),
}

impl std::fmt::Debug for IndexState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexState::Building { .. } => f.write_str("Building"),
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
        let progress = Arc::new(Mutex::new((0, 0)));
        let p = Arc::clone(&progress);
        let handle = spawn_job("index", move || {
            guarded::test_panic("index", None);
            LibraryIndex::open_updated(&dir, &lib, damaged, &mut |done, total| {
                if let Ok(mut g) = p.lock() {
                    *g = (done, total);
                }
            })
            .map_err(|e| crate::messages::index_error(&e))
        });
        IndexState::Building { progress, handle }
    }

    /// Take the finished index when the thread is done.
    pub fn poll(&mut self) -> Polled {
        let done = matches!(self, IndexState::Building { handle, .. } if handle.is_finished());
        if !done {
            return Polled::Waiting;
        }
        let old = std::mem::replace(self, IndexState::Failed(String::new()));
        let mut rebuilt = None;
        if let IndexState::Building { handle, .. } = old {
            *self = match handle.join() {
                Ok(Ok(up)) => {
                    rebuilt = up.rebuilt;
                    IndexState::Ready(up.index)
                }
                Ok(Err(e)) => IndexState::Failed(e),
                Err(_) => IndexState::Failed(crate::messages::INDEX_THREAD_FAILED.into()),
            };
        }
        Polled::Done(rebuilt)
    }

    /// Files indexed so far and in all, while building.
    pub fn progress(&self) -> Option<(usize, usize)> {
        match self {
            IndexState::Building { progress, .. } => progress.lock().ok().map(|g| *g),
            _ => None,
        }
    }
}
