//! Start-up shared by the TUI and the CLI: resolve paths, read the config,
//! create the default library with samples on first run.

use crate::bundled;
use crate::config::{self, Config};
use crate::messages;
use crate::paths::{self, Flags, Paths};

/// Everything a command needs to start.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Where things live.
    pub paths: Paths,
    /// The settings.
    pub config: Config,
    /// Things to tell the person (a config error, samples installed).
    pub notes: Vec<String>,
}

/// Resolve paths and config from flags and this process's environment.
pub fn setup(flags: &Flags) -> Result<Setup, String> {
    setup_with_env(flags, &paths::process_env)
}

/// [`setup`] with an injected environment.
pub fn setup_with_env(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Setup, String> {
    let mut notes = Vec::new();
    let config_dir = paths::config_dir(env)?;
    let (config, warnings) = config::load(&config_dir.join(paths::CONFIG_FILE));
    notes.extend(warnings);
    crate::core::article_file::set_max_file_bytes(config.max_file_mb.bytes());
    crate::core::guarded::set_test_panic(env(crate::core::guarded::TEST_PANIC_IN_ENV));
    crate::core::index::set_test_batch_bytes(
        env(crate::core::index::TEST_BATCH_ENV).and_then(|v| v.parse().ok()),
    );
    let paths = paths::resolve(flags, env, config.library.clone())?;
    if paths.default_library && !flags.file_only {
        match bundled::install_if_missing(&paths.library) {
            Ok(true) => notes.push(messages::note_samples_installed(&paths.library)),
            Ok(false) => {}
            Err(e) => return Err(messages::err_library(&paths.library, &e)),
        }
    }
    Ok(Setup {
        paths,
        config,
        notes,
    })
}
