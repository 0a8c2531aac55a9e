//! The "edited article" test (issue 5): notes are made on an article, the
//! article is edited (paragraphs inserted, a typo fixed or made inside the
//! quote, a paragraph or a sentence deleted, CRLF line ends, the file renamed,
//! the lines re-wrapped, an insert and a typo fix together), and every note is
//! placed again. Each edit is made by this test, so it knows where every
//! passage really is afterwards (or that it is gone), and each placement is
//! judged against that: right, detached because the passage is gone (right),
//! detached though the passage is still there (lost), or put on another
//! passage (wrong, never allowed).
//!
//! `cargo test --test anchors -- --nocapture` prints the figures;
//! `ANCHORS_DEBUG=1` also lists the notes detached though still there.

use crate::common::rng::Rng;
use chitalka::core::anchor::{Anchor, Found};
use chitalka::core::document::{Document, Pos};
use chitalka::core::{formats, library};
use std::fmt::Write as _;
use std::path::Path;

/// Tolstoy, «Война и мир», т. 1, ч. 2, гл. II: one paragraph a line, dialogue
/// and repeated phrases («полковой командир», «– закричал»).
const TOLSTOY: &str = include_str!("../fixtures/anchors/voyna-i-mir-t1-ch2-2.txt");
/// The introduction of the Russian Rust book: headings, a list, a quote, links.
const RUST_BOOK: &str = include_str!("../fixtures/anchors/rust-book-introduction.md");

/// A fixture: a file name (its extension picks the parser), the source, and
/// what separates its chunks (a chunk is a unit of source that may be
/// inserted or deleted whole: a line of the one-paragraph-a-line text, a
/// blank-line separated part of the Markdown).
struct Fixture {
    name: &'static str,
    src: &'static str,
    sep: &'static str,
}

const FIXTURES: [Fixture; 2] = [
    Fixture {
        name: "voyna-i-mir.txt",
        src: TOLSTOY,
        sep: "\n",
    },
    Fixture {
        name: "vvedenie.md",
        src: RUST_BOOK,
        sep: "\n\n",
    },
];

fn parse(name: &str, src: &str) -> Document {
    formats::parse(Path::new(name), src.as_bytes()).expect("parse")
}

fn block_texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

/// A note: a byte range of one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Note {
    block: usize,
    a: usize,
    b: usize,
}

