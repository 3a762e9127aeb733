"""The safety plan when it counts: messages where you look, a forgotten code, plain words (issue 15)."""

from __future__ import annotations

import pytest

from .conftest import scripts_ready
from .names import names
from .test_plan import CODE, DUMP_STORAGE, NOTE, create_plan, fill_plan, lock, unlock

NEAR = 200  # px: a message this close under its control is seen without scrolling


def gap(page, control, message) -> float:
    """Vertical distance from the bottom of a control to the top of its message."""
    a, b = control.bounding_box(), message.bounding_box()
    return b["y"] - (a["y"] + a["height"])


@pytest.mark.export
def test_messages_appear_next_to_the_control_and_are_announced(page, base_url):
    create_plan(page, base_url)
    # After "save emergency code" the message is right under that button.
    page.get_by_role("button", name="Noodcode", exact=True).click()
    page.locator("#duress-code").fill("11223344")
    page.locator("#duress-again").fill("11223344")
    button = page.get_by_role("button", name="Noodcode opslaan")
    button.click()
    message = page.locator("[data-message=duress][data-kind=ok]")
    message.wait_for()
    assert "Noodcode opgeslagen" in message.inner_text()
    assert message.get_attribute("role") == "status"
    assert 0 <= gap(page, button, message) < NEAR
    assert message.is_visible()
    # A wrong entry in "change your code": the error is under that form too.
    page.get_by_role("button", name="Je code veranderen").click()
    page.locator("#change-code").fill("123")
    page.locator("#change-again").fill("123")
    change = page.get_by_role("button", name="Code veranderen", exact=True)
    change.click()
    error = page.locator("[data-message=change-code][data-kind=error]")
    error.wait_for()
    assert 0 <= gap(page, change, error) < NEAR
    # Saving a tick shows "Saved" in the part of the plan that changed.
    box = page.get_by_label("Bankpassen")
    box.check()
    saved = page.locator("[data-section=bag] [data-message=section][data-kind=ok]")
    saved.wait_for()
    assert saved.get_attribute("role") == "status"
    assert saved.inner_text() == "Opgeslagen op deze telefoon."


@pytest.mark.export
def test_a_wrong_code_is_said_under_the_code_field(page, base_url):
    create_plan(page, base_url)
    lock(page)
    unlock(page, "99999999")
    message = page.locator("[data-view=unlock] [data-message=unlock][data-kind=error]")
    message.wait_for()
    button = page.locator("[data-form=unlock]").get_by_role("button", name="Openen")
    assert 0 <= gap(page, button, message) < NEAR


@pytest.mark.export
def test_both_pages_say_one_code_opens_the_disguise_and_the_plan(page, base_url):
    sentence = "Eén code opent allebei: de app in vermomming en je veiligheidsplan."
    page.goto(base_url + "/nl/plan/")
    scripts_ready(page)
    # Said before the code is chosen: above the code fields.
    said = page.locator("[data-view=create]").get_by_text(sentence)
    assert said.is_visible()
    assert said.bounding_box()["y"] < page.locator("#create-code").bounding_box()["y"]
    page.goto(base_url + "/nl/install/")
    scripts_ready(page)
    said = page.get_by_text(sentence)
    assert said.is_visible()
    assert said.bounding_box()["y"] < page.locator("#code").bounding_box()["y"]
    # And when a code is set, the plan asks for "the same code that opens the disguise".
    create_plan(page, base_url)
    lock(page)
    assert page.locator("[data-view=unlock]").get_by_text(
        "Het is dezelfde code die de app in vermomming opent.").is_visible()


READ_PLAN_RECORD = """async (name) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
  const get = (key) => new Promise((ok) => {
    const r = db.transaction("s").objectStore("s").get(key); r.onsuccess = () => ok(r.result); });
  const plan = await get("p");
  const lock = await get("l");
  db.close();
  return { plan: plan ? Array.from(plan.d.slice(0, 32)) : null, salt: lock ? Array.from(lock.s) : null };
}"""


@pytest.mark.export
def test_forgotten_code_starts_again_and_the_old_plan_is_gone(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    before = page.evaluate(READ_PLAN_RECORD, names(base_url)["db"])
    disclosure = page.get_by_role("button", name="Code vergeten? Begin opnieuw")
    assert disclosure.get_attribute("aria-expanded") == "false"
    disclosure.click()
    assert disclosure.get_attribute("aria-expanded") == "true"
    panel = page.locator("#start-again-panel")
    # A clear warning before anything happens.
    assert "voor altijd gewist" in panel.inner_text()
    page.locator("#again-code").fill("97531864")
    page.locator("#again-again").fill("97531864")
    page.get_by_role("button", name="Wis mijn oude plan en begin opnieuw").click()
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    page.wait_for_selector("[data-message=tools][data-kind=ok]:has-text('Je oude plan is gewist')")
    # A new, empty plan.
    assert page.locator("#note-signs").input_value() == ""
    assert not page.get_by_label("ID-kaart of paspoort").is_checked()
    after = page.evaluate(READ_PLAN_RECORD, names(base_url)["db"])
    assert after["plan"] != before["plan"] and after["salt"] != before["salt"]
    assert NOTE not in page.evaluate(DUMP_STORAGE)
    # The old code opens nothing any more; the new one opens the new plan.
    lock(page)
    unlock(page, CODE)
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    unlock(page, "97531864")
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.locator("#note-signs").input_value() == ""


def test_start_again_refuses_a_bad_new_code_and_keeps_the_old_plan(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    page.get_by_role("button", name="Code vergeten? Begin opnieuw").click()
    page.locator("#again-code").fill("1234")
    page.locator("#again-again").fill("1234")
    page.get_by_role("button", name="Wis mijn oude plan en begin opnieuw").click()
    page.wait_for_selector("[data-message=start-again][data-kind=error]")
    unlock(page, CODE)
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.locator("#note-signs").input_value() == NOTE


@pytest.mark.export
def test_sections_that_open_are_buttons_with_a_visible_marker(page, base_url):
    create_plan(page, base_url)
    for name, panel in (("Je code veranderen", "#change-code-panel"), ("Noodcode", "#duress-panel"),
                        ("Een back-up terugzetten", "#sheet-restore-panel")):
        button = page.locator("[data-view=sheet]").get_by_role("button", name=name, exact=True)
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-controls") == panel[1:]
        marker = button.evaluate("(el) => getComputedStyle(el, '::before').content")
        assert marker.startswith('"+"')
        assert not page.locator(panel).is_visible()
        button.press("Enter")  # a keyboard works it like any button
        assert button.get_attribute("aria-expanded") == "true"
        assert page.locator(panel).is_visible()
        assert button.evaluate("(el) => getComputedStyle(el, '::before').content").startswith('"−"')
    # Locking closes them all again: an open "Emergency code" panel would tell.
    lock(page)
    unlock(page)
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    expanded = page.locator("[data-view=sheet] [data-disclosure][aria-expanded=true]")
    assert expanded.count() == 0


@pytest.mark.export
def test_the_child_plan_speaks_to_a_child(page, base_url):
    page.goto(base_url + "/nl/j/plan/")
    scripts_ready(page)
    main = page.locator("main").inner_text()
    assert "Hier maak je een plan voor als het thuis eng wordt." in main
    assert "Kies een geheime code" in main
    assert "niet je verjaardag" in main
    for adult in ("Safari", "expert", "apparatuur", "wachtwoordzin", "zin van een paar woorden"):
        assert adult not in main, adult
    # The adult plan keeps its fuller words.
    page.goto(base_url + "/nl/plan/")
    assert "Safari" in page.locator("main").inner_text()
