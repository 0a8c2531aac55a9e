//! FictionBook 2 to [`Document`] with quick-xml: title, authors and language
//! from `<description>`; nested `<section>`s with their `<title>`s as nested
//! headings; epigraphs, cites and poems (a verse a line) as quotes; subtitles;
//! the notes body kept after the text; `<binary>` skipped. The encoding comes
//! from the XML declaration.

use super::builder::Builder;
use super::decode::{DecodeError, clean_markup};
use super::encoding::{decode_unlabelled, display_name};
use super::html::declared_charset;
use crate::core::document::{BlockKind, Document, Inline, Meta};
use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// Deepest heading level a section gives its title.
const MAX_HEADING_LEVEL: u8 = 6;

/// Parse the bytes of an FB2 file.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    let (text, encoding) = decode(bytes)?;
    let mut doc = parse_str(&text)?;
    doc.meta.encoding = encoding.to_string();
    Ok(doc)
}

/// The text of an FB2 file's bytes and the encoding it was read in: a BOM,
/// else the declared encoding, else the detected one.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    let has_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    if has_bom {
        let d = super::decode::decode_markup(bytes)?;
        return Ok((d.text, d.encoding));
    }
    if bytes[..bytes.len().min(4096)].contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(512)]) {
        let (t, _) = enc.decode_without_bom_handling(bytes);
        return Ok((clean_markup(&t), display_name(enc)));
    }
    let (t, name) = decode_unlabelled(bytes);
    Ok((clean_markup(&t), name))
}

/// What the text being read belongs to in `<description>`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    BookTitle,
    AuthorName,
    Lang,
}

#[derive(Default)]
struct Fb2 {
    b: Builder,
    /// Open elements, innermost last.
    stack: Vec<String>,
    /// How many of each name are in `stack`: "inside a title?" is asked for
    /// every event, and must not cost a walk of a stack 100,000 deep.
    open: HashMap<String, usize>,
    /// Sections open (a count, not capped: closing them must come back to 0).
    sections: usize,
    book_title: String,
    authors: Vec<String>,
    author: Vec<String>,
    lang: String,
    field: Option<Field>,
    /// Inside a `<body name="notes">` (or "comments"): its sections are notes.
    in_notes_body: bool,
    /// Note sections open, by section depth (their ends end the note).
    note_sections: Vec<usize>,
    /// The note reference being read (`<a type="note">`): its target and label.
    note_ref: Option<(String, String)>,
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

/// The value of attribute `name` (any namespace: `l:href`, `xlink:href`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

fn href(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "href")
}

