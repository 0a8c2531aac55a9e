//! Bookmarks and notes on disk: one JSON file per article under
//! `<data dir>/marks/<article id>.json` (readable, stable key order, easy to
//! sync with git or Syncthing), a schema version in every file. Saves are
//! atomic and take a lock, and merge what another chitalka saved meanwhile,
//! mark by mark (the newer edit wins; deletions are kept as tombstones so a
//! merge never brings a deleted mark back). A damaged file is moved aside, a
//! file from a newer schema is read-only, a failed write keeps the marks in
//! memory for another try. A byte order mark before the JSON is skipped; a
//! file that cannot be read (permissions, not a regular file, too large) is
//! left as it is and the marks are read-only, with the real reason.

use crate::core::anchor::Anchor;
use crate::core::notices::{self, Notice};
use crate::core::store::{
    DataError, StoreWarning, about, atomic_write, is_temp_name, move_aside, now, open_lock,
    read_data_file, strip_bom,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The schema version of mark files this chitalka writes.
pub const MARKS_SCHEMA: u32 = 1;

/// What a mark is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MarkKind {
    /// A bookmark, with an optional name.
    Bookmark {
        /// The name given (may be empty).
        name: String,
    },
    /// A note.
    Note {
        /// The note's text.
        text: String,
    },
}

/// A bookmark or a note on a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Bookmark or note.
    #[serde(flatten)]
    pub kind: MarkKind,
    /// Where the passage is.
    pub anchor: Anchor,
    /// When it was made (seconds since the Unix epoch).
    pub created: u64,
    /// When it was last changed.
    pub updated: u64,
    /// Deleted (kept so that a merge does not bring it back).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// All marks of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMarks {
    /// Schema version.
    pub schema: u32,
    /// The article's content id when last saved.
    pub article: String,
    /// Its path when last seen (relative to the library).
    pub path: String,
    /// Its title.
    pub title: String,
    /// The marks, by id (a `BTreeMap` keeps the file's order stable).
    pub marks: BTreeMap<String, Mark>,
}

impl ArticleMarks {
    /// Take in marks saved by someone else: per mark, the newer edit wins.
    pub fn merge(&mut self, other: ArticleMarks) {
        for (id, theirs) in other.marks {
            let newer = self
                .marks
                .get(&id)
                .is_none_or(|ours| ours.updated < theirs.updated);
            if newer {
                self.marks.insert(id, theirs);
            }
        }
    }

    /// The marks that are not deleted.
    pub fn live(&self) -> impl Iterator<Item = (&String, &Mark)> {
        self.marks.iter().filter(|(_, m)| !m.deleted)
    }

    /// Add a mark; returns its id.
    pub fn add(&mut self, kind: MarkKind, anchor: Anchor) -> String {
        let t = now();
        let id = new_id();
        self.marks.insert(
            id.clone(),
            Mark {
                kind,
                anchor,
                created: t,
                updated: t,
                deleted: false,
            },
        );
        id
    }

    /// Bring back a deleted mark; false if there was none.
    pub fn undelete(&mut self, id: &str) -> bool {
        match self.marks.get_mut(id) {
            Some(m) if m.deleted => {
                m.deleted = false;
                m.updated = now().max(m.updated + 1);
                true
            }
            _ => false,
        }
    }

    /// Change what a mark is (rename a bookmark, edit a note); false if
    /// there is no such mark. A mark deleted meanwhile (by another chitalka)
    /// comes back with the new text: what was just typed is never dropped.
    pub fn set_kind(&mut self, id: &str, kind: MarkKind) -> bool {
        let Some(m) = self.marks.get_mut(id) else {
            return false;
        };
        if m.deleted || m.kind != kind {
            m.kind = kind;
            m.deleted = false;
            m.updated = now().max(m.updated + 1);
        }
        true
    }

    /// Delete a mark (a tombstone); false if there was none.
    pub fn delete(&mut self, id: &str) -> bool {
        match self.marks.get_mut(id) {
            Some(m) if !m.deleted => {
                m.deleted = true;
                m.updated = now().max(m.updated + 1);
                true
            }
            _ => false,
        }
    }
}

/// A fresh mark id: time, process and a counter, hashed.
fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!(
        "{nanos}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(seed.as_bytes()))
}

