"""A saved web page (.html, .htm) or text file (.txt) -> plain text, with the same conventions
for both: block elements start a line, list items are bullets indented by their depth."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class _HTMLText(HTMLParser):
    """Block elements start a line, <li> a bullet indented by its list depth; script/style dropped."""

    BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
              "table", "tr", "blockquote", "figure", "figcaption", "dl", "dt", "dd", "title"}
    SKIP = {"script", "style", "noscript", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in ("ul", "ol"):
            self.parts.append("" if self.depth else "\n")
            self.depth += 1
        elif tag == "li":
            self.parts.append("\n" + "  " * self.depth + "• ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("ul", "ol"):
            self.depth = max(0, self.depth - 1)
            self.parts.append("" if self.depth else "\n\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))

    def text(self) -> str:
        lines = [line.rstrip() for line in "".join(self.parts).split("\n")]
        text = "\n".join(line if line.strip() else "" for line in lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return parser.text()


def page_text(path: Path, data: bytes) -> str:
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw = data.decode("cp1252", errors="replace")
    raw = raw.replace("\r\n", "\n").replace("\u00a0", " ")
    return html_to_text(raw) if path.suffix.lower() in (".html", ".htm") else raw
