//! lib.ru's notes in plain text, made note references and notes.
//!
//! Two kinds are found (measured on `../shared/corpus/txt`):
//! - Inline notes, «fiasco.[1 - поражение (ит.).] Он…» (Бесы, Капитанская
//!   дочка, Ночь перед Рождеством): the note's text stands in brackets in the
//!   running text. It is taken out and a reference marker ("¹") left in its
//!   place. When a notes section after it («Примечания», as in Бесы) has an
//!   entry with the same number, the reference leads there (the text in the
//!   brackets is that entry again); else the note is gathered at the end of
//!   the document under a notes heading. A bracket that does not close in its
//!   paragraph is left as it is.
//! - A notes section («СНОСКИ», «Примечания») whose entries begin with
//!   «(сноска N)» (War and Peace, several on one line as often as not) or
//!   stand under a line holding only their number (Бесы). Each entry is a
//!   note. When the text before the section refers to it by bare numbers
//!   («comme vous dites. 1 (См. сноски в конце части) Ну»: War and Peace),
//!   these are found in order, 1, 2, 3…, a number after foreign (Latin)
//!   words preferred, and only for a section of «(сноска N)» entries or a
//!   text that says «См. сноски»: anywhere else a number is a number.
//!
//! The work is linear in the text: brackets are matched with one stack per
//! paragraph, and the search for each bare number looks at most
//! [`LOOKAHEAD`] numbers ahead.

use crate::core::document::{Block, BlockKind, Inline, Note, Pos, Span, note_marker};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// The heading put over notes gathered at the end of a Cyrillic text.
const NOTES_HEADING_RU: &str = "Примечания";
/// The heading put over notes gathered at the end of any other text.
const NOTES_HEADING: &str = "Notes";

/// How many numbers ahead the search for a bare note number looks.
const LOOKAHEAD: usize = 200;

/// The blocks with the notes linked, the notes, and their places.
pub(super) struct Linked {
    pub(super) blocks: Vec<Block>,
    pub(super) notes: Vec<Note>,
    pub(super) anchors: BTreeMap<String, Pos>,
}

/// A stretch of a block's text replaced by a reference to a note.
struct Edit {
    range: Range<usize>,
    label: String,
    id: String,
}

/// A notes section: its heading, where it ends, what it holds.
struct Section {
    head: usize,
    end: usize,
    items: Vec<Item>,
    /// Its entries begin with «(сноска N)».
    by_marker: bool,
    /// Entry label to the entry's id (the first entry of a label).
    ids: HashMap<String, String>,
    /// Inline notes lead to it (so bare numbers are not looked for).
    linked_inline: bool,
}

/// What a notes section holds, in order.
enum Item {
    /// Text that belongs to no entry.
    Plain(Block),
    Entry(Entry),
}

struct Entry {
    label: String,
    /// The id, when it is the first entry of its label in its section.
    id: Option<String>,
    blocks: Vec<String>,
    /// Text that follows in the same paragraph joins the last block (a
    /// «(сноска N)» entry wrapped over an indented line).
    joins: bool,
}

/// Is this the heading of a notes section?
fn is_notes_heading(text: &str) -> bool {
    // The longest heading is «Примечания:» and a little space: a paragraph
    // is not lowercased to find that out.
    if text.len() > 64 {
        return false;
    }
    let t = text.trim().trim_end_matches([':', '.']).to_lowercase();
    matches!(t.as_str(), "сноски" | "примечания" | "примечание")
}

