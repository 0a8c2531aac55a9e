//! What outlives any one screen: the settings, the reading positions, the
//! library as scanned (and its scan and index jobs), the jump list, the
//! find histories and the message on the status line.

use super::job::index::IndexState;
use super::job::scan::Scanning;
use super::jumps::Place;
use crate::config::Config;
use crate::core::layout::{LayoutOptions, text_column};
use crate::core::library::Library;
use crate::core::store::Store;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long a passing message ("copied 22 words") stays on the status line.
pub const FLASH_FOR: Duration = Duration::from_secs(4);

/// Most queries kept in each find history.
const HISTORY: usize = 50;

/// The state every screen shares.
#[derive(Debug)]
pub struct Session {
    /// Settings.
    pub config: Config,
    /// Where reading positions, bookmarks and notes are kept.
    pub data_dir: PathBuf,
    /// Reading positions.
    pub store: Store,
    /// The titles and authors the person gave articles.
    pub titles: crate::core::titles::Titles,
    /// The library folder as scanned (none when a single file was opened).
    pub lib: Option<Library>,
    /// The first scan of a large library, still parsing.
    pub scanning: Option<Scanning>,
    /// The library's search index, kept from one find screen to the next.
    pub index: Option<IndexState>,
    /// Where the library's search index lives (none for a single file).
    pub index_dir: Option<PathBuf>,
    /// `F` came while the first scan ran: the find opens when it is done.
    pub find_asked: bool,
    /// Places left by jumps, the last one last.
    pub jumps: VecDeque<Place>,
    /// Queries found in articles before, oldest first.
    pub find_history: Vec<String>,
    /// Queries of the library-wide find, oldest first.
    pub search_history: Vec<String>,
    /// A message for the status line.
    pub message: Option<String>,
    /// When the message goes by itself (none: at the next key).
    pub message_until: Option<Instant>,
    /// What was found wrong with the data at start (damaged files moved
    /// aside, an unreadable state file): shown first, said again on exit.
    pub data_notices: Vec<String>,
    /// Why the last save of the reading positions failed (none: it worked);
    /// said when it first happens and again on exit.
    pub position_error: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// How the reader sets text (justified, hyphenated ...).
    pub layout: LayoutOptions,
    /// Screens open, the one drawn included (set by the app before each
    /// draw): on the only one, `q` quits and the hints say so.
    pub screens_open: usize,
}

impl Session {
    /// A session on `data_dir` with the positions read from it.
    pub fn new(config: Config, data_dir: &std::path::Path, size: (u16, u16)) -> Session {
        let layout = LayoutOptions::from(&config.text);
        let (store, warning) = Store::open(data_dir);
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let mut found = super::data_notices::at_start(data_dir, warning, home.as_deref());
        let titles = crate::core::titles::Titles::open(data_dir);
        if let Some(problem) = titles.problem() {
            let said = problem.to_string();
            found.bar.get_or_insert_with(|| said.clone());
            found.said.push(said);
        }
        Session {
            config,
            data_dir: data_dir.to_path_buf(),
            store,
            titles,
            lib: None,
            scanning: None,
            index: None,
            index_dir: None,
            find_asked: false,
            jumps: VecDeque::new(),
            find_history: Vec::new(),
            search_history: Vec::new(),
            message: found.bar,
            message_until: None,
            data_notices: found.said,
            position_error: None,
            size,
            layout,
            screens_open: 1,
        }
    }

    /// The titles and authors the person gave read again if their file
    /// changed since (`chitalka retitle` in another terminal), and put over
    /// the library's.
    pub fn fresh_titles(&mut self) {
        if self.titles.reload_if_changed()
            && let Some(lib) = self.lib.as_mut()
        {
            self.titles.apply(lib);
        }
    }

    /// Say `text` on the status line until the next key.
    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
        self.message_until = None;
    }

    /// Say `text` for a few seconds (or until the next key): news that
    /// needs no answer ("copied 22 words", "bookmark saved").
    pub fn flash(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
        self.message_until = Some(Instant::now() + FLASH_FOR);
    }

    /// A key was pressed: the message has been read.
    pub fn clear_message(&mut self) {
        self.message = None;
        self.message_until = None;
    }

    /// Let a passing message go when its time is up. True if it went.
    pub fn expire_message(&mut self, now: Instant) -> bool {
        if self.message_until.is_some_and(|t| now >= t) {
            self.clear_message();
            return true;
        }
        false
    }

    /// Left edge and width of the text column in a window of this width
    /// less `side` columns (the docked outline).
    pub fn text_column(&self, side: u16) -> (usize, usize) {
        let side = usize::from(side);
        let (x, width) = text_column(
            usize::from(self.size.0).saturating_sub(side),
            self.config.text.width,
        );
        (x + side, width)
    }

    /// Remember `query` as the last of `history` (once).
    pub fn remember(history: &mut Vec<String>, query: &str) {
        let q = query.trim();
        if q.is_empty() {
            return;
        }
        history.retain(|h| h != q);
        history.push(q.to_string());
        if history.len() > HISTORY {
            history.remove(0);
        }
    }
}

/// Where ↑/↓ are in a history while a prompt is open: `code` is Up or Down.
/// Returns the new place (none: past the newest, an empty field).
pub fn history_step(len: usize, at: Option<usize>, up: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match (up, at) {
        (true, None) => Some(len - 1),
        (true, Some(p)) => Some(p.saturating_sub(1)),
        (false, Some(p)) if p + 1 < len => Some(p + 1),
        _ => None,
    }
}
