//! A long article opened before the whole of it is read (see
//! [`crate::core::preview`]): a part of it is shown at once (its head, or
//! the part holding the saved place), and the whole is read and parsed in a
//! background [`Job`]. Scrolling works on the part meanwhile; what needs the
//! whole (the outline, find, marks, links, a far jump) waits, said on the
//! status line with how far the reading has got, and is carried out once the
//! whole is there. `G` and a `:N%` go to a part of their own at once.

use super::Reader;
use super::goto::GoTo;
use crate::core::document::{Document, Pos};
use crate::core::library;
use crate::core::locate;
use crate::core::outline::Outline;
use crate::core::preview::{self, Preview};
use crate::core::progress;
use crate::core::viewport::Viewport;
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::At;
use crate::tui::job::{Job, Waker};
use crate::tui::session::Session;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// The whole article being read in the background, and what waits for it.
#[derive(Debug)]
pub struct Loading {
    job: Job<(String, Document)>,
    /// How far the parse has got.
    counter: progress::Counter,
    /// The article's content id, once its bytes are read.
    id: Arc<OnceLock<String>>,
    /// Where the part shown is in the file.
    part: Part,
    /// The last action that needs the whole article: carried out once it is read.
    pub deferred: Option<Action>,
    /// Where to go once it is read (an article opened at a hit, a mark, a place).
    pub go: Option<At>,
    /// A `:` go-to that needs the whole (a line, a section).
    pub goto: Option<GoTo>,
    /// The saved place, when the part shown could not be found to hold it:
    /// gone to once the whole is read (unless the reader moved meanwhile).
    pub saved: Option<Pos>,
    /// The saved place and the top of the part found holding it: the whole
    /// opens at the saved place itself if the reader is still there.
    resumed: Option<(Pos, Pos)>,
    /// The whole could not be read: why (the part stays on screen).
    pub failed: Option<String>,
    /// When the reading started.
    pub started: Instant,
    /// When its progress was last looked at.
    pub drawn: Option<Instant>,
}

/// How often the progress of the reading is shown anew.
const REDRAW_EVERY: std::time::Duration = std::time::Duration::from_millis(150);

/// Where a part shown is in the file (see [`Preview`]).
#[derive(Debug, Clone, Copy)]
struct Part {
    start: u64,
    len: u64,
    size: u64,
    at_end: bool,
}

impl Part {
    fn of(p: &Preview) -> Part {
        Part {
            start: p.start,
            len: p.len,
            size: p.size,
            at_end: p.at_end,
        }
    }

    /// How far through the file `pos` of the part `doc` is, roughly.
    fn fraction(&self, doc: &Document, pos: Pos) -> f64 {
        preview::share_of_file(doc, pos, (self.start, self.len, self.size))
    }
}

impl Loading {
    /// Read and parse the whole of `path` in a thread.
    fn spawn(path: PathBuf, part: Part) -> Loading {
        let counter = progress::Counter::default();
        let c = counter.clone();
        let id = Arc::new(OnceLock::new());
        let told = Arc::clone(&id);
        let job = Job::spawn("open", (0, 1), Waker::event_loop(), move |_| {
            let mut tell = |id: &str| {
                let _ = told.set(id.to_string());
            };
            progress::listen(&c, || library::load_telling_id(&path, &mut tell))
                .map_err(|e| e.to_string())
        });
        Loading {
            job,
            counter,
            id,
            part,
            deferred: None,
            go: None,
            goto: None,
            saved: None,
            resumed: None,
            failed: None,
            started: Instant::now(),
            drawn: None,
        }
    }

    /// The article's content id, once the reading has got that far.
    pub fn id(&self) -> Option<&str> {
        self.id.get().map(String::as_str)
    }

    /// How far the reading has got, in percent.
    pub fn percent(&self) -> u32 {
        (progress::share(&self.counter) * 100.0).round() as u32
    }

