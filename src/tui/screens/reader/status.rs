//! The reader's status line: the title and section being read (or the
//! message), the find count, the place in the article and the key hints;
//! the find prompt and the passage being chosen take it over.

use super::Reader;
use crate::core::width::str_width;
use crate::messages;
use crate::tui::keymap::Mode;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar_text, prompt_bar};
use ratatui::Frame;
use ratatui::widgets::Paragraph;

/// The names of the section being read and its parents ("ТОМ ПЕРВЫЙ ›
/// ЧАСТЬ ПЕРВАЯ › I."), leaving out the article's own title.
fn section_path(r: &mut Reader) -> String {
    let Some(i) = r.current_section() else {
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

/// Draw the status line.
pub fn draw(frame: &mut Frame, r: &mut Reader, ses: &Session, theme: &Theme) {
    let area = frame.area();
    let bar_rect = r.layout(ses).status.intersection(area);
    let cols = usize::from(area.width);
    let section = section_path(r);
    // A part of a long article shown: where it is in the whole file.
    let progress = match &r.loading {
        Some(l) => {
            let top = r.view.top_pos(&r.doc);
            l.progress(&r.doc, top)
        }
        None => r.view.progress(&r.doc),
    };
    let percent = (progress * 100.0).round() as u32;
    let mut right = format!("{percent}%");
    if let Some((line, total)) = r.view.line_numbers().filter(|_| r.loading.is_none()) {
        right = format!("{right} · {}", messages::line_position(line, total));
    }
    // A message gets the room the key hints would take.
    right = match &ses.message {
        Some(_) => format!("{right} "),
        None => format!(
            "{right} · {} ",
            // The only screen (one file opened on its own): `q` quits.
            ses.config
                .keymap
                .hint_bar_last(Mode::Reader, area.width < 80, ses.screens_open <= 1)
        ),
    };
    // The find count, the layout switch first: what the prompt keeps when
    // the rest of the right side does not fit.
    let (mut found, mut count_only) = (String::new(), String::new());
    if let Some(c) = r.find.count(&r.doc) {
        let count = match (c.total, c.growing) {
            (0, true) => messages::SEARCHING.to_string(),
            (0, false) => messages::NO_HITS.to_string(),
            (total, true) => messages::hit_counter_growing(c.at, total),
            (total, false) => messages::hit_counter(c.at.unwrap_or(0), total),
        };
        count_only = format!("{count} ");
        found = match &r.find.switched {
            Some(other) => format!("{} {count} ", messages::found_as(other)),
            None => format!("{count} "),
        };
        right = format!("{}· {right}", found);
    }
    let bar = if let Some((a, b)) = r.selection.as_ref().map(|s| s.range()) {
        let words = crate::core::document::count_words(&r.doc.text_between(a, b));
        let left = format!(" {} · {}", messages::CHOOSING, messages::words(words));
        let right = format!(
            "{} ",
            ses.config.keymap.hint_bar(Mode::Select, area.width < 80)
        );
        bar_text(&left, &right, cols)
    } else if r.find.prompt {
        let label = format!(" {}", messages::FIND_PROMPT);
        let typed = str_width(&label) + 1 + str_width(&r.find.query);
        let right = [right, found, count_only]
            .into_iter()
            .find(|r| typed + str_width(r) < cols)
            .unwrap_or_default();
        prompt_bar(&label, &r.find.query, &right, cols)
    } else {
        let enter = ses
            .config
            .keymap
            .binding(Mode::Reader, crate::tui::action::Action::ShowNote)
            .and_then(|b| b.keys.first())
            .map(crate::tui::keymap::key_name)
            .unwrap_or_default();
        let left = match (&ses.message, r.doc.blocks.is_empty()) {
            (Some(m), _) => format!(" {m}"),
            (None, _) if r.loading.is_some() => {
                let l = r.loading.as_ref().map(super::loading::status);
                format!(" {} · {}", r.doc.title, l.unwrap_or_default())
            }
            // What Enter does on the focused link takes the title's place.
            (None, _) if r.link.is_some() => {
                format!(
                    " {}",
                    messages::enter_will(&enter, &r.link_hint().unwrap_or_default())
                )
            }
            (None, true) => format!(" {} {}", r.doc.title, messages::EMPTY_ARTICLE),
            (None, false) if section.is_empty() => format!(" {}", r.doc.title),
            (None, false) => {
                format!(" {}{}{section}", r.doc.title, messages::STATUS_SECTION_SEP)
            }
        };
        bar_text(&left, &right, cols)
    };
    frame.render_widget(Paragraph::new(bar).style(theme.bar), bar_rect);
}
