//! `config.toml`: the library path, text options, the theme and its colours,
//! and keys rebound per screen. A config error never stops the app: a file
//! that is not TOML gives the defaults, a wrong entry is left out and the rest
//! applies; either way a message names the file, the line and what is wrong.

mod default_file;
#[cfg(test)]
mod tests;

pub use default_file::default_toml;

use crate::messages::config as msg;
use crate::tui::action::Action;
use crate::tui::keymap::{
    ALWAYS_QUITS, Key, Keymap, Mode, Rebind, RebindProblem, key_name, parse_key,
};
use crate::tui::theme::{ATTRIBUTES, Theme, ThemeName, parse_color};
use ratatui::style::Style;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Default maximum width of the text column.
pub const DEFAULT_TEXT_WIDTH: usize = 80;
/// The narrowest text column allowed.
pub const MIN_TEXT_WIDTH: usize = 10;
/// The widest paragraph indent allowed.
pub const MAX_PARAGRAPH_INDENT: usize = 8;
/// The largest size limit for an article file allowed, in megabytes.
pub const MAX_FILE_MB: usize = 65_536;
/// The most line spacing allowed (1 = no blank rows between lines).
pub const MAX_LINE_SPACING: usize = 3;

/// How text is laid out (`[text]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextConfig {
    /// Maximum width of the text column, in columns (the old top-level
    /// `text_width` sets it too).
    pub width: usize,
    /// Spread the words of a line so both edges of the column are straight.
    pub justify: bool,
    /// Break long words with Russian hyphenation patterns.
    pub hyphenate: bool,
    /// Columns of indent at the first line of a paragraph.
    pub paragraph_indent: usize,
    /// Rows per line of text: 1 is none between lines, 2 a blank row after each.
    pub line_spacing: usize,
}

impl From<&TextConfig> for crate::core::layout::LayoutOptions {
    fn from(t: &TextConfig) -> Self {
        crate::core::layout::LayoutOptions {
            justify: t.justify,
            hyphenate: t.hyphenate,
            paragraph_indent: t.paragraph_indent,
            line_spacing: t.line_spacing.max(1),
        }
    }
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            width: DEFAULT_TEXT_WIDTH,
            justify: false,
            hyphenate: false,
            paragraph_indent: 0,
            line_spacing: 1,
        }
    }
}

/// The settings chitalka reads from `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The library folder.
    pub library: Option<PathBuf>,
    /// The size limit of an article file (`max_file_mb`).
    pub max_file_mb: crate::core::article_file::MaxFileMb,
    /// Text layout.
    pub text: TextConfig,
    /// The built-in theme chosen (`[theme] name`).
    pub theme_name: ThemeName,
    /// The theme with the user's colours applied (`NO_COLOR` is applied
    /// when drawing: see [`Theme::from_env`]).
    pub theme: Theme,
    /// The keys in force: the defaults with `[keys.<screen>]` applied.
    pub keymap: Keymap,
}

/// `~/texts` with the home folder put in (`home` is None when unknown).
pub fn expand_home(p: PathBuf, home: Option<&Path>) -> PathBuf {
    match (p.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => p,
    }
}

/// Parse config text: the settings, and a message for each thing wrong
/// (file and line first).
pub fn parse(path: &Path, text: &str) -> (Config, Vec<String>) {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let (mut config, warnings) = parse_raw(path, text);
    config.library = config.library.map(|l| expand_home(l, home.as_deref()));
    (config, warnings)
}

/// Load the config file; a missing file is the defaults, silently.
pub fn load(path: &Path) -> (Config, Vec<String>) {
    // Never a pipe or a device (it could hang the start), a BOM skipped.
    let text = crate::core::store::read_data_file(path).and_then(|b| {
        String::from_utf8(crate::core::store::strip_bom(&b).to_vec())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    });
    match text {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![msg::whole_file(path, None, &e.to_string())],
        ),
    }
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

/// A table's entries in the order the file has them.
fn in_file_order<'a, 'i>(t: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

/// A colour entry as written: a colour for the text, or a whole style.
enum ColourChange {
    Fg(ratatui::style::Color),
    Whole(Style),
}

struct Reader<'t> {
    path: &'t Path,
    text: &'t str,
    /// (line, message), sorted by line at the end.
    warnings: Vec<(usize, String)>,
}

