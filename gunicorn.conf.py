"""gunicorn settings. Privacy first: no access log unless the operator asks for an anonymised one."""

import ctypes
import ctypes.util
import logging
import os
import re
import sys

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
# From those proxies, take only what the app uses: "this came over https" (for HSTS).
# gunicorn would otherwise also take SCRIPT_NAME and PATH_INFO from request headers,
# and a SCRIPT_NAME such as //evil.example would go into every link of the page.
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
forwarder_headers = ""
# Headers with an underscore (X_Forwarded_For, SCRIPT_NAME) are dropped, not mapped.
header_map = "drop"

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


# glibc's malloc keeps large freed blocks. Its threshold for giving them to the
# kernel (mmap) rises to the size of the largest block freed so far, so after the
# first page render brotli's few-MB encoder buffers stay in the heap of whichever
# thread rendered. Each minute, when the page cache refills, up to `threads`
# renders run at once and each thread's heap keeps its own copy: the workers' RSS
# went up by several MB a minute under load (bench/soak.sh). A fixed threshold
# hands buffers of 128 KiB or more back to the kernel when freed; two arenas per
# worker bound the rest. The environment variables MALLOC_MMAP_THRESHOLD_ and
# MALLOC_ARENA_MAX, when set, take precedence.
MALLOC_MMAP_THRESHOLD = 128 * 1024
MALLOC_ARENA_MAX = 2
M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8  # from glibc's malloc.h


def tune_malloc() -> bool:
    """Set glibc malloc's mmap threshold and arena count; False when not glibc."""
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    done = True
    if "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        done = mallopt(M_MMAP_THRESHOLD, MALLOC_MMAP_THRESHOLD) == 1 and done
    if "MALLOC_ARENA_MAX" not in os.environ:
        done = mallopt(M_ARENA_MAX, MALLOC_ARENA_MAX) == 1 and done
    return done


def post_fork(server, worker):
    """In every worker, before its threads start: the privacy filter and malloc settings."""
    logging.getLogger("gunicorn.error").addFilter(PrivacyFilter())
    tune_malloc()


def check_settings() -> None:
    """Stop with one clear line, before any worker starts, when settings, data or content fail."""
    from server.config import Config, ConfigError, check_config
    from server.content_files import ContentError, load_content
    from server.services import DataError, load_directory

    config = {name: getattr(Config, name) for name in dir(Config) if name.isupper()}
    try:
        check_config(config)
        directory = load_directory(config["SERVICES_FILE"], config["EMERGENCY_SERVICES"])
        load_content(config["CONTENT_DIR"], config["LANGUAGES"], directory)
    except (ConfigError, DataError, ContentError) as error:
        # Without this, each worker would fail with a traceback and gunicorn would
        # add its own, burying the one line that says what to fix.
        sys.exit(f"Uitweg cannot start: {error}")


def host_warning() -> str | None:
    """Say why TRUSTED_HOSTS should be set, or None when it is."""
    if os.environ.get("TRUSTED_HOSTS", "").strip():
        return None
    return ("TRUSTED_HOSTS is not set: this server answers for any host name. "
            "Set it to the site's host name(s) before it faces the internet (see README).")


def on_starting(server):
    """In the master process: the privacy filter, a check of the settings and data, a warning."""
    log = logging.getLogger("gunicorn.error")
    log.addFilter(PrivacyFilter())
    check_settings()
    warning = host_warning()
    if warning:
        log.warning(warning)
