//! The library-wide index, on disk in the cache dir (tantivy): one entry per
//! block of every article, its text folded (case, ё, accents: see
//! [`crate::core::fold`]) and stemmed for Russian and English, so that
//! «сотрудничество» finds «сотрудничества». Kept up to date file by file;
//! rebuilt when missing, damaged or from another version. A second running
//! chitalka finds the writer lock taken and searches read-only.
//!
//! A damaged index (a segment file gone, cut short or overwritten, its
//! metadata garbage) shows when it is opened, updated or searched: each of
//! these fails (a panic in tantivy is caught and fails too), and the index
//! is then made anew, once, and the caller told why ([`Updated::rebuilt`]).

use crate::core::document::Pos;
use crate::core::fold::Folded;
use crate::core::guarded;
use crate::core::keyboard::other_layout;
use crate::core::library::Library;
use crate::core::store::atomic_write;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, doc};

/// Bumped when the schema, the folding or the text indexed changes (2:
/// lib.ru's „ for ё put right; 3: note references' superscript digits
/// folded away; 4: notes of plain text and Markdown taken out of the
/// running text; 5: `&#233;` in plain text is é; 6: French «prйviens» is
/// «préviens»; 7: one field of stems, Russian or English by the word's
/// script, and the stored text in zstd): an older index is rebuilt.
pub const INDEX_VERSION: u32 = 7;
const MANIFEST: &str = "chitalka-index.json";
const WORDS: &str = "chitalka_words";

/// What the index holds, file by file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// By relative path: content id.
    files: BTreeMap<String, String>,
}

#[derive(Clone, Copy)]
struct Fields {
    path: Field,
    title: Field,
    section: Field,
    block: Field,
    text: Field,
    /// The folded text's stems ([`words::Words`]).
    words: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = |name: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(name)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        title: b.add_text_field("title", STORED),
        section: b.add_text_field("section", STORED),
        block: b.add_u64_field("block", STORED),
        text: b.add_text_field("text", STORED),
        words: b.add_text_field("words", stemmed(WORDS)),
    };
    (b.build(), fields)
}

/// The stored text compressed with zstd in blocks of 64 KiB: about half the
/// size of lz4's 16 KiB blocks, and a hit's block is still read in
/// microseconds.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: 64 * 1024,
        ..IndexSettings::default()
    }
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::from(words::Words::default())
}

/// One hit of a library search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LibraryHit {
    /// Article path, relative to the library.
    pub path: String,
    /// Article title.
    pub title: String,
    /// The section the hit is in ("" when none).
    pub section: String,
    /// The block of the hit.
    pub block: usize,
    /// Where the first matched word starts in the block.
    pub offset: usize,
    /// Text around the hit.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<Range<usize>>,
    /// Relevance.
    pub score: f32,
    /// For a hit in a note: the passage the note is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_on: Option<String>,
    /// For a hit in a note: the note's mark id.
    #[serde(skip)]
    pub mark: Option<String>,
}

impl LibraryHit {
    /// Where in the article the hit is.
    pub fn pos(&self) -> Pos {
        Pos::new(self.block, self.offset)
    }
}

/// A text to put in an index made with [`LibraryIndex::in_ram`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDoc {
    /// Article path, relative to the library.
    pub path: String,
    /// Article title.
    pub title: String,
    /// Section.
    pub section: String,
    /// Block the text belongs to.
    pub block: usize,
    /// The text.
    pub text: String,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResult {
    /// The hits, best first.
    pub hits: Vec<LibraryHit>,
    /// The query read in the other keyboard layout, when that is what found them.
    pub switched: Option<String>,
}

/// The index of one library. A clone is the same index (searched from
/// another thread while this one is being updated, say).
#[derive(Clone)]
pub struct LibraryIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    /// Why the index there could not be opened, when it was made anew.
    repaired: Option<String>,
    /// Commits made by updates so far, through any clone.
    commits: Arc<AtomicUsize>,
    /// Input between two commits of an update ([`build::batch_bytes`]).
    batch_bytes: u64,
}

/// An index opened and brought up to date by [`LibraryIndex::open_updated`].
pub struct Updated {
    /// The index.
    pub index: LibraryIndex,
    /// Files (re)indexed; None when another chitalka holds the writer.
    pub indexed: Option<usize>,
    /// Why the index was made anew, when it was found damaged.
    pub rebuilt: Option<String>,
}

/// A panic in tantivy (on damaged files), made an error.
fn caught<T>(outcome: Result<tantivy::Result<T>, String>) -> tantivy::Result<T> {
    outcome.unwrap_or_else(|panic| Err(tantivy::TantivyError::InternalError(panic)))
}

impl LibraryIndex {
    /// Open the index in `dir`, making it anew when it is missing, damaged or old.
    pub fn open(dir: &Path) -> tantivy::Result<LibraryIndex> {
        // Two chitalkas starting together must not both make the index anew:
        // opening (and any rebuild) happens under a lock file beside it.
        let lock = Self::lock(dir)?;
        let opened = Self::open_locked(dir);
        drop(lock);
        opened
    }

