//! The reader: an open article, its window, and the parts that live on it
//! (find, choosing a passage, the outline, notes shown, the status line).

pub mod choose;
pub mod choose_state;
pub mod find;
pub mod find_state;
pub mod goto;
pub mod links;
pub mod loading;
pub mod marks;
pub mod mouse;
pub mod notes;
pub mod notes_view;
pub mod outline;
pub mod outline_panel;
pub mod outline_view;
pub mod status;
pub mod view;

use crate::core::document::{Document, Pos};
use crate::core::library;
use crate::core::marks::ReadingState;
use crate::core::outline::Outline;
use crate::core::store;
use crate::core::viewport::Viewport;
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::{At, Effect, PromptFor};
use crate::tui::jumps::Place;
use crate::tui::keymap::Mode;
use crate::tui::session::Session;
use choose_state::Selection;
use crossterm::event::KeyEvent;
use find_state::FindState;
use marks::ReaderMarks;
use outline_panel::OutlinePanel;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Save the reading position this long after the last scroll.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

/// How long one [`Reader::tick`] lays out the article for, at most: the
/// event loop looks at the keys between slices.
const LAYOUT_SLICE: Duration = Duration::from_millis(10);
/// Blocks laid out between looks at the clock within a slice.
const LAYOUT_STEP: usize = 8;

/// Where the reader draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderLayout {
    /// The rows of text (the whole width; the column is inside it).
    pub text: Rect,
    /// Left edge and width of the text column.
    pub column: (usize, usize),
    /// The status line.
    pub status: Rect,
    /// The outline panel, when it is open (border included).
    pub outline: Option<Rect>,
    /// The outline is beside the text, not over it.
    pub docked: bool,
    /// Rows of outline entries on screen.
    pub outline_rows: usize,
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
    /// The parsed article (its title and author those the person gave, when
    /// they gave them).
    pub doc: Document,
    /// The file's own title and author, when the person gave others.
    pub own: Option<(String, Option<String>)>,
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
    /// The passage a bookmark or note is being written on (lit as the
    /// chosen one is, while the prompt or the editor is open).
    pub pending: Option<(Pos, Pos)>,
    /// The note shown over the text (its mark id).
    pub note_shown: Option<String>,
    /// Where the mouse button went down in the text (a drag chooses from there).
    pub press: Option<Pos>,
    /// Scrolled since the position was last saved.
    pub changed_at: Option<Instant>,
    /// The link or note reference focused (`l`/`h`), which Enter follows.
    pub link: Option<links::LinkAt>,
    /// A long article shown in part while the whole is read.
    pub loading: Option<loading::Loading>,
    /// An action that waited for the whole article, to be carried out now
    /// (the app takes it after [`Reader::tick`]).
    pub ready: Option<Action>,
}

impl Reader {
    /// Open `path` (`key` names it in the reading state) where it was last
    /// read. What the person should be told goes on the status line.
    pub fn open(ses: &mut Session, path: &Path, key: String) -> Result<Reader, String> {
        if let Some(r) = Self::open_part(ses, path, &key) {
            return Ok(r);
        }
        let (id, mut doc) =
            library::load(path).map_err(|reason| messages::err_article(path, &reason))?;
        // The marks file keeps the file's own title (it finds the article
        // again after an edit); what the person named it is shown.
        let own = (doc.title.clone(), doc.meta.author.clone());
        ses.fresh_titles();
        let retitled = ses.titles.apply_doc(&id, &key, &mut doc);
        // Found by its path (its text edited since): kept under its new
        // content id, so that a move later does not lose it.
        if retitled && !ses.titles.articles.contains_key(&id) {
            let _ = ses
                .titles
                .set(&id, &key, &crate::core::titles::Retitle::default());
        }
        // What was said on the screen left is not about this article.
        ses.clear_message();
        let panel = OutlinePanel::new(Outline::of(&doc));
        let (_, width) = ses.text_column(0);
        let rows = Self::text_rows(ses);
        let mut view = Viewport::with_options(&doc, width, rows, ses.layout);
        if let Some(state) = ses.store.states.find(&id, &key) {
            view.go_to(&doc, state.pos);
        }
        let (mut marks, marks_message) =
            ReaderMarks::open(&ses.data_dir, ses.lib.as_ref(), (&id, &key), &own.0, &doc);
        // A damaged marks file is said now and again on exit, where it stays.
        ses.data_notices.extend(marks.damaged.take());
        if let Some(m) = marks_message {
            ses.say(m);
        }
        let mut r = Reader {
            id,
            key,
            path: path.to_path_buf(),
            own: retitled.then_some(own),
            doc,
            view,
            panel,
            find: FindState::default(),
            marks,
            selection: None,
            pending: None,
            note_shown: None,
            press: None,
            changed_at: Some(Instant::now()),
            link: None,
            loading: None,
            ready: None,
        };
        r.resize(ses);
        Ok(r)
    }

