//! Find in the open article: the query, its hits, which one is current,
//! whether the prompt has the keyboard. Pure state; `find.rs` drives it.

use crate::core::document::Document;
use crate::core::find::{Hit, Searchable};
use crate::core::keyboard::other_layout;

/// Find state of one open article.
#[derive(Debug, Clone, Default)]
pub struct FindState {
    /// The article folded for searching (made at the first search).
    searchable: Option<Searchable>,
    /// The query typed.
    pub query: String,
    /// The prompt has the keyboard.
    pub prompt: bool,
    /// Where the reader was when the prompt opened: hits are looked for
    /// from there as the query is typed, and Esc (or no hit) goes back.
    pub origin: Option<crate::core::document::Pos>,
    /// Every hit of the query, in document order.
    pub hits: Vec<Hit>,
    /// The hit the reader is at.
    pub current: Option<usize>,
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
    hits: Vec<Hit>,
    current: Option<usize>,
    switched: Option<String>,
}

impl FindState {
    /// Search `doc` for the current query.
    /// When the query finds nothing and its other-layout reading does
    /// («cjnhelybxtcndj» for «сотрудничество»), those hits are used and
    /// [`FindState::switched`] says so.
    pub fn search(&mut self, doc: &Document) {
        let s = self.searchable.get_or_insert_with(|| Searchable::new(doc));
        self.hits = s.find(&self.query);
        self.switched = None;
        if self.hits.is_empty()
            && let Some(other) = other_layout(&self.query)
        {
            let hits = s.find(&other);
            if !hits.is_empty() {
                self.hits = hits;
                self.switched = Some(other);
            }
        }
        self.current = None;
    }

    /// Put the query and its hits aside (the prompt opens over them).
    pub fn keep(&mut self) {
        self.kept = Some(Kept {
            query: self.query.clone(),
            hits: self.hits.clone(),
            current: self.current,
            switched: self.switched.clone(),
        });
    }

    /// Bring back what [`FindState::keep`] put aside (nothing: no find).
    pub fn restore(&mut self) {
        let k = self.kept.take().unwrap_or_default();
        self.query = k.query;
        self.hits = k.hits;
        self.current = k.current;
        self.switched = k.switched;
        self.prompt = false;
        self.origin = None;
    }

    /// Forget the query and its hits.
    pub fn clear(&mut self) {
        self.query.clear();
        self.switched = None;
        self.hits.clear();
        self.current = None;
        self.prompt = false;
        self.origin = None;
    }

    /// Step the current hit by `delta`, wrapping around.
    pub fn step(&mut self, delta: isize) -> Option<&Hit> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let next = match self.current {
            Some(c) => (c as isize + delta).rem_euclid(n as isize) as usize,
            None if delta >= 0 => 0,
            None => n - 1,
        };
        self.current = Some(next);
        self.hits.get(next)
    }

    /// "3/41", or nothing when there is no query.
    pub fn counter(&self) -> Option<(usize, usize)> {
        (!self.query.is_empty()).then(|| (self.current.map_or(0, |c| c + 1), self.hits.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    #[test]
    fn steps_wrap_and_count() {
        let d = parse_str("Андрей и андрей.\n\nЕщё Андрей.\n");
        let mut f = FindState {
            query: "андрей".into(),
            ..FindState::default()
        };
        f.search(&d);
        assert_eq!(f.counter(), Some((0, 3)));
        f.step(1);
        assert_eq!(f.counter(), Some((1, 3)));
        f.step(-1);
        assert_eq!(f.counter(), Some((3, 3)), "wraps back to the last");
        f.step(1);
        assert_eq!(f.counter(), Some((1, 3)), "and on to the first");
        // Typed with the Latin layout on.
        f.query = "fylhtq".into();
        f.search(&d);
        assert_eq!(f.switched.as_deref(), Some("андрей"));
        assert_eq!(f.hits.len(), 3);
        f.clear();
        assert_eq!(f.counter(), None);
        assert!(f.step(1).is_none());
    }
}
