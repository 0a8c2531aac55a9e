//! Reading a file that is meant to be an article, safely: only a regular file
//! (a folder, a device, a named pipe or a socket is refused before a byte is
//! read, and opening never waits on a pipe), and never more than the size
//! limit (a file over it is refused from its size alone; one that grows, or
//! a /proc file that claims to be empty, is read to the limit and no further).

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes in a megabyte, as the size limit counts them.
pub const MB: u64 = 1024 * 1024;

/// The size limit, in megabytes, unless the config says otherwise.
pub const DEFAULT_MAX_FILE_MB: u64 = 64;

/// A size limit for article files, in megabytes (the config's `max_file_mb`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxFileMb(pub u64);

impl Default for MaxFileMb {
    fn default() -> Self {
        MaxFileMb(DEFAULT_MAX_FILE_MB)
    }
}

impl MaxFileMb {
    /// The limit in bytes.
    pub fn bytes(self) -> u64 {
        self.0.saturating_mul(MB)
    }
}

/// The size limit in force, in bytes: set once at start-up from the config.
static MAX_FILE_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_MB * MB);

/// Set the size limit for every file read as an article from now on (the
/// config's `max_file_mb`, at start-up).
pub fn set_max_file_bytes(bytes: u64) {
    MAX_FILE_BYTES.store(bytes.max(1), Ordering::Relaxed);
}

/// The size limit in force, in bytes.
pub fn max_file_bytes() -> u64 {
    MAX_FILE_BYTES.load(Ordering::Relaxed)
}

/// What a path is, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    /// A folder.
    Folder,
    /// A named pipe (FIFO): reading it would wait for a writer.
    Pipe,
    /// A socket.
    Socket,
    /// A character device (`/dev/zero`, a terminal).
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// Anything else.
    Other,
}

impl NotAFile {
    /// What `meta` (of a path, links followed) is, if not a regular file.
    pub fn of(meta: &Metadata) -> Option<NotAFile> {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        Some(if t.is_file() {
            return None;
        } else if t.is_dir() {
            NotAFile::Folder
        } else if t.is_fifo() {
            NotAFile::Pipe
        } else if t.is_socket() {
            NotAFile::Socket
        } else if t.is_char_device() {
            NotAFile::CharDevice
        } else if t.is_block_device() {
            NotAFile::BlockDevice
        } else {
            NotAFile::Other
        })
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Over the size limit: its size (None when it only showed while
    /// reading: a file that grew, or one that does not tell its size).
    TooLarge {
        /// Its size, when known.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// Not a regular file.
    NotAFile(NotAFile),
    /// The system refused.
    Io(std::io::Error),
}

impl ReadError {
    /// Could reading it again give another answer without the file changing
    /// (a permission, a full table of open files)? Such a failure is never
    /// remembered as the file's.
    pub fn passing(&self) -> bool {
        matches!(self, ReadError::Io(_))
    }
}

impl std::error::Error for ReadError {}

/// Refuse, from its metadata alone (links followed), a path that is not a
/// regular file or is larger than `limit` bytes.
pub fn check(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if let Some(kind) = NotAFile::of(meta) {
        return Err(ReadError::NotAFile(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    Ok(())
}

/// Open `path` for reading without ever waiting (a named pipe with no writer
/// would block a plain open) and without making a terminal ours.
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// The regular file at `path` opened, with its size; refused as [`read`]
/// refuses (not a regular file, larger than `limit`).
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    let file = open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    check(&meta, limit)?;
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut file = open(path).map_err(ReadError::Io)?;
    // The file opened is the one checked (the path may change meanwhile).
    let meta = file.metadata().map_err(ReadError::Io)?;
    check(&meta, limit)?;
    read_capped(&mut file, limit, Some(meta.len()))
}

/// Everything `input` gives, up to `limit` bytes: more is an error, found by
/// reading one byte past the limit and no further. `size` is what the
/// input says it holds (room is made for that much at once).
pub fn read_capped(
    input: &mut dyn Read,
    limit: u64,
    size: Option<u64>,
) -> Result<Vec<u8>, ReadError> {
    let room = size.unwrap_or(0).min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparse_gigabyte_is_refused_by_its_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = dir.path().join("big.txt");
        File::create(&big)
            .and_then(|f| f.set_len(1024 * MB))
            .expect("sparse file");
        let e = read(&big, 64 * MB).expect_err("too large");
        assert!(
            matches!(e, ReadError::TooLarge { size: Some(s), limit } if s == 1024 * MB && limit == 64 * MB)
        );
        assert_eq!(
            e.to_string(),
            "too large: 1.0 GB, the limit is 64 MB (max_file_mb in the config)"
        );
        // At the limit exactly: read.
        let edge = dir.path().join("edge.txt");
        std::fs::write(&edge, b"12345").expect("write");
        assert_eq!(read(&edge, 5).expect("read"), b"12345");
        assert!(matches!(
            read(&edge, 4),
            Err(ReadError::TooLarge { size: Some(5), .. })
        ));
    }

    #[test]
    fn endless_input_stops_one_byte_past_the_limit() {
        // /dev/zero says it holds nothing, and never ends.
        let mut zero = std::io::repeat(0);
        let e = read_capped(&mut zero, 1000, Some(0)).expect_err("too large");
        assert!(matches!(
            e,
            ReadError::TooLarge {
                size: None,
                limit: 1000
            }
        ));
        assert_eq!(
            e.to_string(),
            "too large: more than 1000 bytes, the limit is 1000 bytes (max_file_mb in the config)"
        );
        let mut counted = CountingReader(std::io::repeat(b'a'), 0);
        let _ = read_capped(&mut counted, 1000, None);
        assert!(counted.1 <= 1001 + 8192, "read {} bytes", counted.1);
    }

    struct CountingReader<R>(R, usize);

    impl<R: Read> Read for CountingReader<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n;
            Ok(n)
        }
    }

    #[test]
    fn devices_pipes_and_folders_are_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo.txt");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("c path");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        // No writer: a plain open would wait for ever.
        assert!(matches!(
            read(&fifo, MB),
            Err(ReadError::NotAFile(NotAFile::Pipe))
        ));
        assert!(matches!(
            read(Path::new("/dev/zero"), MB),
            Err(ReadError::NotAFile(NotAFile::CharDevice))
        ));
        assert!(matches!(
            read(dir.path(), MB),
            Err(ReadError::NotAFile(NotAFile::Folder))
        ));
        let e = read(&dir.path().join("missing.txt"), MB).expect_err("missing");
        assert!(e.passing());
        assert_eq!(
            ReadError::NotAFile(NotAFile::Pipe).to_string(),
            "not a regular file: a named pipe (FIFO)"
        );
    }
}
