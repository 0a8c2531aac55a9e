use super::*;
use proptest::prelude::*;

fn k(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::CONTROL)
}

/// An empty editor after typing `s` one character at a time.
fn typed(s: &str) -> NoteEditor {
    let mut e = NoteEditor::new("");
    for c in s.chars() {
        let key = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        assert_eq!(e.key(&k(key)), Outcome::Edited, "typing {c:?}");
    }
    e
}

fn press(e: &mut NoteEditor, ev: KeyEvent, times: usize) {
    for _ in 0..times {
        e.key(&ev);
    }
}

#[test]
fn stressed_letter_is_one_step() {
    let mut e = typed("за\u{301}мок");
    assert_eq!(e.text(), "за\u{301}мок");
    press(&mut e, k(KeyCode::Left), 4);
    assert_eq!(e.cursor(), "з".len(), "after з: з, а́, м, о, к");
    assert_eq!(e.cursor_row_col(20), (0, 1));
    e.key(&k(KeyCode::Right));
    assert_eq!(e.cursor(), "за\u{301}".len());
    assert_eq!(e.cursor_row_col(20), (0, 2), "the mark takes no column");
    assert_eq!(e.key(&k(KeyCode::Backspace)), Outcome::Edited);
    assert_eq!(e.text(), "змок");
    assert_eq!(e.cursor(), "з".len());
}

#[test]
fn a_mark_typed_after_a_letter_joins_it() {
    let mut e = typed("а\u{301}");
    assert_eq!(e.cursor(), e.text().len());
    e.key(&k(KeyCode::Backspace));
    assert_eq!(e.text(), "");
}

#[test]
fn decomposed_short_i_is_one_step() {
    let mut e = typed("и\u{306}");
    assert_eq!(e.key(&k(KeyCode::Left)), Outcome::Moved);
    assert_eq!(e.cursor(), 0);
    assert_eq!(e.key(&k(KeyCode::Left)), Outcome::Ignored);
    e.key(&k(KeyCode::Delete));
    assert_eq!(e.text(), "");
}

#[test]
fn cjk_takes_two_columns() {
    let mut e = typed("漢字");
    let mut cols = vec![e.cursor_row_col(10).1];
    for _ in 0..2 {
        e.key(&k(KeyCode::Left));
        cols.push(e.cursor_row_col(10).1);
    }
    assert_eq!(cols, [4, 2, 0]);
}

#[test]
fn emoji_sequences_are_one_grapheme() {
    let family = "👨\u{200D}👩\u{200D}👧";
    let flag = "🇷🇺";
    let mut e = typed(&format!("{family}{flag}"));
    let wide = grapheme_width(family) + grapheme_width(flag);
    assert_eq!(e.cursor_row_col(40), (0, wide));
    e.key(&k(KeyCode::Left));
    assert_eq!(e.cursor(), family.len());
    e.key(&k(KeyCode::Left));
    assert_eq!(e.cursor(), 0);
    e.key(&ctrl(KeyCode::End));
    e.key(&k(KeyCode::Backspace));
    assert_eq!(e.text(), family);
    e.key(&k(KeyCode::Backspace));
    assert_eq!(e.text(), "");
}

#[test]
fn edits_that_join_graphemes_keep_the_cursor_on_a_boundary() {
    let mut e = NoteEditor::new("x\n\u{301}");
    e.key(&k(KeyCode::Home));
    assert_eq!(e.cursor(), 2);
    e.key(&k(KeyCode::Backspace));
    assert_eq!(e.text(), "x\u{301}");
    assert_eq!(e.cursor(), e.text().len());

    let mut e = typed("🇷🇺");
    e.key(&k(KeyCode::Home));
    e.key(&k(KeyCode::Char('🇦')));
    assert_eq!(
        e.cursor(),
        "🇦🇷".len(),
        "the new indicator pairs with the next"
    );
}

#[test]
fn up_and_down_keep_the_goal_column() {
    let mut e = NoteEditor::new("абвгд еёжзи\nкл\nмнопрстуф");
    e.set_width(6);
    let rows: Vec<&str> = e
        .rows(6)
        .iter()
        .map(|r| &e.text()[r.range.clone()])
        .collect();
    assert_eq!(rows, ["абвгд ", "еёжзи", "кл", "мнопрс", "туф"]);
    e.key(&ctrl(KeyCode::Home));
    e.key(&k(KeyCode::Down));
    press(&mut e, k(KeyCode::Right), 4);
    assert_eq!(e.cursor_row_col(6), (1, 4));
    let mut seen = Vec::new();
    for code in [KeyCode::Down; 3].into_iter().chain([KeyCode::Up; 4]) {
        assert_eq!(e.key(&k(code)), Outcome::Moved);
        seen.push(e.cursor_row_col(6));
    }
    assert_eq!(
        seen,
        [(2, 2), (3, 4), (4, 3), (3, 4), (2, 2), (1, 4), (0, 4)]
    );
    // Another key forgets the goal.
    e.key(&k(KeyCode::Left));
    e.key(&k(KeyCode::Down));
    assert_eq!(e.cursor_row_col(6), (1, 3));
    // The end of a wrapped row is the start of the next: not a place to stop.
    e.key(&k(KeyCode::End));
    e.key(&k(KeyCode::Up));
    assert_eq!(e.cursor_row_col(6), (0, 5));
    // Past the first row: the start of the text; past the last: the end.
    e.key(&k(KeyCode::Up));
    assert_eq!(e.cursor(), 0);
    assert_eq!(e.key(&k(KeyCode::Up)), Outcome::Ignored);
    e.key(&k(KeyCode::PageDown));
    e.key(&k(KeyCode::PageDown));
    assert_eq!(e.cursor_row_col(6).0, 4);
    e.key(&k(KeyCode::Down));
    assert_eq!(e.cursor(), e.text().len());
}

