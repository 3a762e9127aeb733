"""Content pages: each page's structure written once, its text per language.

    server/content/<section>/<name>/page.html   the structure (a Jinja template)
    server/content/<section>/<name>/nl.toml     the Dutch text, by key: the source
    server/content/<section>/<name>/<lang>.toml the same keys in another language

The folder is the address: tips/me is /<lang>/tips/me/, j/ok is /<lang>/j/ok/ (child
mode), xl/signs is /<lang>/xl/signs/ (large text); decoy/recipes is the recipe book
inside the recipes disguise. Each translation says which Dutch text it follows
(`source = "<hash>"`, a hash of the Dutch file's texts). When the Dutch changes, the
translation still shows its own older text, and `flask translate check` and the
about page say it is behind. A key the translation lacks shows the Dutch text.

A broken file (bad TOML, an unknown phone number, a missing text the structure
needs, a link to a page that does not exist) raises ContentError: one line with
the file, the line and the problem. Being behind is not broken.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import click
from markupsafe import Markup, escape

from .config import ROOT_DIR

SOURCE_LANGUAGE = "nl"
STRUCTURE = "page.html"
# Folder under content/ -> (mode, endpoint, argument); decoy pages have no address of their own.
SECTIONS = {
    "tips": ("", "pages.tip", "slug"),
    "j": ("j", "pages.young", "name"),
    "xl": ("xl", "pages.large", "name"),
    "decoy": (None, None, None),
}
# Addresses other routes already answer.
RESERVED = {"j": {"plan"}, "xl": {"contact", "plan"}}
NAME = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Placeholders every text may use: the site's address and its (neutral) name.
SHARED_PLACEHOLDERS = frozenset({"host", "site"})
BOLD = re.compile(r"\*\*(.+?)\*\*")
# What looks like a phone number once the directory's own numbers are taken out.
PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ -]?|0)\d{1,4}[ -]?\d{2,}(?:[ -]\d{2,})*")
HASH_LENGTH = 8


class ContentError(click.ClickException):
    """A content file is broken; the message names the file, the line and the problem.

    A ClickException, so `flask ...` commands print it as one line, without a traceback.
    """

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path, self.line, self.problem = _shown(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")

    def __str__(self) -> str:
        return self.message


def _shown(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT_DIR))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Leaf:
    """One text, made safe HTML: escaped, **bold**, phone numbers kept left to right."""

    html: str
    placeholders: frozenset
    numbers: tuple
    fallback: bool = False

    def render(self, values: dict) -> Markup:
        """Return the text as HTML, with the shared placeholders filled in."""
        text = self.html
        if "{" in text:
            for name in SHARED_PLACEHOLDERS & self.placeholders:
                value = escape(values.get(name, ""))
                if name == "host":
                    value = Markup('<bdi dir="ltr">%s</bdi>') % value
                text = text.replace("{%s}" % name, value)
        return Markup(text)


def fill(text, **values) -> Markup:
    """Jinja filter: put components (hours, status) into a text's {placeholders}."""
    html = str(escape(text))
    for name, value in values.items():
        html = html.replace("{%s}" % name, str(escape(value)))
    return Markup(html)


def plain(text) -> str:
    """Jinja filter: a text without its markup, for an attribute."""
    return Markup(escape(text)).striptags()


class Texts:
    """One page's texts in one language, as the structure template reads them (`t.lead`)."""

    __slots__ = ("_tree", "_values")

    def __init__(self, tree: dict, values: dict):
        self._tree, self._values = tree, values

    def _wrap(self, value):
        if isinstance(value, Leaf):
            return value.render(self._values)
        if isinstance(value, dict):
            return Texts(value, self._values)
        if isinstance(value, list):
            return [self._wrap(item) for item in value]
        return value

    def __getitem__(self, key):
        return self._wrap(self._tree[key])

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._wrap(self._tree[key])
        except KeyError:
            raise AttributeError(key) from None

    def __contains__(self, key) -> bool:
        return key in self._tree


