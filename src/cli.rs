//! The scriptable subcommands: `list`, `outline`, `render`, `add` and `find`.

use crate::core::layout::{LayoutOptions, text_column};
use crate::core::library::{self, Library};
use crate::core::outline::Outline;
use crate::core::store::{Store, StoreWarning};
use crate::core::viewport::Viewport;
use crate::messages;
use crate::setup::Setup;
use serde::Serialize;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One article in `list --json`.
#[derive(Debug, Serialize)]
pub struct ListEntry<'a> {
    /// Path relative to the library, `/`-separated.
    pub path: &'a str,
    /// Title from the document, or the one the person gave.
    pub title: &'a str,
    /// Author, when named (by the document or the person).
    pub author: Option<&'a str>,
    /// The person gave the title or the author (`chitalka retitle`).
    pub retitled: bool,
    /// Number of words.
    pub words: usize,
    /// Reading time in minutes.
    pub minutes: usize,
    /// Encoding the file was read in.
    pub encoding: &'a str,
    /// Reading progress, 0.0 to 1.0 (0 when never opened).
    pub progress: f64,
    /// Last read, seconds since the Unix epoch (absent when never opened).
    pub last_read: Option<u64>,
}

/// `chitalka list`: the articles of the library, as text or JSON, to `out`;
/// unreadable files are reported to `err`.
pub fn list(
    setup: &Setup,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut lib: Library = library::scan_cached(
        &setup.paths.library,
        Some(crate::core::scan_cache::ScanCache::open(
            &setup.paths.cache_dir,
            &setup.paths.library,
        )),
    )
    .map_err(|e| anyhow::anyhow!(messages::err_library(&setup.paths.library, &e)))?;
    crate::cli_titles::apply(setup, &mut lib, err)?;
    let (store, warning) = Store::open(&setup.paths.data_dir);
    // A damaged file moved aside, or one that cannot be read, is said here
    // (the TUI says it again at its next start); a newer one reads fine.
    if let Some(w) = warning.filter(|w| !matches!(w, StoreWarning::Newer(_))) {
        writeln!(err, "chitalka: {}", messages::shown(&w.to_string()))?;
    }
    let entries: Vec<ListEntry> = lib
        .articles
        .iter()
        .map(|a| {
            let state = store.states.find(&a.id, &a.rel);
            ListEntry {
                path: &a.rel,
                title: &a.title,
                author: a.author.as_deref(),
                retitled: a.retitled(),
                words: a.words,
                minutes: a.minutes(),
                encoding: &a.encoding,
                progress: state.map_or(0.0, |s| s.progress),
                last_read: state.map(|s| s.last_read),
            }
        })
        .collect();
    if json {
        crate::output::json(out, &entries)?;
    } else {
        for e in &entries {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                messages::shown(e.path),
                messages::shown(e.title),
                e.words,
                messages::shown(e.author.unwrap_or_default())
            )?;
        }
    }
    for u in &lib.unreadable {
        writeln!(
            err,
            "{}",
            messages::cli_skipped(&u.rel, &u.reason.to_string())
        )?;
    }
    Ok(())
}

/// Find an article by a path: as given, or relative to the library.
pub fn resolve_article(setup: &Setup, path: &Path) -> anyhow::Result<PathBuf> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    let inside = setup.paths.library.join(path);
    if inside.is_file() {
        return Ok(inside);
    }
    let there = if !path.exists() && inside.exists() {
        &inside
    } else {
        path
    };
    anyhow::bail!(not_an_article(there))
}

/// Why `path`, which is not a regular file, cannot be read: what it is
/// (a named pipe, a device...), or that there is nothing there.
pub fn not_an_article(path: &Path) -> String {
    match std::fs::metadata(path)
        .ok()
        .and_then(|m| crate::core::article_file::NotAFile::of(&m))
    {
        Some(kind) => messages::err_article(path, &messages::err_not_a_file(kind)),
        None => messages::err_no_such_path(path),
    }
}

