//! What the library list needs of one file (id, title, author, words,
//! encoding) without parsing the whole of it: the file is read and decoded
//! whole (the id is the hash of every byte, the encoding is judged on the
//! whole file as the reader judges it), but only its head goes through the
//! format's parser, for the title and author; the words are counted over
//! the whole decoded text with [`count_words`]'s rule, the markup and what
//! the reader leaves out (code, scripts, notes, pictures) skipped.
//!
//! The title is the parser's own on the head, so it follows every rule of
//! the full parse (metadata first, the first real heading, never an
//! epigraph, the author over the title). Plain text takes its title from
//! its first lines only; a Markdown, HTML or FB2 head that shows no
//! top-level heading and no title of its own is parsed whole after all,
//! since their title may be the first heading further on. Files of a format told by their bytes (EPUB, a ZIP) are
//! parsed whole. A file no bigger than twice the head is parsed whole too,
//! and its words are then the parse's exact count.
//!
//! [`count_words`]: crate::core::document::count_words

use crate::core::document::{BlockKind, Document};
use crate::core::formats::{self, decode::DecodeError, fb2, html, markdown, sniff, text};
use crate::core::guarded;
use std::path::Path;

use super::error::Refusal;

/// Bytes of decoded text the parser sees for the title (after an FB2's
/// `<description>`, after an HTML page's `<body>` tag).
const HEAD: usize = 16 * 1024;

/// How far an FB2's `</description>` or an HTML page's `<body` is looked for.
const MARK_WITHIN: usize = 1024 * 1024;

/// What the library keeps of one article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Title (the file's name made readable when the file names none).
    pub title: String,
    /// Author, when the file names one.
    pub author: Option<String>,
    /// Words in the text (see the module's note).
    pub words: usize,
    /// Encoding the file is read in.
    pub encoding: String,
}

/// How a file is read, by its name, when its bytes do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
    Fb2,
}

fn kind_of(path: &Path) -> Kind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown") => Kind::Markdown,
        Some("html" | "htm" | "xhtml") => Kind::Html,
        Some("fb2") => Kind::Fb2,
        _ => Kind::Text,
    }
}

/// The summary of the file at `path` with these `bytes`; a parser's
/// refusal or panic (caught) is the file's failure, as with
/// [`super::parse_guarded`].
pub fn summarize(path: &Path, bytes: &[u8]) -> Result<Summary, Refusal> {
    if sniff::sniff(bytes).is_some() {
        return super::parse_guarded(path, bytes).map(|doc| whole(path, doc, None));
    }
    let kind = kind_of(path);
    let cheap = guarded::run(|| {
        guarded::test_panic("parse", path.file_name());
        cheap(kind, bytes)
    });
    match cheap {
        Ok(Ok((doc, words, encoding))) => Ok(Summary {
            words: words.unwrap_or_else(|| doc.word_count()),
            encoding: encoding.to_string(),
            ..whole(path, doc, Some(0))
        }),
        Ok(Err(e)) => Err(Refusal::Parse(e)),
        Err(panic) => Err(Refusal::Crashed(panic)),
    }
}

/// The summary of a parsed document, with its words unless `words` are given.
fn whole(path: &Path, doc: Document, words: Option<usize>) -> Summary {
    let words = words.unwrap_or_else(|| doc.word_count());
    let title = if doc.title.is_empty() {
        super::file_stem(path)
    } else {
        doc.title
    };
    Summary {
        title,
        author: doc.meta.author,
        words,
        encoding: doc.meta.encoding,
    }
}

