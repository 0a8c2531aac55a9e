use std::time::Instant;
use unicode_normalization::is_nfc_quick;
fn main() {
    let bytes = std::fs::read("../shared/corpus/txt/tolstoy_voyna_i_mir.txt").unwrap();
    let s = std::str::from_utf8(&bytes).unwrap();
    let t = Instant::now();
    let q = is_nfc_quick(s.chars());
    println!("nfc quick {:?} {:?}", t.elapsed(), q);
    let t = Instant::now();
    let n = s.chars().count();
    println!("chars count {:?} {n}", t.elapsed());
    let t = Instant::now();
    let c = chitalka::core::formats::decode::clean_text(s);
    println!("clean {:?}", t.elapsed());
    let t = Instant::now();
    let d = chitalka::core::formats::text::parse_str(&c);
    println!("parse_str {:?} blocks {}", t.elapsed(), d.blocks.len());
    let t = Instant::now();
    let l = chitalka::core::layout::Layout::new(&d, 60);
    println!("layout {:?} lines {}", t.elapsed(), l.lines.len());
    let t = Instant::now();
    let w: usize = d
        .blocks
        .iter()
        .map(|b| chitalka::core::width::str_width(&b.text))
        .sum();
    println!("str_width all {:?} {w}", t.elapsed());
    let t = Instant::now();
    let w: usize = d
        .blocks
        .iter()
        .map(|b| unicode_linebreak::linebreaks(&b.text).count())
        .sum();
    println!("linebreaks all {:?} {w}", t.elapsed());
}
