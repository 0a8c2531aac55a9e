use super::*;
use crate::core::library;

fn library(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let lib = library::scan(dir.path()).expect("scan");
    (dir, lib)
}

#[test]
fn word_forms_yo_stress_case_and_phrases() {
    let (_d, lib) = library(&[
        (
            "a.txt",
            "Статья\n\nУзбекско-японское сотрудничество развивается.\n\nЗелёный чай и кни\u{301}ги.\n",
        ),
        (
            "b.txt",
            "Заметки\n\nО сотрудничестве с Японией и о СОТРУДНИЧЕСТВА пользе.\n",
        ),
        (
            "c.txt",
            "English\n\nThe cooperation between countries is growing.\n",
        ),
    ]);
    let cache = tempfile::tempdir().expect("cache");
    let idx = LibraryIndex::open(cache.path()).expect("open");
    assert_eq!(idx.update(&lib, &mut |_, _| {}).expect("update"), Some(3));
    let paths = |q: &str| {
        let mut p: Vec<String> = idx
            .search(q, 10)
            .expect("search")
            .hits
            .into_iter()
            .map(|h| h.path)
            .collect();
        p.sort();
        p.dedup();
        p
    };
    assert_eq!(paths("сотрудничество"), vec!["a.txt", "b.txt"]);
    assert_eq!(paths("зеленый"), vec!["a.txt"]);
    assert_eq!(paths("КНИГИ"), vec!["a.txt"]);
    assert_eq!(paths("cooperate"), vec!["c.txt"]);
    assert_eq!(paths("\"японское сотрудничество\""), vec!["a.txt"]);
    assert!(paths("\"сотрудничество японское\"").is_empty());
    let r = idx.search("cjnhelybxtcndj", 10).expect("search");
    assert_eq!(r.switched.as_deref(), Some("сотрудничество"));
    let hit = &r.hits[0];
    assert!(!hit.highlights.is_empty());
    let marked = &hit.snippet[hit.highlights[0].clone()];
    assert!(
        marked.to_lowercase().starts_with("сотрудничеств"),
        "{marked}"
    );
}

#[test]
fn two_instances_at_once_never_corrupt_it() {
    let (d, lib) = library(&[
        ("a.txt", "Один\n\nпервый текст\n"),
        ("b.txt", "Два\n\nвторой текст\n"),
    ]);
    let cache = tempfile::tempdir().expect("cache");
    let dir = cache.path().to_path_buf();
    // Two "chitalkas" open and update the same index at the same moment.
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let (dir, lib) = (dir.clone(), lib.clone());
            std::thread::spawn(move || {
                let idx = LibraryIndex::open(&dir).expect("open");
                idx.update(&lib, &mut |_, _| {}).expect("update")
            })
        })
        .collect();
    let outcomes: Vec<Option<usize>> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert!(outcomes.iter().any(Option::is_some), "{outcomes:?}");
    // Whatever happened, the index opens, searches, and catches up with a change.
    std::fs::write(d.path().join("b.txt"), "Два\n\nдругой текст\n").expect("write");
    let lib = library::scan(d.path()).expect("scan");
    let idx = LibraryIndex::open(&dir).expect("reopen");
    idx.update(&lib, &mut |_, _| {}).expect("update");
    assert_eq!(idx.search("первый", 10).expect("search").hits.len(), 1);
    assert_eq!(idx.search("другой", 10).expect("search").hits.len(), 1);
    assert_eq!(idx.search("второй", 10).expect("search").hits.len(), 0);
}

#[test]
fn snippets_cut_at_any_white_space_without_panicking() {
    let stems = query_stems("лафонтена");
    let text = format!(
        "{}— Вы,\u{A0}Ваше Величество, слишком милостивы.\u{A0}Сюда нужно Лафонтена!\u{A0}— отвечал он.",
        "слово\u{A0}".repeat(40)
    );
    let (snip, marks, first) = snippet(&text, &stems);
    assert!(text[first..].starts_with("Лафонтена"));
    assert_eq!(&snip[marks[0].clone()], "Лафонтена");
    for t in [
        "\u{A0}\u{A0}\u{A0}Лафонтена",
        "Лафонтена",
        "",
        "\u{2003}x\u{2003}Лафонтена\u{2003}",
    ] {
        let _ = snippet(t, &stems);
    }
}

proptest::proptest! {
    #[test]
    fn snippets_of_any_text(a in "\\PC{0,200}", q in "[а-яё]{2,8}", b in "\\PC{0,200}", ws in "[ \u{A0}\u{2003}\n]{1,3}") {
        let text = format!("{a}{ws}{q}{ws}{b}");
        let stems = query_stems(&fold_query(&q));
        let (snip, marks, first) = snippet(&text, &stems);
        proptest::prop_assert!(text.is_char_boundary(first));
        for m in marks {
            proptest::prop_assert!(m.start <= m.end && m.end <= snip.len());
            proptest::prop_assert!(snip.is_char_boundary(m.start) && snip.is_char_boundary(m.end));
        }
    }
}