    /// An index in memory of `docs`, searched like the library's (the notes
    /// are searched this way: they are few, and change while chitalka runs).
    pub fn in_ram(docs: &[IndexDoc]) -> tantivy::Result<LibraryIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(WORDS, analyzer());
        let mut writer: IndexWriter = index.writer(15_000_000)?;
        for d in docs {
            let folded = Folded::new(&d.text).text;
            writer.add_document(doc!(
                fields.path => d.path.clone(),
                fields.title => d.title.clone(),
                fields.section => d.section.clone(),
                fields.block => d.block as u64,
                fields.text => d.text.clone(),
                fields.words => folded,
            ))?;
        }
        writer.commit()?;
        Ok(LibraryIndex {
            dir: PathBuf::new(),
            index,
            fields,
            repaired: None,
            commits: Arc::default(),
            batch_bytes: build::batch_bytes(),
        })
    }

    fn open_locked(dir: &Path) -> tantivy::Result<LibraryIndex> {
        // A library indexed in full last time: the list of files need not
        // be read (it is long for a large library) to know its version.
        let manifest = match build::read_state(dir) {
            Some(_) => Some(Manifest {
                version: INDEX_VERSION,
                files: BTreeMap::new(),
            }),
            None => read_manifest(dir),
        };
        let damaged = match manifest {
            // A pipe or a device among the index files would hang tantivy's
            // open (it opens them without O_NONBLOCK): made anew instead.
            Some(m) if m.version == INDEX_VERSION => match odd_entry(dir) {
                Some(why) => Some(why),
                None => match caught(guarded::run(|| Index::open_in_dir(dir))) {
                    Ok(index) => return Ok(Self::with(dir, index, None)),
                    Err(e) => Some(e.to_string()),
                },
            },
            // Another version's: made anew for this one, nothing to report.
            Some(_) => None,
            None if dir.join(MANIFEST).exists() => Some(IndexDamage::Manifest.to_string()),
            None => None,
        };
        Self::create_locked(dir, damaged)
    }

    /// Make the index in `dir` anew, empty, because the one there is damaged
    /// (`why`). Refused while another chitalka is writing to it.
    pub fn recreate(dir: &Path, why: String) -> tantivy::Result<LibraryIndex> {
        let lock = Self::lock(dir)?;
        let writer_lock = crate::core::store::read_only_regular(&dir.join(".tantivy-writer.lock"));
        if let Ok(w) = &writer_lock
            && w.try_lock().is_err()
        {
            return Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                None,
            ));
        }
        drop(writer_lock);
        let made = Self::create_locked(dir, Some(why));
        drop(lock);
        made
    }

    /// The lock file beside the index, taken.
    fn lock(dir: &Path) -> tantivy::Result<std::fs::File> {
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let lock = crate::core::store::open_lock(&dir.with_extension("lock"))?;
        lock.lock()?;
        Ok(lock)
    }

    fn create_locked(dir: &Path, repaired: Option<String>) -> tantivy::Result<LibraryIndex> {
        let (schema, _) = schema();
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir)?;
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_dir(dir)?;
        write_manifest(
            dir,
            &Manifest {
                version: INDEX_VERSION,
                files: BTreeMap::new(),
            },
        )?;
        Ok(Self::with(dir, index, repaired))
    }

    fn with(dir: &Path, index: Index, repaired: Option<String>) -> LibraryIndex {
        index.tokenizers().register(WORDS, analyzer());
        LibraryIndex {
            dir: dir.to_path_buf(),
            index,
            fields: schema().1,
            repaired,
            commits: Arc::default(),
            batch_bytes: build::batch_bytes(),
        }
    }

    /// How many commits updates have made so far (through any clone): a
    /// search made before the last one may now find more.
    pub fn commits(&self) -> usize {
        self.commits.load(Ordering::Acquire)
    }

    /// Why the index found in its folder could not be opened (it was made anew).
    pub fn repaired(&self) -> Option<&str> {
        self.repaired.as_deref()
    }

    /// Open the index in `dir` and bring it up to date with `lib`. A damaged
    /// index is made anew, once: when it fails to open or to update, or
    /// when `damaged` says it failed before (a search on it did).
    pub fn open_updated(
        dir: &Path,
        lib: &Library,
        damaged: Option<String>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> tantivy::Result<Updated> {
        Self::open_updated_showing(dir, lib, damaged, progress, &mut |_| {})
    }

    /// [`LibraryIndex::open_updated`], giving `opened` the index (a clone)
    /// before it is updated, so that it can be searched meanwhile (as far
    /// as the update has committed, see [`LibraryIndex::commits`]).
    pub fn open_updated_showing(
        dir: &Path,
        lib: &Library,
        damaged: Option<String>,
        progress: &mut dyn FnMut(usize, usize),
        opened: &mut dyn FnMut(LibraryIndex),
    ) -> tantivy::Result<Updated> {
        let index = match damaged {
            Some(why) => Self::recreate(dir, why)?,
            None => Self::open(dir)?,
        };
        opened(index.clone());
        match index.update(lib, progress) {
            Ok(indexed) => Ok(Updated {
                rebuilt: index.repaired.clone(),
                index,
                indexed,
            }),
            Err(e) if index.repaired.is_none() => {
                drop(index);
                let index = Self::recreate(dir, e.to_string())?;
                opened(index.clone());
                let indexed = index.update(lib, progress)?;
                Ok(Updated {
                    rebuilt: index.repaired.clone(),
                    index,
                    indexed,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Bring the index up to date with `lib`: files added, changed or removed.
    /// `progress(done, total)` is called as files are indexed. Returns how
    /// many files were (re)indexed; Ok(None) when another chitalka holds the
    /// writer (the index is then used as it is). A file that fails (a panic
    /// on it is caught) is left out of the index until it changes.
    pub fn update(
        &self,
        lib: &Library,
        progress: &mut dyn FnMut(usize, usize),
    ) -> tantivy::Result<Option<usize>> {
        caught(guarded::run(|| self.update_unguarded(lib, progress)))
    }

    /// Search for `query`: all its words (stemmed, folded), or an exact phrase
    /// in quotes. When it finds nothing and its other-layout reading does,
    /// those hits are returned and `switched` says so. A damaged index fails
    /// (a panic in tantivy is caught).
    pub fn search(&self, query: &str, limit: usize) -> tantivy::Result<SearchResult> {
        caught(guarded::run(|| self.search_unguarded(query, limit)))
    }

    fn search_unguarded(&self, query: &str, limit: usize) -> tantivy::Result<SearchResult> {
        let hits = self.search_one(query, limit)?;
        if hits.is_empty()
            && let Some(other) = other_layout(query)
        {
            let hits = self.search_one(&other, limit)?;
            if !hits.is_empty() {
                return Ok(SearchResult {
                    hits,
                    switched: Some(other),
                });
            }
        }
        Ok(SearchResult {
            hits,
            switched: None,
        })
    }

    fn search_one(&self, query: &str, limit: usize) -> tantivy::Result<Vec<LibraryHit>> {
        let folded = fold_query(query);
        if folded.trim().is_empty() {
            return Ok(Vec::new());
        }
        // Read as it is now: no thread watching for the next commit.
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![self.fields.words]);
        parser.set_conjunction_by_default();
        let (q, _) = parser.parse_query_lenient(&folded);
        let top = searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let stems = query_stems(&folded);
        let mut out = Vec::new();
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let get = |f: Field| {
                d.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let text = get(self.fields.text);
            let (snippet, highlights, offset) = snippet(&text, &stems);
            out.push(LibraryHit {
                path: get(self.fields.path),
                title: get(self.fields.title),
                section: get(self.fields.section),
                block: d
                    .get_first(self.fields.block)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0) as usize,
                offset,
                snippet,
                highlights,
                score,
                note_on: None,
                mark: None,
            });
        }
        // Equal scores come in the order of the index's segments, which its
        // writer threads make differently each time: the same query on the
        // same library gives the same list (then by file and place).
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.path.cmp(&b.path))
                .then(a.block.cmp(&b.block))
        });
        Ok(out)
    }
}

