//! DRM: `META-INF/encryption.xml` lists the files of the book that are
//! encrypted. Fonts obfuscated by the IDPF or Adobe algorithm are normal
//! (and CSS and fonts are not read anyway); a book whose text documents are
//! encrypted cannot be read.

use super::xml::{Ev, attr, read};
use crate::core::formats::html_links::percent_decode;

/// Does `encryption` (the text of `META-INF/encryption.xml`) encrypt any
/// of the `content` documents (paths in the archive), or any (X)HTML file?
pub(super) fn encrypts_content(encryption: &str, content: &[String]) -> bool {
    let mut found = false;
    read(encryption, |ev| {
        if let Ev::Start(name, attrs) = ev
            && name == "CipherReference"
            && let Some(uri) = attr(&attrs, "URI")
        {
            let path = percent_decode(uri.trim())
                .trim_start_matches('/')
                .to_string();
            let lower = path.to_ascii_lowercase();
            let text = [".xhtml", ".html", ".htm", ".xml", ".opf", ".ncx"]
                .iter()
                .any(|e| lower.ends_with(e));
            if text || content.contains(&path) {
                found = true;
            }
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encryption(algorithm: &str, uri: &str) -> String {
        format!(
            r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>"#
        )
    }

    #[test]
    fn fonts_are_fine_text_is_not() {
        let spine = vec!["OEBPS/ch1.xhtml".to_string()];
        let fonts = encryption("http://www.idpf.org/2008/embedding", "OEBPS/fonts/a.otf");
        assert!(!encrypts_content(&fonts, &spine));
        let adobe = encryption("http://ns.adobe.com/pdf/enc#RC", "OEBPS/fonts/b.ttf");
        assert!(!encrypts_content(&adobe, &spine));
        let aes = encryption(
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
            "OEBPS/ch1.xhtml",
        );
        assert!(encrypts_content(&aes, &spine));
        let other = encryption(
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
            "OEBPS/t%201.html",
        );
        assert!(encrypts_content(&other, &[]));
    }
}
