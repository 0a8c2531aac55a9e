//! Anchors for bookmarks and notes that survive edits of the article: the
//! exact quote, ~32 characters of context either side, the positions, and a
//! hash of the text. Re-anchoring, in order: the text is unchanged → keep;
//! the quote is still at its place → keep; the exact quote elsewhere → the
//! best by context and nearness; a close match (typo fixed, white space
//! changed) → move there; else the mark is detached: kept and shown with its
//! quote, never put on a wrong passage.

use crate::core::document::{Document, Pos};
use crate::core::fold::Folded;
use crate::core::library::article_id;
use serde::{Deserialize, Serialize};

/// Characters of context kept on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;
/// Least similarity (0..1) for a fuzzy match to be trusted.
pub const FUZZY_THRESHOLD: f64 = 0.85;

/// Where a passage is, and how to find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Start of the passage.
    pub start: Pos,
    /// End of the passage.
    pub end: Pos,
    /// The passage's exact text.
    pub quote: String,
    /// Text just before it.
    pub prefix: String,
    /// Text just after it.
    pub suffix: String,
    /// Hash of the whole canonical text when the anchor was made.
    pub text_hash: String,
}

/// How an anchor was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// At its stored place.
    Exact,
    /// The same quote, elsewhere.
    Moved,
    /// A close match (the quote was edited a little).
    Fuzzy,
    /// Nothing convincing: kept, but not placed.
    Detached,
}

/// The result of re-anchoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// How it was found.
    pub found: Found,
    /// Where, unless detached.
    pub range: Option<(Pos, Pos)>,
}

fn char_floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

impl Anchor {
    /// An anchor for the passage `start..end` of `doc`.
    pub fn new(doc: &Document, start: Pos, end: Pos) -> Anchor {
        let text = doc.canonical_text();
        let (a, b) = (doc.text_offset(start), doc.text_offset(end));
        let (a, b) = (char_floor(&text, a.min(b)), char_floor(&text, a.max(b)));
        Anchor {
            start: doc.pos_at(a),
            end: doc.pos_at(b),
            quote: text[a..b].to_string(),
            prefix: tail_chars(&text[..a], CONTEXT_CHARS).to_string(),
            suffix: head_chars(&text[b..], CONTEXT_CHARS).to_string(),
            text_hash: article_id(text.as_bytes()),
        }
    }

    /// Find the passage again in `doc` (perhaps edited since).
    pub fn place(&self, doc: &Document) -> Placed {
        let text = doc.canonical_text();
        let at = |a: usize, b: usize| Some((doc.pos_at(a), doc.pos_at(b)));
        let old = doc.text_offset(self.start);
        // Unchanged text (same hash), or the quote still at its place.
        let still_there = text.get(old..old + self.quote.len()) == Some(self.quote.as_str());
        if still_there || (article_id(text.as_bytes()) == self.text_hash && !self.quote.is_empty())
        {
            return Placed {
                found: Found::Exact,
                range: at(old, doc.text_offset(self.end)),
            };
        }
        if self.quote.is_empty() {
            return Placed {
                found: Found::Detached,
                range: None,
            };
        }
        // The exact quote elsewhere: the best by context, then nearness.
        let best = text
            .match_indices(self.quote.as_str())
            .map(|(i, _)| {
                (
                    self.context_score(&text, i, i + self.quote.len()),
                    usize::abs_diff(i, old),
                    i,
                )
            })
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        if let Some((_, _, i)) = best {
            return Placed {
                found: Found::Moved,
                range: at(i, i + self.quote.len()),
            };
        }
        // The quote folded (case, ё, accents, white space, line ends) or edited a little.
        let folded_text = Folded::new(&text);
        let q = Folded::new(&self.quote).text;
        if let Some(i) = folded_text.text.find(q.as_str()) {
            let r = folded_text.original_range(i..i + q.len());
            return Placed {
                found: Found::Moved,
                range: at(r.start, r.end),
            };
        }
        match self.fuzzy(&folded_text, &q) {
            Some(r) => Placed {
                found: Found::Fuzzy,
                range: at(r.start, r.end),
            },
            None => Placed {
                found: Found::Detached,
                range: None,
            },
        }
    }

    /// How well the text around `a..b` matches the stored context, 0..1.
    fn context_score(&self, text: &str, a: usize, b: usize) -> f64 {
        let before = tail_chars(&text[..a], CONTEXT_CHARS);
        let after = head_chars(&text[b..], CONTEXT_CHARS);
        (strsim::normalized_levenshtein(before, &self.prefix)
            + strsim::normalized_levenshtein(after, &self.suffix))
            / 2.0
    }

