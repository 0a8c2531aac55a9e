//! Queries and snippets of the library index: a query folded as the text
//! was, its stems, and the snippet of a hit with the query's words marked.

use super::analyzer;
use crate::core::fold::Folded;
use std::ops::Range;

/// Fold a query the way the text was folded, keeping quotes for phrases and
/// leaving out characters that mean something to the query parser.
pub(super) fn fold_query(query: &str) -> String {
    let cleaned: String = query
        .chars()
        .map(|c| {
            if c == '"'
                || c.is_alphanumeric()
                || c.is_whitespace()
                || matches!(c, '\u{300}'..='\u{36F}' | '\u{AD}')
            {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut out = String::new();
    for (n, part) in cleaned.split('"').enumerate() {
        if n > 0 {
            out.push('"');
        }
        out.push_str(&Folded::new(part).text);
        if n % 2 == 0 && n > 0 {
            out.push(' ');
        }
    }
    // An odd number of quotes would be a parse error: drop a lone one.
    if out.matches('"').count() % 2 == 1 {
        out = out.replace('"', " ");
    }
    out
}

/// What to look for inside an article opened from a library hit, so that
/// `n` goes through the same word forms: the phrase, for a quoted query;
/// else the stem of the first word («сотрудничеств» for «сотрудничествами»),
/// which is a prefix of every form of it.
pub fn in_article_query(query: &str) -> String {
    let folded = fold_query(query);
    if let Some(phrase) = folded.split('"').nth(1).filter(|p| !p.trim().is_empty()) {
        return phrase.trim().to_string();
    }
    let first = folded.split_whitespace().next().unwrap_or("");
    let mut a = analyzer();
    let mut ts = a.token_stream(first);
    let stem = if ts.advance() {
        ts.token().text.clone()
    } else {
        String::new()
    };
    if stem.is_empty() {
        first.to_string()
    } else {
        stem
    }
}

/// The stems of the query's words.
pub(super) fn query_stems(folded: &str) -> Vec<String> {
    let mut stems = Vec::new();
    let mut a = analyzer();
    let mut ts = a.token_stream(folded);
    while ts.advance() {
        stems.push(ts.token().text.clone());
    }
    stems.sort();
    stems.dedup();
    stems
}

/// Columns of text around the first matched word in a snippet.
const SNIPPET_CHARS: usize = 160;

/// A snippet of `text` around its first word whose stem is in `stems`, the
/// matched words' ranges in the snippet, and the first match's offset in `text`.
pub(super) fn snippet(text: &str, stems: &[String]) -> (String, Vec<Range<usize>>, usize) {
    let folded = Folded::new(text);
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut a = analyzer();
    let mut ts = a.token_stream(&folded.text);
    while ts.advance() {
        let t = ts.token();
        if stems.contains(&t.text) {
            found.push(folded.original_range(t.offset_from..t.offset_to));
        }
    }
    found.sort_by_key(|r| r.start);
    found.dedup();
    let first = found.first().map_or(0, |r| r.start);
    // A window of about SNIPPET_CHARS characters, starting a little before
    // the hit, cut at spaces (so never inside a word or a grapheme).
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let at = starts.partition_point(|&i| i < first);
    let mut from = starts[at.saturating_sub(SNIPPET_CHARS / 4)];
    let mut to =
        starts[(at.saturating_sub(SNIPPET_CHARS / 4) + SNIPPET_CHARS).min(starts.len() - 1)];
    if from > 0 {
        // Start after the first white space in the lead-in (NBSP is two bytes).
        let lead = text.get(from..first.max(from)).unwrap_or("");
        from = lead
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(from, |(i, c)| from + i + c.len_utf8())
            .min(first);
    }
    if to < text.len() {
        to = text[..to]
            .rfind(char::is_whitespace)
            .filter(|&i| i > first)
            .unwrap_or(to);
    }
    let snip = &text[from..to];
    let marks = found
        .into_iter()
        .filter(|r| r.start >= from && r.end <= to)
        .map(|r| r.start - from..r.end - from)
        .collect();
    (snip.replace('\n', " "), marks, first)
}
