//! A window onto a document laid out lazily, block by block, at one width.
//!
//! Opening a 5 MB novel lays out only the blocks on screen; the rest is laid
//! out on demand (or by [`Viewport::fill`] when the app is idle). The top of
//! the window is a document position, so a new width keeps the same passage.

use crate::core::document::{Document, Pos};
use crate::core::layout::{LayoutOptions, Line, MIN_WIDTH, Typesetting, layout_block, line_in};
use std::collections::BTreeMap;

/// A block not laid out yet, in [`Viewport`]'s counts.
const NOT_LAID: u32 = u32::MAX;

/// Blocks whose lines are kept at most (those nearest the last one laid
/// out stay).
pub const CACHED_BLOCKS: usize = 1024;

/// Where the window's top row is: a block and a line within its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Top {
    block: usize,
    line: usize,
}

/// A scrollable window onto a document.
#[derive(Debug, Clone)]
pub struct Viewport {
    width: usize,
    height: usize,
    ts: Typesetting,
    /// Lines of each block, once it has been laid out ([`NOT_LAID`] before).
    counts: Vec<u32>,
    /// The lines of the blocks laid out last, near the window: a long book
    /// laid out whole keeps its line counts, not its lines (they would be a
    /// second copy of its text, and more).
    cache: BTreeMap<usize, Vec<Line>>,
    /// Blocks counted.
    laid: usize,
    /// The line number each block starts at, made once the whole is laid
    /// out (for [`Viewport::line_numbers`], asked at every frame).
    starts: Vec<usize>,
    /// Every block before this one is laid out ([`Viewport::fill`] goes on from here).
    filled: usize,
    top: Top,
    /// The passage a resize keeps at the top: set by the first resize after
    /// scrolling, so that resizing back and forth never drifts.
    anchor: Option<Pos>,
    /// Where each block starts in the document's canonical text, and its
    /// length last: made once, so that [`Viewport::progress`] (asked at
    /// every frame) does not walk every block of a long book each time.
    offsets: Vec<usize>,
}

/// Where each block of `doc` starts in its canonical text (see
/// [`Document::text_offset`]), and the text's length last.
fn block_offsets(doc: &Document) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.blocks.len() + 1);
    let mut off = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if i > 0 {
            off += crate::core::document::BLOCK_SEPARATOR.len();
        }
        out.push(off);
        off += b.text.len();
    }
    out.push(off);
    out
}

impl Viewport {
    /// A viewport on `doc`, `width` columns wide and `height` rows high, at the start.
    pub fn new(doc: &Document, width: usize, height: usize) -> Self {
        Self::with_options(doc, width, height, LayoutOptions::default())
    }

    /// A viewport on `doc` whose text is set as `options` say, at the start.
    pub fn with_options(
        doc: &Document,
        width: usize,
        height: usize,
        options: LayoutOptions,
    ) -> Self {
        Viewport {
            width: width.max(MIN_WIDTH),
            height: height.max(1),
            ts: Typesetting::new(doc, options),
            counts: vec![NOT_LAID; doc.blocks.len()],
            cache: BTreeMap::new(),
            laid: 0,
            starts: Vec::new(),
            filled: 0,
            top: Top::default(),
            anchor: None,
            offsets: Vec::new(),
        }
    }

    /// The text column width.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The number of rows.
    pub fn height(&self) -> usize {
        self.height
    }

    /// How the text is set.
    pub fn options(&self) -> LayoutOptions {
        self.ts.options
    }

    /// Set the text anew as `options` say; the passage at the top stays at
    /// the top, as on a resize.
    pub fn set_options(&mut self, doc: &Document, options: LayoutOptions) {
        if options == self.ts.options {
            return;
        }
        let pos = match self.anchor {
            Some(p) => p,
            None => self.top_pos(doc),
        };
        self.ts = Typesetting::new(doc, options);
        self.relayout(doc, pos);
    }

