//! Markdown to [`Document`] with pulldown-cmark: headings, paragraphs with
//! emphasis, strong, code and links kept as styled spans, lists with their
//! markers, block quotes, fenced code (never re-flowed), tables set out as
//! aligned text, images as their alt text. HTML tags are left out.

use super::decode::{DecodeError, decode};
use super::text::first_words;
use crate::core::document::{Block, BlockKind, Document, Inline, Meta, Span};
use crate::core::width::str_width;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Parse the bytes of a Markdown file.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode(bytes)?;
    let mut doc = parse_str(&decoded.text);
    doc.meta.encoding = decoded.encoding.to_string();
    Ok(doc)
}

/// A block being filled.
struct Open {
    kind: BlockKind,
    text: String,
    spans: Vec<Span>,
    depth: u8,
    /// Bytes of list marker at the start, not counted as content.
    prefix: usize,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    open: Option<Open>,
    styles: Vec<(Inline, usize)>,
    quotes: u8,
    /// Each open list: the next number (ordered) or None (bullets).
    lists: Vec<Option<u64>>,
    code: Option<String>,
    table: Option<Vec<Vec<String>>>,
    cell: Option<String>,
    image: Option<String>,
}

impl Builder {
    fn depth(&self) -> u8 {
        let lists = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        self.quotes.saturating_sub(1).saturating_add(lists)
    }

    fn context_kind(&self) -> BlockKind {
        if !self.lists.is_empty() {
            BlockKind::ListItem
        } else if self.quotes > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn begin(&mut self, kind: BlockKind, prefix: String) {
        self.finish();
        let depth = self.depth();
        self.open = Some(Open {
            kind,
            prefix: prefix.len(),
            text: prefix,
            spans: Vec::new(),
            depth,
        });
    }

    fn ensure_open(&mut self) {
        if self.open.is_none() {
            self.begin(self.context_kind(), String::new());
        }
    }

    fn finish(&mut self) {
        let Some(mut o) = self.open.take() else {
            return;
        };
        let trimmed = o.text.trim_end().len();
        o.text.truncate(trimmed);
        if o.text.len() <= o.prefix || o.text[o.prefix..].trim().is_empty() {
            return;
        }
        for s in &mut o.spans {
            s.range.end = s.range.end.min(trimmed);
        }
        o.spans.retain(|s| s.range.start < s.range.end);
        self.blocks.push(Block {
            kind: o.kind,
            text: o.text,
            spans: o.spans,
            depth: o.depth,
        });
    }

    fn push_text(&mut self, t: &str) {
        if let Some(alt) = self.image.as_mut() {
            alt.push_str(t);
        } else if let Some(cell) = self.cell.as_mut() {
            cell.push_str(t);
        } else if let Some(code) = self.code.as_mut() {
            code.push_str(t);
        } else {
            self.ensure_open();
            if let Some(o) = self.open.as_mut() {
                o.text.push_str(t);
            }
        }
    }

    fn start_style(&mut self, style: Inline) {
        self.ensure_open();
        let at = self.open.as_ref().map_or(0, |o| o.text.len());
        self.styles.push((style, at));
    }

    fn end_style(&mut self) {
        let Some((style, start)) = self.styles.pop() else {
            return;
        };
        if let Some(o) = self.open.as_mut()
            && start < o.text.len()
        {
            o.spans.push(Span {
                range: start..o.text.len(),
                style,
            });
        }
    }

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
            Event::Rule => {
                self.finish();
                self.blocks.push(Block::new(BlockKind::Rule, ""));
            }
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
            Tag::BlockQuote(_) => {
                self.finish();
                self.quotes = self.quotes.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.finish();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.finish();
                self.lists.push(start);
            }
            Tag::Item => {
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                };
                self.begin(BlockKind::ListItem, marker);
            }
            Tag::Table(_) => {
                self.finish();
                self.table = Some(Vec::new());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.push(Vec::new());
                }
            }
            Tag::TableCell => self.cell = Some(String::new()),
            Tag::Emphasis => self.start_style(Inline::Emphasis),
            Tag::Strong => self.start_style(Inline::Strong),
            Tag::Strikethrough => self.start_style(Inline::Strike),
            Tag::Link { dest_url, .. } => self.start_style(Inline::Link(dest_url.to_string())),
            Tag::Image { .. } => self.image = Some(String::new()),
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
            TagEnd::BlockQuote(_) => {
                self.finish();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                let mut b = Block::new(BlockKind::Code, code.trim_end_matches('\n'));
                b.depth = self.depth();
                self.blocks.push(b);
            }
            TagEnd::List(_) => {
                self.finish();
                self.lists.pop();
            }
            TagEnd::Item => self.finish(),
            TagEnd::TableCell => {
                let cell = self.cell.take().unwrap_or_default();
                if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
                    row.push(cell.trim().to_string());
                }
            }
            TagEnd::Table => {
                let rows = self.table.take().unwrap_or_default();
                let mut b = Block::new(BlockKind::Code, table_text(&rows));
                b.depth = self.depth();
                self.blocks.push(b);
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.end_style()
            }
            TagEnd::Image => {
                let alt = self.image.take().unwrap_or_default();
                if !alt.trim().is_empty() {
                    self.start_style(Inline::Emphasis);
                    self.push_text(&format!("[{}]", alt.trim()));
                    self.end_style();
                }
            }
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

/// A table as aligned text: columns padded to their widest cell, the header
/// underlined.
fn table_text(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| str_width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..cols)
            .map(|c| {
                let cell = row.get(c).map_or("", String::as_str);
                format!("{cell}{}", " ".repeat(widths[c] - str_width(cell)))
            })
            .collect();
        out.push(cells.join(" │ ").trim_end().to_string());
        if n == 0 {
            out.push(
                widths
                    .iter()
                    .map(|&w| "─".repeat(w))
                    .collect::<Vec<_>>()
                    .join("─┼─"),
            );
        }
    }
    out.join("\n")
}

/// Parse Markdown text (already clean: see [`super::decode::clean_text`]).
pub fn parse_str(text: &str) -> Document {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut b = Builder::default();
    for ev in Parser::new_ext(text, options) {
        b.event(ev);
    }
    b.finish();
    let blocks = b.blocks;
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading(1))
        .or_else(|| {
            blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Heading(_)))
        })
        .map(|b| b.text.clone())
        .or_else(|| blocks.first().map(|b| first_words(&b.text)))
        .unwrap_or_default();
    Document {
        title,
        meta: Meta {
            format: "markdown".into(),
            ..Meta::default()
        },
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(d: &Document) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
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
