//! Scan a folder into articles; a file that cannot be read becomes an entry
//! with its reason, never a crash and never a reason to hide the others.

use crate::core::article_file;
use crate::core::document::{Document, reading_minutes};
use crate::core::formats;
use crate::core::guarded;
use crate::core::scan_cache::{Cached, ScanCache, nanos};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::SystemTime;

pub mod error;
pub mod summary;
pub use error::{LoadError, Refusal};

/// A stable id for an article's content: the 128-bit XXH3 hash of its bytes, in hex.
pub fn article_id(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// One readable article of the library.
#[derive(Debug, Clone)]
pub struct Article {
    /// Content hash (see [`article_id`]).
    pub id: String,
    /// Full path of the file.
    pub path: PathBuf,
    /// Path relative to the library folder, with `/` separators.
    pub rel: String,
    /// Title from the document, or the one the person gave it (see
    /// [`crate::core::titles`]).
    pub title: String,
    /// Author, when the document (or the person) names one.
    pub author: Option<String>,
    /// The file's own title and author, when the person gave others (see
    /// [`crate::core::titles::Titles::apply`]).
    pub own: Option<(String, Option<String>)>,
    /// Words in the text.
    pub words: usize,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Encoding the file was read in.
    pub encoding: String,
    /// When the file last changed.
    pub modified: Option<SystemTime>,
}

impl Article {
    /// The person gave its title or author.
    pub fn retitled(&self) -> bool {
        self.own.is_some()
    }

    /// Estimated reading time in minutes.
    pub fn minutes(&self) -> usize {
        reading_minutes(self.words)
    }
}

/// A file that looked like an article but could not be read (or a
/// sub-folder that could not be looked into).
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// Full path of the file.
    pub path: PathBuf,
    /// Path relative to the library folder.
    pub rel: String,
    /// Why it could not be read.
    pub reason: LoadError,
}

/// The articles found in a folder.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The folder scanned.
    pub root: PathBuf,
    /// Readable articles, sorted by relative path.
    pub articles: Vec<Article>,
    /// Files that could not be read, sorted by relative path.
    pub unreadable: Vec<Unreadable>,
}

impl Library {
    /// The article with content id `id`, else the one at `rel` (an article
    /// edited since keeps its path, a moved one its id).
    pub fn find(&self, id: &str, rel: &str) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| a.id == id)
            .or_else(|| self.articles.iter().find(|a| a.rel == rel))
    }
}

/// A file in the library folder listing paths (relative, one per line, `#`
/// comments) that are not articles, such as a licence or sources note.
pub const IGNORE_FILE: &str = ".chitalkaignore";

/// The most of [`IGNORE_FILE`] that is read.
const IGNORE_FILE_MAX: u64 = 1024 * 1024;

