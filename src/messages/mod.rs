//! Every piece of text chitalka shows a person, in one place (a module per
//! part of the app), so that a translation can follow.

pub mod config;
pub mod config_file;
mod data;
mod files;
pub mod hint;
pub mod info;
pub mod keys;
mod marks;
pub mod note;
mod screens;

pub use data::*;
pub use files::*;
pub use marks::*;
pub use screens::*;

/// Text made safe to print to a terminal: control characters (ESC and the
/// rest, which a file name may hold) are shown as `\u{..}` escapes.
pub fn shown(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_unsafe(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Characters that must never reach a terminal from user data: controls and
/// bidirectional overrides (which reorder what follows them).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
