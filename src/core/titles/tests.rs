use super::*;
use crate::core::library::Article;

fn article(id: &str, rel: &str, title: &str) -> Article {
    Article {
        id: id.into(),
        path: PathBuf::from(rel),
        rel: rel.into(),
        title: title.into(),
        author: None,
        own: None,
        words: 1,
        bytes: 1,
        encoding: "UTF-8".into(),
        modified: None,
    }
}

fn set(t: &mut Titles, id: &str, rel: &str, title: Option<&str>, author: Option<&str>) {
    let change = Retitle {
        title: title.map(Into::into),
        author: author.map(Into::into),
        clear: false,
    };
    t.set(id, rel, &change).expect("saved");
}

#[test]
fn set_read_back_and_cleared() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut t = Titles::open(dir.path());
    assert!(t.problem().is_none() && t.articles.is_empty());
    set(
        &mut t,
        "aaa",
        "besy.txt",
        Some("Бесы"),
        Some("Ф. М. Достоевский"),
    );
    // A title is one line, without control characters.
    set(
        &mut t,
        "bbb",
        "x.txt",
        Some(" Две\nстроки \u{1b}[31m "),
        None,
    );
    assert_eq!(t.articles["bbb"].title.as_deref(), Some("Две строки [31m"));
    // Only the author changes: the title stays.
    set(&mut t, "aaa", "besy.txt", None, Some("Достоевский"));
    let again = Titles::open(dir.path());
    let got = again.find("aaa", "elsewhere.txt").expect("by id");
    assert_eq!(got.title.as_deref(), Some("Бесы"));
    assert_eq!(got.author.as_deref(), Some("Достоевский"));
    // An empty value goes back to the file's own; nothing left, no entry.
    set(&mut t, "aaa", "besy.txt", Some(""), None);
    assert_eq!(Titles::open(dir.path()).articles["aaa"].title, None);
    t.set(
        "aaa",
        "besy.txt",
        &Retitle {
            clear: true,
            ..Retitle::default()
        },
    )
    .expect("cleared");
    assert!(!Titles::open(dir.path()).articles.contains_key("aaa"));
}

#[test]
fn follows_a_move_by_id_and_an_edit_by_path() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut t = Titles::open(dir.path());
    set(&mut t, "old", "a.txt", Some("Моё название"), None);
    let mut lib = Library {
        articles: vec![
            article("new", "a.txt", "Файл"),
            article("other", "b.txt", "Б"),
        ],
        ..Library::default()
    };
    // Edited in place (a new id, the same path): found by its path.
    t.apply(&mut lib);
    assert_eq!(lib.articles[0].title, "Моё название");
    assert!(lib.articles[0].retitled() && !lib.articles[1].retitled());
    // Moved (the same id elsewhere): the new file at its old path does not take it.
    let mut lib = Library {
        articles: vec![
            article("x", "a.txt", "Другой"),
            article("old", "c/a.txt", "Файл"),
        ],
        ..Library::default()
    };
    t.apply(&mut lib);
    assert_eq!(lib.articles[0].title, "Другой");
    assert_eq!(lib.articles[1].title, "Моё название");
    // Cleared, and applied again: the file's own title is back.
    t.set(
        "old",
        "c/a.txt",
        &Retitle {
            clear: true,
            ..Retitle::default()
        },
    )
    .expect("cleared");
    t.apply(&mut lib);
    assert_eq!(lib.articles[1].title, "Файл");
    assert!(!lib.articles[1].retitled());
}

#[test]
fn a_damaged_file_is_reported_and_never_written_over() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join(TITLES_FILE);
    std::fs::write(&file, b"{\"schema\": 1, \"articles\": {\"aaa\": ").expect("write");
    let mut t = Titles::open(dir.path());
    assert!(matches!(t.problem(), Some(TitlesProblem::Damaged(p)) if *p == file));
    let err = t
        .set(
            "aaa",
            "a.txt",
            &Retitle {
                title: Some("Т".into()),
                ..Retitle::default()
            },
        )
        .expect_err("refused");
    assert!(matches!(err, TitlesProblem::Damaged(_)));
    assert_eq!(
        std::fs::read(&file).expect("still there"),
        b"{\"schema\": 1, \"articles\": {\"aaa\": "
    );
    // A newer chitalka's file is read, not written.
    std::fs::write(
        &file,
        r#"{"schema": 9, "articles": {"aaa": {"title": "Новое", "path": "a.txt", "set": 1}}}"#,
    )
    .expect("write");
    let mut t = Titles::open(dir.path());
    assert!(matches!(t.problem(), Some(TitlesProblem::Newer(9))));
    assert_eq!(
        t.find("aaa", "a.txt").and_then(|x| x.title.as_deref()),
        Some("Новое")
    );
    assert!(t.set("aaa", "a.txt", &Retitle::default()).is_err());
}

#[test]
fn two_writers_keep_each_others_titles() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut one = Titles::open(dir.path());
    let mut two = Titles::open(dir.path());
    set(&mut one, "aaa", "a.txt", Some("Первое"), None);
    set(&mut two, "bbb", "b.txt", Some("Второе"), None);
    let t = Titles::open(dir.path());
    assert_eq!(t.articles.len(), 2);
}

#[test]
fn an_edited_article_is_kept_under_its_new_id() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut t = Titles::open(dir.path());
    set(&mut t, "old", "a.txt", Some("Моё название"), Some("Анна"));
    // What the reader does on opening it: no change, a new key.
    t.set("new", "a.txt", &Retitle::default()).expect("saved");
    let again = Titles::open(dir.path());
    assert_eq!(again.articles.keys().collect::<Vec<_>>(), ["new"]);
    let got = again.find("new", "moved/a.txt").expect("by its new id");
    assert_eq!(
        (got.title.as_deref(), got.author.as_deref()),
        (Some("Моё название"), Some("Анна"))
    );
}
