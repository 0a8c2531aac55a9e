//! Pure draw functions, one file per screen. They read the app state and
//! draw into a frame; they never change state or look at keys.

pub mod help;
pub mod info;
pub mod library;
pub mod marks;
pub mod note_editor;
pub mod outline;
pub mod reader;
pub mod search;

use super::app::{App, Screen};
use super::theme::Theme;
use crate::core::width::{display_str, fit_prefix, str_width};
use ratatui::Frame;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    match app.screen {
        Screen::Library => library::draw(frame, app, theme),
        Screen::Search => search::draw(frame, app, theme),
        Screen::Marks => marks::draw(frame, app, theme),
        Screen::Reader => {
            reader::draw(frame, app, theme);
            outline::draw(frame, app, theme);
            marks::draw_note(frame, app, frame.area(), theme);
        }
    }
    if app.info {
        info::draw(frame, app, theme);
    }
    if app.note_edit.is_some() {
        draw_note_editor(frame, app, theme);
    }
    if app.help {
        help::draw(
            frame,
            &app.config.keymap,
            app.mode(),
            app.help_scroll,
            theme,
        );
    }
}

/// The note editor over the lower half of the text column.
fn draw_note_editor(frame: &mut Frame, app: &mut App, theme: &Theme) {
    let area = frame.area();
    let rows = usize::from(area.height.saturating_sub(1));
    let rect = marks::note_box(app, area, (rows / 2).max(8));
    let Some(ne) = app.note_edit.as_mut() else {
        return;
    };
    let title = crate::messages::note::title(&marks::one_line(&ne.quote));
    let hint = if ne.asking {
        crate::messages::note::DISCARD
    } else {
        crate::messages::note::HINT
    };
    note_editor::draw(frame, rect, &mut ne.editor, &title, hint, theme);
}

/// `s` cut to `cols` columns, with "…" when it was cut.
/// The result is in display form (see [`crate::core::width::display_str`]).
pub fn ellipsize(s: &str, cols: usize) -> String {
    if str_width(s) <= cols {
        return display_str(s);
    }
    if cols == 0 {
        return String::new();
    }
    let (head, _) = fit_prefix(s, cols - 1);
    format!("{}…", display_str(head))
}

/// `left` and `right` on one bar of `cols` columns; the left side is cut first.
pub fn bar_text(left: &str, right: &str, cols: usize) -> String {
    let rw = str_width(right);
    if rw >= cols {
        return ellipsize(right, cols);
    }
    let left = ellipsize(left, cols - rw - 1);
    let gap = cols - rw - str_width(&left);
    format!("{left}{}{right}", " ".repeat(gap))
}
