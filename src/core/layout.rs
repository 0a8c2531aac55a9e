//! Document × width → visual lines. Every line knows the block and the byte
//! range of that block's text it shows, so everything else (scrolling, find,
//! marks, the outline) speaks in document positions, never in screen rows.
//!
//! How the text is set (justified, hyphenated, first lines indented, double
//! spaced) is chosen by [`LayoutOptions`]; whatever the choice, a line's
//! `range` is a byte range of its block's text, and hyphens and widened
//! spaces are only drawn, never part of the text.

use crate::core::document::{BlockKind, Document, Pos};
use crate::core::hyphenate::{HyphenLang, cached_break_points};
use crate::core::justify;
use crate::core::width::{SOFT_HYPHEN, display_str, fit_prefix, grapheme_width, str_width};
use std::ops::Range;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// How the reader wants text set. The default is ragged-right, unhyphenated,
/// single-spaced text with no first-line indent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Widen the spaces of running text so that both edges are even.
    pub justify: bool,
    /// Break words that do not fit at their hyphenation points.
    pub hyphenate: bool,
    /// Columns of indent on the first line of a paragraph (0 = none); not on
    /// the first paragraph after a heading, as in Russian books.
    pub paragraph_indent: usize,
    /// Rows each text row takes: 1 = normal, 2 = a blank row after each.
    pub line_spacing: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            justify: false,
            hyphenate: false,
            paragraph_indent: 0,
            line_spacing: 1,
        }
    }
}

/// Everything a document is set with: the reader's options and the
/// language its words are hyphenated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Typesetting {
    /// The reader's choices.
    pub options: LayoutOptions,
    /// The language of the hyphenation patterns (none: words are never broken).
    pub lang: Option<HyphenLang>,
}

impl Typesetting {
    /// The setting for `doc` with `options`: the hyphenation language comes
    /// from the document (see [`HyphenLang::of`]), only when it is wanted.
    pub fn new(doc: &Document, options: LayoutOptions) -> Self {
        Typesetting {
            options,
            lang: if options.hyphenate {
                HyphenLang::of(doc)
            } else {
                None
            },
        }
    }
}

/// How a visual line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    /// Running text.
    Body,
    /// A heading line of the given level.
    Heading(u8),
    /// A line of a quotation.
    Quote,
    /// A line of preformatted text.
    Code,
    /// A horizontal rule.
    Rule,
    /// Empty space between blocks.
    Blank,
}

/// One row of laid-out text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The block this line shows.
    pub block: usize,
    /// The byte range of the block's text shown on this line (empty for blank lines).
    pub range: Range<usize>,
    /// What is drawn: the text in display form (see [`crate::core::width`]),
    /// with a "-" added when the line ends at a soft hyphen or a hyphenation
    /// point, and the extra spaces of `gaps` drawn in.
    pub text: String,
    /// Columns of space before the text, inside the text column.
    pub indent: usize,
    /// How to draw it.
    pub style: LineStyle,
    /// Spaces widened to justify the line: the block offset of a space and
    /// the columns drawn right after it, in order (empty unless justified).
    pub gaps: Vec<(usize, usize)>,
}

impl Line {
    /// Columns taken by the line, indent included.
    pub fn width(&self) -> usize {
        self.indent + str_width(&self.text)
    }

    /// The plain text of this line as a screen row whose text column
    /// starts at `column_x` (what the reader draws, without styles; the
    /// CLI `render` prints it).
    pub fn plain_row(&self, column_x: usize) -> String {
        if self.text.is_empty() {
            return String::new();
        }
        format!("{}{}", " ".repeat(column_x + self.indent), self.text)
    }

    /// The position where this line starts.
    pub fn start(&self) -> Pos {
        Pos::new(self.block, self.range.start)
    }

    /// A line with no text (space between blocks or rows) at `offset` of `block`.
    pub fn blank(block: usize, offset: usize) -> Self {
        Line {
            block,
            range: offset..offset,
            text: String::new(),
            indent: 0,
            style: LineStyle::Blank,
            gaps: Vec::new(),
        }
    }

