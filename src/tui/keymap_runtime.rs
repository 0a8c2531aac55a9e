//! The keymap in force: the default tables ([`super::keymap::BINDINGS`] and
//! [`super::keymap_marks::MARK_BINDINGS`]) with the user's per-screen
//! rebindings from `config.toml` applied. The lookup, the help overlay, the
//! hint bar, `chitalka keys` and the README's key tables all read it, so what
//! they show is what works.

use super::action::Action;
use super::keymap::{ALL_MODES, Key, Mode, all_bindings, key_name, normalise, punctuation_twin};
use crate::messages::{hint, keys as names};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One binding in force: the keys, in a mode, that do an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    /// The screen.
    pub mode: Mode,
    /// What the keys do.
    pub action: Action,
    /// The keys, first one shown in the hint bar (may be empty: unbound).
    pub keys: Vec<Key>,
    /// What the help overlay says.
    pub help: &'static str,
}

/// A user's rebinding: in `mode`, `action` is done by `keys`, which replace
/// its default keys there. `line` is where the config says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebind {
    /// The screen.
    pub mode: Mode,
    /// The action.
    pub action: Action,
    /// Its new keys.
    pub keys: Vec<Key>,
    /// The config line, for messages.
    pub line: usize,
}

/// Why (part of) a rebinding was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebindProblem {
    /// The action does nothing in that screen.
    NotInScreen {
        /// The config line.
        line: usize,
        /// The screen.
        mode: Mode,
        /// The action.
        action: Action,
    },
    /// The key already does another action in that screen (a default kept,
    /// or an earlier rebinding): it is left out of this one.
    Taken {
        /// The config line.
        line: usize,
        /// The screen.
        mode: Mode,
        /// The key.
        key: Key,
        /// The action that keeps the key.
        holder: Action,
        /// The action the config asked the key for.
        wanted: Action,
    },
    /// None of the keys given could be had: the action keeps its defaults.
    NoKeyLeft {
        /// The config line.
        line: usize,
        /// The screen.
        mode: Mode,
        /// The action.
        action: Action,
    },
    /// `quit = []`: quitting cannot be unbound; it keeps its defaults.
    QuitKept {
        /// The config line.
        line: usize,
        /// The screen.
        mode: Mode,
    },
    /// An empty list: the action now has no key in that screen (done, and
    /// said, in case it was not meant).
    Unbound {
        /// The config line.
        line: usize,
        /// The screen.
        mode: Mode,
        /// The action.
        action: Action,
    },
}

/// The key that quits from every screen and overlay, whatever the config
/// says: it is always part of `quit` and cannot be given to another action.
pub const ALWAYS_QUITS: Key = super::keymap_binding::ctrl('c');

/// Keys to actions, per screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<KeyBinding>,
}

