use std::time::Instant;
fn main() {
    let bytes = std::fs::read("../shared/corpus/txt/tolstoy_voyna_i_mir.txt").unwrap();
    let s = std::str::from_utf8(&bytes).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let c = chitalka::core::formats::decode::clean_text(s);
        println!("clean {:?} {}", t.elapsed(), c.len());
        let t = Instant::now();
        let c2 = s.to_string();
        println!("copy {:?} {}", t.elapsed(), c2.len());
        let t = Instant::now();
        let all = s
            .chars()
            .all(|c| (c as u32) < 0x530 || (0x2010..0x2060).contains(&(c as u32)));
        println!("all {:?} {all}", t.elapsed());
    }
}
