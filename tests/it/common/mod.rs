//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture library in the repo (relative, so screens show the same path everywhere).
pub const FIXTURE_LIBRARY: &str = "tests/fixtures/library";

/// The seed article in the fixture library.
pub const SEED: &str = "uzbeksko-yaponskoe-sotrudnichestvo.txt";

/// The names in a folder, sorted (none for a missing folder).
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A temp folder that stands in for the user's home: data, config and cache dirs inside.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    /// The chitalka binary with every user path pointed into this home.
    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_chitalka"));
        for (k, v) in self.env() {
            c.env(k, v);
        }
        c.env_remove("CHITALKA_DATA_DIR")
            .env_remove("CHITALKA_LIBRARY");
        c
    }

    /// Environment variables that keep chitalka inside this home.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.path().to_path_buf()),
            ("XDG_DATA_HOME", self.path().join("xdg-data")),
            ("XDG_CONFIG_HOME", self.path().join("xdg-config")),
            ("XDG_CACHE_HOME", self.path().join("xdg-cache")),
            ("CHITALKA_CONFIG_DIR", self.path().join("config")),
            ("CHITALKA_CACHE_DIR", self.path().join("cache")),
        ]
    }

    /// The binary on the fixture library, its data in this home.
    pub fn on_fixtures(&self) -> Command {
        self.on_library(Path::new(FIXTURE_LIBRARY))
    }

    /// The binary on the library `lib`, its data in this home.
    pub fn on_library(&self, lib: &Path) -> Command {
        let mut c = self.command();
        c.arg("--data-dir")
            .arg(self.data())
            .arg("--library")
            .arg(lib);
        c
    }

    /// Run `args` on the fixture library, its data in this home.
    pub fn run_on_fixtures(&self, args: &[&str]) -> Output {
        self.on_fixtures()
            .args(args)
            .output()
            .expect("run chitalka")
    }

    /// The notes exported as JSON (`notes --json` on the fixture library).
    pub fn exported_notes(&self) -> Vec<serde_json::Value> {
        let o = self.run_on_fixtures(&["notes", "--json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).expect("notes json")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run chitalka")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// The (level, title) of each section that `chitalka outline --json`
/// printed, once it succeeded.
pub fn outline_levels(o: &Output) -> Vec<(u64, String)> {
    assert!(o.status.success(), "{}", stderr(o));
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("json");
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| {
            let level = s["level"].as_u64().unwrap_or(0);
            (level, s["title"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}
pub mod rng;
pub mod screen;
pub mod tmux;
