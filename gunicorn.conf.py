"""gunicorn settings; HOST/PORT/WEB_CONCURRENCY from the environment."""
import logging
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# The request line without its query string (%(U)s is the path alone): a query can carry a tracking code
# or a WBS path (?next=/wbs/...). SkipAnonymous also blanks %(r)s and %(q)s for a custom format.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'

# no address, agent or exact time for whistleblowing routes, however the path is spelled: the same rule
# (and list of paths) as the application's, in core.security
from core.security import SkipAnonymous  # noqa: E402


def on_starting(server):
    logging.getLogger("gunicorn.access").addFilter(SkipAnonymous())


def post_fork(server, worker):
    logging.getLogger("gunicorn.access").addFilter(SkipAnonymous())
