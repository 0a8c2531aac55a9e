//! The terminal shell: the screens ([`screens`]), the overlays over them
//! ([`overlays`]), what they share ([`session`]), the app that routes keys,
//! clicks and draws between them ([`app`]), and the event loop ([`events`],
//! [`job`]).

pub mod action;
pub mod app;
pub mod data_notices;
pub mod effect;
pub mod events;
pub mod external;
pub mod job;
pub mod jumps;
pub mod keymap;
pub mod keymap_binding;
pub mod keymap_marks;
pub mod keymap_runtime;
pub mod opener;
pub mod overlays;
pub mod screens;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use app::App;
use crossterm::event::{Event, KeyEventKind};
use effect::LoopEffect;
use events::{Events, Msg};
use std::sync::atomic::Ordering;
use std::time::Instant;
use theme::Theme;

/// Env var that makes the app panic after its first frame (for tests).
pub const TEST_PANIC_ENV: &str = "CHITALKA_TEST_PANIC";

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
///
/// The loop sleeps until something comes on its channel ([`events`]): a key
/// (read by the input thread), a background job's progress or end
/// ([`job`]), the word to leave; or until the app's next deadline
/// ([`App::next_wake`]). While an article is being laid out it lays out
/// slice after slice instead, looking at the channel between them.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let (mut term, _guard, stop) = terminal::init()?;
    let events = Events::start(std::sync::Arc::clone(&stop))?;
    let theme = Theme::from_env(&app.session.config.theme);
    let size = term.size()?;
    app.resize(size.width, size.height);
    // What the jobs started before the loop did meanwhile, the first slice.
    app.tick(Instant::now());
    let mut failed = None;
    let mut draw = true;
    // Lets the tests check that a panic restores the terminal.
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    while !app.quitting() && !stop.load(Ordering::Relaxed) {
        if draw {
            term.draw(|f| view::draw(f, &mut app, &theme))?;
        }
        if test_panic {
            panic!("{TEST_PANIC_ENV} is set: panicking on purpose");
        }
        let first = if app.laying_out() {
            // Real work to do: only what is already queued.
            events.queued()
        } else {
            events.wait(app.next_wake())
        };
        let came = first.is_some();
        // Take every queued message before drawing again.
        let mut next = first;
        let mut leave = false;
        while let Some(msg) = next {
            match msg {
                Msg::Input(ev) => handle(&mut app, ev),
                Msg::Job(wake) => wake.taken(),
                Msg::Stop => leave = true,
                Msg::Failed(e) => {
                    // A terminal gone is a hang-up (save and leave), else an error.
                    if !terminal::hung_up() {
                        failed = Some(e);
                    }
                    leave = true;
                }
            }
            if app.quitting() || leave {
                break;
            }
            next = events.queued();
        }
        if leave {
            break;
        }
        for effect in app.take_effects() {
            match effect {
                LoopEffect::EditExternally => {
                    let Some(text) = app.note_text() else {
                        continue;
                    };
                    // The editor's keys are its own: nothing else reads them.
                    events.pause_input();
                    terminal::suspend();
                    let result = external::edit(&text);
                    terminal::resume(&mut term)?;
                    events.resume_input();
                    app.external_done(result);
                }
                LoopEffect::Copy(text) => terminal::copy(&text),
            }
        }
        let was_laying_out = app.laying_out();
        app.tick(Instant::now());
        // A slice of the layout alone changes nothing on screen until the
        // last one (the line numbers); anything else is drawn.
        // The find's count growing is drawn (the status line's "3/120+").
        draw = came || !was_laying_out || !app.laying_out() || app.find_changed();
    }
    drop(events);
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
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
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
