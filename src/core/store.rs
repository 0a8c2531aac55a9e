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

impl std::fmt::Display for LinkInTheWay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::err_link_in_the_way(
            &self.path,
            &self.target,
            self.dangling,
        ))
    }
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

/// `e` saying which file it is about (a link in the way says it already).
pub fn about(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| {
        if link_in_the_way(&e).is_some() {
            e
        } else {
            io::Error::new(e.kind(), crate::messages::file_error(path, &e))
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
        Err(io::Error::other(crate::messages::NOT_A_REGULAR_FILE))
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
            crate::messages::ERR_NOT_A_FILE,
        ));
    }
    if meta.len() > MAX_DATA_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            crate::messages::err_data_too_large(meta.len()),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)?
        .take(MAX_DATA_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DATA_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            crate::messages::err_data_too_large(bytes.len() as u64),
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

impl std::fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreWarning::Corrupt(p) => f.write_str(&crate::messages::warn_state_corrupt(p)),
            StoreWarning::Newer(v) => f.write_str(&crate::messages::warn_state_newer(*v)),
            StoreWarning::Io(e) => f.write_str(&crate::messages::warn_state_unreadable(e)),
        }
    }
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
                    Some(StoreWarning::Io(crate::messages::file_error(&path, &e))),
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
                    let why = crate::messages::err_damaged_not_moved(&path, &e);
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

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, w) = Store::open(dir.path());
        assert!(w.is_none());
        s.states.record("id1", sample());
        assert_eq!(s.save().expect("save"), None);
        let (s2, w) = Store::open(dir.path());
        assert!(w.is_none());
        assert_eq!(s2.states, s.states);
        let text = fs::read_to_string(dir.path().join(STATE_FILE)).expect("read");
        assert!(text.contains("\"schema\": 1"));
        // No temp files are left behind (the lock file stays).
        assert_eq!(names(dir.path()), vec![STATE_FILE, LOCK_FILE]);
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
    fn corrupt_file_is_moved_aside_not_overwritten_and_a_notice_left() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(STATE_FILE), "{ not json").expect("write");
        let (s, w) = Store::open(dir.path());
        let Some(StoreWarning::Corrupt(aside)) = w else {
            panic!("expected a corrupt warning, got {w:?}")
        };
        assert_eq!(fs::read_to_string(&aside).expect("aside"), "{ not json");
        assert!(s.states.articles.is_empty());
        assert!(!s.read_only());
        assert_eq!(
            notices::take(dir.path()),
            vec![Notice::StateMovedAside {
                moved_to: aside.to_string_lossy().into_owned()
            }]
        );
        // Damaged again within the same second: the first copy is kept too.
        fs::write(dir.path().join(STATE_FILE), "second").expect("write");
        let (_, w) = Store::open(dir.path());
        let Some(StoreWarning::Corrupt(aside2)) = w else {
            panic!("expected a corrupt warning, got {w:?}")
        };
        assert_ne!(aside, aside2);
        assert_eq!(fs::read_to_string(&aside).expect("first"), "{ not json");
        assert_eq!(fs::read_to_string(&aside2).expect("second"), "second");
    }

    #[test]
    fn damaged_in_every_way_is_moved_aside_and_reported() {
        let cases: [(&str, &[u8]); 7] = [
            (
                "truncated",
                b"{\n  \"schema\": 1,\n  \"articles\": {\"a\": {\"pa",
            ),
            ("garbage", b"\x00\xff\xfe garbage \x1b[2J"),
            ("empty", b""),
            ("wrong type", br#"{"schema": 1, "articles": 5}"#),
            (
                "wrong entry",
                br#"{"schema": 1, "articles": {"a": {"path": 5}}}"#,
            ),
            ("schema a string", br#"{"schema": "1", "articles": {}}"#),
            (
                "invalid UTF-8",
                b"{\"schema\": 1, \"articles\": {\"\xff\": 1}}",
            ),
        ];
        for (what, bytes) in cases {
            let dir = tempfile::tempdir().expect("tempdir");
            fs::write(dir.path().join(STATE_FILE), bytes).expect("write");
            let (mut s, w) = Store::open(dir.path());
            let Some(StoreWarning::Corrupt(aside)) = &w else {
                panic!("{what}: expected a corrupt warning, got {w:?}")
            };
            assert_eq!(fs::read(aside).expect("aside"), bytes, "{what}");
            assert_eq!(notices::take(dir.path()).len(), 1, "{what}");
            s.states.record("x", sample());
            s.save().expect("a fresh file is saved");
            assert_eq!(Store::open(dir.path()).0.states.articles.len(), 1, "{what}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_read_not_taken_for_damage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, _) = Store::open(dir.path());
        s.states.record("id1", sample());
        s.save().expect("save");
        let file = dir.path().join(STATE_FILE);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(fs::read(&file).expect("read"));
        fs::write(&file, &bytes).expect("write");
        let (mut s2, w) = Store::open(dir.path());
        assert_eq!(w, None);
        assert_eq!(s2.states, s.states);
        // And the save merges it rather than moving it aside.
        let mut other = sample();
        other.path = "другая.txt".into();
        s2.states.record("id2", other);
        assert_eq!(s2.save().expect("save"), None);
        assert_eq!(Store::open(dir.path()).0.states.articles.len(), 2);
        assert_eq!(names(dir.path()), vec![STATE_FILE, LOCK_FILE]);
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
    fn what_changed_on_disk_since_loading_is_never_written_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join(STATE_FILE);
        // Damaged meanwhile: moved aside, said, and the positions saved.
        let (mut s, _) = Store::open(dir.path());
        fs::write(&file, "{ damaged").expect("write");
        s.states.record("x", sample());
        let Some(StoreWarning::Corrupt(aside)) = s.save().expect("save") else {
            panic!("the save says the file was damaged")
        };
        assert_eq!(fs::read_to_string(aside).expect("aside"), "{ damaged");
        assert_eq!(Store::open(dir.path()).0.states.articles.len(), 1);
        // Written by a newer chitalka meanwhile: left alone, read-only from now.
        let (mut s, _) = Store::open(dir.path());
        let future = r#"{"schema": 5, "articles": {}}"#;
        fs::write(&file, future).expect("write");
        s.states.record("y", sample());
        assert_eq!(s.save().expect("save"), Some(StoreWarning::Newer(5)));
        assert!(s.read_only());
        assert_eq!(fs::read_to_string(&file).expect("read"), future);
        // Unreadable meanwhile (a folder in its place): an error, nothing written.
        fs::remove_file(&file).expect("rm");
        let (mut s, _) = Store::open(dir.path());
        fs::create_dir(&file).expect("mkdir");
        s.states.record("z", sample());
        assert!(s.save().is_err());
        assert!(file.is_dir());
    }

    #[test]
    fn a_data_dir_that_is_a_file_is_reported_and_nothing_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        fs::write(&data, "a file").expect("write");
        let (mut s, w) = Store::open(&data);
        let Some(StoreWarning::Io(why)) = &w else {
            panic!("expected an I/O warning, got {w:?}")
        };
        assert!(why.contains(STATE_FILE), "{why}");
        assert!(s.read_only());
        s.states.record("x", sample());
        assert_eq!(s.save().expect("nothing to do"), None);
        assert_eq!(fs::read_to_string(&data).expect("read"), "a file");
    }

    #[test]
    fn a_position_stamped_years_ahead_does_not_win_for_ever() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ten_years = 10 * 365 * 24 * 3600;
        let mut future = sample();
        future.last_read = now() + ten_years;
        future.pos = Pos::new(1, 0);
        let file = StateFile {
            schema: SCHEMA,
            states: ReadingStates::default(),
        };
        let mut file = file;
        file.states.record("war", future);
        fs::write(
            dir.path().join(STATE_FILE),
            serde_json::to_vec(&file).expect("json"),
        )
        .expect("write");
        // Loaded: the stamp is brought back to now.
        let (mut s, w) = Store::open(dir.path());
        assert_eq!(w, None);
        assert!(s.states.articles["war"].last_read <= now());
        // The reader moves on: the new place wins and is saved.
        let mut moved = sample();
        moved.pos = Pos::new(50, 7);
        moved.last_read = now();
        s.states.record("war", moved);
        s.save().expect("save");
        let (s2, _) = Store::open(dir.path());
        assert_eq!(s2.states.articles["war"].pos, Pos::new(50, 7));
        assert!(s2.states.articles["war"].last_read <= now());

        // A chitalka opened before the future file arrived (a sync) moves on
        // too: its move wins over the stamp from the future in the merge.
        let (mut early, _) = Store::open(dir.path());
        let mut synced = sample();
        synced.last_read = now() + ten_years;
        synced.pos = Pos::new(2, 0);
        let mut on_disk = StateFile {
            schema: SCHEMA,
            states: ReadingStates::default(),
        };
        on_disk.states.record("war", synced);
        fs::write(
            dir.path().join(STATE_FILE),
            serde_json::to_vec(&on_disk).expect("json"),
        )
        .expect("write");
        let mut later = sample();
        later.pos = Pos::new(60, 0);
        later.last_read = now();
        early.states.record("war", later);
        early.save().expect("save");
        let (s3, _) = Store::open(dir.path());
        assert_eq!(s3.states.articles["war"].pos, Pos::new(60, 0));
    }

    #[test]
    fn a_fifo_or_a_huge_file_is_not_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join(STATE_FILE);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            // Would block for ever if opened.
            let (s, w) = Store::open(dir.path());
            assert!(matches!(w, Some(StoreWarning::Io(_))), "{w:?}");
            assert!(s.read_only());
            fs::remove_file(&fifo).expect("rm");
        }
        let big = File::create(&fifo).expect("create");
        big.set_len(MAX_DATA_FILE + 1).expect("sparse");
        let (s, w) = Store::open(dir.path());
        assert!(matches!(w, Some(StoreWarning::Io(_))), "{w:?}");
        assert!(s.read_only());
    }

    #[test]
    fn a_failed_write_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A folder in the way of the file makes the rename fail.
        let target = dir.path().join("f.json");
        fs::create_dir(&target).expect("mkdir");
        fs::write(target.join("inside"), "x").expect("write");
        assert!(atomic_write(&target, b"new").is_err());
        assert_eq!(names(dir.path()), vec!["f.json"]);
    }

    #[test]
    fn a_link_planted_at_an_old_temp_name_is_never_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        fs::write(&victim, "untouched").expect("write");
        let lib = dir.path().join("lib");
        fs::create_dir(&lib).expect("mkdir");
        // What an attacker could guess before: `.<name>.tmp-<pid>`.
        let planted = lib.join(format!(".a.txt.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        atomic_write(&lib.join("a.txt"), b"article").expect("write");
        assert_eq!(fs::read_to_string(&victim).expect("victim"), "untouched");
        assert_eq!(fs::read_to_string(lib.join("a.txt")).expect("a"), "article");
        assert!(
            !fs::symlink_metadata(lib.join("a.txt"))
                .expect("meta")
                .is_symlink()
        );
    }

    #[test]
    fn a_link_at_the_target_is_refused_not_replaced_nor_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = dir.path().join("outside");
        let link = dir.path().join("state.json");
        // Dangling: nothing is created where it points, the link stays.
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        let e = atomic_write(&link, b"data").expect_err("refused");
        let why = link_in_the_way(&e).expect("typed");
        assert!(why.dangling && why.path == link && why.target == outside);
        assert!(e.to_string().contains("state.json"), "{e}");
        assert!(!outside.exists());
        assert!(fs::symlink_metadata(&link).expect("meta").is_symlink());
        // Live: the file it points to is not written either.
        fs::write(&outside, "theirs").expect("write");
        let e = atomic_write(&link, b"data").expect_err("refused");
        assert!(link_in_the_way(&e).is_some_and(|w| !w.dangling));
        assert_eq!(fs::read_to_string(&outside).expect("read"), "theirs");
        assert!(fs::symlink_metadata(&link).expect("meta").is_symlink());
        // Nothing left behind.
        assert_eq!(names(dir.path()), vec!["outside", "state.json"]);
    }

    #[test]
    fn a_lock_is_never_taken_through_a_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = dir.path().join("outside");
        std::os::unix::fs::symlink(&outside, dir.path().join(LOCK_FILE)).expect("symlink");
        let (mut s, _) = Store::open(dir.path());
        s.states.record("x", sample());
        let e = s.save().expect_err("refused");
        assert!(link_in_the_way(&e).is_some(), "{e}");
        assert!(!outside.exists(), "nothing created where the link points");
    }

    #[test]
    fn written_files_get_the_usual_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let plain = dir.path().join("plain");
        File::create(&plain).expect("create");
        let ours = dir.path().join("ours");
        atomic_write(&ours, b"x").expect("write");
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&ours), mode(&plain));
    }

    #[test]
    fn temp_names_are_unpredictable_and_recognised() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("abc.json");
        let a = new_temp(dir.path(), &target).expect("temp");
        let b = new_temp(dir.path(), &target).expect("temp");
        let name = |t: &tempfile::NamedTempFile| {
            t.path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        assert_ne!(name(&a), name(&b));
        for t in [&a, &b] {
            assert!(name(t).starts_with(".abc.json.tmp-"), "{}", name(t));
            assert!(is_temp_name(&name(t)), "{}", name(t));
        }
    }

    #[test]
    fn temp_names_old_and_new() {
        assert!(is_temp_name(".abc.json.tmp-12345"));
        assert!(is_temp_name(".abc.json.tmp-Ab3dE6gH9jK1"));
        for name in [
            ".syncthing.abc.json.tmp",
            "notes.tmp-1",
            ".x.tmp-12a",
            ".x.tmp-",
            ".x.tmp-Ab3dE6gH9jK1z",
        ] {
            assert!(!is_temp_name(name), "{name}");
        }
    }
}