/// Words of `text`: byte ranges of runs of letters and digits.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Sentences of `text`: byte ranges ending after `.`, `!`, `?` or `…` (and a
/// closing quote or bracket) that a space follows, without that space.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != ' ' || k == 0 {
            continue;
        }
        let mut j = k - 1;
        while j > 0 && matches!(chars[j].1, '»' | '"' | ')' | ']') {
            j -= 1;
        }
        if matches!(chars[j].1, '.' | '!' | '?' | '…') && i > start {
            out.push((start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Notes spread over the document: every second sentence whole, spans of
/// one to three words (the hard case), spans of four to ten words, and
/// single common words («и», «что», «не» ...) that appear many times.
fn make_notes(doc: &Document, seed: u64) -> Vec<Note> {
    let mut rng = Rng(seed);
    let mut notes = Vec::new();
    let mut k = 0;
    for (block, b) in doc.blocks.iter().enumerate() {
        for (a, e) in sentences(&b.text) {
            if words(&b.text[a..e]).len() >= 2 {
                if k % 2 == 0 {
                    notes.push(Note { block, a, b: e });
                }
                k += 1;
            }
        }
    }
    let worded: Vec<(usize, Vec<(usize, usize)>)> = doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (i, words(&b.text)))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (count, lo, hi) in [(150, 1, 3), (50, 4, 10)] {
        for _ in 0..count {
            let (block, ws) = &worded[rng.below(worded.len())];
            let n = lo + rng.below(hi - lo + 1);
            let first = rng.below(ws.len());
            let last = (first + n - 1).min(ws.len() - 1);
            notes.push(Note {
                block: *block,
                a: ws[first].0,
                b: ws[last].1,
            });
        }
    }
    let common = ["и", "что", "не", "он", "в", "с", "на", "как", "это", "Rust"];
    let mut occurrences = Vec::new();
    for (block, ws) in &worded {
        let text = &doc.blocks[*block].text;
        for &(a, b) in ws {
            if common.contains(&&text[a..b]) {
                occurrences.push(Note {
                    block: *block,
                    a,
                    b,
                });
            }
        }
    }
    for _ in 0..40 {
        notes.push(occurrences[rng.below(occurrences.len())]);
    }
    notes.sort();
    notes.dedup();
    notes
}

/// Where a note's passage really is in the edited document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// At this range (the quote itself, or the quote as edited).
    At(Note),
    /// Deleted: the only right answer is detached.
    Gone,
    /// Partly deleted, this part left: detached or placed on it are both right.
    Either(Note),
    /// At this byte range of the edited canonical text.
    Span(usize, usize),
}

impl Expect {
    fn then(self, map: &dyn Fn(Note) -> Expect) -> Expect {
        match self {
            Expect::At(n) => map(n),
            Expect::Gone | Expect::Span(..) => self,
            Expect::Either(n) => match map(n) {
                Expect::At(m) | Expect::Either(m) => Expect::Either(m),
                e => e,
            },
        }
    }
}

/// Block-level truth of an edit that inserted or deleted whole chunks at one
/// place: the blocks before and after that place are unchanged, in order.
fn block_shift(old: &Document, new: &Document) -> impl Fn(Note) -> Expect + use<> {
    let (o, n) = (block_texts(old), block_texts(new));
    let prefix = o.iter().zip(&n).take_while(|(x, y)| x == y).count();
    let max_suffix = o.len().min(n.len()) - prefix;
    let suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    // A pure insertion or a pure deletion: one side of the middle is empty.
    assert!(
        prefix + suffix == o.len() || prefix + suffix == n.len(),
        "not a single insertion or deletion of blocks"
    );
    let (old_len, new_len) = (o.len(), n.len());
    move |note: Note| {
        if note.block < prefix {
            Expect::At(note)
        } else if note.block >= old_len - suffix {
            Expect::At(Note {
                block: note.block + new_len - old_len,
                ..note
            })
        } else {
            Expect::Gone
        }
    }
}

/// Truth of an edit of white space only (line ends, line breaks, blank
/// lines): the letters and marks are the same, in the same order, so the
/// k-th of them in the old text is the k-th in the new.
fn same_letters(old: &Document, new: &Document) -> impl Fn(Note) -> Expect + use<> {
    let solid = |t: &str| -> Vec<(usize, char)> {
        t.char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .collect()
    };
    let (o, n) = (old.canonical_text(), new.canonical_text());
    let (os, ns) = (solid(&o), solid(&n));
    assert!(
        os.iter().map(|c| c.1).eq(ns.iter().map(|c| c.1)),
        "not a white-space edit"
    );
    let starts: Vec<usize> = os.iter().map(|c| c.0).collect();
    let offsets: Vec<(usize, usize)> = ns.iter().map(|&(i, c)| (i, i + c.len_utf8())).collect();
    let old = old.clone();
    move |note: Note| {
        let a = old.text_offset(Pos::new(note.block, note.a));
        let b = old.text_offset(Pos::new(note.block, note.b));
        // The first and last letters of the quote.
        let first = starts.partition_point(|&s| s < a);
        let last = starts.partition_point(|&s| s < b) - 1;
        Expect::Span(offsets[first].0, offsets[last].1)
    }
}

/// An edit inside one block: bytes `at..at + old_len` of block `block` became
/// `new_len` bytes.
#[derive(Debug, Clone, Copy)]
struct Change {
    block: usize,
    at: usize,
    old_len: usize,
    new_len: usize,
}

impl Change {
    /// Where a note is after the change, and whether its quote was touched.
    fn map(self, n: Note) -> Expect {
        let end = self.at + self.old_len;
        let moved = |k: usize| k + self.new_len - self.old_len;
        if n.block != self.block || n.b <= self.at {
            Expect::At(n)
        } else if n.a >= end {
            Expect::At(Note {
                a: moved(n.a),
                b: moved(n.b),
                ..n
            })
        } else if n.a >= self.at && n.b <= end {
            // The whole quote is in the replaced stretch.
            Expect::Gone
        } else if n.a <= self.at && n.b >= end {
            Expect::At(Note { b: moved(n.b), ..n })
        } else if n.a < self.at {
            Expect::Either(Note { b: self.at, ..n })
        } else {
            Expect::Either(Note {
                a: self.at,
                b: moved(n.b),
                ..n
            })
        }
    }

    fn touches(self, n: Note) -> bool {
        n.block == self.block && n.a < self.at + self.old_len.max(1) && n.b > self.at
    }
}

/// Replace bytes `at..at + len` of block `block` of `doc` (parsed from `src`)
/// by `with`, editing the source where that stretch's text appears exactly
/// once in both the source and the document. Checks the result parses to the
/// same blocks with just that change.
fn edit_in_block(
    fx: &Fixture,
    src: &str,
    doc: &Document,
    block: usize,
    (at, len): (usize, usize),
    with: &str,
    grow: usize,
) -> Option<(String, Document, Change)> {
    let text = &doc.blocks[block].text;
    // Widen the stretch to whole words (`grow` bytes each side at least) so it is unique.
    let ws = words(text);
    let a = ws
        .iter()
        .rev()
        .find(|w| w.0 + grow <= at)
        .map_or(0, |w| w.0)
        .min(at);
    let b = ws
        .iter()
        .find(|w| w.1 >= at + len + grow)
        .map_or(text.len(), |w| w.1)
        .max(at + len);
    let piece = &text[a..b];
    if src.matches(piece).count() != 1 || doc.canonical_text().matches(piece).count() != 1 {
        return None;
    }
    let s = src.find(piece)?;
    let edited_src = format!("{}{}{}", &src[..s + at - a], with, &src[s + at - a + len..]);
    let edited = parse(fx.name, &edited_src);
    let mut want: Vec<String> = block_texts(doc).iter().map(|t| t.to_string()).collect();
    want[block] = format!("{}{}{}", &text[..at], with, &text[at + len..]);
    if block_texts(&edited) != want {
        return None;
    }
    Some((
        edited_src,
        edited,
        Change {
            block,
            at,
            old_len: len,
            new_len: with.len(),
        },
    ))
}

/// A typo inside a word of at least five letters of the note: the letter
/// before the last two dropped. Returns the byte range of that letter.
fn typo_spot(doc: &Document, n: Note) -> Option<(usize, usize)> {
    let text = &doc.blocks[n.block].text;
    let ws: Vec<(usize, usize)> = words(&text[n.a..n.b])
        .into_iter()
        .filter(|&(a, b)| text[n.a + a..n.a + b].chars().count() >= 5)
        .collect();
    let &(wa, wb) = ws.get(ws.len() / 2)?;
    let word = &text[n.a + wa..n.a + wb];
    let (i, c) = word.char_indices().rev().nth(2)?;
    Some((n.a + wa + i, c.len_utf8()))
}

/// How one placement turned out.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    notes: usize,
    exact: usize,
    moved: usize,
    fuzzy: usize,
    /// Detached, and the passage is gone: right.
    gone: usize,
    /// Detached though the passage is still there.
    lost: usize,
    /// Detached, the passage still there but its quote edited and short (< 20 chars).
    lost_short_edited: usize,
    /// Put on another passage.
    wrong: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.notes += o.notes;
        self.exact += o.exact;
        self.moved += o.moved;
        self.fuzzy += o.fuzzy;
        self.gone += o.gone;
        self.lost += o.lost;
        self.lost_short_edited += o.lost_short_edited;
        self.wrong += o.wrong;
    }
}