/// Why an index on disk is made anew; `messages` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexDamage {
    /// chitalka's list of the indexed files is unreadable.
    Manifest,
    /// This entry of the index folder is not a regular file.
    NotAFile(String),
}

/// The first entry of the index folder that is not a regular file (a pipe,
/// a device, a folder, a link), said as a reason to make the index anew.
fn odd_entry(dir: &Path) -> Option<String> {
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let regular = e.path().symlink_metadata().is_ok_and(|m| m.is_file());
        (!regular).then(|| {
            IndexDamage::NotAFile(e.file_name().to_string_lossy().into_owned()).to_string()
        })
    })
}

fn read_manifest(dir: &Path) -> Option<Manifest> {
    let bytes = crate::core::store::read_data_file(&dir.join(MANIFEST)).ok()?;
    serde_json::from_slice(crate::core::store::strip_bom(&bytes)).ok()
}

fn write_manifest(dir: &Path, m: &Manifest) -> tantivy::Result<()> {
    let json = serde_json::to_vec_pretty(m)
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
    atomic_write(&dir.join(MANIFEST), &json)?;
    Ok(())
}

mod build;
pub use build::{TEST_BATCH_ENV, set_test_batch_bytes};
mod query;
pub mod tidy;
mod words;
pub use query::in_article_query;
use query::{fold_query, query_stems, snippet};

#[cfg(test)]
mod tests;
