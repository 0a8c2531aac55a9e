//! The app: a stack of screens (the top one shown), at most one overlay,
//! and the session they share. [`App::on_key`], [`App::on_mouse`] and
//! [`view`] route each key, click and draw, in one order: the overlay, then
//! the top screen, then the keys every screen has. Screens say what they
//! want done beyond themselves as [`Effect`]s; the app carries out the moves
//! between screens, the loop the rest ([`LoopEffect`]).

use super::action::Action;
use super::effect::LoopEffect;
use super::jumps::{self, Place};
use super::keymap::{self, Mode};
use super::overlays::Overlay;
use super::screens::Screen;
mod moves;

pub use super::screens::ScreenKind;
use super::screens::library::{self, LibraryScreen};
use super::screens::marks::MarksScreen;
use super::screens::reader::Reader;
use super::screens::search::SearchScreen;
use super::session::Session;
use crate::config::Config;
use crate::core::layout::LayoutOptions;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use std::path::Path;
use std::time::Instant;

/// The whole app state.
#[derive(Debug)]
pub struct App {
    /// The screens, the one shown last.
    stack: Vec<Screen>,
    /// The overlay open over the top screen.
    pub overlay: Option<Overlay>,
    /// What the screens share.
    pub session: Session,
    /// What the loop has to do (the clipboard, `$EDITOR`).
    effects: Vec<LoopEffect>,
    /// The app should exit.
    quit: bool,
}

impl App {
    /// An app showing the library in `dir`.
    pub fn with_library(
        config: Config,
        data_dir: &Path,
        dir: &Path,
        size: (u16, u16),
    ) -> Result<App, String> {
        Self::with_library_cached(config, data_dir, dir, size, None)
    }

    /// [`App::with_library`], the scan sped up by a scan cache.
    pub fn with_library_cached(
        config: Config,
        data_dir: &Path,
        dir: &Path,
        size: (u16, u16),
        cache: Option<crate::core::scan_cache::ScanCache>,
    ) -> Result<App, String> {
        let mut session = Session::new(config, data_dir, size);
        library::scan_into(&mut session, dir, cache)?;
        let screen = Screen::Library(LibraryScreen::new(&session));
        Ok(App::on(session, screen))
    }

    /// An app showing one file in the reader, with no library.
    pub fn with_file(
        config: Config,
        data_dir: &Path,
        file: &Path,
        size: (u16, u16),
    ) -> Result<App, String> {
        let mut session = Session::new(config, data_dir, size);
        let key = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
        let r = Reader::open(&mut session, file, key.to_string_lossy().into_owned())?;
        let mut app = App::on(session, Screen::Reader(Box::new(r)));
        app.save_position();
        Ok(app)
    }

    fn on(session: Session, screen: Screen) -> App {
        App {
            stack: vec![screen],
            overlay: None,
            session,
            effects: Vec::new(),
            quit: false,
        }
    }

    /// The screen shown.
    pub fn screen(&self) -> ScreenKind {
        self.stack.last().map_or(ScreenKind::Library, Screen::kind)
    }

    /// The screens, the one shown last.
    pub fn screens(&self) -> &[Screen] {
        &self.stack
    }

    /// The keymap mode of the screen shown.
    pub fn mode(&self) -> Mode {
        self.stack
            .last()
            .map_or(Mode::Library, |s| s.mode(&self.session))
    }

    /// The open article: the reader shown, else the one under the screen shown.
    pub fn reader(&self) -> Option<&Reader> {
        self.stack.iter().rev().find_map(Screen::reader)
    }

