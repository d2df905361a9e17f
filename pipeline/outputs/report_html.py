"""The report's HTML building blocks: escaping, links to a PDF page, tables, and the page frame
with its inline style and script (no network: the file must open offline, from a USB stick)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, Callable, Iterable
from urllib.parse import quote


def e(value: Any) -> str:
    """Any value as HTML text, escaped; None as an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def pdf_href(source_path: str | None, page: int | None) -> str | None:
    """file:// link to a PDF opened at a page (PDF viewers read '#page=N')."""
    if not source_path:
        return None
    path = PureWindowsPath(source_path) if re.match(r"^[A-Za-z]:\\", source_path) else PurePosixPath(source_path)
    uri = path.as_uri() if path.is_absolute() else quote(str(path))
    return f"{uri}#page={page}" if page else uri


def pdf_link(source_path: str | None, page: int | None, label: str | None = None) -> str:
    href = pdf_href(source_path, page)
    if href is None:
        return ""
    text = label or (f"{PurePosixPath(source_path).name} p. {page}" if page else PurePosixPath(source_path).name)
    return f'<a class="pdf" href="{e(href)}" title="{e(source_path)}">{e(text)}</a>'


@dataclass(frozen=True)
class Column:
    """One table column: its key (the cell's data-col, what tests and scripts read), its heading,
    and how a row shows in it (escaped text of row[key] unless `cell` returns HTML)."""

    key: str
    heading: str
    cell: Callable[[dict], str] | None = None
    numeric: bool = False

    def render(self, row: dict) -> str:
        value = row.get(self.key)
        content = self.cell(row) if self.cell else e(value)
        sort = f' data-sort="{e(value)}"' if self.numeric and value is not None else ""
        cls = ' class="num"' if self.numeric else ""
        return f'<td data-col="{e(self.key)}"{cls}{sort}>{content}</td>'


def table(table_id: str, columns: list[Column], rows: Iterable[dict], *, searchable: bool = False,
          row_attrs: Callable[[dict], dict[str, Any]] | None = None, empty: str = "none") -> str:
    rows = list(rows)
    if not rows:
        return f'<p class="empty" id="{e(table_id)}">{e(empty)}</p>'
    head = "".join(f'<th data-col="{e(c.key)}" title="sort">{e(c.heading)}</th>' for c in columns)
    body = []
    for row in rows:
        attrs = "".join(f' data-{e(k)}="{e(v)}"' for k, v in (row_attrs(row) if row_attrs else {}).items() if v is not None)
        body.append(f"<tr{attrs}>" + "".join(c.render(row) for c in columns) + "</tr>")
    search = (f'<input type="search" class="filter" data-filter="{e(table_id)}" placeholder="filter these {len(rows)} rows…" '
              f'aria-label="filter"> <span class="shown" data-count="{e(table_id)}"></span>') if searchable else ""
    return (f'{search}<div class="scroll"><table class="data" id="{e(table_id)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1400px;padding:0 1.5em 4em;color:#1d1d1f}
h1{margin-top:1em}h2{border-top:3px solid #1d3557;padding-top:.6em;margin-top:2.5em}h3{margin-top:1.8em;color:#1d3557}
nav ul{columns:3;list-style:none;padding:0}nav li{margin:.15em 0}
.scroll{max-height:34em;overflow:auto;border:1px solid #ddd}
table.data{border-collapse:collapse;width:100%}
table.data th{position:sticky;top:0;background:#f1f3f6;cursor:pointer;text-align:left;padding:.3em .5em;border-bottom:1px solid #ccc}
table.data td{padding:.25em .5em;border-bottom:1px solid #eee;vertical-align:top}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
table.data td[data-col=seance_date]{white-space:nowrap}
tr[hidden]{display:none}
input.filter{margin:.4em 0;padding:.3em .5em;width:24em;max-width:100%}
.shown,.note,.empty{color:#666}.bad{color:#b00020}.variants{color:#666;font-size:90%}
figure{margin:1em 0;overflow:auto}figure svg{max-width:100%;height:auto}
figcaption{color:#555;font-size:90%}
"""

# Filtering (accents and case ignored) and sorting by a click on a heading, in plain JavaScript.
SCRIPT = """
(function(){
  function fold(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();}
  document.querySelectorAll('input.filter').forEach(function(input){
    var table=document.getElementById(input.dataset.filter);
    var count=document.querySelector('[data-count="'+input.dataset.filter+'"]');
    input.addEventListener('input',function(){
      var q=fold(input.value.trim()),shown=0,rows=table.tBodies[0].rows;
      for(var i=0;i<rows.length;i++){var hit=!q||fold(rows[i].textContent).indexOf(q)>=0;rows[i].hidden=!hit;if(hit)shown++;}
      count.textContent=q?shown+' shown':'';
    });
  });
  document.querySelectorAll('table.data th').forEach(function(th){
    th.addEventListener('click',function(){
      var table=th.closest('table'),body=table.tBodies[0],col=th.cellIndex,asc=th.dataset.order!=='asc';
      var rows=Array.prototype.slice.call(body.rows);
      function key(r){var c=r.cells[col];return c.dataset.sort!==undefined?parseFloat(c.dataset.sort):fold(c.textContent);}
      rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});
      rows.forEach(function(r){body.appendChild(r);});
      table.querySelectorAll('th').forEach(function(h){delete h.dataset.order;});
      th.dataset.order=asc?'asc':'desc';
    });
  });
  document.documentElement.dataset.ready='1';  // the script ran to its end (what the headless test checks)
})();
"""


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n<script>{SCRIPT}</script>\n</body></html>\n"
    )
