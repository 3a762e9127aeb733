"""Security and privacy headers for every response: pages, errors, redirects and files."""

from __future__ import annotations

from urllib.parse import urlsplit


def content_security_policy(exit_url: str) -> str:
    """Build the CSP: only our own files, no inline code, never framed."""
    exit_origin = "{0.scheme}://{0.netloc}".format(urlsplit(exit_url))
    # default-src covers scripts, styles, fonts, fetches, manifests and workers: each
    # is 'self' only. Naming them one by one would add bytes to every response.
    return "; ".join([
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        # The erase form answers with a redirect to the exit site.
        f"form-action 'self' {exit_origin}",
        "frame-ancestors 'none'",
    ])


def security_headers(exit_url: str) -> dict[str, str]:
    """Return the headers every response carries."""
    return {
        "Content-Security-Policy": content_security_policy(exit_url),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": (
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            "interest-cohort=(), browsing-topics=()"
        ),
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


HSTS = "max-age=63072000; includeSubDomains"


class SecurityHeaders:
    """WSGI middleware: put the headers on every response, whoever made it.

    Pages, error pages, redirects and WhiteNoise's static files (including its
    304, 405 and 416 answers) all pass through here. Any Set-Cookie is dropped:
    public pages never set a cookie.
    """

    def __init__(self, app, exit_url: str):
        self.app = app
        self.headers = list(security_headers(exit_url).items())
        self.names = {name.lower() for name, _ in self.headers}

    def __call__(self, environ, start_response):
        https = environ.get("wsgi.url_scheme") == "https"

        def start(status, headers, exc_info=None):
            """Replace our headers, drop cookies, add HSTS over https."""
            kept = [(k, v) for k, v in headers
                    if k.lower() not in self.names and k.lower() not in
                    {"set-cookie", "access-control-allow-origin", "strict-transport-security"}]
            kept += self.headers
            if https:
                kept.append(("Strict-Transport-Security", HSTS))
            return start_response(status, kept, exc_info)

        return self.app(environ, start)
