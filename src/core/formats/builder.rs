//! A builder of [`Document`] blocks that the markup parsers (Markdown, HTML,
//! FB2) drive: open and finish blocks, inline styles as spans, nested quotes
//! and lists with their markers, preformatted text, tables, image alt text.
//!
//! Everything that enters the document goes through here, so the cleaning of
//! decoded text is done here, once for every markup parser: text, link
//! targets, the title and the metadata pass [`clean`] after the parser has
//! decoded its entities and character references (`&#27;` is an ESC). When
//! the document is done, lib.ru's „ for ё is put right in its blocks, title
//! and author (see [`super::yo`]).

use super::decode::clean;
use super::text::first_words;
use super::yo;
use crate::core::document::{
    Block, BlockKind, Document, Inline, Meta, Note, Pos, Span, TocEntry, note_marker,
};
use crate::core::width::str_width;
use std::collections::{BTreeMap, HashSet};

/// A block being filled.
pub(super) struct Open {
    kind: BlockKind,
    text: String,
    spans: Vec<Span>,
    depth: u8,
    /// Bytes of list marker at the start, not counted as content.
    prefix: usize,
}

/// Most inline styles open at once; deeper ones (100,000 nested `<b>`) are
/// counted but give no span, so that a block never costs more than this.
const MAX_OPEN_STYLES: usize = 32;

#[derive(Default)]
pub(super) struct Builder {
    pub(super) blocks: Vec<Block>,
    pub(super) open: Option<Open>,
    pub(super) styles: Vec<(Inline, usize)>,
    /// Styles opened past [`MAX_OPEN_STYLES`], not yet closed.
    excess_styles: usize,
    pub(super) quotes: u8,
    /// Each open list: the next number (ordered) or None (bullets).
    pub(super) lists: Vec<Option<u64>>,
    pub(super) code: Option<String>,
    pub(super) table: Option<Vec<Vec<String>>>,
    pub(super) cell: Option<String>,
    pub(super) image: Option<String>,
    /// Named places met so far (the first of each name wins).
    pub(super) anchors: BTreeMap<String, Pos>,
    /// Notes finished so far.
    pub(super) notes: Vec<Note>,
    /// Their ids (a second note of an id is text, not a note).
    note_ids: HashSet<String>,
    /// The note being read: its id, label and first block.
    note: Option<(String, String, usize)>,
    /// The file's own table of contents, when the parser finds one.
    pub(super) toc: Vec<TocEntry>,
}

impl Builder {
    pub(super) fn depth(&self) -> u8 {
        let lists = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        self.quotes.saturating_sub(1).saturating_add(lists)
    }

