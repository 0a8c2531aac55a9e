//! Plain text to [`Document`]: paragraphs, re-flow of hard-wrapped text,
//! verse kept line by line, headings, title and author, page chrome removed.

use super::chrome;
use super::decode::{DecodeError, decode};
use super::heading::{self, Strength};
use super::yo;
use crate::core::document::{Block, BlockKind, Document, Meta};
use crate::core::progress;
use std::borrow::Cow;

mod entities;
mod epigraph;
mod latin1;
mod notes;
use epigraph::epigraph_span;

/// Parse the bytes of a plain-text file.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    progress::stage(0.0, 0.2);
    let decoded = decode(bytes)?;
    let mut doc = parse_string(decoded.text);
    doc.meta.encoding = decoded.encoding.to_string();
    Ok(doc)
}

/// [`parse`] taking the bytes, which go as soon as they are decoded.
pub fn parse_owned(bytes: Vec<u8>) -> Result<Document, DecodeError> {
    progress::stage(0.0, 0.2);
    let decoded = super::decode::decode_owned(bytes)?;
    let mut doc = parse_string(decoded.text);
    doc.meta.encoding = decoded.encoding.to_string();
    Ok(doc)
}

/// A paragraph found in the source, before it is classified.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    /// It is exactly one source line.
    one_line: bool,
    /// A blank line (or the start of the text) comes before it.
    blank_before: bool,
    /// A blank line (or the end of the text) comes after it.
    blank_after: bool,
    /// Every source line of it is indented (verse, epigraphs).
    indented: bool,
    /// The indentation of its first source line (see [`lead_of`]).
    lead: usize,
}

/// Parse clean text (see [`super::decode::clean_text`]); lib.ru's „ for ё
/// is put right first (see [`super::yo`]), `&#233;` left from HTML made é
/// (see [`entities`]), and French «prйviens» «préviens» (see [`latin1`]).
pub fn parse_str(text: &str) -> Document {
    parse_string(text.to_owned())
}

/// [`parse_str`] taking the text: each copy made on the way (what is put
/// right, the paragraphs) replaces the one before, so that a long book is
/// held about twice at most, never four times.
fn parse_string(mut text: String) -> Document {
    progress::stage(0.2, 0.4);
    for fix in [yo::restore, entities::restore, latin1::restore] {
        let fixed = match fix(&text) {
            Cow::Owned(s) => Some(s),
            Cow::Borrowed(_) => None,
        };
        if let Some(s) = fixed {
            text = s;
        }
    }
    progress::stage(0.4, 0.85);
    // The lines are walked, never gathered: a long book's list of lines
    // would be a third of its size again.
    let lines = || text.split('\n').map(str::trim_end);
    let head: Vec<&str> = lines().take(DICTD_HEADER_LINES).collect();
    let dictd = dictd_name(&head).map(str::to_string);
    let paras = match hard_wrap_width(lines()) {
        Some(width) => reflow(lines, width, text.len()),
        None => keep_lines(lines()),
    };
    drop(head);
    drop(text);
    progress::stage(0.85, 1.0);
    let mut doc = build(paras);
    if let Some(name) = dictd {
        doc.title = name;
    }
    doc
}

/// Lines looked at for a dictionary's header.
const DICTD_HEADER_LINES: usize = 12;

/// A dictionary in the dictd source format names itself on the line after
/// `00-database-short` ("Mueller English-Russian Dictionary"): the file's
/// own title, before its first words ("00-database-dictfmt-1.12.1").
fn dictd_name<'a>(lines: &[&'a str]) -> Option<&'a str> {
    let head = &lines[..lines.len().min(DICTD_HEADER_LINES)];
    let at = head.iter().position(|l| l.trim() == "00-database-short")?;
    let name = head.get(at + 1)?.trim();
    (!name.is_empty() && !name.starts_with("00-database-")).then_some(name)
}

fn char_width(line: &str) -> usize {
    line.chars().count()
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Indentation in characters: spaces and the non-breaking spaces some texts
/// indent with (see [`EDGE_SPACES`]).
fn lead_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || EDGE_SPACES.contains(c))
        .count()
}

