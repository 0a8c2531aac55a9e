//! Is a standalone line of plain text a heading, and of which level?
//!
//! Works on real Russian books and articles: «ТОМ ПЕРВЫЙ», «ЧАСТЬ ВТОРАЯ»,
//! «ГЛАВА I», «ЭПИЛОГ», Roman-numeral chapter lines («XII.»), numbered headings
//! («1. Введение», «2.3 Итоги»), and short title lines. Latin letters typed by
//! mistake inside Cyrillic words (a Latin «В» in «ВТОРАЯ») are tolerated.

/// How sure we are that a line is a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// A structural marker (keyword, numeral, capitals): a heading wherever it stands.
    Marker,
    /// A short title-like line: a heading only when it stands alone between blank lines.
    Title,
}

/// Longest line (in characters) that can be a heading.
const MAX_HEADING_CHARS: usize = 100;

/// Keywords that start a heading line, with the level they give.
const KEYWORDS: &[(&str, u8)] = &[
    ("том", 1),
    ("книга", 1),
    ("volume", 1),
    ("book", 1),
    ("часть", 2),
    ("part", 2),
    ("эпилог", 2),
    ("пролог", 2),
    ("предисловие", 2),
    ("послесловие", 2),
    ("введение", 2),
    ("заключение", 2),
    ("примечания", 2),
    ("приложение", 2),
    ("epilogue", 2),
    ("prologue", 2),
    ("preface", 2),
    ("introduction", 2),
    ("conclusion", 2),
    ("appendix", 2),
    ("глава", 3),
    ("chapter", 3),
];

/// The structural keyword a heading starts with ("ЧАСТЬ", "Глава" ...), in
/// lower case, if any.
pub fn keyword(line: &str) -> Option<&'static str> {
    let fixed = fix_mixed_script(line.trim());
    let word: String = fixed
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    KEYWORDS.iter().find(|(k, _)| *k == word).map(|(k, _)| *k)
}

/// Is this line a chapter numeral ("XII.", "ХI", "12")?
pub fn is_numeral(line: &str) -> bool {
    let bare = roman_look_alikes(line.trim())
        .trim_end_matches(['.', ':'])
        .to_string();
    is_roman(&bare)
        || (!bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit()))
}

/// Is this a prologue or epilogue heading (which may hold parts of its own)?
pub fn is_prologue_like(line: &str) -> bool {
    matches!(
        keyword(line),
        Some("эпилог" | "пролог" | "epilogue" | "prologue")
    )
}

/// Replace Latin look-alikes inside words that also hold Cyrillic letters.
pub fn fix_mixed_script(line: &str) -> String {
    if line.is_ascii() || !line.chars().any(|c| c.is_ascii_alphabetic()) {
        return line.to_string();
    }
    line.split(' ')
        .map(|w| {
            if w.chars().any(is_cyrillic) && w.chars().any(|c| c.is_ascii_alphabetic()) {
                w.chars().map(latin_to_cyrillic).collect()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{52F}')
}

fn latin_to_cyrillic(c: char) -> char {
    match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        other => other,
    }
}

/// Cyrillic letters typed for Roman digits ("ХI" with a Cyrillic Х) made Latin.
fn roman_look_alikes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Х' => 'X',
            'І' | 'Ӏ' => 'I',
            'С' => 'C',
            'М' => 'M',
            other => other,
        })
        .collect()
}

/// A Roman numeral such as "XII" (I to MMMM, upper case).
pub fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 12 && s.chars().all(|c| "IVXLCDM".contains(c)) && roman_ok(s)
}

fn roman_ok(s: &str) -> bool {
    // Reject runs of four same symbols except M (loose but rules out most words).
    let b = s.as_bytes();
    !b.windows(4)
        .any(|w| w[0] != b'M' && w.iter().all(|&x| x == w[0]))
}

/// Classify a line that forms a paragraph on its own. Returns the heading level
/// (1 = top) and how sure the guess is, or `None` for ordinary text.
pub fn classify(line: &str) -> Option<(u8, Strength)> {
    let line = line.trim();
    // Cheap rejections first: this runs on every one-line paragraph of a book.
    if line.is_empty()
        || line.len() > 4 * MAX_HEADING_CHARS
        || line.ends_with([',', ';'])
        || line.contains('\n')
    {
        return None;
    }
    let first = line.chars().next()?;
    if !first.is_alphanumeric() || line.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let fixed = fix_mixed_script(line);
    let bare = fixed.trim_end_matches(['.', ':']);
    let first_token = roman_look_alikes(line.split_whitespace().next().unwrap_or(""));
    let first_token = first_token.trim_end_matches(['.', ':']);
    // "XX СМЕРТЬ", "IV. Бал": a chapter numeral with its title.
    if is_roman(first_token)
        && line.split_whitespace().count() > 1
        && line.split_whitespace().count() <= 9
        && !ends_sentence(line)
    {
        let rest = line[line.find(char::is_whitespace).unwrap_or(line.len())..].trim_start();
        if rest.chars().next().is_some_and(char::is_uppercase) {
            return Some((3, Strength::Marker));
        }
    }
    if is_roman(&roman_look_alikes(bare))
        || (bare.len() <= 4 && !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((3, Strength::Marker));
    }
    let word_end = fixed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(fixed.len());
    let first_word = fixed[..word_end].to_lowercase();
    if let Some((_, level)) = KEYWORDS.iter().find(|(k, _)| *k == first_word) {
        // "Часть" must stand alone or be followed by a numeral, an ordinal or a
        // capitalised name ("Книга лежала на столе." is prose).
        let rest = fixed[word_end..].trim();
        if keyword_rest_ok(rest) && !ends_sentence(line) {
            return Some((*level, Strength::Marker));
        }
    }
    if let Some(depth) = numbered_heading(&fixed) {
        return Some(((depth + 1).min(6), Strength::Marker));
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase()) && !ends_sentence(line) {
        return Some((2, Strength::Marker));
    }
    let words = line.split_whitespace().count();
    // A title: capitalised, short, not ending like a sentence, a question, an
    // exclamation or a quotation, and not a person's name (a signature).
    if first.is_uppercase()
        && words <= 16
        && !line.ends_with([
            '.', ',', ';', ':', '…', '-', '—', '!', '?', '»', '"', '“', ')', ']',
        ])
        && !looks_like_author(line)
    {
        return Some((2, Strength::Title));
    }
    None
}

