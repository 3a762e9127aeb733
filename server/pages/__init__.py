"""Public pages, all under a language prefix: /nl/, /nl/contact/, /nl/tips/<slug>/, /nl/plan/.

Every page address ends in a slash, so a static export stores it as
`<address>/index.html`, which any static host or CDN serves without settings.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import refresh

from ..services import AUDIENCES

bp = Blueprint("pages", __name__)

# Guide pages (/tips/<slug>/), child mode (/j/<name>/) and large-text mode (/xl/<name>/)
# are content pages: their folders in server/content/ are their addresses
# (server/content_files.py). Nothing here lists them, except what each directory
# filter suggests reading next:
READ_ALSO = {
    None: ("tips/questions", "tips/topics"),
    "me": ("tips/qa-me", "tips/check-me", "tips/devices", "tips/diary", "tips/family",
           "tips/abroad"),
    "other": ("tips/qa-others", "tips/check-others", "tips/told"),
    "young": ("j/qa-young",),
    "older": ("xl/qa-older",),
    "after": ("tips/told", "tips/devices"),
    "self": ("tips/qa-self", "tips/stories"),
}


@bp.url_value_preprocessor
def pick_language(endpoint, values):
    """Take the language from the URL; an unknown one is a 404."""
    lang = values.pop("lang", None)
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    g.lang = lang
    # Flask-Babel keeps the chosen language in `g`. When pages are rendered one after
    # another in one app context (as `flask freeze` does), the old one must go.
    refresh()


@bp.url_defaults
def keep_language(endpoint, values):
    """Fill in the current language when a link is built without one."""
    values.setdefault("lang", g.get("lang") or current_app.config["DEFAULT_LANGUAGE"])


@bp.get("/")
def start():
    """Show the start page: danger now, Veilig Thuis, and where to go next."""
    return render_template("start.html", page="start")


@bp.get("/contact/", defaults={"audience": None})
@bp.get("/contact/<audience>/")
def contact(audience):
    """Show the help directory, filtered by audience when one is given (/nl/contact/me/)."""
    old_style = request.args.get("voor")
    if old_style is not None:
        # Older links used ?voor=; send them to the address of the filter.
        known = old_style if old_style in AUDIENCES else None
        return redirect(url_for("pages.contact", audience=known))
    if audience is not None and audience not in AUDIENCES:
        return redirect(url_for("pages.contact"))
    directory = current_app.extensions["directory"]
    return render_template(
        "contact.html", page="contact", audience=audience,
        services=directory.for_audience(audience), audiences=AUDIENCES,
        read_also=_read_also(audience),
    )


def _read_also(audience: str | None) -> list[dict]:
    """Link the pages that fit a directory filter, each by its own title in this language."""
    content = current_app.extensions["content"]
    links = []
    for key in READ_ALSO.get(audience, ()):
        page = content.pages.get(key)
        if page is not None:
            endpoint, args = page.address
            links.append({"url": url_for(endpoint, **args),
                          "title": content.texts(page, g.lang).title})
    return links


def _content_page(section: str, name: str, **context):
    """Render a content page: its structure with its texts in the current language."""
    content = current_app.extensions["content"]
    page = content.page(section, name)
    if page is None:
        abort(404)
    texts = content.texts(page, g.lang, host=request.host, site=current_app.config["SITE_TITLE"])
    if page.mode:
        context["mode"] = page.mode
    return render_template(page.template, page=page.page_id, t=texts, **context)


@bp.get("/tips/<slug>/")
def tip(slug):
    """Show one guide page in the current language."""
    return _content_page("tips", slug)


@bp.get("/plan/")
def plan():
    """Show the safety plan page: the checklist, locked on this phone by the person's code."""
    from ..plan import PLAN_NUMBERS, SECTIONS

    return render_template("plan.html", page="plan", sections=SECTIONS, numbers=PLAN_NUMBERS)


@bp.get("/j/", defaults={"name": "start"})
@bp.get("/j/<name>/")
def young(name):
    """Show a page of child mode: short words, big buttons, De Kindertelefoon first."""
    return _content_page("j", name)


@bp.get("/j/plan/")
def young_plan():
    """Show the simple safety plan of child mode."""
    from ..plan import CHILD_NUMBERS, CHILD_SECTIONS

    return render_template("plan.html", page="j-plan", mode="j", sections=CHILD_SECTIONS,
                           numbers=CHILD_NUMBERS, slot="j")


@bp.get("/xl/", defaults={"name": "start"})
@bp.get("/xl/<name>/")
def large(name):
    """Show a page of large-text mode: big type, high contrast, few choices."""
    return _content_page("xl", name)


@bp.get("/xl/contact/")
def large_contact():
    """Show the services for older people, one per row, in large text."""
    directory = current_app.extensions["directory"]
    return render_template("contact.html", page="xl-contact", mode="xl", audience="older",
                           services=directory.for_audience("older"), audiences=AUDIENCES,
                           read_also=_read_also("older"))


@bp.get("/xl/plan/")
def large_plan():
    """Show the safety plan in large text."""
    from ..plan import PLAN_NUMBERS, SECTIONS

    return render_template("plan.html", page="xl-plan", mode="xl", sections=SECTIONS,
                           numbers=PLAN_NUMBERS)


@bp.get("/about/")
def about():
    """Say what this app is, where its facts come from, and how far each translation is checked."""
    from ..i18n import review_status

    content = current_app.extensions["content"]
    behind = [{"title": content.texts(p, g.lang).title,
               "url": url_for(p.address[0], **p.address[1]),
               "dutch": url_for(p.address[0], **p.address[1], lang="nl")}
              for p in content.behind(g.lang)]
    return render_template("about.html", page="about", reviews=review_status(), behind=behind)


@bp.get("/install/")
def install():
    """Let the person pick a disguise and a secret code before installing."""
    from ..disguises import DISGUISES

    return render_template("install.html", page="install", disguises=DISGUISES)


@bp.get("/calc/")
def calc():
    """Show the calculator decoy: it really calculates."""
    from babel.numbers import get_decimal_symbol
    from flask_babel import get_locale

    from ..disguises import DISGUISES

    return render_template("decoy/calc.html", page="calc", disguise="calc",
                           disguises_all=DISGUISES, decimal=get_decimal_symbol(get_locale()))


@bp.get("/recipes/")
def recipes():
    """Show the recipes decoy: it really shows recipes."""
    from ..disguises import DISGUISES

    content = current_app.extensions["content"]
    book = content.page("decoy", "recipes")
    return render_template("decoy/recipes.html", page="recipes", disguise="recipes",
                           disguises_all=DISGUISES, book=book.template,
                           t=content.texts(book, g.lang))


def page_links(content) -> list[tuple[str, dict]]:
    """List every public page of one language as (endpoint, arguments), content pages included."""
    links = [("pages.start", {}), ("pages.contact", {})]
    links += [("pages.contact", {"audience": key}) for key in AUDIENCES]
    links += [link for link in content.addresses() if link[0] == "pages.tip"]
    links += [("pages.plan", {}), ("pages.clear", {}), ("pages.install", {}), ("pages.about", {}),
              ("pages.calc", {}), ("pages.recipes", {})]
    links += [link for link in content.addresses() if link[0] == "pages.young"]
    links += [("pages.young_plan", {})]
    links += [link for link in content.addresses() if link[0] == "pages.large"]
    links += [("pages.large_contact", {}), ("pages.large_plan", {})]
    return links


@bp.get("/clear/")
def clear():
    """Show what "erase everything" does, with the confirmation button."""
    from ..privacy import EraseForm

    return render_template("clear.html", page="clear", form=EraseForm())