/// If the text is hard-wrapped at a fixed width (as lib.ru texts are), that width.
fn hard_wrap_width<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    // Widths of the non-blank lines, counted by width (a long line counts
    // as the widest kept: only "wider than the usual" matters of it).
    const WIDEST: usize = 1024;
    let mut widths = vec![0usize; WIDEST + 1];
    let mut n = 0;
    // Verse is not prose: its lines mostly start with a capital letter, where
    // the continuation lines of wrapped prose mostly do not.
    let mut continued = 0;
    let mut capital = 0;
    let mut prev_blank = true;
    for line in lines {
        let blank = line.trim().is_empty();
        if !blank {
            widths[char_width(line).min(WIDEST)] += 1;
            n += 1;
            if !prev_blank {
                continued += 1;
                if line
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                {
                    capital += 1;
                }
            }
        }
        prev_blank = blank;
    }
    if n < 8 {
        return None;
    }
    // The width of the line at 90% of them, sorted by width.
    let mut below = 0;
    let p90 = (0..=WIDEST).find(|&w| {
        below += widths[w];
        below > n * 9 / 10
    })?;
    if !(45..=110).contains(&p90) {
        return None;
    }
    let over: usize = widths[p90 + 9..].iter().sum();
    let full: usize = widths[p90.saturating_sub(15)..].iter().sum();
    let verse = continued > 0 && capital * 10 >= continued * 6;
    (over * 50 <= n && full * 2 >= n && !verse).then_some(p90)
}

/// Length in bytes of the breaking white space starting at `b[i]`, or 0.
/// NBSP (U+00A0), figure space (U+2007) and narrow NBSP (U+202F) are not
/// breaking: they stay in the text.
fn space_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        // U+0085
        0xC2 if at(1) == 0x85 => 2,
        // U+1680
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        // U+2000..U+200A but U+2007; U+2028, U+2029
        0xE2 if at(1) == 0x80
            && ((0x80..=0x8A).contains(&at(2)) && at(2) != 0x87
                || at(2) == 0xA8
                || at(2) == 0xA9) =>
        {
            3
        }
        // U+205F
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        // U+3000
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// Bytes that may start breaking white space (see [`space_len`]).
const MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', b'\r', 0x0B, 0x0C, 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut i = 0;
    while i < starts.len() {
        t[starts[i] as usize] = true;
        i += 1;
    }
    t
};

/// Append `s` to `out`, every run of breaking white space made one space, no
/// space at the start of `out`. `pending` carries a space over from the last call.
/// Text is copied in chunks: a single space between words needs no work.
fn collapse_into(out: &mut String, s: &str, pending: &mut bool) {
    let b = s.as_bytes();
    let space_at = |i: usize| {
        if i < b.len() && MAY_START_SPACE[usize::from(b[i])] {
            space_len(b, i)
        } else {
            0
        }
    };
    let mut chunk = 0;
    let mut i = 0;
    let flush = |out: &mut String, from: usize, to: usize, pending: &mut bool| {
        if from < to {
            if *pending && !out.is_empty() {
                out.push(' ');
            }
            *pending = false;
            out.push_str(&s[from..to]);
        }
    };
    while i < b.len() {
        let n = space_at(i);
        if n == 0 {
            i += 1;
            continue;
        }
        // A lone ASCII space between two words stays in the chunk.
        if n == 1 && b[i] == b' ' && i > chunk && i + 1 < b.len() && space_at(i + 1) == 0 {
            i += 1;
            continue;
        }
        flush(out, chunk, i, pending);
        i += n;
        while i < b.len() {
            let m = space_at(i);
            if m == 0 {
                break;
            }
            i += m;
        }
        *pending = true;
        chunk = i;
    }
    flush(out, chunk, b.len(), pending);
}

/// Collapse runs of breaking white space into one space and trim.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, s, &mut false);
    out
}

