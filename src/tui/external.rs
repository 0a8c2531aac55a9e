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

/// A new file for the note in the temp dir, only ours to read.
fn tempfile_in_tmp() -> Result<(std::path::PathBuf, std::fs::File), String> {
    let dir = std::env::temp_dir();
    for n in 0..100u32 {
        let path = dir.join(format!("chitalka-note-{}-{n}.md", std::process::id()));
        let mut opts = std::fs::File::options();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        match opts.open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.to_string()),
        }
    }
    Err("no temp file".to_string())
}
