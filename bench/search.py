"""Search at scale: 40 quarters x 1,200 entries (48,000) published, on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py [--quarters 40] [--entries 1200] [--repeat 5]

For each database (SQLite always; PostgreSQL from DATABASE_URL, which must name an empty
database it may fill, or else a throwaway cluster started with pcp/scripts/postgres.sh), in a
child process of its own: builds the published versions directly (their frozen public JSON, as
publishing stores it), times the index build (`search_index --rebuild`), then runs 20 mixed
searches (words, phrases, filters, rare and common terms, every version) through the same
selector as /search/ (count, a page of ranked ids, snippets, rows) and prints the median and
p95, then each search's median and worst. Goals: p95 under 100 ms on PostgreSQL, under 200 ms
on SQLite. Figures, not assertions.
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway import ROOT, django_setup  # noqa: E402

VOCABULARY = (
    "officers patrols residents partners community safety team warrants arrests drugs knife "
    "crime victims domestic abuse safeguarding youth schools burglary vehicle theft night "
    "economy licensing fraud cyber training volunteers specials cadets hate incidents rural "
    "wildlife heritage roads casualties speed enforcement engagement events meetings"
)
WORDS = VOCABULARY.split()
PHRASES = ("county lines", "Operation SHIELD II", "anti-social behaviour", "town centre")
RARE = "Quillwort"


def entry_text(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(25, 70))]
    if n % 20 == 0:
        words.insert(rng.randrange(len(words)), rng.choice(PHRASES))
    if n % 16000 == 7:
        words.insert(3, RARE)
    return " ".join(words).capitalize() + "."


def snapshot(rng: random.Random, entries: int, start_id: int, areas: list[str]) -> str:
    rows = []
    for n in range(entries):
        priority, commitment = n % 7 + 1, n % 3 + 1
        text = entry_text(rng, start_id + n)
        rows.append(
            {
                "priority": priority,
                "priority_title": f"Priority {priority} title",
                "commitment": commitment,
                "lead_in": "Working with partners we will:",
                "commitment_text": f"Commitment {priority}.{commitment}",
                "lpa": "",
                "district": "",
                "label": "",
                "depth": 0,
                "entry_id": start_id + n,
                "parent_id": None,
                "area": areas[n % len(areas)],
                "text": text,
                "operations": ["SHIELD II"] if "SHIELD" in text else [],
            }
        )
    return json.dumps({"entries": rows})


def build(quarters: int, entries: int) -> None:
    import datetime

    from django.utils import timezone

    from narratives.models import Edition
    from priorities.models import Area, Period
    from priorities.services import areas_load_file

    areas_load_file()
    names = list(Area.objects.values_list("name", flat=True))
    rng = random.Random(14)
    for q in range(quarters):
        period = Period.objects.create(year=2010 + q // 4, quarter=q % 4 + 1)
        Edition.objects.create(
            period=period,
            version="1.0",
            title="Bench",
            data_to=datetime.date(2020, 1, 1),
            produced=datetime.date(2020, 1, 1),
            published_at=timezone.now(),
            snapshot_json=snapshot(rng, entries, q * entries + 1, names),
        )


def queries() -> list[dict]:
    from priorities.models import Area

    south = Area.objects.get(name="South LPA").pk
    southend = Area.objects.get(name="Southend").pk
    return [
        {"q": "patrols"},
        {"q": "officers community"},
        {"q": "county lines"},
        {"q": '"county lines"'},
        {"q": '"Operation SHIELD"'},
        {"q": RARE},
        {"q": "warrant arrested"},
        {"q": "zzzznothing"},
        {"q": "drugs", "area": south},
        {"q": "knife crime", "area": southend},
        {"q": "victims", "priority": 3},
        {"q": "safeguarding", "commitment": (2, 2)},
        {"q": "burglary", "quarter_from": 20150, "quarter_to": 20174},
        {"q": '"town centre" licensing'},
        {"q": "training", "operation": "SHIELD II"},
        {"q": "patrols", "all_versions": True},
        {"q": "NEAR AND * ^ \" '; DROP TABLE"},
        {"q": "youth schools cadets volunteers"},
        {"q": "", "area": southend, "priority": 1},
        {"q": "speed enforcement roads casualties", "page": 3},
    ]


def run_one(case: dict) -> tuple[float, float]:
    """Wall time and this process's CPU time (SQLite's work, not PostgreSQL's), in ms."""
    from narratives.search.query import terms_parse
    from narratives.search.selectors import SearchFilters, search_page
    from priorities.selectors import area_tree

    params = dict(case)
    terms = terms_parse(params.pop("q"))
    number = params.pop("page", 1)
    if "area" in params:
        params["area_ids"] = area_tree().with_descendants([params.pop("area")])
    started, cpu = time.perf_counter(), time.process_time()
    page = search_page(terms=terms, filters=SearchFilters(**params), number=number)
    list(page.object_list)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def child(database_url: str, quarters: int, entries: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        django_setup(directory, database_url)
        from django.db import connection

        from narratives.search.indexing import search_index_rebuild

        build(quarters, entries)
        started = time.perf_counter()
        search_index_rebuild()
        built = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        cases = queries()
        for case in cases:
            run_one(case)  # warm
        runs = [run_one(case) for _ in range(repeat) for case in cases]
        times, cpu = [wall for wall, _ in runs], [used for _, used in runs]
        worst = max(range(len(cases)), key=lambda i: max(times[i :: len(cases)]))
        print(
            f"{connection.vendor:10} {quarters * entries:>6} entries  index build "
            f"{built:6.1f} s  search median {statistics.median(times):6.1f} ms  "
            f"p95 {p95(times):6.1f} ms  (CPU in this process: median "
            f"{statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms; "
            f"load average {os.getloadavg()[0]:.1f}; slowest: {cases[worst]})",
            flush=True,
        )
        for i, case in enumerate(cases):
            mine = times[i :: len(cases)]
            print(
                f"  {statistics.median(mine):7.1f} ms median {max(mine):7.1f} ms worst  {case}",
                flush=True,
            )


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_child(database_url: str, args) -> None:
    command = [sys.executable, __file__, "--child", database_url or "sqlite"]
    command += ["--quarters", str(args.quarters), "--entries", str(args.entries)]
    command += ["--repeat", str(args.repeat)]
    subprocess.run(command, check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--entries", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each of the 20 searches")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url = "" if args.child == "sqlite" else args.child
        return child(url, args.quarters, args.entries, args.repeat)
    run_child("", args)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return run_child(os.environ["DATABASE_URL"], args)
    with tempfile.TemporaryDirectory() as workdir:
        os.chmod(workdir, 0o755)  # PostgreSQL runs as its own user and must reach it
        pgdir = Path(workdir) / "postgres"
        script = ["bash", "pcp/scripts/postgres.sh"]
        start = [*script, "start", str(pgdir), str(free_port())]
        url = subprocess.run(start, cwd=ROOT, check=True, capture_output=True, text=True)
        try:
            run_child(url.stdout.strip().rsplit("/", 1)[0] + "/postgres", args)
        finally:
            subprocess.run([*script, "stop", str(pgdir)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