    /// The person gives the article a title (or, `author`, an author);
    /// empty goes back to the file's own. Saved in the data dir, and shown
    /// at once here and in the library; a failure is said.
    pub fn retitle(&mut self, ses: &mut Session, author: bool, text: &str) {
        let change = if author {
            crate::core::titles::Retitle {
                author: Some(text.to_string()),
                ..Default::default()
            }
        } else {
            crate::core::titles::Retitle {
                title: Some(text.to_string()),
                ..Default::default()
            }
        };
        if let Err(e) = ses.titles.set(&self.id, &self.key, &change) {
            ses.say(e.to_string());
            return;
        }
        if let Some((title, author)) = self.own.take() {
            self.doc.title = title;
            self.doc.meta.author = author;
        }
        let own = (self.doc.title.clone(), self.doc.meta.author.clone());
        if ses.titles.apply_doc(&self.id, &self.key, &mut self.doc) {
            self.own = Some(own);
        }
        if let Some(lib) = ses.lib.as_mut() {
            ses.titles.apply(lib);
        }
        ses.flash(messages::info::TITLE_SAVED);
    }

    /// Rows of text in the window (all but the status line).
    pub fn text_rows(ses: &Session) -> usize {
        usize::from(ses.size.1.saturating_sub(1)).max(1)
    }

    /// Where it draws in the session's window.
    pub fn layout(&self, ses: &Session) -> ReaderLayout {
        let (w, h) = ses.size;
        let open = self.panel.open;
        let docked = open && w >= outline::DOCK_MIN_WIDTH;
        let side = if docked {
            (w / 3).min(outline::SIDEBAR_MAX)
        } else {
            0
        };
        let outline = open.then(|| {
            if docked {
                Rect::new(0, 0, side, h.saturating_sub(1))
            } else {
                let pw = w.saturating_sub(4).min(64).max(w.min(10));
                Rect::new(w.saturating_sub(pw) / 2, 1, pw, h.saturating_sub(3))
            }
        });
        let rows = usize::from(h.saturating_sub(1));
        ReaderLayout {
            text: Rect::new(0, 0, w, h.saturating_sub(1)),
            column: ses.text_column(side),
            status: Rect::new(0, h.saturating_sub(1), w, h.min(1)),
            outline,
            docked,
            outline_rows: if docked { rows } else { rows.saturating_sub(4) },
        }
    }

    /// Which keys it reads: the outline's, the choice's or its own.
    pub fn mode(&self, ses: &Session) -> Mode {
        if self.outline_has_keys(ses) {
            Mode::Outline
        } else if self.selection.is_some() {
            Mode::Select
        } else {
            Mode::Reader
        }
    }

    /// Lay the text out for the window as it is now.
    pub fn resize(&mut self, ses: &Session) {
        let (_, width) = self.layout(ses).column;
        self.view.resize(&self.doc, width, Self::text_rows(ses));
    }

    /// Where the reader is now.
    pub fn place(&mut self) -> Place {
        Place {
            path: self.path.clone(),
            key: self.key.clone(),
            pos: self.view.top_pos(&self.doc),
        }
    }

