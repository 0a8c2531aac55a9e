//! The words of a folded text as the index keeps them: runs of letters and
//! digits (as tantivy's simple tokenizer cuts them), each stemmed once, by
//! the Russian stemmer when it starts with a Cyrillic letter and by the
//! English one otherwise. One field of stems instead of a Russian and an
//! English field: half the postings, and the text cut into words once.
//!
//! The text is folded already (lower case, ё as е, accents gone: see
//! [`crate::core::fold`]), so nothing is lowercased here.

use std::borrow::Cow;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The tokenizer of the index's one text field and of the queries.
#[derive(Clone, Default)]
pub struct Words;

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            at: 0,
            token: Token::default(),
            ru: frostem::Stemmer::new(frostem::Algorithm::Russian),
            en: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The stems of a text, one after the other.
pub struct WordStream<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
    token: Token,
    ru: frostem::Stemmer,
    en: frostem::Stemmer,
}

/// A letter or digit, quickly for ASCII and Russian (most of the text).
fn in_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{430}'..='\u{44F}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

fn cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52F}').contains(&c)
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.at..];
        let Some((start, first)) = rest.char_indices().find(|&(_, c)| in_word(c)) else {
            self.at = self.text.len();
            return false;
        };
        let from = self.at + start;
        let len = self.text[from..]
            .char_indices()
            .find(|&(_, c)| !in_word(c))
            .map_or(self.text.len() - from, |(i, _)| i);
        let to = from + len;
        self.at = to;
        let word = &self.text[from..to];
        let stemmer = if cyrillic(first) { &self.ru } else { &self.en };
        self.token.text.clear();
        match stemmer.stem(word) {
            Cow::Borrowed(s) => self.token.text.push_str(s),
            Cow::Owned(s) => self.token.text = s,
        }
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut w = Words;
        let mut ts = w.token_stream(text);
        let mut out = Vec::new();
        while ts.advance() {
            let t = ts.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn words_cut_and_stemmed_by_their_script() {
        assert_eq!(
            stems("сотрудничества, cooperation 42 — ўзбек"),
            vec![
                ("сотрудничеств".to_string(), 0, 28, 0),
                ("cooper".to_string(), 30, 41, 1),
                ("42".to_string(), 42, 44, 2),
                ("ўзбек".to_string(), 49, 59, 3),
            ]
        );
        assert!(stems("  — … ").is_empty());
        assert!(stems("").is_empty());
    }
}
