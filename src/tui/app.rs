//! The state of the running app and how actions change it. No drawing here.

use super::action::Action;
use super::app_marks::Prompt;
use super::app_note::NoteEdit;
use super::find_state::FindState;
use super::keymap::Mode;
use super::library_scan::Scanning;
use super::list_nav;
use super::marks_list::MarksList;
use super::marks_state::ReaderMarks;
use super::outline_panel::OutlinePanel;
use super::search_state::SearchScreen;
use super::selection::Selection;
use super::view::help;
use crate::config::Config;
use crate::core::document::Document;
use crate::core::fold::fold_simple;
use crate::core::layout::{LayoutOptions, text_column};
use crate::core::library::{self, Article, Library, Unreadable};
use crate::core::marks::ReadingState;
use crate::core::outline::Outline;
use crate::core::store::{self, Store};
use crate::core::viewport::Viewport;
use crate::messages;
use crossterm::event::{KeyCode, KeyEvent};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The list of articles.
    Library,
    /// An open article.
    Reader,
    /// Find across the library.
    Search,
    /// The list of bookmarks or notes.
    Marks,
}

/// How the library is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By title, alphabetically.
    Title,
    /// Most recently read first.
    Recent,
}

/// One row of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An article, by index in [`Library::articles`].
    Article(usize),
    /// A file that could not be read, by index in [`Library::unreadable`].
    Unreadable(usize),
}

/// The library screen's state.
#[derive(Debug)]
pub struct LibraryView {
    /// The scanned folder.
    pub lib: Library,
    /// The first scan of a large library, still parsing.
    pub scanning: Option<Scanning>,
    /// Sort order.
    pub sort: Sort,
    /// Filter text typed after `/`.
    pub filter: String,
    /// The filter prompt has the keyboard.
    pub filtering: bool,
    /// The rows shown, filtered and sorted.
    pub rows: Vec<Row>,
    /// Index of the selected row.
    pub selected: usize,
    /// First row on screen.
    pub scroll: usize,
}

/// An open article.
#[derive(Debug)]
pub struct Reader {
    /// Content hash.
    pub id: String,
    /// Path used as the reading-state key (relative to the library when inside it).
    pub key: String,
    /// The file.
    pub path: PathBuf,
    /// The parsed article.
    pub doc: Document,
    /// The window onto it.
    pub view: Viewport,
    /// Its outline, beside the text or over it.
    pub panel: OutlinePanel,
    /// Find in this article.
    pub find: FindState,
    /// Its bookmarks and notes.
    pub marks: ReaderMarks,
    /// The passage being chosen.
    pub selection: Option<Selection>,
    /// The note shown over the text (its mark id).
    pub note_shown: Option<String>,
    /// Where the mouse button went down in the text (a drag chooses from there).
    pub press: Option<crate::core::document::Pos>,
    /// Scrolled since the position was last saved.
    pub(super) changed_at: Option<Instant>,
}

