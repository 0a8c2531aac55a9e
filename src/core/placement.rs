//! Which article a marks file belongs to, and where its marks are now: the
//! one piece the reader, the lists (`B`, `A`) and the exports (`chitalka
//! notes`, `bookmarks`) use, so that they never disagree.
//!
//! A marks file belongs to the article with its content id; else (the
//! article was edited) to the one at its last known path; else (edited and
//! moved or renamed while chitalka was closed) to an article that owns no
//! marks file and in which its passages are found ([`fits`]: nearly all of
//! them, or half under the same title). The marks folder is read once
//! ([`MarksFolder::read`]) and asked as often as needed.

use crate::core::anchor::{Found, Placed};
use crate::core::document::{Document, Pos};
use crate::core::fold::fold_simple;
use crate::core::library::{self, Article, Library};
use crate::core::marks_store::{ArticleMarks, MARKS_SCHEMA, Mark, MarksStore};
use crate::core::outline::Outline;
use std::path::{Path, PathBuf};

/// Least share of its passages found in an article, under another title,
/// for a marks file to be taken as that article's.
pub const FIT_ANY_TITLE: f64 = 0.9;
/// The same under the same title.
pub const FIT_SAME_TITLE: f64 = 0.5;

/// A marks file that parsed.
#[derive(Debug, Clone)]
pub struct MarksFile {
    /// Where it is.
    pub file: PathBuf,
    /// What it holds.
    pub marks: ArticleMarks,
}

impl MarksFile {
    /// Saved by a newer chitalka (read-only here): its schema.
    pub fn newer(&self) -> Option<u32> {
        (self.marks.schema > MARKS_SCHEMA).then_some(self.marks.schema)
    }
}

/// Why a marks file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// It could not be read.
    Unreadable(String),
    /// Written by a newer chitalka in a form this one cannot read.
    TooNew(u32),
    /// Not valid JSON (or not marks).
    Corrupt,
}

/// The marks folder, read once.
#[derive(Debug, Clone, Default)]
pub struct MarksFolder {
    /// Every marks file in the folder (sorted by name), usable or not.
    pub names: Vec<PathBuf>,
    /// The files that parsed, in name order.
    pub files: Vec<MarksFile>,
    /// The others, and why.
    pub unusable: Vec<(PathBuf, Unusable)>,
}

impl MarksFolder {
    /// Read every marks file of `store`; nothing on disk is changed.
    pub fn read(store: &MarksStore) -> MarksFolder {
        let names = store.files();
        // A newer file this version cannot parse comes back empty: it goes
        // with the unusable ones, to be said.
        let files: Vec<MarksFile> = store
            .all()
            .into_iter()
            .filter(|(_, marks)| *marks != ArticleMarks::default())
            .map(|(file, marks)| MarksFile { file, marks })
            .collect();
        let unusable = names
            .iter()
            .filter(|n| !files.iter().any(|f| f.file == **n))
            .map(|n| (n.clone(), why_unusable(n)))
            .collect();
        MarksFolder {
            names,
            files,
            unusable,
        }
    }

    /// The file the marks of the article `id`, at `rel` (`doc` is its
    /// text), are read from and saved over: its own file (even a damaged
    /// one: loading it reports that); else one whose last known path is
    /// `rel`; else, when the library folder `root` is known, the file of an
    /// article gone from it whose passages are found in `doc` (the best
    /// fit). Files of articles still in `lib` are never taken.
    pub fn file_for(
        &self,
        own: &Path,
        rel: &str,
        doc: &Document,
        root: Option<&Path>,
        lib: Option<&Library>,
    ) -> Option<PathBuf> {
        if self.names.iter().any(|n| n == own) {
            return Some(own.to_path_buf());
        }
        let text = doc.canonical_text();
        let hash = library::article_id(text.as_bytes());
        // Same path: the article edited in place, if it kept its title or
        // some of its passages (another library's file of the same name,
        // sharing the data dir, is not it).
        let same_title = |m: &ArticleMarks| fold_simple(&m.title) == fold_simple(&doc.title);
        if let Some(f) =
            self.current(|m| m.path == rel && (same_title(m) || any_found(m, doc, &text, &hash)))
        {
            return Some(f.file.clone());
        }
        let root = root?;
        let scored = self
            .files
            .iter()
            .filter(|f| orphan(f, root, lib))
            .filter_map(|f| score(&f.marks, doc, &text, &hash).map(|s| (s, f)));
        best_unique(scored).map(|f| f.file.clone())
    }

