//! A one-line prompt on the status line: the name of a new bookmark, or a
//! new name for one from the list.

use crate::core::marks_store::MarkKind;
use crate::core::width::str_width;
use crate::messages;
use crate::tui::effect::{Effect, PromptFor};
use crate::tui::screens::marks::change::with_marks;
use crate::tui::screens::reader::Reader;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar_text, text_input};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// A one-line prompt on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What the text is for.
    pub purpose: PromptFor,
    /// The text typed.
    pub text: String,
}

impl Prompt {
    /// A key: typing, Enter to do it, Esc to cancel.
    pub fn on_key(
        &mut self,
        ev: KeyEvent,
        ses: &mut Session,
        reader: Option<&mut Reader>,
    ) -> Vec<Effect> {
        if text_input::edit(&mut self.text, &ev) {
            return vec![];
        }
        match ev.code {
            KeyCode::Esc => vec![Effect::CloseOverlay],
            KeyCode::Enter if self.purpose == PromptFor::GoTo => {
                let Some(r) = reader else {
                    return vec![Effect::CloseOverlay];
                };
                let before = r.place();
                let done = crate::tui::screens::reader::goto::parse(&self.text)
                    .and_then(|to| r.go_to_place(&to, ses));
                match done {
                    Ok(()) => vec![Effect::CloseOverlay, Effect::Jumped(before)],
                    Err(said) => {
                        ses.say(said);
                        vec![Effect::CloseOverlay]
                    }
                }
            }
            KeyCode::Enter => {
                let name = self.text.trim().to_string();
                match &self.purpose {
                    PromptFor::BookmarkName { start, end } => {
                        if let Some(r) = reader {
                            r.add_mark(MarkKind::Bookmark { name }, *start, *end, ses);
                        }
                    }
                    PromptFor::GoTo => {}
                    PromptFor::ArticleTitle | PromptFor::ArticleAuthor => {
                        let author = self.purpose == PromptFor::ArticleAuthor;
                        if let Some(r) = reader {
                            r.retitle(ses, author, &name);
                        }
                        return vec![Effect::CloseOverlay, Effect::Info];
                    }
                    PromptFor::Rename { article, rel, mark } => {
                        let done = with_marks(reader, &ses.data_dir, article, rel, |m| {
                            m.set_kind(mark, MarkKind::Bookmark { name })
                        });
                        match done {
                            Ok(()) => ses.clear_message(),
                            Err(e) => ses.say(e),
                        }
                    }
                }
                vec![Effect::CloseOverlay, Effect::MarksChanged]
            }
            _ => vec![],
        }
    }

    /// Draw the prompt on `bar`.
    pub fn draw(&self, frame: &mut Frame, bar: Rect, theme: &Theme) {
        let label = match self.purpose {
            PromptFor::BookmarkName { .. } => messages::BOOKMARK_PROMPT,
            PromptFor::Rename { .. } => messages::RENAME_PROMPT,
            PromptFor::GoTo => messages::GO_TO_PROMPT,
            PromptFor::ArticleTitle => messages::info::TITLE_PROMPT,
            PromptFor::ArticleAuthor => messages::info::AUTHOR_PROMPT,
        };
        let cols = usize::from(bar.width);
        let keys = match self.purpose {
            PromptFor::GoTo => format!("{} ", messages::GO_TO_KEYS),
            _ => format!("{} ", messages::PROMPT_KEYS),
        };
        let full = format!(" {label}{}▏", self.text);
        // What is typed always shows: the keys go first, then the label, then
        // the start of the text (its end, where the cursor is, stays).
        let text = if str_width(&full) + str_width(&keys) < cols {
            bar_text(&full, &keys, cols)
        } else if str_width(&full) <= cols {
            crate::core::width::display_str(&full)
        } else {
            let typed = format!("{}▏", self.text);
            let (tail, _) = crate::core::width::fit_suffix(&typed, cols.saturating_sub(2));
            format!(" …{}", crate::core::width::display_str(tail))
        };
        frame.render_widget(ratatui::widgets::Clear, bar);
        frame.render_widget(Paragraph::new(text).style(theme.bar), bar);
    }
}
