//! lib.ru's „ in place of ё: put right in a War and Peace excerpt in every
//! format, real quotes untouched, the worst cases fast; and, when
//! `../shared/corpus` is there, measured on the whole War and Peace
//! (`cargo test --test it lib_ru_yo:: -- --nocapture` prints the figures).

use chitalka::core::document::Document;
use chitalka::core::formats::{self, decode::decode, yo};
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/yo/voyna-i-mir-yo.txt";
const WAR_AND_PEACE: &str = "../shared/corpus/txt/tolstoy_voyna_i_mir.txt";

fn text_of(d: &Document) -> String {
    d.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_excerpt_gets_its_yo_back() {
    let bytes = std::fs::read(FIXTURE).expect("fixture");
    let d = formats::parse(Path::new(FIXTURE), &bytes).expect("text");
    let t = text_of(&d);
    for word in [
        "Всё-таки",
        "её\".",
        "подъём",
        "лёгко",
        "Лёгко,",
        "съёжилась",
        "ёрническим",
        "Больнёшенек!",
    ] {
        assert!(t.contains(word), "{word} missing");
    }
    // The lone „ between spaces (the one-letter word «ё», his) is left.
    assert_eq!(t.matches('„').count(), 1);
    assert!(t.contains("А кто „ знает"));
}

#[test]
fn every_format_gets_it_and_spans_follow() {
    let md = "# Вс„ о „лке\n\nВс„ **сч„т** и *вс„*, а „Слово“ осталось.\n";
    let d = formats::parse(Path::new("a.md"), md.as_bytes()).expect("md");
    assert_eq!(d.title, "Всё о ёлке");
    let p = &d.blocks[1];
    assert_eq!(p.text, "Всё счёт и всё, а „Слово“ осталось.");
    let styled: Vec<&str> = p.spans.iter().map(|s| &p.text[s.range.clone()]).collect();
    assert_eq!(styled, ["счёт", "всё"]);

    let html = "<html><head><title>Вс„ сразу</title></head><body>\
                <p>Сч„т <b>вс„</b> и <i>подъ„м</i>, и „Haus“.</p></body></html>";
    let d = formats::parse(Path::new("a.html"), html.as_bytes()).expect("html");
    assert_eq!(d.title, "Всё сразу");
    let p = &d.blocks[0];
    assert_eq!(p.text, "Счёт всё и подъём, и „Haus“.");
    let styled: Vec<&str> = p.spans.iter().map(|s| &p.text[s.range.clone()]).collect();
    assert_eq!(styled, ["всё", "подъём"]);

    let fb2 = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
               <FictionBook xmlns=\"http://www.gribuser.ru/xml/fictionbook/2.0\">\
               <description><title-info><book-title>Л„гко</book-title></title-info></description>\
               <body><section><p>Вс„ <emphasis>сч„т</emphasis> и вс„.</p></section></body></FictionBook>";
    let d = formats::parse(Path::new("a.fb2"), fb2.as_bytes()).expect("fb2");
    assert_eq!(d.title, "Лёгко");
    let p = d
        .blocks
        .iter()
        .find(|b| b.text.contains("сч"))
        .expect("text");
    assert_eq!(p.text, "Всё счёт и всё.");
    assert_eq!(&p.text[p.spans[0].range.clone()], "счёт");
}

#[test]
fn texts_with_real_quotes_are_untouched() {
    for (name, text) in [
        (
            "de.txt",
            "Das „Haus“ ist alt. Er sagt „nein“, sie sagt „ja“.\n",
        ),
        (
            "ru.txt",
            "„Слово“ и „слово», и\n„ёлка“ — и одна опечатка вс„.\n",
        ),
        (
            "ru.html",
            "<p>„Слово“ и „слово“, а вс„ и сч„т — опечатки.</p><p>„Раз“ „два“ „три“</p>",
        ),
    ] {
        let d = formats::parse(Path::new(name), text.as_bytes()).expect("parsed");
        let quotes = text.matches('„').count();
        assert_eq!(text_of(&d).matches('„').count(), quotes, "{name}");
    }
}

#[test]
fn a_megabyte_of_low_quotes_is_quick_and_kept() {
    let line = "„".repeat(1 << 20);
    for name in ["a.txt", "a.md", "a.html"] {
        let d = formats::parse(Path::new(name), line.as_bytes()).expect("parsed");
        assert_eq!(text_of(&d).matches('„').count(), 1 << 20, "{name}");
    }
    let words = "сч„т вс„ „а ".repeat(1 << 17);
    let d = formats::parse(Path::new("b.txt"), words.as_bytes()).expect("parsed");
    let t = text_of(&d);
    assert_eq!(t.matches("счёт").count(), 1 << 17);
    assert!(!t.contains('„'));
}

/// The whole War and Peace: every „ replaced is reported with its word, and
/// every „ left with its line.
#[test]
fn war_and_peace_measured() {
    let Ok(bytes) = std::fs::read(WAR_AND_PEACE) else {
        eprintln!("{WAR_AND_PEACE} not here: not measured");
        return;
    };
    let text = decode(&bytes).expect("text").text;
    assert!(yo::shows_pattern(&[&text]));
    let (_, done) = yo::replace(&text);
    let word_at = |i: usize| {
        let start = text[..i]
            .rfind(|c: char| !(c.is_alphabetic() || c == '„' || c == '-'))
            .map_or(0, |s| s + 1);
        let end = text[i..]
            .find(|c: char| !(c.is_alphabetic() || c == '„' || c == '-'))
            .map_or(text.len(), |e| i + e);
        &text[start..end]
    };
    let mut words: std::collections::BTreeMap<&str, usize> = Default::default();
    for &i in &done {
        *words.entry(word_at(i)).or_default() += 1;
    }
    let all: Vec<usize> = text.match_indices('„').map(|(i, _)| i).collect();
    let left: Vec<usize> = all.iter().copied().filter(|i| !done.contains(i)).collect();
    eprintln!(
        "War and Peace: {} „, {} replaced ({} different words), {} left",
        all.len(),
        done.len(),
        words.len(),
        left.len()
    );
    eprintln!("words: {words:?}");
    for &i in &left {
        let line_start = text[..i].rfind('\n').map_or(0, |s| s + 1);
        let line_end = text[i..].find('\n').map_or(text.len(), |e| i + e);
        eprintln!("left: {}", &text[line_start..line_end]);
    }
    assert_eq!(all.len(), 1015);
    assert_eq!(done.len(), 1014);
    assert_eq!(words.len(), 31);
    // The one left: «А кто „ знает» (ё, his), a lone „ between spaces.
    assert_eq!(left.len(), 1);
    assert_eq!(word_at(left[0]), "„");

    // The rest of the corpus has „ only as quotes: none is a lib.ru text.
    for dir in [
        "txt",
        "md",
        "html",
        "fb2",
        "rst",
        "other-cyrillic",
        "stress",
    ] {
        let Ok(entries) = std::fs::read_dir(format!("../shared/corpus/{dir}")) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.ends_with("tolstoy_voyna_i_mir.txt") || !path.is_file() {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(d) = decode(&bytes) else { continue };
            let quotes = d.text.matches('„').count();
            if quotes > 0 {
                let (_, would) = yo::replace(&d.text);
                eprintln!(
                    "{}: {quotes} „, lib.ru pattern: {}, {} would change without the check",
                    path.display(),
                    yo::shows_pattern(&[&d.text]),
                    would.len()
                );
                assert!(!yo::shows_pattern(&[&d.text]), "{}", path.display());
            }
        }
    }
}
