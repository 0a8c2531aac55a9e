//! HTML to [`Document`] with html5ever (through `scraper`): the article, not
//! the page. Navigation, scripts, styles, headers and footers, forms and
//! comment sections are left out; the text of `<article>` or `<main>` is
//! taken when the page has one. Entities are decoded by the parser (and the
//! decoded text cleaned by the builder). Deep nesting is capped while the
//! page is parsed (see [`super::html_guard`]) and walked without recursion.

use super::builder::Builder;
use super::decode::{DecodeError, clean_markup};
use super::encoding::{decode_unlabelled, display_name};
use super::html_links::{Page, find_marks};
#[cfg(test)]
use crate::core::document::Pos;
use crate::core::document::{BlockKind, Document, Inline, Meta};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

/// What an image with no alt text is shown as in a book.
pub(super) const IMAGE: &str = "image";

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed", "head",
    "title", "meta", "link", "menu", "dialog",
];

/// Words in a class or id that mark page furniture, not text.
const FURNITURE: &[&str] = &[
    "comment",
    "respond",
    "sidebar",
    "navheader",
    "navfooter",
    "navbar",
    "navigation",
    "breadcrumb",
    "share",
    "social",
    "advert",
    "cookie",
    "related",
    "footer",
    "header",
    "menu",
    "toc-sidebar",
    "sphinxsidebar",
    "related-posts",
    "skip-link",
    "headerlink",
];

/// Decode an HTML file: BOM, then a `charset` named in the first bytes, then detection.
pub(crate) fn decode_html(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        let d = super::decode::decode_markup(bytes)?;
        return Ok((d.text, d.encoding));
    }
    if bytes[..bytes.len().min(4096)].contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(2048)]) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((clean_markup(&text), display_name(enc)));
    }
    let (text, name) = decode_unlabelled(bytes);
    Ok((clean_markup(&text), name))
}

/// The encoding a page names with `charset=` (in a meta tag or XML declaration).
pub(super) fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        if let Some(i) = lower.windows(key.len()).position(|w| w == key) {
            let rest = &lower[i + key.len()..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'))
                .unwrap_or(rest.len());
            if let Some(enc) = encoding_rs::Encoding::for_label(&rest[..end]) {
                return Some(enc);
            }
        }
    }
    None
}

/// Parse the bytes of an HTML file.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    let (text, encoding) = decode_html(bytes)?;
    let mut doc = parse_str(&text);
    doc.meta.encoding = encoding.to_string();
    Ok(doc)
}

fn select_first<'a>(html: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(css).ok()?;
    html.select(&sel).next()
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Elements a book's document leaves out: a book has no page furniture, and
/// its `<header>` holds the chapter's heading.
const BOOK_SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "head", "title", "meta", "link", "form",
    "button", "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed",
];

/// Is this element left out with its content: page furniture, or (in a
/// book) what is never text?
fn is_furniture(el: &scraper::node::Element, book: bool) -> bool {
    let name = el.name();
    if book {
        return BOOK_SKIP.contains(&name) || el.attr("hidden").is_some();
    }
    if SKIP.contains(&name) {
        return true;
    }
    if el.attr("role").is_some_and(|r| {
        matches!(
            r,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search"
        )
    }) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = el
        .classes()
        .chain(el.id())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>();
    marks.iter().any(|m| {
        m.contains("comment")
            || FURNITURE.iter().any(|f| {
                m == f
                    || m.strip_prefix(f).is_some_and(|r| r.starts_with('-'))
                    || m.strip_suffix(f).is_some_and(|r| r.ends_with('-'))
            })
    })
}

/// Parse HTML text.
pub fn parse_str(text: &str) -> Document {
    let html = super::html_guard::parse_document(text);
    let root = select_first(&html, "article")
        .or_else(|| select_first(&html, "main"))
        .or_else(|| select_first(&html, "[role=main]"))
        .or_else(|| select_first(&html, "body"))
        .unwrap_or_else(|| html.root_element());
    let mut b = Builder::default();
    let marks = find_marks(&[(None, &html)]);
    let page = Page {
        file: None,
        marks: &marks[0],
    };
    read_page(root, &page, &mut b);
    read_deferred(&html, &page, &mut b);
    let lang = html
        .root_element()
        .attr("lang")
        .or_else(|| html.root_element().attr("xml:lang"))
        .map(str::to_string);
    let page_title = select_first(&html, "title")
        .map(text_of)
        .filter(|t| !t.is_empty());
    let h1 = b
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading(1))
        .map(|b| b.text.clone());
    let meta = Meta {
        format: "html".into(),
        language: lang,
        ..Meta::default()
    };
    b.into_document(h1.or(page_title), meta)
}

