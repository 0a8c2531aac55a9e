//! Scan a folder into articles; a file that cannot be read becomes an entry
//! with its reason, never a crash and never a reason to hide the others.

use crate::core::document::{Document, reading_minutes};
use crate::core::formats;
use crate::core::scan_cache::{Cached, ScanCache, nanos};
use crate::messages;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

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
    /// Title from the document.
    pub title: String,
    /// Author, when the document names one.
    pub author: Option<String>,
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
    /// Estimated reading time in minutes.
    pub fn minutes(&self) -> usize {
        reading_minutes(self.words)
    }
}

/// A file that looked like an article but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Full path of the file.
    pub path: PathBuf,
    /// Path relative to the library folder.
    pub rel: String,
    /// Why it could not be read.
    pub reason: String,
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

fn ignored(root: &Path) -> Vec<String> {
    std::fs::read_to_string(root.join(IGNORE_FILE))
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.trim_start_matches("./").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// How deep to descend into sub-folders.
const MAX_DEPTH: usize = 16;

/// Read and parse one file, with its id.
pub fn load(path: &Path) -> Result<(String, Document), String> {
    let bytes = std::fs::read(path).map_err(|e| messages::err_unreadable(&e))?;
    let mut doc = formats::parse(path, &bytes).map_err(|e| e.to_string())?;
    if doc.title.is_empty() {
        doc.title = file_stem(path);
    }
    Ok((article_id(&bytes), doc))
}

/// A sub-folder that could not be read, and why.
type BadDir = (PathBuf, String);

/// The article files under `root` (sorted, ignore file applied), and the
/// sub-folders that could not be read with why.
fn article_files(root: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<BadDir>)> {
    let mut files = Vec::new();
    let mut bad_dirs = Vec::new();
    collect(root, 0, &mut files, &mut bad_dirs)?;
    files.sort();
    let skip = ignored(root);
    files.retain(|p| !skip.contains(&relative(root, p)));
    Ok((files, bad_dirs))
}

/// The content id and relative path of every article file under `root`,
/// from the bytes alone (nothing is parsed): enough to spot duplicates.
pub fn content_ids(root: &Path) -> std::io::Result<Vec<(String, String)>> {
    let (files, _) = article_files(root)?;
    Ok(files
        .into_iter()
        .filter_map(|p| {
            std::fs::read(&p)
                .ok()
                .map(|b| (article_id(&b), relative(root, &p)))
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
    pub fn start(root: &Path, mut cache: Option<ScanCache>) -> std::io::Result<PendingScan> {
        let (files, bad_dirs) = article_files(root)?;
        let mut lib = Library {
            root: root.to_path_buf(),
            ..Library::default()
        };
        let mut todo = Vec::new();
        for path in files {
            let rel = relative(root, &path);
            let meta = std::fs::metadata(&path).ok();
            let bytes = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            match cache
                .as_mut()
                .and_then(|c| c.get(&rel, bytes, nanos(modified)))
            {
                Some(c) => lib.articles.push(Article {
                    id: c.id,
                    rel,
                    title: c.title,
                    author: c.author,
                    words: c.words,
                    bytes,
                    encoding: c.encoding,
                    modified,
                    path,
                }),
                None => todo.push((path, rel, bytes, modified)),
            }
        }
        for (path, reason) in bad_dirs {
            let rel = relative(root, &path);
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

    /// Parse the rest; `progress(done, total)` after each file.
    pub fn finish(mut self, progress: &mut dyn FnMut(usize, usize)) -> Library {
        let total = self.todo.len();
        for (n, (path, rel, bytes, modified)) in
            std::mem::take(&mut self.todo).into_iter().enumerate()
        {
            match load(&path) {
                Ok((id, doc)) => {
                    let a = Article {
                        id,
                        rel,
                        title: doc.title.clone(),
                        author: doc.meta.author.clone(),
                        words: doc.word_count(),
                        bytes,
                        encoding: doc.meta.encoding.clone(),
                        modified,
                        path,
                    };
                    if let Some(c) = self.cache.as_mut() {
                        c.put(
                            &a.rel,
                            Cached {
                                size: bytes,
                                mtime: nanos(modified),
                                id: a.id.clone(),
                                title: a.title.clone(),
                                author: a.author.clone(),
                                words: a.words,
                                encoding: a.encoding.clone(),
                            },
                        );
                    }
                    self.lib.articles.push(a);
                }
                Err(reason) => self.lib.unreadable.push(Unreadable { path, rel, reason }),
            }
            progress(n + 1, total);
        }
        if let Some(c) = self.cache {
            c.save();
        }
        self.lib.articles.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.lib.unreadable.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.lib
    }
}

fn collect(
    dir: &Path,
    depth: usize,
    out: &mut Vec<PathBuf>,
    bad: &mut Vec<(PathBuf, String)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            if depth < MAX_DEPTH {
                // An unreadable sub-folder does not stop the scan; it is reported.
                if let Err(e) = collect(&path, depth + 1, out, bad) {
                    bad.push((path, messages::err_folder(&e)));
                }
            }
        } else if formats::is_supported(&path) && (ft.is_file() || path.is_file()) {
            out.push(path);
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

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_hex() {
        let id = article_id("Война и мир".as_bytes());
        assert_eq!(id.len(), 32);
        assert_eq!(id, article_id("Война и мир".as_bytes()));
        assert_ne!(id, article_id("Война и мир!".as_bytes()));
        // A fixed value: the id must never change between versions or runs.
        assert_eq!(article_id(b""), "99aa06d3014798d86001c324468d497f");
    }

    #[test]
    fn scan_lists_good_and_bad_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/.hidden")).expect("mkdir");
        std::fs::write(root.join("b.txt"), "ЗАГОЛОВОК\n\nТекст статьи.").expect("write");
        std::fs::write(root.join("sub/a.md"), "Просто текст без заголовка.").expect("write");
        std::fs::write(root.join("sub/.hidden/x.txt"), "скрыто").expect("write");
        std::fs::write(root.join("bin.txt"), b"\x00\x01\x02binary").expect("write");
        std::fs::write(root.join("cp1251.txt"), b"\xcf\xf0\xe8\xe2\xe5\xf2").expect("write");
        std::fs::write(root.join("image.png"), b"\x89PNG").expect("write");
        std::fs::write(root.join("NOTES.md"), "not an article").expect("write");
        std::fs::write(root.join(IGNORE_FILE), "# not articles\nNOTES.md\n").expect("write");
        let lib = scan(root).expect("scan");
        let rels: Vec<&str> = lib.articles.iter().map(|a| a.rel.as_str()).collect();
        assert_eq!(rels, vec!["b.txt", "cp1251.txt", "sub/a.md"]);
        assert_eq!(lib.articles[0].title, "ЗАГОЛОВОК");
        assert_eq!(lib.articles[0].words, 3);
        assert_eq!(lib.articles[1].title, "Привет");
        assert_eq!(lib.articles[1].encoding, "windows-1251");
        let bad: Vec<(&str, &str)> = lib
            .unreadable
            .iter()
            .map(|u| (u.rel.as_str(), u.reason.as_str()))
            .collect();
        assert_eq!(bad, vec![("bin.txt", messages::ERR_BINARY)]);
    }
}
