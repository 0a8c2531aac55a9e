#!/usr/bin/env python3
"""Make a library of N articles from ../shared/corpus for the benchmarks.

    scripts/make-library.py 2000 /tmp/lib-2000
    scripts/make-library.py 10000 /tmp/lib-10000

Every file is different (its own title line and its own cut of a book), so
that no two share a content id; about 95 KB a file on average (10,000 files
are ~950 MB), in folders of 100. The mix is what a reader's library holds:
mostly plain text (a tenth of it in Windows-1251), some Markdown, some HTML
pages and FB2 books. Never commit what it makes. The same N gives the same
library (a fixed seed), so figures from two runs compare.
"""

import os
import random
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("CHITALKA_CORPUS", HERE.parent.parent / "shared" / "corpus"))


def paragraphs(text):
    """The text cut at blank lines (lib.ru books) or at indented lines."""
    out, cur = [], []
    for line in text.splitlines():
        if not line.strip() or line.startswith((" ", "\t")):
            if cur:
                out.append("\n".join(cur))
            cur = [line] if line.strip() else []
        else:
            cur.append(line)
    if cur:
        out.append("\n".join(cur))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, dest = int(sys.argv[1]), Path(sys.argv[2])
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS} (set CHITALKA_CORPUS)")
    rnd = random.Random(n)
    books = [paragraphs(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "txt").glob("*.txt"))]
    md = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "md").rglob("*.md"))]
    html = [p.read_bytes() for p in sorted((CORPUS / "html").rglob("*.html"))]
    dest.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        folder = dest / f"{i // 100:03d}"
        folder.mkdir(exist_ok=True)
        kind = rnd.random()
        title = f"Выпуск {i + 1}"
        if kind < 0.05:
            # An HTML page as saved: the page and a title of its own.
            page = rnd.choice(html)
            data = page.replace(b"<title>", f"<title>{title}: ".encode(), 1)
            path = folder / f"page-{i:05d}.html"
        elif kind < 0.15:
            # Markdown: a chapter or a few of the Rust book.
            parts = rnd.sample(md, k=min(len(md), rnd.randint(1, 6)))
            data = (f"# {title}\n\n" + "\n\n".join(parts)).encode()
            path = folder / f"notes-{i:05d}.md"
        else:
            book = rnd.choice(books)
            # Lengths spread as real articles are: many short, a few long.
            want = int(min(600_000, rnd.lognormvariate(11.25, 1.0)))
            start = rnd.randrange(0, max(1, len(book) - 50))
            chunk, size = [], 0
            for p in book[start:]:
                chunk.append(p)
                size += len(p.encode())
                if size >= want:
                    break
            body = "\n\n".join(chunk)
            if kind < 0.18:
                secs = "".join(f"<section><p>{escape(p)}</p></section>" for p in chunk)
                data = (
                    '<?xml version="1.0" encoding="utf-8"?>\n'
                    '<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0">'
                    f"<description><title-info><book-title>{title}</book-title></title-info></description>"
                    f"<body>{secs}</body></FictionBook>\n"
                ).encode()
                path = folder / f"book-{i:05d}.fb2"
            elif kind < 0.26:
                data = f"{title}\n\n{body}\n".encode("cp1251", errors="replace")
                path = folder / f"text-{i:05d}.txt"
            else:
                data = f"{title}\n\n{body}\n".encode()
                path = folder / f"text-{i:05d}.txt"
        path.write_bytes(data)
        total += len(data)
    print(f"{n} files, {total / 1e6:.0f} MB in {dest}")


if __name__ == "__main__":
    main()
