//! lib.ru's „ in place of ё: old lib.ru texts (through KOI8 and Windows-1251
//! conversions) carry „ (U+201E) where the letter ё was: «Вс„ в его
//! фигуре», «сч„т», «„рническим». [`restore`] puts ё (or Ё) back.
//!
//! The rule, for each „ of a text that shows the pattern:
//! - after a Cyrillic letter (inside a word or at its end: «сч„т», «вс„,»)
//!   it is ё. An opening quote never follows a letter, and no language
//!   closes a quote with „.
//! - at the start of a word (after a space, a line break, a dash, an
//!   opening bracket or the start) and before a lower-case Cyrillic letter
//!   (or two capitals: «„ЛКА»), it is ё only when no closing quote (“, ”,
//!   ASCII `"`, a » not closing a « of its own) follows before the next „
//!   within [`QUOTE_REACH`] characters: „слово“ and „слово» stay quotes.
//! - anything else (a „ between spaces, before a capital and lower-case
//!   letters as in „Слово“, after a Latin letter or a digit) is left alone.
//!
//! Stress marks (U+0300..U+036F) and soft hyphens (U+00AD) next to the „
//! are looked through: «вс\u{301}„», «сч„\u{301}т», «мат\u{AD}„рый».
//! It is Ё when the word is in capitals around it («ВС„» «ВС„М», not «Вс„»
//! nor «Е„»), or when it starts a word in capitals or a sentence.
//!
//! A text shows the pattern when at least [`MIN_AFTER_LETTER`] „ follow a
//! letter and they are more than half of its „: a German or Russian text
//! with its „quotes“ (and a stray typo) is never touched.

use crate::core::document::Block;
use std::borrow::Cow;

/// The character lib.ru has for ё.
const LOW_QUOTE: char = '\u{201E}';

/// Fewest „ after a letter that make a text a lib.ru one.
pub const MIN_AFTER_LETTER: usize = 3;

/// How far (in characters) a closing quote is looked for after a „ that
/// starts a word.
pub const QUOTE_REACH: usize = 1000;

/// Is `c` a Cyrillic letter?
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{52F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
        && c.is_alphabetic()
}

/// Marks looked through: combining accents (stress marks) and soft hyphens.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{AD}')
}

/// The characters before byte `i`, marks skipped.
fn before(text: &str, i: usize) -> impl Iterator<Item = char> + '_ {
    text[..i].chars().rev().filter(|&c| !is_mark(c))
}

/// The characters after the „ at byte `i`, marks skipped.
fn after(text: &str, i: usize) -> impl Iterator<Item = char> + '_ {
    text[i + LOW_QUOTE.len_utf8()..]
        .chars()
        .filter(|&c| !is_mark(c))
}

/// Does the „ at byte `i` follow a Cyrillic letter?
fn follows_letter(text: &str, i: usize) -> bool {
    before(text, i).next().is_some_and(is_cyrillic_letter)
}

/// What the „ at byte `i` stands for: ё, Ё, or itself (None).
fn letter_at(text: &str, i: usize) -> Option<char> {
    let mut back = before(text, i);
    let prev = back.next();
    let mut ahead = after(text, i);
    let next = ahead.next();
    let next_letter = next.filter(|&c| is_cyrillic_letter(c));
    if let Some(p) = prev.filter(|&c| is_cyrillic_letter(c)) {
        // Inside or at the end of a word.
        let capitals = p.is_uppercase()
            && match next_letter {
                Some(n) => n.is_uppercase(),
                None => back.next().is_some_and(|c| c.is_uppercase()),
            };
        return Some(if capitals { 'Ё' } else { 'ё' });
    }
    // At the start of a word, or not a letter at all.
    let starts_word = prev.is_none_or(|c| c.is_whitespace() || "-‐–—([{/".contains(c));
    let n = next_letter?;
    if !starts_word {
        return None;
    }
    let capitals = n.is_uppercase();
    if capitals && !ahead.next().is_some_and(|c| c.is_uppercase()) {
        // „Слово: a quote before a capitalised word.
        return None;
    }
    if closing_quote_follows(text, i) {
        return None;
    }
    Some(if capitals || starts_sentence(text, i) {
        'Ё'
    } else {
        'ё'
    })
}

