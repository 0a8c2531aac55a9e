//! Hostile files for every parser: deep nesting, long lines of tabs, escape
//! sequences hidden in entities. Each file is made here (none is committed)
//! and parsed in a thread with a small stack, as the TUI's background scan
//! and index do: a parse must finish, without overflowing the stack, and no
//! control character but `\n` may reach the document.

use chitalka::core::document::{Document, Inline};
use chitalka::core::formats::{self, decode};
use proptest::prelude::*;
use std::path::Path;

/// A stack smaller than any thread chitalka starts (Rust's default is 2 MiB).
const SMALL_STACK: usize = 256 * 1024;

/// Parse `bytes` as a file named `name`, in a thread with a small stack.
fn try_parse_small_stack(name: &str, bytes: Vec<u8>) -> Result<Document, decode::DecodeError> {
    let name = name.to_string();
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || formats::parse(Path::new(&name), &bytes))
        .expect("spawn")
        .join()
        .expect("the parse neither panics nor overflows its stack")
}

/// [`try_parse_small_stack`] of a file that reads.
fn parse_small_stack(name: &str, bytes: Vec<u8>) -> Document {
    try_parse_small_stack(name, bytes).expect("the file reads")
}

/// The characters that must never reach a document: C0 but `\n`, DEL, C1
/// (U+009B is a CSI, U+0085 a NEL), and the bidi overrides and isolates.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || decode::is_bidi_control(c)
}

/// Every string of the document that reaches a screen or an export.
fn strings(doc: &Document) -> Vec<&str> {
    let mut out = vec![doc.title.as_str()];
    out.extend(doc.meta.author.as_deref());
    out.extend(doc.meta.language.as_deref());
    for b in &doc.blocks {
        out.push(&b.text);
        for s in &b.spans {
            if let Inline::Link(target) = &s.style {
                out.push(target);
            }
        }
    }
    out
}

fn assert_clean(doc: &Document) {
    for s in strings(doc) {
        assert!(!s.chars().any(is_forbidden), "{s:?} in {doc:#?}");
    }
}