impl Reader<'_> {
    fn line(&self, span: std::ops::Range<usize>) -> usize {
        line_of(self.text, span.start)
    }

    fn warn(&mut self, span: std::ops::Range<usize>, what: String) {
        let line = self.line(span);
        self.warnings
            .push((line, msg::entry(self.path, line, &what)));
    }

    fn table<'a, 'i>(&mut self, key: &str, v: &'a Spanned<DeValue<'i>>) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.warn(v.span(), msg::should_be(key, msg::A_TABLE));
                None
            }
        }
    }

    fn bool(&mut self, key: &str, v: &Spanned<DeValue>) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            self.warn(v.span(), msg::should_be(key, msg::TRUE_OR_FALSE));
        }
        b
    }

    fn number(&mut self, key: &str, v: &Spanned<DeValue>, range: (usize, usize)) -> Option<usize> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        let ok = n
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| (range.0..=range.1).contains(n));
        if ok.is_none() {
            self.warn(v.span(), msg::number_between(key, range.0, range.1));
        }
        ok
    }

    fn string<'a>(&mut self, key: &str, v: &'a Spanned<DeValue>) -> Option<&'a str> {
        let s = v.get_ref().as_str();
        if s.is_none() {
            self.warn(v.span(), msg::should_be(key, msg::A_STRING));
        }
        s
    }

    fn text_table(&mut self, t: &DeTable, out: &mut TextConfig) {
        for (k, v) in in_file_order(t) {
            let key = k.get_ref().as_ref();
            match key {
                "width" => {
                    if let Some(n) = self.number(key, v, (MIN_TEXT_WIDTH, 10_000)) {
                        out.width = n;
                    }
                }
                "justify" => out.justify = self.bool(key, v).unwrap_or(out.justify),
                "hyphenate" => out.hyphenate = self.bool(key, v).unwrap_or(out.hyphenate),
                "paragraph_indent" => {
                    if let Some(n) = self.number(key, v, (0, MAX_PARAGRAPH_INDENT)) {
                        out.paragraph_indent = n;
                    }
                }
                "line_spacing" => {
                    if let Some(n) = self.number(key, v, (1, MAX_LINE_SPACING)) {
                        out.line_spacing = n;
                    }
                }
                _ => self.warn(k.span(), msg::unknown_setting(&format!("text.{key}"))),
            }
        }
    }

    fn theme_table(
        &mut self,
        t: &DeTable,
        name: &mut ThemeName,
        colours: &mut Vec<(String, ColourChange)>,
    ) {
        for (k, v) in in_file_order(t) {
            let key = k.get_ref().as_ref();
            match key {
                "name" => {
                    let Some(s) = self.string(key, v) else {
                        continue;
                    };
                    match ThemeName::from_name(s) {
                        Some(n) => *name = n,
                        None => self.warn(v.span(), msg::unknown_theme(s)),
                    }
                }
                "colors" | "colours" => {
                    let Some(t) = self.table(key, v) else {
                        continue;
                    };
                    for (k, v) in in_file_order(t) {
                        let entry = k.get_ref().as_ref();
                        if Theme::dark().entry(entry).is_none() {
                            self.warn(k.span(), msg::unknown_theme_entry(entry));
                        } else if let Some(c) = self.colour_change(entry, v) {
                            colours.push((entry.to_string(), c));
                        }
                    }
                }
                _ => self.warn(k.span(), msg::unknown_setting(&format!("theme.{key}"))),
            }
        }
    }

    fn colour(&mut self, v: &Spanned<DeValue>) -> Option<ratatui::style::Color> {
        let Some(s) = v.get_ref().as_str() else {
            self.warn(
                v.span(),
                msg::bad_colour(&format!("{:?}", DisplayValue(v.get_ref()))),
            );
            return None;
        };
        let c = parse_color(s);
        if c.is_none() {
            self.warn(v.span(), msg::bad_colour(s));
        }
        c
    }

    fn colour_change(&mut self, entry: &str, v: &Spanned<DeValue>) -> Option<ColourChange> {
        let DeValue::Table(t) = v.get_ref() else {
            return self.colour(v).map(ColourChange::Fg);
        };
        let mut style = Style::default();
        for (k, v) in in_file_order(t) {
            let key = k.get_ref().as_ref();
            match key {
                "fg" => style.fg = Some(self.colour(v)?),
                "bg" => style.bg = Some(self.colour(v)?),
                _ => match ATTRIBUTES.iter().find(|(n, _)| *n == key) {
                    Some((_, m)) => {
                        if self.bool(key, v)? {
                            style = style.add_modifier(*m);
                        }
                    }
                    None => {
                        self.warn(k.span(), msg::unknown_style_key(entry, key));
                        return None;
                    }
                },
            }
        }
        Some(ColourChange::Whole(style))
    }

    fn keys_table(&mut self, t: &DeTable, rebinds: &mut Vec<Rebind>) {
        for (k, v) in in_file_order(t) {
            let screen = k.get_ref().as_ref();
            let Some(mode) = Mode::from_name(screen) else {
                self.warn(k.span(), msg::unknown_screen(screen));
                continue;
            };
            let Some(t) = self.table(&format!("keys.{screen}"), v) else {
                continue;
            };
            for (k, v) in in_file_order(t) {
                let name = k.get_ref().as_ref();
                let Some(action) = Action::from_name(name) else {
                    self.warn(k.span(), msg::unknown_action(name, screen));
                    continue;
                };
                if let Some(keys) = self.key_list(name, v) {
                    rebinds.push(Rebind {
                        mode,
                        action,
                        keys,
                        line: self.line(k.span()),
                    });
                }
            }
        }
    }

    /// `["j", "↓"]` (or one key as a string); None when any name is wrong.
    fn key_list(&mut self, action: &str, v: &Spanned<DeValue>) -> Option<Vec<Key>> {
        let one = std::slice::from_ref(v);
        let items: &[Spanned<DeValue>] = match v.get_ref() {
            DeValue::Array(a) => a.as_ref(),
            DeValue::String(_) => one,
            _ => {
                self.warn(v.span(), msg::should_be(action, msg::A_KEY_LIST));
                return None;
            }
        };
        let mut keys = Vec::new();
        let mut ok = true;
        for item in items {
            match item.get_ref().as_str().map(|s| (s, parse_key(s))) {
                Some((_, Some(k))) => keys.push(k),
                Some((s, None)) => {
                    self.warn(item.span(), msg::bad_key(s, action));
                    ok = false;
                }
                None => {
                    self.warn(item.span(), msg::should_be(action, msg::A_KEY_LIST));
                    ok = false;
                }
            }
        }
        ok.then_some(keys)
    }
}

