//! Bytes to [`Document`](crate::core::document::Document), one module per format.

mod builder;
pub mod chrome;
pub mod decode;
pub mod encoding;
pub mod epub;
pub mod fb2;
pub mod fb2zip;
pub mod front_matter;
pub mod heading;
pub mod html;
mod html_doctype;
pub mod html_guard;
mod html_links;
pub mod markdown;
pub mod sniff;
pub mod text;
pub mod yo;

pub use html_links::percent_decode;

use crate::core::document::Document;
use decode::DecodeError;
use sniff::Format;
use std::path::Path;

/// File extensions chitalka reads (lower case, without the dot).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "fb2", "fbz", "zip", "epub",
];

/// Names of books chitalka does not read yet: listed in the library all the
/// same, each with its format named (a PDF is "not supported", not absent).
pub const LISTED_NOT_READ: &[&str] = &[
    "pdf", "djvu", "djv", "mobi", "azw", "azw3", "docx", "doc", "odt", "rtf",
];

fn has_extension(path: &Path, among: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| among.contains(&e.to_ascii_lowercase().as_str()))
}

/// Is `path` a file chitalka can read, judging by its name?
pub fn is_supported(path: &Path) -> bool {
    has_extension(path, EXTENSIONS)
}

/// Is `path` a file the library lists: one chitalka reads, or a book in a
/// format it names but does not read (judging by the name)?
pub fn is_listed(path: &Path) -> bool {
    is_supported(path) || has_extension(path, LISTED_NOT_READ)
}

/// Parse a file's bytes by its extension; bytes of a format chitalka does
/// not read (see [`sniff`]) are refused as that format, whatever the name.
/// An EPUB (by content: see [`sniff`]) is read as one (see [`epub`]).
/// A ZIP holding one FB2 book (by content: see [`fb2zip`]) is that book,
/// whatever its name, unpacked to at most the size limit (`max_file_mb`).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, DecodeError> {
    if let Some(format) = sniff::sniff(bytes) {
        if format == Format::Epub {
            return epub::parse(bytes);
        }
        if !matches!(format, Format::Zip | Format::ZippedFb2) {
            return Err(DecodeError::Unsupported(format));
        }
        let limit = crate::core::article_file::max_file_bytes();
        return match fb2zip::fb2_in_zip(bytes, limit) {
            Ok(Some(book)) => fb2::parse(&book.bytes),
            // No FB2 inside: a ZIP, as before; so is a damaged one whose
            // names promise none (one with an .fb2 name is named damaged).
            Ok(None) => Err(DecodeError::Unsupported(Format::Zip)),
            Err(DecodeError::DamagedZip(_)) if format == Format::Zip => {
                Err(DecodeError::Unsupported(Format::Zip))
            }
            Err(e) => Err(e),
        };
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown") => markdown::parse(bytes),
        Some("html" | "htm" | "xhtml") => html::parse(bytes),
        Some("fb2") => fb2::parse(bytes),
        _ => text::parse(bytes),
    }
}

/// [`parse`] taking the bytes: a plain text file's go as soon as they are
/// decoded (the other formats keep them while they are parsed).
pub fn parse_owned(path: &Path, bytes: Vec<u8>) -> Result<Document, DecodeError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let other = matches!(
        ext.as_deref(),
        Some("md" | "markdown" | "html" | "htm" | "xhtml" | "fb2")
    );
    if other || sniff::sniff(&bytes).is_some() {
        return parse(path, &bytes);
    }
    text::parse_owned(bytes)
}

/// The file a relative link of `doc` (the article at `article`) names, next
/// to the article, when it is one chitalka reads (its name percent-decoded;
/// an absolute path never). A Markdown article's link to `x.html` finds
/// `x.md` when there is no `x.html`: books written for mdBook link to the
/// pages it makes.
pub fn linked_file(article: &Path, doc: &Document, rel: &str) -> Option<std::path::PathBuf> {
    let rel = percent_decode(rel);
    if rel.is_empty() || Path::new(&rel).is_absolute() {
        return None;
    }
    let readable = |path: std::path::PathBuf| {
        let meta = std::fs::metadata(&path).ok()?;
        (meta.is_file() && is_supported(&path)).then_some(path)
    };
    let path = article.parent()?.join(&rel);
    let markdown = doc.meta.format == "markdown";
    readable(path.clone()).or_else(|| {
        let page = path.extension().is_some_and(|e| e == "html");
        (markdown && page)
            .then(|| readable(path.with_extension("md")))
            .flatten()
    })
}
