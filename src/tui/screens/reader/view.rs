//! The reader drawn: the text column with its styles, marks, hits and
//! the passage being chosen; then the outline, the status line and a note
//! shown over the text.

use super::Reader;
use super::notes_view::draw_note;
use crate::core::document::{Block, Inline};
use crate::core::layout::{Line, LineStyle};
use crate::core::width::display_str;
use crate::messages;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

fn style_of(line: &Line, theme: &Theme) -> Style {
    match line.style {
        LineStyle::Body | LineStyle::Blank => theme.body,
        LineStyle::Heading(1) => theme.heading1,
        LineStyle::Heading(2) => theme.heading2,
        LineStyle::Heading(3) => theme.heading,
        // Deeper levels: the level-3 colour, not bold.
        LineStyle::Heading(_) => theme.heading.remove_modifier(Modifier::BOLD),
        LineStyle::Quote => theme.quote,
        LineStyle::Code => theme.code,
        LineStyle::Rule => theme.dim,
    }
}

/// The text of a line cut where its block's inline styles (emphasis, links
/// ...) and the find hits on it (`marks`) start and end, each piece styled.
/// A justified line's widened spaces take the style of the space they widen.
pub fn styled_pieces<'a>(
    line: &'a Line,
    block: Option<&Block>,
    base: Style,
    theme: &Theme,
    marks: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let touches = |r: &Range<usize>| r.start < line.range.end && r.end > line.range.start;
    let Some(block) = block.filter(|b| {
        b.spans.iter().any(|s| touches(&s.range)) || marks.iter().any(|(r, _)| touches(r))
    }) else {
        return vec![Span::styled(line.text.as_str(), base)];
    };
    // Cut points: the line's ends and every style edge inside it.
    let r = line.range.clone();
    let mut cuts = vec![r.start, r.end];
    // The widened spaces are drawn after the space at each gap.
    let after_gap = |b: usize| line.gaps.iter().find(|g| g.0 + 1 == b).map(|g| g.1);
    cuts.extend(line.gaps.iter().map(|g| g.0 + 1).filter(|c| r.contains(c)));
    for edge in block
        .spans
        .iter()
        .map(|s| &s.range)
        .chain(marks.iter().map(|(m, _)| m))
    {
        cuts.extend([edge.start, edge.end].into_iter().filter(|c| r.contains(c)));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Span> = Vec::new();
    let mut shown = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = block.text.get(a..b) else {
            continue;
        };
        let mut style = base;
        for s in block
            .spans
            .iter()
            .filter(|s| s.range.start <= a && b <= s.range.end)
        {
            style = match &s.style {
                Inline::Emphasis => style.add_modifier(Modifier::ITALIC),
                Inline::Strong => style.add_modifier(Modifier::BOLD),
                Inline::Code => style.patch(theme.code),
                Inline::Strike => style.add_modifier(Modifier::CROSSED_OUT),
                Inline::Link(_) | Inline::NoteRef(_) => style.patch(theme.link),
            };
        }
        for (m, mark) in marks {
            if m.start <= a && b <= m.end {
                style = style.patch(*mark);
            }
        }
        let mut text = display_str(piece);
        if let Some(cols) = after_gap(b) {
            text.extend(std::iter::repeat_n(' ', cols));
        }
        shown.push_str(&text);
        out.push(Span::styled(text, style));
    }
    // The line may end in a hyphen added at a soft hyphen; anything else that
    // differs (a giant grapheme cut to fit) is drawn plain, as laid out.
    match line.text.strip_prefix(shown.as_str()) {
        Some("") => out,
        Some(rest) => {
            out.push(Span::styled(rest, base));
            out
        }
        None => vec![Span::styled(line.text.as_str(), base)],
    }
}