    /// A file of this schema (not a newer one) that `pick` takes.
    fn current(&self, pick: impl Fn(&ArticleMarks) -> bool) -> Option<&MarksFile> {
        self.files
            .iter()
            .find(|f| f.newer().is_none() && pick(&f.marks))
    }

    /// For each file of [`MarksFolder::files`] (same order), the article of
    /// `lib` it belongs to: by id, else by path, else by its passages (see
    /// [`MarksFolder::file_for`]: each article without marks of its own
    /// takes the orphan file that fits it best, as the reader would on
    /// opening it). The articles searched for orphans are loaded once each,
    /// and only when there are orphans.
    pub fn owners<'l>(&self, lib: &'l Library) -> Vec<Option<&'l Article>> {
        let mut owners: Vec<Option<&Article>> = self
            .files
            .iter()
            .map(|f| lib.find(&f.marks.article, &f.marks.path))
            .collect();
        let orphans: Vec<usize> = (0..self.files.len())
            .filter(|&i| owners[i].is_none() && orphan(&self.files[i], &lib.root, Some(lib)))
            .collect();
        if orphans.is_empty() {
            return owners;
        }
        // Articles with a marks file of their own (by id or path) search no further.
        let owned = |a: &Article| {
            owners.iter().flatten().any(|o| o.path == a.path)
                || self
                    .files
                    .iter()
                    .any(|f| f.marks.article == a.id || f.marks.path == a.rel)
        };
        let candidates: Vec<&Article> = lib.articles.iter().filter(|a| !owned(a)).collect();
        // Every (fit, orphan, article) pair, best first; each orphan goes to
        // the article it fits best and each article takes one orphan, as
        // the reader would. A tie (two articles fit an orphan equally, or
        // one article two orphans) gives nobody anything: a mark is never
        // placed on another article's text by chance.
        let mut pairs: Vec<(Fit, usize, usize)> = Vec::new();
        for (c, a) in candidates.iter().enumerate() {
            let Ok((_, doc)) = library::load(&a.path) else {
                continue;
            };
            let text = doc.canonical_text();
            let hash = library::article_id(text.as_bytes());
            for &i in &orphans {
                if let Some(s) = score(&self.files[i].marks, &doc, &text, &hash) {
                    pairs.push((s, i, c));
                }
            }
        }
        pairs.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
        let mut orphan_done = vec![false; self.files.len()];
        let mut article_done = vec![false; candidates.len()];
        let mut start = 0;
        while start < pairs.len() {
            let end = start
                + pairs[start..]
                    .iter()
                    .take_while(|p| p.0 == pairs[start].0)
                    .count();
            let run: Vec<(usize, usize)> = pairs[start..end]
                .iter()
                .filter(|&&(_, i, c)| !orphan_done[i] && !article_done[c])
                .map(|&(_, i, c)| (i, c))
                .collect();
            for &(i, c) in &run {
                let tie = run.iter().any(|&(i2, c2)| (i2 == i) != (c2 == c));
                if !tie {
                    owners[i] = Some(candidates[c]);
                    article_done[c] = true;
                }
            }
            for &(i, _) in &run {
                orphan_done[i] = true;
            }
            start = end;
        }
        owners
    }
}

/// Why `file` did not parse as marks.
fn why_unusable(file: &Path) -> Unusable {
    #[derive(serde::Deserialize)]
    struct SchemaOnly {
        schema: u32,
    }
    let bytes = match crate::core::store::read_data_file(file) {
        Ok(b) => b,
        Err(e) => return Unusable::Unreadable(e.to_string()),
    };
    let body = crate::core::store::strip_bom(&bytes);
    match serde_json::from_slice::<SchemaOnly>(body) {
        Ok(v) if v.schema > MARKS_SCHEMA => Unusable::TooNew(v.schema),
        _ => Unusable::Corrupt,
    }
}

/// A file whose article is gone: a path it last had that no longer exists
/// under `root`, and an id no article of `lib` has.
fn orphan(f: &MarksFile, root: &Path, lib: Option<&Library>) -> bool {
    f.newer().is_none()
        && !f.marks.path.is_empty()
        && !root.join(&f.marks.path).exists()
        && lib.is_none_or(|l| !l.articles.iter().any(|a| a.id == f.marks.article))
}

