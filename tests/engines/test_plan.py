"""The safety plan in every engine, through what a person sees: labels and buttons.

Nothing here reads the app's storage names, so these tests hold when those change;
storage is only searched as a whole for anything readable.
"""

from __future__ import annotations

import json

CODE = "13572468"
DURESS = "86420975"
NOTE = "Hij drinkt vaak op vrijdag"
OWN_ITEM = "Paspoort van Sam bij oma"
SIGNS = "Waarschuwingssignalen"
BAG = "Een noodtas"
TICKED = "ID-kaart of paspoort"

VIEW = """(name) => {
  const view = document.querySelector(`[data-view=${name}]`);
  return Boolean(view && !view.hidden && view.getClientRects().length);
}"""


def wait_view(page, name: str) -> None:
    try:
        page.wait_for(VIEW, name, what=f"the plan's {name} view")
    except AssertionError as error:
        shown = page.evaluate("""() => [...document.querySelectorAll("[data-view]")]
            .filter((view) => !view.hidden).map((view) => view.dataset.view)""")
        messages = page.evaluate("""() => [...document.querySelectorAll("[data-message]")]
            .map((el) => el.dataset.message + ": " + el.textContent)""")
        raise AssertionError(f"{error}; views shown: {shown}; messages: {messages}") from None


def create_plan(page, server_url, code=CODE) -> None:
    page.goto(server_url + "/nl/plan/")
    wait_view(page, "create")
    page.fill("Nieuwe code", code)
    page.fill("Dezelfde code nog een keer", code)
    page.click(button="Maak mijn plan")
    wait_view(page, "sheet")


def saved(page, where: str = "sheet") -> None:
    """Wait for the "saved" message shown next to the control that saved (`where`)."""
    page.wait_for("(where) => Boolean(document.querySelector(`[data-message=${where}][data-kind=ok]`))",
                  where, what=f"the {where} message that it was saved")


def fill_plan(page) -> None:
    page.check(TICKED)
    page.fill("Voeg zelf iets toe", OWN_ITEM, within=BAG)
    page.click(button="Toevoegen", within=BAG)
    page.wait_for("(item) => document.body.innerText.includes(item)", OWN_ITEM,
                  what="the own item in the list")
    page.fill("Je notities", NOTE, within=SIGNS)
    page.click(button="Op slot")  # leaving the note field saves it; locking too
    wait_view(page, "unlock")


def unlock(page, code) -> None:
    page.fill("Je code", code)
    page.click(button="Openen")


def refused(page) -> None:
    page.wait_for("() => Boolean(document.querySelector('[data-message=unlock][data-kind=error]'))",
                  what="the code to be refused")
    assert not page.evaluate(VIEW, "sheet")
    assert NOTE not in page.evaluate("() => document.body.innerText")


def assert_plan_is_back(page) -> None:
    wait_view(page, "sheet")
    assert page.checked(TICKED)
    assert page.value("Je notities", within=SIGNS) == NOTE
    assert OWN_ITEM in page.evaluate("() => document.body.innerText")


def readable(page) -> str:
    """Everything the site stores, as one text to search."""
    return json.dumps(page.storage(), ensure_ascii=False)


def test_plan_is_kept_encrypted_and_opens_only_with_its_code(page, server_url):
    create_plan(page, server_url)
    fill_plan(page)
    stored = page.storage()
    assert stored["idb"], "the plan is not in IndexedDB"
    for secret in (NOTE, OWN_ITEM, CODE):
        assert secret not in readable(page)
    page.reload()
    wait_view(page, "unlock")
    assert NOTE not in page.evaluate("() => document.body.innerText")
    unlock(page, "99999999")
    refused(page)
    unlock(page, CODE)
    assert_plan_is_back(page)


def test_duress_code_empties_the_plan_and_becomes_the_code(page, server_url):
    create_plan(page, server_url)
    page.click(button="Noodcode")
    page.fill("Noodcode", DURESS)
    page.fill("Dezelfde code nog een keer", DURESS)
    page.click(button="Noodcode opslaan")
    saved(page, "duress")
    fill_plan(page)
    unlock(page, DURESS)
    # An empty plan opens, as if it were new; the real one is gone.
    wait_view(page, "sheet")
    assert not page.checked(TICKED)
    assert page.value("Je notities", within=SIGNS) == ""
    assert OWN_ITEM not in page.evaluate("() => document.body.innerText")
    page.click(button="Op slot")
    wait_view(page, "unlock")
    unlock(page, CODE)
    refused(page)
    # From now on the emergency code is the code.
    unlock(page, DURESS)
    wait_view(page, "sheet")
    assert not page.checked(TICKED)