    /// Forget every laid-out block and put `pos` at the top.
    fn relayout(&mut self, doc: &Document, pos: Pos) {
        self.counts = vec![NOT_LAID; doc.blocks.len()];
        self.cache.clear();
        self.starts.clear();
        self.laid = 0;
        self.filled = 0;
        self.go_to(doc, pos);
        self.anchor = Some(pos);
    }

    /// Lay block `b` out and count its lines.
    fn lay_out(&mut self, doc: &Document, b: usize) -> Vec<Line> {
        let lines = layout_block(doc, b, self.width, &self.ts);
        if self.counts[b] == NOT_LAID {
            self.laid += 1;
        }
        self.counts[b] = u32::try_from(lines.len()).unwrap_or(NOT_LAID - 1);
        lines
    }

    fn block_lines(&mut self, doc: &Document, b: usize) -> &[Line] {
        if !self.cache.contains_key(&b) {
            let lines = self.lay_out(doc, b);
            if self.cache.len() >= CACHED_BLOCKS {
                self.evict(b);
            }
            self.cache.insert(b, lines);
        }
        self.cache.get(&b).map_or(&[], Vec::as_slice)
    }

    /// Make room in the cache: the blocks farthest from `b` go.
    fn evict(&mut self, b: usize) {
        let keep = CACHED_BLOCKS / 2;
        self.cache.retain(|&k, _| k.abs_diff(b) <= keep);
        while self.cache.len() >= CACHED_BLOCKS {
            let (first, last) = match (self.cache.first_key_value(), self.cache.last_key_value()) {
                (Some((&f, _)), Some((&l, _))) => (f, l),
                _ => break,
            };
            let far = if b.abs_diff(first) > b.abs_diff(last) {
                first
            } else {
                last
            };
            self.cache.remove(&far);
        }
    }

    fn count(&mut self, doc: &Document, b: usize) -> usize {
        match self.counts[b] {
            NOT_LAID => self.block_lines(doc, b).len(),
            n => n as usize,
        }
    }

    /// Change the size; the passage at the top stays at the top.
    pub fn resize(&mut self, doc: &Document, width: usize, height: usize) {
        let width = width.max(MIN_WIDTH);
        self.height = height.max(1);
        if width != self.width {
            let pos = match self.anchor {
                Some(p) => p,
                None => self.top_pos(doc),
            };
            self.width = width;
            self.relayout(doc, pos);
        } else {
            self.clamp_bottom(doc);
        }
    }

    /// The document position shown at the top row.
    pub fn top_pos(&mut self, doc: &Document) -> Pos {
        if doc.blocks.is_empty() {
            return Pos::default();
        }
        let Top { block, line } = self.top;
        self.block_lines(doc, block)
            .get(line)
            .map(Line::start)
            .unwrap_or(Pos::new(block, 0))
    }

    /// Put the line showing `pos` at the top (as far as the end allows).
    pub fn go_to(&mut self, doc: &Document, pos: Pos) {
        if doc.blocks.is_empty() {
            return;
        }
        let pos = doc.clamp(pos);
        self.anchor = None;
        let line = line_in(self.block_lines(doc, pos.block), pos.offset);
        self.top = Top {
            block: pos.block,
            line,
        };
        self.clamp_bottom(doc);
    }

    fn step_down(&mut self, doc: &Document) -> bool {
        let Top { block, line } = self.top;
        if line + 1 < self.count(doc, block) {
            self.top.line += 1;
            true
        } else if block + 1 < doc.blocks.len() {
            self.top = Top {
                block: block + 1,
                line: 0,
            };
            true
        } else {
            false
        }
    }

    fn step_up(&mut self, doc: &Document) -> bool {
        let Top { block, line } = self.top;
        if line > 0 {
            self.top.line -= 1;
            true
        } else if block > 0 {
            let n = self.count(doc, block - 1);
            self.top = Top {
                block: block - 1,
                line: n.saturating_sub(1),
            };
            true
        } else {
            false
        }
    }

