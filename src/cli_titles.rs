//! `chitalka retitle`: the person names an article (its title, its author),
//! or goes back to what the file says; kept in the data dir by content id
//! (see [`crate::core::titles`]).

use crate::cli::resolve_article;
use crate::core::library;
use crate::core::titles::{Retitle, Titles};
use crate::messages;
use crate::setup::Setup;
use std::io::Write;
use std::path::Path;

/// The key an article has in the data dir: its path inside the library,
/// else its full path (as the reader and `chitalka mark` key it).
pub fn article_key(setup: &Setup, file: &Path) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root, full) = (canonical(&setup.paths.library), canonical(file));
    if full.starts_with(&root) && !root.as_os_str().is_empty() {
        library::relative(&root, &full)
    } else {
        full.to_string_lossy().into_owned()
    }
}

/// `chitalka retitle PATH [--title T] [--author A] [--clear]`: save what the
/// person gives, then say what the article is called now.
pub fn retitle(
    setup: &Setup,
    path: &Path,
    change: &Retitle,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let file = resolve_article(setup, path)?;
    let (id, mut doc) = library::load(&file)
        .map_err(|reason| anyhow::anyhow!(messages::err_article(&file, &reason)))?;
    let key = article_key(setup, &file);
    let mut titles = Titles::open(&setup.paths.data_dir);
    titles
        .set(&id, &key, change)
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let by_person = titles.apply_doc(&id, &key, &mut doc);
    writeln!(
        out,
        "{}",
        messages::info::retitled(
            &messages::shown(&key),
            &messages::shown(&doc.title),
            doc.meta.author.as_deref().map(messages::shown).as_deref(),
            by_person,
        )
    )?;
    Ok(())
}

/// Put the titles and authors the person gave over `lib`'s (a titles file
/// that cannot be used is said on `err`; what can be read of it is used).
pub fn apply(
    setup: &Setup,
    lib: &mut library::Library,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let titles = Titles::open(&setup.paths.data_dir);
    if let Some(problem) = titles.problem() {
        writeln!(err, "chitalka: {}", messages::shown(&problem.to_string()))?;
    }
    titles.apply(lib);
    Ok(())
}
