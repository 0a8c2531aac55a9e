use super::*;

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
