//! Persistence of user data under an injected data dir: atomic writes, a
//! schema version in every file, damaged files moved aside (and a notice left
//! for the next start of the TUI), never overwritten.

use crate::core::marks::ReadingStates;
use crate::core::notices::{self, Notice};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The schema version this chitalka writes.
pub const SCHEMA: u32 = 1;

/// Name of the reading-state file in the data dir.
pub const STATE_FILE: &str = "state.json";

/// Lock file that serialises saves of two running chitalkas.
pub const LOCK_FILE: &str = "state.lock";

/// What a temp file of [`atomic_write`] has between the target's name and its
/// random part: `.<name>.tmp-<random>`.
const TEMP_MARK: &str = ".tmp-";

/// Random characters in a temp file's name.
const TEMP_RANDOM: usize = 12;

/// The largest data file (reading state, marks, a notice) read: anything
/// bigger is not chitalka's and is reported, not read into memory.
pub const MAX_DATA_FILE: u64 = 64 << 20;

/// Why [`atomic_write`] did not write: a symbolic link is where the file goes.
/// chitalka neither writes through it (it may point anywhere) nor replaces it
/// (a link the person made would silently stop being followed). It comes
/// inside the `io::Error` (kind `AlreadyExists`); [`link_in_the_way`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkInTheWay {
    /// Where the link is.
    pub path: PathBuf,
    /// What it points to, as written in the link.
    pub target: PathBuf,
    /// It points to nothing.
    pub dangling: bool,
}

impl std::error::Error for LinkInTheWay {}

/// The [`LinkInTheWay`] an [`atomic_write`] error is about, if it is one.
pub fn link_in_the_way(e: &io::Error) -> Option<&LinkInTheWay> {
    e.get_ref()?.downcast_ref::<LinkInTheWay>()
}

/// Refuse to write at `path` when a symbolic link is there.
fn refuse_link(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = fs::read_link(path).unwrap_or_default();
            let dangling = fs::metadata(path).is_err();
            Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                LinkInTheWay {
                    path: path.to_path_buf(),
                    target,
                    dangling,
                },
            ))
        }
        _ => Ok(()),
    }
}

/// What went wrong with one of chitalka's own files (state, marks, cache,
/// index manifest); `messages` words it.
#[derive(Debug)]
pub enum DataError {
    /// Not a regular file (a named pipe, a device, a folder).
    NotAFile,
    /// Larger than [`MAX_DATA_FILE`]: its size in bytes.
    TooLarge(u64),
    /// The system's error, about this file.
    At(PathBuf, io::Error),
    /// Damaged, and could not be moved aside (why): left as it is.
    NotMovedAside(PathBuf, io::Error),
}

impl std::error::Error for DataError {}

/// `e` saying which file it is about (a link in the way says it already).
pub fn about(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| {
        if link_in_the_way(&e).is_some() {
            e
        } else {
            io::Error::new(e.kind(), DataError::At(path.to_path_buf(), e))
        }
    }
}

/// Open the existing file at `path` for reading, only if it is a regular
/// file (never waiting on a pipe or a device put in its place).
pub fn read_only_regular(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)?;
    if f.metadata()?.is_file() {
        Ok(f)
    } else {
        Err(io::Error::other(DataError::NotAFile))
    }
}

/// Open the lock file at `path`, creating it: never through a symbolic link
/// (which could make chitalka create a file where the link points).
pub fn open_lock(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    refuse_link(path)?;
    // O_NOFOLLOW too: a link planted between the check and the open fails.
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Write `bytes` to `path` atomically: a temp file in the same folder, fsync,
/// rename over the target, fsync the folder. A failure leaves the old file intact.
///
/// The temp file is created exclusively (`O_EXCL`: never through a link
/// someone planted in a shared folder) under an unpredictable name
/// (`.<name>.tmp-<random>`), with the usual permissions (0666 less the
/// umask). A symbolic link at `path` itself is refused ([`LinkInTheWay`]).
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    refuse_link(path)?;
    // Dropped on any error below, the temp file is removed.
    let mut tmp = new_temp(dir, path)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new temp file in `dir` for writing `path`: `.<name>.tmp-<random>`,
/// created exclusively, 0666 less the umask (as `File::create` would).
fn new_temp(dir: &Path, path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}{TEMP_MARK}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(TEMP_RANDOM);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// Is `name` a temp file of [`atomic_write`]: `.<name>.tmp-<random>` (or
/// `.<name>.tmp-<pid>`, as older versions named them)?
pub fn is_temp_name(name: &str) -> bool {
    if !name.starts_with('.') {
        return false;
    }
    let Some((_, tail)) = name.rsplit_once(TEMP_MARK) else {
        return false;
    };
    let random = tail.len() == TEMP_RANDOM && tail.bytes().all(|b| b.is_ascii_alphanumeric());
    let pid = !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit());
    random || pid
}

/// The bytes of a data file without a leading UTF-8 byte order mark (which
/// an editor may add; JSON parsers refuse it).
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Read a data file whole: refused when it is not a regular file (a FIFO
/// would block for ever, a device never end) or larger than [`MAX_DATA_FILE`].
pub fn read_data_file(path: &Path) -> io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            DataError::NotAFile,
        ));
    }
    if meta.len() > MAX_DATA_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            DataError::TooLarge(meta.len()),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)?
        .take(MAX_DATA_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DATA_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            DataError::TooLarge(bytes.len() as u64),
        ));
    }
    Ok(bytes)
}

/// Move a damaged file aside, to `<name>.corrupt-<time>` beside it (with a
/// number added when that name is taken: an earlier damaged copy is never
/// replaced). Returns where it went.
pub fn move_aside(file: &Path) -> io::Result<PathBuf> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = now();
    let mut n = 1;
    loop {
        let aside = if n == 1 {
            file.with_file_name(format!("{name}.corrupt-{stamp}"))
        } else {
            file.with_file_name(format!("{name}.corrupt-{stamp}-{n}"))
        };
        if fs::symlink_metadata(&aside).is_err() {
            fs::rename(file, &aside)?;
            return Ok(aside);
        }
        n += 1;
    }
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
