"""Every phone number the app may show, copied by hand from the project's checked facts.

Source files (outside this repository, so CI cannot read them):
    shared/facts/helplines.md   the help services table (numbers H or M)
    shared/facts/process.md     "Services: corrections": Foreign Affairs, +31 247 247 247 (H)

Left out on purpose: the 112 text phone 0800-8112 (confidence L: never shown).
services.toml, every content text and every page is checked against this list
(tests/unit/test_answers.py), so a number that is not in the facts can never reach
a reader, not even through a typo in the data file. Add a number here only after
it is in the facts files, with the same spelling.
"""

FACT_NUMBERS = frozenset({
    "112",              # 112, emergency (H)
    "0800-2000",        # Veilig Thuis (H)
    "0900-8844",        # Police, non-emergency (number H)
    "0800-7000",        # Meld Misdaad Anoniem (number H)
    "0800-0432",        # De Kindertelefoon (number H)
    "116 111",          # De Kindertelefoon, also (number H)
    "0800-0188",        # Centrum Seksueel Geweld (H)
    "0900-0101",        # Slachtofferhulp Nederland (number H)
    "088-0767 000",     # De Luisterlijn (number H)
    "0900-1450",        # MIND Korrelatie (number M)
    "113",              # 113 Zelfmoordpreventie (H)
    "0800-0113",        # 113 Zelfmoordpreventie (H)
    "020-261 52 75",    # Helpwanted (M)
    "+31 247 247 247",  # Ministry of Foreign Affairs, 24/7, tips/abroad only (H)
})


def tel_form(number: str) -> str:
    """Return a number as a tel: link has it: digits, and the + of an international one."""
    return ("+" if number.startswith("+") else "") + "".join(c for c in number if c.isdigit())


FACT_TELS = frozenset(tel_form(n) for n in FACT_NUMBERS)
