"""A small HTTP client for bench/load.py: one user's cookies, logging in, the admin's forms.

Speaks plain HTTP to 127.0.0.1 only and says, as nginx would, that the request came over HTTPS
(the server trusts that because BEHIND_HTTPS_PROXY is set for the benchmark).
"""

import http.client
import math
import threading
import urllib.parse
from html.parser import HTMLParser
from http.cookies import SimpleCookie


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


class FormInputs(HTMLParser):
    """The named <input> values of a page (hidden fields, management forms, CSRF token)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") != "submit":
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values[attrs["name"]] = attrs.get("value") or ""


class Session:
    """Cookies of one browser; safe to share between threads (a request at a time)."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(self, method: str, path: str, body: dict | None = None):
        """(status, headers, body bytes)."""
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        encoded = None
        if body is not None:
            encoded = urllib.parse.urlencode(body, doseq=True)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": f"{self.origin}{path}",
            }
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=encoded, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except OSError:
            return 0, {}, b""
        finally:
            connection.close()
        with self.lock:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def get(self, path: str) -> tuple[bool, int]:
        status, _headers, _body = self.request("GET", path)
        return status == 200, status

    def form(self, path: str) -> dict[str, str]:
        status, _headers, body = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        parser = FormInputs()
        parser.feed(body.decode("utf-8", "replace"))
        return parser.values

    def login(self, username: str, password: str) -> None:
        fields = self.form("/admin/login/")
        fields |= {"username": username, "password": password, "next": "/admin/"}
        status, headers, _ = self.request("POST", "/admin/login/", fields)
        if status != 302:
            raise RuntimeError(f"{username} could not log in (status {status})")

    def admin_add(self, path: str, fields: dict) -> tuple[bool, int]:
        """Fill the admin's add form with `fields` and save; done means redirected onwards."""
        try:
            values = self.form(path)
        except RuntimeError:
            return False, 0
        values = {k: v for k, v in values.items() if not k.startswith("_")}
        values |= {key: str(value) for key, value in fields.items()} | {"_save": "Save"}
        status, headers, _ = self.request("POST", path, values)
        return status == 302 and "/add/" not in headers.get("Location", ""), status
