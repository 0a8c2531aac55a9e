//! Ids, links and footnotes of HTML pages, read before their text is: every
//! `id` names a place (an anchor), internal links are rewritten to `#key`
//! (the form [`Document::follow`](crate::core::document::Document::follow)
//! reads), and note references and the notes they lead to are found.
//!
//! A page alone names its places by their ids (`fn1`); a document of an
//! EPUB by its path in the book and the id (`text/ch03.xhtml#s1`, the
//! document itself `text/ch03.xhtml`), so links between documents work.
//!
//! A link is a note reference when it says so (`epub:type="noteref"`,
//! `role="doc-noteref"`), or when it has the common look of one: its text
//! is a short number or `*` (`1`, `[12]`, `**`), it is inside or around a
//! `<sup>` (or has a class `footnote-ref`), and it leads to a place later in
//! the book (a link back from the note to its reference leads earlier, so it
//! stays a link). The note is the element the reference leads to, or, when
//! that is an inline element (`<a id="n1"/>`), the block that holds it; an
//! element marked `epub:type="footnote"|"endnote"|"rearnote"` (or
//! `role="doc-footnote"|"doc-endnote"`) is a note whether or not anything
//! leads to it. A note in an `<aside>` is taken out of the reading flow: its
//! blocks are put at the end of the book.

use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use std::collections::{HashMap, HashSet};

/// A note reference or a note: its key and label.
pub(super) type Keyed = (String, String);

/// What was found in one page before its text is read.
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// Links drawn as note references, with the note's key and the label.
    pub(super) refs: HashMap<NodeId, Keyed>,
    /// Elements that are notes, with the note's key and label.
    pub(super) notes: HashMap<NodeId, Keyed>,
    /// Notes put at the end of the book (asides), in page order.
    pub(super) deferred: Vec<NodeId>,
    /// The same, to look up.
    pub(super) deferred_set: HashSet<NodeId>,
}

/// One page being read: its path in the book (`None` for a page alone) and
/// what was found in it.
pub(super) struct Page<'a> {
    /// The page's path in the book (`None` for a page alone).
    pub(super) file: Option<&'a str>,
    /// Its note references and notes.
    pub(super) marks: &'a Marks,
}

impl Page<'_> {
    /// The key an `id` of this page is known by.
    pub(super) fn key(&self, id: &str) -> String {
        key_of(self.file, id)
    }

    /// The key of the place an internal link leads to (without `#`), or
    /// `None` for a link outside (a URL with a scheme, or, for a page
    /// alone, another file).
    pub(super) fn resolve(&self, href: &str) -> Option<String> {
        resolve(self.file, href)
    }
}

fn key_of(file: Option<&str>, id: &str) -> String {
    match file {
        Some(f) => format!("{f}#{id}"),
        None => id.to_string(),
    }
}

/// Has `href` a URL scheme (`https:`, `mailto:`)?
fn has_scheme(href: &str) -> bool {
    href.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !s.contains('/')
    })
}

pub(super) fn resolve(file: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || has_scheme(href) {
        return None;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    let Some(file) = file else {
        // A page alone: only its own places are internal.
        return (path.is_empty()).then(|| frag.unwrap_or_default());
    };
    let path = path.split(['?']).next().unwrap_or_default();
    let target = if path.is_empty() {
        file.to_string()
    } else {
        join(file, &percent_decode(path))
    };
    Some(match frag.filter(|f| !f.is_empty()) {
        Some(f) => format!("{target}#{f}"),
        None => target,
    })
}

/// `%XX` escapes decoded (as UTF-8, bad bytes replaced); others kept: a
/// link's target as written in HTML, Markdown or a book.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path `rel` names, relative to the folder of `base` (a path in an
/// archive, `/`-separated): `.` and `..` resolved, never above the root.
pub(super) fn join(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = base.split('/').collect();
        p.pop();
        p
    };
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join("/")
}

/// Does the element's `epub:type` (or `role`) name one of `kinds`?
fn typed(el: &scraper::node::Element, kinds: &[&str]) -> bool {
    let words = |a: Option<&str>| {
        a.unwrap_or_default()
            .split_whitespace()
            .any(|w| kinds.contains(&w.trim_start_matches("doc-")))
    };
    words(el.attr("epub:type")) || words(el.attr("role"))
}

/// Is this element a note by its markup?
pub(super) fn is_marked_note(el: &scraper::node::Element) -> bool {
    typed(el, &["footnote", "endnote", "rearnote", "note"])
}

/// Is `text` the label of a note reference: a short number (maybe in
/// brackets) or a few `*`/`†`?
fn is_short_label(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')'])
        .trim();
    (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
        || (!t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| "*†‡".contains(c)))
}

/// Block elements a note may be (the block that holds a note's target).
const NOTE_BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "aside",
    "section",
    "dd",
    "dt",
    "blockquote",
    "td",
    "footer",
];

fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_string()
}

/// A link found in the first pass.
struct Link {
    page: usize,
    order: usize,
    node: NodeId,
    target: String,
    label: String,
    explicit: bool,
}

