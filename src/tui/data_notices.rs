//! What the TUI says at its start about damaged data, once: the notices left
//! by whoever moved a damaged file aside (`chitalka list`, `chitalka mark`,
//! or this start's own look at the state file), and any other warning
//! about the reading positions.

use crate::core::notices;
use crate::core::store::StoreWarning;
use crate::messages;
use std::path::Path;

/// Take the notices left in `data_dir` and word them, with `warning` (what
/// opening the state file just said) unless a notice already says it.
pub fn at_start(data_dir: &Path, warning: Option<StoreWarning>) -> Vec<String> {
    let left = notices::take(data_dir);
    let mut said: Vec<String> = left.iter().map(messages::notice).collect();
    match warning {
        Some(StoreWarning::Corrupt(aside))
            if left.iter().any(|n| Path::new(n.moved_to()) == aside) => {}
        Some(w) => said.insert(0, w.to_string()),
        None => {}
    }
    said
}

/// The status-bar message for `said`: the first, and how many more.
pub fn bar_message(said: &[String]) -> Option<String> {
    let first = said.first()?;
    Some(match said.len() {
        1 => first.clone(),
        n => format!("{first}{}", messages::more_notices(n - 1)),
    })
}
