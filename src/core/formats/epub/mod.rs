//! EPUB 2 and 3 to [`Document`]: the archive's `container.xml` names the
//! package (see [`package`]); its spine's documents are read in order, each
//! through the HTML path (`html.rs`), into one document. Each document's
//! path is an anchor (`text/ch03.xhtml`), and so is each of its ids
//! (`text/ch03.xhtml#s1`); internal links are rewritten to these keys, so
//! that links between documents and footnotes are followed (see
//! `html_links.rs`). The nav document (EPUB 3) or the NCX (EPUB 2) becomes
//! [`Document::toc`]. Images show their alt text (or "[image]"); CSS and
//! fonts are not read.
//!
//! Everything is unpacked to at most the size limit in all (`max_file_mb`),
//! never trusting the sizes the archive declares (see `archive.rs`); a
//! damaged archive (cut short: its whole entries) or document gives what
//! could be read (a missing or broken spine document is
//! passed over), or an error, never a panic. A book whose text documents
//! are encrypted (DRM) is refused; obfuscated fonts are normal.
//!
//! The OPF, NCX and container are read with quick-xml here rather than with
//! the `rbook` crate: rbook reads entries itself (no total limit on what it
//! unpacks, which a ZIP bomb needs), and chitalka needs the documents' bytes
//! for its own HTML path anyway; what is left (a few tags of three small
//! XML files) is short.

mod archive;
mod drm;
mod package;
mod toc;
mod xhtml;
mod xml;

use super::builder::Builder;
use super::decode::DecodeError;
use super::html::{decode_html, read_deferred, read_page};
use super::html_guard::parse_document;
use super::html_links::{Page, find_marks};
use crate::core::document::{Document, Meta, TocEntry};
use archive::Archive;
use scraper::{Html, Selector};

/// Parse an EPUB, unpacked to at most the size limit in force.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    parse_within(bytes, crate::core::article_file::max_file_bytes())
}

/// Parse an EPUB, unpacked to at most `limit` bytes in all.
pub fn parse_within(bytes: &[u8], limit: u64) -> Result<Document, DecodeError> {
    let mut ar = Archive::open(bytes, limit)?;
    let opf_path = ar
        .text("META-INF/container.xml")?
        .and_then(|c| package::rootfile(&c))
        .filter(|p| ar.has(p))
        .or_else(|| ar.first_with(".opf"))
        .ok_or(DecodeError::EpubWithoutText)?;
    let opf = ar.text(&opf_path)?.ok_or(DecodeError::EpubWithoutText)?;
    let pkg = package::package(&opf_path, &opf);
    if let Some(enc) = ar.text("META-INF/encryption.xml")?
        && drm::encrypts_content(&enc, &pkg.spine)
    {
        return Err(DecodeError::Encrypted);
    }
    let mut pages: Vec<(String, Html)> = Vec::new();
    let mut encoding = None;
    for path in &pkg.spine {
        let media = pkg.items.get(path).map_or("", |i| i.media.as_str());
        if !(media.is_empty() || media.contains("html") || media.contains("xml")) {
            continue;
        }
        let Some(bytes) = ar.read(path)? else {
            continue;
        };
        let Ok((text, enc)) = decode_html(&bytes) else {
            continue;
        };
        encoding.get_or_insert(enc);
        pages.push((
            path.clone(),
            parse_document(&xhtml::expand_self_closing(&text)),
        ));
    }
    if pages.is_empty() {
        return Err(DecodeError::EpubWithoutText);
    }
    let trees: Vec<(Option<&str>, &Html)> =
        pages.iter().map(|(p, h)| (Some(p.as_str()), h)).collect();
    let marks = find_marks(&trees);
    let body = Selector::parse("body").ok();
    let mut b = Builder::default();
    for ((path, html), marks) in pages.iter().zip(&marks) {
        b.finish();
        b.anchor(path);
        let page = Page {
            file: Some(path),
            marks,
        };
        let root = body
            .as_ref()
            .and_then(|s| html.select(s).next())
            .unwrap_or_else(|| html.root_element());
        read_page(root, &page, &mut b);
        b.finish();
    }
    for ((path, html), marks) in pages.iter().zip(&marks) {
        let page = Page {
            file: Some(path),
            marks,
        };
        read_deferred(html, &page, &mut b);
    }
    let mut entries = Vec::new();
    if let Some(nav) = &pkg.nav
        && let Some(text) = ar.text(nav)?
    {
        entries = toc::nav(nav, &xhtml::expand_self_closing(&text));
    }
    if entries.is_empty()
        && let Some(ncx) = &pkg.ncx
        && let Some(text) = ar.text(ncx)?
    {
        entries = toc::ncx(ncx, &text);
    }
    b.toc = entries
        .into_iter()
        .filter_map(|e| {
            let file = e.target.split('#').next().unwrap_or_default();
            let at = b.anchors.get(&e.target).or_else(|| b.anchors.get(file))?;
            Some(TocEntry {
                level: e.level,
                title: e.title,
                at: *at,
            })
        })
        .collect();
    let meta = Meta {
        author: (!pkg.authors.is_empty()).then(|| pkg.authors.join(", ")),
        language: pkg.language,
        format: "epub".into(),
        encoding: encoding.unwrap_or_default().to_string(),
    };
    Ok(b.into_document(pkg.title, meta))
}

#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod tests;
