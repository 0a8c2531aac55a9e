//! The words of a folded text as the index keeps them: runs of letters and
//! digits (as tantivy's simple tokenizer cuts them), each stemmed once, by
//! the Russian stemmer when it starts with a Cyrillic letter and by the
//! English one otherwise. One field of stems instead of a Russian and an
//! English field: half the postings, and the text cut into words once.
//!
//! The text is folded already (lower case, ё as е, accents gone: see
//! [`crate::core::fold`]), so nothing is lowercased here.

use std::borrow::Cow;
use std::collections::HashMap;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Stems kept: words repeat (a few thousand make most of a text), and a
/// look-up is several times quicker than the stemmer.
const KEPT_STEMS: usize = 100_000;

/// The tokenizer of the index's one text field and of the queries. It keeps
/// the stems it made (each indexing thread has its own clone).
#[derive(Clone, Default)]
pub struct Words {
    stems: HashMap<Box<str>, Box<str>>,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        if self.stems.len() > KEPT_STEMS {
            self.stems.clear();
        }
        WordStream {
            text,
            at: 0,
            token: Token::default(),
            stems: &mut self.stems,
        }
    }
}

/// The stems of a text, one after the other.
pub struct WordStream<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
    token: Token,
    stems: &'a mut HashMap<Box<str>, Box<str>>,
}

/// The stem of `word`: Russian for a Cyrillic word, else English.
fn stem(word: &str, first: char) -> Box<str> {
    let algorithm = if cyrillic(first) {
        frostem::Algorithm::Russian
    } else {
        frostem::Algorithm::English
    };
    match frostem::Stemmer::new(algorithm).stem(word) {
        Cow::Borrowed(s) => s.into(),
        Cow::Owned(s) => s.into(),
    }
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
        self.token.text.clear();
        match self.stems.get(word) {
            Some(s) => self.token.text.push_str(s),
            None => {
                let s = stem(word, first);
                self.token.text.push_str(&s);
                self.stems.insert(word.into(), s);
            }
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
        let mut w = Words::default();
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
