//! What a file that chitalka does not read is, told by its content (magic
//! bytes), never by its name: a PDF named `.txt` is still a PDF. Only looks:
//! never reads past the bytes given, never panics on truncated data.

use serde::{Deserialize, Serialize};

/// A file format chitalka does not read; `messages` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// `%PDF-`.
    Pdf,
    /// `AT&TFORM` ... `DJVU`/`DJVM`/`DJVI`.
    Djvu,
    /// A Kindle book: `BOOKMOBI` (MOBI, AZW, AZW3) or `TEXtREAd` (PalmDOC) at 60.
    Mobi,
    /// A ZIP whose `mimetype` is `application/epub+zip` (or with
    /// `META-INF/container.xml`): an EPUB book, which `parse` reads (see
    /// [`super::epub`]).
    Epub,
    /// A ZIP with `word/document.xml`.
    Docx,
    /// A ZIP with `xl/workbook.xml`.
    Xlsx,
    /// A ZIP with `ppt/presentation.xml`.
    Pptx,
    /// A ZIP whose `mimetype` is `application/vnd.oasis.opendocument.text`.
    Odt,
    /// Another OpenDocument file (spreadsheet, presentation, ...).
    OpenDocument,
    /// A ZIP holding a file named `.fb2` (a hint only: [`super::fb2zip`]
    /// looks for the book by content, and `parse` reads it).
    ZippedFb2,
    /// Any other ZIP archive.
    Zip,
    /// `{\rtf`.
    Rtf,
    /// An OLE compound file: old Word, Excel or PowerPoint (`D0 CF 11 E0`).
    OldOffice,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// gzip-compressed data.
    Gzip,
    /// bzip2-compressed data.
    Bzip2,
    /// xz-compressed data.
    Xz,
    /// A 7-Zip archive.
    SevenZip,
    /// A RAR archive.
    Rar,
}

/// Formats told by the bytes they start with alone.
const MAGIC: &[(&[u8], Format)] = &[
    (b"{\\rtf", Format::Rtf),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Format::OldOffice),
    (b"\x89PNG\r\n\x1a\n", Format::Png),
    (b"\xFF\xD8\xFF", Format::Jpeg),
    (b"GIF87a", Format::Gif),
    (b"GIF89a", Format::Gif),
    (b"\x1F\x8B", Format::Gzip),
    (b"\xFD7zXZ\x00", Format::Xz),
    (b"7z\xBC\xAF\x27\x1C", Format::SevenZip),
    (b"Rar!\x1A\x07", Format::Rar),
];

/// The format of `bytes` when it is one chitalka knows it does not read.
/// Text (and HTML, Markdown, FB2) is never mistaken for one: every check is
/// for bytes at a fixed place that text does not start with.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    let at =
        |off: usize, magic: &[u8]| bytes.get(off..).is_some_and(|rest| rest.starts_with(magic));
    let format = if at(0, b"%PDF-") {
        Format::Pdf
    } else if at(0, b"AT&TFORM") && (at(12, b"DJVU") || at(12, b"DJVM") || at(12, b"DJVI")) {
        Format::Djvu
    } else if at(60, b"BOOKMOBI") || at(60, b"TEXtREAd") {
        Format::Mobi
    } else if at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06") {
        zip(bytes)
    } else if at(0, b"BZh")
        && bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b))
        && at(4, b"1AY&SY")
    {
        Format::Bzip2
    } else if let Some(&(_, f)) = MAGIC.iter().find(|(magic, _)| at(0, magic)) {
        f
    } else {
        return None;
    };
    Some(format)
}

/// A little-endian u16 at `off`, if the bytes reach that far.
fn u16_at(b: &[u8], off: usize) -> Option<usize> {
    let s = b.get(off..off.checked_add(2)?)?;
    Some(usize::from(u16::from_le_bytes([s[0], s[1]])))
}

/// A little-endian u32 at `off`, if the bytes reach that far.
fn u32_at(b: &[u8], off: usize) -> Option<usize> {
    let s = b.get(off..off.checked_add(4)?)?;
    usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok()
}