/// Write marks that could not be saved to a rescue file in `dir` (the temp
/// dir): `chitalka-unsaved-<article>-<random>.json`, created exclusively
/// (never through a link planted in a shared folder) and readable by its
/// owner alone (0600: notes are private). Returns its path.
pub fn write_rescue(dir: &Path, article: &str, json: &[u8]) -> io::Result<PathBuf> {
    use std::io::Write;
    // The id is a hex hash; anything else is not put in a file name.
    let article: String = article
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    let prefix = format!("chitalka-unsaved-{article}-");
    let mut file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".json")
        .rand_bytes(8)
        .tempfile_in(dir)?;
    #[cfg(unix)]
    file.as_file()
        .set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    file.write_all(json)?;
    file.as_file().sync_all()?;
    let (_, path) = file.keep().map_err(|e| e.error)?;
    Ok(path)
}

/// Why marks could not be saved.
#[derive(Debug)]
pub enum SaveError {
    /// The file is from a newer chitalka: it is not written.
    ReadOnly,
    /// The disk said no; the marks are still in memory.
    Io(io::Error),
}

/// A failed save, saying which file it is about.
fn io(path: &Path) -> impl Fn(io::Error) -> SaveError + '_ {
    let about = about(path);
    move |e| SaveError::Io(about(e))
}

/// The marks folder of a data dir.
#[derive(Debug, Clone)]
pub struct MarksStore {
    dir: PathBuf,
}

enum Read {
    Missing,
    Ok(ArticleMarks),
    Newer(ArticleMarks, u32),
    Corrupt,
    Failed(String),
}

impl MarksStore {
    /// The store in `data_dir`.
    pub fn new(data_dir: &Path) -> MarksStore {
        MarksStore {
            dir: data_dir.join("marks"),
        }
    }

    /// The file of an article.
    pub fn file(&self, article: &str) -> PathBuf {
        self.dir.join(format!("{article}.json"))
    }

    fn read(path: &Path) -> Read {
        let bytes = match read_data_file(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Read::Missing,
            Err(e) => return Read::Failed(DataError::At(path.to_path_buf(), e).to_string()),
        };
        let bytes = strip_bom(&bytes);
        match serde_json::from_slice::<ArticleMarks>(bytes) {
            Ok(m) if m.schema > MARKS_SCHEMA => {
                let v = m.schema;
                Read::Newer(m, v)
            }
            Ok(m) => Read::Ok(m),
            Err(_) => {
                // A newer schema we cannot parse at all still says its version.
                #[derive(Deserialize)]
                struct V {
                    schema: u32,
                }
                match serde_json::from_slice::<V>(bytes) {
                    Ok(v) if v.schema > MARKS_SCHEMA => {
                        Read::Newer(ArticleMarks::default(), v.schema)
                    }
                    _ => Read::Corrupt,
                }
            }
        }
    }

    /// Load the marks of an article (by content id; else, when the article was
    /// edited, by its last known path). Returns the marks, whether they are
    /// read-only, and anything to tell the person.
    pub fn load(&self, article: &str, path: &str) -> (ArticleMarks, bool, Option<StoreWarning>) {
        let (m, ro, w, _) = self.load_from(article, path);
        (m, ro, w)
    }

    /// [`MarksStore::load`], also saying which file the marks came from: when
    /// it is not the article's own file (the article was edited), pass it to
    /// [`MarksStore::save`] so the old file goes once the new one is safe.
    pub fn load_from(
        &self,
        article: &str,
        path: &str,
    ) -> (ArticleMarks, bool, Option<StoreWarning>, PathBuf) {
        let mut file = self.file(article);
        if !file.exists()
            && let Some(found) = self.find_by_path(path)
        {
            file = found;
        }
        let (m, ro, w) = self.read_file(&file, article, path);
        (m, ro, w, file)
    }

