//! Bytes to clean text: BOM, UTF-8 check, binary detection, line ends, control
//! characters, tabs and Unicode normalisation.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why a file's bytes could not be turned into text; `messages` words it.
/// Kept in the scan cache (the same bytes fail the same way again).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DecodeError {
    /// The bytes look like a binary file (NUL bytes or many control bytes).
    Binary,
    /// Markup so broken that nothing could be read (the parser's message).
    Malformed(String),
    /// An FB2 file with no body text (and no fault to name).
    NoBody,
    /// A file of a format chitalka does not read (PDF, DOCX, ...), told by
    /// its content.
    Unsupported(super::sniff::Format),
    /// A ZIP that could not be read (damaged, encrypted, an unknown
    /// compression): the unzipper's message.
    DamagedZip(String),
    /// A ZIP holding more than one FB2 book: their names.
    SeveralFb2(Vec<String>),
    /// The FB2 book in a ZIP unpacks to more than the size limit: its name,
    /// and the limit in bytes.
    UnzippedTooLarge {
        /// The entry's name.
        name: String,
        /// The limit.
        limit: u64,
    },
    /// An EPUB whose text documents are encrypted (DRM).
    Encrypted,
    /// An EPUB with no package document, or none of whose documents could
    /// be read.
    EpubWithoutText,
}

impl std::error::Error for DecodeError {}

/// Text decoded from bytes, and the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: NFC, LF line ends, tabs expanded, no control characters but `\n`.
    pub text: String,
    /// The encoding the bytes were read as, e.g. "UTF-8", "UTF-8 (BOM)", "windows-1251".
    pub encoding: &'static str,
}

/// Width of a tab stop when tabs are expanded.
pub const TAB_STOP: usize = 8;

/// Decode `bytes` into clean text, or say why not: a BOM (UTF-8, UTF-16 LE or
/// BE) decides; else valid UTF-8 is UTF-8; else the encoding is detected.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, clean_text)
}

/// [`decode`] taking the bytes: a UTF-8 file that needs no cleaning becomes
/// its text without a copy (a long book is not held twice).
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
        .iter()
        .any(|b| bytes.starts_with(b));
    if bom || looks_binary(&bytes) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(raw) => {
            let cleaned = match clean(&raw) {
                Cow::Owned(c) => Some(c),
                Cow::Borrowed(_) => None,
            };
            Ok(Decoded {
                text: cleaned.unwrap_or(raw),
                encoding: "UTF-8",
            })
        }
        Err(e) => decode(e.as_bytes()),
    }
}

/// [`decode`] for markup (HTML, FB2): control characters are dropped one by
/// one, never a whole escape sequence, which would take markup with it
/// (`ESC ]` runs to the end of the line); the parser's text nodes are
/// cleaned again after their entities are decoded.
pub fn decode_markup(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, clean_markup)
}