/// Append a text node: white space collapsed (kept as is inside `<pre>`).
fn push_text(b: &mut Builder, t: &str, pre: bool) {
    if pre || b.code.is_some() || b.cell.is_some() || b.image.is_some() {
        b.push_text(t);
        return;
    }
    b.push_collapsed(t);
}

/// What to do when the walk leaves an element.
enum Exit {
    Nothing,
    /// End a heading or a list item.
    Finish,
    /// End a block element (a paragraph break, unless inside a table cell).
    Block,
    List,
    Quote,
    Code,
    Table,
    Cell,
    Style,
}

/// One step of the walk: enter a node, or leave an element.
enum Step<'a> {
    Enter(ego_tree::NodeRef<'a, Node>, bool),
    Leave(Exit),
    EndNote,
}

/// Read the content of `root` (a page's article, or a book document's
/// body) into `b`; notes in asides are left for [`read_deferred`].
pub(super) fn read_page(root: ElementRef<'_>, page: &Page<'_>, b: &mut Builder) {
    let steps = root
        .children()
        .rev()
        .map(|c| Step::Enter(c, false))
        .collect();
    walk(steps, None, page, b);
}

/// Read the notes of a page taken out of its reading flow (asides).
pub(super) fn read_deferred(html: &Html, page: &Page<'_>, b: &mut Builder) {
    for &id in &page.marks.deferred {
        if let Some(node) = html.tree.get(id) {
            walk(vec![Step::Enter(node, false)], Some(id), page, b);
        }
    }
}

/// Walk `steps` in document order. The walk keeps its own stack: a page
/// nested deeper than the thread's stack (the guard allows 512 levels;
/// background threads have small stacks) cannot overflow it. Notes taken
/// out of the flow are skipped, but for `root`, the one being read.
fn walk(mut steps: Vec<Step<'_>>, root: Option<NodeId>, page: &Page<'_>, b: &mut Builder) {
    while let Some(step) = steps.pop() {
        match step {
            Step::Leave(exit) => leave(exit, b),
            Step::EndNote => b.end_note(),
            Step::Enter(node, pre) => match node.value() {
                Node::Text(t) => push_text(b, t, pre),
                Node::Element(el) => {
                    let id = node.id();
                    let note = page.marks.notes.get(&id);
                    if note.is_some() && Some(id) != root && page.marks.deferred_set.contains(&id) {
                        continue;
                    }
                    if let Some((key, label)) = page.marks.refs.get(&id) {
                        if let Some(name) = el.id() {
                            b.anchor(&page.key(name.trim()));
                        }
                        b.note_ref(key, label);
                        continue;
                    }
                    if let Some((key, label)) = note {
                        b.start_note(key, label);
                        steps.push(Step::EndNote);
                    }
                    if let Some((exit, pre)) = enter(el, b, pre, page, note.is_some()) {
                        let named = el.attr("name").filter(|_| el.name() == "a");
                        for name in el.id().into_iter().chain(named) {
                            b.anchor(&page.key(name.trim()));
                        }
                        steps.push(Step::Leave(exit));
                        steps.extend(node.children().rev().map(|c| Step::Enter(c, pre)));
                    }
                }
                _ => {}
            },
        }
    }
}