/// Hard-wrapped text: paragraphs end at blank lines, before indented lines and
/// after short lines; their lines are joined and padding removed.
fn reflow<'a, I: Iterator<Item = &'a str>>(
    lines: impl Fn() -> I,
    width: usize,
    bytes: usize,
) -> Vec<Para> {
    let (mut nonblank, mut indented) = (0usize, 0usize);
    for l in lines().filter(|l| !l.trim().is_empty()) {
        nonblank += 1;
        indented += usize::from(indent_of(l) >= 2);
    }
    // Indentation marks paragraphs only when most lines are not indented.
    let indent_marks = indented * 10 < nonblank * 6;
    let short = width * 6 / 10;

    let mut paras = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut blank_before = true;
    let mut cur_indented = true;
    let flush = |cur: &mut Vec<&str>,
                 paras: &mut Vec<Para>,
                 blank_before: bool,
                 blank_after: bool,
                 ind: bool| {
        if cur.is_empty() {
            return;
        }
        let mut text = String::with_capacity(cur.iter().map(|l| l.len() + 1).sum());
        for l in cur.iter() {
            // A line ending in a soft hyphen continues the word on the next line.
            let mut pending = !text.ends_with('\u{AD}');
            collapse_into(&mut text, l, &mut pending);
        }
        paras.push(Para {
            text,
            one_line: cur.len() == 1,
            blank_before,
            blank_after,
            indented: ind && cur.len() > 1,
            lead: lead_of(cur[0]),
        });
        cur.clear();
    };
    let mut lines = lines().peekable();
    let mut done = 0;
    let mut i = 0usize;
    while let Some(line) = lines.next() {
        done += line.len() + 1;
        i += 1;
        if i.is_multiple_of(8192) {
            progress::at(done as f64 / bytes.max(1) as f64);
        }
        if line.trim().is_empty() {
            flush(&mut cur, &mut paras, blank_before, true, cur_indented);
            blank_before = true;
            cur_indented = true;
            continue;
        }
        let next_blank = lines.peek().is_none_or(|l| l.trim().is_empty());
        // A chapter line ("III.") that the source forgot to set apart with a
        // blank line still starts a paragraph of its own.
        let marker = !cur.is_empty()
            && next_blank
            && char_width(line) < short
            && matches!(heading::classify(line), Some((_, Strength::Marker)));
        if !cur.is_empty() && (marker || (indent_marks && indent_of(line) >= 2)) {
            flush(&mut cur, &mut paras, blank_before, false, cur_indented);
            blank_before = false;
            cur_indented = true;
        }
        cur.push(line);
        cur_indented &= indent_of(line) >= 2;
        if char_width(line) < short && !next_blank {
            flush(&mut cur, &mut paras, blank_before, false, false);
            blank_before = false;
            cur_indented = true;
        }
    }
    flush(&mut cur, &mut paras, blank_before, true, cur_indented);
    paras
}

/// Longest line of a run that is still read as a verse line, not a paragraph.
const VERSE_LINE_MAX: usize = 80;

/// Text that is not hard-wrapped: a run of short lines between blank lines
/// stays one block with its line breaks (verse, addresses); otherwise every
/// line is a paragraph.
fn keep_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for line in lines.chain(std::iter::once("")) {
        if !line.trim().is_empty() {
            run.push(line);
            continue;
        }
        if run.is_empty() {
            continue;
        }
        // Runs are parted by blank lines: each has one before and after.
        let (blank_before, blank_after) = (true, true);
        if run.len() > 1 && run.iter().all(|l| char_width(l) <= VERSE_LINE_MAX) {
            let text = run
                .iter()
                .map(|l| collapse(l))
                .collect::<Vec<_>>()
                .join("\n");
            paras.push(Para {
                text,
                one_line: false,
                blank_before,
                blank_after,
                indented: run.iter().all(|l| indent_of(l) >= 2),
                lead: lead_of(run[0]),
            });
        } else {
            for (k, l) in run.iter().enumerate() {
                paras.push(Para {
                    text: collapse(l),
                    one_line: true,
                    blank_before: blank_before && k == 0,
                    blank_after: k + 1 == run.len(),
                    indented: false,
                    lead: lead_of(l),
                });
            }
        }
        run.clear();
    }
    paras
}

/// Classify paragraphs, strip chrome, find title and author.
/// Non-breaking spaces used as indentation at the edges of a paragraph.
const EDGE_SPACES: [char; 3] = ['\u{A0}', '\u{2007}', '\u{202F}'];

/// Are blank lines in this text a sign of structure? Not when every paragraph
/// is one line with a blank line after it: then a line standing alone says
/// nothing about being a heading.
fn blank_lines_mean_structure(paras: &[Para]) -> bool {
    let multi = paras.iter().filter(|p| !p.one_line).count();
    let alone = paras
        .iter()
        .filter(|p| p.one_line && p.blank_before && p.blank_after)
        .count();
    multi * 5 >= paras.len() || alone * 2 < paras.len()
}

