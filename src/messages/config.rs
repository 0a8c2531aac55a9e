//! Messages about `config.toml`.

use std::path::Path;

/// The whole file could not be used (not TOML, unreadable).
pub fn whole_file(path: &Path, line: Option<usize>, e: &str) -> String {
    match line {
        Some(l) => format!("{}:{l}: {e}; using the defaults", path.display()),
        None => format!("{}: {e}; using the defaults", path.display()),
    }
}

/// One entry applies, but with something the person should know.
pub fn entry_note(path: &Path, line: usize, what: &str) -> String {
    format!("{}:{line}: {what}", path.display())
}

/// One entry was left out; the rest applies.
pub fn entry(path: &Path, line: usize, what: &str) -> String {
    format!("{}:{line}: {what}; left out", path.display())
}

/// What a value should be: a table.
pub const A_TABLE: &str = "a table";
/// What a value should be: true or false.
pub const TRUE_OR_FALSE: &str = "true or false";
/// What a value should be: a string.
pub const A_STRING: &str = "a string";
/// What a value should be: a list of key names.
pub const A_KEY_LIST: &str = "a list of key names, such as [\"j\", \"Down\"]";

/// A value of the wrong type.
pub fn should_be(key: &str, what: &str) -> String {
    format!("`{key}` should be {what}")
}

/// A number out of its range.
pub fn number_between(key: &str, min: usize, max: usize) -> String {
    format!("`{key}` should be a whole number from {min} to {max}")
}

/// A setting chitalka does not know.
pub fn unknown_setting(key: &str) -> String {
    format!("unknown setting `{key}`")
}

/// A theme that is not built in.
pub fn unknown_theme(name: &str) -> String {
    format!("no theme \"{name}\" (there are \"dark\" and \"light\")")
}

/// A colour entry that themes do not have.
pub fn unknown_theme_entry(name: &str) -> String {
    format!("no colour entry `{name}` in a theme (`chitalka config --default` lists them)")
}

/// A colour that cannot be read.
pub fn bad_colour(value: &str) -> String {
    format!(
        "{value} is not a colour (a name such as \"light-yellow\", \"#rrggbb\", or \"0\" to \"255\")"
    )
}

/// A key of a style table that is not fg, bg or an attribute.
pub fn unknown_style_key(entry: &str, key: &str) -> String {
    format!(
        "`{key}` in `{entry}`: a colour entry takes fg, bg, bold, italic, underline, dim, reverse"
    )
}

/// A `[keys.*]` table for a screen that does not exist.
pub fn unknown_screen(name: &str) -> String {
    format!("no screen `{name}` for keys (library, reader, outline, search, select, marks)")
}

/// An action name that does not exist.
pub fn unknown_action(name: &str, screen: &str) -> String {
    if matches!(name, "library" | "max_file_mb") {
        // Written at the end of a file that ends with a [keys.*] table.
        return format!(
            "`{name}` is not an action of [keys.{screen}]: it is a top-level setting, so it goes above the first [section] of the file"
        );
    }
    format!("no action `{name}` in [keys.{screen}] (`chitalka config --default` lists them)")
}

/// An action that does nothing in that screen.
pub fn not_in_screen(action: &str, screen: &str) -> String {
    format!("`{action}` does nothing in [keys.{screen}]")
}

/// A key name that cannot be read.
pub fn bad_key(name: &str, action: &str) -> String {
    format!(
        "\"{name}\" (for `{action}`) is not a key name (such as j, G, Space, Enter, PgDn, Down, Ctrl-d, F1)"
    )
}

/// A key already doing another action in that screen.
pub fn key_taken(key: &str, screen: &str, holder: &str) -> String {
    format!("the key {key} already does `{holder}` in [keys.{screen}] (rebind that too to free it)")
}

/// A key that always quits, asked to do something else.
pub fn always_quits(key: &str, action: &str, screen: &str) -> String {
    format!("{key} always quits; it cannot do `{action}` in [keys.{screen}]")
}

/// None of the keys given to an action could be had: it keeps its defaults.
pub fn no_key_left(action: &str, screen: &str) -> String {
    format!(
        "none of the keys given to `{action}` in [keys.{screen}] is free, so it keeps its default keys"
    )
}

/// `quit = []`: quitting cannot be unbound.
pub fn quit_kept(screen: &str, always: &str) -> String {
    format!(
        "`quit` in [keys.{screen}] cannot be left without keys ({always} always quits); it keeps its default keys"
    )
}

/// An empty key list: the action has no key in that screen now.
pub fn unbound(action: &str, screen: &str) -> String {
    format!("`{action}` has no key in [keys.{screen}] now (an empty list unbinds it)")
}
