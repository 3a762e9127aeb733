"""Check the translation catalogs: nothing missing, fuzzy or obsolete, no broken placeholder."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
# Large-text mode speaks formally. Languages whose normal texts are informal must give
# each "formal" variant (msgctxt "formal"); elsewhere the normal text is already polite
# (Turkish siz, Ukrainian vy, Persian shoma, the Tigrinya plural) or English, and an
# empty variant means "use the normal text".
NEEDS_FORMAL = frozenset({"nl", "pl"})


def placeholders(text: str) -> list[str]:
    """Return the placeholders of a message, sorted, e.g. ['%(name)s', '%(num)d']."""
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text or ""))


def check_catalog(po_path: Path, template_path: Path, needs_formal: bool = True) -> list[str]:
    """List every problem in one language's catalog, compared with messages.pot."""
    with open(template_path, "rb") as f:
        template = read_po(f)
    with open(po_path, "rb") as f:
        catalog = read_po(f)
    problems = []
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    for key, context in sorted(wanted, key=lambda k: (k[0], k[1] or "")):
        if catalog.get(key, context=context) is None:
            problems.append(f"{po_path}: missing: {key!r}" + (f" ({context})" if context else ""))
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        label = f"{po_path}: {ids[0]!r}"
        if message.fuzzy:
            problems.append(f"{label}: fuzzy")
        if not all(strings):
            if message.context == "formal" and not needs_formal:
                continue
            problems.append(f"{label}: not translated" + (f" ({message.context})" if message.context else ""))
            continue
        expected = {tuple(placeholders(i)) for i in ids}
        for string in strings:
            found = tuple(placeholders(string))
            # A plural form may leave out the number ("one message"), never add or rename.
            if found not in expected and not (len(ids) > 1 and set(found) <= set().union(*expected)):
                problems.append(f"{label}: placeholders {list(found)} do not match the msgid")
    for key in catalog.obsolete:
        problems.append(f"{po_path}: obsolete: {key!r}")
    return problems


def check_all(translations: Path, languages) -> list[str]:
    """Check every language's catalog; return all problems found."""
    template = translations / "messages.pot"
    problems = []
    for lang in languages:
        po = translations / lang / "LC_MESSAGES" / "messages.po"
        if not po.is_file():
            problems.append(f"{po}: the catalog does not exist")
            continue
        problems += check_catalog(po, template, needs_formal=lang in NEEDS_FORMAL)
    return problems
