//! The outline beside the text: which sections are folded, where the cursor
//! is, what is shown. Pure state; drawn by `outline_view.rs`.

use crate::core::outline::Outline;

/// Outlines longer than this start with their sub-levels folded.
const FOLD_WHEN_LONGER: usize = 40;

/// The outline panel of an open article.
#[derive(Debug, Clone)]
pub struct OutlinePanel {
    /// The sections.
    pub outline: Outline,
    /// The panel is shown.
    pub open: bool,
    /// The panel has the keyboard.
    pub focused: bool,
    /// The section under the cursor.
    pub cursor: usize,
    /// First visible row on screen.
    pub scroll: usize,
    folded: Vec<bool>,
}

impl OutlinePanel {
    /// A closed panel for `outline`; long outlines start folded below the top level.
    pub fn new(outline: Outline) -> Self {
        let n = outline.sections.len();
        let mut p = OutlinePanel {
            folded: vec![false; n],
            outline,
            open: false,
            focused: false,
            cursor: 0,
            scroll: 0,
        };
        // Fold from the deepest level up until the outline fits.
        let deepest = p
            .outline
            .sections
            .iter()
            .map(|s| s.level)
            .max()
            .unwrap_or(1);
        for depth in (1..deepest).rev() {
            if p.visible().len() <= FOLD_WHEN_LONGER {
                break;
            }
            for i in 0..n {
                if p.outline.sections[i].level >= depth && p.has_children(i) {
                    p.folded[i] = true;
                }
            }
        }
        p
    }

    /// Does section `i` have sub-sections?
    pub fn has_children(&self, i: usize) -> bool {
        let s = &self.outline.sections;
        s.get(i + 1)
            .is_some_and(|next| s.get(i).is_some_and(|me| next.level > me.level))
    }

    /// Is section `i` folded?
    pub fn is_folded(&self, i: usize) -> bool {
        self.folded.get(i).copied().unwrap_or(false)
    }

    /// Sections shown: those with no folded ancestor, in order.
    pub fn visible(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut hide_below: Option<u8> = None;
        for (i, s) in self.outline.sections.iter().enumerate() {
            if let Some(level) = hide_below {
                if s.level > level {
                    continue;
                }
                hide_below = None;
            }
            out.push(i);
            if self.is_folded(i) {
                hide_below = Some(s.level);
            }
        }
        out
    }

    /// Section `i`, or its nearest ancestor that is shown.
    pub fn shown_for(&self, i: usize) -> usize {
        let vis = self.visible();
        let mut j = i;
        while !vis.contains(&j) {
            match self.outline.parent(j) {
                Some(p) => j = p,
                None => return vis.first().copied().unwrap_or(0),
            }
        }
        j
    }

    /// Move the cursor by `delta` shown rows.
    pub fn move_cursor(&mut self, delta: isize) {
        let vis = self.visible();
        let Some(at) = vis.iter().position(|&i| i == self.cursor) else {
            self.cursor = vis.first().copied().unwrap_or(0);
            return;
        };
        let to = at
            .saturating_add_signed(delta)
            .min(vis.len().saturating_sub(1));
        self.cursor = vis[to];
    }

    /// Put the cursor on the first or last shown section.
    pub fn cursor_to_end(&mut self, last: bool) {
        let vis = self.visible();
        let pick = if last { vis.last() } else { vis.first() };
        self.cursor = pick.copied().unwrap_or(0);
    }

    /// Fold (`Some(true)`), unfold (`Some(false)`) or toggle (`None`) the
    /// cursor's section. Folding a section without children folds its parent
    /// and moves the cursor there.
    pub fn fold(&mut self, fold: Option<bool>) {
        let i = self.cursor;
        if !self.has_children(i) {
            if fold == Some(true)
                && let Some(p) = self.outline.parent(i)
            {
                self.folded[p] = true;
                self.cursor = p;
            }
            return;
        }
        let now = self.is_folded(i);
        self.folded[i] = fold.unwrap_or(!now);
    }

    /// Unfold everything above section `i`, so that it is shown.
    pub fn reveal(&mut self, i: usize) {
        let mut j = i;
        while let Some(p) = self.outline.parent(j) {
            self.folded[p] = false;
            j = p;
        }
    }

    /// Scroll so that the cursor is among `rows` rows on screen.
    pub fn keep_in_view(&mut self, rows: usize) {
        let vis = self.visible();
        let at = vis.iter().position(|&i| i == self.cursor).unwrap_or(0);
        self.scroll = crate::tui::widgets::list_nav::scroll_for(at, self.scroll, rows, vis.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::text::parse_str;

    fn panel(src: &str) -> OutlinePanel {
        OutlinePanel::new(Outline::of(&parse_str(src)))
    }

    const BOOK: &str = "ТОМ ПЕРВЫЙ\n\nЧАСТЬ ПЕРВАЯ\n\nI.\n\nТекст.\n\nII.\n\nТекст.\n\nЧАСТЬ ВТОРАЯ\n\nI.\n\nТекст.\n\nТОМ ВТОРОЙ\n\nI.\n\nТекст.\n";

    #[test]
    fn folding_hides_and_shows_sub_sections() {
        let mut p = panel(BOOK);
        assert_eq!(p.visible().len(), 8);
        p.cursor = 1; // ЧАСТЬ ПЕРВАЯ
        p.fold(Some(true));
        assert_eq!(p.visible(), vec![0, 1, 4, 5, 6, 7]);
        p.fold(None);
        assert_eq!(p.visible().len(), 8);
        // Folding a leaf folds its parent.
        p.cursor = 2;
        p.fold(Some(true));
        assert_eq!(p.cursor, 1);
        assert!(p.is_folded(1));
        assert_eq!(p.shown_for(3), 1);
        p.reveal(3);
        assert!(!p.is_folded(1));
    }

    #[test]
    fn cursor_moves_over_shown_rows_only() {
        let mut p = panel(BOOK);
        p.cursor = 1;
        p.fold(Some(true));
        p.move_cursor(1);
        assert_eq!(p.cursor, 4);
        p.move_cursor(100);
        assert_eq!(p.cursor, 7);
        p.move_cursor(-100);
        assert_eq!(p.cursor, 0);
        p.cursor_to_end(true);
        assert_eq!(p.cursor, 7);
    }

    #[test]
    fn long_outlines_start_folded() {
        let chapters: String = (1..=50)
            .map(|i| format!("Глава {i}\n\nТекст.\n\n"))
            .collect();
        let p = panel(&format!(
            "ЧАСТЬ ПЕРВАЯ\n\n{chapters}ЧАСТЬ ВТОРАЯ\n\n{chapters}"
        ));
        assert_eq!(p.visible().len(), 2);
        let p = panel(BOOK);
        assert_eq!(p.visible().len(), 8);
    }

    #[test]
    fn keep_in_view_scrolls() {
        let chapters: String = (1..=30)
            .map(|i| format!("Глава {i}\n\nТекст.\n\n"))
            .collect();
        let mut p = panel(&chapters);
        p.cursor = 20;
        p.keep_in_view(5);
        assert_eq!(p.scroll, 16);
        p.cursor = 2;
        p.keep_in_view(5);
        assert_eq!(p.scroll, 2);
    }
}