@dataclass
class Translation:
    """How one language's file of a page stands against the Dutch text."""

    lang: str
    path: Path
    exists: bool
    follows: str | None = None
    missing: list = field(default_factory=list)
    unknown: list = field(default_factory=list)
    differs: list = field(default_factory=list)

    def behind(self, source_hash: str) -> bool:
        """Return True when this translation does not follow the current Dutch text fully."""
        return (not self.exists or self.follows != source_hash or bool(self.missing)
                or bool(self.differs))

    def problems(self, source_hash: str) -> list[str]:
        """Describe, one line each, why this translation is behind or untidy."""
        where = _shown(self.path)
        if not self.exists:
            return [f"{where}: no translation yet; the page shows the Dutch text"]
        lines = []
        if self.follows is None:
            lines.append(f"{where}: records no Dutch version (source = \"...\")")
        elif self.follows != source_hash:
            lines.append(f"{where}: out of date: it follows Dutch text {self.follows}, "
                         f"the Dutch is now {source_hash}")
        if self.missing:
            lines.append(f"{where}: not translated yet, shows the Dutch: {', '.join(self.missing)}")
        for path, why in self.differs:
            lines.append(f"{where}: {path}: {why}; shows the Dutch")
        if self.unknown:
            lines.append(f"{where}: not in the Dutch text (a typo, or removed): "
                         f"{', '.join(self.unknown)}")
        return lines


@dataclass
class Page:
    """One content page: its folder, structure template, Dutch text and translations."""

    section: str
    name: str
    folder: Path
    dutch: dict
    source_hash: str
    texts: dict = field(default_factory=dict)
    translations: dict = field(default_factory=dict)
    unused: list = field(default_factory=list)
    # The services whose call or chat button the structure shows.
    calls: frozenset = frozenset()

    @property
    def key(self) -> str:
        """Return the page's name for people and commands, e.g. tips/me."""
        return f"{self.section}/{self.name}"

    @property
    def page_id(self) -> str:
        """Return the id the layout knows the page by: me, j-start, xl-signs, recipes."""
        return self.name if self.section in ("tips", "decoy") else f"{self.section}-{self.name}"

    @property
    def mode(self) -> str | None:
        """Return the page's mode: '' (standard), 'j' (child), 'xl' (large text)."""
        return SECTIONS[self.section][0]

    @property
    def template(self) -> str:
        """Return the Jinja name of the structure template."""
        return f"content/{self.section}/{self.name}/{STRUCTURE}"

    @property
    def address(self) -> tuple[str, dict] | None:
        """Return (endpoint, arguments) of the page, or None for a decoy part."""
        _, endpoint, argument = SECTIONS[self.section]
        return (endpoint, {argument: self.name}) if endpoint else None


class Content:
    """Every content page, checked, with its texts ready to render in every language."""

    def __init__(self, pages: dict[str, Page], languages: tuple):
        self.pages, self.languages = pages, languages

    def page(self, section: str, name: str) -> Page | None:
        """Return the page in a folder, or None."""
        return self.pages.get(f"{section}/{name}")

    def addresses(self) -> list[tuple[str, dict]]:
        """List (endpoint, arguments) of every page with an address, start pages first."""
        order = list(SECTIONS)
        pages = sorted((p for p in self.pages.values() if p.address),
                       key=lambda p: (order.index(p.section), p.name != "start", p.name))
        return [p.address for p in pages]

    def texts(self, page: Page, lang: str, host: str = "", site: str = "") -> Texts:
        """Return the texts of a page in a language, Dutch where the translation has none."""
        tree = page.texts.get(lang) or page.texts[SOURCE_LANGUAGE]
        return Texts(tree, {"host": host, "site": site})

    def behind(self, lang: str) -> list[Page]:
        """Return the pages with an address whose translation into `lang` is behind the Dutch."""
        if lang == SOURCE_LANGUAGE:
            return []
        return [p for p in self.pages.values()
                if p.address and p.translations[lang].behind(p.source_hash)]

    def problems(self) -> dict[str, list[str]]:
        """Return, page by page, every translation that is behind and every untidy text."""
        found = {}
        for key in sorted(self.pages):
            page = self.pages[key]
            lines = [f"{_shown(page.folder / 'nl.toml')}: {path}: not used by {STRUCTURE}"
                     for path in page.unused]
            for lang in self.languages:
                if lang != SOURCE_LANGUAGE:
                    lines += page.translations[lang].problems(page.source_hash)
            if lines:
                found[key] = lines
        return found


def names_in(content_dir: Path | str, section: str) -> list[str]:
    """List the page folders of one section without checking them (for tests and tools)."""
    folder = Path(content_dir) / section
    return sorted(p.name for p in folder.iterdir() if (p / STRUCTURE).is_file())


def source_hash(data: dict) -> str:
    """Return the short hash of a Dutch text file's texts (not its comments or layout)."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def read_toml(path: Path) -> tuple[dict, str]:
    """Read a text file; raise ContentError with the line when it is not valid TOML."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ContentError(path, None, f"cannot be read ({err})") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        match = re.search(r"\(at line (\d+), column \d+\)$", message)
        line = int(match.group(1)) if match else None
        problem = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", message)
        raise ContentError(path, line, f"not valid TOML: {problem}") from None


