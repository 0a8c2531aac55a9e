//! The pure core: documents, formats, layout, library, storage. Nothing here
//! knows about terminals or terminal crates, or about global paths.

pub mod anchor;
pub mod article_file;
pub mod data_file;
pub mod document;
pub mod find;
pub mod fold;
pub mod formats;
pub mod guarded;
pub mod hyphenate;
pub mod import;
pub mod index;
pub mod justify;
pub mod keyboard;
pub mod layout;
pub mod library;
pub mod locate;
pub mod marks;
pub mod marks_store;
pub mod notes_search;
pub mod notices;
pub mod outline;
pub mod placement;
pub mod preview;
pub mod progress;
pub mod scan_cache;
pub mod sentence;
pub mod store;
pub mod titles;
pub mod viewport;
pub mod width;