/// A note number as a label: 1 to 5 ASCII digits, not starting with 0.
fn number_label(s: &str) -> bool {
    (1..=5).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

/// A paragraph that is only an entry's label ("12", "*").
fn lone_label(text: &str) -> Option<&str> {
    let t = text.trim();
    (number_label(t) || matches!(t, "*" | "**" | "***")).then_some(t)
}

/// The «(сноска N)» markers in a text (the space may be missing:
/// «(сноска1)»), each one's range and number; and a bare «N)» at a word's
/// start where N is the number after the last marker's (War and Peace has
/// «10) Король Неаполитанский.» between «(сноска9)» and «(сноска11)»).
/// `last` is the number of the last marker before the text.
fn markers<'a>(text: &'a str, last: &mut Option<usize>) -> Vec<(Range<usize>, &'a str)> {
    const OPEN: &str = "(сноска";
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (start, digits_at) = if b[i..].starts_with(OPEN.as_bytes()) {
            let rest = &text[i + OPEN.len()..];
            (i, text.len() - rest.trim_start_matches([' ', '\n']).len())
        } else if b[i].is_ascii_digit() && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\n') {
            (i, i)
        } else {
            i += 1;
            continue;
        };
        let n = b[digits_at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let digits = &text[digits_at..digits_at + n];
        let after = text[digits_at + n..].trim_start_matches([' ', '\n']);
        let bare = digits_at == start;
        let in_turn = || Some(digits.parse::<usize>().ok()) == Some(last.map(|l| l + 1));
        if number_label(digits) && after.starts_with(')') && (!bare || in_turn()) {
            let end = text.len() - after.len() + 1;
            out.push((start..end, digits));
            *last = digits.parse().ok();
            i = end;
        } else {
            i = (digits_at + n).max(start + 1);
        }
    }
    out
}

/// Text with its runs of white space made one space (an entry is prose,
/// whatever line breaks the source keeps).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read the notes section whose heading is block `head`.
fn read_section(blocks: &[Block], head: usize, number: usize) -> Section {
    let mut end = head + 1;
    while let Some(b) = blocks.get(end) {
        let heading = matches!(b.kind, BlockKind::Heading(_)) && lone_label(&b.text).is_none();
        if heading || is_notes_heading(&b.text) {
            break;
        }
        end += 1;
    }
    let mut items: Vec<Item> = Vec::new();
    let mut by_marker = false;
    let mut last = None;
    for b in &blocks[head + 1..end] {
        if let Some(label) = lone_label(&b.text) {
            items.push(Item::Entry(Entry {
                label: label.to_string(),
                id: None,
                blocks: Vec::new(),
                joins: false,
            }));
            continue;
        }
        let found = markers(&b.text, &mut last);
        let first = found.first().map_or(b.text.len(), |m| m.0.start);
        let before = one_line(&b.text[..first]);
        let before = before.as_str();
        if !before.is_empty() {
            match items.last_mut() {
                Some(Item::Entry(e)) => match e.blocks.last_mut() {
                    Some(last) if e.joins => {
                        last.push(' ');
                        last.push_str(before);
                    }
                    _ => e.blocks.push(before.to_string()),
                },
                _ => items.push(Item::Plain(Block {
                    text: before.to_string(),
                    ..b.clone()
                })),
            }
        }
        for (k, (range, label)) in found.iter().enumerate() {
            by_marker = true;
            let to = found.get(k + 1).map_or(b.text.len(), |m| m.0.start);
            let text = one_line(&b.text[range.end..to]);
            items.push(Item::Entry(Entry {
                label: (*label).to_string(),
                id: None,
                blocks: if text.is_empty() {
                    Vec::new()
                } else {
                    vec![text.to_string()]
                },
                joins: true,
            }));
        }
    }
    let mut ids = HashMap::new();
    for item in &mut items {
        if let Item::Entry(e) = item
            && !e.blocks.is_empty()
            && !ids.contains_key(&e.label)
        {
            let id = format!("note-{number}-{}", e.label);
            ids.insert(e.label.clone(), id.clone());
            e.id = Some(id);
        }
    }
    Section {
        head,
        end,
        items,
        by_marker,
        ids,
        linked_inline: false,
    }
}

