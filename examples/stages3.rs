fn main() {
    let bytes = std::fs::read("../shared/corpus/txt/tolstoy_voyna_i_mir.txt").unwrap();
    let s = std::str::from_utf8(&bytes).unwrap();
    let c = chitalka::core::formats::decode::clean_text(s);
    for _ in 0..10 {
        let d = chitalka::core::formats::text::parse_str(&c);
        std::hint::black_box(d);
    }
}
