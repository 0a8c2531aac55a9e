//! Files of user data, safely: written whole or not at all (a temp file
//! renamed over the old one), never through a symbolic link, read only when
//! regular and not too large; damaged ones moved aside.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

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
pub(crate) fn new_temp(dir: &Path, path: &Path) -> io::Result<tempfile::NamedTempFile> {
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
