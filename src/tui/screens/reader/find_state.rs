//! Find in the open article: the query, its hits, which one is current,
//! whether the prompt has the keyboard. Pure state; `find.rs` drives it.
//!
//! The hits are found a slice at a time ([`FindState::work`]): from the
//! reader's place first, so the hit the reader wants is shown at once, and
//! the rest are counted between keys ("3/120+" until the count settles).
//! Blocks added to the article later are searched too.

use crate::core::document::{Document, Pos};
use crate::core::find::{Finder, Hit};
use crate::core::keyboard::other_layout;
use std::time::{Duration, Instant};

/// Text searched between looks at the clock.
const STEP_BYTES: usize = 64 * 1024;
/// The most text one slice searches, however quick the machine.
const SLICE_MAX_BYTES: usize = 4 * 1024 * 1024;
/// The least text a typed key searches before it looks at the clock (a
/// short article is searched whole at the key).
const KEY_MIN_BYTES: usize = 64 * 1024;
/// How long a typed key searches for, at most (past the least above); it
/// stops sooner once the hit to show is found.
pub const KEY_SLICE: Duration = Duration::from_millis(15);
/// How long a slice between keys searches for, at most.
pub const TICK_SLICE: Duration = Duration::from_millis(8);

/// Find state of one open article.
#[derive(Debug, Clone, Default)]
pub struct FindState {
    /// The find of the query (and of its other-layout reading), under way
    /// or done.
    finder: Option<Finder>,
    /// Which of the finder's queries the hits shown are of (0: as typed,
    /// 1: the other layout's reading).
    shown: usize,
    /// The count changed since the screen was last drawn.
    changed: bool,
    /// The query typed.
    pub query: String,
    /// The prompt has the keyboard.
    pub prompt: bool,
    /// Where the reader was when the prompt opened: hits are looked for
    /// from there as the query is typed, and Esc (or no hit) goes back.
    pub origin: Option<Pos>,
    /// The hit the reader is at (an index into [`FindState::hits`]).
    pub current: Option<usize>,
    /// Show the hit nearest the search's start as soon as it is found
    /// (the search has not reached it yet); any move of the reader's ends it.
    pub follow: bool,
    /// The query read in the other keyboard layout, when that is what found
    /// the hits (the typed one found nothing).
    pub switched: Option<String>,
    /// Where ↑/↓ are in the find history while the prompt is open.
    pub history_at: Option<usize>,
    /// The find the open prompt replaces, back on Esc.
    pub kept: Option<Kept>,
}

/// A find put aside while the prompt is open: its query and hits.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    query: String,
    finder: Option<Finder>,
    shown: usize,
    current: Option<usize>,
    switched: Option<String>,
}

/// What the status line says of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// The current hit's number (from 1), when known: not while the text
    /// before the search's start is being counted, nor with no current hit.
    pub at: Option<usize>,
    /// Hits found so far.
    pub total: usize,
    /// The count is still growing.
    pub growing: bool,
}

impl FindState {
    /// Search `doc` for the current query from `from` (the reader's place),
    /// a key's slice of it: the rest goes on in [`FindState::work`].
    /// When the query finds nothing and its other-layout reading does
    /// («cjnhelybxtcndj» for «сотрудничество»), those hits are used and
    /// [`FindState::switched`] says so.
    pub fn search(&mut self, doc: &Document, from: Pos) {
        let other = other_layout(&self.query);
        let mut queries = vec![self.query.as_str()];
        queries.extend(other.as_deref());
        self.finder = Some(Finder::new(&queries, from));
        self.shown = 0;
        self.switched = None;
        self.current = None;
        self.follow = true;
        self.work_for(doc, Instant::now() + KEY_SLICE, KEY_MIN_BYTES, true);
    }

    /// Search on for a slice (until `until`, past the least a slice does);
    /// true when the hits changed.
    pub fn work(&mut self, doc: &Document, until: Instant) -> bool {
        self.work_for(doc, until, 0, false)
    }

    /// Search to the end of `doc` now (a step to the next hit must know
    /// them all).
    pub fn finish(&mut self, doc: &Document) {
        while self.counting(doc) {
            self.work_for(doc, Instant::now(), usize::MAX, false);
        }
    }

    /// Search on until `until` (past `least` bytes; at a key, `to_show`,
    /// only until the hit to show is found, the count left for later).
    fn work_for(&mut self, doc: &Document, until: Instant, least: usize, to_show: bool) -> bool {
        let Some(f) = self.finder.as_mut() else {
            return false;
        };
        let (count, before) = (f.hits(self.shown).len(), f.before(self.shown));
        let mut searched = 0;
        loop {
            let n = f.step(doc, STEP_BYTES);
            searched += n;
            if n == 0
                || searched >= SLICE_MAX_BYTES.max(least)
                || (searched >= least
                    && (Instant::now() >= until
                        || (to_show && (0..2).any(|q| f.nearest(q, doc).is_some()))))
            {
                break;
            }
        }
        let done = f.complete(doc);
        // Hits found before the start come before the current one.
        let added_before = f.before(self.shown) - before;
        if let Some(c) = self.current.as_mut()
            && *c >= before
        {
            *c += added_before;
        }
        self.choose_list();
        let changed = done || self.hits().len() != count;
        self.changed |= changed;
        changed
    }

