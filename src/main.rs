//! The `chitalka` command: the TUI, and subcommands for scripts.

use chitalka::config;
use chitalka::output::Safe;
use chitalka::paths::{self, Flags};
use chitalka::setup::{Setup, setup};
use chitalka::tui::keymap::Keymap;
use chitalka::{cli, messages, tui};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// chitalka (читалка): a terminal reader for a library of articles, Cyrillic done right.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The library folder (else CHITALKA_LIBRARY, the config, or <data dir>/library).
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,
    /// Where reading positions are kept (else CHITALKA_DATA_DIR or the platform data dir).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// A folder to open as the library, or a file to open in the reader.
    path: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the articles of the library.
    List {
        /// Print a JSON array instead of tab-separated lines.
        #[arg(long)]
        json: bool,
    },
    /// Copy files into the library (or move them with --move); "-" reads stdin.
    Add {
        /// Files to add ("-" for standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Remove each source file once it is safely in the library.
        #[arg(long = "move")]
        move_files: bool,
        /// The article's title (for stdin, or to override the document's): it names the file, and text and Markdown get it as their first heading.
        #[arg(long)]
        title: Option<String>,
    },
    /// Find words across the library: ranked hits with snippets.
    Find {
        /// Words to find (all of them, any word form); "an exact phrase" in quotes.
        query: String,
        /// Print JSON Lines (path, title, section, block, snippet, ...).
        #[arg(long)]
        json: bool,
        /// At most this many hits (10,000 at most).
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Export every note: Markdown grouped by article and section, or JSON.
    Notes {
        /// Print JSON (path, title, section, quote, note, created, detached).
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print Markdown (the default).
        #[arg(long)]
        markdown: bool,
    },
    /// Export every bookmark as JSON.
    Bookmarks {
        /// Print JSON (the only format).
        #[arg(long)]
        json: bool,
    },
    /// Add a note (with --note) or a bookmark on a passage; prints the new mark's id once saved.
    Mark {
        /// The article (a path, or a path inside the library).
        path: PathBuf,
        /// The passage, matched as find matches (case, ё/е, stress marks, white space);
        /// its first occurrence is marked, with the article's own words.
        quote: String,
        /// Make a note with this text ("-" reads it from standard input).
        #[arg(long, value_name = "TEXT", conflicts_with = "name")]
        note: Option<String>,
        /// Name the bookmark.
        #[arg(long)]
        name: Option<String>,
    },
    /// Give an article your own title or author (kept in the data dir, shown everywhere), or --clear them.
    Retitle {
        /// The article (a path, or a path inside the library).
        path: PathBuf,
        /// The title to show ("" goes back to the file's own).
        #[arg(long, required_unless_present_any = ["author", "clear"])]
        title: Option<String>,
        /// The author to show ("" goes back to the file's own).
        #[arg(long)]
        author: Option<String>,
        /// Forget the title and author you gave: the file's own are shown again.
        #[arg(long, conflicts_with_all = ["title", "author"])]
        clear: bool,
    },
    /// Print the sections of an article, indented by level.
    Outline {
        /// The article (a path, or a path inside the library).
        path: PathBuf,
        /// Print a JSON array of {level, title, block, synthetic}.
        #[arg(long)]
        json: bool,
    },
    /// Where the config file is, or a commented default config to start one from.
    Config {
        /// Print the config file's path.
        #[arg(long, conflicts_with = "default", required_unless_present = "default")]
        path: bool,
        /// Print a commented config with every setting at its default.
        #[arg(long)]
        default: bool,
    },
    /// Print the keys of every screen (as the config file sets them).
    Keys {
        /// Print Markdown tables (as in the README).
        #[arg(long)]
        markdown: bool,
        /// The default keys, whatever the config says.
        #[arg(long)]
        default: bool,
    },
    /// Print the reader's text for a window of the given size, as plain text.
    Render {
        /// The article (a path, or a path inside the library).
        path: PathBuf,
        /// Window width in columns.
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(1..))]
        width: u16,
        /// Rows of text to print.
        #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u16).range(1..))]
        height: u16,
        /// Justify running text (even right edges).
        #[arg(long)]
        justify: bool,
        /// Break words at hyphenation points (Russian or English, from the article).
        #[arg(long)]
        hyphenate: bool,
        /// Indent the first line of each paragraph by this many columns.
        #[arg(long, value_name = "N", default_value_t = 0)]
        indent: usize,
        /// Rows per line of text: 1 = normal, 2 = a blank row after each.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
        spacing: u8,
    },
}

/// Did the error come from writing to a pipe whose reader went away (also
/// through serde_json, which wraps the I/O error)?
fn closed_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(BrokenPipe)
    })
}