#[test]
fn in_article_queries() {
    assert_eq!(in_article_query("СОТРУДНИЧЕСТВАМИ"), "сотрудничеств");
    assert_eq!(
        in_article_query("\"Японское сотрудничество\" и"),
        "японское сотрудничество"
    );
    assert_eq!(in_article_query("ё"), "е");
}

#[test]
fn updates_follow_the_files() {
    let (d, lib) = library(&[
        ("a.txt", "Один\n\nпервый текст\n"),
        ("b.txt", "Два\n\nвторой текст\n"),
    ]);
    let cache = tempfile::tempdir().expect("cache");
    let idx = LibraryIndex::open(cache.path()).expect("open");
    idx.update(&lib, &mut |_, _| {}).expect("update");
    assert_eq!(
        idx.update(&lib, &mut |_, _| {}).expect("again"),
        Some(0),
        "nothing changed"
    );
    std::fs::write(d.path().join("a.txt"), "Один\n\nизменённый текст\n").expect("write");
    std::fs::remove_file(d.path().join("b.txt")).expect("rm");
    std::fs::write(d.path().join("c.txt"), "Три\n\nновый текст\n").expect("write");
    let lib = library::scan(d.path()).expect("scan");
    assert_eq!(idx.update(&lib, &mut |_, _| {}).expect("update"), Some(2));
    let count = |q: &str| idx.search(q, 10).expect("search").hits.len();
    assert_eq!(count("первый"), 0);
    assert_eq!(count("измененный"), 1);
    assert_eq!(count("второй"), 0);
    assert_eq!(count("новый"), 1);
    // Reopened, and damaged: rebuilt from nothing.
    drop(idx);
    std::fs::write(cache.path().join(MANIFEST), "{ broken").expect("write");
    let idx = LibraryIndex::open(cache.path()).expect("reopen");
    assert_eq!(idx.update(&lib, &mut |_, _| {}).expect("rebuild"), Some(2));
    assert_eq!(idx.search("новый", 10).expect("search").hits.len(), 1);
}