    /// How far through the whole file the top of the part shown is, 0.0 to 1.0.
    pub fn progress(&self, doc: &Document, top: Pos) -> f64 {
        self.part.fraction(doc, top)
    }
}

impl Drop for Loading {
    /// A reader closed before the whole article is read: the reading stops
    /// (it is not left to run, and hold a long book, in the background).
    fn drop(&mut self) {
        progress::cancel(&self.counter);
    }
}

/// What the status line says while the whole article is read.
pub fn status(l: &Loading) -> String {
    match &l.failed {
        Some(why) => messages::whole_unreadable(why),
        None if l.deferred.is_some() || l.goto.is_some() => {
            messages::waiting_for_whole(l.percent())
        }
        None => messages::opening_whole(l.percent()),
    }
}

/// Is `action` one the part shown can carry out (scrolling, leaving)?
fn on_part(action: Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::WheelDown
            | Action::WheelUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfDown
            | Action::HalfUp
            | Action::Top
            | Action::Back
            | Action::Quit
            | Action::Help
            | Action::ClearHits
            | Action::GoTo
            | Action::Find
    )
}

impl Reader {
    /// `path` opened with a part of it shown at once, when it is long and
    /// of a format a part of which reads on its own; None otherwise (it is
    /// then read whole at once).
    pub(super) fn open_part(ses: &mut Session, path: &Path, key: &str) -> Option<Reader> {
        let size = std::fs::metadata(path).ok()?.len();
        if size < preview::PREVIEW_FROM {
            return None;
        }
        let saved = ses.store.states.by_path(key).cloned();
        let mut missed = None;
        let mut resumed = None;
        let part = match &saved {
            // (A state saved from a part has its words and share, no place.)
            Some(s) if s.pos != Pos::default() || s.progress > 0.0 => {
                let found = s
                    .quote
                    .as_deref()
                    .and_then(|q| preview::resume(path, s.progress, q));
                match found {
                    Some(p) => {
                        resumed = (s.pos != Pos::default()).then_some((s.pos, p.top));
                        p
                    }
                    None => {
                        missed = (s.pos != Pos::default()).then_some(s.pos);
                        preview::at_fraction(path, s.progress).or_else(|| preview::nothing(path))?
                    }
                }
            }
            _ => preview::head(path).or_else(|| preview::nothing(path))?,
        };
        // A part from the middle does not know the book's title: its head
        // does; with no part at all, its file name.
        let title = if part.start == 0 && part.len > 0 {
            part.doc.title.clone()
        } else {
            preview::head_title(path).unwrap_or_else(|| library::file_stem(path))
        };
        let mut r = Reader::on_part(ses, path, key, part, title);
        if let Some(l) = r.loading.as_mut() {
            l.saved = missed;
            l.resumed = resumed;
        }
        Some(r)
    }

    /// A reader on `part` (of the file at `path`), the whole being read.
    fn on_part(ses: &mut Session, path: &Path, key: &str, part: Preview, title: String) -> Reader {
        ses.clear_message();
        let info = Part::of(&part);
        let mut doc = part.doc;
        if !title.is_empty() {
            doc.title = title;
        }
        let (_, width) = ses.text_column(0);
        let mut view = Viewport::with_options(&doc, width, Self::text_rows(ses), ses.layout);
        if part.at_end {
            view.end(&doc);
        } else {
            view.go_to(&doc, part.top);
        }
        let panel = super::outline_panel::OutlinePanel::new(Outline::of(&doc));
        let mut r = Reader {
            id: String::new(),
            key: key.to_string(),
            path: path.to_path_buf(),
            own: None,
            doc,
            view,
            panel,
            find: super::find_state::FindState::default(),
            marks: super::marks::ReaderMarks::waiting(&ses.data_dir),
            selection: None,
            pending: None,
            note_shown: None,
            press: None,
            changed_at: None,
            link: None,
            loading: Some(Loading::spawn(path.to_path_buf(), info)),
            ready: None,
        };
        r.resize(ses);
        r
    }

