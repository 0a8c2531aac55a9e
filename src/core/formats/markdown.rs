//! Markdown to [`Document`] with pulldown-cmark: headings, paragraphs with
//! emphasis, strong, code and links kept as styled spans, lists with their
//! markers, block quotes, fenced code (never re-flowed), tables set out as
//! aligned text, images as their alt text. HTML tags are left out.
//!
//! Footnotes (`[^1]`, `[^note]`) are note references, numbered as GitHub
//! numbers them: in the order of their first reference. Their definitions are
//! moved to the end of the document, after a rule, in that order (as GitHub
//! shows them, wherever they stand in the source), so that a definition
//! written in the middle does not break the text it stands in; definitions
//! nobody refers to follow, numbered on. Every heading is a place a link can
//! lead to: by its `{#id}` and by its GitHub slug (`#section-two`).

use super::builder::Builder;
use super::decode::{DecodeError, decode};
use crate::core::document::{BlockKind, Document, Inline, Meta, Pos};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

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
            // Footnotes are handled by `Footnotes` before they get here.
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
            Tag::Heading { level, id, .. } => {
                self.begin(BlockKind::Heading(heading_level(level)), String::new());
                if let Some(id) = id {
                    self.anchor(&id);
                }
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
            // Definitions are taken out of the flow (see `Footnotes`).
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
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
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut d = Driver::default();
    for ev in Parser::new_ext(text, options) {
        if let Some(ev) = d.footnotes.capture(ev) {
            d.event(ev);
        }
    }
    d.flush();
    let defs = d.footnotes.in_order();
    if !defs.is_empty() {
        d.b.rule();
    }
    for (number, label, events) in defs {
        d.b.start_note(&note_id(&label), &number.to_string());
        d.b.begin(BlockKind::Paragraph, format!("{number}. "));
        for ev in events {
            d.event(ev);
        }
        d.flush();
        d.b.end_note();
    }
    let meta = Meta {
        format: "markdown".into(),
        author: front.author,
        ..Meta::default()
    };
    d.b.into_document(front.title, meta)
}

/// The id of the note a footnote label names (labels match case-insensitively).
fn note_id(label: &str) -> String {
    let key: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
    format!("fn-{}", key.join("-"))
}

/// Events into the builder, with what needs more than one event: text
/// handed on whole, headings' slugs, footnote numbers.
#[derive(Default)]
struct Driver {
    b: Builder,
    /// Text comes in pieces, cut at every entity: it is handed on whole, so
    /// that an escape sequence written with `&#27;` is cleaned as one sequence.
    pending: String,
    footnotes: Footnotes,
    /// How often each slug has been given (GitHub adds "-1", "-2" to repeats).
    slugs: HashMap<String, usize>,
    /// The number of blocks when the heading being read started.
    heading: Option<usize>,
}

