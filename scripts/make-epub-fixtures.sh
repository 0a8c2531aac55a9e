#!/usr/bin/env bash
# Make the EPUB books of the tests and of the sample library from the plain
# texts of ../shared/corpus (run from the repository's root):
#   tests/fixtures/epub/gogol-noch-pered-rozhdestvom.epub   EPUB 3, nav, parts at "* * *", noteref + aside notes
#   tests/fixtures/epub/pushkin-kapitanskaya-dochka.epub    EPUB 2, NCX, chapters, <a href><sup>n</sup></a> endnotes
#   library/dostoevsky-besy-glavy-1-2.epub                  EPUB 3, «Бесы», part 1, chapters 1-2, nested nav, notes
# With BIG_OUT=/tmp/wp.epub it also makes «Война и мир» whole (to measure; not committed).
# The division into files and the tables of contents are made here from the
# texts' own headings; the notes are the texts' «[12 - ...]» notes.
set -euo pipefail
CORPUS=${CORPUS:-../shared/corpus/txt}
python3 - "$CORPUS" <<'PY'
import html, re, sys, zipfile, uuid
corpus = sys.argv[1]

NOTE = re.compile(r"\[(\d+) - ((?:[^\[\]]|\[[^\]]*\])*)\]")

def read(name, first=None, last=None):
    text = open(f"{corpus}/{name}", encoding="utf-8").read().replace("\r\n", "\n")
    # lib.ru's texts carry letters as HTML references («trait&#233;»): letters again.
    text = re.sub(r"&#(\d{2,7});", lambda m: chr(int(m.group(1))), text)
    lines = text.split("\n")
    return lines[(first or 1) - 1:last]

def esc(s):
    return html.escape(s, quote=True)

