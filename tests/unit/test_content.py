"""Content pages: structure once, text per language, stale caught, bad files refused."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from server import create_app
from server.config import Config
from server.content_files import ContentError, names_in
from server.offline import page_urls, precache_plan
from tests.visible_text import visible_text

ROOT = Path(__file__).resolve().parents[2]
CONTENT = Path(Config.CONTENT_DIR)
TRANSLATED = [lang for lang in Config.LANGUAGES if lang != "nl"]


@pytest.fixture
def content(tmp_path):
    """A private copy of server/content/ that a test may change."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def app_for(content_dir):
    return create_app({"TESTING": True, "PAGE_CACHE": False, "CONTENT_DIR": str(content_dir)})


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(content_dir) -> ContentError:
    with pytest.raises(ContentError) as info:
        app_for(content_dir)
    return info.value


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


# Every page is found from its folder.

def test_every_folder_is_a_page_in_every_language(app):
    urls = set(page_urls(app, "nl"))
    for name in names_in(CONTENT, "tips"):
        assert f"/nl/tips/{name}/" in urls
    assert {"/nl/j/", "/nl/j/ok/", "/nl/j/friend/", "/nl/xl/", "/nl/xl/signs/"} <= urls
    # The decoy's recipe book is part of /recipes/, not a page of its own.
    assert not any("/decoy/" in url for url in urls)


def test_a_new_page_is_served_stored_offline_and_exported_without_other_changes(content):
    new = content / "tips" / "plain"
    new.mkdir()
    (new / "page.html").write_text(
        '{% extends "guide.html" %}\n{% from "macros.html" import call %}\n{% block guide %}\n'
        '<h1>{{ t.title }}</h1>\n{% for text in t.text %}\n<p>{{ text }}</p>\n{% endfor %}\n'
        '<div class="actions">{{ call(\'veilig-thuis\') }}</div>\n'
        '<p><a href="{{ url_for(\'pages.tip\', slug=\'me\') }}">{{ t.more }}</a></p>\n'
        '{% endblock %}\n', encoding="utf-8")
    (new / "nl.toml").write_text('title = "Nieuw"\ntext = ["Bel **gratis** 0800-2000."]\n'
                                 'more = "Lees meer"\n', encoding="utf-8")
    app = app_for(content)
    client = app.test_client()
    page = client.get("/nl/tips/plain/").get_data(as_text=True)
    assert '<p>Bel <strong>gratis</strong> <bdi dir="ltr">0800-2000</bdi>.</p>' in page
    for lang in Config.LANGUAGES:
        assert f"/{lang}/tips/plain/" in precache_plan(app)["sets"][lang]
    # No translation yet: Arabic readers get the Dutch, marked as Dutch, and are told.
    arabic = client.get("/ar/tips/plain/").get_data(as_text=True)
    assert '<h1><span lang="nl" dir="ltr">Nieuw</span></h1>' in arabic
    about = client.get("/ar/about/").get_data(as_text=True)
    assert 'href="/ar/tips/plain/"' in about and 'href="/nl/tips/plain/"' in about
    from server.export import export_urls

    assert "/pl/tips/plain/" in export_urls(app)


def test_a_changed_text_gives_the_offline_copy_a_new_version(content):
    before = precache_plan(app_for(content))["version"]
    assert precache_plan(app_for(content))["version"] == before
    edit(content / "j" / "ok" / "en.toml", "Is this OK?", "Is this okay?")
    assert precache_plan(app_for(content))["version"] != before


# A changed Dutch text is caught in every language, and nothing breaks.

def test_a_changed_dutch_text_is_caught_for_every_language(content):
    edit(content / "tips" / "me" / "nl.toml", 'lead = "Doet iemand', 'lead = "Slaat of doet iemand')
    app = app_for(content)
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code != 0
    for lang in TRANSLATED:
        assert re.search(rf"tips/me/{lang}\.toml: out of date: it follows Dutch text "
                         rf"[0-9a-f]{{8}}, the Dutch is now [0-9a-f]{{8}}", result.output), lang
    # Only the changed page: a page whose Dutch stayed the same is not reported.
    assert "tips/browser" not in result.output
    client = app.test_client()
    for lang in TRANSLATED:
        about = client.get(f"/{lang}/about/").get_data(as_text=True)
        listed = re.search(r'<ul class="behind">(.*?)</ul>', about, re.DOTALL).group(1)
        behind = re.findall(r'<li><a href="([^"]+)"', listed)
        assert f"/{lang}/tips/me/" in behind and f"/{lang}/tips/browser/" not in behind, lang
    # The translation still shows, with its older text.
    english = client.get("/en/tips/me/").get_data(as_text=True)
    assert "Is someone at home, or close to you, hurting you?" in english
    assert "Slaat of doet iemand" not in english


