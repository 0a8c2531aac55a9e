//! Where words may be broken with a hyphen: Knuth–Liang patterns from the
//! `hyphenation` crate (its Russian and US English dictionaries, the only two
//! built into the binary: `assets/hyphenation/`, see its README), applied to whole words of letters only and mapped back onto the text as it
//! is, combining marks and all.
//!
//! A stress mark (U+0301) or a decomposed й (и + U+0306) is not something the
//! patterns know: each grapheme is looked up in its composed form with the
//! remaining marks dropped, and the break points found are carried back to
//! grapheme boundaries of the original word. A break never falls inside a
//! grapheme.

use crate::core::document::Document;
use hyphenation::{Hyphenator, Language, Load, Standard};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// The languages chitalka hyphenates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HyphenLang {
    /// Russian patterns (also used for other Cyrillic text).
    Russian,
    /// US English patterns (used for Latin-script text).
    English,
}

/// The Russian dictionary as the `hyphenation` crate 0.8 ships it (bincode of
/// its `Standard`), built into the binary: the crate's own `embed_all` would
/// build in all 80 of its languages (3 MB) for the two used here (130 KB).
const RUSSIAN: &[u8] = include_bytes!("../../assets/hyphenation/ru.standard.bincode");
/// The US English dictionary, as [`RUSSIAN`].
const ENGLISH_US: &[u8] = include_bytes!("../../assets/hyphenation/en-us.standard.bincode");

/// Letters that must stay together at the start of a word.
pub const MIN_LEFT: usize = 2;
/// Letters that must stay together at the end of a word.
pub const MIN_RIGHT: usize = 2;

impl HyphenLang {
    /// The language of a language tag ("ru", "ru-RU", "en_GB"), if chitalka has
    /// patterns for it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "ru" | "rus" | "russian" => Some(HyphenLang::Russian),
            "en" | "eng" | "english" => Some(HyphenLang::English),
            _ => None,
        }
    }

    /// The language to hyphenate `doc` in: its language tag when it names one
    /// chitalka knows, else its script (Cyrillic → Russian, Latin → English).
    pub fn of(doc: &Document) -> Option<Self> {
        if let Some(lang) = doc.meta.language.as_deref().and_then(Self::from_tag) {
            return Some(lang);
        }
        match doc.script() {
            "Cyrillic" => Some(HyphenLang::Russian),
            "Latin" => Some(HyphenLang::English),
            _ => None,
        }
    }

    /// The dictionary, loaded once per process (None if it cannot be read,
    /// which would be a packaging fault: then words are simply not broken).
    fn dictionary(self) -> Option<&'static Standard> {
        static RU: OnceLock<Option<Standard>> = OnceLock::new();
        static EN: OnceLock<Option<Standard>> = OnceLock::new();
        let (cell, lang, bytes) = match self {
            HyphenLang::Russian => (&RU, Language::Russian, RUSSIAN),
            HyphenLang::English => (&EN, Language::EnglishUS, ENGLISH_US),
        };
        cell.get_or_init(|| Standard::from_reader(lang, &mut &bytes[..]).ok())
            .as_ref()
    }
}

/// Is this grapheme a letter (a letter with any combining marks on it)?
fn is_letter(g: &str) -> bool {
    let mut cs = g.chars();
    cs.next().is_some_and(char::is_alphabetic)
        && cs.all(|c| c.is_alphabetic() || is_combining_mark(c))
}

/// Words looked up at most, per thread, before the cache starts afresh.
const CACHE_WORDS: usize = 100_000;

/// Break points of the words seen, one map per language.
type WordBreaks = [HashMap<Box<str>, Box<[usize]>>; 2];

thread_local! {
    static CACHE: RefCell<WordBreaks> = RefCell::new([HashMap::new(), HashMap::new()]);
}

/// [`break_points`], remembered: a long book repeats its words, and the
/// patterns are the costly part of laying it out hyphenated.
pub fn cached_break_points(word: &str, lang: HyphenLang) -> Vec<usize> {
    let i = match lang {
        HyphenLang::Russian => 0,
        HyphenLang::English => 1,
    };
    CACHE.with(|c| {
        if let Some(found) = c.borrow()[i].get(word) {
            return found.to_vec();
        }
        let found = break_points(word, lang);
        let cache = &mut c.borrow_mut()[i];
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.into(), found.clone().into_boxed_slice());
        found
    })
}

