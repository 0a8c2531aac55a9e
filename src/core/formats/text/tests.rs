use super::*;

fn kinds(d: &Document) -> Vec<BlockKind> {
    d.blocks.iter().map(|b| b.kind).collect()
}

#[test]
fn paragraphs_from_blank_lines() {
    let d = parse_str("Заголовок статьи\n\nПервый абзац, длинный.\n\nВторой абзац.\n");
    assert_eq!(d.title, "Заголовок статьи");
    assert_eq!(
        kinds(&d),
        vec![
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
    assert_eq!(d.blocks[2].text, "Второй абзац.");
}

#[test]
fn hard_wrapped_text_is_reflowed() {
    let src = "\
   Так говорила в июле 1805 года известная Анна Павловна Шерер,  фрейлина  и
приближенная императрицы Марии  Феодоровны,  встречая  важного  и  чиновного
князя Василия, первого  приехавшего  на  ее  вечер.  Анна  Павловна  кашляла
несколько дней, у нее был грипп.
   - Dieu, quelle virulente sortie - отвечал, нисколько не  смутясь  такою
встречей, вошедший князь, в придворном, шитом мундире, в  чулках,  башмаках,
при  звездах,  с  светлым  выражением  плоского  лица.  Он  говорил  на  том
изысканном французском языке, на котором не только  говорили,  но  и  думали
наши деды.
   Анна Павловна поцеловала его руку и он уселся на диване, покойно и удобно,
как человек, который привык к этому дому и к этим вечерам у фрейлины Шерер.
";
    let d = parse_str(src);
    assert_eq!(d.blocks.len(), 3, "{:#?}", d.blocks);
    assert!(d.blocks[0].text.starts_with("Так говорила"));
    assert!(
        d.blocks[0]
            .text
            .contains("фрейлина и приближенная императрицы Марии Феодоровны, встречая")
    );
    assert!(d.blocks[0].text.ends_with("был грипп."));
    assert!(!d.blocks[1].text.contains("  "));
    assert!(d.blocks[2].text.ends_with("фрейлины Шерер."));
}

#[test]
fn one_paragraph_per_line_stays() {
    let long = "Слово ".repeat(40);
    let src = format!("{long}\n{long}\n\n{long}\n");
    let d = parse_str(&src);
    assert_eq!(d.blocks.len(), 3);
    assert!(
        d.blocks
            .iter()
            .all(|b| b.kind == BlockKind::Paragraph && !b.text.contains('\n'))
    );
}

#[test]
fn long_verse_is_not_reflowed() {
    let iliad = "\
Гнев, богиня, воспой Ахиллеса, Пелеева сына,
Грозный, который ахеянам тысячи бедствий соделал:
Многие души могучие славных героев низринул
В мрачный Аид и самих распростер их в корысть плотоядным
Птицам окрестным и псам (совершалася Зевсова воля),
С оного дня, как, воспрянув, взаимной враждой воспылали
Пастырь народов Атрид и герой Ахиллес благородный.
Кто ж от богов бессмертных подвиг их к враждебному спору?
Сын громовержца и Леты - Феб, царем прогневленный,
Язву на воинство злую навел: погибали народы.";
    let d = parse_str(&format!("Илиада\n\nПеснь первая\n\n{iliad}\n"));
    let verse = d.blocks.last().expect("a block");
    assert_eq!(verse.text.lines().count(), 10, "{:#?}", d.blocks);
}

#[test]
fn verse_keeps_its_lines() {
    let src = "Стихи\n\n        Хоть убей, следа не видно,\n        Сбились мы, что делать нам?\n\nПроза после.\n";
    let d = parse_str(src);
    assert_eq!(d.blocks[1].kind, BlockKind::Quote);
    assert_eq!(
        d.blocks[1].text,
        "Хоть убей, следа не видно,\nСбились мы, что делать нам?"
    );
}

#[test]
fn author_before_title() {
    let d = parse_str(
        "Николай Васильевич Гоголь\n\nНОЧЬ ПЕРЕД РОЖДЕСТВОМ\n\n\nПоследний день перед Рождеством прошел.\n",
    );
    assert_eq!(d.title, "НОЧЬ ПЕРЕД РОЖДЕСТВОМ");
    assert_eq!(d.meta.author.as_deref(), Some("Николай Васильевич Гоголь"));
    assert_eq!(d.blocks[0].kind, BlockKind::Paragraph);
}

#[test]
fn chrome_is_removed() {
    let src = "Вы сейчас просматриваете Статья о деле\n\nСтатья о деле\n\nТекст статьи.\n\nДобавить комментарий";
    let d = parse_str(src);
    assert_eq!(d.title, "Статья о деле");
    assert_eq!(d.blocks.len(), 2);
}

#[test]
fn headingless_text_gets_a_title_from_its_words() {
    let d = parse_str(&format!(
        "{}.",
        "Очень длинное предложение без заголовка ".repeat(5)
    ));
    assert!(d.title.ends_with('…'));
    assert!(d.title.chars().count() <= FALLBACK_TITLE_CHARS + 1);
}

#[test]
fn hash_headings_and_odd_fallback_titles() {
    let d = parse_str("# Заметки\n\nТекст.\n\n## Раздел ##\n\nЕщё.\n");
    assert_eq!(d.title, "Заметки");
    assert_eq!(d.blocks[2], Block::new(BlockKind::Heading(2), "Раздел"));
    assert_eq!(hash_heading("#хештег"), None);
    assert_eq!(hash_heading("####### семь"), None);
    let d = parse_str("Хоть убей, следа не видно,\nСбились мы. Что делать нам!\n");
    assert_eq!(d.title, "Хоть убей, следа не видно");
    let d = parse_str(&"ж".repeat(5000));
    assert_eq!(d.title.chars().count(), FALLBACK_TITLE_CHARS + 1);
}

fn headings(d: &Document) -> Vec<&str> {
    d.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn an_epigraph_before_the_heading_is_not_the_title() {
    let src = "        Мой дядя самых честных правил,\n        Когда не в шутку занемог,\n\n    \
                   А. Пушкин\n\nЗаписки молодого человека\n\nТекст повести начинается здесь.\n";
    let d = parse_str(src);
    assert_eq!(d.title, "Записки молодого человека");
    assert_eq!(headings(&d), vec!["Записки молодого человека"]);
    assert_eq!(d.blocks[0].kind, BlockKind::Quote);
    assert_eq!(d.blocks[1].kind, BlockKind::Paragraph);
}

#[test]
fn an_epigraph_and_its_attribution_with_no_title_give_none() {
    // «Капитанская дочка»: the attribution alone on its line would pass for a title.
    let d =
        parse_str("Береги честь смолоду.\n\n    Пословица\n\n\n\nГлава I\n\nСержант гвардии.\n");
    assert_eq!(d.title, "", "the file's name is used");
    assert_eq!(headings(&d), vec!["Глава I"]);
    // «Бесы»: verse, a dash-led attribution, a second epigraph; a part heading is no title.
    let src = "\t\tХоть убей, следа не видно,\n\t\tСбились мы, что делать нам?\n\n\
                   — А. Пушкин\n\nТут на горе паслось большое стадо свиней.\n\n\
                   \u{A0}\u{A0}\u{A0}\u{A0}Евангелие от Луки. Глава VIII, 32—36.\n\n\
                   Часть первая\n\nГлава первая\n\nТекст.\n";
    let d = parse_str(&crate::core::formats::decode::clean_text(src));
    assert_eq!(d.title, "");
    assert_eq!(headings(&d), vec!["Часть первая", "Глава первая"]);
}

#[test]
fn a_title_line_first_stays_the_title() {
    // An indented byline after a title is no attribution of an epigraph.
    let d = parse_str("Метель\n\n    Иван Петров\n\nТекст рассказа.\n");
    assert_eq!(d.title, "Метель");
    let d = parse_str("АННА КАРЕНИНА\n\nМне отмщение, и аз воздам\n\n\n\nЧАСТЬ ПЕРВАЯ\n\nТекст.\n");
    assert_eq!(d.title, "АННА КАРЕНИНА");
}

#[test]
fn a_poem_or_dialogue_is_not_an_epigraph() {
    // A poem signed at its end: nothing follows the signature.
    let src = "    Мороз и солнце; день чудесный!\n    Еще ты дремлешь, друг прелестный —\n\n\
                   \x20   Пора, красавица, проснись:\n    Открой сомкнуты негой взоры\n\n        А. Пушкин\n";
    let d = parse_str(src);
    assert_eq!(d.title, "Мороз и солнце; день чудесный!");
    // Dialogue: a short dash-led reply is no attribution.
    let d = parse_str("Он спросил, что будет завтра.\n\n— Ничего.\n\nИ ушёл домой.\n");
    assert_eq!(d.title, "Он спросил, что будет завтра.");
    // An indented short line in text whose paragraphs are all indented.
    let d = parse_str("    Он спросил, что будет.\n\n    Ничего не будет.\n\n    И ушёл.\n");
    assert_eq!(d.title, "Он спросил, что будет.");
}

#[test]
fn levels_follow_the_book() {
    let src = "ТОМ ПЕРВЫЙ\n\nЧАСТЬ ПЕРВАЯ\n\nI.\n\nТекст главы.\n\nСНОСКИ\n\n(сноска 1) Примечание.\n\n\
                   ЭПИЛОГ\n\nЧАСТЬ ПЕРВАЯ\n\nI.\n\nТекст.\n";
    let d = parse_str(src);
    let levels: Vec<(u8, &str)> = d
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(l) => Some((l, b.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        levels,
        vec![
            (1, "ТОМ ПЕРВЫЙ"),
            (2, "ЧАСТЬ ПЕРВАЯ"),
            (3, "I."),
            (3, "СНОСКИ"),
            (1, "ЭПИЛОГ"),
            (2, "ЧАСТЬ ПЕРВАЯ"),
            (3, "I."),
        ]
    );
}

/// Headings with their levels.
fn levels(d: &Document) -> Vec<(u8, &str)> {
    d.blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(l) => Some((l, b.text.as_str())),
            _ => None,
        })
        .collect()
}

#[test]
fn author_and_title_on_the_first_two_lines() {
    // tolstoy_voyna_i_mir_kniga1.txt: one paragraph a line, the author's
    // name and the title on the first two lines.
    let d = parse_str(
        "Лев Николаевич Толстой\nВойна и мир. Книга 1\n\nВойна и мир – 1\n\nАннотация \n\n\
         Роман Льва Толстого «Война и мир» лежит в основании величественного здания русской классической литературы.\n",
    );
    assert_eq!(d.title, "Война и мир. Книга 1");
    assert_eq!(d.meta.author.as_deref(), Some("Лев Николаевич Толстой"));
    // The title line still heads the outline, «Аннотация» under it.
    assert_eq!(levels(&d), vec![(1, "Война и мир – 1"), (2, "Аннотация")]);
    // A verse stanza is not a name and a title.
    let d =
        parse_str("Мороз и солнце; день чудесный!\nЕще ты дремлешь, друг прелестный\n\nТекст.\n");
    assert_eq!(d.meta.author, None);
}

#[test]
fn numbered_sections_nest_under_named_chapters() {
    // Бесы: «Часть первая», «Глава первая» with its name, then «I», «II»; a
    // poem's title inside a section; the last chapter's name on its own line.
    let src = "Часть первая\n\nГлава первая\n\nВместо введения.\n\nI\n\nТекст.\n\nII\n\n\
               Текст.\n\nГлава вторая\n\nI\n\nТекст.\n\nСВЕТЛАЯ ЛИЧНОСТЬ\n\nСтихи.\n\nII\n\n\
               Текст.\n\nЧасть вторая\n\nГлава восьмая\n\nЗаключение\n\nТекст.\n\n\
               Примечания\n\n1\n\nПримечание.\n";
    assert_eq!(
        levels(&parse_str(src)),
        vec![
            (2, "Часть первая"),
            (3, "Глава первая"),
            (4, "I"),
            (4, "II"),
            (3, "Глава вторая"),
            (4, "I"),
            (4, "СВЕТЛАЯ ЛИЧНОСТЬ"),
            (4, "II"),
            (2, "Часть вторая"),
            (3, "Глава восьмая"),
            (4, "Заключение"),
            (2, "Примечания"),
            (3, "1"),
        ]
    );
    // Chapters named by numerals stay where they were («Глава I», «Глава II»).
    let src = "Глава I\n\nТекст.\n\nГлава II\n\nТекст.\n";
    assert_eq!(
        levels(&parse_str(src)),
        vec![(3, "Глава I"), (3, "Глава II")]
    );
}

#[test]
fn scene_breaks_are_rules() {
    let d = parse_str("Начало.\n\n* * *\n\nПродолжение.\n\n***\n\nКонец. ***\n");
    let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::{Paragraph, Rule};
    assert_eq!(kinds, vec![Paragraph, Rule, Paragraph, Rule, Paragraph]);
}

#[test]
fn empty_text() {
    let d = parse_str("");
    assert!(d.blocks.is_empty());
    assert_eq!(d.title, "");
}

#[test]
fn whitespace_collapses_but_nbsp_stays() {
    assert_eq!(collapse("  а \u{A0} б   в "), "а \u{A0} б в");
    assert_eq!(
        collapse("а\u{2003}\u{2002}б\u{3000}в\u{202F}г\u{2007}д\u{85}е"),
        "а б в\u{202F}г\u{2007}де".replace("де", "д е")
    );
    assert_eq!(collapse("\u{2014}\u{A0}Да"), "\u{2014}\u{A0}Да");
    assert_eq!(collapse(" \t "), "");
}

#[test]
fn a_dictd_dictionary_is_named_by_its_header() {
    // ../shared/corpus/stress/mueller7accent_excerpt_u0301.txt
    let d = parse_str(
        "\n\n00-database-dictfmt-1.12.1\nhttp://www.chat.ru/~mueller_dic\n00-database-short\n     Mueller English-Russian Dictionary\nThe original data is available from:\n",
    );
    assert_eq!(d.title, "Mueller English-Russian Dictionary");
}