    /// Move the window to `at` (an article just opened, or this one again).
    pub fn go(&mut self, at: &At, ses: &mut Session) {
        // Not in the part shown while the whole is read: there, once it is.
        if let Some(l) = self.loading.as_mut().filter(|l| l.failed.is_none()) {
            if *at != At::Saved {
                l.go = Some(at.clone());
            }
            return;
        }
        let rows = Self::text_rows(ses);
        match at {
            At::Saved => {}
            At::Place(pos) => {
                self.view.go_to(&self.doc, *pos);
                self.changed_at = Some(Instant::now());
            }
            At::Hit { pos, query } => {
                self.find.query = query.clone();
                self.find.search(&self.doc, *pos);
                self.find.current = self.find.nearest(&self.doc);
                match self
                    .find
                    .current
                    .and_then(|i| self.find.hits().get(i))
                    .cloned()
                {
                    Some(hit) => {
                        self.find.follow = false;
                        return self.show_hit(&hit, ses);
                    }
                    // Not found yet: shown when it is (`find_tick`).
                    None => self.reveal(*pos, rows),
                }
            }
            At::Note { mark, quote } => return self.show_note(mark, quote, ses),
            At::Anchor(name) => match self.doc.anchors.get(name) {
                Some(&pos) => self.show_target(self.doc.clamp(pos), rows),
                None => ses.say(messages::anchor_missing(&messages::shown(name))),
            },
            At::Mark { mark, pos, .. } => {
                // The article as open now may place the mark differently.
                let pos = self
                    .marks
                    .placed
                    .iter()
                    .find(|m| m.id == *mark)
                    .map_or(*pos, |m| m.start);
                self.reveal(pos, rows);
            }
        }
        self.follow_outline(ses);
    }

    /// Save the reading position now (if it moved since the last save).
    pub fn save_position(&mut self, ses: &mut Session) {
        if self.changed_at.take().is_none() {
            return;
        }
        let pos = self.view.top_pos(&self.doc);
        let quote = Some(crate::core::locate::quote_at(&self.doc, pos));
        let state = match &self.loading {
            // Left before the whole was read: a part's places are not the
            // article's, its words and how far through the file it is are
            // kept (the article is found by them when opened again).
            Some(l) => match self.part_state(l, pos, quote) {
                Some(s) => s,
                None => return,
            },
            None => ReadingState {
                path: self.key.clone(),
                pos,
                progress: self.view.progress(&self.doc),
                last_read: store::now(),
                quote,
            },
        };
        // Left in the first moments of the reading: the id is read here.
        let id = match self.loading.as_ref().map(|l| l.id().map(str::to_string)) {
            Some(Some(id)) => id,
            Some(None) => match library::load_id(&self.path) {
                Ok(id) => id,
                Err(_) => return,
            },
            None => self.id.clone(),
        };
        ses.store.states.record(&id, state);
        match ses.store.save() {
            Ok(None) => ses.position_error = None,
            Ok(Some(w)) => ses.say(w.to_string()),
            Err(e) => {
                // Said once, not at every pause in the reading; again on exit.
                let said = messages::warn_save_failed(&e);
                if ses.position_error.as_ref() != Some(&said) {
                    ses.say(said.clone());
                }
                ses.position_error = Some(said);
            }
        }
    }

    /// When the position is saved by itself next (none: nothing to save,
    /// or the find prompt is open).
    pub fn autosave_at(&self) -> Option<Instant> {
        if self.find.prompt || self.loading.is_some() {
            return None;
        }
        self.changed_at.map(|t| t + AUTOSAVE_AFTER)
    }