impl Fb2 {
    fn inside(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    fn parent(&self) -> Option<&str> {
        self.stack.iter().rev().nth(1).map(String::as_str)
    }

    fn start(&mut self, name: &str, e: &BytesStart<'_>) {
        self.stack.push(name.to_string());
        *self.open.entry(name.to_string()).or_default() += 1;
        if self.inside("description") {
            self.field = match name {
                "book-title" if self.inside("title-info") => Some(Field::BookTitle),
                "first-name" | "middle-name" | "last-name" | "nickname"
                    if self.inside("title-info") && self.inside("author") =>
                {
                    Some(Field::AuthorName)
                }
                "lang" if self.inside("title-info") => Some(Field::Lang),
                _ => None,
            };
            return;
        }
        let title_level = if self.parent() == Some("body") {
            1
        } else {
            u8::try_from(self.sections.saturating_add(1))
                .unwrap_or(u8::MAX)
                .min(MAX_HEADING_LEVEL)
        };
        let in_poem = self.inside("poem");
        let in_title = self.inside("title");
        if name == "body" {
            self.in_notes_body =
                attr(e, "name").is_some_and(|n| matches!(n.as_str(), "notes" | "comments"));
        }
        let id = attr(e, "id");
        let b = &mut self.b;
        match name {
            "section" => {
                b.finish();
                self.sections = self.sections.saturating_add(1);
                if let Some(id) = id.as_deref().filter(|_| self.in_notes_body) {
                    b.start_note(id, "");
                    self.note_sections.push(self.sections);
                }
            }
            "title" => {
                let level = title_level;
                if in_poem {
                    b.begin(BlockKind::Quote, String::new());
                    b.start_style(Inline::Strong);
                } else {
                    b.begin(BlockKind::Heading(level), String::new());
                }
            }
            "p" if in_title && !b.at_word_start() => b.push_text("\n"),
            "p" if in_title => {}
            "p" => {
                b.finish();
                b.ensure_open();
            }
            "epigraph" | "cite" | "poem" | "annotation" => b.start_quote(),
            "stanza" => {
                b.finish();
                b.ensure_open();
            }
            "subtitle" => {
                b.begin(BlockKind::Paragraph, String::new());
                b.start_style(Inline::Strong);
            }
            "text-author" => {
                b.finish();
                b.ensure_open();
                b.push_text("— ");
            }
            "empty-line" => b.finish(),
            "emphasis" => b.start_style(Inline::Emphasis),
            "strong" => b.start_style(Inline::Strong),
            "strikethrough" => b.start_style(Inline::Strike),
            "code" => b.start_style(Inline::Code),
            "a" if attr(e, "type").as_deref() == Some("note") && self.note_ref.is_none() => {
                self.note_ref = Some((href(e).unwrap_or_default(), String::new()));
            }
            "a" => b.start_style(Inline::Link(href(e).unwrap_or_default())),
            "table" => b.start_table(),
            "tr" => b.start_row(),
            "td" | "th" => b.start_cell(),
            _ => {}
        }
        if let Some(id) = id {
            self.b.anchor(&id);
        }
    }

    fn end(&mut self, name: &str) {
        if self.inside("description") {
            if name == "author" && !self.author.is_empty() {
                self.authors.push(self.author.join(" "));
                self.author.clear();
            }
            self.field = None;
            self.pop(name);
            return;
        }
        let in_title = self.inside("title");
        let b = &mut self.b;
        match name {
            "section" => {
                if self.note_sections.last() == Some(&self.sections) {
                    self.note_sections.pop();
                    b.end_note();
                }
                b.finish();
                self.sections = self.sections.saturating_sub(1);
            }
            "body" => {
                b.end_note();
                self.note_sections.clear();
                self.in_notes_body = false;
            }
            "a" if self.note_ref.is_some() => {
                if let Some((target, label)) = self.note_ref.take() {
                    b.note_ref(&target, &label);
                }
            }
            "title" => {
                if self.stack.iter().rev().nth(1).is_some_and(|p| p == "poem") {
                    b.end_style();
                }
                b.finish();
            }
            "p" if in_title => {}
            "p" | "stanza" | "text-author" => b.finish(),
            "v" => b.push_text("\n"),
            "epigraph" | "cite" | "poem" | "annotation" => b.end_quote(),
            "subtitle" => {
                b.end_style();
                b.finish();
            }
            "emphasis" | "strong" | "strikethrough" | "code" | "a" => b.end_style(),
            "table" => b.end_table(),
            "td" | "th" => b.end_cell(),
            _ => {}
        }
        self.pop(name);
    }

    fn pop(&mut self, name: &str) {
        // Tolerate mismatched ends: close up to the matching element, if open.
        // Every element looked at is closed, so this is linear over the file.
        if !self.inside(name) {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(n) = self.open.get_mut(&top) {
                *n = n.saturating_sub(1);
            }
            if top == name {
                return;
            }
        }
    }

    fn text(&mut self, t: &str) {
        if self.inside("binary") {
            return;
        }
        if self.inside("description") {
            let t = t.trim();
            match self.field {
                Some(Field::BookTitle) => self.book_title.push_str(t),
                Some(Field::AuthorName) if !t.is_empty() => self.author.push(t.to_string()),
                Some(Field::Lang) => self.lang.push_str(t),
                _ => {}
            }
            return;
        }
        if !self.inside("body") {
            return;
        }
        if let Some((_, label)) = self.note_ref.as_mut() {
            if label.len() < 64 {
                label.push_str(t.trim());
            }
            return;
        }
        // XML white space between words is one space.
        self.b.push_collapsed(t);
    }
}

/// Parse FB2 text. Malformed XML gives what was read before the fault, or
/// an error when nothing could be read.
pub fn parse_str(text: &str) -> Result<Document, DecodeError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut f = Fb2::default();
    let mut fault = None;
    // Text comes in pieces, cut at every entity and character reference:
    // it is handed on whole, so that an escape sequence written with `&#27;`
    // is cleaned as one sequence.
    let mut pending = String::new();
    loop {
        let event = reader.read_event();
        if !matches!(
            event,
            Ok(Event::Text(_) | Event::CData(_) | Event::GeneralRef(_))
        ) && !pending.is_empty()
        {
            f.text(&pending);
            pending.clear();
        }
        match event {
            Ok(Event::Start(e)) => f.start(&local(&e), &e),
            Ok(Event::Empty(e)) => {
                let name = local(&e);
                f.start(&name, &e);
                f.end(&name);
            }
            Ok(Event::End(e)) => f.end(&e.local_name().as_ref().to_ascii_lowercase()),
            Ok(Event::Text(t)) => pending.push_str(&t),
            Ok(Event::CData(t)) => pending.push_str(&t),
            Ok(Event::GeneralRef(r)) => {
                match r.resolve_char_ref() {
                    Ok(Some(c)) => pending.push(c),
                    _ => pending.push_str(resolve_predefined_entity(&r).unwrap_or_default()),
                };
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                fault = Some(e.to_string());
                break;
            }
        }
    }
    if f.b.blocks.is_empty() && f.b.open.is_none() {
        return Err(fault.map_or(DecodeError::NoBody, DecodeError::Malformed));
    }
    let meta = Meta {
        author: (!f.authors.is_empty()).then(|| f.authors.join(", ")),
        language: Some(f.lang.trim().to_string()).filter(|l| !l.is_empty()),
        format: "fb2".into(),
        encoding: String::new(),
    };
    let title = Some(f.book_title.trim().to_string()).filter(|t| !t.is_empty());
    Ok(f.b.into_document(title, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
<description><title-info><genre>prose</genre><author><first-name>Лев</first-name><last-name>Толстой</last-name></author>
<book-title>Война и мир</book-title><lang>ru</lang></title-info>
<document-info><author><nickname>oc</nickname></author></document-info></description>
<body><title><p>Лев Толстой</p><p>Война и мир</p></title>
<epigraph><p>Эпиграф книги.</p><text-author>Автор</text-author></epigraph>
<section><title><p>Часть первая</p></title>
 <section><title><p>Глава 1</p></title>
  <p>Текст с <emphasis>курсивом</emphasis> и сноской<a l:href="#n1" type="note">[1]</a>.</p>
  <empty-line/>
  <poem><title><p>Песня</p></title><stanza><v>Первая строка,</v><v>вторая строка.</v></stanza></poem>
  <subtitle>* * *</subtitle>
  <cite><p>Цитата &amp; ссылка &#x2014; тире.</p></cite>
 </section>
</section></body>
<body name="notes"><section id="n1"><title><p>1</p></title><p>Текст сноски.</p></section></body>
<binary id="cover.jpg" content-type="image/jpeg">SGVsbG8=</binary>
</FictionBook>"##;

    #[test]
    fn description_sections_poems_notes() {
        let d = parse_str(BOOK).expect("parse");
        assert_eq!(d.title, "Война и мир");
        assert_eq!(d.meta.author.as_deref(), Some("Лев Толстой"));
        assert_eq!(d.meta.language.as_deref(), Some("ru"));
        let got: Vec<(BlockKind, &str)> =
            d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        use BlockKind::*;
        assert_eq!(
            got,
            vec![
                (Heading(1), "Лев Толстой\nВойна и мир"),
                (Quote, "Эпиграф книги."),
                (Quote, "— Автор"),
                (Heading(2), "Часть первая"),
                (Heading(3), "Глава 1"),
                (Paragraph, "Текст с курсивом и сноской¹."),
                (Quote, "Песня"),
                (Quote, "Первая строка,\nвторая строка."),
                (Paragraph, "* * *"),
                (Quote, "Цитата & ссылка — тире."),
                (Heading(2), "1"),
                (Paragraph, "Текст сноски."),
            ]
        );
        let p = &d.blocks[5];
        assert!(
            p.spans
                .iter()
                .any(|s| s.style == Inline::NoteRef("n1".into()) && &p.text[s.range.clone()] == "¹")
        );
        assert_eq!(d.notes.len(), 1);
        assert_eq!(
            (d.notes[0].id.as_str(), d.notes[0].label.as_str()),
            ("n1", "1")
        );
        assert_eq!(d.notes[0].blocks, 10..12);
        assert!(matches!(
            d.follow("#n1"),
            crate::core::document::LinkTarget::Note(_)
        ));
        assert!(
            !d.blocks.iter().any(|b| b.text.contains("SGVsbG8")),
            "binary skipped"
        );
    }

    #[test]
    fn windows_1251_from_the_declaration() {
        let src = BOOK.replace("UTF-8", "windows-1251");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&src);
        let d = parse(&bytes).expect("parse");
        assert_eq!(d.meta.encoding, "windows-1251");
        assert_eq!(d.title, "Война и мир");
    }

    #[test]
    fn malformed_xml() {
        let cut = &BOOK[..BOOK.find("<poem>").expect("poem")];
        let d = parse_str(&format!("{cut}<p>оборвано <emphasis>")).expect("partial");
        assert!(
            d.blocks
                .iter()
                .any(|b| b.text.starts_with("Текст с курсивом"))
        );
        assert!(matches!(
            parse_str("<<<не xml"),
            Err(DecodeError::Malformed(_))
        ));
        assert_eq!(parse_str("").err(), Some(DecodeError::NoBody));
    }
}
