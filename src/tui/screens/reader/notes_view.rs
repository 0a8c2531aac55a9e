//! A note shown over the text, and the box a note is shown or written in.

use super::Reader;
use crate::core::marks_store::MarkKind;
use crate::core::width::str_width;
use crate::messages;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A box over the text column `column` (two columns wider each side),
/// `height` rows tall (at most what there is), standing on the status
/// line: where a note is shown or written.
pub fn note_box(column: (usize, usize), area: Rect, height: usize) -> Rect {
    let (x, w) = column;
    let cols = usize::from(area.width);
    let width = (w + 4).min(cols);
    let x = x.saturating_sub(2).min(cols - width);
    let avail = usize::from(area.height).saturating_sub(1);
    let height = height.min(avail);
    Rect::new(
        area.x + x as u16,
        area.y + (avail - height) as u16,
        width as u16,
        height as u16,
    )
}

/// A passage as one line: white space squeezed.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The keys of a shown note, as the keymap has them (the list's go and edit).
fn popup_keys(ses: &Session) -> String {
    let first = |action| {
        ses.config
            .keymap
            .binding(Mode::Marks, action)
            .and_then(|b| b.keys.first())
            .map(crate::tui::keymap::key_name)
            .unwrap_or_default()
    };
    messages::note_popup_keys(&first(Action::Open), &first(Action::Edit))
}

/// Draw the note shown over the text (in the lower part of the window).
pub fn draw_note(frame: &mut Frame, r: &Reader, ses: &Session, theme: &Theme) {
    let area = frame.area();
    let Some(id) = r.note_shown.as_ref() else {
        return;
    };
    let Some(m) = r.marks.data.marks.get(id) else {
        return;
    };
    let MarkKind::Note { text } = &m.kind else {
        return;
    };
    let column = r.layout(ses).column;
    let inner = usize::from(note_box(column, area, 0).width)
        .saturating_sub(2)
        .max(1);
    // Rows the note needs, wrapped, plus the borders; at most half the screen.
    let needed: usize = text
        .split('\n')
        .map(|l| str_width(l).div_ceil(inner).max(1))
        .sum::<usize>()
        + 2;
    let avail = usize::from(area.height).saturating_sub(1);
    let rect = note_box(column, area, needed.min(avail / 2).max(3));
    let title = format!(
        " «{}» ",
        ellipsize(&one_line(&m.anchor.quote), inner.saturating_sub(6))
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(format!(" {} ", popup_keys(ses)))
        .style(theme.body)
        .border_style(theme.accent);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(
            text.split('\n')
                .map(|l| Line::raw(crate::core::width::display_str(l)))
                .collect::<Vec<_>>(),
        )
        .block(block)
        .wrap(Wrap { trim: false }),
        rect,
    );
}
