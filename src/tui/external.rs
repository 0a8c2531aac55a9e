//! Handing a note to the person's own editor (`$VISUAL`, `$EDITOR`, else
//! `vi`) and taking it back.

use std::io::Write;
use std::process::Command;

/// The editor command: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Edit `text` in the editor; the edited text, or why it failed (then the
/// text is left as it was). The command goes through `sh`, so an editor with
/// arguments ("code -w") works.
pub fn edit(text: &str) -> Result<String, String> {
    let mut file = tempfile_in_tmp()?;
    file.1
        .write_all(text.as_bytes())
        .and_then(|()| file.1.sync_all())
        .map_err(|e| e.to_string())?;
    let path = file.0.clone();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor_command()))
        .arg("sh")
        .arg(&path)
        .status();
    let result = match status {
        Ok(s) if s.success() => std::fs::read(&path)
            .map_err(|e| e.to_string())
            .map(|b| String::from_utf8_lossy(&b).into_owned()),
        Ok(s) => Err(s.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// A new file for the note in the temp dir, only ours to read (0600),
/// created exclusively under an unpredictable name: a link or file planted
/// in the shared temp dir is neither written through nor in the way.
fn tempfile_in_tmp() -> Result<(std::path::PathBuf, std::fs::File), String> {
    let file = tempfile::Builder::new()
        .prefix("chitalka-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| e.to_string())?;
    let (f, path) = file.keep().map_err(|e| e.error.to_string())?;
    Ok((path, f))
}
