use super::super::parse_str;
use crate::core::document::{BlockKind, Document, Inline, LinkTarget};

/// Each note reference: its block, the marker and the text of its note.
fn refs(d: &Document) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, b) in d.blocks.iter().enumerate() {
        for s in &b.spans {
            if let Inline::NoteRef(id) = &s.style {
                let note = match d.follow(&format!("#{id}")) {
                    LinkTarget::Note(n) => d.blocks[n.blocks.clone()]
                        .iter()
                        .map(|b| b.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" / "),
                    _ => "(missing)".into(),
                };
                out.push((i, b.text[s.range.clone()].to_string(), note));
            }
        }
    }
    out
}

fn texts(d: &Document) -> Vec<&str> {
    d.blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn inline_notes_are_taken_out_and_gathered_at_the_end() {
    let d = parse_str(
        "Глава I\n\nЧтобы всем было весело колядовать[1 - Колядовать у нас называется петь под окнами.] и славить Христа.\n\nГлава II\n\nСпереди совершенно немец[2 - Немцем называют у нас всякого [кто] из чужой земли.]: узенькая мордочка.\n",
    );
    assert_eq!(
        texts(&d),
        vec![
            "Глава I",
            "Чтобы всем было весело колядовать¹ и славить Христа.",
            "Глава II",
            "Спереди совершенно немец²: узенькая мордочка.",
            "Примечания",
            "1. Колядовать у нас называется петь под окнами.",
            "2. Немцем называют у нас всякого [кто] из чужой земли.",
        ]
    );
    // A heading beside the chapters.
    assert_eq!(d.blocks[4].kind, d.blocks[0].kind);
    assert_eq!(
        refs(&d),
        vec![
            (
                1,
                "¹".into(),
                "1. Колядовать у нас называется петь под окнами.".into()
            ),
            (
                3,
                "²".into(),
                "2. Немцем называют у нас всякого [кто] из чужой земли.".into()
            ),
        ]
    );
    assert_eq!(d.notes[1].label, "2");
}

#[test]
fn a_text_without_headings_gets_a_rule_before_its_notes() {
    let d = parse_str("Первый абзац слово[1 - сноска].\n\nВторой абзац.\n");
    assert_eq!(
        texts(&d),
        vec![
            "Первый абзац слово¹.",
            "Второй абзац.",
            "",
            "Примечания",
            "1. сноска"
        ]
    );
    assert_eq!(d.blocks[2].kind, BlockKind::Rule);
}

#[test]
fn ordinary_brackets_and_unclosed_notes_are_left_alone() {
    let src = "В 1812 году [sic] и [1812 - 1814 гг.] и [2 - 3] и [см. выше], список: 1) один.\n\nЛих,[32 - лих (устар.) – проведешь!» и дальше без скобки.\n\nКонец] абзаца.\n";
    let d = parse_str(src);
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    assert_eq!(
        texts(&d),
        vec![
            "В 1812 году [sic] и [1812 - 1814 гг.] и [2 - 3] и [см. выше], список: 1) один.",
            "Лих,[32 - лих (устар.) – проведешь!» и дальше без скобки.",
            "Конец] абзаца.",
        ]
    );
}

#[test]
fn inline_notes_lead_to_the_entries_of_a_notes_section_after_them() {
    // As in Бесы: the note in brackets, and again under its number at the end.
    let d = parse_str(
        "Часть первая\n\nГлава первая\n\nОкончательное fiasco.[1 - поражение (ит.).] Он не выдержал.\n\nИ ещё[2 - вторая (фр.)].\n\nПримечания\n\n1\n\nпоражение (ит.).\n\n2\n\nвторая (фр.)\n\nвторой абзац второй\n",
    );
    assert_eq!(
        &texts(&d)[2..],
        &[
            "Окончательное fiasco.¹ Он не выдержал.",
            "И ещё².",
            "Примечания",
            "1. поражение (ит.).",
            "2. вторая (фр.)",
            "второй абзац второй",
        ]
    );
    assert_eq!(d.notes.len(), 2);
    assert_eq!(d.notes[1].blocks, 6..8);
    // The numbers are no longer headings of the outline.
    let headings = d
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .count();
    assert_eq!(headings, 3);
}

#[test]
fn bare_numbers_lead_to_a_snoski_section_in_order() {
    let src = "ЧАСТЬ ПЕРВАЯ\n\nI.\n\n- Eh bien, mon prince, comme vous dites. 1 (См. сноски в конце части) Ну, здравствуйте. Je vois que je vous fais peur, 2 садитесь. В 1805 году было 3 гостя и 2 собаки.\n\n- Dieu, quelle virulente sortie 3 - отвечал князь. Список: 4) один, 5-го числа, в 4:30.\n\n- Avant tout dites moi, comment vous allez? 4 Успокойте друга.\n\nСНОСКИ\n\n(сноска 1) Как вы говорите.\n(сноска 2) Я вижу, что я вас пугаю, (сноска 3) О! какое\n   жестокое нападение! (сноска\n4) Прежде всего.\n(сноска 5) Лишняя.\n\nЧАСТЬ ВТОРАЯ\n\nI.\n\nТекст 1 второй части.\n";
    let d = parse_str(src);
    let r = refs(&d);
    let got: Vec<(&str, &str)> = r.iter().map(|(_, m, n)| (m.as_str(), n.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("¹", "1. Как вы говорите."),
            ("²", "2. Я вижу, что я вас пугаю,"),
            ("³", "3. О! какое жестокое нападение!"),
            ("⁴", "4. Прежде всего."),
        ]
    );
    assert_eq!(
        d.blocks[2].text,
        "- Eh bien, mon prince, comme vous dites.¹ Ну, здравствуйте. Je vois que je vous fais peur,² садитесь. В 1805 году было 3 гостя и 2 собаки."
    );
    assert_eq!(
        d.blocks[3].text,
        "- Dieu, quelle virulente sortie³ - отвечал князь. Список: 4) один, 5-го числа, в 4:30."
    );
    // Note 5 is read, though nothing refers to it; the next part is untouched.
    assert_eq!(d.notes.len(), 5);
    assert_eq!(
        d.blocks.last().map(|b| b.text.as_str()),
        Some("Текст 1 второй части.")
    );
}

#[test]
fn entries_without_a_space_or_a_word_and_references_glued_to_a_latin_word() {
    // War and Peace: «(сноска1)», «10) Король Неаполитанский.» among them,
    // and «"mon chevalier33 и который».
    let src = "ЧАСТЬ ТРЕТЬЯ\n\nI.\n\nОна звала его \"mon chevalier1 и ещё Viva il re! 2 и 3) не ссылка, le roi 3 вот, и В2 нет.\n\nСНОСКИ\n\n(сноска1) мой рыцарь\n(сноска2) Да здравствует король!\n3) Король.\n5) не в свой черёд.\n";
    let d = parse_str(src);
    let r = refs(&d);
    let got: Vec<(&str, &str)> = r.iter().map(|(_, m, n)| (m.as_str(), n.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("¹", "1. мой рыцарь"),
            ("²", "2. Да здравствует король!"),
            ("³", "3. Король. 5) не в свой черёд."),
        ]
    );
    assert_eq!(
        d.blocks[2].text,
        "Она звала его \"mon chevalier¹ и ещё Viva il re!² и 3) не ссылка, le roi³ вот, и В2 нет."
    );
}

#[test]
fn numbers_are_numbers_without_a_snoski_section() {
    // Numbered entries under «Примечания» but no «(сноска N)» and no «См.
    // сноски»: bare numbers in the text are not taken for references.
    let src = "Глава\n\nБыло comme il faut 1 раз и ещё 2 раза.\n\nПримечания\n\n1\n\nпервая\n\n2\n\nвторая\n";
    let d = parse_str(src);
    assert!(refs(&d).is_empty());
    assert_eq!(d.blocks[1].text, "Было comme il faut 1 раз и ещё 2 раза.");
    assert_eq!(d.notes.len(), 2, "the entries are notes all the same");
}

#[test]
fn hostile_inputs_finish() {
    // 100,000 openings never closed.
    let src = "слово[1 - ".repeat(100_000);
    let d = parse_str(&src);
    assert!(d.notes.is_empty());
    // A note a megabyte long.
    let src = format!("Начало[1 - {}] конец.\n", "длинная сноска ".repeat(70_000));
    let d = parse_str(&src);
    assert_eq!(d.notes.len(), 1);
    assert_eq!(d.blocks[0].text, "Начало¹ конец.");
    // Brackets nested 10,000 deep, with a note at every level.
    let src = format!("{}x{}", "[1 - a ".repeat(10_000), "]".repeat(10_000));
    let d = parse_str(&src);
    assert_eq!(d.notes.len(), 1, "the outer note holds the others as text");
    // Brackets nested 100,000 deep with no letter inside: every bracket
    // looks like a note until its end (each was scanned to it: minutes).
    let src = format!("x{}{}\n", "[1 - ".repeat(100_000), "]".repeat(100_000));
    let d = parse_str(&src);
    assert!(d.notes.is_empty(), "no note holds a word");
    assert!(d.blocks[0].text.starts_with("x[1 - [1 - "));
    // The same with one word at the heart: the outer bracket is the note.
    let src = format!("x{}слово{}\n", "[1 - ".repeat(100_000), "]".repeat(100_000));
    let d = parse_str(&src);
    assert_eq!(d.notes.len(), 1);
    assert_eq!(d.blocks[0].text, "x¹");
    // A СНОСКИ section with 50,000 entries and a text of numbers.
    let mut src = String::from("ЧАСТЬ ПЕРВАЯ\n\n");
    for i in 1..=50_000 {
        src.push_str(&format!("mot {i} и {} ", i + 7));
    }
    src.push_str("\n\nСНОСКИ\n\n");
    for i in 1..=50_000 {
        src.push_str(&format!("(сноска {i}) перевод.\n"));
    }
    let d = parse_str(&src);
    assert_eq!(d.notes.len(), 50_000);
    // 50,000 notes headings, each with one entry.
    let src = "Текст.\n\nСНОСКИ\n\n(сноска 1) а\n\n".repeat(50_000);
    let d = parse_str(&src);
    assert_eq!(d.notes.len(), 50_000);
}

#[test]
fn hard_wrapped_text_is_reflowed_and_its_numbers_found() {
    // lib.ru's layout: lines padded to ~76 columns, paragraphs indented.
    let src = "\
   - Еh bien, mon prince. Gкnes et Lucques ne sont plus  que  des  apanages,
des поместья, de la famille Buonaparte. Non, je vous prйviens, que  si  vous
n'кtes plus мой верный раб, comme vous dites. 1 (См. сноски в  конце  части)
Ну, здравствуйте, здравствуйте. Je vois que je vous fais peur, 2 садитесь  и
рассказывайте.
   Так говорила в июле 1805 года известная Анна Павловна Шерер,  фрейлина  и
приближенная императрицы Марии  Феодоровны,  встречая  важного  и  чиновного
князя Василия, первого  приехавшего  на  ее  вечер.  Анна  Павловна  кашляла
несколько дней, у нее был грипп, как она говорила  (грипп  был  тогда  новое
слово, употреблявшееся только редкими). В записочках,  разосланных  утром  с
красным лакеем, было написано без различия во всех: je serai  charmйe  de  vous
voir chez  moi  entre  7  et  10  heures. Annette Scherer\".3 И всё.

СНОСКИ

(сноска 1) Ну, что, князь.
(сноска 2) Я вижу, что я вас пугаю,
(сноска 3) Анна Шерер.
";
    let d = parse_str(src);
    assert_eq!(
        d.blocks[0].text,
        "- Еh bien, mon prince. Gênes et Lucques ne sont plus que des apanages, des поместья, de la famille Buonaparte. Non, je vous préviens, que si vous n'êtes plus мой верный раб, comme vous dites.¹ Ну, здравствуйте, здравствуйте. Je vois que je vous fais peur,² садитесь и рассказывайте."
    );
    assert!(
        d.blocks[1]
            .text
            .ends_with("entre 7 et 10 heures. Annette Scherer\".³ И всё.")
    );
    let got: Vec<String> = refs(&d).into_iter().map(|r| r.2).collect();
    assert_eq!(
        got,
        [
            "1. Ну, что, князь.",
            "2. Я вижу, что я вас пугаю,",
            "3. Анна Шерер."
        ]
    );
}
