//! Epigraphs at the start of a plain text (a saying, verse, a quotation and
//! its attribution): they are never the text's title, nor headings.

use super::Para;
use crate::core::formats::heading;

/// Most paragraphs in the body of one epigraph: a stanza a paragraph, or a
/// verse line a paragraph in hard-wrapped text.
const EPIGRAPH_BODY_MAX: usize = 8;

/// Most epigraphs in a row at the start of a text.
const EPIGRAPHS_MAX: usize = 3;

/// Longest paragraph of an epigraph's body, in characters (a verse of the
/// Gospel is one long line).
const EPIGRAPH_PARA_MAX_CHARS: usize = 600;

/// Most lines of a verse epigraph.
const EPIGRAPH_LINES_MAX: usize = 24;

/// Longest attribution line, in characters, and most words in it.
const ATTRIBUTION_MAX_CHARS: usize = 60;
const ATTRIBUTION_MAX_WORDS: usize = 8;

/// Least indentation (in spaces) that sets an attribution apart.
const ATTRIBUTION_INDENT: usize = 4;

/// How many paragraphs at the start of the text are epigraphs (0 when it
/// does not open with one). An epigraph is a body (verse, a proverb, a
/// quotation; no heading-like line among it) and then an attribution line
/// standing alone: short, and set apart by a leading dash or by an
/// indentation its body and the text's paragraphs do not have ("Пословица",
/// "А. Пушкин", "Евангелие от Луки. Глава VIII, 32—36."). Something must
/// follow the last one.
pub(super) fn epigraph_span(paras: &[Para]) -> usize {
    let usual_lead = usual_lead(paras);
    let mut end = 0;
    for _ in 0..EPIGRAPHS_MAX {
        let mut i = end;
        while i < paras.len() && i - end < EPIGRAPH_BODY_MAX && is_epigraph_body(&paras[i]) {
            if i > end && is_attribution(&paras[i], paras[i - 1].lead, usual_lead) {
                break;
            }
            i += 1;
        }
        let attributed = i > end
            && i + 1 < paras.len()
            && is_attribution(&paras[i], paras[i - 1].lead, usual_lead);
        if !attributed {
            break;
        }
        end = i + 1;
    }
    end
}

/// The indentation most paragraphs have.
fn usual_lead(paras: &[Para]) -> usize {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for p in paras.iter().take(200) {
        *counts.entry(p.lead).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(lead, n)| (n, std::cmp::Reverse(lead)))
        .map_or(0, |(lead, _)| lead)
}

/// Does a line start with a dash (and a space or a letter after it)?
fn dash_led(line: &str) -> bool {
    line.trim_start().starts_with(['—', '–', '-'])
}

/// Can this paragraph be (part of) the body of an epigraph? Verse, or a
/// sentence that is no heading, no name and no line of dialogue.
fn is_epigraph_body(p: &Para) -> bool {
    if p.text.chars().count() > EPIGRAPH_PARA_MAX_CHARS {
        return false;
    }
    if p.text.contains('\n') {
        return p.text.lines().count() <= EPIGRAPH_LINES_MAX;
    }
    !dash_led(&p.text)
        && heading::classify(&p.text).is_none()
        && !heading::looks_like_author(&p.text)
}

/// Is this paragraph the attribution of an epigraph, after a body whose last
/// paragraph is indented by `body_lead` in a text whose paragraphs usually
/// are by `usual_lead`?
fn is_attribution(p: &Para, body_lead: usize, usual_lead: usize) -> bool {
    let text = p.text.as_str();
    if !p.one_line || !p.blank_before || !p.blank_after {
        return false;
    }
    let name = text.trim_start_matches(['—', '–', '-', ' ', '\u{A0}']);
    if text.chars().count() > ATTRIBUTION_MAX_CHARS
        || name.split_whitespace().count() > ATTRIBUTION_MAX_WORDS
        || !name.chars().next().is_some_and(char::is_uppercase)
        || name.ends_with(['!', '?', '…', ',', ';', ':'])
        || heading::keyword(name).is_some()
        || heading::is_numeral(name)
    {
        return false;
    }
    if dash_led(text) {
        // "— Пушкин", not a line of dialogue ("— Ничего.", "— Да, — сказал он").
        let inner_dash = name.contains(" — ") || name.contains(" – ") || name.contains(" - ");
        return !inner_dash && (!name.ends_with('.') || name.chars().any(|c| c.is_ascii_digit()));
    }
    p.lead >= ATTRIBUTION_INDENT && p.lead != body_lead && p.lead != usual_lead
}
