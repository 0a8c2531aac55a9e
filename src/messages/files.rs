//! Reading, adding and finding files; the data dir and the reading state.

use super::*;

/// Markup that could not be read at all.
pub fn err_malformed(why: &str) -> String {
    format!("malformed file: {why}")
}

/// An FB2 file with no body text.
pub const ERR_NO_BODY: &str = "no <body> text";

/// A binary file in the library.
pub const ERR_BINARY: &str = "binary file, not text";

/// A file of a format chitalka does not read, named by its content.
pub fn err_unsupported(format: crate::core::formats::sniff::Format) -> &'static str {
    use crate::core::formats::sniff::Format;
    match format {
        Format::Pdf => "PDF is not supported",
        Format::Djvu => "DjVu is not supported",
        Format::Mobi => "a Kindle book (MOBI, AZW) is not supported",
        Format::Epub => "EPUB is not supported yet",
        Format::Docx => "a Word document (DOCX) is not supported",
        Format::Xlsx => "an Excel spreadsheet (XLSX) is not supported",
        Format::Pptx => "a PowerPoint presentation (PPTX) is not supported",
        Format::Odt => "an OpenDocument text (ODT) is not supported",
        Format::OpenDocument => "an OpenDocument file is not supported",
        Format::ZippedFb2 => "a ZIP with an .fb2 name in it but no FB2 book",
        Format::Zip => "a ZIP archive is not supported",
        Format::Rtf => "RTF is not supported",
        Format::OldOffice => "an old Office document (DOC, XLS, PPT) is not supported",
        Format::Png => "a PNG image is not supported",
        Format::Jpeg => "a JPEG image is not supported",
        Format::Gif => "a GIF image is not supported",
        Format::Gzip => "a gzip archive is not supported",
        Format::Bzip2 => "a bzip2 archive is not supported",
        Format::Xz => "an xz archive is not supported",
        Format::SevenZip => "a 7-Zip archive is not supported",
        Format::Rar => "a RAR archive is not supported",
    }
}

/// A ZIP that could not be unpacked: the unzipper's words.
pub fn err_damaged_zip(why: &str) -> String {
    format!("damaged ZIP archive: {why}")
}

/// A ZIP holding several FB2 books (their names; the first three shown).
pub fn err_several_fb2(names: &[String]) -> String {
    let mut shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        shown.push_str(", ...");
    }
    format!(
        "a ZIP holding {} FB2 books ({shown}): unzip them into the library",
        names.len()
    )
}

/// The FB2 book in a ZIP unpacks to more than the size limit.
pub fn err_unzipped_too_large(name: &str, limit: u64) -> String {
    format!(
        "{name} in the ZIP is too large unpacked: more than {}, the limit (max_file_mb in the config)",
        self::size(limit)
    )
}

/// A file that could not be read.
pub fn err_unreadable(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("cannot read: {e}")
}

/// The parser failed on a file (a bug in chitalka, caught): `why` is the
/// panic's message and place.
pub fn err_crashed(why: &str) -> String {
    format!("could not be read: chitalka failed on it ({why})")
}

/// A size for people: "312 bytes", "4.2 KB", "64 MB", "1.0 GB" (1 KB is
/// 1024 bytes; one decimal below ten).
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 9.95 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// A file over the size limit (`size` None: it showed only while reading).
pub fn err_too_large(size: Option<u64>, limit: u64) -> String {
    let shown_limit = self::size(limit);
    let size = match size {
        // Just over: "64 MB + 41 bytes", not "64 MB, the limit is 64 MB".
        Some(s) if self::size(s) == shown_limit => {
            format!("{shown_limit} + {}", self::size(s.saturating_sub(limit)))
        }
        Some(s) => self::size(s),
        None => format!("more than {shown_limit}"),
    };
    format!("too large: {size}, the limit is {shown_limit} (max_file_mb in the config)")
}

