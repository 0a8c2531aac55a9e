//! Hostile EPUBs that must simply finish: sizes at which the old code
//! took minutes (a scan per spine item, a quadratic de-duplication).

use super::parse_within;
use super::tests::zip_book;

const CONTAINER: &str = r#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="o.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

/// An OPF of `items` (id, href) read in `spine` order (ids).
fn opf(items: &[(String, String)], spine: &[String]) -> String {
    let mut s = String::from(
        r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata><manifest>"#,
    );
    for (id, href) in items {
        s.push_str(&format!(
            r#"<item id="{id}" href="{href}" media-type="application/xhtml+xml"/>"#
        ));
    }
    s.push_str("</manifest><spine>");
    for id in spine {
        s.push_str(&format!(r#"<itemref idref="{id}"/>"#));
    }
    s.push_str("</spine></package>");
    s
}

fn page(text: &str) -> String {
    format!(r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{text}</p></body></html>"#)
}

#[test]
fn many_missing_spine_documents_among_many_entries() {
    // 60,000 spine items naming absent files, 60,000 other entries (each
    // missing item scanned every name: 3.6e9 name comparisons), and one
    // page, found in other case.
    let n = 60_000;
    let mut items: Vec<(String, String)> = (0..n)
        .map(|i| (format!("i{i}"), format!("m{i}.xhtml")))
        .collect();
    items.push(("z".into(), "Z.XHTML".into()));
    let spine: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
    let names: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
    let mut files = vec![
        ("META-INF/container.xml", CONTAINER.to_string()),
        ("o.opf", opf(&items, &spine)),
        ("z.xhtml", page("Единственная страница.")),
    ];
    files.extend(names.iter().map(|n| (n.as_str(), String::new())));
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let d = parse_within(&zip_book(&refs), 64 << 20).expect("parse");
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec!["Единственная страница."]);
}

#[test]
fn a_spine_of_200000_distinct_documents_is_not_deduplicated_by_scanning() {
    // 200,000 distinct spine items (each was looked for in the spine so
    // far: 2e10 comparisons, 70 s at 100,000), all missing but the last, and the last twice.
    let n = 200_000;
    let items: Vec<(String, String)> = (0..n)
        .map(|i| (format!("i{i}"), format!("p{i}.xhtml")))
        .collect();
    let mut spine: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
    spine.push(format!("i{}", n - 1));
    let files = [
        ("META-INF/container.xml", CONTAINER.to_string()),
        ("o.opf", opf(&items, &spine)),
        (&*format!("p{}.xhtml", n - 1), page("Последняя.")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let d = parse_within(&zip_book(&refs), 64 << 20).expect("parse");
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec!["Последняя."], "read once");
}

#[test]
fn a_doctype_internal_subset_shows_no_text_and_expands_nothing() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  ]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Текст &lol1; &xxe;</p></body></html>"#;
    let items = [("a".to_string(), "a.xhtml".to_string())];
    let files = [
        ("META-INF/container.xml", CONTAINER.to_string()),
        ("o.opf", opf(&items, &["a".to_string()])),
        ("a.xhtml", laughs.to_string()),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let d = parse_within(&zip_book(&refs), 1 << 20).expect("parse");
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec!["Текст &lol1; &xxe;"]);
}
