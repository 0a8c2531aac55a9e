//! Numeric character references that plain texts carry from the HTML they
//! were saved from: lib.ru's Бесы has «trait&#233; comme un vieux bonnet»
//! (82 times `&#233;`), Anna Karenina «&#243;». [`restore`] puts the letter
//! back when a reference stands for a letter outside ASCII (é, à, ó, ї):
//! nobody writes `&#97;` for "a", and a text about HTML that shows `&lt;` or
//! `&#60;` keeps them as written.

use std::borrow::Cow;

/// Longest reference looked at: `&#` + seven digits + `;` (or `&#x` + six).
const MAX_REF: usize = 11;

/// The letter a reference at the start of `s` stands for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.get(..MAX_REF.min(s.len()))?.find(';').or_else(|| {
        // A window cut inside a character: look at the bytes.
        s.as_bytes().iter().take(MAX_REF).position(|&b| b == b';')
    })?;
    let body = s.get(2..end)?;
    let code = match body.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).ok()?
        }
        None if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) => {
            body.parse().ok()?
        }
        _ => return None,
    };
    let c = char::from_u32(code)?;
    (!c.is_ascii() && c.is_alphabetic()).then_some((c, end + 1))
}

/// The text with its numeric references to letters put back as letters
/// (borrowed when it has none).
pub(super) fn restore(text: &str) -> Cow<'_, str> {
    if !text.contains("&#") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match reference(tail) {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
                changed = true;
            }
            None => {
                out.push_str("&#");
                rest = &tail[2..];
            }
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_come_back_and_the_rest_stays() {
        assert_eq!(
            restore("trait&#233; comme &#224; propos, caf&#xE9;"),
            "traité comme à propos, café"
        );
        // ASCII, punctuation, not letters, no semicolon, too long, empty.
        for kept in [
            "&#97;",
            "&#60;b&#62;",
            "&#8212;",
            "&#233 без точки с запятой",
            "&#00000000233;",
            "&#;",
            "&#x;",
            "&#xZZ;",
            "&#55296;",
            "&#",
            "a&#",
            "&#12345678901234567890;",
        ] {
            assert_eq!(restore(kept), kept, "{kept:?}");
        }
        assert!(matches!(restore("без ссылок"), Cow::Borrowed(_)));
        assert_eq!(restore("&#1105;лка и &#x451;ж"), "ёлка и ёж");
        // Cyrillic around a cut window: no panic, kept.
        assert_eq!(restore("&#ёёёёёёёё;"), "&#ёёёёёёёё;");
    }

    #[test]
    fn a_plain_text_is_read_with_its_letters() {
        let d = super::super::parse_str(
            "«C'est trait&#233; comme un vieux bonnet», &#8212; сказал он.\n",
        );
        assert_eq!(
            d.blocks[0].text,
            "«C'est traité comme un vieux bonnet», &#8212; сказал он."
        );
    }

    #[test]
    fn a_million_openings_are_linear() {
        let s = "&#".repeat(1_000_000);
        assert_eq!(restore(&s).len(), s.len());
    }
}
