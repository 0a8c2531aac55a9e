//! A first scan of a large library, in the background: the library screen
//! shows what the scan cache knew at once and counts the files being
//! parsed; the whole library replaces it when they are done. The keys never
//! wait for it.

use crate::core::guarded;
use crate::core::library::{Library, PendingScan};
use crate::tui::job::{Job, Waker};

/// More files than this to parse: the scan goes to the background.
pub const BACKGROUND_FROM: usize = 40;

/// A scan running in a thread ([`Job`]); it wakes the event loop as it goes.
#[derive(Debug)]
pub struct Scanning {
    job: Job<Library>,
}

impl Scanning {
    /// Parse the rest of `pending` in a thread.
    pub fn spawn(pending: PendingScan) -> Scanning {
        let start = (0, pending.todo());
        let job = Job::spawn("scan", start, Waker::event_loop(), move |progress| {
            guarded::test_panic("scan", None);
            Ok(pending.finish(&mut |done, total| progress.set(done, total)))
        });
        Scanning { job }
    }

    /// Files parsed and to parse.
    pub fn progress(&self) -> (usize, usize) {
        self.job.progress()
    }

    /// The whole library, once the thread is done. A scan that failed
    /// gives `Some(Err(why))`: the partial library stays.
    pub fn poll(&mut self) -> Option<Result<Library, String>> {
        self.job.poll()
    }
}
