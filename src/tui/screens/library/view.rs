//! The library: title bar, column headers, the articles, a status line.

use super::{LibraryScreen, Row, Sort, state_of};
use crate::core::library::Article;
use crate::core::store;
use crate::core::width::str_width;
use crate::messages;
use crate::tui::keymap::Mode;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar_text, ellipsize, ellipsize_start};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of the fixed-width fields.
const TIME_W: usize = 12;
const READ_W: usize = 12;
/// The read column in narrow windows: the percentage only.
const READ_NARROW_W: usize = 5;
/// Cells of the reading progress bar.
const BAR_W: usize = 6;
const LAST_W: usize = 14;

/// Which optional columns fit in `width`.
fn columns(width: usize) -> (bool, bool) {
    (width >= 40, width >= 70)
}

/// A row in three parts: the title, the dim part after it (the file's
/// name, the author), and the padding with the fixed columns.
type Cells = (String, String, String);

fn cells(title: (&str, &str, usize), time: &str, read: &str, last: &str, width: usize) -> Cells {
    let (show_time, show_last) = columns(width);
    let read_w = if show_last { READ_W } else { READ_NARROW_W };
    let mut fixed = 0;
    if show_time {
        fixed += TIME_W + read_w;
    }
    if show_last {
        fixed += LAST_W;
    }
    let title_w = width.saturating_sub(fixed + 2);
    let (t, extra) = title_cell(title.0, title.1, title.2, title_w);
    let used = str_width(&t) + str_width(&extra);
    let mut rest = " ".repeat(title_w.saturating_sub(used) + 1);
    if show_time {
        rest.push_str(&format!("{time:>w$}{read:>r$}", w = TIME_W, r = read_w));
    }
    if show_last {
        rest.push_str(&format!("{last:>w$}", w = LAST_W));
    }
    (format!(" {t}"), extra, rest)
}

/// Least columns the title keeps before the part after it is cut.
const TITLE_MIN_W: usize = 16;

/// The title and the part after it in `w` columns: the title first, the
/// rest in what is left (cut at its end); but the first `keep` columns of
/// the part after it (the file's name that tells two same titles apart)
/// keep up to half the room.
fn title_cell(title: &str, extra: &str, keep: usize, w: usize) -> (String, String) {
    let title_room = if keep == 0 {
        w
    } else {
        w.saturating_sub(keep.min(w / 2)).max(TITLE_MIN_W.min(w))
    };
    let t = ellipsize(title, title_room);
    let left = w.saturating_sub(str_width(&t));
    let e = if left > 2 {
        ellipsize(extra, left)
    } else {
        String::new()
    };
    (t, e)
}

/// What follows an article's title: its file's name when another article
/// has the same title (first: it tells them apart), and its author; with
/// the columns of the file's name part.
fn after_title(a: &Article, same_title: bool) -> (String, usize) {
    let mut s = String::new();
    if same_title {
        let name = a.rel.rsplit('/').next().unwrap_or(&a.rel);
        s.push_str(messages::LIST_FILE_SEP);
        s.push_str(name);
    }
    let keep = str_width(&s);
    if let Some(author) = a.author.as_deref().filter(|x| !x.is_empty()) {
        s.push_str(messages::LIST_AUTHOR_SEP);
        s.push_str(author);
    }
    (s, keep)
}

/// The reading progress as a bar and a percentage: "━━━─── 50%".
pub fn progress_bar(progress: f64) -> String {
    let p = progress.clamp(0.0, 1.0);
    let full = (p * BAR_W as f64).round() as usize;
    format!(
        "{}{} {:>3}%",
        messages::BAR_FULL.repeat(full),
        messages::BAR_EMPTY.repeat(BAR_W - full),
        (p * 100.0).round() as u32
    )
}

