//! Pieces every screen uses: list navigation with scrolling, the status
//! bar, the one-line text input.

pub mod clean;
pub mod list_nav;
pub mod status_bar;
pub mod text_input;

pub use clean::clean_cells;
pub use status_bar::{bar_text, ellipsize, ellipsize_start, prompt_bar};