    /// Does this line show the text at byte `offset` of its block?
    pub fn contains(&self, offset: usize) -> bool {
        self.range.contains(&offset) || (self.range.is_empty() && self.range.start == offset)
    }
}

/// The narrowest text column laid out; narrower requests are widened to it.
pub const MIN_WIDTH: usize = 1;

/// Where the text column sits in a window: its left edge and its width.
/// The column is capped at `max_width` and centred in wide windows.
pub fn text_column(window_width: usize, max_width: usize) -> (usize, usize) {
    let margin = match window_width {
        0..10 => 0,
        10..30 => 1,
        _ => 2,
    };
    let width = max_width
        .max(MIN_WIDTH)
        .min(window_width.saturating_sub(2 * margin))
        .max(1);
    (window_width.saturating_sub(width) / 2, width)
}

/// Lay out block `index` of `doc` at `width` columns as `ts` says, followed by
/// the blank lines that separate it from the next block.
pub fn layout_block(doc: &Document, index: usize, width: usize, ts: &Typesetting) -> Vec<Line> {
    let Some(block) = doc.blocks.get(index) else {
        return Vec::new();
    };
    let prev = index.checked_sub(1).and_then(|i| doc.blocks.get(i));
    let next = doc.blocks.get(index + 1);
    let opts = &ts.options;
    let width = width.max(MIN_WIDTH);
    let mut lines = Vec::new();
    // Nested quotes and lists step in two columns a level, up to a third of the width.
    let nest = (2 * usize::from(block.depth)).min(width / 3);
    // Verse and other text with forced breaks is never justified or hyphenated.
    let prose = !block.text.contains('\n');
    let set = |style, indent, first, hang| Setting {
        indent,
        first,
        hang,
        style,
        justify: opts.justify && prose,
        lang: ts.lang.filter(|_| prose),
    };
    match block.kind {
        BlockKind::Heading(level) => {
            let mut s = set(LineStyle::Heading(level), nest, 0, 0);
            (s.justify, s.lang) = (false, None);
            wrap_text(index, &block.text, width, &s, &mut lines);
            if level == 1 {
                for l in &mut lines {
                    l.indent = (width - str_width(&l.text).min(width)) / 2;
                }
            }
        }
        BlockKind::Paragraph => {
            // The book convention: no indent after a heading or a break.
            let after_break =
                prev.is_none_or(|p| matches!(p.kind, BlockKind::Heading(_) | BlockKind::Rule));
            let first = if after_break || block.depth > 0 {
                0
            } else {
                opts.paragraph_indent
            };
            let s = set(LineStyle::Body, nest, first, 0);
            wrap_text(index, &block.text, width, &s, &mut lines)
        }
        BlockKind::ListItem => {
            let base = if width >= 20 { 2 } else { 0 };
            // A paragraph that continues an item lines up with the item's text.
            let (extra, hang) = match list_marker_width(&block.text) {
                Some(w) => (0, w),
                None => (2, 0),
            };
            let s = set(LineStyle::Body, base + nest + extra, 0, hang);
            wrap_text(index, &block.text, width, &s, &mut lines)
        }
        BlockKind::Quote => {
            let indent = if width >= 30 {
                4
            } else if width >= 10 {
                2
            } else {
                0
            };
            let s = set(LineStyle::Quote, indent + nest, 0, 0);
            wrap_text(index, &block.text, width, &s, &mut lines)
        }
        BlockKind::Code => {
            let code_width = width.saturating_sub(nest).max(1);
            cut_code(index, &block.text, code_width, &mut lines);
            for l in &mut lines {
                l.indent += width - code_width;
            }
        }
        BlockKind::Rule => {
            let w = width.min(24);
            lines.push(Line {
                text: "─".repeat(w),
                indent: (width - w) / 2,
                style: LineStyle::Rule,
                ..Line::blank(index, 0)
            });
        }
    }
    if opts.line_spacing > 1 {
        lines = lines
            .into_iter()
            .flat_map(|l| {
                // A spacing row stands for the row above it.
                let gap = Line::blank(index, l.range.start);
                let n = if l.style == LineStyle::Blank {
                    0
                } else {
                    opts.line_spacing - 1
                };
                std::iter::once(l).chain(std::iter::repeat_n(gap, n))
            })
            .collect();
    }
    if let Some(next) = next {
        let gap = match next.kind {
            BlockKind::Heading(l) if l <= 2 => 2,
            _ => 1,
        };
        let end = block.text.len();
        lines.extend(std::iter::repeat_n(Line::blank(index, end), gap));
    }
    lines
}

