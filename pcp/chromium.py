"""Debian's Chromium as the tests and benchmarks launch it (Playwright cannot download its own
browser here). The flags keep it from reaching out to the network this machine does not have:
without them Chromium's background connections are refused many at a time."""

import os
import shutil

CHROMIUM = os.environ.get("PCP_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_found() -> bool:
    return bool(shutil.which(CHROMIUM)) or os.path.exists(CHROMIUM)
