//! What the commands print, made safe for a terminal: no byte of a title, a
//! note, a section or a file name may act as an escape sequence.
//!
//! Two nets, behind the [`crate::messages::shown`] each command already
//! applies to what it takes from data:
//! - [`Safe`], a writer around stdout and stderr that escapes any control
//!   character other than a line break or a tab (and bidirectional
//!   overrides), whatever a command forgot;
//! - [`json`] and [`json_line`], the one way every `--json` output is written:
//!   JSON whose strings hold no raw control, bidirectional or separator
//!   character (serde_json escapes only C0), so that `… --json` piped to a
//!   terminal is as safe as the text, and still parses to the same strings.

use crate::messages::is_unsafe;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A writer that passes text through, except characters that a terminal
/// would act on: those are written as `\u{..}` escapes (as
/// [`crate::messages::shown`] does). Line breaks and tabs pass. Bytes that
/// are not UTF-8 are written as U+FFFD.
#[derive(Debug)]
pub struct Safe<W: Write> {
    inner: W,
    /// The start of a character cut by the end of the last write.
    pending: Vec<u8>,
}

impl<W: Write> Safe<W> {
    /// Wrap `inner`.
    pub fn new(inner: W) -> Safe<W> {
        Safe {
            inner,
            pending: Vec::new(),
        }
    }

    fn put(&mut self, text: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c != '\n' && c != '\t' && is_unsafe(c) {
                self.inner.write_all(&text.as_bytes()[start..i])?;
                write!(self.inner, "{}", c.escape_unicode())?;
                start = i + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[start..])
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.put(text)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // Checked by from_utf8 just now.
                    self.put(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        Some(n) => {
                            self.put("\u{FFFD}")?;
                            rest = &bad[n..];
                        }
                        None => {
                            // A character cut in two: the rest comes next.
                            self.pending = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Safe<W> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{FFFD}".as_bytes());
        }
        let _ = self.inner.flush();
    }
}

/// A serde_json formatter that also escapes, as `\uXXXX`, what serde_json
/// leaves raw in strings: DEL, the C1 controls (U+0085, U+009B, …),
/// bidirectional overrides and isolates, and the line and paragraph
/// separators. Layout comes from the formatter inside.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write `value` as pretty JSON and a line break: the one way a `--json`
/// document (an array) is printed.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    writeln!(out)?;
    Ok(())
}

/// Write `value` as one line of JSON (JSON Lines), escaped as [`json`] is.
pub fn json_line<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        Escaping(serde_json::ser::CompactFormatter),
    );
    value.serialize(&mut ser)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\u{1b}]52;c;aGk=\u{7}b\u{9b}c\u{85}d\u{7f}e\u{202e}f\u{2066}g\u{2028}h\u{90}i";

    fn raw_unsafe(bytes: &[u8]) -> Vec<char> {
        String::from_utf8_lossy(bytes)
            .chars()
            .filter(|&c| c != '\n' && c != '\t' && is_unsafe(c))
            .collect()
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw_and_round_trips() {
        let value = serde_json::json!({ "note": HOSTILE, HOSTILE: [HOSTILE] });
        for pretty in [true, false] {
            let mut out = Vec::new();
            if pretty {
                json(&mut out, &value).unwrap();
            } else {
                json_line(&mut out, &value).unwrap();
            }
            assert_eq!(raw_unsafe(&out), Vec::<char>::new());
            let back: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(back, value);
        }
        let mut out = Vec::new();
        json(&mut out, &["\u{9b}\u{2066}"]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "[\n  \"\\u009b\\u2066\"\n]\n"
        );
    }

    #[test]
    fn safe_writer_escapes_controls_even_cut_between_writes() {
        let mut buf = Vec::new();
        {
            let mut w = Safe::new(&mut buf);
            let bytes = format!("{HOSTILE}\tПётр\n").into_bytes();
            // Byte by byte: every multi-byte character is cut.
            for b in &bytes {
                w.write_all(std::slice::from_ref(b)).unwrap();
            }
            w.write_all(b"\xff!\n").unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(raw_unsafe(text.as_bytes()), Vec::<char>::new());
        assert!(text.contains("\tПётр\n"), "{text:?}");
        assert!(
            text.contains("a\\u{1b}]52;c;aGk=\\u{7}b\\u{9b}c"),
            "{text:?}"
        );
        assert!(text.ends_with("\u{FFFD}!\n"), "{text:?}");
    }
}
