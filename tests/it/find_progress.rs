//! The in-article find on a long article: the hit after the reading place
//! is shown at the key, the rest are counted between keys ("1/24+" until
//! the count settles), keys work meanwhile, and blocks added to the
//! article later are searched too.

use crate::common::screen::{code, key, library_app, screen};
use crate::common::{FIXTURE_LIBRARY, Home};
use chitalka::core::document::{Block, BlockKind, Pos};
use chitalka::core::find::find_all;
use chitalka::tui::app::App;
use crossterm::event::KeyCode;
use std::path::Path;
use std::time::Instant;

/// Copies of the War and Peace excerpt: more text (4.6 MB) than one
/// slice of find searches, however quick the machine.
const COPIES: usize = 100;

fn long_article(home: &Home) -> App {
    let one = std::fs::read_to_string(Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt"))
        .expect("fixture");
    let path = home.path().join("long.txt");
    std::fs::write(&path, one.repeat(COPIES)).expect("write");
    let mut app = library_app(home, 80, 24);
    app.open(&path, "long.txt".into()).expect("open");
    // A part of it shows first; find is of the whole, once it is read.
    let start = Instant::now();
    while app.reader().is_some_and(|r| r.loading.is_some()) {
        assert!(start.elapsed().as_secs() < 120, "never read whole");
        app.tick(Instant::now());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app
}

fn status(app: &mut App) -> String {
    screen(app).lines().last().unwrap_or("").to_string()
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.on_key(key(c));
    }
}

fn counting(app: &App) -> bool {
    let r = app.reader().expect("reader");
    r.find.counting(&r.doc)
}

/// Tick until the find has searched the whole article (the layout may go on).
fn settle(app: &mut App) {
    while counting(app) {
        app.tick(Instant::now());
    }
}

fn top(app: &mut App) -> Pos {
    let r = app.reader_mut().expect("reader");
    r.view.top_pos(&r.doc)
}

#[test]
fn the_hit_after_the_reading_place_comes_first_and_the_count_grows_to_all() {
    let home = Home::new();
    let mut app = long_article(&home);
    // Half way into the article.
    app.on_key(key(':'));
    typed(&mut app, "50%");
    app.on_key(code(KeyCode::Enter));
    let place = top(&mut app);
    assert!(place.block > 100, "{place:?}");
    let all = {
        let r = app.reader().expect("reader");
        find_all(&r.doc, "князь")
    };
    let next = all
        .iter()
        .position(|h| h.start() >= place)
        .expect("a hit after the middle");
    typed(&mut app, "/князь");
    assert!(counting(&app), "one key does not search the whole article");
    let r = app.reader().expect("reader");
    let current = r.find.current.expect("a hit shown at the key");
    assert_eq!(
        r.find.hits()[current],
        all[next],
        "the next hit after the place"
    );
    let found = r.find.hits().len();
    assert!(
        found < all.len(),
        "{found} of {} found at the key",
        all.len()
    );
    // Its number is not known until the text before it is counted.
    let bar = status(&mut app);
    assert!(bar.contains(&format!("?/{found}+")), "{bar}");
    let mut counts = vec![found];
    while counting(&app) {
        app.tick(Instant::now());
        counts.push(app.reader().expect("reader").find.hits().len());
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(counts.len() > 2, "counted over several slices: {counts:?}");
    let r = app.reader().expect("reader");
    assert_eq!(r.find.hits(), all.as_slice(), "every hit, in order");
    assert_eq!(r.find.current, Some(next), "the same hit, numbered");
    let bar = status(&mut app);
    assert!(
        bar.contains(&format!("{}/{} ", next + 1, all.len())) && !bar.contains('+'),
        "the count settles: {bar}"
    );
}

#[test]
fn keys_work_while_the_hits_are_counted() {
    let home = Home::new();
    let mut app = long_article(&home);
    let before = top(&mut app);
    typed(&mut app, "/князь");
    assert!(counting(&app));
    let bar = status(&mut app);
    assert!(bar.contains("/князь▏") && bar.contains("1/"), "{bar}");
    assert!(bar.contains("+ "), "the count is still growing: {bar}");
    // Editing the query while the count goes on: a new find, from the place.
    app.on_key(code(KeyCode::Backspace));
    typed(&mut app, "ь андрей");
    let bar = status(&mut app);
    assert!(bar.contains("/князь андрей▏"), "{bar}");
    // Esc goes back to the place before `/`, counting or not.
    app.on_key(code(KeyCode::Esc));
    assert_eq!(top(&mut app), before);
    assert!(app.reader().expect("reader").find.hits().is_empty());
    // Enter keeps a find still counting; the reader scrolls meanwhile.
    typed(&mut app, "/пьер");
    app.on_key(code(KeyCode::Enter));
    assert!(counting(&app), "Enter does not wait for the count");
    let at = top(&mut app);
    app.on_key(key('j'));
    app.on_key(key('j'));
    assert_ne!(top(&mut app), at, "j scrolls while the hits are counted");
    let all = {
        let r = app.reader().expect("reader");
        find_all(&r.doc, "пьер")
    };
    let current = |app: &App| {
        let r = app.reader().expect("reader");
        r.find.current.map(|c| r.find.hits()[c].clone())
    };
    // n and N from the hit on screen go on without the whole count.
    app.on_key(key('n'));
    assert_eq!(current(&app).as_ref(), Some(&all[1]));
    assert!(counting(&app), "n did not wait for the whole count");
    app.on_key(key('N'));
    assert_eq!(current(&app).as_ref(), Some(&all[0]));
    // Back round from the first to the last needs them all.
    app.on_key(key('N'));
    assert_eq!(current(&app).as_ref(), all.last());
    assert!(!counting(&app));
    let bar = status(&mut app);
    assert!(bar.contains(&format!("{0}/{0} ", all.len())), "{bar}");
}

#[test]
fn blocks_added_to_the_article_later_are_searched() {
    let home = Home::new();
    let mut app = library_app(&home, 80, 24);
    let path = Path::new(FIXTURE_LIBRARY).join("voyna-i-mir-excerpt.txt");
    app.open(&path, "voyna-i-mir-excerpt.txt".into())
        .expect("open");
    typed(&mut app, "/пьер");
    settle(&mut app);
    let found = app.reader().expect("reader").find.hits().len();
    // The rest of the article is read in while the find is open.
    let r = app.reader_mut().expect("reader");
    let first_new = r.doc.blocks.len();
    for i in 0..3 {
        r.doc.blocks.push(Block::new(
            BlockKind::Paragraph,
            format!("Абзац {i}: граф Пье\u{301}р приехал."),
        ));
    }
    settle(&mut app);
    let r = app.reader().expect("reader");
    let hits = r.find.hits();
    assert_eq!(hits.len(), found + 3, "the new blocks' hits are found");
    assert!(hits[found..].iter().all(|h| h.block >= first_new));
    assert_eq!(hits, find_all(&r.doc, "пьер").as_slice());
    app.on_key(code(KeyCode::Enter));
    let bar = status(&mut app);
    assert!(bar.contains(&format!("/{} ", found + 3)), "{bar}");
}