#[test]
fn up_and_down_by_display_column_over_wide_characters() {
    let mut e = NoteEditor::new("漢字漢\nabcdef");
    e.key(&k(KeyCode::Left));
    e.key(&k(KeyCode::Left));
    assert_eq!(e.cursor_row_col(60), (1, 4));
    e.key(&k(KeyCode::Up));
    assert_eq!(e.cursor_row_col(60), (0, 4));
    e.key(&k(KeyCode::Down));
    e.key(&k(KeyCode::Right));
    e.key(&k(KeyCode::Up));
    assert_eq!(e.cursor_row_col(60), (0, 4), "column 5 is inside 漢");
}

#[test]
fn wrap_breaks_after_spaces_and_never_inside_a_grapheme() {
    let e = NoteEditor::new("ба\u{301}ба\u{301}ба\u{301} кот");
    let rows = |w| -> Vec<String> {
        e.rows(w)
            .iter()
            .map(|r| e.text()[r.range.clone()].to_string())
            .collect()
    };
    assert_eq!(rows(8), ["ба\u{301}ба\u{301}ба\u{301} ", "кот"]);
    assert_eq!(
        rows(2),
        ["ба\u{301}", "ба\u{301}", "ба\u{301}", " ", "ко", "т"]
    );
    let e = NoteEditor::new("漢字漢");
    let rows: Vec<_> = e.rows(3).into_iter().map(|r| r.range).collect();
    assert_eq!(rows, [0..3, 3..6, 6..9]);
    // A grapheme wider than the row gets a row of its own.
    assert_eq!(e.rows(1).len(), 3);
    assert_eq!(NoteEditor::new("").rows(5), [Row { range: 0..0 }]);
    assert_eq!(NoteEditor::new("a\n").rows(5).len(), 2);
}

#[test]
fn paste_normalises_line_ends_and_tabs() {
    let mut e = NoteEditor::new("> ");
    e.paste("один\r\nдва\rтри\tчетыре\u{7}\u{1b}");
    assert_eq!(e.text(), "> один\nдва\nтри    четыре");
    assert_eq!(e.cursor(), e.text().len());
    e.key(&k(KeyCode::Tab));
    assert!(e.text().ends_with("четыре    "));
}

#[test]
fn word_keys_on_cyrillic() {
    let mut e = typed("Война и мир");
    e.key(&ctrl(KeyCode::Char('w')));
    assert_eq!(e.text(), "Война и ");
    e.key(&ctrl(KeyCode::Char('w')));
    assert_eq!(e.text(), "Война ");
    let mut e = typed("за\u{301}мок и мир");
    e.key(&ctrl(KeyCode::Left));
    assert_eq!(&e.text()[e.cursor()..], "мир");
    e.key(&ctrl(KeyCode::Left));
    e.key(&ctrl(KeyCode::Left));
    assert_eq!(e.cursor(), 0);
    e.key(&ctrl(KeyCode::Right));
    assert_eq!(e.cursor(), "за\u{301}мок".len());
    let mut e = typed("за\u{301}мок, ");
    e.key(&ctrl(KeyCode::Char('w')));
    assert_eq!(e.text(), "за\u{301}мок");
    e.key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
    assert_eq!(e.text(), "");
}

#[test]
fn line_keys() {
    let mut e = NoteEditor::new("первая\nвторая строка\nтретья");
    e.key(&k(KeyCode::Up));
    assert_eq!(e.key(&k(KeyCode::Home)), Outcome::Moved);
    press(&mut e, k(KeyCode::Right), 6);
    e.key(&ctrl(KeyCode::Char('k')));
    assert_eq!(e.text(), "первая\nвторая\nтретья");
    assert_eq!(e.key(&ctrl(KeyCode::Char('k'))), Outcome::Ignored);
    e.key(&ctrl(KeyCode::Char('u')));
    assert_eq!(e.text(), "первая\n\nтретья");
    e.key(&k(KeyCode::End));
    assert_eq!(e.cursor(), "первая\n".len());
}

