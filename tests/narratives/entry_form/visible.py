"""The words a person sees on a page: text outside hidden elements, scripts and styles."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # each open element, and whether it hides
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.words.append(attrs.get("value") or "")
            return
        hidden = (
            tag in ("script", "style", "template", "title")
            or "hidden" in (attrs.get("class") or "").split()
            or "hidden" in attrs
            or (attrs.get("id") or "").endswith("-empty")  # the inline's template row
        )
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        # Up to the element it closes (a <p> or <li> may have been left open).
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(hidden for _, hidden in self.stack):
            self.words.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())