    /// Search on until the hit `delta` (1 or -1) from the current one is
    /// sure, not just the next found so far: only as far as that needs.
    pub fn reach_step(&mut self, doc: &Document, delta: isize) {
        while self.counting(doc) && !self.step_sure(doc, delta) {
            self.work_for(doc, Instant::now() + TICK_SLICE, 0, false);
        }
    }

    /// Is the hit `delta` from the current one among the hits found? The
    /// hits before the start and those after it were each found in one
    /// stretch from its beginning, so a neighbour in the same stretch is sure.
    fn step_sure(&self, doc: &Document, delta: isize) -> bool {
        let (Some(f), Some(c)) = (self.finder.as_ref(), self.current) else {
            return false;
        };
        let (len, before) = (f.hits(self.shown).len(), f.before(self.shown));
        if delta >= 0 {
            if c + 1 == before {
                // The last found before the start: more may lie before it.
                f.before_done()
            } else if c + 1 < len {
                true
            } else {
                // The last found: the next is further on, or the first of all.
                f.after_done(doc) && (before > 0 || f.before_done())
            }
        } else if c == 0 {
            // Back round to the last of all.
            false
        } else {
            c != before || f.before_done()
        }
    }

    /// The hits as typed, or (none found) the other layout's reading's.
    fn choose_list(&mut self) {
        let Some(f) = self.finder.as_ref() else {
            return;
        };
        let other = f.hits(1);
        let shown = if f.hits(0).is_empty() && !other.is_empty() {
            1
        } else {
            0
        };
        if shown != self.shown {
            self.shown = shown;
            self.current = None;
            self.follow = true;
        }
        self.switched = (shown == 1).then(|| other_layout(&self.query)).flatten();
    }

    /// The hits found so far, in document order.
    pub fn hits(&self) -> &[Hit] {
        self.finder.as_ref().map_or(&[], |f| f.hits(self.shown))
    }

    /// The hits on block `block`, with their indices in [`FindState::hits`].
    pub fn hits_in(&self, block: usize) -> impl Iterator<Item = (usize, &Hit)> {
        let hits = self.hits();
        let from = hits.partition_point(|h| h.block < block);
        hits[from..]
            .iter()
            .take_while(move |h| h.block == block)
            .enumerate()
            .map(move |(i, h)| (from + i, h))
    }

    /// The hit to show for the reader at the search's start, once it is
    /// known (the first at or after it, else the first of all).
    pub fn nearest(&self, doc: &Document) -> Option<usize> {
        self.finder.as_ref()?.nearest(self.shown, doc)
    }

    /// Is the search still going: blocks of `doc` (as long as it is now:
    /// blocks may have been added since) left to search?
    pub fn counting(&self, doc: &Document) -> bool {
        self.finder.as_ref().is_some_and(|f| !f.complete(doc))
    }

    /// Did the count change since this was last asked (the status line is
    /// to be drawn again)?
    pub fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }

    /// Put the query and its hits aside (the prompt opens over them).
    pub fn keep(&mut self) {
        self.kept = Some(Kept {
            query: std::mem::take(&mut self.query),
            finder: self.finder.take(),
            shown: self.shown,
            current: self.current.take(),
            switched: self.switched.take(),
        });
        self.follow = false;
    }

    /// Bring back what [`FindState::keep`] put aside (nothing: no find).
    pub fn restore(&mut self) {
        let k = self.kept.take().unwrap_or_default();
        self.query = k.query;
        self.finder = k.finder;
        self.shown = k.shown;
        self.current = k.current;
        self.switched = k.switched;
        self.prompt = false;
        self.origin = None;
        self.follow = false;
    }

    /// Forget the query and its hits.
    pub fn clear(&mut self) {
        self.query.clear();
        self.switched = None;
        self.finder = None;
        self.current = None;
        self.prompt = false;
        self.origin = None;
        self.follow = false;
    }

    /// "3/41", or nothing when there is no query.
    pub fn counter(&self) -> Option<(usize, usize)> {
        (!self.query.is_empty()).then(|| (self.current.map_or(0, |c| c + 1), self.hits().len()))
    }

    /// What the status line says of the hits (nothing: no query).
    pub fn count(&self, doc: &Document) -> Option<Count> {
        let (at, total) = self.counter()?;
        let growing = self.counting(doc);
        // While the text before the start is searched, hits found there
        // push the current one's number on.
        let placed = self.finder.as_ref().is_some_and(Finder::before_done) || !growing;
        Some(Count {
            at: (at > 0 && placed).then_some(at),
            total,
            growing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    #[test]
    fn counts_and_reads_the_other_layout() {
        let d = parse_str("Андрей и андрей.\n\nЕщё Андрей.\n");
        let mut f = FindState {
            query: "андрей".into(),
            ..FindState::default()
        };
        f.search(&d, Pos::default());
        f.finish(&d);
        assert_eq!(f.counter(), Some((0, 3)));
        assert_eq!(f.nearest(&d), Some(0));
        // Typed with the Latin layout on.
        f.query = "fylhtq".into();
        f.search(&d, Pos::default());
        f.finish(&d);
        assert_eq!(f.switched.as_deref(), Some("андрей"));
        assert_eq!(f.hits().len(), 3);
        assert_eq!(
            f.count(&d),
            Some(Count {
                at: None,
                total: 3,
                growing: false
            })
        );
        f.clear();
        assert_eq!(f.counter(), None);
        assert!(f.hits().is_empty());
    }
}