/// Decode whole, parse the head: the document of the head (or of the
/// whole, see the module's note), the words when they were counted apart
/// (`None`: the document's count is exact), and the encoding.
fn cheap(kind: Kind, bytes: &[u8]) -> Result<(Document, Option<usize>, &'static str), DecodeError> {
    let (text, encoding) = match kind {
        Kind::Text | Kind::Markdown => {
            let d = formats::decode::decode(bytes)?;
            (d.text, d.encoding)
        }
        Kind::Html => html::decode_html(bytes)?,
        Kind::Fb2 => fb2::decode(bytes)?,
    };
    let parse = |t: &str| -> Result<Document, DecodeError> {
        Ok(match kind {
            Kind::Text => text::parse_str(t),
            Kind::Markdown => markdown::parse_str(t),
            Kind::Html => html::parse_str(t),
            Kind::Fb2 => fb2::parse_str(t)?,
        })
    };
    let head = head_of(&text, kind);
    if head.len() == text.len() {
        return Ok((parse(&text)?, None, encoding));
    }
    match parse(head) {
        // Plain text takes its title from its first lines only.
        Ok(doc) if kind == Kind::Text || titled(&doc) => {
            let words = count(kind, &text);
            Ok((doc, Some(words), encoding))
        }
        _ => Ok((parse(&text)?, None, encoding)),
    }
}

/// Does the head's document tell the whole's title: it has a top-level
/// heading (the whole's title is its first one, else metadata's), or a
/// title that is not its first block's first words (metadata's)?
fn titled(doc: &Document) -> bool {
    if doc.blocks.iter().any(|b| b.kind == BlockKind::Heading(1)) {
        return true;
    }
    !doc.title.is_empty()
        && !doc
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Heading(_)) && b.text == doc.title)
        && doc
            .blocks
            .first()
            .is_none_or(|b| text::first_words(&b.text) != doc.title)
}

/// The head of `text` the parser sees: [`HEAD`] bytes (after the FB2's
/// description or the HTML page's `<body`), cut at a line's end; the whole
/// text when it is not much longer.
fn head_of(text: &str, kind: Kind) -> &str {
    let from = match kind {
        Kind::Fb2 => find_within(text, "</description>"),
        Kind::Html => find_ci(&text.as_bytes()[..text.len().min(MARK_WITHIN)], b"<body"),
        _ => None,
    }
    .unwrap_or(0);
    let want = from + HEAD;
    if text.len() <= want + HEAD {
        return text;
    }
    let mut cut = want;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut].rfind('\n').map_or(cut, |n| n + 1);
    &text[..cut]
}

fn find_within(text: &str, what: &str) -> Option<usize> {
    let mut end = text.len().min(MARK_WITHIN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].find(what)
}

/// Where `needle` (lower-case ASCII) starts in `hay`, ASCII case ignored.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Words of the whole decoded text of a file of this kind.
fn count(kind: Kind, text: &str) -> usize {
    match kind {
        Kind::Text => count_words_fast(text),
        Kind::Markdown => count_markdown(text),
        Kind::Html => count_markup(text, HTML_SKIP, false),
        Kind::Fb2 => count_markup(text, &["description", "binary", "stylesheet"], true),
    }
}

/// Elements whose content is no text of the article (cf. the HTML
/// parser's furniture).
const HTML_SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "title", "form", "button", "select",
    "textarea", "iframe", "svg", "canvas", "object",
];

/// [`count_words`](crate::core::document::count_words)'s rule, fed a
/// piece at a time: a word may go on from one piece into the next.
#[derive(Debug, Default)]
struct Counter {
    words: usize,
    in_word: bool,
}

impl Counter {
    /// Count the words of `s`, at byte speed for ASCII and basic Cyrillic.
    fn feed(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            let (wordy, len) = if x < 0x80 {
                (x.is_ascii_alphanumeric() || (self.in_word && x == b'-'), 1)
            } else if x == 0xD0 || x == 0xD1 {
                // U+0400..U+047F: all letters.
                (true, 2)
            } else if x == 0xE2 && b.get(i + 1) == Some(&0x80) {
                // U+2000..U+203F: spaces and punctuation (dashes, quotes, …).
                (false, 3)
            } else if x == 0xC2 {
                // U+0080..U+00BF: NBSP, «», ...; a few letters and numbers.
                let c = s[i..].chars().next().unwrap_or(' ');
                let wordy = matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾')
                    || (self.in_word && c == '\u{AD}');
                (wordy, 2)
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                let wordy = c.is_alphanumeric()
                    || (self.in_word && (matches!(c, '\u{300}'..='\u{36F}') || c == '\u{AD}'));
                (wordy, c.len_utf8())
            };
            if wordy && !self.in_word {
                self.words += 1;
            }
            self.in_word = wordy;
            i += len;
        }
    }

    /// Markup between two pieces: a word ends there.
    fn gap(&mut self) {
        self.in_word = false;
    }
}

