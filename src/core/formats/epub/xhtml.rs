//! XHTML read by an HTML parser: an HTML parser takes `<a id="p1"/>` or
//! `<title/>` as a start tag with no end (a `<title/>` then swallows the
//! whole page as its text). Self-closed elements other than the void ones
//! are written out as a start and an end tag first.

/// Elements that have no end tag in HTML: kept self-closed.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `text` with every `<name .../>` that is not a void element written as
/// `<name ...></name>`; comments, CDATA and quoted attribute values are
/// passed over. Linear in the text.
pub(super) fn expand_self_closing(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            i += rest.find("]]>").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let name_len = rest[1..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_'))
            .count();
        if name_len == 0 || !rest.as_bytes()[1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        // Find the tag's end, passing over quoted values.
        let mut j = i + 1 + name_len;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (Some(q), c) if c == q => quote = None,
                (None, b'"' | b'\'') => quote = Some(b[j]),
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        let name = &text[i + 1..i + 1 + name_len];
        if j > 0 && b[j - 1] == b'/' && !VOID.contains(&name.to_ascii_lowercase().as_str()) {
            out.push_str(&text[copied..j - 1]);
            out.push_str("></");
            out.push_str(name);
            out.push('>');
            copied = j + 1;
        }
        i = j + 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_closed_elements_get_end_tags() {
        assert_eq!(
            expand_self_closing(
                r#"<title/><p>Текст<a id="p1"/> и<br/> <img src="a/b.png" alt="x/>y"/></p><!-- <c/> -->"#
            ),
            r#"<title></title><p>Текст<a id="p1"></a> и<br/> <img src="a/b.png" alt="x/>y"/></p><!-- <c/> -->"#
        );
        assert_eq!(expand_self_closing("a < b <"), "a < b <");
        assert_eq!(expand_self_closing("<p a='/>"), "<p a='/>");
    }
}
