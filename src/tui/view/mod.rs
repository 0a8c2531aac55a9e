//! Drawing: the app draws the screen shown and its overlay
//! ([`crate::tui::app::App::draw`]), every cell cleaned last.

use super::app::App;
use super::theme::Theme;
use ratatui::Frame;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    app.draw(frame, theme);
}
