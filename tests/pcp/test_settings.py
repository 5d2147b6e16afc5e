"""Production settings read from the environment: connection checks and the HTTPS proxy header."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "settings-test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "update.example.org",
}
SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
    "'health': s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
    "'tasks': s.TASKS['default']['BACKEND']}))"
)


def settings_with(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BEHIND_HTTPS_PROXY"}}
    environment |= {"DJANGO_SETTINGS_MODULE": "pcp.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_proxy_header_is_trusted_only_when_a_proxy_is_said_to_set_it():
    assert settings_with(**PRODUCTION)["proxy"] is None
    behind = settings_with(**PRODUCTION, BEHIND_HTTPS_PROXY="true")
    assert behind["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_connections_are_checked_and_production_queues_tasks_in_the_database():
    production = settings_with(**PRODUCTION)
    assert production["health"] is True
    assert production["tasks"] == "django_tasks_db.DatabaseBackend"
    assert settings_with(DEBUG="true")["tasks"].endswith("ImmediateBackend")


def test_production_refuses_to_start_without_allowed_hosts():
    environment = {k: v for k, v in os.environ.items() if k != "ALLOWED_HOSTS"}
    environment |= {**PRODUCTION, "ALLOWED_HOSTS": "", "DJANGO_SETTINGS_MODULE": "pcp.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "ALLOWED_HOSTS must be set" in result.stderr