fn all_text(doc: &Document) -> String {
    doc.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn twenty_thousand_nested_bold_tags() {
    let doc = parse_small_stack("b.html", format!("{}x", "<b>".repeat(20_000)).into_bytes());
    assert_eq!(all_text(&doc), "x");
}

#[test]
fn five_thousand_nested_divs_in_a_small_stack() {
    let doc = parse_small_stack(
        "div.html",
        format!("{}x", "<div>".repeat(5_000)).into_bytes(),
    );
    assert_eq!(all_text(&doc), "x");
}

#[test]
fn a_hundred_thousand_nested_divs() {
    let doc = parse_small_stack(
        "div.html",
        format!("{}x", "<div>".repeat(100_000)).into_bytes(),
    );
    assert_eq!(all_text(&doc), "x");
}

#[test]
fn text_at_every_level_of_a_deep_page_is_kept() {
    let mut page = String::new();
    for i in 0..3_000 {
        page.push_str(&format!("<div>слово{i} <b class=\"c{i}\">жирно{i}</b> "));
    }
    let doc = parse_small_stack("deep.html", page.into_bytes());
    let text = all_text(&doc);
    for i in [0, 1, 511, 512, 1_000, 2_999] {
        assert!(text.contains(&format!("слово{i}")), "слово{i}");
        assert!(text.contains(&format!("жирно{i}")), "жирно{i}");
    }
}

#[test]
fn unclosed_formatting_tags_are_not_reopened_without_end() {
    // Each paragraph re-opens every unclosed <b> before it (the HTML
    // standard's "reconstruct the active formatting elements"): without a
    // cap, 10,000 paragraphs would make 50 million elements.
    let page: String = (0..10_000)
        .map(|i| format!("<p><b class=\"c{i}\">x{i}</p>"))
        .collect();
    let doc = parse_small_stack("reopen.html", page.into_bytes());
    assert_eq!(doc.blocks.len(), 10_000);
    assert_eq!(doc.blocks[9_999].text, "x9999");
    assert!(doc.blocks.iter().all(|b| b.spans.len() <= 32));
}

#[test]
fn other_deep_html() {
    for (name, page) in [
        ("table", "<table><tr><td>".repeat(30_000)),
        ("list", "<ul><li>".repeat(30_000)),
        ("quote", "<blockquote>".repeat(30_000)),
        ("pre", "<pre>".repeat(30_000)),
        ("misnested", "<a><div></a>".repeat(20_000)),
        ("math", format!("<math>{}", "<mrow>".repeat(50_000))),
    ] {
        let doc = parse_small_stack(&format!("{name}.html"), format!("{page}x").into_bytes());
        assert!(all_text(&doc).contains('x'), "{name}");
    }
}

#[test]
fn a_wide_row_over_many_narrow_rows() {
    // Padding every row to the widest row's cells would make 10^9 spaces.
    let page = format!(
        "<table><tr>{}{}</table><p>x</p>",
        "<td>a".repeat(30_000),
        "<tr><td>b".repeat(30_000)
    );
    let doc = parse_small_stack("t.html", page.into_bytes());
    assert!(doc.blocks[0].text.len() < 1_000_000);
    assert_eq!(all_text(&doc).lines().last(), Some("x"));
    let md = format!(
        "|{}\n|{}\n{}\nx\n",
        "a|".repeat(30_000),
        "-|".repeat(30_000),
        "|b|\n".repeat(30_000)
    );
    // pulldown-cmark pads rows to the header, up to 2^18 cells in all.
    let doc = parse_small_stack("t.md", md.into_bytes());
    assert!(all_text(&doc).contains('x'));
}

#[test]
fn a_hundred_thousand_unclosed_fb2_sections() {
    let src = format!(
        "<?xml version=\"1.0\"?><FictionBook><body>{}<p>x</p>",
        "<section>".repeat(100_000)
    );
    let doc = parse_small_stack("s.fb2", src.into_bytes());
    assert_eq!(all_text(&doc), "x");
}

#[test]
fn deep_fb2_emphasis_over_many_paragraphs() {
    let src = format!(
        "<?xml version=\"1.0\"?><FictionBook><body><section>{}{}",
        "<emphasis>".repeat(100_000),
        "<p>x</p>".repeat(2_000)
    );
    let doc = parse_small_stack("e.fb2", src.into_bytes());
    assert_eq!(doc.blocks.len(), 2_000);
    assert!(doc.blocks.iter().all(|b| b.spans.len() <= 32));
}

#[test]
fn fb2_sections_close_back_to_the_top() {
    // 300 sections deep, then closed: the next section is at the top again.
    let src = format!(
        "<FictionBook><body>{}<title><p>Глубоко</p></title>{}<section><title><p>Верх</p></title><p>x</p></section></body></FictionBook>",
        "<section>".repeat(300),
        "</section>".repeat(300)
    );
    let doc = parse_small_stack("s.fb2", src.into_bytes());
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            chitalka::core::document::BlockKind::Heading(l) => Some((l, b.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, vec![(6, "Глубоко"), (2, "Верх")]);
}

#[test]
fn tabs_on_one_long_line() {
    let doc = parse_small_stack("t.txt", "a\t".repeat(100_000).into_bytes());
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].text, vec!["a"; 100_000].join(" "));
}

#[test]
fn deep_markdown() {
    for (name, src) in [
        ("quote", ">".repeat(100_000)),
        ("list", "- ".repeat(50_000)),
        ("ordered", "1. ".repeat(50_000)),
        (
            "emphasis",
            format!("{}x{}", "*".repeat(50_000), "*".repeat(50_000)),
        ),
        ("links", "[".repeat(50_000)),
    ] {
        let doc = parse_small_stack(&format!("{name}.md"), format!("{src} x\n").into_bytes());
        assert!(all_text(&doc).contains('x'), "{name}");
    }
}

/// OSC 52 (set the clipboard), written with entities or character references.
const OSC52: &str = "&#27;]52;c;aGk=&#7;";