#[test]
fn command_keys_are_left_to_the_caller() {
    let mut e = NoteEditor::new("x");
    assert_eq!(e.key(&ctrl(KeyCode::Char('s'))), Outcome::Save);
    assert_eq!(
        e.key(&ctrl(KeyCode::Char('ы'))),
        Outcome::Save,
        "Russian layout"
    );
    assert_eq!(e.key(&ctrl(KeyCode::Char('e'))), Outcome::External);
    assert_eq!(e.key(&k(KeyCode::Esc)), Outcome::Cancel);
    assert_eq!(e.key(&ctrl(KeyCode::Char('q'))), Outcome::Ignored);
    let alt_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
    assert_eq!(e.key(&alt_x), Outcome::Ignored);
    let shift = KeyEvent::new(KeyCode::Char('Ж'), KeyModifiers::SHIFT);
    assert_eq!(e.key(&shift), Outcome::Edited);
    let altgr = KeyEvent::new(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    assert_eq!(e.key(&altgr), Outcome::Edited);
    assert_eq!(e.text(), "xЖ@");
}

#[test]
fn empty_and_changed() {
    assert!(NoteEditor::new(" \n\t \n").is_empty());
    assert!(NoteEditor::new("\u{A0}").is_empty());
    assert!(!NoteEditor::new(" а ").is_empty());
    let mut e = NoteEditor::new("заметка");
    assert!(!e.changed());
    e.key(&k(KeyCode::Char('!')));
    assert!(e.changed());
    e.key(&k(KeyCode::Backspace));
    assert!(!e.changed());
    e.set_text("заметка\r\n");
    assert_eq!(e.text(), "заметка\n");
    assert!(e.changed());
    e.set_text("заметка");
    assert!(!e.changed());
    assert!(
        !NoteEditor::new("a\r\nb").changed(),
        "cleaning is not a change"
    );
}

#[test]
fn scroll_keeps_the_cursor_row_in_view() {
    let mut e = NoteEditor::new("1\n2\n3\n4\n5\n6");
    e.set_width(10);
    assert_eq!(e.scroll_for(3), 3);
    e.key(&ctrl(KeyCode::Home));
    assert_eq!(e.scroll_for(3), 0);
    e.key(&k(KeyCode::PageDown));
    assert_eq!(e.cursor_row_col(10).0, 2, "a page is the view less one row");
    assert_eq!(e.scroll_for(3), 0);
    e.set_text("1");
    assert_eq!(e.scroll_for(3), 0);
}

#[derive(Debug, Clone)]
enum Op {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Width(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let chars = prop::sample::select(vec![
        'з', 'а', '\u{301}', 'и', '\u{306}', '漢', '👨', '\u{200D}', '👩', '🇷', '🇺', ' ', 'x',
        '\u{A0}', '\u{FE0F}', '❤', ',',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        6 => chars.prop_map(|c| Op::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        6 => (codes, mods).prop_map(|(c, m)| Op::Key(c, m)),
        1 => prop::sample::select(vec!['u', 'k', 'w'])
            .prop_map(|c| Op::Key(KeyCode::Char(c), KeyModifiers::CONTROL)),
        1 => "(\\PC|[\r\n\t\u{301}]){0,6}".prop_map(Op::Paste),
        1 => (1usize..12).prop_map(Op::Width),
    ]
}

fn on_boundary(s: &str, i: usize) -> bool {
    s.is_char_boundary(i)
        && GraphemeCursor::new(i, s.len(), true)
            .is_boundary(s, 0)
            .unwrap_or(false)
}

proptest! {
    #[test]
    fn any_keys_keep_the_cursor_and_rows_sound(
        start in "(\\PC|\n){0,12}",
        ops in prop::collection::vec(op(), 0..60),
    ) {
        let mut e = NoteEditor::new(&start);
        e.set_width(7);
        for op in ops {
            match op {
                Op::Key(code, m) => { e.key(&KeyEvent::new(code, m)); }
                Op::Paste(s) => e.paste(&s),
                Op::Width(w) => e.set_width(w),
            }
            let (t, c, w) = (e.text(), e.cursor(), e.width());
            prop_assert!(c <= t.len() && on_boundary(t, c), "cursor {c} in {t:?}");
            prop_assert!(!t.contains(['\t', '\r']));
            let rows = e.rows(w);
            let joined: Vec<&str> = rows.iter().map(|r| &t[r.range.clone()]).collect();
            prop_assert_eq!(joined.concat(), t.replace('\n', ""));
            for (r, s) in rows.iter().zip(&joined) {
                prop_assert!(on_boundary(t, r.range.start) && on_boundary(t, r.range.end));
                prop_assert!(
                    str_width(s) <= w || s.graphemes(true).count() == 1,
                    "row {s:?} wider than {w}"
                );
            }
            let (row, col) = e.cursor_row_col(w);
            prop_assert!(row < rows.len());
            prop_assert!(col <= w.max(str_width(joined[row])));
        }
    }
}
