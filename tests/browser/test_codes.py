"""Codes that hold up when someone looks: the emergency code, guessing, and what is stored.

Each test looks at the phone the way the person who lives with the user would:
the screens, and everything a script (or DevTools) can read from storage.
"""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import threading

import pytest

from .conftest import exit_ready, free_port, start_server, stop_server
from .names import names
from .test_offline import STANDALONE, precache, set_up_disguise, tap
from .test_plan import (
    NOTE,
    change_code_on_install,
    create_plan,
    fill_plan,
    lock,
    make_backup,
    new_phone,
    restore_on_new_phone,
    sheet_open,
    unlock,
)

REAL = "13572468"
DURESS = "11223344"

# Everything a script can read, as shapes: which keys, and how many bytes each value has.
SHAPE = """async (dbName) => {
  const size = (v) => {
    if (v instanceof Uint8Array) return `b${v.length}`;
    if (v instanceof CryptoKey) return `key:${v.algorithm.name}:${v.extractable}`;
    if (Array.isArray(v)) return v.map(size);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, size(v[k])]));
    }
    return typeof v === "string" ? `s${v.length}` : typeof v;
  };
  const out = { local: {}, session: Object.keys(sessionStorage).sort(), dbs: [], store: {} };
  for (const key of Object.keys(localStorage).sort()) out.local[key] = localStorage.getItem(key).length;
  out.dbs = (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`).sort();
  const db = await new Promise((ok) => { const r = indexedDB.open(dbName); r.onsuccess = () => ok(r.result); });
  const store = db.transaction("s").objectStore("s");
  const keys = await new Promise((ok) => { const r = store.getAllKeys(); r.onsuccess = () => ok(r.result); });
  for (const key of keys) {
    const value = await new Promise((ok) => { const r = store.get(key); r.onsuccess = () => ok(r.result); });
    out.store[key] = size(value);
  }
  db.close();
  return out;
}"""

READ_LOCK = """async (dbName) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(dbName); r.onsuccess = () => ok(r.result); });
  const get = (key) => new Promise((ok) => {
    const r = db.transaction("s").objectStore("s").get(key); r.onsuccess = () => ok(r.result); });
  const lock = await get("l");
  const key = await get("k");
  let exported = "no";
  try { await crypto.subtle.exportKey("raw", key); exported = "yes"; } catch { exported = "refused"; }
  db.close();
  return { i: lock.i, s: Array.from(lock.s), c: lock.c.map((slot) => Array.from(slot)), exported };
}"""

WRITE_LOCK = """async ([dbName, change]) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(dbName); r.onsuccess = () => ok(r.result); });
  const tx = db.transaction("s", "readwrite");
  const store = tx.objectStore("s");
  const lock = await new Promise((ok) => { const r = store.get("l"); r.onsuccess = () => ok(r.result); });
  Object.assign(lock, change);
  store.put(lock, "l");
  await new Promise((ok) => { tx.oncomplete = ok; });
  db.close();
}"""


def shape(page, base_url):
    return page.evaluate(SHAPE, names(base_url)["db"])


def open_plan(page, base_url, code):
    """Open the plan page and unlock it (a code is already set)."""
    page.goto(base_url + "/nl/plan/")
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    unlock(page, code)
    page.wait_for_selector("[data-view=sheet]:not([hidden])")


def set_duress(page, code=DURESS):
    page.get_by_role("button", name="Noodcode", exact=True).click()
    page.locator("#duress-code").fill(code)
    page.locator("#duress-again").fill(code)
    page.get_by_role("button", name="Noodcode opslaan").click()
    page.wait_for_selector("[data-message=duress][data-kind=ok]:has-text('Noodcode opgeslagen')")


def calculator_opens(page, base_url, code):
    """Type a code on the calculator and wait for the real app to open."""
    page.goto(base_url + "/nl/calc/")
    tap(page, code + "=")
    page.wait_for_url(base_url + "/nl/")
    assert page.locator('a[href="tel:112"]').first.is_visible()


