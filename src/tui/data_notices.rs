//! What the TUI says at its start about damaged data, once: the notices left
//! by whoever moved a damaged file aside (`chitalka list`, `chitalka mark`,
//! or this start's own look at the state file), and any other warning
//! about the reading positions. The status bar shows the first (paths in
//! the home folder as `~/…`, so that the file's name fits); all are said
//! again in full on exit, where they stay readable.

use crate::core::notices::{self, Notice};
use crate::core::store::StoreWarning;
use crate::messages;
use std::path::Path;

/// What was found at start: each said in full (for the exit), and the
/// status-bar message.
#[derive(Debug, Default)]
pub struct AtStart {
    /// Every notice and warning, in full.
    pub said: Vec<String>,
    /// The first, shorter, and how many more.
    pub bar: Option<String>,
}

/// Take the notices left in `data_dir` and word them, with `warning` (what
/// opening the state file just said) unless a notice already says it.
/// `home` is the person's home folder, shown as `~` in the bar.
pub fn at_start(data_dir: &Path, warning: Option<StoreWarning>, home: Option<&Path>) -> AtStart {
    let left = notices::take(data_dir);
    let mut said: Vec<String> = left.iter().map(messages::notice).collect();
    let mut short: Vec<String> = left
        .iter()
        .map(|n| messages::notice(&tilde(n, home)))
        .collect();
    match warning {
        Some(StoreWarning::Corrupt(aside))
            if left.iter().any(|n| Path::new(n.moved_to()) == aside) => {}
        Some(w) => {
            said.insert(0, w.to_string());
            short.insert(0, w.to_string());
        }
        None => {}
    }
    let bar = short.first().map(|first| match short.len() {
        1 => first.clone(),
        n => format!("{first}{}", messages::more_notices(n - 1)),
    });
    AtStart { said, bar }
}

/// The notice with its path under `home` written `~/…`.
fn tilde(n: &Notice, home: Option<&Path>) -> Notice {
    let short = |p: &str| -> String {
        home.filter(|h| h.components().count() > 1)
            .and_then(|h| Path::new(p).strip_prefix(h).ok())
            .map_or_else(|| p.to_string(), |rest| format!("~/{}", rest.display()))
    };
    match n {
        Notice::StateMovedAside { moved_to } => Notice::StateMovedAside {
            moved_to: short(moved_to),
        },
        Notice::MarksMovedAside { article, moved_to } => Notice::MarksMovedAside {
            article: article.clone(),
            moved_to: short(moved_to),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_the_first_shortened_the_exit_all_in_full() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path();
        let data = home.join(".local/share/chitalka");
        for (i, name) in ["state.json.corrupt-1", "marks/a.json.corrupt-1"]
            .iter()
            .enumerate()
        {
            let moved_to = data.join(name).to_string_lossy().into_owned();
            let n = if i == 0 {
                Notice::StateMovedAside { moved_to }
            } else {
                Notice::MarksMovedAside {
                    article: "война.txt".into(),
                    moved_to,
                }
            };
            notices::record(&data, n).expect("record");
        }
        let got = at_start(&data, None, Some(home));
        assert_eq!(got.said.len(), 2);
        assert!(
            got.said
                .iter()
                .all(|s| s.contains(&*home.to_string_lossy()))
        );
        let bar = got.bar.expect("bar");
        assert!(bar.contains("~/.local/share/chitalka/"), "{bar}");
        assert!(bar.contains(&messages::more_notices(1)), "{bar}");
        let again = at_start(&data, None, Some(home));
        assert!(again.said.is_empty() && again.bar.is_none());
    }

    #[test]
    fn a_warning_already_in_a_notice_is_said_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("state.json"), "{ damaged").expect("write");
        let (_, w) = crate::core::store::Store::open(dir.path());
        assert!(matches!(w, Some(StoreWarning::Corrupt(_))));
        let got = at_start(dir.path(), w, None);
        assert_eq!(got.said.len(), 1, "{:?}", got.said);
        // Without the notice (it could not be left), the warning says it.
        let got = at_start(
            dir.path(),
            Some(StoreWarning::Corrupt(dir.path().join("x"))),
            None,
        );
        assert_eq!(got.said.len(), 1);
    }
}
