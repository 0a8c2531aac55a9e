//! Markdown to [`Document`] with pulldown-cmark: headings, paragraphs with
//! emphasis, strong, code and links kept as styled spans, lists with their
//! markers, block quotes, fenced code (never re-flowed), tables set out as
//! aligned text, images as their alt text. HTML tags are left out.

use super::builder::Builder;
use super::decode::{DecodeError, decode};
use crate::core::document::{BlockKind, Document, Inline, Meta};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Parse the bytes of a Markdown file.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode(bytes)?;
    let mut doc = parse_str(&decoded.text);
    doc.meta.encoding = decoded.encoding.to_string();
    Ok(doc)
}

/// Markdown events into the shared block builder.
trait MarkdownEvents {
    fn event(&mut self, ev: Event<'_>);
    fn start(&mut self, tag: Tag<'_>);
    fn end(&mut self, tag: TagEnd);
}

impl MarkdownEvents for Builder {
    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push_text(&t),
            Event::Code(t) => {
                self.start_style(Inline::Code);
                self.push_text(&t);
                self.end_style();
            }
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_text("\n"),
            Event::Rule => self.rule(),
            Event::FootnoteReference(label) => self.push_text(&format!("[{label}]")),
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            // Raw HTML is left out: tags are not text.
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.ensure_open(),
            Tag::Heading { level, .. } => {
                self.begin(BlockKind::Heading(heading_level(level)), String::new())
            }
            Tag::BlockQuote(_) => self.start_quote(),
            Tag::CodeBlock(_) => self.start_code(),
            Tag::List(start) => self.start_list(start),
            Tag::Item => self.start_item(),
            Tag::Table(_) => self.start_table(),
            Tag::TableHead | Tag::TableRow => self.start_row(),
            Tag::TableCell => self.start_cell(),
            Tag::Emphasis => self.start_style(Inline::Emphasis),
            Tag::Strong => self.start_style(Inline::Strong),
            Tag::Strikethrough => self.start_style(Inline::Strike),
            Tag::Link { dest_url, .. } => self.start_style(Inline::Link(dest_url.to_string())),
            Tag::Image { .. } => self.start_image(),
            Tag::FootnoteDefinition(label) => {
                self.finish();
                self.begin(self.context_kind(), format!("[{label}] "));
            }
            Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListDefinition => self.finish(),
            TagEnd::BlockQuote(_) => self.end_quote(),
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::List(_) => self.end_list(),
            TagEnd::Item => self.finish(),
            TagEnd::TableCell => self.end_cell(),
            TagEnd::Table => self.end_table(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.end_style()
            }
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Parse Markdown text (already clean: see [`super::decode::clean_text`]).
/// A front matter block gives the title and author and is not text (see
/// [`super::front_matter`]).
pub fn parse_str(text: &str) -> Document {
    let (front, text) = super::front_matter::split(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut b = Builder::default();
    // Text comes in pieces, cut at every entity: it is handed on whole, so
    // that an escape sequence written with `&#27;` is cleaned as one sequence.
    let mut pending = String::new();
    for ev in Parser::new_ext(text, options) {
        if let Event::Text(t) = &ev {
            pending.push_str(t);
            continue;
        }
        if !pending.is_empty() {
            b.push_text(&pending);
            pending.clear();
        }
        b.event(ev);
    }
    if !pending.is_empty() {
        b.push_text(&pending);
    }
    let meta = Meta {
        format: "markdown".into(),
        author: front.author,
        ..Meta::default()
    };
    b.into_document(front.title, meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::Block;

    fn kinds(d: &Document) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn front_matter_names_the_article_and_is_not_text() {
        let d =
            parse_str("---\ntitle: Заметки о бесах\nauthor: Анна\n---\n\n# Глава 1\n\nТекст.\n");
        assert_eq!(d.title, "Заметки о бесах");
        assert_eq!(d.meta.author.as_deref(), Some("Анна"));
        assert_eq!(
            kinds(&d),
            vec![
                (BlockKind::Heading(1), "Глава 1"),
                (BlockKind::Paragraph, "Текст.")
            ]
        );
    }

    #[test]
    fn headings_paragraphs_and_inline_styles() {
        let d = parse_str(
            "# Глава 1\n\nТекст с *курсивом*, **жирным**, `кодом` и [ссылкой](https://example.org).\nВторая строка.\n\n## Раздел\n",
        );
        assert_eq!(d.title, "Глава 1");
        use BlockKind::*;
        assert_eq!(
            kinds(&d),
            vec![
                (Heading(1), "Глава 1"),
                (
                    Paragraph,
                    "Текст с курсивом, жирным, кодом и ссылкой. Вторая строка."
                ),
                (Heading(2), "Раздел"),
            ]
        );
        let p = &d.blocks[1];
        let styled: Vec<(&str, &Inline)> = p
            .spans
            .iter()
            .map(|s| (&p.text[s.range.clone()], &s.style))
            .collect();
        assert_eq!(
            styled,
            vec![
                ("курсивом", &Inline::Emphasis),
                ("жирным", &Inline::Strong),
                ("кодом", &Inline::Code),
                ("ссылкой", &Inline::Link("https://example.org".into())),
            ]
        );
    }

    #[test]
    fn lists_keep_markers_and_nesting() {
        let d = parse_str("- один\n- два\n  1. вложенный\n  2. ещё\n\n3. третий\n4. четвёртый\n");
        let items: Vec<(&str, u8)> = d
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.depth))
            .collect();
        assert_eq!(
            items,
            vec![
                ("• один", 0),
                ("• два", 0),
                ("1. вложенный", 1),
                ("2. ещё", 1),
                ("3. третий", 0),
                ("4. четвёртый", 0)
            ]
        );
        assert!(d.blocks.iter().all(|b| b.kind == BlockKind::ListItem));
    }

    #[test]
    fn code_quotes_tables_images() {
        let src = "> Цитата\n> > вложенная\n\n```rust\nfn main() {\n    println!(\"привет\");\n}\n```\n\n| Имя | Возраст |\n|---|---|\n| Анна | 28 |\n| Пётр Ильич | 5 |\n\n![Обложка книги](cover.png)\n\n<div>html</div>\n";
        let d = parse_str(src);
        use BlockKind::*;
        assert_eq!(d.blocks[0].kind, Quote);
        assert_eq!(
            (d.blocks[1].text.as_str(), d.blocks[1].depth),
            ("вложенная", 1)
        );
        assert_eq!(
            d.blocks[2],
            Block::new(Code, "fn main() {\n    println!(\"привет\");\n}")
        );
        assert_eq!(
            d.blocks[3].text,
            "Имя        │ Возраст\n───────────┼────────\nАнна       │ 28\nПётр Ильич │ 5"
        );
        assert_eq!(d.blocks[4].text, "[Обложка книги]");
        assert_eq!(d.blocks.len(), 5, "raw HTML is left out: {:?}", kinds(&d));
    }

    #[test]
    fn loose_list_items_with_two_paragraphs() {
        let d = parse_str("1. Первый пункт.\n\n   Продолжение пункта.\n\n2. Второй.\n");
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["1. Первый пункт.", "Продолжение пункта.", "2. Второй."]
        );
    }
}
