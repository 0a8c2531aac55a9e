//! The lists of bookmarks and notes, the one-line prompt, and a note shown
//! over the text.

use super::{bar_text, ellipsize};
use crate::core::marks_store::MarkKind;
use crate::core::width::str_width;
use crate::messages;
use crate::tui::app::App;
use crate::tui::app_marks::PromptFor;
use crate::tui::keymap::Mode;
use crate::tui::marks_list::MarkEntry;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A box over the text column (two columns wider each side), `height` rows
/// tall (at most what there is), standing on the status line: where a note
/// is shown or written.
pub fn note_box(app: &App, area: Rect, height: usize) -> Rect {
    let (x, w) = app.text_column();
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
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    let area = frame.area();
    let width = usize::from(area.width);
    let rows = app.marks_list_rows();
    let Some(ml) = app.marks_list.as_ref() else {
        return;
    };
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
        lines.push(Line::styled(format!(" {}", messages::NO_MARKS), theme.dim));
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
    if draw_prompt(frame, app, foot, theme) {
        return;
    }
    let left = app
        .message
        .as_ref()
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    let bar = bar_text(
        &left,
        &format!("{} ", app.config.keymap.hint_bar(Mode::Marks, width < 70)),
        width,
    );
    frame.render_widget(Paragraph::new(bar).style(theme.bar), foot);
}

/// Draw the one-line prompt on `bar`, if one is open; true if it was.
pub fn draw_prompt(frame: &mut Frame, app: &App, bar: Rect, theme: &Theme) -> bool {
    let Some(p) = app.prompt.as_ref() else {
        return false;
    };
    let label = match p.purpose {
        PromptFor::BookmarkName { .. } => messages::BOOKMARK_PROMPT,
        PromptFor::Rename { .. } => messages::RENAME_PROMPT,
    };
    let cols = usize::from(bar.width);
    let keys = format!("{} ", messages::PROMPT_KEYS);
    let full = format!(" {label}{}▏", p.text);
    // What is typed always shows: the keys go first, then the label, then
    // the start of the text (its end, where the cursor is, stays).
    let text = if str_width(&full) + str_width(&keys) < cols {
        bar_text(&full, &keys, cols)
    } else if str_width(&full) <= cols {
        crate::core::width::display_str(&full)
    } else {
        let typed = format!("{}▏", p.text);
        let (tail, _) = crate::core::width::fit_suffix(&typed, cols.saturating_sub(2));
        format!(" …{}", crate::core::width::display_str(tail))
    };
    frame.render_widget(Paragraph::new(text).style(theme.bar), bar);
    true
}

/// The keys of a shown note, as the keymap has them (the list's go and edit).
fn popup_keys(app: &App) -> String {
    let first = |action| {
        app.config
            .keymap
            .binding(Mode::Marks, action)
            .and_then(|b| b.keys.first())
            .map(crate::tui::keymap::key_name)
            .unwrap_or_default()
    };
    messages::note_popup_keys(
        &first(crate::tui::action::Action::Open),
        &first(crate::tui::action::Action::Edit),
    )
}

/// Draw the note shown over the text (in the lower part of `area`).
pub fn draw_note(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(r) = app.reader.as_ref() else {
        return;
    };
    let Some(id) = r.note_shown.as_ref() else {
        return;
    };
    let Some(m) = r.marks.data.marks.get(id) else {
        return;
    };
    let MarkKind::Note { text } = &m.kind else {
        return;
    };
    let inner = usize::from(note_box(app, area, 0).width)
        .saturating_sub(2)
        .max(1);
    // Rows the note needs, wrapped, plus the borders; at most half the screen.
    let needed: usize = text
        .split('\n')
        .map(|l| str_width(l).div_ceil(inner).max(1))
        .sum::<usize>()
        + 2;
    let avail = usize::from(area.height).saturating_sub(1);
    let rect = note_box(app, area, needed.min(avail / 2).max(3));
    let title = format!(
        " «{}» ",
        ellipsize(&one_line(&m.anchor.quote), inner.saturating_sub(6))
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(format!(" {} ", popup_keys(app)))
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