/// A library of `n` files of a few paragraphs each, made of `seed`'s words.
fn generated(n: usize, seed: u64) -> (tempfile::TempDir, Library) {
    let words = [
        "сотрудничество",
        "японский",
        "зелёный",
        "книга",
        "river",
        "cooperation",
        "дорога",
        "море",
        "читатель",
        "ветер",
        "город",
        "library",
    ];
    let mut x = seed;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    let files: Vec<(String, String)> = (0..n)
        .map(|f| {
            let mut text = format!("Статья {f}\n\n");
            for _ in 0..(5 + next() % 20) {
                for _ in 0..(10 + next() % 40) {
                    text.push_str(words[next() % words.len()]);
                    text.push(' ');
                }
                text.push_str(&format!("{}\n\n", next()));
            }
            (format!("f{f:04}.txt"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    library(&refs)
}

/// Bytes in the files of an index folder.
fn index_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("index dir")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// The entries of each segment, sorted.
fn segment_sizes(dir: &Path) -> Vec<u32> {
    let index = Index::open_in_dir(dir).expect("open");
    let mut v: Vec<u32> = index
        .searchable_segment_metas()
        .expect("metas")
        .iter()
        .map(|m| m.max_doc())
        .collect();
    v.sort();
    v
}

#[test]
fn two_builds_of_the_same_library_are_the_same() {
    let (_d, lib) = generated(300, 7);
    let build = || {
        let cache = tempfile::tempdir().expect("cache");
        let idx = LibraryIndex::open(cache.path()).expect("open");
        assert_eq!(idx.update(&lib, &mut |_, _| {}).expect("update"), Some(300));
        drop(idx);
        assert_eq!(tidy::orphans(cache.path()), Vec::<String>::new());
        (
            index_bytes(cache.path()),
            segment_sizes(cache.path()),
            cache,
        )
    };
    let (a, segments_a, _ka) = build();
    let (b, segments_b, _kb) = build();
    // The same entries in the same segments: one indexing thread, the
    // same commits, no merge left to chance.
    assert_eq!(segments_a, segments_b);
    let (lo, hi) = (a.min(b) as f64, a.max(b) as f64);
    assert!(hi / lo < 1.02, "{a} and {b} bytes");
}

#[test]
fn every_file_is_listed_after_updates_and_merges() {
    let (d, lib) = generated(40, 3);
    let cache = tempfile::tempdir().expect("cache");
    let idx = LibraryIndex::open(cache.path()).expect("open");
    idx.update(&lib, &mut |_, _| {}).expect("update");
    // Twenty one-file updates: a segment each, merged as they pile up.
    for n in 0..20 {
        let name = format!("f{:04}.txt", n % 40);
        std::fs::write(
            d.path().join(&name),
            format!("Заново {n}\n\nновое слово{n}\n"),
        )
        .expect("write");
        let lib = library::scan(d.path()).expect("scan");
        assert_eq!(idx.update(&lib, &mut |_, _| {}).expect("update"), Some(1));
        assert_eq!(
            tidy::orphans(cache.path()),
            Vec::<String>::new(),
            "update {n}"
        );
        assert_eq!(
            idx.search(&format!("слово{n}"), 10)
                .expect("search")
                .hits
                .len(),
            1
        );
    }
    let segments = segment_sizes(cache.path());
    assert!(segments.len() < 12, "{segments:?}");
}

#[test]
fn what_a_killed_writer_left_is_removed_at_the_next_open() {
    let (_d, lib) = generated(30, 5);
    let cache = tempfile::tempdir().expect("cache");
    let idx = LibraryIndex::open(cache.path()).expect("open");
    idx.update(&lib, &mut |_, _| {}).expect("update");
    drop(idx);
    // What a writer killed in a merge leaves: the files of a segment that
    // meta.json never listed, deletes of an old commit, an unfinished list
    // of files.
    let dir = cache.path();
    let a_segment = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".idx"))
        .expect("a segment");
    std::fs::copy(
        dir.join(&a_segment),
        dir.join("0123456789abcdef0123456789abcdef.idx"),
    )
    .expect("copy");
    std::fs::write(dir.join("0123456789abcdef0123456789abcdef.store"), "x").expect("write");
    std::fs::write(dir.join(a_segment.replace(".idx", ".7.del")), "x").expect("write");
    std::fs::write(dir.join(".chitalka-index.json.tmp-abcdef"), "{").expect("write");
    assert_eq!(tidy::orphans(dir).len(), 4);
    // Nothing changed in the library: opened, the leftovers still go.
    let idx = LibraryIndex::open(dir).expect("open");
    assert_eq!(idx.update(&lib, &mut |_, _| {}).expect("update"), Some(0));
    assert_eq!(tidy::orphans(dir), Vec::<String>::new());
    assert_eq!(
        idx.search("сотрудничество", 5).expect("search").hits.len(),
        5
    );
}

#[test]
fn a_search_during_a_build_finds_what_is_committed_so_far() {
    let (_d, lib) = generated(60, 11);
    let cache = tempfile::tempdir().expect("cache");
    let mut idx = LibraryIndex::open(cache.path()).expect("open");
    idx.batch_bytes = 8 * 1024;
    let meanwhile = idx.clone();
    let files = |i: &LibraryIndex| {
        let mut p: Vec<String> = i
            .search("статья", 1000)
            .expect("search")
            .hits
            .into_iter()
            .map(|h| h.path)
            .collect();
        p.sort();
        p.dedup();
        p.len()
    };
    let mut seen = Vec::new();
    idx.update(&lib, &mut |done, _| {
        if done % 10 == 0 {
            seen.push((done, meanwhile.commits(), files(&meanwhile)));
        }
    })
    .expect("update");
    // Found as the batches are committed: some before the end, never more
    // than were read.
    assert!(seen.iter().any(|&(_, _, n)| n > 0 && n < 60), "{seen:?}");
    assert!(seen.iter().all(|&(done, _, n)| n <= done), "{seen:?}");
    assert!(idx.commits() > 2, "{}", idx.commits());
    assert_eq!(files(&meanwhile), 60);
}

#[test]
fn tidying_never_removes_what_is_not_the_index() {
    let dir = tempfile::tempdir().expect("dir");
    let idx = dir.path().join("idx");
    std::fs::create_dir(&idx).expect("mkdir");
    std::fs::write(idx.join("meta.json"), r#"{"segments": []}"#).expect("write");
    std::fs::write(idx.join("precious.txt"), "mine").expect("write");
    std::fs::write(idx.join("0123456789abcdef0123456789abcdef.store"), "x").expect("write");
    super::tidy::remove_orphans(&idx);
    assert!(
        idx.join("precious.txt").exists(),
        "a file not tantivy's went"
    );
    assert!(!idx.join("0123456789abcdef0123456789abcdef.store").exists());
    // A folder that is a link elsewhere is not cleaned at all.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&idx, &link).expect("symlink");
    std::fs::write(idx.join("fedcba9876543210fedcba9876543210.idx"), "x").expect("write");
    super::tidy::remove_orphans(&link);
    assert!(idx.join("fedcba9876543210fedcba9876543210.idx").exists());
}
