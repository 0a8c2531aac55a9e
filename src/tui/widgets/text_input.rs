//! One-line text fields (the library filter, the find prompts, a bookmark's
//! name): Cyrillic and any other text typed as text; Backspace removes a
//! whole letter with its accents, never a lone stress mark; Ctrl-w the last
//! word, Ctrl-u the whole line (as in a shell).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// Apply a key to `text`: typing, Backspace, Ctrl-w, Ctrl-u. Returns true
/// if the key was one of those (whether or not the text changed).
pub fn edit(text: &mut String, ev: &KeyEvent) -> bool {
    let ctrl =
        ev.modifiers.contains(KeyModifiers::CONTROL) && !ev.modifiers.contains(KeyModifiers::ALT);
    match ev.code {
        KeyCode::Char('u' | 'г') if ctrl => {
            text.clear();
            true
        }
        KeyCode::Char('w' | 'ц') if ctrl => {
            let kept = text.trim_end().len();
            let cut = text[..kept]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            text.truncate(cut);
            true
        }
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

    #[test]
    fn ctrl_w_takes_a_word_ctrl_u_the_line() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut s = "война и мир  ".to_string();
        assert!(edit(&mut s, &ctrl('w')));
        assert_eq!(s, "война и ");
        edit(&mut s, &ctrl('w'));
        assert_eq!(s, "война ");
        // The Russian layout's key in the same place.
        edit(&mut s, &ctrl('ц'));
        assert_eq!(s, "");
        let mut s = "ударе\u{301}ние".to_string();
        assert!(edit(&mut s, &ctrl('u')));
        assert_eq!(s, "");
    }
}