/// Columns of a list item's marker ("• ", "12. "), if the text starts with one.
fn list_marker_width(text: &str) -> Option<usize> {
    if text.starts_with("• ") {
        return Some(2);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && text[digits..].starts_with(". ")).then_some(digits + 2)
}

/// How the lines of one block are set.
#[derive(Debug, Clone, Copy)]
struct Setting {
    /// Columns before every line.
    indent: usize,
    /// More columns before the block's first line (a paragraph indent).
    first: usize,
    /// More columns before the lines after the first (a list item's text).
    hang: usize,
    style: LineStyle,
    /// Widen spaces so that lines that are not the last of their paragraph
    /// fill the width.
    justify: bool,
    /// Break words at hyphenation points of this language.
    lang: Option<HyphenLang>,
}

/// A piece of text between two break opportunities.
#[derive(Debug, Clone)]
struct Piece {
    /// Byte range of the word (without trailing spaces) in the segment.
    word: Range<usize>,
    width: usize,
    space: usize,
    /// A "-" is drawn if the line ends here (a soft hyphen or a hyphenation point).
    hyphen: bool,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        if self.hyphen { 1.0 } else { 0.0 }
    }
}

/// Split `seg` into pieces at its break opportunities.
fn break_pieces(seg: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = 0;
    for (end, op) in linebreaks(seg) {
        // A break the line-break rules allow inside a grapheme (a space followed
        // by a combining mark) is not taken.
        if end == start
            || !GraphemeCursor::new(end, seg.len(), true)
                .is_boundary(seg, 0)
                .unwrap_or(true)
        {
            continue;
        }
        let chunk = &seg[start..end];
        let mut word_len = chunk.trim_end_matches([' ', '\n']).len();
        // A space that a prepended mark holds on to is part of the word.
        if !GraphemeCursor::new(start + word_len, seg.len(), true)
            .is_boundary(seg, 0)
            .unwrap_or(true)
        {
            word_len = chunk.len();
        }
        let word = &chunk[..word_len];
        out.push(Piece {
            word: start..start + word_len,
            width: str_width(word),
            space: str_width(&chunk[word_len..].replace('\n', "")),
            hyphen: word.ends_with(SOFT_HYPHEN),
        });
        start = end;
        // Segments hold no `\n`, so the only mandatory break is the end.
        debug_assert!(op == BreakOpportunity::Allowed || end == seg.len());
    }
    out
}

/// Split `seg` into pieces at its break opportunities (and, with `lang`, at
/// the hyphenation points of words standing alone between spaces); pieces
/// wider than `width` are cut at grapheme boundaries.
fn pieces(seg: &str, width: usize, lang: Option<HyphenLang>) -> Vec<Piece> {
    let raw = break_pieces(seg);
    let mut out = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        // A word that is one piece: not "Узбекско-|японские", not "сотруд\u{AD}|ничество".
        let alone = (i == 0 || raw[i - 1].space > 0) && (p.space > 0 || i + 1 == raw.len());
        let breaks = match lang {
            // Short words are never broken; the check saves a lookup.
            Some(lang) if alone && p.word.len() >= 4 => {
                cached_break_points(&seg[p.word.clone()], lang)
            }
            _ => Vec::new(),
        };
        let mut s = p.word.start;
        for b in breaks.into_iter().map(|b| p.word.start + b) {
            push_cut(
                seg,
                Piece {
                    word: s..b,
                    width: str_width(&seg[s..b]),
                    space: 0,
                    hyphen: true,
                },
                width,
                &mut out,
            );
            s = b;
        }
        let last = Piece {
            word: s..p.word.end,
            width: if s == p.word.start {
                p.width
            } else {
                str_width(&seg[s..p.word.end])
            },
            ..p.clone()
        };
        push_cut(seg, last, width, &mut out);
    }
    out
}

