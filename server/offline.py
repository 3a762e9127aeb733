"""Offline and install: the service worker script and one web app manifest per disguise."""

from __future__ import annotations

import contextvars
import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, g, request, url_for
from flask_babel import force_locale

from .assets import ICON_SIZES, minify_js
from .config import PACKAGE_DIR, ROOT_DIR
from .disguises import DISGUISES, display_name
from .i18n import is_rtl

bp = Blueprint("offline", __name__)

def page_urls(app, lang: str) -> list[str]:
    """Return the URL of every public page in one language."""
    from .pages import page_links

    # Built from the URL map alone: no request, so no Host header has to be trusted.
    adapter = app.url_map.bind("localhost")
    return [adapter.build(endpoint, {"lang": lang, **args})
            for endpoint, args in page_links(app.extensions["content"])]


def decoy_urls(app) -> list[str]:
    """Return the start page of every decoy in every language (what a disguised app opens to)."""
    adapter = app.url_map.bind("localhost")
    return [adapter.build(d.endpoint, {"lang": lang})
            for lang in app.config["LANGUAGES"] for d in DISGUISES.values() if d.key != "none"]


def manifest_urls(lang: str) -> list[str]:
    """Return the manifest URL of every disguise in one language."""
    return [f"/manifest/{lang}/{key}.webmanifest" for key in DISGUISES]


# Not kept offline: compressed twins, and the PNG app icons. The browser fetches
# those when the app is installed, which needs the network anyway; they would
# make up most of the offline copy.
NOT_PRECACHED = {".gz", ".br", ".png"}


def asset_urls(app) -> list[str]:
    """Return the URL of every built front-end file the offline copy needs."""
    root = Path(app.config["STATIC_DIR"]) / "build" / app.config["ASSET_VERSION"]
    return sorted(
        f"/static/build/{app.config['ASSET_VERSION']}/{p.relative_to(root).as_posix()}"
        for p in root.rglob("*")
        if p.is_file() and p.suffix not in NOT_PRECACHED
    )


def cache_version(app) -> str:
    """Hash everything a cached page is made from: code, templates, texts, data, settings."""
    digest = hashlib.sha256(app.config["ASSET_VERSION"].encode())
    sources = sorted(PACKAGE_DIR.rglob("*.py")) + sorted((PACKAGE_DIR / "templates").rglob("*"))
    sources += sorted(Path(app.config["CONTENT_DIR"]).rglob("*"))
    sources += sorted((ROOT_DIR / "translations").rglob("*.po"))
    sources += [Path(app.config["SERVICES_FILE"]), Path(app.config["PWA_DIR"]) / "sw" / "sw.js"]
    for path in sources:
        if path.is_file():
            digest.update(path.read_bytes())
    settings = {k: app.config[k] for k in ("SITE_TITLE", "EXIT_URL", "LANGUAGES",
                                           "DEFAULT_LANGUAGE", "UNLOCK_IDLE_SECONDS")}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def fixed_cache_version(app) -> str:
    """Return the cache version worked out when the app started, for its whole life.

    The service worker and the packs must name the same version; files changed
    on disk while the app runs must not make its packs disagree with it.
    """
    return app.extensions.setdefault("cache_version", cache_version(app))


def language_urls(app, lang: str) -> list[str]:
    """Return what the offline copy keeps of one language: its pages and manifests."""
    return page_urls(app, lang) + manifest_urls(lang)


def pack_url(lang: str) -> str:
    """Return the address of one language's pack: all its pages in one download."""
    return f"/pack/{lang}.json"


def precache_plan(app) -> dict:
    """Return what the service worker stores: the shared files and each language's pages."""
    return {
        "version": fixed_cache_version(app),
        "shell": asset_urls(app),
        "sets": {lang: language_urls(app, lang) for lang in app.config["LANGUAGES"]},
        "packs": {lang: pack_url(lang) for lang in app.config["LANGUAGES"]},
        "defaultSet": app.config["DEFAULT_LANGUAGE"],
        "networkOnly": ["/clear", "/sw.js", "/healthz"],
        "timeoutMs": app.config["NETWORK_TIMEOUT_MS"],
        "decoys": decoy_urls(app),
    }


def service_worker_source(app) -> str:
    """Put the precache plan in front of the service worker's code, without any comment."""
    code = (Path(app.config["PWA_DIR"]) / "sw" / "sw.js").read_text(encoding="utf-8")
    plan = json.dumps(precache_plan(app), separators=(",", ":"))
    return minify_js(f"const SETUP = {plan};\n{code}")


@bp.get("/sw.js")
def service_worker():
    """Serve the service worker for the whole site (scope /)."""
    source = current_app.extensions["sw_source"]
    response = Response(source, content_type="text/javascript; charset=utf-8")
    response.headers["Cache-Control"] = "no-cache"
    return response


# Headers that describe one transfer, not the page: the service worker's copy has none.
TRANSFER_HEADERS = {"content-length", "content-encoding", "vary", "etag", "date",
                    "connection", "transfer-encoding", "cache-control"}


def build_pack(app, lang: str, base_url: str) -> dict:
    """Render every page and manifest of one language as the service worker will store them.

    One download instead of one per page: compressed together, the layout that
    every page repeats costs its bytes once (the offline copy of a language goes
    from about 155 KB to about 40 KB). Each page is made by the app itself, with
    its own headers (the CSP among them), exactly as a direct request to
    `base_url` (the site's root, as the pack was asked for) would get it.
    """
    client = app.test_client()
    pages = {}
    for url in language_urls(app, lang):
        # A context of its own: `g` and the language of the request that asked for
        # the pack must not reach the pages.
        response = contextvars.Context().run(client.get, url, base_url=base_url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        pages[url] = {
            "headers": {k: v for k, v in response.headers.items()
                        if k.lower() not in TRANSFER_HEADERS},
            "body": response.get_data(as_text=True),
        }
    return {"version": fixed_cache_version(app), "pages": pages}


@bp.get("/pack/<lang>.json")
def pack(lang: str):
    """Serve one language's pages in one response, for the service worker's offline copy."""
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    body = json.dumps(build_pack(current_app._get_current_object(), lang, request.url_root),
                      ensure_ascii=False, separators=(",", ":"))
    response = Response(body, content_type="application/json; charset=utf-8")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest/<lang>/<key>.webmanifest")
def manifest(lang: str, key: str):
    """Serve the web app manifest of one disguise, in one language."""
    disguise = DISGUISES.get(key)
    if lang not in current_app.config["LANGUAGES"] or disguise is None:
        abort(404)
    g.lang = lang
    icons_base = f"build/{current_app.config['ASSET_VERSION']}/icons/{disguise.icon}"
    with force_locale(lang):
        name = display_name(disguise, current_app.config["SITE_TITLE"])
    data = {
        "name": name,
        "short_name": name,
        "lang": lang,
        "dir": "rtl" if is_rtl(lang) else "ltr",
        "start_url": url_for(disguise.endpoint, lang=lang),
        "scope": "/",
        "display": "standalone",
        "theme_color": disguise.theme,
        "background_color": disguise.background,
        "icons": [
            {"src": url_for("static", filename=f"{icons_base}-{suffix}.png"),
             "sizes": f"{px}x{px}", "type": "image/png",
             "purpose": "maskable" if maskable else "any"}
            for suffix, px, maskable in ICON_SIZES if px in (192, 512)
        ],
    }
    response = Response(json.dumps(data, ensure_ascii=False),
                        content_type="application/manifest+json; charset=utf-8")
    response.headers["Cache-Control"] = "no-cache"
    return response
