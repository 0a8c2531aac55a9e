//! The EPUB's ZIP archive, unpacked within a budget: at most the limit in
//! all, whatever sizes the archive declares. An archive cut short (its
//! directory at the end is gone) is read from the start, entry by entry,
//! as far as its entries are whole.

use crate::core::formats::decode::DecodeError;
use std::io::{Cursor, Read};
use zip::ZipArchive;

enum Source<'a> {
    /// A whole archive: entries read when asked for.
    Zip(ZipArchive<Cursor<&'a [u8]>>),
    /// A damaged one: the entries that could be read from the start.
    Read(Vec<(String, Vec<u8>)>),
}

/// The archive, read within a budget of unpacked bytes.
pub(super) struct Archive<'a> {
    source: Source<'a>,
    limit: u64,
    left: u64,
}

impl<'a> Archive<'a> {
    /// Open `bytes`, to be unpacked to at most `limit` bytes in all.
    pub(super) fn open(bytes: &'a [u8], limit: u64) -> Result<Archive<'a>, DecodeError> {
        let mut ar = Archive {
            source: Source::Read(Vec::new()),
            limit,
            left: limit,
        };
        match ZipArchive::new(Cursor::new(bytes)) {
            Ok(zip) => ar.source = Source::Zip(zip),
            Err(e) => {
                let entries = ar.read_from_start(bytes)?;
                if entries.is_empty() {
                    return Err(DecodeError::DamagedZip(e.to_string()));
                }
                ar.source = Source::Read(entries);
            }
        }
        Ok(ar)
    }

    /// Take `out` (the bytes of entry `name`) from the budget.
    fn charge(&mut self, name: &str, out: &[u8]) -> Result<(), DecodeError> {
        let read = out.len() as u64;
        if read > self.left {
            return Err(DecodeError::UnzippedTooLarge {
                name: name.to_string(),
                limit: self.limit,
            });
        }
        self.left -= read;
        Ok(())
    }

    /// The whole entries of a damaged archive, from its start.
    fn read_from_start(&mut self, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, DecodeError> {
        let mut reader = Cursor::new(bytes);
        let mut entries = Vec::new();
        while let Ok(Some(entry)) = zip::read::read_zipfile_from_stream(&mut reader) {
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut out = Vec::new();
            let whole = entry
                .take(self.left.saturating_add(1))
                .read_to_end(&mut out)
                .is_ok();
            self.charge(&name, &out)?;
            if !whole {
                break;
            }
            entries.push((name, out));
        }
        Ok(entries)
    }

    /// The names of the entries (those that read as text).
    pub(super) fn names(&self) -> Vec<String> {
        match &self.source {
            Source::Zip(zip) => zip
                .file_names()
                .filter_map(|n| n.ok().map(|n| n.into_owned()))
                .collect(),
            Source::Read(entries) => entries.iter().map(|(n, _)| n.clone()).collect(),
        }
    }

    /// The entry's name in the archive: `path`, or the same in other case.
    fn name_of(&self, path: &str) -> Option<String> {
        let exact = match &self.source {
            Source::Zip(zip) => zip.index_for_name(path).is_some(),
            Source::Read(entries) => entries.iter().any(|(n, _)| n == path),
        };
        if exact {
            return Some(path.to_string());
        }
        let names = self.names();
        names
            .iter()
            .find(|n| *n == path)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(path)))
            .cloned()
    }

    /// Is there an entry at `path`?
    pub(super) fn has(&self, path: &str) -> bool {
        self.name_of(path).is_some()
    }

    /// The unpacked bytes of the entry at `path` (its name, or the same
    /// name in other case), `None` when there is none or it cannot be
    /// read; an error when the book unpacks past the limit.
    pub(super) fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, DecodeError> {
        let Some(name) = self.name_of(path) else {
            return Ok(None);
        };
        let zip = match &mut self.source {
            Source::Read(entries) => {
                // Counted against the budget when it was read.
                return Ok(entries
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, b)| b.clone()));
            }
            Source::Zip(zip) => zip,
        };
        let Ok(entry) = zip.by_name(&name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        if entry
            .take(self.left.saturating_add(1))
            .read_to_end(&mut out)
            .is_err()
        {
            return Ok(None);
        }
        self.charge(path, &out)?;
        Ok(Some(out))
    }

    /// The entry at `path` as text (decoded as markup), if it reads.
    pub(super) fn text(&mut self, path: &str) -> Result<Option<String>, DecodeError> {
        Ok(self
            .read(path)?
            .and_then(|b| crate::core::formats::decode::decode_markup(&b).ok())
            .map(|d| d.text))
    }

    /// The first entry whose name ends with `ext` (any case).
    pub(super) fn first_with(&self, ext: &str) -> Option<String> {
        self.names()
            .into_iter()
            .find(|n| n.to_ascii_lowercase().ends_with(ext))
    }
}
