//! Which encoding a file without a BOM is in: UTF-8 when the bytes are valid
//! UTF-8; else chardetng's guess, checked against the Cyrillic encodings that
//! old Russian texts use (windows-1251, KOI8-R, IBM866, ISO-8859-5), because
//! on short texts any detector can be fooled.

use encoding_rs::{Encoding, IBM866, ISO_8859_5, KOI8_U, UTF_8, WINDOWS_1251};
use std::borrow::Cow;

/// The Cyrillic single-byte encodings, in order of preference on a tie.
const CYRILLIC: [&Encoding; 4] = [WINDOWS_1251, KOI8_U, IBM866, ISO_8859_5];

/// How many bytes are looked at to choose the encoding.
const SAMPLE: usize = 64 * 1024;

/// The name chitalka shows for an encoding. KOI8-U is a superset of KOI8-R
/// with the same Russian letters; Russian texts call it KOI8-R.
pub fn display_name(e: &'static Encoding) -> &'static str {
    if e == KOI8_U { "KOI8-R" } else { e.name() }
}

/// Russian letters in order of frequency; the first ones are the commonest.
const FREQUENT: &str = "оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё";

/// How much `text` looks like Russian, 0.0 to 1.0. Letters are weighed by
/// how common they are in Russian (case aside); a capital inside a word after
/// a small letter ("пРИВЕТ", what a wrong table makes of case) and a Cyrillic
/// letter inside a Latin word ("Dйjа", what Latin-1 text read as Cyrillic
/// looks like) count against.
fn russian_score(text: &str) -> f64 {
    let (mut score, mut letters) = (0.0, 0usize);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !c.is_ascii() {
            letters += 1;
            let (lower, _, upper) = case_of(c);
            if let Some(rank) = frequency_rank(lower) {
                score += if rank < 10 { 2.0 } else { 1.0 };
                if let Some(p) = prev {
                    let flipped = case_of(p).1 && upper;
                    if flipped || p.is_ascii_alphabetic() {
                        score -= 3.0;
                    }
                }
            }
        } else if c.is_ascii_alphabetic() && prev.is_some_and(|p| !p.is_ascii() && is_letter(p)) {
            score -= 3.0;
        }
        prev = Some(c);
    }
    if letters == 0 {
        0.0
    } else {
        (score / (2.0 * letters as f64)).max(0.0)
    }
}

/// `c`'s first lower-case character, whether it is lower case and whether
/// upper case: at once for the Russian alphabet (the common case by far, a
/// sample is scored five times), by the Unicode tables for the rest.
fn case_of(c: char) -> (char, bool, bool) {
    match c {
        'а'..='я' | 'ё' => (c, true, false),
        'А'..='Я' => (char::from_u32(c as u32 + 32).unwrap_or(c), false, true),
        'Ё' => ('ё', false, true),
        // Box drawing, blocks and shapes (what a wrong table makes of
        // letters): no case, no letter.
        '\u{2500}'..='\u{25FF}' => (c, false, false),
        _ => (
            c.to_lowercase().next().unwrap_or(c),
            c.is_lowercase(),
            c.is_uppercase(),
        ),
    }
}

/// [`char::is_alphabetic`], at once for the Russian alphabet.
fn is_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
        || (!matches!(c, '\u{2500}'..='\u{25FF}') && c.is_alphabetic())
}

/// Where a lower-case letter stands in [`FREQUENT`].
fn frequency_rank(lower: char) -> Option<usize> {
    static RANKS: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    if !('а'..='я').contains(&lower) {
        return FREQUENT.chars().position(|f| f == lower);
    }
    let ranks = RANKS.get_or_init(|| {
        let mut r = [u8::MAX; 32];
        for (i, f) in FREQUENT.chars().enumerate() {
            if let (Some(slot), Ok(i)) = (
                r.get_mut((f as u32).wrapping_sub('а' as u32) as usize),
                u8::try_from(i),
            ) {
                *slot = i;
            }
        }
        r
    });
    let rank = ranks[(lower as u32 - 'а' as u32) as usize];
    (rank != u8::MAX).then_some(usize::from(rank))
}

/// The encoding named for UTF-8 with a few invalid bytes (each read as �).
pub const UTF8_DAMAGED: &str = "UTF-8 (invalid bytes replaced)";

/// Is `bytes` UTF-8 but for a few invalid bytes: many multi-byte
/// characters, and at most one invalid byte for every 200 of them?
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut chars, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        let (valid, err) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => (
                // `valid_up_to` ends valid UTF-8: this never fails.
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
                Some(e),
            ),
        };
        chars += valid.chars().filter(|c| !c.is_ascii()).count();
        let Some(e) = err else { break };
        let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
        bad += skip;
        if bad > 8 && bad * 200 > chars {
            // Another encoding: no need to read on.
            return false;
        }
        rest = &rest[e.valid_up_to() + skip..];
    }
    chars >= 16 && bad * 200 <= chars
}

