//! The library, reader, find, outline and help screens.

/// Library view: title bar.
pub fn library_title(count: usize, dir: &str) -> String {
    format!(
        " chitalka · {} · {dir} ",
        super::count(count, "article", "articles")
    )
}

/// Library view: nothing in the folder. Names every format read (see
/// [`crate::core::formats::EXTENSIONS`]).
pub const LIBRARY_EMPTY: &str = "No articles here yet. Put .txt, .md, .html, .epub, .fb2 or .fb2.zip files in the library folder.";

/// Library view: no title matches the filter.
pub const LIBRARY_NO_MATCH: &str = "No title matches the filter.";

/// Library view: column headers.
pub const COL_TITLE: &str = "Title";
/// Between an article's title and its author in the library list.
pub const LIST_AUTHOR_SEP: &str = " — ";
/// Before the file's name of an article whose title another has too.
pub const LIST_FILE_SEP: &str = " · ";

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
    let files = super::count(n, "file", "files");
    format!("{files} could not be read")
}

/// Library view: an unreadable file's row.
pub fn unreadable_row(name: &str, reason: &impl std::fmt::Display) -> String {
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

/// The background scan of the library: how far it is.
pub fn scanning(done: usize, total: usize) -> String {
    format!("reading the library {done}/{total}…")
}

/// The background scan failed (the files read so far are shown).
pub fn scan_failed(why: &str) -> String {
    format!("the library could not be read to the end: {why}")
}

/// Find across the library waits for the first scan.
pub const SCAN_NOT_DONE: &str = "the library is still being read; the find opens when it is done";

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

/// Hits of the query while they are still being counted: "3/120+" (the
/// current hit's number, "?" while the text before it is counted).
pub fn hit_counter_growing(current: Option<usize>, total: usize) -> String {
    match current {
        Some(c) => format!("{c}/{total}+"),
        None => format!("?/{total}+"),
    }
}

/// No hit yet, the article still being searched.
pub const SEARCHING: &str = "searching…";

/// The hits are of the query read in the other keyboard layout.
pub fn found_as(other: &str) -> String {
    format!("layout switched: «{other}»")
}

/// The jump list is empty.
pub const NO_JUMP_BACK: &str = "no jump to go back from";

/// The index is being written by another chitalka.
pub const INDEX_BUSY: &str = "another chitalka is updating the search index; searching it as it is";

/// Files were indexed.
pub fn indexed(n: usize) -> String {
    format!("indexed {}", super::count(n, "file", "files"))
}

/// The index's own list of files is unreadable.
pub const INDEX_MANIFEST_DAMAGED: &str = "its list of files is unreadable";

/// At most this many characters of a library's error are shown in a message.
const WHY_CHARS: usize = 160;

/// An error from a library (tantivy's are long), cut for a message.
fn short(why: &str) -> String {
    let why = why.trim();
    match why.char_indices().nth(WHY_CHARS) {
        Some((at, _)) => format!("{}…", &why[..at]),
        None => why.to_string(),
    }
}

/// The search index was found damaged and made anew.
pub fn index_rebuilt(why: &str) -> String {
    // tantivy's errors carry Rust debug text after their first words
    // ("Failed to open file for read: 'FileDoesNotExist(\"/…\")'"): those
    // first words say enough.
    let head = why
        .split([':', '(', '\'', '{'])
        .next()
        .unwrap_or(why)
        .trim();
    let head = if head.is_empty() { why } else { head };
    format!(
        "the search index was damaged ({}); it was made anew",
        short(&head.to_lowercase())
    )
}

/// The app's status line: the search index was found damaged and made anew.
pub const INDEX_REMADE: &str = "the search index was damaged; it has been made anew";

/// The search index is being made anew after a failed search.
pub const INDEX_REBUILDING: &str = "the search index is damaged; making it anew…";

/// The search index failed, and making it anew did not help.
pub fn index_failed(why: &str) -> String {
    format!("the search index cannot be used: {}", short(why))
}

/// A search failed.
pub fn search_failed(why: &str) -> String {
    format!("the search failed: {}", short(why))
}

/// A thread of chitalka panicked while the screen was drawn (said at exit).
pub fn thread_panicked(thread: &str, what: &str, at: &str) -> String {
    format!("thread '{thread}' failed on a bug: {what} ({at})")
}

/// A background job (the scan, the index) stopped on a bug in chitalka.
pub fn job_failed_on_bug(why: &str) -> String {
    format!("chitalka hit a bug ({})", short(why))
}

/// Library find: title of the screen.
pub const SEARCH_TITLE: &str = " Find in the library: ";

/// Library find: indexing progress.
pub fn indexing(done: usize, total: usize) -> String {
    format!("indexing the library… {done}/{total}")
}

/// Library find: indexing progress, and the hits in what is indexed so far.
pub fn indexing_found(done: usize, total: usize, hits: usize, limit: usize) -> String {
    format!(
        "{} · {} so far",
        indexing(done, total),
        hits_found(hits, limit)
    )
}

/// Library find: how many hits; `limit` or more reads "200+ hits" (the
/// search stops there).
pub fn hits_found(n: usize, limit: usize) -> String {
    if n >= limit {
        format!("{limit}+ hits")
    } else {
        super::count(n, "hit", "hits")
    }
}

/// Library find: no library (a single file was opened).
pub const NO_LIBRARY_TO_SEARCH: &str = "no library to search (a single file is open)";

/// No hit of the query.
pub const NO_HITS: &str = "not found";

/// `n` with nothing found yet.
pub const NO_FIND_YET: &str = "nothing to find again yet: / finds";

/// `n` went past the last hit and on from the first.
pub const FROM_THE_TOP: &str = "search hit the bottom, going on from the top";

/// `N` went past the first hit and on from the last.
pub const FROM_THE_BOTTOM: &str = "search hit the top, going on from the bottom";

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

/// The search index folder holds something that is not a file (a pipe, a
/// device, a folder, a link): the index is made anew.
pub fn index_odd_entry(name: &str) -> String {
    format!(
        "{} in the search index is not a regular file",
        super::shown(name)
    )
}

/// The status line while a long article's whole is read (a part of it shown).
pub fn opening_whole(percent: u32) -> String {
    format!("reading the whole article… {percent}%")
}

/// The status line while a key waits for the whole article to be read.
pub fn waiting_for_whole(percent: u32) -> String {
    format!("reading the whole article… {percent}%, your key waits")
}

/// The whole of a long article could not be read (its first part is shown).
pub fn whole_unreadable(why: &str) -> String {
    format!("only a part of this article could be read: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(hits_found(1, 200), "1 hit");
        assert_eq!(hits_found(2, 200), "2 hits");
        assert_eq!(hits_found(0, 200), "0 hits");
        assert_eq!(hits_found(200, 200), "200+ hits");
        assert_eq!(library_errors(1), "1 file could not be read");
        assert_eq!(library_title(1, "x"), " chitalka · 1 article · x ");
        assert_eq!(indexed(3), "indexed 3 files");
    }

    #[test]
    fn a_rebuilt_index_is_said_without_tantivys_debug_text() {
        assert_eq!(
            index_rebuilt(
                "Failed to open file for read: 'FileDoesNotExist(\"/c/index/x/3ecf.idx\")'"
            ),
            "the search index was damaged (failed to open file for read); it was made anew"
        );
        assert_eq!(
            index_rebuilt("meta.json in the search index is not a regular file"),
            "the search index was damaged (meta.json in the search index is not a regular file); it was made anew"
        );
    }
}
