//! Bytes to [`Document`](crate::core::document::Document), one module per format.

mod builder;
pub mod chrome;
pub mod decode;
pub mod encoding;
pub mod fb2;
pub mod fb2zip;
pub mod heading;
pub mod html;
pub mod html_guard;
pub mod markdown;
pub mod sniff;
pub mod text;
pub mod yo;

use crate::core::document::Document;
use decode::DecodeError;
use sniff::Format;
use std::path::Path;

/// File extensions chitalka reads (lower case, without the dot).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "fb2", "fbz", "zip",
];

/// Is `path` a file chitalka can read, judging by its name?
pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Parse a file's bytes by its extension; bytes of a format chitalka does
/// not read (see [`sniff`]) are refused as that format, whatever the name.
/// A ZIP holding one FB2 book (by content: see [`fb2zip`]) is that book,
/// whatever its name, unpacked to at most the size limit (`max_file_mb`).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, DecodeError> {
    if let Some(format) = sniff::sniff(bytes) {
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
