//! Terminal set-up and restore on every exit path: normal quit, error, panic,
//! SIGTERM/SIGHUP/SIGINT.

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
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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

/// Enter raw mode and the alternate screen, capture the mouse, install a panic
/// hook that restores the terminal first, and register termination signals
/// into the returned flag.
pub fn init() -> io::Result<(Term, Guard, Arc<AtomicBool>)> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    enable_raw_mode()?;
    let guard = Guard;
    enter()?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard, stop))
}