/// Is the „ at byte `i` closed (“, ”, `"`, or a » of no « of its own)
/// before the next „, within [`QUOTE_REACH`] characters?
fn closing_quote_follows(text: &str, i: usize) -> bool {
    let mut guillemets = 0usize;
    for c in text[i + LOW_QUOTE.len_utf8()..].chars().take(QUOTE_REACH) {
        match c {
            LOW_QUOTE => return false,
            '“' | '”' | '"' => return true,
            '«' => guillemets += 1,
            '»' if guillemets == 0 => return true,
            '»' => guillemets -= 1,
            _ => {}
        }
    }
    false
}

/// Does the „ at byte `i` start a sentence: nothing but white space and
/// dashes between it and the start of the text or a . ! ? …?
fn starts_sentence(text: &str, i: usize) -> bool {
    before(text, i)
        .find(|&c| !(c.is_whitespace() || "-‐–—".contains(c)))
        .is_none_or(|c| ".!?…".contains(c))
}

/// The „ of `texts` that follow a letter, and all their „.
fn count(texts: &[&str]) -> (usize, usize) {
    let mut after_letter = 0;
    let mut all = 0;
    for text in texts {
        for (i, _) in text.match_indices(LOW_QUOTE) {
            all += 1;
            if follows_letter(text, i) {
                after_letter += 1;
            }
        }
    }
    (after_letter, all)
}

/// Do `texts` (the parts of one document) show lib.ru's „ for ё?
pub fn shows_pattern(texts: &[&str]) -> bool {
    let (after_letter, all) = count(texts);
    after_letter >= MIN_AFTER_LETTER && after_letter * 2 > all
}

/// `text` with each „ that stands for ё replaced (see the module's rule),
/// whether or not the text shows the pattern; and the byte offsets (in
/// `text`) of the „ replaced.
pub fn replace(text: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut done = Vec::new();
    let mut out = String::new();
    let mut copied = 0;
    for (i, _) in text.match_indices(LOW_QUOTE) {
        if let Some(c) = letter_at(text, i) {
            if out.is_empty() {
                out.reserve(text.len());
            }
            out.push_str(&text[copied..i]);
            out.push(c);
            copied = i + LOW_QUOTE.len_utf8();
            done.push(i);
        }
    }
    if done.is_empty() {
        return (Cow::Borrowed(text), done);
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), done)
}

/// `text` with lib.ru's „ for ё put right, when the text shows the pattern.
pub fn restore(text: &str) -> Cow<'_, str> {
    if shows_pattern(&[text]) {
        replace(text).0
    } else {
        Cow::Borrowed(text)
    }
}

