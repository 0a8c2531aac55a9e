//! I/O errors in words for people: "the disk is full", not "No space left on
//! device (os error 28) at path \"/…/.state.json.tmp-x8Qz\"".

use std::io::{Error, ErrorKind};

/// What went wrong, for a person: the common system errors in plain words;
/// any other error's own text without the "(os error N)" code and without
/// the name of a temp file (`at path "…"`).
pub fn io_reason(e: &Error) -> String {
    if e.raw_os_error().is_some() {
        let plain = match e.kind() {
            ErrorKind::StorageFull => Some("the disk is full"),
            ErrorKind::PermissionDenied => Some("permission denied"),
            ErrorKind::ReadOnlyFilesystem => Some("the file system is read-only"),
            ErrorKind::NotFound => Some("no such file or folder"),
            ErrorKind::QuotaExceeded => Some("the disk quota is used up"),
            ErrorKind::NotADirectory => Some("a file is where a folder should be"),
            ErrorKind::IsADirectory => Some("a folder is where a file should be"),
            _ => None,
        };
        if let Some(p) = plain {
            return p.to_string();
        }
    }
    clean(&e.to_string())
}

/// `text` without "(os error N)" codes and `at path "…"` temp-file names.
fn clean(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(i) = out.find(" at path \"") {
        let rest = &out[i + " at path \"".len()..];
        let end = rest
            .find('"')
            .map_or(out.len(), |j| i + " at path \"".len() + j + 1);
        out.replace_range(i..end, "");
    }
    while let Some(i) = out.find(" (os error ") {
        let end = out[i..].find(')').map_or(out.len(), |j| i + j + 1);
        out.replace_range(i..end, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_in_words_without_codes_or_temp_names() {
        assert_eq!(io_reason(&Error::from_raw_os_error(28)), "the disk is full");
        assert_eq!(
            io_reason(&Error::from_raw_os_error(13)),
            "permission denied"
        );
        assert_eq!(
            io_reason(&Error::from_raw_os_error(2)),
            "no such file or folder"
        );
        // An error already worded with its file keeps the file, loses the code
        // and the temp file's name.
        let worded = Error::new(
            ErrorKind::StorageFull,
            "No space left on device (os error 28) at path \"/d/marks/.x.json.tmp-aIyn\": /d/marks/x.json",
        );
        assert_eq!(
            io_reason(&worded),
            "No space left on device: /d/marks/x.json"
        );
        assert_eq!(io_reason(&Error::other("plain")), "plain");
    }
}