    /// Every marks file (`*.json`) in the folder, sorted by name.
    pub fn files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
    }

    /// Every marks file that parses, with its path, sorted by file name.
    pub fn all(&self) -> Vec<(PathBuf, ArticleMarks)> {
        self.files()
            .into_iter()
            .filter_map(|p| match Self::read(&p) {
                Read::Ok(m) | Read::Newer(m, _) => Some((p, m)),
                _ => None,
            })
            .collect()
    }

    /// Load the marks in `file` as those of the article `article` at `path`.
    pub fn read_file(
        &self,
        file: &Path,
        article: &str,
        path: &str,
    ) -> (ArticleMarks, bool, Option<StoreWarning>) {
        let fresh = ArticleMarks {
            schema: MARKS_SCHEMA,
            article: article.to_string(),
            path: path.to_string(),
            ..ArticleMarks::default()
        };
        match Self::read(file) {
            Read::Missing => (fresh, false, None),
            Read::Ok(mut m) => {
                m.article = article.to_string();
                m.path = path.to_string();
                (m, false, None)
            }
            Read::Newer(m, v) => (m, true, Some(StoreWarning::Newer(v))),
            Read::Failed(e) => (fresh, true, Some(StoreWarning::Io(e))),
            Read::Corrupt => match self.move_aside(file, path) {
                Ok(aside) => (fresh, false, Some(StoreWarning::Corrupt(aside))),
                Err(e) => {
                    let why = DataError::NotMovedAside(file.to_path_buf(), e).to_string();
                    (fresh, true, Some(StoreWarning::Io(why)))
                }
            },
        }
    }

    /// Move the damaged marks file of the article at `path` aside, and leave
    /// a notice for the next start of the TUI.
    fn move_aside(&self, file: &Path, path: &str) -> io::Result<PathBuf> {
        let aside = move_aside(file)?;
        if let Some(data_dir) = self.dir.parent() {
            let _ = notices::record(
                data_dir,
                Notice::MarksMovedAside {
                    article: path.to_string(),
                    moved_to: aside.to_string_lossy().into_owned(),
                },
            );
        }
        Ok(aside)
    }

    /// The file `load` reads for an article: its own, or else (an edited
    /// article) the file whose last known path is `path`. Pass it to `save`
    /// as the old file, so that no second file is left for the same article.
    pub fn source_file(&self, article: &str, path: &str) -> PathBuf {
        let file = self.file(article);
        if file.exists() {
            return file;
        }
        self.find_by_path(path).unwrap_or(file)
    }

    /// Remove temp files a killed writer left behind. Every write to the
    /// marks folder happens under the lock, so a temp file present while we
    /// hold it belongs to a writer that died.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if is_temp_name(&name.to_string_lossy()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// A marks file whose last known path is `path`.
    fn find_by_path(&self, path: &str) -> Option<PathBuf> {
        fs::read_dir(&self.dir)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && matches!(Self::read(p), Read::Ok(m) if m.path == path)
            })
    }

    /// Save an article's marks: under a lock, merged with what is on disk
    /// now, written atomically. The old file of an edited article (another
    /// id) is removed once the new one is safe.
    pub fn save(&self, marks: &mut ArticleMarks, old_file: Option<&Path>) -> Result<(), SaveError> {
        fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let lock_file = self.dir.join(".lock");
        let lock = open_lock(&lock_file).map_err(io(&lock_file))?;
        lock.lock().map_err(SaveError::Io)?;
        self.remove_stale_temp_files();
        let file = self.file(&marks.article);
        match Self::read(&file) {
            Read::Ok(on_disk) => marks.merge(on_disk),
            Read::Newer(..) => return Err(SaveError::ReadOnly),
            Read::Missing => {}
            // Damaged since it was loaded: keep it aside rather than overwrite it.
            Read::Corrupt => {
                self.move_aside(&file, &marks.path).map_err(io(&file))?;
            }
            // Cannot tell what is there: do not write over it.
            Read::Failed(e) => return Err(SaveError::Io(io::Error::other(e))),
        }
        // Other files of the same article (its id before an edit, or one
        // another chitalka still saves under the old id): merged in, under
        // this lock, and removed once the merged file is safe.
        let others: Vec<PathBuf> = self
            .files()
            .into_iter()
            .filter(|f| *f != file)
            .filter_map(|f| match Self::read(&f) {
                Read::Ok(m)
                    if Some(f.as_path()) == old_file
                        || (!marks.path.is_empty() && m.path == marks.path) =>
                {
                    marks.merge(m);
                    Some(f)
                }
                _ => None,
            })
            .collect();
        marks.schema = MARKS_SCHEMA;
        let mut json =
            serde_json::to_vec_pretty(&*marks).map_err(|e| SaveError::Io(io::Error::other(e)))?;
        json.push(b'\n');
        atomic_write(&file, &json).map_err(io(&file))?;
        for old in others {
            let _ = fs::remove_file(old);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
