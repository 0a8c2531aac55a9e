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

/// A parsed article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The article's title.
    pub title: String,
    /// Author, format, encoding and the like.
    pub meta: Meta,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
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
