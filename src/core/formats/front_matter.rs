//! Markdown front matter: a YAML block between `---` lines (or TOML between
//! `+++` lines) at the very start of the file. Its `title` and `author` (or
//! `authors`, a list) name the article; the block itself is not text.

/// What the front matter says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title:`, when given and not empty.
    pub title: Option<String>,
    /// `author:`, or the names under `authors:` joined with ", ".
    pub author: Option<String>,
}

/// The most lines a front matter block may have: a `---` further down is a
/// rule in the text, not the end of one.
const MAX_LINES: usize = 200;

/// Split `text` into its front matter and the rest. Text without a front
/// matter block (no closing line, or none at the start) comes back whole.
pub fn split(text: &str) -> (FrontMatter, &str) {
    let none = (FrontMatter::default(), text);
    let (fence, sep) = if text.starts_with("---\n") {
        ("---", ':')
    } else if text.starts_with("+++\n") {
        ("+++", '=')
    } else {
        return none;
    };
    let mut offset = fence.len() + 1;
    let mut lines = Vec::new();
    for line in text[offset..].split_inclusive('\n').take(MAX_LINES) {
        offset += line.len();
        let bare = line.trim_end();
        if bare == fence || (fence == "---" && bare == "...") {
            return (read(&lines, sep), &text[offset..]);
        }
        lines.push(bare);
    }
    none
}

/// The title and author among the `key: value` lines of a block.
fn read(lines: &[&str], sep: char) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut authors: Vec<String> = Vec::new();
    let mut in_authors = false;
    for line in lines {
        // A list under `authors:` / `author:` ("  - Имя").
        if in_authors && let Some(item) = line.trim_start().strip_prefix("- ") {
            authors.push(unquote(item));
            continue;
        }
        in_authors = false;
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = line.split_once(sep) else {
            continue;
        };
        let value = unquote(value);
        match key.trim().to_lowercase().as_str() {
            "title" if !value.is_empty() => fm.title = Some(value),
            "author" | "authors" if value.is_empty() => in_authors = true,
            "author" | "authors" => {
                // `[Анна, Пётр]`, a YAML or TOML inline list.
                let inner = value.strip_prefix('[').and_then(|v| v.strip_suffix(']'));
                match inner {
                    Some(list) => authors.extend(list.split(',').map(unquote)),
                    None => authors.push(value),
                }
            }
            _ => {}
        }
    }
    authors.retain(|a| !a.is_empty());
    if !authors.is_empty() {
        fm.author = Some(authors.join(", "));
    }
    fm
}

/// A value without its quotes and the spaces around it.
fn unquote(value: &str) -> String {
    let v = value.trim();
    let inner = ['"', '\'']
        .iter()
        .find_map(|&q| v.strip_prefix(q).and_then(|r| r.strip_suffix(q)));
    inner.unwrap_or(v).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_names_the_article() {
        let (fm, rest) = split(
            "---\ntitle: \"Бесы: роман\"\nauthor: Ф. М. Достоевский\ntags: [a, b]\n---\n# Часть первая\n",
        );
        assert_eq!(fm.title.as_deref(), Some("Бесы: роман"));
        assert_eq!(fm.author.as_deref(), Some("Ф. М. Достоевский"));
        assert_eq!(rest, "# Часть первая\n");
    }

    #[test]
    fn author_lists_and_toml() {
        let (fm, _) = split("---\ntitle: Статья\nauthors:\n  - Анна\n  - 'Пётр'\n...\nТекст\n");
        assert_eq!(fm.author.as_deref(), Some("Анна, Пётр"));
        let (fm, rest) =
            split("+++\ntitle = \"Заметка\"\nauthor = [\"Анна\", \"Пётр\"]\n+++\nТекст\n");
        assert_eq!(fm.title.as_deref(), Some("Заметка"));
        assert_eq!(fm.author.as_deref(), Some("Анна, Пётр"));
        assert_eq!(rest, "Текст\n");
    }

    #[test]
    fn no_front_matter_leaves_the_text_whole() {
        for text in [
            "# Заголовок\n---\ntitle: x\n---\n",
            "---\ntitle: без конца\n\nТекст\n",
            "",
        ] {
            let (fm, rest) = split(text);
            assert_eq!((fm, rest), (FrontMatter::default(), text));
        }
    }
}
