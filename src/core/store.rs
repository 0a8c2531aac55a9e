//! Persistence of user data under an injected data dir: atomic writes, a
//! schema version in every file, damaged files moved aside (and a notice left
//! for the next start of the TUI), never overwritten.

use crate::core::marks::ReadingStates;
use crate::core::notices::{self, Notice};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The schema version this chitalka writes.
pub const SCHEMA: u32 = 1;

/// Name of the reading-state file in the data dir.
pub const STATE_FILE: &str = "state.json";

/// Lock file that serialises saves of two running chitalkas.
pub const LOCK_FILE: &str = "state.lock";

pub use crate::core::data_file::{
    DataError, LinkInTheWay, MAX_DATA_FILE, about, atomic_write, is_temp_name, link_in_the_way,
    move_aside, now, open_lock, read_data_file, read_only_regular, strip_bom,
};

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
    /// The file could not be read, or was damaged and could not be moved
    /// aside: which file and why (already worded); nothing is written over it.
    Io(String),
}

/// What a reading-state file holds.
enum Parsed {
    Ok(ReadingStates),
    /// From a newer schema: what this version understands of it.
    Newer(u32, ReadingStates),
    Corrupt,
}

fn parse_state(bytes: &[u8]) -> Parsed {
    let bytes = strip_bom(bytes);
    match serde_json::from_slice::<SchemaOnly>(bytes) {
        Ok(s) if s.schema > SCHEMA => Parsed::Newer(
            s.schema,
            serde_json::from_slice::<StateFile>(bytes)
                .map(|f| f.states)
                .unwrap_or_default(),
        ),
        Ok(_) => serde_json::from_slice::<StateFile>(bytes)
            .map_or(Parsed::Corrupt, |f| Parsed::Ok(f.states)),
        Err(_) => Parsed::Corrupt,
    }
}

/// The reading-state store of one data dir.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// The loaded states.
    pub states: ReadingStates,
    read_only: bool,
    /// When it was opened: a time stamp from the future (a machine with its
    /// clock wrong) counts as this moment, on load and in every merge.
    opened: u64,
}

impl Store {
    /// Open the store in `data_dir`, with any warning about what was found.
    /// A damaged file is moved aside and a notice left for the TUI
    /// ([`crate::core::notices`]).
    pub fn open(data_dir: &Path) -> (Store, Option<StoreWarning>) {
        let path = data_dir.join(STATE_FILE);
        let opened = now();
        let mut store = Store {
            path: path.clone(),
            states: ReadingStates::default(),
            read_only: false,
            opened,
        };
        let bytes = match read_data_file(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (store, None),
            Err(e) => {
                store.read_only = true;
                return (
                    store,
                    Some(StoreWarning::Io(DataError::At(path.clone(), e).to_string())),
                );
            }
        };
        match parse_state(&bytes) {
            Parsed::Ok(states) => {
                store.states = states;
                store.states.clamp_future(opened, opened);
                (store, None)
            }
            Parsed::Newer(v, states) => {
                // Show what can be understood of it; never write it.
                store.read_only = true;
                store.states = states;
                store.states.clamp_future(opened, opened);
                (store, Some(StoreWarning::Newer(v)))
            }
            Parsed::Corrupt => match move_aside(&path) {
                Ok(aside) => {
                    let _ = notices::record(
                        data_dir,
                        Notice::StateMovedAside {
                            moved_to: aside.to_string_lossy().into_owned(),
                        },
                    );
                    (store, Some(StoreWarning::Corrupt(aside)))
                }
                Err(e) => {
                    store.read_only = true;
                    let why = DataError::NotMovedAside(path.clone(), e).to_string();
                    (store, Some(StoreWarning::Io(why)))
                }
            },
        }
    }

    /// Is the store read-only (a newer schema, or a file that could not be
    /// read or moved aside)?
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Save the states atomically. Does nothing when read-only.
    ///
    /// Another chitalka may have saved since this one loaded: under a lock
    /// file, what is on disk now is merged in first (for each article the
    /// newer state wins), so neither loses the other's positions. What is on
    /// disk is never written over blindly: a file damaged since is moved
    /// aside (the warning says where), one a newer chitalka wrote meanwhile
    /// makes this store read-only (the warning says so), one that cannot be
    /// read is an error.
    pub fn save(&mut self) -> io::Result<Option<StoreWarning>> {
        if self.read_only {
            return Ok(None);
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(about(dir))?;
        let lock_file = dir.join(LOCK_FILE);
        let lock = open_lock(&lock_file).map_err(about(&lock_file))?;
        lock.lock()?;
        let mut warning = None;
        match read_data_file(&self.path) {
            Ok(bytes) => match parse_state(&bytes) {
                Parsed::Ok(mut on_disk) => {
                    on_disk.clamp_future(now(), self.opened);
                    self.states.merge(on_disk);
                }
                Parsed::Newer(v, _) => {
                    self.read_only = true;
                    return Ok(Some(StoreWarning::Newer(v)));
                }
                Parsed::Corrupt => {
                    let aside = move_aside(&self.path).map_err(about(&self.path))?;
                    warning = Some(StoreWarning::Corrupt(aside));
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(about(&self.path)(e)),
        }
        let file = StateFile {
            schema: SCHEMA,
            states: self.states.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        json.push(b'\n');
        atomic_write(&self.path, &json).map_err(about(&self.path))?;
        drop(lock);
        Ok(warning)
    }
}

#[cfg(test)]
mod tests;
