//! Rules of the house that the code itself must keep.

use chitalka::tui::keymap::{all_bindings, key_name};
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
