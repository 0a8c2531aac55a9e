//! `config.toml`: library path and text width for now (keys and themes come
//! with the configuration issue). A bad config never stops the app: it starts
//! with defaults and says which line is wrong.

use crate::messages;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Default maximum width of the text column.
pub const DEFAULT_TEXT_WIDTH: usize = 80;

/// The settings chitalka reads from `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The library folder.
    pub library: Option<PathBuf>,
    /// Maximum width of the text column, in columns.
    pub text_width: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            library: None,
            text_width: DEFAULT_TEXT_WIDTH,
        }
    }
}

/// `~/texts` with the home folder put in (`home` is None when unknown).
pub fn expand_home(p: PathBuf, home: Option<&Path>) -> PathBuf {
    match (p.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => p,
    }
}

/// Parse config text; on error, the defaults and a message naming the line.
pub fn parse(path: &Path, text: &str) -> (Config, Option<String>) {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let (mut config, warning) = parse_raw(path, text);
    config.library = config.library.map(|l| expand_home(l, home.as_deref()));
    (config, warning)
}

fn parse_raw(path: &Path, text: &str) -> (Config, Option<String>) {
    match toml::from_str::<Config>(text) {
        Ok(c) if c.text_width >= 10 => (c, None),
        Ok(c) => (
            Config {
                text_width: DEFAULT_TEXT_WIDTH,
                ..c
            },
            Some(messages::warn_config(
                path,
                None,
                "text_width must be at least 10",
            )),
        ),
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            (
                Config::default(),
                Some(messages::warn_config(path, line, e.message())),
            )
        }
    }
}

/// Load the config file; a missing file is the defaults, silently.
pub fn load(path: &Path) -> (Config, Option<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
        Err(e) => (
            Config::default(),
            Some(messages::warn_config(path, None, &e.to_string())),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_config() {
        let (c, w) = parse(
            Path::new("c.toml"),
            "library = \"/books\"\ntext_width = 66\n",
        );
        assert_eq!(w, None);
        assert_eq!(c.library, Some(PathBuf::from("/books")));
        assert_eq!(c.text_width, 66);
    }

    #[test]
    fn tilde_means_home() {
        let home = Path::new("/home/читатель");
        assert_eq!(
            expand_home("~/texts".into(), Some(home)),
            PathBuf::from("/home/читатель/texts")
        );
        assert_eq!(
            expand_home("~".into(), Some(home)),
            PathBuf::from("/home/читатель")
        );
        assert_eq!(
            expand_home("/abs".into(), Some(home)),
            PathBuf::from("/abs")
        );
        assert_eq!(
            expand_home("~user/x".into(), Some(home)),
            PathBuf::from("~user/x")
        );
    }

    #[test]
    fn bad_line_is_named_and_defaults_used() {
        let (c, w) = parse(Path::new("c.toml"), "text_width = 70\ncolour = blue\n");
        assert_eq!(c, Config::default());
        let w = w.expect("warning");
        assert!(w.starts_with("c.toml:2:"), "{w}");
    }
}