fn decode_with(bytes: &[u8], clean_text: fn(&str) -> String) -> Result<Decoded, DecodeError> {
    let boms: [(&[u8], &'static encoding_rs::Encoding, &'static str); 3] = [
        (&[0xEF, 0xBB, 0xBF], encoding_rs::UTF_8, "UTF-8 (BOM)"),
        (&[0xFF, 0xFE], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&[0xFE, 0xFF], encoding_rs::UTF_16BE, "UTF-16BE"),
    ];
    for (bom, enc, name) in boms {
        if let Some(body) = bytes.strip_prefix(bom) {
            let (text, _) = enc.decode_without_bom_handling(body);
            if text.contains('\0') {
                return Err(DecodeError::Binary);
            }
            return Ok(Decoded {
                text: clean_text(&text),
                encoding: name,
            });
        }
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let (text, encoding) = super::encoding::decode_unlabelled(bytes);
    Ok(Decoded {
        text: clean_text(&text),
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
        // ESC is left out: text coloured with escape sequences is still text.
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 10 > head.len()
}

/// What one pass over the bytes tells about a text.
struct Scan {
    /// It holds CR, tab, control characters, or line/paragraph separators.
    needs_cleaning: bool,
    /// Every character is one that is NFC whatever surrounds it (ASCII, Latin
    /// up to U+02FF, Cyrillic without its combining marks, common punctuation).
    surely_nfc: bool,
}

/// Scan UTF-8 bytes once, at byte speed (a char-by-char check of 5 MB is slower).
fn scan(b: &[u8]) -> Scan {
    let mut out = Scan {
        needs_cleaning: false,
        surely_nfc: true,
    };
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    for (i, &x) in b.iter().enumerate() {
        // Continuation bytes, ASCII and the Cyrillic lead bytes: the common case.
        if (0x20..0x7F).contains(&x)
            || (0x80..0xC0).contains(&x)
            || x == b'\n'
            || x == 0xD0
            || x == 0xD1
        {
            continue;
        }
        match x {
            0..0x20 | 0x7F => out.needs_cleaning = true,
            // U+0080..U+009F (C1 controls) are C2 80..C2 9F.
            0xC2 if at(i + 1) < 0xA0 => out.needs_cleaning = true,
            // U+00A0..U+02FF; U+0400..U+04FF.
            0xC2..=0xCB | 0xD3 => {}
            // The Cyrillic combining marks U+0483..U+0489.
            0xD2 if (0x83..=0x89).contains(&at(i + 1)) => out.surely_nfc = false,
            0xD2 => {}
            // U+0500..U+052F.
            0xD4 if at(i + 1) <= 0xAF => {}
            0xE2 => {
                let (n1, n2) = (at(i + 1), at(i + 2));
                if (n1 == 0x80 && (0xA8..=0xAE).contains(&n2))
                    || (n1 == 0x81 && (0xA6..=0xA9).contains(&n2))
                {
                    // U+2028, U+2029; the bidi embeddings and overrides
                    // U+202A..U+202E and isolates U+2066..U+2069.
                    out.needs_cleaning = true;
                } else if !((n1 == 0x80 && n2 >= 0x90)
                    || (n1 == 0x81 && n2 <= 0x9E)
                    || (n1 == 0x84 && n2 == 0x96))
                {
                    // Not U+2010..U+205E or U+2116.
                    out.surely_nfc = false;
                }
            }
            _ => out.surely_nfc = false,
        }
    }
    out
}

/// Put `s` in NFC, copying only when needed.
fn to_nfc(s: String, surely_nfc: bool) -> String {
    if surely_nfc || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// Is `c` a bidi embedding, override or isolate (U+202A..U+202E,
/// U+2066..U+2069)? They reorder the rest of a terminal line, so they are
/// kept out of the text. The marks U+200E, U+200F and U+061C stay: they
/// only nudge the characters next to them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Normalise text: LF line ends, tabs expanded to [`TAB_STOP`], terminal
/// escape sequences and control characters (C0 but `\n`, DEL, C1) removed,
/// bidi embeddings, overrides and isolates removed (see
/// [`is_bidi_control`]), then NFC. Linear in the length of the text.
pub fn clean_text(raw: &str) -> String {
    clean(raw).into_owned()
}

/// [`clean_text`] without a copy when the text is already clean. Markup
/// parsers run it again on text they decoded from entities and character
/// references (`&#27;` is an ESC), so that nothing they decode escapes it.
pub fn clean(raw: &str) -> Cow<'_, str> {
    clean_with(raw, true)
}

/// [`clean_text`] for markup before it is parsed: ESC is dropped alone, not
/// with the sequence it starts (see [`decode_markup`]).
pub fn clean_markup(raw: &str) -> String {
    clean_with(raw, false).into_owned()
}

fn clean_with(raw: &str, sequences: bool) -> Cow<'_, str> {
    let scanned = scan(raw.as_bytes());
    if !scanned.needs_cleaning {
        if scanned.surely_nfc || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
            return Cow::Borrowed(raw);
        }
        return Cow::Owned(raw.nfc().collect());
    }
    if only_carriage_returns(raw) {
        // The common case (a text with CRLF line ends): line by line.
        let mut out = String::with_capacity(raw.len());
        let mut lines = raw.split('\r');
        out.push_str(lines.next().unwrap_or_default());
        for line in lines {
            out.push('\n');
            out.push_str(line.strip_prefix('\n').unwrap_or(line));
        }
        return Cow::Owned(to_nfc(out, scanned.surely_nfc));
    }
    let mut out = String::with_capacity(raw.len());
    // Characters since the last line break, for tab stops.
    let mut col = 0;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\u{1b}' if sequences => skip_escape_sequence(&mut chars),
            c if c.is_control() || is_bidi_control(c) => {}
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    Cow::Owned(to_nfc(out, scanned.surely_nfc))
}

/// Is CR the only thing [`clean_with`] changes in `raw` (no tab, no other
/// control, no bidi control, no line or paragraph separator)? At byte
/// speed: only the characters that start with a byte any of those may
/// start with are looked at.
fn only_carriage_returns(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.iter().enumerate().all(|(i, &x)| match x {
        b'\n' | b'\r' => true,
        0..0x20 | 0x7F => false,
        0xC2 | 0xD8 | 0xE2 => raw.get(i..).and_then(|r| r.chars().next()).is_none_or(|c| {
            !(c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
        }),
        _ => true,
    })
}

/// Skip the rest of a terminal escape sequence whose ESC was just read:
/// CSI (`ESC [ ... final`), OSC/DCS/APC/PM/SOS strings (ended by BEL or
/// `ESC \\`), or a two-character escape. A line break always ends it.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            while let Some(&c) = chars.peek() {
                if c == '\n' || c == '\r' {
                    return;
                }
                chars.next();
                if ('\u{40}'..='\u{7E}').contains(&c) {
                    return;
                }
            }
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            while let Some(&c) = chars.peek() {
                if c == '\n' || c == '\r' {
                    return;
                }
                chars.next();
                if c == '\u{7}' {
                    return;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    return;
                }
            }
        }
        Some(_) => {
            // Intermediate bytes (`ESC ( B`), then one final byte.
            while chars
                .peek()
                .is_some_and(|c| ('\u{20}'..='\u{2F}').contains(c))
            {
                chars.next();
            }
            if chars
                .peek()
                .is_some_and(|c| ('\u{30}'..='\u{7E}').contains(c))
            {
                chars.next();
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriage_returns_alone_are_line_ends_and_nothing_else_is_missed() {
        assert_eq!(clean_text("a\r\nб\rc\r\r\nd\r"), "a\nб\nc\n\nd\n");
        // With a C1 control, a bidi override or a tab there is more to do.
        assert_eq!(clean_text("a\r\n\u{85}b\u{202E}c"), "a\nbc");
        assert_eq!(clean_text("a\r\n\tb"), "a\n        b");
        assert_eq!(clean_text("e\u{301}\r\n"), "\u{e9}\n");
    }

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
    fn tab_stops_count_from_the_line_start_on_long_lines() {
        let line = "a\t".repeat(20_000);
        let out = clean_text(&format!("{line}\nб\tв"));
        let (first, second) = out.split_once('\n').expect("two lines");
        assert_eq!(first, format!("a{}", " ".repeat(7)).repeat(20_000));
        assert_eq!(second, format!("б{}в", " ".repeat(7)));
        // An escape sequence takes no column; a kept character takes one.
        assert_eq!(
            clean_text("\u{1b}[1mаб\tв"),
            format!("аб{}в", " ".repeat(6))
        );
    }

    #[test]
    fn bidi_overrides_and_isolates_are_removed() {
        assert_eq!(clean_text("a\u{202E}b\u{2066}c\u{2069}d\u{202A}e"), "abcde");
        assert_eq!(clean("a\u{200F}b"), "a\u{200F}b", "marks stay");
        assert!(matches!(clean("чистый текст"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_removed_but_text_kept() {
        assert_eq!(clean_text("a\u{1b}[31mb\u{7f}c\u{85}d\u{0}"), "abcd");
        assert_eq!(clean_text("a\u{A0}b\u{AD}c"), "a\u{A0}b\u{AD}c");
    }

    #[test]
    fn byte_scan_matches_char_checks() {
        let cases = [
            ("Война и мир — «роман», № 5…", false, true),
            ("a\u{2028}b", true, true),
            ("a\u{85}b", true, true),
            ("и\u{306}", false, false),
            ("х\u{483}", false, false),
            ("\u{2000}", false, false),
            ("中", false, false),
            ("a\rb", true, true),
        ];
        for (text, cleaning, nfc) in cases {
            let s = scan(text.as_bytes());
            assert_eq!(
                (s.needs_cleaning, s.surely_nfc),
                (cleaning, nfc),
                "{text:?}"
            );
        }
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(
            clean_text("\u{1b}[31mКрасный\u{1b}[0m текст"),
            "Красный текст"
        );
        assert_eq!(
            clean_text("a\u{1b}]0;title\u{7}b\u{1b}]8;;http://x\u{1b}\\c"),
            "abc"
        );
        assert_eq!(clean_text("a\u{1b}(Bb\u{1b}"), "ab");
        assert_eq!(clean_text("a\u{1b}[31\nb"), "a\nb");
        let coloured = "\u{1b}[1;31mЗаголовок\u{1b}[0m\n\nТекст.\n".repeat(3);
        assert!(
            decode(coloured.as_bytes()).is_ok(),
            "escape codes do not make a file binary"
        );
    }

    #[test]
    fn text_is_nfc() {
        // и + combining breve becomes й; stress marks stay combining.
        assert_eq!(clean_text("и\u{306}"), "й");
        assert_eq!(clean_text("а\u{301}"), "а\u{301}");
    }

    #[test]
    fn binary_legacy_and_utf16() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary));
        let d = decode(b"ok \xcf\xf0\xe8\xe2\xe5\xf2").expect("cp1251");
        assert_eq!((d.text.as_str(), d.encoding), ("ok Привет", "windows-1251"));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Мир\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&le).map(|d| (d.text, d.encoding)),
            Ok(("Мир\n".to_string(), "UTF-16LE"))
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Мир".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).map(|d| d.encoding), Ok("UTF-16BE"));
    }
}