fn keyword_rest_ok(rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let Some(first) = words.first() else {
        return true;
    };
    if words.len() > 4 {
        return false;
    }
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = first.to_lowercase();
    is_roman(first)
        || first.chars().all(|c| c.is_ascii_digit())
        || first.chars().next().is_some_and(char::is_uppercase)
        || ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ья", "ье"]
            .iter()
            .any(|e| lower.ends_with(e))
        || [
            "one", "two", "three", "four", "five", "first", "second", "third",
        ]
        .contains(&lower.as_str())
}

fn ends_sentence(line: &str) -> bool {
    // A heading may end in a period only when it is short ("Глава первая.").
    line.ends_with([',', ';']) || (line.ends_with('.') && line.split_whitespace().count() > 6)
}

/// "1. Введение" -> Some(1), "2.3 Итоги" -> Some(2); the text must start with a
/// capital letter and not end like a sentence.
fn numbered_heading(line: &str) -> Option<u8> {
    let num_end = line.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let num = line[..num_end].trim_end_matches('.');
    if num.is_empty() || num.split('.').any(|p| p.is_empty() || p.len() > 3) {
        return None;
    }
    let rest = &line[num_end..];
    let text = rest.strip_prefix(' ')?.trim();
    let first = text.chars().next()?;
    if !first.is_uppercase()
        || text.ends_with(['.', ',', ';'])
        || text.split_whitespace().count() > 12
    {
        return None;
    }
    u8::try_from(num.split('.').count()).ok()
}

/// Does a line look like an author's name ("Л.Н. ТОЛСТОЙ", "Николай Васильевич
/// Гоголь", "Lev Tolstoy")?
pub fn looks_like_author(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || line.chars().count() > 60 {
        return false;
    }
    let initials = |w: &str| {
        let parts: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
        w.contains('.')
            && parts
                .iter()
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
    };
    let name_word = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_alphabetic() || c == '-')
    };
    let with_initials = words.len() >= 2
        && initials(words[0])
        && words[1..].iter().all(|w| initials(w) || name_word(w));
    let full_name = (2..=3).contains(&words.len())
        && words.iter().all(|w| name_word(w))
        && !words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()));
    with_initials || full_name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_headings() {
        let cases: &[(&str, Option<(u8, Strength)>)] = &[
            ("ТОМ ПЕРВЫЙ", Some((1, Strength::Marker))),
            ("СНОСКИ", Some((2, Strength::Marker))),
            ("ЧАСТЬ ВТОРАЯ", Some((2, Strength::Marker))),
            ("ЧАСТЬ BTOPAЯ", Some((2, Strength::Marker))), // Latin look-alikes
            ("ЭПИЛОГ", Some((2, Strength::Marker))),
            ("Глава I", Some((3, Strength::Marker))),
            ("XII.", Some((3, Strength::Marker))),
            ("I", Some((3, Strength::Marker))),
            ("1. Введение", Some((2, Strength::Marker))),
            ("2.3 Итоги", Some((3, Strength::Marker))),
            ("НОЧЬ ПЕРЕД РОЖДЕСТВОМ", Some((2, Strength::Marker))),
            ("ХI", Some((3, Strength::Marker))), // Cyrillic Х
            ("XX СМЕРТЬ", Some((3, Strength::Marker))),
            ("IV. Бал", Some((3, Strength::Marker))),
            (
                "Узбекско-японское сотрудничество: достижения",
                Some((2, Strength::Title)),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), *want, "{line}");
        }
    }

    #[test]
    fn prose_is_not_a_heading() {
        for line in [
            "— Да, — сказал он.",
            "Он замолчал.",
            "и потом ушёл домой",
            "Так говорила в июле 1805 года известная Анна Павловна Шерер, фрейлина и приближенная.",
            "iiii xx",
            "Книга лежала на столе.",
            "Да отец?",
            "Елизавета Николаевна!",
            "Вдруг обратился матушке: «Авдотья Васильевна, сколько лет Петруше?»",
            "А. Каренин",
            "I am here.",
            "Глава семьи пришёл домой.",
            "1805 года, в июле, было жарко.",
            "",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn authors() {
        assert!(looks_like_author("Л.Н. ТОЛСТОЙ"));
        assert!(looks_like_author("Николай Васильевич Гоголь"));
        assert!(!looks_like_author("НОЧЬ ПЕРЕД РОЖДЕСТВОМ"));
        assert!(!looks_like_author(
            "Узбекско-японское сотрудничество в современных условиях"
        ));
    }
}
