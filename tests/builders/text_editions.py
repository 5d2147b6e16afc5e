"""Made-up edition texts in the layouts other converters produce, from one plain outline, so a
test can check that every priority, commitment and bullet of the outline came through."""

from dataclasses import dataclass, field


@dataclass
class Outline:
    plan: str = "Police and Crime Plan 2016-2020"
    quarter: int = 2
    year: int = 2020
    version: str = "1.0"
    # (priority title, [(lead-in, commitment, [bullets, "  " before a nested one])])
    priorities: list = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def data_to(self) -> str:
        """The quarter's last month: "September 2020" for 2020/21 Q2."""
        month = ("June", "September", "December", "March")[self.quarter - 1]
        return f"{month} {self.year + (self.quarter == 4)}"

    @property
    def produced(self) -> str:
        month = ("July", "October", "January", "April")[self.quarter - 1]
        return f"{month} {self.year + (self.quarter >= 3)}"


def outline(plan: str = "Police and Crime Plan 2016-2020", *, scale: int = 1, **kwargs) -> Outline:
    priorities = []
    titles = kwargs.pop("titles", ["Local Policing", "Safer Roads", "Fewer Burglaries"])
    for number, title in enumerate(titles, start=1):
        commitments = []
        for order in range(1, scale + 2):
            tag = f"{number}.{order}"
            bullets = [
                f"Colchester: Foot patrols covered the high street every evening ({tag}).",
                f"Officers visited every school in the district this term ({tag}), for example:",
                f"  Tendring: a road safety talk reached 300 pupils ({tag}).",
                f"North LPA: The team met 12 residents' groups about parking ({tag}).",
            ]
            lead_in = "Working with partners we will:" if order % 2 else "We will:"
            commitments.append((lead_in, f"Keep promise {tag} to our communities.", bullets))
        priorities.append((title, commitments))
    return Outline(plan=plan, priorities=priorities, **kwargs)


def cover(spec: Outline, *, marking: str = "") -> list[str]:
    lines = [marking] if marking else []
    lines += [
        f"{spec.plan} Quarterly Update",
        "",
        f"Quarter {spec.quarter} - {spec.year_label}",
        "",
        f"Data to {spec.data_to}",
        f"Version {spec.version}",
        f"Produced {spec.produced}",
        "Performance Analysis Unit, Demo Police",
        "",
    ]
    return lines


def body(spec: Outline, *, bullet: str = "-", one_line: bool = False) -> list[str]:
    lines = []
    for number, (title, commitments) in enumerate(spec.priorities, start=1):
        heading = f"Priority {number} – {title}"
        for lead_in, text, bullets in commitments:
            if one_line:
                lines.append(f"{heading} {lead_in} {text}")
            else:
                lines += [heading, "", lead_in, "", text, ""]
            for item in bullets:
                nested = item.startswith("  ")
                lines.append(f"{'  ' if nested else ''}{bullet} {item.strip()}")
            lines.append("")
    return lines


def expected(spec: Outline) -> list:
    """(number, title, [(lead-in, commitment, [(depth, text)])]) as the parser should read."""
    return [
        (
            number,
            title,
            [
                (lead_in, text, [_entry(item) for item in bullets])
                for lead_in, text, bullets in commitments
            ],
        )
        for number, (title, commitments) in enumerate(spec.priorities, start=1)
    ]


def _entry(item: str) -> tuple[int, str]:
    depth = 1 if item.startswith("  ") else 0
    text = item.strip()
    label, _, rest = text.partition(": ")
    return depth, rest if label in ("Colchester", "Tendring", "North LPA") else text


def read(edition) -> list:
    """The parsed edition in the shape of `expected`."""
    return [
        (
            priority.number,
            priority.title,
            [
                (c.lead_in, c.text, [(d, e.text) for d, e in _walk(c.entries, 0)])
                for c in priority.commitments
            ],
        )
        for priority in edition.priorities
    ]


def _walk(entries, depth):
    for entry in entries:
        yield depth, entry
        yield from _walk(entry.children, depth + 1)