/// Draw the library screen.
pub fn draw(frame: &mut Frame, lv: &LibraryScreen, ses: &Session, theme: &Theme) {
    let area = frame.area();
    let width = usize::from(area.width);
    let Some(lib) = ses.lib.as_ref() else {
        return;
    };
    let now = store::now();

    let dir = lib.root.display().to_string();
    let sort = match (&ses.scanning, lv.sort) {
        (Some(s), _) => {
            let (done, total) = s.progress();
            messages::scanning(done, total)
        }
        (None, Sort::Title) => messages::SORT_TITLE.to_string(),
        (None, Sort::Recent) => messages::SORT_RECENT.to_string(),
    };
    let head = bar_text(
        &messages::library_title(lib.articles.len(), &dir),
        &format!("{sort} "),
        width,
    );
    let (a, b, c) = cells(
        (messages::COL_TITLE, "", 0),
        messages::COL_TIME,
        messages::COL_PROGRESS,
        messages::COL_LAST,
        width,
    );
    let mut lines = vec![
        Line::styled(head, theme.bar),
        Line::styled(format!("{a}{b}{c}"), theme.dim),
    ];
    let page = LibraryScreen::page(ses);
    for (n, row) in lv.rows.iter().enumerate().skip(lv.scroll).take(page) {
        let selected = n == lv.selected;
        let line = match *row {
            Row::Article(i) => {
                let a = &lib.articles[i];
                let state = state_of(ses, a);
                let read = state.map_or(String::new(), |s| match columns(width) {
                    (_, true) => progress_bar(s.progress),
                    _ => format!("{}%", (s.progress * 100.0).round() as u32),
                });
                let last = state.map_or(messages::NEVER_READ.to_string(), |s| {
                    messages::ago(now.saturating_sub(s.last_read))
                });
                let (extra, keep) = after_title(a, lv.same_title.contains(&i));
                let (t, e, rest) = cells(
                    (&a.title, &extra, keep),
                    &messages::reading_time(a.minutes()),
                    &read,
                    &last,
                    width,
                );
                if selected {
                    Line::styled(format!("{t}{e}{rest}"), theme.selected)
                } else {
                    Line::from(vec![
                        Span::styled(t, theme.body),
                        Span::styled(e, theme.dim),
                        Span::styled(rest, theme.body),
                    ])
                }
            }
            Row::Unreadable(i) => {
                let Some(u) = lib.unreadable.get(i) else {
                    continue;
                };
                // The name gives way to the reason (why is what the row is for).
                let frame = str_width(&messages::unreadable_row("", &u.reason));
                let name_room = width.saturating_sub(1 + frame).max(12);
                let text = format!(
                    " {}",
                    ellipsize(
                        &messages::unreadable_row(&ellipsize(&u.rel, name_room), &u.reason),
                        width.saturating_sub(1)
                    )
                );
                Line::styled(
                    text,
                    if selected {
                        theme.selected
                    } else {
                        theme.error
                    },
                )
            }
        };
        lines.push(line);
    }
    if lv.rows.is_empty() && ses.scanning.is_none() {
        let text = if lib.articles.is_empty() && lib.unreadable.is_empty() {
            messages::LIBRARY_EMPTY
        } else {
            messages::LIBRARY_NO_MATCH
        };
        // Wrapped, not cut: the empty library's message names every format.
        let wrap = width.saturating_sub(1).max(1);
        for part in textwrap::wrap(text, wrap) {
            lines.push(Line::styled(
                format!(" {}", ellipsize(&part, width.saturating_sub(1))),
                theme.dim,
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);

    let foot_y = area.y + area.height.saturating_sub(1);
    let foot = if lv.filtering || !lv.filter.is_empty() {
        // The end being typed stays in sight however narrow the window.
        let room = width.saturating_sub(str_width(messages::FILTER_PROMPT) + 1);
        Line::from(vec![
            Span::styled(messages::FILTER_PROMPT, theme.accent),
            Span::raw(ellipsize_start(&lv.filter, room)),
            Span::raw(if lv.filtering { "▏" } else { "" }),
        ])
    } else {
        let left = ses
            .message
            .clone()
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        // A message too long to share the bar gets the room of the key hints.
        let keymap = &ses.config.keymap;
        let mut hints = format!("{} ", keymap.hint_bar(Mode::Library, width < 80));
        if str_width(&left) + str_width(&hints) >= width {
            hints = format!("{} ", keymap.hint_bar(Mode::Library, true));
        }
        Line::styled(bar_text(&left, &hints, width), theme.bar)
    };
    frame.render_widget(
        Paragraph::new(foot),
        Rect::new(area.x, foot_y, area.width, 1.min(area.height)),
    );
}
