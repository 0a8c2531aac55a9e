//! The EPUB's ZIP archive, unpacked within a budget: at most the limit in
//! all, whatever sizes the archive declares. An archive cut short (its
//! directory at the end is gone) is read from the start, entry by entry,
//! as far as its entries are whole.

use crate::core::formats::decode::DecodeError;
use std::collections::HashMap;
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
    /// The entries' indexes by name (the first of equal names; the zip
    /// crate's own look-up scans every name when one is missing).
    exact: HashMap<String, usize>,
    /// Each entry's name by its name in ASCII lower case (the first):
    /// built once, so that a spine of many missing documents is not a
    /// scan of all the names each.
    folded: HashMap<String, String>,
    limit: u64,
    left: u64,
}

impl<'a> Archive<'a> {
    /// Open `bytes`, to be unpacked to at most `limit` bytes in all.
    pub(super) fn open(bytes: &'a [u8], limit: u64) -> Result<Archive<'a>, DecodeError> {
        let mut ar = Archive {
            source: Source::Read(Vec::new()),
            exact: HashMap::new(),
            folded: HashMap::new(),
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
        let names: Vec<(usize, String)> = match &ar.source {
            Source::Zip(zip) => (0..zip.len())
                .filter_map(|i| Some((i, zip.name_for_index(i)?.ok()?.into_owned())))
                .collect(),
            Source::Read(entries) => entries
                .iter()
                .enumerate()
                .map(|(i, (n, _))| (i, n.clone()))
                .collect(),
        };
        for (i, name) in names {
            ar.folded
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| name.clone());
            ar.exact.entry(name).or_insert(i);
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
        if self.exact.contains_key(path) {
            return Some(path.to_string());
        }
        self.folded.get(&path.to_ascii_lowercase()).cloned()
    }

    /// Is there an entry at `path`?
    pub(super) fn has(&self, path: &str) -> bool {
        self.name_of(path).is_some()
    }

    /// The unpacked bytes of the entry at `path` (its name, or the same
    /// name in other case), `None` when there is none or it cannot be
    /// read; an error when the book unpacks past the limit.
    pub(super) fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, DecodeError> {
        let Some(&index) = self.name_of(path).and_then(|n| self.exact.get(&n)) else {
            return Ok(None);
        };
        let zip = match &mut self.source {
            Source::Read(entries) => {
                // Counted against the budget when it was read.
                return Ok(entries.get(index).map(|(_, b)| b.clone()));
            }
            Source::Zip(zip) => zip,
        };
        let Ok(entry) = zip.by_index(index) else {
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