/// The byte offsets inside `word` where it may be broken with a hyphen, in
/// order: at grapheme boundaries only, with at least [`MIN_LEFT`] letters
/// before and [`MIN_RIGHT`] after. Only words made of letters alone are
/// broken: none with digits, hyphens, apostrophes or other signs inside.
/// Leading and trailing punctuation (quotes, commas) is allowed around the
/// letters and never split off on its own.
pub fn break_points(word: &str, lang: HyphenLang) -> Vec<usize> {
    // The common case, a word of plain letters with no marks: no mapping needed.
    if word
        .chars()
        .all(|c| c.is_alphabetic() && c.len_utf8() <= 2 && !is_combining_mark(c))
    {
        let n = word.chars().count();
        if n < MIN_LEFT + MIN_RIGHT {
            return Vec::new();
        }
        let Some(dict) = lang.dictionary() else {
            return Vec::new();
        };
        // Byte offset of the last MIN_RIGHT letters.
        let right = word.char_indices().nth(n - MIN_RIGHT).map_or(0, |(i, _)| i);
        let left = word
            .char_indices()
            .nth(MIN_LEFT)
            .map_or(word.len(), |(i, _)| i);
        return dict
            .hyphenate(word)
            .breaks
            .into_iter()
            .filter(|&b| b >= left && b <= right)
            .collect();
    }
    let gs: Vec<(usize, &str)> = word.grapheme_indices(true).collect();
    let Some(first) = gs.iter().position(|(_, g)| is_letter(g)) else {
        return Vec::new();
    };
    let Some(last) = gs.iter().rposition(|(_, g)| is_letter(g)) else {
        return Vec::new();
    };
    let core = &gs[first..=last];
    if core.len() < MIN_LEFT + MIN_RIGHT || !core.iter().all(|(_, g)| is_letter(g)) {
        return Vec::new();
    }
    // The trailing signs must not be letters-with-digits etc.: only punctuation.
    if gs[..first].iter().chain(&gs[last + 1..]).any(|(_, g)| {
        g.chars()
            .any(|c| c.is_alphanumeric() || c == '-' || c == '\u{AD}')
    }) {
        return Vec::new();
    }
    let Some(dict) = lang.dictionary() else {
        return Vec::new();
    };
    // The word as the patterns know it: each grapheme composed, marks dropped;
    // `starts[i]` is where grapheme `i` of the core begins in it.
    let mut plain = String::new();
    let mut starts = Vec::with_capacity(core.len());
    for (_, g) in core {
        starts.push(plain.len());
        plain.extend(g.nfc().filter(|&c| !is_combining_mark(c)));
    }
    let found = dict.hyphenate(&plain).breaks;
    found
        .into_iter()
        .filter_map(|b| starts.iter().position(|&s| s == b))
        .filter(|&i| i >= MIN_LEFT && core.len() - i >= MIN_RIGHT)
        .map(|i| core[i].0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word with "-" at each break point.
    fn shown(word: &str, lang: HyphenLang) -> String {
        let mut out = String::new();
        let mut at = 0;
        for b in break_points(word, lang) {
            out.push_str(&word[at..b]);
            out.push('-');
            at = b;
        }
        out.push_str(&word[at..]);
        out
    }

    #[test]
    fn russian_words() {
        let ru = HyphenLang::Russian;
        assert_eq!(shown("сотрудничество", ru), "со-труд-ни-че-ство");
        assert_eq!(
            shown("достопримечательность", ru),
            "до-сто-при-ме-ча-тель-ность"
        );
        assert_eq!(shown("Война", ru), "Вой-на");
        // Never a single letter on either side, never before ь or й.
        for w in ["объявление", "подъезд", "сильный", "большой", "музей"]
        {
            let s = shown(w, ru);
            for part in s.split('-') {
                assert!(part.chars().count() >= 2, "{s}");
                assert!(!part.starts_with(['ь', 'ъ', 'й']), "{s}");
            }
        }
    }

    #[test]
    fn marks_stay_with_their_letters() {
        let ru = HyphenLang::Russian;
        // A stress mark: same breaks as without it, the mark on its vowel.
        let stressed = "сотру\u{301}дничество";
        assert_eq!(shown(stressed, ru), "со-тру\u{301}д-ни-че-ство");
        // A decomposed й is looked up as й.
        let decomposed = "Вои\u{306}на";
        assert_eq!(shown(decomposed, ru), "Вои\u{306}-на");
        let bs = break_points("зна\u{301}ние", ru);
        for b in bs {
            assert!(!"зна\u{301}ние"[b..].starts_with('\u{301}'));
        }
    }

    /// The breaks the crate's own embedded dictionaries (`embed_all`, before
    /// they were vendored) gave for these words: the vendored ones give the same.
    #[test]
    fn vendored_dictionaries_break_as_the_crates_did() {
        let ru = HyphenLang::Russian;
        for expected in [
            "Ан-дрей",
            "Бол-кон-ский",
            "княж-на",
            "На-та-ша",
            "фран-цуз-ский",
            "пе-ре-пи-сы-ва-ю-щий-ся",
            "пред-ва-ри-тель-но",
            "вза-и-мо-от-но-ше-ния",
            "го-су-дар-ствен-ный",
            "есте-ствен-но",
            "элек-три-че-ство",
            "разъ-еди-не-ние",
            "подъ-езд",
            "объ-яв-ле-ние",
            "силь-ный",
            "боль-шой",
        ] {
            assert_eq!(shown(&expected.replace('-', ""), ru), expected);
        }
        let en = HyphenLang::English;
        for expected in [
            "in-for-ma-tion",
            "ex-tra-or-di-nary",
            "re-spon-si-bil-ity",
            "in-com-pre-hen-si-ble",
            "char-ac-ter-is-ti-cally",
            "phi-los-o-phy",
            "in-ter-na-tional",
            "com-mu-ni-ca-tion",
            "un-der-stand-ing",
            "gov-ern-ment",
            "ter-mi-nal",
            "li-brary",
            "reader",
        ] {
            assert_eq!(shown(&expected.replace('-', ""), en), expected);
        }
        // Each is read as its own language: the other's bytes are refused.
        assert!(Standard::from_reader(Language::Russian, &mut &ENGLISH_US[..]).is_err());
        assert!(HyphenLang::Russian.dictionary().is_some());
        assert!(HyphenLang::English.dictionary().is_some());
    }

    #[test]
    fn english_words() {
        let en = HyphenLang::English;
        assert_eq!(shown("hyphenation", en), "hy-phen-a-tion");
        assert_eq!(shown("typography", en), "ty-pog-ra-phy");
    }

    #[test]
    fn punctuation_around_but_not_inside() {
        let ru = HyphenLang::Russian;
        assert_eq!(shown("«сотрудничество»,", ru), "«со-труд-ни-че-ство»,");
        assert!(break_points("сотрудничество-2", ru).is_empty());
        assert!(break_points("во-первых", ru).is_empty());
        assert!(break_points("2сотрудничество", ru).is_empty());
        assert!(break_points("сотруд\u{AD}ничество", ru).is_empty());
        assert!(break_points("мир", ru).is_empty());
        assert!(break_points("«»", ru).is_empty());
    }

    #[test]
    fn language_from_tags_and_script() {
        assert_eq!(HyphenLang::from_tag("ru-RU"), Some(HyphenLang::Russian));
        assert_eq!(HyphenLang::from_tag("en_GB"), Some(HyphenLang::English));
        assert_eq!(HyphenLang::from_tag("uk"), None);
        let mut d = Document {
            blocks: vec![crate::core::document::Block::new(
                crate::core::document::BlockKind::Paragraph,
                "Просто текст по-русски",
            )],
            ..Document::default()
        };
        assert_eq!(HyphenLang::of(&d), Some(HyphenLang::Russian));
        d.meta.language = Some("en".into());
        assert_eq!(HyphenLang::of(&d), Some(HyphenLang::English));
    }
}