    /// Scroll by `delta` rows (down when positive), never past either end.
    pub fn scroll(&mut self, doc: &Document, delta: isize) {
        if doc.blocks.is_empty() || delta == 0 {
            return;
        }
        self.anchor = None;
        if delta > 0 {
            for _ in 0..delta {
                if !self.step_down(doc) {
                    break;
                }
            }
            self.clamp_bottom(doc);
        } else {
            for _ in 0..delta.unsigned_abs() {
                if !self.step_up(doc) {
                    break;
                }
            }
        }
    }

    /// Go to the first row.
    pub fn home(&mut self) {
        self.anchor = None;
        self.top = Top::default();
    }

    /// Go to the last page.
    pub fn end(&mut self, doc: &Document) {
        self.anchor = None;
        let Some(last) = doc.blocks.len().checked_sub(1) else {
            return;
        };
        let n = self.count(doc, last);
        self.top = Top {
            block: last,
            line: n.saturating_sub(1),
        };
        self.clamp_bottom(doc);
    }

    /// Rows from the top to the end of the document, counting at most `limit`.
    fn rows_below_top(&mut self, doc: &Document, limit: usize) -> usize {
        let mut rows = 0;
        let mut b = self.top.block;
        let mut skip = self.top.line;
        while b < doc.blocks.len() && rows < limit {
            rows += self.count(doc, b).saturating_sub(skip);
            skip = 0;
            b += 1;
        }
        rows.min(limit)
    }

    /// Move the top up so that the last page is full (when the document is long enough).
    fn clamp_bottom(&mut self, doc: &Document) {
        let rows = self.rows_below_top(doc, self.height);
        for _ in rows..self.height {
            if !self.step_up(doc) {
                break;
            }
        }
    }

    /// The lines on screen, top to bottom (fewer than the height at the end).
    pub fn visible(&mut self, doc: &Document) -> Vec<Line> {
        let mut out = Vec::with_capacity(self.height);
        let mut b = self.top.block;
        let mut skip = self.top.line;
        while b < doc.blocks.len() && out.len() < self.height {
            let need = self.height - out.len();
            out.extend(
                self.block_lines(doc, b)
                    .iter()
                    .skip(skip)
                    .take(need)
                    .cloned(),
            );
            skip = 0;
            b += 1;
        }
        out
    }

    /// The text on screen: from the start of the first line to the end of
    /// the last (`None` for an empty document).
    pub fn visible_range(&mut self, doc: &Document) -> Option<(Pos, Pos)> {
        let lines = self.visible(doc);
        let (first, last) = (lines.first()?, lines.last()?);
        Some((first.start(), Pos::new(last.block, last.range.end)))
    }

    /// Scroll as little as needed to show `start..end`: its start when it is
    /// above the screen, else its end when that is below (as much as fits).
    pub fn reveal(&mut self, doc: &Document, start: Pos, end: Pos) {
        let Some((from, to)) = self.visible_range(doc) else {
            return;
        };
        if start < from {
            self.go_to(doc, start);
        } else if end > to {
            // The line of the end at the bottom of the screen.
            self.go_to(doc, end);
            self.scroll(doc, -(self.height.saturating_sub(1) as isize));
        }
    }

    /// How far through the document the top of the screen is, 0.0 to 1.0;
    /// 1.0 once the end of the document is on screen.
    pub fn progress(&mut self, doc: &Document) -> f64 {
        if self.offsets.len() != doc.blocks.len() + 1 {
            self.offsets = block_offsets(doc);
        }
        let total = self.offsets.last().copied().unwrap_or(0);
        let at_end = self.rows_below_top(doc, self.height + 1) <= self.height;
        if total == 0 || at_end {
            return 1.0;
        }
        let top = self.top_pos(doc);
        let off = match (self.offsets.get(top.block), doc.blocks.get(top.block)) {
            (Some(&start), Some(b)) => start + top.offset.min(b.text.len()),
            _ => total,
        };
        (off as f64 / total as f64).clamp(0.0, 1.0)
    }

