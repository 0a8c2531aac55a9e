//! A first scan of a large library, in the background: the library screen
//! shows what the scan cache knew at once and counts the files being
//! parsed; the whole library replaces it when they are done. The keys never
//! wait for it.

use crate::core::guarded;
use crate::core::library::{Library, PendingScan};
use crate::messages;
use crate::tui::job::spawn_job;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// More files than this to parse: the scan goes to the background.
pub const BACKGROUND_FROM: usize = 40;

/// A scan running in a thread.
#[derive(Debug)]
pub struct Scanning {
    progress: Arc<Mutex<(usize, usize)>>,
    handle: Option<JoinHandle<Result<Library, String>>>,
}

impl Scanning {
    /// Parse the rest of `pending` in a thread.
    pub fn spawn(pending: PendingScan) -> Scanning {
        let progress = Arc::new(Mutex::new((0, pending.todo())));
        let p = Arc::clone(&progress);
        let handle = spawn_job("scan", move || {
            guarded::test_panic("scan", None);
            Ok(pending.finish(&mut |done, total| {
                if let Ok(mut g) = p.lock() {
                    *g = (done, total);
                }
            }))
        });
        Scanning {
            progress,
            handle: Some(handle),
        }
    }

    /// Files parsed and to parse.
    pub fn progress(&self) -> (usize, usize) {
        self.progress.lock().map_or((0, 0), |g| *g)
    }

    /// The whole library, once the thread is done. A scan that failed
    /// gives `Some(Err(why))`: the partial library stays.
    pub fn poll(&mut self) -> Option<Result<Library, String>> {
        if !self.handle.as_ref().is_some_and(|h| h.is_finished()) {
            return None;
        }
        self.handle.take().map(|h| {
            h.join()
                .unwrap_or_else(|_| Err(messages::job_failed_on_bug("")))
        })
    }
}