/// The words of `text` by [`count_words`](crate::core::document::count_words)'s rule.
pub fn count_words_fast(text: &str) -> usize {
    let mut c = Counter::default();
    c.feed(text);
    c.words
}

/// Words of Markdown: front matter, fenced code, link targets and HTML
/// tags left out (a code block is not counted by the reader either).
fn count_markdown(text: &str) -> usize {
    let (_, body) = formats::front_matter::split(text);
    let mut c = Counter::default();
    let mut fence: Option<&str> = None;
    for line in body.split('\n') {
        let t = line.trim_start_matches(' ');
        let opens = ["```", "~~~"]
            .into_iter()
            .find(|f| t.starts_with(f) && line.len() - t.len() < 4);
        match (fence, opens) {
            (Some(f), Some(o)) if f == o => fence = None,
            (Some(_), _) => {}
            (None, Some(o)) => fence = Some(o),
            (None, None) => feed_markdown_line(&mut c, line),
        }
        c.gap();
    }
    c.words
}

/// One Markdown line: `](target)` and `<tags>` skipped.
fn feed_markdown_line(c: &mut Counter, line: &str) {
    let mut rest = line;
    while let Some(at) = rest.find([']', '<']) {
        c.feed(&rest[..at]);
        let tail = &rest[at..];
        let skip = if let Some(target) = tail.strip_prefix("](") {
            target.find(')').map(|e| e + 3)
        } else if tail.starts_with('<') {
            tail.find('>').map(|e| e + 1)
        } else {
            None
        };
        c.gap();
        match skip {
            Some(n) => rest = &tail[n..],
            None => {
                rest = &tail[1..];
            }
        }
    }
    c.feed(rest);
}

/// Words of HTML or FB2 text: tags, comments and entities are gaps; the
/// content of the `skip` elements is left out, and with `one_body` every
/// `<body>` after the first (an FB2's notes, which the reader keeps apart).
fn count_markup(text: &str, skip: &[&str], one_body: bool) -> usize {
    let mut c = Counter::default();
    let mut bodies = 0;
    let mut rest = text;
    while let Some(at) = rest.find(['<', '&']) {
        c.feed(&rest[..at]);
        c.gap();
        let tail = &rest[at..];
        if tail.starts_with('&') {
            let end = tail
                .char_indices()
                .take(12)
                .find(|(_, ch)| *ch == ';')
                .map_or(1, |(i, _)| i + 1);
            rest = &tail[end..];
            continue;
        }
        if let Some(comment) = tail.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(end) = tail.find('>') else { break };
        let tag = &tail[1..end];
        rest = &tail[end + 1..];
        if tag.starts_with('/') || tag.ends_with('/') {
            continue;
        }
        let name_len = tag
            .find(|ch: char| ch.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        let name = name.rsplit(':').next().unwrap_or(name);
        let is_body = one_body && name.eq_ignore_ascii_case("body");
        if is_body {
            bodies += 1;
        }
        if (is_body && bodies > 1) || skip.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            let close = format!("</{}", name.to_ascii_lowercase());
            rest = match find_ci(rest.as_bytes(), close.as_bytes()) {
                Some(e) => &rest[e..],
                None => "",
            };
        }
    }
    c.feed(rest);
    c.words
}

#[cfg(test)]
mod tests;