/// Enter an element: what to do when leaving it and whether its content is
/// preformatted, or None when it is left out with its content (a note is
/// never left out).
fn enter(
    el: &scraper::node::Element,
    b: &mut Builder,
    pre: bool,
    page: &Page<'_>,
    note: bool,
) -> Option<(Exit, bool)> {
    let book = page.file.is_some();
    if !note && is_furniture(el, book) {
        return None;
    }
    let exit = match el.name() {
        h @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
            let level = h[1..].parse().unwrap_or(6);
            b.begin(BlockKind::Heading(level), String::new());
            Exit::Finish
        }
        "p" | "div" | "section" | "article" | "main" | "body" | "center" | "dd" | "dt"
        | "figure" | "figcaption" | "address" | "details" | "summary" | "caption" | "dl"
        | "aside" | "header" | "footer" | "nav" => {
            if b.cell.is_none() {
                b.finish();
            }
            Exit::Block
        }
        "br" => {
            b.push_text("\n");
            Exit::Nothing
        }
        "hr" => {
            b.rule();
            Exit::Nothing
        }
        "ul" => {
            b.start_list(None);
            Exit::List
        }
        "ol" => {
            let start = el
                .attr("start")
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(1);
            b.start_list(Some(start));
            Exit::List
        }
        "li" => {
            b.start_item();
            Exit::Finish
        }
        "blockquote" => {
            b.start_quote();
            Exit::Quote
        }
        "pre" => {
            b.start_code();
            return Some((Exit::Code, true));
        }
        "table" => {
            b.start_table();
            Exit::Table
        }
        "tr" => {
            b.start_row();
            Exit::Nothing
        }
        "td" | "th" => {
            b.start_cell();
            Exit::Cell
        }
        "img" => {
            match el.attr("alt") {
                Some(alt) if !alt.trim().is_empty() => b.alt_text(alt),
                // A book's picture is part of it: shown, even with no words.
                _ if book => b.alt_text(IMAGE),
                _ => {}
            }
            Exit::Nothing
        }
        name => {
            let style = match name {
                "em" | "i" | "cite" | "dfn" | "var" => Some(Inline::Emphasis),
                "strong" | "b" => Some(Inline::Strong),
                "code" | "kbd" | "samp" | "tt" if !pre && b.code.is_none() => Some(Inline::Code),
                "s" | "del" | "strike" => Some(Inline::Strike),
                // An internal link names its place's key (`#key`).
                "a" => el.attr("href").and_then(|h| match page.resolve(h) {
                    Some(key) if key.is_empty() => None,
                    Some(key) => Some(Inline::Link(format!("#{key}"))),
                    None => Some(Inline::Link(h.to_string())),
                }),
                _ => None,
            };
            let styled =
                style.is_some() && b.code.is_none() && b.cell.is_none() && b.image.is_none();
            match style {
                Some(style) if styled => {
                    b.start_style(style);
                    Exit::Style
                }
                _ => Exit::Nothing,
            }
        }
    };
    Some((exit, pre))
}

