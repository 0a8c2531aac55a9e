//! `chitalka notes` and `chitalka bookmarks`: every mark of the library,
//! exported as JSON or (notes) Markdown grouped by article and section.

use crate::core::anchor::Found;
use crate::core::library;
use crate::core::marks_store::{ArticleMarks, MarkKind};
use crate::core::outline::Outline;
use crate::messages;
use crate::setup::Setup;
use serde::Serialize;
use std::io::Write;

/// One exported mark.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// Article path, relative to the library.
    pub path: String,
    /// Article title.
    pub title: String,
    /// The section the passage is in ("" when none or detached).
    pub section: String,
    /// The passage.
    pub quote: String,
    /// The note (notes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The bookmark's name (bookmarks only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When it was made (seconds since the Unix epoch).
    pub created: u64,
    /// The passage could not be found in the article as it is now.
    pub detached: bool,
}

/// Every live mark of every marks file, placed in its article as it is now.
pub fn collect(setup: &Setup, notes: bool) -> anyhow::Result<Vec<Exported>> {
    let lib = library::scan(&setup.paths.library).ok();
    let mut out = Vec::new();
    let dir = setup.paths.data_dir.join("marks");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let Ok(marks) = serde_json::from_slice::<ArticleMarks>(&std::fs::read(&file)?) else {
            continue;
        };
        let article = lib.as_ref().and_then(|l| {
            l.articles
                .iter()
                .find(|a| a.id == marks.article || a.rel == marks.path)
        });
        let doc = article
            .and_then(|a| library::load(&a.path).ok())
            .map(|(_, d)| d);
        let outline = doc.as_ref().map(Outline::of);
        for (_, m) in marks.live() {
            let (note, name) = match &m.kind {
                MarkKind::Note { text } => (Some(text.clone()), None),
                MarkKind::Bookmark { name } => (None, Some(name.clone())),
            };
            if notes != note.is_some() {
                continue;
            }
            let placed = doc.as_ref().map(|d| m.anchor.place(d));
            let detached = placed.as_ref().is_none_or(|p| p.found == Found::Detached);
            let section = match (&placed, &outline) {
                (Some(p), Some(o)) => p
                    .range
                    .and_then(|(a, _)| o.section_at(a))
                    .map(|i| o.sections[i].title.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            out.push(Exported {
                path: article.map_or(marks.path.clone(), |a| a.rel.clone()),
                title: article.map_or(marks.title.clone(), |a| a.title.clone()),
                section,
                quote: m.anchor.quote.clone(),
                note,
                name,
                created: m.created,
                detached,
            });
        }
    }
    Ok(out)
}

/// Write marks as JSON (an array).
pub fn write_json(marks: &[Exported], out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, marks)?;
    writeln!(out)?;
    Ok(())
}

/// Write notes as Markdown: a heading per article, a subheading per section,
/// each passage quoted, then its note.
pub fn write_markdown(marks: &[Exported], out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "# {}\n", messages::EXPORT_TITLE)?;
    let mut last_article = None;
    let mut last_section = None;
    for m in marks {
        if last_article != Some(&m.path) {
            writeln!(out, "## {} ({})\n", m.title, m.path)?;
            last_article = Some(&m.path);
            last_section = None;
        }
        let section = if m.detached {
            messages::EXPORT_DETACHED
        } else {
            m.section.as_str()
        };
        if last_section != Some(section) && !section.is_empty() {
            writeln!(out, "### {section}\n")?;
            last_section = Some(section);
        }
        for line in m.quote.lines() {
            writeln!(out, "> {line}")?;
        }
        writeln!(out)?;
        if let Some(note) = &m.note {
            writeln!(out, "{note}\n")?;
        }
    }
    Ok(())
}
