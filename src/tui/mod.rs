//! The terminal shell: the screens ([`screens`]), the overlays over them
//! ([`overlays`]), what they share ([`session`]), the app that routes keys,
//! clicks and draws between them ([`app`]), and the event loop.

pub mod action;
pub mod app;
pub mod data_notices;
pub mod effect;
pub mod external;
pub mod job;
pub mod jumps;
pub mod keymap;
pub mod keymap_binding;
pub mod keymap_marks;
pub mod keymap_runtime;
pub mod overlays;
pub mod screens;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use app::App;
use crossterm::event::{self, Event, KeyEventKind};
use effect::LoopEffect;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use theme::Theme;

/// Env var that makes the app panic after its first frame (for tests).
pub const TEST_PANIC_ENV: &str = "CHITALKA_TEST_PANIC";

/// How long to wait for input when there is no background work.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// How long to wait for input while a background job (the index, the scan)
/// runs: long enough that the terminal is read (with `use-dev-tty` a zero
/// wait never reads it, and keys, Ctrl-c included, waited for the job),
/// short enough that its progress is drawn as it goes.
const BUSY_POLL: Duration = Duration::from_millis(40);

/// The app as `chitalka` starts it: `file` in the reader, else the library;
/// the first note of the start-up (a config error first) on its status line.
pub fn start(
    setup: &crate::setup::Setup,
    file: Option<&std::path::Path>,
    size: (u16, u16),
) -> Result<App, String> {
    let config = setup.config.clone();
    let mut app = match file {
        Some(f) => App::with_file(config, &setup.paths.data_dir, f, size)?,
        None => App::with_library_cached(
            config,
            &setup.paths.data_dir,
            &setup.paths.library,
            size,
            Some(crate::core::scan_cache::ScanCache::open(
                &setup.paths.cache_dir,
                &setup.paths.library,
            )),
        )?,
    };
    if !setup.paths.library.as_os_str().is_empty() {
        app.session.index_dir = Some(setup.paths.index_dir());
    }
    // A config problem matters more than anything the library scan said;
    // damaged data more still (the config note is said again on exit).
    if let Some(note) = setup.notes.first()
        && app.session.data_notices.is_empty()
    {
        app.session.say(note.clone());
    }
    Ok(app)
}

/// Run the app until the person quits or a termination signal arrives.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let (mut term, _guard, stop) = terminal::init()?;
    let theme = Theme::from_env(&app.session.config.theme);
    let size = term.size()?;
    app.resize(size.width, size.height);
    let mut busy = false;
    // Lets the tests check that a panic restores the terminal.
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    while !app.quitting() && !stop.load(Ordering::Relaxed) {
        term.draw(|f| view::draw(f, &mut app, &theme))?;
        if test_panic {
            panic!("{TEST_PANIC_ENV} is set: panicking on purpose");
        }
        let timeout = match (busy, app.laying_out()) {
            (false, _) => IDLE_POLL,
            (true, false) => BUSY_POLL,
            // The layout is done in slices between reads of the keys.
            (true, true) => Duration::ZERO,
        };
        if event::poll(timeout)? {
            // Take every queued event before drawing again.
            loop {
                handle(&mut app, event::read()?);
                if app.quitting() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        } else if terminal::hung_up() {
            // The terminal went away (window closed, tmux killed): save and leave.
            break;
        }
        for effect in app.take_effects() {
            match effect {
                LoopEffect::EditExternally => {
                    let Some(text) = app.note_text() else {
                        continue;
                    };
                    terminal::suspend();
                    let result = external::edit(&text);
                    terminal::resume(&mut term)?;
                    app.external_done(result);
                }
                LoopEffect::Copy(text) => terminal::copy(&text),
            }
        }
        busy = app.tick(Instant::now());
    }
    app.save_position();
    let unsaved = app.flush_marks();
    // Said on the normal screen, where it stays readable.
    drop(term);
    drop(_guard);
    if let Some(m) = unsaved {
        eprintln!("chitalka: {}", crate::messages::shown(&m));
    }
    if let Some(m) = &app.session.position_error {
        eprintln!("chitalka: {}", crate::messages::shown(m));
    }
    for m in &app.session.data_notices {
        eprintln!("chitalka: {}", crate::messages::shown(m));
    }
    for p in terminal::late_panics() {
        eprintln!("chitalka: {}", crate::messages::shown(&p));
    }
    Ok(())
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.on_key(k),
        Event::Resize(w, h) => app.resize(w, h),
        Event::Paste(text) => app.on_paste(&text),
        Event::Mouse(m) => app.on_mouse(m),
        _ => {}
    }
}
