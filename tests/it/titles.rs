//! Titles of plain texts that open with an epigraph and have no title line:
//! the epigraph and its attribution never give the title, the file's name
//! does. Fixtures cut from `../shared/corpus/txt` (see tests/fixtures/SOURCES.md).

use chitalka::core::document::BlockKind;
use chitalka::core::library;
use std::path::Path;

fn headings(path: &str) -> (String, Vec<String>) {
    let (_, doc) = library::load(Path::new(path)).expect("loads");
    let heads = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| b.text.clone())
        .collect();
    (doc.title, heads)
}

#[test]
fn besy_is_named_by_its_file_not_its_epigraph() {
    let (title, heads) = headings("tests/fixtures/epigraphs/dostoevsky_besy.txt");
    assert_eq!(title, "Dostoevsky besy");
    assert_eq!(heads[..3], ["Часть первая", "Глава первая", "I"]);
    assert!(
        !heads
            .iter()
            .any(|h| h.contains("Пушкин") || h.contains("Евангелие"))
    );
}

#[test]
fn kapitanskaya_dochka_is_named_by_its_file_not_the_attribution() {
    let (title, heads) = headings("tests/fixtures/epigraphs/pushkin_kapitanskaya_dochka.txt");
    assert_eq!(title, "Pushkin kapitanskaya dochka");
    assert_eq!(heads, ["Глава I"]);
}

#[test]
fn texts_with_a_title_line_keep_it() {
    for (path, want) in [
        (
            "tests/fixtures/library/gogol-excerpt-crlf.txt",
            "НОЧЬ ПЕРЕД РОЖДЕСТВОМ",
        ),
        (
            "tests/fixtures/library/voyna-i-mir-excerpt.txt",
            "ВОЙНА И МИР",
        ),
    ] {
        assert_eq!(headings(path).0, want, "{path}");
    }
}

#[test]
fn besy_nests_its_sections_under_its_chapters() {
    let home = crate::common::Home::new();
    let out = home.run(&[
        "outline",
        "--json",
        "tests/fixtures/epigraphs/dostoevsky_besy.txt",
    ]);
    let levels = crate::common::outline_levels(&out);
    let got: Vec<(u64, &str)> = levels.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(got, [(1, "Часть первая"), (2, "Глава первая"), (3, "I")]);
}
