//! The document model every format parses into and every view reads from.
//!
//! A [`Document`] is a list of [`Block`]s. Each block holds its canonical text:
//! NFC, single spaces, `\n` only where the source forces a line break (verse,
//! addresses). Positions anywhere in chitalka are [`Pos`] values (block index and
//! byte offset in that block's text), never screen rows.

use serde::{Deserialize, Serialize};

/// What a block is, which decides how it is laid out and styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading; level 1 is the top.
    Heading(u8),
    /// Running text.
    Paragraph,
    /// A quotation or epigraph.
    Quote,
    /// One item of a list.
    ListItem,
    /// Preformatted text, never re-flowed.
    Code,
    /// A horizontal rule.
    Rule,
}

/// How a stretch of text inside a block is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    /// Emphasis (italic).
    Emphasis,
    /// Strong emphasis (bold).
    Strong,
    /// Inline code.
    Code,
    /// Struck-through text.
    Strike,
    /// A link; the text is shown, the target kept.
    Link(String),
    /// A reference to a footnote or endnote, by the note's id (see
    /// [`Document::notes`]); its text is the marker drawn (see [`note_marker`]).
    NoteRef(String),
}

/// A styled stretch of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the block's text.
    pub range: std::ops::Range<usize>,
    /// How it is set.
    pub style: Inline,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// The canonical text of the block.
    pub text: String,
    /// Styled stretches of the text (emphasis, links ...), in order.
    pub spans: Vec<Span>,
    /// Nesting depth (quotes in quotes, lists in lists), 0 at the top.
    pub depth: u8,
}

impl Block {
    /// A block of the given kind and text, unstyled, at the top level.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            spans: Vec::new(),
            depth: 0,
        }
    }
}

/// A position in a document: a block and a byte offset in its text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Pos {
    /// Index of the block.
    pub block: usize,
    /// Byte offset in the block's text (always on a char boundary).
    pub offset: usize,
}

impl Pos {
    /// A position.
    pub const fn new(block: usize, offset: usize) -> Self {
        Pos { block, offset }
    }
}

/// Facts about a document that are not its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Author, when the document names one.
    pub author: Option<String>,
    /// Language tag, when known.
    pub language: Option<String>,
    /// The source format ("text", ...).
    pub format: String,
    /// The encoding the bytes were decoded from.
    pub encoding: String,
}

/// A footnote or endnote: the blocks that hold its text, wherever they are
/// (an FB2 notes body, a Markdown footnote definition, notes gathered at the
/// end of a text). A [`Inline::NoteRef`] names it by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The id note references use.
    pub id: String,
    /// The note's label as the source gives it ("1", "*").
    pub label: String,
    /// The blocks of its text.
    pub blocks: std::ops::Range<usize>,
}

/// One entry of the file's own table of contents (an EPUB's nav or NCX),
/// which the outline prefers to the headings when it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// Depth, 1 = top.
    pub level: u8,
    /// The entry's text.
    pub title: String,
    /// Where it points.
    pub at: Pos,
}

