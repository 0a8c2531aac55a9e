//! The outline: docked beside the text in wide windows, over it in narrow ones.

use super::Reader;
use crate::messages;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draw the outline, if it is open.
pub fn draw(frame: &mut Frame, r: &mut Reader, ses: &Session, theme: &Theme) {
    let layout = r.layout(ses);
    let Some(rect) = layout.outline else {
        return;
    };
    let area = frame.area();
    let docked = layout.docked;
    let current = r.current_section();
    let rows = layout.outline_rows;
    let p = &r.panel;
    let rect = rect.intersection(area);
    let block = if docked {
        Block::default()
            .borders(Borders::RIGHT)
            .border_style(theme.dim)
    } else {
        Block::default()
            .borders(Borders::ALL)
            .title(messages::OUTLINE_TITLE)
    };
    let inner_w = usize::from(if docked {
        rect.width.saturating_sub(1)
    } else {
        rect.width.saturating_sub(2)
    });
    let shown_current = current.map(|c| p.shown_for(c));
    let lines: Vec<Line> = p
        .visible()
        .into_iter()
        .skip(p.scroll)
        .take(rows)
        .map(|i| {
            let s = &p.outline.sections[i];
            let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)).min(5));
            let mark = match (p.has_children(i), p.is_folded(i)) {
                (true, true) => "▸ ",
                (true, false) => "▾ ",
                _ => "  ",
            };
            let text = ellipsize(&format!("{indent}{mark}{}", s.title), inner_w);
            let mut style = if s.synthetic { theme.dim } else { theme.body };
            if Some(i) == shown_current {
                style = theme.accent.add_modifier(Modifier::BOLD);
            }
            if i == p.cursor && (p.focused || !docked) {
                style = theme.selected;
            }
            Line::styled(format!("{text:<inner_w$}"), style)
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