/// What a ZIP archive holds: its `mimetype` first entry (EPUB,
/// OpenDocument), else the names of its entries (Office, FB2).
fn zip(bytes: &[u8]) -> Format {
    if let Some(mime) = first_entry_mimetype(bytes) {
        if mime.starts_with(b"application/epub+zip") {
            return Format::Epub;
        }
        if mime.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Format::Odt;
        }
        if mime.starts_with(b"application/vnd.oasis.opendocument.") {
            return Format::OpenDocument;
        }
    }
    let names = entry_names(bytes);
    let has = |wanted: &str| {
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(wanted.as_bytes()))
    };
    if has("word/document.xml") {
        Format::Docx
    } else if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("ppt/presentation.xml") {
        Format::Pptx
    } else if has("META-INF/container.xml") {
        Format::Epub
    } else if names
        .iter()
        .any(|n| n.len() > 4 && n[n.len() - 4..].eq_ignore_ascii_case(b".fb2"))
    {
        Format::ZippedFb2
    } else {
        Format::Zip
    }
}

/// The start of the content of the first entry when it is a stored
/// (uncompressed) `mimetype`, as EPUB and OpenDocument put it.
fn first_entry_mimetype(b: &[u8]) -> Option<&[u8]> {
    const HEADER: usize = 30;
    let name_len = u16_at(b, 26)?;
    let extra_len = u16_at(b, 28)?;
    if b.get(HEADER..HEADER + name_len)? != b"mimetype" || u16_at(b, 8)? != 0 {
        return None;
    }
    let start = HEADER + name_len + extra_len;
    let rest = b.get(start..)?;
    Some(&rest[..rest.len().min(80)])
}

/// Most entries whose names are read.
const MAX_ENTRIES: usize = 10_000;

/// The names of the entries: from the central directory when the end of
/// the archive is there, else from the local headers from the start (a
/// truncated archive), as far as they go.
fn entry_names(b: &[u8]) -> Vec<&[u8]> {
    central_names(b).unwrap_or_else(|| local_names(b))
}

/// Names from the central directory, found through the end record in the
/// last 64 KiB (+ 22 bytes) of the archive.
fn central_names(b: &[u8]) -> Option<Vec<&[u8]>> {
    const END: usize = 22;
    let from = b.len().saturating_sub(END + 0xFFFF);
    let tail = &b[from..];
    let eocd = from + tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)?;
    let mut names = Vec::new();
    for _ in 0..count.min(MAX_ENTRIES) {
        if b.get(at..at.checked_add(4)?)? != b"PK\x01\x02" {
            break;
        }
        let name_len = u16_at(b, at + 28)?;
        let extra_len = u16_at(b, at + 30)?;
        let comment_len = u16_at(b, at + 32)?;
        let start = at + 46;
        names.push(b.get(start..start + name_len)?);
        at = start + name_len + extra_len + comment_len;
    }
    Some(names).filter(|n| !n.is_empty())
}

