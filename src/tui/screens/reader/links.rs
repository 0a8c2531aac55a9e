//! Links and note references in the reader: `l`/`h` focus the next or
//! previous one on screen (scrolling to one just below or above), Enter or a
//! click follows it: a footnote over the text, a jump to a place of the
//! article, another article next to it, or an external link's box.

use super::Reader;
use crate::core::document::{Inline, LinkTarget, Pos};
use crate::messages;
use crate::tui::effect::{At, Effect, Open};
use crate::tui::overlays::footnote::Footnote;
use crate::tui::session::Session;
use std::ops::Range;
use std::path::Path;

/// A link or note reference of the article: where it is and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAt {
    /// Its block.
    pub block: usize,
    /// Its text in the block.
    pub range: Range<usize>,
    /// Its target: a note reference's is `#id`.
    pub href: String,
    /// A note reference (else a link).
    pub note: bool,
}

impl LinkAt {
    fn start(&self) -> Pos {
        Pos::new(self.block, self.range.start)
    }

    fn end(&self) -> Pos {
        Pos::new(self.block, self.range.end)
    }
}

/// The links and note references of block `i` of `doc`, in order.
fn links_of(doc: &crate::core::document::Document, i: usize) -> Vec<LinkAt> {
    let Some(b) = doc.blocks.get(i) else {
        return Vec::new();
    };
    let mut out: Vec<LinkAt> = b
        .spans
        .iter()
        .filter_map(|s| {
            let (href, note) = match &s.style {
                Inline::Link(h) => (h.clone(), false),
                Inline::NoteRef(id) => (format!("#{id}"), true),
                _ => return None,
            };
            Some(LinkAt {
                block: i,
                range: s.range.clone(),
                href,
                note,
            })
        })
        .collect();
    out.sort_by_key(|l| (l.range.start, l.range.end));
    out
}

impl Reader {
    /// The links and note references on screen, in reading order.
    pub fn links_on_screen(&mut self) -> Vec<LinkAt> {
        let Some((from, to)) = self.view.visible_range(&self.doc) else {
            return Vec::new();
        };
        (from.block..=to.block)
            .flat_map(|i| links_of(&self.doc, i))
            .filter(|l| l.end() > from && l.start() < to)
            .collect()
    }

    /// `l` (`forward`) or `h`: focus the next or previous link on screen;
    /// past the screen's edge, scroll to one within a page, else say none.
    pub(super) fn step_link(&mut self, forward: bool, ses: &mut Session) {
        let on_screen = self.links_on_screen();
        let here = self.link.as_ref().map(LinkAt::start);
        let next = if forward {
            on_screen
                .iter()
                .find(|l| here.is_none_or(|h| l.start() > h))
                .cloned()
        } else {
            on_screen
                .iter()
                .rev()
                .find(|l| here.is_none_or(|h| l.start() < h))
                .cloned()
        };
        if let Some(l) = next {
            self.link = Some(l);
            return;
        }
        match self.link_near(forward, ses) {
            Some(l) => {
                self.view.reveal(&self.doc, l.start(), l.end());
                self.changed_at = Some(std::time::Instant::now());
                self.follow_outline(ses);
                self.link = Some(l);
            }
            // Round to the other end of the screen, as n/N go round the article.
            None => {
                let other = if forward {
                    on_screen.first()
                } else {
                    on_screen.last()
                };
                match other {
                    Some(l) => {
                        self.link = Some(l.clone());
                        ses.flash(if forward {
                            messages::LINKS_WRAPPED_DOWN
                        } else {
                            messages::LINKS_WRAPPED_UP
                        });
                    }
                    None => {
                        self.link = None;
                        ses.flash(messages::NO_LINK_HERE);
                    }
                }
            }
        }
    }

    /// The first link past the screen's end (before its start when going
    /// back) that a page's scroll would bring on screen.
    fn link_near(&mut self, forward: bool, ses: &Session) -> Option<LinkAt> {
        let (from, to) = self.view.visible_range(&self.doc)?;
        let page = Self::text_rows(ses).saturating_sub(2).max(1) as isize;
        let top = self.view.top_pos(&self.doc);
        self.view
            .scroll(&self.doc, if forward { page } else { -page });
        let (nfrom, nto) = self.view.visible_range(&self.doc)?;
        self.view.go_to(&self.doc, top);
        let candidates = (nfrom.block..=nto.block).flat_map(|i| links_of(&self.doc, i));
        if forward {
            candidates
                .filter(|l| l.start() >= to && l.start() < nto)
                .min_by_key(LinkAt::start)
        } else {
            candidates
                .filter(|l| l.end() <= from && l.end() > nfrom)
                .max_by_key(LinkAt::start)
        }
    }