def sheet_view(page):
    """What the person holding the phone sees of the opened plan."""
    return {
        "text": page.locator("[data-view=sheet]").inner_text(),
        "ticked": page.locator("[data-sheet] input:checked").count(),
        "notes": page.locator("[data-sheet] textarea").evaluate_all("els => els.map((e) => e.value)"),
        "own": page.locator("[data-custom] li").count(),
    }


@pytest.mark.export
def test_emergency_code_becomes_the_code_everywhere_and_looks_like_a_real_empty_plan(
        browser, base_url):
    duress_phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    real_phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    try:
        # Phone 1: the real code, a plan with content, an emergency code; someone
        # forces the code and gets the emergency code typed into the plan.
        page = duress_phone.new_page()
        set_up_disguise(page, base_url, "calc", REAL)
        open_plan(page, base_url, REAL)
        fill_plan(page)
        set_duress(page)
        lock(page)
        page.evaluate("k => localStorage.setItem(k, '2')", names(base_url)["tries"])
        unlock(page, DURESS)
        page.wait_for_selector("[data-view=sheet]:not([hidden])")
        after_duress = sheet_view(page)
        assert NOTE not in after_duress["notes"] and after_duress["ticked"] == 0
        # The wrong-code count is cleared, exactly as a real unlock clears it.
        assert page.evaluate("k => localStorage.getItem(k)", names(base_url)["tries"]) is None
        duress_storage = shape(page, base_url)

        # Phone 2: a real code that happens to be the same digits, with an empty plan.
        other = real_phone.new_page()
        set_up_disguise(other, base_url, "calc", DURESS)
        open_plan(other, base_url, DURESS)
        assert sheet_view(other) == after_duress
        assert shape(other, base_url) == duress_storage

        # From now on the emergency code is the code everywhere; the old code is wrong.
        calculator_opens(page, base_url, DURESS)
        open_plan(page, base_url, DURESS)
        lock(page)
        unlock(page, REAL)
        page.wait_for_selector("[data-message=unlock][data-kind=error]")
        assert not sheet_open(page)
        # The install page takes it as the current code, and the new code then works
        # in the recipes search.
        change_code_on_install(page, base_url, "Recepten", DURESS, "koffie met melk")
        page.goto(base_url + "/nl/recipes/")
        page.wait_for_selector("[data-module=recipes][data-module-ready]")
        page.get_by_role("searchbox").fill("koffie met melk")
        page.get_by_role("searchbox").press("Enter")
        page.wait_for_url(base_url + "/nl/")
    finally:
        duress_phone.close()
        real_phone.close()


