//! `chitalka notes` and `chitalka bookmarks`: every mark of the library,
//! exported as JSON or (notes) Markdown grouped by article and section; and
//! `chitalka mark`, which adds one.

use crate::core::anchor::{Anchor, Found};
use crate::core::library;
use crate::core::marks_store::{ArticleMarks, MARKS_SCHEMA, MarkKind, MarksStore, SaveError};
use crate::core::outline::Outline;
use crate::core::store::StoreWarning;
use crate::messages;
use crate::setup::Setup;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Where the quote of `chitalka mark` is in the canonical text: as given, else
/// in NFC with runs of white space made single spaces (as the text is).
fn find_quote(text: &str, quote: &str) -> Option<(usize, usize)> {
    if let Some(at) = text.find(quote) {
        return Some((at, at + quote.len()));
    }
    let normal: String = quote
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if normal.is_empty() {
        return None;
    }
    text.find(&normal).map(|at| (at, at + normal.len()))
}

/// `chitalka mark`: add a note (when `note` is given; `-` reads it from
/// `stdin`) or else a bookmark on the first place `quote` is in the article,
/// and save it. The new mark's id is printed to `out` only once it is saved.
#[allow(clippy::too_many_arguments)]
pub fn mark(
    setup: &Setup,
    path: &Path,
    quote: &str,
    note: Option<&str>,
    name: Option<&str>,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    if quote.trim().is_empty() {
        anyhow::bail!(messages::ERR_EMPTY_QUOTE);
    }
    let file = crate::cli::resolve_article(setup, path)?;
    let (id, doc) = library::load(&file)
        .map_err(|reason| anyhow::anyhow!(messages::err_article(&file, &reason)))?;
    let text = doc.canonical_text();
    let (a, b) = find_quote(&text, quote)
        .ok_or_else(|| anyhow::anyhow!(messages::err_quote_not_found(path)))?;
    let anchor = Anchor::new(&doc, doc.pos_at(a), doc.pos_at(b));
    let kind = match note {
        Some("-") => {
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .map_err(|e| anyhow::anyhow!(messages::err_note_stdin(&e)))?;
            MarkKind::Note {
                text: text.trim_end_matches(['\n', '\r']).to_string(),
            }
        }
        Some(text) => MarkKind::Note {
            text: text.to_string(),
        },
        None => MarkKind::Bookmark {
            name: name.unwrap_or_default().to_string(),
        },
    };
    // The same key the reader uses: the path inside the library, else the full path.
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root, full) = (canonical(&setup.paths.library), canonical(&file));
    let rel = if full.starts_with(&root) && !root.as_os_str().is_empty() {
        library::relative(&root, &full)
    } else {
        full.to_string_lossy().into_owned()
    };
    let store = MarksStore::new(&setup.paths.data_dir);
    let old_file = store.source_file(&id, &rel);
    let (mut marks, read_only, warning) = store.load(&id, &rel);
    match warning {
        Some(StoreWarning::Corrupt(aside)) => {
            writeln!(err, "chitalka: {}", messages::warn_marks_corrupt(&aside))?;
        }
        Some(StoreWarning::Newer(_)) => anyhow::bail!(messages::MARKS_READ_ONLY),
        Some(StoreWarning::Io(e)) => anyhow::bail!(messages::err_marks_unreadable(&e)),
        None => {}
    }
    if read_only {
        anyhow::bail!(messages::MARKS_READ_ONLY);
    }
    marks.title = doc.title.clone();
    let mark_id = marks.add(kind, anchor);
    match store.save(&mut marks, Some(&old_file)) {
        Ok(()) => {}
        Err(SaveError::ReadOnly) => anyhow::bail!(messages::MARKS_READ_ONLY),
        Err(SaveError::Io(e)) => anyhow::bail!(messages::err_mark_not_saved(&e)),
    }
    writeln!(out, "{mark_id}")?;
    Ok(())
}

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

/// Just the schema version of a marks file.
#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

/// Every live mark of every marks file, placed in its article as it is now,
/// and a warning for each file that was left out or read only in part.
/// Nothing on disk is changed.
pub fn collect(setup: &Setup, notes: bool) -> anyhow::Result<(Vec<Exported>, Vec<String>)> {
    let lib = library::scan(&setup.paths.library).ok();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for file in MarksStore::new(&setup.paths.data_dir).files() {
        let bytes = match crate::core::store::read_data_file(&file) {
            Ok(b) => b,
            Err(e) => {
                warnings.push(messages::warn_export_unreadable(&file, &e));
                continue;
            }
        };
        let bytes = crate::core::store::strip_bom(&bytes);
        let parsed = serde_json::from_slice::<ArticleMarks>(bytes);
        let schema = serde_json::from_slice::<SchemaOnly>(bytes).map(|s| s.schema);
        let marks = match (parsed, schema) {
            (Ok(m), _) if m.schema <= MARKS_SCHEMA => m,
            (Ok(m), _) => {
                warnings.push(messages::warn_export_newer(&file, m.schema, true));
                m
            }
            (Err(_), Ok(v)) if v > MARKS_SCHEMA => {
                warnings.push(messages::warn_export_newer(&file, v, false));
                continue;
            }
            (Err(_), _) => {
                warnings.push(messages::warn_export_corrupt(&file));
                continue;
            }
        };
        let article = lib
            .as_ref()
            .and_then(|l| l.find(&marks.article, &marks.path));
        let doc = article
            .and_then(|a| library::load(&a.path).ok())
            .map(|(_, d)| d);
        let outline = doc.as_ref().map(Outline::of);
        // The text and its hash once per article, for every mark of it.
        let text = doc.as_ref().map(|d| {
            let t = d.canonical_text();
            let h = library::article_id(t.as_bytes());
            (t, h)
        });
        for (_, m) in marks.live() {
            let (note, name) = match &m.kind {
                MarkKind::Note { text } => (Some(text.clone()), None),
                MarkKind::Bookmark { name } => (None, Some(name.clone())),
            };
            if notes != note.is_some() {
                continue;
            }
            let placed = doc
                .as_ref()
                .zip(text.as_ref())
                .map(|(d, (t, h))| m.anchor.place_in(d, t, h));
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
                // A soft hyphen is a break chance, not a letter: exported whole.
                quote: m.anchor.quote.replace('\u{AD}', ""),
                note,
                name,
                created: m.created,
                detached,
            });
        }
    }
    Ok((out, warnings))
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
