//! Driving the built binary in a real terminal: a tmux server of its own per
//! test, keys sent, the screen read back.

use super::{FIXTURE_LIBRARY, Home};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

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
        let mut line = String::from(prefix);
        for (k, v) in home.env() {
            line.push_str(&format!(" {k}='{}'", v.display()));
        }
        line.push_str(&format!(
            " LANG=C.UTF-8 '{}' --data-dir '{}' --library '{}'{suffix}",
            env!("CARGO_BIN_EXE_chitalka"),
            home.data().display(),
            FIXTURE_LIBRARY
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

    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "{needle:?} never appeared on\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "main", k]);
            sleep(Duration::from_millis(60));
        }
    }

    pub fn text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "main", "-l", text]);
        sleep(Duration::from_millis(100));
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
                start.elapsed() < Duration::from_secs(10),
                "chitalka did not exit:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
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
