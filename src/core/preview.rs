//! The first look at a long article, before the whole of it is read: a
//! window of the file's bytes (its head, its tail, the part at some
//! fraction, or the part holding a saved place) parsed on its own. The
//! reader shows it at once while the whole file is read in the background,
//! and then finds the same passage in the whole (see [`crate::core::locate`]).
//!
//! Only formats whose any part reads on its own have a preview: plain text,
//! Markdown, HTML (one byte encoding, or UTF-8: a window of UTF-16 is not
//! cut). FB2, EPUB and ZIPs are read whole.

use crate::core::article_file;
use crate::core::document::{Document, Pos};
use crate::core::formats;
use crate::core::locate;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// Files from this size on are opened with a preview; smaller ones are read
/// whole at once (quicker than a preview and a second parse).
pub const PREVIEW_FROM: u64 = 512 * 1024;

/// Bytes of a preview window.
pub const WINDOW: u64 = 64 * 1024;

/// How far from where a saved place is expected its words are looked for:
/// this share of the file on each side, at least [`MIN_REACH`].
const REACH_SHARE: f64 = 0.04;
const MIN_REACH: u64 = 1024 * 1024;
/// At most this much of the file is read to look for a saved place.
const MAX_SEARCH: u64 = 24 * 1024 * 1024;
/// Windows where the saved words may be, tried nearest first.
const MAX_CANDIDATES: usize = 24;

/// A part of a file parsed on its own.
#[derive(Debug)]
pub struct Preview {
    /// The part, as a document.
    pub doc: Document,
    /// Where the reader should put its top row.
    pub top: Pos,
    /// The top is the end: the last page (a `G`).
    pub at_end: bool,
    /// Where the part starts in the file, in bytes.
    pub start: u64,
    /// Its length in bytes.
    pub len: u64,
    /// The whole file's size.
    pub size: u64,
}

/// How far through a file of `size` bytes `pos` of `doc` is (0.0 to 1.0),
/// `doc` being the part of it at `start`, `len` bytes long: by bytes, roughly.
pub fn share_of_file(doc: &Document, pos: Pos, (start, len, size): (u64, u64, u64)) -> f64 {
    let total: usize = doc.blocks.iter().map(|b| b.text.len() + 1).sum();
    let before: usize = doc.blocks[..pos.block.min(doc.blocks.len())]
        .iter()
        .map(|b| b.text.len() + 1)
        .sum::<usize>()
        + pos.offset;
    let within = if total == 0 {
        0.0
    } else {
        before as f64 / total as f64
    };
    if size == 0 {
        return 0.0;
    }
    ((start as f64 + within * len as f64) / size as f64).clamp(0.0, 1.0)
}

/// How a part of a file is cut and parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
}

/// An open file that has a preview, its size and kind.
struct Source {
    file: File,
    size: u64,
    kind: Kind,
    ext: &'static str,
}

