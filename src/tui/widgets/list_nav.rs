//! Moving a selection through a list and keeping it on screen: shared by the
//! library, the search hits and anything else that is a list of rows.

use crate::tui::action::Action;

/// Where the selection goes for a movement `action`, in a list of `len` rows
/// showing `page` rows at a time; `None` when the action is not a movement.
pub fn moved(selected: usize, action: Action, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::Down | Action::WheelDown => (selected + 1).min(last),
        Action::Up | Action::WheelUp => selected.saturating_sub(1),
        Action::PageDown | Action::HalfDown => (selected + page).min(last),
        Action::PageUp | Action::HalfUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

/// The first row to show so that `selected` is among the `page` rows shown.
pub fn scroll_for(selected: usize, scroll: usize, page: usize, len: usize) -> usize {
    let page = page.max(1);
    let scroll = if selected < scroll {
        selected
    } else if selected >= scroll + page {
        selected + 1 - page
    } else {
        scroll
    };
    scroll.min(len.saturating_sub(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_and_scrolls() {
        assert_eq!(moved(0, Action::Down, 5, 2), Some(1));
        assert_eq!(moved(4, Action::Down, 5, 2), Some(4));
        assert_eq!(moved(3, Action::PageUp, 5, 2), Some(1));
        assert_eq!(moved(0, Action::Bottom, 0, 2), Some(0));
        assert_eq!(moved(1, Action::Open, 5, 2), None);
        assert_eq!(scroll_for(7, 0, 3, 10), 5);
        assert_eq!(scroll_for(1, 5, 3, 10), 1);
        assert_eq!(scroll_for(2, 9, 3, 4), 1);
    }
}
