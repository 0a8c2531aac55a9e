//! Driving the built binary in a real terminal: a tmux server of its own per
//! test (a private socket, `tmux -L`), keys sent, the screen read back.
//!
//! Nothing here sleeps for a fixed time: after keys, a test waits for what
//! they should show ([`Tmux::wait_for`], [`Tmux::wait_until`],
//! [`Tmux::press`]), reading the screen every [`POLL`] for at most
//! [`PATIENCE`], and fails with the last screen read. Keys reach the app in
//! the order sent, so several may go at once; but not Escape: an Escape
//! with more bytes right behind it reads as Alt and a key, so it goes alone
//! through [`Tmux::press`], which waits for it to be seen.

use super::{FIXTURE_LIBRARY, Home};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a test waits for what it expects before it fails (generous: the
/// machine may be busy with other tests).
pub const PATIENCE: Duration = Duration::from_secs(20);

/// How often the screen is read while waiting.
pub const POLL: Duration = Duration::from_millis(25);

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    pub fn available() -> bool {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok && std::env::var_os("CHITALKA_REQUIRE_TMUX").is_some() {
            panic!("tmux is required (CHITALKA_REQUIRE_TMUX is set) but not found");
        }
        ok
    }

    /// A tmux server on a socket of its own: `name` must differ between the
    /// tests (they run in parallel, in one process).
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("chitalka-test-{name}-{}", std::process::id()),
        }
    }

    pub fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux")
    }

    pub fn start(&self, home: &Home, w: u16, h: u16) {
        self.start_with(home, w, h, "exec env", "");
        self.wait_for("sorted by");
    }

    /// Start `prefix VAR=... chitalka --data-dir ... --library ... suffix` in a shell.
    pub fn start_with(&self, home: &Home, w: u16, h: u16, prefix: &str, suffix: &str) {
        let args = format!("--library '{FIXTURE_LIBRARY}'");
        self.start_args(home, (w, h), prefix, &args, suffix);
    }

    /// Start `prefix VAR=... chitalka --data-dir ... ARGS suffix` in a shell
    /// of a window `size` big, every user path in `home`.
    pub fn start_args(
        &self,
        home: &Home,
        size: (u16, u16),
        prefix: &str,
        args: &str,
        suffix: &str,
    ) {
        let (w, h) = size;
        let mut line = String::from(prefix);
        for (k, v) in home.env() {
            line.push_str(&format!(" {k}='{}'", v.display()));
        }
        line.push_str(&format!(
            " LANG=C.UTF-8 '{}' --data-dir '{}' {args}{suffix}",
            env!("CARGO_BIN_EXE_chitalka"),
            home.data().display(),
        ));
        let (w, h) = (w.to_string(), h.to_string());
        let out = self.cmd(&["new-session", "-d", "-x", &w, "-y", &h, "-s", "main", &line]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Wait until the screen shows what `ok` looks for, and return it; fail
    /// after [`PATIENCE`], saying what was awaited (`what`) and showing the
    /// last screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.screen();
            // The same screen twice in a row: the app has finished drawing
            // it (a frame may reach tmux in more than one piece).
            if s == last && ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited {PATIENCE:?} for {what}; the screen:\n{s}"
            );
            last = s;
            sleep(POLL);
        }
    }

    /// Wait until `needle` is on the screen, and return the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Send `keys` (tmux key names) at once; the app reads them in order.
    /// Escape is refused: it goes alone, through [`Tmux::press`].
    pub fn keys(&self, keys: &[&str]) {
        assert!(
            !keys.contains(&"Escape"),
            "send Escape with press: with keys right behind it, it reads as Alt"
        );
        self.send(keys);
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        let out = self.cmd(&args);
        assert!(
            out.status.success(),
            "send-keys {keys:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Press one key whose effect shows, and wait until the screen has
    /// changed; the screen then.
    pub fn press(&self, key: &str) -> String {
        let before = self.screen();
        self.send(&[key]);
        self.wait_until(&format!("the screen to change after {key}"), |s| {
            s != before
        })
    }

    /// Type `text` as it is (no key names).
    pub fn text(&self, text: &str) {
        let out = self.cmd(&["send-keys", "-t", "main", "-l", text]);
        assert!(out.status.success(), "send-keys -l {text:?}");
    }

    pub fn pid(&self) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["list-panes", "-t", "main", "-F", "#{pane_pid}"])
                .stdout,
        )
        .trim()
        .to_string()
    }

    pub fn wait_exit(&self) {
        let start = Instant::now();
        while self.cmd(&["has-session", "-t", "main"]).status.success() {
            assert!(
                start.elapsed() < PATIENCE,
                "chitalka did not exit:\n{}",
                self.screen()
            );
            sleep(POLL);
        }
    }

    pub fn open_seed(&self) -> String {
        self.keys(&["/"]);
        self.text("узбек");
        self.keys(&["Enter", "Enter"]);
        self.wait_for("% ·")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// The text rows of a reader screen (all but the status line).
pub fn text_rows(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}
