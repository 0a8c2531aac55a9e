//! Bringing the index up to date: the files to (re)index are parsed and
//! folded in a thread of their own while tantivy's one indexing thread takes
//! the entries of the file before, in the library's order; a commit (and the
//! list of files indexed, [`super::Manifest`]) every [`BATCH_BYTES`] of
//! input, so a search during a long first build finds what is done so far.
//!
//! The same library always makes the same index: one indexing thread (its
//! segments cut where the same memory fills), commits at the same files, no
//! merges in the background while the writer works ([`NoMergePolicy`]), and
//! at the end one merge decided from the segments alone ([`small_segments`])
//! and waited for. A writer that ends (or a process killed) in the middle of
//! a merge leaves files `meta.json` does not list: they are removed when the
//! writer opens ([`super::tidy`]).

use super::{Fields, LibraryIndex, read_manifest, write_manifest};
use crate::core::document::Pos;
use crate::core::fold::Folded;
use crate::core::guarded;
use crate::core::library::{self, Article, Library};
use crate::core::outline::Outline;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use tantivy::index::SegmentMeta;
use tantivy::indexer::NoMergePolicy;
use tantivy::{IndexWriter, TantivyDocument, Term, doc};

/// Memory for the writer's one indexing thread: a segment is written out
/// when it is full.
const WRITER_BYTES: usize = 64 * 1024 * 1024;
/// Input between two commits.
const BATCH_BYTES: u64 = 32 * 1024 * 1024;

/// Input between two commits of an update, when a test asks for another
/// than [`BATCH_BYTES`] (0: none asked).
static TEST_BATCH_BYTES: AtomicU64 = AtomicU64::new(0);

/// The name of the variable with which a test sets [`set_test_batch_bytes`].
pub const TEST_BATCH_ENV: &str = "CHITALKA_TEST_INDEX_BATCH";

/// For tests only, set once at start-up from [`TEST_BATCH_ENV`]: commit an
/// update every `bytes` of input, to see a build's partial commits on a
/// small library.
pub fn set_test_batch_bytes(bytes: Option<u64>) {
    TEST_BATCH_BYTES.store(bytes.unwrap_or(0), Ordering::Relaxed);
}

/// Input between two commits: [`BATCH_BYTES`], or what a test asked.
pub(super) fn batch_bytes() -> u64 {
    match TEST_BATCH_BYTES.load(Ordering::Relaxed) {
        0 => BATCH_BYTES,
        n => n,
    }
}
/// Segments with fewer entries than this are merged together at the end of
/// an update once there are [`SMALL_SEGMENTS`] of them (the ones each small
/// update adds: an article is a few hundred to a few thousand entries); the
/// large ones a first build writes are left as they are, so that an update
/// never merges more than a few small segments. (Entries deleted from a
/// large segment stay on disk, unseen, until the next first build.)
const SMALL_DOCS: u32 = 5_000;
/// How many small segments make a merge.
const SMALL_SEGMENTS: usize = 8;
/// Files parsed ahead of the indexing thread.
const PARSED_AHEAD: usize = 4;

/// A file parsed into its index entries (None: unreadable now, tried again
/// next time; Err: the parser panicked on it, left out until it changes).
type Parsed = Result<Option<(String, Vec<TantivyDocument>)>, String>;

