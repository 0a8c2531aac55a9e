//! A passage being chosen in the reader: from the sentence where it was
//! started (the anchor) to the sentence the keys moved to (the head), in
//! either order, by sentences or paragraphs.

use crate::core::document::{Document, Pos};
use crate::core::sentence::{self, Sentence};

/// The passage being chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Where the choice started.
    pub anchor: Sentence,
    /// Where it was moved to.
    pub head: Sentence,
}

impl Selection {
    /// A choice of one sentence.
    pub fn new(s: Sentence) -> Selection {
        Selection {
            anchor: s.clone(),
            head: s,
        }
    }

    /// Start and end of the passage.
    pub fn range(&self) -> (Pos, Pos) {
        (
            self.anchor.start().min(self.head.start()),
            self.anchor.end().max(self.head.end()),
        )
    }

    /// Move the head by one sentence (forward or back); false at either end.
    pub fn step(&mut self, doc: &Document, forward: bool) -> bool {
        let to = if forward {
            sentence::next(doc, &self.head)
        } else {
            sentence::prev(doc, &self.head)
        };
        to.map(|s| self.head = s).is_some()
    }

    /// Move the head to the end of its paragraph (back: the start), or, when
    /// it is there already, to that of the next (previous) paragraph.
    pub fn step_paragraph(&mut self, doc: &Document, forward: bool) -> bool {
        let in_block = |b: usize| {
            doc.blocks
                .get(b)
                .map(|blk| sentence::sentences(&blk.text))
                .unwrap_or_default()
        };
        let here = in_block(self.head.block);
        let edge = if forward { here.last() } else { here.first() };
        if let Some(r) = edge.filter(|r| **r != self.head.range) {
            self.head = Sentence {
                block: self.head.block,
                range: r.clone(),
            };
            return true;
        }
        let Some(next) = (if forward {
            sentence::next(doc, &self.head)
        } else {
            sentence::prev(doc, &self.head)
        }) else {
            return false;
        };
        let there = in_block(next.block);
        let edge = if forward { there.last() } else { there.first() };
        self.head = Sentence {
            block: next.block,
            range: edge.cloned().unwrap_or(next.range),
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    fn quote(doc: &Document, sel: &Selection) -> String {
        let (a, b) = sel.range();
        doc.text_between(a, b)
    }

    #[test]
    fn extends_and_shrinks_by_sentences_both_ways() {
        let d = parse_str("Раз. Два. Три.\n\nЧетыре. Пять.\n");
        let b = d.blocks.len() - 2;
        let start = sentence::sentence_at(&d, Pos::new(b, "Раз. ".len())).expect("два");
        let mut sel = Selection::new(start);
        assert_eq!(quote(&d, &sel), "Два.");
        assert!(sel.step(&d, true));
        assert!(sel.step(&d, true));
        assert_eq!(quote(&d, &sel), "Два. Три.\n\nЧетыре.");
        assert!(sel.step(&d, false));
        assert!(sel.step(&d, false));
        assert!(sel.step(&d, false));
        assert_eq!(quote(&d, &sel), "Раз. Два.");
    }

    #[test]
    fn paragraph_steps() {
        let d = parse_str("Раз. Два. Три.\n\nЧетыре. Пять.\n");
        let b = d.blocks.len() - 2;
        let mut sel = Selection::new(sentence::sentence_at(&d, Pos::new(b, 0)).expect("раз"));
        assert!(sel.step_paragraph(&d, true));
        assert_eq!(quote(&d, &sel), "Раз. Два. Три.");
        assert!(sel.step_paragraph(&d, true));
        assert_eq!(quote(&d, &sel), "Раз. Два. Три.\n\nЧетыре. Пять.");
        assert!(!sel.step_paragraph(&d, true));
        assert!(sel.step_paragraph(&d, false));
        assert_eq!(quote(&d, &sel), "Раз. Два. Три.\n\nЧетыре.");
    }
}