    pub(super) fn context_kind(&self) -> BlockKind {
        if !self.lists.is_empty() {
            BlockKind::ListItem
        } else if self.quotes > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    pub(super) fn begin(&mut self, kind: BlockKind, prefix: String) {
        self.finish();
        let depth = self.depth();
        // Styles still open carry on into the new block, from its start.
        for (_, start) in &mut self.styles {
            *start = prefix.len();
        }
        self.open = Some(Open {
            kind,
            prefix: prefix.len(),
            text: prefix,
            spans: Vec::new(),
            depth,
        });
    }

    pub(super) fn ensure_open(&mut self) {
        if self.open.is_none() {
            self.begin(self.context_kind(), String::new());
        }
    }

    pub(super) fn finish(&mut self) {
        let Some(mut o) = self.open.take() else {
            return;
        };
        // Styles still open cover the rest of this block, and go on in the next.
        for (style, start) in &self.styles {
            if *start < o.text.len() {
                o.spans.push(Span {
                    range: *start..o.text.len(),
                    style: style.clone(),
                });
            }
        }
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

    pub(super) fn push_text(&mut self, t: &str) {
        let t = clean(t);
        let t = t.as_ref();
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

    pub(super) fn start_style(&mut self, style: Inline) {
        if self.styles.len() >= MAX_OPEN_STYLES {
            self.excess_styles += 1;
            return;
        }
        let style = match style {
            Inline::Link(target) => Inline::Link(clean(&target).into_owned()),
            other => other,
        };
        self.ensure_open();
        let at = self.open.as_ref().map_or(0, |o| o.text.len());
        self.styles.push((style, at));
    }

    pub(super) fn end_style(&mut self) {
        if self.excess_styles > 0 {
            self.excess_styles -= 1;
            return;
        }
        let Some((style, start)) = self.styles.pop() else {
            return;
        };
        if let Some(o) = self.open.as_mut()
            && start < o.text.len()
            && o.text.is_char_boundary(start)
        {
            o.spans.push(Span {
                range: start..o.text.len(),
                style,
            });
        }
    }

    /// Append markup text (HTML, XML): runs of white space (not NBSP) become
    /// one space, and none is put at the start of a block or after a break.
    pub(super) fn push_collapsed(&mut self, t: &str) {
        // Cleaned first, so that a removed escape sequence leaves no space behind.
        let t = clean(t);
        let mut s = String::with_capacity(t.len());
        let mut space = false;
        for c in t.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                space = true;
            } else {
                if space {
                    s.push(' ');
                }
                space = false;
                s.push(c);
            }
        }
        if space {
            s.push(' ');
        }
        let s = if self.at_word_start() {
            s.trim_start()
        } else {
            &s
        };
        if !s.is_empty() {
            self.push_text(s);
        }
    }

    /// Is the text being built empty or at a space or line break (so that
    /// leading white space of what comes next is not wanted)?
    pub(super) fn at_word_start(&self) -> bool {
        self.open
            .as_ref()
            .is_none_or(|o| o.text.len() <= o.prefix || o.text.ends_with([' ', '\n']))
    }

    /// Start a block quote (nested quotes go one level deeper).
    pub(super) fn start_quote(&mut self) {
        self.finish();
        self.quotes = self.quotes.saturating_add(1);
    }

    /// End a block quote.
    pub(super) fn end_quote(&mut self) {
        self.finish();
        self.quotes = self.quotes.saturating_sub(1);
    }

    /// Start a list; `start` is the first number of an ordered list.
    pub(super) fn start_list(&mut self, start: Option<u64>) {
        self.finish();
        self.lists.push(start);
    }

    /// End a list.
    pub(super) fn end_list(&mut self) {
        self.finish();
        self.lists.pop();
    }

    /// Start a list item with its marker ("• " or "3. ").
    pub(super) fn start_item(&mut self) {
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

    /// Start preformatted text.
    pub(super) fn start_code(&mut self) {
        self.finish();
        self.code = Some(String::new());
    }

    /// End preformatted text: one code block, never re-flowed.
    pub(super) fn end_code(&mut self) {
        let code = self.code.take().unwrap_or_default();
        let text = code.trim_end_matches('\n').trim_start_matches('\n');
        if !text.trim().is_empty() {
            let mut b = Block::new(BlockKind::Code, text);
            b.depth = self.depth();
            self.blocks.push(b);
        }
    }

    /// Start a table.
    pub(super) fn start_table(&mut self) {
        self.finish();
        self.table = Some(Vec::new());
    }

    /// Start a table row.
    pub(super) fn start_row(&mut self) {
        if let Some(t) = self.table.as_mut() {
            t.push(Vec::new());
        }
    }

    /// Start a table cell.
    pub(super) fn start_cell(&mut self) {
        self.cell = Some(String::new());
    }

    /// End a table cell.
    pub(super) fn end_cell(&mut self) {
        let cell = self.cell.take().unwrap_or_default();
        if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
            row.push(cell.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    /// End a table: its rows set out as aligned columns.
    pub(super) fn end_table(&mut self) {
        let rows: Vec<Vec<String>> = self
            .table
            .take()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect();
        if !rows.is_empty() {
            let mut b = Block::new(BlockKind::Code, table_text(&rows));
            b.depth = self.depth();
            self.blocks.push(b);
        }
    }

    /// Start an image: text until [`Builder::end_image`] is its alt text.
    pub(super) fn start_image(&mut self) {
        self.image = Some(String::new());
    }

    /// End an image: its alt text shown in brackets, in italics.
    pub(super) fn end_image(&mut self) {
        let alt = self.image.take().unwrap_or_default();
        self.alt_text(&alt);
    }

    /// Show an image by its alt text.
    pub(super) fn alt_text(&mut self, alt: &str) {
        if !alt.trim().is_empty() {
            self.start_style(Inline::Emphasis);
            self.push_text(&format!("[{}]", alt.trim()));
            self.end_style();
        }
    }

    /// The place the next text will be put at.
    pub(super) fn here(&self) -> Pos {
        let offset = self.open.as_ref().map_or(0, |o| o.text.len());
        Pos::new(self.blocks.len(), offset)
    }

    /// Name the place the next text will be put at (an `id`), unless the
    /// name is taken already.
    pub(super) fn anchor(&mut self, id: &str) {
        let id = clean(id);
        let id = id.trim();
        if !id.is_empty() && !self.anchors.contains_key(id) {
            let here = self.here();
            self.anchors.insert(id.to_string(), here);
        }
    }

    /// A reference to the note `id`, drawn as [`note_marker`] of `label`
    /// right after the text before it.
    pub(super) fn note_ref(&mut self, id: &str, label: &str) {
        let id = clean(id).trim().trim_start_matches('#').to_string();
        let marker = note_marker(&clean(label));
        self.ensure_open();
        if let Some(o) = self.open.as_mut() {
            // A space typed before the reference would set it apart from its word.
            let trimmed = o.text.trim_end_matches(' ').len().max(o.prefix);
            o.text.truncate(trimmed);
            let start = o.text.len();
            o.text.push_str(&marker);
            o.spans.push(Span {
                range: start..o.text.len(),
                style: Inline::NoteRef(id),
            });
        }
    }

    /// Start the text of note `id` (its blocks follow, until [`Builder::end_note`]).
    pub(super) fn start_note(&mut self, id: &str, label: &str) {
        self.end_note();
        self.finish();
        let id = clean(id).trim().to_string();
        self.anchor(&id);
        self.note = Some((id, clean(label).trim().to_string(), self.blocks.len()));
    }

    /// End the note being read (nothing if none is).
    pub(super) fn end_note(&mut self) {
        let Some((id, mut label, first)) = self.note.take() else {
            return;
        };
        self.finish();
        let end = self.blocks.len();
        // A note with no label of its own is labelled by its heading ("1").
        if label.is_empty()
            && let Some(b) = self.blocks.get(first)
            && matches!(b.kind, BlockKind::Heading(_))
        {
            label = b.text.chars().take(16).collect();
        }
        if !id.is_empty() && first < end && self.note_ids.insert(id.clone()) {
            self.notes.push(Note {
                id,
                label,
                blocks: first..end,
            });
        }
    }

    /// A horizontal rule.
    pub(super) fn rule(&mut self) {
        self.finish();
        self.blocks.push(Block::new(BlockKind::Rule, ""));
    }

    /// The finished document; the title is `title` if given, else the first
    /// level-1 heading, the first heading, or the first words. The title,
    /// author and language are cleaned as the text is.
    pub(super) fn into_document(mut self, title: Option<String>, mut meta: Meta) -> Document {
        self.end_note();
        self.finish();
        let mut title = title.map(|t| clean(&t).into_owned());
        meta.author = meta.author.map(|a| clean(&a).into_owned());
        meta.language = meta.language.map(|l| clean(&l).into_owned());
        let mut blocks = self.blocks;
        let others: Vec<&mut String> = title.iter_mut().chain(meta.author.iter_mut()).collect();
        yo::restore_blocks(&mut blocks, others);
        let title = title
            .filter(|t| !t.trim().is_empty())
            .or_else(|| {
                blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Heading(1))
                    .map(|b| b.text.clone())
            })
            .or_else(|| {
                blocks
                    .iter()
                    .find(|b| matches!(b.kind, BlockKind::Heading(_)))
                    .map(|b| b.text.clone())
            })
            .or_else(|| blocks.first().map(|b| first_words(&b.text)))
            .unwrap_or_default();
        let mut doc = Document {
            title,
            meta,
            blocks,
            notes: self.notes,
            ..Document::default()
        };
        // A place named at the end of an empty block is the next block's start.
        doc.anchors = self
            .anchors
            .into_iter()
            .map(|(id, pos)| (id, doc.clamp(pos)))
            .collect();
        doc.toc = self
            .toc
            .into_iter()
            .map(|t| TocEntry {
                at: doc.clamp(t.at),
                ..t
            })
            .collect();
        doc
    }
}

/// Widest a column is padded to in a table that would grow too much with
/// its columns padded to their widest cell (a 100,000-column cell over
/// 50,000 rows): a wider cell then stands out of line.
const MAX_COLUMN_WIDTH: usize = 60;

/// How much a table may grow by its padding, in columns: this many times
/// its cells, plus [`PADDING_ALLOWANCE`].
const MAX_PADDING_GROWTH: usize = 4;

/// Padding any table may have, in columns.
const PADDING_ALLOWANCE: usize = 1 << 20;

/// A table as aligned text: columns padded to their widest cell, the header
/// underlined. Each row has only the cells it has, and when that padding
/// would grow the table past [`MAX_PADDING_GROWTH`] times its cells, columns
/// are padded to [`MAX_COLUMN_WIDTH`] at most: the work is linear in the
/// cells, whatever the table's shape.
fn table_text(rows: &[Vec<String>]) -> String {
    let column_widths = |cap: usize| {
        let mut widths: Vec<usize> = Vec::new();
        for row in rows {
            if widths.len() < row.len() {
                widths.resize(row.len(), 0);
            }
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(str_width(cell).min(cap));
            }
        }
        widths
    };
    let mut widths = column_widths(usize::MAX);
    let cells: usize = rows.iter().flatten().map(|c| str_width(c)).sum();
    let padded: usize = rows
        .iter()
        .map(|r| widths.iter().take(r.len()).sum::<usize>())
        .sum();
    if padded > cells * MAX_PADDING_GROWTH + PADDING_ALLOWANCE {
        widths = column_widths(MAX_COLUMN_WIDTH);
    }
    let mut out = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w.saturating_sub(str_width(cell)))))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_past_the_cap_give_no_span_and_close_in_order() {
        let mut b = Builder::default();
        b.push_text("до ");
        b.start_style(Inline::Emphasis);
        for _ in 0..10_000 {
            b.start_style(Inline::Strong);
        }
        b.push_text("глубоко");
        for _ in 0..10_000 {
            b.end_style();
        }
        b.push_text(" курсив");
        b.end_style();
        b.push_text(" после");
        let d = b.into_document(None, Meta::default());
        let p = &d.blocks[0];
        assert_eq!(p.text, "до глубоко курсив после");
        assert_eq!(p.spans.len(), MAX_OPEN_STYLES);
        // The emphasis opened first is the one that ends last.
        let last = p.spans.last().expect("a span");
        assert_eq!(
            (&p.text[last.range.clone()], &last.style),
            ("глубоко курсив", &Inline::Emphasis)
        );
    }

    #[test]
    fn note_references_anchors_and_notes() {
        let mut b = Builder::default();
        b.anchor("top");
        b.push_collapsed("comme vous dites ");
        b.note_ref("#n1", "[1]");
        b.push_collapsed(", и дальше.");
        b.finish();
        b.anchor("ch2");
        b.anchor("top");
        b.push_collapsed("Вторая.");
        b.start_note("n1", "1");
        b.push_collapsed("Как вы говорите (франц.).");
        b.finish();
        b.push_collapsed("Второй абзац сноски.");
        b.start_note("n2", "2");
        b.push_collapsed("Другая.");
        let d = b.into_document(None, Meta::default());
        assert_eq!(d.blocks[0].text, "comme vous dites¹, и дальше.");
        let r = &d.blocks[0].spans[0];
        assert_eq!(
            (&d.blocks[0].text[r.range.clone()], &r.style),
            ("¹", &Inline::NoteRef("n1".into()))
        );
        assert_eq!(d.anchors["top"], Pos::new(0, 0));
        assert_eq!(d.anchors["ch2"], Pos::new(1, 0));
        assert_eq!(d.anchors["n1"], Pos::new(2, 0));
        assert_eq!(d.notes.len(), 2);
        assert_eq!(d.notes[0].blocks, 2..4);
        assert_eq!(d.notes[1].blocks, 4..5);
        assert_eq!(d.blocks[4].text, "Другая.");
    }

    #[test]
    fn wide_columns_are_padded_unless_the_table_would_explode() {
        let wide = "ш".repeat(100);
        let rows = vec![vec![wide.clone(), "б".into()], vec!["в".into(), "г".into()]];
        let text = table_text(&rows);
        assert_eq!(
            text.lines().nth(2),
            Some(format!("в{} │ г", " ".repeat(99)).as_str())
        );
        // A cell 100,000 wide over 20,000 rows of two cells: padded to it,
        // the rows would hold 2 billion spaces.
        let mut rows = vec![vec!["ш".repeat(100_000), "а".into()]];
        rows.extend((0..20_000).map(|_| vec!["б".to_string(), "в".to_string()]));
        let text = table_text(&rows);
        let capped = format!("б{} │ в", " ".repeat(MAX_COLUMN_WIDTH - 1));
        assert_eq!(text.lines().last(), Some(capped.as_str()));
        assert!(text.len() < 2_000_000, "{}", text.len());
    }

    #[test]
    fn decoded_text_links_and_meta_are_cleaned() {
        let mut b = Builder::default();
        b.push_collapsed("a\u{1b}]52;c;aGk=\u{7} b\u{9b}\u{202E}");
        b.start_style(Inline::Link("http://x/\u{1b}[31m".into()));
        b.push_text("\u{85}ссылка\t");
        b.end_style();
        let meta = Meta {
            author: Some("Автор\u{1b}[2J".into()),
            language: Some("ru\u{7}".into()),
            ..Meta::default()
        };
        let d = b.into_document(Some("\u{1b}]0;t\u{7}Заглавие".into()), meta);
        assert_eq!(d.title, "Заглавие");
        assert_eq!(d.meta.author.as_deref(), Some("Автор"));
        assert_eq!(d.meta.language.as_deref(), Some("ru"));
        assert_eq!(d.blocks[0].text, "a bссылка");
        assert_eq!(d.blocks[0].spans[0].style, Inline::Link("http://x/".into()));
    }
}
