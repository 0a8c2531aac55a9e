//! The help overlay: every key of the current screen, from the keymap itself.

use crate::messages;
use crate::tui::keymap::{Mode, help_rows};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draw the help box over the current screen.
pub fn draw(frame: &mut Frame, mode: Mode, theme: &Theme) {
    let area = frame.area();
    let mut rows = help_rows(mode);
    rows.push((messages::HELP_MOUSE.0.to_string(), messages::HELP_MOUSE.1));
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_w$}"), theme.accent),
                Span::raw("  "),
                Span::raw(*h),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::styled(messages::HELP_CLOSE, theme.dim));
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
