//! Bytes to clean text: BOM, UTF-8 check, binary detection, line ends, control
//! characters, tabs and Unicode normalisation.

use crate::messages;
use std::fmt;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look like a binary file (NUL bytes or many control bytes).
    Binary,
    /// The bytes are not valid UTF-8; `at` is the first bad byte.
    NotUtf8 {
        /// Offset of the first invalid byte.
        at: usize,
    },
    /// A UTF-16 file (seen from its BOM), not read yet.
    Utf16,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str(messages::ERR_BINARY),
            DecodeError::NotUtf8 { at } => write!(f, "{}", messages::err_not_utf8(*at)),
            DecodeError::Utf16 => f.write_str(messages::ERR_UTF16),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Text decoded from bytes, and the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: NFC, LF line ends, tabs expanded, no control characters but `\n`.
    pub text: String,
    /// The encoding the bytes were read as, e.g. "UTF-8" or "UTF-8 (BOM)".
    pub encoding: &'static str,
}

/// Width of a tab stop when tabs are expanded.
pub const TAB_STOP: usize = 8;

/// Decode `bytes` into clean text, or say why not.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let (body, encoding) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, "UTF-8 (BOM)"),
        None => (bytes, "UTF-8"),
    };
    if looks_binary(body) {
        return Err(DecodeError::Binary);
    }
    let raw = std::str::from_utf8(body).map_err(|e| DecodeError::NotUtf8 {
        at: e.valid_up_to(),
    })?;
    Ok(Decoded {
        text: clean_text(raw),
        encoding,
    })
}

/// A file is binary when its first 8 KiB hold a NUL byte or are more than 10%
/// control bytes other than tab, CR, LF and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 10 > head.len()
}

/// Normalise text: LF line ends, tabs expanded to [`TAB_STOP`], control
/// characters (C0 but `\n`, DEL, C1) removed, then NFC.
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut col = 0usize;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                col = 0;
            }
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if c.is_control() => {}
            // Line and paragraph separators are line breaks.
            '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    if is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_line_ends() {
        let d = decode("\u{FEFF}а\r\nб\rв\n".as_bytes()).expect("utf-8");
        assert_eq!(d.text, "а\nб\nв\n");
        assert_eq!(d.encoding, "UTF-8 (BOM)");
        assert_eq!(decode(b"x").expect("ok").encoding, "UTF-8");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(clean_text("\tа"), format!("{}а", " ".repeat(8)));
        assert_eq!(clean_text("аб\tв"), format!("аб{}в", " ".repeat(6)));
    }

    #[test]
    fn control_characters_are_removed_but_text_kept() {
        assert_eq!(clean_text("a\u{1b}[31mb\u{7f}c\u{85}d\u{0}"), "a[31mbcd");
        assert_eq!(clean_text("a\u{A0}b\u{AD}c"), "a\u{A0}b\u{AD}c");
    }

    #[test]
    fn text_is_nfc() {
        // и + combining breve becomes й; stress marks stay combining.
        assert_eq!(clean_text("и\u{306}"), "й");
        assert_eq!(clean_text("а\u{301}"), "а\u{301}");
    }

    #[test]
    fn binary_and_bad_utf8_are_reported() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary));
        assert_eq!(
            decode(b"ok \xcf\xf0\xe8"),
            Err(DecodeError::NotUtf8 { at: 3 })
        );
        assert_eq!(decode(b"\xff\xfea\x00"), Err(DecodeError::Utf16));
    }
}
