//! The event loop's one channel: what the terminal sends (read by a thread
//! of its own), the wakes of background jobs ([`super::job`]), and the word
//! to leave (a termination signal, a terminal gone). The loop blocks on it
//! until something comes or the app's next deadline, and never looks at
//! anything on a timer: an idle chitalka takes no time.
//!
//! The input thread sleeps in `poll(2)` on the terminal and on a pipe of its
//! own, with no timeout. The pipe wakes it for a termination signal (which
//! it says to the loop), a new window size (which crossterm then reads),
//! and a pause or its end: while the person's `$EDITOR` has the terminal,
//! the thread reads nothing (the editor's keys are the editor's).
//!
//! Why not crossterm's `poll` with a timeout: it spins through the last
//! millisecond of every wait (it waits whole milliseconds, rounded down),
//! and with `use-dev-tty` a zero wait never reads the terminal.

use super::job::{self, JobWake};
use crossterm::event::Event;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Once the terminal has input, how long the input thread waits for more
/// before it sleeps again (what is already read comes at once).
const MORE_WITHIN: Duration = Duration::from_millis(1);

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
    /// The descriptor that is readable when input waits.
    fn fd(&self) -> RawFd;
    /// The next event, waiting at most `timeout` for it.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
    /// Should the app leave (a termination signal came)?
    fn stopped(&self) -> bool;
    /// The window's size now, when the source has a window.
    fn size(&self) -> Option<(u16, u16)> {
        None
    }
}

/// The terminal, as crossterm reads it; `stop` is set by the termination
/// signals ([`super::terminal::init`]).
pub struct TerminalSource {
    stop: Arc<AtomicBool>,
    /// The terminal, opened to wait on it (crossterm reads its own).
    tty: Option<std::fs::File>,
}

impl TerminalSource {
    /// The terminal of this process: `/dev/tty`, else standard input.
    pub fn open(stop: Arc<AtomicBool>) -> TerminalSource {
        let tty = std::fs::File::open("/dev/tty").ok();
        TerminalSource { stop, tty }
    }
}

impl Source for TerminalSource {
    fn fd(&self) -> RawFd {
        self.tty
            .as_ref()
            .map_or(libc::STDIN_FILENO, AsRawFd::as_raw_fd)
    }

    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if crossterm::event::poll(timeout)? {
            crossterm::event::read().map(Some)
        } else {
            Ok(None)
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn size(&self) -> Option<(u16, u16)> {
        crossterm::terminal::size().ok()
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

    /// Is the thread to stop reading (a pause or its end asked)?
    fn asked(&self) -> bool {
        *self.lock() != State::Reading
    }
}

/// Says the thread has ended, however it ends.
struct EndedOnDrop(Arc<Control>);

impl Drop for EndedOnDrop {
    fn drop(&mut self) {
        *self.0.lock() = State::Ended;
        self.0.changed.notify_all();
    }
}

/// What woke the input thread.
enum Woke {
    /// The terminal has input.
    Input,
    /// Its pipe (a signal, a pause, its end).
    Pipe,
    /// The terminal went away.
    HungUp,
}

/// Sleep until `tty` has input or `pipe` is written to.
fn sleep_on(tty: RawFd, pipe: RawFd) -> io::Result<Woke> {
    let watch = |fd| libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let mut fds = [watch(tty), watch(pipe)];
    // SAFETY: two pollfds, owned here, for the length given.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
    if n < 0 {
        let e = io::Error::last_os_error();
        // A signal: looked at as a wake of the pipe is.
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(Woke::Pipe)
        } else {
            Err(e)
        };
    }
    Ok(if fds[1].revents != 0 {
        Woke::Pipe
    } else if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Woke::HungUp
    } else {
        Woke::Input
    })
}