/// The inline notes «[12 - text]» of a paragraph: each one's range (the
/// brackets included), its number and its text. Only a bracket closed in the
/// paragraph makes a note; a note inside a note stays in its text.
fn inline_notes(text: &str) -> Vec<(Range<usize>, &str, &str)> {
    if !text.contains('[') {
        return Vec::new();
    }
    // Each '[' to its ']' and the last letter before that ']', by one
    // stack pass: whether a bracket holds a letter is then one comparison,
    // not a scan of the bracket (nested brackets made that quadratic).
    let mut close: HashMap<usize, (usize, Option<usize>)> = HashMap::new();
    let mut stack = Vec::new();
    let mut last_letter = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => stack.push(i),
            ']' => {
                if let Some(open) = stack.pop() {
                    close.insert(open, (i, last_letter));
                }
            }
            c if c.is_alphabetic() => last_letter = Some(i),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut done = 0;
    for (open, b) in text.bytes().enumerate() {
        if b != b'[' || open < done {
            continue;
        }
        let Some(&(end, last_letter)) = close.get(&open) else {
            continue;
        };
        let inner = &text[open + 1..end];
        let n = inner.bytes().take_while(u8::is_ascii_digit).count();
        if n > 3 || !number_label(&inner[..n]) {
            continue;
        }
        let Some(note) = inner[n..]
            .strip_prefix(" - ")
            .or_else(|| inner[n..].strip_prefix(" – "))
        else {
            continue;
        };
        if last_letter.is_some_and(|l| l >= end - note.len()) {
            let note = note.trim();
            out.push((open..end + 1, &inner[..n], note));
            done = end + 1;
        }
    }
    out
}

/// A bare number in running text that may be a note reference.
struct Candidate {
    block: usize,
    range: Range<usize>,
    value: usize,
    /// The word before it is written in Latin letters (the notes translate
    /// foreign words).
    latin: bool,
}

/// Bare numbers of up to 3 digits standing apart from words (but for a
/// Latin word just before) and other numbers, and not part of a date, a list («5)»), a time or a sum; none
/// inside `skip` (inline notes).
fn candidates(block: usize, text: &str, skip: &[Range<usize>], out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let end = i;
        let prev = text[..start].chars().next_back();
        let prev2 = text[..start].chars().rev().nth(1);
        let next = text[end..].chars().next();
        let next2 = text[end..].chars().nth(1);
        let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if end - start > 3
            || b[start] == b'0'
            // «mon chevalier33»: glued to a Latin word, still a reference.
            || (glued(prev) && !prev.is_some_and(|c| c.is_ascii_alphabetic()))
            || glued(next)
            || next.is_some_and(|c| ")-–%:/°".contains(c))
            || (next.is_some_and(|c| ".,".contains(c)) && digit(next2))
            || prev.is_some_and(|c| ":/=-№+([$".contains(c))
            || (prev.is_some_and(|c| ".,".contains(c)) && digit(prev2))
            || skip.iter().any(|r| r.contains(&start))
        {
            continue;
        }
        let Ok(value) = text[start..end].parse::<usize>() else {
            continue;
        };
        out.push(Candidate {
            block,
            range: start..end,
            value,
            latin: latin_before(&text[..start]),
        });
    }
}

/// Is the last word before this point (within 40 bytes) written with Latin letters?
fn latin_before(text: &str) -> bool {
    let mut seen = 0;
    let mut chars = text.chars().rev().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_alphabetic() || seen > 40 {
            break;
        }
        seen += c.len_utf8();
        chars.next();
    }
    chars
        .take_while(|c| c.is_alphabetic())
        .take(40)
        .any(|c| c.is_ascii_alphabetic())
}

