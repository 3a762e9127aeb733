"""gunicorn settings. Privacy first: no access log unless the operator asks for an anonymised one."""

import logging
import os
import re

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 10
keepalive = 5
# Limits on what a stranger can send before Flask even sees it.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# No access log by default: it would hold IP addresses and the pages people read.
accesslog = None
# ACCESS_LOG=anonymous logs time, method, status, size and duration: no IP, no path,
# no user agent, no referrer.
if os.environ.get("ACCESS_LOG") == "anonymous":
    accesslog = "-"
    access_log_format = '%(t)s "%(m)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning")


class PrivacyFilter(logging.Filter):
    """Keep IP addresses and requested paths out of gunicorn's error log.

    gunicorn logs malformed requests with the client's IP and request line, and
    failed requests with their path. Those would tell who read what.
    """

    IP = re.compile(r"\bip=\S+|\b\d{1,3}(\.\d{1,3}){3}\b|\[[0-9a-fA-F:]+\]")

    def filter(self, record):
        message = record.getMessage()
        if message.startswith("Error handling request"):
            record.msg, record.args = "Error handling request [path not logged]", ()
        elif message.startswith("Invalid request from"):
            record.msg, record.args = "Invalid request [client and request not logged]", ()
        else:
            record.msg, record.args = self.IP.sub("[ip not logged]", message), ()
        return True


def post_fork(server, worker):
    """Add the privacy filter in every worker process."""
    logging.getLogger("gunicorn.error").addFilter(PrivacyFilter())


def on_starting(server):
    """Add the privacy filter in the master process."""
    logging.getLogger("gunicorn.error").addFilter(PrivacyFilter())
