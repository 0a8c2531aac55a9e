use super::*;
use crate::core::document::count_words;

#[test]
fn the_fast_count_is_count_words() {
    let texts = [
        "",
        "Один два-три, четы\u{301}ре.",
        "— Да!",
        "word-\nword ab\u{AD}cd 12 345 Ёлка ёж Ѣ ҂ ǅungla Ωμέγα 日本語 x-y-",
        "  \u{300}начало с ударения и - дефис -- тире",
        "\u{430}\u{301}\u{301}б caf\u{E9} naïve ﬁ ℕ ①",
    ];
    for t in texts {
        assert_eq!(count_words_fast(t), count_words(t), "{t:?}");
    }
    // Every character of the ranges read at byte speed, alone, after a
    // letter and between letters.
    for c in ('\u{80}'..='\u{BF}').chain('\u{2000}'..='\u{203F}') {
        for t in [
            format!("{c}"),
            format!("а{c}"),
            format!("а{c}б"),
            format!("a{c}b"),
        ] {
            assert_eq!(count_words_fast(&t), count_words(&t), "{t:?}");
        }
    }
}

#[test]
fn markup_words_leave_out_tags_scripts_and_notes() {
    let html = "<html><head><title>Не слово</title><style>p { x: y }</style></head>\
                <body><p>Раз два&nbsp;три</p><script>var a = b;</script><!-- нет --><p>четыре</p></body></html>";
    assert_eq!(count(Kind::Html, html), 4);
    let fb2 = "<FictionBook><description><title-info><book-title>Книга</book-title></title-info></description>\
               <body><section><p>Раз два</p></section></body>\
               <body name=\"notes\"><section><p>Примечание</p></section></body>\
               <binary id=\"a\">QUJDRA==</binary></FictionBook>";
    assert_eq!(count(Kind::Fb2, fb2), 2);
    let md = "---\ntitle: Заглавие\n---\n# Раз\n\nДва [три](http://example.com/x) <b>четыре</b>\n\n```\nкод не слова\n```\n";
    assert_eq!(count(Kind::Markdown, md), 4);
}

#[test]
fn a_long_text_is_parsed_only_at_its_head_and_keeps_its_title() {
    let mut text = String::from("Лев Толстой\n\nВОЙНА И МИР\n\n");
    for i in 0..3000 {
        text.push_str(&format!("Абзац номер {i} о чём-то.\n\n"));
    }
    let head = head_of(&text, Kind::Text);
    assert!(head.len() < text.len() / 2, "the head is a part");
    let s = summarize(Path::new("a.txt"), text.as_bytes()).expect("summary");
    let full = crate::core::formats::parse(Path::new("a.txt"), text.as_bytes()).expect("parse");
    assert_eq!(s.title, full.title);
    assert_eq!(s.author, full.meta.author);
    assert_eq!(s.words, full.word_count());
}

#[test]
fn a_head_with_no_heading_is_parsed_whole_for_its_title() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("абзац номер {i} о чём-то, без заглавия.\n\n"));
    }
    text.push_str("# Заглавие\n\nТекст.\n");
    let s = summarize(Path::new("a.md"), text.as_bytes()).expect("summary");
    assert_eq!(s.title, "Заглавие");
    // A plain text's title is from its first lines, as the parser has it.
    let s = summarize(Path::new("a.txt"), text.as_bytes()).expect("summary");
    let full = crate::core::formats::parse(Path::new("a.txt"), text.as_bytes()).expect("parse");
    assert_eq!(s.title, full.title);
}

#[test]
fn a_binary_body_behind_a_good_head_is_summarized_without_a_panic() {
    let mut bytes = "Заглавие\n\n".as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(b"Text line here.\n\n".as_slice(), 2000).flatten());
    bytes.extend((0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    for name in ["a.txt", "a.md", "a.html", "a.fb2"] {
        // Whatever it finds, it finds it without a panic.
        let _ = summarize(Path::new(name), &bytes);
    }
    // Judged whole, as the reader judges it: the noise makes it no UTF-8.
    let s = summarize(Path::new("a.txt"), &bytes).expect("a text with noise is a text");
    let full = crate::core::formats::parse(Path::new("a.txt"), &bytes).expect("parse");
    assert_eq!((s.title, s.encoding), (full.title, full.meta.encoding));
}
