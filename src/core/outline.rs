//! The sections of a document: a tree from its headings, or, for text with
//! no headings, entries for groups of paragraphs named by their first words.

use crate::core::document::{BlockKind, Document, Pos, count_words};
use crate::core::width::fit_prefix;
use serde::Serialize;

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Depth in the tree, 1 = top (heading levels that skip are closed up).
    pub level: u8,
    /// The heading's text, or the first words of a paragraph group.
    pub title: String,
    /// Where the section starts.
    #[serde(skip)]
    pub start: Pos,
    /// The block the section starts at.
    pub block: usize,
    /// Made from paragraph groups, not from a heading.
    pub synthetic: bool,
}

/// A document's sections in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The sections, in document order; `level` gives the nesting.
    pub sections: Vec<Section>,
}

/// Aim for about this many entries when a text has no headings.
const SYNTHETIC_ENTRIES: usize = 12;
/// Fewest words in one paragraph group.
const MIN_GROUP_WORDS: usize = 250;
/// Longest synthetic entry name, in columns.
const SYNTHETIC_TITLE_COLS: usize = 40;

impl Outline {
    /// The outline of `doc`. When the file has its own table of contents
    /// ([`Document::toc`]: an EPUB's nav or NCX), the outline is that table,
    /// in document order and nested as it is nested (a level that skips is
    /// closed up). When the table is thin (a single entry, or fewer entries
    /// than the text has top-level headings), the headings are merged in:
    /// each heading section that does not start at the block of a table
    /// entry is put in at its place, nested under the table entry before it
    /// (its level below that entry's; at its own level before any entry).
    pub fn of(doc: &Document) -> Outline {
        let headings = Self::of_headings(doc);
        if doc.toc.is_empty() {
            return headings;
        }
        let mut toc: Vec<Section> = doc
            .toc
            .iter()
            .map(|t| Section {
                level: t.level.max(1),
                title: t.title.replace('\n', " "),
                start: t.at,
                block: t.at.block,
                synthetic: false,
            })
            .collect();
        toc.sort_by_key(|s| s.start);
        let top = headings
            .sections
            .iter()
            .filter(|s| !s.synthetic && s.level == 1)
            .count();
        let mut sections = if toc.len() == 1 || toc.len() < top {
            merge(toc, headings.sections)
        } else {
            toc
        };
        close_up(&mut sections);
        Outline { sections }
    }

    /// The outline from the headings alone (or paragraph groups).
    fn of_headings(doc: &Document) -> Outline {
        let mut sections = Vec::new();
        let mut stack: Vec<u8> = Vec::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            if let BlockKind::Heading(level) = b.kind {
                while stack.last().is_some_and(|&l| l >= level) {
                    stack.pop();
                }
                stack.push(level);
                sections.push(Section {
                    level: u8::try_from(stack.len()).unwrap_or(u8::MAX),
                    title: b.text.replace('\n', " "),
                    start: Pos::new(i, 0),
                    block: i,
                    synthetic: false,
                });
            }
        }
        // A lone heading (the title) gets the groups of the text after it.
        match sections.first().map(|s| s.block) {
            None => sections.extend(paragraph_groups(doc, 0, 1)),
            Some(title) if sections.len() == 1 => {
                sections.extend(paragraph_groups(doc, title + 1, 2))
            }
            Some(_) => {}
        }
        Outline { sections }
    }

    /// The section that holds `pos`: the last one starting at or before it.
    pub fn section_at(&self, pos: Pos) -> Option<usize> {
        // Sections are in document order: a binary search (the index asks
        // this for every block of a book with 100,000 sections).
        self.sections
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)
    }

    /// The parent of section `i`.
    pub fn parent(&self, i: usize) -> Option<usize> {
        let level = self.sections.get(i)?.level;
        self.sections[..i].iter().rposition(|s| s.level < level)
    }

    /// Section `i` and its ancestors, outermost first.
    pub fn path(&self, i: usize) -> Vec<usize> {
        let mut path = vec![i];
        while let Some(p) = path.last().and_then(|&j| self.parent(j)) {
            path.push(p);
        }
        path.reverse();
        path
    }
}