/// Draw the reader screen.
pub fn draw(frame: &mut Frame, r: &mut Reader, ses: &Session, theme: &Theme) {
    let area = frame.area();
    let (column_x, column_width) = r.layout(ses).column;
    let status_y = area.height.saturating_sub(1);
    let lines = r.view.visible(&r.doc);
    let selection = r.selection.as_ref().map(|s| s.range()).or(r.pending);
    let mut flagged: Vec<&str> = Vec::new();
    let rows: Vec<TextLine> = lines
        .iter()
        .map(|l| {
            let block = r.doc.blocks.get(l.block);
            let len = block.map_or(0, |b| b.text.len());
            // Notes and the chosen passage, under the find hits.
            let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
            let mut glyph = None;
            for (m, range) in r.marks.on(l.block, len, l.range.clone()) {
                if m.is_note() {
                    marks.push((range, theme.noted));
                }
                // A mark's sign goes on the first line of it on screen.
                if !flagged.contains(&m.id.as_str()) {
                    flagged.push(&m.id);
                    glyph = match (glyph, m.is_note()) {
                        (Some(messages::MARGIN_NOTE), _) | (_, true) => Some(messages::MARGIN_NOTE),
                        _ => Some(messages::MARGIN_BOOKMARK),
                    };
                }
            }
            if let Some((a, b)) = selection
                && l.block >= a.block
                && l.block <= b.block
            {
                let from = if l.block == a.block { a.offset } else { 0 };
                let to = if l.block == b.block { b.offset } else { len };
                marks.push((from..to, theme.selection));
            }
            let mut spans = match glyph {
                Some(g) if column_x >= 2 => vec![
                    Span::raw(" ".repeat(column_x - 2)),
                    Span::styled(g, theme.margin),
                    Span::raw(" "),
                ],
                _ => vec![Span::raw(" ".repeat(column_x))],
            };
            // A code block is shaded across the whole text column.
            let code = l.style == LineStyle::Code;
            let shade = Style {
                bg: theme.code.bg.filter(|_| code),
                ..Style::default()
            };
            spans.push(Span::styled(" ".repeat(l.indent), shade));
            marks.extend(
                r.find
                    .hits_in(l.block)
                    .filter(|(_, h)| h.range.start < l.range.end && h.range.end > l.range.start)
                    .map(|(i, h)| {
                        (
                            h.range.clone(),
                            if Some(i) == r.find.current {
                                theme.hit_current
                            } else {
                                theme.hit
                            },
                        )
                    }),
            );
            // The focused link, over everything (`l`/`h`; Enter follows it).
            if let Some(f) = r.link.as_ref().filter(|f| f.block == l.block) {
                marks.push((f.range.clone(), theme.selection));
            }
            spans.extend(styled_pieces(l, block, style_of(l, theme), theme, &marks));
            if code {
                spans.push(Span::styled(
                    " ".repeat(column_width.saturating_sub(l.width())),
                    shade,
                ));
            }
            TextLine::from(spans)
        })
        .collect();
    let text_area = Rect::new(area.x, area.y, area.width, status_y);
    frame.render_widget(Paragraph::new(rows), text_area);
    super::outline_view::draw(frame, r, ses, theme);
    super::status::draw(frame, r, ses, theme);
    draw_note(frame, r, ses, theme);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{BlockKind, Document};
    use crate::core::layout::{Layout, LayoutOptions};

    #[test]
    fn styles_line_up_on_justified_lines() {
        let text = "Узбекско-японские отношения прошли долгий путь становления и развития.";
        let mut block = Block::new(BlockKind::Paragraph, text);
        let emph = text.find("долгий").unwrap_or(0);
        block.spans.push(crate::core::document::Span {
            range: emph..emph + "долгий".len(),
            style: Inline::Emphasis,
        });
        let doc = Document {
            blocks: vec![block],
            ..Document::default()
        };
        let opts = LayoutOptions {
            justify: true,
            ..LayoutOptions::default()
        };
        let lay = Layout::with_options(&doc, 48, opts);
        let line = &lay.lines[0];
        assert!(!line.gaps.is_empty() && line.width() == 48, "{line:?}");
        let theme = Theme::new(true);
        // A find hit across a widened space: "отношения  прошли долгий".
        let hit = text.find("отношения").unwrap_or(0)..emph + "долгий".len();
        let marks = vec![(hit.clone(), theme.hit)];
        let spans = styled_pieces(line, doc.blocks.first(), theme.body, &theme, &marks);
        let drawn: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(drawn, line.text);
        let lit: String = spans
            .iter()
            .filter(|s| s.style.bg == theme.hit.bg)
            .map(|s| s.content.as_ref())
            .collect();
        // The hit is lit whole, its widened space too, and nothing else.
        assert!(lit.contains("  ") && lit.ends_with(" долгий"), "{lit:?}");
        assert_eq!(
            lit.split_whitespace().collect::<Vec<_>>(),
            ["отношения", "прошли", "долгий"]
        );
        let at = drawn.find("отношения").unwrap_or(0);
        assert_eq!(&drawn[at..at + lit.len()], lit);
        let italic: String = spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::ITALIC))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(italic, "долгий");
    }
}
