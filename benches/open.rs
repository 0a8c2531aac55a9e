//! Opening a long article (issue 13), at two sizes: War and Peace (5 MB,
//! from ../shared/corpus when present, else generated text of its shape)
//! and ten of it (55 MB), written to a temp dir.
//!
//! - `first-screen-head` and `first-screen-resume-90%`: what the reader
//!   does before its first screen (a part of the file parsed, its screen
//!   laid out): the same time at both sizes.
//! - `whole-load`: the whole read and parsed (in the background): grows
//!   with the text, no faster.
//! - `fill-whole-layout`: every block laid out (line counts kept): linear.
//! - `line-numbers-per-frame`: the status line's "line n/N": the same at
//!   both sizes.

use chitalka::core::document::Pos;
use chitalka::core::layout::LayoutOptions;
use chitalka::core::viewport::Viewport;
use chitalka::core::{library, locate, preview};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn war_and_peace() -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/txt/tolstoy_voyna_i_mir.txt");
    std::fs::read(&path).unwrap_or_else(|_| {
        eprintln!("{} not found: using generated text", path.display());
        (0..40_000)
            .map(|i| {
                format!(
                    "     Так говорила в июле 1805 года известная Анна Павловна Шерер, фрейлина и\n\
                     приближенная императрицы Марии Феодоровны, встречая важного {i}.\n"
                )
            })
            .collect::<String>()
            .into_bytes()
    })
}

fn benches(c: &mut Criterion) {
    let one = war_and_peace();
    let dir = tempfile::tempdir().expect("temp dir");
    chitalka::core::article_file::set_max_file_bytes(1 << 30);
    let mut g = c.benchmark_group("open");
    g.sample_size(10);
    for (name, copies) in [("x1", 1), ("x10", 10)] {
        let path = dir.path().join(format!("{name}.txt"));
        std::fs::write(&path, one.repeat(copies)).expect("write");
        let (_, whole) = library::load(&path).expect("load");
        let deep = Pos::new(whole.blocks.len() * 9 / 10, 0);
        let quote = locate::quote_at(&whole, deep);
        g.bench_function(format!("{name}-first-screen-head"), |b| {
            b.iter(|| {
                let p = preview::head(black_box(&path)).expect("preview");
                let mut v = Viewport::with_options(&p.doc, 96, 29, LayoutOptions::default());
                black_box(v.visible(&p.doc));
            })
        });
        g.bench_function(format!("{name}-first-screen-resume-90%"), |b| {
            b.iter(|| {
                let p = preview::resume(black_box(&path), 0.9, &quote).expect("found");
                let mut v = Viewport::with_options(&p.doc, 96, 29, LayoutOptions::default());
                v.go_to(&p.doc, p.top);
                black_box(v.visible(&p.doc));
            })
        });
        g.bench_function(format!("{name}-whole-load"), |b| {
            b.iter(|| black_box(library::load(black_box(&path)).map(|(_, d)| d.blocks.len())))
        });
        g.bench_function(format!("{name}-fill-whole-layout"), |b| {
            b.iter(|| {
                let mut v = Viewport::new(&whole, 96, 29);
                black_box(v.fill(&whole, usize::MAX));
            })
        });
        let mut v = Viewport::new(&whole, 96, 29);
        v.fill(&whole, usize::MAX);
        v.go_to(&whole, deep);
        g.bench_function(format!("{name}-line-numbers-per-frame"), |b| {
            b.iter(|| black_box(v.line_numbers()))
        });
    }
    g.finish();
}

criterion_group!(open, benches);
criterion_main!(open);
