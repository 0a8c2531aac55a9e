//! Why an entry of the library is not an article that can be read: core
//! names it, `messages` words it.

use crate::core::article_file::ReadError;
use crate::core::formats::decode::DecodeError;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Why a file could not be loaded as an article, or (in a scan) why a
/// sub-folder could not be looked into. Shared (`Arc`) so that a library
/// listing it can be copied.
#[derive(Debug, Clone)]
pub enum LoadError {
    /// The file was not read (see [`crate::core::article_file`]): not a
    /// regular file, over the size limit, or the system refused. Tried
    /// again at the next scan.
    Read(Arc<ReadError>),
    /// A sub-folder of the library could not be read.
    Folder(Arc<std::io::Error>),
    /// The file was read, but its bytes are not an article.
    Refused(Refusal),
}

impl LoadError {
    /// The same bytes would fail the same way again (the parser refused
    /// them, or failed on them): worth remembering until the file changes.
    pub fn lasting(&self) -> Option<&Refusal> {
        match self {
            LoadError::Refused(r) => Some(r),
            LoadError::Read(_) | LoadError::Folder(_) => None,
        }
    }
}

impl From<ReadError> for LoadError {
    fn from(e: ReadError) -> Self {
        LoadError::Read(Arc::new(e))
    }
}

impl From<Refusal> for LoadError {
    fn from(r: Refusal) -> Self {
        LoadError::Refused(r)
    }
}

impl std::error::Error for LoadError {}

/// Why bytes that were read are not an article. Lasting (the same bytes
/// give the same answer), so the scan cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The parser refused them.
    Parse(DecodeError),
    /// The parser failed on them (a bug in chitalka, caught): the panic's
    /// message and place.
    Crashed(String),
}

impl std::error::Error for Refusal {}
