"""Check a content page's structure template before anyone reads it.

The structure (page.html) holds no prose: it places the texts of `t`, the call
and chat buttons of macros.html, and links to other pages. These checks run
when the app starts, so a typo is one clear line, never a 500 for a reader:
a syntax error, an unknown component or filter, a text the Dutch file lacks,
a link to a page that does not exist, an unknown service, or prose written in
the structure where no translator can reach it.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.defaults import DEFAULT_FILTERS

from .content_files import STRUCTURE, ContentError, Leaf

# Functions a structure may call besides the macros it imports from macros.html.
GLOBAL_CALLS = frozenset({"url_for", "_", "gettext", "ngettext", "describe_hours", "range"})
FILTERS = frozenset(DEFAULT_FILTERS) | {"fill", "plain", "checked_date", "language_list"}
# Keyword arguments that show text: they must come from `t`, never be written in.
TEXT_ARGUMENTS = frozenset({"label", "hint", "text"})
# Components that take a list of texts (a run of paragraphs, the items of a list).
LIST_COMPONENTS = frozenset({"paragraphs", "items"})
LETTERS = re.compile(r"[^\W\d_]")
TAG = re.compile(r"<[^>]*>|&[#\w]+;")

_ENV = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)


def macro_names(path: Path) -> set[str]:
    """Return the names of the macros in macros.html: the components a page may use."""
    return {node.name for node in _ENV.parse(path.read_text(encoding="utf-8"))
            .find_all(nodes.Macro)}


def _path_of(node, aliases: dict) -> str | None:
    """Return the text key a node reads (e.g. 'now.steps[].title'), or None."""
    if isinstance(node, nodes.Name):
        return aliases.get(node.name)
    if isinstance(node, nodes.Getattr):
        base = _path_of(node.node, aliases)
        return None if base is None else (f"{base}.{node.attr}" if base else node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _path_of(node.node, aliases)
        if base is None:
            return None
        if isinstance(node.arg.value, int):
            return f"{base}[]"
        return f"{base}.{node.arg.value}" if base else str(node.arg.value)
    return None


def _exists(tree, parts: list[str]) -> bool:
    """Return True when every branch of the Dutch tree has the key path."""
    if not parts:
        return True
    part, rest = parts[0], parts[1:]
    if part == "[]":
        return isinstance(tree, list) and all(_exists(item, rest) for item in tree)
    return isinstance(tree, dict) and part in tree and _exists(tree[part], rest)


def _leaves(tree):
    if isinstance(tree, Leaf):
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _leaves(value)
    elif isinstance(tree, list):
        for item in tree:
            yield from _leaves(item)


class _Checker:
    def __init__(self, page, known_links, directory, macros, templates_dir):
        self.page, self.known_links, self.directory = page, known_links, directory
        self.macros, self.templates_dir = macros, templates_dir
        self.path = page.folder / STRUCTURE
        self.dutch = page.texts["nl"]
        self.used: set[str] = set()
        self.filled: set[str] = set()
        self.unfilled: dict = {}
        self.aliases: dict = {"t": ""}
        self.callable: set[str] = set(GLOBAL_CALLS)
        self.calls: set[str] = set()

    def fail(self, node_or_line, problem: str):
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.lineno
        raise ContentError(self.path, line, problem)

    def run(self) -> set[str]:
        source = self.path.read_text(encoding="utf-8")
        try:
            tree = _ENV.parse(source, name=self.page.template, filename=str(self.path))
        except TemplateSyntaxError as err:
            self.fail(err.lineno, f"template syntax: {err.message}")
        self.check_layout(tree)
        for node in tree.find_all((nodes.Macro, nodes.Assign, nodes.For)):
            target = node.name if isinstance(node, nodes.Macro) else None
            targets = [target] if target else [n.name for n in node.find_all(nodes.Name)
                                               if n.ctx == "store"]
            self.callable.update(targets)
        for node in tree.find_all(nodes.Output):
            self.check_prose(node)
        for node in tree.find_all(nodes.Call):
            self.check_call(node)
        for node in tree.find_all(nodes.Filter):
            if node.name not in FILTERS:
                self.fail(node, f"unknown filter {node.name!r}")
        for node in tree.find_all(nodes.Getitem):
            if (isinstance(node.node, nodes.Name) and node.node.name == "directory"
                    and isinstance(node.arg, nodes.Const)):
                self.service(node, node.arg.value)
        self.walk(tree, {"t": ""})
        for path, node in sorted(self.unfilled.items()):
            for leaf in _leaves(self.lookup(path)):
                extra = leaf.placeholders - {"host", "site"}
                if extra:
                    self.fail(node, f"{path!r} has placeholders {sorted(extra)} in nl.toml "
                                    "that nothing fills: use |fill(...)")
        return self.used

    def check_prose(self, node):
        """Refuse words written in the structure: no translator would ever see them."""
        markup = "".join(child.data if isinstance(child, nodes.TemplateData) else "\0"
                         for child in node.nodes)
        bare = TAG.sub(lambda m: "<" + "\n" * m.group().count("\n"), markup)
        for match in re.finditer(r"[^<]+", bare):
            words = match.group().replace("\0", " ")
            letter = LETTERS.search(words)
            if letter:
                line = node.lineno + bare[:match.start() + letter.start()].count("\n")
                self.fail(line, f"text in the structure ({' '.join(words.split())[:40]!r}): "
                                "put it in nl.toml and write {{ t.<key> }} here")

    def check_layout(self, tree):
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.FromImport, nodes.Import)):
            name = getattr(node.template, "value", None)
            if not isinstance(name, str):
                self.fail(node, "name the layout or macros file in quotes")
            if not (self.templates_dir / name).is_file():
                self.fail(node, f"unknown template {name!r}")
            if isinstance(node, nodes.FromImport):
                for item in node.names:
                    imported, alias = item if isinstance(item, tuple) else (item, item)
                    if name == "macros.html" and imported not in self.macros:
                        self.fail(node, f"unknown component {imported!r}; macros.html has "
                                        f"{', '.join(sorted(self.macros))}")
                    self.callable.add(alias)
            elif isinstance(node, nodes.Import):
                self.callable.add(node.target)

    def service(self, node, service_id, need: str | None = None):
        try:
            service = self.directory[service_id]
        except (KeyError, TypeError):
            self.fail(node, f"unknown service {service_id!r}: not in the help directory")
        if need == "call" and not service.phones:
            self.fail(node, f"{service_id!r} has no phone number to call")
        if need == "chat" and not service.chat:
            self.fail(node, f"{service_id!r} has no chat")

    def check_call(self, node):
        if not isinstance(node.node, nodes.Name):
            return
        name = node.node.name
        if name not in self.callable:
            self.fail(node, f"unknown component {name!r}")
        for keyword in node.kwargs:
            if keyword.key in TEXT_ARGUMENTS and isinstance(keyword.value, nodes.Const):
                self.fail(node, f"fixed text {keyword.value.value!r} in {name}(): "
                                "take it from t, so it is translated")
        if name == "big_link" and len(node.args) > 1 and isinstance(node.args[1], nodes.Const):
            self.fail(node, f"fixed text {node.args[1].value!r} in big_link(): take it from t")
        if name in ("call", "chat"):
            if not node.args or not isinstance(node.args[0], nodes.Const):
                self.fail(node, f"{name}() needs the id of a service in quotes")
            self.service(node, node.args[0].value, need=name)
            self.calls.add(node.args[0].value)
        if name == "url_for":
            self.check_link(node)
        if name in LIST_COMPONENTS and node.args:
            path = _path_of(node.args[0], self.aliases)
            value = self.lookup(path) if path is not None else None
            # A missing key is reported by walk(), with its own message.
            if value is not None and not (isinstance(value, list)
                                         and all(isinstance(v, Leaf) for v in value)):
                self.fail(node, f"{name}() needs a list of texts; {path!r} in nl.toml is not one")

    def check_link(self, node):
        values = [node.args[0] if node.args else None] + [k.value for k in node.kwargs]
        if not all(isinstance(v, nodes.Const) for v in values) or node.dyn_args or node.dyn_kwargs:
            self.fail(node, "a link names its page with fixed values, e.g. "
                            "url_for('pages.tip', slug='call')")
        endpoint = node.args[0].value
        args = tuple(sorted((k.key, k.value.value) for k in node.kwargs))
        if (endpoint, args) not in self.known_links:
            shown = ", ".join(f"{k}={v!r}" for k, v in args)
            self.fail(node, f"link to a page that does not exist: {endpoint}({shown})")

    def walk(self, node, aliases: dict):
        """Record every text key the structure reads, following loops and `set`."""
        if isinstance(node, nodes.For):
            self.walk(node.iter, aliases)
            base = _path_of(node.iter, aliases)
            inner = dict(aliases)
            if base is not None and isinstance(node.target, nodes.Name):
                inner[node.target.name] = f"{base}[]"
            for child in node.body + node.else_:
                self.walk(child, inner)
            return
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            base = _path_of(node.node, aliases)
            if base is not None:
                aliases[node.target.name] = base
        if isinstance(node, nodes.Filter) and node.name == "fill":
            base = _path_of(node.node, aliases)
            if base is not None:
                self.check_fill(node, base, {k.key for k in node.kwargs})
                self.filled.add(base)
        if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Name)):
            base = _path_of(node, aliases)
            if base is not None:
                self.use(node, base)
                return
        for child in node.iter_child_nodes():
            self.walk(child, aliases)

    def use(self, node, path: str):
        parts = [p for p in re.split(r"\.|(\[\])", path) if p]
        if path and not _exists(self.dutch, parts):
            self.fail(node, f"the Dutch text (nl.toml) has no {path!r}")
        self.used.add(path)
        if path not in self.filled:
            self.unfilled.setdefault(path, node)

    def lookup(self, path: str):
        tree = self.dutch
        for part in [p for p in re.split(r"\.|(\[\])", path) if p]:
            if part == "[]":
                tree = [item for item in tree] if isinstance(tree, list) else None
                continue
            if isinstance(tree, list):
                tree = [item.get(part) for item in tree if isinstance(item, dict)]
            else:
                tree = tree.get(part) if isinstance(tree, dict) else None
        return tree

    def check_fill(self, node, path: str, given: set[str]):
        for leaf in _leaves(self.lookup(path)):
            own = leaf.placeholders - {"host", "site"}
            if own != given:
                self.fail(node, f"{path!r} has placeholders {sorted(own)} in nl.toml, "
                                f"but fill() gives {sorted(given)}")


def check_structure(page, known_links, directory, macros, templates_dir) -> set[str]:
    """Check one page's structure; return the text keys it reads (and note its buttons)."""
    checker = _Checker(page, known_links, directory, macros, Path(templates_dir))
    used = checker.run()
    page.calls = frozenset(checker.calls)
    return used
