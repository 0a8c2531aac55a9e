//! The comments of `chitalka config --default`.

/// At the top.
pub const HEAD: &str = "chitalka's configuration (`chitalka config --path` says where it goes).
A line like \"# key = value\" shows a default: remove the \"# \" to change it.
A mistake is reported with its line and left out; the rest still applies.";
/// Before `library`.
pub const LIBRARY: &str = "The library folder (~ is your home); else <data dir>/library.";
/// Before `max_file_mb`.
pub const MAX_FILE_MB: &str = "Larger files (in megabytes) are listed but not read, nor added.";
/// Before `text.width`.
pub const WIDTH: &str = "Widest text column, in columns (10 or more).";
/// Before `text.justify`.
pub const JUSTIFY: &str = "Spread the words of each line so the right edge is straight too.";
/// Before `text.hyphenate`.
pub const HYPHENATE: &str = "Break long words at line ends (Russian hyphenation).";
/// Before `text.paragraph_indent`.
pub const PARAGRAPH_INDENT: &str = "Columns of indent at the start of a paragraph (0 to 8).";
/// Before `text.line_spacing`.
pub const LINE_SPACING: &str = "Rows per line of text (1 to 3; 2 leaves a blank row after each).";
/// Before `theme.name`.
pub const THEME_NAME: &str = "\"dark\" (for a dark terminal) or \"light\" (for a light one).";
/// Before `[theme.colors]`.
pub const COLOURS: &str = "Change any entry of the theme. A colour alone sets its text colour;
a table sets the whole entry:
  { fg = \"...\", bg = \"...\", bold = true, italic = true, underline = true, dim = true, reverse = true }
Colours: names (\"light-yellow\", \"dark-gray\"), \"#rrggbb\", or \"0\" to \"255\".
NO_COLOR, when set, wins: then only bold, italic, reverse ... are used.
The dark theme's entries:";
/// Before the `[keys.*]` tables.
pub const KEYS: &str =
    "Keys, per screen: a line sets the keys of an action there, replacing its defaults.
Key names as the help (?) shows them: j, G, Space, Enter, Esc, Tab, PgDn, PgUp,
Home, End, ↓ (or Down), Ctrl-d, Alt-x, F1, a Cyrillic letter ... With the Russian
layout on, a Cyrillic key still acts as the Latin key in its place.
A key does one thing per screen: a key another action keeps is left out.
An empty list [] leaves the action without a key.";