#[test]
fn escape_sequences_from_html_entities_are_removed() {
    let page = format!(
        "<html lang=\"ru&#27;[2J\"><head><title>{OSC52}Т</title></head><body>\
         <h1>{OSC52}Заголовок</h1><p>a&#155;b&#x202E;c&#133;d&#127;e \
         <a href=\"http://x/&#27;[31m\">ссылка</a> <img alt=\"&#27;]0;t&#7;кот\"></p>\
         <pre>код&#27;[1m&#9;&#13;</pre></body></html>"
    );
    let doc = parse_small_stack("e.html", page.into_bytes());
    assert_clean(&doc);
    assert_eq!(doc.title, "Заголовок");
    // HTML reads &#155; and &#133; as windows-1252 (› and …), not as C1.
    assert_eq!(doc.blocks[1].text, "a›bc…de ссылка [кот]");
    assert_eq!(doc.meta.language.as_deref(), Some("ru"));
    let page = format!("<title>{OSC52}Только</title><p>текст</p>");
    assert_eq!(
        parse_small_stack("t.html", page.into_bytes()).title,
        "Только"
    );
}

#[test]
fn escape_sequences_from_fb2_character_references_are_removed() {
    let book = format!(
        "<?xml version=\"1.0\"?><FictionBook xmlns:l=\"http://www.w3.org/1999/xlink\">\
         <description><title-info><author><first-name>Лев{OSC52}</first-name></author>\
         <book-title>{OSC52}Книга&#x9b;</book-title><lang>ru&#27;</lang></title-info></description>\
         <body><title><p>Глава{OSC52}</p></title><p>Текст&#x202E; <a l:href=\"#n&#27;[0m\">1</a></p>\
         <p><![CDATA[\u{1b}]8;;http://x\u{7}сырой]]></p></body></FictionBook>"
    );
    let doc = parse_small_stack("e.fb2", book.into_bytes());
    assert_clean(&doc);
    assert_eq!(doc.title, "Книга");
    assert_eq!(doc.meta.author.as_deref(), Some("Лев"));
    assert_eq!(doc.meta.language.as_deref(), Some("ru"));
    assert_eq!(doc.blocks[1].text, "Текст 1");
}

#[test]
fn escape_sequences_from_markdown_entities_are_removed() {
    let src = format!(
        "# {OSC52}Заметки\n\nТекст&#155;2J [ссылка](http://x/&#27;[31m) `код&#27;[1m`\n\n```\n&#27;\n```\n"
    );
    let doc = parse_small_stack("e.md", src.into_bytes());
    assert_clean(&doc);
    assert_eq!(doc.title, "Заметки");
}

/// Pieces of hostile text: escape sequences raw and as entities, controls,
/// bidi overrides, tabs, long runs.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{9b}2J\u{85}\u{7f}\u{0}\u{8}".to_string()),
        Just("\u{202E}\u{2066}\u{2069}".to_string()),
        Just("\t".to_string()),
        Just("a\t".repeat(50)),
        Just("\r\n".to_string()),
        Just("слово ".to_string()),
        Just("x".repeat(300)),
        Just("&#27;]52;c;aGk=&#7;".to_string()),
        Just("&#x1b;[2J&#155;&#133;&#127;&#x202e;&#9;&#13;".to_string()),
        Just("&#0;&#xD800;&#99999999;&amp;&lt;&nbsp;".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "[а-я \t\u{1b}\u{7}]{1,20}",
    ]
}

/// Every string of the document is free of forbidden characters (a file
/// refused as binary has none).
fn check_clean(doc: &Result<Document, decode::DecodeError>) -> Result<(), TestCaseError> {
    let Ok(doc) = doc else {
        return Ok(());
    };
    for s in strings(doc) {
        prop_assert!(!s.chars().any(is_forbidden), "{:?}", s);
    }
    Ok(())
}

