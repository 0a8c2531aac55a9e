//! What a library scan learnt about each file (title, author, words, id),
//! kept in the cache dir, so that starting chitalka on a large library parses
//! only the files that changed since the last start. A file is taken from
//! the cache only when its size and modification time are the same; the
//! cache is only a speed-up: missing, damaged or old, it is rebuilt.

use crate::core::library::error::Refusal;
use crate::core::store::atomic_write;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Bumped when what is cached, or how it is computed, changes (3: why a
/// file failed is kept typed, not in words; 4: a file of a format not read
/// is named as that format, not as binary; 5: lib.ru's „ for ё is put right
/// in titles; 6: an FB2 in a ZIP is read; 7: a plain text's opening
/// epigraph never gives its title, and a title made of a file's name is
/// readable; 8: plain text's and Markdown's notes are read, which changes
/// their words; 9: EPUB is read; 10: Markdown front matter gives the title
/// and author, a dictd dictionary its name, an author's name over the title
/// on the first two lines the author; 11: `&#233;` in plain text is é; 12:
/// French «prйviens» is «préviens»). A cache of another version is set aside
/// and filled anew.
const VERSION: u32 = 12;

/// The version of chitalka that filled the cache: another one parses anew.
const APP: &str = env!("CARGO_PKG_VERSION");

/// What is known of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cached {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: u128,
    /// Content id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Author.
    pub author: Option<String>,
    /// Words.
    pub words: usize,
    /// Encoding read in.
    pub encoding: String,
}

/// A file that could not be parsed, as it was then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Failed {
    size: u64,
    mtime: u128,
    reason: Refusal,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    #[serde(default)]
    app: String,
    files: BTreeMap<String, Cached>,
    #[serde(default)]
    failed: BTreeMap<String, Failed>,
}

/// The scan cache of one library.
#[derive(Debug)]
pub struct ScanCache {
    path: PathBuf,
    /// What the file held, less what this scan has taken from it.
    old: BTreeMap<String, Cached>,
    old_failed: BTreeMap<String, Failed>,
    /// What this scan saw, in the order it saw it.
    new: Vec<(String, Cached)>,
    new_failed: Vec<(String, Failed)>,
    /// This scan found something the file did not hold.
    changed: bool,
}

/// A file's modification time as nanoseconds since the epoch.
pub fn nanos(t: Option<SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or(Duration::ZERO)
        .as_nanos()
}

impl ScanCache {
    /// The cache for the library at `root`, kept in `cache_dir`.
    pub fn open(cache_dir: &Path, root: &Path) -> ScanCache {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let key = xxhash_rust::xxh3::xxh3_64(root.to_string_lossy().as_bytes());
        let path = cache_dir.join(format!("library-{key:016x}.json"));
        let file = crate::core::store::read_data_file(&path)
            .ok()
            .and_then(|b| {
                serde_json::from_slice::<CacheFile>(crate::core::store::strip_bom(&b)).ok()
            })
            .filter(|c| c.version == VERSION && c.app == APP)
            .unwrap_or_default();
        ScanCache {
            path,
            old: file.files,
            old_failed: file.failed,
            new: Vec::new(),
            new_failed: Vec::new(),
            changed: false,
        }
    }

    /// What is known of `rel`, if it has not changed (same size and time).
    pub fn get(&mut self, rel: &str, size: u64, mtime: u128) -> Option<Cached> {
        self.old
            .get(rel)
            .filter(|c| c.size == size && c.mtime == mtime && mtime != 0)?;
        let (rel, hit) = self.old.remove_entry(rel)?;
        self.new.push((rel, hit.clone()));
        Some(hit)
    }

    /// Remember what a scan found for `rel`.
    pub fn put(&mut self, rel: &str, c: Cached) {
        self.changed = true;
        self.new.push((rel.to_string(), c));
    }

    /// Why `rel` could not be parsed, if it failed before and has not
    /// changed since (same size and time).
    pub fn get_failed(&mut self, rel: &str, size: u64, mtime: u128) -> Option<Refusal> {
        self.old_failed
            .get(rel)
            .filter(|f| f.size == size && f.mtime == mtime && mtime != 0)?;
        let (rel, hit) = self.old_failed.remove_entry(rel)?;
        let reason = hit.reason.clone();
        self.new_failed.push((rel, hit));
        Some(reason)
    }

