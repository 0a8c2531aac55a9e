//! What opens over a screen and takes the keys while it is open: help,
//! the article's info, a one-line prompt, the note editor. At most one is
//! open; the app gives it every key and click first.

pub mod footnote;
pub mod help;
pub mod info;
pub mod link;
pub mod note;
pub mod prompt;

use super::action::Action;
use super::effect::Effect;
use super::keymap::Mode;
use super::screens::reader::Reader;
use super::session::Session;
use crossterm::event::KeyEvent;

/// The overlay open over the screen.
#[derive(Debug)]
pub enum Overlay {
    /// Every key of the screen under it; `scroll` is the first row shown.
    Help {
        /// First row of the list shown (when it is longer than the window).
        scroll: usize,
    },
    /// What chitalka knows about the open article.
    Info,
    /// A one-line prompt on the status line (a bookmark's name).
    Prompt(prompt::Prompt),
    /// The note being written.
    Note(note::NoteEdit),
    /// A footnote of the article, over the text.
    Footnote(footnote::Footnote),
    /// An external link's target, to copy or open.
    Link(link::LinkBox),
}

impl Overlay {
    /// Help over a screen whose keys are `mode`'s.
    pub fn help() -> Overlay {
        Overlay::Help { scroll: 0 }
    }

    /// A key. `mode` is the screen's under it; `reader` the article open
    /// under it, if any. Returns what to do ([`Effect::CloseOverlay`] closes it).
    pub fn on_key(
        &mut self,
        ev: KeyEvent,
        mode: Mode,
        ses: &mut Session,
        reader: Option<&mut Reader>,
    ) -> Vec<Effect> {
        match self {
            Overlay::Info => info::on_key(ev, reader.as_deref()),
            Overlay::Help { scroll } => match ses.config.keymap.lookup(mode, ev) {
                Some(a @ (Action::Down | Action::Up | Action::PageDown | Action::PageUp)) => {
                    help::scroll(scroll, a, &ses.config.keymap, mode, ses.size.1);
                    vec![]
                }
                _ => vec![Effect::CloseOverlay],
            },
            Overlay::Prompt(p) => p.on_key(ev, ses, reader),
            Overlay::Note(ne) => ne.on_key(ev, ses, reader),
            Overlay::Footnote(f) => f.on_key(ev, ses),
            Overlay::Link(l) => l.on_key(ev, ses),
        }
    }

    /// The wheel over the overlay (help scrolls; the others ignore it).
    pub fn on_wheel(&mut self, down: bool, mode: Mode, ses: &Session) {
        if let Overlay::Help { scroll } = self {
            let a = if down {
                Action::WheelDown
            } else {
                Action::WheelUp
            };
            help::scroll(scroll, a, &ses.config.keymap, mode, ses.size.1);
        }
        if let Overlay::Footnote(f) = self {
            f.on_wheel(down);
        }
    }

    /// Text pasted into the terminal.
    pub fn on_paste(&mut self, text: &str) {
        match self {
            Overlay::Note(ne) => ne.editor.paste(text),
            Overlay::Prompt(p) => p
                .text
                .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c })),
            _ => {}
        }
    }
}

/// Draw `overlay` over the screen `top` (already drawn).
pub fn draw(
    frame: &mut ratatui::Frame,
    overlay: &mut Overlay,
    top: &mut super::screens::Screen,
    ses: &Session,
    theme: &super::theme::Theme,
) {
    use super::screens::Screen;
    use super::widgets::bar_text;
    let area = frame.area();
    let status = ratatui::layout::Rect::new(
        area.x,
        area.y + area.height.saturating_sub(1),
        area.width,
        area.height.min(1),
    );
    match overlay {
        Overlay::Help { scroll } => {
            help::draw(frame, &ses.config.keymap, top.mode(ses), *scroll, theme)
        }
        Overlay::Info => {
            if let Screen::Reader(r) = top {
                info::draw(frame, r, theme);
            }
        }
        Overlay::Prompt(p) => p.draw(frame, status, theme),
        Overlay::Footnote(f) => {
            let column = match top {
                Screen::Reader(r) => r.layout(ses).column,
                _ => ses.text_column(0),
            };
            f.draw(frame, column, theme);
        }
        Overlay::Link(l) => l.draw(frame, theme),
        Overlay::Note(ne) => {
            let column = match top {
                Screen::Reader(r) => {
                    // The editor box has its own keys; the bar says what is
                    // going on, or what went wrong (`$EDITOR` failed).
                    let said = ses
                        .message
                        .as_deref()
                        .unwrap_or(crate::messages::WRITING_NOTE);
                    let bar = bar_text(&format!(" {said}"), "", usize::from(area.width));
                    frame.render_widget(
                        ratatui::widgets::Paragraph::new(bar).style(theme.bar),
                        status,
                    );
                    r.layout(ses).column
                }
                _ => ses.text_column(0),
            };
            let rows = usize::from(area.height.saturating_sub(1));
            let rect =
                super::screens::reader::notes_view::note_box(column, area, (rows / 2).max(8));
            let title = crate::messages::note::title(
                &super::screens::reader::notes_view::one_line(&ne.quote),
            );
            let hint = if ne.asking {
                crate::messages::note::DISCARD
            } else {
                crate::messages::note::HINT
            };
            note::view::draw(frame, rect, &mut ne.editor, &title, hint, theme);
        }
    }
}
