//! Folding text for search, shared by every search: full lower case, ё=е,
//! stress marks and similar accents dropped (but й stays й: U+0306 is never
//! dropped), soft hyphens dropped, any run of white space (NBSP, line breaks,
//! padding) one space. A [`Folded`] text maps every position back to the
//! original, so hits are highlighted exactly.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Is `c` a mark that search ignores? Combining diacritics but the breve
/// (U+0306, which makes й from и), and the Cyrillic titlo-like marks.
fn ignored_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{487}') && c != '\u{306}'
}

/// Fold one character into `out` (nothing, for marks and soft hyphens).
fn fold_char(c: char, out: &mut String) {
    match c {
        'ё' | 'Ё' => out.push('е'),
        'й' | 'Й' => out.push('й'),
        // Soft hyphens, and note references' superscript digits ("dites¹").
        '\u{AD}' | '\u{B9}' | '\u{B2}' | '\u{B3}' | '\u{2070}' | '\u{2074}'..='\u{2079}' => {}
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        // The common case, Russian letters, without a table look-up.
        'а'..='я' => out.push(c),
        'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
        c if ignored_mark(c) => {}
        c => {
            let mut parts = String::new();
            decompose_canonical(c, |p| parts.push(p));
            let mut chars = parts.chars();
            let base = chars.next().unwrap_or(c);
            let marks: Vec<char> = chars.collect();
            // Only a letter whose marks are all ignored accents is taken apart
            // (not a Hangul syllable, not a vowel sign); a breve stays on its
            // letter (ӣ, ă).
            let accented = !marks.is_empty()
                && !is_combining_mark(base)
                && marks.iter().all(|&m| ignored_mark(m));
            let (base, marks) = if accented {
                (base, marks)
            } else {
                (c, Vec::new())
            };
            if base == 'е' || base == 'Е' {
                out.push('е');
                return;
            }
            for l in base.to_lowercase().chain(marks) {
                if !ignored_mark(l) {
                    out.push(l);
                }
            }
        }
    }
}

/// Fold `s` for a loose match (no position map).
pub fn fold_simple(s: &str) -> String {
    Folded::new(s).text
}

/// Fold `s` into `out` (cleared first): the same text as
/// [`Folded::new`] makes, without the map back, for a quick look at
/// whether a query is in it at all.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let bytes = s.as_bytes();
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // The common letters straight from their bytes: ASCII, and the
        // Russian alphabet (two bytes, lead 0xD0 or 0xD1).
        let quick = if b < 0x80 {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                space = true;
                i += 1;
                continue;
            }
            Some((char::from(b.to_ascii_lowercase()), 1))
        } else if (b == 0xD0 || b == 0xD1) && i + 1 < bytes.len() {
            let cp = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
            match cp {
                0x401 | 0x451 => Some(('е', 2)),
                0x410..=0x42F => char::from_u32(cp + 0x20).map(|c| (c, 2)),
                0x430..=0x44F => char::from_u32(cp).map(|c| (c, 2)),
                _ => None,
            }
        } else {
            None
        };
        if let Some((c, len)) = quick {
            if std::mem::take(&mut space) && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            i += len;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) && !out.is_empty() {
            out.push(' ');
        }
        fold_char(c, out);
    }
}

/// A folded text with a map back to the original's byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// (folded offset, original offset) where the difference between the two
    /// changes; sorted by folded offset.
    map: Vec<(u32, u32)>,
    /// Length of the original text.
    orig_len: usize,
}

