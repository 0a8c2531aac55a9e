//! Background work (the first scan of a large library, the search index):
//! one [`Job`] type. A job runs in a thread of its own with a large stack;
//! a panic in it is its failure, never the app's; it counts its progress;
//! and when it moves on or ends it wakes the event loop with a message on
//! the loop's channel, so that the loop never looks at it on a timer.
//!
//! The wakes do not flood the loop: a job's progress wakes it at most once
//! every [`PROGRESS_EVERY`], and never while the last wake is still queued
//! (not taken by the loop); the end always wakes it, unless a wake is still
//! queued, which the loop then takes after the end.

pub mod index;
pub mod scan;

use crate::core::guarded;
use crate::messages;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The stack of a background job (the scan, the index): as large as the main
/// thread's and then some, so that a deep document never needs more there
/// than it would in the foreground.
pub const JOB_STACK: usize = 16 * 1024 * 1024;

/// A job's progress wakes the loop at most this often (its end at once).
pub const PROGRESS_EVERY: Duration = Duration::from_millis(40);

/// The event loop running in this process, if one does: where
/// [`Waker::event_loop`] sends.
static EVENT_LOOP: Mutex<Option<Deliver>> = Mutex::new(None);

/// Hands a job's wake to the event loop (on its channel); false when
/// nobody takes it.
pub type Deliver = Box<dyn Fn(JobWake) -> bool + Send>;

/// Make `to` the event loop that jobs wake (`None`: the loop has ended).
/// Jobs started before it wake it from now on.
pub(crate) fn set_event_loop(to: Option<Deliver>) {
    *EVENT_LOOP.lock().unwrap_or_else(PoisonError::into_inner) = to;
}

/// Where a job's wakes go.
#[derive(Debug, Clone)]
pub struct Waker {
    to: Target,
}

#[derive(Debug, Clone)]
enum Target {
    /// The event loop of this process, whichever runs when the wake is sent
    /// (none: the wake is dropped, and the app is looked at by other means,
    /// as the tests that drive the app with `tick` do).
    EventLoop,
    /// A channel of its own (for tests).
    Channel(Sender<JobWake>),
}

impl Waker {
    /// Wakes the app's event loop (see [`set_event_loop`]).
    pub fn event_loop() -> Waker {
        Waker {
            to: Target::EventLoop,
        }
    }

    /// Sends its wakes on `tx`.
    pub fn channel(tx: Sender<JobWake>) -> Waker {
        Waker {
            to: Target::Channel(tx),
        }
    }

    /// Send `msg`; false when nobody is there to take it.
    fn send(&self, wake: JobWake) -> bool {
        match &self.to {
            Target::Channel(tx) => tx.send(wake).is_ok(),
            Target::EventLoop => EVENT_LOOP
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .as_ref()
                .is_some_and(|deliver| deliver(wake)),
        }
    }
}

/// A job's wake as the loop receives it: taking it lets the job wake the
/// loop again.
#[derive(Debug)]
pub struct JobWake(Arc<AtomicBool>);

impl JobWake {
    /// The loop has this wake: the job may send the next one. Called before
    /// the loop looks at the job, so that nothing the job does after it
    /// goes unseen.
    pub fn taken(self) {
        self.0.store(false, Ordering::Release);
    }
}

/// A job's way to wake the loop: one wake queued at a time.
#[derive(Debug, Clone)]
struct Bell {
    waker: Waker,
    /// A wake is queued and not taken yet.
    queued: Arc<AtomicBool>,
}

impl Bell {
    fn ring(&self) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        if !self.waker.send(JobWake(Arc::clone(&self.queued))) {
            // Nobody took it: a loop that comes later must still be woken.
            self.queued.store(false, Ordering::Release);
        }
    }
}

/// Rings when the job's thread ends, however it ends (after its result is
/// stored, or on a panic that escaped everything).
struct RingOnExit {
    bell: Bell,
    ended: Arc<AtomicBool>,
}

impl Drop for RingOnExit {
    fn drop(&mut self) {
        self.ended.store(true, Ordering::Release);
        self.bell.ring();
    }
}

/// What a running job tells of its progress (it is given one).
#[derive(Debug)]
pub struct Progress {
    counts: Arc<Mutex<(usize, usize)>>,
    bell: Bell,
    /// When it last woke the loop.
    woke: Option<Instant>,
}