def test_the_about_page_says_when_every_page_is_up_to_date(client):
    # English follows every Dutch page (other languages may be waiting for translators).
    about = client.get("/en/about/").get_data(as_text=True)
    assert 'class="behind"' not in about
    assert "Every page in this language follows the current Dutch text." in about


def test_a_missing_key_shows_the_dutch_and_counts_as_behind(content):
    path = content / "tips" / "after" / "pl.toml"
    edit(path, "\nlead = ", "\nold_lead = ")
    app = app_for(content)
    page = app.test_client().get("/pl/tips/after/").get_data(as_text=True)
    assert ('<p class="lead"><span lang="nl" dir="ltr">Is er iets seksueels gebeurd dat je '
            'niet wilde?') in page
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code != 0
    assert "tips/after/pl.toml: not translated yet, shows the Dutch: lead" in result.output
    assert ("tips/after/pl.toml: not in the Dutch text (a typo, or removed): old_lead"
            in result.output)
    # It cannot be marked done until the text is there.
    done = app.test_cli_runner().invoke(args=["translate", "done", "tips/after", "pl"])
    assert done.exit_code != 0 and "translate these first" in done.output


def test_a_translation_with_other_numbers_shows_the_dutch(content):
    path = content / "tips" / "call" / "uk.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("0800-2000", "0800-0188", 1), encoding="utf-8")
    app = app_for(content)
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert "has other phone numbers than the Dutch (0800-0188); shows the Dutch" in result.output
    page = app.test_client().get("/uk/tips/call/").get_data(as_text=True)
    assert "0800-0188" not in page.split('<main id="main"')[1].split("csg")[0]


def test_comments_and_layout_of_the_dutch_file_do_not_count_as_a_change(content):
    path = content / "tips" / "browser" / "nl.toml"
    path.write_text("# A note for the next writer.\n\n" + path.read_text(encoding="utf-8")
                    .replace(" = [", " =   ["), encoding="utf-8")
    result = app_for(content).test_cli_runner().invoke(args=["translate", "check"])
    # Other pages may wait for translators; this one is not reported.
    assert "tips/browser" not in result.output, result.output


def test_a_dutch_text_the_structure_never_shows_is_reported(content):
    with open(content / "tips" / "me" / "nl.toml", "a", encoding="utf-8") as dutch:
        dutch.write('\n[forgotten]\ntext = ["Nergens getoond."]\n')
    result = app_for(content).test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code != 0
    assert "tips/me/nl.toml: forgotten.text[]: not used by page.html" in result.output


def test_done_records_the_dutch_version_and_check_passes_again(content):
    edit(content / "j" / "ok" / "nl.toml", "Dit is nooit oké", "Dit is echt nooit oké")
    app = app_for(content)
    runner = app.test_cli_runner()
    assert "j/ok/ar.toml: out of date" in runner.invoke(args=["translate", "check"]).output
    for lang in TRANSLATED:
        result = runner.invoke(args=["translate", "done", "j/ok", lang])
        assert result.exit_code == 0, result.output
    text = (content / "j" / "ok" / "ar.toml").read_text(encoding="utf-8")
    new_hash = app.extensions["content"].pages["j/ok"].source_hash
    assert f'source = "{new_hash}"' in text
    again = app_for(content).test_cli_runner().invoke(args=["translate", "check"])
    # Other pages may wait for translators; this one passes again.
    assert "j/ok" not in again.output, again.output


def test_diff_shows_what_changed_since_the_translation(app, monkeypatch):
    import server.content_tools as tools

    page = app.extensions["content"].pages["tips/me"]
    status = page.translations["en"]
    older = {**page.dutch, "lead": "Een oudere zin."}
    monkeypatch.setattr(tools, "dutch_text_with_hash", lambda path, wanted: ("abc123def0", older))
    monkeypatch.setattr(status, "follows", "00000000")
    lines = "\n".join(tools.dutch_changes(page, status))
    assert "changed: lead" in lines
    assert "Dutch then: Een oudere zin." in lines
    assert "Dutch now:  Doet iemand thuis" in lines
    assert "en now:     Is someone at home, or close to you" in lines
    assert "fault.heading" not in lines and lines.count("changed:") == 1


# Bad content stops the start with one line: file, line, problem.