    /// An action while the whole article is being read: carried out on the
    /// part when it can be, else kept for when the whole is there (`G`
    /// shows the end at once). None: it was taken here; the action itself
    /// when nothing is being read.
    pub(super) fn while_loading(&mut self, action: Action, ses: &mut Session) -> Option<Action> {
        let Some(l) = self.loading.as_mut() else {
            return Some(action);
        };
        if l.failed.is_some() {
            return Some(action);
        }
        // Esc lets a waiting key go.
        if action == Action::ClearHits && (l.deferred.is_some() || l.goto.is_some()) {
            l.deferred = None;
            l.goto = None;
            return None;
        }
        // The start of the article, not of the part.
        if action == Action::Top && l.part.start > 0 {
            if let Some(head) = preview::head(&self.path) {
                self.show_part(head);
            }
            return None;
        }
        if on_part(action) {
            // The reader moves on from where it was put: that is the place
            // kept, not the saved one it could not be shown.
            if !matches!(
                action,
                Action::Back | Action::Quit | Action::Help | Action::ClearHits | Action::Find
            ) {
                l.saved = None;
            }
            return Some(action);
        }
        if action == Action::Bottom
            && l.deferred.is_none()
            && let Some(tail) = preview::at_fraction(&self.path, 1.0)
        {
            self.show_part(tail);
            return None;
        }
        l.deferred = Some(action);
        ses.clear_message();
        None
    }

    /// A `:` go-to before the whole is read: `N%` shows the part there at
    /// once; a line or a section waits for the whole. False when the whole
    /// is there (or cannot be read): go as usual.
    pub(super) fn go_to_while_loading(&mut self, to: &GoTo) -> bool {
        let Some(l) = self.loading.as_mut().filter(|l| l.failed.is_none()) else {
            return false;
        };
        if let GoTo::Percent(p) = to
            && let Some(part) = preview::at_fraction(&self.path, p / 100.0)
        {
            self.show_part(part);
            return true;
        }
        l.goto = Some(to.clone());
        true
    }

    /// Show another part of the file (the whole still being read).
    fn show_part(&mut self, part: Preview) {
        let Some(l) = self.loading.as_mut() else {
            return;
        };
        l.part = Part::of(&part);
        l.saved = None;
        self.changed_at = Some(Instant::now());
        let title = std::mem::take(&mut self.doc.title);
        self.doc = part.doc;
        self.doc.title = title;
        self.view = Viewport::with_options(
            &self.doc,
            self.view.width(),
            self.view.height(),
            self.view.options(),
        );
        if part.at_end {
            self.view.end(&self.doc);
        } else {
            self.view.go_to(&self.doc, part.top);
        }
        self.panel = super::outline_panel::OutlinePanel::new(Outline::of(&self.doc));
    }

    /// When the status line shows anew how far the reading has got (none:
    /// nothing is being read).
    pub fn loading_redraw_at(&self) -> Option<Instant> {
        let l = self.loading.as_ref().filter(|l| l.failed.is_none())?;
        Some(l.drawn.unwrap_or(l.started) + REDRAW_EVERY)
    }

    /// The state saved when the person leaves before the whole is read:
    /// the words at the top and how far through the file they are (the
    /// place in the whole is found by them next time).
    pub(super) fn part_state(
        &self,
        l: &Loading,
        top: Pos,
        quote: Option<String>,
    ) -> Option<crate::core::marks::ReadingState> {
        if l.failed.is_some() {
            return None;
        }
        Some(crate::core::marks::ReadingState {
            path: self.key.clone(),
            pos: Pos::default(),
            progress: l.progress(&self.doc, top),
            last_read: crate::core::store::now(),
            quote,
        })
    }

