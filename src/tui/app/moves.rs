//! The moves between screens that the screens ask for ([`Effect`]): open an
//! article over a list or in the reader, close a screen, go back along the
//! jump list, open the find, a list of marks, a prompt or the note editor.

use super::{App, top_index};
use crate::tui::effect::{At, Effect, LoopEffect, NoteTarget, Open};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::link::LinkBox;
use crate::tui::overlays::note::NoteEdit;
use crate::tui::overlays::prompt::Prompt;
use crate::tui::screens::marks::MarksScreen;
use crate::tui::screens::reader::Reader;
use crate::tui::screens::search::SearchScreen;
use crate::tui::screens::{Screen, ScreenKind};

impl App {
    /// Put `r` in place of the article shown: the one left saves its place
    /// and its marks first.
    pub(super) fn replace_reader(&mut self, r: Reader) {
        if let Some(Screen::Reader(old)) = self.stack.last_mut() {
            old.save_position(&mut self.session);
            if let Some(m) = old.flush_marks() {
                self.session.say(m);
            }
            **old = r;
        }
    }

    /// `F`: the find screen, the one already open when there is one (the
    /// screens over it close), else a new one.
    pub(super) fn start_search(&mut self) {
        if let Some(at) = self
            .stack
            .iter()
            .rposition(|s| s.kind() == ScreenKind::Search)
        {
            while self.stack.len() > at + 1 {
                self.pop();
            }
            if let Some(Screen::Search(s)) = self.stack.last_mut() {
                s.typing = true;
                s.history_at = None;
            }
            return;
        }
        if let Some(screen) = SearchScreen::start(&mut self.session) {
            self.save_position();
            self.stack.push(Screen::Search(Box::new(screen)));
        }
    }

    /// Close the screen shown: its article (if it is one) saves its place
    /// and marks. The last screen closed quits.
    pub(super) fn pop(&mut self) {
        if let Some(Screen::Reader(mut r)) = self.stack.pop() {
            r.save_position(&mut self.session);
            if let Some(m) = r.flush_marks() {
                self.session.say(m);
            }
        }
        if self.stack.is_empty() {
            self.quit = true;
            return;
        }
        self.refresh(top_index(&self.stack));
    }

    /// Bring the screen at `i` up to date with what changed over it.
    pub(super) fn refresh(&mut self, i: usize) {
        let (below, rest) = self.stack.split_at_mut(i);
        let Some(s) = rest.first_mut() else {
            return;
        };
        match s {
            Screen::Library(l) => {
                self.session.fresh_titles();
                l.refresh_rows(&self.session);
            }
            Screen::Marks(m) => {
                let reader = below.iter().rev().find_map(Screen::reader);
                m.refresh(&self.session, reader);
            }
            Screen::Reader(_) | Screen::Search(_) => {}
        }
    }

