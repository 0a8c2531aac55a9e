//! French and German words whose accented letters went through a Latin-1 →
//! Windows-1251 mix-up: lib.ru's War and Peace has «prйviens», «chиre»,
//! «Gкnes», «franзaise», «kцnnen» (é è ê ç ö read as the Cyrillic letters
//! with the same byte). [`restore`] gives them back their letters.
//!
//! The rule: in a word that is otherwise Latin (more Latin letters than
//! Cyrillic ones), each Cyrillic letter that no Latin letter looks like (й и
//! к з ф ы в ц ь д п л щ ъ ж and their capitals but В and К, which look like
//! B and K: «Вourienne») becomes the Latin-1 letter of its Windows-1251 byte. A word with а, о, е, с, р, х or у (letters that
//! look Latin: «соusin», «Voilа») is left alone, since those are as often
//! typed by mistake for their Latin twins as mixed up; so is a Russian word
//! with one Latin look-alike («Mы», «Aндрей»). A text is only touched when
//! at least [`MIN_WORDS`] words show the mix-up.

use std::borrow::Cow;

/// Fewest mixed-up words that make a text one to put right.
pub const MIN_WORDS: usize = 3;

/// The Latin-1 letter a Cyrillic letter's Windows-1251 byte stands for,
/// for the letters no Latin letter looks like.
fn latin1(c: char) -> Option<char> {
    Some(match c {
        'й' => 'é',
        'и' => 'è',
        'к' => 'ê',
        'з' => 'ç',
        'ф' => 'ô',
        'ы' => 'û',
        'в' => 'â',
        'ц' => 'ö',
        'ь' => 'ü',
        'д' => 'ä',
        'п' => 'ï',
        'л' => 'ë',
        'щ' => 'ù',
        'ъ' => 'ú',
        'ж' => 'æ',
        'Й' => 'É',
        'И' => 'È',
        'З' => 'Ç',
        'Ф' => 'Ô',
        'Ы' => 'Û',
        'Ц' => 'Ö',
        'Ь' => 'Ü',
        'Д' => 'Ä',
        'П' => 'Ï',
        'Л' => 'Ë',
        'Щ' => 'Ù',
        'Ъ' => 'Ú',
        'Ж' => 'Æ',
        _ => return None,
    })
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

/// Is `word` (a run of letters) a Latin word with mixed-up letters?
fn mixed_up(word: &str) -> bool {
    // Most words of a Russian book: no Latin letter, nothing to count.
    if !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if is_cyrillic(c) {
            if latin1(c).is_none() {
                return false;
            }
            cyrillic += 1;
        }
    }
    cyrillic > 0 && latin > cyrillic
}

/// `char::is_alphabetic`, answered without its tables for the letters a
/// Russian text is made of (the slow lookup was most of a long book's parse).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'А'..='я' | 'ё' | 'Ё' => true,
        '\0'..='\u{7f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Runs of letters in `text`, with their byte ranges.
fn words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| {
            if is_letter(c) {
                start.get_or_insert(i);
                None
            } else {
                start.take().map(|s| s..i)
            }
        })
}

/// The text with the mixed-up letters of its Latin words put right, when
/// at least [`MIN_WORDS`] words show the mix-up (borrowed otherwise).
pub(super) fn restore(text: &str) -> Cow<'_, str> {
    let mixed = words(text)
        .filter(|r| mixed_up(&text[r.clone()]))
        .take(MIN_WORDS)
        .count();
    if mixed < MIN_WORDS {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in words(text) {
        let word = &text[r.clone()];
        if mixed_up(word) {
            out.push_str(&text[at..r.start]);
            out.extend(word.chars().map(|c| latin1(c).unwrap_or(c)));
            at = r.end;
        }
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_get_their_letters_back() {
        let text = "— Je vous prйviens, ma chиre, Gкnes est franзaise. Schцn!";
        assert_eq!(
            restore(text),
            "— Je vous préviens, ma chère, Gênes est française. Schön!"
        );
    }

    #[test]
    fn russian_words_and_look_alikes_stay() {
        // One word only: not a text with the mix-up.
        assert_eq!(restore("Il est prйvenu."), "Il est prйvenu.");
        let text =
            "prйviens chиre Gкnes. Mы с Aндрей, соusin, Voilа, cвободен, зa, кот, Вourienne.";
        assert_eq!(
            restore(text),
            "préviens chère Gênes. Mы с Aндрей, соusin, Voilа, cвободен, зa, кот, Вourienne."
        );
    }
}