    /// Remember that `rel`, as it is (size, time), could not be parsed.
    pub fn put_failed(&mut self, rel: &str, size: u64, mtime: u128, reason: &Refusal) {
        let failed = Failed {
            size,
            mtime,
            reason: reason.clone(),
        };
        self.changed = true;
        self.new_failed.push((rel.to_string(), failed));
    }

    /// Write what this scan saw (files gone since are dropped), unless it is
    /// what the file holds already. A failure only costs speed next time,
    /// so it is not reported.
    pub fn save(self) {
        // Whatever is left of the old entries was not seen: gone or changed.
        if !self.changed && self.old.is_empty() && self.old_failed.is_empty() {
            return;
        }
        let file = CacheFile {
            version: VERSION,
            app: APP.to_string(),
            files: self.new.into_iter().collect(),
            failed: self.new_failed.into_iter().collect(),
        };
        if let Ok(json) = serde_json::to_vec(&file) {
            let _ = atomic_write(&self.path, &json);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::scan_cached;

    #[test]
    fn unchanged_files_come_from_the_cache_changed_ones_are_parsed() {
        let lib = tempfile::tempdir().expect("tempdir");
        let cache = tempfile::tempdir().expect("tempdir");
        std::fs::write(lib.path().join("a.txt"), "Первая\n\nТекст.\n").expect("write");
        std::fs::write(lib.path().join("b.txt"), "Вторая\n\nТекст.\n").expect("write");
        let first =
            scan_cached(lib.path(), Some(ScanCache::open(cache.path(), lib.path()))).expect("scan");
        assert_eq!(first.articles.len(), 2);
        // Mark the cached titles, so that a title from the cache shows.
        let file = std::fs::read_dir(cache.path())
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
            .expect("cache file");
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, text.replace("Вторая", "Из кэша")).expect("write");
        std::fs::write(lib.path().join("a.txt"), "Изменённая\n\nДругой текст.\n").expect("write");
        let second =
            scan_cached(lib.path(), Some(ScanCache::open(cache.path(), lib.path()))).expect("scan");
        let titles: Vec<&str> = second.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Изменённая", "Из кэша"]);
        // A damaged cache is only slower: everything parsed again.
        std::fs::write(&file, "{ not json").expect("write");
        let third =
            scan_cached(lib.path(), Some(ScanCache::open(cache.path(), lib.path()))).expect("scan");
        let titles: Vec<&str> = third.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Изменённая", "Вторая"]);
        assert!(
            std::fs::read_to_string(&file)
                .expect("rewritten")
                .contains("Вторая")
        );
    }

    #[test]
    fn a_scan_that_finds_all_as_it_was_leaves_the_file_and_a_gone_file_leaves_it() {
        let lib = tempfile::tempdir().expect("tempdir");
        let cache = tempfile::tempdir().expect("tempdir");
        std::fs::write(lib.path().join("a.txt"), "Первая\n\nТекст.\n").expect("write");
        std::fs::write(lib.path().join("b.txt"), "Вторая\n\nТекст.\n").expect("write");
        let open = || Some(ScanCache::open(cache.path(), lib.path()));
        scan_cached(lib.path(), open()).expect("scan");
        let file = std::fs::read_dir(cache.path())
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
            .expect("cache file");
        // Written the same but for its spacing: a rewrite would undo it.
        let spaced = std::fs::read_to_string(&file)
            .expect("read")
            .replace(",\"", ", \"");
        std::fs::write(&file, &spaced).expect("write");
        let warm = scan_cached(lib.path(), open()).expect("scan");
        assert_eq!(warm.articles.len(), 2);
        assert_eq!(std::fs::read_to_string(&file).expect("read"), spaced);
        std::fs::remove_file(lib.path().join("b.txt")).expect("remove");
        scan_cached(lib.path(), open()).expect("scan");
        let after = std::fs::read_to_string(&file).expect("read");
        assert!(
            after.contains("a.txt") && !after.contains("b.txt"),
            "{after}"
        );
    }
}
