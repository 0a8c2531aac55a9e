//! Titles and authors the person gave articles (`chitalka retitle`, the
//! info panel): one file in the data dir, [`TITLES_FILE`], by content id.
//!
//! An entry is found by the article's content id (so it follows the file
//! when it is renamed or moved), else, when the text was edited (a new
//! id), by the path it was last set at. What the person set wins over what
//! the file says, everywhere: the library scan is given it
//! ([`Titles::apply`]) and the reader's document too ([`Titles::apply_doc`]).
//! The file is written atomically under a lock, the one change merged into
//! what is on disk; a damaged file or one of a newer chitalka is reported
//! and never written over.

use crate::core::data_file::{
    DataError, about, atomic_write, now, open_lock, read_data_file, strip_bom,
};
use crate::core::document::Document;
use crate::core::library::Library;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// Name of the titles file in the data dir.
pub const TITLES_FILE: &str = "titles.json";

/// Its lock file (two chitalkas setting titles at once lose nothing).
const LOCK_FILE: &str = "titles.lock";

/// The schema version this chitalka writes.
pub const TITLES_SCHEMA: u32 = 1;

/// What the person set for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserTitle {
    /// The title, when the person gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The author, when the person gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The article's path when it was set (relative to the library when
    /// inside it): finds it again after its text is edited.
    pub path: String,
    /// When it was set, seconds since the Unix epoch.
    pub set: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct TitlesFile {
    schema: u32,
    #[serde(default)]
    articles: BTreeMap<String, UserTitle>,
}

/// Why the titles file cannot be used or written.
#[derive(Debug)]
pub enum TitlesProblem {
    /// Not valid JSON (or not titles): it is left as it is, never written over.
    Damaged(PathBuf),
    /// Written by a newer chitalka (its schema): read, never written.
    Newer(u32),
    /// It could not be read (or written).
    Io(io::Error),
}

impl std::error::Error for TitlesProblem {}

/// What the person changes for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Retitle {
    /// A new title (`Some("")` goes back to the file's own).
    pub title: Option<String>,
    /// A new author (`Some("")` goes back to the file's own).
    pub author: Option<String>,
    /// Forget both first.
    pub clear: bool,
}

/// The titles the person set, as read from the data dir.
#[derive(Debug)]
pub struct Titles {
    path: PathBuf,
    /// By content id.
    pub articles: BTreeMap<String, UserTitle>,
    problem: Option<TitlesProblem>,
    /// The file's size and time of change when it was read (None: none).
    seen: Option<(u64, std::time::SystemTime)>,
}

/// The size and time of change of the file at `path`, if there is one.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

enum Parsed {
    Ok(BTreeMap<String, UserTitle>),
    Newer(u32, BTreeMap<String, UserTitle>),
    Damaged,
}

fn parse(bytes: &[u8]) -> Parsed {
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: u32,
    }
    let bytes = strip_bom(bytes);
    match serde_json::from_slice::<SchemaOnly>(bytes) {
        Ok(s) if s.schema > TITLES_SCHEMA => Parsed::Newer(
            s.schema,
            serde_json::from_slice::<TitlesFile>(bytes)
                .map(|f| f.articles)
                .unwrap_or_default(),
        ),
        Ok(_) => serde_json::from_slice::<TitlesFile>(bytes)
            .map_or(Parsed::Damaged, |f| Parsed::Ok(f.articles)),
        Err(_) => Parsed::Damaged,
    }
}

/// Read the file at `path`: what it holds (nothing when there is none).
fn read(
    path: &Path,
) -> Result<BTreeMap<String, UserTitle>, (TitlesProblem, BTreeMap<String, UserTitle>)> {
    let bytes = match read_data_file(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            let e = io::Error::new(e.kind(), DataError::At(path.to_path_buf(), e));
            return Err((TitlesProblem::Io(e), BTreeMap::new()));
        }
    };
    match parse(&bytes) {
        Parsed::Ok(a) => Ok(a),
        Parsed::Newer(v, a) => Err((TitlesProblem::Newer(v), a)),
        Parsed::Damaged => Err((TitlesProblem::Damaged(path.to_path_buf()), BTreeMap::new())),
    }
}

impl Titles {
    /// Read the titles of `data_dir`. A file that cannot be used is kept
    /// as it is: [`Titles::problem`] says why (what a newer chitalka wrote
    /// is still read).
    pub fn open(data_dir: &Path) -> Titles {
        let path = data_dir.join(TITLES_FILE);
        let seen = stamp(&path);
        let (articles, problem) = match read(&path) {
            Ok(a) => (a, None),
            Err((p, a)) => (a, Some(p)),
        };
        Titles {
            path,
            articles,
            problem,
            seen,
        }
    }

    /// Read the file again if it changed since it was read (another
    /// chitalka, `chitalka retitle` in another terminal): true if it did.
    pub fn reload_if_changed(&mut self) -> bool {
        let now = stamp(&self.path);
        if now == self.seen {
            return false;
        }
        let dir = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        *self = Titles::open(&dir);
        true
    }