/// Leave an element entered by [`enter`].
fn leave(exit: Exit, b: &mut Builder) {
    match exit {
        Exit::Nothing => {}
        Exit::Finish => b.finish(),
        Exit::Block => {
            if b.cell.is_none() {
                b.finish();
            }
        }
        Exit::List => b.end_list(),
        Exit::Quote => b.end_quote(),
        Exit::Code => b.end_code(),
        Exit::Table => b.end_table(),
        Exit::Cell => b.end_cell(),
        Exit::Style => b.end_style(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="ru"><head><title>Статья — Сайт</title>
<style>p { color: red }</style><script>alert("x")</script></head><body>
<header><nav><a href="/">Главная</a> › <a href="/blog">Блог</a></nav></header>
<div class="sidebar">Реклама</div>
<main><h1>Заголовок&nbsp;статьи</h1>
<p>Первый   абзац с <em>курсивом</em>,
<strong>жирным</strong> и <a href="https://example.org">ссылкой</a>. &laquo;Кавычки&raquo; &mdash; тире.</p>
<ul><li>один</li><li>два <b>жирно</b></li></ul>
<ol start="3"><li>три</li></ol>
<blockquote><p>Цитата.</p></blockquote>
<pre>  код
    с отступом</pre>
<table><tr><th>Имя</th><th>Год</th></tr><tr><td>Анна</td><td>1873</td></tr></table>
<p><img src="x.png" alt="Рисунок 1"></p>
<h2>Раздел</h2><p>Текст<br>с переносом.</p>
</main>
<div id="comments"><h3>Комментарии</h3><p>Спам</p></div>
<form><label>Добавить комментарий</label><textarea></textarea></form>
<footer>© 2024</footer></body></html>"#;

    #[test]
    fn the_article_not_the_page() {
        let d = parse_str(PAGE);
        assert_eq!(d.title, "Заголовок\u{A0}статьи");
        assert_eq!(d.meta.language.as_deref(), Some("ru"));
        let texts: Vec<(BlockKind, &str)> =
            d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        use BlockKind::*;
        assert_eq!(
            texts,
            vec![
                (Heading(1), "Заголовок\u{A0}статьи"),
                (
                    Paragraph,
                    "Первый абзац с курсивом, жирным и ссылкой. «Кавычки» — тире."
                ),
                (ListItem, "• один"),
                (ListItem, "• два жирно"),
                (ListItem, "3. три"),
                (Quote, "Цитата."),
                (Code, "  код\n    с отступом"),
                (Code, "Имя  │ Год\n─────┼─────\nАнна │ 1873"),
                (Paragraph, "[Рисунок 1]"),
                (Heading(2), "Раздел"),
                (Paragraph, "Текст\nс переносом."),
            ]
        );
        let p = &d.blocks[1];
        let styled: Vec<&str> = p.spans.iter().map(|s| &p.text[s.range.clone()]).collect();
        assert_eq!(styled, vec!["курсивом", "жирным", "ссылкой"]);
    }

    #[test]
    fn title_falls_back_to_the_title_tag() {
        let d = parse_str(
            "<html><head><title> Глава 1.  Обзор </title></head><body><h2>Раздел</h2><p>Текст.</p></body></html>",
        );
        assert_eq!(d.title, "Глава 1. Обзор");
    }

    #[test]
    fn charset_is_read_from_the_page() {
        let page = "<html><head><meta charset=\"windows-1251\"><title>Т</title></head><body><p>Привет, мир</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let d = parse(&bytes).expect("parse");
        assert_eq!(d.meta.encoding, "windows-1251");
        assert_eq!(d.blocks[0].text, "Привет, мир");
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"KOI8-R\"?>"),
            Some(encoding_rs::KOI8_R)
        );
    }

    #[test]
    fn ids_are_anchors_and_pandoc_footnotes_are_notes() {
        use crate::core::document::LinkTarget;
        let d = parse_str(
            r##"<html><body><h1 id="top">Статья</h1>
<p>Как вы говорите<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>,
и ещё<sup class="reference"><a href="#cite_note-2">[2]</a></sup>. См. <a href="#s2">раздел</a>.</p>
<h2 id="s2">Второй</h2><p>Текст.</p>
<section class="footnotes" role="doc-endnotes"><hr><ol>
<li id="fn1"><p>Comme vous dites (франц.).<a href="#fnref1" class="footnote-back">↩︎</a></p></li>
<li id="cite_note-2">Источник <a href="https://example.org">тут</a>.</li>
</ol></section></body></html>"##,
        );
        let p = &d.blocks[1];
        assert_eq!(p.text, "Как вы говорите¹, и ещё². См. раздел.");
        let refs: Vec<&Inline> = p
            .spans
            .iter()
            .map(|s| &s.style)
            .filter(|s| matches!(s, Inline::NoteRef(_)))
            .collect();
        assert_eq!(
            refs,
            vec![
                &Inline::NoteRef("fn1".into()),
                &Inline::NoteRef("cite_note-2".into())
            ]
        );
        let LinkTarget::Note(n) = d.follow("#fn1") else {
            panic!("{:?}", d.follow("#fn1"));
        };
        assert_eq!(n.label, "1");
        assert!(
            d.blocks[n.blocks.start]
                .text
                .starts_with("Comme vous dites"),
            "{:?}",
            &d.blocks[n.blocks.clone()]
        );
        let LinkTarget::Note(n2) = d.follow("#cite_note-2") else {
            panic!("no note 2");
        };
        assert!(d.blocks[n2.blocks.clone()][0].text.contains("Источник"));
        // An in-page link is kept, and leads to its heading.
        assert!(
            p.spans
                .iter()
                .any(|s| s.style == Inline::Link("#s2".into()))
        );
        let heading = d.blocks.iter().position(|b| b.text == "Второй");
        assert_eq!(
            d.follow("#s2"),
            LinkTarget::Place(Pos::new(heading.expect("h2"), 0))
        );
        // The link back from the note stays a link (to the reference).
        assert!(d.follow("#fnref1") != LinkTarget::Missing);
        assert_eq!(d.notes.len(), 2);
    }

    #[test]
    fn a_note_reference_whose_note_is_missing_is_still_set_apart() {
        let d = parse_str(
            r##"<body><p>Слово<a epub:type="noteref" href="#gone">3</a> и другое<a href="#x"><sup>4</sup></a>.</p><p id="x">Цель.</p></body>"##,
        );
        assert_eq!(d.blocks[0].text, "Слово³ и другое⁴.");
        assert_eq!(
            d.follow("#gone"),
            crate::core::document::LinkTarget::Missing
        );
    }

    #[test]
    fn an_aside_note_leaves_the_reading_flow() {
        let d = parse_str(
            r##"<body><p>Начало<a epub:type="noteref" href="#n1">*</a> главы.</p>
<aside epub:type="footnote" id="n1"><p>Сноска.</p></aside><p>Продолжение.</p></body>"##,
        );
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Начало[*] главы.", "Продолжение.", "Сноска."]);
        assert_eq!(d.notes[0].blocks, 2..3);
        assert_eq!(d.notes[0].label, "*");
    }

    #[test]
    fn broken_html_still_reads() {
        let d = parse_str("<p>Незакрытый <b>абзац<p>Второй <i>абзац</b> конец");
        assert!(d.blocks.len() >= 2, "{:?}", d.blocks);
        assert!(d.blocks[0].text.starts_with("Незакрытый абзац"));
    }
}
