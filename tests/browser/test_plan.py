"""The safety plan in a real browser: encrypted on the phone, locked by the code."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pytest

from server.config import Config

from .conftest import exit_ready, scripts_ready
from .names import names

CODE = "13572468"
NOTE = "Hij drinkt vaak op vrijdag"
OWN_ITEM = "Paspoort van Sam bij oma"


def sheet_open(page) -> bool:
    return page.locator("[data-view=sheet]").is_visible()


def plan_ready(page):
    """Wait until the plan's script has started: its forms are drawn before it arrives."""
    page.wait_for_selector("[data-app][data-ready]", state="attached")


def create_plan(page, base_url, code=CODE):
    page.goto(base_url + "/nl/plan/")
    plan_ready(page)
    page.locator("#create-code").fill(code)
    page.locator("#create-again").fill(code)
    page.get_by_role("button", name="Maak mijn plan").click()
    page.wait_for_selector("[data-view=sheet]:not([hidden])")


def fill_plan(page):
    page.get_by_label("ID-kaart of paspoort").check()
    page.get_by_label("Ik weet een kamer met een uitgang en zonder scherpe spullen.").check()
    page.locator("#note-signs").fill(NOTE)
    page.locator("#add-bag").fill(OWN_ITEM)
    page.locator("[data-section=bag]").get_by_role("button", name="Toevoegen").click()
    wait_saved(page)


def wait_saved(page):
    """Wait for "Saved" under the part of the plan that changed last."""
    page.wait_for_selector("[data-message=section][data-kind=ok]")


def lock(page):
    page.get_by_role("button", name="Op slot").click()
    page.wait_for_selector("[data-view=unlock]:not([hidden])")


def unlock(page, code=CODE):
    plan_ready(page)
    page.locator("#unlock-code").fill(code)
    page.locator("[data-form=unlock]").get_by_role("button", name="Openen").click()


def assert_plan_is_back(page):
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.get_by_label("ID-kaart of paspoort").is_checked()
    assert page.get_by_label("Ik weet een kamer met een uitgang en zonder scherpe spullen.").is_checked()
    assert not page.get_by_label("Bankpassen").is_checked()
    assert page.locator("#note-signs").input_value() == NOTE
    assert page.locator("[data-custom=bag] label").all_inner_texts() == [OWN_ITEM]


DUMP_STORAGE = """async () => {
  const out = { local: JSON.stringify(Object.entries(localStorage)),
                session: JSON.stringify(Object.entries(sessionStorage)),
                cookie: document.cookie, idb: [], caches: [] };
  const text = (v) => {
    if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
      const bytes = new Uint8Array(v);
      return new TextDecoder("utf-8", { fatal: false }).decode(bytes) + " " +
        String.fromCharCode(...bytes);
    }
    if (v && typeof v === "object") return Object.values(v).map(text).join(" ") + JSON.stringify(v);
    return String(v);
  };
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((ok) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); });
    for (const name of db.objectStoreNames) {
      const all = await new Promise((ok) => {
        const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); });
      const keys = await new Promise((ok) => {
        const r = db.transaction(name).objectStore(name).getAllKeys(); r.onsuccess = () => ok(r.result); });
      out.idb.push(info.name + " " + name + " " + keys.join(" ") + " " + all.map(text).join(" "));
    }
    db.close();
  }
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const req of await cache.keys()) {
      out.caches.push(req.url + " " + await (await cache.match(req)).text());
    }
  }
  return JSON.stringify(out);
}"""