    /// Show where a link leads: a place that starts a block (a heading, a
    /// section, a page of a book) on the top row, as a book opens at its
    /// chapter; a place inside a paragraph with lines above it (see
    /// [`Reader::reveal`]), so that it is read in its context.
    pub(super) fn show_target(&mut self, pos: Pos, rows: usize) {
        if pos.offset == 0 {
            self.view.go_to(&self.doc, pos);
            self.changed_at = Some(std::time::Instant::now());
        } else {
            self.reveal(pos, rows);
        }
    }

    /// The link or note reference at `pos`, if any.
    pub fn link_at(&self, pos: Pos) -> Option<LinkAt> {
        links_of(&self.doc, pos.block)
            .into_iter()
            .find(|l| l.range.contains(&pos.offset))
    }

    /// What Enter does on the focused link, for the status line.
    pub fn link_hint(&self) -> Option<String> {
        let l = self.link.as_ref()?;
        let said = match self.doc.follow(&l.href) {
            LinkTarget::Note(n) => messages::will_show_note(&n.label),
            // A place is named by its section, not by the id in the file
            // ("#OEBPS/text/part04.xhtml#r35").
            LinkTarget::Place(pos) => match self.panel.outline.section_at(pos) {
                Some(i) => messages::will_go_to_section(&self.panel.outline.sections[i].title),
                None => messages::will_go_to(&l.href),
            },
            LinkTarget::Missing => messages::will_go_to(&l.href),
            LinkTarget::External(t) => messages::will_show_link(t),
            LinkTarget::Relative(t) => messages::will_open(t),
        };
        Some(messages::shown(&said))
    }

    /// Follow `link`: a footnote over the text, a jump in the article, an
    /// article next to it, or the box of an external link.
    pub fn follow_link(&mut self, link: &LinkAt, ses: &mut Session) -> Option<Effect> {
        match self.doc.follow(&link.href) {
            LinkTarget::Note(n) => {
                let mut f = Footnote::of(&self.doc, n);
                f.keep_clear = self
                    .view
                    .visible(&self.doc)
                    .iter()
                    .position(|l| l.block == link.block && l.contains(link.range.start));
                Some(Effect::Footnote(Box::new(f)))
            }
            LinkTarget::Place(pos) => {
                let before = self.place();
                self.link = None;
                self.show_target(pos, Self::text_rows(ses));
                self.follow_outline(ses);
                Some(Effect::Jumped(before))
            }
            LinkTarget::External(t) => Some(Effect::ShowLink(t.to_string())),
            LinkTarget::Relative(t) => {
                let (file, frag) = match t.split_once('#') {
                    Some((f, frag)) => (f, Some(frag)),
                    None => (t, None),
                };
                let Some(path) = crate::core::formats::linked_file(&self.path, &self.doc, file)
                else {
                    ses.say(messages::linked_file_missing(&messages::shown(t)));
                    return None;
                };
                let at = frag.map_or(At::Saved, |f| At::Anchor(f.to_string()));
                let key = key_for(ses, &path);
                Some(Effect::OpenLinked(Open { path, key, at }))
            }
            LinkTarget::Missing if link.note => {
                let label = self
                    .doc
                    .blocks
                    .get(link.block)
                    .and_then(|b| b.text.get(link.range.clone()))
                    .unwrap_or_default();
                ses.say(messages::note_missing(&messages::shown(label)));
                None
            }
            LinkTarget::Missing => {
                ses.say(messages::link_missing(&messages::shown(&link.href)));
                None
            }
        }
    }
}

/// `path`'s reading-state key: its path in the library, else its full path.
fn key_for(ses: &Session, path: &Path) -> String {
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Some(lib) = &ses.lib
        && let Some(a) = lib
            .articles
            .iter()
            .find(|a| a.path.canonicalize().ok().as_deref() == Some(full.as_path()))
    {
        return a.rel.clone();
    }
    full.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use crate::core::formats::percent_decode;

    #[test]
    fn percent_escapes_decoded() {
        assert_eq!(percent_decode("%D0%BA%D0%BD.fb2"), "кн.fb2");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