class Book:
    def __init__(self, epub3, notes_style):
        self.epub3, self.style = epub3, notes_style
        self.docs = []      # [name, title, [html parts]]
        self.toc = []       # (level, title, href)
        self.notes = []     # (n, text, from-doc)
    def doc(self, title):
        name = f"text/part{len(self.docs) + 1:02}.xhtml"
        self.docs.append([name, title, []])
        return name
    def add(self, s):
        self.docs[-1][2].append(s)
    def inline(self, s):
        out, at = [], 0
        for m in NOTE.finditer(s):
            out.append(esc(s[at:m.start()]))
            n = m.group(1)
            self.notes.append((n, m.group(2).strip(), self.docs[-1][0]))
            if self.style == "noteref":
                out.append(f'<a epub:type="noteref" href="notes.xhtml#n{n}" id="r{n}">{n}</a>')
            else:
                out.append(f'<a href="notes.xhtml#n{n}" id="r{n}"><sup>{n}</sup></a>')
            at = m.end()
        out.append(esc(s[at:]))
        return "".join(out)

    def xhtml(self, title, body):
        ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if self.epub3 else ""
        doctype = "<!DOCTYPE html>" if self.epub3 else '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">'
        return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<html xmlns="http://www.w3.org/1999/xhtml"{ns} xml:lang="ru">'
                f'<head><title>{esc(title)}</title><link rel="stylesheet" type="text/css" href="../style.css"/></head>\n<body>\n{body}\n</body></html>\n')

    def write(self, path, title, author):
        ident = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, title))
        notes = []
        for n, text, frm in self.notes:
            back = "../" + frm if False else frm.split("/")[-1]
            if self.style == "noteref":
                notes.append(f'<aside epub:type="endnote" id="n{n}"><p><a href="{back}#r{n}">{n}</a> {esc(text)}</p></aside>')
            else:
                notes.append(f'<p id="n{n}"><a href="{back}#r{n}">{n}</a> {esc(text)}</p>')
        items, spine = [], []
        files = {}
        for i, (name, t, parts) in enumerate(self.docs):
            files[name] = self.xhtml(t, "\n".join(parts))
            items.append(f'<item id="d{i}" href="{name}" media-type="application/xhtml+xml"/>')
            spine.append(f'<itemref idref="d{i}"/>')
        if notes:
            files["text/notes.xhtml"] = self.xhtml("Примечания", "<h2>Примечания</h2>\n" + "\n".join(notes))
            items.append('<item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>')
            spine.append('<itemref idref="notes" linear="no"/>' if self.epub3 else '<itemref idref="notes"/>')
        meta = (f'<dc:title>{esc(title)}</dc:title><dc:creator>{esc(author)}</dc:creator><dc:language>ru</dc:language>'
                f'<dc:identifier id="id">{ident}</dc:identifier>')
        if self.epub3:
            meta += '<meta property="dcterms:modified">2026-11-29T00:00:00Z</meta>'
            lis, depth = [], 0
            for level, t, href in self.toc:
                if level > depth:
                    lis.append("<ol>" * (level - depth)); depth = level
                else:
                    lis.append("</li>")
                    while depth > level:
                        lis.append("</ol></li>"); depth -= 1
                lis.append(f'<li><a href="{href}">{esc(t)}</a>')
            lis.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>" if depth else "")
            files["nav.xhtml"] = self.xhtml("Оглавление", f'<nav epub:type="toc" id="toc"><h1>Оглавление</h1>{"".join(lis)}</nav>').replace("../style.css", "style.css")
            items.append('<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>')
            toc_attr = ""
        else:
            points, stack, order = [], [], 0
            for level, t, href in self.toc:
                while stack and stack[-1] >= level:
                    points.append("</navPoint>"); stack.pop()
                order += 1
                points.append(f'<navPoint id="p{order}" playOrder="{order}"><navLabel><text>{esc(t)}</text></navLabel><content src="{href}"/>')
                stack.append(level)
            points.append("</navPoint>" * len(stack))
            files["toc.ncx"] = (f'<?xml version="1.0" encoding="utf-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
                                f'<head><meta name="dtb:uid" content="{ident}"/></head><docTitle><text>{esc(title)}</text></docTitle><navMap>{"".join(points)}</navMap></ncx>\n')
            items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
            toc_attr = ' toc="ncx"'
        files["style.css"] = "p { text-indent: 1.5em; margin: 0 }\nblockquote { font-style: italic }\n"
        items.append('<item id="css" href="style.css" media-type="text/css"/>')
        version = "3.0" if self.epub3 else "2.0"
        opf = (f'<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="{version}" unique-identifier="id">'
               f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">{meta}</metadata>'
               f'<manifest>{"".join(items)}</manifest><spine{toc_attr}>{"".join(spine)}</spine></package>\n')
        container = ('<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                     '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>\n')
        with zipfile.ZipFile(path, "w") as z:
            def put(name, data, method=zipfile.ZIP_DEFLATED):
                info = zipfile.ZipInfo(name, date_time=(2026, 11, 29, 0, 0, 0))
                info.compress_type = method
                z.writestr(info, data)
            put("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
            put("META-INF/container.xml", container)
            put("OEBPS/content.opf", opf)
            for name, data in files.items():
                put("OEBPS/" + name, data)
        print(f"{path}: {len(self.docs)} documents, {len(self.toc)} TOC entries, {len(self.notes)} notes")

def paragraphs(book, lines, heading):
    """Lines to blocks: `heading(line)` gives (level, new document?) for a
    heading; TAB-indented lines are an epigraph (a quote); the rest paragraphs."""
    quote = []
    def flush():
        if quote:
            book.add("<blockquote><p>" + "<br/>".join(book.inline(q) for q in quote) + "</p></blockquote>")
            quote.clear()
    for line in lines:
        raw = line.rstrip()
        s = raw.strip()
        if not s:
            continue
        h = heading(s)
        if h:
            flush()
            level, new_doc = h
            if new_doc or not book.docs:
                name = book.doc(s)
                href, tag = name, ""
            else:
                hid = f"h{sum(len(d[2]) for d in book.docs)}"
                href, tag = f"{book.docs[-1][0]}#{hid}", f' id="{hid}"'
            book.toc.append((level, s, href))
            book.add(f"<h{level + 1}{tag}>{esc(s)}</h{level + 1}>")
        elif s in ("* * *", "***"):
            flush()
            book.add("<hr/>")
        elif raw.startswith(("\t", "    ")):
            quote.append(s)
        else:
            flush()
            if not book.docs:
                book.doc("Начало")
            book.add(f"<p>{book.inline(s)}</p>")
    flush()

# Gogol: EPUB 3; a part per "* * *" scene, named by its first words.
g = Book(True, "noteref")
lines = read("gogol_noch_pered_rozhdestvom.txt")
g.doc("Ночь перед Рождеством"); g.add("<h1>Ночь перед Рождеством</h1>")
g.toc.append((1, "Ночь перед Рождеством", "text/part01.xhtml"))
part = 1
start = next(i for i, l in enumerate(lines) if l.strip() == "НОЧЬ ПЕРЕД РОЖДЕСТВОМ") + 1
for line in lines[start:]:
    s = line.strip()
    if s == "* * *":
        part += 1
        g.doc(f"Часть {part}")
        continue
    if not s:
        continue
    if len(g.docs[-1][2]) == 0:
        first = " ".join(NOTE.sub("", s).split()[:4]).rstrip(",.;:—") + "…"
        g.toc.append((2, first, g.docs[-1][0]))
    g.add(f"<p>{g.inline(s)}</p>")
g.write("tests/fixtures/epub/gogol-noch-pered-rozhdestvom.epub", "Ночь перед Рождеством", "Николай Васильевич Гоголь")

# Pushkin: EPUB 2; a document per chapter, NCX; <sup> links to endnotes.
p = Book(False, "sup")
lines = read("pushkin_kapitanskaya_dochka.txt")
p.doc("Капитанская дочка"); p.add("<h1>Капитанская дочка</h1>")
p.toc.append((1, "Капитанская дочка", "text/part01.xhtml"))
paragraphs(p, lines, lambda s: (2, True) if re.fullmatch(r"Глава [IVXLC]+", s) else None)
p.write("tests/fixtures/epub/pushkin-kapitanskaya-dochka.epub", "Капитанская дочка", "Александр Сергеевич Пушкин")

# Dostoevsky: EPUB 3; part 1, chapters 1-2, sections I, II... nested.
b = Book(True, "noteref")
lines = read("dostoevsky_besy.txt", 1, 755)
# Cut at the third chapter.
cut = next(i for i, l in enumerate(lines) if l.strip() == "Глава третья")
def besy_heading(s):
    if s.startswith("Часть "):
        return (1, True)
    if s.startswith("Глава "):
        return (2, True)
    if re.fullmatch(r"[IVX]+", s):
        return (3, False)
    return None
b.doc("Бесы"); b.add("<h1>Бесы</h1>")
paragraphs(b, lines[1:cut], besy_heading)
b.toc.insert(0, (1, "Бесы", "text/part01.xhtml"))
b.toc = [(1, "Бесы", "text/part01.xhtml")] + [(l + 0, t, h) for (l, t, h) in b.toc[1:]]
b.write("library/dostoevsky-besy-glavy-1-2.epub", "Бесы (часть первая, главы 1–2)", "Фёдор Михайлович Достоевский")

# For measuring only (not committed): War and Peace whole, when BIG_OUT names a file.
import os
if os.environ.get("BIG_OUT"):
    w = Book(True, "noteref")
    lines = read("tolstoy_voyna_i_mir.txt")
    def wp_heading(s):
        if s.startswith(("ТОМ ", "ЭПИЛОГ")):
            return (1, True)
        if s.startswith("ЧАСТЬ "):
            return (2, True)
        if re.fullmatch(r"[IVXL]+\.?", s):
            return (3, True)
        return None
    w.doc("Война и мир"); w.add("<h1>Война и мир</h1>")
    paragraphs(w, lines, wp_heading)
    w.write(os.environ["BIG_OUT"], "Война и мир", "Лев Николаевич Толстой")
PY
