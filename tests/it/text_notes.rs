//! lib.ru's notes in plain text, on excerpts of the corpus
//! (`tests/fixtures/notes/`, sources in `tests/fixtures/SOURCES.md`): War and
//! Peace's bare numbers and СНОСКИ, Бесы's inline notes and «Примечания»,
//! Капитанская дочка's inline notes (one never closed), Gogol's. When
//! `../shared/corpus` is there, the whole books are counted too
//! (`cargo test --test it text_notes:: -- --nocapture` prints the figures).

use chitalka::core::document::{Document, Inline, LinkTarget};
use chitalka::core::find::find_all;
use chitalka::core::formats;
use chitalka::core::outline::Outline;
use std::path::Path;

fn parse(path: &str) -> Document {
    let bytes = std::fs::read(path).expect("fixture");
    formats::parse(Path::new(path), &bytes).expect("text")
}

/// Each note reference: the text before it (up to 24 chars), its marker and
/// the first 40 chars of its note's text.
fn refs(d: &Document) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for b in &d.blocks {
        for s in &b.spans {
            let Inline::NoteRef(id) = &s.style else {
                continue;
            };
            let before: String = {
                let head = &b.text[..s.range.start];
                let n = head.chars().count();
                head.chars().skip(n.saturating_sub(24)).collect()
            };
            let note = match d.follow(&format!("#{id}")) {
                LinkTarget::Note(n) => d.blocks[n.blocks.start].text.chars().take(40).collect(),
                other => format!("{other:?}"),
            };
            out.push((before, b.text[s.range.clone()].to_string(), note));
        }
    }
    out
}

#[test]
fn war_and_peace_numbers_lead_to_the_snoski_of_the_part() {
    let d = parse("tests/fixtures/notes/voyna-i-mir-snoski.txt");
    let r = refs(&d);
    let markers: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(markers, ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸"]);
    assert!(r[0].0.ends_with("раб, comme vous dites."), "{:?}", r[0]);
    assert!(
        r[0].2.starts_with("1. Ну, что, князь, Генуа и Лукка"),
        "{r:?}"
    );
    assert!(r[1].0.ends_with("que je vous fais peur,"), "{:?}", r[1]);
    assert_eq!(r[1].2, "2. Я вижу, что я вас пугаю,");
    // Glued to the quote: «Annette Scherer".3».
    assert!(r[2].0.ends_with("Annette Scherer\"."), "{:?}", r[2]);
    assert!(r[2].2.starts_with("3. Если y вас, граф"));
    assert_eq!(
        r[7].2.chars().take(14).collect::<String>(),
        "8. Что решили?"
    );
    let text = d.canonical_text();
    // The pointer to the notes goes with the first reference; numbers that
    // are not references stay.
    assert!(!text.contains("См. сноски"));
    assert!(text.contains("в июле 1805 года"));
    assert!(text.contains("entre 7 et 10 heures"));
    // Every entry is a note: 1–10 and 43–48, wrapped ones included.
    let labels: Vec<&str> = d.notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "43", "44", "45", "46", "47", "48"
        ]
    );
    let note = |label: &str| {
        let n = d.notes.iter().find(|n| n.label == label).expect("note");
        d.blocks[n.blocks.clone()]
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    assert_eq!(
        note("43"),
        "43. <Очень любезно с вашей стороны, Пьер, что вы пришли навестить Бедную больную,>"
    );
    assert_eq!(note("47"), "47. Bиконт удивительный мастер рассказывать,");
    // A phrase is found across a reference (its digits are folded away).
    let hits = find_all(&d, "comme vous dites. Ну, здравствуйте");
    assert_eq!(hits.len(), 1);
    // The notes heading is one entry of the outline.
    let o = Outline::of(&d);
    assert_eq!(o.sections.iter().filter(|s| s.title == "СНОСКИ").count(), 1);
}

#[test]
fn besy_inline_notes_lead_to_its_primechaniya() {
    let d = parse("tests/fixtures/notes/besy-primechaniya.txt");
    let r = refs(&d);
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(r[0].0.ends_with("окончательное fiasco."), "{:?}", r[0]);
    assert_eq!(r[0].2, "1. поражение (ит.).");
    assert!(
        r[1].2
            .starts_with("2. Со мной обошлись как со старым ночным")
    );
    // In verse (indented by TABs in the source).
    assert_eq!(r[2].0, "Век");
    assert_eq!(r[2].2, "3. «Век» – петербургский еженедельный жу");
    assert!(r[3].2.starts_with("4. Камбек, Лев Логинович"));
    let text = d.canonical_text();
    assert!(!text.contains("[1 - "));
    assert_eq!(text.matches("поражение (ит.).").count(), 1, "not twice");
    // The entries' numbers are not headings of the outline any more.
    let o = Outline::of(&d);
    assert!(o.sections.iter().all(|s| s.title.parse::<u32>().is_err()));
    assert!(o.sections.iter().any(|s| s.title == "Примечания"));
}

#[test]
fn kapitanskaya_dochka_inline_notes_and_one_never_closed() {
    let d = parse("tests/fixtures/notes/pushkin-inline.txt");
    let r = refs(&d);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].0.ends_with("возмутительными листами."), "{:?}", r[0]);
    assert_eq!(r[0].2, "31. Возмутительные листы – воззвания, пр");
    let text = d.canonical_text();
    // [32 - … is never closed in its paragraph: left as it is.
    assert!(text.contains("лих,[32 - лих (устар.)"));
    let last = d.blocks.len() - 1;
    assert_eq!(d.notes[0].blocks, last..last + 1);
    assert_eq!(d.blocks[last - 1].text, "Примечания");
}

#[test]
fn gogol_inline_notes_gathered_after_a_rule() {
    let d = parse("tests/fixtures/notes/gogol-inline.txt");
    let r = refs(&d);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].0.ends_with("и славить Христа"), "{:?}", r[0]);
    assert!(
        r[0].2
            .starts_with("1. Колядовать у нас называется петь под")
    );
    // No headings to stand among: the notes are a group of the outline.
    let o = Outline::of(&d);
    assert_eq!(
        o.sections.last().map(|s| s.title.as_str()),
        Some("Примечания")
    );
}

/// (file, references, notes) the whole books give.
const CORPUS: [(&str, usize, usize); 6] = [
    ("tolstoy_voyna_i_mir.txt", 979, 979),
    ("dostoevsky_besy.txt", 319, 319),
    ("pushkin_kapitanskaya_dochka.txt", 61, 61),
    ("gogol_noch_pered_rozhdestvom.txt", 2, 2),
    ("tolstoy_anna_karenina.txt", 0, 0),
    ("tolstoy_voyna_i_mir_kniga1.txt", 0, 0),
];

#[test]
fn the_corpus_measured() {
    for (name, want_refs, want_notes) in CORPUS {
        let path = format!("../shared/corpus/txt/{name}");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path} not here: not measured");
            continue;
        };
        let d = formats::parse(Path::new(&path), &bytes).expect("text");
        let r = refs(&d);
        let missing = r
            .iter()
            .filter(|x| !x.2.chars().next().is_some_and(char::is_numeric))
            .count();
        eprintln!(
            "{name}: {} references, {} notes, {missing} without a note",
            r.len(),
            d.notes.len()
        );
        assert_eq!(
            (r.len(), d.notes.len(), missing),
            (want_refs, want_notes, 0),
            "{name}"
        );
    }
}
