//! The help overlay: every key of the current screen, from the keymap in force.

use crate::messages;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Rows of the help list of a mode: every binding, then the mouse.
pub fn rows(keymap: &Keymap, mode: Mode) -> Vec<(String, &'static str)> {
    let mut rows = keymap.help_rows(mode);
    rows.push((messages::HELP_MOUSE.0.to_string(), messages::HELP_MOUSE.1));
    rows
}

/// How many list rows fit in a window `height` rows high (borders and the
/// footer line take three).
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(3))
}

/// Scroll the list by `action`, when it is longer than a window `height` rows high.
pub fn scroll(at: &mut usize, action: Action, keymap: &Keymap, mode: Mode, height: u16) {
    let room = visible_rows(height);
    let max = rows(keymap, mode).len().saturating_sub(room);
    *at = match action {
        Action::Down | Action::WheelDown => *at + 1,
        Action::PageDown => *at + room,
        Action::Up | Action::WheelUp => at.saturating_sub(1),
        Action::PageUp => at.saturating_sub(room),
        _ => *at,
    }
    .min(max);
}

/// Draw the help box over the current screen, its list starting at `scroll`
/// when it is longer than the window.
pub fn draw(frame: &mut Frame, keymap: &Keymap, mode: Mode, scroll: usize, theme: &Theme) {
    let area = frame.area();
    let rows = rows(keymap, mode);
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    // A help text longer than the box is cut with "…", never silently.
    let help_w = usize::from(area.width).saturating_sub(key_w + 4 + 2);
    let all: Vec<Line> = rows
        .iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_w$}"), theme.accent),
                Span::raw("  "),
                Span::raw(crate::tui::widgets::ellipsize(h, help_w)),
            ])
        })
        .collect();
    let fits = all.len() < visible_rows(area.height);
    let mut lines: Vec<Line> = if fits {
        all
    } else {
        let room = visible_rows(area.height);
        let scroll = scroll.min(all.len().saturating_sub(room));
        all.into_iter().skip(scroll).take(room).collect()
    };
    if fits {
        lines.push(Line::from(""));
    }
    let footer = if fits {
        messages::HELP_CLOSE
    } else {
        messages::HELP_SCROLL
    };
    lines.push(Line::styled(footer, theme.dim));
    let inner_w = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let w = (inner_w + 4).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(messages::HELP_TITLE);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