/// Find the references to `labels` (numbers, in order) among `cands`: for
/// each number, the first one after a Latin word before the next number's,
/// else the first one at all within [`LOOKAHEAD`]. Gives the index in
/// `cands` of each label found.
fn match_in_order(cands: &[Candidate], labels: &[usize]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    for (k, &n) in labels.iter().enumerate() {
        let next = labels.get(k + 1).copied();
        let mut fallback = None;
        let mut chosen = None;
        for (j, c) in cands.iter().enumerate().skip(i).take(LOOKAHEAD) {
            if c.value == n && c.latin {
                chosen = Some(j);
                break;
            }
            if c.value == n && fallback.is_none() {
                fallback = Some(j);
            }
            if Some(c.value) == next && c.latin {
                break;
            }
        }
        if let Some(j) = chosen.or(fallback) {
            found.push((n, j));
            i = j + 1;
        }
    }
    found
}

/// The pointer a first reference carries in War and Peace: «(См. сноски в
/// конце части)» right after the number: its length, to be taken out with it.
fn pointer_after(text: &str) -> usize {
    let rest = text.trim_start_matches(' ');
    if !rest.starts_with("(См. сноски") {
        return 0;
    }
    match rest.char_indices().take(40).find(|&(_, c)| c == ')') {
        Some((k, _)) => text.len() - rest.len() + k + 1,
        None => 0,
    }
}

/// Link the notes of a plain text's blocks (see the module's doc).
pub(super) fn link(blocks: Vec<Block>) -> Linked {
    let mut sections: Vec<Section> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if is_notes_heading(&blocks[i].text) {
            let s = read_section(&blocks, i, sections.len() + 1);
            // A section of no entries is text like any other.
            if !s.ids.is_empty() {
                i = s.end;
                sections.push(s);
                continue;
            }
        }
        i += 1;
    }
    let mut in_section = vec![false; blocks.len()];
    for s in &sections {
        in_section[s.head..s.end].fill(true);
    }

    // Inline notes: each leads to an entry of a section after it with its
    // number, or to a note gathered at the end.
    let mut edits: HashMap<usize, Vec<Edit>> = HashMap::new();
    let mut gathered: Vec<(String, String, String)> = Vec::new();
    let mut claimed: HashSet<String> = HashSet::new();
    let mut next_section = 0;
    for (bi, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Heading(_) | BlockKind::Code) || in_section[bi] {
            continue;
        }
        while sections.get(next_section).is_some_and(|s| s.head < bi) {
            next_section += 1;
        }
        for (range, label, text) in inline_notes(&b.text) {
            // Only the next section is looked at: the work stays linear.
            let entry = sections
                .get(next_section)
                .filter(|s| s.ids.get(label).is_some_and(|id| !claimed.contains(id)));
            let id = match entry.map(|_| next_section) {
                Some(k) => {
                    sections[k].linked_inline = true;
                    let id = sections[k].ids[label].clone();
                    claimed.insert(id.clone());
                    id
                }
                None => {
                    let id = format!("note-{}", gathered.len() + 1);
                    gathered.push((id.clone(), label.to_string(), text.to_string()));
                    id
                }
            };
            edits.entry(bi).or_default().push(Edit {
                range,
                label: label.to_string(),
                id,
            });
        }
    }

    // Bare numbers, for each section not reached by inline notes.
    {
        let mut from = 0;
        for s in &sections {
            let region = from..s.head;
            from = s.end;
            if s.linked_inline {
                continue;
            }
            let hinted = blocks[region.clone()]
                .iter()
                .any(|b| b.text.contains("См. сноск"));
            if !s.by_marker && !hinted {
                continue;
            }
            let mut cands = Vec::new();
            for bi in region {
                let b = &blocks[bi];
                if matches!(b.kind, BlockKind::Heading(_) | BlockKind::Code) {
                    continue;
                }
                let skip: Vec<Range<usize>> = edits
                    .get(&bi)
                    .map(|es| es.iter().map(|e| e.range.clone()).collect())
                    .unwrap_or_default();
                candidates(bi, &b.text, &skip, &mut cands);
            }
            let mut labels: Vec<usize> = s.ids.keys().filter_map(|l| l.parse().ok()).collect();
            labels.sort_unstable();
            for (n, j) in match_in_order(&cands, &labels) {
                let c = &cands[j];
                let label = n.to_string();
                let text = &blocks[c.block].text;
                let end = c.range.end + pointer_after(&text[c.range.end..]);
                edits.entry(c.block).or_default().push(Edit {
                    range: c.range.start..end,
                    id: s.ids[&label].clone(),
                    label,
                });
            }
        }
    }

    assemble(blocks, sections, edits, gathered)
}