fn main() -> ExitCode {
    // A panic caught on a bad file is that file's reason, not a message here.
    chitalka::core::guarded::install_quiet_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
            // An argument (a file name) may hold an escape sequence: the
            // error quotes it, so it is escaped as every output is.
            let text = messages::shown_lines(&e.render().to_string());
            if matches!(e.kind(), DisplayHelp | DisplayVersion) {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `chitalka outline BOOK | head`: a closed pipe is not an error.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chitalka: {}", messages::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let mut flags = Flags {
        data_dir: cli.data_dir,
        library: cli.library,
        file_only: false,
    };
    // `chitalka DIR` is `chitalka --library DIR`.
    let file = match cli.path {
        Some(p) if p.is_dir() => {
            flags.library = Some(p);
            None
        }
        Some(p) if p.is_file() => Some(p),
        Some(p) => anyhow::bail!(cli::not_an_article(&p)),
        None => None,
    };
    flags.file_only = file.is_some() && cli.command.is_none();
    match cli.command {
        Some(Command::Config { default, .. }) => return config_command(default),
        Some(Command::Keys { markdown, default }) => return keys_command(markdown, default),
        _ => {}
    }
    let setup: Setup = setup(&flags).map_err(anyhow::Error::msg)?;
    // Whatever a command prints, no control character of its data reaches
    // the terminal (each also escapes what it takes from data).
    let mut stdout = Safe::new(std::io::stdout().lock());
    let mut stderr = Safe::new(std::io::stderr().lock());
    if cli.command.is_some() {
        // A config problem or a new library is worth a line on stderr.
        for note in &setup.notes {
            writeln!(stderr, "chitalka: {}", messages::shown(note))?;
        }
    }
    match cli.command {
        Some(Command::List { json }) => {
            return cli::list(&setup, json, &mut stdout, &mut stderr);
        }
        Some(Command::Add {
            files,
            move_files,
            title,
        }) => {
            let mut stdin = std::io::stdin().lock();
            let outcome = cli::add(
                &setup,
                &files,
                move_files,
                title.as_deref(),
                &mut stdin,
                &mut stdout,
                &mut stderr,
            )?;
            if let Some(failure) = outcome.failure() {
                return Err(anyhow::anyhow!(failure));
            }
            return Ok(());
        }
        Some(Command::Find { query, json, limit }) => {
            let limit = limit.min(cli::MAX_HITS);
            return cli::find(&setup, &query, json, limit, &mut stdout, &mut stderr);
        }
        Some(Command::Mark {
            path,
            quote,
            note,
            name,
        }) => {
            let mut stdin = std::io::stdin().lock();
            return chitalka::cli_marks::mark(
                &setup,
                &path,
                &quote,
                note.as_deref(),
                name.as_deref(),
                &mut stdin,
                &mut stdout,
                &mut stderr,
            );
        }
        Some(Command::Notes { json, .. }) => {
            let (marks, warnings) = chitalka::cli_marks::collect(&setup, true)?;
            for w in &warnings {
                writeln!(stderr, "chitalka: {}", messages::shown(w))?;
            }
            return if json {
                chitalka::cli_marks::write_json(&marks, &mut stdout)
            } else {
                chitalka::cli_marks::write_markdown(&marks, &mut stdout)
            };
        }
        Some(Command::Bookmarks { .. }) => {
            let (marks, warnings) = chitalka::cli_marks::collect(&setup, false)?;
            for w in &warnings {
                writeln!(stderr, "chitalka: {}", messages::shown(w))?;
            }
            return chitalka::cli_marks::write_json(&marks, &mut stdout);
        }
        Some(Command::Outline { path, json }) => {
            return cli::outline(&setup, &path, json, &mut stdout);
        }
        Some(Command::Retitle {
            path,
            title,
            author,
            clear,
        }) => {
            let change = chitalka::core::titles::Retitle {
                title,
                author,
                clear,
            };
            return chitalka::cli_titles::retitle(&setup, &path, &change, &mut stdout);
        }
        Some(Command::Render {
            path,
            width,
            height,
            justify,
            hyphenate,
            indent,
            spacing,
        }) => {
            // The config's text settings, and the flags on top of them.
            let from_config = chitalka::core::layout::LayoutOptions::from(&setup.config.text);
            let options = chitalka::core::layout::LayoutOptions {
                justify: justify || from_config.justify,
                hyphenate: hyphenate || from_config.hyphenate,
                paragraph_indent: if indent > 0 {
                    indent
                } else {
                    from_config.paragraph_indent
                },
                line_spacing: if spacing > 1 {
                    usize::from(spacing)
                } else {
                    from_config.line_spacing
                },
            };
            return cli::render(&setup, &path, (width, height), options, &mut stdout);
        }
        Some(Command::Config { .. } | Command::Keys { .. }) | None => {}
    }
    drop((stdout, stderr));
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    // Keys typed while the library is read or the file opened are kept for
    // the app, not echoed on the screen left behind (nor Enter made Ctrl-j).
    let held = tui::terminal::hold_keys();
    let app = tui::start(&setup, file.as_deref(), size);
    if app.is_err() && held {
        tui::terminal::release_keys();
    }
    let app = app.map_err(anyhow::Error::msg)?;
    let result = tui::run(app);
    // Said again on the normal screen, where it stays readable.
    for note in &setup.notes {
        eprintln!("chitalka: {}", messages::shown(note));
    }
    result
}

/// `chitalka config --path | --default`: needs no library, nor a readable config.
fn config_command(default: bool) -> anyhow::Result<()> {
    let mut stdout = Safe::new(std::io::stdout().lock());
    if default {
        write!(stdout, "{}", config::default_toml())?;
    } else {
        let dir = paths::config_dir(&paths::process_env).map_err(anyhow::Error::msg)?;
        let file = dir.join(paths::CONFIG_FILE);
        writeln!(stdout, "{}", messages::shown(&file.display().to_string()))?;
    }
    Ok(())
}

/// `chitalka keys [--markdown] [--default]`: the keys in force, per screen.
fn keys_command(markdown: bool, default: bool) -> anyhow::Result<()> {
    let keymap = if default {
        Keymap::default()
    } else {
        let dir = paths::config_dir(&paths::process_env).map_err(anyhow::Error::msg)?;
        let (config, warnings) = config::load(&dir.join(paths::CONFIG_FILE));
        for w in &warnings {
            eprintln!("chitalka: {}", messages::shown(w));
        }
        config.keymap
    };
    let mut stdout = Safe::new(std::io::stdout().lock());
    if markdown {
        writeln!(stdout, "{}", keymap.markdown())?;
    } else {
        writeln!(stdout, "{}", keymap.text())?;
    }
    Ok(())
}
