//! Parse and lay out War and Peace (5 MB, from ../shared/corpus when present,
//! else generated text of the same shape): the first screen, and a full
//! re-layout at a new width. Target: first screen under 50 ms.

use chitalka::core::formats::text;
use chitalka::core::layout::{Layout, LayoutOptions};
use chitalka::core::viewport::Viewport;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn war_and_peace() -> (String, Vec<u8>) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/txt/tolstoy_voyna_i_mir.txt");
    match std::fs::read(&path) {
        Ok(bytes) => ("war-and-peace".into(), bytes),
        Err(_) => {
            eprintln!("{} not found: using generated text", path.display());
            let line = "   Так говорила в июле 1805 года известная Анна Павловна Шерер,  фрейлина  и\n\
                        приближенная императрицы Марии  Феодоровны,  встречая  важного  и  чиновного\n";
            (
                "generated".into(),
                line.repeat(5_400_000 / line.len()).into_bytes(),
            )
        }
    }
}

fn benches(c: &mut Criterion) {
    let (name, bytes) = war_and_peace();
    let mut g = c.benchmark_group(name);
    g.sample_size(20);
    g.bench_function("parse", |b| b.iter(|| text::parse(black_box(&bytes))));
    g.bench_function("open-first-screen-80x24", |b| {
        b.iter(|| {
            let doc = text::parse(black_box(&bytes)).expect("utf-8");
            let mut v = Viewport::new(&doc, 76, 23);
            black_box(v.visible(&doc));
        })
    });
    let doc = text::parse(&bytes).expect("utf-8");
    g.bench_function("full-relayout-width-60", |b| {
        b.iter(|| black_box(Layout::new(&doc, 60).lines.len()))
    });
    let typeset = LayoutOptions {
        justify: true,
        hyphenate: true,
        paragraph_indent: 3,
        line_spacing: 1,
    };
    g.bench_function("full-relayout-width-60-justify-hyphenate", |b| {
        b.iter(|| black_box(Layout::with_options(&doc, 60, typeset).lines.len()))
    });
    g.bench_function("resize-first-screen-100x30", |b| {
        let mut v = Viewport::new(&doc, 76, 23);
        v.scroll(&doc, 20_000);
        let mut w = 96;
        b.iter(|| {
            w = if w == 96 { 95 } else { 96 };
            v.resize(&doc, w, 29);
            black_box(v.visible(&doc));
        })
    });
    g.finish();
    progress(&doc, c);
}

/// The status line's "how far" at every frame, in the middle of War and
/// Peace and of ten of it: the same time at both sizes (the offsets of the
/// blocks are made once), where walking the blocks each time grows with
/// the book.
fn progress(one: &chitalka::core::document::Document, c: &mut Criterion) {
    let mut ten = one.clone();
    for _ in 1..10 {
        ten.blocks.extend(one.blocks.iter().cloned());
    }
    let mut g = c.benchmark_group("progress-per-frame");
    for (name, doc) in [("x1", one), ("x10", &ten)] {
        let mut v = Viewport::new(doc, 96, 29);
        v.fill(doc, usize::MAX);
        let lines = v.line_numbers().map_or(0, |(_, n)| n);
        v.scroll(doc, (lines / 2) as isize);
        g.bench_function(format!("{name}-cached"), |b| {
            b.iter(|| black_box(v.progress(black_box(doc))))
        });
        let top = v.top_pos(doc);
        g.bench_function(format!("{name}-walking-the-blocks (before)"), |b| {
            b.iter(|| black_box(doc.text_offset(top) as f64 / doc.text_len() as f64))
        });
    }
    g.finish();
}

criterion_group!(layout, benches);
criterion_main!(layout);