/// The blocks with the edits made, the sections' entries as notes, and the
/// gathered notes at the end.
fn assemble(
    blocks: Vec<Block>,
    sections: Vec<Section>,
    mut edits: HashMap<usize, Vec<Edit>>,
    gathered: Vec<(String, String, String)>,
) -> Linked {
    let cyrillic = blocks
        .iter()
        .take(200)
        .flat_map(|b| b.text.chars())
        .any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
    let top_level = blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(l) => Some(l),
            _ => None,
        })
        .min();
    let headings = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .count();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut notes = Vec::new();
    let mut sections = sections.into_iter().peekable();
    let mut skip_to = 0;
    for (bi, block) in blocks.into_iter().enumerate() {
        if bi < skip_to {
            continue;
        }
        if let Some(s) = sections.next_if(|s| s.head == bi) {
            out.push(block);
            skip_to = s.end;
            for item in s.items {
                match item {
                    Item::Plain(b) => out.push(b),
                    Item::Entry(e) => {
                        let first = out.len();
                        let mut texts = e.blocks.into_iter();
                        let head = texts.next().unwrap_or_default();
                        out.push(Block::new(
                            BlockKind::Paragraph,
                            entry_text(&e.label, &head),
                        ));
                        out.extend(texts.map(|t| Block::new(BlockKind::Paragraph, t)));
                        if let Some(id) = e.id {
                            notes.push(Note {
                                id,
                                label: e.label,
                                blocks: first..out.len(),
                            });
                        }
                    }
                }
            }
            continue;
        }
        match edits.remove(&bi) {
            Some(es) => out.push(edited(block, es)),
            None => out.push(block),
        }
    }
    if !gathered.is_empty() {
        let name = if cyrillic {
            NOTES_HEADING_RU
        } else {
            NOTES_HEADING
        };
        // A heading among headings; in a text without them, where the
        // outline is made of groups of paragraphs, a rule starts the notes'
        // group, named by its first line.
        if headings >= 2 {
            out.push(Block::new(BlockKind::Heading(top_level.unwrap_or(1)), name));
        } else {
            out.push(Block::new(BlockKind::Rule, ""));
            out.push(Block::new(BlockKind::Paragraph, name));
        }
        for (id, label, text) in gathered {
            out.push(Block::new(BlockKind::Paragraph, entry_text(&label, &text)));
            notes.push(Note {
                id,
                label,
                blocks: out.len() - 1..out.len(),
            });
        }
    }
    let anchors = notes
        .iter()
        .map(|n| (n.id.clone(), Pos::new(n.blocks.start, 0)))
        .collect();
    Linked {
        blocks: out,
        notes,
        anchors,
    }
}

/// An entry's first paragraph: its label, then its text ("1. Текст").
fn entry_text(label: &str, text: &str) -> String {
    let sep = if number_label(label) { ". " } else { " " };
    if text.is_empty() {
        label.to_string()
    } else {
        format!("{label}{sep}{text}")
    }
}

/// A block with references put in place of the stretches `edits` name: a
/// marker drawn apart from its word, with the space before it dropped.
fn edited(mut block: Block, mut edits: Vec<Edit>) -> Block {
    edits.sort_by_key(|e| e.range.start);
    let text = std::mem::take(&mut block.text);
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(edits.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at || e.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        let start = out.len();
        out.push_str(&note_marker(&e.label));
        spans.push(Span {
            range: start..out.len(),
            style: Inline::NoteRef(e.id),
        });
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    block.text = out;
    block.spans = spans;
    block
}

#[cfg(test)]
mod tests;
