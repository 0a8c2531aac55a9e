//! Find inside one document: every hit of a folded query, mapped back to
//! exact byte ranges of the blocks' text. Phrases match across wrapped lines
//! and the source's line breaks (white space is folded to one space).

use crate::core::document::{Document, Pos};
use crate::core::fold::{Folded, fold_into};
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

/// Every hit of `query` in `doc`, in document order (the whole document
/// at once; the reader uses a [`Finder`] to answer before it is done).
pub fn find_all(doc: &Document, query: &str) -> Vec<Hit> {
    let mut f = Finder::new(&[query], Pos::default());
    while f.step(doc, usize::MAX) > 0 {}
    f.found.pop().map(|f| f.hits).unwrap_or_default()
}

/// One query's hits found so far.
#[derive(Debug, Clone, Default)]
struct Found {
    /// The folded query (empty: it finds nothing).
    query: String,
    /// Hits, in document order.
    hits: Vec<Hit>,
    /// How many of them are in blocks before the start.
    before: usize,
}

/// A find that goes block by block, so that it can answer before it has
/// searched the whole document, and go on over blocks added later (an
/// article still being read in). It searches from the reader's place to
/// the end until it has a hit there, then from the top up to the place
/// (so the hits before the reader are counted), then on to the end. It
/// keeps only the hits, no folded copy of the text: each block is folded
/// into one reused buffer, and only a block with a hit is folded again
/// with the map back to its own offsets.
///
/// Several queries are searched at once, each block folded once (the
/// query as typed and its other-layout reading).
#[derive(Debug, Clone, Default)]
pub struct Finder {
    found: Vec<Found>,
    /// Where the search started: hits at or after it are the reader's next.
    from: Pos,
    /// Blocks `from.block..ahead` are searched.
    ahead: usize,
    /// Blocks `0..behind` are searched (up to `from.block`).
    behind: usize,
    /// The buffer blocks are folded into.
    buf: String,
}

impl Finder {
    /// A find of each of `queries` (folded here), starting at `from`.
    pub fn new(queries: &[&str], from: Pos) -> Finder {
        Finder {
            found: queries
                .iter()
                .map(|q| Found {
                    query: Folded::new(q).text,
                    ..Found::default()
                })
                .collect(),
            from,
            ahead: from.block,
            behind: 0,
            buf: String::new(),
        }
    }

    /// Where it started.
    pub fn from(&self) -> Pos {
        self.from
    }

    /// The hits of query `q` found so far, in document order.
    pub fn hits(&self, q: usize) -> &[Hit] {
        self.found.get(q).map_or(&[], |f| &f.hits)
    }

    /// How many hits of query `q` found so far are before the start (they
    /// come first in [`Finder::hits`]; the count grows while the blocks
    /// before the start are searched).
    pub fn before(&self, q: usize) -> usize {
        self.found.get(q).map_or(0, |f| f.before)
    }

    /// Are all the blocks before the start searched (the hits' places in
    /// the order are final)?
    pub fn before_done(&self) -> bool {
        self.behind >= self.from.block || self.nothing_to_find()
    }

    /// Are all the blocks from the start to the end of `doc` searched?
    pub fn after_done(&self, doc: &Document) -> bool {
        self.ahead >= doc.blocks.len() || self.nothing_to_find()
    }

    /// Is every block of `doc` (as long as it is now) searched?
    pub fn complete(&self, doc: &Document) -> bool {
        self.nothing_to_find()
            || (self.ahead >= doc.blocks.len()
                && self.behind >= self.from.block.min(doc.blocks.len()))
    }

    fn nothing_to_find(&self) -> bool {
        self.found.iter().all(|f| f.query.is_empty())
    }

    /// Has a hit at or after the start been found?
    fn next_found(&self) -> bool {
        self.found
            .iter()
            .any(|f| f.hits.last().is_some_and(|h| h.start() >= self.from))
    }

    /// The hit of query `q` to show for a reader at the start, when it is
    /// known already: the first at or after the start, else (everything
    /// after it searched) the first of all. None: not known yet, or no hit.
    pub fn nearest(&self, q: usize, doc: &Document) -> Option<usize> {
        let f = self.found.get(q)?;
        let after = f.hits[f.before..]
            .iter()
            .position(|h| h.start() >= self.from)
            .map(|i| i + f.before);
        match after {
            Some(i) => Some(i),
            // The first of all: once a hit before the start is found (the
            // blocks before it are searched from the top), or every block is.
            None if self.ahead >= doc.blocks.len() && (f.before > 0 || self.before_done()) => {
                (!f.hits.is_empty()).then_some(0)
            }
            None => None,
        }
    }

    /// Search on: whole blocks until about `bytes` of text are searched.
    /// Returns the bytes of text searched (0: nothing left to search in
    /// `doc` as it is now).
    pub fn step(&mut self, doc: &Document, bytes: usize) -> usize {
        if self.nothing_to_find() {
            return 0;
        }
        let len = doc.blocks.len();
        let start = self.from.block.min(len);
        let mut done = 0;
        // Hits before the start found in this step, per query, put in
        // their place at the end (one move of the rest, not one per block).
        let mut low: Vec<Vec<Hit>> = vec![Vec::new(); self.found.len()];
        while done < bytes {
            // Ahead until the reader's next hit is found, then the blocks
            // before the start, then ahead again.
            let go_ahead = self.ahead < len && (self.behind >= start || !self.next_found());
            let block = if go_ahead {
                self.ahead += 1;
                self.ahead - 1
            } else if self.behind < start {
                self.behind += 1;
                self.behind - 1
            } else {
                break;
            };
            let text = &doc.blocks[block].text;
            done += text.len().max(1);
            let into = if block < start { Some(&mut low) } else { None };
            self.search_block(block, text, into);
        }
        for (f, new) in self.found.iter_mut().zip(low) {
            let n = new.len();
            f.hits.splice(f.before..f.before, new);
            f.before += n;
        }
        done
    }

