//! Every piece of text chitalka shows a person, in one place (a module per
//! part of the app), so that a translation can follow.

pub mod config;
pub mod config_file;
mod data;
mod errors;
mod files;
pub mod hint;
pub mod info;
mod io;
pub mod keys;
mod links;
mod marks;
pub mod note;
mod screens;

pub use data::*;
pub use errors::index_error;
pub use files::*;
pub use io::io_reason;
pub use links::*;
pub use marks::*;
pub use screens::*;

/// `n` and the noun for it: "1 hit", "2 hits" (English: `one` for one,
/// `many` for any other count).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text made safe to print to a terminal: control characters (ESC, BEL, DEL,
/// the C1 set with U+009B and U+0085, and the rest, which a file name, a
/// title or a note may hold), bidirectional overrides and isolates, and line
/// separators are shown as `\u{..}` escapes. Everything a command prints
/// that came from data goes through this (or [`shown_lines`]).
pub fn shown(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    push_shown(&mut out, s);
    out
}

/// [`shown`] for text of many lines (a note): its line breaks stay line
/// breaks (`\r\n` becomes `\n`); every other control character is escaped.
pub fn shown_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_shown(&mut out, line.strip_suffix('\r').unwrap_or(line));
    }
    out
}

fn push_shown(out: &mut String, s: &str) {
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
}

/// Characters that must never reach a terminal from user data: controls
/// (C0, DEL, C1), bidirectional overrides and isolates (which reorder what
/// follows them), and the line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_escapes_every_kind_of_control() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{9b}c\u{85}d\u{7f}e\u{202e}f\u{2066}g\u{2028}h\ti";
        let s = shown(hostile);
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert_eq!(
            s,
            "a\\u{1b}]52;c;aGk=\\u{7}b\\u{9b}c\\u{85}d\\u{7f}e\\u{202e}f\\u{2066}g\\u{2028}h\\u{9}i"
        );
        assert_eq!(shown("Пётр I"), "Пётр I");
    }

    #[test]
    fn shown_lines_keeps_line_breaks_only() {
        assert_eq!(
            shown_lines("one\r\ntwo\n\u{1b}[2Jthree"),
            "one\ntwo\n\\u{1b}[2Jthree"
        );
        assert_eq!(shown_lines("a\rb"), "a\\u{d}b");
    }
}
