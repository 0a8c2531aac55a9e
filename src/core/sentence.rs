//! Sentences: the unit a passage is chosen by. Unicode sentence boundaries
//! (UAX #29), with the white space between sentences left out, so a passage
//! quotes only text. Headings, verse lines and list items are blocks of their
//! own, so a sentence never runs from one block into the next.

use crate::core::document::{Document, Pos};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text`, as byte ranges without surrounding white space.
/// UAX #29 does not end a sentence at an ellipsis ("…"), which Russian
/// text uses as often as a full stop; one followed by white space and a
/// capital letter ends the sentence here.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, s) in text.split_sentence_bound_indices() {
        let mut from = 0;
        for (j, _) in s.match_indices('…') {
            let after = &s[j + '…'.len_utf8()..];
            let rest = after.trim_start();
            if rest.len() < after.len() && rest.chars().next().is_some_and(char::is_uppercase) {
                push_trimmed(&mut out, text, i + from..i + j + '…'.len_utf8());
                from = s.len() - rest.len();
            }
        }
        push_trimmed(&mut out, text, i + from..i + s.len());
    }
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push(r.start + lead..r.start + lead + body.len());
    }
}

/// A sentence of a document: its block and byte range there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The block.
    pub block: usize,
    /// The range in the block's text.
    pub range: Range<usize>,
}

impl Sentence {
    /// Where it starts.
    pub fn start(&self) -> Pos {
        Pos::new(self.block, self.range.start)
    }

    /// Where it ends.
    pub fn end(&self) -> Pos {
        Pos::new(self.block, self.range.end)
    }
}

/// The sentence at `pos`: the one containing it, else the first after it.
pub fn sentence_at(doc: &Document, pos: Pos) -> Option<Sentence> {
    let in_block = sentences(&doc.blocks.get(pos.block)?.text);
    match in_block.into_iter().find(|r| r.end > pos.offset) {
        Some(range) => Some(Sentence {
            block: pos.block,
            range,
        }),
        None => first_from(doc, pos.block + 1),
    }
}

/// The first sentence that starts at or after `pos`.
pub fn sentence_from(doc: &Document, pos: Pos) -> Option<Sentence> {
    let in_block = sentences(&doc.blocks.get(pos.block)?.text);
    match in_block.into_iter().find(|r| r.start >= pos.offset) {
        Some(range) => Some(Sentence {
            block: pos.block,
            range,
        }),
        None => first_from(doc, pos.block + 1),
    }
}

fn first_from(doc: &Document, block: usize) -> Option<Sentence> {
    (block..doc.blocks.len()).find_map(|b| {
        sentences(&doc.blocks[b].text)
            .into_iter()
            .next()
            .map(|range| Sentence { block: b, range })
    })
}

/// The sentence after `s`.
pub fn next(doc: &Document, s: &Sentence) -> Option<Sentence> {
    sentence_from(doc, s.end())
}

/// The sentence before `s`.
pub fn prev(doc: &Document, s: &Sentence) -> Option<Sentence> {
    let text = &doc.blocks.get(s.block)?.text;
    if let Some(range) = sentences(text)
        .into_iter()
        .rev()
        .find(|r| r.end <= s.range.start)
    {
        return Some(Sentence {
            block: s.block,
            range,
        });
    }
    (0..s.block).rev().find_map(|b| {
        sentences(&doc.blocks[b].text)
            .pop()
            .map(|range| Sentence { block: b, range })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    #[test]
    fn russian_sentences_without_the_space_between() {
        let t = "Он пришёл. «Кто там?» — спросила она! И всё… Потом тишина";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            [
                "Он пришёл.",
                "«Кто там?» — спросила она!",
                "И всё…",
                "Потом тишина"
            ]
        );
    }

    #[test]
    fn stress_marks_stay_inside_their_sentence() {
        let t = "За\u{301}мок стоял. Замо\u{301}к висел.";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["За\u{301}мок стоял.", "Замо\u{301}к висел."]);
    }

    #[test]
    fn next_and_prev_walk_across_blocks() {
        let d = parse_str("Заголовок\n\nПервое. Второе.\n\nТретье.\n");
        let quote = |s: &Sentence| d.blocks[s.block].text[s.range.clone()].to_string();
        let first = sentence_at(&d, Pos::new(0, 0)).expect("first");
        let mut walk = vec![quote(&first)];
        let mut s = first;
        while let Some(n) = next(&d, &s) {
            walk.push(quote(&n));
            s = n;
        }
        assert_eq!(walk, ["Заголовок", "Первое.", "Второе.", "Третье."]);
        let mut back = vec![quote(&s)];
        while let Some(p) = prev(&d, &s) {
            back.push(quote(&p));
            s = p;
        }
        assert_eq!(back, ["Третье.", "Второе.", "Первое.", "Заголовок"]);
    }

    #[test]
    fn the_sentence_at_a_position_inside_or_after_it() {
        let d = parse_str("Первое предложение. Второе.\n");
        let b = d.blocks.len() - 1;
        let text = &d.blocks[b].text;
        let inside = sentence_at(&d, Pos::new(b, 3)).expect("some");
        assert_eq!(&text[inside.range.clone()], "Первое предложение.");
        let from = sentence_from(&d, Pos::new(b, 3)).expect("some");
        assert_eq!(&text[from.range], "Второе.");
    }
}
