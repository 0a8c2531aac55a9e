//! The book's own table of contents: an EPUB 3 nav document (the `nav`
//! marked `epub:type="toc"`, nested `ol`s) or an EPUB 2 NCX (nested
//! `navPoint`s), as entries with their depth, title and target key.

use super::xml::{Ev, attr, read};
use crate::core::formats::html_guard::parse_document;
use crate::core::formats::html_links::resolve;
use scraper::{ElementRef, Selector};

/// One entry: depth (1 = top), title, and the key of its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) level: u8,
    pub(super) title: String,
    pub(super) target: String,
}

fn level(depth: usize) -> u8 {
    u8::try_from(depth.max(1)).unwrap_or(u8::MAX)
}

/// The entries of an NCX at `path`.
pub(super) fn ncx(path: &str, text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut in_label = false;
    let mut label = String::new();
    read(text, |ev| match ev {
        Ev::Start(name, attrs) => match name.as_str() {
            "navPoint" => {
                depth += 1;
                label.clear();
            }
            "navLabel" => in_label = true,
            "content" if depth > 0 => {
                let title = label.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(target) = attr(&attrs, "src").and_then(|s| resolve(Some(path), s))
                    && !title.is_empty()
                {
                    out.push(Entry {
                        level: level(depth),
                        title,
                        target,
                    });
                }
            }
            _ => {}
        },
        Ev::Text(t) if in_label => label.push_str(&t),
        Ev::End(name) => match name.as_str() {
            "navPoint" => depth = depth.saturating_sub(1),
            "navLabel" => in_label = false,
            _ => {}
        },
        _ => {}
    });
    out
}

/// The entries of the EPUB 3 nav document at `path`: its `toc` nav (or its
/// first nav), each link at the depth of its lists.
pub(super) fn nav(path: &str, text: &str) -> Vec<Entry> {
    let html = parse_document(text);
    let (Ok(navs), Ok(links)) = (Selector::parse("nav"), Selector::parse("a[href]")) else {
        return Vec::new();
    };
    let all: Vec<ElementRef<'_>> = html.select(&navs).collect();
    let is_toc = |n: &ElementRef<'_>| {
        let v = n.value();
        v.attr("epub:type")
            .into_iter()
            .chain(v.attr("role"))
            .any(|t| t.split_whitespace().any(|w| w == "toc" || w == "doc-toc"))
    };
    let Some(toc) = all.iter().find(|n| is_toc(n)).or(all.first()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in toc.select(&links) {
        let depth = a
            .ancestors()
            .take_while(|n| n.id() != toc.id())
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "ol" | "ul"))
            .count();
        let title = a.text().collect::<Vec<_>>().join(" ");
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(target) = a.value().attr("href").and_then(|h| resolve(Some(path), h))
            && !title.is_empty()
        {
            out.push(Entry {
                level: level(depth),
                title,
                target,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ncx_and_nav_nest() {
        let n = r#"<ncx><navMap><navPoint id="a"><navLabel><text>Часть 1</text></navLabel><content src="t/c1.xhtml"/>
<navPoint id="b"><navLabel><text>Глава I</text></navLabel><content src="t/c1.xhtml#g1"/></navPoint></navPoint>
<navPoint id="c"><navLabel><text>Часть 2</text></navLabel><content src="t/c2.xhtml"/></navPoint></navMap></ncx>"#;
        let e = ncx("OEBPS/toc.ncx", n);
        let got: Vec<(u8, &str, &str)> = e
            .iter()
            .map(|e| (e.level, e.title.as_str(), e.target.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "Часть 1", "OEBPS/t/c1.xhtml"),
                (2, "Глава I", "OEBPS/t/c1.xhtml#g1"),
                (1, "Часть 2", "OEBPS/t/c2.xhtml")
            ]
        );
        let nav_doc = r#"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="landmarks"><ol><li><a href="c1.xhtml">Начало</a></li></ol></nav>
<nav epub:type="toc"><ol><li><a href="c1.xhtml">Часть 1</a><ol><li><a href="c1.xhtml#g1">Глава
I</a></li></ol></li><li><span>Без ссылки</span><ol><li><a href="c2.xhtml">Часть 2</a></li></ol></li></ol></nav></body></html>"#;
        let e = nav("OEBPS/t/nav.xhtml", nav_doc);
        let got: Vec<(u8, &str, &str)> = e
            .iter()
            .map(|e| (e.level, e.title.as_str(), e.target.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "Часть 1", "OEBPS/t/c1.xhtml"),
                (2, "Глава I", "OEBPS/t/c1.xhtml#g1"),
                (2, "Часть 2", "OEBPS/t/c2.xhtml")
            ]
        );
    }
}
