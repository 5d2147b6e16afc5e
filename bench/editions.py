"""Time to assemble and render an edition (web, PDF, Word) at 1x and 10x the reference's size.

    .venv/bin/python bench/editions.py [--scales 1 10] [--no-pdf]

Sets Django up itself on a throwaway SQLite database (the project's own is never touched),
builds made-up editions of about 120 entries per unit of scale, and prints one line per step.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(directory: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{directory}/media"  # published files
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcp.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(label: str, times: int, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - started
    size = f" {len(result):>10,} bytes" if isinstance(result, (bytes, str)) else ""
    print(f"{times:>3}x  {label:<28} {elapsed:8.3f} s{size}")
    return result


def bench(scale: int, with_pdf: bool) -> None:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from narratives.editions.assembly import edition_assemble
    from narratives.editions.rendering.data import edition_csv, edition_json
    from narratives.editions.rendering.docx import edition_docx
    from narratives.editions.rendering.pdf import edition_pdf
    from narratives.editions.rendering.web import edition_html
    from priorities.models import Period
    from tests.narratives.edition_builders import build_edition

    period = Period.objects.create(year=2000 + scale, quarter=2)
    with transaction.atomic():  # one commit, not one per entry
        entries = timed("build data", scale, build_edition, period, scale=scale)
    with CaptureQueriesContext(connection) as queries:
        edition = timed("assemble", scale, edition_assemble, period=period)
    print(f"{scale:>3}x  {'entries / queries':<28} {len(entries):>8} / {len(queries)}")
    timed("render web (HTML)", scale, edition_html, edition)
    timed("render Word (docx)", scale, edition_docx, edition)
    timed("render JSON", scale, edition_json, edition, publication={})
    timed("render CSV", scale, edition_csv, edition)
    if with_pdf:
        timed("render PDF (two layouts)", scale, edition_pdf, edition)
        publish(scale, period)


def publish(scale: int, period) -> None:
    """Publishing as an analyst does it, with the database task backend of production: the
    request (what the analyst waits for) and the background task (every file, stored)."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    from narratives.editions.publishing import edition_publish
    from priorities.roles import ANALYST, user_save_with_role

    analyst = user_save_with_role(username=f"bench-analyst-{scale}", role=ANALYST)
    backend = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    with override_settings(TASKS={"default": backend}):
        edition = timed(
            "publish: the request", scale, edition_publish, period=period, version="1.0", by=analyst
        )
        worker = ("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
        timed("publish: the task (files)", scale, call_command, *worker, verbosity=0)
    edition.refresh_from_db()
    assert edition.is_published and edition.files.count() == 5, "publishing failed"


def warm_up() -> None:
    """Load templates, WeasyPrint and python-docx once, so the figures are per edition."""
    from django.urls import reverse

    from narratives.editions.assembled import AssembledEdition
    from narratives.editions.assembly import cover_for
    from narratives.editions.rendering.docx import edition_docx
    from narratives.editions.rendering.pdf import edition_pdf
    from narratives.editions.rendering.web import edition_html
    from priorities.models import Period

    period = Period(year=1999, quarter=1)
    cover = cover_for(period, plan_title="Warm-up", version="0.0")
    empty = AssembledEdition(period.label, period.slug, cover, (), is_draft=False)
    edition_html(empty), edition_docx(empty), edition_pdf(empty)
    reverse("narratives:edition_list")  # builds the URL resolver the web edition's links use


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--no-pdf", action="store_true", help="Skip the (slow) PDF rendering")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pcp-bench-") as directory:
        setup(directory)
        warm_up()
        for scale in options.scales:
            bench(scale, with_pdf=not options.no_pdf)


if __name__ == "__main__":
    main()
