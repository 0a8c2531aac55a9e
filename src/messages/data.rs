//! The data dir: files that could not be read or written, damaged files moved
//! aside, and the notice the TUI gives about them at its next start.

use crate::core::notices::Notice;
use std::path::Path;

/// `atomic_write` found a symbolic link where the file goes.
pub fn err_link_in_the_way(path: &Path, target: &Path, dangling: bool) -> String {
    let to = if dangling {
        format!("{}, which does not exist", target.display())
    } else {
        target.display().to_string()
    };
    format!(
        "{} is a symbolic link (to {to}); chitalka does not write through links nor replace them: remove the link and try again",
        path.display()
    )
}

/// A data file that is a folder, a FIFO or a device.
pub const ERR_NOT_A_FILE: &str = "not a regular file";

/// A data file too large to be chitalka's.
pub fn err_data_too_large(bytes: u64) -> String {
    format!(
        "too large for a chitalka data file ({} MB)",
        bytes.div_ceil(1 << 20)
    )
}

/// What went wrong with a file, and which (the reason first: a status bar
/// cuts the end of a long line).
pub fn file_error(path: &Path, e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!("{e}: {}", path.display())
}

/// A damaged file that could not be moved aside: nothing is written over it.
pub fn err_damaged_not_moved(path: &Path, e: &std::io::Error) -> String {
    let e = super::io_reason(e);
    format!(
        "damaged, and could not be moved aside ({e}): {}; it is left as it is",
        path.display()
    )
}

/// The reading-state file could not be read (`why` names the file).
pub fn warn_state_unreadable(why: &str) -> String {
    format!("cannot read the reading positions: {why}; they are not saved until it can be read")
}

/// The marks file of the open article could not be read (`why` names the
/// file): nothing can be added or changed.
pub fn marks_unreadable(why: &str) -> String {
    format!(
        "cannot read the bookmarks and notes of this article: {why}; nothing is added or changed until it can be read"
    )
}

/// A notice about a damaged file, shown once at the next start of the TUI.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::StateMovedAside { moved_to } => {
            format!(
                "the reading positions were damaged, so they start afresh; the old file is {moved_to}"
            )
        }
        Notice::MarksMovedAside { article, moved_to } => {
            format!("bookmarks and notes of {article} were damaged; the old file is {moved_to}")
        }
    }
}

/// More notices than the status bar shows (all are said again on exit).
pub fn more_notices(n: usize) -> String {
    format!(" (+{n} more, listed on exit)")
}

/// The file of the titles the person gave is damaged: kept as it is.
pub fn titles_damaged(path: &Path) -> String {
    format!(
        "the titles and authors you gave are in a damaged file, {}; it is left as it is and not changed (mend it or move it away to give titles again)",
        path.display()
    )
}

/// The titles file was written by a newer chitalka.
pub fn titles_newer(schema: u32) -> String {
    format!(
        "the titles and authors you gave were saved by a newer chitalka (format {schema}); they are shown but not changed"
    )
}

/// The titles file could not be read or written (`e` names the file).
pub fn titles_io(e: &std::io::Error) -> String {
    format!(
        "cannot read or save the titles and authors you gave: {}",
        super::io_reason(e)
    )
}
