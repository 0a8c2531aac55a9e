//! Folding text for matching: case, ё=е, stress marks. The full find-folding
//! with an offset map arrives with find; this is the part the library filter needs.

/// Fold `s` for a loose, case-insensitive match: lower case, ё→е, combining
/// grave/acute accents dropped (й is kept: U+0306 is never dropped), soft hyphens dropped.
pub fn fold_simple(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{300}' | '\u{301}' | '\u{AD}'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_yo_and_stress() {
        assert_eq!(fold_simple("Ёлка"), "елка");
        assert_eq!(fold_simple("ЗАМО\u{301}К"), "замок");
        assert_eq!(fold_simple("Й"), "й");
        assert_ne!(fold_simple("й"), fold_simple("и"));
    }
}