/// A source from markup pieces and hostile text, some pieces repeated many
/// times (deep nesting).
fn source(markup: Vec<&'static str>) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => hostile_piece(),
        3 => prop::sample::select(markup.clone()).prop_map(str::to_string),
        1 => (prop::sample::select(markup), 100usize..3_000).prop_map(|(m, n)| m.repeat(n)),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_hostile_text_parses_clean(src in source(vec!["\n", "\n\n", "  ", "ГЛАВА I\n\n", "* * *\n"])) {
        check_clean(&try_parse_small_stack("a.txt", src.into_bytes()))?;
    }

    #[test]
    fn any_hostile_markdown_parses_clean(src in source(vec![
        ">", "> ", "- ", "1. ", "*", "**", "_", "`", "[", "](", ")", "# ", "\n", "\n\n",
        "    ", "```\n", "| a |\n|---|\n", "![", "<b>", "&#27;",
    ])) {
        check_clean(&try_parse_small_stack("a.md", src.into_bytes()))?;
    }

    #[test]
    fn any_hostile_html_parses_clean(src in source(vec![
        "<div>", "</div>", "<b>", "</b>", "<b class=\"x\">", "<i>", "<p>", "</p>", "<ul><li>",
        "<table><tr><td>", "<pre>", "</pre>", "<blockquote>", "<a href=\"&#27;[1m\">", "</a>",
        "<h1>", "</h1>", "<br>", "<svg>", "<script>", "</script>", "<title>", "<img alt=\"&#7;\">",
        "<font color=red>", "<select><option>", "<template>", "<html lang=\"&#155;\">",
        "<a href=\"#n1\"><sup>1</sup></a>", "<sup><a href=\"#n2\">[2]</a></sup>",
        "<a epub:type=\"noteref\" href=\"#n1\">", "<aside epub:type=\"footnote\" id=\"n1\">",
        "</aside>", "<p id=\"n2\">", "<li id=\"n1\">", "<a id=\"n1\" name=\"n2\">",
    ])) {
        check_clean(&try_parse_small_stack("a.html", src.into_bytes()))?;
    }

    #[test]
    fn any_hostile_fb2_parses_clean(src in source(vec![
        "<section>", "</section>", "<title><p>", "</p></title>", "<p>", "</p>", "<emphasis>",
        "</emphasis>", "<poem><stanza><v>", "</v></stanza></poem>", "<epigraph>", "<cite>",
        "<a l:href=\"&#27;[1m\">", "</a>", "<![CDATA[\u{1b}[1m]]>", "<table><tr><td>", "</nope>",
        "<empty-line/>", "<description><title-info><book-title>", "</book-title></title-info></description>",
    ])) {
        let src = format!("<FictionBook xmlns:l=\"l\"><body><p>о</p>{src}</body></FictionBook>");
        check_clean(&try_parse_small_stack("a.fb2", src.into_bytes()))?;
    }
}

/// A raw ESC in markup is dropped alone: the markup after it is read (an
/// OSC taken whole before parsing ran to the end of the line and ate the
/// rest of a one-line page or book).
#[test]
fn a_raw_escape_in_markup_takes_no_markup_with_it() {
    let page = "<html><body><p>Первый.</p>\u{1b}]<p>Второй.</p><p>Третий.</p>\
                \u{1b}<script>var s=\"код\";</script></body></html>";
    let doc = parse_small_stack("o.html", page.as_bytes().to_vec());
    assert_clean(&doc);
    let text = all_text(&doc);
    assert!(
        text.contains("Второй.") && text.contains("Третий."),
        "{text}"
    );
    assert!(!text.contains("код"), "a script stays a script: {text}");
    let book = "<?xml version=\"1.0\"?><FictionBook><description><title-info>\
                <book-title>Книга\u{1b}</book-title></title-info></description><body>\
                <p>Раз.\u{1b}]</p><p>Два.</p></body></FictionBook>";
    let doc = parse_small_stack("o.fb2", book.as_bytes().to_vec());
    assert_clean(&doc);
    assert_eq!(doc.title, "Книга");
    assert!(all_text(&doc).contains("Два."), "{}", all_text(&doc));
    // With a byte order mark too.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(page.as_bytes());
    assert!(all_text(&parse_small_stack("b.html", bom)).contains("Третий."));
}