/// `chitalka render`: the first `height` rows of the reader's text area in a
/// window `width` columns wide, as plain text, the text set as `options` say.
pub fn render(
    setup: &Setup,
    path: &Path,
    (width, height): (u16, u16),
    options: LayoutOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let file = resolve_article(setup, path)?;
    let (_, doc) = library::load(&file)
        .map_err(|reason| anyhow::anyhow!(messages::err_article(&file, &reason)))?;
    let (x, col) = text_column(usize::from(width), setup.config.text.width);
    let mut view = Viewport::with_options(&doc, col, usize::from(height), options);
    for line in view.visible(&doc) {
        writeln!(out, "{}", messages::shown(&line.plain_row(x)))?;
    }
    Ok(())
}

/// `chitalka outline`: the sections of an article in document order, indented
/// by level, or as a JSON array of `{level, title, block, synthetic}`.
pub fn outline(setup: &Setup, path: &Path, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let file = resolve_article(setup, path)?;
    let (_, doc) = library::load(&file)
        .map_err(|reason| anyhow::anyhow!(messages::err_article(&file, &reason)))?;
    let outline = Outline::of(&doc);
    if json {
        crate::output::json(out, &outline.sections)?;
    } else {
        for s in &outline.sections {
            let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)));
            writeln!(out, "{indent}{}", messages::shown(&s.title))?;
        }
    }
    Ok(())
}

/// What `chitalka add` did, when not everything went well.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddOutcome {
    /// Files not added (each said why on stderr).
    pub not_added: usize,
    /// Files added whose source `--move` could not remove (each said why).
    pub sources_kept: usize,
}

impl AddOutcome {
    /// What to end with, when something did not happen as asked.
    pub fn failure(&self) -> Option<&'static str> {
        if self.not_added > 0 {
            Some(messages::SOME_NOT_ADDED)
        } else if self.sources_kept > 0 {
            Some(messages::SOME_SOURCES_KEPT)
        } else {
            None
        }
    }
}

/// `chitalka add`: copy (or move) files into the library under clean names;
/// `-` reads standard input. Only regular files are read, and no more of
/// any input than the size limit (a device or an endless pipe is refused,
/// never read whole). Each file is reported.
pub fn add(
    setup: &Setup,
    files: &[PathBuf],
    move_files: bool,
    title: Option<&str>,
    stdin: &mut dyn std::io::Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<AddOutcome> {
    use crate::core::article_file;
    let root = &setup.paths.library;
    std::fs::create_dir_all(root).map_err(|e| anyhow::anyhow!(messages::err_library(root, &e)))?;
    let mut importer = crate::core::import::Importer::new(root).map_err(anyhow::Error::msg)?;
    let limit = article_file::max_file_bytes();
    let mut outcome = AddOutcome::default();
    // Many files into a terminal: a counter on stderr, rewritten in place
    // (straight to the terminal: `err` escapes the carriage return).
    let counter = files.len() > 1 && std::io::stderr().is_terminal();
    let mut tty = std::io::stderr();
    for (n, file) in files.iter().enumerate() {
        if counter {
            err.flush()?;
            write!(tty, "\r{}\r", messages::adding(n + 1, files.len()))?;
            tty.flush()?;
        }
        let from_stdin = file.as_os_str() == "-";
        let bytes = if from_stdin {
            article_file::read_capped(stdin, limit, None)
        } else {
            article_file::read(file, limit)
        };
        let shown_name = if from_stdin {
            messages::STDIN_NAME.to_string()
        } else {
            messages::shown(&file.display().to_string())
        };
        if counter {
            // Clear the counter before a line that stays.
            write!(tty, "\x1b[2K")?;
        }
        let result = bytes.map_err(|e| e.to_string()).and_then(|b| {
            let name = if from_stdin {
                Path::new("stdin.txt")
            } else {
                file.as_path()
            };
            importer.add(&b, name, title).map_err(|e| e.to_string())
        });
        match result {
            Ok(added) => {
                let rel = library::relative(root, &added.path);
                writeln!(
                    out,
                    "{}",
                    messages::added(&messages::shown(&added.title), &messages::shown(&rel))
                )?;
                if move_files
                    && !from_stdin
                    && let Err(e) = std::fs::remove_file(file)
                {
                    let kept = messages::source_kept(&shown_name, &messages::shown(&rel), &e);
                    writeln!(err, "chitalka: {kept}")?;
                    outcome.sources_kept += 1;
                }
            }
            Err(reason) => {
                writeln!(
                    err,
                    "{}",
                    messages::not_added(&shown_name, &messages::shown(&reason))
                )?;
                outcome.not_added += 1;
            }
        }
    }
    Ok(outcome)
}

/// Search the library's index in `dir`, brought up to date first. A damaged
/// index (it fails to open, to update or to search) is made anew once, and
/// said so on `err`; failing again, it is an error.
fn search_repairing(
    dir: &Path,
    lib: &Library,
    query: &str,
    limit: usize,
    err: &mut dyn Write,
) -> anyhow::Result<crate::core::index::SearchResult> {
    use crate::core::index::LibraryIndex;
    let failed = |e: tantivy::TantivyError| {
        anyhow::anyhow!(messages::index_failed(&messages::index_error(&e)))
    };
    let mut damaged = None;
    loop {
        let up =
            LibraryIndex::open_updated(dir, lib, damaged.take(), &mut |_, _| {}).map_err(failed)?;
        if let Some(why) = &up.rebuilt {
            writeln!(
                err,
                "chitalka: {}",
                messages::shown(&messages::index_rebuilt(why))
            )?;
        }
        match up.indexed {
            None => writeln!(err, "chitalka: {}", messages::INDEX_BUSY)?,
            Some(n) if n > 0 => writeln!(err, "chitalka: {}", messages::indexed(n))?,
            Some(_) => {}
        }
        match up.index.search(query, limit) {
            Ok(result) => return Ok(result),
            // Made anew just now and failing still: no second rebuild.
            Err(e) if up.rebuilt.is_some() => return Err(failed(e)),
            Err(e) => damaged = Some(e.to_string()),
        }
    }
}

/// One hit of `find --json` (a JSON line).
#[derive(Debug, Serialize)]
struct FindLine<'a> {
    path: &'a str,
    title: &'a str,
    section: &'a str,
    block: usize,
    offset: usize,
    snippet: &'a str,
    highlights: &'a [std::ops::Range<usize>],
    score: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    layout_switched_to: Option<&'a str>,
    /// For a hit in a note: the passage the note is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    note_on: Option<&'a str>,
}

