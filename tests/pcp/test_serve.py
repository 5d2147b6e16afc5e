"""`make serve` as a force would run it: DEBUG off, gunicorn and the task worker, on SQLite."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "serve-test-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env.update(
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
        BEHIND_HTTPS_PROXY="true",
    )
    env.update(extra)
    return env


def _get(url: str, **headers: str):
    """(status, headers, body) of a GET as nginx would pass it on: HTTPS said by the proxy."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(), url


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        ["make", "serve"],
        cwd=ROOT,
        env=_environment(tmp_path, port),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so the teardown stops all of it
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while True:
            try:
                _get(f"{base}/editions/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"make serve did not answer:\n{(tmp_path / 'serve.log').read_text()}"
                    )
                time.sleep(0.5)
        yield base, tmp_path / "serve.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_make_serve_answers_with_debug_off(served):
    base, log = served
    status, headers, body, url = _get(f"{base}/")
    assert status == 200 and url.endswith("/editions/")
    assert b"Published editions" in body
    assert headers["Strict-Transport-Security"].startswith("max-age=")

    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "static files are referred to by their hashed (manifest) names"
    status, headers, css, _ = _get(
        f"{base}{stylesheet.group(1).decode()}", **{"Accept-Encoding": "br, gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]

    status, headers, body, _ = _get(f"{base}/editions/1999-00/q1/")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert b"DEBUG = True" not in body and b"Traceback" not in body

    # gunicorn's access log goes to stdout, one line per request; the task worker runs beside it.
    logged = r'"GET /editions/1999-00/q1/ HTTP/1.1" 404'
    for _ in range(50):  # the line is written just after the response
        if re.search(logged, log.read_text()):
            break
        time.sleep(0.2)
    assert re.search(logged, log.read_text())
    assert "Starting worker" in log.read_text()


def test_make_serve_refuses_to_start_without_its_secrets(tmp_path):
    env = _environment(tmp_path, _free_port())
    del env["SECRET_KEY"], env["ALLOWED_HOSTS"]
    result = subprocess.run(
        ["make", "serve"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ALLOWED_HOSTS" in result.stderr
    assert not (tmp_path / "serve.sqlite3").exists(), "nothing ran before the refusal"