def test_emergency_code_works_on_the_calculator_first(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    open_plan(page, base_url, REAL)
    fill_plan(page)
    set_duress(page)
    # The disguised app: the emergency code opens it, no real code needed first.
    calculator_opens(page, base_url, DURESS)
    open_plan(page, base_url, DURESS)
    assert page.locator("#note-signs").input_value() == ""
    assert not page.get_by_label("ID-kaart of paspoort").is_checked()


def test_whether_an_emergency_code_is_set_cannot_be_read(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    open_plan(page, base_url, REAL)
    without = shape(page, base_url)
    lock_before = page.evaluate(READ_LOCK, names(base_url)["db"])
    open_plan(page, base_url, REAL)
    set_duress(page)
    assert shape(page, base_url) == without
    lock_after = page.evaluate(READ_LOCK, names(base_url)["db"])
    # Same salt, same two slots of 32 bytes: random bytes before, the emergency check now.
    assert lock_after["s"] == lock_before["s"] and len(lock_after["c"]) == 2
    assert lock_after["c"] != lock_before["c"]


def test_stored_values_cannot_be_used_to_guess_the_code_elsewhere(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    stored = page.evaluate(READ_LOCK, names(base_url)["db"])
    assert stored["i"] >= 600_000 and stored["exported"] == "refused"
    # What a GPU would compute from the stored values (PBKDF2 of the right code) does
    # not match: the device key that is mixed in cannot be read out of the browser.
    guess = hashlib.pbkdf2_hmac("sha256", REAL.encode(), bytes(stored["s"]), stored["i"])
    assert all(bytes(slot) != guess for slot in stored["c"])
    assert REAL not in page.evaluate("JSON.stringify(Object.entries(localStorage))")


@pytest.mark.parametrize("change", [{"i": 100_000}, {"i": 599_999}, {"c": []}])
def test_a_tampered_code_record_cannot_lower_the_work(page, base_url, change):
    set_up_disguise(page, base_url, "calc", REAL)
    open_plan(page, base_url, REAL)
    fill_plan(page)
    lock(page)
    page.evaluate(WRITE_LOCK, [names(base_url)["db"], change])
    unlock(page, REAL)
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    assert "beschadigd" in page.locator("[data-message=unlock]").inner_text()
    assert not sheet_open(page) and page.get_by_text(NOTE).count() == 0
    # The calculator does not open with it either.
    page.goto(base_url + "/nl/calc/")
    tap(page, REAL + "=")
    assert page.locator("[data-display]").inner_text() == REAL
    assert page.url.endswith("/nl/calc/")


@pytest.mark.export
def test_codes_are_six_or_more_and_a_passphrase_works_without_the_calculator(page, base_url):
    page.goto(base_url + "/nl/install/")
    status = page.locator("[data-form-status]")
    page.get_by_label("Rekenmachine").check()
    for code, message in (("12345", "minstens 6 cijfers"), ("koffie met melk", "Alleen cijfers")):
        page.get_by_label("Nieuwe code").fill(code)
        page.get_by_label("Dezelfde code nog een keer").fill(code)
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_selector(f"[data-form-status]:has-text('{message}')")
    assert "8 cijfers of meer" in page.locator("main").inner_text()
    assert page.get_by_label("Nieuwe code").get_attribute("inputmode") == "numeric"
    page.get_by_label("Recepten").check()
    assert page.get_by_label("Nieuwe code").get_attribute("inputmode") == "text"
    page.get_by_label("Nieuwe code").fill("koffie met melk")
    page.get_by_label("Dezelfde code nog een keer").fill("koffie met melk")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("[data-form-status][data-kind=ok]", timeout=20_000)
    assert "kookboek" in status.inner_text() or "recepten" in status.inner_text().lower()
    open_plan(page, base_url, "koffie met melk")


@pytest.mark.export
def test_sums_on_the_calculator_are_not_wrong_codes(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    page.goto(base_url + "/nl/calc/")
    for _ in range(10):
        tap(page, "1234+5678=")
        tap(page, "12345=")
    assert page.locator("[data-display]").inner_text() == "12345"
    tap(page, "999999=")  # a plain number as long as a code: that one counts
    page.wait_for_function("k => localStorage.getItem(k) === '1'", arg=names(base_url)["tries"])
    tap(page, REAL + "=")
    page.wait_for_url(base_url + "/nl/")


def test_the_wait_is_capped_and_the_latest_entry_is_never_dropped(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    page.goto(base_url + "/nl/calc/")
    page.evaluate("k => localStorage.setItem(k, '3')", names(base_url)["tries"])
    # A wrong code starts a wait; the right code typed during it still opens the app.
    tap(page, "999999=")
    tap(page, REAL + "=")
    page.wait_for_url(base_url + "/nl/")
    root = page.evaluate("() => document.querySelector('script[type=module]').src.replace('js/init.js', '')")
    waits = page.evaluate("async (url) => { const m = await import(url); return [3, 6, 20, 1000].map(m.delayFor); }",
                          root + "js/lock.js")
    assert waits == [1000, 5000, 5000, 5000]


def test_one_slow_down_for_every_code_check(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    tries = names(base_url)["tries"]
    count = "k => localStorage.getItem(k)"
    # The install page's "current code" counts...
    page.get_by_label("Je huidige code").fill("000000")
    page.get_by_label("Nieuwe code").fill("24682468")
    page.get_by_label("Dezelfde code nog een keer").fill("24682468")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("[data-form-status][data-kind=error]:has-text('klopt niet')")
    assert page.evaluate(count, tries) == "1"
    # ... the plan counts on the same counter ...
    page.goto(base_url + "/nl/plan/")
    unlock(page, "000000")
    page.wait_for_selector("[data-message=unlock][data-kind=error]")
    assert page.evaluate(count, tries) == "2"
    # ... and so does the calculator; the right code clears it for all of them.
    page.goto(base_url + "/nl/calc/")
    tap(page, "000000=")
    page.wait_for_function("k => localStorage.getItem(k) === '3'", arg=tries)
    calculator_opens(page, base_url, REAL)
    assert page.evaluate(count, tries) is None
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.includes('tries'))") == []


PLAN_SIZE = """async (dbName) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(dbName); r.onsuccess = () => ok(r.result); });
  const rec = await new Promise((ok) => {
    const r = db.transaction("s").objectStore("s").get("p"); r.onsuccess = () => ok(r.result); });
  db.close();
  return rec.d.length;
}"""


def test_padding_counts_bytes_so_script_does_not_show_in_the_size(page, base_url):
    create_plan(page, base_url, REAL)
    empty = page.evaluate(PLAN_SIZE, names(base_url)["db"])
    page.locator("#note-signs").fill("ب" * 200)
    page.wait_for_selector("[data-section=signs] [data-message=section][data-kind=ok]")
    page.wait_for_function("() => document.querySelector('#note-signs').value.length === 200")
    lock(page)
    assert page.evaluate(PLAN_SIZE, names(base_url)["db"]) == empty == 1024 + 16


@pytest.mark.export
def test_nothing_stored_has_a_readable_name(page, base_url):
    set_up_disguise(page, base_url, "calc", REAL)
    open_plan(page, base_url, REAL)
    fill_plan(page)
    cache = precache(page)
    page.goto(base_url + "/nl/calc/")
    tap(page, "999999=")
    page.wait_for_function("k => localStorage.getItem(k) === '1'", arg=names(base_url)["tries"])
    stored = page.evaluate("""async () => ({
        local: Object.entries(localStorage), session: Object.keys(sessionStorage),
        dbs: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys() })""")
    neutral = re.compile(r"[0-9a-z]{4,7}")
    assert stored["local"] and all(neutral.fullmatch(key) for key, _ in stored["local"])
    assert all(neutral.fullmatch(key) for key in stored["session"])
    assert stored["dbs"] == [names(base_url)["db"]]
    assert cache in stored["caches"]
    assert all(re.fullmatch(r"[0-9a-z]{4,7}-[0-9a-f]{16}", name) for name in stored["caches"])
    text = " ".join(str(item) for item in stored.values()).lower()
    for word in ("uitweg", "precache", "plan", "tries", "lock", "duress", "disguise", "head"):
        assert word not in text
    sw = page.request.get(base_url + "/sw.js").text()
    assert "/*" not in sw and not re.search(r"(^|[\s;{}])//", sw)
    assert "Uitweg" not in sw and "service worker" not in sw.lower()


DELETES = """() => {
  window.__deleted = [];
  const real = indexedDB.deleteDatabase.bind(indexedDB);
  indexedDB.deleteDatabase = (name) => { window.__deleted.push(name); return real(name); };
}"""


@pytest.mark.parametrize("how", ["erase", "duress"])
def test_old_plan_records_are_removed_with_the_database(page, base_url, how):
    page.add_init_script(f"({DELETES})()")
    set_up_disguise(page, base_url, "calc", REAL)
    open_plan(page, base_url, REAL)
    fill_plan(page)
    if how == "erase":
        page.get_by_role("button", name="Mijn plan wissen").click()
        confirm = page.locator("[data-erase-confirm]")
        assert "speciale apparatuur" in confirm.inner_text()
        page.get_by_role("button", name="Ja, wis mijn plan").click()
        page.wait_for_selector("[data-message=unlock][data-kind=ok]")
    else:
        set_duress(page)
        lock(page)
        unlock(page, DURESS)
        page.wait_for_selector("[data-view=sheet]:not([hidden])")
    # The database was deleted and made again: its old records are not kept in it.
    assert names(base_url)["db"] in page.evaluate("window.__deleted")
    assert "speciale apparatuur" in page.locator("main").inner_text()
    keys = shape(page, base_url)["store"]
    assert sorted(keys) == (["k", "l"] if how == "erase" else ["k", "l", "p"])
    # The code still works after the database was made again.
    calculator_opens(page, base_url, REAL if how == "erase" else DURESS)


def test_notes_and_own_items_do_not_teach_the_keyboard(page, base_url):
    create_plan(page, base_url, REAL)
    fields = page.locator("[data-sheet] textarea, [data-sheet] input[name=item]")
    assert fields.count() > 10
    attrs = fields.evaluate_all("""els => els.map((e) => [e.getAttribute('spellcheck'),
        e.getAttribute('autocorrect'), e.getAttribute('autocapitalize')])""")
    assert set(map(tuple, attrs)) == {("false", "off", "off")}


OLD_FORMAT = """async ([code, note]) => {
  const enc = new TextEncoder();
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
  const bits = async (salt) => {
    const base = await crypto.subtle.importKey("raw", enc.encode(code), "PBKDF2", false, ["deriveBits"]);
    return new Uint8Array(await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations: 600000 }, base, 256));
  };
  const salt = crypto.getRandomValues(new Uint8Array(16));
  localStorage.setItem("u:lock", JSON.stringify({ v: 1, iter: 600000, salt: b64(salt), hash: b64(await bits(salt)) }));
  localStorage.setItem("u:disguise", "calc");
  localStorage.setItem("u:plan-tries", "2");
  const planSalt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", await bits(planSalt), "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const text = JSON.stringify({ v: 1, ticks: { "bag-id": true }, notes: { signs: note }, custom: {} });
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key,
    enc.encode(text.padEnd(1024, " "))));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  const open = indexedDB.open("u", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("kv");
  const db = await new Promise((ok) => { open.onsuccess = () => ok(open.result); });
  const tx = db.transaction("kv", "readwrite");
  tx.objectStore("kv").put({ v: 1, iter: 600000, salt: planSalt, iv, data, digest }, "plan:aa");
  tx.objectStore("kv").put({ id: "aa", duress: null }, "head");
  await new Promise((ok) => { tx.oncomplete = ok; });
  db.close();
}"""


def test_a_four_digit_code_and_plan_from_version_1_move_over_without_loss(page, base_url):
    page.goto(base_url + "/robots.txt")
    page.evaluate(OLD_FORMAT, ["1357", NOTE])
    # The old short code still opens the calculator, once the new way is in place too.
    calculator_opens(page, base_url, "1357")
    page.goto(base_url + "/nl/plan/")
    unlock(page, "1357")
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.locator("#note-signs").input_value() == NOTE
    assert page.get_by_label("ID-kaart of paspoort").is_checked()
    # It asks for a longer code, and the change form is open.
    assert "Je code is kort" in page.locator("[data-message=change-code]").inner_text()
    assert page.get_by_role("button", name="Je code veranderen").get_attribute("aria-expanded") == "true"
    assert page.locator("#change-code").is_visible()
    old = page.evaluate("""async () => [Object.keys(localStorage).filter((k) => k.startsWith('u:')),
        (await indexedDB.databases()).map((d) => d.name)]""")
    assert old == [[], [names(base_url)["db"]]]
    page.locator("#change-code").fill("97531864")
    page.locator("#change-again").fill("97531864")
    page.get_by_role("button", name="Code veranderen", exact=True).click()
    page.wait_for_selector("[data-message=change-code][data-kind=ok]:has-text('veranderd')")
    lock(page)
    unlock(page, "97531864")
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.locator("#note-signs").input_value() == NOTE
    calculator_opens(page, base_url, "97531864")


@pytest.mark.export
def test_erase_in_the_installed_app_does_not_bring_the_offline_copy_back(context, base_url):
    page = context.new_page()
    set_up_disguise(page, base_url, "calc", REAL)
    precache(page)
    page.add_init_script(STANDALONE)
    page.goto(base_url + "/nl/")
    page.wait_for_url(base_url + "/nl/calc/")
    tap(page, REAL + "=")
    page.wait_for_url(base_url + "/nl/")
    page.goto(base_url + "/nl/clear/")
    exit_ready(page)
    page.get_by_role("button", name="Ja, wis alles").click()
    # The exit of the installed app is its decoy.
    page.wait_for_url(base_url + "/nl/calc/")
    page.wait_for_function("() => performance.getEntriesByName('offline:skipped').length === 1")
    left = page.evaluate("""async () => [(await navigator.serviceWorker.getRegistrations()).length,
        (await caches.keys()).length, Object.keys(localStorage).length]""")
    assert left == [0, 0, 0]
    # The calculator still calculates.
    tap(page, "6*7=")
    assert page.locator("[data-display]").inner_text() == "42"


class BlackHole:
    """A server that takes connections, notes each request line and never answers."""

    def __init__(self, port: int):
        self.lines: list[str] = []
        self.open: list[socket.socket] = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.open.append(conn)
            conn.settimeout(5)
            try:
                self.lines.append(conn.recv(4096).decode("latin-1").split("\r\n")[0])
            except OSError:
                pass

    def close(self):
        for conn in self.open:
            conn.close()
        self.sock.close()


def test_the_disguised_app_opens_its_decoy_from_the_offline_copy(browser):
    port = free_port()
    proc, base = start_server(port=port)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    hole = None
    try:
        page = context.new_page()
        set_up_disguise(page, base, "calc", REAL)
        precache(page)
        page.close()
        # Whoever runs the network sees every request; here nothing ever answers.
        stop_server(proc)
        proc = None
        hole = BlackHole(port)
        launch = context.new_page()
        launch.add_init_script(STANDALONE)
        launch.goto(base + "/nl/calc/")
        tap(launch, "6*7=")
        assert launch.locator("[data-display]").inner_text() == "42"
        assert not [line for line in hole.lines if "/nl/calc/" in line or "/static/" in line]
    finally:
        context.close()
        if hole:
            hole.close()
        if proc:
            stop_server(proc)


def lower_backup_work(path, iterations: int) -> None:
    """Rewrite the iteration count in a backup file, as someone with the file could."""
    raw = bytearray(base64.b64decode(path.read_text()))
    mask = int.from_bytes(raw[0:4], "big")
    assert int.from_bytes(raw[28:32], "big") ^ mask >= 600_000
    raw[28:32] = (iterations ^ mask).to_bytes(4, "big")
    path.write_text(base64.b64encode(bytes(raw)).decode())


def test_a_backup_file_that_asks_for_less_work_is_refused(page, browser, base_url, tmp_path):
    create_plan(page, base_url, REAL)
    fill_plan(page)
    path, backup_code = make_backup(page, tmp_path)
    lower_backup_work(path, 1_000)
    with new_phone(browser) as phone:
        restore_on_new_phone(phone, base_url, path, backup_code)
        # Refused as damaged before any key is made, not tried as a wrong backup code.
        message = phone.locator("[data-view=create] [data-message=restore][data-kind=error]")
        message.wait_for()
        assert message.inner_text().startswith("Dit bestand kan niet open")
        assert "back-upcode" not in message.inner_text()
        assert not sheet_open(phone) and phone.get_by_text(NOTE).count() == 0


def test_a_code_and_plan_from_version_1_that_ask_for_less_work_are_refused(page, base_url):
    page.goto(base_url + "/robots.txt")
    weak = OLD_FORMAT.replace("iterations: 600000", "iterations: 100000").replace(
        "iter: 600000", "iter: 100000")
    page.evaluate(weak, ["1357", NOTE])
    # The calculator does not take the code, and the plan says its data is damaged.
    page.goto(base_url + "/nl/calc/")
    tap(page, "1357=")
    assert page.locator("[data-display]").inner_text() == "1357"
    assert page.url.endswith("/nl/calc/")
    page.goto(base_url + "/nl/plan/")
    page.wait_for_selector("[data-view=unlock]:not([hidden])")
    unlock(page, "1357")
    message = page.locator("[data-message=unlock][data-kind=error]")
    message.wait_for()
    assert "beschadigd" in message.inner_text()
    assert not sheet_open(page) and page.get_by_text(NOTE).count() == 0
    # Nothing was thrown away: the old records are still there for a backup or a fix.
    assert page.evaluate("localStorage.getItem('u:lock')").count("100000") == 1