/// Names from the local headers, one after another from the start, while
/// each says how long its data is.
fn local_names(b: &[u8]) -> Vec<&[u8]> {
    let mut names = Vec::new();
    let mut at = 0usize;
    while names.len() < MAX_ENTRIES {
        let Some(sig) = at.checked_add(4).and_then(|end| b.get(at..end)) else {
            break;
        };
        if sig != b"PK\x03\x04" {
            break;
        }
        let (Some(flags), Some(size), Some(name_len), Some(extra_len)) = (
            u16_at(b, at + 6),
            u32_at(b, at + 18),
            u16_at(b, at + 26),
            u16_at(b, at + 28),
        ) else {
            break;
        };
        let start = at + 30;
        let Some(name) = b.get(start..start + name_len) else {
            break;
        };
        names.push(name);
        // With a data descriptor the size is not known here: no further.
        if flags & 0x8 != 0 {
            break;
        }
        let Some(next) = (start + name_len + extra_len).checked_add(size) else {
            break;
        };
        at = next;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP of stored entries, with its central directory.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in entries {
            let offset = u32::try_from(out.len()).expect("small");
            let size = u32::try_from(data.len()).expect("small");
            let name_len = u16::try_from(name.len()).expect("short");
            out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            out.extend_from_slice(&0u32.to_le_bytes()); // crc, not checked
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&name_len.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            central
                .extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            central.extend_from_slice(&0u32.to_le_bytes());
            central.extend_from_slice(&size.to_le_bytes());
            central.extend_from_slice(&size.to_le_bytes());
            central.extend_from_slice(&name_len.to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let cd_offset = u32::try_from(out.len()).expect("small");
        let cd_size = u32::try_from(central.len()).expect("small");
        let count = u16::try_from(entries.len()).expect("few");
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&cd_size.to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn magic_bytes_name_the_format() {
        let mut mobi = vec![0u8; 60];
        mobi.extend_from_slice(b"BOOKMOBI\x00\x00");
        let cases: [(&[u8], Format); 15] = [
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", Format::Pdf),
            (b"AT&TFORM\x00\x00\x10\x00DJVMDIRM", Format::Djvu),
            (b"AT&TFORM\x00\x00\x10\x00DJVUINFO", Format::Djvu),
            (&mobi, Format::Mobi),
            (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", Format::Rtf),
            (
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
                Format::OldOffice,
            ),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Format::Png),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", Format::Jpeg),
            (b"GIF89a\x01\x00\x01\x00", Format::Gif),
            (b"\x1F\x8B\x08\x00\x00\x00", Format::Gzip),
            (b"BZh91AY&SY\x00", Format::Bzip2),
            (b"\xFD7zXZ\x00\x00", Format::Xz),
            (b"7z\xBC\xAF\x27\x1C\x00\x04", Format::SevenZip),
            (b"Rar!\x1A\x07\x01\x00", Format::Rar),
            (b"PK\x05\x06\x00\x00\x00\x00\x00\x00", Format::Zip),
        ];
        for (bytes, format) in cases {
            assert_eq!(sniff(bytes), Some(format), "{bytes:?}");
        }
    }

    #[test]
    fn zip_containers_by_what_they_hold() {
        let epub = zip_of(&[
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", b"<container/>"),
        ]);
        let odt = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<x/>"),
        ]);
        let ods = zip_of(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<r/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let xlsx = zip_of(&[("xl/workbook.xml", b"<w/>")]);
        let pptx = zip_of(&[("ppt/presentation.xml", b"<p/>")]);
        let fb2 = zip_of(&[("Книга.FB2", b"<FictionBook/>")]);
        let plain = zip_of(&[("notes.txt", b"text")]);
        // EPUB without the mimetype first (as some tools write it).
        let loose = zip_of(&[("META-INF/container.xml", b"<container/>")]);
        let cases = [
            (epub, Format::Epub),
            (odt, Format::Odt),
            (ods, Format::OpenDocument),
            (docx.clone(), Format::Docx),
            (xlsx, Format::Xlsx),
            (pptx, Format::Pptx),
            (fb2, Format::ZippedFb2),
            (plain, Format::Zip),
            (loose, Format::Epub),
        ];
        for (bytes, format) in cases {
            assert_eq!(sniff(&bytes), Some(format));
        }
        // Cut before its central directory: the local headers still tell.
        let cut = &docx[..docx.len() - 60];
        assert_eq!(sniff(cut), Some(Format::Docx));
    }

    #[test]
    fn truncated_and_garbage_zips_never_panic() {
        let docx = zip_of(&[
            ("mimetype", b"application/epub+zip"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        for n in 0..=docx.len() {
            let _ = sniff(&docx[..n]);
        }
        // Every byte of it broken in turn: still an answer, never a panic.
        for i in 0..docx.len() {
            for v in [0x00, 0xFF, 0x7F] {
                let mut bad = docx.clone();
                bad[i] = v;
                let _ = sniff(&bad);
            }
        }
        let mut garbage = b"PK\x03\x04".to_vec();
        garbage.extend(std::iter::repeat_n(0xFFu8, 100));
        garbage.extend_from_slice(b"PK\x05\x06");
        garbage.extend(std::iter::repeat_n(0xFFu8, 18));
        assert_eq!(sniff(&garbage), Some(Format::Zip));
        assert_eq!(sniff(b"PK\x03\x04"), Some(Format::Zip));
    }

    #[test]
    fn text_is_never_taken_for_a_format() {
        for text in [
            "".as_bytes(),
            b"%PDF",
            b"PK",
            "Война и мир\n\nТекст.".as_bytes(),
            b"<html><body>x</body></html>",
            b"<?xml version=\"1.0\"?><FictionBook/>",
            b"# Markdown\n\ntext {\\rtf in the middle",
            b"BZh is not bzip2",
        ] {
            assert_eq!(sniff(text), None, "{text:?}");
        }
    }
}