    /// Why the file could not be used, if it could not.
    pub fn problem(&self) -> Option<&TitlesProblem> {
        self.problem.as_ref()
    }

    /// What the person set for the article with content id `id` at `rel`:
    /// by id, else (its text edited since) the newest entry set at `rel`.
    pub fn find(&self, id: &str, rel: &str) -> Option<&UserTitle> {
        self.find_among(id, rel, &|_| false)
    }

    fn find_among(
        &self,
        id: &str,
        rel: &str,
        present: &dyn Fn(&str) -> bool,
    ) -> Option<&UserTitle> {
        self.articles.get(id).or_else(|| {
            self.articles
                .iter()
                .filter(|(k, t)| t.path == rel && !present(k))
                .map(|(_, t)| t)
                .max_by_key(|t| t.set)
        })
    }

    /// Put what the person set over the titles and authors of `lib`'s
    /// articles (an entry whose own article is in `lib` is not taken by
    /// another at its old path). Applied again after a change, it starts
    /// from the files' own titles.
    pub fn apply(&self, lib: &mut Library) {
        let ids: std::collections::HashSet<String> =
            lib.articles.iter().map(|a| a.id.clone()).collect();
        for a in &mut lib.articles {
            if let Some((title, author)) = a.own.take() {
                a.title = title;
                a.author = author;
            }
            if let Some(t) = self.find_among(&a.id, &a.rel, &|k| ids.contains(k)) {
                a.own = Some((a.title.clone(), a.author.clone()));
                if let Some(title) = &t.title {
                    a.title.clone_from(title);
                }
                if let Some(author) = &t.author {
                    a.author = Some(author.clone());
                }
            }
        }
    }

    /// Put what the person set for the article `id` at `rel` over `doc`'s
    /// title and author; true when there was something.
    pub fn apply_doc(&self, id: &str, rel: &str, doc: &mut Document) -> bool {
        let Some(t) = self.find(id, rel) else {
            return false;
        };
        if let Some(title) = &t.title {
            doc.title.clone_from(title);
        }
        if let Some(author) = &t.author {
            doc.meta.author = Some(author.clone());
        }
        true
    }

    /// Change what the person set for the article `id` at `rel` and save:
    /// under the lock, the file is read again and only this article's
    /// entry changed (an entry at the same path for an older text of it
    /// goes). A damaged file or a newer one is not written over: the error
    /// says so, and nothing changes.
    pub fn set(&mut self, id: &str, rel: &str, change: &Retitle) -> Result<(), TitlesProblem> {
        let dir = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| TitlesProblem::Io(about(&dir)(e)))?;
        let lock_file = dir.join(LOCK_FILE);
        let lock = open_lock(&lock_file).map_err(|e| TitlesProblem::Io(about(&lock_file)(e)))?;
        lock.lock().map_err(TitlesProblem::Io)?;
        let mut articles = read(&self.path).map_err(|(p, _)| p)?;
        let old = articles
            .get(id)
            .cloned()
            .or_else(|| self.find(id, rel).cloned())
            .filter(|_| !change.clear)
            .unwrap_or_default();
        let pick = |new: &Option<String>, old: Option<String>| match new {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(one_line(v)),
            None => old,
        };
        let entry = UserTitle {
            title: pick(&change.title, old.title),
            author: pick(&change.author, old.author),
            path: rel.to_string(),
            set: now(),
        };
        articles.retain(|k, t| k == id || t.path != rel);
        if entry.title.is_none() && entry.author.is_none() {
            articles.remove(id);
        } else {
            articles.insert(id.to_string(), entry);
        }
        let file = TitlesFile {
            schema: TITLES_SCHEMA,
            articles,
        };
        let mut json =
            serde_json::to_vec_pretty(&file).map_err(|e| TitlesProblem::Io(io::Error::other(e)))?;
        json.push(b'\n');
        atomic_write(&self.path, &json).map_err(|e| TitlesProblem::Io(about(&self.path)(e)))?;
        drop(lock);
        self.articles = file.articles;
        self.problem = None;
        self.seen = stamp(&self.path);
        Ok(())
    }
}

/// A title as given, on one line: control characters (an escape sequence,
/// a line break) made spaces, runs of spaces one, trimmed.
fn one_line(v: &str) -> String {
    v.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hits named by their article's title as `lib` has it (the one the
/// person gave, when they gave one: the index keeps the file's own).
pub fn retitle_hits(lib: &Library, hits: &mut [crate::core::index::LibraryHit]) {
    for h in hits {
        if let Some(a) = lib
            .articles
            .iter()
            .find(|a| a.retitled() && a.rel == h.path)
        {
            h.title.clone_from(&a.title);
        }
    }
}

#[cfg(test)]
mod tests;
