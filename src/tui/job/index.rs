//! The library's search index as the find screen sees it: built or brought
//! up to date in a background job (with its progress) at a low priority,
//! searchable as far as that job has committed; ready; or failed.

use crate::core::guarded;
use crate::core::index::{LibraryIndex, Updated};
use crate::core::library::Library;
use crate::tui::job::{Job, Waker};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// The index being updated, as far as its update has committed: set by the
/// job once the index is open.
type Partial = Arc<Mutex<Option<LibraryIndex>>>;

/// The index as the search screen sees it.
pub enum IndexState {
    /// Being built or updated, in a thread ([`Job`]) that wakes the event
    /// loop as it goes; the index as far as it is committed.
    Building(Job<Updated>, Partial),
    /// Ready to search.
    Ready(LibraryIndex),
    /// It could not be opened or built: why.
    Failed(String),
}

impl std::fmt::Debug for IndexState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexState::Building(..) => f.write_str("Building"),
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
        let partial = Partial::default();
        let shown = Arc::clone(&partial);
        let job = Job::spawn("index", (0, 0), Waker::event_loop(), move |progress| {
            lower_priority();
            guarded::test_panic("index", None);
            LibraryIndex::open_updated_showing(
                &dir,
                &lib,
                damaged,
                &mut |done, total| progress.set(done, total),
                &mut |index| *shown.lock().unwrap_or_else(PoisonError::into_inner) = Some(index),
            )
            .map_err(|e| crate::messages::index_error(&e))
        });
        IndexState::Building(job, partial)
    }

    /// The index to search now: the ready one, or the one being built as
    /// far as it is committed.
    pub fn searchable(&self) -> Option<LibraryIndex> {
        match self {
            IndexState::Ready(index) => Some(index.clone()),
            IndexState::Building(_, partial) => partial
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
            IndexState::Failed(_) => None,
        }
    }

    /// Take the finished index when the thread is done.
    pub fn poll(&mut self) -> Polled {
        let IndexState::Building(job, _) = self else {
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
            IndexState::Building(job, _) => Some(job.progress()),
            _ => None,
        }
    }
}

/// The index is built while the person reads: its thread (and the threads
/// it starts, which inherit it) yields to everything else on the machine.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on this thread's own id changes nothing but its
    // scheduling; a failure leaves it as it was.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn the_build_thread_and_the_threads_it_starts_run_at_the_lowest_priority() {
        let nice = || {
            // SAFETY: reads this thread's own priority.
            unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
        };
        let (own, child) = std::thread::spawn(move || {
            super::lower_priority();
            let child = std::thread::spawn(nice).join().expect("child");
            (nice(), child)
        })
        .join()
        .expect("thread");
        assert_eq!((own, child), (19, 19));
        assert_ne!(nice(), 19, "the rest of the app keeps its priority");
    }
}
