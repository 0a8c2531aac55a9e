//! Colours and text attributes: a dark and a light theme built in, entries
//! changed by the user in `config.toml`, and `NO_COLOR` (when set and not
//! empty) winning over both: then only attributes (bold, reverse, dim ...)
//! are used.

use ratatui::style::{Color, Modifier, Style};

/// The styles every view draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Running text.
    pub body: Style,
    /// Level-1 headings.
    pub heading1: Style,
    /// Level-2 headings.
    pub heading2: Style,
    /// Headings of level 3 and deeper.
    pub heading: Style,
    /// Quotations and verse.
    pub quote: Style,
    /// Preformatted text (with its background).
    pub code: Style,
    /// Rules and secondary text.
    pub dim: Style,
    /// Status and title bars.
    pub bar: Style,
    /// The selected row.
    pub selected: Style,
    /// Unreadable files and errors.
    pub error: Style,
    /// Accent (filter prompt, keys in help).
    pub accent: Style,
    /// Links in the text.
    pub link: Style,
    /// Find hits.
    pub hit: Style,
    /// The find hit the reader is at.
    pub hit_current: Style,
    /// The passage being chosen.
    pub selection: Style,
    /// Passages with a note.
    pub noted: Style,
    /// Marks in the margin.
    pub margin: Style,
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
}

impl ThemeName {
    /// Its name in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }

    /// The theme called `name`.
    pub fn from_name(name: &str) -> Option<ThemeName> {
        [ThemeName::Dark, ThemeName::Light]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// The names of a theme's entries, as `[theme.colors]` knows them.
pub const THEME_ENTRIES: [&str; 17] = [
    "body",
    "heading1",
    "heading2",
    "heading",
    "quote",
    "code",
    "dim",
    "bar",
    "selected",
    "error",
    "accent",
    "link",
    "hit",
    "hit_current",
    "selection",
    "noted",
    "margin",
];

impl Default for Theme {
    /// The dark theme.
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// The coloured dark theme, or the attributes-only one.
    pub fn new(color: bool) -> Self {
        if color { Theme::dark() } else { Theme::plain() }
    }

    /// Attributes only, no colour (for `NO_COLOR`).
    pub fn plain() -> Self {
        let base = Style::default();
        Theme {
            body: base,
            heading1: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            heading2: base.add_modifier(Modifier::BOLD),
            heading: base.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            quote: base.add_modifier(Modifier::ITALIC),
            code: base,
            dim: base.add_modifier(Modifier::DIM),
            bar: base.add_modifier(Modifier::REVERSED),
            selected: base.add_modifier(Modifier::REVERSED),
            error: base.add_modifier(Modifier::DIM),
            accent: base.add_modifier(Modifier::BOLD),
            link: base.add_modifier(Modifier::UNDERLINED),
            hit: base.add_modifier(Modifier::REVERSED),
            hit_current: base
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            selection: base.add_modifier(Modifier::REVERSED),
            noted: base.add_modifier(Modifier::UNDERLINED),
            margin: base.add_modifier(Modifier::BOLD),
        }
    }

    /// For a dark terminal background (the default).
    pub fn dark() -> Self {
        let base = Style::default();
        Theme {
            body: base,
            heading1: base.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            heading2: base.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            heading: base
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::ITALIC),
            quote: base.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            code: base.fg(Color::LightGreen).bg(Color::Indexed(236)),
            dim: base.fg(Color::DarkGray),
            bar: base.fg(Color::Black).bg(Color::Gray),
            selected: base.fg(Color::Black).bg(Color::LightBlue),
            error: base.fg(Color::LightRed).add_modifier(Modifier::DIM),
            accent: base.fg(Color::LightYellow),
            link: base.fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            hit: base.fg(Color::Black).bg(Color::Yellow),
            hit_current: base
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            selection: base.fg(Color::Black).bg(Color::LightCyan),
            noted: base.bg(Color::Indexed(58)),
            margin: base.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
        }
    }

    /// For a light terminal background: dark text colours, pale highlights
    /// (256-colour indexes, which terminals keep the same in every scheme).
    pub fn light() -> Self {
        let base = Style::default();
        let ix = Color::Indexed;
        Theme {
            body: base,
            heading1: base.fg(ix(124)).add_modifier(Modifier::BOLD),
            heading2: base.fg(ix(25)).add_modifier(Modifier::BOLD),
            heading: base
                .fg(ix(30))
                .add_modifier(Modifier::BOLD | Modifier::ITALIC),
            quote: base.fg(ix(240)).add_modifier(Modifier::ITALIC),
            code: base.fg(ix(22)).bg(ix(254)),
            dim: base.fg(ix(244)),
            bar: base.fg(ix(16)).bg(ix(250)),
            selected: base.fg(ix(231)).bg(ix(25)),
            error: base.fg(ix(160)),
            accent: base.fg(ix(130)).add_modifier(Modifier::BOLD),
            link: base.fg(ix(26)).add_modifier(Modifier::UNDERLINED),
            hit: base.fg(ix(16)).bg(ix(228)),
            hit_current: base.fg(ix(16)).bg(ix(214)).add_modifier(Modifier::BOLD),
            selection: base.fg(ix(16)).bg(ix(153)),
            noted: base.bg(ix(230)),
            margin: base.fg(ix(130)).add_modifier(Modifier::BOLD),
        }
    }

    /// The built-in theme of that name.
    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        }
    }

    /// The entry called `name` (see [`THEME_ENTRIES`]).
    pub fn entry(&self, name: &str) -> Option<Style> {
        let mut t = *self;
        t.entry_mut(name).map(|s| *s)
    }

    /// The entry called `name`, to change it.
    pub fn entry_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "body" => &mut self.body,
            "heading1" => &mut self.heading1,
            "heading2" => &mut self.heading2,
            "heading" => &mut self.heading,
            "quote" => &mut self.quote,
            "code" => &mut self.code,
            "dim" => &mut self.dim,
            "bar" => &mut self.bar,
            "selected" => &mut self.selected,
            "error" => &mut self.error,
            "accent" => &mut self.accent,
            "link" => &mut self.link,
            "hit" => &mut self.hit,
            "hit_current" => &mut self.hit_current,
            "selection" => &mut self.selection,
            "noted" => &mut self.noted,
            "margin" => &mut self.margin,
            _ => return None,
        })
    }

    /// The theme to draw with: the configured one, or attributes only when
    /// `no_color` (the `NO_COLOR` convention) says so.
    pub fn for_terminal(configured: &Theme, no_color: bool) -> Self {
        if no_color {
            Theme::plain()
        } else {
            *configured
        }
    }

    /// The configured theme unless this process's `NO_COLOR` is set (and not empty).
    pub fn from_env(configured: &Theme) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::for_terminal(configured, no_color)
    }
}