/// How well marks fit an article: under the same title first, then the
/// share of their passages found.
type Fit = (bool, f64);

/// [`fits`], with the title: `None` when the marks do not belong there.
fn score(m: &ArticleMarks, doc: &Document, text: &str, hash: &str) -> Option<Fit> {
    let same_title = fold_simple(&m.title) == fold_simple(&doc.title);
    fits(m, doc, text, hash).map(|share| (same_title, share))
}

/// The one best of `scored`; none when the best two fit alike.
fn best_unique<'a, T>(scored: impl Iterator<Item = (Fit, &'a T)>) -> Option<&'a T> {
    let mut all: Vec<(Fit, &T)> = scored.collect();
    all.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
    match all.as_slice() {
        [(a, _), (b, _), ..] if a == b => None,
        [(_, best), ..] => Some(*best),
        [] => None,
    }
}

/// Is any live passage of `m` found in `doc` (or has it none)?
fn any_found(m: &ArticleMarks, doc: &Document, text: &str, hash: &str) -> bool {
    let mut live = m.live().peekable();
    live.peek().is_none() || live.any(|(_, x)| x.anchor.place_in(doc, text, hash).range.is_some())
}

/// Do the marks `m` belong to the article `doc` (its canonical `text` and
/// that text's `hash`)? The share of their live passages found there, when
/// convincing: at least [`FIT_ANY_TITLE`], or [`FIT_SAME_TITLE`] under the
/// same title (anchors place only on matching text and context).
pub fn fits(m: &ArticleMarks, doc: &Document, text: &str, hash: &str) -> Option<f64> {
    let live: Vec<&Mark> = m.live().map(|(_, x)| x).collect();
    let found = live
        .iter()
        .filter(|x| x.anchor.place_in(doc, text, hash).range.is_some())
        .count();
    let share = found as f64 / live.len().max(1) as f64;
    let same_title = fold_simple(&m.title) == fold_simple(&doc.title);
    let convincing = share >= FIT_ANY_TITLE || (same_title && share >= FIT_SAME_TITLE);
    (found > 0 && convincing).then_some(share)
}

/// One mark placed in its article as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedMark {
    /// The mark's id.
    pub id: String,
    /// The mark as stored.
    pub mark: Mark,
    /// How it was found (detached: not found).
    pub found: Found,
    /// Where, unless detached.
    pub range: Option<(Pos, Pos)>,
    /// The title of the section it is in ("" when none, or detached).
    pub section: String,
}

/// The live marks of `marks` that `wanted` takes, placed in `doc` (the
/// article's text now; `None` when the article was not found: all are
/// detached), in text order, detached ones last.
pub fn place(
    marks: &ArticleMarks,
    doc: Option<&Document>,
    wanted: impl Fn(&Mark) -> bool,
) -> Vec<PlacedMark> {
    let outline = doc.map(Outline::of);
    // The text and its hash once per article, for every mark of it.
    let text = doc.map(|d| {
        let t = d.canonical_text();
        let h = library::article_id(t.as_bytes());
        (t, h)
    });
    let mut out: Vec<PlacedMark> = marks
        .live()
        .filter(|(_, m)| wanted(m))
        .map(|(id, m)| {
            let placed = doc
                .zip(text.as_ref())
                .map(|(d, (t, h))| m.anchor.place_in(d, t, h))
                .unwrap_or(Placed {
                    found: Found::Detached,
                    range: None,
                });
            let section = outline
                .as_ref()
                .zip(placed.range)
                .and_then(|(o, (a, _))| o.section_at(a).map(|i| o.sections[i].title.clone()))
                .unwrap_or_default();
            PlacedMark {
                id: id.clone(),
                mark: m.clone(),
                found: placed.found,
                range: placed.range,
                section,
            }
        })
        .collect();
    out.sort_by_key(|p| (p.range.is_none(), p.range.map(|r| r.0), p.mark.created));
    out
}

/// Every marks file with the article it belongs to (when found) and its
/// marks that `wanted` takes, placed: what the lists and the exports show.
#[derive(Debug, Clone)]
pub struct ArticleEntry {
    /// The marks file as read.
    pub file: MarksFile,
    /// The article it belongs to, when it was found in the library.
    pub article: Option<Article>,
    /// Its marks that were wanted, placed (all detached without the article).
    pub placed: Vec<PlacedMark>,
}

