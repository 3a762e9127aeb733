"""Security and privacy headers for every response, pages and static files alike."""

from __future__ import annotations

from urllib.parse import urlsplit


def content_security_policy(exit_url: str) -> str:
    """Build the CSP: only our own files, no inline code, never framed."""
    exit_origin = "{0.scheme}://{0.netloc}".format(urlsplit(exit_url))
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
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
