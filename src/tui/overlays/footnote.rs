//! A footnote shown over the text: the note's blocks, laid out like the
//! article (wrapped to the box, its own note references drawn as links),
//! scrolled with the reader's keys; `Esc` or `q` closes it and the reading
//! position never moves.

use crate::core::document::{Document, Note, note_marker};
use crate::core::layout::{Layout, LayoutOptions};
use crate::messages;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::screens::reader::notes_view::note_box;
use crate::tui::screens::reader::view::styled_pieces;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TextLine;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A footnote over the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// The note's label ("1", "*").
    pub label: String,
    /// The note's blocks, as a document of their own.
    pub doc: Document,
    /// The first row shown.
    pub scroll: usize,
    /// Rows of text drawn last time and rows the box holds (for scrolling).
    pub rows: (usize, usize),
    /// The screen row of the reference, which the box keeps clear of when
    /// it can (it stands at the top then).
    pub keep_clear: Option<usize>,
}

/// A note's text that opens with its own label ("1 поражение (ит.)",
/// "12. Ну да", often a link back to the reference) says again what the
/// box's title says: the label goes, and the spans move with the text.
fn drop_leading_label(block: &mut crate::core::document::Block, label: &str) {
    let label = label.trim();
    let Some(rest) = block.text.strip_prefix(label).filter(|_| !label.is_empty()) else {
        return;
    };
    if !rest.starts_with([' ', '.', ')']) {
        return;
    }
    let body = rest.trim_start_matches([' ', '.', ')']);
    if body.trim().is_empty() {
        return;
    }
    let cut = block.text.len() - body.len();
    block.text.replace_range(..cut, "");
    block.spans.retain(|s| s.range.end > cut);
    for s in &mut block.spans {
        s.range = s.range.start.saturating_sub(cut)..s.range.end - cut;
    }
}

impl Footnote {
    /// The footnote `note` of `doc`.
    pub fn of(doc: &Document, note: &Note) -> Footnote {
        let blocks = doc
            .blocks
            .get(note.blocks.clone())
            .map(<[_]>::to_vec)
            .unwrap_or_default();
        // The note's own heading ("1", "[1]") says what the title says.
        let mut blocks = blocks;
        if blocks.len() > 1
            && matches!(blocks[0].kind, crate::core::document::BlockKind::Heading(_))
            && note_marker(blocks[0].text.trim()) == note_marker(&note.label)
        {
            blocks.remove(0);
        }
        if let Some(first) = blocks.first_mut() {
            drop_leading_label(first, &note.label);
        }
        Footnote {
            label: note.label.clone(),
            doc: Document {
                blocks,
                ..Document::default()
            },
            scroll: 0,
            rows: (0, 0),
            keep_clear: None,
        }
    }

    /// A key: the reader's scrolling keys scroll it, `Esc`, `q` and `Enter`
    /// close it; any other key is ignored.
    pub fn on_key(&mut self, ev: KeyEvent, ses: &Session) -> Vec<Effect> {
        if matches!(ev.code, KeyCode::Esc | KeyCode::Enter) {
            return vec![Effect::CloseOverlay];
        }
        let (total, shown) = self.rows;
        let page = shown.saturating_sub(1).max(1);
        let last = total.saturating_sub(shown);
        match ses.config.keymap.lookup(Mode::Reader, ev) {
            Some(Action::Back) => return vec![Effect::CloseOverlay],
            Some(Action::Down | Action::WheelDown) => self.scroll += 1,
            Some(Action::Up | Action::WheelUp) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown | Action::HalfDown) => self.scroll += page,
            Some(Action::PageUp | Action::HalfUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(Action::Top) => self.scroll = 0,
            Some(Action::Bottom) => self.scroll = last,
            _ => {}
        }
        self.scroll = self.scroll.min(last);
        vec![]
    }

