//! In-article find on War and Peace (from ../shared/corpus; skipped with a
//! message when it is not there) and on ten copies of it: the time to the
//! first hit after a place in the middle (what the reader shows at the
//! first key), and the time to the complete count. "fold-whole-book" is
//! what find did before it went block by block (every block folded with
//! its map, then searched), for comparison in the same run.
//! Targets: the first hit within 50 ms (War and Peace) and 200 ms (×10).

use chitalka::core::document::{Document, Pos};
use chitalka::core::find::{Finder, find_all};
use chitalka::core::fold::Folded;
use chitalka::core::formats::text;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

const QUERY: &str = "андрей";

fn war_and_peace() -> Option<Document> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/txt/tolstoy_voyna_i_mir.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{} not found: find benchmarks skipped", path.display());
        return None;
    };
    text::parse(&bytes).ok()
}

/// The first hit after `from`, as the reader finds it at a key.
fn first_hit(doc: &Document, from: Pos) -> usize {
    let mut f = Finder::new(&[QUERY], from);
    loop {
        if let Some(i) = f.nearest(0, doc) {
            return i;
        }
        if f.step(doc, 64 * 1024) == 0 {
            return usize::MAX;
        }
    }
}

fn benches(c: &mut Criterion) {
    let Some(one) = war_and_peace() else {
        return;
    };
    let mut ten = one.clone();
    for _ in 1..10 {
        ten.blocks.extend(one.blocks.iter().cloned());
    }
    let mut g = c.benchmark_group("find");
    g.sample_size(10);
    for (name, doc) in [("war-and-peace", &one), ("war-and-peace-x10", &ten)] {
        let middle = Pos::new(doc.blocks.len() / 2, 0);
        g.bench_function(format!("{name}/first-hit-from-the-middle"), |b| {
            b.iter(|| black_box(first_hit(doc, black_box(middle))))
        });
        g.bench_function(format!("{name}/first-hit-from-the-top"), |b| {
            b.iter(|| black_box(first_hit(doc, black_box(Pos::default()))))
        });
        g.bench_function(format!("{name}/complete-count"), |b| {
            b.iter(|| {
                let mut f = Finder::new(&[black_box(QUERY)], middle);
                while f.step(doc, 64 * 1024) > 0 {}
                black_box(f.hits(0).len())
            })
        });
        g.bench_function(format!("{name}/fold-whole-book (before)"), |b| {
            b.iter(|| {
                let folded: Vec<Folded> = doc.blocks.iter().map(|b| Folded::new(&b.text)).collect();
                black_box(
                    folded
                        .iter()
                        .map(|f| f.text.matches(QUERY).count())
                        .sum::<usize>(),
                )
            })
        });
        eprintln!("{name}: {} hits of «{QUERY}»", find_all(doc, QUERY).len());
    }
    g.finish();
}

criterion_group!(find, benches);
criterion_main!(find);
