"""The test suite's settings: the project's own, with a fast password hasher.

Hundreds of tests create users with passwords; PBKDF2's deliberate slowness (right for real
accounts) would be most of the suite's time. Nothing else differs, so the tests exercise the
settings that run in production.
"""

from pcp.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