    /// Lay out up to `blocks` more blocks; true when every block is laid out.
    /// Cheap to call often with a small `blocks`: it goes on where it stopped.
    pub fn fill(&mut self, doc: &Document, blocks: usize) -> bool {
        let mut budget = blocks;
        while self.filled < doc.blocks.len() && self.laid < doc.blocks.len() && budget > 0 {
            if self.counts[self.filled] == NOT_LAID {
                // Counted only: its lines are made again when shown.
                self.lay_out(doc, self.filled);
                budget -= 1;
            }
            self.filled += 1;
        }
        self.laid == doc.blocks.len()
    }

    /// Put line `n` (1-based, of the whole layout, as
    /// [`Viewport::line_numbers`] counts) at the top, laying out what is
    /// left first. The number of lines (none for an empty document); a line
    /// past the end leaves the window where it was.
    pub fn go_to_line(&mut self, doc: &Document, n: usize) -> Option<usize> {
        if doc.blocks.is_empty() {
            return None;
        }
        self.fill(doc, usize::MAX);
        let mut before = 0;
        for block in 0..doc.blocks.len() {
            let count = self.count(doc, block);
            if n >= 1 && n <= before + count {
                self.anchor = None;
                self.top = Top {
                    block,
                    line: n - 1 - before,
                };
                self.clamp_bottom(doc);
                return Some(self.line_numbers().map_or(0, |(_, t)| t));
            }
            before += count;
        }
        Some(before)
    }

    /// Is every block laid out?
    pub fn complete(&self) -> bool {
        self.laid == self.counts.len()
    }