impl ArticleEntry {
    /// The article's path in the library (else the last one the file knew).
    pub fn rel(&self) -> &str {
        self.article
            .as_ref()
            .map_or(&self.file.marks.path, |a| &a.rel)
    }

    /// The article's title (else the last one the file knew).
    pub fn title(&self) -> &str {
        self.article
            .as_ref()
            .map_or(&self.file.marks.title, |a| &a.title)
    }
}

/// Every file of `folder` with marks that `wanted` takes (but those of the
/// article `skip`, which the caller has at hand), each with its article in
/// `lib` and its marks placed there. Each article is read once.
pub fn place_all(
    folder: &MarksFolder,
    lib: Option<&Library>,
    skip: Option<&str>,
    wanted: impl Fn(&Mark) -> bool + Copy,
) -> Vec<ArticleEntry> {
    let owners = lib.map(|l| folder.owners(l));
    folder
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| skip != Some(f.marks.article.as_str()))
        .filter(|(_, f)| f.marks.live().any(|(_, m)| wanted(m)))
        .map(|(i, f)| {
            let article = owners.as_ref().and_then(|o| o[i]).cloned();
            let doc = article
                .as_ref()
                .and_then(|a| library::load(&a.path).ok())
                .map(|(_, d)| d);
            ArticleEntry {
                placed: place(&f.marks, doc.as_ref(), wanted),
                file: f.clone(),
                article,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::anchor::Anchor;
    use crate::core::formats::text::parse_str;
    use crate::core::marks_store::MarkKind;

    const TEXT: &str = "Заголовок\n\nПервое предложение статьи. Второе предложение статьи.\n\nТретий абзац про сотрудничество.\n";

    fn marks_on(doc: &Document, quotes: &[&str], path: &str) -> ArticleMarks {
        let text = doc.canonical_text();
        let mut m = ArticleMarks {
            schema: MARKS_SCHEMA,
            article: "old-id".into(),
            path: path.into(),
            title: doc.title.clone(),
            ..ArticleMarks::default()
        };
        for q in quotes {
            let a = text.find(q).expect("quote");
            let anchor = Anchor::new(doc, doc.pos_at(a), doc.pos_at(a + q.len()));
            m.add(
                MarkKind::Note {
                    text: q.to_string(),
                },
                anchor,
            );
        }
        m
    }

    #[test]
    fn fits_needs_most_passages_or_half_under_the_same_title() {
        let doc = parse_str(TEXT);
        let text = doc.canonical_text();
        let hash = library::article_id(text.as_bytes());
        let m = marks_on(&doc, &["Второе предложение", "сотрудничество"], "a.txt");
        assert_eq!(fits(&m, &doc, &text, &hash), Some(1.0));
        let other = parse_str("Другое\n\nВторое предложение тут. Ничего больше.\n");
        let (t2, h2) = {
            let t = other.canonical_text();
            let h = library::article_id(t.as_bytes());
            (t, h)
        };
        // Under another title, half is not enough.
        assert_eq!(fits(&m, &other, &t2, &h2), None);
        let mut same = m.clone();
        same.title = "Другое".into();
        assert!(fits(&same, &other, &t2, &h2).is_none_or(|s| s >= FIT_SAME_TITLE));
    }

    #[test]
    fn placed_in_text_order_detached_last_with_sections() {
        let doc = parse_str(TEXT);
        let mut m = marks_on(&doc, &["сотрудничество", "Первое предложение"], "a.txt");
        let gone = parse_str("Заголовок\n\nСовсем иной текст.\n");
        let gone_text = gone.canonical_text();
        m.add(
            MarkKind::Bookmark { name: "b".into() },
            Anchor::new(&gone, gone.pos_at(0), gone.pos_at(gone_text.len())),
        );
        let placed = place(&m, Some(&doc), |_| true);
        let founds: Vec<Found> = placed.iter().map(|p| p.found).collect();
        assert_eq!(founds.len(), 3);
        assert_eq!(founds[2], Found::Detached);
        assert!(placed[0].range < placed[1].range);
        let notes = place(&m, Some(&doc), |m| matches!(m.kind, MarkKind::Note { .. }));
        assert_eq!(notes.len(), 2);
        assert!(place(&m, None, |_| true).iter().all(|p| p.range.is_none()));
    }
}
