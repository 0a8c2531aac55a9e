//! `chitalka mark` finds a quote as find does and keeps the article's own
//! words; the Markdown export keeps every quote a quote (never a list, a
//! heading or a rule) and every note out of the export's outline.

use crate::common::{Home, stderr, stdout};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::PathBuf;

const ARTICLE: &str = "Заголовок\n\n- Дефис в начале строки, сказал он.\n\n1. Первый пункт плана.\n\n\
+ Плюс в начале.\n\n> Не цитата, а текст.\n\nЁлка стоя\u{301}ла в лесу,\nи ей было хорошо.\n\nВторой абзац.\n";

struct Lib {
    home: Home,
    lib: PathBuf,
}

impl Lib {
    fn new() -> Lib {
        let home = Home::new();
        let lib = home.path().join("lib");
        std::fs::create_dir_all(&lib).expect("mkdir");
        std::fs::write(lib.join("a.txt"), ARTICLE).expect("write");
        Lib { home, lib }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.home
            .on_library(&self.lib)
            .args(args)
            .output()
            .expect("run")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    }
}

#[test]
fn mark_finds_the_quote_as_find_does_and_keeps_the_texts_words() {
    let l = Lib::new();
    // Case, ё/е, no stress mark, runs of white space and a line break.
    l.ok(&[
        "mark",
        "a.txt",
        "ЕЛКА   стояла в лесу, и ЕЙ",
        "--note",
        "первая",
    ]);
    l.ok(&["mark", "a.txt", "первый\n пункт", "--note", "вторая"]);
    let notes: Vec<serde_json::Value> =
        serde_json::from_str(&l.ok(&["notes", "--json"])).expect("json");
    let quotes: Vec<&str> = notes.iter().filter_map(|n| n["quote"].as_str()).collect();
    assert_eq!(
        quotes,
        ["Первый пункт", "Ёлка стоя\u{301}ла в лесу,\nи ей"],
        "{notes:?}"
    );
    assert!(notes.iter().all(|n| n["detached"] == false));
    // Not there at all: an error, and nothing saved.
    let o = l.run(&["mark", "a.txt", "ёлка в поле", "--note", "x"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the quote is not in the text"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    // Й is not и.
    let o = l.run(&["mark", "a.txt", "Еи было", "--note", "x"]);
    assert!(!o.status.success());
}

#[test]
fn markdown_keeps_quotes_in_their_blockquote_and_notes_out_of_the_outline() {
    let l = Lib::new();
    let note = "мысль\n# не заголовок\n> не цитата\n---\n- пункт заметки";
    for quote in [
        "- Дефис в начале",
        "1. Первый пункт",
        "+ Плюс",
        "> Не цитата",
        "Ёлка стояла в лесу, и ей было хорошо. Второй абзац",
    ] {
        l.ok(&["mark", "a.txt", "--note", note, "--", quote]);
    }
    let md = l.ok(&["notes"]);
    let (mut depth, mut headings, mut quoted, mut lists) = (0, Vec::new(), String::new(), 0);
    let mut in_heading = None;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth -= 1;
                quoted.push('|');
            }
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(in_heading.take()),
            Event::Start(Tag::List(_)) if depth > 0 => lists += 1,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = in_heading.as_mut() {
                    h.push_str(&t);
                } else if depth > 0 {
                    quoted.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => quoted.push('\n'),
            Event::Rule => panic!("a rule in\n{md}"),
            _ => {}
        }
    }
    assert_eq!(lists, 0, "a quote became a list:\n{md}");
    assert_eq!(depth, 0);
    let levels: Vec<HeadingLevel> = headings.iter().map(|(l, _)| *l).collect();
    // The export's own outline: its title, the article, sections; nothing from a note.
    assert!(
        headings.iter().all(|(_, h)| !h.contains("не заголовок")),
        "{headings:?}\n{md}"
    );
    assert_eq!(levels[0], HeadingLevel::H1);
    assert_eq!(levels[1], HeadingLevel::H2);
    // Each quote whole inside one blockquote, markers and all.
    let blocks: Vec<&str> = quoted.split('|').filter(|b| !b.is_empty()).collect();
    assert_eq!(blocks.len(), 5, "{blocks:?}\n{md}");
    for want in [
        "- Дефис в начале",
        "1. Первый пункт",
        "+ Плюс",
        "> Не цитата",
        "Ёлка стоя\u{301}ла в лесу,\nи ей было хорошо.",
    ] {
        assert!(
            blocks.iter().any(|b| b.starts_with(want)),
            "{want:?} in {blocks:?}\n{md}"
        );
    }
    // The quote over two paragraphs stays one blockquote.
    assert!(
        blocks
            .iter()
            .any(|b| b.contains("хорошо.") && b.contains("Второй абзац")),
        "{blocks:?}"
    );
    // The note keeps its own list.
    assert!(md.contains("\n- пункт заметки\n"), "{md}");
}
