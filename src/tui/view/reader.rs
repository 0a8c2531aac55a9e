//! The reader: the text column and a status line.

use super::bar_text;
use crate::core::layout::{Line, LineStyle};
use crate::messages;
use crate::tui::app::App;
use crate::tui::keymap::{Mode, hint_bar};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::Paragraph;

/// The plain text of a screen row: the line at its place in a window whose
/// text column starts at `column_x`. The CLI `render` prints exactly this.
pub fn plain_row(line: &Line, column_x: usize) -> String {
    if line.text.is_empty() {
        return String::new();
    }
    format!("{}{}", " ".repeat(column_x + line.indent), line.text)
}

fn style_of(line: &Line, theme: &Theme) -> Style {
    match line.style {
        LineStyle::Body | LineStyle::Blank => theme.body,
        LineStyle::Heading(1) => theme.heading1,
        LineStyle::Heading(_) => theme.heading,
        LineStyle::Quote => theme.quote,
        LineStyle::Code => theme.code,
        LineStyle::Rule => theme.dim,
    }
}

/// The names of the section being read and its parents ("ТОМ ПЕРВЫЙ ›
/// ЧАСТЬ ПЕРВАЯ › I."), leaving out the article's own title.
fn section_path(app: &mut App) -> String {
    let Some(i) = app.current_section() else {
        return String::new();
    };
    let Some(r) = app.reader.as_ref() else {
        return String::new();
    };
    let o = &r.panel.outline;
    o.path(i)
        .into_iter()
        .map(|j| &o.sections[j])
        .filter(|s| !s.synthetic && s.title != r.doc.title)
        .map(|s| s.title.as_str())
        .collect::<Vec<_>>()
        .join(messages::SECTION_PATH_SEP)
}

/// Draw the reader screen.
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    let area = frame.area();
    let (column_x, _) = app.text_column();
    let status_y = area.height.saturating_sub(1);
    let section = section_path(app);
    let Some(r) = app.reader.as_mut() else { return };
    let lines = r.view.visible(&r.doc);
    let rows: Vec<TextLine> = lines
        .iter()
        .map(|l| {
            TextLine::from(vec![
                Span::raw(" ".repeat(column_x + l.indent)),
                Span::styled(l.text.as_str(), style_of(l, theme)),
            ])
        })
        .collect();
    let text_area = Rect::new(area.x, area.y, area.width, status_y);
    frame.render_widget(Paragraph::new(rows), text_area);

    let percent = (r.view.progress(&r.doc) * 100.0).round() as u32;
    let mut right = format!("{percent}%");
    if let Some((line, total)) = r.view.line_numbers() {
        right = format!("{right} · {}", messages::line_position(line, total));
    }
    right = format!("{right} · {} ", hint_bar(Mode::Reader, area.width < 80));
    let left = match (&app.message, r.doc.blocks.is_empty()) {
        (Some(m), _) => format!(" {m}"),
        (None, true) => format!(" {} {}", r.doc.title, messages::EMPTY_ARTICLE),
        (None, false) if section.is_empty() => format!(" {}", r.doc.title),
        (None, false) => format!(" {}{}{section}", r.doc.title, messages::STATUS_SECTION_SEP),
    };
    let bar = bar_text(&left, &right, usize::from(area.width));
    frame.render_widget(
        Paragraph::new(bar).style(theme.bar),
        Rect::new(area.x, area.y + status_y, area.width, 1.min(area.height)),
    );
}
