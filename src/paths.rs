//! Where things live. Every path chitalka touches comes from here: flags first,
//! then environment variables, then the config file, then the platform's
//! directories (XDG on Linux). Tests point all of them at temp folders.

use crate::messages;
use directories::ProjectDirs;
use std::path::PathBuf;

/// Env var overriding the data dir.
pub const ENV_DATA_DIR: &str = "CHITALKA_DATA_DIR";
/// Env var overriding the library folder.
pub const ENV_LIBRARY: &str = "CHITALKA_LIBRARY";
/// Env var overriding the cache dir (the search index).
pub const ENV_CACHE_DIR: &str = "CHITALKA_CACHE_DIR";
/// Env var overriding the config dir.
pub const ENV_CONFIG_DIR: &str = "CHITALKA_CONFIG_DIR";

/// The config file's name, in the config dir.
pub const CONFIG_FILE: &str = "config.toml";

/// Paths given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
    /// `--library`.
    pub library: Option<PathBuf>,
    /// One file is opened on its own: the default library is not filled
    /// with the samples now (they cost a first start its first screen).
    pub file_only: bool,
}

/// All the places chitalka uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// User data: reading positions, later bookmarks and notes.
    pub data_dir: PathBuf,
    /// Where `config.toml` lives.
    pub config_dir: PathBuf,
    /// Caches that can be rebuilt (the search index).
    pub cache_dir: PathBuf,
    /// The library folder.
    pub library: PathBuf,
    /// The library is the default one in the data dir (filled with samples on first run).
    pub default_library: bool,
}

impl Paths {
    /// The config file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join(CONFIG_FILE)
    }

    /// The search index of the library (one per library folder).
    pub fn index_dir(&self) -> PathBuf {
        let lib = self
            .library
            .canonicalize()
            .unwrap_or_else(|_| self.library.clone());
        let key = xxhash_rust::xxh3::xxh3_64(lib.to_string_lossy().as_bytes());
        self.cache_dir.join("index").join(format!("{key:016x}"))
    }
}

/// The config dir alone (needed before the config can be read).
pub fn config_dir(env: &dyn Fn(&str) -> Option<String>) -> Result<PathBuf, String> {
    if let Some(d) = env(ENV_CONFIG_DIR).filter(|s| !s.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    project_dirs().map(|p| p.config_dir().to_path_buf())
}

fn project_dirs() -> Result<ProjectDirs, String> {
    ProjectDirs::from("", "", "chitalka").ok_or_else(|| messages::ERR_NO_HOME.to_string())
}

/// Resolve every path. `env` reads an environment variable; `config_library`
/// is the library folder named in the config file, if any.
pub fn resolve(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
    config_library: Option<PathBuf>,
) -> Result<Paths, String> {
    let from_env = |k: &str| env(k).filter(|s| !s.is_empty()).map(PathBuf::from);
    let data_dir = match flags.data_dir.clone().or_else(|| from_env(ENV_DATA_DIR)) {
        Some(d) => d,
        None => project_dirs()?.data_dir().to_path_buf(),
    };
    let config_dir = config_dir(env)?;
    let cache_dir = match from_env(ENV_CACHE_DIR) {
        Some(d) => d,
        None => project_dirs()?.cache_dir().to_path_buf(),
    };
    let chosen = flags
        .library
        .clone()
        .or_else(|| from_env(ENV_LIBRARY))
        .or(config_library);
    let default_library = chosen.is_none();
    let library = chosen.unwrap_or_else(|| data_dir.join("library"));
    Ok(Paths {
        data_dir,
        config_dir,
        cache_dir,
        library,
        default_library,
    })
}

/// Read an environment variable of this process.
pub fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flags_beat_env_beat_config() {
        let env = env_of(&[
            (ENV_DATA_DIR, "/env/data"),
            (ENV_LIBRARY, "/env/lib"),
            (ENV_CONFIG_DIR, "/env/cfg"),
        ]);
        let flags = Flags {
            data_dir: Some("/flag/data".into()),
            library: None,
            file_only: false,
        };
        let p = resolve(&flags, &env, Some("/cfg/lib".into())).expect("paths");
        assert_eq!(p.data_dir, PathBuf::from("/flag/data"));
        assert_eq!(p.library, PathBuf::from("/env/lib"));
        assert_eq!(p.config_file(), PathBuf::from("/env/cfg/config.toml"));
        assert!(!p.default_library);

        let env = env_of(&[(ENV_DATA_DIR, "/env/data"), (ENV_CONFIG_DIR, "/c")]);
        let p = resolve(&Flags::default(), &env, Some("/cfg/lib".into())).expect("paths");
        assert_eq!(p.library, PathBuf::from("/cfg/lib"));
        let p = resolve(&Flags::default(), &env, None).expect("paths");
        assert_eq!(p.library, PathBuf::from("/env/data/library"));
        assert!(p.default_library);
    }
}
