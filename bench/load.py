"""Load on the production stack: `make serve` on a throwaway PostgreSQL, as CI starts it.

    .venv/bin/python bench/load.py [--clients 16] [--seconds 10] [--max-requests 5000]

Starts PostgreSQL (pcp/scripts/postgres.sh) and `make serve` (gunicorn and the task worker,
DEBUG off) on 127.0.0.1 only, loads the demo, then runs a bounded number of client threads for
a bounded time against each endpoint in turn: the published edition page and its PDF
(anonymous), the dashboards home and a metric page (as a manager), and new entries saved
through the admin by several officers at once. Prints requests per second, p50/p95/p99 and
errors per endpoint, and the rows lost: entries whose save was answered as done but which are
not in the database (must be 0). Figures, not assertions; everything it started is stopped
when it ends.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadclient import Session, percentile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEMO_PASSWORD = "bench-load-only-" + secrets.token_hex(8)
OFFICERS = 6
MARK = "bench-load entry"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir: Path, database_url: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-load-only-" + secrets.token_hex(32),
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_HTTPS_PROXY="true",  # the client says HTTPS as nginx would
        DATABASE_URL=database_url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PORT=str(port),
        PCP_DEMO_PASSWORD=DEMO_PASSWORD,
        LOG_LEVEL="WARNING",
    )
    return env


def create_database(url: str) -> None:
    """The throwaway cluster has only the `postgres` database; the app's is made here."""
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port, user=parts.username, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{parts.path.lstrip("/")}"')
    connection.close()


def prepare(env: dict[str, str]) -> dict:
    """Migrate, load the demo (its command runs only with DEBUG on) and add bench officers."""
    create_database(env["DATABASE_URL"])
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    demo_env = {**env, "DEBUG": "true"}
    subprocess.run(
        [PYTHON, "manage.py", "load_demo"],
        cwd=ROOT,
        env=demo_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcp.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from metrics.models import Metric
    from narratives.entries.selectors import periods_open_for_entry
    from priorities.models import Area, Commitment
    from priorities.roles import OFFICER, user_save_with_role

    districts = list(Area.objects.filter(kind=Area.Kind.DISTRICT).order_by("name")[:OFFICERS])
    officers = []
    for number, area in enumerate(districts):
        username = f"bench-officer-{number}"
        user_save_with_role(username=username, role=OFFICER, areas=[area], password=DEMO_PASSWORD)
        officers.append((username, area.pk))
    return {
        "officers": officers,
        "period": periods_open_for_entry().order_by("year", "quarter").first().pk,
        "commitment": Commitment.objects.order_by("pk").first().pk,
        "metric": Metric.objects.order_by("code").first().code,
    }


def serve(env: dict[str, str], log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        ["make", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"make serve stopped:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", int(env["PORT"])), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.5)
    raise SystemExit("make serve did not answer within 4 minutes")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def endpoints(port: int, data: dict) -> tuple[list[tuple[str, object]], list[int]]:
    """(name, callable() -> (ok, status)) in the mix each client cycles through, and the
    numbers of the entries whose save was answered as done."""
    edition, metric = "/editions/2020-21/q2/", f"/dashboards/{data['metric']}/"
    manager = Session(port)
    manager.login("manager", DEMO_PASSWORD)
    officers = [(Session(port), area) for _username, area in data["officers"]]
    for (session, _area), (username, _) in zip(officers, data["officers"], strict=True):
        session.login(username, DEMO_PASSWORD)
    anonymous = Session(port)
    counter = iter(range(10**9))
    lock = threading.Lock()
    saved: list[int] = []

    def save_entry():
        with lock:
            number = next(counter)
        session, area = officers[number % len(officers)]
        fields = {
            "commitment": data["commitment"],
            "period": data["period"],
            "area": area,
            "order": number,
            "text": f"{MARK} {number}",
        }
        ok, status = session.admin_add("/admin/narratives/entry/add/", fields)
        if ok:
            saved.append(number)
        return ok, status

    mix = [
        ("edition page", lambda: anonymous.get(edition)),
        ("edition PDF", lambda: anonymous.get("/editions/2020-21/q2.pdf")),
        ("dashboards home (manager)", lambda: manager.get("/dashboards/")),
        ("metric page (manager)", lambda: manager.get(metric)),
        ("entry save (officer)", save_entry),
    ]
    return mix, saved


def run(call, *, clients: int, seconds: float, max_requests: int):
    """`clients` threads calling one endpoint until the time or the request budget runs out:
    (seconds taken by each request, errors, elapsed seconds)."""
    timings: list[float] = []
    errors = 0
    budget = iter(range(max_requests))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        nonlocal errors
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            started = time.perf_counter()
            ok, _status = call()
            took = time.perf_counter() - started
            with lock:
                timings.append(took)
                errors += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors, time.monotonic() - started


def report(results: dict, saved: int) -> None:
    from narratives.models import Entry

    print(
        f"\n{'endpoint':28} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6}"
    )
    for name, (times, errors, elapsed) in results.items():
        print(
            f"{name:28} {len(times):8} {len(times) / elapsed:7.1f} "
            f"{percentile(times, 50) * 1000:7.0f} {percentile(times, 95) * 1000:7.0f} "
            f"{percentile(times, 99) * 1000:7.0f} {errors:6}"
        )
    stored = Entry.objects.filter(text__startswith=MARK).count()
    print(
        f"\nentries saved (answered as done): {saved}; in the database: {stored}; "
        f"rows lost: {saved - stored}"
    )
    home = percentile(results["dashboards home (manager)"][0], 95)
    edition = percentile(results["edition page"][0], 95)
    print(f"dashboards home p95 / edition page p95: {home / edition:.1f}x (target: at most 3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10, help="per endpoint")
    parser.add_argument("--max-requests", type=int, default=5000, help="per endpoint")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pcp-bench-load-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user and must reach its folder inside
    pgdir = workdir / "postgres"
    database_url = subprocess.run(
        ["bash", "pcp/scripts/postgres.sh", "start", str(pgdir), str(free_port())],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    server = None
    try:
        env = environment(workdir, database_url, free_port())
        data = prepare(env)
        server = serve(env, workdir / "serve.log")
        print(
            f"make serve on 127.0.0.1:{env['PORT']}, PostgreSQL {database_url}; "
            f"{args.clients} clients for up to {args.seconds:.0f} s / {args.max_requests} "
            f"requests (gunicorn log: {workdir / 'serve.log'})"
        )
        mix, saved = endpoints(int(env["PORT"]), data)
        results = {}
        for name, call in mix:  # one endpoint at a time, as a crowd would hit it
            for _ in range(args.clients):  # first requests (imports, connections) not counted
                call()
            results[name] = run(
                call, clients=args.clients, seconds=args.seconds, max_requests=args.max_requests
            )
        report(results, len(saved))
    finally:
        if server is not None:
            stop(server)
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        subprocess.run(
            ["bash", "pcp/scripts/postgres.sh", "stop", str(pgdir)], cwd=ROOT, capture_output=True
        )
        for folder in ("postgres", "static", "media"):  # the log stays, for a look afterwards
            shutil.rmtree(workdir / folder, ignore_errors=True)


if __name__ == "__main__":
    main()