fn build(mut paras: Vec<Para>) -> Document {
    for p in &mut paras {
        let t = p
            .text
            .trim_matches(|c: char| EDGE_SPACES.contains(&c) || c == ' ');
        if t.len() != p.text.len() {
            p.text = t.to_string();
        }
    }
    paras.retain(|p| !p.text.is_empty());
    while paras
        .last()
        .is_some_and(|p| chrome::is_trailing_chrome(&p.text))
    {
        paras.pop();
    }
    if let Some(first) = paras.first()
        && chrome::is_leading_chrome(&first.text, paras.get(1).map(|p| p.text.as_str()))
    {
        paras.remove(0);
    }

    let structural_blanks = blank_lines_mean_structure(&paras);
    let epigraphs = epigraph_span(&paras);
    let mut blocks: Vec<Block> = paras
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            // An epigraph and its attribution ("Пословица") are never headings.
            if i < epigraphs {
                let kind = if p.indented && p.text.contains('\n') {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                return Block::new(kind, p.text);
            }
            // A title-like line is a heading when it stands alone where that
            // means something, or opens the text (after an author's name).
            let title_ok = p.blank_before && p.blank_after && (structural_blanks || i < 2);
            if let Some((level, text)) = hash_heading(&p.text).filter(|_| p.one_line) {
                return Block::new(BlockKind::Heading(level), text);
            }
            if p.one_line && is_scene_break(&p.text) {
                return Block::new(BlockKind::Rule, p.text);
            }
            let kind = if p.one_line {
                match heading::classify(&p.text) {
                    Some((level, Strength::Marker)) => BlockKind::Heading(level),
                    Some((level, Strength::Title)) if title_ok => BlockKind::Heading(level),
                    _ => BlockKind::Paragraph,
                }
            } else if p.indented && p.text.contains('\n') {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            Block::new(kind, p.text)
        })
        .collect();

    let mut meta = Meta {
        format: "text".into(),
        ..Meta::default()
    };
    nest_levels(&mut blocks);
    let title = find_title(&mut blocks, &mut meta, epigraphs);
    let linked = notes::link(blocks);
    Document {
        title,
        meta,
        blocks: linked.blocks,
        notes: linked.notes,
        anchors: linked.anchors,
        ..Document::default()
    }
}

/// Adjust heading levels by context, so that the outline nests as the book
/// does: an epilogue that holds parts stands with the volumes; numbered
/// sections under a chapter that has a name of its own («Глава первая»,
/// then «I», «II» as in Бесы) sit inside it, and so does a heading standing
/// right after the chapter line (its name: «Глава восьмая», «Заключение»);
/// a heading of no known kind after chapters ("СНОСКИ" after a part's
/// chapters, a poem's title inside a chapter) stays inside them.
fn nest_levels(blocks: &mut [Block]) {
    let headings: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(blocks[i].kind, BlockKind::Heading(_)))
        .collect();
    let mut last = None;
    // The level and block of the chapter line («Глава …») we are in.
    let mut chapter: Option<(u8, usize)> = None;
    for (n, &i) in headings.iter().enumerate() {
        let BlockKind::Heading(mut level) = blocks[i].kind else {
            continue;
        };
        let text = &blocks[i].text;
        let keyword = heading::keyword(text);
        let next_is_part = headings
            .get(n + 1)
            .is_some_and(|&j| matches!(heading::keyword(&blocks[j].text), Some("часть" | "part")));
        // Volumes, parts and chapters never name the chapter before them.
        let container = matches!(
            keyword,
            Some("том" | "книга" | "volume" | "book" | "часть" | "part" | "глава" | "chapter")
        );
        let names_chapter = !container && chapter.is_some_and(|(_, at)| at + 1 == i);
        if heading::is_prologue_like(text) && next_is_part {
            level = 1;
        } else if let Some((ch, _)) = chapter.filter(|&(ch, _)| {
            (names_chapter && level <= ch) || (heading::is_numeral(text) && level == ch)
        }) {
            level = ch + 1;
        } else if keyword.is_none()
            && !heading::is_numeral(text)
            && level == 2
            && last.is_some_and(|l| l >= 3)
        {
            level = last.unwrap_or(level);
        }
        match keyword {
            Some("глава" | "chapter") => chapter = Some((level, i)),
            Some(_) if !names_chapter => chapter = None,
            _ => {}
        }
        blocks[i].kind = BlockKind::Heading(level);
        last = Some(level);
    }
}