/// Place every anchor in `edited` and judge it against `expect`. `edited_quote`
/// says whether the edit changed a note's own quote.
fn judge(
    anchors: &[Anchor],
    expect: &[Expect],
    edited_quote: &[bool],
    edited: &Document,
    what: &str,
    failures: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let text = edited.canonical_text();
    for ((anchor, &want), &touched) in anchors.iter().zip(expect).zip(edited_quote) {
        t.notes += 1;
        let placed = anchor.place(edited);
        let got = placed
            .range
            .map(|(a, b)| (edited.text_offset(a), edited.text_offset(b)));
        let range = |n: Note| {
            (
                edited.text_offset(Pos::new(n.block, n.a)),
                edited.text_offset(Pos::new(n.block, n.b)),
            )
        };
        let (want_range, either) = match want {
            Expect::At(n) => (Some(range(n)), false),
            Expect::Either(n) => (Some(range(n)), true),
            Expect::Span(a, b) => (Some((a, b)), false),
            Expect::Gone => (None, false),
        };
        match (got, want_range) {
            (None, None) => t.gone += 1,
            (None, Some(_)) if either => t.gone += 1,
            (None, Some((x, y))) => {
                t.lost += 1;
                if std::env::var_os("ANCHORS_DEBUG").is_some() {
                    println!(
                        "{what}: lost {:?} [{:?} | {:?}], is at {:?}",
                        anchor.quote,
                        anchor.prefix,
                        anchor.suffix,
                        &text[x..y]
                    );
                }
                if touched && anchor.quote.chars().count() < 20 {
                    t.lost_short_edited += 1;
                }
            }
            (Some((a, b)), want) => {
                let right = want.is_some_and(|(x, y)| {
                    let overlap = b.min(y).saturating_sub(a.max(x));
                    if either {
                        overlap > 0
                    } else {
                        overlap * 2 >= y - x && (b - a) <= 2 * (y - x) + 4
                    }
                });
                if right {
                    match placed.found {
                        Found::Exact => t.exact += 1,
                        Found::Moved => t.moved += 1,
                        Found::Fuzzy => t.fuzzy += 1,
                        Found::Detached => unreachable!("placed but detached"),
                    }
                } else {
                    t.wrong += 1;
                    let around = |x: usize, y: usize| {
                        let (p, q) = (text[..x].chars().rev().take(32).count(), 32);
                        let start = text[..x]
                            .char_indices()
                            .rev()
                            .nth(p.max(1) - 1)
                            .map_or(0, |c| c.0);
                        let end = text[y..]
                            .char_indices()
                            .nth(q)
                            .map_or(text.len(), |c| y + c.0);
                        format!("{:?}", &text[start..end])
                    };
                    failures.push(format!(
                        "{what}: {:?} [{:?} | {:?}] {:?} put on {}, should be {}",
                        anchor.quote,
                        anchor.prefix,
                        anchor.suffix,
                        placed.found,
                        around(a, b),
                        want.map_or("detached".to_string(), |(x, y)| around(x, y)),
                    ));
                }
            }
        }
    }
    t
}

