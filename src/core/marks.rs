//! What chitalka remembers about a person's reading: the reading position
//! of each article (bookmarks and notes are in `marks_store`).

use crate::core::document::Pos;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far ahead of this machine's clock a time stamp may be and still be
/// believed (clocks of synced machines differ a little).
pub const CLOCK_SKEW: u64 = 10 * 60;

/// Where a person stopped in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    /// The article's path when it was last read (relative to the library when inside it).
    pub path: String,
    /// The document position at the top of the screen.
    pub pos: Pos,
    /// How far through the article the reader got, 0.0 to 1.0.
    pub progress: f64,
    /// When it was last read, in seconds since the Unix epoch.
    pub last_read: u64,
    /// The words at the top of the screen (see [`crate::core::locate`]):
    /// a long article is opened at them before the whole of it is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// Reading states of all articles, by article id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingStates {
    /// By article id (content hash); a `BTreeMap` keeps the file's key order stable.
    pub articles: BTreeMap<String, ReadingState>,
}

impl ReadingStates {
    /// The state for an article: by id, or, when the file changed since, by path.
    pub fn find(&self, id: &str, path: &str) -> Option<&ReadingState> {
        self.articles.get(id).or_else(|| self.by_path(path))
    }

    /// The newest state for the article at `path` (its content not looked at).
    pub fn by_path(&self, path: &str) -> Option<&ReadingState> {
        self.articles
            .values()
            .filter(|s| s.path == path)
            .max_by_key(|s| s.last_read)
    }

    /// Take in states saved by someone else: for each article the newer state
    /// wins, and of several entries for one path only the newest stays.
    pub fn merge(&mut self, other: ReadingStates) {
        for (id, theirs) in other.articles {
            let newer = self
                .articles
                .get(&id)
                .is_none_or(|ours| ours.last_read < theirs.last_read);
            let superseded = self
                .articles
                .iter()
                .any(|(k, s)| *k != id && s.path == theirs.path && s.last_read >= theirs.last_read);
            if newer && !superseded {
                self.record(&id, theirs);
            }
        }
    }

    /// Bring back to `to` every time stamp more than [`CLOCK_SKEW`] ahead of
    /// `now` (a machine whose clock was wrong, synced here): such a stamp
    /// would otherwise win every merge ("the newer state wins") for years,
    /// freezing the reading position. Returns how many were changed.
    pub fn clamp_future(&mut self, now: u64, to: u64) -> usize {
        let mut changed = 0;
        for s in self.articles.values_mut() {
            if s.last_read > now.saturating_add(CLOCK_SKEW) {
                s.last_read = to;
                changed += 1;
            }
        }
        changed
    }

    /// Record a state, dropping older entries for the same path (the file changed).
    pub fn record(&mut self, id: &str, state: ReadingState) {
        self.articles.retain(|k, s| k == id || s.path != state.path);
        self.articles.insert(id.to_string(), state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(path: &str, t: u64) -> ReadingState {
        ReadingState {
            path: path.into(),
            pos: Pos::new(3, 10),
            progress: 0.5,
            last_read: t,
            quote: None,
        }
    }

    #[test]
    fn found_by_id_then_by_path() {
        let mut s = ReadingStates::default();
        s.record("aaa", st("a.txt", 1));
        assert_eq!(s.find("aaa", "moved.txt").map(|x| x.last_read), Some(1));
        assert_eq!(s.find("bbb", "a.txt").map(|x| x.last_read), Some(1));
        assert!(s.find("bbb", "b.txt").is_none());
        // The file changed: the new id replaces the old entry for that path.
        s.record("ccc", st("a.txt", 2));
        assert_eq!(s.articles.len(), 1);
    }

    #[test]
    fn stamps_from_the_future_are_brought_back() {
        let mut s = ReadingStates::default();
        s.record("near", st("near.txt", 1_000 + CLOCK_SKEW));
        s.record("far", st("far.txt", 1_000 + CLOCK_SKEW + 1));
        s.record("past", st("past.txt", 10));
        assert_eq!(s.clamp_future(1_000, 900), 1);
        assert_eq!(s.articles["far"].last_read, 900);
        assert_eq!(s.articles["near"].last_read, 1_000 + CLOCK_SKEW);
        assert_eq!(s.articles["past"].last_read, 10);
    }
}