    /// A window of the folded text close to the folded quote `q`, found from
    /// where its first or last words appear; only above [`FUZZY_THRESHOLD`].
    fn fuzzy(&self, f: &Folded, q: &str) -> Option<std::ops::Range<usize>> {
        let qn = q.chars().count();
        if qn < 8 {
            return None;
        }
        let head = head_chars(q, 12.min(qn / 2));
        let tail = tail_chars(q, 12.min(qn / 2));
        let text = &f.text;
        let mut candidates: Vec<usize> = text.match_indices(head).map(|(i, _)| i).collect();
        for (i, _) in text.match_indices(tail) {
            // The window ending with the tail starts about a quote's length earlier.
            let end = i + tail.len();
            let start = text[..end]
                .char_indices()
                .rev()
                .nth(qn.saturating_sub(1))
                .map_or(0, |(j, _)| j);
            candidates.push(start);
        }
        let mut best: Option<(f64, std::ops::Range<usize>)> = None;
        for start in candidates {
            // Try windows a little shorter and longer than the quote.
            for len in [qn, qn * 95 / 100, qn * 105 / 100, qn * 9 / 10, qn * 11 / 10] {
                let end = text[start..]
                    .char_indices()
                    .nth(len)
                    .map_or(text.len(), |(j, _)| start + j);
                let score = strsim::normalized_levenshtein(&text[start..end], q);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, start..end));
                }
            }
        }
        best.filter(|(s, _)| *s >= FUZZY_THRESHOLD)
            .map(|(_, r)| f.original_range(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    const ARTICLE: &str = "Заголовок статьи\n\nПервый абзац о погоде и природе.\n\n\
        Узбекистан уделяет значительное внимание укреплению сотрудничества с Японией, \
        рассматривая ее как надежного партнера.\n\nПоследний абзац о будущем.\n";

    fn passage(doc: &Document, quote: &str) -> Anchor {
        let text = doc.canonical_text();
        let a = text.find(quote).expect("quote in text");
        Anchor::new(doc, doc.pos_at(a), doc.pos_at(a + quote.len()))
    }

    fn quoted(doc: &Document, p: &Placed) -> Option<String> {
        let (a, b) = p.range?;
        Some(doc.canonical_text()[doc.text_offset(a)..doc.text_offset(b)].to_string())
    }

    const QUOTE: &str = "укреплению сотрудничества с Японией";

    #[test]
    fn unchanged_text_keeps_the_place() {
        let d = parse_str(ARTICLE);
        let a = passage(&d, QUOTE);
        assert_eq!(a.quote, QUOTE);
        assert!(a.prefix.ends_with("значительное внимание "));
        let p = a.place(&d);
        assert_eq!(p.found, Found::Exact);
        assert_eq!(quoted(&d, &p).as_deref(), Some(QUOTE));
    }

    #[test]
    fn paragraphs_inserted_before_move_it() {
        let d = parse_str(ARTICLE);
        let a = passage(&d, QUOTE);
        let edited = ARTICLE.replace(
            "Первый абзац",
            "Новый абзац.\n\nЕщё один новый абзац.\n\nПервый абзац",
        );
        let e = parse_str(&edited);
        let p = a.place(&e);
        assert_eq!(p.found, Found::Moved);
        assert_eq!(quoted(&e, &p).as_deref(), Some(QUOTE));
    }

    #[test]
    fn a_typo_fixed_inside_the_quote_is_a_fuzzy_match() {
        let typo = ARTICLE.replace("сотрудничества", "сотрудничесва");
        let d = parse_str(&typo);
        let a = passage(&d, "укреплению сотрудничесва с Японией");
        let e = parse_str(ARTICLE);
        let p = a.place(&e);
        assert_eq!(p.found, Found::Fuzzy);
        let got = quoted(&e, &p).expect("placed");
        assert!(got.contains("сотрудничества с Японией"), "{got}");
    }

    #[test]
    fn deleted_passage_is_detached_not_misplaced() {
        let d = parse_str(ARTICLE);
        let a = passage(&d, QUOTE);
        let cut = ARTICLE.replace(
            "Узбекистан уделяет значительное внимание укреплению сотрудничества с Японией, рассматривая ее как надежного партнера.\n\n",
            "",
        );
        let p = a.place(&parse_str(&cut));
        assert_eq!(
            p,
            Placed {
                found: Found::Detached,
                range: None
            }
        );
    }

    #[test]
    fn crlf_and_rewrapping_keep_it() {
        let d = parse_str(ARTICLE);
        let a = passage(&d, QUOTE);
        let crlf = parse_str(&ARTICLE.replace('\n', "\r\n"));
        assert_eq!(quoted(&crlf, &a.place(&crlf)).as_deref(), Some(QUOTE));
        // Hard-wrapped, with the quote split over two lines.
        let wrapped = ARTICLE.replace("укреплению сотрудничества", "укреплению\nсотрудничества");
        let w = parse_str(&wrapped);
        let p = a.place(&w);
        assert_ne!(p.found, Found::Detached);
        assert!(quoted(&w, &p).is_some_and(|q| q.contains("сотрудничества с Японией")));
    }

    #[test]
    fn the_best_copy_by_context_wins() {
        let twice =
            format!("{ARTICLE}\nДругой абзац: укреплению сотрудничества с Японией служит всё.\n");
        let d = parse_str(&twice);
        let a = passage(&d, QUOTE); // the first copy, after «значительное внимание»
        let moved = parse_str(&format!("Вставка.\n\n{twice}"));
        let p = a.place(&moved);
        assert_eq!(p.found, Found::Moved);
        let (start, _) = p.range.expect("placed");
        let text = moved.canonical_text();
        assert!(text[..moved.text_offset(start)].ends_with("значительное внимание "));
    }
}
