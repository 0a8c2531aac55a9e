//! `chitalka notes` and `chitalka bookmarks`: every mark of the library,
//! exported as JSON or (notes) Markdown grouped by article and section; and
//! `chitalka mark`, which adds one.

use crate::core::anchor::{Anchor, Found};
use crate::core::library;
use crate::core::marks_store::{Mark, MarkKind, MarksStore, SaveError};
use crate::core::placement::{self, MarksFolder, Unusable};
use crate::core::store::StoreWarning;
use crate::messages;
use crate::setup::Setup;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

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
    // Found as find finds it (case, ё, stress marks, white space); the mark
    // keeps the article's own words.
    let text = doc.canonical_text();
    let at = crate::core::find::find_passage(&text, quote)
        .ok_or_else(|| anyhow::anyhow!(messages::err_quote_not_found(path)))?;
    let anchor = Anchor::new(&doc, doc.pos_at(at.start), doc.pos_at(at.end));
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
    // The file the reader would read for this article (its own, by path, or
    // that of the article before it was edited and moved).
    let own = store.file(&id);
    let inside = full.starts_with(&root).then_some(root.as_path());
    let old_file = MarksFolder::read(&store)
        .file_for(&own, &rel, &doc, inside, None)
        .unwrap_or(own);
    let (mut marks, read_only, warning) = store.read_file(&old_file, &id, &rel);
    match warning {
        Some(StoreWarning::Corrupt(aside)) => {
            writeln!(
                err,
                "chitalka: {}",
                messages::shown(&messages::warn_marks_corrupt(&aside))
            )?;
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

/// Every live mark of every marks file, placed in its article as it is now
/// (the article found as the reader and the lists find it:
/// [`placement::place_all`], the marks folder read once), and a warning for
/// each file that was left out or read only in part. Nothing in the data
/// dir is changed.
pub fn collect(setup: &Setup, notes: bool) -> anyhow::Result<(Vec<Exported>, Vec<String>)> {
    let root = &setup.paths.library;
    let mut lib = library::scan_cached(
        root,
        Some(crate::core::scan_cache::ScanCache::open(
            &setup.paths.cache_dir,
            root,
        )),
    )
    .ok();
    if let Some(lib) = lib.as_mut() {
        crate::core::titles::Titles::open(&setup.paths.data_dir).apply(lib);
    }
    let folder = MarksFolder::read(&MarksStore::new(&setup.paths.data_dir));
    let mut warnings: Vec<(PathBuf, String)> = folder
        .unusable
        .iter()
        .map(|(file, why)| {
            let w = match why {
                Unusable::Unreadable(e) => messages::warn_export_unreadable(file, e),
                Unusable::TooNew(v) => messages::warn_export_newer(file, *v, false),
                Unusable::Corrupt => messages::warn_export_corrupt(file),
            };
            (file.clone(), w)
        })
        .collect();
    for f in &folder.files {
        if let Some(v) = f.newer() {
            warnings.push((
                f.file.clone(),
                messages::warn_export_newer(&f.file, v, true),
            ));
        }
    }
    warnings.sort();
    let is_note = |m: &Mark| matches!(m.kind, MarkKind::Note { .. });
    let mut out = Vec::new();
    for e in placement::place_all(&folder, lib.as_ref(), None, |m| is_note(m) == notes) {
        for p in &e.placed {
            let (note, name) = match &p.mark.kind {
                MarkKind::Note { text } => (Some(text.clone()), None),
                MarkKind::Bookmark { name } => (None, Some(name.clone())),
            };
            out.push(Exported {
                path: e.rel().to_string(),
                title: e.title().to_string(),
                section: p.section.clone(),
                // A soft hyphen is a break chance, not a letter: exported whole.
                quote: p.mark.anchor.quote.replace('\u{AD}', ""),
                note,
                name,
                created: p.mark.created,
                detached: p.found == Found::Detached,
            });
        }
    }
    Ok((out, warnings.into_iter().map(|(_, w)| w).collect()))
}

/// Write marks as JSON (an array).
pub fn write_json(marks: &[Exported], out: &mut dyn Write) -> anyhow::Result<()> {
    crate::output::json(out, marks)
}

/// Write notes as Markdown: a heading per article, a subheading per section,
/// each passage quoted, then its note. Everything from data is shown with
/// its control characters escaped (a note keeps its line breaks); a quote's
/// lines stay in its blockquote and never start a list, a heading or a
/// nested quote; a note's lines never start a heading, a quote or a rule
/// that would break the export's outline (its lists stay lists).
pub fn write_markdown(marks: &[Exported], out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "# {}\n", messages::EXPORT_TITLE)?;
    let mut last_article = None;
    let mut last_section = None;
    for m in marks {
        if last_article != Some(&m.path) {
            writeln!(
                out,
                "## {} ({})\n",
                markdown_line(&messages::shown(&m.title), true),
                messages::shown(&m.path)
            )?;
            last_article = Some(&m.path);
            last_section = None;
        }
        let section = if m.detached {
            messages::EXPORT_DETACHED
        } else {
            m.section.as_str()
        };
        if last_section != Some(section) && !section.is_empty() {
            writeln!(
                out,
                "### {}\n",
                markdown_line(&messages::shown(section), true)
            )?;
            last_section = Some(section);
        }
        for line in messages::shown_lines(&m.quote).split('\n') {
            let line = markdown_line(line.trim_end(), true);
            if line.is_empty() {
                writeln!(out, ">")?;
            } else {
                writeln!(out, "> {line}")?;
            }
        }
        writeln!(out)?;
        if let Some(note) = &m.note {
            let lines: Vec<String> = messages::shown_lines(note.trim_end())
                .split('\n')
                .map(|l| markdown_line(l, false))
                .collect();
            writeln!(out, "{}\n", lines.join("\n"))?;
        }
    }
    Ok(())
}

/// One line of text made to stay what it is in Markdown: the mark that
/// would make it a heading, a quote, a rule, a fence, a table or HTML (and
/// with `lists`, a list item) is escaped with a backslash. Leading spaces
/// (an indented code block) are dropped.
fn markdown_line(line: &str, lists: bool) -> String {
    let line = line.trim_start_matches([' ', '\u{A0}']);
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after = line[digits..].chars().next();
    let rest_after = |n: usize| line[n..].chars().next();
    let escape_at = match first {
        '#' | '>' | '=' | '_' | '`' | '~' | '<' | '|' => Some(0),
        // `-`, `+` and `*`: a list item, a rule or a setext underline.
        '-' | '+' | '*' if lists => Some(0),
        '-' | '*' | '+'
            if rest_after(1).is_none_or(|c| c == ' ' || c == first)
                && line.chars().all(|c| c == first || c == ' ') =>
        {
            Some(0)
        }
        _ if lists && digits > 0 && digits <= 9 && matches!(after, Some('.' | ')')) => Some(digits),
        _ => None,
    };
    match escape_at {
        Some(i) => format!("{}\\{}", &line[..i], &line[i..]),
        None => line.to_string(),
    }
}