/// The most hits `find --limit` gives (a larger limit is this one: the
/// search reserves room for as many as asked).
pub const MAX_HITS: usize = 10_000;

/// `chitalka find`: ranked hits across the library, one line each
/// (`path: section: snippet`), or JSON Lines. The index in the cache dir is
/// brought up to date first.
pub fn find(
    setup: &Setup,
    query: &str,
    json: bool,
    limit: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut lib = library::scan_cached(
        &setup.paths.library,
        Some(crate::core::scan_cache::ScanCache::open(
            &setup.paths.cache_dir,
            &setup.paths.library,
        )),
    )
    .map_err(|e| anyhow::anyhow!(messages::err_library(&setup.paths.library, &e)))?;
    let hits = search_repairing(&setup.paths.index_dir(), &lib, query, limit, err)?;
    let notes = crate::core::notes_search::NotesIndex::build(
        &crate::core::marks_store::MarksStore::new(&setup.paths.data_dir),
        Some(&lib),
    )?;
    crate::cli_titles::apply(setup, &mut lib, err)?;
    let mut result = crate::core::notes_search::merged(notes.search(query, limit)?, hits, limit);
    crate::core::titles::retitle_hits(&lib, &mut result.hits);
    if let Some(other) = &result.switched {
        writeln!(
            err,
            "chitalka: {}",
            messages::shown(&messages::found_as(other))
        )?;
    }
    for h in &result.hits {
        if json {
            let line = FindLine {
                path: &h.path,
                title: &h.title,
                section: &h.section,
                block: h.block,
                offset: h.offset,
                snippet: &h.snippet,
                highlights: &h.highlights,
                score: h.score,
                layout_switched_to: result.switched.as_deref(),
                note_on: h.note_on.as_deref(),
            };
            crate::output::json_line(out, &line)?;
        } else {
            let section = match &h.note_on {
                Some(q) => messages::note_hit_head(&h.title, q),
                None if h.section.is_empty() => h.title.clone(),
                None => h.section.clone(),
            };
            writeln!(
                out,
                "{}: {}: {}",
                messages::shown(&h.path),
                messages::shown(&section),
                messages::shown(h.snippet.trim())
            )?;
        }
    }
    Ok(())
}