impl Progress {
    /// `done` of `total` are done: kept for [`Job::progress`], and the loop
    /// woken to show it (not more often than [`PROGRESS_EVERY`]).
    pub fn set(&mut self, done: usize, total: usize) {
        *self.counts.lock().unwrap_or_else(PoisonError::into_inner) = (done, total);
        let now = Instant::now();
        if self
            .woke
            .is_none_or(|t| now.duration_since(t) >= PROGRESS_EVERY)
        {
            self.woke = Some(now);
            self.bell.ring();
        }
    }
}

/// Work running in a thread of its own: its progress, then its result.
pub struct Job<T> {
    counts: Arc<Mutex<(usize, usize)>>,
    result: Arc<Mutex<Option<Result<T, String>>>>,
    /// The thread has ended (its last wake sent).
    ended: Arc<AtomicBool>,
    /// The thread, until its result is taken.
    handle: Option<JoinHandle<()>>,
}

impl<T> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (done, total) = self.progress();
        write!(f, "Job({done}/{total})")
    }
}

impl<T: Send + 'static> Job<T> {
    /// Run `work` in a thread named `name` with [`JOB_STACK`], its progress
    /// at `start` until it says otherwise; each step it tells and its end
    /// wake `waker`. A panic in it is caught (quietly: the screen stays as
    /// it is) and is its `Err`, and so is a thread that could not be started.
    pub fn spawn(
        name: &str,
        start: (usize, usize),
        waker: Waker,
        work: impl FnOnce(&mut Progress) -> Result<T, String> + Send + 'static,
    ) -> Job<T> {
        let bell = Bell {
            waker,
            queued: Arc::new(AtomicBool::new(false)),
        };
        let counts = Arc::new(Mutex::new(start));
        let result = Arc::new(Mutex::new(None));
        let ended = Arc::new(AtomicBool::new(false));
        let mut progress = Progress {
            counts: Arc::clone(&counts),
            bell: bell.clone(),
            woke: None,
        };
        let on_exit = RingOnExit {
            bell: bell.clone(),
            ended: Arc::clone(&ended),
        };
        let slot = Arc::clone(&result);
        let run = move || {
            let _on_exit = on_exit;
            let outcome = guarded::run(|| work(&mut progress))
                .unwrap_or_else(|panic| Err(messages::job_failed_on_bug(&panic)));
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
        };
        let started = std::thread::Builder::new()
            .name(name.to_string())
            .stack_size(JOB_STACK)
            .spawn(run);
        let handle = match started {
            Ok(handle) => Some(handle),
            // No thread to be had: a job that says so at once.
            Err(e) => {
                *result.lock().unwrap_or_else(PoisonError::into_inner) = Some(Err(e.to_string()));
                ended.store(true, Ordering::Release);
                bell.ring();
                None
            }
        };
        Job {
            counts,
            result,
            ended,
            handle,
        }
    }
}

impl<T> Job<T> {
    /// Done and to do, as the job last said.
    pub fn progress(&self) -> (usize, usize) {
        *self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The result, once the job has ended (taken once: `None` after).
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        if let Some(done) = self.take() {
            return Some(done);
        }
        let finished = self.ended.load(Ordering::Acquire)
            || self.handle.as_ref().is_some_and(JoinHandle::is_finished);
        if !finished {
            return None;
        }
        // Stored just before it ended, or never: the thread died on a panic
        // that nothing caught (it ends at once; joined, it is gone).
        if let Some(done) = self.take() {
            return Some(done);
        }
        let handle = self.handle.take()?;
        let _ = handle.join();
        Some(
            self.take()
                .unwrap_or_else(|| Err(messages::job_failed_on_bug(""))),
        )
    }

