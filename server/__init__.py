"""Uitweg: a safety-first help app. `create_app` builds the Flask application."""

from __future__ import annotations

from flask import Flask, g, redirect, request, url_for
from whitenoise import WhiteNoise

from .compression import compressed
from .config import Config, ConfigError, check_config  # noqa: F401  (re-exported)
from .content_files import ContentError  # noqa: F401  (re-exported)
from .encoding import chosen_encoding
from .services import DataError  # noqa: F401  (re-exported)

COMPRESSIBLE = ("text/html", "text/plain", "application/json", "application/manifest+json",
                "text/javascript", "text/css", "image/svg+xml")


def create_app(config: dict | None = None) -> Flask:
    """Create the app: settings, data, translations, assets, pages and headers."""
    app = Flask(__name__, static_folder=None)
    app.config.from_object(Config)
    if config:
        app.config.update(config)
    check_config(app.config)

    from .assets import build
    from .extensions import babel
    from .i18n import get_locale, is_rtl
    from .services import load_directory

    app.extensions["directory"] = load_directory(
        app.config["SERVICES_FILE"], app.config["EMERGENCY_SERVICES"]
    )
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LANGUAGE"]
    babel.init_app(app, locale_selector=get_locale)
    app.config["ASSET_VERSION"] = build(app.config["PWA_DIR"], app.config["STATIC_DIR"])
    _add_content(app)

    from . import cli, errors, offline, pages, privacy

    languages = ",".join(app.config["LANGUAGES"])
    app.register_blueprint(pages.bp, url_prefix=f"/<any({languages}):lang>")
    app.register_blueprint(errors.bp)
    app.register_blueprint(privacy.bp)
    app.register_blueprint(offline.bp)
    app.register_blueprint(cli.bp)
    # Made once at start, so every worker serves the same service worker.
    app.extensions["sw_source"] = offline.service_worker_source(app)
    _add_static(app)
    _add_headers(app)
    _add_template_helpers(app, is_rtl)

    @app.get("/")
    def root():
        """Send the bare address to the default language."""
        return redirect(url_for("pages.start", lang=app.config["DEFAULT_LANGUAGE"]))

    @app.get("/robots.txt")
    def robots():
        """Let search engines find the help pages."""
        return "User-agent: *\nAllow: /\n", 200, {"Content-Type": "text/plain; charset=utf-8"}

    @app.get("/healthz")
    def health():
        """Tell a load balancer or test that the app is up."""
        return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}

    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    return app


