//! The command line: `list`, `render`, first run, bad input, exit codes.

use crate::common::{FIXTURE_LIBRARY, Home, SEED, stderr, stdout};

/// `chitalka --library <fixtures> render FILE --width W --height H`.
fn render(home: &Home, file: &str, width: u16, height: u16) -> std::process::Output {
    let (w, h) = (width.to_string(), height.to_string());
    home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "render",
        file,
        "--width",
        &w,
        "--height",
        &h,
    ])
}

#[test]
fn list_json_has_paths_titles_words() {
    let home = Home::new();
    let out = home.run(&["--library", FIXTURE_LIBRARY, "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let arr = v.as_array().expect("array");
    let seed = arr.iter().find(|a| a["path"] == SEED).expect("seed listed");
    assert_eq!(
        seed["title"],
        "Узбекско-японское сотрудничество в современных условиях: достижения и перспективы"
    );
    let words = seed["words"].as_u64().expect("words");
    assert!((450..560).contains(&words), "{words}");
    let gogol = arr
        .iter()
        .find(|a| a["path"] == "gogol-excerpt-crlf.txt")
        .expect("gogol");
    assert_eq!(gogol["title"], "НОЧЬ ПЕРЕД РОЖДЕСТВОМ");
    assert_eq!(gogol["author"], "Николай Васильевич Гоголь");
    // Unreadable files are reported on stderr, not listed, and do not fail the command.
    assert!(!arr.iter().any(|a| a["path"] == "broken.txt"));
    let err = stderr(&out);
    assert!(
        err.contains("skipped broken.txt: a PNG image is not supported"),
        "{err}"
    );
    // A Windows-1251 file is read, and says so.
    let old = arr
        .iter()
        .find(|a| a["path"] == "cp1251-old.txt")
        .expect("cp1251 listed");
    assert_eq!(old["title"], "ЗАГОЛОВОК");
    assert_eq!(old["encoding"], "windows-1251");
    assert!(!err.contains("cp1251"), "{err}");
}

#[test]
fn list_plain_is_tab_separated() {
    let home = Home::new();
    let out = home.run(&["--library", FIXTURE_LIBRARY, "list"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with(SEED))
        .expect("seed line");
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols.len(), 4);
    assert!(cols[1].starts_with("Узбекско-японское"));
}

#[test]
fn render_shows_the_article_without_page_chrome() {
    let home = Home::new();
    let out = render(&home, SEED, 60, 400);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("Вы сейчас просматриваете"));
    assert!(!text.contains("Добавить комментарий"));
    let first = text.lines().next().expect("a row");
    assert!(
        first
            .trim_start()
            .starts_with("Узбекско-японское сотрудничество"),
        "{first}"
    );
    assert!(text.trim_end().ends_with("политической сферах."), "{text}");
    for row in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(row) <= 58, "{row}");
    }
}

#[test]
fn render_prints_exactly_height_rows_at_the_width() {
    let home = Home::new();
    let out = render(&home, "voyna-i-mir-excerpt.txt", 40, 12);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 12);
    assert!(
        text.lines()
            .all(|r| unicode_width::UnicodeWidthStr::width(r) <= 38)
    );
    // The hard-wrapped source is re-flowed: no justification padding survives.
    let out = render(&home, "voyna-i-mir-excerpt.txt", 120, 60);
    let text = stdout(&out);
    assert!(
        text.contains("Так говорила в июле 1805 года известная Анна Павловна Шерер, фрейлина и"),
        "{text}"
    );
    // The text column is capped at 80 columns and centred in the 120-column window.
    assert!(
        text.lines()
            .all(|r| r.is_empty() || r.starts_with(&" ".repeat(20)))
    );
    assert!(text.lines().all(|r| !r.trim().contains("  ")), "{text}");
}

#[test]
fn render_accepts_a_plain_path_and_reports_missing_ones() {
    let home = Home::new();
    let path = format!("{FIXTURE_LIBRARY}/udareniya.txt");
    let out = home.run(&["render", &path, "--width", "40", "--height", "5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Ударе́ния и ширина́"));
    let out = home.run(&["--library", FIXTURE_LIBRARY, "render", "nope.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.txt: no such file or folder"));
    let out = home.run(&["--library", FIXTURE_LIBRARY, "render", "broken.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.txt: a PNG image is not supported"));
}

