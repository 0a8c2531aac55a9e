//! Find inside one document: every hit of a folded query, mapped back to
//! exact byte ranges of the blocks' text. Phrases match across wrapped lines
//! and the source's line breaks (white space is folded to one space).

use crate::core::document::{Document, Pos};
use crate::core::fold::Folded;
use std::ops::Range;

/// One hit: a block and the byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The block.
    pub block: usize,
    /// The byte range in the block's text.
    pub range: Range<usize>,
}

impl Hit {
    /// Where the hit starts.
    pub fn start(&self) -> Pos {
        Pos::new(self.block, self.range.start)
    }
}

/// A document folded once for searching, block by block.
#[derive(Debug, Clone, Default)]
pub struct Searchable {
    blocks: Vec<Folded>,
}

impl Searchable {
    /// Fold every block of `doc`.
    pub fn new(doc: &Document) -> Self {
        Searchable {
            blocks: doc.blocks.iter().map(|b| Folded::new(&b.text)).collect(),
        }
    }

    /// Every hit of `query` (folded the same way), in document order.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        let q = Folded::new(query).text;
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (block, f) in self.blocks.iter().enumerate() {
            for (at, m) in f.text.match_indices(q.as_str()) {
                hits.push(Hit {
                    block,
                    range: f.original_range(at..at + m.len()),
                });
            }
        }
        hits
    }
}

/// Where `quote` first is in `text` (a document's canonical text), matched
/// as find matches (case, ё and е, stress marks, soft hyphens, any run of
/// white space, even across blocks): the byte range of the text's own
/// words, from the first matched character to the end of the last.
pub fn find_passage(text: &str, quote: &str) -> Option<Range<usize>> {
    let q = Folded::new(quote).text;
    if q.is_empty() {
        return None;
    }
    let folded = Folded::new(text);
    let at = folded.text.find(q.as_str())?;
    let r = folded.original_range(at..at + q.len());
    (r.start < r.end).then_some(r)
}

/// The hit to show for a reader at `pos`: the first at or after it, else the first.
pub fn nearest(hits: &[Hit], pos: Pos) -> Option<usize> {
    if hits.is_empty() {
        return None;
    }
    Some(hits.iter().position(|h| h.start() >= pos).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_is_found_as_find_finds_it_and_keeps_the_texts_own_form() {
        let text = "Ёлка стоя\u{301}ла в ЛЕСУ,\n  и ей было\u{AD}  хорошо.\n\nВторой абзац.";
        let at = |q: &str| find_passage(text, q).map(|r| &text[r]);
        assert_eq!(at("елка стояла"), Some("Ёлка стоя\u{301}ла"));
        assert_eq!(at("в лесу, и ей"), Some("в ЛЕСУ,\n  и ей"));
        assert_eq!(at("было хорошо"), Some("было\u{AD}  хорошо"));
        assert_eq!(at("ей  было"), Some("ей было\u{AD}"));
        assert_eq!(at("хорошо. второй"), Some("хорошо.\n\nВторой"));
        assert_eq!(at("  "), None);
        assert_eq!(at("нет такого"), None);
        // Й stays й.
        assert_eq!(find_passage("Мой дом", "мои"), None);
    }
    use crate::core::formats::text::parse_str;

    #[test]
    fn finds_with_case_yo_stress_and_line_breaks() {
        let src = "   Князь Андрей посмотрел на неё.  Её\nглаза были ЗЕЛЁНЫЕ, зелё\u{301}ные.\n";
        let d = parse_str(src);
        let s = Searchable::new(&d);
        let text = |h: &Hit| d.blocks[h.block].text[h.range.clone()].to_string();
        assert_eq!(
            s.find("князь андрей").iter().map(text).collect::<Vec<_>>(),
            vec!["Князь Андрей"]
        );
        assert_eq!(s.find("ее").len(), 2);
        assert_eq!(
            s.find("зеленые").iter().map(text).collect::<Vec<_>>(),
            vec!["ЗЕЛЁНЫЕ", "зелё\u{301}ные"]
        );
        assert_eq!(
            s.find("  ГЛАЗА   были ").len(),
            1,
            "query white space folds too"
        );
        assert!(s.find("").is_empty());
        assert!(s.find("андреи").is_empty(), "й is not и");
    }

    #[test]
    fn phrase_across_a_hard_line_break_of_war_and_peace() {
        // As in the source: "князь" ends one line, "Андрей" starts the next.
        let src = "   Он видел, как один раз князь\nАндрей посмотрел на него.  Текст  текст  текст  текст  текст  текст\n";
        let d = parse_str(&src.repeat(10));
        let hits = Searchable::new(&d).find("князь андрей");
        assert_eq!(hits.len(), 10);
    }

    #[test]
    fn nearest_wraps_around() {
        let hits = vec![
            Hit {
                block: 1,
                range: 0..2,
            },
            Hit {
                block: 3,
                range: 5..7,
            },
        ];
        assert_eq!(nearest(&hits, Pos::new(0, 0)), Some(0));
        assert_eq!(nearest(&hits, Pos::new(2, 0)), Some(1));
        assert_eq!(nearest(&hits, Pos::new(9, 0)), Some(0));
        assert_eq!(nearest(&[], Pos::new(0, 0)), None);
    }
}
