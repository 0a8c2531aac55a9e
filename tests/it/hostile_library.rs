//! Hostile files and folders in the library, and a damaged search index:
//! each ends with a clear message or the right result, never a hang, a
//! crash, or a file read whole past the size limit.

use crate::common::screen::{key, screen};
use crate::common::{Home, stderr, stdout};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A library folder of its own in `home`, with one good article.
fn library(home: &Home) -> PathBuf {
    let lib = home.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::write(
        lib.join("good.txt"),
        "Хорошая статья\n\nО сотрудничестве стран.\n",
    )
    .expect("write");
    lib
}

/// `chitalka --library LIB ARGS`, every other path in `home`.
fn on(home: &Home, lib: &Path, args: &[&str]) -> Command {
    let mut c = home.command();
    c.arg("--data-dir")
        .arg(home.data())
        .arg("--library")
        .arg(lib)
        .args(args);
    c
}

/// Run it to the end; a hang fails the test instead of hanging it.
fn run(mut c: Command) -> Output {
    let child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    wait(child)
}

fn wait(mut child: std::process::Child) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chitalka did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn set_config(home: &Home, text: &str) {
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), text).expect("write");
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("c path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[test]
fn a_file_over_the_limit_is_listed_with_its_size_and_never_read() {
    let home = Home::new();
    let lib = library(&home);
    // `truncate -s 1G big.txt`: a gigabyte of zeros that takes no disk.
    std::fs::File::create(lib.join("big.txt"))
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse file");
    let o = run(on(&home, &lib, &["list"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("skipped big.txt: too large: 1.0 GB, the limit is 64 MB"),
        "{}",
        stderr(&o)
    );
    // Every command that reads an article says the same.
    for args in [
        &["outline", "big.txt"][..],
        &["render", "big.txt"],
        &["mark", "big.txt", "слово"],
    ] {
        let o = run(on(&home, &lib, args));
        assert!(!o.status.success(), "{args:?}");
        assert!(
            stderr(&o).contains("too large: 1.0 GB, the limit is 64 MB"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    let o = run(on(&home, &lib, &["find", "сотрудничество"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("good.txt"), "{}", stdout(&o));
}

#[test]
fn the_limit_comes_from_the_config() {
    let home = Home::new();
    let lib = library(&home);
    let text = "Большая статья\n\n".to_string() + &"слово ".repeat(220_000);
    std::fs::write(lib.join("large.txt"), &text).expect("write");
    let o = run(on(&home, &lib, &["list"]));
    assert_eq!(stdout(&o).lines().count(), 2, "2.3 MB is under 64 MB");
    set_config(&home, "max_file_mb = 2\n");
    let o = run(on(&home, &lib, &["list"]));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("skipped large.txt: too large: 2.3 MB, the limit is 2.0 MB"),
        "{}",
        stderr(&o)
    );
    let o = run(on(
        &home,
        &lib,
        &["add", &lib.join("large.txt").to_string_lossy()],
    ));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("too large: 2.3 MB"), "{}", stderr(&o));
}

#[test]
fn add_refuses_devices_pipes_and_folders_without_reading_them() {
    let home = Home::new();
    let lib = library(&home);
    let fifo = home.path().join("pipe.txt");
    mkfifo(&fifo);
    let folder = home.path().join("folder.txt");
    std::fs::create_dir(&folder).expect("mkdir");
    for (source, why) in [
        (Path::new("/dev/zero"), "not a regular file: a device"),
        (&fifo, "not a regular file: a named pipe (FIFO)"),
        (&folder, "not a regular file: a folder"),
    ] {
        let o = run(on(&home, &lib, &["add", &source.to_string_lossy()]));
        assert!(!o.status.success(), "{source:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("not added {}: {why}", source.display())),
            "{err}"
        );
        assert!(err.contains("some files were not added"), "{err}");
    }
    assert_eq!(
        std::fs::read_dir(&lib).expect("ls").count(),
        1,
        "nothing added"
    );
}

#[test]
fn add_from_an_endless_stdin_stops_at_the_limit() {
    let home = Home::new();
    let lib = library(&home);
    set_config(&home, "max_file_mb = 1\n");
    let mut child = on(&home, &lib, &["add", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    // Like `cat /dev/zero | chitalka add -`: it never ends on its own.
    let feeder = std::thread::spawn(move || {
        let block = vec![b'a'; 64 * 1024];
        let mut sent = 0usize;
        while input.write_all(&block).is_ok() {
            sent += block.len();
        }
        sent
    });
    let o = wait(child);
    let sent = feeder.join().expect("feeder");
    assert!(!o.status.success());
    assert!(
        stderr(&o)
            .contains("not added standard input: too large: more than 1.0 MB, the limit is 1.0 MB"),
        "{}",
        stderr(&o)
    );
    // It stopped reading (the feeder's pipe broke) not long after the limit.
    assert!(sent < 8 << 20, "{sent} bytes taken");
    assert_eq!(
        std::fs::read_dir(&lib).expect("ls").count(),
        1,
        "nothing added"
    );
}

#[test]
fn add_move_says_the_file_was_added_and_the_source_kept() {
    let home = Home::new();
    let lib = library(&home);
    // A file no one (root neither) can remove: the kernel's version.
    let source = Path::new("/proc/version");
    if std::fs::read(source).is_err() {
        return;
    }
    let o = run(on(&home, &lib, &["add", "--move", "/proc/version"]));
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(!o.status.success(), "the move did not happen");
    assert!(out.starts_with("added «"), "{out}");
    assert!(
        err.contains("added /proc/version as ")
            && err.contains("but the source could not be removed"),
        "{err}"
    );
    assert!(!err.contains("not added"), "{err}");
    assert!(
        err.contains("every file was added, but some sources could not be removed"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&lib).expect("ls").count(), 2, "added");
}

#[test]
fn a_parser_that_fails_on_a_file_is_that_files_failure_and_remembered() {
    let home = Home::new();
    let lib = library(&home);
    std::fs::write(
        lib.join("boom.txt"),
        "Бум\n\nТекст, на котором падает разбор.\n",
    )
    .expect("write");
    // The parse of boom.txt panics (as a bug would), once.
    let mut c = on(&home, &lib, &["list"]);
    c.env("CHITALKA_TEST_PANIC_IN", "parse:boom.txt");
    let o = run(c);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "skipped boom.txt: could not be read: chitalka failed on it (CHITALKA_TEST_PANIC_IN"
        ),
        "{err}"
    );
    assert!(!err.contains("panicked at"), "the panic is quiet: {err}");
    // Remembered: without the panic, the unchanged file is still not parsed.
    let o = run(on(&home, &lib, &["list"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("skipped boom.txt: could not be read: chitalka failed on it"),
        "{}",
        stderr(&o)
    );
    let o = run(on(&home, &lib, &["find", "разбор"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "not indexed: {}", stdout(&o));
    // Changed: read again.
    std::fs::write(lib.join("boom.txt"), "Бум\n\nТеперь читается.\n").expect("write");
    let o = run(on(&home, &lib, &["list"]));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// Folders `depth` deep under `root` (deeper than a path can name), a file at the bottom.
fn deep_folders(root: &Path, depth: usize) {
    let c = |s: &str| std::ffi::CString::new(s).expect("c string");
    let path = std::ffi::CString::new(root.as_os_str().as_encoded_bytes()).expect("c path");
    // SAFETY: plain calls on valid NUL-terminated names and descriptors we own.
    unsafe {
        let mut fd = libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
        assert!(fd >= 0);
        for _ in 0..depth {
            assert_eq!(libc::mkdirat(fd, c("d").as_ptr(), 0o755), 0);
            let next = libc::openat(fd, c("d").as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
            assert!(next >= 0);
            libc::close(fd);
            fd = next;
        }
        let f = libc::openat(
            fd,
            c("deep.txt").as_ptr(),
            libc::O_WRONLY | libc::O_CREAT,
            0o644,
        );
        assert!(f >= 0);
        libc::write(f, b"Deep\n\ntext\n".as_ptr().cast(), 11);
        libc::close(f);
        libc::close(fd);
    }
}

#[test]
fn hostile_folders_neither_hang_nor_crash() {
    use std::os::unix::fs::symlink;
    let home = Home::new();
    let lib = library(&home);
    symlink(".", lib.join("loop")).expect("link");
    symlink("loop2.txt", lib.join("loop1.txt")).expect("link");
    symlink("loop1.txt", lib.join("loop2.txt")).expect("link");
    symlink("/dev/zero", lib.join("zero.txt")).expect("link");
    symlink("nowhere", lib.join("dangling.txt")).expect("link");
    mkfifo(&lib.join("fifo.txt"));
    std::fs::create_dir(lib.join("folder.txt")).expect("mkdir");
    std::fs::write(
        lib.join("esc\x1b]52;c;aGk=\x07\nname.txt"),
        "Имя\n\nтекст\n",
    )
    .expect("write");
    deep_folders(&lib, 10_000);
    for args in [&["list"][..], &["find", "текст"], &["add", "/dev/null"]] {
        let o = run(on(&home, &lib, args));
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(!out.contains('\x1b') && !err.contains('\x1b'), "{out}{err}");
        if args[0] == "list" {
            assert!(o.status.success(), "{err}");
            assert!(out.contains("good.txt"), "{out}");
            assert!(out.contains("esc\\u{1b}]52"), "{out}");
            for (name, why) in [
                ("zero.txt", "not a regular file: a device"),
                ("fifo.txt", "not a regular file: a named pipe (FIFO)"),
                ("loop1.txt", "cannot read: "),
                ("dangling.txt", "cannot read: "),
            ] {
                assert!(
                    err.contains(&format!("skipped {name}: {why}")),
                    "{name}: {err}"
                );
            }
        }
    }
    // Opened by name: said what it is, nothing waits for the pipe.
    let o = run(on(&home, &lib, &[&lib.join("fifo.txt").to_string_lossy()]));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("fifo.txt: not a regular file: a named pipe (FIFO)"),
        "{}",
        stderr(&o)
    );
    // Cleaned by a tool made for trees this deep.
    let rm = Command::new("rm").arg("-rf").arg(lib.join("d")).status();
    assert!(rm.is_ok_and(|s| s.success()));
}

// --- A damaged search index -------------------------------------------------

/// A way to damage the index in a folder, and its name.
type Damage = (&'static str, fn(&Path));

/// The ways an index is found damaged.
const DAMAGE: &[Damage] = &[
    ("a segment file removed", |dir| {
        std::fs::remove_file(segment_file(dir, "idx")).expect("rm");
    }),
    ("a segment file cut short", |dir| {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(segment_file(dir, "idx"))
            .expect("open");
        f.set_len(10).expect("truncate");
    }),
    ("a segment file of garbage", |dir| {
        let f = segment_file(dir, "store");
        let n = std::fs::metadata(&f).expect("meta").len() as usize;
        let garbage: Vec<u8> = (0..n).map(|i| (i * 7919 % 251) as u8).collect();
        std::fs::write(f, garbage).expect("write");
    }),
    ("meta.json of garbage", |dir| {
        std::fs::write(dir.join("meta.json"), "garbage").expect("write");
    }),
    // tantivy opens its files without O_NONBLOCK: a pipe hung every find.
    ("a pipe in place of meta.json", |dir| {
        fifo_in_place(&dir.join("meta.json"));
    }),
    ("a pipe in place of a segment file", |dir| {
        fifo_in_place(&segment_file(dir, "idx"));
    }),
    ("a pipe in place of the writer's lock", |dir| {
        fifo_in_place(&dir.join(".tantivy-writer.lock"));
    }),
];

/// A named pipe where `file` was.
fn fifo_in_place(file: &Path) {
    let _ = std::fs::remove_file(file);
    let made = Command::new("mkfifo").arg(file).status().expect("mkfifo");
    assert!(made.success());
}

/// The first file of the index with this extension.
fn segment_file(dir: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("index dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == ext))
        .unwrap_or_else(|| panic!("no .{ext} in {dir:?}"))
}

/// The one index folder under the cache dir.
fn index_folder(home: &Home) -> PathBuf {
    std::fs::read_dir(home.path().join("cache/index"))
        .expect("index")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("index folder")
}

#[test]
fn find_makes_a_damaged_index_anew_and_finds() {
    for (how, damage) in DAMAGE {
        let home = Home::new();
        let lib = library(&home);
        std::fs::write(lib.join("other.txt"), "Другая\n\nО погоде.\n").expect("write");
        let o = run(on(&home, &lib, &["find", "сотрудничество"]));
        assert!(stdout(&o).contains("good.txt"), "{}", stderr(&o));
        damage(&index_folder(&home));
        for run_no in 0..2 {
            let o = run(on(&home, &lib, &["find", "сотрудничество"]));
            let err = stderr(&o);
            assert!(o.status.success(), "{how}: {err}");
            assert!(
                stdout(&o).contains("good.txt"),
                "{how}: {}{err}",
                stdout(&o)
            );
            // Said once, the first time; the second run finds it whole.
            assert_eq!(
                err.contains("the search index was damaged"),
                run_no == 0,
                "{how}, run {run_no}: {err}"
            );
        }
    }
}

#[test]
fn find_says_so_when_the_index_cannot_be_made() {
    let home = Home::new();
    let lib = library(&home);
    std::fs::create_dir_all(home.path().join("cache")).expect("mkdir");
    // Where the index folder goes, a file: nothing can be made there.
    std::fs::write(home.path().join("cache/index"), "not a folder").expect("write");
    let o = run(on(&home, &lib, &["find", "сотрудничество"]));
    assert!(!o.status.success());
    assert!(
        stderr(&o).starts_with("chitalka: the search index cannot be used: "),
        "{}",
        stderr(&o)
    );
}

/// The app on `lib`, its index in `home`, the find screen open on `query`,
/// left to finish its background work.
fn find_screen(home: &Home, lib: &Path, query: &str) -> chitalka::tui::app::App {
    let mut app = chitalka::tui::app::App::with_library(
        chitalka::config::Config::default(),
        &home.data(),
        lib,
        (100, 20),
    )
    .expect("app");
    app.session.index_dir = Some(home.path().join("cache/index").join("lib"));
    app.on_key(key('F'));
    for c in query.chars() {
        app.on_key(key(c));
    }
    let start = Instant::now();
    while app.tick(Instant::now()) {
        assert!(start.elapsed() < Duration::from_secs(60), "never ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    app
}

#[test]
fn the_find_screen_makes_a_damaged_index_anew_and_says_so() {
    for (how, damage) in DAMAGE {
        let home = Home::new();
        let lib = library(&home);
        std::fs::write(lib.join("other.txt"), "Другая\n\nО погоде.\n").expect("write");
        let mut app = find_screen(&home, &lib, "сотрудничество");
        assert!(screen(&mut app).contains("Хорошая статья"), "{how}");
        drop(app);
        damage(&home.path().join("cache/index/lib"));
        let mut app = find_screen(&home, &lib, "сотрудничество");
        let s = screen(&mut app);
        assert!(
            s.contains("Хорошая статья") && s.contains("1 hit"),
            "{how}:\n{s}"
        );
        assert!(s.contains("the search index was damaged"), "{how}:\n{s}");
    }
}

#[test]
fn the_find_screen_shows_an_index_that_cannot_be_made() {
    let home = Home::new();
    let lib = library(&home);
    std::fs::create_dir_all(home.path().join("cache")).expect("mkdir");
    std::fs::write(home.path().join("cache/index"), "not a folder").expect("write");
    let mut app = find_screen(&home, &lib, "сотрудничество");
    let s = screen(&mut app);
    assert!(s.contains("the search index cannot be used"), "{s}");
    assert!(!s.contains("0 hits"), "an error is not «0 hits»:\n{s}");
}

// --- Background jobs that fail, and an abort, in a real terminal -----------

/// A library of `n` articles (more than the app parses before it draws: the
/// scan goes to the background).
fn many_articles(home: &Home, n: usize) -> PathBuf {
    let lib = library(home);
    for i in 0..n {
        std::fs::write(
            lib.join(format!("a{i:03}.txt")),
            format!("Статья {i}\n\nТекст о сотрудничестве номер {i}.\n"),
        )
        .expect("write");
    }
    lib
}

/// Start chitalka on `lib` in tmux with `env` set; after it exits, the
/// shell records the terminal's modes in the returned file and says AFTER-EXIT.
fn start_in_tmux(t: &crate::common::tmux::Tmux, home: &Home, lib: &Path, env: &str) -> PathBuf {
    let stty = home.path().join("stty.txt");
    let args = format!("--library '{}'", lib.display());
    let after = format!(
        "; stty -a > '{}'; echo AFTER-EXIT; sleep 30",
        stty.display()
    );
    t.start_args(home, (100, 24), &format!("env {env}"), &args, &after);
    stty
}

/// The terminal after chitalka: cooked modes, the main screen, a cursor.
fn assert_restored(t: &crate::common::tmux::Tmux, stty: &Path) {
    let screen = t.wait_for("AFTER-EXIT");
    assert!(
        !screen.contains("sorted by"),
        "the alternate screen was left:\n{screen}"
    );
    let flags = t.cmd(&[
        "display",
        "-p",
        "-t",
        "main",
        "#{alternate_on} #{cursor_flag}",
    ]);
    assert_eq!(String::from_utf8_lossy(&flags.stdout).trim(), "0 1");
    let modes = std::fs::read_to_string(stty).expect("stty output");
    for mode in [" icanon", " echo ", " icrnl"] {
        assert!(modes.contains(mode), "{mode} not restored: {modes}");
    }
}

#[test]
fn a_background_scan_that_fails_leaves_the_app_usable() {
    if !crate::common::tmux::Tmux::available() {
        return;
    }
    let home = Home::new();
    let lib = many_articles(&home, 60);
    let t = crate::common::tmux::Tmux::new("scan-panic");
    let stty = start_in_tmux(&t, &home, &lib, "CHITALKA_TEST_PANIC_IN=scan");
    let s = t.wait_for("could not be read to the end");
    assert!(s.contains("chitalka hit a bug"), "{s}");
    assert!(
        !s.contains("panicked at"),
        "nothing printed over the screen:\n{s}"
    );
    // Still working: the keys answer.
    t.keys(&["?"]);
    t.wait_for("this help");
    t.press("Escape");
    t.keys(&["q"]);
    assert_restored(&t, &stty);
}

#[test]
fn a_background_index_that_fails_is_shown_on_the_find_screen() {
    if !crate::common::tmux::Tmux::available() {
        return;
    }
    let home = Home::new();
    let lib = library(&home);
    let t = crate::common::tmux::Tmux::new("index-panic");
    let stty = start_in_tmux(&t, &home, &lib, "CHITALKA_TEST_PANIC_IN=index");
    t.wait_for("sorted by");
    t.keys(&["F"]);
    t.text("сотрудничество");
    let s = t.wait_for("the search index cannot be used");
    assert!(s.contains("chitalka hit a bug"), "{s}");
    assert!(!s.contains("0 hits"), "{s}");
    t.press("Escape");
    t.press("Escape");
    t.keys(&["q"]);
    assert_restored(&t, &stty);
}

#[test]
fn an_abort_restores_the_terminal() {
    if !crate::common::tmux::Tmux::available() {
        return;
    }
    let home = Home::new();
    let lib = library(&home);
    let t = crate::common::tmux::Tmux::new("abort");
    let stty = start_in_tmux(&t, &home, &lib, "");
    t.wait_for("sorted by");
    // The shell's child is chitalka (the shell waits for it).
    let shell = t.pid();
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("children");
    let pid = children.split_whitespace().next().expect("chitalka's pid");
    // What a stack overflow ends in: SIGABRT.
    let killed = Command::new("kill").args(["-ABRT", pid]).status();
    assert!(killed.is_ok_and(|s| s.success()));
    assert_restored(&t, &stty);
}

/// Files whose head reads well and whose body does not: the scan reads only
/// their head with the parser (`core::library::summary`), so each is listed
/// by its head's title (the body is met when it is opened), and nothing
/// panics, in the list or when it is opened.
#[test]
fn a_good_head_on_a_binary_or_broken_body_is_listed_and_opens() {
    let home = Home::new();
    let lib = library(&home);
    let mut noise = Vec::new();
    for i in 0..400_000u32 {
        noise.push((i.wrapping_mul(2_654_435_761) >> 11) as u8);
    }
    let mut text = "Хорошее начало\n\n".as_bytes().to_vec();
    text.extend("Обычный абзац текста.\n\n".repeat(2000).as_bytes());
    let mut binary_body = text.clone();
    binary_body.extend(&noise);
    std::fs::write(lib.join("noise.txt"), &binary_body).expect("write");
    let mut fb2 = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><FictionBook><description><title-info>\
         <book-title>Сломанная книга</book-title></title-info></description><body>",
    );
    fb2.push_str(&"<section><p>Абзац книги.</p></section>".repeat(3000));
    fb2.push_str("<section><p>оборвано <<<&&& </p</body");
    std::fs::write(lib.join("broken.fb2"), &fb2).expect("write");
    let mut md = "# Заметки\n\n".to_string();
    md.push_str(&"Строка заметок.\n\n".repeat(3000));
    md.push_str("```\nnever closed\n<div><div><div>\n");
    std::fs::write(lib.join("open.md"), &md).expect("write");
    let o = run(on(&home, &lib, &["list"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for (file, title) in [
        ("broken.fb2", "Сломанная книга"),
        ("open.md", "Заметки"),
        ("good.txt", "Хорошая статья"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(&format!("{file}\t{title}\t"))),
            "{file}: {out}"
        );
    }
    assert!(out.lines().any(|l| l.starts_with("noise.txt\t")), "{out}");
    for file in ["noise.txt", "broken.fb2", "open.md"] {
        let o = run(on(&home, &lib, &["outline", file]));
        assert!(!stderr(&o).contains("panicked"), "{file}: {}", stderr(&o));
    }
}