/// Anchors for `notes` on `doc`.
fn anchors(doc: &Document, notes: &[Note]) -> Vec<Anchor> {
    notes
        .iter()
        .map(|n| Anchor::new(doc, Pos::new(n.block, n.a), Pos::new(n.block, n.b)))
        .collect()
}

/// Chunks of the source (see [`Fixture`]), indexes of those that hold text.
fn chunks(fx: &Fixture) -> (Vec<&'static str>, Vec<usize>) {
    let c: Vec<&str> = fx.src.split(fx.sep).collect();
    let full = (0..c.len()).filter(|&i| !c[i].trim().is_empty()).collect();
    (c, full)
}

/// New paragraphs made of sentences of the article itself, in another order,
/// so many quotes get a second copy elsewhere with other context.
fn inserted_chunks(doc: &Document, fx: &Fixture, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let all: Vec<&str> = doc
        .blocks
        .iter()
        .flat_map(|b| sentences(&b.text).into_iter().map(|(a, e)| &b.text[a..e]))
        .filter(|s| s.len() > 30 && !s.contains(['*', '[', '`', '#']))
        .collect();
    let mut out = Vec::new();
    for k in 0..3 {
        let mut p = format!("Вставленный абзац {k}:");
        for _ in 0..3 {
            p.push(' ');
            p.push_str(all[rng.below(all.len())]);
        }
        out.push(p);
    }
    if fx.sep == "\n\n" {
        out.push("- вставленный пункт списка и что-то ещё\n- и второй пункт, не о Rust".into());
        out.push("## Вставленный заголовок".into());
    } else {
        out.push("– Да, – сказал он. – И что же?".into());
    }
    out
}

fn join(chunks: &[&str], sep: &str) -> String {
    chunks.join(sep)
}

/// One edit kind's figures.
struct Row {
    fixture: &'static str,
    kind: &'static str,
    tally: Tally,
}

struct Run {
    rows: Vec<Row>,
    failures: Vec<String>,
}

impl Run {
    /// Judge every note (a row `kind`) and, in a row of their own (`part`),
    /// the notes `only` (those the edit touched).
    fn judge_with_part(
        &mut self,
        fixture: &'static str,
        (kind, part): (&'static str, &'static str),
        (an, expect, touched): (&[Anchor], &[Expect], &[bool]),
        edited: &Document,
        only: &[usize],
    ) {
        let t = judge(an, expect, touched, edited, kind, &mut self.failures);
        self.record(fixture, kind, t);
        let t = judge(
            &pick(an, only),
            &pick(expect, only),
            &pick(touched, only),
            edited,
            kind,
            &mut Vec::new(),
        );
        self.record(fixture, part, t);
    }

