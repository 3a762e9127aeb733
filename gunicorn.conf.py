"""gunicorn settings. Privacy first: no access log unless the operator asks for an anonymised one."""

import os

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
