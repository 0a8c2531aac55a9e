//! Terminal set-up and restore on every exit path: normal quit, error, panic
//! (in any thread), SIGTERM/SIGHUP/SIGINT, and abort (a stack overflow ends
//! in SIGABRT): a signal handler puts the terminal's modes back and leaves
//! the alternate screen before the process dies.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// The terminal chitalka draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Put the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Raw mode, the alternate screen, mouse and bracketed paste.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Give the terminal to another program (`$EDITOR`) for a while.
pub fn suspend() {
    restore();
}

/// Take the terminal back after [`suspend`] and draw everything anew.
pub fn resume(term: &mut Term) -> io::Result<()> {
    enter()?;
    term.clear()
}

/// Put `text` on the clipboard of the terminal (OSC 52; a terminal that
/// does not know it ignores it).
pub fn copy(text: &str) {
    let _ = execute!(
        io::stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
}

/// Has the terminal gone away? (Its size can no longer be read.)
pub fn hung_up() -> bool {
    crossterm::terminal::size().is_err()
}

/// Restores the terminal when dropped (on return and on error).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Panics of other threads while the screen is drawn, said after it is
/// restored (printed at once, they would garble the screen).
static LATE_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The panics of other threads, to print once the terminal is restored.
pub fn late_panics() -> Vec<String> {
    LATE_PANICS
        .lock()
        .map(|mut v| std::mem::take(&mut *v))
        .unwrap_or_default()
}

/// Set the panic hook for the time the screen is drawn: a panic that is
/// caught as a file's failure ([`crate::core::guarded`]) changes nothing; a
/// panic of the main thread restores the terminal first (the app ends);
/// one of another thread leaves the app running (what that thread was
/// doing fails, and is reported where it is awaited), and is said at exit.
fn set_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::core::guarded::active() {
            return previous(info);
        }
        let thread = std::thread::current();
        match thread.name() {
            Some("main") => {
                restore();
                previous(info);
            }
            name => {
                let name = name.unwrap_or("?");
                let what = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                if let Ok(mut late) = LATE_PANICS.lock() {
                    late.push(crate::messages::thread_panicked(name, &what, &at));
                }
            }
        }
    }));
}

/// What a signal handler writes to leave the screen as it was: mouse
/// capture and bracketed paste off, the main screen back, the cursor shown.
const LEAVE_SCREEN: &[u8] =
    b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// On SIGABRT (an abort, a stack overflow), before the process dies: put
/// back the terminal modes saved before raw mode, and leave the screen.
/// Only async-signal-safe calls (tcsetattr, write) run in the handler.
fn restore_on_abort() -> io::Result<()> {
    // The terminal crossterm sets raw: standard input, else /dev/tty (kept
    // open for the handler).
    // SAFETY: isatty on a plain descriptor number.
    let fd = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        libc::STDIN_FILENO
    } else {
        use std::os::fd::IntoRawFd;
        std::fs::File::options()
            .read(true)
            .write(true)
            .open("/dev/tty")?
            .into_raw_fd()
    };
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let handler = move || {
        // SAFETY: tcsetattr and write are async-signal-safe; `saved` and
        // LEAVE_SCREEN live as long as the process.
        unsafe {
            libc::tcsetattr(fd, libc::TCSANOW, &saved);
            libc::write(
                libc::STDOUT_FILENO,
                LEAVE_SCREEN.as_ptr().cast(),
                LEAVE_SCREEN.len(),
            );
        }
        // Then die as SIGABRT would have.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGABRT);
    };
    // SAFETY: the handler only makes async-signal-safe calls (above).
    unsafe { signal_hook::low_level::register(signal_hook::consts::SIGABRT, handler) }?;
    Ok(())
}

/// The panic hook and the SIGABRT handler are in place (they are installed
/// once, with the terminal's modes from before anything was changed).
static GUARDS_SET: std::sync::Once = std::sync::Once::new();

fn set_guards() -> io::Result<()> {
    let mut result = Ok(());
    GUARDS_SET.call_once(|| {
        set_panic_hook();
        result = restore_on_abort();
    });
    result
}

/// Before the app is made (the library read, the file opened): raw mode, so
/// that keys typed meanwhile are kept for the app, not echoed on the screen
/// left behind (and Enter stays Enter). True if it took; [`release_keys`]
/// undoes it when the app cannot start.
pub fn hold_keys() -> bool {
    set_guards().is_ok() && enable_raw_mode().is_ok()
}

/// Undo [`hold_keys`] (the terminal's modes only: nothing is written).
pub fn release_keys() {
    let _ = disable_raw_mode();
}

/// Enter raw mode and the alternate screen, capture the mouse, install a panic
/// hook that restores the terminal first, a SIGABRT handler that does too,
/// and register termination signals into the returned flag.
pub fn init() -> io::Result<(Term, Guard, Arc<AtomicBool>)> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    set_guards()?;
    enable_raw_mode()?;
    let guard = Guard;
    enter()?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard, stop))
}