/// Put lib.ru's „ for ё right in a document's blocks (their spans moved
/// with the text) and in `others` (title, author), when the blocks show
/// the pattern.
pub(super) fn restore_blocks(blocks: &mut [Block], others: Vec<&mut String>) {
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    if !shows_pattern(&texts) {
        return;
    }
    for b in blocks {
        let (text, done) = replace(&b.text);
        if done.is_empty() {
            continue;
        }
        let text = text.into_owned();
        // Each ё is a byte shorter than the „ it replaces.
        let moved = |at: usize| at - done.partition_point(|&d| d < at);
        for s in &mut b.spans {
            s.range = moved(s.range.start)..moved(s.range.end);
        }
        b.text = text;
    }
    for o in others {
        let fixed = match replace(o).0 {
            Cow::Owned(t) => Some(t),
            Cow::Borrowed(_) => None,
        };
        if let Some(t) = fixed {
            *o = t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(s: &str) -> String {
        replace(s).0.into_owned()
    }

    #[test]
    fn inside_and_at_the_end_of_a_word() {
        assert_eq!(fixed("Вс„ в его фигуре"), "Всё в его фигуре");
        assert_eq!(fixed("сч„т, вс„-таки, вс„."), "счёт, всё-таки, всё.");
        assert_eq!(fixed("подъ„м съ„жилась е„\""), "подъём съёжилась её\"");
        assert_eq!(fixed("вс„\nдальше"), "всё\nдальше");
    }

    #[test]
    fn capitals_around_make_a_capital() {
        assert_eq!(
            fixed("ВС„ ВС„М В„дра Л„гко Е„ ВСЕ„"),
            "ВСЁ ВСЁМ Вёдра Лёгко Её ВСЕЁ"
        );
        assert_eq!(fixed("и „ЛКА"), "и ЁЛКА");
    }

    #[test]
    fn at_the_start_of_a_word() {
        assert_eq!(fixed("тем „рническим языком"), "тем ёрническим языком");
        assert_eq!(fixed("Тише. „лка горит"), "Тише. Ёлка горит");
        assert_eq!(fixed("   - „лка!"), "   - Ёлка!");
        assert_eq!(fixed("„лка"), "Ёлка");
    }

    #[test]
    fn quotes_are_untouched() {
        for s in [
            "„Слово“",
            "и „слово“ тоже",
            "и „слово» тоже",
            "и „слово\" тоже",
            "Das „Haus“ ist alt.",
            "„Ёлка“",
            "сказал:\n„вот так,\nи так“ — и ушёл",
            "«да» „нет“",
            "„раз“ и „два“",
            "кто „ знает",
            "x„лка 5„лка",
            "„Лка",
        ] {
            assert_eq!(fixed(s), s);
        }
        // A » of its own « does not close a „.
        assert_eq!(
            fixed("тем „рническим «словом» вот"),
            "тем ёрническим «словом» вот"
        );
    }

    #[test]
    fn stress_marks_and_soft_hyphens_are_looked_through() {
        assert_eq!(fixed("вс„\u{301} тут"), "всё\u{301} тут");
        assert_eq!(fixed("вс\u{301}„ тут"), "вс\u{301}ё тут");
        assert_eq!(fixed("сч„\u{301}т"), "счё\u{301}т");
        assert_eq!(fixed("мат\u{AD}„рый"), "мат\u{AD}ёрый");
        assert_eq!(fixed("ВС\u{301}„"), "ВС\u{301}Ё");
        assert_eq!(fixed("„\u{301}лка"), "Ё\u{301}лка");
    }

    #[test]
    fn only_a_text_that_shows_the_pattern_is_changed() {
        let quotes = "„Слово“ и „слово“, и „ещё“ — и опечатка вс„.";
        assert_eq!(restore(quotes), quotes);
        assert_eq!(restore("вс„ и вс„"), "вс„ и вс„");
        assert_eq!(restore("вс„, вс„ и сч„т"), "всё, всё и счёт");
        // Quotes outnumber the letters: a quoting text with typos.
        let typos = "„а“ „б“ „в“ „г“ вс„ вс„ вс„";
        assert_eq!(restore(typos), typos);
        // In a lib.ru text, its real quotes stay.
        assert_eq!(
            restore("вс„ вс„ вс„ „Слово“ и „слово“"),
            "всё всё всё „Слово“ и „слово“"
        );
    }

    #[test]
    fn the_worst_cases_are_linear() {
        let line = "„".repeat(1 << 20);
        assert_eq!(restore(&line), line);
        assert_eq!(fixed(&line), line);
        let words = "„а ".repeat(1 << 18);
        assert_eq!(fixed(&words), "ёа ".repeat(1 << 18).replacen('ё', "Ё", 1));
        let marks = format!("а{}„", "\u{301}".repeat(1 << 20));
        assert!(fixed(&marks).ends_with('ё'));
        let pairs = "а„".repeat(1 << 19);
        assert_eq!(restore(&pairs), "аё".repeat(1 << 19));
    }

    #[test]
    fn spans_move_with_the_text() {
        use crate::core::document::{BlockKind, Inline, Span};
        let mut b = Block::new(BlockKind::Paragraph, "вс„ сч„т вс„ конец");
        let end = b.text.len();
        let word = b.text.find("конец").expect("a word");
        b.spans = vec![
            Span {
                range: word..end,
                style: Inline::Emphasis,
            },
            Span {
                range: 0.."вс„".len(),
                style: Inline::Strong,
            },
        ];
        let mut title = "Ёлки вс„".to_string();
        let mut blocks = [b];
        restore_blocks(&mut blocks, vec![&mut title]);
        let b = &blocks[0];
        assert_eq!(b.text, "всё счёт всё конец");
        assert_eq!(&b.text[b.spans[0].range.clone()], "конец");
        assert_eq!(&b.text[b.spans[1].range.clone()], "всё");
        assert_eq!(title, "Ёлки всё");
    }
}
