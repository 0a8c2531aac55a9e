//! Anchors for bookmarks and notes that survive edits of the article: the
//! exact quote, ~32 characters of context either side, the positions, and a
//! hash of the text. Re-anchoring, in order: the text is unchanged → keep;
//! else the copies of the exact quote (or, failing that, of the folded quote,
//! or else close matches: a typo fixed, white space changed) are weighed by
//! how well their surroundings match the stored context, then by staying at
//! the old in-block offset, then by nearness; the best is taken only if its
//! context is convincing (still at its old place → exact). Else the mark is
//! detached: kept and shown with its quote, never put on a wrong passage.

use crate::core::document::{Document, Pos};
use crate::core::fold::Folded;
use crate::core::library::article_id;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Characters of context kept on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;
/// Least similarity (0..1) for a fuzzy match to be trusted.
pub const FUZZY_THRESHOLD: f64 = 0.85;
/// Least similarity (0..1) of the text around a found copy of the quote to
/// the stored context for the copy to be taken as the passage. One side of
/// the context intact is enough (an edit next to the passage changes the
/// other); two unrelated contexts score about 0.2–0.35.
pub const MIN_CONTEXT: f64 = 0.5;
/// Copies of the quote whose context scores are this close to the best one's
/// are rivals it cannot be told from by context alone.
pub const AMBIGUITY_MARGIN: f64 = 0.1;

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
        Anchor::new_in(doc, &text, &article_id(text.as_bytes()), start, end)
    }

    /// [`Anchor::new`] with the document's canonical text and its hash at
    /// hand (re-anchoring many marks of one article).
    pub fn new_in(doc: &Document, text: &str, text_hash: &str, start: Pos, end: Pos) -> Anchor {
        let (a, b) = (doc.text_offset(start), doc.text_offset(end));
        let (a, b) = (char_floor(text, a.min(b)), char_floor(text, a.max(b)));
        Anchor {
            start: doc.pos_at(a),
            end: doc.pos_at(b),
            quote: text[a..b].to_string(),
            prefix: tail_chars(&text[..a], CONTEXT_CHARS).to_string(),
            suffix: head_chars(&text[b..], CONTEXT_CHARS).to_string(),
            text_hash: text_hash.to_string(),
        }
    }

    /// Find the passage again in `doc` (perhaps edited since).
    ///
    /// Every copy of the quote (exact, else folded, else a close match) is a
    /// candidate; the one whose surroundings best match the stored context
    /// wins. A copy is taken only if its context is at least [`MIN_CONTEXT`]
    /// alike: the quote at its old offset or a unique copy elsewhere is not
    /// enough (a short quote such as «и» is everywhere, and the passage may
    /// have been deleted). Copies within [`AMBIGUITY_MARGIN`] of the best are
    /// told apart only by one of them being at the stored in-block offset.
    /// When unsure, the anchor is detached.
    pub fn place(&self, doc: &Document) -> Placed {
        let text = doc.canonical_text();
        self.place_in(doc, &text, &article_id(text.as_bytes()))
    }

    /// [`Anchor::place`] with the document's canonical text and its hash
    /// already at hand (placing many marks in one long article).
    pub fn place_in(&self, doc: &Document, text: &str, text_hash: &str) -> Placed {
        let at = |a: usize, b: usize| Some((doc.pos_at(a), doc.pos_at(b)));
        // Unchanged text: the stored place is right.
        if text_hash == self.text_hash && !self.quote.is_empty() {
            return Placed {
                found: Found::Exact,
                range: at(doc.text_offset(self.start), doc.text_offset(self.end)),
            };
        }
        let detached = Placed {
            found: Found::Detached,
            range: None,
        };
        if self.quote.is_empty() {
            return detached;
        }
        let old = doc.text_offset(self.start);
        let exact: Vec<Range<usize>> = text
            .match_indices(self.quote.as_str())
            .map(|(i, _)| i..i + self.quote.len())
            .collect();
        let pick = |candidates: Vec<Range<usize>>, found: Found| {
            self.choose(doc, text, candidates).map(|r| {
                r.map(|r| Placed {
                    // Still at its old place: exact.
                    found: if r.start == old && text[r.clone()] == *self.quote {
                        Found::Exact
                    } else {
                        found
                    },
                    range: at(r.start, r.end),
                })
            })
        };
        // The exact quote; else the folded quote (case, ё, accents, white
        // space, line ends); else a close match (the quote edited a little).
        // A copy of the exact quote with the wrong context (the passage was
        // edited, another copy stayed) does not stop the search.
        let decided = pick(exact, Found::Moved).or_else(|| {
            let folded_text = Folded::new(text);
            let q = Folded::new(&self.quote).text;
            let folded: Vec<Range<usize>> = folded_text
                .text
                .match_indices(q.as_str())
                .map(|(i, _)| folded_text.original_range(i..i + q.len()))
                .collect();
            pick(folded, Found::Moved).or_else(|| pick(self.fuzzy(&folded_text, &q), Found::Fuzzy))
        });
        decided.flatten().unwrap_or(detached)
    }

    /// The candidate range of `text` that is the passage: `None` when no
    /// candidate's context is convincing, `Some(None)` when several are and
    /// they cannot be told apart.
    fn choose(
        &self,
        doc: &Document,
        text: &str,
        candidates: Vec<Range<usize>>,
    ) -> Option<Option<Range<usize>>> {
        let old = doc.text_offset(self.start);
        let mut ranked: Vec<(f64, bool, usize, Range<usize>)> = candidates
            .into_iter()
            .map(|r| {
                let score = self.context_score(text, r.start, r.end);
                let same_offset = doc.pos_at(r.start).offset == self.start.offset;
                (score, same_offset, usize::abs_diff(r.start, old), r)
            })
            .collect();
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)));
        let top = ranked.first().map(|c| c.0).filter(|&s| s >= MIN_CONTEXT)?;
        // Copies whose context is about as good are rivals: the one still at
        // its old in-block offset (its paragraph only moved) is taken, else
        // it cannot be told which is the passage.
        let rivals: Vec<&(f64, bool, usize, Range<usize>)> = ranked
            .iter()
            .take_while(|c| c.0 >= top - AMBIGUITY_MARGIN)
            .collect();
        let chosen = match rivals.as_slice() {
            [one] => Some(one.3.clone()),
            _ => match rivals.iter().filter(|c| c.1).collect::<Vec<_>>().as_slice() {
                [one] => Some(one.3.clone()),
                _ => None,
            },
        };
        Some(chosen)
    }

    /// How well the text around `a..b` matches the stored context, 0..1.
    fn context_score(&self, text: &str, a: usize, b: usize) -> f64 {
        let before = tail_chars(&text[..a], CONTEXT_CHARS);
        let after = head_chars(&text[b..], CONTEXT_CHARS);
        (strsim::normalized_levenshtein(before, &self.prefix)
            + strsim::normalized_levenshtein(after, &self.suffix))
            / 2.0
    }

    /// Windows of the folded text close to the folded quote `q` (at least
    /// [`FUZZY_THRESHOLD`] alike), found from where its first or last words
    /// appear; the best window for each start, as ranges of the original text.
    fn fuzzy(&self, f: &Folded, q: &str) -> Vec<Range<usize>> {
        let qn = q.chars().count();
        if qn < 8 {
            return Vec::new();
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
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = Vec::new();
        for start in candidates {
            let mut best: Option<(f64, Range<usize>)> = None;
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
            if let Some((score, r)) = best
                && score >= FUZZY_THRESHOLD
            {
                out.push(f.original_range(r));
            }
        }
        out
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

    #[test]
    fn a_short_quote_at_its_old_offset_in_other_text_is_not_exact() {
        // The note is on «и» in the first paragraph; that paragraph is replaced
        // by another one that has an «и» at the very same offset.
        let old = "Первый абзац, и в нём слово.\n\nВторой абзац про погоду.\n";
        let d = parse_str(old);
        let a = passage(&d, "и");
        let new = "Другой текст, и тут иначе совсем.\n\nВторой абзац про погоду.\n";
        let e = parse_str(new);
        assert_eq!(
            e.canonical_text().get(a.start.offset..a.end.offset),
            Some("и")
        );
        assert_eq!(a.place(&e).found, Found::Detached);
    }

    #[test]
    fn a_short_quote_of_a_deleted_paragraph_is_not_moved_to_another_copy() {
        let d = parse_str(ARTICLE);
        let text = d.canonical_text();
        // «о» in «Первый абзац о погоде»; «Последний абзац о будущем» stays.
        let i = text.find("абзац о погоде").expect("in text") + "абзац ".len();
        let a = Anchor::new(&d, d.pos_at(i), d.pos_at(i + "о".len()));
        let cut = ARTICLE.replace("Первый абзац о погоде и природе.\n\n", "");
        let e = parse_str(&cut);
        assert!(e.canonical_text().contains("абзац о будущем"));
        assert_eq!(a.place(&e).found, Found::Detached);
    }

    #[test]
    fn a_typo_in_one_copy_is_found_though_another_copy_is_exact() {
        let twice = format!("{ARTICLE}\nСовсем другое: {QUOTE} важно для всех нас.\n");
        let d = parse_str(&twice);
        let a = passage(&d, QUOTE); // the first copy
        let typo = twice.replacen("сотрудничества", "сотрудничесва", 1);
        let e = parse_str(&typo);
        let p = a.place(&e);
        assert_eq!(p.found, Found::Fuzzy);
        let (start, _) = p.range.expect("placed");
        let text = e.canonical_text();
        assert!(text[..e.text_offset(start)].ends_with("значительное внимание "));
    }
}