def _add_content(app: Flask) -> None:
    """Read and check the content pages (ContentError stops the start) and let Jinja find them."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

    from .content_files import fill, load_content, plain

    app.extensions["content"] = load_content(
        app.config["CONTENT_DIR"], app.config["LANGUAGES"], app.extensions["directory"])
    app.jinja_env.loader = ChoiceLoader([
        app.jinja_env.loader,
        PrefixLoader({"content": FileSystemLoader(app.config["CONTENT_DIR"])}),
    ])
    app.jinja_env.filters.update(fill=fill, plain=plain)


def _add_static(app: Flask) -> None:
    """Serve static/ through WhiteNoise: compressed copies, long lifetimes, our headers."""
    app.add_url_rule("/static/<path:filename>", endpoint="static", build_only=True)
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=app.config["STATIC_DIR"],
        prefix="static/",
        max_age=3600,
        immutable_file_test=lambda path, url: url.startswith("/static/build/"),
    )


def _add_template_helpers(app: Flask, is_rtl) -> None:
    from . import buttons, display

    directory = app.extensions["directory"]

    def asset(path: str) -> str:
        """Return the versioned URL of a front-end file."""
        return url_for("static", filename=f"build/{app.config['ASSET_VERSION']}/{path}")

    from .i18n import language_links, name_in

    def status_now(schedule):
        """Return (state, sentence) for now; a static export leaves it to the browser."""
        if app.config.get("STATIC_EXPORT") and not schedule.always:
            # The export cannot know when it is read: open-status fills this in.
            return "unknown", ""
        return display.current_status(schedule)

    app.jinja_env.globals.update(
        asset=asset,
        language_links=language_links,
        language_name=name_in,
        directory=directory,
        describe_hours=display.describe,
        current_status=status_now,
        schedule_json=display.schedule_json,
        status_messages=display.status_messages,
        day_names=display.day_names,
        source_note=display.source_note,
        chat_label=display.chat_label,
        names_a_chat=display.names_a_chat,
        header_label=buttons.header_label,
        chat_button_label=buttons.chat_button_label,
        site_name=buttons.site_name,
        open_first=lambda ids: buttons.open_first([directory[i] for i in ids], status_now),
    )
    app.jinja_env.filters.update(
        checked_date=display.checked_date,
        language_list=display.language_list,
    )
    app.jinja_env.trim_blocks = True
    # JSON in pages (|tojson) as plain UTF-8 without spaces: "понеділок", not
    # "\u043f\u043e...". Every start page is read before `load`, so each byte counts.
    app.jinja_env.policies["json.dumps_kwargs"] = {
        "sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def page_context():
        """Give every template the language, direction, title, exit and numbers."""
        lang = g.get("lang") or app.config["DEFAULT_LANGUAGE"]
        return {
            # Read by guard.js before the first paint; kept off <html> so that
            # <meta charset> stays within the first 1,024 bytes.
            "page_data": {
                "disguises": _disguises(app, lang, asset),
                "modeStarts": {m: url_for("pages.young" if m == "j" else "pages.large",
                                          lang=lang, name="start") for m in ("j", "xl")},
            },
            "lang": lang,
            "rtl": is_rtl(lang),
            "site_title": app.config["SITE_TITLE"],
            "exit_url": app.config["EXIT_URL"],
            "emergency": [directory[s] for s in app.config["EMERGENCY_SERVICES"]],
            # Child mode: De Kindertelefoon right after 112, and still 0800-2000.
            "emergency_young": [directory[s] for s in ("112", "kindertelefoon", "veilig-thuis")],
            "mode": "",
        }


def _disguises(app: Flask, lang: str, asset) -> dict:
    """Describe each disguise for the page scripts: title, manifest, icon and decoy."""
    from .disguises import DISGUISES, display_name

    return {
        key: {
            "title": display_name(d, app.config["SITE_TITLE"]),
            "manifest": url_for("offline.manifest", lang=lang, key=key),
            "icon": asset(f"icons/{d.icon}-180.png"),
            "favicon": asset(f"icons/{d.icon if d.key != 'none' else 'favicon'}.svg"),
            "theme": d.theme,
            "start": url_for(d.endpoint, lang=lang),
        }
        for key, d in DISGUISES.items()
    }


def _add_headers(app: Flask) -> None:
    from .security import SecurityHeaders

    app.wsgi_app = SecurityHeaders(app.wsgi_app, app.config["EXIT_URL"])
    from .page_cache import PageCache

    cache = PageCache()
    app.extensions["page_cache"] = cache

    @app.before_request
    def from_cache():
        """Answer a page from the cache when it was rendered this minute."""
        if not app.config.get("PAGE_CACHE", True) or request.blueprint != "pages":
            return None
        key = cache.key()
        cached = cache.get(key) if key else None
        if cached is not None:
            return cached.make_conditional(request)
        return None

    @app.after_request
    def cache_and_compress(response):
        """Add an ETag (answering 304 when unchanged), compress, and keep pages for a minute."""
        if getattr(response, "from_cache", False) or response.status_code == 304:
            return response
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-cache")
        response = _compress(response)
        if (request.method in ("GET", "HEAD") and response.status_code == 200
                and not response.direct_passthrough and response.mimetype in COMPRESSIBLE):
            # Pages do not change between requests: let the browser ask "still the same?".
            response.add_etag(weak=True)
            if request.blueprint == "pages" and app.config.get("PAGE_CACHE", True):
                key = cache.key()
                if key:
                    cache.put(key, response)
            response.make_conditional(request)
        return response


def _compress(response):
    """Compress text responses with brotli or gzip when the browser accepts it."""
    if (response.direct_passthrough or response.status_code < 200 or response.status_code >= 300
            or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSIBLE):
        return response
    response.vary.add("Accept-Encoding")
    body = response.get_data()
    if len(body) < 256:
        return response
    encoding = chosen_encoding()
    if encoding:
        response.set_data(compressed(body, encoding))
        response.headers["Content-Encoding"] = encoding
    return response