impl LibraryIndex {
    pub(super) fn update_unguarded(
        &self,
        lib: &Library,
        progress: &mut dyn FnMut(usize, usize),
    ) -> tantivy::Result<Option<usize>> {
        // The quick way: the library is the one last indexed in full.
        let digest = library_digest(lib);
        let orphans = super::tidy::orphans(&self.dir);
        if orphans.is_empty() && read_state(&self.dir).as_deref() == Some(digest.as_str()) {
            return Ok(Some(0));
        }
        let mut manifest = read_manifest(&self.dir).unwrap_or_default();
        manifest.version = super::INDEX_VERSION;
        let want: BTreeMap<&str, &str> = lib
            .articles
            .iter()
            .map(|a| (a.rel.as_str(), a.id.as_str()))
            .collect();
        let stale: Vec<String> = manifest
            .files
            .iter()
            .filter(|(p, id)| want.get(String::as_str(p)) != Some(&String::as_str(id)))
            .map(|(p, _)| p.clone())
            .collect();
        let todo: Vec<&Article> = lib
            .articles
            .iter()
            .filter(|a| manifest.files.get(&a.rel) != Some(&a.id))
            .collect();
        if stale.is_empty() && todo.is_empty() && orphans.is_empty() {
            write_state(&self.dir, &digest)?;
            return Ok(Some(0));
        }
        // From here on the index is not the one the state file names.
        remove_state(&self.dir)?;
        let mut writer: IndexWriter = match self.index.writer_with_num_threads(1, WRITER_BYTES) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => return Ok(None),
            Err(e) => return Err(e),
        };
        writer.set_merge_policy(Box::new(NoMergePolicy));
        // What a writer killed before left behind (files of an unfinished
        // segment or merge) goes now.
        writer.garbage_collect_files().wait()?;
        super::tidy::remove_orphans(&self.dir);
        for p in &stale {
            writer.delete_term(Term::from_field_text(self.fields.path, p));
            manifest.files.remove(p);
        }
        let total = todo.len();
        let fields = self.fields;
        std::thread::scope(|scope| -> tantivy::Result<()> {
            let (send, receive) = mpsc::sync_channel::<(usize, Parsed)>(PARSED_AHEAD);
            let todo = &todo;
            scope.spawn(move || {
                for (n, a) in todo.iter().enumerate() {
                    let parsed = guarded::run(|| documents(fields, &a.rel, &a.path));
                    if send.send((n, parsed)).is_err() {
                        return;
                    }
                }
            });
            let mut batch = 0u64;
            for (n, parsed) in receive {
                let a = &todo[n];
                writer.delete_term(Term::from_field_text(fields.path, &a.rel));
                match parsed {
                    Ok(Some((id, docs))) => {
                        for d in docs {
                            writer.add_document(d)?;
                        }
                        manifest.files.insert(a.rel.clone(), id);
                    }
                    Ok(None) => {}
                    Err(_) => {
                        manifest.files.insert(a.rel.clone(), a.id.clone());
                    }
                }
                batch += a.bytes;
                if batch >= self.batch_bytes && n + 1 < total {
                    batch = 0;
                    writer.commit()?;
                    write_manifest(&self.dir, &manifest)?;
                    self.commits.fetch_add(1, Ordering::AcqRel);
                }
                progress(n + 1, total);
            }
            Ok(())
        })?;
        writer.commit()?;
        write_manifest(&self.dir, &manifest)?;
        self.commits.fetch_add(1, Ordering::AcqRel);
        let small = small_segments(&self.index.searchable_segment_metas()?);
        if !small.is_empty() {
            writer.merge(&small).wait()?;
        }
        writer.wait_merging_threads()?;
        // Every file in as it is (none left to try again): the next update
        // with the same library needs no more than the digest.
        let complete = manifest.files.len() == want.len()
            && manifest
                .files
                .iter()
                .all(|(p, id)| want.get(p.as_str()) == Some(&id.as_str()));
        if complete {
            write_state(&self.dir, &digest)?;
        }
        Ok(Some(total))
    }
}

/// The small segments to merge into one, when there are enough of them.
fn small_segments(metas: &[SegmentMeta]) -> Vec<tantivy::index::SegmentId> {
    let mut small: Vec<&SegmentMeta> = metas.iter().filter(|m| m.num_docs() < SMALL_DOCS).collect();
    if small.len() < SMALL_SEGMENTS {
        return Vec::new();
    }
    small.sort_by_key(|m| (m.max_doc(), m.id()));
    small.into_iter().map(SegmentMeta::id).collect()
}

/// The index entries of the article at `path` (one per block with
/// text), with its content id; None when it cannot be read.
fn documents(fields: Fields, rel: &str, path: &Path) -> Option<(String, Vec<TantivyDocument>)> {
    let (id, doc) = library::load(path).ok()?;
    let outline = Outline::of(&doc);
    let mut docs = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let folded = Folded::new(&b.text).text;
        if folded.is_empty() {
            continue;
        }
        let section = outline
            .section_at(Pos::new(i, 0))
            .map(|s| outline.sections[s].title.clone())
            .unwrap_or_default();
        docs.push(doc!(
            fields.path => rel.to_string(),
            fields.title => doc.title.clone(),
            fields.section => section,
            fields.block => i as u64,
            fields.text => b.text.clone(),
            fields.words => folded,
        ));
    }
    Some((id, docs))
}

/// The file that names the library last indexed in full: the version and
/// a digest of every (path, content id).
pub(super) const STATE: &str = "chitalka-index.state";

/// The digest of a library's files and their content ids, with the index's
/// version.
fn library_digest(lib: &Library) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for a in &lib.articles {
        h.update(a.rel.as_bytes());
        h.update(&[0]);
        h.update(a.id.as_bytes());
        h.update(&[0]);
    }
    format!("{}:{:032x}", super::INDEX_VERSION, h.digest128())
}

/// The digest the state file names, when it is of this version and the
/// list of files is the one written with it (its length unchanged).
pub(super) fn read_state(dir: &Path) -> Option<String> {
    let bytes = crate::core::store::read_data_file(&dir.join(STATE)).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (digest, len) = text.rsplit_once(' ')?;
    let manifest = std::fs::metadata(dir.join(super::MANIFEST)).ok()?;
    (len.parse::<u64>().ok()? == manifest.len()
        && digest.starts_with(&format!("{}:", super::INDEX_VERSION)))
    .then(|| digest.to_string())
}

fn write_state(dir: &Path, digest: &str) -> tantivy::Result<()> {
    let len = std::fs::metadata(dir.join(super::MANIFEST))?.len();
    crate::core::store::atomic_write(&dir.join(STATE), format!("{digest} {len}").as_bytes())?;
    Ok(())
}

fn remove_state(dir: &Path) -> tantivy::Result<()> {
    match std::fs::remove_file(dir.join(STATE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}
