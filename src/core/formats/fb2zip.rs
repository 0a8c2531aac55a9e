//! An FB2 book in a ZIP (`.fb2.zip`, `.fbz`, or any `.zip` holding one):
//! the entry is told by its content (an FB2 starts with an XML declaration
//! or `<FictionBook`), never by its name; its name (UTF-8, else CP866, as
//! Russian archivers wrote it) is only for messages. The book is unpacked
//! to at most the size limit (`max_file_mb`), so a ZIP bomb is refused
//! after reading one byte past it; a damaged archive is an error, never a
//! panic.

use super::decode::DecodeError;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// How much of each entry is read to tell whether it is an FB2.
const HEAD: u64 = 4096;

/// The one FB2 book in a ZIP archive.
#[derive(Debug)]
pub struct Unzipped {
    /// The entry's name (for messages).
    pub name: String,
    /// Its unpacked bytes (at most the limit).
    pub bytes: Vec<u8>,
}

/// The FB2 book `bytes` (a ZIP archive) holds, unpacked to at most `limit`
/// bytes: `Ok(None)` when the archive holds none, an error when it holds
/// several, the book is over the limit, or the archive is damaged (cannot
/// be opened, or an entry cannot be read and no book was found).
pub fn fb2_in_zip(bytes: &[u8], limit: u64) -> Result<Option<Unzipped>, DecodeError> {
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| DecodeError::DamagedZip(e.to_string()))?;
    let mut books = Vec::new();
    let mut damage = None;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                damage.get_or_insert_with(|| e.to_string());
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let mut head = Vec::new();
        if let Err(e) = (&mut entry).take(HEAD).read_to_end(&mut head) {
            damage.get_or_insert_with(|| e.to_string());
            continue;
        }
        if looks_fb2(&head) {
            books.push((i, entry_name(entry.name_raw())));
        }
    }
    let (index, name) = match books.len() {
        0 => {
            return match damage {
                Some(why) => Err(DecodeError::DamagedZip(why)),
                None => Ok(None),
            };
        }
        1 => books.remove(0),
        _ => {
            return Err(DecodeError::SeveralFb2(
                books.into_iter().map(|(_, n)| n).collect(),
            ));
        }
    };
    let damaged = |e: &dyn std::fmt::Display| DecodeError::DamagedZip(e.to_string());
    let entry = archive.by_index(index).map_err(|e| damaged(&e))?;
    // Room for what the archive says it holds, never more than the limit.
    let room = entry.size().min(limit).saturating_add(1);
    let mut out = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    entry
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| damaged(&e))?;
    if out.len() as u64 > limit {
        return Err(DecodeError::UnzippedTooLarge { name, limit });
    }
    Ok(Some(Unzipped { name, bytes: out }))
}

/// Does this start of a file look like an FB2 book: an XML declaration or
/// `<FictionBook` first (after a BOM and blanks), and `<FictionBook` near
/// the start? NUL bytes are dropped first, so UTF-16 is seen too.
pub fn looks_fb2(head: &[u8]) -> bool {
    let ascii: Vec<u8> = head.iter().copied().filter(|&b| b != 0).collect();
    let mut s = ascii.as_slice();
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        if let Some(rest) = s.strip_prefix(bom) {
            s = rest;
            break;
        }
    }
    let s = s.trim_ascii_start();
    (s.starts_with(b"<?xml") || s.starts_with(b"<FictionBook"))
        && s.windows(b"<FictionBook".len())
            .any(|w| w == b"<FictionBook")
}

/// An entry's name: UTF-8 when it is valid UTF-8, else CP866 (what DOS and
/// Windows archivers wrote for Cyrillic names).
pub fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::IBM866
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    const BOOK: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<FictionBook xmlns=\"http://www.gribuser.ru/xml/fictionbook/2.0\"><description><title-info><book-title>Книга</book-title></title-info></description><body><section><p>Текст книги.</p></section></body></FictionBook>\n";

    /// A ZIP of `(name, content)` entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).expect("start");
            w.write_all(data).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn one_book_is_found_by_content_not_name() {
        let z = zip_of(&[
            ("readme.txt", b"hello"),
            ("Книга.dat", BOOK.as_bytes()),
            ("cover.jpg", b"\xFF\xD8\xFF"),
        ]);
        let book = fb2_in_zip(&z, 1 << 20).expect("ok").expect("a book");
        assert_eq!(book.name, "Книга.dat");
        assert_eq!(book.bytes, BOOK.as_bytes());
    }

    #[test]
    fn a_zip_without_a_book_is_none() {
        let z = zip_of(&[("notes.fb2", b"not xml at all"), ("a.xml", b"<?xml?><a/>")]);
        assert!(fb2_in_zip(&z, 1 << 20).expect("ok").is_none());
    }

    #[test]
    fn two_books_are_refused_with_their_names() {
        let z = zip_of(&[("a.fb2", BOOK.as_bytes()), ("b.fb2", BOOK.as_bytes())]);
        assert_eq!(
            fb2_in_zip(&z, 1 << 20).unwrap_err(),
            DecodeError::SeveralFb2(vec!["a.fb2".into(), "b.fb2".into()])
        );
    }

    #[test]
    fn a_bomb_stops_one_byte_past_the_limit() {
        let mut big = BOOK.as_bytes().to_vec();
        big.resize(200_000, b' ');
        let z = zip_of(&[("bomb.fb2", &big)]);
        assert!(z.len() < 5_000, "{}", z.len());
        assert_eq!(
            fb2_in_zip(&z, 100_000).unwrap_err(),
            DecodeError::UnzippedTooLarge {
                name: "bomb.fb2".into(),
                limit: 100_000
            }
        );
        // At the limit exactly: read.
        assert_eq!(
            fb2_in_zip(&z, 200_000).expect("ok").expect("book").bytes,
            big
        );
    }

    #[test]
    fn names_are_utf8_or_cp866() {
        assert_eq!(entry_name("Война.fb2".as_bytes()), "Война.fb2");
        // "Война" in CP866.
        assert_eq!(entry_name(b"\x82\xAE\xA9\xAD\xA0.fb2"), "Война.fb2");
    }

    #[test]
    fn what_looks_like_fb2() {
        assert!(looks_fb2(BOOK.as_bytes()));
        assert!(looks_fb2(b"\xEF\xBB\xBF  <FictionBook>"));
        let utf16: Vec<u8> = "\u{feff}<?xml version=\"1.0\"?><FictionBook>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(looks_fb2(&utf16));
        assert!(!looks_fb2(b"<?xml version=\"1.0\"?><html>"));
        assert!(!looks_fb2(b"text <FictionBook>"));
        assert!(!looks_fb2(b""));
    }

    #[test]
    fn damaged_archives_never_panic() {
        let z = zip_of(&[("a.fb2", BOOK.as_bytes()), ("b.txt", b"x")]);
        for cut in 0..z.len() {
            let _ = fb2_in_zip(&z[..cut], 1 << 20);
        }
        for at in 0..z.len() {
            for bit in [0x01u8, 0x80, 0xFF] {
                let mut d = z.clone();
                d[at] ^= bit;
                let _ = fb2_in_zip(&d, 1 << 20);
            }
        }
    }
}