    /// The open article, to change.
    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        self.stack.iter_mut().rev().find_map(Screen::reader_mut)
    }

    /// The library screen, when there is one.
    pub fn library(&self) -> Option<&LibraryScreen> {
        self.stack.iter().find_map(|s| match s {
            Screen::Library(l) => Some(l),
            _ => None,
        })
    }

    /// The list of marks, when it is shown.
    pub fn marks_list(&self) -> Option<&MarksScreen> {
        match self.stack.last() {
            Some(Screen::Marks(m)) => Some(m),
            _ => None,
        }
    }

    /// The library-wide find, when it is shown.
    pub fn search(&self) -> Option<&SearchScreen> {
        match self.stack.last() {
            Some(Screen::Search(s)) => Some(s),
            _ => None,
        }
    }

    /// Is the note editor open?
    pub fn writing_note(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Note(_)))
    }

    /// Is a one-line prompt open?
    pub fn prompting(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Prompt(_)))
    }

    /// Is the help open?
    pub fn help_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// Should the app exit?
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// What the loop has to do, taken.
    pub fn take_effects(&mut self) -> Vec<LoopEffect> {
        std::mem::take(&mut self.effects)
    }

    /// The text last put on the clipboard and not yet sent (for tests).
    pub fn copied(&self) -> Option<&str> {
        self.effects.iter().rev().find_map(|e| match e {
            LoopEffect::Copy(text) => Some(text.as_str()),
            LoopEffect::EditExternally => None,
        })
    }

    /// Left edge and width of the text column of the article shown.
    pub fn text_column(&self) -> (usize, usize) {
        match self.stack.last() {
            Some(Screen::Reader(r)) => r.layout(&self.session).column,
            _ => self.session.text_column(0),
        }
    }

    /// The text position under screen cell (`x`, `y`) of the reader shown.
    pub fn text_pos(&mut self, x: u16, y: u16) -> Option<crate::core::document::Pos> {
        let Some(Screen::Reader(r)) = self.stack.last_mut() else {
            return None;
        };
        r.text_pos(x, y, &self.session)
    }

    /// Open `path` in the reader (`key` names it in the reading state),
    /// where it was last read: over the screen shown, or instead of the
    /// article shown.
    pub fn open(&mut self, path: &Path, key: String) -> Result<(), String> {
        let r = Reader::open(&mut self.session, path, key)?;
        if matches!(self.stack.last(), Some(Screen::Reader(_))) {
            self.replace_reader(r);
        } else {
            self.stack.push(Screen::Reader(Box::new(r)));
        }
        self.save_position();
        Ok(())
    }

    /// Save the reading positions of the open articles now.
    pub fn save_position(&mut self) {
        for s in &mut self.stack {
            if let Screen::Reader(r) = s {
                r.save_position(&mut self.session);
            }
        }
    }

    /// Leaving: a last save of marks whose save failed, in every open
    /// article. What to tell the person.
    pub fn flush_marks(&mut self) -> Option<String> {
        let said: Vec<String> = self
            .stack
            .iter_mut()
            .filter_map(Screen::reader_mut)
            .filter_map(Reader::flush_marks)
            .collect();
        (!said.is_empty()).then(|| said.join("\n"))
    }

    /// The terminal changed size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session.size = (cols, rows);
        for s in &mut self.stack {
            s.resize(&self.session);
        }
    }

    /// Set text as `options` say from now on; open articles are laid out
    /// anew with the same passage at the top.
    pub fn set_layout(&mut self, options: LayoutOptions) {
        self.session.layout = options;
        for r in self.stack.iter_mut().filter_map(Screen::reader_mut) {
            r.view.set_options(&r.doc, options);
        }
    }

    /// Periodic work: a passing message goes, the library comes from its
    /// scan, the index is built (or brought up to date) once the library is
    /// known and again after each scan, and comes from its build, the article shown saves its place and
    /// is laid out further. True while work is waiting.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.session.expire_message(now);
        let scanned = library::scan_tick(&mut self.session);
        if scanned {
            for s in &mut self.stack {
                if let Screen::Library(l) = s {
                    l.refresh_rows(&self.session);
                }
            }
            // `F` while it was read: the find opens now, unless the person
            // went on to something else meanwhile (a prompt, a note).
            if std::mem::take(&mut self.session.find_asked) && self.overlay.is_none() {
                if self.session.message.as_deref() == Some(crate::messages::SCAN_NOT_DONE) {
                    self.session.clear_message();
                }
                self.start_search();
            }
        }
        let mut busy = false;
        for s in &mut self.stack {
            if let Screen::Search(search) = s {
                busy |= search.tick(&mut self.session);
            }
        }
        // After the find screens, which take a finished index first.
        crate::tui::screens::search::index_in_background(&mut self.session, scanned);
        if let Some(Screen::Reader(r)) = self.stack.last_mut() {
            busy |= r.tick(&mut self.session, now);
            // What waited for the whole article, now that it is read.
            if let Some(action) = r.ready.take() {
                self.update(action);
            }
        }
        busy || self.session.scanning.is_some()
    }

    /// Is the article shown still being laid out (or its find counted)?
    pub fn laying_out(&self) -> bool {
        match self.stack.last() {
            Some(Screen::Reader(r)) => !r.view.complete() || r.find.counting(&r.doc),
            _ => false,
        }
    }

    /// Did the article's find count change since this was last asked (the
    /// status line is to be drawn again)?
    pub fn find_changed(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Screen::Reader(r)) => r.find.take_changed(),
            _ => false,
        }
    }

    /// When something timed is due (a message going, a position saved, a
    /// failed save of marks tried again); none: nothing is.
    pub fn next_wake(&self) -> Option<Instant> {
        let reader = match self.stack.last() {
            Some(Screen::Reader(r)) => [r.autosave_at(), r.retry_at(), r.loading_redraw_at()],
            _ => [None, None, None],
        };
        [self.session.message_until]
            .into_iter()
            .chain(reader)
            .flatten()
            .min()
    }

    /// A key press: the overlay first, then a field or note of the screen
    /// shown, then the keymap (keys of every screen, then the screen's).
    pub fn on_key(&mut self, ev: KeyEvent) {
        // Ctrl-j and Ctrl-m are Enter, as in a shell: a terminal still in
        // line mode (keys typed while chitalka starts) sends Enter as Ctrl-j.
        let ev = match ev.code {
            KeyCode::Char('j' | 'm') if ev.modifiers == KeyModifiers::CONTROL => {
                KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
            }
            _ => ev,
        };
        // An `F` waiting for the scan is forgotten at the next key (which
        // may be `F` again).
        self.session.find_asked = false;
        // Ctrl-c quits from every screen and overlay, whatever the config
        // says; a note being written is saved first.
        if keymap::normalise(ev) == keymap::ALWAYS_QUITS {
            if let Some(Overlay::Note(mut ne)) = self.overlay.take() {
                let reader = self.stack.iter_mut().rev().find_map(Screen::reader_mut);
                ne.save_on_quit(&mut self.session, reader);
            }
            if let Some(r) = self.reader_mut() {
                r.pending = None;
            }
            self.quit = true;
            return;
        }
        if let Some(mut overlay) = self.overlay.take() {
            let mode = self.mode();
            let reader = self.stack.iter_mut().rev().find_map(Screen::reader_mut);
            let effects = overlay.on_key(ev, mode, &mut self.session, reader);
            self.overlay = Some(overlay);
            for e in effects {
                self.apply(e);
            }
            return;
        }
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        let taken = match top {
            Screen::Library(l) => l.take_key(ev, &mut self.session),
            Screen::Reader(r) => r.take_key(ev, &mut self.session),
            Screen::Search(s) => s.take_key(ev, &mut self.session),
            Screen::Marks(_) => None,
        };
        if let Some(done) = taken {
            if let Some(e) = done {
                self.apply(e);
            }
            return;
        }
        self.session.clear_message();
        if let Some(action) = self.session.config.keymap.lookup(self.mode(), ev) {
            self.update(action);
        }
    }

    /// Carry out an action (remembering the place left, when it jumps).
    pub fn update(&mut self, action: Action) {
        let before = if jumps::jumps(self.mode(), action) {
            self.place()
        } else {
            None
        };
        self.dispatch(action);
        if let Some(before) = before {
            self.jumped(before);
        }
    }

    /// Where the reader shown (or under the screen shown) is now.
    pub fn place(&mut self) -> Option<Place> {
        self.reader_mut().map(Reader::place)
    }

    /// After a jump from `before`: remember it if the reader moved.
    fn jumped(&mut self, before: Place) {
        // A part of a long article shown while the whole is read: its
        // places are not the article's, and none is kept.
        if self.reader().is_some_and(|r| r.loading.is_some()) {
            return;
        }
        // Opening the find prompt is a jump already: the typing moves the view.
        let finding = self.reader().is_some_and(|r| r.find.prompt);
        if finding || self.place().as_ref() != Some(&before) {
            jumps::remember(&mut self.session.jumps, before);
        }
    }

    fn dispatch(&mut self, action: Action) {
        match action {
            Action::Quit => return self.quit = true,
            Action::Help => return self.overlay = Some(Overlay::help()),
            Action::LibraryFind if self.screen() != ScreenKind::Search => {
                return self.start_search();
            }
            _ => {}
        }
        let Some((top, below)) = self.stack.split_last_mut() else {
            return;
        };
        let ses = &mut self.session;
        let effect = match top {
            Screen::Library(l) => l.on_action(action, ses),
            Screen::Reader(r) => r.on_action(action, ses),
            Screen::Search(s) => s.on_action(action, ses),
            Screen::Marks(m) => {
                let reader = below.iter_mut().rev().find_map(Screen::reader_mut);
                m.on_action(action, ses, reader)
            }
        };
        if let Some(e) = effect {
            self.apply(e);
        }
    }

    /// A mouse event: the wheel scrolls what is under the overlay (help
    /// scrolls itself); with no overlay, a click goes to the screen shown.
    pub fn on_mouse(&mut self, ev: MouseEvent) {
        let wheel = match ev.kind {
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            _ => None,
        };
        if let (Some(down), Some(Overlay::Help { .. } | Overlay::Footnote(_))) =
            (wheel, &self.overlay)
        {
            let mode = self.mode();
            if let Some(o) = self.overlay.as_mut() {
                o.on_wheel(down, mode, &self.session);
            }
            return;
        }
        if let Some(down) = wheel {
            return self.update(if down {
                Action::WheelDown
            } else {
                Action::WheelUp
            });
        }
        if self.overlay.is_some() {
            return;
        }
        if ev.kind == MouseEventKind::Down(MouseButton::Left) {
            self.session.clear_message();
        }
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        let ses = &mut self.session;
        let effect = match top {
            Screen::Library(l) => l.on_mouse(ev, ses),
            Screen::Reader(r) => r.on_mouse(ev, ses),
            Screen::Search(s) => s.on_mouse(ev, ses),
            Screen::Marks(m) => m.on_mouse(ev, ses),
        };
        if let Some(e) = effect {
            self.apply(e);
        }
    }

    /// Text pasted into the terminal (a prompt or the note editor takes it).
    pub fn on_paste(&mut self, text: &str) {
        if let Some(o) = self.overlay.as_mut() {
            o.on_paste(text);
        }
    }

    /// The text came back from `$EDITOR` (or the editor failed).
    pub fn external_done(&mut self, result: Result<String, String>) {
        if let Some(Overlay::Note(ne)) = self.overlay.as_mut() {
            ne.external_done(result, &mut self.session);
        }
    }

    /// The text of the note being written (for `$EDITOR`).
    pub fn note_text(&self) -> Option<String> {
        match &self.overlay {
            Some(Overlay::Note(ne)) => Some(ne.editor.text().to_string()),
            _ => None,
        }
    }

    /// Draw the screen shown, then the overlay; no cell is left holding a
    /// control character.
    pub fn draw(&mut self, frame: &mut ratatui::Frame, theme: &super::theme::Theme) {
        self.session.screens_open = self.stack.len();
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        top.draw(frame, &self.session, theme);
        if let Some(o) = self.overlay.as_mut() {
            super::overlays::draw(frame, o, top, &self.session, theme);
        }
        super::widgets::clean_cells(frame.buffer_mut());
    }
}

/// The index of the top screen of `stack`.
pub(super) fn top_index(stack: &[Screen]) -> usize {
    stack.len().saturating_sub(1)
}