/// The input thread: sleep until the terminal has input, send it on `tx`.
fn read_input(mut source: impl Source, mut pipe: UnixStream, control: &Control, tx: &Sender<Msg>) {
    let mut size = source.size();
    while control.may_read() {
        if source.stopped() {
            let _ = tx.send(Msg::Stop);
            return;
        }
        match sleep_on(source.fd(), pipe.as_raw_fd()) {
            Ok(Woke::Input) => {}
            Ok(Woke::Pipe) => {
                while pipe.read(&mut [0; 64]).is_ok_and(|n| n > 0) {}
                if control.asked() || source.stopped() {
                    continue;
                }
                // Else a new window size. crossterm reads it too, from a pipe
                // of its own that the thread does not sleep on: its handler may
                // run after this wake (a busy machine), so the size is looked
                // at here rather than waited for.
                let now = source.size();
                if now != size
                    && let Some((w, h)) = now
                {
                    size = now;
                    if tx.send(Msg::Input(Event::Resize(w, h))).is_err() {
                        return;
                    }
                }
            }
            Ok(Woke::HungUp) => {
                let _ = tx.send(Msg::Stop);
                return;
            }
            Err(e) => {
                let _ = tx.send(Msg::Failed(e));
                return;
            }
        }
        // Take all the input there is, one event at a time.
        loop {
            match source.next(MORE_WITHIN) {
                Ok(Some(ev)) => {
                    if let Event::Resize(w, h) = ev {
                        size = Some((w, h));
                    }
                    if tx.send(Msg::Input(ev)).is_err() {
                        return;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = tx.send(Msg::Failed(e));
                    return;
                }
            }
            if control.asked() || source.stopped() {
                break;
            }
        }
    }
}

/// The thread reading the terminal.
#[derive(Debug)]
pub struct Input {
    control: Arc<Control>,
    /// Wakes the thread.
    pipe: UnixStream,
    /// The signals that write to the pipe.
    signals: Vec<signal_hook::SigId>,
}

impl Input {
    /// Read `source` in a thread, sending what it reads on `tx`.
    pub fn spawn(source: impl Source, tx: Sender<Msg>) -> io::Result<Input> {
        let (theirs, ours) = UnixStream::pair()?;
        theirs.set_nonblocking(true)?;
        ours.set_nonblocking(true)?;
        let control = Arc::new(Control {
            state: Mutex::new(State::Reading),
            changed: Condvar::new(),
        });
        let c = Arc::clone(&control);
        std::thread::Builder::new()
            .name("input".to_string())
            .spawn(move || {
                let _ended = EndedOnDrop(Arc::clone(&c));
                read_input(source, theirs, &c, &tx);
            })?;
        Ok(Input {
            control,
            pipe: ours,
            signals: Vec::new(),
        })
    }

    /// Wake the thread on each of `signals` too (after the handlers
    /// registered before, which set the flag [`Source::stopped`] reads).
    pub fn wake_on_signals(&mut self, signals: &[libc::c_int]) -> io::Result<()> {
        for &sig in signals {
            let pipe = self.pipe.try_clone()?;
            self.signals
                .push(signal_hook::low_level::pipe::register(sig, pipe)?);
        }
        // A signal that came before: looked at now.
        self.wake();
        Ok(())
    }

    fn wake(&self) {
        // Full: a wake is waiting already.
        let _ = (&self.pipe).write(&[1]);
    }

    fn set(&self, from: &[State], to: State) {
        let mut s = self.control.lock();
        if from.contains(&s) {
            *s = to;
            self.control.changed.notify_all();
        }
    }

    /// Stop reading; returns once the thread reads no more (within the
    /// handling of an event).
    pub fn pause(&self) {
        self.set(&[State::Reading], State::PauseAsked);
        self.wake();
        let mut s = self.control.lock();
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
        self.set(&[State::PauseAsked, State::Paused], State::Reading);
    }

    /// Let the thread end (nothing waits for it).
    pub fn end(&self) {
        self.set(
            &[State::Reading, State::PauseAsked, State::Paused],
            State::Ending,
        );
        self.wake();
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        for id in self.signals.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        self.end();
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
    /// Read the terminal in a thread; the app is to leave when `stop` is
    /// set (by the signals that [`super::terminal::init`] registers).
    pub fn start(stop: Arc<AtomicBool>) -> io::Result<Events> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
        let (tx, rx) = mpsc::channel();
        let mut input = Input::spawn(TerminalSource::open(stop), tx.clone())?;
        input.wake_on_signals(&[SIGTERM, SIGHUP, SIGINT, SIGWINCH])?;
        job::set_event_loop(Some(Box::new(move |w| tx.send(Msg::Job(w)).is_ok())));
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent};
    use std::sync::atomic::AtomicUsize;

    /// A terminal made of a socket: the test writes keys (one byte each;
    /// `!` fails to be read) into the other end; counts how often it is read.
    struct Fake {
        keys: UnixStream,
        reads: Arc<AtomicUsize>,
        stop: Arc<AtomicBool>,
        size: Arc<Mutex<Option<(u16, u16)>>>,
    }

    impl Source for Fake {
        fn fd(&self) -> RawFd {
            self.keys.as_raw_fd()
        }
        fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            self.keys.set_read_timeout(Some(timeout))?;
            let mut b = [0u8];
            match self.keys.read(&mut b) {
                Ok(1) if b[0] == b'!' => Err(io::Error::other("unreadable")),
                Ok(1) => Ok(Some(Event::Key(KeyEvent::from(KeyCode::Char(char::from(
                    b[0],
                )))))),
                Ok(_) => Err(io::ErrorKind::UnexpectedEof.into()),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
                Err(e) => Err(e),
            }
        }
        fn stopped(&self) -> bool {
            self.stop.load(Ordering::SeqCst)
        }
        fn size(&self) -> Option<(u16, u16)> {
            *self.size.lock().unwrap_or_else(PoisonError::into_inner)
        }
    }

    struct Rig {
        keys: UnixStream,
        reads: Arc<AtomicUsize>,
        stop: Arc<AtomicBool>,
        size: Arc<Mutex<Option<(u16, u16)>>>,
        rx: Receiver<Msg>,
        input: Input,
    }

    impl Rig {
        fn new() -> Rig {
            let (keys, theirs) = UnixStream::pair().expect("pair");
            let reads = Arc::new(AtomicUsize::new(0));
            let stop = Arc::new(AtomicBool::new(false));
            let size = Arc::new(Mutex::new(Some((80, 24))));
            let (tx, rx) = mpsc::channel();
            let fake = Fake {
                keys: theirs,
                reads: Arc::clone(&reads),
                stop: Arc::clone(&stop),
                size: Arc::clone(&size),
            };
            let input = Input::spawn(fake, tx).expect("thread");
            Rig {
                keys,
                reads,
                stop,
                size,
                rx,
                input,
            }
        }

        fn type_keys(&self, keys: &str) {
            (&self.keys).write_all(keys.as_bytes()).expect("write");
        }

        fn key(&self) -> char {
            match self.rx.recv_timeout(WAIT) {
                Ok(Msg::Input(Event::Key(k))) => match k.code {
                    KeyCode::Char(c) => c,
                    other => panic!("{other:?}"),
                },
                other => panic!("not a key: {other:?}"),
            }
        }

        fn wait_ended(&self) {
            let start = Instant::now();
            while *self.input.control.lock() != State::Ended {
                assert!(start.elapsed() < WAIT, "the thread did not end");
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }

    const WAIT: Duration = Duration::from_secs(10);
    /// A while in which nothing is to happen.
    const QUIET: Duration = Duration::from_millis(300);

    #[test]
    fn keys_come_in_order_and_an_idle_thread_reads_nothing() {
        let r = Rig::new();
        r.type_keys("abc");
        for c in ['a', 'b', 'c'] {
            assert_eq!(r.key(), c);
        }
        // Idle: it sleeps until there is input, with no timeout.
        std::thread::sleep(Duration::from_millis(50));
        let reads = r.reads.load(Ordering::SeqCst);
        std::thread::sleep(QUIET);
        assert_eq!(r.reads.load(Ordering::SeqCst), reads, "read while idle");
        r.type_keys("d");
        assert_eq!(r.key(), 'd');
    }

    #[test]
    fn a_paused_thread_reads_nothing_until_resumed() {
        let r = Rig::new();
        r.input.pause();
        let reads = r.reads.load(Ordering::SeqCst);
        // Keys for another program: the thread must leave them.
        r.type_keys("x");
        std::thread::sleep(QUIET);
        assert_eq!(r.reads.load(Ordering::SeqCst), reads, "read while paused");
        assert!(r.rx.try_recv().is_err());
        r.input.resume();
        assert_eq!(r.key(), 'x');
        // Paused and resumed again, while keys come.
        r.type_keys("yz");
        r.input.pause();
        r.input.resume();
        r.type_keys("w");
        let got: String = (0..3).map(|_| r.key()).collect();
        assert_eq!(got, "yzw");
    }

    #[test]
    fn a_signal_wakes_the_thread_and_says_stop() {
        let mut r = Rig::new();
        signal_hook::flag::register(libc::SIGUSR1, Arc::clone(&r.stop)).expect("flag");
        r.input.wake_on_signals(&[libc::SIGUSR1]).expect("signal");
        // SAFETY: a handler is registered for it (above).
        unsafe { libc::raise(libc::SIGUSR1) };
        assert!(matches!(r.rx.recv_timeout(WAIT), Ok(Msg::Stop)));
        r.wait_ended();
        // The thread has ended: a pause does not wait for it.
        r.input.pause();
    }

    #[test]
    fn a_new_size_is_said_when_the_thread_wakes_for_it() {
        let r = Rig::new();
        // The thread runs (it has read a key).
        r.type_keys("a");
        assert_eq!(r.key(), 'a');
        // The window changed, and the signal's wake came (the source itself
        // has no event for it yet: crossterm's own handler may come later).
        *r.size.lock().unwrap_or_else(PoisonError::into_inner) = Some((50, 20));
        r.input.wake();
        assert!(matches!(
            r.rx.recv_timeout(WAIT),
            Ok(Msg::Input(Event::Resize(50, 20)))
        ));
        // A wake with the size unchanged says nothing.
        r.input.wake();
        std::thread::sleep(QUIET);
        assert!(r.rx.try_recv().is_err());
    }

    #[test]
    fn a_failed_read_is_said_and_ends_the_thread() {
        let r = Rig::new();
        r.type_keys("!");
        assert!(matches!(r.rx.recv_timeout(WAIT), Ok(Msg::Failed(_))));
        r.wait_ended();
        r.input.pause();
        r.input.resume();
    }

    #[test]
    fn a_terminal_gone_says_stop() {
        let r = Rig::new();
        r.keys.shutdown(std::net::Shutdown::Both).expect("shutdown");
        let msg = r.rx.recv_timeout(WAIT);
        assert!(matches!(msg, Ok(Msg::Stop | Msg::Failed(_))), "{msg:?}");
        r.wait_ended();
    }

    #[test]
    fn an_ended_thread_stops_reading() {
        let r = Rig::new();
        r.input.end();
        r.wait_ended();
        // (Its end of the terminal is closed: the write may fail.)
        let _ = (&r.keys).write_all(b"y");
        assert!(r.rx.recv_timeout(QUIET).is_err());
    }
}