/// How many blocks from the start may hold the title.
const TITLE_WINDOW: usize = 4;

/// The title is the first heading near the start; an author's name standing
/// just before it becomes the author, not the title. The title heading gets
/// level 1. The first `epigraphs` blocks (see [`epigraph_span`]) never give
/// the title: after them only a title line that stands before the text does
/// ("Часть первая" does not), else the title is empty and the file's name is
/// used (see `library::load`).
fn find_title(blocks: &mut [Block], meta: &mut Meta, epigraphs: usize) -> String {
    // "Лев Николаевич Толстой" over "Война и мир. Книга 1" as the first two
    // lines of a text that is not hard-wrapped: one block of two lines. The
    // title line after it still heads the outline.
    if epigraphs == 0
        && let Some(first) = blocks.first()
        && let Some((name, title)) = first.text.split_once('\n')
        && !title.contains('\n')
        && heading::looks_like_author(name)
        && heading::classify(title).is_some()
    {
        let title = title.to_string();
        meta.author = Some(name.to_string());
        title_line(blocks, meta, epigraphs);
        return title;
    }
    title_line(blocks, meta, epigraphs)
}

/// The title line near the start (see [`find_title`]), made the top heading.
fn title_line(blocks: &mut [Block], meta: &mut Meta, epigraphs: usize) -> String {
    let n = blocks.len().min(epigraphs + TITLE_WINDOW);
    for i in epigraphs..n {
        let next_is_heading = blocks
            .get(i + 1)
            .is_some_and(|b| matches!(b.kind, BlockKind::Heading(_)));
        if meta.author.is_none() && next_is_heading && heading::looks_like_author(&blocks[i].text) {
            meta.author = Some(blocks[i].text.clone());
            blocks[i].kind = BlockKind::Paragraph;
            continue;
        }
        if !matches!(blocks[i].kind, BlockKind::Heading(_)) {
            if epigraphs > 0 {
                return String::new();
            }
            continue;
        }
        // A title line becomes the top heading; a structural one ("ЧАСТЬ
        // ПЕРВАЯ", "I.") names the text but keeps its place in the tree.
        let structural =
            heading::keyword(&blocks[i].text).is_some() || heading::is_numeral(&blocks[i].text);
        if structural && epigraphs > 0 {
            return String::new();
        }
        if !structural {
            blocks[i].kind = BlockKind::Heading(1);
        }
        return blocks[i].text.clone();
    }
    if epigraphs > 0 {
        return String::new();
    }
    blocks
        .first()
        .map(|b| first_words(&b.text))
        .unwrap_or_default()
}

/// Longest fallback title, in characters.
const FALLBACK_TITLE_CHARS: usize = 60;

/// The first words of a text, cut at a word boundary, for a fallback title.
pub(crate) fn first_words(text: &str) -> String {
    let line = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:-—–".contains(c));
    if line.chars().count() <= FALLBACK_TITLE_CHARS {
        return line.to_string();
    }
    let mut out = String::new();
    for w in line.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > FALLBACK_TITLE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        // One giant word: cut it between graphemes.
        out = crate::core::width::fit_prefix(line, FALLBACK_TITLE_CHARS)
            .0
            .to_string();
    }
    out.push('…');
    out
}

/// A scene break: a line of only asterisks, dashes, underscores or similar
/// ("* * *", "***", "----", "~~~").
fn is_scene_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && marks.iter().all(|&c| c == marks[0])
        && matches!(
            marks[0],
            '*' | '-' | '_' | '~' | '=' | '#' | '—' | '•' | '·'
        )
}

/// A line written as a Markdown heading ("## Итоги"): its level and text.
fn hash_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = line[hashes..].strip_prefix(' ')?;
    let text = rest.trim().trim_end_matches('#').trim_end();
    let level = u8::try_from(hashes).ok().filter(|l| (1..=6).contains(l))?;
    (!text.is_empty()).then_some((level, text))
}

#[cfg(test)]
mod tests;