    /// Search block `block` (its `text`) for every query: its hits are
    /// appended to the hits found, or to `low` (one list per query).
    fn search_block(&mut self, block: usize, text: &str, mut low: Option<&mut Vec<Vec<Hit>>>) {
        fold_into(text, &mut self.buf);
        let mut folded: Option<Folded> = None;
        for (q, f) in self.found.iter_mut().enumerate() {
            if f.query.is_empty() || !self.buf.contains(f.query.as_str()) {
                continue;
            }
            let map = folded.get_or_insert_with(|| Folded::new(text));
            let out = match low.as_deref_mut() {
                Some(low) => &mut low[q],
                None => &mut f.hits,
            };
            for (at, m) in map.text.match_indices(f.query.as_str()) {
                out.push(Hit {
                    block,
                    range: map.original_range(at..at + m.len()),
                });
            }
        }
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
        let s = |q: &str| find_all(&d, q);
        let text = |h: &Hit| d.blocks[h.block].text[h.range.clone()].to_string();
        assert_eq!(
            s("князь андрей").iter().map(text).collect::<Vec<_>>(),
            vec!["Князь Андрей"]
        );
        assert_eq!(s("ее").len(), 2);
        assert_eq!(
            s("зеленые").iter().map(text).collect::<Vec<_>>(),
            vec!["ЗЕЛЁНЫЕ", "зелё\u{301}ные"]
        );
        assert_eq!(s("  ГЛАЗА   были ").len(), 1, "query white space folds too");
        assert!(s("").is_empty());
        assert!(s("андреи").is_empty(), "й is not и");
    }

    #[test]
    fn phrase_across_a_hard_line_break_of_war_and_peace() {
        // As in the source: "князь" ends one line, "Андрей" starts the next.
        let src = "   Он видел, как один раз князь\nАндрей посмотрел на него.  Текст  текст  текст  текст  текст  текст\n";
        let d = parse_str(&src.repeat(10));
        let hits = find_all(&d, "князь андрей");
        assert_eq!(hits.len(), 10);
    }

    /// Paragraphs, every third with «Андрей» (with a stress mark).
    fn book(n: usize) -> Document {
        use crate::core::document::{Block, BlockKind};
        let mut d = Document::default();
        for i in 0..n {
            let text = if i % 3 == 0 {
                format!("Абзац {i}: князь Андре\u{301}й вошёл.")
            } else {
                format!("Абзац {i}: никого не было.")
            };
            d.blocks.push(Block::new(BlockKind::Paragraph, text));
        }
        d
    }

    #[test]
    fn the_hit_after_the_position_comes_first() {
        let d = book(300);
        let all = find_all(&d, "андрей");
        assert_eq!(all.len(), 100);
        let from = Pos::new(151, 0);
        let want = all
            .iter()
            .position(|h| h.start() >= from)
            .expect("a hit after");
        let mut f = Finder::new(&["андрей"], from);
        let mut steps = 0;
        let first = loop {
            if let Some(i) = f.nearest(0, &d) {
                break i;
            }
            assert!(f.step(&d, 1) > 0, "searched out without the next hit");
            steps += 1;
        };
        assert_eq!(f.hits(0)[first], all[want], "the next hit after the place");
        assert!(
            steps <= 3,
            "found {steps} blocks on, not after the whole book"
        );
        assert_eq!(f.before(0), 0, "nothing before the place searched yet");
        assert!(!f.complete(&d));
    }

    #[test]
    fn the_count_grows_to_the_full_count() {
        let d = book(300);
        let all = find_all(&d, "андрей");
        let mut f = Finder::new(&["андрей", "никого"], Pos::new(200, 5));
        let mut counts = vec![f.hits(0).len()];
        while f.step(&d, 200) > 0 {
            counts.push(f.hits(0).len());
            let hits = f.hits(0);
            assert!(
                hits.windows(2).all(|w| w[0].start() < w[1].start()),
                "in order"
            );
        }
        assert!(f.complete(&d) && f.before_done());
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert!(counts.len() > 10, "counted as it went: {counts:?}");
        assert_eq!(f.hits(0), all.as_slice());
        assert_eq!(f.hits(1), find_all(&d, "никого").as_slice());
        assert_eq!(f.before(0), all.iter().filter(|h| h.block < 200).count());
        // After the last hit, the next is the first of all.
        let mut end = Finder::new(&["андрей"], Pos::new(299, 0));
        assert_eq!(end.nearest(0, &d), None, "not known before the search");
        while end.step(&d, 1000) > 0 {}
        assert_eq!(end.nearest(0, &d), Some(0));
        // A query that folds to nothing is done at once.
        let mut none = Finder::new(&["  \u{AD} "], Pos::default());
        assert!(none.complete(&d) && none.step(&d, 10) == 0);
    }

    #[test]
    fn blocks_added_later_are_searched_too() {
        let more = book(30);
        let mut d = book(30);
        d.blocks.truncate(10);
        let mut f = Finder::new(&["андрей"], Pos::new(4, 0));
        while f.step(&d, 50) > 0 {}
        assert!(f.complete(&d));
        assert_eq!(f.hits(0).len(), 4);
        // The rest of the article comes in while the find is open.
        d.blocks.extend(more.blocks[10..].iter().cloned());
        assert!(!f.complete(&d), "new blocks are still to search");
        while f.step(&d, 50) > 0 {}
        assert!(f.complete(&d));
        assert_eq!(f.hits(0), find_all(&d, "андрей").as_slice());
        assert_eq!(f.hits(0).len(), 10);
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