/// The whole app state.
#[derive(Debug)]
pub struct App {
    /// Settings.
    pub config: Config,
    /// Where reading positions, bookmarks and notes are kept.
    pub data_dir: PathBuf,
    /// A one-line prompt (a bookmark's name).
    pub prompt: Option<Prompt>,
    /// The list of bookmarks or notes.
    pub marks_list: Option<MarksList>,
    /// The note being written.
    pub note_edit: Option<NoteEdit>,
    /// The note should go to `$EDITOR` (the event loop does it).
    pub external_edit: bool,
    /// Text to put on the terminal's clipboard (the event loop sends it).
    pub clipboard: Option<String>,
    /// Places left by jumps, the last one last.
    pub jumps: std::collections::VecDeque<super::jumps::Place>,
    /// Reading positions.
    pub store: Store,
    /// The library screen (absent when a single file was opened).
    pub library: Option<LibraryView>,
    /// The open article.
    pub reader: Option<Reader>,
    /// The current screen.
    pub screen: Screen,
    /// The help overlay is shown.
    pub help: bool,
    /// First row of the help list shown (when it is longer than the window).
    pub help_scroll: usize,
    /// The article info panel is shown.
    pub info: bool,
    /// Queries found before, oldest first.
    pub find_history: Vec<String>,
    /// The library-wide find screen.
    pub search: Option<SearchScreen>,
    /// Where the library's search index lives (none for a single file).
    pub index_dir: Option<PathBuf>,
    /// Where ↑/↓ are in the history while the find prompt is open.
    pub(super) history_pos: Option<usize>,
    /// A message for the status line.
    pub message: Option<String>,
    /// What was found wrong with the data at start (damaged files moved
    /// aside, an unreadable state file): shown first, said again on exit.
    pub data_notices: Vec<String>,
    /// Why the last save of the reading positions failed (none: it worked);
    /// said when it first happens and again on exit.
    pub position_error: Option<String>,
    /// The app should exit.
    pub quit: bool,
    /// The open article is still being laid out (the last [`App::tick`]
    /// left lines to do): the loop then lays out slice after slice as long
    /// as no key (nor anything else) is waiting, instead of sleeping.
    pub laying_out: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// How the reader sets text (justified, hyphenated ...); change it with
    /// [`App::set_layout`].
    pub layout: LayoutOptions,
}