/// Decode bytes that carry no BOM, and say which encoding was used.
pub fn decode_unlabelled(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), "UTF-8");
    }
    if mostly_utf8(bytes) {
        // A damaged byte or two in a UTF-8 file: not a reason to read the
        // whole file as windows-1251 (every letter wrong, every mark lost).
        return (String::from_utf8_lossy(bytes), UTF8_DAMAGED);
    }
    let mut sample = &bytes[..bytes.len().min(SAMPLE)];
    // Do not judge by a character cut in half at the end of the sample.
    if sample.len() < bytes.len() {
        sample = &sample[..sample.len().saturating_sub(4)];
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, true);
    let guess = detector.guess(Some(b"ru"), chardetng::Utf8Detection::Deny);

    let score_of = |e: &'static Encoding| {
        let (text, _) = e.decode_without_bom_handling(sample);
        russian_score(&text)
    };
    // Each table's score once (the guess is most often one of them).
    let scores = CYRILLIC.map(|e| (score_of(e), e));
    let scored = |e: &'static Encoding| {
        let score = scores
            .iter()
            .find(|s| s.1 == e)
            .map_or_else(|| score_of(e), |s| s.0);
        (score, e)
    };
    let best = scores.iter().copied().fold(
        (f64::MIN, WINDOWS_1251),
        |a, b| if b.0 > a.0 { b } else { a },
    );
    // A text in another script (a French page in windows-1252, say) keeps
    // chardetng's guess unless a Cyrillic reading is clearly Russian.
    // chardetng knows more than letter counts: its Cyrillic guess stands
    // unless another table reads clearly better.
    let chosen = if CYRILLIC.contains(&guess) {
        if scored(guess).0 + 0.15 >= best.0 {
            guess
        } else {
            best.1
        }
    } else if best.0 >= 0.5 {
        best.1
    } else {
        guess
    };
    let chosen = if chosen == UTF_8 {
        WINDOWS_1251
    } else {
        chosen
    };
    let (text, _) = chosen.decode_without_bom_handling(bytes);
    (text, display_name(chosen))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Последний день перед Рождеством прошел. Зимняя, ясная ночь наступила. \
                        Глянули звезды. Месяц величаво поднялся на небо посветить добрым людям.";

    /// The score as first written, with the Unicode tables for every letter.
    fn russian_score_by_the_tables(text: &str) -> f64 {
        let (mut score, mut letters) = (0.0, 0usize);
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if !c.is_ascii() {
                letters += 1;
                let lower = c.to_lowercase().next().unwrap_or(c);
                if let Some(rank) = FREQUENT.chars().position(|f| f == lower) {
                    score += if rank < 10 { 2.0 } else { 1.0 };
                    if let Some(p) = prev {
                        let flipped = p.is_lowercase() && c.is_uppercase();
                        if flipped || p.is_ascii_alphabetic() {
                            score -= 3.0;
                        }
                    }
                }
            } else if c.is_ascii_alphabetic()
                && prev.is_some_and(|p| !p.is_ascii() && p.is_alphabetic())
            {
                score -= 3.0;
            }
            prev = Some(c);
        }
        if letters == 0 {
            0.0
        } else {
            (score / (2.0 * letters as f64)).max(0.0)
        }
    }

    #[test]
    fn the_quick_score_is_the_tables_score() {
        let gogol = include_bytes!("../../../tests/fixtures/encodings/gogol.cp1251.txt");
        let mut texts = vec!["пРИВЕТ Dйjа ЁЛКА ёлка Ѣѣ Ωω ǅ aБвГ".to_string()];
        for e in CYRILLIC.iter().chain([&encoding_rs::WINDOWS_1252]) {
            texts.push(e.decode_without_bom_handling(gogol).0.into_owned());
        }
        for t in &texts {
            assert_eq!(russian_score(t), russian_score_by_the_tables(t), "{t:.80}");
        }
    }

    #[test]
    fn a_utf8_file_with_a_damaged_byte_stays_utf8() {
        let mut bytes = TEXT.repeat(50).into_bytes();
        bytes.push(0xFF);
        bytes.extend_from_slice(" Конец.".as_bytes());
        let (text, used) = decode_unlabelled(&bytes);
        assert_eq!(used, UTF8_DAMAGED);
        assert!(text.starts_with("Последний день"), "{}", &text[..40]);
        assert!(text.ends_with("\u{FFFD} Конец."));
        // A real windows-1251 text is still windows-1251 (every Cyrillic
        // byte is invalid UTF-8).
        let long = TEXT.repeat(50);
        let (cp, _, _) = WINDOWS_1251.encode(&long);
        assert_eq!(decode_unlabelled(&cp).1, "windows-1251");
        // And a short UTF-8 text with a bad byte is not judged on so little.
        assert!(!mostly_utf8(b"\xd0\x9f\xd1\x80\xff"));
    }

    #[test]
    fn each_cyrillic_encoding_is_recognised() {
        for (enc, name) in [
            (WINDOWS_1251, "windows-1251"),
            (KOI8_U, "KOI8-R"),
            (IBM866, "IBM866"),
            (ISO_8859_5, "ISO-8859-5"),
        ] {
            let (bytes, _, bad) = enc.encode(TEXT);
            assert!(!bad);
            let (text, used) = decode_unlabelled(&bytes);
            assert_eq!(used, name);
            assert_eq!(text, TEXT);
        }
    }

    #[test]
    fn short_texts_too() {
        // An all-capitals line alone ("ТОМ ПЕРВЫЙ") is ambiguous between tables;
        // with a few ordinary words after it, it is not.
        for word in [
            "Привет",
            "ТОМ ПЕРВЫЙ\n\nГлава первая.",
            "Глава 1",
            "Война и мир",
            "да, это так",
        ] {
            for enc in CYRILLIC {
                let (bytes, _, _) = enc.encode(word);
                let (text, _) = decode_unlabelled(&bytes);
                assert_eq!(text, word, "{word} in {}", enc.name());
            }
        }
    }

    #[test]
    fn western_text_keeps_its_encoding() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Déjà vu, très célèbre café à Genève.");
        let (text, used) = decode_unlabelled(&bytes);
        assert_eq!(text, "Déjà vu, très célèbre café à Genève.");
        assert_eq!(used, "windows-1252");
    }

    #[test]
    fn utf8_is_borrowed() {
        let (text, used) = decode_unlabelled("Война".as_bytes());
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(used, "UTF-8");
    }
}
