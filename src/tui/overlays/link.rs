//! An external link's target shown in full (its control characters
//! escaped), to copy (`y`, OSC 52) or open with the desktop's opener (`o`).

use crate::messages;
use crate::tui::effect::Effect;
use crate::tui::opener::NoOpener;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The link box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkBox {
    /// The target as the file gives it.
    pub target: String,
}

impl LinkBox {
    /// A key: `y` copies, `o` opens, `Esc`/`q` close (Russian-layout twins too).
    pub fn on_key(&mut self, ev: KeyEvent, ses: &mut Session) -> Vec<Effect> {
        let key = crate::tui::keymap::normalise(ev);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => vec![Effect::CloseOverlay],
            KeyCode::Char('y') => {
                ses.flash(messages::LINK_COPIED);
                vec![Effect::Copy(self.target.clone()), Effect::CloseOverlay]
            }
            KeyCode::Char('o') => {
                let program = match crate::tui::opener::opener() {
                    Ok(program) => program,
                    Err(NoOpener::Configured(name)) => {
                        ses.say(messages::opener_not_found(&messages::shown(&name)));
                        return vec![];
                    }
                    Err(NoOpener::Default) => {
                        ses.say(messages::NO_OPENER);
                        return vec![];
                    }
                };
                let name = program
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match crate::tui::opener::open(&program, &self.target) {
                    Ok(()) => ses.flash(messages::link_opened(&messages::shown(&name))),
                    Err(e) => ses.say(messages::opener_failed(&messages::shown(&name), &e)),
                }
                vec![Effect::CloseOverlay]
            }
            _ => vec![],
        }
    }

    /// Draw it in the middle of the window.
    pub fn draw(&self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        let w = area.width.saturating_sub(4).min(72).max(area.width.min(10));
        let inner = usize::from(w).saturating_sub(2).max(1);
        let shown = messages::shown(&self.target);
        let rows = crate::core::width::str_width(&shown).div_ceil(inner).max(1);
        let h = (rows as u16 + 2)
            .min(area.height.saturating_sub(1))
            .max(area.height.min(3));
        let rect = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + area.height.saturating_sub(1).saturating_sub(h) / 2,
            w,
            h,
        );
        // The same keys whatever the machine has: `o` says when there is no opener.
        let keys = messages::LINK_KEYS;
        let cols = inner.saturating_sub(2);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", messages::LINK_TITLE))
            .title_bottom(format!(" {} ", ellipsize(keys, cols)))
            .style(theme.body)
            .border_style(theme.accent);
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(crate::core::width::display_str(&shown))
                .block(block)
                .wrap(Wrap { trim: false }),
            rect,
        );
    }
}
