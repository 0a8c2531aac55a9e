//! Adding files to the library: a clean file name from the title, no
//! duplicates (by content), atomic writes, the source removed only after the
//! copy is safely written (`--move`).

use crate::core::formats;
use crate::core::library::{self, Refusal, article_id};
use crate::core::store::atomic_write;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Longest file name stem chosen for an article, in characters.
const MAX_STEM: usize = 60;

/// What adding one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The article's title.
    pub title: String,
    /// Where it now is.
    pub path: PathBuf,
}

/// Why a file was not added; `messages` words it.
#[derive(Debug)]
pub enum ImportError {
    /// The library folder could not be read: the folder, and why.
    Library(PathBuf, std::io::Error),
    /// The bytes are not an article.
    Refused(Refusal),
    /// An article with no text.
    Empty,
    /// The same content is in the library already, at this relative path.
    AlreadyThere(String),
    /// The copy could not be written: where, and why.
    Write(PathBuf, std::io::Error),
}

impl std::error::Error for ImportError {}

/// A file name stem from a title: letters and digits of any script kept,
/// lower case, other runs made one "-", at most [`MAX_STEM`] characters.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= MAX_STEM {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Adds files to one library folder, knowing what is in it (read once, by
/// content id) so that a batch of files never re-reads the library.
#[derive(Debug)]
pub struct Importer {
    root: PathBuf,
    /// Content ids in the library, and where.
    known: HashMap<String, String>,
}

impl Importer {
    /// An importer for the library folder `root`.
    pub fn new(root: &Path) -> Result<Importer, ImportError> {
        let known =
            library::content_ids(root).map_err(|e| ImportError::Library(root.to_path_buf(), e))?;
        Ok(Importer {
            root: root.to_path_buf(),
            known: known.into_iter().collect(),
        })
    }

    /// Add `bytes` (from a file called `name`, or stdin). `title` overrides
    /// the document's own title: it names the file and, for text and
    /// Markdown, is written as the file's first heading so that the library
    /// lists it and the reader shows it (see [`titled`]). Refuses unreadable
    /// input and content already in the library.
    pub fn add(
        &mut self,
        bytes: &[u8],
        name: &Path,
        title: Option<&str>,
    ) -> Result<Added, ImportError> {
        let (added, written) = add(&self.root, bytes, name, title, &self.known)?;
        let rel = library::relative(&self.root, &added.path);
        self.known.insert(article_id(bytes), rel.clone());
        self.known.insert(written, rel);
        Ok(added)
    }
}

