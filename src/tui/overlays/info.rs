//! The article info panel: what chitalka knows about the open article.

use crate::core::document::reading_minutes;
use crate::messages::{self, info};
use crate::tui::screens::reader::Reader;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draw the info panel over the reader.
pub fn draw(frame: &mut Frame, r: &Reader, theme: &Theme) {
    let area = frame.area();
    let meta = &r.doc.meta;
    let words = r.doc.word_count();
    let values = [
        r.doc.title.clone(),
        meta.author.clone().unwrap_or_else(|| info::UNKNOWN.into()),
        meta.language
            .clone()
            .unwrap_or_else(|| info::script_only(r.doc.script())),
        meta.format.clone(),
        meta.encoding.clone(),
        words.to_string(),
        messages::reading_time(reading_minutes(words)),
        r.path.display().to_string(),
    ];
    let label_w = info::FIELDS
        .iter()
        .map(|f| f.chars().count())
        .max()
        .unwrap_or(0);
    let w = area.width.saturating_sub(4).min(90);
    let value_w = usize::from(w).saturating_sub(label_w + 4);
    let lines: Vec<Line> = info::FIELDS
        .iter()
        .zip(values.iter())
        .map(|(f, v)| {
            Line::from(vec![
                Span::styled(format!("{f:<label_w$}  "), theme.accent),
                Span::raw(ellipsize(&messages::shown(v), value_w)),
            ])
        })
        .collect();
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(info::TITLE);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
