//! The library index at two sizes: ../shared/corpus (25 MB), and a larger
//! library when `CHITALKA_BENCH_LIBRARY` names one or `/tmp/lib-2000`
//! exists (`scripts/make-library.py 2000 /tmp/lib-2000`); each is skipped
//! with a message when absent. For each: the first build (target ≥ 20 MB/s),
//! the update after one file changed (target < 100 ms), a warm query, and
//! `rg -i -c` over the same files for the same word in the same run (target:
//! a whole `chitalka find` ≤ 0.25× rg).

use chitalka::core::index::LibraryIndex;
use chitalka::core::library::{self, Library};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The libraries to measure: (name, folder).
fn libraries() -> Vec<(&'static str, PathBuf)> {
    let mut out = Vec::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if corpus.is_dir() {
        out.push(("corpus", corpus));
    } else {
        eprintln!("{} not found: skipping it", corpus.display());
    }
    let large = std::env::var_os("CHITALKA_BENCH_LIBRARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/lib-2000"));
    if large.is_dir() {
        out.push(("library", large));
    } else {
        eprintln!(
            "{} not found (CHITALKA_BENCH_LIBRARY, or scripts/make-library.py 2000 /tmp/lib-2000): skipping it",
            large.display()
        );
    }
    out
}

/// A copy of `lib`'s smallest article elsewhere, so that it can be changed.
fn with_a_changeable_file(lib: &Library) -> (tempfile::TempDir, Library, usize) {
    let copy = tempfile::tempdir().expect("tempdir");
    let mut lib = lib.clone();
    let (n, _) = lib
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.rel.ends_with(".txt"))
        .min_by_key(|(_, a)| a.bytes)
        .expect("a text file");
    let path = copy.path().join("changed.txt");
    std::fs::copy(&lib.articles[n].path, &path).expect("copy");
    lib.articles[n].path = path;
    (copy, lib, n)
}

fn bench_library(c: &mut Criterion, name: &str, root: &Path) {
    let lib = library::scan(root).expect("scan the library");
    let bytes: u64 = lib.articles.iter().map(|a| a.bytes).sum();
    let mut g = c.benchmark_group(format!("index-{name}"));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.throughput(criterion::Throughput::Bytes(bytes));
    g.bench_function("first-build", |b| {
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

    let (_copy, mut lib, n) = with_a_changeable_file(&lib);
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = LibraryIndex::open(dir.path()).expect("open");
    idx.update(&lib, &mut |_, _| {}).expect("update");
    let mut g = c.benchmark_group(format!("update-{name}"));
    g.sample_size(20);
    let mut round = 0u64;
    g.bench_function("one-file-changed", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                round += 1;
                let path = lib.articles[n].path.clone();
                let mut text = std::fs::read(&path).expect("read");
                text.extend_from_slice(format!("\nНовое слово{round}\n").as_bytes());
                std::fs::write(&path, &text).expect("write");
                lib.articles[n].id = library::article_id(&text);
                let start = Instant::now();
                let done = idx.update(&lib, &mut |_, _| {}).expect("update");
                total += start.elapsed();
                assert_eq!(done, Some(1));
            }
            total
        })
    });
    g.finish();

    let mut g = c.benchmark_group(format!("query-{name}"));
    g.bench_function("warm-сотрудничество", |b| {
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
        g.sample_size(10);
        g.bench_function("rg-i-c-сотрудничество", |b| {
            b.iter(|| {
                let out = std::process::Command::new("rg")
                    .args(["-i", "-c", "сотрудничество"])
                    .arg(root)
                    .output()
                    .expect("rg");
                black_box(out.stdout.len())
            })
        });
    } else {
        eprintln!("rg not found: no rg figures");
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    for (name, root) in libraries() {
        bench_library(c, name, &root);
    }
}

criterion_group!(index, benches);
criterion_main!(index);
