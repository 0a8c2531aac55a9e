use super::*;
use crate::core::keyboard;
use crate::tui::keymap::{ALL_MODES, BINDINGS};
use crate::tui::keymap_binding::{ch, ctrl, plain};
use crate::tui::keymap_marks::MARK_BINDINGS;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn lookup(mode: Mode, ev: KeyEvent) -> Option<Action> {
    Keymap::default().lookup(mode, ev)
}

fn rebind(mode: Mode, action: Action, keys: &[&str], line: usize) -> Rebind {
    Rebind {
        mode,
        action,
        keys: keys.iter().map(|k| parse_key(k).expect("key")).collect(),
        line,
    }
}

#[test]
fn default_keymap_is_the_tables() {
    let km = Keymap::default();
    let tables: Vec<_> = BINDINGS.iter().chain(MARK_BINDINGS).collect();
    assert_eq!(km.bindings().len(), tables.len());
    for (b, t) in km.bindings().iter().zip(tables) {
        assert_eq!(
            (b.mode, b.action, b.keys.as_slice(), b.help),
            (t.mode, t.action, t.keys, t.help)
        );
    }
    assert_eq!(Keymap::with_rebinds(&[]), (km, vec![]));
}

#[test]
fn latin_and_cyrillic_keys_do_the_same() {
    for (lat, cyr) in [
        ('j', 'о'),
        ('k', 'л'),
        ('g', 'п'),
        ('b', 'и'),
        ('q', 'й'),
        ('G', 'П'),
        ('s', 'ы'),
    ] {
        for mode in ALL_MODES {
            assert_eq!(
                lookup(mode, key(lat)),
                lookup(mode, key(cyr)),
                "{lat} / {cyr}"
            );
        }
    }
    assert_eq!(lookup(Mode::Reader, key('о')), Some(Action::Down));
    assert_eq!(lookup(Mode::Reader, key('П')), Some(Action::Bottom));
    // Shift reported as a modifier too (some terminals do).
    let shifted = KeyEvent::new(KeyCode::Char('П'), KeyModifiers::SHIFT);
    assert_eq!(lookup(Mode::Reader, shifted), Some(Action::Bottom));
}

#[test]
fn russian_layout_punctuation() {
    assert_eq!(lookup(Mode::Library, key('.')), Some(Action::Filter));
    assert_eq!(lookup(Mode::Reader, key(',')), Some(Action::Help));
}

#[test]
fn twins() {
    assert_eq!(keyboard::latin_twin('ж'), Some(';'));
    assert_eq!(keyboard::latin_twin('Ж'), Some(':'));
    assert_eq!(keyboard::latin_twin('Й'), Some('Q'));
    assert_eq!(keyboard::latin_twin('x'), None);
    assert_eq!(keyboard::latin_twin('ў'), None);
}

#[test]
fn ctrl_keys() {
    let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Mode::Reader, ev), Some(Action::HalfDown));
    let ev = KeyEvent::new(KeyCode::Char('в'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Mode::Reader, ev), Some(Action::HalfDown));
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for mode in ALL_MODES {
        let keys: Vec<Key> = all_bindings()
            .filter(|b| b.mode == mode)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice");
        }
    }
}

#[test]
fn hint_bar_shows_keys_in_force() {
    let km = Keymap::default();
    assert_eq!(
        km.hint_bar(Mode::Library, false),
        "Enter open · / filter · s sort · ? help · q quit"
    );
    assert_eq!(
        km.hint_bar(Mode::Reader, false),
        "o outline · q back · ? help"
    );
    assert_eq!(km.hint_bar(Mode::Reader, true), "? help");
}

#[test]
fn help_lists_every_binding() {
    let rows = Keymap::default().help_rows(Mode::Reader);
    assert!(rows.iter().any(|(k, h)| k == "j ↓" && *h == "line down"));
    assert_eq!(
        rows.len(),
        all_bindings().filter(|b| b.mode == Mode::Reader).count()
    );
}