@pytest.mark.parametrize(("file", "old", "new", "needle", "problem"), [
    pytest.param("tips/me/nl.toml", 'title = "Het gebeurt bij mij"', 'title = "Het gebeurt',
                 'title = "Het gebeurt', "not valid TOML", id="broken-toml"),
    pytest.param("tips/me/ar.toml", "[fault]", "[fault", "[fault", "not valid TOML",
                 id="broken-toml-in-a-translation"),
    pytest.param("tips/me/nl.toml", "Thuis op 0800-2000", "Thuis op 0800-2001", "0800-2001",
                 "unknown phone number '0800-2001'", id="unknown-phone-number"),
    pytest.param("tips/call/tr.toml", "0800-2000", "0800 2000", "0800 2000",
                 "unknown phone number '0800 2000'", id="number-written-differently"),
    pytest.param("tips/me/nl.toml", "Dan is dat niet", "Dan is dat **niet", "**niet",
                 "** (bold) without its closing **", id="unpaired-bold"),
    pytest.param("j/ok/en.toml", "Is this OK?", "Is this OK}?", "OK}",
                 "{ and } only go around a placeholder", id="stray-brace"),
    pytest.param("tips/me/nl.toml", "\nlead = ", "\nLead = ", "Lead =",
                 "a key is lowercase letters", id="bad-key"),
    pytest.param("tips/me/en.toml", 'source = "', 'source = "zz', "source =",
                 "source must be the 8-character hash", id="broken-source-hash"),
])
def test_a_broken_text_file_is_refused_with_its_line(content, file, old, new, needle, problem):
    path = content / file
    edit(path, old, new)
    error = refused(content)
    assert str(error).startswith(f"{path}:{line_of(path, needle)}: ")
    assert problem in str(error)


@pytest.mark.parametrize(("old", "new", "needle", "problem"), [
    pytest.param("{{ t.title }}", "{{ t.title }", "{{ t.title }", "template syntax",
                 id="syntax-error"),
    pytest.param("import call, chat", "import call, chat, sms", "import call",
                 "unknown component 'sms'", id="unknown-macro"),
    pytest.param("{{ chat('veilig-thuis') }}</div>",
                 "{{ chat('veilig-thuis') }} {{ sms('x') }}</div>", "sms(",
                 "unknown component 'sms'", id="unknown-call"),
    pytest.param("{{ t.lead }}", "{{ t.lead|shout }}", "shout", "unknown filter 'shout'",
                 id="unknown-filter"),
    pytest.param("{{ t.lead }}", "{{ t.introduction }}", "introduction",
                 "the Dutch text (nl.toml) has no 'introduction'", id="missing-text"),
    pytest.param("paragraphs(t.fault.text)", "paragraphs(t.fault.texts)",
                 "t.fault.texts", "has no 'fault.texts'", id="missing-section"),
    pytest.param("paragraphs(t.fault.text)", "paragraphs(t.fault.heading)",
                 "t.fault.heading)", "paragraphs() needs a list of texts", id="text-for-a-list"),
    pytest.param("slug='call'", "slug='cal'", "slug='cal'",
                 "link to a page that does not exist: pages.tip(slug='cal')", id="broken-link"),
    pytest.param("url_for('pages.plan')", "url_for('pages.plans')", "pages.plans",
                 "link to a page that does not exist: pages.plans()", id="unknown-endpoint"),
    pytest.param("{{ call('veilig-thuis') }}", "{{ call('veilig-huis') }}", "veilig-huis",
                 "unknown service 'veilig-huis'", id="unknown-service"),
    pytest.param("label=t.buttons.call_112", "label='Bel'", "label='Bel'",
                 "fixed text 'Bel' in call()", id="fixed-label"),
    pytest.param("<h2>{{ t.fault.heading }}</h2>", "<h2>Het ligt niet aan jou</h2>",
                 "Het ligt niet", "text in the structure ('Het ligt niet aan jou')",
                 id="prose-in-structure"),
])
def test_a_broken_structure_is_refused_with_its_line(content, old, new, needle, problem):
    path = content / "tips" / "me" / "page.html"
    edit(path, old, new)
    error = refused(content)
    assert str(error).startswith(f"{path}:{line_of(path, needle)}: "), str(error)
    assert problem in str(error)


def test_a_page_without_its_dutch_text_or_structure_is_refused(content):
    (content / "tips" / "call" / "nl.toml").unlink()
    assert "tips/call/nl.toml: missing" in str(refused(content))
    shutil.rmtree(content / "tips" / "call")
    (content / "tips" / "app" / "page.html").unlink()
    assert "tips/app/page.html: missing" in str(refused(content))


