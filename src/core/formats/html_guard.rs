//! A page's tree from html5ever, with a guard between its tokenizer and its
//! tree builder.
//!
//! For many tags the tree builder looks through its stack of open elements
//! and its list of active formatting elements. On a hostile page those grow
//! with the file: 100,000 nested `<div>`s make every tag a walk of the whole
//! stack (quadratic time: 40 s for 500 KB), and unclosed `<b>`s that differ
//! in their attributes are re-opened in every later paragraph (quadratic time
//! and memory). The guard keeps both short, as browsers cap the depth of the
//! tree at 512: past [`MAX_OPEN`] elements a start tag is left out (its end
//! tag with it), so its content joins its parent's; past [`MAX_FORMATTING`]
//! formatting elements the same holds for `<b>`, `<i>`, `<a>`, `<font>` and
//! their kind. Void elements (`<br>`, `<img>`) and elements whose content is
//! raw text (`<script>`, `<style>`, `<title>`) always pass: they cannot nest.
//!
//! The builder's state is measured with its `trace_handles`, which lists the
//! stack and the list: every [`CHECK_EVERY`] tokens, and before a start tag
//! is left out (end tags may have closed elements since). In between, each
//! start tag passed counts as one more; a paragraph can re-open at most the
//! formatting elements of the list. So the caps hold (give or take
//! [`MAX_FORMATTING`]), the work per token is bounded by them, and parsing is
//! linear in the size of the file.

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{LocalName, TokenizerResult, local_name};
use scraper::{Html, HtmlTreeSink};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Most handles the tree builder may hold (its stack of open elements and
/// its list of formatting elements) before start tags are left out.
pub const MAX_OPEN: usize = 512;

/// Most formatting elements open or waiting to be re-opened before their
/// start tags are left out. Each is re-opened in every paragraph that
/// follows, so this is also the most elements one character can create.
pub const MAX_FORMATTING: usize = 12;

/// Tokens passed between two measures.
const CHECK_EVERY: usize = 64;

/// Parse a whole page, as `scraper::Html::parse_document` does, but guarded.
pub fn parse_document(text: &str) -> Html {
    let builder = TreeBuilder::new(
        HtmlTreeSink::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    let tokenizer = Tokenizer::new(Guard::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    // A DOCTYPE's internal subset would show as text (see html_doctype.rs).
    let text = super::html_doctype::drop_internal_subset(text);
    input.push_back(StrTendril::from_slice(&text));
    // `Script` asks the caller to run a script before going on: none is run.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// The tokens' way into the tree builder.
struct Guard {
    builder: TreeBuilder<NodeId, HtmlTreeSink>,
    /// Handles the builder held at the last measure, plus the start tags
    /// passed since.
    open: Cell<usize>,
    /// Formatting elements at the last measure, plus those passed since.
    formatting: Cell<usize>,
    /// Tokens passed since the last measure.
    since: Cell<usize>,
    /// A token was passed since the last measure.
    stale: Cell<bool>,
    /// Start tags left out, by name, whose end tags are still to come.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

/// Collects the handles the tree builder holds.
struct Census(RefCell<Vec<NodeId>>);

impl Tracer for Census {
    type Handle = NodeId;

    fn trace_handle(&self, node: &NodeId) {
        self.0.borrow_mut().push(*node);
    }
}

/// Elements that never stay open (void) or hold raw text (no tags inside):
/// they pass whatever the depth. Leaving out a `<script>` would make its code
/// page text.
fn always_passes(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("script")
            | local_name!("style")
            | local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
    )
}

/// The formatting elements of the HTML standard: the tree builder re-opens
/// them when a paragraph closes them by accident.
fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

impl Guard {
    fn new(builder: TreeBuilder<NodeId, HtmlTreeSink>) -> Self {
        Guard {
            builder,
            open: Cell::new(0),
            formatting: Cell::new(0),
            since: Cell::new(0),
            stale: Cell::new(true),
            dropped: RefCell::new(HashMap::new()),
        }
    }

    /// Measure what the tree builder holds.
    fn census(&self) {
        let census = Census(RefCell::new(Vec::new()));
        self.builder.trace_handles(&census);
        let handles = census.0.into_inner();
        let html = self.builder.sink.0.borrow();
        let mut formatting: Vec<NodeId> = handles
            .iter()
            .copied()
            .filter(|&id| {
                html.tree
                    .get(id)
                    .and_then(|n| n.value().as_element())
                    .is_some_and(|e| is_formatting(&e.name.local))
            })
            .collect();
        // An open formatting element is both on the stack and in the list.
        formatting.sort_unstable();
        formatting.dedup();
        self.open.set(handles.len());
        self.formatting.set(formatting.len());
        self.since.set(0);
        self.stale.set(false);
    }

    /// Would this start tag take the builder past a cap?
    fn over_cap(&self, name: &LocalName) -> bool {
        self.open.get() >= MAX_OPEN
            || (is_formatting(name) && self.formatting.get() >= MAX_FORMATTING)
    }

    /// Is this start tag left out? The builder is measured again before a
    /// tag is left out, if a token was passed since the last measure: it
    /// may have closed elements.
    fn drops(&self, tag: &Tag) -> bool {
        // Inside <svg> or <math> a `script` or `style` is an ordinary
        // element that nests: it passes only in HTML content.
        let passes = always_passes(&tag.name)
            && !self
                .builder
                .adjusted_current_node_present_but_not_in_html_namespace();
        if passes || !self.over_cap(&tag.name) {
            return false;
        }
        if self.stale.get() {
            self.census();
        }
        self.over_cap(&tag.name)
    }

    /// Note a token passed to the builder; measure it when due.
    fn passed(&self, start_of: Option<&LocalName>) {
        if let Some(name) = start_of {
            self.open.set(self.open.get() + 1);
            if is_formatting(name) {
                self.formatting.set(self.formatting.get() + 1);
            }
        }
        self.since.set(self.since.get() + 1);
        self.stale.set(true);
        if self.since.get() >= CHECK_EVERY {
            self.census();
        }
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let mut start_of = None;
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if self.drops(tag) => {
                    *self
                        .dropped
                        .borrow_mut()
                        .entry(tag.name.clone())
                        .or_default() += 1;
                    return TokenSinkResult::Continue;
                }
                TagKind::StartTag => start_of = Some(tag.name.clone()),
                TagKind::EndTag => {
                    if let Some(n) = self.dropped.borrow_mut().get_mut(&tag.name)
                        && *n > 0
                    {
                        *n -= 1;
                        return TokenSinkResult::Continue;
                    }
                }
            }
        }
        let result = self.builder.process_token(token, line_number);
        self.passed(start_of.as_ref());
        result
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded_and_plain(page: &str) -> (String, String) {
        (
            parse_document(page).root_element().html(),
            Html::parse_document(page).root_element().html(),
        )
    }

    #[test]
    fn ordinary_pages_build_the_same_tree() {
        let pages = [
            "<!DOCTYPE html><html><head><title>Т</title><script>if (a < b) {}</script></head>\
             <body><p>Незакрытый <b>жирный<p>второй <i>абзац</b> конец<table><tr><td>1<td>2\
             <tr><td>3</table><ul><li>а<li>б</ul><select><option>x<option>y</select>\
             <svg><g><circle/></g></svg><pre>код</pre><font color=red><p>красный<p>ещё</font>",
            "<a href=x><div>блок в ссылке</a> после",
            "<b><i><u><s>вложенные</b> закрыты не по порядку</s></u></i>",
            &"<div><p>абзац</p>".repeat(300),
            &"<p><b>x</p>".repeat(50),
        ];
        for page in pages {
            let (guarded, plain) = guarded_and_plain(page);
            assert_eq!(guarded, plain, "{page}");
        }
    }

    #[test]
    fn depth_and_formatting_elements_are_capped() {
        let html = parse_document(&format!("{}x", "<div>".repeat(2_000)));
        let depth = html
            .tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0);
        assert!((MAX_OPEN - 8..=MAX_OPEN + 8).contains(&depth), "{depth}");

        let page: String = (0..100)
            .map(|i| format!("<p><b class=c{i}>x</p>"))
            .collect();
        let html = parse_document(&page);
        let bold = html
            .tree
            .nodes()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "b"))
            .count();
        // Without the cap: 5,050 (each paragraph re-opens all before it).
        assert!(bold <= 100 * MAX_FORMATTING, "{bold}");
    }
}
