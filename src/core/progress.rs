//! How far a long piece of work in this thread has got, for whoever asked:
//! the reader reading a long article in the background shows it. Work
//! reports with [`at`] (cheap when nobody listens: one thread-local look);
//! [`listen`] runs work with a counter to report into.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// The share of the work done, in millionths (0 to [`WHOLE`]).
pub type Counter = Arc<AtomicU32>;

/// The whole of the work, in a [`Counter`].
pub const WHOLE: u32 = 1_000_000;

/// A counter holding this: whoever asked for the work no longer wants it;
/// the work's next report ends it (see [`at`]).
const CANCELLED: u32 = u32::MAX;

/// Nobody wants the work reporting to `counter` any more: it ends at its
/// next report (a panic, caught where the work is guarded).
pub fn cancel(counter: &Counter) {
    counter.store(CANCELLED, Ordering::Relaxed);
}

thread_local! {
    static SINK: RefCell<Option<(Counter, f64, f64)>> = const { RefCell::new(None) };
}

/// Run `work` in this thread, its reports going to `counter`.
pub fn listen<T>(counter: &Counter, work: impl FnOnce() -> T) -> T {
    SINK.with(|s| *s.borrow_mut() = Some((Arc::clone(counter), 0.0, 1.0)));
    let out = work();
    SINK.with(|s| *s.borrow_mut() = None);
    out
}

/// The work has got `share` (0.0 to 1.0) of the way through its current
/// stage (see [`stage`]). Work [`cancel`]led ends here: this panics (the
/// work is run guarded, and its result is not wanted).
pub fn at(share: f64) {
    let cancelled = SINK.with(|s| {
        s.borrow()
            .as_ref()
            .is_some_and(|(c, _, _)| c.load(Ordering::Relaxed) == CANCELLED)
    });
    if cancelled {
        SINK.with(|s| *s.borrow_mut() = None);
        panic!("cancelled");
    }
    SINK.with(|s| {
        if let Some((c, from, to)) = s.borrow().as_ref() {
            let v = from + (to - from) * share.clamp(0.0, 1.0);
            c.fetch_max((v * f64::from(WHOLE)) as u32, Ordering::Relaxed);
        }
    });
}

/// Reports from now on are within `from..to` of the whole (a stage of it).
pub fn stage(from: f64, to: f64) {
    SINK.with(|s| {
        if let Some((_, f, t)) = s.borrow_mut().as_mut() {
            (*f, *t) = (from, to);
        }
    });
    at(0.0);
}

/// The share a counter holds, 0.0 to 1.0.
pub fn share(counter: &Counter) -> f64 {
    f64::from(counter.load(Ordering::Relaxed)) / f64::from(WHOLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_fill_the_whole_and_nobody_listening_costs_nothing() {
        at(0.5); // nobody listens: nothing happens
        let c = Counter::default();
        listen(&c, || {
            stage(0.0, 0.5);
            at(1.0);
            assert!((share(&c) - 0.5).abs() < 1e-6);
            stage(0.5, 1.0);
            at(0.5);
        });
        assert!((share(&c) - 0.75).abs() < 1e-6);
        // Never backwards.
        listen(&c, || at(0.1));
        assert!((share(&c) - 0.75).abs() < 1e-6);
        at(1.0);
        assert!((share(&c) - 0.75).abs() < 1e-6);
    }

    #[test]
    fn cancelled_work_ends_at_its_next_report() {
        let c = Counter::default();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let out = crate::core::guarded::run(|| {
            listen(&c, || {
                for i in 0..100 {
                    if i == 10 {
                        cancel(&c);
                    }
                    at(f64::from(i) / 100.0);
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        });
        assert!(out.is_err());
        assert_eq!(done.load(Ordering::Relaxed), 10);
        // The thread listens to nothing after it.
        at(0.5);
    }
}
