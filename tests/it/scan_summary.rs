//! The library scan reads only the head of a file for its title and author
//! (`core::library::summary`): on every fixture, every file of the sample
//! library and (when `../shared/corpus` is there) every corpus file, they
//! are exactly the full parse's, and the words close to its count.

use chitalka::core::library::{self, summary};
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if chitalka::core::formats::is_supported(&p) {
            out.push(p);
        }
    }
}

/// For each readable file: (path, cheap words, full words); panics at the
/// first title or author that differs.
fn compare(dirs: &[PathBuf]) -> Vec<(PathBuf, usize, usize)> {
    let mut files = Vec::new();
    for d in dirs {
        files_under(d, &mut files);
    }
    files.sort();
    assert!(!files.is_empty(), "no files under {dirs:?}");
    let mut words = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        let cheap = summary::summarize(&f, &bytes);
        let full = library::load(&f);
        match (cheap, full) {
            (Ok(s), Ok((_, doc))) => {
                assert_eq!(s.title, doc.title, "title of {}", f.display());
                assert_eq!(s.author, doc.meta.author, "author of {}", f.display());
                assert_eq!(s.encoding, doc.meta.encoding, "encoding of {}", f.display());
                words.push((f, s.words, doc.word_count()));
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{}", f.display()),
            (a, b) => panic!(
                "{}: cheap {a:?}, full {:?}",
                f.display(),
                b.map(|d| d.1.title)
            ),
        }
    }
    words
}

/// Words off by at most this share of the full count, over a set of files.
const WORDS_OFF: f64 = 0.02;

fn check_words(words: &[(PathBuf, usize, usize)]) {
    let cheap: usize = words.iter().map(|w| w.1).sum();
    let full: usize = words.iter().map(|w| w.2).sum();
    let off = cheap.abs_diff(full) as f64 / full.max(1) as f64;
    let worst = words
        .iter()
        .max_by_key(|w| w.1.abs_diff(w.2))
        .map(|w| format!("{} ({} vs {})", w.0.display(), w.1, w.2));
    eprintln!(
        "{} files: words {cheap} (cheap) vs {full} (full), {:.3}% off; worst {worst:?}",
        words.len(),
        off * 100.0
    );
    assert!(off <= WORDS_OFF, "words {cheap} vs {full}");
}

#[test]
fn the_scan_titles_every_fixture_and_sample_as_the_full_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let words = compare(&[root.join("tests/fixtures"), root.join("library")]);
    check_words(&words);
}

#[test]
fn the_scan_titles_every_corpus_file_as_the_full_parse() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("{} not found: skipped", corpus.display());
        return;
    }
    let words = compare(&[corpus]);
    check_words(&words);
}