/// Add one file; with the id of the bytes written (they differ from
/// `bytes` when the title was written into them).
fn add(
    root: &Path,
    bytes: &[u8],
    name: &Path,
    title: Option<&str>,
    known: &HashMap<String, String>,
) -> Result<(Added, String), ImportError> {
    let doc = library::parse_guarded(name, bytes).map_err(ImportError::Refused)?;
    if doc.blocks.is_empty() {
        return Err(ImportError::Empty);
    }
    let id = article_id(bytes);
    if let Some(rel) = known.get(&id) {
        return Err(ImportError::AlreadyThere(rel.clone()));
    }
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| formats::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .map_or("txt".to_string(), str::to_ascii_lowercase);
    let given = title.map(one_line).filter(|t| !t.is_empty());
    let (title, bytes) = match given {
        Some(t) if t != doc.title => {
            let with = titled(bytes, &ext, &t);
            (
                t,
                with.map_or(std::borrow::Cow::Borrowed(bytes), Into::into),
            )
        }
        Some(t) => (t, bytes.into()),
        None => (doc.title, bytes.into()),
    };
    let written = article_id(&bytes);
    if let Some(rel) = known.get(&written) {
        return Err(ImportError::AlreadyThere(rel.clone()));
    }
    let stem = Some(slug(&title))
        .filter(|s| !s.is_empty())
        .or_else(|| {
            name.file_stem()
                .map(|s| slug(&s.to_string_lossy()))
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "article".to_string());
    let mut path = root.join(format!("{stem}.{ext}"));
    let mut n = 2;
    while path.exists() {
        path = root.join(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    atomic_write(&path, &bytes).map_err(|e| ImportError::Write(path.clone(), e))?;
    Ok((Added { title, path }, written))
}

/// A title given on the command line as one clean line: control
/// characters gone, runs of white space one space.
fn one_line(title: &str) -> String {
    formats::decode::clean_text(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The article with `title` written as its first heading, in UTF-8 (a file
/// in another encoding is decoded first), for text and Markdown (`ext`);
/// `None` for other formats, or when the text parser would not take the
/// heading for the title (an author's name, say): then the title only
/// names the file.
fn titled(bytes: &[u8], ext: &str, title: &str) -> Option<Vec<u8>> {
    let path = Path::new("titled").with_extension(ext);
    let heading = match ext {
        "md" | "markdown" => {
            let escaped: String = title
                .chars()
                .flat_map(|c| {
                    let escape = c.is_ascii_punctuation().then_some('\\');
                    escape.into_iter().chain(std::iter::once(c))
                })
                .collect();
            format!("# {escaped}\n\n")
        }
        "txt" | "text" => format!("# {title}\n\n"),
        _ => return None,
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let body = match std::str::from_utf8(body) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => formats::decode::decode(bytes).ok()?.text.into(),
    };
    let out = format!("{heading}{body}").into_bytes();
    let doc = library::parse_guarded(&path, &out).ok()?;
    (doc.title == title).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Узбекско-японское сотрудничество: достижения!"),
            "узбекско-японское-сотрудничество-достижения"
        );
        assert_eq!(slug("  «Война и мир», том 1  "), "война-и-мир-том-1");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("***"), "");
        assert!(slug(&"а".repeat(500)).chars().count() <= MAX_STEM);
    }

    #[test]
    fn adds_refuses_duplicates_and_never_overwrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let mut imp = Importer::new(root).expect("importer");
        let a = imp
            .add("ЗАГОЛОВОК\n\nТекст.".as_bytes(), Path::new("x.txt"), None)
            .expect("add");
        assert_eq!(a.path, root.join("заголовок.txt"));
        assert_eq!(a.title, "ЗАГОЛОВОК");
        // Same content again: refused.
        let again = imp.add("ЗАГОЛОВОК\n\nТекст.".as_bytes(), Path::new("y.txt"), None);
        let again = again.expect_err("a duplicate");
        assert!(
            matches!(&again, ImportError::AlreadyThere(rel) if rel == "заголовок.txt"),
            "{again:?}"
        );
        assert_eq!(again.to_string(), "already in the library as заголовок.txt");
        // Same title, other content: a new name, the first file untouched.
        let b = imp
            .add(
                "ЗАГОЛОВОК\n\nДругой текст.".as_bytes(),
                Path::new("y.txt"),
                None,
            )
            .expect("add");
        assert_eq!(b.path, root.join("заголовок-2.txt"));
        assert_eq!(
            std::fs::read_to_string(&a.path).expect("read"),
            "ЗАГОЛОВОК\n\nТекст."
        );
        // Markdown keeps its extension; binaries and empty files are refused.
        let m = imp
            .add(b"# Notes\n\ntext", Path::new("n.MD"), Some("Мои заметки"))
            .expect("add");
        assert_eq!(m.path, root.join("мои-заметки.md"));
        assert!(matches!(
            imp.add(b"\x00\x01bin", Path::new("b.txt"), None),
            Err(ImportError::Refused(Refusal::Parse(_)))
        ));
        let empty = imp.add(b"   \n\n ", Path::new("e.txt"), None);
        assert!(matches!(empty, Err(ImportError::Empty)), "{empty:?}");
        let names: Vec<String> = std::fs::read_dir(root)
            .expect("ls")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        // A new importer reads what is there: the duplicate is still refused.
        let mut again = Importer::new(root).expect("importer");
        let pdf = again.add(b"%PDF-1.4\n", Path::new("p.txt"), None);
        assert!(
            matches!(
                pdf,
                Err(ImportError::Refused(Refusal::Parse(
                    formats::decode::DecodeError::Unsupported(formats::sniff::Format::Pdf)
                )))
            ),
            "{pdf:?}"
        );
        assert!(matches!(
            again.add("ЗАГОЛОВОК\n\nТекст.".as_bytes(), Path::new("z.txt"), None),
            Err(ImportError::AlreadyThere(_))
        ));
    }

    #[test]
    fn a_title_given_is_the_first_heading_of_text_and_markdown() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let mut imp = Importer::new(root).expect("importer");
        let title_of = |path: &Path| library::load(path).expect("load").1.title;
        let t = imp
            .add(
                b"\xEF\xBB\xBFfirst line\n",
                Path::new("-"),
                Some(" Мой\n\tтитул "),
            )
            .expect("add");
        assert_eq!(
            (t.title.as_str(), title_of(&t.path)),
            ("Мой титул", "Мой титул".into())
        );
        assert_eq!(
            std::fs::read(&t.path).expect("read"),
            "# Мой титул\n\nfirst line\n".as_bytes()
        );
        let m = imp
            .add(b"# Old\n\n_text_", Path::new("a.md"), Some("[Новое] *имя*"))
            .expect("add");
        assert_eq!(title_of(&m.path), "[Новое] *имя*");
        // Its own title already: the bytes kept as they are.
        let same = imp
            .add(b"# Same\n\ntext", Path::new("s.md"), Some("Same"))
            .expect("add");
        assert_eq!(std::fs::read(&same.path).expect("read"), b"# Same\n\ntext");
        // HTML: the title names the file only.
        let page = b"<html><head><title>Page</title></head><body><p>Text.</p></body></html>";
        let h = imp
            .add(page, Path::new("p.html"), Some("Другое"))
            .expect("add");
        assert_eq!(h.path, root.join("другое.html"));
        assert_eq!(std::fs::read(&h.path).expect("read"), page);
        // An empty title is no title.
        let e = imp
            .add(b"Own words here\n", Path::new("x.txt"), Some(" \n "))
            .expect("add");
        assert_eq!(e.title, "Own words here");
    }
}