impl Source {
    fn open(path: &Path) -> Option<Source> {
        let (file, size) = article_file::open_regular(path, article_file::max_file_bytes()).ok()?;
        let mut head = vec![0; 64];
        let n = file.read_at(&mut head, 0).ok()?;
        head.truncate(n);
        if formats::sniff::sniff(&head).is_some()
            || head.starts_with(&[0xFF, 0xFE])
            || head.starts_with(&[0xFE, 0xFF])
        {
            return None;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let (kind, ext) = match ext.as_deref() {
            Some("md" | "markdown") => (Kind::Markdown, "md"),
            Some("html" | "htm" | "xhtml") => (Kind::Html, "html"),
            Some("fb2" | "fbz" | "zip" | "epub") => return None,
            _ => (Kind::Text, "txt"),
        };
        Some(Source {
            file,
            size,
            kind,
            ext,
        })
    }

    fn read(&self, from: u64, to: u64) -> Option<Vec<u8>> {
        let to = to.min(self.size);
        let from = from.min(to);
        let mut buf = vec![0; usize::try_from(to - from).ok()?];
        let mut got = 0;
        while got < buf.len() {
            match self.file.read_at(&mut buf[got..], from + got as u64) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        buf.truncate(got);
        Some(buf)
    }

    /// The part `from..to` cut at the edges of paragraphs (of tags for
    /// HTML), parsed; with the bytes it covers.
    fn part(&self, from: u64, to: u64) -> Option<(Document, u64, u64)> {
        let bytes = self.read(from, to)?;
        let (a, b) = cut(&bytes, self.kind, from == 0, to >= self.size);
        if a >= b {
            return None;
        }
        let name = format!("part.{}", self.ext);
        let doc = formats::parse(Path::new(&name), &bytes[a..b]).ok()?;
        (!doc.blocks.is_empty()).then_some((doc, from + a as u64, (b - a) as u64))
    }

    /// The window at `start` as a part, when it holds `quote` (its letters
    /// looked at first, cheaply: a window without them is not parsed).
    fn holding(
        &self,
        start: u64,
        enc: &'static encoding_rs::Encoding,
        quote: &str,
    ) -> Option<Preview> {
        let raw = self.read(start, start + WINDOW)?;
        let (text, _) = enc.decode_without_bom_handling(&raw);
        if !locate::letters_contain(&text, quote) {
            return None;
        }
        let (doc, start, len) = self.part(start, start + WINDOW)?;
        let middle = doc.blocks.len() / 2;
        let top = locate::find(&doc, quote, middle)?;
        Some(Preview {
            doc,
            top,
            at_end: false,
            start,
            len,
            size: self.size,
        })
    }

    fn preview(&self, from: u64, to: u64, top: Option<Pos>, at_end: bool) -> Option<Preview> {
        let (doc, start, len) = self.part(from, to)?;
        Some(Preview {
            top: top.unwrap_or_default(),
            doc,
            at_end,
            start,
            len,
            size: self.size,
        })
    }
}

/// The edges of the whole paragraphs in `bytes`: after the first paragraph
/// break (unless `head`: the file's start), up to the last one (unless
/// `tail`: the file's end).
fn cut(bytes: &[u8], kind: Kind, head: bool, tail: bool) -> (usize, usize) {
    let find = |hay: &[u8], pat: &[u8]| memchr::memmem::find(hay, pat);
    let rfind = |hay: &[u8], pat: &[u8]| memchr::memmem::rfind(hay, pat);
    let (open, close): (&[u8], &[u8]) = match kind {
        Kind::Html => (b"\n<", b">\n"),
        Kind::Text | Kind::Markdown => (b"\n\n", b"\n\n"),
    };
    // Plain text's paragraphs may start with an indent and no blank line.
    let indented = || match kind {
        Kind::Text => find(bytes, b"\n  "),
        _ => None,
    };
    let start = if head {
        0
    } else {
        [find(bytes, open), indented()]
            .into_iter()
            .flatten()
            .min()
            .map(|i| i + 1)
            .or_else(|| memchr::memchr(b'\n', bytes).map(|i| i + 1))
            // One long line: cut at a space (never inside a character).
            .or_else(|| memchr::memchr(b' ', bytes).map(|i| i + 1))
            .unwrap_or(bytes.len())
    };
    let end = if tail {
        bytes.len()
    } else {
        rfind(bytes, close)
            .map(|i| i + close.len())
            .or_else(|| memchr::memrchr(b'\n', bytes).map(|i| i + 1))
            .or_else(|| memchr::memrchr(b' ', bytes).map(|i| i + 1))
            .unwrap_or(0)
    };
    (start, end.max(start))
}

/// No part at all: for a long file of a format read only whole (FB2,
/// EPUB), shown empty while it is read, so that the keys never wait.
pub fn nothing(path: &Path) -> Option<Preview> {
    let (_, size) = article_file::open_regular(path, article_file::max_file_bytes()).ok()?;
    Some(Preview {
        doc: Document::default(),
        top: Pos::default(),
        at_end: false,
        start: 0,
        len: 0,
        size,
    })
}

/// The title the head of the file at `path` gives (a small head: only the
/// title is wanted, for a part from the middle).
pub fn head_title(path: &Path) -> Option<String> {
    let src = Source::open(path)?;
    let (doc, _, _) = src.part(0, WINDOW / 4)?;
    (!doc.title.is_empty()).then_some(doc.title)
}

/// The head of the file at `path`: its first screen.
pub fn head(path: &Path) -> Option<Preview> {
    let src = Source::open(path)?;
    src.preview(0, WINDOW, None, false)
}

/// The part of the file `fraction` (0.0 to 1.0) through it: a far jump
/// made before the whole is read. 1.0 is the tail, shown at its end.
pub fn at_fraction(path: &Path, fraction: f64) -> Option<Preview> {
    let src = Source::open(path)?;
    let at = (fraction.clamp(0.0, 1.0) * src.size as f64) as u64;
    if fraction >= 1.0 {
        return src.preview(src.size.saturating_sub(WINDOW), src.size, None, true);
    }
    let from = at.saturating_sub(WINDOW / 4);
    src.preview(from, from + WINDOW, None, false)
}

/// The part of the file holding the place a reader left: `quote` (see
/// [`locate::quote_at`]) looked for around `progress` through the file,
/// nearest first. None when it is not found near there.
pub fn resume(path: &Path, progress: f64, quote: &str) -> Option<Preview> {
    let src = Source::open(path)?;
    let words = longest_words(quote);
    if words.is_empty() {
        return None;
    }
    let at = (progress.clamp(0.0, 1.0) * src.size as f64) as u64;
    let reach = ((src.size as f64 * REACH_SHARE) as u64).clamp(MIN_REACH, MAX_SEARCH / 2);
    // A word common in the book has many hits: each window looked at
    // covers the hits in it.
    let mut tried: Vec<std::ops::Range<u64>> = Vec::new();
    // Near first: the saved share is seldom far off, and a long book is
    // not read megabytes wide for a place a few pages from it.
    for radius in [WINDOW * 4, reach / 4, reach] {
        let from = at.saturating_sub(radius);
        let hay = src.read(from, at + radius)?;
        let mut hits: Vec<(u64, &'static encoding_rs::Encoding)> = Vec::new();
        for (form, enc) in words.iter().flat_map(|w| encoded(w)) {
            hits.extend(memchr::memmem::find_iter(&hay, &form).map(|i| (from + i as u64, enc)));
        }
        hits.sort_by_key(|&(h, _)| h.abs_diff(at));
        hits.dedup_by_key(|&mut (h, _)| h);
        for (hit, enc) in hits {
            if tried.len() >= MAX_CANDIDATES {
                return None;
            }
            if tried.iter().any(|r| r.contains(&hit)) {
                continue;
            }
            let start = hit.saturating_sub(WINDOW / 2);
            tried.push(start + WINDOW / 8..start + WINDOW - WINDOW / 8);
            if let Some(p) = src.holding(start, enc, quote) {
                return Some(p);
            }
        }
    }
    None
}

/// The two longest words of `quote` made of letters only (at least 5 of
/// them, no ё, which a file may spell otherwise): what is looked for in the
/// bytes (two: a word may be broken across lines there).
fn longest_words(quote: &str) -> Vec<&str> {
    let mut words: Vec<&str> = quote
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 5 && !w.contains(['ё', 'Ё']))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words.truncate(2);
    words
}

/// `word` as the bytes of each encoding a Russian text file may be in,
/// with the encoding.
fn encoded(word: &str) -> Vec<(Vec<u8>, &'static encoding_rs::Encoding)> {
    let mut out = vec![(word.as_bytes().to_vec(), encoding_rs::UTF_8)];
    for enc in [
        encoding_rs::WINDOWS_1251,
        encoding_rs::KOI8_R,
        encoding_rs::IBM866,
    ] {
        let (bytes, _, bad) = enc.encode(word);
        if !bad && !out.iter().any(|(o, _)| o.as_slice() == &*bytes) {
            out.push((bytes.into_owned(), enc));
        }
    }
    out
}

#[cfg(test)]
mod tests;
