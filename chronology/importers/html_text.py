"""HTML that calendar servers put in event descriptions, turned into plain text with its links
written out ("Agenda (https://example.org/agenda)"), by a real HTML parser (html.parser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOOKS_LIKE_HTML = re.compile(
    r"<\s*/?\s*(?:br|p|div|span|a|b|i|u|em|strong|ul|ol|li|table|tr|td|th|h[1-6]|font|html"
    r"|body|blockquote|hr|img|pre|code|sup|sub|small|big|center)\b[^<>]*>"
    r"|&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-f]{1,5});",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "dl",
        "dt",
        "dd",
        "address",
    ]
)
_SKIPPED = frozenset({"script", "style", "head", "title"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    """True when the text holds HTML tags or entities (not a lone '<' in 'weight < 2nd')."""
    return ("<" in text or "&" in text) and _LOOKS_LIKE_HTML.search(text) is not None


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []  # href, where the link's text starts
        self.skipping = 0
        self.list_depth = 0

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._newline()
            if tag == "li":
                self.parts.append("- ")
        elif tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), "")
            self.links.append((href.strip(), len("".join(self.parts))))
        elif tag == "img":
            alt = next((v for k, v in attrs if k == "alt" and v), "")
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._newline()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            shown = "".join(self.parts)[start:].strip()
            target = href[7:] if href.lower().startswith("mailto:") else href
            if target and target not in shown and not target.startswith("#"):
                self.parts.append(f" ({target})" if shown else target)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_SPACES.sub(" ", data.replace("\n", " ")))


def html_to_text(text: str) -> str:
    """Plain text of an HTML fragment: paragraphs and line breaks kept, links written out."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def plain(text: str) -> str:
    """The text as it is, or as plain text when it is HTML."""
    return html_to_text(text) if looks_like_html(text) else text


__all__ = ["html_to_text", "looks_like_html", "plain"]
