//! The library index on ../shared/corpus (25 MB; skipped when absent): build
//! speed (target ≥ 10 MB/s), a warm query (target < 10 ms), and `rg -i` over
//! the same files for the same word, measured in the same run.

use chitalka::core::index::LibraryIndex;
use chitalka::core::library;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn benches(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!(
            "{} not found: skipping the index benchmarks",
            corpus.display()
        );
        return;
    }
    let lib = library::scan(&corpus).expect("scan the corpus");
    let bytes: u64 = lib.articles.iter().map(|a| a.bytes).sum();
    let mut g = c.benchmark_group("index");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.throughput(criterion::Throughput::Bytes(bytes));
    g.bench_function("build-whole-corpus", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().expect("tempdir");
                let start = Instant::now();
                let idx = LibraryIndex::open(dir.path()).expect("open");
                idx.update(&lib, &mut |_, _| {}).expect("update");
                total += start.elapsed();
            }
            total
        })
    });
    g.finish();

    let dir = tempfile::tempdir().expect("tempdir");
    let idx = LibraryIndex::open(dir.path()).expect("open");
    idx.update(&lib, &mut |_, _| {}).expect("update");
    let mut g = c.benchmark_group("query");
    g.bench_function("chitalka-find-сотрудничество-warm", |b| {
        b.iter(|| {
            black_box(
                idx.search(black_box("сотрудничество"), 20)
                    .expect("search")
                    .hits
                    .len(),
            )
        })
    });
    if std::process::Command::new("rg")
        .arg("--version")
        .output()
        .is_ok()
    {
        g.sample_size(20);
        g.bench_function("rg-i-сотрудничество", |b| {
            b.iter(|| {
                let out = std::process::Command::new("rg")
                    .args(["-i", "-c", "сотрудничество"])
                    .arg(&corpus)
                    .output()
                    .expect("rg");
                black_box(out.stdout.len())
            })
        });
    }
    g.finish();
}

criterion_group!(index, benches);
criterion_main!(index);