class _Lines:
    """Find the line of a key (or of a text under it) in a TOML file, for error messages."""

    HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
    ASSIGN = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.keys: dict[str, int] = {}
        prefix, counts = "", {}
        for number, line in enumerate(self.lines, 1):
            header = self.HEADER.match(line)
            if header:
                name = header.group(2)
                if header.group(1) == "[[":
                    counts[name] = counts.get(name, -1) + 1
                    name = f"{name}[{counts[name]}]"
                prefix = name + "."
                self.keys.setdefault(name, number)
                continue
            assign = self.ASSIGN.match(line)
            if assign:
                self.keys.setdefault(prefix + assign.group(1), number)

    def of(self, path: str, needle: str | None = None) -> int | None:
        """Return the line of `needle` at or after the key `path`, else the key's line."""
        base = re.sub(r"\[\d+\]$", "", path)
        start = self.keys.get(path) or self.keys.get(base)
        while start is None and "." in base:
            base = base.rsplit(".", 1)[0]
            start = self.keys.get(base)
        if needle:
            for number in range(start or 1, len(self.lines) + 1):
                if needle in self.lines[number - 1]:
                    return number
        return start


class _Compiler:
    """Turn the raw texts of one file into Leaf trees, refusing what is broken."""

    def __init__(self, path: Path, text: str, numbers: list[str]):
        self.path, self.lines = path, _Lines(text)
        # Longest first, so 0800-0113 is found before 113.
        self.numbers = sorted(numbers, key=len, reverse=True)
        self.number_pattern = re.compile(
            r"(?<![\w+-])(" + "|".join(re.escape(n) for n in self.numbers) + r")(?![\w-])"
        ) if numbers else None

    def fail(self, path: str, problem: str, needle: str | None = None):
        raise ContentError(self.path, self.lines.of(path, needle), f"{path}: {problem}")

    def tree(self, data, path: str = ""):
        """Compile a table: keys are names, values texts, lists of texts, or tables."""
        out = {}
        for key, value in data.items():
            where = f"{path}.{key}" if path else key
            if not KEY.match(key):
                self.fail(where, "a key is lowercase letters, digits and _ (like first_steps)")
            out[key] = self.value(value, where)
        return out

    def value(self, value, path: str):
        """Compile one value: a text, a list of texts or tables, or a table."""
        if isinstance(value, str):
            return self.leaf(value, path)
        if isinstance(value, dict):
            return self.tree(value, path)
        if isinstance(value, list):
            kinds = {type(item) for item in value}
            if not value or len(kinds) > 1 or not kinds <= {str, dict}:
                self.fail(path, "a list holds texts only, or tables only, and is not empty")
            return [self.value(item, f"{path}[{i}]") for i, item in enumerate(value)]
        self.fail(path, f"must be a text in quotes, not {type(value).__name__}")

    def leaf(self, text: str, path: str) -> Leaf:
        """Make one text safe HTML; refuse unknown numbers, stray braces and unpaired **."""
        if not text.strip():
            return Leaf("", frozenset(), ())
        snippet = text.strip()[:30]
        if text.count("**") % 2:
            self.fail(path, "** (bold) without its closing **", snippet)
        placeholders = frozenset(PLACEHOLDER.findall(text))
        if PLACEHOLDER.sub("", text).count("{") or PLACEHOLDER.sub("", text).count("}"):
            self.fail(path, "{ and } only go around a placeholder such as {host}", snippet)
        # Quotes need no escaping in element content; leaving them keeps pages small.
        html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        html = BOLD.sub(r"<strong>\1</strong>", html)
        found = tuple(self.number_pattern.findall(html)) if self.number_pattern else ()
        rest = self.number_pattern.sub(" ", html) if self.number_pattern else html
        for unknown in PHONE_LIKE.findall(rest):
            if sum(c.isdigit() for c in unknown) >= 7:
                self.fail(path, f"unknown phone number {unknown.strip()!r}: only numbers "
                          "in the help directory (services.toml) may appear, written the same way",
                          unknown.strip())
        if self.number_pattern:
            html = self.number_pattern.sub(r'<bdi dir="ltr">\1</bdi>', html)
        return Leaf(html, placeholders, tuple(sorted(found)))


