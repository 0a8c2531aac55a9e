//! The lists of bookmarks and notes drawn: a title with the scope and the
//! count, then each entry (its name or passage, its note, where it is).

use super::MarksScreen;
use super::entries::MarkEntry;
use crate::core::marks_store::MarkKind;
use crate::messages;
use crate::tui::keymap::Mode;
use crate::tui::screens::reader::notes_view::one_line;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar_text, ellipsize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// `left` and `right` on a row of `width`, `left` cut to fit.
fn row(left: &str, right: &str, width: usize, style: Style) -> Line<'static> {
    Line::styled(bar_text(left, right, width), style)
}

fn when(created: u64) -> String {
    messages::ago(crate::core::store::now().saturating_sub(created))
}

fn entry_lines(e: &MarkEntry, width: usize, selected: bool, theme: &Theme) -> Vec<Line<'static>> {
    let quote = format!("«{}»", one_line(&e.quote));
    // A section named like the article (its title heading) says nothing more.
    let same = |a: &str, b: &str| one_line(a).starts_with(&one_line(b));
    let mut place =
        if e.section.is_empty() || same(&e.title, &e.section) || same(&e.section, &e.title) {
            e.title.clone()
        } else {
            format!("{} · {}", e.title, e.section)
        };
    if e.detached() {
        place = format!("{place} · {}", messages::DETACHED);
    }
    let first_style = if selected { theme.selected } else { theme.body };
    let dim = if e.detached() { theme.error } else { theme.dim };
    match &e.kind {
        MarkKind::Bookmark { name } => {
            let label = if name.is_empty() { quote } else { name.clone() };
            vec![
                row(
                    &format!(" {label}"),
                    &format!("{} ", when(e.created)),
                    width,
                    first_style,
                ),
                Line::styled(ellipsize(&format!("   {place}"), width), dim),
            ]
        }
        MarkKind::Note { text } => vec![
            row(
                &format!(" {quote}"),
                &format!("{} ", when(e.created)),
                width,
                first_style,
            ),
            Line::styled(
                ellipsize(&format!("   {}", one_line(text)), width),
                theme.accent,
            ),
            Line::styled(ellipsize(&format!("   {place}"), width), dim),
        ],
    }
}

/// Draw the list screen.
pub fn draw(frame: &mut Frame, ml: &MarksScreen, ses: &Session, theme: &Theme) {
    let area = frame.area();
    let width = usize::from(area.width);
    let rows = MarksScreen::rows(ses);
    let kind = if ml.notes {
        messages::NOTES_TITLE
    } else {
        messages::BOOKMARKS_TITLE
    };
    let scope = if ml.all {
        messages::SCOPE_ALL
    } else {
        messages::SCOPE_ARTICLE
    };
    let mut lines = vec![
        row(
            &format!(" {kind} · {scope} ({})", ml.entries.len()),
            "",
            width,
            theme.bar,
        ),
        Line::raw(""),
    ];
    if ml.entries.is_empty() {
        // The hint is read whole: wrapped, not cut.
        for row in textwrap::wrap(messages::NO_MARKS, width.saturating_sub(2).max(10)) {
            lines.push(Line::styled(format!(" {row}"), theme.dim));
        }
    }
    for (i, e) in ml
        .entries
        .iter()
        .enumerate()
        .skip(ml.scroll)
        .take(ml.per_page(rows))
    {
        lines.extend(entry_lines(e, width, i == ml.selected, theme));
    }
    frame.render_widget(Paragraph::new(lines), area);
    let foot = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(1),
        area.width,
        1.min(area.height),
    );
    let left = ses
        .message
        .as_ref()
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    let bar = bar_text(
        &left,
        &format!("{} ", ses.config.keymap.hint_bar(Mode::Marks, width < 70)),
        width,
    );
    frame.render_widget(Paragraph::new(bar).style(theme.bar), foot);
}
