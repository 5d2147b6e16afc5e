"""gunicorn's settings for `make serve` (pcp/scripts/serve.sh), overridable from the environment.

Meant to sit behind nginx on the same host: it listens on 127.0.0.1 unless BIND says otherwise.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Sync workers: requests are short (rendering runs in the task worker), so 2 per core plus one
# keeps the CPU busy while some wait on the database. WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request still running after this is killed and logged; nothing should come near it now
# that publishing and preview PDFs are background tasks.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps connections to us open between requests.
keepalive = 5
# Restart each worker now and then so a slow leak (e.g. in a rendering library) cannot grow.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Access log to stdout (the service manager collects it), errors to stderr; %(M)s is the
# request's duration in milliseconds, for monitoring.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# X-Forwarded-* are honoured only from nginx on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "pcp"
# gunicorn's control socket is one path per user: two instances on a host (or a benchmark next
# to the service) would fight over it, and nothing here uses it.
control_socket_disable = True