/// The attributes a style entry can name, with their names in the config.
pub const ATTRIBUTES: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("dim", Modifier::DIM),
    ("reverse", Modifier::REVERSED),
];

/// Read a colour: a name ("light-yellow", "dark-gray"), "#rrggbb", or a
/// 256-colour index ("238").
pub fn parse_color(s: &str) -> Option<Color> {
    s.trim().parse::<Color>().ok()
}

/// How a colour is written in the config (read back by [`parse_color`]).
pub fn color_name(c: Color) -> String {
    match c {
        Color::Reset => "reset".into(),
        Color::Black => "black".into(),
        Color::Red => "red".into(),
        Color::Green => "green".into(),
        Color::Yellow => "yellow".into(),
        Color::Blue => "blue".into(),
        Color::Magenta => "magenta".into(),
        Color::Cyan => "cyan".into(),
        Color::Gray => "gray".into(),
        Color::DarkGray => "dark-gray".into(),
        Color::LightRed => "light-red".into(),
        Color::LightGreen => "light-green".into(),
        Color::LightYellow => "light-yellow".into(),
        Color::LightBlue => "light-blue".into(),
        Color::LightMagenta => "light-magenta".into(),
        Color::LightCyan => "light-cyan".into(),
        Color::White => "white".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
    }
}

/// A style as a TOML inline table (`{ fg = "light-yellow", bold = true }`).
pub fn style_toml(s: &Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = s.fg {
        parts.push(format!("fg = \"{}\"", color_name(fg)));
    }
    if let Some(bg) = s.bg {
        parts.push(format!("bg = \"{}\"", color_name(bg)));
    }
    for (name, m) in ATTRIBUTES {
        if s.add_modifier.contains(m) {
            parts.push(format!("{name} = true"));
        }
    }
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_are_told_apart_in_every_theme() {
        for t in [Theme::dark(), Theme::light(), Theme::plain()] {
            assert_ne!(t.heading1, t.heading2);
            assert_ne!(t.heading2, t.heading);
            assert_ne!(t.heading1, t.heading);
        }
    }

    #[test]
    fn entries_cover_every_field() {
        let mut t = Theme::plain();
        for name in THEME_ENTRIES {
            *t.entry_mut(name).expect(name) = Style::default().fg(Color::Red);
        }
        let red = Style::default().fg(Color::Red);
        assert_eq!(
            t,
            Theme {
                body: red,
                heading1: red,
                heading2: red,
                heading: red,
                quote: red,
                code: red,
                dim: red,
                bar: red,
                selected: red,
                error: red,
                accent: red,
                link: red,
                hit: red,
                hit_current: red,
                selection: red,
                noted: red,
                margin: red,
            }
        );
        assert_eq!(t.entry("nope"), None);
    }

    #[test]
    fn light_differs_from_dark_and_no_color_wins() {
        let (dark, light) = (Theme::dark(), Theme::light());
        for name in THEME_ENTRIES.into_iter().filter(|n| *n != "body") {
            assert_ne!(dark.entry(name), light.entry(name), "{name}");
        }
        assert_eq!(Theme::for_terminal(&light, true), Theme::plain());
        assert_eq!(Theme::for_terminal(&light, false), light);
        assert_eq!(Theme::new(true), dark);
    }

    #[test]
    fn colours_round_trip() {
        for name in THEME_ENTRIES {
            for t in [Theme::dark(), Theme::light()] {
                for c in [
                    t.entry(name).and_then(|s| s.fg),
                    t.entry(name).and_then(|s| s.bg),
                ]
                .into_iter()
                .flatten()
                {
                    assert_eq!(parse_color(&color_name(c)), Some(c));
                }
            }
        }
        assert_eq!(parse_color("#d7af5f"), Some(Color::Rgb(0xd7, 0xaf, 0x5f)));
        assert_eq!(parse_color("238"), Some(Color::Indexed(238)));
        assert_eq!(parse_color("light-yellow"), Some(Color::LightYellow));
        assert_eq!(parse_color("blurple"), None);
        assert_eq!(
            style_toml(&Theme::dark().heading1),
            "{ fg = \"light-yellow\", bold = true }"
        );
    }
}