impl Driver {
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.b.push_text(&self.pending);
            self.pending.clear();
        }
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Text(t) => {
                self.pending.push_str(&t);
                return;
            }
            _ => self.flush(),
        }
        match ev {
            Event::FootnoteReference(label) => {
                let number = self.footnotes.number(&label);
                self.b.note_ref(&note_id(&label), &number.to_string());
            }
            Event::Start(Tag::Heading { .. }) => {
                self.heading = Some(self.b.blocks.len());
                self.b.event(ev);
            }
            Event::End(TagEnd::Heading(_)) => {
                self.b.event(ev);
                if let Some(at) = self.heading.take()
                    && let Some(block) = self.b.blocks.get(at)
                {
                    let slug = slug(&block.text);
                    let n = self.slugs.entry(slug.clone()).or_insert(0);
                    let slug = if *n == 0 { slug } else { format!("{slug}-{n}") };
                    *n += 1;
                    // mdBook and hand-written links keep the case GitHub lowers.
                    let cased = slug_keeping_case(&block.text);
                    for id in [slug, cased] {
                        self.b.anchors.entry(id).or_insert(Pos::new(at, 0));
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with('#') && dest_url.contains('%') => {
                let dest_url = CowStr::from(super::percent_decode(&dest_url));
                self.b.event(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            ev => self.b.event(ev),
        }
    }
}

/// Footnote definitions, taken out of the flow of events to be put at the
/// end, and the numbers of the labels in the order of their first reference.
#[derive(Default)]
struct Footnotes {
    /// Label (as its id) to its number.
    numbers: HashMap<String, usize>,
    /// Each definition: its label and its events.
    defs: Vec<(String, Vec<Event<'static>>)>,
    /// The definitions being read, innermost last (indices in `defs`).
    open: Vec<usize>,
}

impl Footnotes {
    /// The number of a label: the next number at its first reference.
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(note_id(label)).or_insert(next)
    }

    /// Keep the events of a definition; give back any other.
    fn capture<'a>(&mut self, ev: Event<'a>) -> Option<Event<'a>> {
        match ev {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.open.push(self.defs.len());
                self.defs.push((label.to_string(), Vec::new()));
                None
            }
            Event::End(TagEnd::FootnoteDefinition) if !self.open.is_empty() => {
                self.open.pop();
                None
            }
            ev => match self.open.last() {
                Some(&i) => {
                    self.defs[i].1.push(ev.into_static());
                    None
                }
                None => Some(ev),
            },
        }
    }

    /// The definitions with their numbers: those referred to in the order of
    /// their numbers, then the others numbered on; a label defined twice
    /// keeps its first definition, the second follows as text.
    fn in_order(&mut self) -> Vec<(usize, String, Vec<Event<'static>>)> {
        let mut defs: Vec<(usize, String, Vec<Event<'static>>)> = Vec::new();
        for (label, events) in std::mem::take(&mut self.defs) {
            let number = self.number(&label);
            defs.push((number, label, events));
        }
        defs.sort_by_key(|d| d.0);
        defs
    }
}

/// A heading's slug as GitHub makes it: lower case, spaces to hyphens,
/// punctuation dropped (letters, digits, `-` and `_` kept).
fn slug(text: &str) -> String {
    slug_keeping_case(&text.to_lowercase())
}

/// [`slug`] without the lowering.
fn slug_keeping_case(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
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

    fn note_refs(d: &Document) -> Vec<(usize, &str, &str)> {
        let mut out = Vec::new();
        for (i, b) in d.blocks.iter().enumerate() {
            for s in &b.spans {
                if let Inline::NoteRef(id) = &s.style {
                    out.push((i, &b.text[s.range.clone()], id.as_str()));
                }
            }
        }
        out
    }

    #[test]
    fn footnotes_are_notes_numbered_by_first_reference_and_put_at_the_end() {
        let src = "# Глава\n\nСлово[^note] и другое[^1], снова[^note].\n\n[^1]: Первая сноска.\n\nСредний абзац.\n\n[^note]: Названная сноска,\n    в два абзаца.\n\n    Второй абзац.\n\n[^lonely]: Никто не ссылается.\n\nКонец.\n";
        let d = parse_str(src);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Глава",
                "Слово¹ и другое², снова¹.",
                "Средний абзац.",
                "Конец.",
                "",
                "1. Названная сноска, в два абзаца.",
                "Второй абзац.",
                "2. Первая сноска.",
                "3. Никто не ссылается.",
            ]
        );
        assert_eq!(d.blocks[4].kind, BlockKind::Rule);
        assert_eq!(
            note_refs(&d),
            vec![(1, "¹", "fn-note"), (1, "²", "fn-1"), (1, "¹", "fn-note")]
        );
        let ids: Vec<(&str, &str, std::ops::Range<usize>)> = d
            .notes
            .iter()
            .map(|n| (n.id.as_str(), n.label.as_str(), n.blocks.clone()))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("fn-note", "1", 5..7),
                ("fn-1", "2", 7..8),
                ("fn-lonely", "3", 8..9)
            ]
        );
        use crate::core::document::LinkTarget;
        assert!(matches!(d.follow("#fn-note"), LinkTarget::Note(n) if n.blocks == (5..7)));
    }

    #[test]
    fn a_reference_without_a_definition_stays_text() {
        let d = parse_str("Слово[^нет] тут.\n");
        assert_eq!(d.blocks[0].text, "Слово[^нет] тут.");
        assert!(d.notes.is_empty());
    }

    #[test]
    fn headings_are_places_by_slug_and_by_id() {
        let src = "# Раздел первый\n\n[see](#section-two), [к третьему](#%D1%82%D1%80%D0%B5%D1%82%D0%B8%D0%B9-%D1%80%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB), [id](#own).\n\n## Section Two!\n\nтекст\n\n## Третий раздел\n\n## Section two\n\n### Своё {#own}\n";
        let d = parse_str(src);
        use crate::core::document::LinkTarget;
        assert_eq!(d.follow("#section-two"), LinkTarget::Place(Pos::new(2, 0)));
        assert_eq!(
            d.follow("#section-two-1"),
            LinkTarget::Place(Pos::new(5, 0))
        );
        assert_eq!(
            d.follow("#раздел-первый"),
            LinkTarget::Place(Pos::new(0, 0))
        );
        assert_eq!(d.follow("#own"), LinkTarget::Place(Pos::new(6, 0)));
        assert_eq!(d.blocks[6].text, "Своё");
        let links: Vec<&Inline> = d.blocks[1].spans.iter().map(|s| &s.style).collect();
        assert_eq!(links[1], &Inline::Link("#третий-раздел".into()));
        assert_eq!(
            d.follow("#третий-раздел"),
            LinkTarget::Place(Pos::new(4, 0))
        );
    }

    #[test]
    fn hostile_footnotes_finish() {
        // A definition nested 10,000 deep in quotes; 50,000 references
        // and their definitions (each note's id checked once, not against
        // every note before it).
        let mut src = String::new();
        for _ in 0..10_000 {
            src.push_str("> ");
        }
        src.push_str("[^a]: глубоко\n\n");
        for i in 0..50_000 {
            src.push_str(&format!("с[^{i}] "));
        }
        src.push_str("\n\n");
        for i in 0..50_000 {
            src.push_str(&format!("[^{i}]: сноска {i}\n\n"));
        }
        let d = parse_str(&src);
        assert_eq!(d.notes.len(), 50_001);
        assert_eq!(d.notes[0].id, "fn-0");
        assert_eq!(d.notes[50_000].id, "fn-a");
    }
}
