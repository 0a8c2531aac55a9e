//! The event loop's one channel: what the terminal sends (read by a thread
//! of its own), the wakes of background jobs ([`super::job`]), and the word
//! to leave (a termination signal, a terminal gone). The loop blocks on it
//! until something comes or the app's next deadline, and never looks at
//! anything on a timer: an idle chitalka takes no time.
//!
//! The input thread reads the terminal with a timeout ([`INPUT_POLL`]) so
//! that it can also notice a signal, a terminal gone, and a pause asked:
//! while the person's `$EDITOR` has the terminal, the thread reads nothing
//! (the editor's keys are the editor's).

use super::job::{self, JobWake};
use crossterm::event::Event;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long the input thread waits for the terminal before it looks at a
/// pause asked, a termination signal and a terminal gone: the longest a
/// signal waits to be noticed, and the editor to start.
pub const INPUT_POLL: Duration = Duration::from_millis(100);

/// A message on the loop's channel.
#[derive(Debug)]
pub enum Msg {
    /// From the terminal: a key, the mouse, a paste, a new size.
    Input(Event),
    /// A background job moved on or ended (take it: [`JobWake::taken`]).
    Job(JobWake),
    /// Leave: a termination signal came, or the terminal went away.
    Stop,
    /// The terminal could not be read.
    Failed(io::Error),
}

/// What the input thread reads: the terminal (another source in tests).
pub trait Source: Send + 'static {
    /// The next event, waiting at most `timeout` for it.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
    /// Should the app leave (a termination signal came)?
    fn stopped(&mut self) -> bool;
    /// Has the terminal gone away? (Asked when nothing came for a while.)
    fn gone(&mut self) -> bool;
}

/// The terminal, as crossterm reads it; `stop` is set by the termination
/// signals ([`super::terminal::init`]).
pub struct TerminalSource {
    /// Set by SIGTERM, SIGHUP and SIGINT.
    pub stop: Arc<AtomicBool>,
}

impl Source for TerminalSource {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if crossterm::event::poll(timeout)? {
            crossterm::event::read().map(Some)
        } else {
            Ok(None)
        }
    }

    fn stopped(&mut self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn gone(&mut self) -> bool {
        super::terminal::hung_up()
    }
}

/// What the input thread is to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Read the terminal.
    Reading,
    /// Stop reading, and say so ([`State::Paused`]).
    PauseAsked,
    /// Not reading until told.
    Paused,
    /// End.
    Ending,
    /// It has ended.
    Ended,
}

#[derive(Debug)]
struct Control {
    state: Mutex<State>,
    changed: Condvar,
}

impl Control {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, state: State) {
        *self.lock() = state;
        self.changed.notify_all();
    }

    /// For the thread: wait while paused (saying it is); false: end.
    fn may_read(&self) -> bool {
        let mut s = self.lock();
        loop {
            match *s {
                State::Reading => return true,
                State::PauseAsked => {
                    *s = State::Paused;
                    self.changed.notify_all();
                }
                State::Paused => {
                    s = self.changed.wait(s).unwrap_or_else(PoisonError::into_inner);
                }
                State::Ending | State::Ended => return false,
            }
        }
    }
}

/// Says the thread has ended, however it ends.
struct EndedOnDrop(Arc<Control>);

impl Drop for EndedOnDrop {
    fn drop(&mut self) {
        self.0.set(State::Ended);
    }
}

/// The thread reading the terminal.
#[derive(Debug)]
pub struct Input {
    control: Arc<Control>,
}

impl Input {
    /// Read `source` in a thread, sending what it reads on `tx`.
    pub fn spawn(mut source: impl Source, tx: Sender<Msg>) -> io::Result<Input> {
        let control = Arc::new(Control {
            state: Mutex::new(State::Reading),
            changed: Condvar::new(),
        });
        let ours = Arc::clone(&control);
        std::thread::Builder::new()
            .name("input".to_string())
            .spawn(move || {
                let _ended = EndedOnDrop(Arc::clone(&ours));
                while ours.may_read() {
                    let msg = match source.next(INPUT_POLL) {
                        Ok(Some(ev)) => Msg::Input(ev),
                        Ok(None) if source.stopped() || source.gone() => Msg::Stop,
                        Ok(None) => continue,
                        Err(e) => Msg::Failed(e),
                    };
                    let last = matches!(msg, Msg::Stop | Msg::Failed(_));
                    if tx.send(msg).is_err() || last {
                        return;
                    }
                    // A signal while keys keep coming is noticed too.
                    if source.stopped() {
                        let _ = tx.send(Msg::Stop);
                        return;
                    }
                }
            })?;
        Ok(Input { control })
    }

