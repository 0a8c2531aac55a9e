//! The integration tests, one binary for them all (the crate and tantivy are
//! linked once, not once per file): a module per area, the helpers in
//! `common`. A new file of tests is one more `mod` line here.
//! `cargo test --test it screens::` runs one module's tests.

mod common;

mod anchors;
mod cli;
mod comfort;
mod config;
mod damaged_data;
mod durability;
mod encodings;
mod epub;
mod escapes;
mod export;
mod find_progress;
mod flow;
mod hostile_formats;
mod hostile_library;
mod index_background;
mod lib_ru_yo;
mod links;
mod marks_screens;
mod notes_find;
mod open_long;
mod placement;
mod properties;
mod quit;
mod repo;
mod retitle;
mod scan_summary;
mod screens;
mod snapshots_all;
mod text_notes;
mod titles;
mod tmux;
mod tmux_links;
mod tmux_loop;
mod tmux_marks;
mod typography;
mod unsupported_formats;
mod zipped_fb2;