impl Folded {
    /// Fold `s`.
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map: Vec<(u32, u32)> = Vec::new();
        let mut delta: i64 = i64::MIN;
        // Where the current run of white space started, if in one.
        let mut space: Option<usize> = None;
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                space.get_or_insert(i);
                continue;
            }
            if let Some(run) = space.take()
                && !text.is_empty()
            {
                Self::mark(&mut map, &mut delta, text.len(), run);
                text.push(' ');
            }
            let before = text.len();
            fold_char(c, &mut text);
            // Every folded character points at the source character it came
            // from (one source character may fold to several).
            let mut at = before;
            while at < text.len() {
                if at == before {
                    Self::mark(&mut map, &mut delta, at, i);
                } else {
                    map.push((
                        u32::try_from(at).unwrap_or(u32::MAX),
                        u32::try_from(i).unwrap_or(u32::MAX),
                    ));
                    delta = i as i64 - at as i64;
                }
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        Self::mark(&mut map, &mut delta, text.len(), s.trim_end().len());
        Folded {
            text,
            map,
            orig_len: s.len(),
        }
    }

    fn mark(map: &mut Vec<(u32, u32)>, delta: &mut i64, folded: usize, orig: usize) {
        let d = orig as i64 - folded as i64;
        if d != *delta {
            map.push((
                u32::try_from(folded).unwrap_or(u32::MAX),
                u32::try_from(orig).unwrap_or(u32::MAX),
            ));
            *delta = d;
        }
    }

    /// The original offset of folded offset `f` (a char boundary of the folded text).
    pub fn original(&self, f: usize) -> usize {
        let f32 = u32::try_from(f).unwrap_or(u32::MAX);
        let i = self.map.partition_point(|&(ff, _)| ff <= f32);
        match i.checked_sub(1).map(|j| self.map[j]) {
            Some((ff, oo)) => (oo as usize + (f - ff as usize)).min(self.orig_len),
            None => f.min(self.orig_len),
        }
    }

    /// The original byte range of the folded range `r`: from the start of the
    /// first folded character to the start of the character after the last
    /// (so marks that were dropped after it are inside).
    pub fn original_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.original(r.start);
        let end = self.original(r.end);
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_rules() {
        let cases = [
            ("Ёлка", "елка"),
            ("ЗАМО\u{301}К", "замок"),
            ("Й", "й"),
            ("и\u{306}", "и\u{306}"), // decomposed й stays a й (NFC makes it й before we see it)
            ("ѐ ѝ", "е и"),           // precomposed grave accents go
            ("Café", "cafe"),
            ("сотруд\u{AD}ничество", "сотрудничество"),
            ("князь  \n  Андрей", "князь андрей"),
            ("10\u{A0}000", "10 000"),
            ("  края  ", "края"),
            ("ΣΊΣΥΦΟΣ", "σισυφοσ"),
            ("dites¹, сноска¹²³⁴⁰", "dites, сноска"),
        ];
        for (s, want) in cases {
            assert_eq!(Folded::new(s).text, want, "{s:?}");
        }
        assert_ne!(fold_simple("й"), fold_simple("и"));
    }

    #[test]
    fn fold_into_makes_the_folded_text() {
        let mut out = String::from("left over");
        for s in [
            "  Кни\u{301}га князя  \nАндре\u{301}я ",
            "a \u{AD}b a \u{AD} b \u{AD}",
            "\u{AD} Ёлка\u{A0}ΣΊΣΥΦΟΣ dites¹ ѐ",
            "",
            "   ",
            "ЁЛКА ёлка ЙОД РЯБЬ АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ\u{85}x\u{2028}y",
        ] {
            fold_into(s, &mut out);
            assert_eq!(out, Folded::new(s).text, "{s:?}");
        }
        // Every character of the first pages of Unicode, alone and in words.
        let all: String = (0..0x2100u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'ж', c, ' '])
            .collect();
        fold_into(&all, &mut out);
        assert_eq!(out, Folded::new(&all).text);
    }

    #[test]
    fn positions_map_back() {
        let s = "Кни\u{301}га князя  \nАндре\u{301}я";
        let f = Folded::new(s);
        assert_eq!(f.text, "книга князя андрея");
        let at = f.text.find("андрея").expect("found");
        let r = f.original_range(at..at + "андрея".len());
        assert_eq!(&s[r], "Андре\u{301}я");
        let at = f.text.find("князя").expect("found");
        assert_eq!(&s[f.original_range(at..at + "князя".len())], "князя");
        let nb = Folded::new("10\u{A0}000 руб");
        assert_eq!(&"10\u{A0}000 руб"[nb.original_range(0..2)], "10");
        let at = f.text.find("книга").expect("found");
        assert_eq!(&s[f.original_range(at..at + "книга".len())], "Кни\u{301}га");
        let at = f
            .text
            .find("князя андрея")
            .expect("phrase across a line break");
        assert_eq!(
            &s[f.original_range(at..f.text.len())],
            "князя  \nАндре\u{301}я"
        );
    }

    #[test]
    fn marks_after_a_hit_are_inside_it() {
        let s = "ка\u{301} да";
        let f = Folded::new(s);
        assert_eq!(f.text, "ка да");
        assert_eq!(&s[f.original_range(0.."ка".len())], "ка\u{301}");
    }
}
