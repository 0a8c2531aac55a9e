//! Work that may panic on a hostile file (a parser, the search index) runs
//! through [`run`], so that a panic is that file's failure, with its reason,
//! and never the app's: it is caught, and while it is caught the panic hook
//! set by [`install_quiet_hook`] prints nothing (a message on a drawn screen
//! would garble it) but keeps where it happened for the reason.

use std::cell::{Cell, RefCell};
use std::panic::AssertUnwindSafe;

thread_local! {
    /// How many [`run`]s this thread is inside.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Where the last caught panic of this thread happened.
    static WHERE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Is this thread inside [`run`] (a panic now will be caught)?
pub fn active() -> bool {
    DEPTH.with(Cell::get) > 0
}

/// Run `f`; a panic in it becomes `Err` with its message and place.
pub fn run<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    outcome.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        match WHERE.with(|w| w.borrow_mut().take()) {
            Some(at) if !what.is_empty() => format!("{what}, {at}"),
            Some(at) => at,
            None => what,
        }
    })
}

/// Make the panic hook quiet for panics that [`run`] catches (their place
/// is kept for the reason); other panics go to the hook there was.
/// Called once, at start-up, before any thread is started.
pub fn install_quiet_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if active() {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            WHERE.with(|w| *w.borrow_mut() = at);
        } else {
            previous(info);
        }
    }));
}

/// For tests only: `CHITALKA_TEST_PANIC_IN=parse:NAME` makes the parse of
/// any file named NAME panic (as a parser bug would); `scan` and `index`
/// make the app's background scan or index job panic outside any file.
/// Read at start-up ([`set_test_panic`]); unset, as it always is outside
/// the tests, nothing happens.
pub const TEST_PANIC_IN_ENV: &str = "CHITALKA_TEST_PANIC_IN";

/// Where a test wants a panic ([`TEST_PANIC_IN_ENV`]'s value).
static TEST_PANIC_IN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Set, once at start-up, where a test wants a panic (see [`TEST_PANIC_IN_ENV`]).
pub fn set_test_panic(value: Option<String>) {
    if let Some(v) = value {
        let _ = TEST_PANIC_IN.set(v);
    }
}

/// Panic here if the test set-up names `place` (and `name`, when it gives
/// one after a colon).
pub fn test_panic(place: &str, name: Option<&std::ffi::OsStr>) {
    let Some(value) = TEST_PANIC_IN.get() else {
        return;
    };
    let (p, n) = value.split_once(':').unwrap_or((value, ""));
    if p == place && (n.is_empty() || name.is_some_and(|x| x == n)) {
        panic!("{TEST_PANIC_IN_ENV}={value}: panicking on purpose");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(run(|| 7), Ok(7));
        let e = run(|| -> usize { panic!("bad file") }).expect_err("caught");
        assert!(e.starts_with("bad file"), "{e}");
        let v: Vec<u8> = Vec::new();
        let index = 3;
        let e = run(|| v[index]).expect_err("caught");
        assert!(e.contains("index out of bounds"), "{e}");
        assert!(!active(), "left the guarded part");
        // Nested: the inner one catches, the outer goes on.
        assert_eq!(run(|| run(|| -> () { panic!("inner") }).is_err()), Ok(true));
    }
}