    fn record(&mut self, fixture: &'static str, kind: &'static str, t: Tally) {
        match self
            .rows
            .iter_mut()
            .find(|r| r.fixture == fixture && r.kind == kind)
        {
            Some(r) => r.tally.add(t),
            None => self.rows.push(Row {
                fixture,
                kind,
                tally: t,
            }),
        }
    }
}

/// Inserts, paragraph deletions: whole chunks at one place.
fn chunk_edits(fx: &'static Fixture, doc: &Document, notes: &[Note], run: &mut Run) {
    let an = anchors(doc, notes);
    let (ch, full) = chunks(fx);
    let untouched = vec![false; notes.len()];
    // (a) Paragraphs inserted after the first chunk (the title) and in the middle.
    let new = inserted_chunks(doc, fx, 7);
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    for (kind, at) in [
        ("insert at start", full[1]),
        ("insert in middle", full[full.len() / 3]),
        ("insert in middle", full[full.len() / 2]),
        ("insert in middle", full[full.len() * 3 / 4]),
    ] {
        let mut c = ch.clone();
        c.splice(at..at, new.iter().copied());
        let edited = parse(fx.name, &join(&c, fx.sep));
        let map = block_shift(doc, &edited);
        let expect: Vec<Expect> = notes.iter().map(|&n| map(n)).collect();
        let t = judge(&an, &expect, &untouched, &edited, kind, &mut run.failures);
        run.record(fx.name, kind, t);
    }
    // (c) A paragraph deleted: every twelfth chunk with text, one at a time.
    for &at in full.iter().skip(1).step_by(12) {
        let mut c = ch.clone();
        c.remove(at);
        let edited = parse(fx.name, &join(&c, fx.sep));
        if block_texts(&edited).len() == doc.blocks.len() {
            continue;
        }
        let map = block_shift(doc, &edited);
        let expect: Vec<Expect> = notes.iter().map(|&n| map(n)).collect();
        let only: Vec<usize> = (0..notes.len())
            .filter(|&i| expect[i] == Expect::Gone)
            .collect();
        run.judge_with_part(
            fx.name,
            ("paragraph deleted", "  (paragraph deleted: its notes)"),
            (&an, &expect, &untouched),
            &edited,
            &only,
        );
    }
}

fn pick<T: Clone>(v: &[T], idx: &[usize]) -> Vec<T> {
    idx.iter().map(|&i| v[i].clone()).collect()
}

