//! Background work in threads of their own: a job's stack, its panics
//! caught and turned into its error.

use crate::core::guarded;
use crate::messages;
use std::thread::JoinHandle;

/// The stack of a background job (the scan, the index): as large as the main
/// thread's and then some, so that a deep document never needs more there
/// than it would in the foreground.
pub const JOB_STACK: usize = 16 * 1024 * 1024;

/// Start `job` in a thread of its own named `name`, with [`JOB_STACK`]; a
/// panic in it is caught (quietly: the screen stays as it is) and is its
/// `Err`, and so is a thread that could not be started.
pub fn spawn_job<T: Send + 'static>(
    name: &str,
    job: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> JoinHandle<Result<T, String>> {
    let run =
        move || guarded::run(job).unwrap_or_else(|panic| Err(messages::job_failed_on_bug(&panic)));
    let started = std::thread::Builder::new()
        .name(name.to_string())
        .stack_size(JOB_STACK)
        .spawn(run);
    match started {
        Ok(handle) => handle,
        // No thread to be had: a thread that says so at once.
        Err(e) => {
            let why = e.to_string();
            std::thread::spawn(move || Err(why))
        }
    }
}
