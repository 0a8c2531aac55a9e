//! chitalka (читалка, "reader"): a terminal reader for a local library of
//! articles, mostly in Russian and other Cyrillic scripts.
//!
//! Crate map:
//! - [`core`]: pure document model, formats, layout, library scan and storage
//!   (no terminal code; a test keeps it so).
//! - [`tui`]: the terminal shell: state, actions, keymap, views.
//! - [`cli`]: the scriptable subcommands (`list`, `render`).
//! - [`paths`], [`config`], [`setup`]: where things live and what the user set.
//! - [`bundled`]: the sample articles embedded in the binary.
//! - [`messages`]: every user-facing string.
//! - [`output`]: what the commands print, safe for a terminal (text and JSON).

#![warn(missing_docs)]

pub mod bundled;
pub mod cli;
pub mod cli_marks;
pub mod cli_titles;
pub mod config;
pub mod core;
pub mod messages;
pub mod output;
pub mod paths;
pub mod setup;
pub mod tui;
