//! The desktop's opener for an external link: `$CHITALKA_OPENER` when set
//! (tests point it at a script), else `open` on macOS and `xdg-open`
//! elsewhere, found on `PATH`. It is started detached (stdin, stdout and
//! stderr null) and never waited for by the UI.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The env var naming the opener command (a path or a name on `PATH`).
pub const OPENER_VAR: &str = "CHITALKA_OPENER";

/// Why there is no opener.
#[derive(Debug, PartialEq, Eq)]
pub enum NoOpener {
    /// `$CHITALKA_OPENER` names a program that was not found.
    Configured(String),
    /// The desktop's opener (`xdg-open`, `open`) is not installed.
    Default,
}

/// The opener's program, or why there is none.
pub fn opener() -> Result<PathBuf, NoOpener> {
    let configured = std::env::var(OPENER_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty());
    match configured {
        Some(name) => find_program(&name).ok_or(NoOpener::Configured(name)),
        None => {
            let name = if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            };
            find_program(name).ok_or(NoOpener::Default)
        }
    }
}

/// `name` as a runnable file: a path as it is, else the first on `PATH`.
fn find_program(name: &str) -> Option<PathBuf> {
    let is_file = |p: &Path| p.is_file();
    if name.contains('/') {
        let p = PathBuf::from(name);
        return is_file(&p).then_some(p);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| is_file(p))
}

/// Start `program` on `target`, detached; a thread reaps it when it ends.
pub fn open(program: &Path, target: &str) -> Result<(), String> {
    let mut child = Command::new(program)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
