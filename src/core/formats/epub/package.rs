//! The package of an EPUB: `META-INF/container.xml` names the package
//! document (the OPF); the OPF gives the metadata (title, authors,
//! language), the manifest (every file, by id) and the spine (the reading
//! order), and names the table of contents (an EPUB 3 nav document, an
//! EPUB 2 NCX).

use super::xml::{Ev, attr, read};
use crate::core::formats::html_links::{join, percent_decode};
use std::collections::{HashMap, HashSet};

/// The path of the package document `container.xml` names (the first
/// rootfile of an OPF type, else the first rootfile).
pub(super) fn rootfile(container: &str) -> Option<String> {
    let mut first = None;
    let mut opf = None;
    read(container, |ev| {
        if let Ev::Start(name, attrs) = ev
            && name == "rootfile"
            && let Some(path) = attr(&attrs, "full-path")
        {
            let path = percent_decode(path.trim())
                .trim_start_matches('/')
                .to_string();
            if opf.is_none()
                && attr(&attrs, "media-type").is_none_or(|m| m.contains("oebps-package"))
            {
                opf = Some(path.clone());
            }
            first.get_or_insert(path);
        }
    });
    opf.or(first).filter(|p| !p.is_empty())
}

/// One file of the manifest.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Its path in the archive.
    pub(super) path: String,
    /// Its media type.
    pub(super) media: String,
    /// Its EPUB 3 properties (`nav`, ...).
    pub(super) properties: String,
}

/// What the package document says.
#[derive(Debug, Default)]
pub(super) struct Package {
    /// The book's title (the first `dc:title`).
    pub(super) title: Option<String>,
    /// Its authors (`dc:creator`), in order.
    pub(super) authors: Vec<String>,
    /// Its language (the first `dc:language`).
    pub(super) language: Option<String>,
    /// The reading order: paths of the spine's documents, those marked
    /// `linear="no"` after the others.
    pub(super) spine: Vec<String>,
    /// The EPUB 3 nav document's path.
    pub(super) nav: Option<String>,
    /// The EPUB 2 NCX's path.
    pub(super) ncx: Option<String>,
    /// The manifest's files by path.
    pub(super) items: HashMap<String, Item>,
}

/// Read the package document at `path` (for relative hrefs) from `text`.
pub(super) fn package(path: &str, text: &str) -> Package {
    let mut p = Package::default();
    let mut by_id: HashMap<String, Item> = HashMap::new();
    let mut spine_ids: Vec<(String, bool)> = Vec::new();
    let mut toc_id = None;
    let mut field: Option<String> = None;
    let mut value = String::new();
    let mut creator_role: Option<String> = None;
    // What is in `p.authors` and `p.spine`: a set, not a scan of the list
    // per new one (quadratic in a spine of 100,000 items).
    let mut authors_seen: HashSet<String> = HashSet::new();
    read(text, |ev| match ev {
        Ev::Start(name, attrs) => match name.as_str() {
            "title" | "creator" | "language" => {
                field = Some(name);
                value.clear();
                creator_role = attr(&attrs, "role").map(str::to_string);
            }
            "item" => {
                let (Some(id), Some(href)) = (attr(&attrs, "id"), attr(&attrs, "href")) else {
                    return;
                };
                let item = Item {
                    path: join(path, &percent_decode(href.trim())),
                    media: attr(&attrs, "media-type").unwrap_or_default().to_string(),
                    properties: attr(&attrs, "properties").unwrap_or_default().to_string(),
                };
                by_id.entry(id.trim().to_string()).or_insert(item);
            }
            "spine" => toc_id = attr(&attrs, "toc").map(str::to_string),
            "itemref" => {
                if let Some(id) = attr(&attrs, "idref") {
                    let linear = attr(&attrs, "linear").is_none_or(|l| l.trim() != "no");
                    spine_ids.push((id.trim().to_string(), linear));
                }
            }
            _ => {}
        },
        Ev::Text(t) => {
            if field.is_some() {
                value.push_str(&t);
            }
        }
        Ev::End(name) => {
            if field.as_deref() != Some(name.as_str()) {
                return;
            }
            field = None;
            let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if v.is_empty() {
                return;
            }
            match name.as_str() {
                "title" if p.title.is_none() => p.title = Some(v),
                "language" if p.language.is_none() => p.language = Some(v),
                // Translators, editors and illustrators are not authors.
                "creator"
                    if creator_role.as_deref().is_none_or(|r| r == "aut")
                        && authors_seen.insert(v.clone()) =>
                {
                    p.authors.push(v)
                }
                _ => {}
            }
        }
    });
    // The documents that are not in the linear reading order (notes, pop-ups)
    // come after it: links and notes lead to them; the reading flow stays.
    let (linear, aside): (Vec<_>, Vec<_>) = spine_ids.into_iter().partition(|(_, l)| *l);
    let mut in_spine: HashSet<&str> = HashSet::new();
    for (id, _) in linear.into_iter().chain(aside) {
        if let Some(item) = by_id.get(&id)
            && in_spine.insert(item.path.as_str())
        {
            p.spine.push(item.path.clone());
        }
    }
    p.nav = by_id
        .values()
        .find(|i| i.properties.split_whitespace().any(|w| w == "nav"))
        .map(|i| i.path.clone());
    p.ncx = toc_id
        .and_then(|id| by_id.get(id.trim()))
        .or_else(|| {
            by_id
                .values()
                .find(|i| i.media == "application/x-dtbncx+xml")
        })
        .map(|i| i.path.clone());
    p.items = by_id.into_values().map(|i| (i.path.clone(), i)).collect();
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_and_package() {
        let c = r#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(c).as_deref(), Some("OEBPS/content.opf"));
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Мёртвые  души</dc:title><dc:creator opf:role="aut">Н. В. Гоголь</dc:creator><dc:creator>Соавтор</dc:creator>
<dc:contributor>Редактор</dc:contributor><dc:creator opf:role="trl">Переводчик</dc:creator><dc:language>ru</dc:language></metadata>
<manifest><item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>
<item id="c1" href="text/ch%201.xhtml" media-type="application/xhtml+xml"/><item id="n" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>
<spine toc="ncx"><itemref idref="n" linear="no"/><itemref idref="c1"/><itemref idref="gone"/><itemref idref="c2"/></spine></package>"#;
        let p = package("OEBPS/content.opf", opf);
        assert_eq!(p.title.as_deref(), Some("Мёртвые души"));
        assert_eq!(p.authors, vec!["Н. В. Гоголь", "Соавтор"]);
        assert_eq!(p.language.as_deref(), Some("ru"));
        assert_eq!(
            p.spine,
            vec![
                "OEBPS/text/ch 1.xhtml",
                "OEBPS/text/ch2.xhtml",
                "OEBPS/text/notes.xhtml"
            ]
        );
        assert_eq!(p.nav.as_deref(), Some("OEBPS/nav.xhtml"));
        assert_eq!(p.ncx.as_deref(), Some("OEBPS/toc.ncx"));
    }
}
