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
