//! Links and footnotes in the reader, and the go-to-place prompt.

/// `h`/`l` found no link or note reference on screen or near it.
pub const NO_LINK_HERE: &str = "no link or footnote on this screen";
/// `l` past the last link on screen (none near below) went to the first.
pub const LINKS_WRAPPED_DOWN: &str = "no more links below: back to the first on this screen";
/// `h` before the first link on screen (none near above) went to the last.
pub const LINKS_WRAPPED_UP: &str = "no more links above: on to the last on this screen";
/// A note reference whose note the file does not have.
pub fn note_missing(label: &str) -> String {
    format!("footnote {label} is not in the file")
}
/// A link to a place the file does not have.
pub fn link_missing(target: &str) -> String {
    format!("the link leads nowhere in this file ({target})")
}
/// A link to a file next to the article that is not there or not readable.
pub fn linked_file_missing(target: &str) -> String {
    format!("no readable file for the link {target}")
}
/// An article opened from a link has no place of that name.
pub fn anchor_missing(name: &str) -> String {
    format!("no place named #{name} in this article; opened at its start")
}
/// The status line while a link is focused: what Enter will do.
pub fn enter_will(key: &str, what: &str) -> String {
    format!("{key}: {what}")
}
/// What following a note reference does.
pub fn will_show_note(label: &str) -> String {
    format!("show footnote {label}")
}
/// What following an internal link does.
pub fn will_go_to(target: &str) -> String {
    format!("go to {target}")
}
/// What following a link to a place in the article does: the section it is in.
pub fn will_go_to_section(title: &str) -> String {
    format!("go to «{title}»")
}
/// What following an external link does.
pub fn will_show_link(target: &str) -> String {
    format!("link {target}")
}
/// What following a link to another file does.
pub fn will_open(target: &str) -> String {
    format!("open {target}")
}
/// The title of a footnote shown over the text.
pub fn footnote_title(label: &str) -> String {
    format!("Footnote {label}")
}
/// The keys of a footnote shown over the text.
pub const FOOTNOTE_KEYS: &str = "j/k scroll · Esc close";
/// The title of the external link box.
pub const LINK_TITLE: &str = "Link";
/// The keys of the external link box (with an opener).
pub const LINK_KEYS: &str = "y copy · o open · Esc close";
/// The link was put on the clipboard.
pub const LINK_COPIED: &str = "link copied to the clipboard";
/// The opener was started.
pub fn link_opened(opener: &str) -> String {
    format!("opened with {opener}")
}
/// No opener on this system.
pub const NO_OPENER: &str = "no opener found (xdg-open, open); copy the link with y";
/// The program `CHITALKA_OPENER` names is not there.
pub fn opener_not_found(program: &str) -> String {
    format!("the opener CHITALKA_OPENER names, «{program}», was not found; copy the link with y")
}
/// The opener could not be started.
pub fn opener_failed(opener: &str, why: &str) -> String {
    format!("could not start {opener}: {why}")
}
/// The go-to prompt's label.
pub const GO_TO_PROMPT: &str = "Go to: ";
/// The keys of the go-to prompt.
pub const GO_TO_KEYS: &str = "50% · :1200 · §3 · Enter go · Esc cancel";
/// What the go-to prompt takes, said when it took nothing it knows.
pub fn go_to_unknown(typed: &str) -> String {
    format!("«{typed}»: go to what? 50% · :1200 (a line) · §3 or 3.2 (a section)")
}
/// A percentage over 100.
pub fn go_to_bad_percent(typed: &str) -> String {
    format!("«{typed}»: a percentage is 0% to 100%")
}
/// A line past the end.
pub fn go_to_no_line(line: usize, total: usize) -> String {
    format!("no line {line}: the article has {total} lines here")
}
/// A section number the outline does not have.
pub fn go_to_no_section(number: &str) -> String {
    format!("no section {number} in the outline")
}