    /// The top row's line number (1-based) and the total number of lines,
    /// once the whole document is laid out.
    pub fn line_numbers(&mut self) -> Option<(usize, usize)> {
        if self.laid < self.counts.len() || self.counts.is_empty() {
            return None;
        }
        if self.starts.len() != self.counts.len() + 1 {
            let mut at = 0;
            self.starts = Vec::with_capacity(self.counts.len() + 1);
            for &n in &self.counts {
                self.starts.push(at);
                at += n as usize;
            }
            self.starts.push(at);
        }
        let before = self.starts.get(self.top.block).copied().unwrap_or(0);
        let total = self.starts.last().copied().unwrap_or(0);
        Some((before + self.top.line + 1, total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Block, BlockKind};
    use crate::core::layout::{Layout, LayoutOptions};

    #[test]
    fn progress_is_the_share_of_the_text_above_the_top() {
        let d = doc(500);
        let mut v = Viewport::new(&d, 40, 10);
        assert_eq!(v.progress(&d), 0.0);
        for step in [1, 37, 250, 999] {
            v.scroll(&d, step);
            let want = d.text_offset(v.top_pos(&d)) as f64 / d.text_len() as f64;
            assert!((v.progress(&d) - want).abs() < 1e-12, "{step}");
        }
        v.scroll(&d, 1_000_000);
        assert_eq!(v.progress(&d), 1.0, "the end on screen");
    }

    fn doc(n: usize) -> Document {
        Document {
            blocks: (0..n)
                .map(|i| {
                    Block::new(
                        BlockKind::Paragraph,
                        format!("Абзац номер {i} с несколькими словами текста."),
                    )
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn visible_rows_match_the_full_layout() {
        let d = doc(30);
        let full = Layout::new(&d, 20);
        let mut v = Viewport::new(&d, 20, 7);
        v.scroll(&d, 11);
        assert_eq!(v.visible(&d), full.lines[11..18].to_vec());
        v.scroll(&d, -5);
        assert_eq!(v.visible(&d), full.lines[6..13].to_vec());
    }

    #[test]
    fn scrolling_stops_at_both_ends() {
        let d = doc(5);
        let total = Layout::new(&d, 20).lines.len();
        let mut v = Viewport::new(&d, 20, 4);
        v.scroll(&d, -3);
        assert_eq!(v.top_pos(&d), Pos::new(0, 0));
        v.scroll(&d, 1000);
        assert_eq!(v.visible(&d).len(), 4);
        assert!(v.fill(&d, 100));
        assert_eq!(v.line_numbers(), Some((total - 3, total)));
        assert_eq!(v.progress(&d), 1.0);
        v.end(&d);
        assert_eq!(v.line_numbers(), Some((total - 3, total)));
    }

    #[test]
    fn resize_keeps_the_passage_at_the_top() {
        let d = doc(40);
        let mut v = Viewport::new(&d, 30, 10);
        v.scroll(&d, 25);
        let before = v.top_pos(&d);
        v.resize(&d, 17, 10);
        let after = v.top_pos(&d);
        assert_eq!(after.block, before.block);
        assert!(after.offset <= before.offset);
        let line = v.visible(&d)[0].clone();
        assert!(line.contains(before.offset) || line.range.end >= before.offset);
    }

    #[test]
    fn resizing_back_and_forth_does_not_drift() {
        let d = doc(40);
        let mut v = Viewport::new(&d, 30, 10);
        v.scroll(&d, 27);
        let start = v.visible(&d);
        for _ in 0..5 {
            v.resize(&d, 11, 5);
            v.resize(&d, 30, 10);
        }
        assert_eq!(v.visible(&d), start);
        v.scroll(&d, 1);
        assert_ne!(v.visible(&d), start);
    }

    #[test]
    fn go_to_shows_the_position() {
        let d = doc(40);
        let mut v = Viewport::new(&d, 25, 5);
        let pos = Pos::new(20, "Абзац номер 20 с ".len());
        v.go_to(&d, pos);
        assert!(v.visible(&d)[0].contains(pos.offset));
        assert_eq!(v.visible(&d)[0].block, 20);
    }

    #[test]
    fn new_options_keep_the_passage_and_match_the_full_layout() {
        let d = doc(40);
        let opts = LayoutOptions {
            justify: true,
            hyphenate: true,
            paragraph_indent: 2,
            line_spacing: 2,
        };
        let mut v = Viewport::new(&d, 24, 6);
        v.scroll(&d, 30);
        let before = v.top_pos(&d);
        v.set_options(&d, opts);
        assert_eq!(v.options(), opts);
        let top = v.visible(&d)[0].clone();
        assert_eq!(top.block, before.block);
        assert!(top.contains(before.offset) || top.range.start <= before.offset);
        // Back and forth: no drift.
        v.set_options(&d, LayoutOptions::default());
        assert_eq!(v.top_pos(&d), before);
        let full = Layout::with_options(&d, 24, opts);
        let mut w = Viewport::with_options(&d, 24, 6, opts);
        w.scroll(&d, 17);
        assert_eq!(w.visible(&d), full.lines[17..23].to_vec());
        assert!(w.fill(&d, 1000));
        assert_eq!(w.line_numbers().map(|n| n.1), Some(full.lines.len()));
    }

    #[test]
    fn fill_in_small_steps_goes_on_where_it_stopped() {
        let d = doc(50);
        let mut v = Viewport::new(&d, 20, 5);
        // Blocks in the middle laid out on demand first.
        v.scroll(&d, 60);
        let mut calls = 0;
        while !v.fill(&d, 3) {
            calls += 1;
            assert!(calls <= 50 / 3 + 1, "each call lays out new blocks");
        }
        let total = |w| Layout::new(&d, w).lines.len();
        assert_eq!(v.line_numbers().map(|n| n.1), Some(total(20)));
        // A new width: laid out anew, from the start.
        v.resize(&d, 25, 5);
        assert_eq!(v.line_numbers(), None);
        while !v.fill(&d, 7) {}
        assert_eq!(v.line_numbers().map(|n| n.1), Some(total(25)));
    }

    #[test]
    fn empty_document_is_harmless() {
        let d = Document::default();
        let mut v = Viewport::new(&d, 10, 5);
        v.scroll(&d, 3);
        v.end(&d);
        assert!(v.visible(&d).is_empty());
        assert_eq!(v.progress(&d), 1.0);
    }
}
