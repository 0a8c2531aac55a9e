//! The article info panel.

/// Panel title.
pub const TITLE: &str = " Article ";
/// Field names, in the order shown.
pub const FIELDS: [&str; 8] = [
    "Title",
    "Author",
    "Language",
    "Format",
    "Encoding",
    "Words",
    "Reading time",
    "Path",
];
/// Unknown value.
pub const UNKNOWN: &str = "—";

/// A language not named by the article, guessed from its script.
pub fn script_only(script: &str) -> String {
    format!("not given ({script} script)")
}

/// The key of the panel that asks for the article's title.
pub const KEY_TITLE: char = 't';
/// The key of the panel that asks for the article's author.
pub const KEY_AUTHOR: char = 'a';
/// The panel's keys, under its fields.
pub const KEYS: &str = "t title · a author · other keys close";

/// A title or author the person gave (not the file's).
pub fn by_you(value: &str) -> String {
    format!("{value} (given by you)")
}

/// The prompt for the article's title.
pub const TITLE_PROMPT: &str = "Title (empty: the file's own): ";
/// The prompt for the article's author.
pub const AUTHOR_PROMPT: &str = "Author (empty: the file's own): ";
/// The title or author given was saved.
pub const TITLE_SAVED: &str = "saved";

/// `chitalka retitle` done: what the article is called now.
pub fn retitled(rel: &str, title: &str, author: Option<&str>, by_person: bool) -> String {
    let whose = if by_person {
        "as you named it"
    } else {
        "as its file names it"
    };
    match author {
        Some(a) => format!("{rel}: «{title}», {a} ({whose})"),
        None => format!("{rel}: «{title}» ({whose})"),
    }
}
