//! Justified lines: the spaces between words widened so that a line fills
//! its width. The text of the block is never changed; a line records where
//! its spaces were widened ([`crate::core::layout::Line::gaps`]), and what is
//! drawn has the extra columns right after each such space.

use crate::core::width::display_str;
use std::ops::Range;

/// Share `extra` columns among `gaps` spaces as evenly as can be: each gets
/// the same, and the leftover columns go to gaps spread across the line
/// (towards its end, or with `mirror` towards its start, so that alternate
/// lines do not stack wide gaps under each other).
pub fn spread(extra: usize, gaps: usize, mirror: bool) -> Vec<usize> {
    if gaps == 0 {
        return Vec::new();
    }
    let (each, rest) = (extra / gaps, extra % gaps);
    (0..gaps)
        .map(|i| {
            let i = if mirror { gaps - 1 - i } else { i };
            let more = (i + 1) * rest / gaps > i * rest / gaps;
            each + usize::from(more)
        })
        .collect()
}

/// The drawn form of `seg[range]` with `gaps` widened: after the space at
/// each gap's offset (`base` + an offset in `seg`), that many more spaces.
pub fn widen(seg: &str, range: Range<usize>, base: usize, gaps: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(range.len() + gaps.iter().map(|g| g.1).sum::<usize>());
    let mut at = range.start;
    for &(off, cols) in gaps {
        let Some(cut) = (off + 1)
            .checked_sub(base)
            .filter(|c| (at..=range.end).contains(c))
        else {
            continue;
        };
        let Some(piece) = seg.get(at..cut) else {
            continue;
        };
        out.push_str(&display_str(piece));
        out.extend(std::iter::repeat_n(' ', cols));
        at = cut;
    }
    out.push_str(&display_str(seg.get(at..range.end).unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_is_even() {
        assert_eq!(spread(0, 3, false), vec![0, 0, 0]);
        assert_eq!(spread(6, 3, false), vec![2, 2, 2]);
        assert_eq!(spread(2, 4, false), vec![0, 1, 0, 1]);
        assert_eq!(spread(2, 4, true), vec![1, 0, 1, 0]);
        assert_eq!(spread(7, 3, false), vec![2, 2, 3]);
        assert_eq!(spread(5, 0, false), Vec::<usize>::new());
        for extra in 0..20 {
            for n in 1..9 {
                let s = spread(extra, n, extra % 2 == 0);
                assert_eq!(s.iter().sum::<usize>(), extra);
                let (lo, hi) = (s.iter().min(), s.iter().max());
                assert!(hi.zip(lo).is_some_and(|(h, l)| h - l <= 1));
            }
        }
    }

    #[test]
    fn widen_puts_spaces_after_the_gap() {
        let seg = "раз два три";
        assert_eq!(
            widen(seg, 0..seg.len(), 0, &[(6, 2), (13, 1)]),
            "раз   два  три"
        );
        // Offsets are block offsets: the segment starts at 100 in its block.
        assert_eq!(widen(seg, 7..seg.len(), 100, &[(113, 3)]), "два    три");
    }
}