/// A TOML value shown in a message.
struct DisplayValue<'a, 'i>(&'a DeValue<'i>);

impl std::fmt::Debug for DisplayValue<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            DeValue::String(s) => write!(f, "{s:?}"),
            DeValue::Integer(i) => write!(f, "{i}"),
            DeValue::Float(x) => write!(f, "{x}"),
            DeValue::Boolean(b) => write!(f, "{b}"),
            DeValue::Datetime(d) => write!(f, "{d}"),
            DeValue::Array(_) => write!(f, "[...]"),
            DeValue::Table(_) => write!(f, "{{...}}"),
        }
    }
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

fn parse_raw(path: &Path, text: &str) -> (Config, Vec<String>) {
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            return (
                Config::default(),
                vec![msg::whole_file(path, line, e.message())],
            );
        }
    };
    let mut r = Reader {
        path,
        text,
        warnings: Vec::new(),
    };
    let mut config = Config::default();
    let mut colours = Vec::new();
    let mut rebinds = Vec::new();
    for (k, v) in in_file_order(doc.get_ref()) {
        let key = k.get_ref().as_ref();
        match key {
            "library" => {
                if let Some(s) = r.string(key, v) {
                    config.library = Some(PathBuf::from(s));
                }
            }
            "max_file_mb" => {
                if let Some(n) = r.number(key, v, (1, MAX_FILE_MB)) {
                    config.max_file_mb = crate::core::article_file::MaxFileMb(n as u64);
                }
            }
            "text_width" => {
                if let Some(n) = r.number(key, v, (MIN_TEXT_WIDTH, 10_000)) {
                    config.text.width = n;
                }
            }
            "text" => {
                if let Some(t) = r.table(key, v) {
                    r.text_table(t, &mut config.text);
                }
            }
            "theme" => {
                if let Some(t) = r.table(key, v) {
                    r.theme_table(t, &mut config.theme_name, &mut colours);
                }
            }
            "keys" => {
                if let Some(t) = r.table(key, v) {
                    r.keys_table(t, &mut rebinds);
                }
            }
            _ => r.warn(k.span(), msg::unknown_setting(key)),
        }
    }
    config.theme = Theme::named(config.theme_name);
    for (entry, change) in colours {
        if let Some(style) = config.theme.entry_mut(&entry) {
            match change {
                ColourChange::Fg(c) => style.fg = Some(c),
                ColourChange::Whole(s) => *style = s,
            }
        }
    }
    let (keymap, problems) = Keymap::with_rebinds(&rebinds);
    config.keymap = keymap;
    for p in problems {
        let (line, what) = match p {
            RebindProblem::NotInScreen { line, mode, action } => {
                (line, msg::not_in_screen(action.name(), mode.name()))
            }
            RebindProblem::Taken {
                line,
                mode,
                key,
                wanted,
                ..
            } if key == ALWAYS_QUITS => (
                line,
                msg::always_quits(&key_name(&key), wanted.name(), mode.name()),
            ),
            RebindProblem::Taken {
                line,
                mode,
                key,
                holder,
                ..
            } => (
                line,
                msg::key_taken(&key_name(&key), mode.name(), holder.name()),
            ),
            RebindProblem::NoKeyLeft { line, mode, action } => {
                (line, msg::no_key_left(action.name(), mode.name()))
            }
            RebindProblem::QuitKept { line, mode } => {
                (line, msg::quit_kept(mode.name(), &key_name(&ALWAYS_QUITS)))
            }
            RebindProblem::Unbound { line, mode, action } => {
                let what = msg::unbound(action.name(), mode.name());
                r.warnings.push((line, msg::entry_note(path, line, &what)));
                continue;
            }
        };
        r.warnings.push((line, msg::entry(path, line, &what)));
    }
    r.warnings.sort_by_key(|(line, _)| *line);
    (config, r.warnings.into_iter().map(|(_, w)| w).collect())
}