/// A path that is not a regular file, where an article was wanted.
pub fn err_not_a_file(kind: crate::core::article_file::NotAFile) -> String {
    use crate::core::article_file::NotAFile;
    let what = match kind {
        NotAFile::Folder => "a folder",
        NotAFile::Pipe => "a named pipe (FIFO)",
        NotAFile::Socket => "a socket",
        NotAFile::CharDevice => "a device",
        NotAFile::BlockDevice => "a disk device",
        NotAFile::Other => "not a file",
    };
    format!("not a regular file: {what}")
}

/// A sub-folder of the library could not be read.
pub fn err_folder(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("folder cannot be read: {e}")
}

/// A file with no text to add.
pub const ERR_EMPTY: &str = "no text in it";

/// The content is already in the library.
pub fn err_already_there(rel: &str) -> String {
    format!("already in the library as {rel}")
}

/// Writing a file failed.
pub fn err_write(path: &std::path::Path, e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("cannot write {}: {e}", path.display())
}

/// `chitalka add -`: what standard input is called in messages.
pub const STDIN_NAME: &str = "standard input";

/// `chitalka add`: one file added.
pub fn added(title: &str, path: &str) -> String {
    format!("added «{title}» as {path}")
}

/// `chitalka add`: the summary when some files were refused.
pub const SOME_NOT_ADDED: &str = "some files were not added";

/// `chitalka add`: one file refused.
pub fn not_added(source: &str, reason: &str) -> String {
    format!("chitalka: not added {source}: {reason}")
}

/// `chitalka add --move`: the file was added as `rel`, but its source
/// could not be removed.
pub fn source_kept(source: &str, rel: &str, e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("added {source} as {rel}, but the source could not be removed: {e}")
}

/// `chitalka add --move`: the summary when some sources were kept.
pub const SOME_SOURCES_KEPT: &str =
    "every file was added, but some sources could not be removed (see above)";

/// `chitalka add` with many files: how far it is.
pub fn adding(n: usize, total: usize) -> String {
    format!("adding {n}/{total}…")
}

/// The data dir could not be found.
pub const ERR_NO_HOME: &str =
    "cannot find a home directory for user data; pass --data-dir DIR or set CHITALKA_DATA_DIR";

/// A path that is neither a file nor a folder.
pub fn err_no_such_path(path: &std::path::Path) -> String {
    format!("{}: no such file or folder", path.display())
}

/// The library folder cannot be scanned.
pub fn err_library(path: &std::path::Path, e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("cannot open the library {}: {e}", path.display())
}

/// A file in the library has no readable text.
pub fn err_article(path: &std::path::Path, reason: &impl std::fmt::Display) -> String {
    format!("{}: {reason}", path.display())
}

/// The state file was corrupt and has been moved aside.
pub fn warn_state_corrupt(moved_to: &std::path::Path) -> String {
    format!(
        "reading positions file was damaged; kept it as {} and started afresh",
        moved_to.display()
    )
}

/// The state file comes from a newer chitalka.
pub fn warn_state_newer(version: u32) -> String {
    format!(
        "reading positions were saved by a newer chitalka (schema {version}); they are read-only in this version"
    )
}

/// Saving the reading state failed.
pub fn warn_save_failed(e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("could not save reading positions: {e}")
}

/// Sample articles were installed into a new library.
pub fn note_samples_installed(dir: &std::path::Path) -> String {
    format!("created the library {} with sample articles", dir.display())
}

/// CLI: list output columns when there are errors.
pub fn cli_skipped(path: &str, reason: &str) -> String {
    format!("chitalka: skipped {}: {}", shown(path), shown(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_just_over_the_limit_is_told_apart_from_it() {
        let limit = 64 << 20;
        assert_eq!(
            err_too_large(Some(limit + 41), limit),
            "too large: 64 MB + 41 bytes, the limit is 64 MB (max_file_mb in the config)"
        );
        assert_eq!(
            err_too_large(Some(100 << 20), limit),
            "too large: 100 MB, the limit is 64 MB (max_file_mb in the config)"
        );
    }
}