    /// Stop reading; returns once the thread reads no more (at most
    /// [`INPUT_POLL`] and the handling of an event later).
    pub fn pause(&self) {
        let mut s = self.control.lock();
        if *s == State::Reading {
            *s = State::PauseAsked;
        }
        while *s == State::PauseAsked {
            s = self
                .control
                .changed
                .wait(s)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Read again after [`Input::pause`].
    pub fn resume(&self) {
        let mut s = self.control.lock();
        if matches!(*s, State::PauseAsked | State::Paused) {
            *s = State::Reading;
            self.control.changed.notify_all();
        }
    }

    /// Let the thread end (it does within [`INPUT_POLL`]; nothing waits).
    pub fn end(&self) {
        let mut s = self.control.lock();
        if *s != State::Ended {
            *s = State::Ending;
            self.control.changed.notify_all();
        }
    }
}

/// The event loop's channel, with the input thread feeding it; while it
/// lives, the background jobs wake it.
#[derive(Debug)]
pub struct Events {
    rx: Receiver<Msg>,
    input: Input,
}

impl Events {
    /// Read the terminal in a thread; the app is to leave when `stop` is set.
    pub fn start(stop: Arc<AtomicBool>) -> io::Result<Events> {
        Self::with_source(TerminalSource { stop })
    }

    /// The channel fed by `source` (and the jobs).
    pub fn with_source(source: impl Source) -> io::Result<Events> {
        let (tx, rx) = mpsc::channel();
        let input = Input::spawn(source, tx.clone())?;
        job::set_event_loop(Some(tx));
        Ok(Events { rx, input })
    }

    /// The next message, waiting for it until `until` (`None`: as long as
    /// it takes); `None` when the time came first.
    pub fn wait(&self, until: Option<Instant>) -> Option<Msg> {
        match until {
            None => self.rx.recv().ok(),
            Some(t) => self
                .rx
                .recv_timeout(t.saturating_duration_since(Instant::now()))
                .ok(),
        }
    }

    /// A message already queued, without waiting.
    pub fn queued(&self) -> Option<Msg> {
        self.rx.try_recv().ok()
    }

    /// Stop reading the terminal (another program is to have it); returns
    /// once nothing reads it.
    pub fn pause_input(&self) {
        self.input.pause();
    }

    /// Read the terminal again.
    pub fn resume_input(&self) {
        self.input.resume();
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        job::set_event_loop(None);
        self.input.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent};
    use std::sync::atomic::AtomicUsize;

    /// Keys from a channel; counts how often it is read.
    struct Fake {
        keys: Receiver<io::Result<char>>,
        reads: Arc<AtomicUsize>,
        stop: Arc<AtomicBool>,
    }

    impl Source for Fake {
        fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            match self.keys.recv_timeout(timeout) {
                Ok(Ok(c)) => Ok(Some(Event::Key(KeyEvent::from(KeyCode::Char(c))))),
                Ok(Err(e)) => Err(e),
                Err(_) => Ok(None),
            }
        }
        fn stopped(&mut self) -> bool {
            self.stop.load(Ordering::SeqCst)
        }
        fn gone(&mut self) -> bool {
            false
        }
    }

    struct Rig {
        keys: Sender<io::Result<char>>,
        reads: Arc<AtomicUsize>,
        stop: Arc<AtomicBool>,
        rx: Receiver<Msg>,
        input: Input,
    }

    fn rig() -> Rig {
        let (keys, from) = mpsc::channel();
        let reads = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let fake = Fake {
            keys: from,
            reads: Arc::clone(&reads),
            stop: Arc::clone(&stop),
        };
        let input = Input::spawn(fake, tx).expect("thread");
        Rig {
            keys,
            reads,
            stop,
            rx,
            input,
        }
    }

    fn key(msg: Option<Msg>) -> char {
        match msg {
            Some(Msg::Input(Event::Key(k))) => match k.code {
                KeyCode::Char(c) => c,
                other => panic!("{other:?}"),
            },
            other => panic!("not a key: {other:?}"),
        }
    }

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    fn keys_come_in_order() {
        let r = rig();
        for c in ['a', 'б', 'c'] {
            r.keys.send(Ok(c)).expect("send");
        }
        for c in ['a', 'б', 'c'] {
            assert_eq!(key(r.rx.recv_timeout(WAIT).ok()), c);
        }
    }

    #[test]
    fn a_paused_thread_reads_nothing_until_resumed() {
        let r = rig();
        r.input.pause();
        let reads = r.reads.load(Ordering::SeqCst);
        // Keys for another program: the thread must leave them.
        r.keys.send(Ok('x')).expect("send");
        std::thread::sleep(INPUT_POLL * 3);
        assert_eq!(r.reads.load(Ordering::SeqCst), reads, "read while paused");
        assert!(r.rx.try_recv().is_err());
        r.input.resume();
        assert_eq!(key(r.rx.recv_timeout(WAIT).ok()), 'x');
    }

    #[test]
    fn a_signal_says_stop() {
        let r = rig();
        r.stop.store(true, Ordering::SeqCst);
        assert!(matches!(r.rx.recv_timeout(WAIT), Ok(Msg::Stop)));
        // The thread has ended: a pause does not wait for it.
        r.input.pause();
    }

    #[test]
    fn a_failed_read_is_said_and_ends_the_thread() {
        let r = rig();
        r.keys.send(Err(io::Error::other("gone"))).expect("send");
        assert!(matches!(r.rx.recv_timeout(WAIT), Ok(Msg::Failed(_))));
        let start = Instant::now();
        while *r.input.control.lock() != State::Ended {
            assert!(start.elapsed() < WAIT, "the thread did not end");
            std::thread::sleep(Duration::from_millis(5));
        }
        r.input.pause();
        r.input.resume();
    }

    #[test]
    fn an_ended_thread_stops_reading() {
        let r = rig();
        r.input.end();
        let start = Instant::now();
        while *r.input.control.lock() != State::Ended {
            assert!(start.elapsed() < WAIT, "the thread did not end");
            std::thread::sleep(Duration::from_millis(5));
        }
        r.keys.send(Ok('y')).ok();
        assert!(r.rx.recv_timeout(INPUT_POLL * 2).is_err());
    }
}