#[test]
fn key_names_round_trip() {
    for b in all_bindings() {
        for k in b.keys {
            assert_eq!(parse_key(&key_name(k)), Some(*k), "{}", key_name(k));
        }
    }
    assert_eq!(parse_key("Down"), Some(plain(KeyCode::Down)));
    assert_eq!(parse_key("pagedown"), Some(plain(KeyCode::PageDown)));
    assert_eq!(parse_key("ctrl-D"), Some(ctrl('d')));
    assert_eq!(parse_key("C-x"), Some(ctrl('x')));
    assert_eq!(parse_key("з"), Some(ch('з')));
    assert_eq!(parse_key("-"), Some(ch('-')));
    assert_eq!(parse_key("F12"), Some(plain(KeyCode::F(12))));
    let alt = parse_key("Alt-x").expect("alt");
    assert_eq!(alt.mods, KeyModifiers::ALT);
    assert_eq!(key_name(&alt), "Alt-x");
    for bad in ["", "Ctrl-", "PgDown2", "F0", "F99", "jj", "Hyper-x"] {
        assert_eq!(parse_key(bad), None, "{bad}");
    }
}

#[test]
fn rebinding_moves_the_action() {
    let (km, problems) =
        Keymap::with_rebinds(&[rebind(Mode::Reader, Action::Bookmarks, &["M"], 3)]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(km.lookup(Mode::Reader, key('M')), Some(Action::Bookmarks));
    assert_eq!(km.lookup(Mode::Reader, key('B')), None);
    // The Russian-layout twin of the new key works too (Ь is on M).
    assert_eq!(km.lookup(Mode::Reader, key('Ь')), Some(Action::Bookmarks));
    // Other screens keep their keys.
    assert_eq!(km.lookup(Mode::Library, key('B')), Some(Action::Bookmarks));
    assert!(
        km.help_rows(Mode::Reader)
            .iter()
            .any(|(k, h)| k == "M" && *h == crate::messages::keys::LIST_BOOKMARKS)
    );
    let (km, _) =
        Keymap::with_rebinds(&[rebind(Mode::Reader, Action::ToggleOutline, &["O", "F2"], 1)]);
    assert_eq!(
        km.hint_bar(Mode::Reader, false),
        "O outline · q back · ? help"
    );
    assert_eq!(km.lookup(Mode::Reader, key('o')), None);
    assert_eq!(km.lookup(Mode::Reader, key('щ')), None);
    assert_eq!(
        km.lookup(Mode::Reader, key('Щ')),
        Some(Action::ToggleOutline)
    );
}

#[test]
fn a_cyrillic_key_can_be_bound_itself() {
    let (km, problems) =
        Keymap::with_rebinds(&[rebind(Mode::Reader, Action::Bookmarks, &["з"], 1)]);
    assert!(problems.is_empty());
    assert_eq!(km.lookup(Mode::Reader, key('з')), Some(Action::Bookmarks));
    // `p` is not bound in the reader; `з` stays its own key.
    assert_eq!(km.lookup(Mode::Reader, key('p')), None);
    // Other Cyrillic keys still act as their Latin twins.
    assert_eq!(km.lookup(Mode::Reader, key('о')), Some(Action::Down));
}

#[test]
fn conflicts_leave_the_key_with_its_first_holder() {
    let (km, problems) = Keymap::with_rebinds(&[
        rebind(Mode::Reader, Action::PageDown, &["j", "Space"], 4),
        rebind(Mode::Reader, Action::Info, &["I", "Space"], 5),
    ]);
    assert_eq!(
        problems,
        vec![
            RebindProblem::Taken {
                line: 4,
                mode: Mode::Reader,
                key: ch('j'),
                holder: Action::Down,
                wanted: Action::PageDown
            },
            RebindProblem::Taken {
                line: 5,
                mode: Mode::Reader,
                key: ch(' '),
                holder: Action::PageDown,
                wanted: Action::Info
            },
        ]
    );
    assert_eq!(km.lookup(Mode::Reader, key('j')), Some(Action::Down));
    assert_eq!(km.lookup(Mode::Reader, key(' ')), Some(Action::PageDown));
    assert_eq!(km.lookup(Mode::Reader, key('I')), Some(Action::Info));
    // Rebinding both frees the key for the swap.
    let (km, problems) = Keymap::with_rebinds(&[
        rebind(Mode::Reader, Action::PageDown, &["j"], 1),
        rebind(Mode::Reader, Action::Down, &["↓"], 2),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(km.lookup(Mode::Reader, key('j')), Some(Action::PageDown));
}

#[test]
fn an_action_of_another_screen_is_refused() {
    let (km, problems) =
        Keymap::with_rebinds(&[rebind(Mode::Library, Action::HalfDown, &["x"], 9)]);
    assert_eq!(
        problems,
        vec![RebindProblem::NotInScreen {
            line: 9,
            mode: Mode::Library,
            action: Action::HalfDown
        }]
    );
    assert_eq!(km, Keymap::default());
}

#[test]
fn markdown_lists_every_screen() {
    let md = Keymap::default().markdown();
    for mode in ALL_MODES {
        assert!(md.contains(&format!("{}:\n\n| keys | action |", mode.title())));
    }
    assert!(md.contains("| `j` `↓` | line down |"), "{md}");
    assert!(md.contains("| `Ctrl-d` | half page down |"));
}

#[test]
fn mode_names_round_trip() {
    for m in ALL_MODES {
        assert_eq!(Mode::from_name(m.name()), Some(m));
    }
}

fn ctrl_c() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
}

#[test]
fn quit_cannot_be_unbound_nor_ctrl_c_taken() {
    // `quit = []` is refused on every screen: the defaults stay.
    let rebinds: Vec<Rebind> = ALL_MODES
        .iter()
        .map(|&m| rebind(m, Action::Quit, &[], 2))
        .collect();
    let (km, problems) = Keymap::with_rebinds(&rebinds);
    assert_eq!(km, Keymap::default());
    assert_eq!(
        problems,
        ALL_MODES
            .iter()
            .map(|&mode| RebindProblem::QuitKept { line: 2, mode })
            .collect::<Vec<_>>()
    );
    // Quit on other keys keeps Ctrl-c; Ctrl-c cannot be given away.
    let (km, problems) = Keymap::with_rebinds(&[
        rebind(Mode::Reader, Action::Quit, &["x"], 1),
        rebind(Mode::Reader, Action::Down, &["Ctrl-c", "J"], 2),
    ]);
    assert_eq!(
        problems,
        vec![RebindProblem::Taken {
            line: 2,
            mode: Mode::Reader,
            key: ctrl('c'),
            holder: Action::Quit,
            wanted: Action::Down
        }]
    );
    assert_eq!(km.lookup(Mode::Reader, key('x')), Some(Action::Quit));
    assert_eq!(km.lookup(Mode::Reader, ctrl_c()), Some(Action::Quit));
    assert_eq!(km.lookup(Mode::Reader, key('J')), Some(Action::Down));
    // Only Ctrl-c asked for: that is quit's own key, not a loss.
    let (km, problems) =
        Keymap::with_rebinds(&[rebind(Mode::Library, Action::Quit, &["Ctrl-c"], 1)]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(km.lookup(Mode::Library, key('q')), None);
    assert_eq!(km.lookup(Mode::Library, ctrl_c()), Some(Action::Quit));
    for mode in ALL_MODES {
        assert_eq!(km.lookup(mode, ctrl_c()), Some(Action::Quit), "{mode:?}");
    }
}

#[test]
fn a_rebinding_left_with_no_key_keeps_the_defaults() {
    // `j` moves down in the library: quit gets no key of its list.
    let (km, problems) = Keymap::with_rebinds(&[rebind(Mode::Library, Action::Quit, &["j"], 7)]);
    assert_eq!(
        problems,
        vec![
            RebindProblem::Taken {
                line: 7,
                mode: Mode::Library,
                key: ch('j'),
                holder: Action::Down,
                wanted: Action::Quit
            },
            RebindProblem::NoKeyLeft {
                line: 7,
                mode: Mode::Library,
                action: Action::Quit
            },
        ]
    );
    assert_eq!(km, Keymap::default());
    assert_eq!(km.lookup(Mode::Library, key('q')), Some(Action::Quit));
    assert_eq!(km.lookup(Mode::Library, key('j')), Some(Action::Down));
    // The same for any action; a default given away meanwhile stays given.
    let (km, problems) = Keymap::with_rebinds(&[
        rebind(Mode::Reader, Action::Down, &["i"], 1),
        rebind(Mode::Reader, Action::Info, &["k"], 2),
    ]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(km.lookup(Mode::Reader, key('k')), Some(Action::Up));
    assert_eq!(km.lookup(Mode::Reader, key('i')), Some(Action::Down));
    assert_eq!(km.binding(Mode::Reader, Action::Info).unwrap().keys, vec![]);
    // An empty list unbinds an action other than quit, and says so.
    let (km, problems) = Keymap::with_rebinds(&[rebind(Mode::Reader, Action::Info, &[], 3)]);
    assert_eq!(
        problems,
        vec![RebindProblem::Unbound {
            line: 3,
            mode: Mode::Reader,
            action: Action::Info
        }]
    );
    assert_eq!(km.lookup(Mode::Reader, key('i')), None);
}