    fn take(&mut self) -> Option<Result<T, String>> {
        let done = self
            .result
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if done.is_some() {
            // Its thread ends by itself: nothing to wait for.
            self.handle = None;
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{self, Receiver};

    /// Wait for the next wake on `rx` and take it.
    fn next_wake(rx: &Receiver<JobWake>) {
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(w) => w.taken(),
            Err(e) => panic!("no wake: {e}"),
        }
    }

    fn finished<T>(job: &mut Job<T>, rx: &Receiver<JobWake>) -> Result<T, String> {
        loop {
            if let Some(done) = job.poll() {
                return done;
            }
            next_wake(rx);
        }
    }

    #[test]
    fn the_result_comes_once_and_its_end_wakes_the_loop() {
        let (tx, rx) = mpsc::channel();
        let (go, wait) = mpsc::channel::<()>();
        let mut job = Job::spawn("test-job", (0, 3), Waker::channel(tx), move |_| {
            wait.recv().map_err(|e| e.to_string())?;
            Ok(42)
        });
        assert_eq!(job.progress(), (0, 3), "the start, before it says anything");
        assert_eq!(job.poll(), None, "still running");
        assert!(rx.try_recv().is_err(), "no wake before it moves on");
        go.send(()).expect("send");
        next_wake(&rx);
        assert_eq!(job.poll(), Some(Ok(42)));
        assert_eq!(job.poll(), None, "taken once");
    }

    #[test]
    fn progress_is_kept_and_wakes_the_loop() {
        let (tx, rx) = mpsc::channel();
        let (go, wait) = mpsc::channel::<()>();
        let (said, told) = mpsc::channel::<()>();
        let mut job = Job::spawn("test-job", (0, 0), Waker::channel(tx), move |p| {
            p.set(1, 10);
            said.send(()).map_err(|e| e.to_string())?;
            wait.recv().map_err(|e| e.to_string())?;
            Ok(())
        });
        told.recv().expect("progress said");
        next_wake(&rx);
        assert_eq!(job.progress(), (1, 10));
        assert_eq!(job.poll(), None);
        go.send(()).expect("send");
        assert_eq!(finished(&mut job, &rx), Ok(()));
    }

    #[test]
    fn many_steps_send_few_wakes() {
        let (tx, rx) = mpsc::channel();
        let mut job = Job::spawn("test-job", (0, 0), Waker::channel(tx), |p| {
            for i in 0..100_000 {
                p.set(i + 1, 100_000);
            }
            Ok(())
        });
        // Nobody takes the wakes while it runs: one is queued at a time.
        while !job.ended.load(Ordering::Acquire) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let queued = rx.try_iter().count();
        assert_eq!(queued, 1, "one wake queued, not one a step");
        assert_eq!(job.progress(), (100_000, 100_000));
        assert_eq!(job.poll(), Some(Ok(())));
    }

    #[test]
    fn a_panic_is_the_jobs_failure_and_still_wakes_the_loop() {
        crate::core::guarded::install_quiet_hook();
        let (tx, rx) = mpsc::channel();
        let mut job: Job<()> = Job::spawn("test-job", (0, 0), Waker::channel(tx), |_| {
            panic!("a bug in the job")
        });
        let e = finished(&mut job, &rx).expect_err("failed");
        assert!(e.starts_with("chitalka hit a bug (a bug in the job"), "{e}");
    }

    #[test]
    fn a_job_failing_says_why() {
        let (tx, rx) = mpsc::channel();
        let mut job: Job<()> =
            Job::spawn(
                "test-job",
                (0, 0),
                Waker::channel(tx),
                |_| Err("why".into()),
            );
        assert_eq!(finished(&mut job, &rx), Err("why".to_string()));
    }

    #[test]
    fn the_thread_has_its_name_and_the_large_stack() {
        let (tx, rx) = mpsc::channel();
        let mut job = Job::spawn("test-named", (0, 0), Waker::channel(tx), |_| {
            // 6 MiB of stack: more than a thread has by default (2 MiB).
            fn deep(base: usize, want: usize) -> bool {
                let here = std::hint::black_box(0u8);
                let at = std::ptr::from_ref(&here) as usize;
                base.abs_diff(at) >= want || deep(base, want)
            }
            let here = 0u8;
            let base = std::ptr::from_ref(&here) as usize;
            Ok((
                std::thread::current().name().map(str::to_string),
                deep(base, 6 << 20),
            ))
        });
        assert_eq!(
            finished(&mut job, &rx),
            Ok((Some("test-named".to_string()), true))
        );
    }

    #[test]
    fn a_wake_nobody_took_is_not_counted_as_queued() {
        let (tx, rx) = mpsc::channel();
        drop(rx);
        let bell = Bell {
            waker: Waker::channel(tx),
            queued: Arc::new(AtomicBool::new(false)),
        };
        bell.ring();
        assert!(
            !bell.queued.load(Ordering::Acquire),
            "a loop that comes later is still woken"
        );
    }
}
