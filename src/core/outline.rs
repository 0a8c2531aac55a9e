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
    /// The outline of `doc`.
    pub fn of(doc: &Document) -> Outline {
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

    #[test]
    fn empty_document_has_an_empty_outline() {
        assert!(Outline::of(&Document::default()).sections.is_empty());
    }
}
