"""The published catalog as a static website: ``index.html`` (every procedure by field, with a search box),
one page per procedure at ``catalog_pages.procedure_page(code)``, and one ``style.css``.

Nothing is fetched from elsewhere (no CDN, no web font, no image), every text is NFC and HTML-escaped, the pages
read on a phone and print cleanly. The search runs in the browser: a few lines of plain JavaScript fold what is
typed the way ``kiosk.text.fold`` folds, from a table made by that very function here (:func:`fold_table`), and
show the procedures whose folded name, code or field hold every word; without JavaScript the whole list shows.

The same publication always gives the same bytes: no clock is read here, the day of publication is part of the
publication.
"""

from __future__ import annotations

import json
import sys
from html import escape

from kiosk.printing.procedure_sheet import (
    DOCUMENT_HEADINGS,
    DOCUMENTS,
    LEGAL_BASIS,
    NO_DOCUMENTS,
    TITLE,
    Fact,
    ProcedureSheet,
    Publication,
)
from kiosk.text import fold, nfc

INDEX = "index.html"
STYLE = "style.css"
#: Written into every page: how an earlier publication is told from a folder of someone else's files.
GENERATOR = "quay-mot-cua/danh-muc-thu-tuc"
#: The blocks whose letters the search folds from the table: Basic Latin capitals, Latin-1, Latin Extended-A and
#: -B (ơ, ư), the combining diacritics, Latin Extended Additional (every Vietnamese letter with its tone).
FOLD_BLOCKS = ((0x41, 0x5A), (0xC0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF))
BLANK = ' class="blank"'  # an empty cell, left out of the stacked rows on a phone


def site_files(publication: Publication) -> dict[str, bytes]:
    """Every file of the site by its path inside the site ("thu-tuc/1.010020.html"), the index last."""
    files = {STYLE: STYLE_CSS.encode("utf-8")}
    for sheet in publication.sheets:
        files[sheet.page] = _page(publication, sheet).encode("utf-8")
    files[INDEX] = _index(publication).encode("utf-8")
    return files


# -- the search's fold, made from kiosk.text.fold ------------------------------------------------------------------


def fold_table() -> dict[str, str]:
    """What ``fold`` makes of each character of the Latin blocks, where that is not the character itself."""
    table = {}
    for first, last in FOLD_BLOCKS:
        for point in range(first, last + 1):
            char = chr(point)
            if not char.isspace() and fold(char) != char:
                table[char] = fold(char)
    return table


