//! Web-page chrome that saved articles carry around their text: a "you are
//! viewing" line before the title, a comment-form label after the end.

/// Prefixes of a first line that is page chrome, not article text.
const LEADING_PREFIXES: &[&str] = &[
    "вы сейчас просматриваете",
    "вы просматриваете",
    "сейчас вы читаете",
    "you are currently viewing",
    "you are viewing",
    "you are reading",
];

/// Whole lines that end a saved page: comment forms and share buttons.
const TRAILING_LABELS: &[&str] = &[
    "добавить комментарий",
    "оставить комментарий",
    "оставьте комментарий",
    "написать комментарий",
    "комментарии",
    "отменить ответ",
    "ответить",
    "поделиться",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "post a comment",
    "comments",
    "share this",
];

/// Is `first` (the first paragraph) page chrome? `next` is the paragraph after
/// it: a first line that repeats the next one after a prefix ("Вы сейчас
/// просматриваете <title>" followed by the title) is chrome too.
pub fn is_leading_chrome(first: &str, next: Option<&str>) -> bool {
    let lower = first.trim().to_lowercase();
    if LEADING_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    match next {
        Some(next) => {
            let next = next.trim();
            let first = first.trim();
            !next.is_empty()
                && first.len() > next.len()
                && first.ends_with(next)
                && next.chars().count() >= 10
        }
        None => false,
    }
}

/// Is `last` (a final paragraph) a comment-form or share label?
pub fn is_trailing_chrome(last: &str) -> bool {
    let lower = last.trim().trim_end_matches([':', '.']).to_lowercase();
    TRAILING_LABELS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_chrome() {
        assert!(is_leading_chrome("Вы сейчас просматриваете Статья", None));
        assert!(is_leading_chrome(
            "Главная › Блог › Длинный заголовок статьи",
            Some("Длинный заголовок статьи")
        ));
        assert!(!is_leading_chrome(
            "Длинный заголовок статьи",
            Some("Первый абзац.")
        ));
    }

    #[test]
    fn trailing_chrome() {
        assert!(is_trailing_chrome("Добавить комментарий"));
        assert!(is_trailing_chrome("Leave a Reply"));
        assert!(!is_trailing_chrome(
            "Добавить комментарий к статье можно ниже, если хочется."
        ));
    }
}
