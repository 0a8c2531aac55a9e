//! Colours and text attributes. With `NO_COLOR` set, only attributes (bold,
//! reverse, dim) are used.

use ratatui::style::{Color, Modifier, Style};

/// The styles every view draws with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Running text.
    pub body: Style,
    /// Level-1 headings.
    pub heading1: Style,
    /// Level-2 headings.
    pub heading: Style,
    /// Headings of level 3 and below.
    pub heading3: Style,
    /// Quotations and verse.
    pub quote: Style,
    /// Preformatted text.
    pub code: Style,
    /// The shading behind a code block, across the text column.
    pub code_bg: Style,
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

impl Theme {
    /// The theme, coloured or not.
    pub fn new(color: bool) -> Self {
        let base = Style::default();
        if !color {
            return Theme {
                body: base,
                heading1: base.add_modifier(Modifier::BOLD),
                heading: base.add_modifier(Modifier::BOLD),
                heading3: base.add_modifier(Modifier::BOLD | Modifier::ITALIC),
                quote: base.add_modifier(Modifier::ITALIC),
                code: base,
                code_bg: base,
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
            };
        }
        Theme {
            body: base,
            heading1: base.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            heading: base.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            heading3: base.fg(Color::Cyan).add_modifier(Modifier::ITALIC),
            quote: base.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            code: base.fg(Color::LightGreen),
            code_bg: base.bg(Color::Indexed(236)),
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

    /// Colour unless the `NO_COLOR` convention says otherwise.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_color)
    }
}