    /// Look at the reading in the background; once the whole article is
    /// there, it takes the part's place, at the same passage. The action
    /// that waited for it, to be carried out now.
    pub(super) fn poll_loading(&mut self, ses: &mut Session) -> Option<Action> {
        let l = self.loading.as_mut()?;
        if l.failed.is_some() {
            return None;
        }
        l.drawn = Some(Instant::now());
        match l.job.poll()? {
            Ok((id, doc)) => self.take_whole(ses, id, doc),
            Err(why) => {
                let l = self.loading.as_mut()?;
                l.failed = Some(why);
                l.deferred = None;
                l.goto = None;
                None
            }
        }
    }

    /// The whole article read: put it in the part's place.
    fn take_whole(&mut self, ses: &mut Session, id: String, mut doc: Document) -> Option<Action> {
        let l = self.loading.take()?;
        // Where the part's top is in the whole: its words, looked for near
        // where its bytes are.
        let top = self.view.top_pos(&self.doc);
        let fraction = l.part.fraction(&self.doc, top);
        let at_end = l.part.at_end && self.view.progress(&self.doc) >= 1.0;
        // The block that far through the text (blocks are not all alike:
        // their count is no measure).
        let total = doc.text_len();
        let near_of = |f: f64| doc.pos_at((f * total as f64) as usize).block;
        let near = near_of(fraction);
        let quote = locate::quote_at(&self.doc, top);
        // The place saved for this very text, when the reader has not moved
        // from the part that was found for it.
        let saved_here = l
            .resumed
            .filter(|&(_, part_top)| part_top == top)
            .and_then(|(p, _)| {
                ses.store
                    .states
                    .articles
                    .get(&id)
                    .is_some_and(|s| s.pos == p)
                    .then_some(p)
            });
        let pos = match (l.saved, saved_here) {
            (Some(p), _) | (None, Some(p)) => p,
            (None, None) if top == Pos::default() && l.part.start == 0 => Pos::default(),
            (None, None) => locate::find(&doc, &quote, near).unwrap_or(Pos::new(near, 0)),
        };
        // Where `/` was pressed, in the whole (Esc goes back there).
        let origin = self.find.origin.map(|o| {
            let near = near_of(l.part.fraction(&self.doc, o));
            locate::find(&doc, &locate::quote_at(&self.doc, o), near).unwrap_or(pos)
        });
        let own = (doc.title.clone(), doc.meta.author.clone());
        ses.fresh_titles();
        let retitled = ses.titles.apply_doc(&id, &self.key, &mut doc);
        if doc.title.is_empty() {
            doc.title.clone_from(&self.doc.title);
        }
        let open = self.panel.open;
        self.panel = super::outline_panel::OutlinePanel::new(Outline::of(&doc));
        self.panel.open = open;
        self.view = Viewport::with_options(
            &doc,
            self.view.width(),
            self.view.height(),
            self.view.options(),
        );
        if at_end {
            self.view.end(&doc);
        } else {
            self.view.go_to(&doc, doc.clamp(pos));
        }
        let (mut marks, said) = super::marks::ReaderMarks::open(
            &ses.data_dir,
            ses.lib.as_ref(),
            (&id, &self.key),
            &own.0,
            &doc,
        );
        ses.data_notices.extend(marks.damaged.take());
        self.marks = marks;
        self.doc = doc;
        self.id = id;
        self.own = retitled.then_some(own);
        self.link = None;
        // What was being looked for is looked for in the whole.
        self.find.origin = origin;
        if !self.find.query.is_empty() {
            let from = origin.unwrap_or_else(|| self.view.top_pos(&self.doc));
            let prompt = self.find.prompt;
            self.find.search(&self.doc, from);
            // The reader stays where it is unless the person is typing.
            self.find.follow = prompt;
        }
        if let Some(m) = said {
            ses.say(m);
        }
        if let Some(at) = &l.go {
            self.go(at, ses);
        }
        if let Some(to) = &l.goto
            && let Err(said) = self.go_to_place(to, ses)
        {
            ses.say(said);
        }
        let moved = l.part.start > 0 || top != Pos::default() || l.go.is_some() || l.goto.is_some();
        self.changed_at = moved.then(Instant::now);
        l.deferred
    }
}
