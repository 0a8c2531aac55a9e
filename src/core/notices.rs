//! What the TUI must tell at its next start, once, whoever found it: a
//! damaged file moved aside by `chitalka list` or `chitalka mark` (whose
//! stderr may be long gone) or by the TUI itself. One small file per notice
//! under `<data dir>/notices/`, named for the file moved aside: two writers
//! never share one, nothing needs a lock, and the TUI can drop a notice it
//! has just shown itself.

use crate::core::data_file::{atomic_write, now, read_data_file, strip_bom};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folder of notices in the data dir.
pub const NOTICES_DIR: &str = "notices";

/// The schema version of a notice file.
const NOTICE_SCHEMA: u32 = 1;

/// Something to tell the person about their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Notice {
    /// The reading-state file was damaged: moved to `moved_to`, positions
    /// start afresh.
    StateMovedAside {
        /// Where the damaged file is now.
        moved_to: String,
    },
    /// The marks file of an article was damaged: moved to `moved_to`.
    MarksMovedAside {
        /// The article (its path, as the marks file was looked up by).
        article: String,
        /// Where the damaged file is now.
        moved_to: String,
    },
}

impl Notice {
    /// Where the damaged file is now.
    pub fn moved_to(&self) -> &str {
        match self {
            Notice::StateMovedAside { moved_to } | Notice::MarksMovedAside { moved_to, .. } => {
                moved_to
            }
        }
    }
}

#[derive(Serialize, Deserialize)]
struct NoticeFile {
    schema: u32,
    /// When it was left (seconds since the Unix epoch).
    at: u64,
    #[serde(flatten)]
    notice: Notice,
}

/// The file of the notice about `moved_to`.
fn file_for(data_dir: &Path, moved_to: &str) -> PathBuf {
    let hash = xxhash_rust::xxh3::xxh3_64(moved_to.as_bytes());
    data_dir.join(NOTICES_DIR).join(format!("{hash:016x}.json"))
}

/// Leave `notice` for the next start of the TUI.
pub fn record(data_dir: &Path, notice: Notice) -> io::Result<()> {
    let file = file_for(data_dir, notice.moved_to());
    let json = serde_json::to_vec_pretty(&NoticeFile {
        schema: NOTICE_SCHEMA,
        at: now(),
        notice,
    })
    .map_err(io::Error::other)?;
    atomic_write(&file, &json)
}

/// Drop the notice about `moved_to` (it was just shown).
pub fn forget(data_dir: &Path, moved_to: &Path) {
    let _ = fs::remove_file(file_for(data_dir, &moved_to.to_string_lossy()));
}

/// Every notice left, oldest first; each is removed once read. A notice
/// this version cannot read (a newer chitalka's) is left for that one.
pub fn take(data_dir: &Path) -> Vec<Notice> {
    let Ok(entries) = fs::read_dir(data_dir.join(NOTICES_DIR)) else {
        return Vec::new();
    };
    let mut found: Vec<(u64, String, Notice)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let Ok(bytes) = read_data_file(&path) else {
            continue;
        };
        match serde_json::from_slice::<NoticeFile>(strip_bom(&bytes)) {
            Ok(f) if f.schema <= NOTICE_SCHEMA => {
                let _ = fs::remove_file(&path);
                let name = entry.file_name().to_string_lossy().into_owned();
                found.push((f.at, name, f.notice));
            }
            _ => {}
        }
    }
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    found.into_iter().map(|(_, _, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_is_taken_once_and_a_forgotten_one_never() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(take(dir.path()).is_empty(), "no folder, no notices");
        let state = Notice::StateMovedAside {
            moved_to: "/d/state.json.corrupt-1".into(),
        };
        let marks = Notice::MarksMovedAside {
            article: "война.txt".into(),
            moved_to: "/d/marks/x.json.corrupt-1".into(),
        };
        record(dir.path(), state.clone()).expect("record");
        record(dir.path(), marks.clone()).expect("record");
        // The same file moved aside twice is one notice.
        record(dir.path(), state.clone()).expect("record again");
        let mut got = take(dir.path());
        got.sort_by(|a, b| a.moved_to().cmp(b.moved_to()));
        assert_eq!(got, vec![marks.clone(), state]);
        assert!(take(dir.path()).is_empty(), "shown once");

        record(dir.path(), marks).expect("record");
        forget(dir.path(), Path::new("/d/marks/x.json.corrupt-1"));
        assert!(take(dir.path()).is_empty());
    }

    #[test]
    fn a_notice_from_a_newer_chitalka_or_garbage_is_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let notices = dir.path().join(NOTICES_DIR);
        fs::create_dir_all(&notices).expect("mkdir");
        let future = r#"{"schema": 9, "at": 1, "what": "state_moved_aside", "moved_to": "x"}"#;
        fs::write(notices.join("a.json"), future).expect("write");
        fs::write(notices.join("b.json"), "\u{feff}{ garbage").expect("write");
        assert!(take(dir.path()).is_empty());
        assert!(notices.join("a.json").exists() && notices.join("b.json").exists());
    }
}
