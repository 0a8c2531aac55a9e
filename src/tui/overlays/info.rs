//! The article info panel: what chitalka knows about the open article.

use crate::core::document::reading_minutes;
use crate::messages::{self, info};
use crate::tui::effect::{Effect, PromptFor};
use crate::tui::screens::reader::Reader;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A key over the panel: `t` asks for the article's title, `a` for its
/// author (each prefilled with the one shown; the Russian layout's twins
/// too); any other key closes it.
pub fn on_key(ev: KeyEvent, reader: Option<&Reader>) -> Vec<Effect> {
    let letter = match ev.code {
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(crate::core::keyboard::latin_twin(c).unwrap_or(c))
        }
        _ => None,
    };
    match (letter, reader) {
        (Some(info::KEY_TITLE), Some(r)) => {
            vec![Effect::Ask(PromptFor::ArticleTitle, r.doc.title.clone())]
        }
        (Some(info::KEY_AUTHOR), Some(r)) => vec![Effect::Ask(
            PromptFor::ArticleAuthor,
            r.doc.meta.author.clone().unwrap_or_default(),
        )],
        _ => vec![Effect::CloseOverlay],
    }
}

/// Draw the info panel over the reader.
pub fn draw(frame: &mut Frame, r: &Reader, theme: &Theme) {
    let area = frame.area();
    let meta = &r.doc.meta;
    let words = r.doc.word_count();
    // What the person gave is said so.
    let (own_title, own_author) = match &r.own {
        Some((t, a)) => (*t != r.doc.title, *a != meta.author),
        None => (false, false),
    };
    let mark = |v: String, by_you: bool| if by_you { info::by_you(&v) } else { v };
    let values = [
        mark(r.doc.title.clone(), own_title),
        mark(
            meta.author.clone().unwrap_or_else(|| info::UNKNOWN.into()),
            own_author,
        ),
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
    let mut lines: Vec<Line> = info::FIELDS
        .iter()
        .zip(values.iter())
        .map(|(f, v)| {
            Line::from(vec![
                Span::styled(format!("{f:<label_w$}  "), theme.accent),
                Span::raw(ellipsize(&messages::shown(v), value_w)),
            ])
        })
        .collect();
    lines.push(Line::styled(
        ellipsize(info::KEYS, usize::from(w.saturating_sub(2))),
        theme.dim,
    ));
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