/// Rows taken by the reader's status line.
pub const READER_STATUS_ROWS: u16 = 1;
/// Rows above the library list (title and column headers).
pub const LIBRARY_HEAD_ROWS: u16 = 2;
/// Rows below the library list (status / prompt).
pub const LIBRARY_FOOT_ROWS: u16 = 1;
/// Save the reading position this long after the last scroll.
const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);
/// How long one [`App::tick`] lays out the open article for, at most: the
/// event loop looks at the keys between slices.
const LAYOUT_SLICE: Duration = Duration::from_millis(10);
/// Blocks laid out between looks at the clock within a slice.
const LAYOUT_STEP: usize = 8;

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
        let pending =
            library::PendingScan::start(dir, cache).map_err(|e| messages::err_library(dir, &e))?;
        // Many new files: parsed in the background; the list shows what the
        // cache knew meanwhile, the title counts, the rest comes at the end.
        let (lib, scanning) = if pending.todo() > super::library_scan::BACKGROUND_FROM {
            (pending.partial().clone(), Some(Scanning::spawn(pending)))
        } else {
            (pending.finish(&mut |_, _| {}), None)
        };
        let mut app = App::new(config, data_dir, size);
        let message =
            (!lib.unreadable.is_empty()).then(|| messages::library_errors(lib.unreadable.len()));
        app.message = app.message.take().or(message);
        app.library = Some(LibraryView {
            lib,
            scanning,
            sort: Sort::Recent,
            filter: String::new(),
            filtering: false,
            rows: Vec::new(),
            selected: 0,
            scroll: 0,
        });
        app.refresh_rows();
        Ok(app)
    }

    /// An app showing one file in the reader, with no library.
    pub fn with_file(
        config: Config,
        data_dir: &Path,
        file: &Path,
        size: (u16, u16),
    ) -> Result<App, String> {
        let mut app = App::new(config, data_dir, size);
        let key = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
        app.open(file, key.to_string_lossy().into_owned())?;
        Ok(app)
    }

    fn new(config: Config, data_dir: &Path, size: (u16, u16)) -> App {
        let layout = LayoutOptions::from(&config.text);
        let (store, warning) = Store::open(data_dir);
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let found = super::data_notices::at_start(data_dir, warning, home.as_deref());
        App {
            config,
            data_dir: data_dir.to_path_buf(),
            prompt: None,
            marks_list: None,
            note_edit: None,
            external_edit: false,
            jumps: std::collections::VecDeque::new(),
            clipboard: None,
            store,
            library: None,
            reader: None,
            screen: Screen::Library,
            help: false,
            help_scroll: 0,
            info: false,
            find_history: Vec::new(),
            search: None,
            index_dir: None,
            history_pos: None,
            message: found.bar,
            data_notices: found.said,
            position_error: None,
            quit: false,
            laying_out: false,
            size,
            layout,
        }
    }

    /// The keymap mode of the current screen.
    pub fn mode(&self) -> Mode {
        match self.screen {
            Screen::Library => Mode::Library,
            Screen::Reader if self.outline_has_keys() => Mode::Outline,
            Screen::Reader if self.reader.as_ref().is_some_and(|r| r.selection.is_some()) => {
                Mode::Select
            }
            Screen::Reader => Mode::Reader,
            Screen::Search => Mode::Search,
            Screen::Marks => Mode::Marks,
        }
    }

    /// Rows of the reader's text area.
    pub fn text_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(READER_STATUS_ROWS)).max(1)
    }

    /// Left edge and width of the text column.
    pub fn text_column(&self) -> (usize, usize) {
        let side = usize::from(self.sidebar_width());
        let (x, width) = text_column(usize::from(self.size.0) - side, self.config.text.width);
        (x + side, width)
    }

    /// Rows of the library list.
    pub fn list_rows(&self) -> usize {
        usize::from(
            self.size
                .1
                .saturating_sub(LIBRARY_HEAD_ROWS + LIBRARY_FOOT_ROWS),
        )
        .max(1)
    }

    /// Open `path` in the reader; `key` names it in the reading state.
    pub fn open(&mut self, path: &Path, key: String) -> Result<(), String> {
        let (id, doc) =
            library::load(path).map_err(|reason| messages::err_article(path, &reason))?;
        // Marks of the article being left whose save failed: a last try, else
        // a rescue file (never dropped with the article).
        let rescued = self.flush_marks();
        let (_, width) = self.text_column();
        let mut view = Viewport::with_options(&doc, width, self.text_rows(), self.layout);
        if let Some(state) = self.store.states.find(&id, &key) {
            view.go_to(&doc, state.pos);
        }
        let panel = OutlinePanel::new(Outline::of(&doc));
        let (mut marks, marks_message) = ReaderMarks::open(
            &self.data_dir,
            self.library.as_ref().map(|l| &l.lib),
            (&id, &key),
            &doc.title,
            &doc,
        );
        // A damaged marks file is said now and again on exit, where it stays.
        self.data_notices.extend(marks.damaged.take());
        self.reader = Some(Reader {
            id,
            key,
            path: path.to_path_buf(),
            doc,
            view,
            panel,
            find: FindState::default(),
            marks,
            selection: None,
            note_shown: None,
            press: None,
            changed_at: Some(Instant::now()),
        });
        self.screen = Screen::Reader;
        self.message = rescued.or(marks_message);
        self.save_position();
        Ok(())
    }

    /// Save the open article's reading position now.
    pub fn save_position(&mut self) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        if r.changed_at.take().is_none() {
            return;
        }
        let state = ReadingState {
            path: r.key.clone(),
            pos: r.view.top_pos(&r.doc),
            progress: r.view.progress(&r.doc),
            last_read: store::now(),
        };
        self.store.states.record(&r.id, state);
        match self.store.save() {
            Ok(None) => self.position_error = None,
            Ok(Some(w)) => self.message = Some(w.to_string()),
            Err(e) => {
                // Said once, not at every pause in the reading; again on exit.
                let said = messages::warn_save_failed(&e);
                if self.position_error.as_ref() != Some(&said) {
                    self.message = Some(said.clone());
                }
                self.position_error = Some(said);
            }
        }
    }

    /// Periodic work: save the position a moment after scrolling stops, lay out
    /// a slice more of the article ([`LAYOUT_SLICE`]), take what background
    /// jobs have done. Returns true when more work is waiting.
    pub fn tick(&mut self, now: Instant) -> bool {
        if let Some(r) = &self.reader
            && !r.find.prompt
            && r.changed_at
                .is_some_and(|t| now.duration_since(t) >= AUTOSAVE_AFTER)
        {
            self.save_position();
        }
        self.retry_marks(now);
        self.scan_tick();
        let searching = self.search_tick();
        self.laying_out = match self.reader.as_mut() {
            Some(r) if self.screen == Screen::Reader => {
                let until = Instant::now() + LAYOUT_SLICE;
                loop {
                    if r.view.fill(&r.doc, LAYOUT_STEP) {
                        break false;
                    }
                    if Instant::now() >= until {
                        break true;
                    }
                }
            }
            _ => false,
        };
        self.laying_out || searching
    }

    /// When [`App::tick`] next has timed work (the position saved a moment
    /// after scrolling stops, a failed save of marks tried again): the
    /// event loop sleeps until then at most. `None`: nothing is timed; the
    /// loop waits for input or a background job.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let r = self.reader.as_ref()?;
        let save = r
            .changed_at
            .filter(|_| !r.find.prompt)
            .map(|t| t + AUTOSAVE_AFTER);
        save.into_iter().chain(self.marks_retry_at(now)).min()
    }

    /// Take the library from a background scan once it is done.
    fn scan_tick(&mut self) {
        let Some(lv) = self.library.as_mut() else {
            return;
        };
        let Some(done) = lv.scanning.as_mut().and_then(Scanning::poll) else {
            return;
        };
        lv.scanning = None;
        match done {
            Ok(lib) => {
                if !lib.unreadable.is_empty() && self.message.is_none() {
                    self.message = Some(messages::library_errors(lib.unreadable.len()));
                }
                lv.lib = lib;
            }
            Err(why) => self.message = Some(messages::scan_failed(&why)),
        }
        self.refresh_rows();
    }

    /// The terminal changed size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.size = (cols, rows);
        let (_, width) = self.text_column();
        let height = self.text_rows();
        if let Some(r) = self.reader.as_mut() {
            r.view.resize(&r.doc, width, height);
        }
        self.clamp_library_scroll();
    }

    /// Set text as `options` say from now on; the open article is laid out
    /// anew with the same passage at the top.
    pub fn set_layout(&mut self, options: LayoutOptions) {
        self.layout = options;
        if let Some(r) = self.reader.as_mut() {
            r.view.set_options(&r.doc, options);
        }
    }

    /// Handle a key press.
    pub fn on_key(&mut self, ev: KeyEvent) {
        // Ctrl-c quits from every screen and overlay, whatever the config
        // says; a note being written is saved first.
        if super::keymap::normalise(ev) == super::keymap::ALWAYS_QUITS {
            if self.writing_note() {
                self.save_note_on_quit();
            }
            self.quit = true;
            return;
        }
        if self.info {
            self.info = false;
            return;
        }
        if self.help {
            match self.config.keymap.lookup(self.mode(), ev) {
                Some(a @ (Action::Down | Action::Up | Action::PageDown | Action::PageUp)) => {
                    self.scroll_help(a)
                }
                _ => self.help = false,
            }
            return;
        }
        if self.writing_note() {
            self.note_key(ev);
            return;
        }
        if self.prompting() {
            self.prompt_key(ev);
            return;
        }
        if self.reader.as_ref().is_some_and(|r| r.note_shown.is_some())
            && self.screen == Screen::Reader
            && self.shown_note_key(ev)
        {
            return;
        }
        if self.search_typing() {
            self.search_key(ev);
            return;
        }
        if self.screen == Screen::Reader && self.finding() {
            self.find_key(ev);
            return;
        }
        if self.screen == Screen::Library && self.library.as_ref().is_some_and(|l| l.filtering) {
            self.filter_key(ev);
            return;
        }
        self.message = None;
        if let Some(action) = self.config.keymap.lookup(self.mode(), ev) {
            self.update(action);
        }
    }

    /// The filter prompt has the keyboard: Cyrillic is text here, not commands.
    fn filter_key(&mut self, ev: KeyEvent) {
        let Some(lv) = self.library.as_mut() else {
            return;
        };
        if super::text_field::edit(&mut lv.filter, &ev) {
            return self.refresh_rows();
        }
        match ev.code {
            KeyCode::Enter => lv.filtering = false,
            KeyCode::Esc => {
                lv.filter.clear();
                lv.filtering = false;
            }
            KeyCode::Down => return self.update(Action::Down),
            KeyCode::Up => return self.update(Action::Up),
            _ => return,
        }
        self.refresh_rows();
    }

    /// Carry out an action (remembering the place left, when it jumps).
    pub fn update(&mut self, action: Action) {
        let before = self.before_jump(action);
        self.dispatch(action);
        self.after_jump(before);
    }

    fn dispatch(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::WheelDown | Action::WheelUp if self.help => self.scroll_help(action),
            Action::LibraryFind if self.screen != Screen::Search => self.start_library_find(),
            _ => match self.mode() {
                Mode::Search => self.search_action(action),
                Mode::Select => self.select_action(action),
                Mode::Marks => self.marks_list_action(action),
                Mode::Library => self.library_action(action),
                Mode::Outline => self.outline_action(action),
                Mode::Reader => self.reader_action(action),
            },
        }
    }

    /// Scroll the help list, when it is longer than the window.
    fn scroll_help(&mut self, action: Action) {
        let room = help::visible_rows(self.size.1);
        let max = help::rows(&self.config.keymap, self.mode())
            .len()
            .saturating_sub(room);
        self.help_scroll = match action {
            Action::Down | Action::WheelDown => self.help_scroll + 1,
            Action::PageDown => self.help_scroll + room,
            Action::Up | Action::WheelUp => self.help_scroll.saturating_sub(1),
            Action::PageUp => self.help_scroll.saturating_sub(room),
            _ => self.help_scroll,
        }
        .min(max);
    }

    fn reader_action(&mut self, action: Action) {
        match action {
            Action::Info => return self.info = true,
            Action::Find => return self.start_find(),
            Action::NextHit => return self.step_hit(1),
            Action::PrevHit => return self.step_hit(-1),
            Action::ClearHits => {
                if let Some(r) = self.reader.as_mut() {
                    r.find.clear();
                }
                return;
            }
            Action::JumpBack => return self.jump_back(),
            Action::Select
            | Action::Bookmark
            | Action::Annotate
            | Action::ShowNote
            | Action::Bookmarks
            | Action::Notes => return self.mark_action(action),
            _ => {}
        }
        if matches!(
            action,
            Action::ToggleOutline | Action::FocusSwitch | Action::PrevSection | Action::NextSection
        ) {
            return self.outline_action(action);
        }
        if action == Action::Back {
            self.save_position();
            if self.library.is_some() {
                self.screen = Screen::Library;
                self.refresh_rows();
            } else {
                self.quit = true;
            }
            return;
        }
        let page = self.text_rows().saturating_sub(2).max(1) as isize;
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let before = r.view.top_pos(&r.doc);
        match action {
            Action::Down => r.view.scroll(&r.doc, 1),
            Action::Up => r.view.scroll(&r.doc, -1),
            Action::WheelDown => r.view.scroll(&r.doc, 3),
            Action::WheelUp => r.view.scroll(&r.doc, -3),
            Action::PageDown => r.view.scroll(&r.doc, page),
            Action::PageUp => r.view.scroll(&r.doc, -page),
            Action::HalfDown => r.view.scroll(&r.doc, (page + 2) / 2),
            Action::HalfUp => r.view.scroll(&r.doc, -(page + 2) / 2),
            Action::Top => r.view.home(),
            Action::Bottom => r.view.end(&r.doc),
            _ => {}
        }
        if r.view.top_pos(&r.doc) != before {
            r.changed_at = Some(Instant::now());
        }
        self.follow_outline();
    }

    fn library_action(&mut self, action: Action) {
        let page = self.list_rows();
        let Some(lv) = self.library.as_mut() else {
            return;
        };
        if let Some(to) = list_nav::moved(lv.selected, action, lv.rows.len(), page) {
            lv.selected = to;
        }
        match action {
            Action::Filter => lv.filtering = true,
            Action::Back => {
                lv.filter.clear();
                self.refresh_rows();
            }
            Action::ToggleSort => {
                lv.sort = match lv.sort {
                    Sort::Title => Sort::Recent,
                    Sort::Recent => Sort::Title,
                };
                self.refresh_rows();
            }
            Action::Open => self.open_selected(),
            Action::Bookmarks | Action::Notes => return self.mark_action(action),
            _ => {}
        }
        self.clamp_library_scroll();
    }

    fn open_selected(&mut self) {
        let Some(lv) = self.library.as_ref() else {
            return;
        };
        match lv.rows.get(lv.selected) {
            Some(Row::Article(i)) => {
                let a = &lv.lib.articles[*i];
                let (path, key) = (a.path.clone(), a.rel.clone());
                if let Err(e) = self.open(&path, key) {
                    self.message = Some(e);
                }
            }
            Some(Row::Unreadable(i)) => {
                let u = &lv.lib.unreadable[*i];
                self.message = Some(messages::err_article(Path::new(&u.rel), &u.reason));
            }
            None => {}
        }
    }

    /// The reading state of an article, if it was ever opened.
    pub fn state_of(&self, a: &Article) -> Option<&ReadingState> {
        self.store.states.find(&a.id, &a.rel)
    }

    /// Recompute the library rows after a change of filter, sort or states.
    pub fn refresh_rows(&mut self) {
        let Some(lv) = self.library.as_ref() else {
            return;
        };
        let needle = fold_simple(&lv.filter);
        let matches = |title: &str| needle.is_empty() || fold_simple(title).contains(&needle);
        let mut arts: Vec<usize> = (0..lv.lib.articles.len())
            .filter(|&i| matches(&lv.lib.articles[i].title))
            .collect();
        let title_key = |i: &usize| fold_simple(&lv.lib.articles[*i].title);
        match lv.sort {
            Sort::Title => arts.sort_by_cached_key(title_key),
            Sort::Recent => arts.sort_by_cached_key(|i| {
                let last = self
                    .state_of(&lv.lib.articles[*i])
                    .map_or(0, |s| s.last_read);
                (std::cmp::Reverse(last), title_key(i))
            }),
        }
        let bad = (0..lv.lib.unreadable.len()).filter(|&i| matches(&lv.lib.unreadable[i].rel));
        let rows: Vec<Row> = arts
            .into_iter()
            .map(Row::Article)
            .chain(bad.map(Row::Unreadable))
            .collect();
        if let Some(lv) = self.library.as_mut() {
            // The selection stays on the same article when it is still shown.
            let was = lv.rows.get(lv.selected).copied();
            lv.selected = was
                .and_then(|r| rows.iter().position(|x| *x == r))
                .unwrap_or(lv.selected)
                .min(rows.len().saturating_sub(1));
            lv.rows = rows;
        }
        self.clamp_library_scroll();
    }

    fn clamp_library_scroll(&mut self) {
        let page = self.list_rows();
        if let Some(lv) = self.library.as_mut() {
            lv.scroll = list_nav::scroll_for(lv.selected, lv.scroll, page, lv.rows.len());
        }
    }

    /// The unreadable file of a row.
    pub fn unreadable(&self, i: usize) -> Option<&Unreadable> {
        self.library.as_ref().and_then(|l| l.lib.unreadable.get(i))
    }
}
