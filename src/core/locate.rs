//! A place in an article found again by its words: the reading position
//! keeps the words at the top of the screen (a [`quote_at`]), so that the
//! same passage is found in another parse of the file: the part of a long
//! file shown while the whole of it is read, or the whole once it is read
//! (see [`crate::core::preview`]).
//!
//! Words are compared by their letters (and ASCII digits) alone, lower
//! case, ё as е: a part of
//! a file parsed on its own may differ from the whole in what is put right
//! across the whole file (lib.ru's „ for ё, note markers, spacing).

use crate::core::document::{Document, Pos};

/// Letters a quote keeps: enough to tell one passage of a long book from
/// another.
pub const QUOTE_LETTERS: usize = 48;

/// Blocks looked at on each side of the block a place is expected in.
pub const SEARCH_BLOCKS: usize = 4000;

fn fold_letter(c: char) -> Option<char> {
    // lib.ru's „ for ё (see `formats::yo`): put right in a whole book, maybe
    // not in a part of it; as е on both sides, they compare equal.
    if c == '„' {
        return Some('е');
    }
    // Digits count (numbered paragraphs, dates); superscript note markers do not.
    if !(c.is_alphabetic() || c.is_ascii_digit()) {
        return None;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(if lower == 'ё' { 'е' } else { lower })
}

/// The letters of `text` folded (see the module), each with the byte offset
/// in `text` of the character it came from.
fn letters(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut at = Vec::new();
    for (i, c) in text.char_indices() {
        if let Some(l) = fold_letter(c) {
            out.push(l);
            at.push(i);
        }
    }
    (out, at)
}

/// Is `quote` in `text` (raw text, its lines and markup as they come: only
/// the letters are compared)? A quick look before a part is parsed.
pub fn letters_contain(text: &str, quote: &str) -> bool {
    let (want, _) = letters(quote);
    !want.is_empty() && letters(text).0.contains(&want)
}

/// The words at `pos` (the text from there, on into the blocks after it
/// while it is short): what [`find`] looks for. Empty for an empty article.
pub fn quote_at(doc: &Document, pos: Pos) -> String {
    let mut out = String::new();
    let mut count = 0;
    for (i, b) in doc.blocks.iter().enumerate().skip(pos.block) {
        let from = if i == pos.block {
            b.text.get(pos.offset..).unwrap_or("")
        } else {
            out.push('\n');
            &b.text
        };
        for c in from.chars() {
            out.push(c);
            if fold_letter(c).is_some() {
                count += 1;
                if count >= QUOTE_LETTERS {
                    return out;
                }
            }
        }
    }
    out
}

/// Where `quote` (see [`quote_at`]) starts in `doc`, looking at the blocks
/// nearest `near` first, at most [`SEARCH_BLOCKS`] on each side. None when
/// it is not there (or has too few letters to tell).
pub fn find(doc: &Document, quote: &str, near: usize) -> Option<Pos> {
    let (want, _) = letters(quote);
    if want.chars().count() < 8 || doc.blocks.is_empty() {
        return None;
    }
    let near = near.min(doc.blocks.len() - 1);
    let lo = near.saturating_sub(SEARCH_BLOCKS);
    let hi = (near + SEARCH_BLOCKS).min(doc.blocks.len() - 1);
    // near, near+1, near-1, near+2, ...
    let order = (0..=SEARCH_BLOCKS).flat_map(|d| {
        let down = (d > 0 && near >= lo + d).then(|| near - d);
        let up = (near + d <= hi).then_some(near + d);
        up.into_iter().chain(down)
    });
    for b in order {
        if let Some(pos) = starts_in(doc, b, &want) {
            return Some(pos);
        }
    }
    None
}

/// Where `want` (folded letters) starts within block `b`, reading on into
/// the blocks after it.
fn starts_in(doc: &Document, b: usize, want: &str) -> Option<Pos> {
    let (mut text, at) = letters(&doc.blocks[b].text);
    let own = at.len();
    // The first letter must be in this block: a quick no for most blocks.
    let first = want.chars().next()?;
    if !text.contains(first) {
        return None;
    }
    let need = want.chars().count();
    let (mut have, mut next) = (own, b + 1);
    while have < own + need && next < doc.blocks.len() {
        let (more, at) = letters(&doc.blocks[next].text);
        text.push_str(&more);
        have += at.len();
        next += 1;
    }
    for (char_idx, (byte_idx, _)) in text.char_indices().enumerate().take(own) {
        if text[byte_idx..].starts_with(want) {
            return Some(Pos::new(b, at[char_idx]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text;

    fn doc(s: &str) -> Document {
        text::parse_str(s)
    }

    #[test]
    fn a_quote_is_found_again_in_another_parse() {
        let a = doc(
            "Первый абзац, короткий.\n\nВторой абзац: Ещё одна длинная фраза, в которой много слов подряд и ещё больше.\n\nТретий.",
        );
        let pos = Pos::new(1, "Второй абзац: ".len());
        let q = quote_at(&a, pos);
        assert!(q.starts_with("Ещё одна"));
        // The same text with „ for ё and other spacing, one block more first.
        let b = doc(
            "Заголовок\n\nПервый абзац, короткий.\n\nВторой абзац:   Ещ„¹ одна длинная фраза, в которой много слов подряд и ещё больше.\n\nТретий.",
        );
        let found = find(&b, &q, 0).expect("found");
        assert_eq!(found.block, 2);
        assert!(b.blocks[2].text[found.offset..].starts_with("Ещ"));
    }

    #[test]
    fn the_nearest_of_two_copies_wins() {
        let para = "Одна и та же фраза, повторённая дважды в книге, слово в слово.";
        let text = format!("{para}\n\nМежду ними.\n\n{para}\n\nКонец.");
        let d = doc(&text);
        let q = quote_at(&d, Pos::new(0, 0));
        assert_eq!(find(&d, &q, 0).map(|p| p.block), Some(0));
        assert_eq!(find(&d, &q, 2).map(|p| p.block), Some(2));
    }

    #[test]
    fn a_quote_runs_on_past_a_short_block() {
        let d = doc(
            "ГЛАВА I\n\nТекст главы, в котором достаточно букв для того, чтобы узнать место.\n\nГЛАВА I\n\nДругой текст главы, в котором тоже хватает букв.",
        );
        let q = quote_at(&d, Pos::new(2, 0));
        assert_eq!(find(&d, &q, 0), Some(Pos::new(2, 0)));
    }

    #[test]
    fn what_is_not_there_is_not_found() {
        let d = doc("Один абзац текста.\n\nДругой абзац текста.");
        assert_eq!(find(&d, "Совсем другие слова, которых нет", 0), None);
        assert_eq!(find(&d, "", 0), None);
        assert_eq!(find(&Document::default(), "Совсем другие слова", 0), None);
    }
}