/// What a link's target is, in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// A footnote or endnote of the document.
    Note(&'a Note),
    /// A place in the document (an anchor).
    Place(Pos),
    /// Outside the document: a URL with a scheme (`https:`, `mailto:`).
    External(&'a str),
    /// A path relative to the article's file (another page, maybe with a
    /// `#fragment`).
    Relative(&'a str),
    /// An internal target the document does not have.
    Missing,
}

/// A parsed article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The article's title.
    pub title: String,
    /// Author, format, encoding and the like.
    pub meta: Meta,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Named places (HTML/XML `id`s, EPUB file names): where links lead.
    pub anchors: std::collections::BTreeMap<String, Pos>,
    /// Footnotes and endnotes, in the order the source gives them.
    pub notes: Vec<Note>,
    /// The file's own table of contents, when it has one (else empty).
    pub toc: Vec<TocEntry>,
}

/// The marker a note reference is drawn as: a number in superscript digits
/// ("12" and "[12]" give "¹²"), anything else in brackets ("*" gives "[*]"),
/// so that it never reads as part of the word before it.
pub fn note_marker(label: &str) -> String {
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let inner = label
        .trim()
        .trim_start_matches(['[', '{', '(', '<'])
        .trim_end_matches([']', '}', ')', '>'])
        .trim();
    if !inner.is_empty() && inner.len() <= 6 && inner.bytes().all(|b| b.is_ascii_digit()) {
        return inner
            .bytes()
            .map(|b| SUPERSCRIPT[usize::from(b - b'0')])
            .collect();
    }
    let short: String = inner.chars().take(8).collect();
    format!("[{}]", if short.is_empty() { "*" } else { &short })
}

/// Separator between blocks in [`Document::canonical_text`].
pub const BLOCK_SEPARATOR: &str = "\n\n";

impl Document {
    /// The whole text, blocks joined by a blank line. Anchors and search speak
    /// about this text through [`Document::text_offset`].
    pub fn canonical_text(&self) -> String {
        let mut out = String::with_capacity(self.text_len());
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push_str(BLOCK_SEPARATOR);
            }
            out.push_str(&b.text);
        }
        out
    }

    /// Length in bytes of [`Document::canonical_text`].
    pub fn text_len(&self) -> usize {
        let sep = BLOCK_SEPARATOR.len() * self.blocks.len().saturating_sub(1);
        self.blocks.iter().map(|b| b.text.len()).sum::<usize>() + sep
    }

    /// Offset of `pos` in [`Document::canonical_text`] (clamped to the text).
    pub fn text_offset(&self, pos: Pos) -> usize {
        let mut off = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            if i == pos.block {
                return off + pos.offset.min(b.text.len());
            }
            off += b.text.len() + BLOCK_SEPARATOR.len();
        }
        self.text_len()
    }

    /// The position of an offset in [`Document::canonical_text`] (an offset
    /// in a block separator belongs to the end of the block before it).
    pub fn pos_at(&self, offset: usize) -> Pos {
        let mut off = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            if offset < off {
                // In the separator after the block before.
                return self.clamp(Pos::new(i - 1, usize::MAX));
            }
            let end = off + b.text.len();
            if offset <= end {
                return self.clamp(Pos::new(i, offset - off));
            }
            off = end + BLOCK_SEPARATOR.len();
        }
        self.clamp(Pos::new(self.blocks.len().saturating_sub(1), usize::MAX))
    }

    /// The canonical text from `a` to `b` (in either order), built from
    /// those blocks alone: what slicing [`Document::canonical_text`] at
    /// their [`Document::text_offset`]s gives, without making the whole text.
    pub fn text_between(&self, a: Pos, b: Pos) -> String {
        if self.blocks.is_empty() {
            return String::new();
        }
        let (a, b) = (self.clamp(a.min(b)), self.clamp(a.max(b)));
        let mut out = String::new();
        for i in a.block..=b.block {
            let text = &self.blocks[i].text;
            let from = if i == a.block { a.offset } else { 0 };
            let to = if i == b.block { b.offset } else { text.len() };
            if i > a.block {
                out.push_str(BLOCK_SEPARATOR);
            }
            out.push_str(text.get(from..to).unwrap_or_default());
        }
        out
    }

    /// Number of words (runs of letters or digits) in the document.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Code)
            .map(|b| count_words(&b.text))
            .sum()
    }

    /// The main script of the text, from its letters: "Cyrillic", "Latin",
    /// "CJK", "Greek", or "mixed".
    pub fn script(&self) -> &'static str {
        let (mut cyr, mut lat, mut cjk, mut greek, mut all) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        for c in self
            .blocks
            .iter()
            .take(200)
            .flat_map(|b| b.text.chars())
            .filter(|c| c.is_alphabetic())
        {
            all += 1;
            match c {
                '\u{400}'..='\u{52F}' => cyr += 1,
                'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' => lat += 1,
                '\u{370}'..='\u{3FF}' => greek += 1,
                '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' => {
                    cjk += 1
                }
                _ => {}
            }
        }
        let major = |n: usize| n * 10 >= all * 7;
        match () {
            _ if all == 0 => "mixed",
            _ if major(cyr) => "Cyrillic",
            _ if major(lat) => "Latin",
            _ if major(cjk) => "CJK",
            _ if major(greek) => "Greek",
            _ => "mixed",
        }
    }

    /// The note with this id. A note's id names the place it starts (see
    /// [`Document::anchors`]), so the note is looked up there first, by a
    /// binary search of the notes in block order; a walk of every note only
    /// when that fails (notes out of order, an id taken by another place).
    pub fn note(&self, id: &str) -> Option<&Note> {
        if let Some(pos) = self.anchors.get(id) {
            let i = self.notes.partition_point(|n| n.blocks.start < pos.block);
            if let Some(n) = self.notes.get(i).filter(|n| n.id == id) {
                return Some(n);
            }
        }
        self.notes.iter().find(|n| n.id == id)
    }

    /// Where a link's target leads: `#id` to a note or an anchor of this
    /// document, a URL with a scheme outside, anything else a path relative
    /// to the article's file.
    pub fn follow<'a>(&'a self, href: &'a str) -> LinkTarget<'a> {
        let href = href.trim();
        if let Some(id) = href.strip_prefix('#') {
            if let Some(note) = self.note(id) {
                return LinkTarget::Note(note);
            }
            return match self.anchors.get(id) {
                Some(&pos) => LinkTarget::Place(self.clamp(pos)),
                None => LinkTarget::Missing,
            };
        }
        if href.is_empty() {
            return LinkTarget::Missing;
        }
        let scheme = href.split_once(':').is_some_and(|(s, _)| {
            s.len() > 1
                && s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if scheme {
            LinkTarget::External(href)
        } else {
            LinkTarget::Relative(href)
        }
    }

    /// Clamp a position into the document, onto a char boundary.
    pub fn clamp(&self, pos: Pos) -> Pos {
        let Some(last) = self.blocks.len().checked_sub(1) else {
            return Pos::default();
        };
        if pos.block > last {
            return Pos::new(last, 0);
        }
        let text = &self.blocks[pos.block].text;
        let mut off = pos.offset.min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        Pos::new(pos.block, off)
    }
}

/// Words in `text`: maximal runs of alphanumeric characters (combining marks
/// and inner hyphens do not split a word).
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let wordy =
            c.is_alphanumeric() || (in_word && (is_combining(c) || c == '-' || c == '\u{AD}'));
        if wordy && !in_word {
            n += 1;
        }
        in_word = wordy;
    }
    n
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Reading time in whole minutes for `words` words (at least 1 when there is any text).
pub fn reading_minutes(words: usize) -> usize {
    /// Typical silent reading speed for Russian prose, words per minute.
    const WPM: usize = 180;
    words.div_ceil(WPM)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            title: "t".into(),
            meta: Meta::default(),
            blocks: vec![
                Block::new(BlockKind::Heading(1), "Заголовок"),
                Block::new(BlockKind::Paragraph, "Один два-три, четы\u{301}ре."),
            ],
            ..Document::default()
        }
    }

    #[test]
    fn canonical_text_and_offsets_agree() {
        let d = doc();
        let t = d.canonical_text();
        assert_eq!(t.len(), d.text_len());
        let p = Pos::new(1, "Один ".len());
        assert!(t[d.text_offset(p)..].starts_with("два-три"));
        assert_eq!(d.text_offset(Pos::new(9, 0)), d.text_len());
    }

    #[test]
    fn pos_at_inverts_text_offset() {
        let d = doc();
        for p in [
            Pos::new(0, 0),
            Pos::new(0, 4),
            Pos::new(1, 0),
            Pos::new(1, 9),
        ] {
            let p = d.clamp(p);
            assert_eq!(d.pos_at(d.text_offset(p)), p);
        }
        assert_eq!(d.pos_at(d.text_len() + 50).block, 1);
    }

    #[test]
    fn words_are_counted_with_hyphens_and_accents() {
        assert_eq!(count_words("Один два-три, четы\u{301}ре."), 3);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("— Да!"), 1);
        assert_eq!(doc().word_count(), 4);
    }

    #[test]
    fn clamp_lands_on_char_boundary() {
        let d = doc();
        assert_eq!(d.clamp(Pos::new(0, 1)), Pos::new(0, 0));
        assert_eq!(d.clamp(Pos::new(0, 999)), Pos::new(0, "Заголовок".len()));
        assert_eq!(d.clamp(Pos::new(5, 3)), Pos::new(1, 0));
    }

    #[test]
    fn script_of_the_text() {
        assert_eq!(doc().script(), "Cyrillic");
        let en = Document {
            blocks: vec![Block::new(BlockKind::Paragraph, "Plain English text")],
            ..Document::default()
        };
        assert_eq!(en.script(), "Latin");
        assert_eq!(Document::default().script(), "mixed");
    }

    #[test]
    fn note_markers_are_apart_from_the_word() {
        assert_eq!(note_marker("1"), "¹");
        assert_eq!(note_marker("[12]"), "¹²");
        assert_eq!(note_marker(" {305} "), "³⁰⁵");
        assert_eq!(note_marker("*"), "[*]");
        assert_eq!(note_marker(""), "[*]");
        assert_eq!(note_marker("1234567"), "[1234567]");
        assert_eq!(note_marker("примечание длинное"), "[примечан]");
    }

    #[test]
    fn links_lead_to_notes_places_and_outside() {
        let mut d = doc();
        d.anchors.insert("ch2".into(), Pos::new(1, 9));
        d.anchors.insert("far".into(), Pos::new(99, 0));
        d.notes.push(Note {
            id: "n1".into(),
            label: "1".into(),
            blocks: 1..2,
        });
        assert!(matches!(d.follow("#n1"), LinkTarget::Note(n) if n.label == "1"));
        // Found through its anchor, and without one.
        d.anchors.insert("n1".into(), Pos::new(1, 0));
        assert_eq!(d.note("n1").map(|n| n.blocks.clone()), Some(1..2));
        d.anchors.insert("n2".into(), Pos::new(0, 0));
        d.notes.push(Note {
            id: "n2".into(),
            label: "2".into(),
            blocks: 0..1,
        });
        assert_eq!(d.note("n2").map(|n| n.blocks.clone()), Some(0..1));
        assert_eq!(d.follow("#ch2"), LinkTarget::Place(Pos::new(1, 9)));
        assert_eq!(d.follow("#far"), LinkTarget::Place(Pos::new(1, 0)));
        assert_eq!(d.follow("#nope"), LinkTarget::Missing);
        assert_eq!(d.follow(""), LinkTarget::Missing);
        assert_eq!(
            d.follow("https://example.org/a#b"),
            LinkTarget::External("https://example.org/a#b")
        );
        assert_eq!(
            d.follow("mailto:a@b.ru"),
            LinkTarget::External("mailto:a@b.ru")
        );
        assert_eq!(
            d.follow("ch03.html#s1"),
            LinkTarget::Relative("ch03.html#s1")
        );
        // A Windows drive letter is not a scheme.
        assert_eq!(d.follow("c:/x.html"), LinkTarget::Relative("c:/x.html"));
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(0), 0);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(181), 2);
    }

    #[test]
    fn text_between_is_the_slice_of_the_whole_text() {
        let d = crate::core::formats::text::parse_str(
            "Заголовок\n\nПервый абзац, за\u{301}мок.\n\nВторой.\n\nТретий абзац.\n",
        );
        let text = d.canonical_text();
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &x in offsets.iter().step_by(3) {
            for &y in offsets.iter().step_by(5) {
                let (a, b) = (d.pos_at(x), d.pos_at(y));
                let (lo, hi) = (d.text_offset(a.min(b)), d.text_offset(a.max(b)));
                assert_eq!(d.text_between(a, b), text[lo..hi], "{x}..{y}");
            }
        }
        assert_eq!(
            Document::default().text_between(Pos::new(3, 1), Pos::new(0, 0)),
            ""
        );
    }
}
