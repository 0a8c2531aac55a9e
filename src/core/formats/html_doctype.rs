//! A DOCTYPE with an internal subset (`<!DOCTYPE x [ <!ENTITY …> ]>`, seen
//! in XHTML): html5ever ends the doctype at its first `>` and shows the
//! rest (`]>`) as text, which then becomes the title of a page without
//! headings. Before parsing, such a DOCTYPE (in the prolog: after an XML
//! declaration, comments and spaces) is written as `<!DOCTYPE html>`. Its
//! entities are not expanded (nor are they by HTML): no billion laughs, no
//! external files.

use std::borrow::Cow;

/// `text` with a prolog DOCTYPE that has an internal subset replaced by
/// `<!DOCTYPE html>`; borrowed when there is none. Linear in the text.
pub(super) fn drop_internal_subset(text: &str) -> Cow<'_, str> {
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        i += rest.len() - trimmed.len();
        let end = if trimmed.starts_with("<?") {
            trimmed.find("?>").map(|e| e + 2)
        } else if trimmed.starts_with("<!--") {
            trimmed.find("-->").map(|e| e + 3)
        } else {
            break;
        };
        match end {
            Some(e) => i += e,
            None => return Cow::Borrowed(text),
        }
    }
    let rest = &text[i..];
    if rest.len() < 9 || !rest.as_bytes()[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
        return Cow::Borrowed(text);
    }
    let Some(len) = doctype_with_subset(rest) else {
        return Cow::Borrowed(text);
    };
    Cow::Owned(format!("{}<!DOCTYPE html>{}", &text[..i], &rest[len..]))
}

/// The length of the DOCTYPE `rest` starts with, when it has an internal
/// subset (quoted values and comments in it passed over); all of `rest`
/// when it does not end.
fn doctype_with_subset(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut subset = None;
    let mut i = 9;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'') => {
                i += 1 + rest[i + 1..].find(q as char).unwrap_or(rest.len());
            }
            b'<' if subset.is_some() && rest[i..].starts_with("<!--") => {
                i += rest[i..].find("-->").map_or(rest.len(), |e| e + 3);
                continue;
            }
            b'[' if subset.is_none() => subset = Some(true),
            b']' if subset == Some(true) => subset = Some(false),
            b'>' if subset != Some(true) => return subset.map(|_| i + 1),
            _ => {}
        }
        i += 1;
    }
    subset.map(|_| rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_subset_is_dropped_with_its_doctype() {
        assert_eq!(
            drop_internal_subset(
                "\u{feff}<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE lolz [<!ENTITY lol \"l]>l\"><!-- ]> --><!ENTITY b '>'>\n]><html><p>&lol;</p></html>"
            ),
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE html><html><p>&lol;</p></html>"
        );
        let plain = r#"<!doctype html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "x.dtd"><p>[a]</p>"#;
        assert!(matches!(drop_internal_subset(plain), Cow::Borrowed(_)));
        assert!(matches!(
            drop_internal_subset("<p>x</p><!DOCTYPE x [ ]>"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            drop_internal_subset("<!DOCTYPE x [ <!ENTITY"),
            "<!DOCTYPE html>"
        );
    }

    #[test]
    fn an_html_page_with_an_internal_subset_shows_only_its_text() {
        let page = "<!DOCTYPE x [\n<!ENTITY e SYSTEM \"file:///etc/passwd\">\n]>\n<html><body><p>Текст &e;</p></body></html>";
        let d = super::super::html::parse_str(page);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Текст &e;"]);
    }
}
