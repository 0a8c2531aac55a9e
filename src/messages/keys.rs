//! What each key does, as the help overlay says it.

/// Name of the space bar.
pub const KEY_SPACE: &str = "Space";
/// Name of Page Down.
pub const KEY_PAGE_DOWN: &str = "PgDn";
/// Name of Page Up.
pub const KEY_PAGE_UP: &str = "PgUp";
/// Name of Home.
pub const KEY_HOME: &str = "Home";
/// Name of End.
pub const KEY_END: &str = "End";
/// Name of Enter.
pub const KEY_ENTER: &str = "Enter";
/// Name of Escape.
pub const KEY_ESC: &str = "Esc";
/// Name of Tab.
pub const KEY_TAB: &str = "Tab";
/// Name of Backspace.
pub const KEY_BACKSPACE: &str = "Backspace";
/// Prefix for a key with Control held.
pub const KEY_CTRL: &str = "Ctrl-";
/// Prefix for a key with Alt held.
pub const KEY_ALT: &str = "Alt-";
/// Name of Shift-Tab.
pub const KEY_BACKTAB: &str = "BackTab";
/// Name of Insert.
pub const KEY_INSERT: &str = "Ins";
/// Key tables: the keys column.
pub const KEYS: &str = "keys";
/// Key tables: the action column.
pub const ACTION: &str = "action";
/// Key tables: an action with no key.
pub const UNBOUND: &str = "(no key)";
/// Key tables: the library screen.
pub const SCREEN_LIBRARY: &str = "Library";
/// Key tables: the reader.
pub const SCREEN_READER: &str = "Reader";
/// Key tables: the outline with the keys.
pub const SCREEN_OUTLINE: &str = "Outline (when it has the keys)";
/// Key tables: find in the library.
pub const SCREEN_SEARCH: &str = "Find in the library";
/// Key tables: choosing a passage.
pub const SCREEN_SELECT: &str = "Choosing a passage";
/// Key tables: the lists of bookmarks and notes.
pub const SCREEN_MARKS: &str = "Lists of bookmarks and notes";
/// Help text: line down.
pub const LINE_DOWN: &str = "line down";
/// Help text: line up.
pub const LINE_UP: &str = "line up";
/// Help text: page down.
pub const PAGE_DOWN: &str = "page down";
/// Help text: page up.
pub const PAGE_UP: &str = "page up";
/// Help text: half page down.
pub const HALF_PAGE_DOWN: &str = "half page down";
/// Help text: half page up.
pub const HALF_PAGE_UP: &str = "half page up";
/// Help text: start of the article.
pub const START_OF_THE_ARTICLE: &str = "start of the article";
/// Help text: end of the article.
pub const END_OF_THE_ARTICLE: &str = "end of the article";
/// Help text: back to the library.
pub const BACK_TO_THE_LIBRARY: &str = "back to the library";
/// Help text: this help.
pub const THIS_HELP: &str = "this help";
/// Help text: quit chitalka.
pub const QUIT_CHITALKA: &str = "quit chitalka";
/// Help text: next article.
pub const NEXT_ARTICLE: &str = "next article";
/// Help text: previous article.
pub const PREVIOUS_ARTICLE: &str = "previous article";
/// Help text: first article.
pub const FIRST_ARTICLE: &str = "first article";
/// Help text: last article.
pub const LAST_ARTICLE: &str = "last article";
/// Help text: open the article.
pub const OPEN_THE_ARTICLE: &str = "open the article";
/// Help text: filter by title.
pub const FILTER_BY_TITLE: &str = "filter by title";
/// Help text: sort by title / last read.
pub const SORT_BY_TITLE_LAST_READ: &str = "sort by title / last read";
/// Help text: clear the filter.
pub const CLEAR_THE_FILTER: &str = "clear the filter";
/// Help text: show or hide the outline.
pub const SHOW_HIDE_THE_OUTLINE: &str = "show / hide the outline";
/// Help text: focus the outline.
pub const FOCUS_THE_OUTLINE: &str = "outline / text focus";
/// Help text: previous section.
pub const PREVIOUS_SECTION: &str = "start of this / previous section";
/// Help text: next section.
pub const NEXT_SECTION: &str = "next section";
/// Help text: next outline entry.
pub const NEXT_ENTRY: &str = "next entry";
/// Help text: previous outline entry.
pub const PREVIOUS_ENTRY: &str = "previous entry";
/// Help text: first outline entry.
pub const FIRST_ENTRY: &str = "first entry";
/// Help text: last outline entry.
pub const LAST_ENTRY: &str = "last entry";
/// Help text: go to the section.
pub const GO_TO_THE_SECTION: &str = "go to the section";
/// Help text: fold.
pub const FOLD: &str = "fold (or go to the parent)";
/// Help text: unfold.
pub const UNFOLD: &str = "unfold";
/// Help text: fold or unfold.
pub const FOLD_UNFOLD: &str = "fold / unfold";
/// Help text: back to the text.
pub const BACK_TO_THE_TEXT: &str = "back to the text";
/// Help text: close the outline.
pub const CLOSE_THE_OUTLINE: &str = "close the outline";
/// Help text: article info.
pub const ARTICLE_INFO: &str = "article info";
/// Help text: find in the article.
pub const FIND_IN_THE_ARTICLE: &str = "find in the article (Esc cancels, ↑ history)";
/// Help text: next hit.
pub const NEXT_HIT: &str = "next hit";
/// Reader: Esc clears kept hits, never leaves the article.
pub const CLEAR_THE_HITS: &str = "unfocus the link, else clear the find hits";
/// Help text: previous hit.
pub const PREVIOUS_HIT: &str = "previous hit";
/// Help text: find in the library.
pub const FIND_IN_THE_LIBRARY: &str = "find in the whole library";
/// Help text: open the article at the hit.
pub const OPEN_AT_THE_HIT: &str = "open the article at the hit";
/// Help text: edit the query.
pub const EDIT_THE_QUERY: &str = "edit the query";
/// Help text: back.
pub const BACK: &str = "back";
/// Name of Delete.
pub const KEY_DELETE: &str = "Del";
/// Help text: start choosing a passage.
pub const CHOOSE_A_PASSAGE: &str = "choose a passage by sentences";
/// Help text: bookmark.
pub const BOOKMARK_THE_PASSAGE: &str = "bookmark the passage (chosen, or at the top)";
/// Help text: note.
pub const NOTE_ON_THE_PASSAGE: &str = "note on the passage (chosen, or at the top)";
/// Help text: show the note.
pub const SHOW_THE_NOTE: &str = "follow the link picked with l, else show a note on screen";
/// Help text: list bookmarks.
pub const LIST_BOOKMARKS: &str = "bookmarks";
/// Help text: list notes.
pub const LIST_NOTES: &str = "notes";
/// Help text: all bookmarks.
pub const LIST_ALL_BOOKMARKS: &str = "bookmarks of every article";
/// Help text: all notes.
pub const LIST_ALL_NOTES: &str = "notes of every article";
/// Help text: extend the choice.
pub const EXTEND_BY_A_SENTENCE: &str = "one sentence more";
/// Help text: shrink the choice.
pub const SHRINK_BY_A_SENTENCE: &str = "one sentence less";
/// Help text: extend by a paragraph.
pub const EXTEND_BY_A_PARAGRAPH: &str = "to the end of the paragraph / the next";
/// Help text: shrink by a paragraph.
pub const SHRINK_BY_A_PARAGRAPH: &str = "back a paragraph";
/// Help text: cancel the choice.
pub const CANCEL_THE_CHOICE: &str = "cancel the choice";
/// Help text: go to the passage.
pub const GO_TO_THE_PASSAGE: &str = "go to the passage";
/// Help text: scope toggle.
pub const THIS_ARTICLE_ALL: &str = "this article / the whole library";
/// Help text: rename or edit.
pub const RENAME_OR_EDIT: &str = "rename the bookmark / edit the note";
/// Help text: delete.
pub const DELETE_THE_ENTRY: &str = "delete";
/// Help text: undo.
pub const UNDO_THE_DELETE: &str = "undo the delete";
/// Help text: copy.
pub const COPY_THE_PASSAGE: &str = "copy the passage (the terminal's clipboard, OSC 52)";
/// Help text: jump back.
pub const JUMP_BACK: &str =
    "back to where the last jump (section, hit, mark, link, go-to, g/G) left";
/// Help text: focus the next link or footnote reference.
pub const NEXT_LINK: &str = "next link or footnote on screen (Enter follows it)";
/// Help text: focus the previous link or footnote reference.
pub const PREVIOUS_LINK: &str = "previous link or footnote on screen";
/// Help text: the go-to prompt.
pub const GO_TO_A_PLACE: &str = "go to: 50% · :1200 (a line) · §3 or 3.2 (a section)";
