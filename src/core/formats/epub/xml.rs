//! A small reader of the EPUB's own XML files (container, package, NCX,
//! encryption): start and end tags by their local names (any namespace),
//! attributes and text, read to the first fault, never a panic.

use quick_xml::Reader;
use quick_xml::escape::{resolve_predefined_entity, unescape};
use quick_xml::events::{BytesStart, Event};

/// One thing the reader met.
pub(super) enum Ev {
    /// A start tag (also for an empty element, followed by its [`Ev::End`]):
    /// its local name and attributes (local names, unescaped values).
    Start(String, Vec<(String, String)>),
    /// An end tag: its local name.
    End(String),
    /// Text, with its references resolved.
    Text(String),
}

fn attrs(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let key = a.key.local_name().as_ref().to_string();
            // `epub:type` keeps its prefix: other `type`s are not it.
            let key = match a.key.prefix() {
                Some(p) if p.as_ref() == "epub" => format!("epub:{key}"),
                _ => key,
            };
            let raw = a.value.to_string();
            let value = unescape(&raw).map(|v| v.into_owned()).unwrap_or(raw);
            (key, value)
        })
        .collect()
}

fn local(name: &str) -> String {
    name.to_string()
}

/// Read `text`, handing each event to `f`; stops at the end or the first
/// fault (what came before it is handed on).
pub(super) fn read(text: &str, mut f: impl FnMut(Ev)) {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut pending = String::new();
    loop {
        let event = reader.read_event();
        if !matches!(
            event,
            Ok(Event::Text(_) | Event::CData(_) | Event::GeneralRef(_))
        ) && !pending.is_empty()
        {
            f(Ev::Text(std::mem::take(&mut pending)));
        }
        match event {
            Ok(Event::Start(e)) => f(Ev::Start(local(e.local_name().as_ref()), attrs(&e))),
            Ok(Event::Empty(e)) => {
                let name = local(e.local_name().as_ref());
                f(Ev::Start(name.clone(), attrs(&e)));
                f(Ev::End(name));
            }
            Ok(Event::End(e)) => f(Ev::End(local(e.local_name().as_ref()))),
            Ok(Event::Text(t)) => pending.push_str(&t),
            Ok(Event::CData(t)) => pending.push_str(&t),
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => pending.push(c),
                _ => pending.push_str(resolve_predefined_entity(&r).unwrap_or_default()),
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// The value of attribute `name` among `attrs`.
pub(super) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
