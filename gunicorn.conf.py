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
# no address, agent or exact time for whistleblowing routes: they never reach the access log
ANONYMOUS_PREFIXES = ("/wbs", "/api/v1/wbs")


class SkipAnonymous(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, dict) else {}
        path = str(args.get("U", ""))
        return not any(path == p or path.startswith(p + "/") for p in ANONYMOUS_PREFIXES)


def on_starting(server):
    logging.getLogger("gunicorn.access").addFilter(SkipAnonymous())


def post_fork(server, worker):
    logging.getLogger("gunicorn.access").addFilter(SkipAnonymous())
