//! `chitalka config --default`: a commented config whose values are the
//! defaults, with every action per screen and every colour entry, generated
//! from the keymap tables and the dark theme so that it cannot drift.

use crate::messages::config_file as text;
use crate::tui::keymap::{ALL_MODES, Keymap, key_name};
use crate::tui::theme::{THEME_ENTRIES, Theme, style_toml};

use super::TextConfig;

/// A string as a TOML basic string.
pub(super) fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as comment lines.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
}

/// The default config, commented: parsed, it gives `Config::default()`.
pub fn default_toml() -> String {
    let mut out = String::new();
    comment(&mut out, text::HEAD);
    out.push('\n');
    comment(&mut out, text::LIBRARY);
    out.push_str("# library = \"~/texts\"\n\n");
    comment(&mut out, text::MAX_FILE_MB);
    out.push_str(&format!(
        "# max_file_mb = {}\n\n[text]\n",
        crate::core::article_file::DEFAULT_MAX_FILE_MB
    ));
    let t = TextConfig::default();
    for (help, key, value) in [
        (text::WIDTH, "width", t.width.to_string()),
        (text::JUSTIFY, "justify", t.justify.to_string()),
        (text::HYPHENATE, "hyphenate", t.hyphenate.to_string()),
        (
            text::PARAGRAPH_INDENT,
            "paragraph_indent",
            t.paragraph_indent.to_string(),
        ),
        (
            text::LINE_SPACING,
            "line_spacing",
            t.line_spacing.to_string(),
        ),
    ] {
        comment(&mut out, help);
        out.push_str(&format!("{key} = {value}\n"));
    }
    out.push_str("\n[theme]\n");
    comment(&mut out, text::THEME_NAME);
    out.push_str("name = \"dark\"\n\n[theme.colors]\n");
    comment(&mut out, text::COLOURS);
    let dark = Theme::dark();
    for name in THEME_ENTRIES {
        if let Some(style) = dark.entry(name) {
            out.push_str(&format!("# {name} = {}\n", style_toml(&style)));
        }
    }
    out.push('\n');
    comment(&mut out, text::KEYS);
    let km = Keymap::default();
    for mode in ALL_MODES {
        out.push_str(&format!("\n[keys.{}]\n", mode.name()));
        let rows: Vec<(String, &str)> = km
            .bindings()
            .iter()
            .filter(|b| b.mode == mode)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| toml_str(&key_name(k))).collect();
                (
                    format!("{} = [{}]", b.action.name(), keys.join(", ")),
                    b.help,
                )
            })
            .collect();
        let w = rows
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        for (line, help) in rows {
            let pad = w - line.chars().count();
            out.push_str(&format!("# {line}{}  # {help}\n", " ".repeat(pad)));
        }
    }
    out
}