/// Typos fixed and made inside quotes, sentences deleted, and an insert with
/// a typo fix: edits inside one block.
fn in_block_edits(fx: &'static Fixture, doc: &Document, notes: &[Note], run: &mut Run) {
    let an = anchors(doc, notes);
    let mut rng = Rng(11);
    let (mut fixed, mut made, mut combined) = (0, 0, 0);
    for _ in 0..400 {
        if fixed >= 8 && made >= 8 {
            break;
        }
        let target = notes[rng.below(notes.len())];
        let Some((at, len)) = typo_spot(doc, target) else {
            continue;
        };
        // (b) A typo made inside the quote.
        let Some((typo_src, typo_doc, change)) =
            edit_in_block(fx, fx.src, doc, target.block, (at, len), "", 8)
        else {
            continue;
        };
        if made < 8 {
            made += 1;
            let expect: Vec<Expect> = notes.iter().map(|&n| change.map(n)).collect();
            let touched: Vec<bool> = notes.iter().map(|&n| change.touches(n)).collect();
            let only: Vec<usize> = (0..notes.len()).filter(|&i| touched[i]).collect();
            run.judge_with_part(
                fx.name,
                ("typo made in quote", "  (typo made: notes hit)"),
                (&an, &expect, &touched),
                &typo_doc,
                &only,
            );
        }
        // (b) The reverse: notes made on the text with the typo, the typo fixed.
        if fixed < 8 {
            let typo_notes: Vec<Note> = notes
                .iter()
                .filter_map(|&n| match change.map(n) {
                    Expect::At(m) => Some(m),
                    _ => None,
                })
                .collect();
            let typo_an = anchors(&typo_doc, &typo_notes);
            let letter = &doc.blocks[target.block].text[at..at + len];
            let Some((fixed_src, fixed_doc, fix)) =
                edit_in_block(fx, &typo_src, &typo_doc, target.block, (at, 0), letter, 8)
            else {
                continue;
            };
            fixed += 1;
            let expect: Vec<Expect> = typo_notes.iter().map(|&n| fix.map(n)).collect();
            let touched: Vec<bool> = typo_notes.iter().map(|&n| fix.touches(n)).collect();
            let only: Vec<usize> = (0..typo_notes.len()).filter(|&i| touched[i]).collect();
            run.judge_with_part(
                fx.name,
                ("typo fixed in quote", "  (typo fixed: notes hit)"),
                (&typo_an, &expect, &touched),
                &fixed_doc,
                &only,
            );
            // (f) The typo fixed and paragraphs inserted before it.
            if combined < 4 {
                combined += 1;
                let (ch, _) = chunks(fx);
                let mut c: Vec<&str> = fixed_src.split(fx.sep).collect();
                assert_eq!(c.len(), ch.len());
                let new = inserted_chunks(doc, fx, 100 + combined);
                let pos = chunk_of_block(fx, &c, target.block).unwrap_or(1);
                c.splice(pos..pos, new.iter().map(String::as_str));
                let both = parse(fx.name, &join(&c, fx.sep));
                let shift = block_shift(&fixed_doc, &both);
                let expect: Vec<Expect> = typo_notes
                    .iter()
                    .map(|&n| fix.map(n).then(&shift))
                    .collect();
                let t = judge(
                    &typo_an,
                    &expect,
                    &touched,
                    &both,
                    "insert + typo fixed",
                    &mut run.failures,
                );
                run.record(fx.name, "insert + typo fixed", t);
            }
        }
    }
    assert!(
        made >= 6 && fixed >= 6,
        "too few typo edits: {made} {fixed}"
    );
    // (c) A sentence deleted (with the space after it).
    let mut deleted = 0;
    for (block, b) in doc.blocks.iter().enumerate().skip(1).step_by(5) {
        let ss = sentences(&b.text);
        if ss.len() < 2 {
            continue;
        }
        let (a, _) = ss[ss.len() / 2];
        let end = ss.get(ss.len() / 2 + 1).map_or(b.text.len(), |s| s.0);
        let Some((_, edited, change)) = edit_in_block(fx, fx.src, doc, block, (a, end - a), "", 0)
        else {
            continue;
        };
        deleted += 1;
        let expect: Vec<Expect> = notes.iter().map(|&n| change.map(n)).collect();
        let touched: Vec<bool> = notes.iter().map(|&n| change.touches(n)).collect();
        let only: Vec<usize> = (0..notes.len())
            .filter(|&i| expect[i] == Expect::Gone)
            .collect();
        run.judge_with_part(
            fx.name,
            ("sentence deleted", "  (sentence deleted: its notes)"),
            (&an, &expect, &touched),
            &edited,
            &only,
        );
    }
    assert!(deleted >= 3, "too few sentence deletions: {deleted}");
}

/// The chunk that holds the start of block `block`'s text, when it can be told.
fn chunk_of_block(fx: &Fixture, chunks: &[&str], block: usize) -> Option<usize> {
    let doc = parse(fx.name, &chunks.join(fx.sep));
    let text = &doc.blocks.get(block)?.text;
    let head: String = text.chars().take(24).collect();
    let found: Vec<usize> = (0..chunks.len())
        .filter(|&i| chunks[i].contains(head.as_str()))
        .collect();
    (found.len() == 1).then(|| found[0])
}