/// The table's entries and the heading sections, in document order. A
/// heading at the block of an entry is that entry, and the headings after
/// it keep their levels relative to it; after an entry with no heading at
/// its block, the headings nest under the entry.
fn merge(toc: Vec<Section>, headings: Vec<Section>) -> Vec<Section> {
    let at_entry: std::collections::HashMap<usize, u8> =
        headings.iter().map(|h| (h.block, h.level)).collect();
    let entry_blocks: std::collections::HashSet<usize> = toc.iter().map(|s| s.block).collect();
    let mut out = Vec::with_capacity(toc.len() + headings.len());
    let mut toc = toc.into_iter().peekable();
    // Added to a heading's level to nest it among the entries.
    let mut offset = 0i16;
    let mut take = |upto: Option<Pos>, out: &mut Vec<Section>, offset: &mut i16| {
        while let Some(t) = toc.next_if(|t| upto.is_none_or(|p| t.start <= p)) {
            *offset = match at_entry.get(&t.block) {
                Some(&l) => i16::from(t.level) - i16::from(l),
                None => i16::from(t.level),
            };
            out.push(t);
        }
    };
    for h in headings {
        take(Some(h.start), &mut out, &mut offset);
        if entry_blocks.contains(&h.block) {
            continue;
        }
        let level = (i16::from(h.level) + offset).clamp(1, i16::from(u8::MAX));
        out.push(Section {
            level: u8::try_from(level).unwrap_or(u8::MAX),
            ..h
        });
    }
    take(None, &mut out, &mut offset);
    out
}

/// Levels that skip (1 then 3) closed up: no entry is more than one level
/// below the one before it, and the first is at level 1.
fn close_up(sections: &mut [Section]) {
    let mut prev = 0u8;
    for s in sections {
        s.level = s.level.clamp(1, prev.saturating_add(1));
        prev = s.level;
    }
}

/// Entries for groups of paragraphs from block `from` on, each named by its
/// first words.
fn paragraph_groups(doc: &Document, from: usize, level: u8) -> Vec<Section> {
    let total = doc.word_count();
    let group = (total / SYNTHETIC_ENTRIES).max(MIN_GROUP_WORDS);
    let mut out = Vec::new();
    let mut words = group; // start a group at the first paragraph
    for (i, b) in doc.blocks.iter().enumerate().skip(from) {
        if b.kind == BlockKind::Rule {
            // A scene break ("* * *") starts a new group.
            words = group;
            continue;
        }
        if matches!(b.kind, BlockKind::Heading(_)) || b.text.trim().is_empty() {
            continue;
        }
        if words >= group {
            out.push(Section {
                level,
                title: name_of(&b.text),
                start: Pos::new(i, 0),
                block: i,
                synthetic: true,
            });
            words = 0;
        }
        words += count_words(&b.text);
    }
    out
}

