//! Scanning the library on ../shared/corpus (skipped when absent): a cold
//! scan parses every file; a warm one, with the scan cache filled, only
//! looks at sizes and times (what starting chitalka costs on a big library).

use chitalka::core::library;
use chitalka::core::scan_cache::ScanCache;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn benches(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!(
            "{} not found: skipping the scan benchmarks",
            corpus.display()
        );
        return;
    }
    let cache = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("scan");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("cold", |b| {
        b.iter(|| black_box(library::scan(&corpus).expect("scan")))
    });
    library::scan_cached(&corpus, Some(ScanCache::open(cache.path(), &corpus))).expect("fill");
    g.bench_function("warm-cache", |b| {
        b.iter(|| {
            black_box(
                library::scan_cached(&corpus, Some(ScanCache::open(cache.path(), &corpus)))
                    .expect("scan"),
            )
        })
    });
    g.finish();
}

criterion_group!(scan, benches);
criterion_main!(scan);
