//! What the index folder should hold, and what it holds besides: the files
//! of the segments `meta.json` lists (and their deletes), tantivy's own
//! small files, and chitalka's list of files. Anything else is left by a
//! writer that stopped in the middle (a kill, a merge not waited for) and is
//! removed the next time a writer opens.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The files of the index folder that are not segments' or deletes'.
const OWN_FILES: [&str; 6] = [
    "meta.json",
    ".managed.json",
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
    super::MANIFEST,
    super::build::STATE,
];

#[derive(Deserialize)]
struct Meta {
    segments: Vec<SegmentEntry>,
}

#[derive(Deserialize)]
struct SegmentEntry {
    segment_id: String,
    deletes: Option<Deletes>,
}

#[derive(Deserialize)]
struct Deletes {
    opstamp: u64,
}

/// The names of the files in `dir` that `meta.json` does not list and that
/// are not the index's own small files, sorted; none when `meta.json`
/// cannot be read (an index being made, or damaged: opening it says so).
pub fn orphans(dir: &Path) -> Vec<String> {
    let Some(meta) = std::fs::read(dir.join("meta.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<Meta>(&b).ok())
    else {
        return Vec::new();
    };
    let mut listed = BTreeSet::new();
    for s in &meta.segments {
        let id = s.segment_id.replace('-', "");
        if let Some(d) = &s.deletes {
            listed.insert(format!("{id}.{}.del", d.opstamp));
        }
        listed.insert(id);
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !OWN_FILES.contains(&name.as_str()))
        // Only what tantivy names its own (a segment's 32 hex digits, or
        // its temp files): anything else in the folder is never touched.
        .filter(|name| tantivy_made(name))
        .filter(|name| {
            let segment = name.split('.').next().unwrap_or_default();
            let is_del = name.ends_with(".del");
            !(listed.contains(name) || (!is_del && listed.contains(segment)))
        })
        .collect();
    out.sort();
    out
}

/// Remove what [`orphans`] finds (only regular files). Called with the
/// writer's lock held, after tantivy's own clean-up: what is left then was
/// never written down as tantivy's (or is a temp file of a list of files
/// never renamed).
/// A name tantivy gives its files (a segment id of 32 hex digits and an
/// extension, its temp files `.tmp…`), or a temp file of one of ours.
fn tantivy_made(name: &str) -> bool {
    let id = name.split('.').next().unwrap_or_default();
    let own_temp = OWN_FILES
        .iter()
        .any(|own| name.starts_with(&format!(".{own}.tmp-")));
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) && name.len() > 32)
        || name.starts_with(".tmp")
        || own_temp
}

pub(super) fn remove_orphans(dir: &Path) {
    // An index folder that is a link to somewhere else is not cleaned: what
    // is there may be anyone's.
    if dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return;
    }
    for name in orphans(dir) {
        let path = dir.join(&name);
        if path.symlink_metadata().is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(path);
        }
    }
}