/// CRLF line ends, a re-wrap, and a rename: the text is the same.
fn same_text_edits(fx: &'static Fixture, doc: &Document, notes: &[Note], run: &mut Run) {
    let an = anchors(doc, notes);
    let same: Vec<Expect> = notes.iter().map(|&n| Expect::At(n)).collect();
    let untouched = vec![false; notes.len()];
    // (d) CRLF.
    let crlf = parse(fx.name, &fx.src.replace('\n', "\r\n"));
    assert!(
        block_texts(&crlf) == block_texts(doc),
        "CRLF changed the text"
    );
    let t = judge(&an, &same, &untouched, &crlf, "CRLF", &mut run.failures);
    run.record(fx.name, "CRLF line ends", t);
    // (e) Renamed: the id is the content's, so the marks are found by it.
    let dir = tempfile::tempdir().expect("tempdir");
    let ext = Path::new(fx.name)
        .extension()
        .and_then(|e| e.to_str())
        .expect("extension");
    let before = dir.path().join(format!("статья.{ext}"));
    std::fs::write(&before, fx.src).expect("write");
    let (id_before, doc_before) = library::load(&before).expect("load");
    let after = dir.path().join(format!("renamed-article.{ext}"));
    std::fs::rename(&before, &after).expect("rename");
    let (id_after, doc_after) = library::load(&after).expect("load");
    assert_eq!(id_before, id_after, "renaming changed the article id");
    assert!(doc_before.blocks == doc_after.blocks);
    let t = judge(
        &anchors(&doc_before, notes),
        &same,
        &untouched,
        &doc_after,
        "rename",
        &mut run.failures,
    );
    run.record(fx.name, "file renamed", t);
    // (e) Hard re-wrap of the plain text at two widths, paragraphs apart.
    if fx.sep == "\n" {
        for width in [72, 58] {
            // Each paragraph re-broken; verse, already line by line, kept and
            // indented as hard-wrapped texts set it.
            let wrapped = doc
                .blocks
                .iter()
                .map(|b| match b.text.contains('\n') {
                    true => format!("    {}", b.text.replace('\n', "\n    ")),
                    false => wrap(&b.text, width),
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            let w = parse(fx.name, &wrapped);
            let map = same_letters(doc, &w);
            let expect: Vec<Expect> = notes.iter().map(|&n| map(n)).collect();
            let t = judge(&an, &expect, &untouched, &w, "re-wrap", &mut run.failures);
            run.record(fx.name, "re-wrapped lines", t);
        }
    }
}

/// `line` broken into lines of at most `width` characters, at spaces.
fn wrap(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for w in line.split(' ') {
        let n = w.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push('\n');
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(w);
        len += n;
    }
    out
}

fn table(run: &Run) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| fixture | edit | notes | exact | moved | fuzzy | detached (gone) | detached (lost) | wrong |"
    );
    let _ = writeln!(s, "|---|---|--:|--:|--:|--:|--:|--:|--:|");
    for r in &run.rows {
        let t = r.tally;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.fixture, r.kind, t.notes, t.exact, t.moved, t.fuzzy, t.gone, t.lost, t.wrong
        );
    }
    s
}

#[test]
fn notes_survive_edits_of_the_article_and_never_land_on_a_wrong_passage() {
    let mut run = Run {
        rows: Vec::new(),
        failures: Vec::new(),
    };
    for fx in &FIXTURES {
        let doc = parse(fx.name, fx.src);
        let notes = make_notes(&doc, 0x5EED_0001);
        assert!(notes.len() > 150, "{}: {} notes", fx.name, notes.len());
        // On the article as it was, every note is where it was made.
        let an = anchors(&doc, notes.as_slice());
        for (a, n) in an.iter().zip(&notes) {
            assert_eq!(a.quote, doc.blocks[n.block].text[n.a..n.b]);
            assert_eq!(a.place(&doc).found, Found::Exact);
        }
        same_text_edits(fx, &doc, &notes, &mut run);
        chunk_edits(fx, &doc, &notes, &mut run);
        in_block_edits(fx, &doc, &notes, &mut run);
    }
    println!("\n{}", table(&run));
    assert!(
        run.failures.is_empty(),
        "{} wrong placements:\n{}",
        run.failures.len(),
        run.failures.join("\n")
    );
    for r in &run.rows {
        let t = r.tally;
        assert_eq!(t.wrong, 0);
        let kind = r.kind;
        if kind.starts_with("insert at")
            || kind.starts_with("insert in")
            || kind.starts_with("CRLF")
            || kind.starts_with("re-wrap")
            || kind.starts_with("file renamed")
        {
            assert_eq!(t.lost, 0, "{}: {kind}: notes lost", r.fixture);
        }
        if kind.starts_with("typo") || kind.starts_with("insert + typo") {
            // Only a short quote whose word was changed may be lost.
            assert_eq!(
                t.lost, t.lost_short_edited,
                "{}: {kind}: notes lost",
                r.fixture
            );
        }
        if kind.contains("deleted: its notes") {
            assert_eq!(
                t.gone, t.notes,
                "{}: {kind}: deleted passages placed",
                r.fixture
            );
        }
    }
}
