//! Persistence of user data under an injected data dir: atomic writes, a
//! schema version in every file, damaged files moved aside, never overwritten.

use crate::core::marks::ReadingStates;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The schema version this chitalka writes.
pub const SCHEMA: u32 = 1;

/// Name of the reading-state file in the data dir.
pub const STATE_FILE: &str = "state.json";

/// Lock file that serialises saves of two running chitalkas.
pub const LOCK_FILE: &str = "state.lock";

/// Write `bytes` to `path` atomically: a temp file in the same folder, fsync,
/// rename over the target, fsync the folder. A failure leaves the old file intact.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Seconds since the Unix epoch, now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[derive(Serialize, Deserialize)]
struct StateFile {
    schema: u32,
    #[serde(flatten)]
    states: ReadingStates,
}

#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

/// Something the person should be told about their data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// The file could not be parsed; it was moved to this path.
    Corrupt(PathBuf),
    /// The file is from a newer schema; it is read-only.
    Newer(u32),
    /// The file could not be read or moved aside.
    Io(String),
}

impl std::fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreWarning::Corrupt(p) => f.write_str(&crate::messages::warn_state_corrupt(p)),
            StoreWarning::Newer(v) => f.write_str(&crate::messages::warn_state_newer(*v)),
            StoreWarning::Io(e) => f.write_str(e),
        }
    }
}

/// The reading-state store of one data dir.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// The loaded states.
    pub states: ReadingStates,
    read_only: bool,
}

impl Store {
    /// Open the store in `data_dir`, with any warning about what was found.
    pub fn open(data_dir: &Path) -> (Store, Option<StoreWarning>) {
        let path = data_dir.join(STATE_FILE);
        let mut store = Store {
            path: path.clone(),
            states: ReadingStates::default(),
            read_only: false,
        };
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (store, None),
            Err(e) => {
                store.read_only = true;
                return (store, Some(StoreWarning::Io(e.to_string())));
            }
        };
        match serde_json::from_slice::<SchemaOnly>(&bytes) {
            Ok(s) if s.schema > SCHEMA => {
                store.read_only = true;
                // Show what can be understood of it.
                if let Ok(f) = serde_json::from_slice::<StateFile>(&bytes) {
                    store.states = f.states;
                }
                return (store, Some(StoreWarning::Newer(s.schema)));
            }
            Ok(_) => {
                if let Ok(f) = serde_json::from_slice::<StateFile>(&bytes) {
                    store.states = f.states;
                    return (store, None);
                }
            }
            Err(_) => {}
        }
        let aside = data_dir.join(format!("{STATE_FILE}.corrupt-{}", now()));
        match fs::rename(&path, &aside) {
            Ok(()) => (store, Some(StoreWarning::Corrupt(aside))),
            Err(e) => {
                store.read_only = true;
                (store, Some(StoreWarning::Io(e.to_string())))
            }
        }
    }

    /// Is the store read-only (a newer schema, or a file that could not be moved aside)?
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Save the states atomically. Does nothing when read-only.
    ///
    /// Another chitalka may have saved since this one loaded: under a lock
    /// file, what is on disk now is merged in first (for each article the
    /// newer state wins), so neither loses the other's positions.
    pub fn save(&mut self) -> io::Result<()> {
        if self.read_only {
            return Ok(());
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        lock.lock()?;
        if let Ok(bytes) = fs::read(&self.path)
            && let Ok(on_disk) = serde_json::from_slice::<StateFile>(&bytes)
            && on_disk.schema <= SCHEMA
        {
            self.states.merge(on_disk.states);
        }
        let file = StateFile {
            schema: SCHEMA,
            states: self.states.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        json.push(b'\n');
        let written = atomic_write(&self.path, &json);
        drop(lock);
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::Pos;
    use crate::core::marks::ReadingState;

    fn sample() -> ReadingState {
        ReadingState {
            path: "война.txt".into(),
            pos: Pos::new(12, 345),
            progress: 0.25,
            last_read: 1_700_000_000,
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, w) = Store::open(dir.path());
        assert!(w.is_none());
        s.states.record("id1", sample());
        s.save().expect("save");
        let (s2, w) = Store::open(dir.path());
        assert!(w.is_none());
        assert_eq!(s2.states, s.states);
        let text = fs::read_to_string(dir.path().join(STATE_FILE)).expect("read");
        assert!(text.contains("\"schema\": 1"));
        // No temp files are left behind (the lock file stays).
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        assert_eq!(names, vec![STATE_FILE, LOCK_FILE]);
    }

    #[test]
    fn two_instances_keep_each_others_positions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut a, _) = Store::open(dir.path());
        let (mut b, _) = Store::open(dir.path());
        a.states.record("war", sample());
        a.save().expect("save a");
        let mut gogol = sample();
        gogol.path = "гоголь.txt".into();
        b.states.record("gogol", gogol);
        b.save().expect("save b");
        let (c, _) = Store::open(dir.path());
        assert!(c.states.articles.contains_key("war"));
        assert!(c.states.articles.contains_key("gogol"));
        // The newer state of one article wins, whoever saves last.
        let mut later = sample();
        later.last_read += 10;
        later.pos = Pos::new(99, 0);
        a.states.record("war", later);
        a.save().expect("save a again");
        b.save().expect("save b again");
        let (d, _) = Store::open(dir.path());
        assert_eq!(d.states.articles["war"].pos, Pos::new(99, 0));
    }

    #[test]
    fn corrupt_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(STATE_FILE), "{ not json").expect("write");
        let (s, w) = Store::open(dir.path());
        let Some(StoreWarning::Corrupt(aside)) = w else {
            panic!("expected a corrupt warning, got {w:?}")
        };
        assert_eq!(fs::read_to_string(aside).expect("aside"), "{ not json");
        assert!(s.states.articles.is_empty());
        assert!(!s.read_only());
    }

    #[test]
    fn newer_schema_is_read_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let future = r#"{"schema": 99, "articles": {}, "shiny": true}"#;
        fs::write(dir.path().join(STATE_FILE), future).expect("write");
        let (mut s, w) = Store::open(dir.path());
        assert_eq!(w, Some(StoreWarning::Newer(99)));
        s.states.record("x", sample());
        s.save().expect("save is a no-op");
        assert_eq!(
            fs::read_to_string(dir.path().join(STATE_FILE)).expect("read"),
            future
        );
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("f.json");
        atomic_write(&target, b"old").expect("write");
        // A folder in the way of the temp file makes the write fail.
        fs::create_dir(
            dir.path()
                .join(format!(".f.json.tmp-{}", std::process::id())),
        )
        .expect("mkdir");
        assert!(atomic_write(&target, b"new").is_err());
        assert_eq!(fs::read(&target).expect("read"), b"old");
    }
}