impl Default for Keymap {
    /// The default tables.
    fn default() -> Self {
        Keymap {
            bindings: all_bindings()
                .map(|b| KeyBinding {
                    mode: b.mode,
                    action: b.action,
                    keys: b.keys.to_vec(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with `rebinds` applied, in order. A key already bound to
    /// another action of the screen (by a default that was not rebound, or by
    /// an earlier rebinding) stays with it and is left out of the later one;
    /// a rebinding left with none of its keys is not applied (the defaults
    /// stay). [`ALWAYS_QUITS`] stays with `quit` on every screen, and `quit`
    /// is never left without keys.
    pub fn with_rebinds(rebinds: &[Rebind]) -> (Keymap, Vec<RebindProblem>) {
        let mut km = Keymap::default();
        let mut problems = Vec::new();
        for mode in ALL_MODES {
            let mut mine: Vec<&Rebind> = Vec::new();
            for r in rebinds.iter().filter(|r| r.mode == mode) {
                if km.binding(mode, r.action).is_some() {
                    mine.push(r);
                } else {
                    problems.push(RebindProblem::NotInScreen {
                        line: r.line,
                        mode,
                        action: r.action,
                    });
                }
            }
            let rebound = |a: Action| mine.iter().any(|r| r.action == a);
            let mut used: Vec<(Key, Action)> = vec![(ALWAYS_QUITS, Action::Quit)];
            used.extend(
                km.bindings
                    .iter()
                    .filter(|b| b.mode == mode && !rebound(b.action))
                    .flat_map(|b| b.keys.iter().map(|k| (*k, b.action))),
            );
            for r in &mine {
                // The keys this action gets; `had` says it holds one already.
                let (mut keys, mut had) = (Vec::new(), false);
                for k in &r.keys {
                    match used.iter().find(|(u, _)| u == k) {
                        Some((_, holder)) if *holder == r.action => had = true,
                        Some((_, holder)) => problems.push(RebindProblem::Taken {
                            line: r.line,
                            mode,
                            key: *k,
                            holder: *holder,
                            wanted: r.action,
                        }),
                        None => {
                            used.push((*k, r.action));
                            keys.push(*k);
                        }
                    }
                }
                let (line, action) = (r.line, r.action);
                let keep_defaults = if r.keys.is_empty() && action == Action::Quit {
                    problems.push(RebindProblem::QuitKept { line, mode });
                    true
                } else if r.keys.is_empty() {
                    problems.push(RebindProblem::Unbound { line, mode, action });
                    false
                } else if keys.is_empty() && !had {
                    problems.push(RebindProblem::NoKeyLeft { line, mode, action });
                    true
                } else {
                    false
                };
                if keep_defaults {
                    // The defaults stay, but for keys given to another action since.
                    keys = Self::default_keys(mode, action)
                        .filter(|k| !used.iter().any(|(u, _)| u == k))
                        .collect();
                    used.extend(keys.iter().map(|k| (*k, action)));
                }
                if let Some(b) = km
                    .bindings
                    .iter_mut()
                    .find(|b| b.mode == mode && b.action == r.action)
                {
                    b.keys = keys;
                }
            }
            if let Some(b) = km
                .bindings
                .iter_mut()
                .find(|b| b.mode == mode && b.action == Action::Quit)
                && !b.keys.contains(&ALWAYS_QUITS)
            {
                b.keys.push(ALWAYS_QUITS);
            }
        }
        (km, problems)
    }

    /// The default keys of an action in a mode.
    fn default_keys(mode: Mode, action: Action) -> impl Iterator<Item = Key> {
        all_bindings()
            .filter(move |b| b.mode == mode && b.action == action)
            .flat_map(|b| b.keys.iter().copied())
    }

    /// Every binding, screen by screen in table order.
    pub fn bindings(&self) -> &[KeyBinding] {
        &self.bindings
    }

    /// The binding of an action in a mode, if it has one there.
    pub fn binding(&self, mode: Mode, action: Action) -> Option<&KeyBinding> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.action == action)
    }

    fn find(&self, mode: Mode, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The action a key press does in a mode: the key as typed first (a
    /// Cyrillic letter can be bound itself), then its Latin twin on the
    /// ЙЦУКЕН layout, then the Russian layout's punctuation twin.
    pub fn lookup(&self, mode: Mode, ev: KeyEvent) -> Option<Action> {
        let twin = normalise(ev);
        let raw = match ev.code {
            KeyCode::Char(c) => Key {
                code: KeyCode::Char(c),
                mods: twin.mods,
            },
            _ => twin,
        };
        self.find(mode, raw)
            .or_else(|| (twin != raw).then(|| self.find(mode, twin)).flatten())
            .or_else(|| match twin.code {
                KeyCode::Char(c) => punctuation_twin(c).and_then(|t| {
                    self.find(
                        mode,
                        Key {
                            code: KeyCode::Char(t),
                            mods: twin.mods,
                        },
                    )
                }),
                _ => None,
            })
    }

    /// The help lines of a mode: keys and what they do.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode)
            .map(|b| (keys_text(&b.keys, " "), b.help))
            .collect()
    }

    /// The hint bar of a mode: the first key of each action, and a word for
    /// it. A short bar (for narrow windows) names only the help key.
    pub fn hint_bar(&self, mode: Mode, short: bool) -> String {
        self.hint_bar_last(mode, short, false)
    }

    /// [`Keymap::hint_bar`] on the last screen there is (one file opened on
    /// its own): going back quits, and says so.
    pub fn hint_bar_last(&self, mode: Mode, short: bool, last: bool) -> String {
        hint_actions(mode, short)
            .iter()
            .map(|&(action, word)| match action {
                Action::Back if last => (action, crate::messages::hint::QUIT),
                _ => (action, word),
            })
            .filter_map(|(action, word)| {
                let k = self.binding(mode, action)?.keys.first()?;
                Some(format!("{} {word}", key_name(k)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The key tables of every screen as Markdown (for `chitalka keys
    /// --markdown` and the README).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for mode in ALL_MODES {
            out.push_str(&format!("{}:\n\n", mode.title()));
            out.push_str(&format!(
                "| {} | {} |\n|---|---|\n",
                names::KEYS,
                names::ACTION
            ));
            for b in self.bindings.iter().filter(|b| b.mode == mode) {
                let keys = if b.keys.is_empty() {
                    names::UNBOUND.to_string()
                } else {
                    b.keys
                        .iter()
                        .map(|k| md_code(&key_name(k)))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                out.push_str(&format!("| {keys} | {} |\n", b.help.replace('|', "\\|")));
            }
            out.push('\n');
        }
        out.pop();
        out
    }

    /// The key tables of every screen as plain text (for `chitalka keys`).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for mode in ALL_MODES {
            out.push_str(&format!("{}:\n", mode.title()));
            let rows = self.help_rows(mode);
            let w = rows
                .iter()
                .map(|(k, _)| crate::core::width::str_width(k))
                .max()
                .unwrap_or(0);
            for (k, h) in rows {
                let pad = w - crate::core::width::str_width(&k);
                out.push_str(&format!("  {k}{}  {h}\n", " ".repeat(pad)));
            }
            out.push('\n');
        }
        out.pop();
        out
    }
}

/// Keys written one after another, "(none)" for none.
pub fn keys_text(keys: &[Key], sep: &str) -> String {
    keys.iter().map(key_name).collect::<Vec<_>>().join(sep)
}

/// A key name as Markdown code, safe inside a table.
fn md_code(name: &str) -> String {
    let name = name.replace('|', "\\|");
    if name.contains('`') {
        format!("`` {name} ``")
    } else {
        format!("`{name}`")
    }
}

/// The actions a mode's hint bar names, with their words.
fn hint_actions(mode: Mode, short: bool) -> &'static [(Action, &'static str)] {
    match mode {
        _ if short => &[(Action::Help, hint::HELP)],
        Mode::Library => &[
            (Action::Open, hint::OPEN),
            (Action::Filter, hint::FILTER),
            (Action::ToggleSort, hint::SORT),
            (Action::Help, hint::HELP),
            (Action::Quit, hint::QUIT),
        ],
        Mode::Select => &[
            (Action::Down, hint::EXTEND),
            (Action::Bookmark, hint::BOOKMARK),
            (Action::Annotate, hint::NOTE),
            (Action::Back, hint::CANCEL),
        ],
        Mode::Marks => &[
            (Action::Open, hint::GO),
            (Action::ToggleScope, hint::SCOPE),
            (Action::Edit, hint::EDIT),
            (Action::Delete, hint::DELETE),
            (Action::Back, hint::BACK),
        ],
        Mode::Reader => &[
            (Action::ToggleOutline, hint::OUTLINE),
            (Action::Back, hint::BACK),
            (Action::Help, hint::HELP),
        ],
        Mode::Search => &[
            (Action::Open, hint::OPEN),
            (Action::Filter, hint::QUERY),
            (Action::Back, hint::BACK),
            (Action::Help, hint::HELP),
        ],
        Mode::Outline => &[
            (Action::Open, hint::GO),
            (Action::ToggleFold, hint::FOLD),
            (Action::FocusSwitch, hint::TEXT),
            (Action::Help, hint::HELP),
        ],
    }
}

/// Read a key name as the help shows it (`j`, `G`, `Space`, `PgDn`, `Enter`,
/// `Esc`, `Tab`, `F1`, `↓` or `Down`, `Ctrl-d`, `Alt-x`, `Del`, a Cyrillic
/// letter ...). Names are case-blind; a single character is itself.
pub fn parse_key(name: &str) -> Option<Key> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    'prefixes: loop {
        for (p, m) in [
            ("ctrl-", KeyModifiers::CONTROL),
            ("ctrl+", KeyModifiers::CONTROL),
            ("c-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
            ("alt+", KeyModifiers::ALT),
            ("m-", KeyModifiers::ALT),
        ] {
            if let (Some(head), Some(tail)) = (rest.get(..p.len()), rest.get(p.len()..))
                && head.eq_ignore_ascii_case(p)
                && !tail.is_empty()
            {
                mods |= m;
                rest = tail;
                continue 'prefixes;
            }
        }
        break;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some('↓'), None) => KeyCode::Down,
        (Some('↑'), None) => KeyCode::Up,
        (Some('←'), None) => KeyCode::Left,
        (Some('→'), None) => KeyCode::Right,
        (Some(c), None) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
        }
        (Some(c), None) => KeyCode::Char(c),
        _ => named_key(&rest.to_lowercase())?,
    };
    Some(Key { code, mods })
}

fn named_key(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" | "spc" => KeyCode::Char(' '),
        "pgdn" | "pagedown" | "pgdown" => KeyCode::PageDown,
        "pgup" | "pageup" => KeyCode::PageUp,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" | "return" | "ret" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" | "s-tab" => KeyCode::BackTab,
        "backspace" | "bs" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "ins" | "insert" => KeyCode::Insert,
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=24) => KeyCode::F(n),
            _ => return None,
        },
        _ => return None,
    })
}

impl Mode {
    /// The screen's name in `config.toml` (`[keys.reader]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Library => "library",
            Mode::Reader => "reader",
            Mode::Outline => "outline",
            Mode::Search => "search",
            Mode::Select => "select",
            Mode::Marks => "marks",
        }
    }

    /// The screen called `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Mode> {
        ALL_MODES.into_iter().find(|m| m.name() == name)
    }

    /// The screen's title in key listings.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Library => names::SCREEN_LIBRARY,
            Mode::Reader => names::SCREEN_READER,
            Mode::Outline => names::SCREEN_OUTLINE,
            Mode::Search => names::SCREEN_SEARCH,
            Mode::Select => names::SCREEN_SELECT,
            Mode::Marks => names::SCREEN_MARKS,
        }
    }
}

#[cfg(test)]
mod tests;