def test_a_page_without_a_title_is_refused(content):
    edit(content / "tips" / "me" / "nl.toml", "\ntitle = ", "\nheading = ")
    assert "a page needs a title" in str(refused(content))


def test_a_text_file_for_an_unknown_language_is_refused(content):
    shutil.copy(content / "tips" / "me" / "en.toml", content / "tips" / "me" / "de.toml")
    assert "'de' is not a language of this app" in str(refused(content))


def test_fill_must_give_what_the_text_asks(content):
    edit(content / "j" / "start" / "page.html", ", status=status(kt.phones[0].hours)", "")
    error = str(refused(content))
    assert "j/start/page.html:" in error and "fill() gives ['hours']" in error


# Text is escaped, numbers kept left to right, the address filled in.

def test_text_is_escaped_and_numbers_isolated(content):
    edit(content / "tips" / "me" / "nl.toml", "Elke kleine stap telt.",
         "Elke kleine stap telt. <script>alert(1)</script> & 112 en 0800-0113.")
    page = app_for(content).test_client().get("/nl/tips/me/").get_data(as_text=True)
    assert ("Elke kleine stap telt. &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
            '<bdi dir="ltr">112</bdi> en <bdi dir="ltr">0800-0113</bdi>.') in page


def test_the_sites_own_address_and_name_are_filled_in(client):
    page = client.get("/nl/tips/browser/", base_url="https://hulp.example.org/")
    text = " ".join(visible_text(page.get_data(as_text=True)))
    assert "met het adres hulp.example.org. De naam is Uitweg" in text
    assert "{host}" not in text and "{site}" not in text


# One line, no traceback, wherever the app starts.

def test_flask_and_gunicorn_refuse_bad_content_with_one_line(content):
    edit(content / "tips" / "me" / "nl.toml", "0800-2000", "0800-2020")
    env = {**os.environ, "CONTENT_DIR": str(content), "FLASK_APP": "server:create_app", "PORT": "0"}
    flask = subprocess.run([sys.executable, "-m", "flask", "translate", "check"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=60)
    assert flask.returncode != 0
    assert "Traceback" not in flask.stderr + flask.stdout
    assert re.fullmatch(
        r"Error: \S+tips/me/nl\.toml:\d+: \S+: unknown phone number '0800-2020'.*\n", flask.stderr)
    gunicorn = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "server:create_app()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert gunicorn.returncode != 0
    assert "Traceback" not in gunicorn.stderr + gunicorn.stdout
    assert "Uitweg cannot start: " in gunicorn.stderr
    assert "unknown phone number '0800-2020'" in gunicorn.stderr


def test_every_translation_follows_the_current_dutch(app):
    """The repository itself: `flask translate check` passes, so CI catches a drifted page."""
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output


def test_every_link_between_pages_leads_to_a_page(app, client):
    """Links in layouts and structures (start page, footer, guides) all reach a page."""
    lang = "nl"
    known = {url: 200 for language in Config.LANGUAGES for url in page_urls(app, language)}
    broken = {}
    for url in page_urls(app, lang):
        html = client.get(url).get_data(as_text=True)
        for href in re.findall(r'<a [^>]*href="(/[^"#]*)', html):
            if href not in known:
                known[href] = client.get(href).status_code
            if known[href] != 200:
                broken.setdefault(url, []).append(href)
    assert broken == {}


# A number that belongs to one page only (an unlisted service) stays on that page.

def test_the_foreign_affairs_number_is_refused_on_a_page_without_its_button(content):
    path = content / "tips" / "me" / "nl.toml"
    edit(path, "Leer het nummer 0800-2000 uit je hoofd.",
         "Leer het nummer +31 247 247 247 uit je hoofd.")
    error = refused(content)
    assert error.path.endswith("tips/me/nl.toml")
    assert error.line == line_of(path, "+31 247 247 247")
    assert "'+31 247 247 247' is the number of 'buitenlandse-zaken'" in error.problem
    assert "call('buitenlandse-zaken')" in error.problem


def test_a_translation_that_names_the_foreign_affairs_number_elsewhere_shows_the_dutch(content):
    edit(content / "tips" / "me" / "en.toml", "Learn the number 0800-2000 by heart.",
         "Learn the number +31 247 247 247 by heart.")
    page = app_for(content).test_client().get("/en/tips/me/").get_data(as_text=True)
    assert "247 247" not in page
    assert "Leer het nummer" in page  # that one text falls back to the Dutch