/// The first words of a paragraph, cut at a word boundary, with "…".
fn name_of(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let (head, _) = fit_prefix(line, SYNTHETIC_TITLE_COLS);
    if head.len() == line.len() {
        return line.to_string();
    }
    let cut = head.rfind(' ').filter(|&i| i > 0).unwrap_or(head.len());
    format!(
        "{}…",
        head[..cut].trim_end_matches([',', ';', ':', '.', ' ', '—', '-'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    fn titles(o: &Outline) -> Vec<(u8, &str)> {
        o.sections
            .iter()
            .map(|s| (s.level, s.title.as_str()))
            .collect()
    }

    #[test]
    fn headings_nest_and_skipped_levels_close_up() {
        let d = parse_str(
            "ТОМ ПЕРВЫЙ\n\nЧАСТЬ ПЕРВАЯ\n\nI.\n\nТекст.\n\nII.\n\nЕщё.\n\nТОМ ВТОРОЙ\n\nI.\n\nКонец.\n",
        );
        let o = Outline::of(&d);
        assert_eq!(
            titles(&o),
            vec![
                (1, "ТОМ ПЕРВЫЙ"),
                (2, "ЧАСТЬ ПЕРВАЯ"),
                (3, "I."),
                (3, "II."),
                (1, "ТОМ ВТОРОЙ"),
                (2, "I.")
            ]
        );
        assert_eq!(o.parent(3), Some(1));
        assert_eq!(o.path(3), vec![0, 1, 3]);
        assert_eq!(o.parent(4), None);
    }

    #[test]
    fn sections_are_in_document_order_so_section_at_can_search_by_halves() {
        let md: String = (0..300)
            .map(|i| format!("{} Раздел {i}\n\nТекст {i}.\n\n", "#".repeat(1 + i % 3)))
            .collect();
        let d = crate::core::formats::markdown::parse(md.as_bytes()).expect("parse");
        let o = Outline::of(&d);
        assert!(o.sections.windows(2).all(|w| w[0].start <= w[1].start));
        for i in 0..d.blocks.len() {
            let pos = Pos::new(i, 0);
            let linear = o.sections.iter().rposition(|s| s.start <= pos);
            assert_eq!(o.section_at(pos), linear, "block {i}");
        }
    }

    #[test]
    fn section_at_finds_the_enclosing_section() {
        let d = parse_str(
            "Заголовок статьи\n\nВступление.\n\n1. Введение\n\nПервый раздел.\n\n2. Итоги\n\nВторой раздел.\n",
        );
        let o = Outline::of(&d);
        let idx = |t: &str| d.blocks.iter().position(|b| b.text == t).expect("block");
        assert_eq!(o.section_at(Pos::new(idx("Вступление."), 3)), Some(0));
        assert_eq!(
            o.sections[o.section_at(Pos::new(idx("Второй раздел."), 0)).expect("s")].title,
            "2. Итоги"
        );
    }

    #[test]
    fn text_without_headings_gets_paragraph_groups() {
        let para = "Слово за словом складывается длинный абзац текста. ".repeat(20);
        let text: String = (0..30).map(|i| format!("{i} {para}\n\n")).collect();
        let o = Outline::of(&parse_str(&text));
        assert!((8..=16).contains(&o.sections.len()), "{}", o.sections.len());
        assert!(o.sections.iter().all(|s| s.synthetic && s.level == 1));
        assert!(o.sections[0].title.starts_with("0 Слово за словом"));
        assert!(o.sections[0].title.ends_with('…'));
        assert!(crate::core::width::str_width(&o.sections[0].title) <= SYNTHETIC_TITLE_COLS + 1);
    }

    #[test]
    fn a_title_alone_gets_groups_under_it() {
        let para = "Текст статьи идёт дальше и дальше. ".repeat(30);
        let d = parse_str(&format!(
            "Иван Петрович Сидоров\n\nЗаголовок статьи\n\n{para}\n\n{para}\n\n{para}\n"
        ));
        let o = Outline::of(&d);
        assert_eq!(o.sections[0].title, "Заголовок статьи");
        assert!(o.sections.len() > 1);
        assert!(
            o.sections[1..]
                .iter()
                .all(|s| s.synthetic && s.level == 2 && s.block > o.sections[0].block)
        );
    }

    fn with_toc(text: &str, toc: &[(u8, &str, usize)]) -> Document {
        let mut d = parse_str(text);
        d.toc = toc
            .iter()
            .map(|&(level, title, block)| crate::core::document::TocEntry {
                level,
                title: title.into(),
                at: Pos::new(block, 0),
            })
            .collect();
        d
    }

    #[test]
    fn the_files_own_table_of_contents_is_the_outline_nested_as_it_is() {
        // Headings the text has (I., II., III.) give way to the table.
        let text = "I.\n\nТекст.\n\nII.\n\nЕщё.\n\nIII.\n\nКонец.\n";
        let d = with_toc(
            text,
            &[
                (1, "Часть первая", 0),
                (2, "Глава 1", 0),
                (3, "Буран", 3),
                (1, "Часть вторая", 4),
            ],
        );
        let o = Outline::of(&d);
        assert_eq!(
            titles(&o),
            vec![
                (1, "Часть первая"),
                (2, "Глава 1"),
                (3, "Буран"),
                (1, "Часть вторая")
            ]
        );
        assert_eq!(o.sections[2].block, 3);
        // Levels that skip are closed up; entries out of order are sorted.
        let d = with_toc(text, &[(1, "Б", 4), (3, "А", 0), (2, "В", 2)]);
        assert_eq!(titles(&Outline::of(&d)), vec![(1, "А"), (2, "В"), (1, "Б")]);
    }

    #[test]
    fn a_thin_table_of_contents_is_merged_with_the_headings() {
        let text = "ТОМ ПЕРВЫЙ\n\nI.\n\nТекст.\n\nII.\n\nЕщё.\n\nТОМ ВТОРОЙ\n\nI.\n\nКонец.\n";
        let d = parse_str(text);
        let block = |t: &str| d.blocks.iter().position(|b| b.text == t).expect("block");
        let second = block("ТОМ ВТОРОЙ");
        // One entry for the whole book: the heading at its block is the
        // entry, the headings after it keep their levels relative to it.
        let o = Outline::of(&with_toc(text, &[(1, "Книга", 0)]));
        assert_eq!(
            titles(&o),
            vec![
                (1, "Книга"),
                (2, "I."),
                (2, "II."),
                (1, "ТОМ ВТОРОЙ"),
                (2, "I.")
            ]
        );
        // Fewer entries than top headings: merged, the headings before the
        // entry at their own levels.
        let o = Outline::of(&with_toc(text, &[(1, "Том 2", second)]));
        assert_eq!(
            titles(&o),
            vec![
                (1, "ТОМ ПЕРВЫЙ"),
                (2, "I."),
                (2, "II."),
                (1, "Том 2"),
                (2, "I.")
            ]
        );
        // An entry with no heading at its block: the headings after it nest
        // under it.
        let o = Outline::of(&with_toc(text, &[(1, "Предисловие", block("Текст."))]));
        assert_eq!(titles(&o)[2..4], [(1, "Предисловие"), (2, "II.")]);
        // As many entries as top headings: the table alone.
        let o = Outline::of(&with_toc(text, &[(1, "Том 1", 0), (1, "Том 2", second)]));
        assert_eq!(titles(&o), vec![(1, "Том 1"), (1, "Том 2")]);
    }

    #[test]
    fn empty_document_has_an_empty_outline() {
        assert!(Outline::of(&Document::default()).sections.is_empty());
    }
}