    /// The wheel over it.
    pub fn on_wheel(&mut self, down: bool) {
        let last = self.rows.0.saturating_sub(self.rows.1);
        self.scroll = if down {
            (self.scroll + 3).min(last)
        } else {
            self.scroll.saturating_sub(3)
        };
    }

    /// Draw it over the text column `column`, standing on the status line.
    pub fn draw(&mut self, frame: &mut Frame, column: (usize, usize), theme: &Theme) {
        let area = frame.area();
        let inner_w = usize::from(note_box(column, area, 0).width)
            .saturating_sub(4)
            .max(1);
        let layout = Layout::with_options(&self.doc, inner_w, LayoutOptions::default());
        let avail = usize::from(area.height).saturating_sub(1);
        // At most two thirds of the window: the text stays in sight above.
        let most = (avail * 2 / 3).max(3.min(avail));
        let needed = (layout.lines.len() + 2).min(most).max(3);
        let mut rect: Rect = note_box(column, area, needed);
        // Kept clear of the reference: below it or above it, where there is
        // more room, when that room holds a few lines of the note.
        if let Some(row) = self.keep_clear.filter(|&r| r < avail) {
            let (above, below) = (row, avail - row - 1);
            let room = above.max(below);
            if room >= 5 || room >= needed {
                let h = needed.min(room);
                rect = note_box(column, area, h);
                // Next to the reference, so that the eye does not travel.
                let y = if above > below { row - h } else { row + 1 };
                rect.y = area.y + u16::try_from(y).unwrap_or(0);
            }
        }
        let shown = usize::from(rect.height).saturating_sub(2);
        self.rows = (layout.lines.len(), shown);
        self.scroll = self.scroll.min(layout.lines.len().saturating_sub(shown));
        let more = self.scroll + shown < layout.lines.len();
        let title = messages::footnote_title(&note_marker(&self.label));
        let keys = if more {
            format!("{} ↓", messages::FOOTNOTE_KEYS)
        } else {
            messages::FOOTNOTE_KEYS.to_string()
        };
        let cols = usize::from(rect.width).saturating_sub(4);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", ellipsize(&title, cols)))
            .title_bottom(format!(" {} ", ellipsize(&keys, cols)))
            .style(theme.body)
            .border_style(theme.accent);
        let rows: Vec<TextLine> = layout
            .lines
            .iter()
            .skip(self.scroll)
            .take(shown)
            .map(|l| {
                let mut spans = vec![ratatui::text::Span::raw(" ".repeat(1 + l.indent))];
                spans.extend(styled_pieces(
                    l,
                    self.doc.blocks.get(l.block),
                    theme.body,
                    theme,
                    &[],
                ));
                TextLine::from(spans)
            })
            .collect();
        frame.render_widget(Clear, rect);
        frame.render_widget(Paragraph::new(rows).block(block), rect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Block, BlockKind, Inline, Span};

    #[test]
    fn a_leading_label_goes_with_its_span() {
        let mut b = Block::new(BlockKind::Paragraph, "1 поражение (ит.).");
        b.spans.push(Span {
            range: 0..1,
            style: Inline::Link("#r1".into()),
        });
        b.spans.push(Span {
            range: 2..20,
            style: Inline::Emphasis,
        });
        drop_leading_label(&mut b, "1");
        assert_eq!(b.text, "поражение (ит.).");
        assert_eq!(b.spans.len(), 1);
        assert_eq!(b.spans[0].range, 0..18);
        let mut b = Block::new(BlockKind::Paragraph, "12. Ну да");
        drop_leading_label(&mut b, "12");
        assert_eq!(b.text, "Ну да");
        // Not a label of its own: "1812 год"; a label alone stays.
        for (text, label) in [("1812 год", "1"), ("12.", "12"), ("1", "1")] {
            let mut b = Block::new(BlockKind::Paragraph, text);
            drop_leading_label(&mut b, label);
            assert_eq!(b.text, text);
        }
    }
}