    /// Carry out what a screen or overlay asked for.
    pub(super) fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Back => self.pop(),
            Effect::ShowMarks { notes, all } => {
                let reader = self.stack.iter_mut().rev().find_map(Screen::reader_mut);
                let list = MarksScreen::open_list(notes, all, &mut self.session, reader);
                self.stack.push(Screen::Marks(list));
            }
            Effect::Info => self.overlay = Some(Overlay::Info),
            Effect::Ask(purpose, text) => {
                self.overlay = Some(Overlay::Prompt(Prompt { purpose, text }));
            }
            Effect::WriteNote(target, quote) => self.write_note(target, quote),
            Effect::CloseOverlay => {
                self.overlay = None;
                if let Some(r) = self.reader_mut() {
                    r.pending = None;
                }
            }
            Effect::Open(o) => self.open_at(o),
            Effect::JumpBack => self.jump_back(),
            Effect::Jumped(before) => self.jumped(before),
            Effect::Action(a) => self.update(a),
            Effect::MarksChanged => {
                if matches!(self.stack.last(), Some(Screen::Marks(_))) {
                    self.refresh(top_index(&self.stack));
                }
            }
            Effect::Copy(text) => self.effects.push(LoopEffect::Copy(text)),
            Effect::EditExternally => self.effects.push(LoopEffect::EditExternally),
            Effect::Footnote(f) => self.overlay = Some(Overlay::Footnote(*f)),
            Effect::ShowLink(target) => {
                self.overlay = Some(Overlay::Link(LinkBox { target }));
            }
            Effect::OpenLinked(o) => self.open_linked(o),
        }
    }

    /// Open the note editor on `target`: a new note on a passage (`quote`),
    /// or a note that is there (from the open article, else its file).
    pub(super) fn write_note(&mut self, target: NoteTarget, quote: String) {
        let edit = match target {
            NoteTarget::New { start, end } => Ok(NoteEdit::new_on(start, end, quote)),
            NoteTarget::Existing { article, rel, mark } => {
                let reader = self.stack.iter_mut().rev().find_map(Screen::reader_mut);
                NoteEdit::existing(reader, &self.session.data_dir, &article, &rel, &mark)
            }
        };
        match edit {
            Ok(ne) => {
                self.overlay = Some(Overlay::Note(ne));
                // The passage stays in sight above the editor's box.
                let rows = usize::from(self.session.size.1.saturating_sub(1));
                let free = rows.saturating_sub((rows / 2).max(8).min(rows));
                if let Some(Screen::Reader(r)) = self.stack.last_mut() {
                    r.keep_pending_above(free);
                }
            }
            Err(why) => self.session.say(why),
        }
    }

    /// Open an article where `o` says: a list of marks closes and its
    /// article (under it) goes there; from the library or the find screen
    /// the reader opens over them (`q` comes back).
    pub(super) fn open_at(&mut self, o: Open) {
        let from_list = matches!(self.stack.last(), Some(Screen::Marks(_)));
        if let At::Mark { article, .. } = &o.at
            && from_list
        {
            let here = self
                .stack
                .iter()
                .rev()
                .nth(1)
                .and_then(Screen::reader)
                .is_some_and(|r| r.marks.data.article == *article);
            if here {
                self.stack.pop();
                if let Some(Screen::Reader(r)) = self.stack.last_mut() {
                    r.go(&o.at, &mut self.session);
                }
                return;
            }
        }
        let r = match Reader::open(&mut self.session, &o.path, o.key.clone()) {
            Ok(r) => r,
            Err(e) => return self.session.say(e),
        };
        if from_list {
            self.stack.pop();
        }
        if matches!(self.stack.last(), Some(Screen::Reader(_))) {
            self.replace_reader(r);
        } else {
            self.stack.push(Screen::Reader(Box::new(r)));
        }
        if let Some(Screen::Reader(r)) = self.stack.last_mut() {
            r.save_position(&mut self.session);
            r.go(&o.at, &mut self.session);
        }
    }

    /// Open the article a link leads to over the reader shown (the same
    /// article: a jump in it); the place left is in the jump list.
    pub(super) fn open_linked(&mut self, o: Open) {
        let Some(before) = self.place() else {
            return;
        };
        let target = o.path.canonicalize().ok();
        let same = self
            .reader()
            .is_some_and(|r| r.path.canonicalize().ok() == target);
        // An article open under this one (a link back to it): the screens
        // over it close, so that one article is never open twice (its marks
        // would be saved from two copies).
        let under = self.stack.iter().rposition(|s| {
            s.reader()
                .is_some_and(|r| r.path.canonicalize().ok() == target)
        });
        if let Some(at) = under.filter(|_| !same) {
            while self.stack.len() > at + 1 {
                self.pop();
            }
            if let Some(Screen::Reader(r)) = self.stack.last_mut() {
                r.go(&o.at, &mut self.session);
            }
            return self.jumped(before);
        }
        if !same {
            let r = match Reader::open(&mut self.session, &o.path, o.key.clone()) {
                Ok(r) => r,
                Err(e) => return self.session.say(e),
            };
            self.save_position();
            self.stack.push(Screen::Reader(Box::new(r)));
        }
        if let Some(Screen::Reader(r)) = self.stack.last_mut() {
            if !same {
                r.save_position(&mut self.session);
            }
            r.go(&o.at, &mut self.session);
        }
        self.jumped(before);
    }

    /// Go back to where the last jump left from.
    pub(super) fn jump_back(&mut self) {
        let here = self.place();
        while let Some(to) = self.session.jumps.pop_back() {
            if Some(&to) == here.as_ref() {
                continue;
            }
            let same_article = self.reader().is_some_and(|r| r.path == to.path);
            // An article opened from a link closes back to the one under
            // it (never a second copy of an article open below).
            let under = (!same_article && matches!(self.stack.last(), Some(Screen::Reader(_))))
                .then(|| {
                    self.stack
                        .iter()
                        .rposition(|s| s.reader().is_some_and(|r| r.path == to.path))
                })
                .flatten();
            if let Some(at) = under {
                while self.stack.len() > at + 1 {
                    self.pop();
                }
            } else if !same_article {
                let r = match Reader::open(&mut self.session, &to.path, to.key.clone()) {
                    Ok(r) => r,
                    Err(e) => {
                        self.session.say(e);
                        continue;
                    }
                };
                if matches!(self.stack.last(), Some(Screen::Reader(_))) {
                    self.replace_reader(r);
                } else {
                    self.stack.push(Screen::Reader(Box::new(r)));
                }
            }
            if let Some(Screen::Reader(r)) = self.stack.last_mut() {
                r.go(&At::Place(to.pos), &mut self.session);
            }
            return;
        }
        self.session.say(crate::messages::NO_JUMP_BACK);
    }
}
