//! The sample articles embedded in the binary, so that `cargo install` users
//! get a library on first run too.

use crate::core::store::atomic_write;
use std::path::Path;

/// File name and bytes of each bundled article (the articles of `library/`;
/// its `SOURCES.md` says where they come from).
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "uzbeksko-yaponskoe-sotrudnichestvo.txt",
        include_bytes!("../library/uzbeksko-yaponskoe-sotrudnichestvo.txt"),
    ),
    (
        "gogol-noch-pered-rozhdestvom.txt",
        include_bytes!("../library/gogol-noch-pered-rozhdestvom.txt"),
    ),
    (
        "dostoevsky-besy-glavy-1-2.epub",
        include_bytes!("../library/dostoevsky-besy-glavy-1-2.epub"),
    ),
    (
        "tolstoy-voyna-i-mir-tom1-chast1.txt",
        include_bytes!("../library/tolstoy-voyna-i-mir-tom1-chast1.txt"),
    ),
];

/// Create `dir` and fill it with the samples, if `dir` does not exist yet.
/// Returns whether it was created.
pub fn install_if_missing(dir: &Path) -> std::io::Result<bool> {
    if dir.exists() {
        return Ok(false);
    }
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in SAMPLES {
        atomic_write(&dir.join(name), bytes)?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_once_and_never_overwrites() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("library");
        assert!(install_if_missing(&dir).expect("install"));
        assert_eq!(std::fs::read_dir(&dir).expect("ls").count(), SAMPLES.len());
        std::fs::write(dir.join("gogol-noch-pered-rozhdestvom.txt"), "mine").expect("write");
        assert!(!install_if_missing(&dir).expect("second"));
        assert_eq!(
            std::fs::read_to_string(dir.join("gogol-noch-pered-rozhdestvom.txt")).expect("read"),
            "mine"
        );
    }
}