    /// Periodic work while it is on top: save the position a moment after
    /// scrolling stops, try a failed save of marks again, lay out more of
    /// the text, count more of the find's hits. True while text is left to
    /// lay out or to search.
    pub fn tick(&mut self, ses: &mut Session, now: Instant) -> bool {
        if let Some(action) = self.poll_loading(ses) {
            self.ready = Some(action);
        }
        if self.autosave_at().is_some_and(|t| now >= t) {
            self.save_position(ses);
        }
        self.retry_marks(ses, now);
        // The count the person watches first; the layout after it.
        if self.find_tick(ses) {
            return true;
        }
        let until = Instant::now() + LAYOUT_SLICE;
        loop {
            if self.view.fill(&self.doc, LAYOUT_STEP) {
                return false;
            }
            if Instant::now() >= until {
                return true;
            }
        }
    }

    /// A key that a field or a shown note takes before the keymap does.
    pub fn take_key(&mut self, ev: KeyEvent, ses: &mut Session) -> Option<Option<Effect>> {
        if self.find.prompt {
            self.find_key(ev, ses);
            return Some(None);
        }
        if self.note_shown.is_some() {
            return self.shown_note_key(ev, ses);
        }
        None
    }

    /// Carry out an action.
    pub fn on_action(&mut self, action: Action, ses: &mut Session) -> Option<Effect> {
        let action = self.while_loading(action, ses)?;
        // A move of the reader's: a hit still being looked for is not
        // jumped to when it is found.
        self.find.follow = false;
        match self.mode(ses) {
            Mode::Select => return self.select_action(action, ses),
            Mode::Outline => return self.outline_action(action, ses),
            _ => {}
        }
        match action {
            Action::Info => return Some(Effect::Info),
            Action::Find => return self.start_find(ses),
            Action::NextHit => return self.step_hit(1, ses),
            Action::PrevHit => return self.step_hit(-1, ses),
            // Esc unfocuses the link first, then clears the hits.
            Action::ClearHits => {
                if self.link.take().is_none() {
                    self.find.clear();
                }
                return None;
            }
            Action::NextLink | Action::PrevLink => {
                self.step_link(action == Action::NextLink, ses);
                return None;
            }
            Action::GoTo => return Some(Effect::Ask(PromptFor::GoTo, String::new())),
            // Enter follows the focused link while it is on screen.
            Action::ShowNote
                if self
                    .link
                    .clone()
                    .is_some_and(|l| self.links_on_screen().contains(&l)) =>
            {
                let link = self.link.clone()?;
                return self.follow_link(&link, ses);
            }
            Action::ShowNote => {
                self.link = None;
                return self.mark_action(action, ses);
            }
            Action::JumpBack => return Some(Effect::JumpBack),
            Action::Select
            | Action::Bookmark
            | Action::Annotate
            | Action::Bookmarks
            | Action::Notes => return self.mark_action(action, ses),
            Action::ToggleOutline
            | Action::FocusSwitch
            | Action::PrevSection
            | Action::NextSection => return self.outline_action(action, ses),
            Action::Back => {
                self.save_position(ses);
                return Some(Effect::Back);
            }
            _ => {}
        }
        let page = Self::text_rows(ses).saturating_sub(2).max(1) as isize;
        let (doc, view) = (&self.doc, &mut self.view);
        let before = view.top_pos(doc);
        match action {
            Action::Down => view.scroll(doc, 1),
            Action::Up => view.scroll(doc, -1),
            Action::WheelDown => view.scroll(doc, 3),
            Action::WheelUp => view.scroll(doc, -3),
            Action::PageDown => view.scroll(doc, page),
            Action::PageUp => view.scroll(doc, -page),
            Action::HalfDown => view.scroll(doc, (page + 2) / 2),
            Action::HalfUp => view.scroll(doc, -(page + 2) / 2),
            Action::Top => view.home(),
            Action::Bottom => view.end(doc),
            _ => {}
        }
        if view.top_pos(doc) != before {
            self.changed_at = Some(Instant::now());
            // A focused link scrolled off the screen is let go.
            if let Some(l) = self.link.clone()
                && !self.links_on_screen().contains(&l)
            {
                self.link = None;
            }
        }
        self.follow_outline(ses);
        None
    }
}