def space_class() -> str:
    """A regular-expression class of the characters Python's ``str.split()`` splits on (and so ``fold``); the
    same escapes read alike in JavaScript and Python."""
    points = [p for p in range(sys.maxunicode + 1) if chr(p).isspace()]
    ranges: list[list[int]] = []
    for p in points:
        if ranges and ranges[-1][1] == p - 1:
            ranges[-1][1] = p
        else:
            ranges.append([p, p])
    parts = (f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return f"[{''.join(parts)}]"


def search_script() -> str:
    table = json.dumps(fold_table(), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return SEARCH_JS.replace("__FOLD__", table).replace("__SPACE__", space_class())


# -- pages ----------------------------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return escape(nfc(value), quote=True)


def _document(title: str, root: str, body: list[str], *, script: str = "") -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        f"<title>{_text(title)}</title>",
        f'<link rel="stylesheet" href="{root}{STYLE}">',
        "</head>",
        "<body>",
        '<div class="page">',
    ]
    tail = ["</div>"] + ([f"<script>\n{script}</script>"] if script else []) + ["</body>", "</html>", ""]
    return "\n".join(head + body + tail)


def _agency(publication: Publication) -> list[str]:
    lines = ['<header class="agency">']
    if publication.parent_agency:
        lines.append(f'<p class="parent">{_text(publication.parent_agency.upper())}</p>')
    lines.append(f'<p class="name">{_text(publication.agency_name.upper())}</p>')
    if publication.desk_name:
        lines.append(f'<p class="desk">{_text(publication.desk_name)}</p>')
    lines.append("</header>")
    return lines


def _facts(facts: tuple[Fact, ...]) -> list[str]:
    if not facts:
        return []
    rows = [f"<div><dt>{_text(f.label)}</dt><dd>{_text(f.value)}</dd></div>" for f in facts]
    return ['<dl class="facts">', *rows, "</dl>"]


def _footer(publication: Publication) -> list[str]:
    return [
        '<footer class="footer">',
        f"<p>{_text(publication.agency_name)} – {_text(publication.desk_name)}. "
        f"Cập nhật ngày {publication.date_text}.</p>",
        "</footer>",
    ]


def _page(publication: Publication, sheet: ProcedureSheet) -> str:
    root = "../" * sheet.page.count("/")
    body = [
        *_agency(publication),
        '<nav class="crumbs">',
        f'<a href="{root}{INDEX}">{_text(TITLE)}</a> › {_text(sheet.field)}',
        "</nav>",
        "<main>",
        f'<p class="kicker">Thủ tục hành chính · Lĩnh vực: {_text(sheet.field)}</p>',
        f"<h1>{_text(sheet.name)}</h1>",
        f'<p class="code">{_text(sheet.code_line)}</p>',
        *_facts(sheet.facts),
        f"<h2>{_text(DOCUMENTS)}</h2>",
        *(_documents(sheet) if sheet.documents else [f'<p class="empty">{_text(NO_DOCUMENTS)}</p>']),
    ]
    if sheet.legal_basis:
        body += [f"<h2>{_text(LEGAL_BASIS)}</h2>", '<ul class="basis">']
        body += [f"<li>{_text(line)}</li>" for line in sheet.legal_basis]
        body.append("</ul>")
    body += ["</main>", *_footer(publication)]
    return _document(f"{sheet.name} – {publication.agency_name}", root, body)


def _documents(sheet: ProcedureSheet) -> list[str]:
    heads = "".join(f'<th scope="col">{_text(h)}</th>' for h in DOCUMENT_HEADINGS)
    lines = ['<table class="documents">', f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    for doc in sheet.documents:
        cells = (str(doc.number), doc.name, doc.form or "–", str(doc.count), doc.note)
        row = "".join(
            f'<td data-label="{_text(label)}"{"" if value else BLANK}>{_text(value)}</td>'
            for label, value in zip(DOCUMENT_HEADINGS, cells, strict=True)
        )
        lines.append(f"<tr>{row}</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def _index(publication: Publication) -> str:
    body = [
        *_agency(publication),
        "<main>",
        f"<h1>{_text(TITLE)}</h1>",
        f'<p class="lead">Niêm yết tại {_text(publication.desk_name)} – {_text(publication.agency_name)}. '
        f"Gồm {_text(publication.summary)}; cập nhật ngày {publication.date_text}.</p>",
        *_facts(publication.contact),
        '<form class="search" id="search" role="search" hidden>',
        '<label for="search-box">Tìm thủ tục (gõ có dấu hoặc không dấu, tên hoặc mã)</label>',
        '<input id="search-box" type="search" autocomplete="off" spellcheck="false" placeholder="Ví dụ: cap ban sao">',
        '<p class="count" id="search-count" aria-live="polite"></p>',
        "</form>",
        '<p class="empty" id="search-none" hidden>Không tìm thấy thủ tục nào. Hãy thử từ khác, hoặc hỏi tại quầy.</p>',
    ]
    number = 0
    for position, group in enumerate(publication.groups, start=1):
        body += [
            f'<section class="field" id="linh-vuc-{position}">',
            f"<h2>{_text(group.name)}</h2>",
            f'<ol class="procedures" start="{number + 1}">',
        ]
        for sheet in group.sheets:
            number += 1
            key = fold(f"{sheet.name} {sheet.code} {sheet.field}")
            meta = f"{sheet.code} · {sheet.time_limit}"
            body.append(
                f'<li data-search="{_text(key)}"><a href="{_text(sheet.page)}">{_text(sheet.name)}</a>'
                f'<span class="meta">{_text(meta)}</span></li>'
            )
        body += ["</ol>", "</section>"]
    body += ["</main>", *_footer(publication)]
    return _document(f"{TITLE} – {publication.agency_name}", "", body, script=search_script())


SEARCH_JS = """(function () {
  "use strict";
  // What kiosk.text.fold makes of each letter (generated by it), and the characters it treats as spaces.
  var FOLD = __FOLD__;
  var SPACE = /__SPACE__/;
  var MARKS;
  try { MARKS = new RegExp("\\\\p{Mn}", "gu"); } catch (e) { MARKS = /[\\u0300-\\u036f]/g; }
  function fold(text) {
    var out = "";
    for (var ch of text.normalize("NFC")) {
      if (SPACE.test(ch)) { out += " "; continue; }
      var mapped = FOLD[ch];
      out += mapped !== undefined ? mapped : ch.normalize("NFD").replace(MARKS, "").toLowerCase();
    }
    return out.split(" ").filter(Boolean).join(" ");
  }
  var form = document.getElementById("search");
  var box = document.getElementById("search-box");
  var count = document.getElementById("search-count");
  var none = document.getElementById("search-none");
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-search]"));
  var fields = Array.prototype.slice.call(document.querySelectorAll("section.field"));
  function filter() {
    var words = fold(box.value).split(" ").filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var key = item.getAttribute("data-search");
      var match = words.every(function (word) { return key.indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    fields.forEach(function (field) { field.hidden = !field.querySelector("li[data-search]:not([hidden])"); });
    none.hidden = shown !== 0;
    count.textContent = words.length ? "Tìm thấy " + shown + " thủ tục." : "";
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.addEventListener("input", filter);
  filter();
})();
"""

STYLE_CSS = """/* Danh mục thủ tục hành chính – no web fonts, no images: what the phone or the PC already has. */
:root {
  --ink: #1b1b1b;
  --muted: #555;
  --line: #c9c9c9;
  --fill: #f0f2f4;
  --accent: #1f4e79;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  color: var(--ink);
  background: #fff;
  font-family: "Be Vietnam Pro", "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.6;
}
.page { max-width: 52rem; margin: 0 auto; padding: 1rem 1rem 2.5rem; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.agency { text-align: center; margin: 0.5rem 0 1rem; line-height: 1.45; }
.agency p { margin: 0; }
.agency .name { font-weight: 700; }
.agency .name::after {
  content: "";
  display: block;
  width: 6rem;
  margin: 0.3rem auto;
  border-bottom: 1px solid var(--ink);
}
.agency .desk { font-style: italic; }
.crumbs { font-size: 0.95rem; color: var(--muted); margin-bottom: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.25rem; line-height: 1.4; margin: 1.75rem 0 0.5rem; }
.kicker, .code, .lead { color: var(--muted); margin: 0.25rem 0; }
.facts { margin: 1rem 0; border-top: 1px solid var(--line); }
.facts div { display: grid; grid-template-columns: 14rem 1fr; gap: 0.75rem; padding: 0.45rem 0;
  border-bottom: 1px solid var(--line); }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.documents { width: 100%; border-collapse: collapse; }
.documents th, .documents td { border: 1px solid var(--line); padding: 0.45rem 0.55rem; vertical-align: top;
  text-align: left; }
.documents th { background: var(--fill); }
.documents td:nth-child(1), .documents td:nth-child(4) { text-align: center; white-space: nowrap; }
.basis { padding-left: 1.25rem; }
.search { margin: 1.5rem 0 0.5rem; padding: 0.85rem; background: var(--fill); border-radius: 6px; }
.search label { display: block; font-weight: 700; margin-bottom: 0.35rem; }
.search input { width: 100%; font: inherit; padding: 0.55rem 0.7rem; border: 1px solid #8a8a8a; border-radius: 4px; }
.count { margin: 0.4rem 0 0; color: var(--muted); min-height: 1.6em; }
.empty { font-style: italic; }
.field h2 { border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; }
.procedures { padding-left: 2.25rem; margin: 0; }
.procedures li { padding: 0.35rem 0; border-bottom: 1px solid #e4e4e4; }
.procedures .meta { display: block; font-size: 0.92rem; color: var(--muted); }
.footer { margin-top: 2.5rem; padding-top: 0.75rem; border-top: 1px solid var(--line); font-size: 0.92rem;
  color: var(--muted); }
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.35rem; }
  .facts div { grid-template-columns: 1fr; gap: 0.1rem; }
  .documents thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .documents, .documents tbody, .documents tr, .documents td { display: block; width: 100%; }
  .documents tr { border: 1px solid var(--line); margin-bottom: 0.6rem; }
  .documents td { border: 0; padding: 0.2rem 0.6rem; text-align: left !important; white-space: normal !important; }
  .documents td::before { content: attr(data-label) ": "; font-weight: 700; }
  .documents td.blank { display: none; }
}
@media print {
  body { font-size: 12pt; }
  .page { max-width: none; padding: 0; }
  .search, .count, #search-none, .crumbs { display: none !important; }
  a { color: inherit; text-decoration: none; }
  .procedures li, .documents tr, .facts div { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
}
"""