#[test]
fn first_run_creates_the_library_with_samples() {
    let home = Home::new();
    let out = home.run(&[
        "--data-dir",
        home.data().to_str().expect("utf-8 path"),
        "list",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let titles: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.contains(
        &"Узбекско-японское сотрудничество в современных условиях: достижения и перспективы"
    ));
    assert!(titles.contains(&"НОЧЬ ПЕРЕД РОЖДЕСТВОМ"));
    assert!(titles.contains(&"ВОЙНА И МИР"));
    assert!(home.data().join("library").is_dir());
    // The env var works as the flag does, and nothing is written outside the temp home.
    let out = home
        .command()
        .env("CHITALKA_DATA_DIR", home.path().join("other"))
        .args(["list"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(home.path().join("other/library").is_dir());
}

#[test]
fn library_env_and_config_are_honoured() {
    let home = Home::new();
    let out = home
        .command()
        .env("CHITALKA_LIBRARY", FIXTURE_LIBRARY)
        .args(["list"])
        .output()
        .expect("run");
    assert!(stdout(&out).contains(SEED));
    let cfg = home.path().join("config");
    std::fs::create_dir_all(&cfg).expect("mkdir");
    let lib = std::fs::canonicalize(FIXTURE_LIBRARY).expect("path");
    std::fs::write(
        cfg.join("config.toml"),
        format!("library = {:?}\n", lib.to_str().expect("utf-8")),
    )
    .expect("write");
    let out = home.run(&["list"]);
    assert!(stdout(&out).contains(SEED), "{}", stderr(&out));
}

#[test]
fn bad_arguments_exit_with_usage_error() {
    let home = Home::new();
    let out = home.run(&["list", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let out = home.run(&["/definitely/not/here"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such file or folder"));
}

#[test]
fn control_characters_in_names_never_reach_the_terminal() {
    let home = Home::new();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::write(
        lib.join("bad\u{1b}[2Jname.txt"),
        "Заголовок\u{1b}]0;PWN\u{7}\n\nТекст.",
    )
    .expect("write");
    std::fs::write(lib.join("x\u{1b}]0;PWN\u{7}.txt"), b"\x00binary").expect("write");
    let lib_arg = lib.to_str().expect("utf-8");
    let out = home.run(&["--library", lib_arg, "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (o, e) = (stdout(&out), stderr(&out));
    assert!(
        !o.contains('\u{1b}') && !e.contains('\u{1b}') && !e.contains('\u{7}'),
        "{o:?} {e:?}"
    );
    assert!(o.contains("bad\\u{1b}[2Jname.txt"), "{o:?}");
    assert!(
        o.contains("\tЗаголовок\t"),
        "escape sequences are removed from text: {o:?}"
    );
    let out = home.run(&["--library", lib_arg, "render", "nope\u{1b}[31m.txt"]);
    assert!(!stderr(&out).contains('\u{1b}'));
}

#[test]
fn config_errors_are_reported_by_commands() {
    let home = Home::new();
    let cfg = home.path().join("config");
    std::fs::create_dir_all(&cfg).expect("mkdir");
    std::fs::write(cfg.join("config.toml"), "text_width = \"wide\"\n").expect("write");
    let out = home.run(&["--library", FIXTURE_LIBRARY, "list"]);
    assert!(out.status.success(), "a bad config never stops the app");
    let err = stderr(&out);
    assert!(
        err.contains("config.toml:1:") && err.contains("`text_width`") && err.contains("left out"),
        "{err}"
    );
    assert!(stdout(&out).contains(SEED));
}

#[test]
fn zero_sizes_are_usage_errors() {
    let home = Home::new();
    for args in [["--width", "0"], ["--height", "0"]] {
        let out = home.run(&[
            "--library",
            FIXTURE_LIBRARY,
            "render",
            SEED,
            args[0],
            args[1],
        ]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let text = stdout(&render(&home, SEED, 1, 3));
    assert!(
        text.lines()
            .all(|r| unicode_width::UnicodeWidthStr::width(r) <= 1),
        "{text}"
    );
}

#[test]
fn outline_of_a_hard_wrapped_book() {
    let home = Home::new();
    let out = home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "outline",
        "voyna-i-mir-excerpt.txt",
        "--json",
    ]);
    let levels = crate::common::outline_levels(&out);
    let got: Vec<(u64, &str)> = levels.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        got[..4],
        [
            (1, "ВОЙНА И МИР"),
            (1, "ТОМ ПЕРВЫЙ"),
            (2, "ЧАСТЬ ПЕРВАЯ"),
            (3, "I.")
        ]
    );
    let plain = stdout(&home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "outline",
        "voyna-i-mir-excerpt.txt",
    ]));
    assert!(
        plain.starts_with("ВОЙНА И МИР\nТОМ ПЕРВЫЙ\n  ЧАСТЬ ПЕРВАЯ\n    I.\n"),
        "{plain}"
    );
}

#[test]
fn outline_of_the_seed_starts_with_its_title() {
    let home = Home::new();
    let out = home.run(&["--library", FIXTURE_LIBRARY, "outline", SEED, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let arr = v.as_array().expect("array");
    assert_eq!(
        arr[0]["title"],
        "Узбекско-японское сотрудничество в современных условиях: достижения и перспективы"
    );
    assert_eq!(arr[0]["level"], 1);
    assert!(arr.len() > 1, "the article's paragraphs give entries too");
    assert!(!stdout(&out).contains("просматриваете"));
}

#[test]
fn outline_of_a_markdown_chapter() {
    let home = Home::new();
    let out = home.run(&["outline", "tests/fixtures/md/ch03-02-data-types.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Типы Данных\n  Скалярные типы данных\n    Целочисленные типы\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  Составные типы данных\n    Кортежи\n    Массивы\n      Доступ к элементам массива\n"
        ),
        "{text}"
    );
    // Code, tables and lists are laid out, never wider than the window.
    let out = home.run(&[
        "render",
        "tests/fixtures/md/ch03-02-data-types.md",
        "--width",
        "50",
        "--height",
        "400",
    ]);
    let shown = stdout(&out);
    assert!(
        shown.contains("───┼───") || shown.contains("─┼─"),
        "the table is set out: {shown}"
    );
    assert!(
        shown
            .lines()
            .all(|r| unicode_width::UnicodeWidthStr::width(r) <= 48)
    );
    assert!(!shown.contains("```"), "fences are not shown");
}

#[test]
fn add_copies_moves_reads_stdin_and_refuses() {
    use std::io::Write;
    let home = Home::new();
    let lib = home.path().join("lib");
    let lib_arg = lib.to_str().expect("utf-8");
    let src = home.path().join("incoming");
    std::fs::create_dir_all(&src).expect("mkdir");
    let seed = std::fs::read(format!("{FIXTURE_LIBRARY}/{SEED}")).expect("seed");
    std::fs::write(src.join("000_4558b425ee2d5e55.txt"), &seed).expect("write");
    std::fs::write(src.join("moved.md"), "# Перенос\n\nТекст.").expect("write");
    std::fs::write(src.join("bad.txt"), b"\x00\x00binary").expect("write");

    let out = home.run(&[
        "--library",
        lib_arg,
        "add",
        src.join("000_4558b425ee2d5e55.txt").to_str().expect("p"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("added «Узбекско-японское сотрудничество"),
        "{}",
        stdout(&out)
    );
    assert!(
        src.join("000_4558b425ee2d5e55.txt").exists(),
        "copy keeps the source"
    );
    let listed = stdout(&home.run(&["--library", lib_arg, "list"]));
    assert!(
        listed.starts_with("узбекско-японское-сотрудничество-в-современных-условиях"),
        "{listed}"
    );

    // Again: refused, nothing written. --move moves. A binary is refused.
    let out = home.run(&[
        "--library",
        lib_arg,
        "add",
        "--move",
        src.join("000_4558b425ee2d5e55.txt").to_str().expect("p"),
        src.join("moved.md").to_str().expect("p"),
        src.join("bad.txt").to_str().expect("p"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("already in the library as узбекско"), "{err}");
    assert!(err.contains("bad.txt: binary file"), "{err}");
    assert!(!src.join("moved.md").exists() && lib.join("перенос.md").exists());
    assert!(
        src.join("bad.txt").exists() && src.join("000_4558b425ee2d5e55.txt").exists(),
        "refused files stay"
    );

    // Standard input, named by --title.
    let mut child = home
        .command()
        .args(["--library", lib_arg, "add", "-", "--title", "Из буфера"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("Строка из stdin.\n".as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    // The title given is the article's first heading.
    assert_eq!(
        std::fs::read_to_string(lib.join("из-буфера.txt")).expect("added"),
        "# Из буфера\n\nСтрока из stdin.\n"
    );
    let files = std::fs::read_dir(&lib).expect("ls").count();
    assert_eq!(files, 3, "no temp files left");
}

#[test]
fn html_pages_give_the_article() {
    let home = Home::new();
    let out = home.run(&["outline", "tests/fixtures/html/basic-defs.ru.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let outline = stdout(&out);
    assert!(
        outline.starts_with("Глава 1. Определения и краткий обзор\n  1.1. О чём данные ЧаВо?\n"),
        "{outline}"
    );
    assert_eq!(
        outline.lines().filter(|l| l.starts_with("  1.")).count(),
        7,
        "{outline}"
    );
    let text = stdout(&home.run(&[
        "render",
        "tests/fixtures/html/basic-defs.ru.html",
        "--width",
        "80",
        "--height",
        "2000",
    ]));
    // Navigation ("Пред.", "След.", "Начало") is left out.
    for nav in ["Пред.", "След.", "Начало"] {
        assert!(!text.lines().any(|l| l.trim() == nav), "{nav} shown");
    }
    assert!(text.contains("Здесь собраны вопросы"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&home.run(&[
        "--library",
        "tests/fixtures/html",
        "list",
        "--json",
    ])))
    .expect("json");
    let sphinx = json
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["path"] == "scope.html")
        .expect("scope.html listed");
    assert_eq!(sphinx["title"], "1. Границы данного документа");
    assert!(!text.contains('¶'));
}

#[test]
fn fb2_sections_nest_as_outline_levels() {
    let home = Home::new();
    let file = "tests/fixtures/fb2/gribuser_example_voyna_i_mir.fb2";
    let out = home.run(&["outline", file, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let levels: Vec<u64> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["level"].as_u64())
        .collect();
    assert!(
        levels.iter().max().copied().unwrap_or(0) >= 6,
        "deeply nested sections: {levels:?}"
    );
    let plain = stdout(&home.run(&["outline", file]));
    assert!(
        plain.starts_with("ТОМ 1\n  ЧАСТЬ ПЕРВАЯ\n    I\n"),
        "{plain}"
    );
    assert!(plain.contains("\n          Рыба (1.IV.в.A)\n"), "{plain}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&home.run(&[
        "--library",
        "tests/fixtures/fb2",
        "list",
        "--json",
    ])))
    .expect("json");
    let book = &json[0];
    assert_eq!(book["title"], "Война и мир");
    assert_eq!(book["author"], "Лев Николаевич Толстой");
    let text = stdout(&home.run(&["render", file, "--width", "80", "--height", "5000"]));
    assert!(
        !text.contains("iVBOR") && !text.contains("/9j/"),
        "binaries are skipped"
    );
}

#[test]
fn find_across_the_library() {
    let home = Home::new();
    let out = home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "find",
        "сотрудничество",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert!(!lines.is_empty());
    // The seed, and the test text where the word has stress marks and soft hyphens.
    let mut paths: Vec<&str> = lines.iter().filter_map(|h| h["path"].as_str()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths, vec!["udareniya.txt", SEED]);
    for h in &lines {
        let snippet = h["snippet"].as_str().expect("snippet");
        assert!(
            !snippet.is_empty() && !snippet.starts_with('\u{301}'),
            "{snippet:?}"
        );
        let r = &h["highlights"][0];
        let (s, e) = (
            r["start"].as_u64().expect("s") as usize,
            r["end"].as_u64().expect("e") as usize,
        );
        let marked = chitalka::core::fold::fold_simple(&snippet[s..e]);
        assert!(marked.starts_with("сотрудничеств"), "{marked}");
    }
    // Other word forms, ё/е and case are found; the index is reused.
    let plain = stdout(&home.run(&["--library", FIXTURE_LIBRARY, "find", "СОТРУДНИЧЕСТВАМИ"]));
    assert!(plain.contains(&format!("{SEED}: ")), "{plain}");
    let out = home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "find",
        "зеленые",
        "--limit",
        "1",
    ]);
    assert!(stdout(&out).lines().count() <= 1);
    // Wrong layout: said on stderr, found anyway.
    let out = home.run(&["--library", FIXTURE_LIBRARY, "find", "cjnhelybxtcndj"]);
    assert!(
        stderr(&out).contains("«сотрудничество»"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains(SEED));
    assert!(
        home.path().join("cache/index").is_dir(),
        "the index lives in the cache dir"
    );
}

#[test]
fn notes_and_bookmarks_are_exported() {
    use chitalka::core::anchor::Anchor;
    use chitalka::core::marks_store::{MarkKind, MarksStore};
    let home = Home::new();
    let (id, doc) =
        chitalka::core::library::load(&std::path::Path::new(FIXTURE_LIBRARY).join(SEED))
            .expect("seed");
    let text = doc.canonical_text();
    let quote = "укреплению сотрудничества с Японией";
    let at = text.find(quote).expect("quote");
    let anchor = Anchor::new(&doc, doc.pos_at(at), doc.pos_at(at + quote.len()));
    let store = MarksStore::new(&home.data());
    let (mut marks, _, _) = store.load(&id, SEED);
    marks.add(
        MarkKind::Note {
            text: "Важная мысль.".into(),
        },
        anchor.clone(),
    );
    marks.add(
        MarkKind::Bookmark {
            name: "здесь".into(),
        },
        anchor.clone(),
    );
    let mut gone = anchor;
    gone.quote = "абзац, которого больше нет в статье".into();
    gone.start.block = 999;
    gone.text_hash = "the article was edited since".into();
    marks.add(
        MarkKind::Note {
            text: "Потерянная заметка.".into(),
        },
        gone,
    );
    store.save(&mut marks, None).expect("save");

    let data = home.data();
    let data = data.to_str().expect("utf-8");
    let out = home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "--data-dir",
        data,
        "notes",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let notes = v.as_array().expect("array");
    assert_eq!(notes.len(), 2);
    let kept = notes
        .iter()
        .find(|n| n["note"] == "Важная мысль.")
        .expect("note");
    assert_eq!(kept["path"], SEED);
    assert_eq!(kept["quote"], quote);
    assert_eq!(kept["detached"], false);
    assert!(kept["created"].as_u64().is_some());
    let lost = notes
        .iter()
        .find(|n| n["note"] == "Потерянная заметка.")
        .expect("detached note kept");
    assert_eq!(lost["detached"], true);

    let md = stdout(&home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "--data-dir",
        data,
        "notes",
        "--markdown",
    ]));
    assert!(md.contains(&format!("> {quote}\n\nВажная мысль.")), "{md}");
    assert!(md.contains("## Узбекско-японское сотрудничество"), "{md}");
    assert!(md.contains("### Detached"), "{md}");

    let b: serde_json::Value = serde_json::from_str(&stdout(&home.run(&[
        "--library",
        FIXTURE_LIBRARY,
        "--data-dir",
        data,
        "bookmarks",
        "--json",
    ])))
    .expect("json");
    let b = b.as_array().expect("array");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0]["name"], "здесь");
    assert!(b[0].get("note").is_none());
}

#[test]
fn json_into_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let home = Home::new();
    let lib = home.path().join("many");
    std::fs::create_dir_all(&lib).expect("mkdir");
    for i in 0..1500 {
        std::fs::write(
            lib.join(format!("статья-{i:04}.txt")),
            format!("Статья номер {i}\n\nКороткий текст.\n"),
        )
        .expect("write");
    }
    let mut child = home
        .command()
        .arg("--data-dir")
        .arg(home.data())
        .arg("--library")
        .arg(&lib)
        .args(["list", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 100];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("read");
    // The reader goes away (stdout dropped), as `| head -c 100` would.
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("Broken pipe"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
