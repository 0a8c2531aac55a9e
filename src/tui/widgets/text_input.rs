//! One-line text fields (the library filter, the find prompt): Cyrillic and
//! any other text typed as text; Backspace removes a whole letter with its
//! accents, never a lone stress mark.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// Apply a key to `text`: typing and Backspace. Returns true if the key was
/// one of those (whether or not the text changed).
pub fn edit(text: &mut String, ev: &KeyEvent) -> bool {
    match ev.code {
        // Ctrl and Alt together is AltGr on some systems: it types text.
        KeyCode::Char(c)
            if ev.modifiers.contains(KeyModifiers::CONTROL)
                == ev.modifiers.contains(KeyModifiers::ALT) =>
        {
            text.push(c);
            true
        }
        KeyCode::Backspace => {
            let cut = text
                .grapheme_indices(true)
                .next_back()
                .map_or(0, |(i, _)| i);
            text.truncate(cut);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn backspace_takes_a_letter_with_its_accent() {
        let mut s = String::new();
        for c in "за\u{301}мок".chars() {
            assert!(edit(&mut s, &key(KeyCode::Char(c))));
        }
        for want in ["за\u{301}мо", "за\u{301}м", "за\u{301}", "з", ""] {
            edit(&mut s, &key(KeyCode::Backspace));
            assert_eq!(s, want);
        }
        assert!(!edit(&mut s, &key(KeyCode::Enter)));
        assert!(!edit(
            &mut s,
            &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ));
        assert!(!edit(
            &mut s,
            &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::ALT)
        ));
        // AltGr (Ctrl+Alt) types: «€» on many layouts.
        assert!(edit(
            &mut s,
            &KeyEvent::new(
                KeyCode::Char('€'),
                KeyModifiers::CONTROL | KeyModifiers::ALT
            )
        ));
        assert_eq!(s, "€");
    }
}
