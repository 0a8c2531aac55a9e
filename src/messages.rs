//! Every piece of text chitalka shows a person, in one place, so that a
//! translation can follow.

/// Text made safe to print to a terminal: control characters (ESC and the
/// rest, which a file name may hold) are shown as `\u{..}` escapes.
pub fn shown(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_unsafe(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Characters that must never reach a terminal from user data: controls and
/// bidirectional overrides (which reorder what follows them).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Markup that could not be read at all.
pub fn err_malformed(why: &str) -> String {
    format!("malformed file: {why}")
}

/// An FB2 file with no body text.
pub const ERR_NO_BODY: &str = "no <body> text";

/// A binary file in the library.
pub const ERR_BINARY: &str = "binary file, not text";

/// A file that could not be read.
pub fn err_unreadable(e: &std::io::Error) -> String {
    format!("cannot read: {e}")
}

/// A sub-folder of the library could not be read.
pub fn err_folder(e: &std::io::Error) -> String {
    format!("folder cannot be read: {e}")
}

/// A file with no text to add.
pub const ERR_EMPTY: &str = "no text in it";

/// The content is already in the library.
pub fn err_already_there(rel: &str) -> String {
    format!("already in the library as {rel}")
}

/// Writing a file failed.
pub fn err_write(path: &std::path::Path, e: &std::io::Error) -> String {
    format!("cannot write {}: {e}", path.display())
}

/// `chitalka add`: one file added.
pub fn added(title: &str, path: &str) -> String {
    format!("added «{title}» as {path}")
}

/// `chitalka add`: the summary when some files were refused.
pub const SOME_NOT_ADDED: &str = "some files were not added";

/// `chitalka add`: one file refused.
pub fn not_added(source: &str, reason: &str) -> String {
    format!("chitalka: not added {source}: {reason}")
}

/// `chitalka add --move`: the source could not be removed.
pub fn err_remove_source(path: &std::path::Path, e: &std::io::Error) -> String {
    format!("added, but cannot remove {}: {e}", path.display())
}

/// Marks from a newer chitalka are not written.
pub const MARKS_READ_ONLY: &str =
    "read-only: these bookmarks and notes were saved by a newer chitalka";

/// Saving marks failed; they are kept in memory.
pub fn err_marks_save(e: &std::io::Error) -> String {
    format!(
        "could not save bookmarks and notes ({e}); they are kept and will be saved on the next try"
    )
}

/// `chitalka mark`: the quote is not in the article's text.
pub fn err_quote_not_found(path: &std::path::Path) -> String {
    format!("the quote is not in the text of {}", path.display())
}

/// `chitalka mark`: an empty quote.
pub const ERR_EMPTY_QUOTE: &str = "the quote is empty; give a passage of the article";

/// `chitalka mark`: the note could not be read from standard input.
pub fn err_note_stdin(e: &std::io::Error) -> String {
    format!("cannot read the note from standard input: {e}")
}

/// `chitalka mark`: the save failed, so the mark does not exist.
pub fn err_mark_not_saved(e: &std::io::Error) -> String {
    format!("could not save the mark ({e}); nothing was added")
}

/// `chitalka mark`: the marks file could not be read.
pub fn err_marks_unreadable(e: &str) -> String {
    format!("cannot read the bookmarks and notes of this article ({e}); nothing was added")
}

/// A marks file from a newer schema: read-only.
pub fn warn_marks_newer(version: u32) -> String {
    format!(
        "bookmarks and notes of this article were saved by a newer chitalka (schema {version}); they are read-only here"
    )
}

/// The marks file was damaged and moved aside.
pub fn warn_marks_corrupt(moved_to: &std::path::Path) -> String {
    format!(
        "bookmarks and notes file was damaged; kept it as {} and started afresh",
        moved_to.display()
    )
}

/// Export: a marks file that is not valid JSON was left out.
pub fn warn_export_corrupt(path: &std::path::Path) -> String {
    format!("skipped, not valid JSON: {}", path.display())
}

/// Export: a marks file that could not be read was left out.
pub fn warn_export_unreadable(path: &std::path::Path, e: &std::io::Error) -> String {
    format!("skipped, cannot read {}: {e}", path.display())
}

/// Export: a marks file from a newer chitalka; what could be read of it is exported.
pub fn warn_export_newer(path: &std::path::Path, version: u32, exported: bool) -> String {
    if exported {
        format!(
            "{} was saved by a newer chitalka (schema {version}); exported the marks this version understands",
            path.display()
        )
    } else {
        format!(
            "skipped {}: saved by a newer chitalka (schema {version}) in a form this version cannot read",
            path.display()
        )
    }
}

/// Title of the Markdown export of notes.
pub const EXPORT_TITLE: &str = "Notes";
/// Section name for notes whose passage is gone from the article.
pub const EXPORT_DETACHED: &str = "Detached (the passage is no longer in the article)";

/// The data dir could not be found.
pub const ERR_NO_HOME: &str =
    "cannot find a home directory for user data; pass --data-dir DIR or set CHITALKA_DATA_DIR";

/// A path that is neither a file nor a folder.
pub fn err_no_such_path(path: &std::path::Path) -> String {
    format!("{}: no such file or folder", path.display())
}

/// The library folder cannot be scanned.
pub fn err_library(path: &std::path::Path, e: &std::io::Error) -> String {
    format!("cannot open the library {}: {e}", path.display())
}

/// A file in the library has no readable text.
pub fn err_article(path: &std::path::Path, reason: &str) -> String {
    format!("{}: {reason}", path.display())
}

/// The state file was corrupt and has been moved aside.
pub fn warn_state_corrupt(moved_to: &std::path::Path) -> String {
    format!(
        "reading positions file was damaged; kept it as {} and started afresh",
        moved_to.display()
    )
}

/// The state file comes from a newer chitalka.
pub fn warn_state_newer(version: u32) -> String {
    format!(
        "reading positions were saved by a newer chitalka (schema {version}); they are read-only in this version"
    )
}

/// Saving the reading state failed.
pub fn warn_save_failed(e: &std::io::Error) -> String {
    format!("could not save reading positions: {e}")
}

/// Messages about `config.toml`.
pub mod config {
    use std::path::Path;

    /// The whole file could not be used (not TOML, unreadable).
    pub fn whole_file(path: &Path, line: Option<usize>, e: &str) -> String {
        match line {
            Some(l) => format!("{}:{l}: {e}; using the defaults", path.display()),
            None => format!("{}: {e}; using the defaults", path.display()),
        }
    }

    /// One entry was left out; the rest applies.
    pub fn entry(path: &Path, line: usize, what: &str) -> String {
        format!("{}:{line}: {what}; left out", path.display())
    }

    /// What a value should be: a table.
    pub const A_TABLE: &str = "a table";
    /// What a value should be: true or false.
    pub const TRUE_OR_FALSE: &str = "true or false";
    /// What a value should be: a string.
    pub const A_STRING: &str = "a string";
    /// What a value should be: a list of key names.
    pub const A_KEY_LIST: &str = "a list of key names, such as [\"j\", \"Down\"]";

    /// A value of the wrong type.
    pub fn should_be(key: &str, what: &str) -> String {
        format!("`{key}` should be {what}")
    }

    /// A number out of its range.
    pub fn number_between(key: &str, min: usize, max: usize) -> String {
        format!("`{key}` should be a whole number from {min} to {max}")
    }

    /// A setting chitalka does not know.
    pub fn unknown_setting(key: &str) -> String {
        format!("unknown setting `{key}`")
    }

    /// A theme that is not built in.
    pub fn unknown_theme(name: &str) -> String {
        format!("no theme \"{name}\" (there are \"dark\" and \"light\")")
    }

    /// A colour entry that themes do not have.
    pub fn unknown_theme_entry(name: &str) -> String {
        format!("no colour entry `{name}` in a theme (`chitalka config --default` lists them)")
    }

    /// A colour that cannot be read.
    pub fn bad_colour(value: &str) -> String {
        format!(
            "{value} is not a colour (a name such as \"light-yellow\", \"#rrggbb\", or \"0\" to \"255\")"
        )
    }

    /// A key of a style table that is not fg, bg or an attribute.
    pub fn unknown_style_key(entry: &str, key: &str) -> String {
        format!(
            "`{key}` in `{entry}`: a colour entry takes fg, bg, bold, italic, underline, dim, reverse"
        )
    }

    /// A `[keys.*]` table for a screen that does not exist.
    pub fn unknown_screen(name: &str) -> String {
        format!("no screen `{name}` for keys (library, reader, outline, search, select, marks)")
    }

    /// An action name that does not exist.
    pub fn unknown_action(name: &str, screen: &str) -> String {
        format!("no action `{name}` in [keys.{screen}] (`chitalka config --default` lists them)")
    }

    /// An action that does nothing in that screen.
    pub fn not_in_screen(action: &str, screen: &str) -> String {
        format!("`{action}` does nothing in [keys.{screen}]")
    }

    /// A key name that cannot be read.
    pub fn bad_key(name: &str, action: &str) -> String {
        format!(
            "\"{name}\" (for `{action}`) is not a key name (such as j, G, Space, Enter, PgDn, Down, Ctrl-d, F1)"
        )
    }

    /// A key already doing another action in that screen.
    pub fn key_taken(key: &str, screen: &str, holder: &str) -> String {
        format!(
            "the key {key} already does `{holder}` in [keys.{screen}] (rebind that too to free it)"
        )
    }
}

/// The comments of `chitalka config --default`.
pub mod config_file {
    /// At the top.
    pub const HEAD: &str = "chitalka's configuration (`chitalka config --path` says where it goes).
A line like \"# key = value\" shows a default: remove the \"# \" to change it.
A mistake is reported with its line and left out; the rest still applies.";
    /// Before `library`.
    pub const LIBRARY: &str = "The library folder (~ is your home); else <data dir>/library.";
    /// Before `text.width`.
    pub const WIDTH: &str = "Widest text column, in columns (10 or more).";
    /// Before `text.justify`.
    pub const JUSTIFY: &str = "Spread the words of each line so the right edge is straight too.";
    /// Before `text.hyphenate`.
    pub const HYPHENATE: &str = "Break long words at line ends (Russian hyphenation).";
    /// Before `text.paragraph_indent`.
    pub const PARAGRAPH_INDENT: &str = "Columns of indent at the start of a paragraph (0 to 8).";
    /// Before `text.line_spacing`.
    pub const LINE_SPACING: &str =
        "Rows per line of text (1 to 3; 2 leaves a blank row after each).";
    /// Before `theme.name`.
    pub const THEME_NAME: &str = "\"dark\" (for a dark terminal) or \"light\" (for a light one).";
    /// Before `[theme.colors]`.
    pub const COLOURS: &str = "Change any entry of the theme. A colour alone sets its text colour;
a table sets the whole entry:
  { fg = \"...\", bg = \"...\", bold = true, italic = true, underline = true, dim = true, reverse = true }
Colours: names (\"light-yellow\", \"dark-gray\"), \"#rrggbb\", or \"0\" to \"255\".
NO_COLOR, when set, wins: then only bold, italic, reverse ... are used.
The dark theme's entries:";
    /// Before the `[keys.*]` tables.
    pub const KEYS: &str =
        "Keys, per screen: a line sets the keys of an action there, replacing its defaults.
Key names as the help (?) shows them: j, G, Space, Enter, Esc, Tab, PgDn, PgUp,
Home, End, ↓ (or Down), Ctrl-d, Alt-x, F1, a Cyrillic letter ... With the Russian
layout on, a Cyrillic key still acts as the Latin key in its place.
A key does one thing per screen: a key another action keeps is left out.
An empty list [] leaves the action without a key.";
}

/// Sample articles were installed into a new library.
pub fn note_samples_installed(dir: &std::path::Path) -> String {
    format!("created the library {} with sample articles", dir.display())
}

/// Library view: title bar.
pub fn library_title(count: usize, dir: &str) -> String {
    format!(" chitalka · {count} articles · {dir} ")
}
/// Library view: nothing in the folder.
pub const LIBRARY_EMPTY: &str =
    "No articles here yet. Put .txt or .md files in the library folder.";
/// Library view: no title matches the filter.
pub const LIBRARY_NO_MATCH: &str = "No title matches the filter.";
/// Library view: column headers.
pub const COL_TITLE: &str = "Title";
/// Library view: reading time column.
pub const COL_TIME: &str = "Time";
/// Library view: progress column.
pub const COL_PROGRESS: &str = "Read";
/// Library view: last-read column.
pub const COL_LAST: &str = "Last read";
/// Library view: an article never opened.
pub const NEVER_READ: &str = "—";
/// A read cell of the progress bar.
pub const BAR_FULL: &str = "━";
/// An unread cell of the progress bar.
pub const BAR_EMPTY: &str = "─";
/// Library view: sort order names.
pub const SORT_TITLE: &str = "sorted by title";
/// Library view: sort by last read.
pub const SORT_RECENT: &str = "sorted by last read";
/// Library view: filter prompt label.
pub const FILTER_PROMPT: &str = "Filter: ";
/// Library view: how many files could not be read.
pub fn library_errors(n: usize) -> String {
    format!("{n} file(s) could not be read")
}
/// Library view: an unreadable file's row.
pub fn unreadable_row(name: &str, reason: &str) -> String {
    format!("⚠ {name}: {reason}")
}

/// Reading time, e.g. "12 min" or "3 h 5 min" ("—" for no text).
pub fn reading_time(minutes: usize) -> String {
    if minutes == 0 {
        NEVER_READ.to_string()
    } else if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

/// How long ago something happened, for the last-read column.
pub fn ago(seconds: u64) -> String {
    match seconds {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86400 => format!("{} h ago", seconds / 3600),
        86400..2_592_000 => format!("{} days ago", seconds / 86400),
        _ => format!("{} months ago", seconds / 2_592_000),
    }
}

/// Reader status line: position when the layout is complete.
pub fn line_position(line: usize, total: usize) -> String {
    format!("line {line}/{total}")
}
/// Reader status line: the document is empty.
pub const EMPTY_ARTICLE: &str = "(this article has no text)";
/// The find prompt.
pub const FIND_PROMPT: &str = "/";
/// Hits of the query: "3/41".
pub fn hit_counter(current: usize, total: usize) -> String {
    format!("{current}/{total}")
}
/// The hits are of the query read in the other keyboard layout.
pub fn found_as(other: &str) -> String {
    format!("layout switched: «{other}»")
}
/// The index is being written by another chitalka.
pub const INDEX_BUSY: &str = "another chitalka is updating the search index; searching it as it is";
/// Files were indexed.
pub fn indexed(n: usize) -> String {
    format!("indexed {n} file(s)")
}
/// The indexing thread died.
pub const INDEX_THREAD_FAILED: &str = "the search index could not be built";
/// Library find: title of the screen.
pub const SEARCH_TITLE: &str = " Find in the library: ";
/// Library find: indexing progress.
pub fn indexing(done: usize, total: usize) -> String {
    format!("indexing the library… {done}/{total}")
}
/// Library find: how many hits.
pub fn hits_found(n: usize) -> String {
    format!("{n} hit(s)")
}
/// Library find: no library (a single file was opened).
pub const NO_LIBRARY_TO_SEARCH: &str = "no library to search (a single file is open)";
/// No hit of the query.
pub const NO_HITS: &str = "not found";

/// Outline box title (when it is shown over the text).
pub const OUTLINE_TITLE: &str = " Outline ";
/// Separator between the title and the section in the status line.
pub const STATUS_SECTION_SEP: &str = " · ";
/// Separator between nested section names.
pub const SECTION_PATH_SEP: &str = " › ";
/// Help overlay title.
pub const HELP_TITLE: &str = " Keys ";
/// Help overlay: the mouse.
pub const HELP_MOUSE: (&str, &str) = ("wheel", "scroll");
/// Help overlay footer when the list is longer than the window.
pub const HELP_SCROLL: &str = "↓↑ more · other keys close";
/// Help overlay footer.
pub const HELP_CLOSE: &str = "any key closes this help";
/// Marks whose passage was not found in the edited article.
pub fn marks_detached(n: usize) -> String {
    format!(
        "{n} bookmark(s) or note(s) could not be found in the article as it is now; they are kept (B, A list them)"
    )
}

/// A detached mark was chosen in a list.
pub fn mark_detached(quote: &str) -> String {
    let q: String = quote.chars().take(60).collect();
    format!("this passage is no longer in the article: «{q}»")
}

/// The head of a library-find hit in a note.
pub fn note_hit_head(title: &str, quote: &str) -> String {
    let q = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = q.chars().take(40).collect();
    let more = if short.len() < q.len() { "…" } else { "" };
    format!("{MARGIN_NOTE} note on «{short}{more}» · {title}")
}

/// Marks could not be saved on the way out; where they were put instead.
pub fn marks_rescued(path: &std::path::Path) -> String {
    format!(
        "bookmarks and notes could not be saved in the data dir; they were written to {} (copy it to <data dir>/marks/ when the disk is fixed)",
        path.display()
    )
}

/// Marks could be neither saved nor rescued.
pub fn marks_lost(e: &std::io::Error) -> String {
    format!("bookmarks and notes could not be saved, nor written to the temp dir ({e})")
}

/// The passage was sent to the clipboard.
pub fn copied(words: usize) -> String {
    format!("copied {words} word(s) to the clipboard")
}

/// `chitalka add` with many files: how far it is.
pub fn adding(n: usize, total: usize) -> String {
    format!("adding {n}/{total}…")
}

/// A mark to change is no longer there.
pub const MARK_GONE: &str = "that bookmark or note is no longer there (deleted elsewhere?)";

/// The background scan of the library: how far it is.
pub fn scanning(done: usize, total: usize) -> String {
    format!("reading the library {done}/{total}…")
}

/// The background scan failed (the files read so far are shown).
pub const SCAN_FAILED: &str = "the library could not be read to the end";

/// Find across the library waits for the first scan.
pub const SCAN_NOT_DONE: &str = "the library is still being read; find across it in a moment";

/// The jump list is empty.
pub const NO_JUMP_BACK: &str = "no jump to go back from";

/// There is no text to mark.
pub const NO_PASSAGE: &str = "no text here to mark";
/// A note was saved.
pub const NOTE_SAVED: &str = "note saved";
/// A bookmark was saved.
pub const BOOKMARK_SAVED: &str = "bookmark saved";
/// Marks that failed to save earlier are now saved.
pub const MARKS_SAVED_NOW: &str = "bookmarks and notes saved";
/// No note on screen to show.
pub const NO_NOTE_HERE: &str = "no note on this screen";
/// Deleted; undo is possible.
pub const DELETED_UNDO: &str = "deleted · u brings it back";
/// Nothing to undo.
pub const NOTHING_TO_UNDO: &str = "nothing to undo";
/// Undo done.
pub const RESTORED: &str = "brought back";
/// The bookmark name prompt.
pub const BOOKMARK_PROMPT: &str = "Bookmark name (may be empty): ";
/// The rename prompt.
pub const RENAME_PROMPT: &str = "New name: ";
/// Right side of the prompt bar.
pub const PROMPT_KEYS: &str = "Enter save · Esc cancel";
/// The bookmarks list title.
pub const BOOKMARKS_TITLE: &str = "Bookmarks";
/// The notes list title.
pub const NOTES_TITLE: &str = "Notes";
/// List scope: this article.
pub const SCOPE_ARTICLE: &str = "this article";
/// List scope: the library.
pub const SCOPE_ALL: &str = "all articles";
/// Empty list.
pub const NO_MARKS: &str =
    "Nothing here yet: in the reader, v chooses a passage, m bookmarks it, a writes a note.";
/// Shown for a detached mark.
pub const DETACHED: &str = "detached";
/// Status while the note editor is open.
pub const WRITING_NOTE: &str = "Writing a note on the highlighted passage";
/// Status of the choice.
pub const CHOOSING: &str = "Choosing a passage";
/// Words in the chosen passage.
pub fn words(n: usize) -> String {
    format!("{n} word(s)")
}
/// Margin sign of a bookmark.
pub const MARGIN_BOOKMARK: &str = "*";
/// Margin sign of a note.
pub const MARGIN_NOTE: &str = "✎";
/// Keys of a shown note.
pub fn note_popup_keys(next: &str, edit: &str) -> String {
    format!("{next} next · {edit} edit · Esc closes")
}

/// Hint bar words, after the key that does it.
pub mod hint {
    /// Open an article.
    pub const OPEN: &str = "open";
    /// Filter the library.
    pub const FILTER: &str = "filter";
    /// Change the sort order.
    pub const SORT: &str = "sort";
    /// Show the help.
    pub const HELP: &str = "help";
    /// Quit.
    pub const QUIT: &str = "quit";
    /// Back to the library.
    pub const BACK: &str = "back";
    /// Show the outline.
    pub const OUTLINE: &str = "outline";
    /// Go to the section.
    pub const GO: &str = "go";
    /// Fold an entry.
    pub const FOLD: &str = "fold";
    /// Back to the text.
    pub const TEXT: &str = "text";
    /// Edit the query.
    pub const QUERY: &str = "query";
    /// Extend the chosen passage.
    pub const EXTEND: &str = "extend";
    /// Bookmark it.
    pub const BOOKMARK: &str = "bookmark";
    /// Write a note.
    pub const NOTE: &str = "note";
    /// Cancel.
    pub const CANCEL: &str = "cancel";
    /// This article / all.
    pub const SCOPE: &str = "this / all";
    /// Rename or edit.
    pub const EDIT: &str = "edit";
    /// Delete.
    pub const DELETE: &str = "delete";
}

/// CLI: list output columns when there are errors.
pub fn cli_skipped(path: &str, reason: &str) -> String {
    format!("chitalka: skipped {}: {}", shown(path), shown(reason))
}

/// What each key does, as the help overlay says it.
pub mod keys {
    /// Name of the space bar.
    pub const KEY_SPACE: &str = "Space";
    /// Name of Page Down.
    pub const KEY_PAGE_DOWN: &str = "PgDn";
    /// Name of Page Up.
    pub const KEY_PAGE_UP: &str = "PgUp";
    /// Name of Home.
    pub const KEY_HOME: &str = "Home";
    /// Name of End.
    pub const KEY_END: &str = "End";
    /// Name of Enter.
    pub const KEY_ENTER: &str = "Enter";
    /// Name of Escape.
    pub const KEY_ESC: &str = "Esc";
    /// Name of Tab.
    pub const KEY_TAB: &str = "Tab";
    /// Name of Backspace.
    pub const KEY_BACKSPACE: &str = "Backspace";
    /// Prefix for a key with Control held.
    pub const KEY_CTRL: &str = "Ctrl-";
    /// Prefix for a key with Alt held.
    pub const KEY_ALT: &str = "Alt-";
    /// Name of Shift-Tab.
    pub const KEY_BACKTAB: &str = "BackTab";
    /// Name of Insert.
    pub const KEY_INSERT: &str = "Ins";
    /// Key tables: the keys column.
    pub const KEYS: &str = "keys";
    /// Key tables: the action column.
    pub const ACTION: &str = "action";
    /// Key tables: an action with no key.
    pub const UNBOUND: &str = "(no key)";
    /// Key tables: the library screen.
    pub const SCREEN_LIBRARY: &str = "Library";
    /// Key tables: the reader.
    pub const SCREEN_READER: &str = "Reader";
    /// Key tables: the outline with the keys.
    pub const SCREEN_OUTLINE: &str = "Outline (when it has the keys)";
    /// Key tables: find in the library.
    pub const SCREEN_SEARCH: &str = "Find in the library";
    /// Key tables: choosing a passage.
    pub const SCREEN_SELECT: &str = "Choosing a passage";
    /// Key tables: the lists of bookmarks and notes.
    pub const SCREEN_MARKS: &str = "Lists of bookmarks and notes";
    /// Help text: line down.
    pub const LINE_DOWN: &str = "line down";
    /// Help text: line up.
    pub const LINE_UP: &str = "line up";
    /// Help text: page down.
    pub const PAGE_DOWN: &str = "page down";
    /// Help text: page up.
    pub const PAGE_UP: &str = "page up";
    /// Help text: half page down.
    pub const HALF_PAGE_DOWN: &str = "half page down";
    /// Help text: half page up.
    pub const HALF_PAGE_UP: &str = "half page up";
    /// Help text: start of the article.
    pub const START_OF_THE_ARTICLE: &str = "start of the article";
    /// Help text: end of the article.
    pub const END_OF_THE_ARTICLE: &str = "end of the article";
    /// Help text: back to the library.
    pub const BACK_TO_THE_LIBRARY: &str = "back to the library";
    /// Help text: this help.
    pub const THIS_HELP: &str = "this help";
    /// Help text: quit chitalka.
    pub const QUIT_CHITALKA: &str = "quit chitalka";
    /// Help text: next article.
    pub const NEXT_ARTICLE: &str = "next article";
    /// Help text: previous article.
    pub const PREVIOUS_ARTICLE: &str = "previous article";
    /// Help text: first article.
    pub const FIRST_ARTICLE: &str = "first article";
    /// Help text: last article.
    pub const LAST_ARTICLE: &str = "last article";
    /// Help text: open the article.
    pub const OPEN_THE_ARTICLE: &str = "open the article";
    /// Help text: filter by title.
    pub const FILTER_BY_TITLE: &str = "filter by title";
    /// Help text: sort by title / last read.
    pub const SORT_BY_TITLE_LAST_READ: &str = "sort by title / last read";
    /// Help text: clear the filter.
    pub const CLEAR_THE_FILTER: &str = "clear the filter";
    /// Help text: show or hide the outline.
    pub const SHOW_HIDE_THE_OUTLINE: &str = "show / hide the outline";
    /// Help text: focus the outline.
    pub const FOCUS_THE_OUTLINE: &str = "outline / text focus";
    /// Help text: previous section.
    pub const PREVIOUS_SECTION: &str = "start of this / previous section";
    /// Help text: next section.
    pub const NEXT_SECTION: &str = "next section";
    /// Help text: next outline entry.
    pub const NEXT_ENTRY: &str = "next entry";
    /// Help text: previous outline entry.
    pub const PREVIOUS_ENTRY: &str = "previous entry";
    /// Help text: first outline entry.
    pub const FIRST_ENTRY: &str = "first entry";
    /// Help text: last outline entry.
    pub const LAST_ENTRY: &str = "last entry";
    /// Help text: go to the section.
    pub const GO_TO_THE_SECTION: &str = "go to the section";
    /// Help text: fold.
    pub const FOLD: &str = "fold (or go to the parent)";
    /// Help text: unfold.
    pub const UNFOLD: &str = "unfold";
    /// Help text: fold or unfold.
    pub const FOLD_UNFOLD: &str = "fold / unfold";
    /// Help text: back to the text.
    pub const BACK_TO_THE_TEXT: &str = "back to the text";
    /// Help text: close the outline.
    pub const CLOSE_THE_OUTLINE: &str = "close the outline";
    /// Help text: article info.
    pub const ARTICLE_INFO: &str = "article info";
    /// Help text: find in the article.
    pub const FIND_IN_THE_ARTICLE: &str = "find in the article (Esc clears, ↑ history)";
    /// Help text: next hit.
    pub const NEXT_HIT: &str = "next hit";
    /// Help text: previous hit.
    pub const PREVIOUS_HIT: &str = "previous hit";
    /// Help text: find in the library.
    pub const FIND_IN_THE_LIBRARY: &str = "find in the whole library";
    /// Help text: open the article at the hit.
    pub const OPEN_AT_THE_HIT: &str = "open the article at the hit";
    /// Help text: edit the query.
    pub const EDIT_THE_QUERY: &str = "edit the query";
    /// Help text: back.
    pub const BACK: &str = "back";
    /// Name of Delete.
    pub const KEY_DELETE: &str = "Del";
    /// Help text: start choosing a passage.
    pub const CHOOSE_A_PASSAGE: &str = "choose a passage by sentences";
    /// Help text: bookmark.
    pub const BOOKMARK_THE_PASSAGE: &str = "bookmark the passage (chosen, or at the top)";
    /// Help text: note.
    pub const NOTE_ON_THE_PASSAGE: &str = "note on the passage (chosen, or at the top)";
    /// Help text: show the note.
    pub const SHOW_THE_NOTE: &str = "show the note on screen (again: the next)";
    /// Help text: list bookmarks.
    pub const LIST_BOOKMARKS: &str = "bookmarks";
    /// Help text: list notes.
    pub const LIST_NOTES: &str = "notes";
    /// Help text: all bookmarks.
    pub const LIST_ALL_BOOKMARKS: &str = "bookmarks of every article";
    /// Help text: all notes.
    pub const LIST_ALL_NOTES: &str = "notes of every article";
    /// Help text: extend the choice.
    pub const EXTEND_BY_A_SENTENCE: &str = "one sentence more";
    /// Help text: shrink the choice.
    pub const SHRINK_BY_A_SENTENCE: &str = "one sentence less";
    /// Help text: extend by a paragraph.
    pub const EXTEND_BY_A_PARAGRAPH: &str = "to the end of the paragraph / the next";
    /// Help text: shrink by a paragraph.
    pub const SHRINK_BY_A_PARAGRAPH: &str = "back a paragraph";
    /// Help text: cancel the choice.
    pub const CANCEL_THE_CHOICE: &str = "cancel the choice";
    /// Help text: go to the passage.
    pub const GO_TO_THE_PASSAGE: &str = "go to the passage";
    /// Help text: scope toggle.
    pub const THIS_ARTICLE_ALL: &str = "this article / the whole library";
    /// Help text: rename or edit.
    pub const RENAME_OR_EDIT: &str = "rename the bookmark / edit the note";
    /// Help text: delete.
    pub const DELETE_THE_ENTRY: &str = "delete";
    /// Help text: undo.
    pub const UNDO_THE_DELETE: &str = "undo the delete";
    /// Help text: copy.
    pub const COPY_THE_PASSAGE: &str = "copy the passage (the terminal's clipboard, OSC 52)";
    /// Help text: jump back.
    pub const JUMP_BACK: &str = "back to where the last jump (section, hit, mark, g/G) left";
}

/// The article info panel.
pub mod info {
    /// Panel title.
    pub const TITLE: &str = " Article ";
    /// Field names, in the order shown.
    pub const FIELDS: [&str; 8] = [
        "Title",
        "Author",
        "Language",
        "Format",
        "Encoding",
        "Words",
        "Reading time",
        "Path",
    ];
    /// Unknown value.
    pub const UNKNOWN: &str = "—";

    /// A language not named by the article, guessed from its script.
    pub fn script_only(script: &str) -> String {
        format!("not given ({script} script)")
    }
}

/// The note editor.
pub mod note {
    /// The key hint at the bottom of the editor box.
    pub const HINT: &str = "Ctrl-s save · Esc cancel · Ctrl-e $EDITOR";
    /// Asked on Esc when there is text to lose.
    pub const DISCARD: &str = "Discard this note? y discard · any other key: keep editing";
    /// An empty new note is not saved.
    pub const EMPTY_NOT_SAVED: &str = "an empty note is not saved";
    /// An existing note cannot be emptied.
    pub const EMPTY_EXISTING: &str =
        "a note cannot be empty; write something, or delete it from the list (A, then d)";
    /// The note was changed.
    pub const UPDATED: &str = "note changed";
    /// The external editor failed.
    pub fn editor_failed(why: &str) -> String {
        format!("the editor did not finish well ({why}); the note is as it was")
    }
    /// The editor box's title.
    pub fn title(quote: &str) -> String {
        format!("Note on «{quote}»")
    }
    /// The note to edit is gone (deleted meanwhile).
    pub const GONE: &str = "that note is no longer there";
}