def _leaf_paths(tree, path: str = "") -> list[str]:
    """List the paths of a compiled tree's texts, lists as [] (e.g. steps[].text)."""
    if isinstance(tree, Leaf):
        return [path]
    if isinstance(tree, dict):
        return [p for key, value in tree.items()
                for p in _leaf_paths(value, f"{path}.{key}" if path else key)]
    paths = []
    for item in tree:
        for p in _leaf_paths(item, f"{path}[]"):
            if p not in paths:
                paths.append(p)
    return paths


def _as_fallback(tree):
    """Mark Dutch texts shown on another language's page, so readers hear them as Dutch."""
    if isinstance(tree, Leaf):
        if not tree.html:
            return tree
        html = f'<span lang="{SOURCE_LANGUAGE}" dir="ltr">{tree.html}</span>'
        return Leaf(html, tree.placeholders, tree.numbers, fallback=True)
    if isinstance(tree, dict):
        return {key: _as_fallback(value) for key, value in tree.items()}
    return [_as_fallback(item) for item in tree]


def _shape(value) -> str:
    if isinstance(value, Leaf):
        return "text"
    if isinstance(value, dict):
        return "table"
    return "list of tables" if value and isinstance(value[0], dict) else "list of texts"


def merge(dutch, own, status: Translation, path: str = ""):
    """Return the tree a language shows: its own texts, the Dutch where it has none."""
    empty = isinstance(own, Leaf) and isinstance(dutch, Leaf) and not own.html and dutch.html
    if own is None or empty:
        status.missing.append(path)
        return _as_fallback(dutch)
    if _shape(own) != _shape(dutch):
        status.differs.append((path, f"is a {_shape(own)}, the Dutch is a {_shape(dutch)}"))
        return _as_fallback(dutch)
    if isinstance(dutch, Leaf):
        if own.placeholders != dutch.placeholders:
            status.differs.append((path, "has other {placeholders} than the Dutch"))
            return _as_fallback(dutch)
        if own.numbers != dutch.numbers:
            status.differs.append((path, "has other phone numbers than the Dutch "
                                         f"({', '.join(own.numbers) or 'none'})"))
            return _as_fallback(dutch)
        return own
    if isinstance(dutch, dict):
        for key in own:
            if key not in dutch:
                status.unknown.append(f"{path}.{key}" if path else key)
        return {key: merge(value, own.get(key), status, f"{path}.{key}" if path else key)
                for key, value in dutch.items()}
    if len(own) != len(dutch):
        status.differs.append((path, f"has {len(own)} items, the Dutch has {len(dutch)}: "
                                     "it shows its own, older list"))
        # Behind, but not broken: the older list still reads as a whole.
        return own
    return [merge(d, o, status, f"{path}[{i}]") for i, (d, o) in enumerate(zip(dutch, own))]


def _translation(page: Page, lang: str, numbers: list[str]) -> Translation:
    path = page.folder / f"{lang}.toml"
    status = Translation(lang, path, path.is_file())
    if not status.exists:
        status.missing.append("(all)")
        page.texts[lang] = _as_fallback(page.texts[SOURCE_LANGUAGE])
        return status
    data, text = read_toml(path)
    follows = data.pop("source", None)
    if follows is not None and not (isinstance(follows, str)
                                    and re.fullmatch(r"[0-9a-f]{%d}" % HASH_LENGTH, follows)):
        raise ContentError(path, _Lines(text).of("source"),
                           f'source must be the {HASH_LENGTH}-character hash of the Dutch text '
                           f'(flask translate done {page.key} {lang} writes it)')
    status.follows = follows
    own = _Compiler(path, text, numbers).tree(data)
    page.texts[lang] = merge(page.texts[SOURCE_LANGUAGE], own, status)
    return status


def _read_page(folder: Path, section: str, languages, numbers: list[str]) -> Page:
    name = folder.name
    if not NAME.match(name):
        raise ContentError(folder, None, "a page folder is named with lowercase letters, "
                                         "digits and - (it is the page's address)")
    if name in RESERVED.get(section, ()):
        raise ContentError(folder, None, f"/{section}/{name}/ is already the address of "
                                         "another page")
    for required in (STRUCTURE, f"{SOURCE_LANGUAGE}.toml"):
        if not (folder / required).is_file():
            raise ContentError(folder / required, None, "missing: every page needs its structure "
                                                        "(page.html) and its Dutch text (nl.toml)")
    for path in folder.iterdir():
        if path.suffix == ".toml" and path.stem not in languages:
            raise ContentError(path, None, f"{path.stem!r} is not a language of this app "
                                           f"({', '.join(languages)})")
    path = folder / f"{SOURCE_LANGUAGE}.toml"
    data, text = read_toml(path)
    if "source" in data:
        raise ContentError(path, _Lines(text).of("source"),
                           "the Dutch text is the source: it has no `source` line")
    if SECTIONS[section][1] and "title" not in data:
        raise ContentError(path, 1, "a page needs a title (the heading at the top)")
    page = Page(section, name, folder, data, source_hash(data))
    page.texts[SOURCE_LANGUAGE] = _Compiler(path, text, numbers).tree(data)
    for lang in languages:
        if lang != SOURCE_LANGUAGE:
            page.translations[lang] = _translation(page, lang, numbers)
    return page


