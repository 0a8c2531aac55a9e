//! The Russian ЙЦУКЕН and the Latin QWERTY keyboard layouts, key by key:
//! for command keys pressed with the Russian layout on, and for queries
//! typed in the wrong layout ("cjnhelybxtcndj" is «сотрудничество»).

/// The Latin key in the same place as a Cyrillic one on the ЙЦУКЕН layout
/// (Shift included: П is G, Ж is ":").
pub fn latin_twin(c: char) -> Option<char> {
    if let Some(&(_, l)) = KEYS.iter().find(|(r, _)| *r == c) {
        return Some(l);
    }
    let lower = c.to_lowercase().next()?;
    if lower == c {
        return None;
    }
    KEYS.iter()
        .find(|(r, _)| *r == lower)
        .map(|&(_, l)| l.to_ascii_uppercase())
}

/// The Cyrillic letter on the same key as a Latin character (the reverse of
/// [`latin_twin`]), for letters and the punctuation keys that carry letters.
pub fn cyrillic_twin(c: char) -> Option<char> {
    KEYS.iter()
        .find(|(_, l)| *l == c)
        .map(|(r, _)| *r)
        .or_else(|| {
            let lower = c.to_ascii_lowercase();
            (lower != c)
                .then(|| KEYS.iter().find(|(_, l)| *l == lower))
                .flatten()
                .and_then(|(r, _)| r.to_uppercase().next())
        })
}

/// Russian letters and their Latin keys; the capitals listed are those whose
/// key, shifted, is punctuation rather than a capital Latin letter.
const KEYS: [(char, char); 40] = [
    ('й', 'q'),
    ('ц', 'w'),
    ('у', 'e'),
    ('к', 'r'),
    ('е', 't'),
    ('н', 'y'),
    ('г', 'u'),
    ('ш', 'i'),
    ('щ', 'o'),
    ('з', 'p'),
    ('х', '['),
    ('ъ', ']'),
    ('ф', 'a'),
    ('ы', 's'),
    ('в', 'd'),
    ('а', 'f'),
    ('п', 'g'),
    ('р', 'h'),
    ('о', 'j'),
    ('л', 'k'),
    ('д', 'l'),
    ('ж', ';'),
    ('э', '\''),
    ('я', 'z'),
    ('ч', 'x'),
    ('с', 'c'),
    ('м', 'v'),
    ('и', 'b'),
    ('т', 'n'),
    ('ь', 'm'),
    ('б', ','),
    ('ю', '.'),
    ('ё', '`'),
    ('Х', '{'),
    ('Ъ', '}'),
    ('Ж', ':'),
    ('Э', '"'),
    ('Б', '<'),
    ('Ю', '>'),
    ('Ё', '~'),
];

/// The same keys read in the other layout: Latin typing becomes Cyrillic and
/// Cyrillic becomes Latin. `None` when the text has no letters to switch.
pub fn other_layout(text: &str) -> Option<String> {
    let cyr = text
        .chars()
        .filter(|c| matches!(c, '\u{400}'..='\u{4FF}'))
        .count();
    let lat = text.chars().filter(char::is_ascii_alphabetic).count();
    if cyr == 0 && lat == 0 {
        return None;
    }
    let out: String = if lat >= cyr {
        text.chars()
            .map(|c| {
                if c.is_ascii_graphic() {
                    cyrillic_twin(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    } else {
        text.chars().map(|c| latin_twin(c).unwrap_or(c)).collect()
    };
    (out != text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_layout_both_ways() {
        assert_eq!(
            other_layout("cjnhelybxtcndj").as_deref(),
            Some("сотрудничество")
        );
        assert_eq!(other_layout("Ghbdtn").as_deref(), Some("Привет"));
        assert_eq!(other_layout("ъуддщ").as_deref(), Some("]ello"));
        assert_eq!(other_layout("руддщ").as_deref(), Some("hello"));
        assert_eq!(other_layout("123"), None);
        assert_eq!(other_layout("[tkj"), Some("хело".to_string()));
    }
}
