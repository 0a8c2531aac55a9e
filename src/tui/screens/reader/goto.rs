//! Go to a place from one prompt (`:`): `50%` of the article, a line of the
//! layout (`:1200` or `1200`), or a section by its number in the outline
//! (`§3`, `s3`, `3.2`: the third top entry, its second child). A jump.

use super::Reader;
use crate::messages;
use crate::tui::session::Session;

/// Where the prompt says to go.
#[derive(Debug, Clone, PartialEq)]
pub enum GoTo {
    /// This far through the article's text, 0 to 100.
    Percent(f64),
    /// A line of the current layout, 1-based.
    Line(usize),
    /// A section by its numbers: top entry, then child, … (1-based).
    Section(Vec<usize>),
}

/// Digits only, as a number (none when empty, not digits, or too large).
fn number(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Read what was typed; the message to show when it is nothing known.
pub fn parse(typed: &str) -> Result<GoTo, String> {
    let t = typed.trim();
    let unknown = || messages::go_to_unknown(&messages::shown(t));
    if let Some(p) = t.strip_suffix('%') {
        let p = p.trim();
        let ok = !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && p.bytes().filter(|&b| b == b'.').count() <= 1
            && p.bytes().any(|b| b.is_ascii_digit());
        let v: f64 = if ok {
            p.parse().map_err(|_| unknown())?
        } else {
            return Err(unknown());
        };
        if !(0.0..=100.0).contains(&v) {
            return Err(messages::go_to_bad_percent(&messages::shown(t)));
        }
        return Ok(GoTo::Percent(v));
    }
    // ":" and its Russian-layout twin "Ж" before a line number.
    let line = t
        .strip_prefix(':')
        .or_else(|| t.strip_prefix('Ж'))
        .map(str::trim);
    if let Some(n) = line.map_or_else(|| number(t), number) {
        return if n == 0 {
            Err(unknown())
        } else {
            Ok(GoTo::Line(n))
        };
    }
    let section = ['§', 's', 'S', 'ы', 'Ы']
        .iter()
        .find_map(|c| t.strip_prefix(*c))
        .map(str::trim);
    let dotted = section.unwrap_or(t);
    if section.is_some() || dotted.contains('.') {
        let parts: Option<Vec<usize>> = dotted
            .trim_end_matches('.')
            .split('.')
            .map(|p| number(p.trim()).filter(|&n| n > 0))
            .collect();
        if let Some(parts) = parts.filter(|p| !p.is_empty() && p.len() <= 16) {
            return Ok(GoTo::Section(parts));
        }
    }
    Err(unknown())
}

impl Reader {
    /// Go where `to` says; the message when there is no such place.
    pub fn go_to_place(&mut self, to: &GoTo, ses: &Session) -> Result<(), String> {
        if self.go_to_while_loading(to) {
            return Ok(());
        }
        match to {
            GoTo::Percent(p) => {
                let total = self.doc.text_len();
                let offset = ((total as f64) * p / 100.0).round() as usize;
                let pos = self.doc.pos_at(offset.min(total));
                if *p >= 100.0 {
                    self.view.end(&self.doc);
                } else {
                    self.view.go_to(&self.doc, pos);
                }
            }
            GoTo::Line(n) => {
                let total = self.view.go_to_line(&self.doc, *n);
                if let Some(total) = total.filter(|&t| *n > t) {
                    return Err(messages::go_to_no_line(*n, total));
                }
            }
            GoTo::Section(parts) => {
                let i = self.section_numbered(parts).ok_or_else(|| {
                    let said: Vec<String> = parts.iter().map(usize::to_string).collect();
                    messages::go_to_no_section(&said.join("."))
                })?;
                let start = self.panel.outline.sections[i].start;
                self.view.go_to(&self.doc, start);
            }
        }
        self.changed_at = Some(std::time::Instant::now());
        self.link = None;
        self.follow_outline(ses);
        Ok(())
    }

    /// The outline entry numbered `parts` (the 3rd top entry, its 2nd child).
    /// A book's title standing alone before its parts (a top entry with
    /// nothing under it, when a later top entry has entries under it: «ВОЙНА
    /// И МИР» before «ТОМ ПЕРВЫЙ», «Бесы» before «Часть первая») is not
    /// counted: §1 is the first part, as the reader counts.
    fn section_numbered(&self, parts: &[usize]) -> Option<usize> {
        let sections = &self.panel.outline.sections;
        let top = sections.iter().map(|s| s.level).min()?;
        let tops: Vec<usize> = (0..sections.len())
            .filter(|&i| sections[i].level == top)
            .collect();
        let has_children = |i: usize| sections.get(i + 1).is_some_and(|s| s.level > top);
        let title_alone = tops.first().is_some_and(|&first| !has_children(first))
            && tops.iter().skip(1).any(|&i| has_children(i));
        // Entries between `from` and `to` at `level`, in order.
        let (mut from, mut to, mut level) = (0, sections.len(), top);
        let mut found = None;
        for (depth, &n) in parts.iter().enumerate() {
            let skip = usize::from(depth == 0 && title_alone);
            let i = (from..to)
                .filter(|&i| sections[i].level == level)
                .nth((n + skip).checked_sub(1)?)?;
            let end = (i + 1..to)
                .find(|&j| sections[j].level <= level)
                .unwrap_or(to);
            found = Some(i);
            (from, to, level) = (i + 1, end, level + 1);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_form() {
        assert_eq!(parse("50%"), Ok(GoTo::Percent(50.0)));
        assert_eq!(parse(" 12.5 % "), Ok(GoTo::Percent(12.5)));
        assert_eq!(parse("0%"), Ok(GoTo::Percent(0.0)));
        assert_eq!(parse("100%"), Ok(GoTo::Percent(100.0)));
        assert_eq!(parse(":1200"), Ok(GoTo::Line(1200)));
        assert_eq!(parse("1200"), Ok(GoTo::Line(1200)));
        assert_eq!(parse(": 7"), Ok(GoTo::Line(7)));
        assert_eq!(parse("Ж12"), Ok(GoTo::Line(12)), "the Russian-layout colon");
        assert_eq!(parse("§3"), Ok(GoTo::Section(vec![3])));
        assert_eq!(parse("s3"), Ok(GoTo::Section(vec![3])));
        assert_eq!(parse("ы3"), Ok(GoTo::Section(vec![3])), "s on ЙЦУКЕН");
        assert_eq!(parse("3.2"), Ok(GoTo::Section(vec![3, 2])));
        assert_eq!(parse("§1.2.3"), Ok(GoTo::Section(vec![1, 2, 3])));
        assert_eq!(parse("3."), Ok(GoTo::Section(vec![3])));
    }

    #[test]
    fn junk_is_said_not_guessed() {
        for junk in [
            "",
            "%",
            "-5%",
            "5%%",
            ".%",
            "1.2.3%",
            ":",
            "::5",
            "0",
            ":0",
            "§",
            "§0",
            "3..2",
            ".3",
            "-3",
            "+3",
            "1e3",
            "999999999999999999999",
            ":999999999999999999999",
            "§999999999999999999999",
            "пятьдесят",
            "٣",
            "３",
            "50% of it",
            "\u{1b}[31m",
        ] {
            let said = parse(junk).expect_err(junk);
            assert!(
                said.contains("go to what") || said.contains("0% to 100%"),
                "{junk:?}: {said}"
            );
            assert!(!said.contains('\u{1b}'), "escapes stay out of the message");
        }
        assert!(parse("150%").is_err_and(|m| m.contains("0% to 100%")));
        assert!(parse("100.5%").is_err());
    }
}
