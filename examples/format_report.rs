//! What each parser makes of a folder of books: one row per file with its
//! format, title, blocks, headings, outline entries, the file's own table of
//! contents, notes, note references (and those whose note is missing), links
//! (internal, external, broken) and the time to parse.
//!
//! `cargo run --release --example format_report -- ../shared/corpus`
//! (a Markdown table on stdout; files chitalka does not list are skipped).

use chitalka::core::document::{Document, Inline, LinkTarget};
use chitalka::core::formats;
use chitalka::core::outline::Outline;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if formats::is_listed(&p) {
            out.push(p);
        }
    }
}

/// Counts of one document's links and note references.
#[derive(Default)]
struct Links {
    note_refs: usize,
    refs_without_note: usize,
    internal: usize,
    external: usize,
    /// Relative links to a file next to the article that exists.
    to_files: usize,
    broken: usize,
}

fn links(doc: &Document, article: &Path) -> Links {
    let mut n = Links::default();
    for span in doc.blocks.iter().flat_map(|b| &b.spans) {
        match &span.style {
            Inline::NoteRef(id) => {
                n.note_refs += 1;
                if doc.note(id).is_none() {
                    n.refs_without_note += 1;
                }
            }
            Inline::Link(href) => match doc.follow(href) {
                LinkTarget::Note(_) | LinkTarget::Place(_) => n.internal += 1,
                LinkTarget::External(_) => n.external += 1,
                LinkTarget::Relative(path) => {
                    // Found as the reader finds it (x.md for a Markdown book's x.html).
                    let file = path.split('#').next().unwrap_or_default();
                    match formats::linked_file(article, doc, file) {
                        Some(_) => n.to_files += 1,
                        None => n.broken += 1,
                    }
                }
                LinkTarget::Missing => n.broken += 1,
            },
            _ => {}
        }
    }
    n
}

/// Totals of one format: files read, files not read, headings, toc
/// entries, notes, note references, internal and external links.
#[derive(Default)]
struct Totals([usize; 10]);

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "library".into());
    let mut totals: std::collections::BTreeMap<String, Totals> = Default::default();
    let mut all = Vec::new();
    files(Path::new(&dir), &mut all);
    println!(
        "| file | format | title | blocks | headings | outline | toc | notes | refs (no note) | links in / to files / out / broken | ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for path in all {
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("| {name} | unreadable: {e} |||||||||");
                continue;
            }
        };
        let start = Instant::now();
        let parsed = formats::parse(&path, &bytes);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let doc = match parsed {
            Ok(d) => d,
            Err(e) => {
                println!("| {name} | not read: {e} |||||||||");
                let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
                totals.entry(ext.unwrap_or_default()).or_default().0[1] += 1;
                continue;
            }
        };
        let headings = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, chitalka::core::document::BlockKind::Heading(_)))
            .count();
        let outline = Outline::of(&doc).sections.len();
        let l = links(&doc, &path);
        println!(
            "| {name} | {} | {} | {} | {headings} | {outline} | {} | {} | {} ({}) | {} / {} / {} / {} | {ms:.0} |",
            doc.meta.format,
            doc.title.replace('|', "/"),
            doc.blocks.len(),
            doc.toc.len(),
            doc.notes.len(),
            l.note_refs,
            l.refs_without_note,
            l.internal,
            l.to_files,
            l.external,
            l.broken,
        );
        let t = &mut totals.entry(doc.meta.format.clone()).or_default().0;
        for (i, n) in [
            1,
            0,
            headings,
            doc.toc.len(),
            doc.notes.len(),
            l.note_refs,
            l.internal,
            l.to_files,
            l.external,
            l.broken,
        ]
        .into_iter()
        .enumerate()
        {
            t[i] += n;
        }
    }
    println!();
    println!(
        "| format | files read | not read | headings | toc | notes | note refs | links in / to files / out / broken |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (format, Totals(t)) in totals {
        println!(
            "| {format} | {} | {} | {} | {} | {} | {} | {} / {} / {} / {} |",
            t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]
        );
    }
}