def _stamp(content_dir: Path) -> tuple:
    files = sorted(p for p in content_dir.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


_LOADED: dict[tuple, Content] = {}


def load_content(content_dir: Path | str, languages, directory, templates_dir=None) -> Content:
    """Read and check every content page; raise ContentError naming what is broken.

    The result is kept for as long as no file changes, so making many apps (the
    tests do) reads the files once.
    """
    from .config import PACKAGE_DIR
    from .content_structure import check_structure, macro_names

    content_dir = Path(content_dir)
    templates_dir = Path(templates_dir or PACKAGE_DIR / "templates")
    if not content_dir.is_dir():
        raise ContentError(content_dir, None, "the content folder does not exist")
    numbers = [p.number for s in directory.every for p in s.phones]
    services = tuple((s.id, bool(s.phones), bool(s.chat), s.listed) for s in directory.every)
    key = (str(content_dir.resolve()), tuple(languages), tuple(numbers), services,
           _stamp(content_dir), _stamp(templates_dir))
    if key in _LOADED:
        return _LOADED[key]
    pages = {}
    for section_dir in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if section_dir.name not in SECTIONS:
            raise ContentError(section_dir, None, f"unknown section; pages go in "
                                                  f"{', '.join(s + '/' for s in SECTIONS)}")
        for folder in sorted(p for p in section_dir.iterdir() if p.is_dir()):
            page = _read_page(folder, section_dir.name, languages, numbers)
            pages[page.key] = page
    for section in ("j", "xl"):
        if f"{section}/start" not in pages:
            raise ContentError(content_dir / section / "start", None,
                               f"/{section}/ needs a start page")
    content = Content(pages, tuple(languages))
    known_links = {_link_key(endpoint, args) for endpoint, args in _all_links(content)}
    macros = macro_names(templates_dir / "macros.html")
    for page in pages.values():
        used = check_structure(page, known_links, directory, macros, templates_dir)
        page.unused = [p for p in _leaf_paths(page.texts[SOURCE_LANGUAGE])
                       if not any(p == u or p.startswith(u + ".") or p.startswith(u + "[")
                                  for u in used)]
        _check_unlisted_numbers(page, directory)
    if len(_LOADED) > 8:
        _LOADED.clear()
    _LOADED[key] = content
    return content


def _numbered_leaves(tree, path: str = ""):
    """Yield (path, leaf) for every text that names a phone number."""
    if isinstance(tree, Leaf):
        if tree.numbers:
            yield path, tree
    elif isinstance(tree, dict):
        for key, value in tree.items():
            yield from _numbered_leaves(value, f"{path}.{key}" if path else key)
    else:
        for i, item in enumerate(tree):
            yield from _numbered_leaves(item, f"{path}[{i}]")


def _check_unlisted_numbers(page: Page, directory) -> None:
    """Refuse the number of an unlisted service on a page without that service's button.

    Such a number belongs to one page only (the Foreign Affairs line on tips/abroad);
    a copy-paste into another page's text stops the start instead of reaching readers.
    """
    owners = {p.number: s.id for s in directory.unlisted for p in s.phones}
    if not owners:
        return
    for lang in (SOURCE_LANGUAGE, *page.translations):
        status = page.translations.get(lang)
        if status is not None and not status.exists:
            continue
        path = page.folder / f"{lang}.toml"
        for where, leaf in _numbered_leaves(page.texts[lang]):
            for number in leaf.numbers:
                owner = owners.get(number)
                if owner and owner not in page.calls and not leaf.fallback:
                    line = _Lines(path.read_text(encoding="utf-8")).of(where, number)
                    raise ContentError(path, line, f"{where}: {number!r} is the number of "
                                       f"{owner!r}, which is not in the directory: only a page "
                                       f"with its button ({{{{ call('{owner}') }}}}) may name it")


def _link_key(endpoint: str, args: dict) -> tuple:
    return endpoint, tuple(sorted(args.items()))


def _all_links(content: Content) -> list[tuple[str, dict]]:
    from .pages import page_links

    return page_links(content)