/// Push `p`, cut at grapheme boundaries into pieces of at most `width` columns.
fn push_cut(seg: &str, p: Piece, width: usize, out: &mut Vec<Piece>) {
    if p.width <= width {
        out.push(p);
        return;
    }
    let mut s = p.word.start;
    let mut rest = &seg[p.word.clone()];
    while !rest.is_empty() {
        let (mut head, mut hw) = fit_prefix(rest, width);
        if head.is_empty() {
            // A single grapheme wider than the line: it goes alone.
            let g = rest.graphemes(true).next().unwrap_or(rest);
            head = g;
            hw = grapheme_width(g).min(width);
        }
        rest = &rest[head.len()..];
        let last = rest.is_empty();
        out.push(Piece {
            word: s..s + head.len(),
            width: hw,
            space: if last { p.space } else { 0 },
            hyphen: last && p.hyphen,
        });
        s += head.len();
    }
}

fn line_fits(line: &[Piece], width: usize) -> bool {
    let Some(last) = line.last() else { return true };
    let mut w: usize = line.iter().map(|p| p.width + p.space).sum();
    w = w - last.space + usize::from(last.hyphen);
    w <= width
}

/// Wrap `text` (which may contain forced breaks `\n`) into `out`.
fn wrap_text(block: usize, text: &str, width: usize, set: &Setting, out: &mut Vec<Line>) {
    let inner = width.saturating_sub(set.indent).max(1);
    let indent = width - inner;
    // The first line is indented by `first` more, the lines after it by
    // `hang` more (a list item's text lines up after its marker), when there
    // is room.
    let hang = if inner > set.hang + 10 { set.hang } else { 0 };
    let first_extra = if inner > set.first + 10 { set.first } else { 0 };
    let first_line = out.len();
    let mut base = 0;
    for seg in text.split('\n') {
        let ps = pieces(seg, inner - hang.max(first_extra), set.lang);
        if ps.is_empty() {
            out.push(Line {
                indent,
                style: set.style,
                ..Line::blank(block, base)
            });
        }
        let first = out.len() == first_line;
        let widths = if first {
            vec![(inner - first_extra) as f64, (inner - hang) as f64]
        } else {
            vec![(inner - hang) as f64]
        };
        let room = |n: usize| {
            if first && n == 0 {
                inner - first_extra
            } else {
                inner - hang
            }
        };
        let fits =
            |lines: &[&[Piece]]| lines.iter().enumerate().all(|(n, l)| line_fits(l, room(n)));
        let wrapped = match wrap_optimal_fit(&ps, &widths, &Penalties::default()) {
            Ok(lines) if fits(&lines) => lines,
            _ => wrap_first_fit(&ps, &widths),
        };
        let count = wrapped.len();
        for (n, line) in wrapped.into_iter().enumerate() {
            let (indent, inner) = if out.len() == first_line {
                (indent + first_extra, inner - first_extra)
            } else {
                (indent + hang, inner - hang)
            };
            let (Some(first), Some(last)) = (line.first(), line.last()) else {
                continue;
            };
            let shown = &seg[first.word.start..last.word.end];
            let mut text = display_str(shown);
            let hyphen = last.hyphen && str_width(&text) < inner;
            let mut gaps = Vec::new();
            if set.justify && n + 1 < count {
                let spaces: Vec<usize> = line[..line.len() - 1]
                    .iter()
                    .filter(|p| p.space > 0)
                    .map(|p| p.word.end)
                    .collect();
                let natural = str_width(&text) + usize::from(hyphen);
                let extra =
                    justify::spread(inner.saturating_sub(natural), spaces.len(), n % 2 == 1);
                gaps = spaces
                    .into_iter()
                    .zip(extra)
                    .filter(|&(_, e)| e > 0)
                    .map(|(at, e)| (base + at, e))
                    .collect();
                if !gaps.is_empty() {
                    text = justify::widen(seg, first.word.start..last.word.end, base, &gaps);
                }
            }
            if hyphen {
                text.push('-');
            }
            out.push(Line {
                range: base + first.word.start..base + last.word.end,
                text: clamp_display(text, inner),
                indent,
                style: set.style,
                gaps,
                ..Line::blank(block, 0)
            });
        }
        base += seg.len() + 1;
    }
}