fn ignored(root: &Path) -> Vec<String> {
    // Read as an article is: a pipe or a device in its place is not waited on.
    article_file::read(&root.join(IGNORE_FILE), IGNORE_FILE_MAX)
        .map(|b| {
            String::from_utf8_lossy(&b)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.trim_start_matches("./").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// How deep to descend into sub-folders.
const MAX_DEPTH: usize = 16;

/// Read one file (a regular file, within the size limit: see
/// [`article_file`]) and parse it; a panic in the parser is caught and is
/// this file's failure. With its id.
pub fn load(path: &Path) -> Result<(String, Document), LoadError> {
    load_telling_id(path, &mut |_| {})
}

/// [`load`], telling the id as soon as the bytes are read (before the
/// parse, which may take seconds for a long book).
pub fn load_telling_id(
    path: &Path,
    tell: &mut dyn FnMut(&str),
) -> Result<(String, Document), LoadError> {
    let bytes = article_file::read(path, article_file::max_file_bytes())?;
    let id = article_id(&bytes);
    tell(&id);
    // The bytes go to the parser, which drops them once they are text.
    let parsed = guarded::run(move || {
        guarded::test_panic("parse", path.file_name());
        formats::parse_owned(path, bytes)
    });
    let mut doc = match parsed {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(Refusal::Parse(e).into()),
        Err(panic) => return Err(Refusal::Crashed(panic).into()),
    };
    if doc.title.is_empty() {
        doc.title = file_stem(path);
    }
    Ok((id, doc))
}

/// The content id of the article file at `path` (read whole, not parsed).
pub fn load_id(path: &Path) -> Result<String, LoadError> {
    let bytes = article_file::read(path, article_file::max_file_bytes())?;
    Ok(article_id(&bytes))
}

/// [`formats::parse`], a panic in it caught and made the file's failure.
pub fn parse_guarded(path: &Path, bytes: &[u8]) -> Result<Document, Refusal> {
    let parsed = guarded::run(|| {
        guarded::test_panic("parse", path.file_name());
        formats::parse(path, bytes)
    });
    match parsed {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(Refusal::Parse(e)),
        Err(panic) => Err(Refusal::Crashed(panic)),
    }
}

/// A sub-folder that could not be read, and why.
type BadDir = (PathBuf, std::io::Error);

/// An article file: its relative path (`/`-separated) and its full path.
type Found = (String, PathBuf);

/// The article files under `root` (sorted by relative path, ignore file
/// applied), and the sub-folders that could not be read with why.
fn article_files(root: &Path) -> std::io::Result<(Vec<Found>, Vec<BadDir>)> {
    let mut files = Vec::new();
    let mut bad_dirs = Vec::new();
    collect(root, "", 0, &mut files, &mut bad_dirs)?;
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let skip = ignored(root);
    if !skip.is_empty() {
        files.retain(|(rel, _)| !skip.contains(rel));
    }
    Ok((files, bad_dirs))
}

/// The content id and relative path of every article file under `root`,
/// from the bytes alone (nothing is parsed): enough to spot duplicates.
/// Files over the size limit, and anything not a regular file, are left
/// out (nothing added can be one of them).
pub fn content_ids(root: &Path) -> std::io::Result<Vec<(String, String)>> {
    let (files, _) = article_files(root)?;
    let limit = article_file::max_file_bytes();
    Ok(files
        .into_iter()
        .filter_map(|(rel, p)| {
            article_file::read(&p, limit)
                .ok()
                .map(|b| (article_id(&b), rel))
        })
        .collect())
}

/// Scan `root` recursively for articles. Hidden files and folders are skipped;
/// symbolic links to folders are not followed.
pub fn scan(root: &Path) -> std::io::Result<Library> {
    scan_cached(root, None)
}

/// [`scan`], parsing only the files that changed since the scan that filled
/// `cache` (see [`crate::core::scan_cache`]).
pub fn scan_cached(root: &Path, cache: Option<ScanCache>) -> std::io::Result<Library> {
    Ok(PendingScan::start(root, cache)?.finish(&mut |_, _| {}))
}

/// A file still to be parsed: its path, relative path, size and time.
type Todo = (PathBuf, String, u64, Option<SystemTime>);

/// A scan in two steps: [`PendingScan::start`] walks the folder and takes
/// what the cache knows (quick), [`PendingScan::finish`] parses the rest
/// (slow on a large new library: the app runs it in the background).
#[derive(Debug)]
pub struct PendingScan {
    lib: Library,
    todo: Vec<Todo>,
    cache: Option<ScanCache>,
}

impl PendingScan {
    /// Walk `root`: the articles the cache knows, and the files to parse.
    /// What is not a regular file, or is over the size limit, is refused
    /// here from its metadata (never read); a file that failed to parse
    /// before and has not changed since is refused with its old reason.
    pub fn start(root: &Path, mut cache: Option<ScanCache>) -> std::io::Result<PendingScan> {
        let (files, bad_dirs) = article_files(root)?;
        let mut lib = Library {
            root: root.to_path_buf(),
            ..Library::default()
        };
        let limit = article_file::max_file_bytes();
        let mut todo = Vec::new();
        for (rel, path) in files {
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    let reason = article_file::ReadError::Io(e).into();
                    lib.unreadable.push(Unreadable { path, rel, reason });
                    continue;
                }
            };
            if let Err(e) = article_file::check(&meta, limit) {
                let reason = e.into();
                lib.unreadable.push(Unreadable { path, rel, reason });
                continue;
            }
            let bytes = meta.len();
            let modified = meta.modified().ok();
            let Some(cache) = cache.as_mut() else {
                todo.push((path, rel, bytes, modified));
                continue;
            };
            if let Some(refusal) = cache.get_failed(&rel, bytes, nanos(modified)) {
                let reason = refusal.into();
                lib.unreadable.push(Unreadable { path, rel, reason });
                continue;
            }
            match cache.get(&rel, bytes, nanos(modified)) {
                Some(c) => lib.articles.push(Article {
                    id: c.id,
                    rel,
                    title: c.title,
                    author: c.author,
                    own: None,
                    words: c.words,
                    bytes,
                    encoding: c.encoding,
                    modified,
                    path,
                }),
                None => todo.push((path, rel, bytes, modified)),
            }
        }
        for (path, e) in bad_dirs {
            let rel = relative(root, &path);
            let reason = LoadError::Folder(Arc::new(e));
            lib.unreadable.push(Unreadable { path, rel, reason });
        }
        Ok(PendingScan { lib, todo, cache })
    }

    /// Files still to parse.
    pub fn todo(&self) -> usize {
        self.todo.len()
    }

    /// What is known already (the cached articles).
    pub fn partial(&self) -> &Library {
        &self.lib
    }

    /// Parse the rest; `progress(done, total)` after each file. A file the
    /// parser refuses or fails on (a panic is caught) is listed with why, and
    /// remembered in the cache so that it is not parsed again until it changes.
    pub fn finish(mut self, progress: &mut dyn FnMut(usize, usize)) -> Library {
        let todo = std::mem::take(&mut self.todo);
        let results = summarize_all(&todo, progress);
        for ((path, rel, bytes, modified), loaded) in todo.into_iter().zip(results) {
            match loaded {
                Ok(c) => {
                    self.lib.articles.push(Article {
                        id: c.id.clone(),
                        rel: rel.clone(),
                        title: c.title.clone(),
                        author: c.author.clone(),
                        own: None,
                        words: c.words,
                        bytes,
                        encoding: c.encoding.clone(),
                        modified,
                        path,
                    });
                    if let Some(cache) = self.cache.as_mut() {
                        cache.put(&rel, c);
                    }
                }
                Err(reason) => {
                    if let (Some(cache), Some(refusal)) = (self.cache.as_mut(), reason.lasting()) {
                        cache.put_failed(&rel, bytes, nanos(modified), refusal);
                    }
                    self.lib.unreadable.push(Unreadable { path, rel, reason });
                }
            }
        }
        if let Some(c) = self.cache {
            c.save();
        }
        self.lib.articles.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.lib.unreadable.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.lib
    }
}

/// The most threads a scan reads files in.
const MAX_SCAN_THREADS: usize = 8;

/// Stack of a scan thread: a deep document must not need more there than
/// in the foreground (as the app's background jobs).
const SCAN_STACK: usize = 16 * 1024 * 1024;

/// Read and summarize every file of `todo` (see [`summary`]), in as many
/// threads as there are cores (at most [`MAX_SCAN_THREADS`]); the results
/// in `todo`'s order, `progress(done, total)` after each file.
fn summarize_all(
    todo: &[Todo],
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<Result<Cached, LoadError>> {
    let total = todo.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, MAX_SCAN_THREADS)
        .min(total);
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<Result<Cached, LoadError>>> = (0..total).map(|_| None).collect();
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            // A thread that cannot be started leaves its share to the others
            // (or, with none, to this thread below).
            let _ = std::thread::Builder::new()
                .name("scan".into())
                .stack_size(SCAN_STACK)
                .spawn_scoped(s, move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(t) = todo.get(i) else { break };
                        if tx.send((i, summarize_file(t))).is_err() {
                            break;
                        }
                    }
                });
        }
        drop(tx);
        for (done, (i, r)) in rx.iter().enumerate() {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(r);
            }
            progress(done + 1, total);
        }
    });
    out.into_iter()
        .zip(todo)
        .map(|(r, t)| r.unwrap_or_else(|| summarize_file(t)))
        .collect()
}