/// Read the ids, note references and notes of `pages` (their paths in the
/// book, or `None` for a page alone, and their trees), in reading order.
pub(super) fn find_marks(pages: &[(Option<&str>, &Html)]) -> Vec<Marks> {
    // Where each key is: page, order in the book, node.
    let mut places: HashMap<String, (usize, usize, NodeId)> = HashMap::new();
    let mut links = Vec::new();
    let mut marked = Vec::new();
    let mut order = 0usize;
    for (page, (file, html)) in pages.iter().enumerate() {
        for node in html.root_element().descendants() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            order += 1;
            let e = el.value();
            for id in e
                .id()
                .into_iter()
                .chain(e.attr("name").filter(|_| e.name() == "a"))
            {
                places
                    .entry(key_of(*file, id.trim()))
                    .or_insert((page, order, node.id()));
            }
            if is_marked_note(e)
                && let Some(id) = e.id()
            {
                marked.push((page, node.id(), key_of(*file, id.trim())));
            }
            if e.name() != "a" {
                continue;
            }
            let Some(target) = e.attr("href").and_then(|h| resolve(*file, h)) else {
                continue;
            };
            let label = text_of(el);
            let explicit = typed(e, &["noteref"]);
            let sup = |n: Option<ego_tree::NodeRef<'_, scraper::Node>>| {
                n.and_then(ElementRef::wrap)
                    .is_some_and(|p| p.value().name() == "sup")
            };
            let looks = is_short_label(&label)
                && (sup(node.parent())
                    || sup(node.parent().and_then(|p| p.parent()))
                    || el.descendants().skip(1).any(|d| sup(Some(d)))
                    || e.classes().any(|c| c == "footnote-ref" || c == "noteref"));
            if explicit || looks {
                links.push(Link {
                    page,
                    order,
                    node: node.id(),
                    target,
                    label,
                    explicit,
                });
            }
        }
    }
    let mut marks: Vec<Marks> = pages.iter().map(|_| Marks::default()).collect();
    let mut noted: HashSet<(usize, NodeId)> = HashSet::new();
    for link in links {
        let place = places.get(&link.target).copied();
        // A reference by its look leads forward to a place the book has.
        if !link.explicit && place.is_none_or(|(_, at, _)| at <= link.order) {
            continue;
        }
        // Drawn as a note reference even when its note is not found (its
        // target missing, or no block around it): never glued to its word.
        marks[link.page]
            .refs
            .insert(link.node, (link.target.clone(), link.label.clone()));
        let Some((page, _, target)) = place else {
            continue;
        };
        let same_page = (page == link.page).then_some(link.node);
        if let Some(note) = note_element(pages[page].1, target, same_page)
            && noted.insert((page, note))
        {
            marks[page].notes.insert(note, (link.target, link.label));
        }
    }
    for (page, node, key) in marked {
        if noted.insert((page, node)) {
            marks[page].notes.insert(node, (key, String::new()));
        }
    }
    // Asides that are notes leave the reading flow (outermost only).
    for (page, m) in marks.iter_mut().enumerate() {
        let html = pages[page].1;
        let mut asides: Vec<NodeId> = Vec::new();
        let mut set: HashSet<NodeId> = HashSet::new();
        for node in html.root_element().descendants() {
            let is_aside = ElementRef::wrap(node).is_some_and(|e| e.value().name() == "aside");
            if is_aside
                && m.notes.contains_key(&node.id())
                && !node.ancestors().any(|a| set.contains(&a.id()))
            {
                asides.push(node.id());
                set.insert(node.id());
            }
        }
        m.deferred = asides;
        m.deferred_set = set;
    }
    marks
}

/// The element that holds the note `target` leads to: the target when it is
/// a block, else the nearest block around it (never the page's body, nor an
/// element holding the reference itself, when `link` is on the same page).
fn note_element(html: &Html, target: NodeId, link: Option<NodeId>) -> Option<NodeId> {
    let node = html.tree.get(target)?;
    let mut at = Some(node);
    for _ in 0..4 {
        let n = at?;
        let el = ElementRef::wrap(n)?;
        let name = el.value().name();
        if matches!(name, "body" | "html") {
            return None;
        }
        if NOTE_BLOCKS.contains(&name) || is_marked_note(el.value()) {
            let holds_link = link
                .and_then(|l| html.tree.get(l))
                .is_some_and(|l| l.ancestors().any(|a| a.id() == n.id()));
            if holds_link {
                return None;
            }
            return Some(n.id());
        }
        at = n.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_and_decode() {
        assert_eq!(
            join("OEBPS/text/ch02.xhtml", "ch03.xhtml"),
            "OEBPS/text/ch03.xhtml"
        );
        assert_eq!(
            join("OEBPS/text/ch02.xhtml", "../notes.xhtml"),
            "OEBPS/notes.xhtml"
        );
        assert_eq!(join("a.xhtml", "../../x.xhtml"), "x.xhtml");
        assert_eq!(percent_decode("%D0%93%D0%BB%20a"), "Гл a");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(
            resolve(Some("OEBPS/t/c1.xhtml"), "c%202.xhtml#s1").as_deref(),
            Some("OEBPS/t/c 2.xhtml#s1")
        );
        assert_eq!(
            resolve(Some("t/c1.xhtml"), "#s1").as_deref(),
            Some("t/c1.xhtml#s1")
        );
        assert_eq!(resolve(Some("t/c1.xhtml"), "https://x.org/a"), None);
        assert_eq!(resolve(None, "#fn1").as_deref(), Some("fn1"));
        assert_eq!(resolve(None, "other.html#fn1"), None);
    }

    #[test]
    fn short_labels() {
        for t in ["1", " 12 ", "[3]", "(4)", "*", "**", "†"] {
            assert!(is_short_label(t), "{t}");
        }
        for t in ["", "12345", "глава", "1a", "****"] {
            assert!(!is_short_label(t), "{t}");
        }
    }
}