/// Never let a line be wider than `cols`, even for a giant joined grapheme.
fn clamp_display(text: String, cols: usize) -> String {
    if str_width(&text) <= cols {
        return text;
    }
    fit_prefix(&text, cols).0.to_string()
}

/// Preformatted text: each source line cut into pieces of at most `width`
/// columns, never re-flowed.
fn cut_code(block: usize, text: &str, width: usize, out: &mut Vec<Line>) {
    let mut base = 0;
    for seg in text.split('\n') {
        let mut rest = seg;
        let mut off = base;
        loop {
            let (mut head, _) = fit_prefix(rest, width);
            if head.is_empty() && !rest.is_empty() {
                head = rest.graphemes(true).next().unwrap_or(rest);
            }
            out.push(Line {
                range: off..off + head.len(),
                text: clamp_display(display_str(head), width),
                style: LineStyle::Code,
                ..Line::blank(block, 0)
            });
            off += head.len();
            rest = &rest[head.len()..];
            if rest.is_empty() {
                break;
            }
        }
        base += seg.len() + 1;
    }
}

/// A whole document laid out at one width.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The text column width the document was laid out for.
    pub width: usize,
    /// All lines, in order.
    pub lines: Vec<Line>,
    /// Index of each block's first line in `lines`.
    block_first: Vec<usize>,
}

impl Layout {
    /// Lay out all of `doc` at `width` columns, ragged-right (the default options).
    pub fn new(doc: &Document, width: usize) -> Self {
        Self::with_options(doc, width, LayoutOptions::default())
    }

    /// Lay out all of `doc` at `width` columns, set as `options` say.
    pub fn with_options(doc: &Document, width: usize, options: LayoutOptions) -> Self {
        let ts = Typesetting::new(doc, options);
        let mut lines = Vec::new();
        let mut block_first = Vec::with_capacity(doc.blocks.len());
        for i in 0..doc.blocks.len() {
            block_first.push(lines.len());
            lines.extend(layout_block(doc, i, width, &ts));
        }
        Layout {
            width: width.max(MIN_WIDTH),
            lines,
            block_first,
        }
    }

    /// Index of the line that shows `pos`.
    pub fn line_of(&self, pos: Pos) -> usize {
        let Some(&first) = self.block_first.get(pos.block) else {
            return self.lines.len().saturating_sub(1);
        };
        let end = self
            .block_first
            .get(pos.block + 1)
            .copied()
            .unwrap_or(self.lines.len());
        first + line_in(&self.lines[first..end], pos.offset)
    }
}

/// Index of the line among one block's `lines` that shows byte `offset` of
/// it: the line that contains it, else the last text line starting before it
/// (a space at a line's end).
pub fn line_in(lines: &[Line], offset: usize) -> usize {
    lines
        .iter()
        .position(|l| l.contains(offset))
        .or_else(|| {
            lines
                .iter()
                .rposition(|l| l.style != LineStyle::Blank && l.range.start <= offset)
        })
        .or_else(|| lines.iter().rposition(|l| l.range.start <= offset))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
