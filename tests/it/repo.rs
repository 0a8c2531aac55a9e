//! Rules of the house that the code itself must keep.

use chitalka::tui::keymap::{Keymap, all_bindings, key_name};
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn core_knows_nothing_of_terminals() {
    let mut files = Vec::new();
    rust_files(Path::new("src/core"), &mut files);
    assert!(files.len() > 5);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        for bad in [
            "ratatui",
            "crossterm",
            "crate::tui",
            "std::env::var",
            "ProjectDirs",
        ] {
            assert!(!text.contains(bad), "{} uses {bad}", f.display());
        }
    }
}

/// Core names what went wrong in typed errors and the shell words them: no
/// core file reads `messages`.
#[test]
fn core_words_no_messages() {
    let mut files = Vec::new();
    rust_files(Path::new("src/core"), &mut files);
    assert!(files.len() > 5);
    for f in files {
        let name = f.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&f).expect("read");
        let code = (1..).zip(text.lines());
        for (n, line) in code.filter(|(_, l)| !l.trim_start().starts_with("//")) {
            let reads = line.contains("messages::")
                || line.contains("crate::messages")
                || (line.trim_start().starts_with("use ") && line.contains("messages"));
            assert!(!reads, "{name} words its own errors: {n}: {line}");
        }
    }
}

/// The command line shares core with the screens, never the screens.
#[test]
fn the_cli_knows_nothing_of_the_tui() {
    for f in ["src/cli.rs", "src/cli_marks.rs", "src/output.rs"] {
        let text = std::fs::read_to_string(f).expect("read");
        for bad in ["crate::tui", "ratatui", "crossterm"] {
            assert!(!text.contains(bad), "{f} uses {bad}");
        }
    }
}

#[test]
fn readme_lists_every_key() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    for b in all_bindings() {
        for k in b.keys {
            let name = key_name(k);
            assert!(
                readme.contains(&format!("`{name}`")),
                "README lacks the key `{name}` ({})",
                b.help
            );
        }
    }
}

/// The README's text between two marker lines.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let a = text
        .find(start)
        .unwrap_or_else(|| panic!("README lacks {start}"));
    let rest = &text[a + start.len()..];
    let b = rest
        .find(end)
        .unwrap_or_else(|| panic!("README lacks {end}"));
    &rest[..b]
}

#[test]
fn readme_key_tables_are_the_keymap() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let section = between(&readme, "<!-- keys:start -->\n", "<!-- keys:end -->");
    let generated = format!("{}\n", Keymap::default().markdown());
    assert!(
        section == generated,
        "README's key tables differ from the keymap. Regenerate them: replace the \
         lines between <!-- keys:start --> and <!-- keys:end --> in README.md with \
         the output of `cargo run -q -- keys --markdown --default`.\n\
         --- README ---\n{section}\n--- keymap ---\n{generated}"
    );
}

#[test]
fn readme_config_example_is_good() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let config = between(&readme, "## Configuration", "## Development");
    let example = between(config, "```toml\n", "```");
    let (c, warnings) = chitalka::config::parse(Path::new("config.toml"), example);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(c.text.justify && c.text.hyphenate);
    assert_eq!(c.theme_name, chitalka::tui::theme::ThemeName::Light);
    assert_ne!(c.keymap, Keymap::default());
}

/// README names the Rust that Cargo.toml requires (a newcomer with an older
/// rustc reads it before the build fails).
#[test]
fn readme_names_the_rust_version_cargo_requires() {
    let manifest: toml::Table = std::fs::read_to_string("Cargo.toml")
        .expect("Cargo.toml")
        .parse()
        .expect("toml");
    let version = manifest["package"]["rust-version"]
        .as_str()
        .expect("rust-version is set");
    let readme = std::fs::read_to_string("README.md").expect("README");
    assert!(
        readme.contains(&format!("You need Rust {version} or newer")),
        "README must say Rust {version}"
    );
}
