"""Read a page's HTML as a person reads it: the texts of table rows, lists and definitions.

Tests compare these whole values exactly instead of searching substrings in the markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils import translation

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """The element's text with whitespace collapsed, as a browser shows it."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def find_all(self, tag: str) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.find_all(tag))
        return found

    def by_id(self, element_id: str) -> Element | None:
        if self.attrs.get("id") == element_id:
            return self
        for child in self.children:
            if isinstance(child, Element) and (hit := child.by_id(element_id)):
                return hit
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.stack[-1].children.append("\n")
            return
        element = Element(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(response) -> Element:
    builder = _TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def element(response, element_id: str) -> Element | None:
    """The element with this id, or None if the page has none."""
    return parse(response).by_id(element_id)


def text(response, element_id: str) -> str | None:
    """The text of the element with this id, or None if the page has none."""
    found = element(response, element_id)
    return None if found is None else found.text()


def rows(response, table_id: str) -> list[list[str]] | None:
    """The cell texts of each body row of a table (None if the page has no such table)."""
    table = element(response, table_id)
    if table is None:
        return None
    body = table.find_all("tbody")[0]
    return [
        [cell.text() for cell in row.children if isinstance(cell, Element)]
        for row in body.find_all("tr")
    ]


def items(response, list_id: str) -> list[str] | None:
    """The texts of a list's items (None if the page has no such list)."""
    found = element(response, list_id)
    return None if found is None else [item.text() for item in found.find_all("li")]


def definitions(response, list_id: str) -> dict[str, str] | None:
    """A definition list as {term: description} (None if the page has no such list)."""
    found = element(response, list_id)
    if found is None:
        return None
    terms = [e.text() for e in found.find_all("dt")]
    return dict(zip(terms, [e.text() for e in found.find_all("dd")], strict=True))


def links(response, element_id: str) -> list[str] | None:
    """The hrefs of the links inside the element with this id."""
    found = element(response, element_id)
    return None if found is None else [a.attrs.get("href", "") for a in found.find_all("a")]


def de(message: str) -> str:
    """A message as a German user reads it (stays right once the German catalogue has it)."""
    with translation.override("de"):
        return translation.gettext(message)


def de_plural(singular: str, plural: str, count: int) -> str:
    """A plural message as a German user reads it for `count`."""
    with translation.override("de"):
        return translation.ngettext(singular, plural, count)
