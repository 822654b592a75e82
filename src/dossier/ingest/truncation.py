"""Telling a truncated HTML document from a valid one that omits optional end tags.

HTML5 lets a page leave out ``</body>`` and ``</html>`` (and ``</p>``, ``</li>``, …), so
their absence says nothing. A document is truncated when its bytes stop where no valid
document can end, which is where the HTML5 parser reports an end-of-file parse error:

1. inside a tag or an attribute value (``<a href="/wor``), a comment (``<!-- …``), a
   CDATA section or a declaration;
2. inside a ``<script>`` or ``<style>`` element, whose text only its end tag can close;
3. with an element still open whose end tag HTML never lets one omit (``<div>``,
   ``<article>``, ``<ul>``, ``<a>``, …), unless the document has a ``</body>`` or
   ``</html>``: a page that reached its closing tags was not cut, however loosely its
   elements nest inside them.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose end tag may be omitted at the end of the document (HTML5 13.2.6.4.7, the
# "in body" insertion mode on end of file), plus those that may be left out altogether.
_OPTIONAL_END = frozenset(
    "html head body p li dt dd rb rt rtc rp optgroup option colgroup caption "
    "thead tbody tfoot tr td th".split()
)
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen "
    "basefont bgsound frame".split()
)
_TAIL = {
    "<!--": "a comment",
    "<![": "a CDATA section",
    "<!": "a declaration",
    "<?": "a processing instruction",
    "</": "an end tag",
}


class _Open(HTMLParser):
    """Tracks the elements left open, as far as matching start and end tags tell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <path/>: nothing stays open

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:  # close it and whatever was left open inside it
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]


def truncation(html: str) -> str | None:
    """Where a truncated document stops (for the error message), or None when it is whole."""
    parser = _Open()
    parser.feed(html)
    rest = parser.rawdata[parser.rawdata.find("<") :] if "<" in parser.rawdata else ""
    if parser.cdata_elem:
        return f"it ends inside a <{parser.cdata_elem}> element"
    if rest.startswith("<"):
        for opening, what in _TAIL.items():
            if rest.startswith(opening):
                return f"it ends inside {what}"
        quoted = rest.count('"') % 2 or rest.count("'") % 2
        return "it ends inside an attribute value" if quoted else "it ends inside a tag"
    lower = html.lower()
    if "</body" in lower or "</html" in lower:
        return None
    required = [tag for tag in parser.stack if tag not in _OPTIONAL_END]
    if required:
        return f"it ends with <{required[-1]}> still open, an element whose end tag is required"
    return None
