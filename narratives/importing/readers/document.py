"""What every reader gives the parser: the edition as lines of text, and where they came from."""

from dataclasses import dataclass, field

PDF, DOCX, TXT = "pdf", "docx", "txt"
BULLET = "•"


class EditionFileError(ValueError):
    """The file cannot be read as an edition; the message says why."""


@dataclass
class EditionDocument:
    """An edition read from a file.

    `text` has one line per heading, paragraph or bullet (bullets marked "•" and indented by
    their level), so the one text parser reads every format. `pages[i]` is the page line i + 1
    came from (PDF only). `headers` are running headers and footers the reader dropped (the
    cover may need them for its period or marking).
    """

    text: str
    source: str
    pages: list[int] | None = None
    page_count: int | None = None
    headers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class LineWriter:
    """Builds a document's text, a blank line between blocks, remembering each line's page."""

    def __init__(self):
        self.lines: list[str] = []
        self.pages: list[int] = []

    def block(self, text: str, *, level: int = 0, bullet: bool = False, page: int = 0) -> None:
        text = " ".join(text.split())
        if not text:
            return
        marker = f"{BULLET} " if bullet else ""
        self.lines.extend([f"{'  ' * level}{marker}{text}", ""])
        self.pages.extend([page, page])

    @property
    def text(self) -> str:
        return "\n".join(self.lines)