@pytest.mark.export
def test_plan_survives_lock_and_unlock(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    assert page.locator("[data-sheet]").inner_html().strip() == ""
    assert page.get_by_text(NOTE).count() == 0
    unlock(page)
    assert_plan_is_back(page)
    # A reload keeps it too.
    page.reload()
    unlock(page)
    assert_plan_is_back(page)


def test_plan_text_is_never_stored_or_sent_in_plain_text(page, context, base_url):
    sent = []
    context.on("request", lambda r: sent.append(f"{r.method} {r.url} {r.post_data or ''}"))
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    unlock(page)
    assert_plan_is_back(page)
    dump = page.evaluate(DUMP_STORAGE)
    assert f'"idb":["{names(base_url)["db"]} s k l p ' in dump  # the plan really is in IndexedDB
    for secret in (NOTE, OWN_ITEM, CODE):
        assert secret not in dump
        assert not any(secret in line for line in sent)
    assert all(line.startswith("GET ") for line in sent)


def test_wrong_code_shows_nothing(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    unlock(page, "99999999")
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    assert page.locator("[data-message=unlock]").inner_text() == "Code niet juist."
    assert not sheet_open(page)
    assert page.get_by_text(NOTE).count() == 0
    assert page.locator("[data-sheet] *").count() == 0


def test_duress_code_erases_the_real_plan_and_shows_an_empty_one(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    page.get_by_role("button", name="Noodcode", exact=True).click()
    page.locator("#duress-code").fill("11223344")
    page.locator("#duress-again").fill("11223344")
    page.get_by_role("button", name="Noodcode opslaan").click()
    page.wait_for_selector("[data-message=duress][data-kind=ok]:has-text('Noodcode opgeslagen')")
    lock(page)
    unlock(page, "11223344")
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.locator("#note-signs").input_value() == ""
    assert not page.get_by_label("ID-kaart of paspoort").is_checked()
    assert page.locator("[data-custom=bag] li").count() == 0
    assert NOTE not in page.evaluate(DUMP_STORAGE)
    # The real code no longer opens anything: the real plan is gone.
    lock(page)
    unlock(page, CODE)
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    assert not sheet_open(page)


READ_DATA = """async (name) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
  const rec = await new Promise((ok) => {
    const r = db.transaction("s").objectStore("s").get("p"); r.onsuccess = () => ok(r.result); });
  db.close();
  return Array.from(rec.d);
}"""

TAMPER = """async (name) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
  const tx = db.transaction("s", "readwrite");
  const store = tx.objectStore("s");
  const rec = await new Promise((ok) => { const r = store.get("p"); r.onsuccess = () => ok(r.result); });
  rec.d[10] ^= 0xff;
  store.put(rec, "p");
  await new Promise((ok) => { tx.oncomplete = ok; });
  db.close();
}"""


def test_tampered_plan_gets_a_clear_message_and_is_kept(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    db = names(base_url)["db"]
    page.evaluate(TAMPER, db)
    tampered = page.evaluate(READ_DATA, db)
    unlock(page)
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    assert "beschadigd" in page.locator("[data-message=unlock]").inner_text()
    assert not sheet_open(page)
    assert page.evaluate(READ_DATA, db) == tampered


FULL_PHONE = """() => {
  const real = IDBObjectStore.prototype.put;
  window.__realPut = real;
  IDBObjectStore.prototype.put = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
}"""


def test_a_full_phone_keeps_the_previous_plan(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    page.evaluate(FULL_PHONE)
    page.get_by_label("Bankpassen").check()
    # The message shows in the part of the plan that was changed.
    page.wait_for_selector("[data-section=bag] [data-message=section][data-kind=error]")
    assert "vol" in page.locator("[data-section=bag] [data-message=section]").inner_text()
    page.evaluate("() => { IDBObjectStore.prototype.put = window.__realPut; }")
    page.reload()
    unlock(page)
    assert_plan_is_back(page)


HIDE = """() => {
  Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
}"""


def test_plan_locks_when_the_page_is_hidden(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    page.evaluate(HIDE)
    page.evaluate("document.documentElement.classList.remove('covered')")
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    assert page.locator("[data-sheet] *").count() == 0
    assert page.get_by_text(NOTE).count() == 0
    unlock(page)
    assert_plan_is_back(page)


@pytest.mark.export
def test_plan_locks_on_quick_exit(page, context, base_url):
    context.route(Config.EXIT_URL + "**", lambda route: route.fulfill(
        body="<title>Weer</title>", content_type="text/html"))
    create_plan(page, base_url)
    fill_plan(page)
    # Quick exit empties the page (and runs the hooks that forget the key).
    page.evaluate("""() => {
      new MutationObserver(() => {
        if (!document.querySelector('main')) sessionStorage.setItem('test:exit-ran', '1');
      }).observe(document.body, { childList: true });
    }""")
    exit_ready(page)
    page.locator("#quick-exit").click()
    page.wait_for_url(Config.EXIT_URL)
    page.goto(base_url + "/nl/plan/")
    assert page.evaluate("sessionStorage.getItem('test:exit-ran')") == "1"
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    assert not sheet_open(page)
    unlock(page)
    assert_plan_is_back(page)


def make_backup(page, tmp_path) -> tuple[Path, str]:
    """Make a backup the way a person does: read the warning, note the code, save."""
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Back-up maken").click()
    page.wait_for_selector("[data-backup]:not([hidden]) [data-backup-code]:not(:empty)")
    panel = page.locator("[data-backup]")
    assert "downloads" in panel.inner_text() and "iemand die je vertrouwt" in panel.inner_text()
    # Nothing is saved before the person has seen the warning and chosen to.
    assert downloads == []
    code = panel.locator("[data-backup-code]").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Bestand opslaan").click()
    path = Path(tmp_path) / download.value.suggested_filename
    download.value.save_as(path)
    return path, code


NEW_PHONE_CODE = "24680135"


@contextlib.contextmanager
def new_phone(browser):
    """Another phone: a fresh profile, with no code and no device key of the first one."""
    other = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    try:
        yield other.new_page()
    finally:
        other.close()


def restore_on_new_phone(phone, base_url, path, backup_code) -> None:
    """Choose "restore a backup" on a phone without a plan, and send the file and its code."""
    phone.goto(base_url + "/nl/plan/")
    scripts_ready(phone)
    phone.locator("[data-view=create]").get_by_role("button", name="Een back-up terugzetten").click()
    phone.locator("#create-restore-file").set_input_files(path)
    phone.locator("#create-restore-backup").fill(backup_code)
    phone.locator("#create-restore-code").fill(NEW_PHONE_CODE)
    phone.locator("#create-restore-again").fill(NEW_PHONE_CODE)
    phone.get_by_role("button", name="Terugzetten", exact=True).click()


@pytest.mark.export
def test_backup_is_neutral_and_restores_on_a_new_phone(page, browser, base_url, tmp_path):
    create_plan(page, base_url)
    fill_plan(page)
    path, backup_code = make_backup(page, tmp_path)
    assert re.fullmatch(r"[a-z0-9]{8}\.txt", path.name)
    text = path.read_text()
    assert not text.startswith("{") and "backup" not in text and "kind" not in text
    assert NOTE not in text and OWN_ITEM not in text
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", backup_code)
    # A new phone: another profile, with no code and no device key of this one.
    with new_phone(browser) as phone:
        restore_on_new_phone(phone, base_url, path, "AAAA-BBBB-CCCC-DDDD")
        phone.wait_for_selector("[data-view=create] [data-message=restore][data-kind=error]:has-text('back-upcode')")
        assert not sheet_open(phone)
        phone.locator("#create-restore-backup").fill(backup_code.lower().replace("-", " "))
        phone.get_by_role("button", name="Terugzetten", exact=True).click()
        assert_plan_is_back(phone)
        lock(phone)
        unlock(phone, NEW_PHONE_CODE)
        assert_plan_is_back(phone)


def test_a_file_that_is_not_a_backup_gets_its_own_answer_and_changes_nothing(page, browser, base_url,
                                                                           tmp_path):
    create_plan(page, base_url)
    fill_plan(page)
    lock(page)
    stranger = tmp_path / "boodschappen.txt"
    stranger.write_text("melk, brood, kaas")
    page.reload()
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    scripts_ready(page)
    page.locator("[data-view=unlock]").get_by_role("button", name="Een back-up terugzetten").click()
    page.locator("#unlock-restore-file").set_input_files(stranger)
    page.locator("#unlock-restore-backup").fill("AAAA-BBBB-CCCC-DDDD")
    page.locator("#unlock-restore-code").fill(CODE)
    page.get_by_role("button", name="Terugzetten", exact=True).click()
    message = page.locator("[data-view=unlock] [data-message=restore][data-kind=error]")
    message.wait_for()
    assert "geen back-up van deze app" in message.inner_text()
    assert "opgeslagen plan" not in message.inner_text()
    # The plan on this phone is untouched.
    unlock(page)
    assert_plan_is_back(page)

SHARE = """() => {
  window.__shared = [];
  navigator.canShare = (data) => Boolean(data && data.files && data.files.length);
  navigator.share = async (data) => { window.__shared.push(...data.files.map((f) => f.name)); };
}"""


def test_backup_can_go_straight_to_a_trusted_person(page, base_url):
    page.add_init_script(f"({SHARE})()")
    create_plan(page, base_url)
    fill_plan(page)
    page.get_by_role("button", name="Back-up maken").click()
    share = page.get_by_role("button", name="Sturen naar iemand die je vertrouwt")
    share.click()
    page.wait_for_function("() => window.__shared.length === 1")
    assert re.fullmatch(r"[a-z0-9]{8}\.txt", page.evaluate("window.__shared[0]"))


def test_change_code_re_encrypts(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    page.get_by_role("button", name="Je code veranderen").click()
    page.locator("#change-code").fill("86427531")
    page.locator("#change-again").fill("86427531")
    page.get_by_role("button", name="Code veranderen", exact=True).click()
    page.wait_for_selector("[data-message=change-code][data-kind=ok]:has-text('veranderd')")
    lock(page)
    unlock(page, CODE)
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    unlock(page, "86427531")
    assert_plan_is_back(page)


def test_print_view_is_large_plain_and_warns_about_paper(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Afdrukken").click()
    page.emulate_media(media="print")
    view = page.locator(".print-view")
    assert view.is_visible()
    text = view.inner_text()
    assert "papier kan gevonden worden" in text
    assert NOTE in text and "☑ ID-kaart of paspoort" in text and OWN_ITEM in text
    assert Config.SITE_TITLE not in text
    assert not page.locator(".topbar").is_visible() and not page.locator("main").is_visible()
    assert float(view.evaluate("el => getComputedStyle(el).fontSize").rstrip("px")) >= 21


def test_existing_disguise_code_opens_the_plan(page, base_url):
    page.goto(base_url + "/nl/install/")
    page.get_by_label("Rekenmachine").check()
    page.get_by_label("Nieuwe code").fill(CODE)
    page.get_by_label("Dezelfde code nog een keer").fill(CODE)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("[data-form-status][data-kind=ok]", timeout=20_000)
    page.goto(base_url + "/nl/plan/")
    # One code to remember: the plan asks for it, it does not ask for a new one.
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    unlock(page, "11111111")
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    unlock(page)
    page.wait_for_selector("[data-view=sheet]:not([hidden])")


@pytest.mark.parametrize("code, message", [("12", "minstens 6 tekens"), ("abc12", "minstens 6 tekens")])
def test_plan_refuses_bad_new_codes(page, base_url, code, message):
    page.goto(base_url + "/nl/plan/")
    plan_ready(page)
    page.locator("#create-code").fill(code)
    page.locator("#create-again").fill(code)
    page.get_by_role("button", name="Maak mijn plan").click()
    assert message in page.locator("[data-message=create]").inner_text()
    assert not sheet_open(page)


def change_code_on_install(page, base_url, disguise, current, new):
    """Choose a disguise and a new code on the install page, giving the current code."""
    page.goto(base_url + "/nl/install/")
    page.get_by_label(disguise).check()
    page.get_by_label("Je huidige code").fill(current)
    page.get_by_label("Nieuwe code").fill(new)
    page.get_by_label("Dezelfde code nog een keer").fill(new)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("[data-form-status][data-kind=ok]", timeout=20_000)


def test_changing_the_code_on_the_install_page_moves_the_plan_along(page, base_url):
    create_plan(page, base_url)
    fill_plan(page)
    change_code_on_install(page, base_url, "Rekenmachine", CODE, "97531864")
    page.goto(base_url + "/nl/plan/")
    unlock(page, "97531864")
    assert_plan_is_back(page)


def test_plan_locks_after_five_idle_minutes(page, base_url):
    page.clock.install()
    create_plan(page, base_url)
    fill_plan(page)
    page.clock.run_for(4 * 60_000)
    assert sheet_open(page)
    page.clock.run_for(61_000)
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    assert page.locator("[data-sheet] *").count() == 0


def test_wrong_plan_codes_in_a_row_slow_down(page, base_url):
    create_plan(page, base_url)
    lock(page)
    tries = names(base_url)["tries"]
    page.evaluate("k => localStorage.setItem(k, '4')", tries)
    start = time.perf_counter()
    unlock(page)
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert time.perf_counter() - start >= 2.0
    assert page.evaluate("k => localStorage.getItem(k)", tries) is None
