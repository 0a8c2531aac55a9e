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
    StoreWarning, about, atomic_write, is_temp_name, move_aside, now, open_lock, read_data_file,
    strip_bom,
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

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ReadOnly => f.write_str(crate::messages::MARKS_READ_ONLY),
            SaveError::Io(e) => write!(f, "{}", crate::messages::err_marks_save(e)),
        }
    }
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
            Err(e) => return Read::Failed(crate::messages::file_error(path, &e)),
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
                    let why = crate::messages::err_damaged_not_moved(file, &e);
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
mod tests {
    use super::*;
    use crate::core::document::Pos;
    use crate::core::formats::text::parse_str;

    fn anchor() -> Anchor {
        let d = parse_str("Заголовок\n\nТекст статьи про сотрудничество.\n");
        Anchor::new(&d, Pos::new(1, 0), Pos::new(1, "Текст статьи".len()))
    }

    #[test]
    fn round_trip_and_merge_of_two_instances() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, ro, w) = store.load("art1", "a.txt");
        assert!(!ro && w.is_none());
        let (mut b, _, _) = store.load("art1", "a.txt");
        a.add(
            MarkKind::Note {
                text: "Моя заметка".into(),
            },
            anchor(),
        );
        b.add(
            MarkKind::Bookmark {
                name: "закладка".into(),
            },
            anchor(),
        );
        store.save(&mut a, None).expect("save a");
        store.save(&mut b, None).expect("save b");
        let (c, _, _) = store.load("art1", "a.txt");
        assert_eq!(
            c.live().count(),
            2,
            "neither instance lost the other's mark"
        );
        let text = fs::read_to_string(store.file("art1")).expect("file");
        assert!(text.contains("\"schema\": 1") && text.contains("Моя заметка"));
    }

    #[test]
    fn deletion_is_not_undone_by_a_merge() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, _, _) = store.load("x", "x.txt");
        let id = a.add(
            MarkKind::Note {
                text: "удалить".into(),
            },
            anchor(),
        );
        store.save(&mut a, None).expect("save");
        let (mut stale, _, _) = store.load("x", "x.txt");
        assert!(a.delete(&id));
        store.save(&mut a, None).expect("save delete");
        store.save(&mut stale, None).expect("save stale copy");
        let (c, _, _) = store.load("x", "x.txt");
        assert_eq!(c.live().count(), 0);
    }

    #[test]
    fn corrupt_newer_and_failed_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        fs::create_dir_all(dir.path().join("marks")).expect("mkdir");
        fs::write(store.file("bad"), "{ not json").expect("write");
        let (m, ro, w) = store.load("bad", "bad.txt");
        assert!(!ro && m.marks.is_empty());
        let Some(StoreWarning::Corrupt(aside)) = w else {
            panic!("expected corrupt, got {w:?}")
        };
        assert_eq!(fs::read_to_string(aside).expect("aside"), "{ not json");

        let future = r#"{"schema": 7, "article": "new", "path": "n.txt", "title": "", "marks": {}, "wow": 1}"#;
        fs::write(store.file("new"), future).expect("write");
        let (mut m, ro, w) = store.load("new", "n.txt");
        assert!(ro);
        assert_eq!(w, Some(StoreWarning::Newer(7)));
        m.add(
            MarkKind::Bookmark {
                name: String::new(),
            },
            anchor(),
        );
        assert!(matches!(store.save(&mut m, None), Err(SaveError::ReadOnly)));
        assert_eq!(fs::read_to_string(store.file("new")).expect("kept"), future);

        // A write that fails (a folder where the file should go) keeps the marks in memory.
        fs::create_dir_all(store.file("blocked")).expect("mkdir in the way");
        let (mut m, _, _) = store.load("blocked", "b.txt");
        m.add(
            MarkKind::Note {
                text: "не потерять".into(),
            },
            anchor(),
        );
        assert!(matches!(store.save(&mut m, None), Err(SaveError::Io(_))));
        assert_eq!(m.live().count(), 1);
    }

    #[test]
    fn a_save_removes_temp_files_of_dead_writers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let marks_dir = dir.path().join("marks");
        fs::create_dir_all(&marks_dir).expect("mkdir");
        // What a writer killed between creating its temp file and the rename
        // leaves: named as this version names them, and as older ones did.
        let stale = [
            ".abc.json.tmp-Zq3xK9mP2wL7",
            ".abc.json.tmp-12345",
            ".other.json.tmp-7",
        ];
        for name in stale {
            fs::write(marks_dir.join(name), "{ half").expect("write");
        }
        // Not ours: left alone.
        let keep = [".syncthing.abc.json.tmp", "notes.tmp-1", ".x.tmp-12a"];
        for name in keep {
            fs::write(marks_dir.join(name), "x").expect("write");
        }
        let (mut a, _, _) = store.load("abc", "a.txt");
        a.add(
            MarkKind::Note {
                text: "заметка".into(),
            },
            anchor(),
        );
        store.save(&mut a, None).expect("save");
        for name in stale {
            assert!(!marks_dir.join(name).exists(), "{name} was not removed");
        }
        for name in keep {
            assert!(marks_dir.join(name).exists(), "{name} was removed");
        }
        assert!(store.file("abc").exists() && marks_dir.join(".lock").exists());
    }

    #[test]
    fn a_file_damaged_after_loading_is_kept_aside_by_the_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, _, _) = store.load("d", "d.txt");
        a.add(
            MarkKind::Note {
                text: "заметка".into(),
            },
            anchor(),
        );
        fs::create_dir_all(dir.path().join("marks")).expect("mkdir");
        fs::write(store.file("d"), "{ damaged").expect("write");
        store.save(&mut a, None).expect("save");
        let aside: Vec<_> = fs::read_dir(dir.path().join("marks"))
            .expect("ls")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(fs::read(aside[0].path()).expect("read"), b"{ damaged");
        assert_eq!(store.load("d", "d.txt").0.live().count(), 1);
    }

    #[test]
    fn an_edited_article_finds_its_marks_by_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, _, _) = store.load("old-id", "статья.txt");
        a.add(
            MarkKind::Note {
                text: "заметка".into(),
            },
            anchor(),
        );
        store.save(&mut a, None).expect("save");
        let old_file = store.file("old-id");
        assert_eq!(store.source_file("new-id", "статья.txt"), old_file);
        // The article changed: a new content id, the same path.
        let (mut b, _, _) = store.load("new-id", "статья.txt");
        assert_eq!(b.live().count(), 1);
        store
            .save(&mut b, Some(&old_file))
            .expect("save under the new id");
        assert!(store.file("new-id").exists() && !old_file.exists());
    }

    #[test]
    fn an_instance_still_on_the_old_id_does_not_split_the_notes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let note = |t: &str| MarkKind::Note { text: t.into() };
        let (mut first, _, _) = store.load("old-id", "a.txt");
        first.add(note("первая"), anchor());
        store.save(&mut first, None).expect("save");
        // B opened the article before it was edited; A after.
        let (mut b, _, _) = store.load("old-id", "a.txt");
        let (mut a, _, _, from) = store.load_from("new-id", "a.txt");
        a.add(note("из A"), anchor());
        store
            .save(&mut a, Some(&from))
            .expect("A moves them to the new id");
        b.add(note("из B"), anchor());
        store.save(&mut b, None).expect("B saves under the old id");
        // One file holds all three, whichever id it is under.
        let files = store.files();
        assert_eq!(files.len(), 1, "{files:?}");
        let (c, _, _) = store.load("new-id", "a.txt");
        let mut texts: Vec<String> = c
            .live()
            .map(|(_, m)| match &m.kind {
                MarkKind::Note { text } => text.clone(),
                MarkKind::Bookmark { name } => name.clone(),
            })
            .collect();
        texts.sort();
        assert_eq!(texts, ["из A", "из B", "первая"]);
    }

    #[test]
    fn editing_a_note_deleted_elsewhere_brings_it_back_with_the_new_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, _, _) = store.load("x", "x.txt");
        let id = a.add(
            MarkKind::Note {
                text: "старое".into(),
            },
            anchor(),
        );
        store.save(&mut a, None).expect("save");
        let (mut other, _, _) = store.load("x", "x.txt");
        assert!(other.delete(&id));
        store.save(&mut other, None).expect("deleted elsewhere");
        let (mut b, _, _) = store.load("x", "x.txt");
        assert!(b.set_kind(
            &id,
            MarkKind::Note {
                text: "новое".into()
            }
        ));
        store.save(&mut b, None).expect("save");
        let (c, _, _) = store.load("x", "x.txt");
        let live: Vec<&Mark> = c.live().map(|(_, m)| m).collect();
        assert_eq!(live.len(), 1);
        assert_eq!(
            live[0].kind,
            MarkKind::Note {
                text: "новое".into()
            }
        );
        assert!(!b.set_kind("no-such-id", MarkKind::Note { text: "x".into() }));
    }

    fn note(t: &str) -> MarkKind {
        MarkKind::Note { text: t.into() }
    }

    #[test]
    fn a_byte_order_mark_is_read_not_taken_for_damage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, _, _) = store.load("bom", "b.txt");
        a.add(note("с меткой"), anchor());
        store.save(&mut a, None).expect("save");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(fs::read(store.file("bom")).expect("read"));
        fs::write(store.file("bom"), &bytes).expect("write");
        let (mut m, ro, w) = store.load("bom", "b.txt");
        assert!(!ro && w.is_none(), "{w:?}");
        assert_eq!(m.live().count(), 1);
        assert_eq!(store.all().len(), 1, "listed too");
        m.add(note("вторая"), anchor());
        store.save(&mut m, None).expect("save merges it");
        assert_eq!(store.load("bom", "b.txt").0.live().count(), 2);
        assert!(notices::take(dir.path()).is_empty(), "nothing moved aside");
    }

    #[test]
    fn damaged_in_every_way_is_moved_aside_with_a_notice() {
        let cases: [(&str, &[u8]); 6] = [
            ("truncated", b"{\n  \"schema\": 1,\n  \"article\": \"1c2c"),
            ("garbage", b"\x00\xff\xfe garbage \x1b[2J"),
            ("empty", b""),
            ("marks a number", br#"{"schema": 1, "article": "a", "path": "p", "title": "", "marks": 5}"#),
            ("a mark of the wrong shape", br#"{"schema": 1, "article": "a", "path": "p", "title": "", "marks": {"x": {"type": "note"}}}"#),
            ("invalid UTF-8", b"{\"schema\": 1, \"article\": \"\xff\"}"),
        ];
        for (what, bytes) in cases {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = MarksStore::new(dir.path());
            fs::create_dir_all(dir.path().join("marks")).expect("mkdir");
            fs::write(store.file("a"), bytes).expect("write");
            let (mut m, ro, w) = store.load("a", "статья.txt");
            assert!(!ro, "{what}");
            let Some(StoreWarning::Corrupt(aside)) = w else {
                panic!("{what}: expected corrupt, got {w:?}")
            };
            assert_eq!(fs::read(&aside).expect("aside"), bytes, "{what}");
            assert_eq!(
                notices::take(dir.path()),
                vec![Notice::MarksMovedAside {
                    article: "статья.txt".into(),
                    moved_to: aside.to_string_lossy().into_owned(),
                }],
                "{what}"
            );
            m.add(note("свежая"), anchor());
            store.save(&mut m, None).expect("a fresh file");
            assert_eq!(store.load("a", "статья.txt").0.live().count(), 1, "{what}");
        }
    }

    #[test]
    fn a_file_that_cannot_be_read_is_read_only_with_the_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        // A folder where the file is: reading fails (as a permission would).
        fs::create_dir_all(store.file("d")).expect("mkdir");
        let (mut m, ro, w) = store.load("d", "d.txt");
        assert!(ro);
        let Some(StoreWarning::Io(why)) = &w else {
            panic!("expected an I/O warning, got {w:?}")
        };
        assert!(why.contains("d.json"), "names the file: {why}");
        m.add(note("x"), anchor());
        assert!(matches!(store.save(&mut m, None), Err(SaveError::Io(_))));
        assert!(store.file("d").is_dir(), "left as it was");
        // A FIFO would block a read for ever: refused at once.
        let fifo = store.file("f");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let (_, ro, w) = store.load("f", "f.txt");
            assert!(ro && matches!(w, Some(StoreWarning::Io(_))), "{w:?}");
            assert!(store.all().is_empty());
        }
    }

    #[test]
    fn an_edit_wins_over_a_stamp_from_the_future() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MarksStore::new(dir.path());
        let (mut a, _, _) = store.load("f", "f.txt");
        let id = a.add(note("с чужими часами"), anchor());
        // Saved by a machine whose clock was ten years ahead.
        let future = now() + 10 * 365 * 24 * 3600;
        if let Some(m) = a.marks.get_mut(&id) {
            m.updated = future;
        }
        store.save(&mut a, None).expect("save");
        let (mut b, _, _) = store.load("f", "f.txt");
        assert!(b.set_kind(&id, note("исправлено")));
        store.save(&mut b, None).expect("save");
        let (c, _, _) = store.load("f", "f.txt");
        assert_eq!(c.marks[&id].kind, note("исправлено"));
        let (mut d, _, _) = store.load("f", "f.txt");
        assert!(d.delete(&id));
        store.save(&mut d, None).expect("save");
        assert_eq!(store.load("f", "f.txt").0.live().count(), 0);
    }

    #[test]
    fn a_marks_folder_linked_elsewhere_is_followed_a_dangling_one_fails() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let synced = dir.path().join("synced-marks");
        fs::create_dir_all(&data).expect("mkdir");
        fs::create_dir_all(&synced).expect("mkdir");
        // The person's own link (only they can make one in their data dir).
        std::os::unix::fs::symlink(&synced, data.join("marks")).expect("symlink");
        let store = MarksStore::new(&data);
        let (mut m, _, _) = store.load("s", "s.txt");
        m.add(note("синхронно"), anchor());
        store.save(&mut m, None).expect("save");
        assert!(synced.join("s.json").is_file());
        // Pointing nowhere: the save fails (the marks stay in memory).
        let gone = MarksStore::new(&dir.path().join("data2"));
        fs::create_dir_all(dir.path().join("data2")).expect("mkdir");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("data2/marks"))
            .expect("symlink");
        let (mut m, _, _) = gone.load("s", "s.txt");
        m.add(note("не потерять"), anchor());
        assert!(matches!(gone.save(&mut m, None), Err(SaveError::Io(_))));
        assert_eq!(m.live().count(), 1);
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn a_rescue_file_is_private_new_and_complete() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let a = write_rescue(dir.path(), "0123abcd", b"{\"a\": 1}").expect("rescue");
        let b = write_rescue(dir.path(), "0123abcd", b"{\"b\": 2}").expect("rescue");
        assert_ne!(a, b, "never the same file twice");
        assert_eq!(fs::read(&a).expect("read"), b"{\"a\": 1}");
        assert_eq!(fs::read(&b).expect("read"), b"{\"b\": 2}");
        let mode = fs::metadata(&a).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let name = a.file_name().expect("name").to_string_lossy().into_owned();
        assert!(name.starts_with("chitalka-unsaved-0123abcd-") && name.ends_with(".json"));
        // Whatever the id, the file stays in `dir`.
        let c = write_rescue(dir.path(), "../../etc/x", b"{}").expect("rescue");
        assert_eq!(c.parent(), Some(dir.path()));
    }
}
