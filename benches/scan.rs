//! The library scan at two sizes: a warm scan (the scan cache filled: what
//! `chitalka list` and `find` cost on a big library, a walk, a stat per
//! file and the cache read) and a cold one (every file read and summarized).
//!
//! The two libraries are `CHITALKA_BENCH_LIB_SMALL` and
//! `CHITALKA_BENCH_LIB_LARGE` when set, else `/tmp/lib-2000` and
//! `/tmp/lib-10000` when present (made by `scripts/make-library.py N DIR`),
//! else two generated ones of 200 and 1,000 files. The warm time should
//! grow no faster than the number of files: compare `warm/small` with
//! `warm/large` (slope = ln(t_large / t_small) / ln(n_large / n_small)).

use chitalka::core::library;
use chitalka::core::scan_cache::ScanCache;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// A library folder, and the temp dir it lives in when it was generated.
struct Lib {
    path: PathBuf,
    _made: Option<tempfile::TempDir>,
}

/// A generated library of `n` small texts in folders of 100.
fn generated(n: usize) -> Lib {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..n {
        let folder = dir.path().join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&folder).expect("folder");
        let mut text = format!("Статья номер {i}\n\n");
        for p in 0..60 {
            text.push_str(&format!(
                "Абзац {p} статьи {i}: текст, в котором есть слова и числа.\n\n"
            ));
        }
        std::fs::write(folder.join(format!("a{i:05}.txt")), text).expect("write");
    }
    Lib {
        path: dir.path().to_path_buf(),
        _made: Some(dir),
    }
}

fn library(var: &str, default: &str, n: usize) -> Lib {
    let given = std::env::var_os(var).map(PathBuf::from);
    match given.or_else(|| Some(PathBuf::from(default)).filter(|p| p.is_dir())) {
        Some(path) => Lib { path, _made: None },
        None => {
            eprintln!("{var} unset and {default} absent: a generated library of {n} files");
            generated(n)
        }
    }
}

fn benches(c: &mut Criterion) {
    let small = library("CHITALKA_BENCH_LIB_SMALL", "/tmp/lib-2000", 200);
    let large = library("CHITALKA_BENCH_LIB_LARGE", "/tmp/lib-10000", 1000);
    let mut g = c.benchmark_group("scan");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    let mut small_n = 0;
    for (name, lib) in [("small", &small), ("large", &large)] {
        let cache = tempfile::tempdir().expect("tempdir");
        let filled =
            library::scan_cached(&lib.path, Some(ScanCache::open(cache.path(), &lib.path)))
                .expect("fill");
        let n = filled.articles.len() + filled.unreadable.len();
        if name == "small" {
            small_n = n;
        }
        g.bench_function(BenchmarkId::new(format!("warm/{name}"), n), |b| {
            b.iter(|| {
                black_box(
                    library::scan_cached(&lib.path, Some(ScanCache::open(cache.path(), &lib.path)))
                        .expect("scan"),
                )
            })
        });
    }
    g.bench_function(BenchmarkId::new("cold/small", small_n), |b| {
        b.iter(|| black_box(library::scan(&small.path).expect("scan")))
    });
    g.finish();
}

criterion_group!(scan, benches);
criterion_main!(scan);
