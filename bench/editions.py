"""Time to assemble and render an edition (web, PDF, Word) at 1x and 10x the reference's size.

    .venv/bin/python bench/editions.py [--scales 1 10] [--no-pdf]

Sets Django up itself on a throwaway SQLite database (the project's own is never touched),
builds made-up editions of about 120 entries per unit of scale, and prints one line per step.
Beside our PDF it times Debian's Chromium printing the same edition's web page (where Chromium
is installed) and measures the PDF renderer's peak memory in a child process; the last line is
`pdf vs chromium: 1x R1, 10x R10, peak MB M` (our time over Chromium's, in the same run).
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from throwaway import ROOT, django_setup


def timed(label: str, times: int, function, *args, **kwargs):
    result, _ = timed_with_seconds(label, times, function, *args, **kwargs)
    return result


def timed_with_seconds(label: str, times: int, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - started
    size = f" {len(result):>10,} bytes" if isinstance(result, (bytes, str)) else ""
    print(f"{times:>3}x  {label:<28} {elapsed:8.3f} s{size}")
    return result, elapsed


def first_render(label: str, scale: int, function, edition) -> float:
    """Seconds for the first render of this edition (both engines already warmed up on
    another one). Typst memoises: rendering the same input again takes milliseconds, which
    is real (a re-published version that changed little is quick) but not what is compared."""
    return timed_with_seconds(label, scale, function, edition)[1]


def _peak_child(data: str, queue) -> None:
    """In a fresh interpreter: render the PDF from its data, report peak memory before/after."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()  # the parent's environment names the settings and the throwaway database
    from narratives.editions.rendering.pdf import pdf_from_data

    before = _high_water_mb()
    pdf_from_data(data, timestamp=0)
    queue.put((before, _high_water_mb()))


def _high_water_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: that survives the
    fork-and-exec that starts the child, so it would report the parent's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pdf_peak_mb(edition) -> tuple[float, float]:
    """(peak RSS MB of a fresh process rendering the PDF, MB the render added to it). A fresh
    process ("spawn"), not a fork: Typst's worker threads do not survive a fork."""
    from narratives.editions.rendering.pdf import edition_pdf_data

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_peak_child, args=(edition_pdf_data(edition), queue))
    child.start()
    before, after = queue.get()
    child.join()
    return after, after - before


class ChromiumPrinter:
    """Debian's Chromium printing the edition's web page (print stylesheet) to PDF."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        from pcp.chromium import CHROMIUM, LAUNCH_ARGS

        # Playwright's sync API runs an event loop in this thread; the ORM beside it is sync.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        self.playwright = sync_playwright().start()
        browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        self.browser, self.page = browser, browser.new_page()

    def print_pdf(self, html: str) -> bytes:
        self.page.set_content(html, wait_until="load")
        return self.page.pdf(format="A4", display_header_footer=False)

    def close(self):
        self.browser.close()
        self.playwright.stop()


def web_page_for_print(edition) -> str:
    """The edition's page as the browser prints it: its print document, stylesheet inlined."""
    from django.contrib.staticfiles import finders

    from narratives.editions.rendering.web import edition_print_document

    css = "\n".join(  # the palette (CSS variables), then the edition's rules that use it
        Path(finders.find(name)).read_text(encoding="utf-8")
        for name in ("css/tokens.css", "css/edition.css")
    )
    return edition_print_document(edition).replace("</head>", f"<style>{css}</style></head>")


def bench(scale: int, with_pdf: bool, chromium: "ChromiumPrinter | None") -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from bench.data import sample_edition
    from narratives.editions.assembly import edition_assemble
    from narratives.editions.rendering.data import edition_csv, edition_json
    from narratives.editions.rendering.docx import edition_docx
    from narratives.editions.rendering.pdf import edition_pdf
    from narratives.editions.rendering.web import edition_html
    from priorities.models import Period

    period = Period.objects.create(year=2000 + scale, quarter=2)
    with transaction.atomic():  # one commit, not one per entry
        entries = timed("build data", scale, sample_edition, period, scale=scale)
    with CaptureQueriesContext(connection) as queries:
        edition = timed("assemble", scale, edition_assemble, period=period)
    print(f"{scale:>3}x  {'entries / queries':<28} {len(entries):>8} / {len(queries)}")
    timed("render web (HTML)", scale, edition_html, edition)
    timed("render Word (docx)", scale, edition_docx, edition)
    timed("render JSON", scale, edition_json, edition, publication={})
    timed("render CSV", scale, edition_csv, edition)
    figures = {}
    if with_pdf:
        figures["pdf"] = first_render("render PDF (Typst)", scale, edition_pdf, edition)
        if chromium:
            html = web_page_for_print(edition)
            figures["chromium"] = first_render(
                "Chromium prints web page", scale, chromium.print_pdf, html
            )
        peak, added = pdf_peak_mb(edition)
        print(f"{scale:>3}x  {'PDF peak memory':<28} {peak:8.1f} MB (render added {added:.1f} MB)")
        figures["peak"] = peak
        publish(scale, period)
    return figures


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


def warm_up_page() -> str:
    from narratives.editions.assembled import AssembledEdition
    from narratives.editions.assembly import cover_for
    from priorities.models import Period

    period = Period(year=1998, quarter=1)
    cover = cover_for(period, plan_title="Warm-up", version="0.0")
    return web_page_for_print(AssembledEdition(period.label, period.slug, cover, (), False))


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
        django_setup(directory)
        from pcp.chromium import CHROMIUM, chromium_found

        warm_up()
        chromium = None
        if options.no_pdf:
            pass
        elif chromium_found():
            chromium = ChromiumPrinter()
            chromium.print_pdf(warm_up_page())
        else:
            print(f"Chromium not found at {CHROMIUM}: the 'vs chromium' column is skipped")
        results = {scale: bench(scale, not options.no_pdf, chromium) for scale in options.scales}
        if chromium:
            chromium.close()
        if not options.no_pdf:
            print(summary(results))


def summary(results: dict[int, dict]) -> str:
    ratios = ", ".join(
        f"{scale}x {figures['pdf'] / figures['chromium']:.2f}"
        if "chromium" in figures
        else f"{scale}x (no chromium)"
        for scale, figures in results.items()
    )
    peak = results[max(results)]["peak"]
    return f"pdf vs chromium: {ratios}, peak MB {peak:.0f}"


if __name__ == "__main__":
    main()
