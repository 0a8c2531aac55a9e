//! The words for core's typed errors: core names what happened, these
//! `Display` impls say it (kept here, with every other message, so that a
//! translation finds them).

use crate::core::article_file::ReadError;
use crate::core::formats::decode::DecodeError;
use crate::core::import::ImportError;
use crate::core::index::IndexDamage;
use crate::core::library::{LoadError, Refusal};
use crate::core::marks_store::SaveError;
use crate::core::store::{DataError, LinkInTheWay, StoreWarning};

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge { size, limit } => {
                f.write_str(&super::err_too_large(*size, *limit))
            }
            ReadError::NotAFile(kind) => f.write_str(&super::err_not_a_file(*kind)),
            ReadError::Io(e) => f.write_str(&super::err_unreadable(e)),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str(super::ERR_BINARY),
            DecodeError::Malformed(why) => f.write_str(&super::err_malformed(why)),
            DecodeError::NoBody => f.write_str(&super::err_malformed(super::ERR_NO_BODY)),
            DecodeError::Unsupported(format) => f.write_str(super::err_unsupported(*format)),
            DecodeError::DamagedZip(why) => f.write_str(&super::err_damaged_zip(why)),
            DecodeError::SeveralFb2(names) => f.write_str(&super::err_several_fb2(names)),
            DecodeError::Encrypted => f.write_str(super::ERR_EPUB_ENCRYPTED),
            DecodeError::EpubWithoutText => f.write_str(super::ERR_EPUB_WITHOUT_TEXT),
            DecodeError::UnzippedTooLarge { name, limit } => {
                f.write_str(&super::err_unzipped_too_large(name, *limit))
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Parse(e) => e.fmt(f),
            Refusal::Crashed(why) => f.write_str(&super::err_crashed(why)),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read(e) => e.fmt(f),
            LoadError::Folder(e) => f.write_str(&super::err_folder(e)),
            LoadError::Refused(r) => r.fmt(f),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Library(root, e) => f.write_str(&super::err_library(root, e)),
            ImportError::Refused(r) => r.fmt(f),
            ImportError::Empty => f.write_str(super::ERR_EMPTY),
            ImportError::AlreadyThere(rel) => f.write_str(&super::err_already_there(rel)),
            ImportError::Write(path, e) => f.write_str(&super::err_write(path, e)),
        }
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ReadOnly => f.write_str(super::MARKS_READ_ONLY),
            SaveError::Io(e) => write!(f, "{}", super::err_marks_save(e)),
        }
    }
}

impl std::fmt::Display for LinkInTheWay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::err_link_in_the_way(
            &self.path,
            &self.target,
            self.dangling,
        ))
    }
}

impl std::fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreWarning::Corrupt(p) => f.write_str(&super::warn_state_corrupt(p)),
            StoreWarning::Newer(v) => f.write_str(&super::warn_state_newer(*v)),
            StoreWarning::Io(e) => f.write_str(&super::warn_state_unreadable(e)),
        }
    }
}

impl std::fmt::Display for crate::core::titles::TitlesProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::core::titles::TitlesProblem;
        match self {
            TitlesProblem::Damaged(p) => f.write_str(&super::titles_damaged(p)),
            TitlesProblem::Newer(v) => f.write_str(&super::titles_newer(*v)),
            TitlesProblem::Io(e) => f.write_str(&super::titles_io(e)),
        }
    }
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataError::NotAFile => f.write_str(super::ERR_NOT_A_FILE),
            DataError::TooLarge(bytes) => f.write_str(&super::err_data_too_large(*bytes)),
            DataError::At(path, e) => f.write_str(&super::file_error(path, e)),
            DataError::NotMovedAside(path, e) => {
                f.write_str(&super::err_damaged_not_moved(path, e))
            }
        }
    }
}

impl std::fmt::Display for IndexDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexDamage::Manifest => f.write_str(super::INDEX_MANIFEST_DAMAGED),
            IndexDamage::NotAFile(name) => f.write_str(&super::index_odd_entry(name)),
        }
    }
}

/// A search index error for a person: another chitalka writing to it is
/// said so, anything else as tantivy says it.
pub fn index_error(e: &tantivy::TantivyError) -> String {
    match e {
        tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _) => {
            super::INDEX_BUSY.to_string()
        }
        _ => e.to_string(),
    }
}