/// Read one file and summarize it; a panic is caught and is the file's failure.
fn summarize_file((path, _, size, modified): &Todo) -> Result<Cached, LoadError> {
    guarded::run(|| {
        let bytes = article_file::read(path, article_file::max_file_bytes())?;
        let s = summary::summarize(path, &bytes)?;
        Ok(Cached {
            size: *size,
            mtime: nanos(*modified),
            id: article_id(&bytes),
            title: s.title,
            author: s.author,
            words: s.words,
            encoding: s.encoding,
        })
    })
    .unwrap_or_else(|panic| Err(Refusal::Crashed(panic).into()))
}

/// Gather the article files of `dir` (whose path relative to the library
/// is `rel`, "" for the library itself) and of its sub-folders.
fn collect(
    dir: &Path,
    rel: &str,
    depth: usize,
    out: &mut Vec<Found>,
    bad: &mut Vec<BadDir>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        let child = if rel.is_empty() {
            name_str.into_owned()
        } else {
            format!("{rel}/{name_str}")
        };
        if ft.is_dir() {
            if depth < MAX_DEPTH {
                // An unreadable sub-folder does not stop the scan; it is reported.
                if let Err(e) = collect(&path, &child, depth + 1, out, bad) {
                    bad.push((path, e));
                }
            }
        } else if formats::is_listed(&path) {
            // Whatever it is (a link, a pipe, a device named like an
            // article), it is listed: the scan says why it is not read.
            out.push((child, path));
        }
    }
    Ok(())
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A title made of a file's name, for a file that names none: the name
/// without its extension, `_` and `-` made spaces, the first letter a
/// capital ("dostoevsky_besy.txt" is "Dostoevsky besy").
pub fn file_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let zipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    // `book.fb2.zip`: the book's name is `book`.
    let stem = match stem.len().checked_sub(4) {
        Some(cut)
            if zipped
                && cut > 0
                && stem.is_char_boundary(cut)
                && stem[cut..].eq_ignore_ascii_case(".fb2") =>
        {
            stem[..cut].to_string()
        }
        _ => stem,
    };
    let words = stem
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => stem,
    }
}

#[cfg(test)]
mod tests;
