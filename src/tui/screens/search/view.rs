//! The library-wide find screen: the query, the indexing progress or the
//! number of hits, and the hits: title and section, then the snippet with the
//! matched words highlighted.

use super::{LIMIT, SearchScreen};
use crate::core::width::str_width;
use crate::messages;
use crate::tui::job::index::IndexState;
use crate::tui::keymap::Mode;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar_text, ellipsize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the search screen.
pub fn draw(frame: &mut Frame, s: &SearchScreen, ses: &Session, theme: &Theme) {
    let area = frame.area();
    let width = usize::from(area.width);
    let rows = SearchScreen::page(ses);
    let cursor = if s.typing { "▏" } else { "" };
    let mut lines = vec![Line::from(vec![
        Span::styled(messages::SEARCH_TITLE, theme.bar),
        Span::styled(format!("{}{cursor}", s.query), theme.accent),
    ])];
    // An error takes the place of the count: never "0 hits" for a failure.
    let failed = match (&s.error, &ses.index) {
        (Some(e), _) => Some(e.clone()),
        (None, Some(IndexState::Failed(e))) => Some(messages::index_failed(e)),
        _ => None,
    };
    let progress = ses.index.as_ref().and_then(IndexState::progress);
    let info = match (progress, &s.result.switched) {
        (Some((done, total)), _) if s.searched.is_empty() => messages::indexing(done, total),
        (Some((done, total)), _) => {
            messages::indexing_found(done, total, s.result.hits.len(), LIMIT)
        }
        (None, Some(other)) => format!(
            "{} · {}",
            messages::found_as(other),
            messages::hits_found(s.result.hits.len(), LIMIT)
        ),
        (None, None) if s.searched.is_empty() => String::new(),
        (None, None) => messages::hits_found(s.result.hits.len(), LIMIT),
    };
    match failed {
        Some(e) => lines.push(Line::styled(
            ellipsize(&format!(" {}", messages::shown(&e)), width),
            theme.error,
        )),
        None => lines.push(Line::styled(
            ellipsize(&format!(" {info}"), width),
            theme.dim,
        )),
    }
    for (n, hit) in s.result.hits.iter().enumerate().skip(s.scroll).take(rows) {
        let selected = n == s.selected;
        let head = match &hit.note_on {
            Some(quote) => messages::note_hit_head(&hit.title, quote),
            None if hit.section.is_empty() || hit.section == hit.title => hit.title.clone(),
            None => format!("{} · {}", hit.title, hit.section),
        };
        let head_style = if selected {
            theme.selected
        } else {
            theme.heading
        };
        let head = ellipsize(&format!(" {head}"), width);
        let pad = width.saturating_sub(str_width(&head));
        lines.push(Line::styled(
            format!("{head}{}", " ".repeat(pad)),
            head_style,
        ));
        // The snippet, cut to the width, matched words highlighted.
        let mut spans = vec![Span::raw("   ")];
        let mut at = 0;
        let room = width.saturating_sub(4);
        let text = ellipsize(&hit.snippet, room);
        for r in &hit.highlights {
            if r.start < at
                || r.end > text.len()
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(r.end)
            {
                continue;
            }
            spans.push(Span::styled(text[at..r.start].to_string(), theme.body));
            spans.push(Span::styled(
                text[r.clone()].to_string(),
                theme.hit.add_modifier(Modifier::BOLD),
            ));
            at = r.end;
        }
        spans.push(Span::styled(text[at..].to_string(), theme.body));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
    let foot_y = area.y + area.height.saturating_sub(1);
    let left = ses
        .message
        .clone()
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    let bar = bar_text(
        &left,
        &format!("{} ", ses.config.keymap.hint_bar(Mode::Search, width < 60)),
        width,
    );
    frame.render_widget(
        Paragraph::new(bar).style(theme.bar),
        Rect::new(area.x, foot_y, area.width, 1.min(area.height)),
    );
}
