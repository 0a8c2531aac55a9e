//! Note references and notes each file gives, with samples to judge them by:
//! references found, notes found, references whose note is missing, notes
//! nothing refers to, and up to 5 random examples of each (a fixed seed).
//!
//! `cargo run --release --example notes_report -- ../shared/corpus/txt/*.txt`

use chitalka::core::document::{Document, Inline, LinkTarget};
use chitalka::core::formats;
use std::collections::HashSet;
use std::path::Path;

/// A small fixed-seed generator: the same samples on every run.
struct Lcg(u64);

impl Lcg {
    fn pick<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        let mut out = Vec::new();
        while out.len() < n && !idx.is_empty() {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = usize::try_from(self.0 >> 33).unwrap_or(0) % idx.len();
            out.push(items[idx.swap_remove(k)].clone());
        }
        out
    }
}

fn around(text: &str, at: std::ops::Range<usize>) -> String {
    let mut a = at.start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at.end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "…{}⟦{}⟧{}…",
        &text[a..at.start],
        &text[at.clone()],
        &text[at.end..b]
    )
}

fn note_text(doc: &Document, id: &str) -> String {
    match doc.follow(&format!("#{id}")) {
        LinkTarget::Note(n) => {
            let t: String = doc.blocks[n.blocks.clone()]
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" / ");
            t.chars().take(90).collect()
        }
        _ => "(missing)".into(),
    }
}

fn main() {
    let mut rng = Lcg(12);
    println!("| file | refs | notes | refs without a note | notes without a ref |");
    println!("|---|---|---|---|---|");
    let mut samples = Vec::new();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(doc) = formats::parse(path, &bytes) else {
            continue;
        };
        let mut refs = Vec::new();
        for b in &doc.blocks {
            for s in &b.spans {
                if let Inline::NoteRef(id) = &s.style {
                    refs.push((around(&b.text, s.range.clone()), id.clone()));
                }
            }
        }
        if std::env::var_os("NOTES_ALL").is_some() {
            for (ctx, id) in &refs {
                eprintln!("{id}\t{ctx}\t{}", note_text(&doc, id));
            }
        }
        let referred: HashSet<&str> = refs.iter().map(|r| r.1.as_str()).collect();
        let missing: Vec<_> = refs
            .iter()
            .filter(|r| !matches!(doc.follow(&format!("#{}", r.1)), LinkTarget::Note(_)))
            .cloned()
            .collect();
        let lonely: Vec<String> = doc
            .notes
            .iter()
            .filter(|n| !referred.contains(n.id.as_str()))
            .map(|n| format!("{}: {}", n.label, note_text(&doc, &n.id)))
            .collect();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "| {name} | {} | {} | {} | {} |",
            refs.len(),
            doc.notes.len(),
            missing.len(),
            lonely.len()
        );
        let mut s = format!("\n### {name}\n\nReferences (and the note each leads to):\n");
        for (ctx, id) in rng.pick(&refs, 5) {
            s += &format!("- `{ctx}` → {}\n", note_text(&doc, &id));
        }
        s += "\nReferences without a note:\n";
        for (ctx, _) in rng.pick(&missing, 5) {
            s += &format!("- `{ctx}`\n");
        }
        s += "\nNotes nothing refers to:\n";
        for n in rng.pick(&lonely, 5) {
            s += &format!("- {n}\n");
        }
        samples.push(s);
    }
    for s in samples {
        println!("{s}");
    }
}
